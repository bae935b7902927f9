"""Build transforms/reference_bigrams.tsv, the genuine-text model of quality scoring.

.venv/bin/python benchmarks/build_quality_reference.py

Counts character pairs in genuine report text, cleaned as the pipeline cleans it: the
bundled samples, the hand-written pages in benchmarks/quality_reference/ (written after
real 统计公报, 工作报告, 自评报告 and news pages), and the genuine pages of the development
set's parts A-D (tests/devset: pages whose gold says expect_low_quality: false). Kept out:
the labelled quality set (tests/transforms/cases/quality/) and the later, blind parts of the
development set (E onwards), so their quality scores are measured on text the model was
not built from.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from transforms.clean import clean_text, load_chrome_rules  # noqa: E402
from transforms.decode import decode_bytes  # noqa: E402
from transforms.reference import REFERENCE_FILE, count_bigrams, format_counts  # noqa: E402

SOURCES = (ROOT / "samples", ROOT / "benchmarks" / "quality_reference")
DEVSET = ROOT / "tests" / "devset"
DEVSET_PARTS = ("a", "b", "c", "d")


def devset_genuine_pages() -> list[Path]:
    """The pages of the development set's parts A-D that their gold calls genuine."""
    pages = []
    for part in DEVSET_PARTS:
        gold = yaml.safe_load((DEVSET / "gold" / f"{part}.yaml").read_text(encoding="utf-8"))
        for doc in gold["documents"]:
            if doc.get("expect_low_quality") is False:
                pages.append(DEVSET / "docs" / doc["file"])
    return pages


def main() -> None:
    rules = load_chrome_rules()
    paths = [path for folder in SOURCES for path in sorted(folder.glob("*.txt"))]
    paths += devset_genuine_pages()
    texts = [clean_text(decode_bytes(path.read_bytes()).text, rules).text for path in paths]
    counts = count_bigrams(texts)
    header = (
        "Character-pair counts of genuine report text (transforms.reference); built by\n"
        "benchmarks/build_quality_reference.py from samples/, benchmarks/quality_reference/\n"
        "and the genuine pages of tests/devset parts A-D.\n"
        f"{len(texts)} texts, {sum(map(len, texts))} characters, {len(counts)} distinct pairs.\n"
        "Digits are 0, Latin letters a, line breaks \\n. Format: pair<TAB>count."
    )
    REFERENCE_FILE.write_text(format_counts(counts, header), encoding="utf-8")
    print(f"{REFERENCE_FILE.name}: {len(counts)} pairs from {len(texts)} texts")


if __name__ == "__main__":
    main()
