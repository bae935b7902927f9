"""Build transforms/reference_bigrams.tsv, the genuine-text model of quality scoring.

.venv/bin/python benchmarks/build_quality_reference.py

Counts character pairs in genuine report text: the bundled samples (cleaned as the
pipeline cleans them) and the hand-written pages in benchmarks/quality_reference/, written
after real 统计公报, 工作报告, 自评报告 and news pages. The labelled quality set
(tests/transforms/cases/quality/) is kept out, so its scores are not measured on the
text the model was built from.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from transforms.clean import clean_text, load_chrome_rules  # noqa: E402
from transforms.reference import REFERENCE_FILE, count_bigrams, format_counts  # noqa: E402

SOURCES = (ROOT / "samples", ROOT / "benchmarks" / "quality_reference")


def main() -> None:
    rules = load_chrome_rules()
    texts = [
        clean_text(path.read_text(encoding="utf-8"), rules).text
        for folder in SOURCES
        for path in sorted(folder.glob("*.txt"))
    ]
    counts = count_bigrams(texts)
    header = (
        "Character-pair counts of genuine report text (transforms.reference); built by\n"
        "benchmarks/build_quality_reference.py from samples/ and benchmarks/quality_reference/.\n"
        f"{len(texts)} texts, {sum(map(len, texts))} characters, {len(counts)} distinct pairs.\n"
        "Digits are 0, Latin letters a, line breaks \\n. Format: pair<TAB>count."
    )
    REFERENCE_FILE.write_text(format_counts(counts, header), encoding="utf-8")
    print(f"{REFERENCE_FILE.name}: {len(counts)} pairs from {len(texts)} texts")


if __name__ == "__main__":
    main()
