"""Figure extraction against the hand-annotated evaluation set.

.venv/bin/python benchmarks/extraction_eval.py [--annotations PATH]
    [--min-precision 0.95] [--min-recall 0.90]

Runs `extract_metrics` on each golden report named in the annotation file, keeps the rows
that fall inside an annotated passage and matches them to the annotated figures by
offsets. Prints precision, recall and F1 overall (is it a figure?) and per kind (is it a
figure of this kind?), value and kind accuracy among matched figures, the indicator-mapping
accuracy among matched figures that have an annotated indicator, then every miss and every
false positive with its sentence. Exits 0 (it is a report) unless a --min-* flag is given
and not met.

.venv/bin/python benchmarks/extraction_eval.py --devset [--data DIR] [--all]

Runs the real CLI on the development set (`edureports run --source tests/devset/docs` into a
temporary folder, or reuses the warehouse of --data), reads the warehouse read-only and
scores it against every tests/devset/gold/*.yaml part: fact recall, indicator accuracy,
series coverage and precision, region and year accuracy per report and per figure, quality
precision/recall, trap numbers (definitions in benchmarks/devset_scores.py), then lists what
misses (15 lines per list; --all lists every one).
"""

from __future__ import annotations

import argparse
import math
import re
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.devset_scores import load_gold, render, score  # noqa: E402
from transforms.catalog import KINDS, Catalog, load_catalog  # noqa: E402
from transforms.data_files import read_yaml  # noqa: E402
from transforms.metrics import MetricMention, extract_metrics  # noqa: E402

CASES = ROOT / "tests" / "transforms" / "cases"
ANNOTATIONS = CASES / "extraction_eval.yaml"
GOLDEN = CASES / "golden"
DEVSET = ROOT / "tests" / "devset"
EDUREPORTS = ROOT / ".venv" / "bin" / "edureports"
DEVSET_QUERIES = {
    "documents": "select doc_id, uri, quality from documents",
    "reports": "select report_id, doc_id, region_name, region_level, year from reports",
    "metrics": "select doc_id, indicator, value, unit, kind, masked, value_text, region_name, "
    "year from metrics",
    "series": "select indicator, region_name, region_level, year, value from indicator_series",
    "indicators": "select code, name from indicators",
}
FIELDS = ("value_text", "value", "unit", "kind", "qualifier", "masked", "indicator")

_DIGITISH = frozenset("0123456789.,*Xx")
_CN_NUMERAL = frozenset("零〇一二两三四五六七八九十百千万亿")
_SENTENCE_END = re.compile(r"[。！？!?\n]")


class AnnotationError(ValueError):
    """The annotation file is malformed."""


@dataclass(frozen=True)
class GoldFigure:
    """One hand-annotated figure, with its offsets in the report text."""

    value_text: str
    value: float | None
    unit: str
    kind: str
    qualifier: str | None
    masked: bool
    indicator: str | None
    start: int
    end: int


@dataclass(frozen=True)
class Passage:
    """An annotated passage of one report: its span, figures and not-figure spans."""

    file: str
    start: int
    end: int
    figures: tuple[GoldFigure, ...]
    not_figures: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Match:
    gold: GoldFigure
    row: MetricMention


@dataclass(frozen=True)
class Counts:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Result:
    """Everything the report prints."""

    texts: dict[str, str]
    passages: list[Passage]
    matches: list[Match] = field(default_factory=list)
    misses: list[tuple[Passage, GoldFigure]] = field(default_factory=list)
    false_positives: list[tuple[Passage, MetricMention]] = field(default_factory=list)

    @property
    def gold_count(self) -> int:
        return sum(len(p.figures) for p in self.passages)

    @property
    def overall(self) -> Counts:
        return Counts(len(self.matches), len(self.false_positives), len(self.misses))

    @property
    def precision(self) -> float:
        return self.overall.precision

    @property
    def recall(self) -> float:
        return self.overall.recall

    @property
    def f1(self) -> float:
        return self.overall.f1

    def per_kind(self, kind: str) -> Counts:
        tp = sum(1 for m in self.matches if m.gold.kind == kind and m.row.kind == kind)
        fp = sum(1 for _, r in self.false_positives if r.kind == kind) + sum(
            1 for m in self.matches if m.row.kind == kind and m.gold.kind != kind
        )
        fn = sum(1 for _, g in self.misses if g.kind == kind) + sum(
            1 for m in self.matches if m.gold.kind == kind and m.row.kind != kind
        )
        return Counts(tp, fp, fn)

    @property
    def value_errors(self) -> list[Match]:
        return [m for m in self.matches if not value_equal(m.gold, m.row)]

    @property
    def kind_errors(self) -> list[Match]:
        return [m for m in self.matches if m.gold.kind != m.row.kind]

    @property
    def qualifier_errors(self) -> list[Match]:
        return [m for m in self.matches if m.gold.qualifier != m.row.qualifier]

    @property
    def indicator_checked(self) -> list[Match]:
        return [m for m in self.matches if m.gold.indicator is not None]

    @property
    def indicator_errors(self) -> list[Match]:
        return [m for m in self.indicator_checked if m.row.indicator != m.gold.indicator]

    @property
    def indicator_accuracy(self) -> float:
        checked = self.indicator_checked
        if not checked:
            return 1.0
        return 1 - len(self.indicator_errors) / len(checked)

    @property
    def spurious_indicators(self) -> list[Match]:
        """Matched figures annotated without an indicator that the extractor gave one."""
        return [m for m in self.matches if m.gold.indicator is None and m.row.indicator]


# ---------------------------------------------------------------- annotations


def report_text(name: str, golden: Path = GOLDEN) -> str:
    """The report text of a golden file: without its `# title:` line and final newline."""
    content = (golden / name).read_text(encoding="utf-8")
    first, _, rest = content.partition("\n")
    if not first.startswith("# title:"):
        raise AnnotationError(f"{name}: no `# title:` line")
    return rest[:-1] if rest.endswith("\n") else rest


def _locate_figure(text: str, value_text: str, cursor: int, end: int) -> int:
    """Offset of `value_text` at or after `cursor`, not inside a longer number (8所 in 18所)."""
    pos = text.find(value_text, cursor, end)
    while pos >= 0:
        before = text[pos - 1] if pos > 0 else ""
        cn = value_text[0] in _CN_NUMERAL and before in _CN_NUMERAL
        if before not in _DIGITISH and not cn:
            return pos
        pos = text.find(value_text, pos + 1, end)
    return -1


def _gold_figure(raw: Any, text: str, cursor: int, end: int, where: str) -> GoldFigure:
    if not isinstance(raw, dict) or set(raw) != set(FIELDS):
        raise AnnotationError(f"{where}: a figure needs exactly the fields {FIELDS}: {raw!r}")
    value_text = str(raw["value_text"])
    pos = _locate_figure(text, value_text, cursor, end)
    if pos < 0:
        raise AnnotationError(f"{where}: figure {value_text!r} not found after offset {cursor}")
    if raw["kind"] not in KINDS:
        raise AnnotationError(f"{where}: unknown kind {raw['kind']!r}")
    masked = bool(raw["masked"])
    value = raw["value"]
    if masked != (value is None):
        raise AnnotationError(f"{where}: {value_text!r} must have value null iff masked")
    return GoldFigure(
        value_text=value_text,
        value=None if value is None else float(value),
        unit=str(raw["unit"]),
        kind=str(raw["kind"]),
        qualifier=None if raw["qualifier"] is None else str(raw["qualifier"]),
        masked=masked,
        indicator=None if raw["indicator"] is None else str(raw["indicator"]),
        start=pos,
        end=pos + len(value_text),
    )


def load_annotations(
    path: Path = ANNOTATIONS, golden: Path = GOLDEN
) -> tuple[list[Passage], dict[str, str]]:
    """The annotated passages (offsets resolved) and the report texts they refer to.

    Raises AnnotationError when a passage is not found exactly once in its report, a
    figure is not found in its passage, or a field is missing.
    """
    doc = read_yaml(path)
    if not isinstance(doc, dict) or not isinstance(doc.get("passages"), list):
        raise AnnotationError(f"{path}: expected a mapping with a `passages` list")
    texts: dict[str, str] = {}
    passages: list[Passage] = []
    for n, raw in enumerate(doc["passages"], 1):
        where = f"passage {n}"
        if not isinstance(raw, dict) or not {"file", "text", "figures"} <= set(raw):
            raise AnnotationError(f"{where}: needs `file`, `text` and `figures`")
        name, snippet = str(raw["file"]), str(raw["text"])
        where = f"passage {n} ({name})"
        if name not in texts:
            texts[name] = report_text(name, golden)
        text = texts[name]
        start = text.find(snippet)
        if start < 0 or not snippet:
            raise AnnotationError(f"{where}: text not found in the report")
        if text.find(snippet, start + 1) >= 0:
            raise AnnotationError(f"{where}: text occurs more than once in the report")
        end = start + len(snippet)
        figures: list[GoldFigure] = []
        cursor = start
        for fig_raw in raw["figures"] or ():
            fig = _gold_figure(fig_raw, text, cursor, end, where)
            figures.append(fig)
            cursor = fig.end
        spans: list[tuple[int, int]] = []
        for nf in raw.get("not_figures") or ():
            nf = str(nf)
            pos = _locate_figure(text, nf, start, end)
            if pos < 0:
                raise AnnotationError(f"{where}: not-figure {nf!r} not found in the passage")
            while pos >= 0:
                spans.append((pos, pos + len(nf)))
                pos = _locate_figure(text, nf, pos + len(nf), end)
        for s, e in spans:
            for fig in figures:
                if s < fig.end and fig.start < e:
                    raise AnnotationError(
                        f"{where}: not-figure {text[s:e]!r} overlaps figure {fig.value_text!r}"
                    )
        passages.append(Passage(name, start, end, tuple(figures), tuple(sorted(spans))))
    return passages, texts


# ---------------------------------------------------------------- evaluation


def value_equal(gold: GoldFigure, row: MetricMention) -> bool:
    """Same unit, same masking and the same value (relative tolerance 1e-4)."""
    if gold.unit != row.unit or gold.masked != row.masked:
        return False
    if gold.value is None or row.value is None:
        return gold.value is None and row.value is None
    return math.isclose(gold.value, row.value, rel_tol=1e-4, abs_tol=1e-9)


def _spans(rows: Sequence[MetricMention]) -> list[MetricMention]:
    """One row per figure span (A、B各1所 gives several rows with the same offsets)."""
    seen: set[tuple[int, int]] = set()
    out: list[MetricMention] = []
    for row in rows:
        key = (row.char_start, row.char_end)
        if key not in seen:
            seen.add(key)
            out.append(row)
    return out


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def evaluate(
    passages: list[Passage], texts: dict[str, str], catalog: Catalog | None = None
) -> Result:
    """Match extractor rows to the annotated figures of every passage."""
    catalog = catalog or load_catalog()
    rows_by_file = {name: _spans(extract_metrics(text, catalog)) for name, text in texts.items()}
    result = Result(texts=texts, passages=passages)
    for p in passages:
        rows = [
            r
            for r in rows_by_file[p.file]
            if r.char_start < p.end and r.char_end > p.start and r.char_start >= p.start
        ]
        used: set[int] = set()
        for gold in p.figures:
            best: int | None = None
            best_overlap = 0
            for i, row in enumerate(rows):
                if i in used:
                    continue
                ov = _overlap(gold.start, gold.end, row.char_start, row.char_end)
                exact = (row.char_start, row.char_end) == (gold.start, gold.end)
                if exact:
                    best = i
                    break
                if ov > best_overlap:
                    best, best_overlap = i, ov
            if best is None:
                result.misses.append((p, gold))
            else:
                used.add(best)
                result.matches.append(Match(gold, rows[best]))
        result.false_positives += [(p, r) for i, r in enumerate(rows) if i not in used]
    return result


# ---------------------------------------------------------------- report


def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence (between 。！？ or newlines) holding text[start:end]."""
    lo = 0
    for brk in _SENTENCE_END.finditer(text, 0, start):
        lo = brk.end()
    nxt = _SENTENCE_END.search(text, end)
    hi = nxt.end() if nxt else len(text)
    return text[lo:hi].strip()


def _fmt(x: float | None) -> str:
    if x is None:
        return "null"
    return f"{x:g}" if abs(x) < 1e15 else repr(x)


def _pct(n: int, d: int) -> str:
    return f"{n / d:.3f} ({n}/{d})" if d else "n/a (0/0)"


def print_report(result: Result, out: Any = None) -> None:
    """Print the scores, then every miss, false positive and disagreement."""

    def w(line: str = "") -> None:
        print(line, file=out or sys.stdout)

    nf = sum(len(p.not_figures) for p in result.passages)
    w(
        f"annotation: {len(result.passages)} passages in {len(result.texts)} reports, "
        f"{result.gold_count} figures, {nf} not-figure spans"
    )
    o = result.overall
    w(f"extractor rows in passages: {o.tp + o.fp}")
    w()
    w(f"{'':12} {'precision':>9} {'recall':>7} {'F1':>6} {'TP':>5} {'FP':>4} {'FN':>4}")
    for name, c in [("overall", o), *((k, result.per_kind(k)) for k in KINDS)]:
        w(f"{name:12} {c.precision:9.3f} {c.recall:7.3f} {c.f1:6.3f} {c.tp:5d} {c.fp:4d} {c.fn:4d}")
    w()
    n = len(result.matches)
    checked = len(result.indicator_checked)
    for label, good, total in [
        ("value accuracy (value, unit, masked equal; matched)", n - len(result.value_errors), n),
        ("kind accuracy (matched)", n - len(result.kind_errors), n),
        ("qualifier agreement (matched)", n - len(result.qualifier_errors), n),
        (
            "indicator-mapping accuracy (matched, annotated)",
            checked - len(result.indicator_errors),
            checked,
        ),
    ]:
        w(f"{label + ':':52} {_pct(good, total)}")
    w(f"{'indicator given where none is annotated:':52} {len(result.spurious_indicators)}")

    def show(title: str, items: list[str]) -> None:
        w()
        w(f"{title}: {len(items)}")
        for item in items:
            w(item)

    show(
        "misses (false negatives)",
        [
            f"  {p.file}@{g.start} {g.value_text!r} [{g.kind}]  | "
            f"{sentence_at(result.texts[p.file], g.start, g.end)}"
            for p, g in result.misses
        ],
    )
    fps = []
    for p, r in result.false_positives:
        listed = any(s < r.char_end and r.char_start < e for s, e in p.not_figures)
        tag = "listed not-figure" if listed else "not annotated"
        fps.append(f"  {p.file}@{r.char_start} {r.value_text!r} ({tag})  | {r.sentence}")
    show("false positives", fps)
    show(
        "boundary differences (matched, value_text differs)",
        [
            f"  {m.gold.value_text!r} vs {m.row.value_text!r}"
            for m in result.matches
            if m.gold.value_text != m.row.value_text
        ],
    )
    show(
        "value errors",
        [
            f"  {m.gold.value_text!r}: annotated {_fmt(m.gold.value)} {m.gold.unit}, "
            f"got {_fmt(m.row.value)} {m.row.unit}"
            for m in result.value_errors
        ],
    )
    show(
        "kind errors",
        [
            f"  {m.gold.value_text!r}: annotated {m.gold.kind}, got {m.row.kind}"
            f"  | {m.row.sentence}"
            for m in result.kind_errors
        ],
    )
    show(
        "indicator errors",
        [
            f"  {m.gold.value_text!r} label {m.row.label!r}: annotated {m.gold.indicator}, "
            f"got {m.row.indicator}"
            for m in result.indicator_errors
        ],
    )
    show(
        "indicator given where none is annotated",
        [
            f"  {m.gold.value_text!r} label {m.row.label!r}: got {m.row.indicator}"
            for m in result.spurious_indicators
        ],
    )
    show(
        "qualifier differences",
        [
            f"  {m.gold.value_text!r}: annotated {m.gold.qualifier}, got {m.row.qualifier}"
            for m in result.qualifier_errors
        ],
    )


# ---------------------------------------------------------------- development set


def run_devset(docs: Path, data: Path) -> None:
    """Run the pipeline's CLI on the development set's pages into `data`."""
    cmd = [str(EDUREPORTS), "run", "--source", str(docs), "--data", str(data)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"edureports run exited {done.returncode}: {done.stderr[-600:]}")


def read_warehouse(data: Path) -> dict[str, list[dict[str, Any]]]:
    """The rows the scores need, read from the warehouse of `data` (read-only)."""
    import duckdb

    con = duckdb.connect(str(data / "warehouse.duckdb"), read_only=True)
    try:
        raw: dict[str, list[dict[str, Any]]] = {}
        for name, sql in DEVSET_QUERIES.items():
            cur = con.execute(sql)
            columns = [d[0] for d in cur.description]
            raw[name] = [dict(zip(columns, row, strict=True)) for row in cur.fetchall()]
        return raw
    finally:
        con.close()


def devset_main(data: Path | None, show_all: bool) -> int:
    """Score a run on the development set and print the scores and the misses."""
    gold = load_gold((DEVSET / "gold").glob("*.yaml"))
    if data is None:
        data = Path(tempfile.mkdtemp(prefix="devset-eval-"))
        run_devset(DEVSET / "docs", data)
    print(f"development set: {len(gold)} gold pages; warehouse {data}")
    print(render(score(read_warehouse(data), gold), cap=None if show_all else 15))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--annotations", type=Path, default=ANNOTATIONS)
    parser.add_argument("--min-precision", type=float, default=None)
    parser.add_argument("--min-recall", type=float, default=None)
    parser.add_argument(
        "--devset", action="store_true", help="score a pipeline run on tests/devset/ instead"
    )
    parser.add_argument(
        "--data", type=Path, help="with --devset: score this warehouse instead of a new run"
    )
    parser.add_argument("--all", action="store_true", help="with --devset: list every miss")
    args = parser.parse_args(argv)
    if args.devset:
        return devset_main(args.data, args.all)
    passages, texts = load_annotations(args.annotations)
    result = evaluate(passages, texts)
    print_report(result)
    failed = []
    if args.min_precision is not None and result.precision < args.min_precision:
        failed.append(f"precision {result.precision:.3f} < {args.min_precision}")
    if args.min_recall is not None and result.recall < args.min_recall:
        failed.append(f"recall {result.recall:.3f} < {args.min_recall}")
    for msg in failed:
        print(f"FAILED: {msg}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
