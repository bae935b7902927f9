"""Page quality against the labelled quality set: precision and recall of `low`.

.venv/bin/python benchmarks/quality_eval.py [--cases DIR] [PAGE ...]

Cleans and scores every page named in DIR/labels.yaml (tests/transforms/cases/quality/ by
default), then prints one line per page (gold, verdict, score, the signals that counted),
precision and recall of `low` (the positive class: spun or garbage), the accuracy of the
`short` flag, and whether the pages labelled the same report / another report are told
apart by transforms.dedupe.same_report. Pages given as arguments (with no label) are
scored and printed too. Exits 0: it is a report.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from transforms.clean import clean_text, load_chrome_rules  # noqa: E402
from transforms.dedupe import same_report  # noqa: E402
from transforms.quality import Quality, score_cleaned, spin_signals  # noqa: E402

CASES = ROOT / "tests" / "transforms" / "cases" / "quality"


@dataclass(frozen=True)
class Scored:
    """One labelled page, scored."""

    name: str
    gold: str
    gold_short: bool
    quality: Quality
    signals: dict[str, float]
    text: str


@dataclass(frozen=True)
class Summary:
    """Precision and recall of `low`, short-flag accuracy, duplicate decisions."""

    precision: float
    recall: float
    short_accuracy: float
    false_low: tuple[str, ...]
    missed: tuple[str, ...]
    duplicates_right: int
    duplicates_total: int


def load_labels(cases: Path = CASES) -> dict[str, dict[str, object]]:
    """The labels file's pages: file name -> labels."""
    data = yaml.safe_load((cases / "labels.yaml").read_text(encoding="utf-8"))
    return dict(data["pages"])


def score_pages(cases: Path = CASES) -> list[Scored]:
    """Every labelled page cleaned as the pipeline cleans it, then scored."""
    rules = load_chrome_rules()
    out = []
    for name, label in load_labels(cases).items():
        cleaned = clean_text((cases / name).read_text(encoding="utf-8"), rules)
        signals = spin_signals(cleaned.text, cleaned.traditional_share, cleaned.title)
        out.append(
            Scored(
                name=name,
                gold=str(label["quality"]),
                gold_short=bool(label.get("short", False)),
                quality=score_cleaned(cleaned),
                signals={s.name: s.score for s in signals},
                text=cleaned.text,
            )
        )
    return out


def summarise(scored: list[Scored], labels: dict[str, dict[str, object]]) -> Summary:
    """Precision/recall of `low`, short accuracy and the duplicate pairs told apart."""
    flagged = {s.name for s in scored if s.quality.verdict != "ok"}
    spun = {s.name for s in scored if s.gold != "ok"}
    hits = flagged & spun
    texts = {s.name: s.text for s in scored}
    pairs = [
        (name, str(other), key == "same_as")
        for name, label in labels.items()
        for key in ("same_as", "differs_from")
        if (other := label.get(key))
    ]
    right = sum(same_report(texts[a], texts[b]) == same for a, b, same in pairs)
    return Summary(
        precision=len(hits) / len(flagged) if flagged else 1.0,
        recall=len(hits) / len(spun) if spun else 1.0,
        short_accuracy=sum(s.quality.short == s.gold_short for s in scored) / len(scored),
        false_low=tuple(sorted(flagged - spun)),
        missed=tuple(sorted(spun - flagged)),
        duplicates_right=right,
        duplicates_total=len(pairs),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=Path, default=CASES)
    parser.add_argument("pages", nargs="*", type=Path)
    args = parser.parse_args(argv)
    labels = load_labels(args.cases)
    scored = score_pages(args.cases)
    names = ("spinner_vocabulary", "keyword_injection", "perplexity", "broken_collocations")
    print(f"{'page':28} {'gold':4} {'got':8} {'score':>5} short  " + " ".join(n[:6] for n in names))
    for s in scored:
        cells = " ".join(f"{s.signals.get(n, 0.0):6.2f}" for n in names)
        mark = "" if (s.quality.verdict != "ok") == (s.gold != "ok") else "  <-- wrong"
        print(
            f"{s.name:28} {s.gold:4} {s.quality.verdict:8} {s.quality.score:5.2f} "
            f"{'yes' if s.quality.short else 'no ':5}  {cells}{mark}"
        )
    rules = load_chrome_rules()
    for path in args.pages:
        cleaned = clean_text(path.read_text(encoding="utf-8"), rules)
        q = score_cleaned(cleaned)
        print(f"{path.name:28} {'?':4} {q.verdict:8} {q.score:5.2f}  {'; '.join(q.reasons)}")
    summary = summarise(scored, labels)
    spun = [s for s in scored if s.gold != "ok"]
    print(
        f"\nlow: precision {summary.precision:.2f}, recall {summary.recall:.2f} "
        f"({len(spun)} spun, {len(scored) - len(spun)} genuine pages)"
    )
    print(f"short flag accuracy {summary.short_accuracy:.2f}")
    told = f"{summary.duplicates_right} of {summary.duplicates_total}"
    print(f"same report / another report told apart: {told}")
    for name in names:
        alone = sum(s.signals.get(name, 0.0) >= 1.0 for s in spun)
        print(f"  {name} alone would flag {alone} of {len(spun)} spun pages")
    if summary.false_low:
        print("genuine pages flagged low:", ", ".join(summary.false_low))
    if summary.missed:
        print("spun pages missed:", ", ".join(summary.missed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
