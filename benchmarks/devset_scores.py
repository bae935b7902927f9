"""Scores of a pipeline run on the development set (tests/devset/), as the issues define them.

Pure functions: `score(raw, gold)` takes what a run put in the warehouse (`raw`, plain rows)
and the gold documents, and returns a `DevsetScores`. `benchmarks/extraction_eval.py --devset`
runs the pipeline, collects `raw` and prints the scores.

The definitions are those of the team's gold checker (shared/checks/gold_eval.py), repeated
here so a fresh clone can score itself; keep them identical:

  fact_recall        unmasked gold facts found among the page's metrics (same kind, value
                     within 0.05%)
  masked_recall      masked gold facts matched by masked metrics (count-capped per page)
  trap_numbers       numbers inside trap spans (other than gold values and the page's year)
                     emitted as metric values of the page
  region/year right  per page: a report of the page carries the gold region / year
  series_coverage    gold level facts (no qualifier, no status, region and year known, page
                     not meant to be flagged, or `either` and not flagged) that appear as an
                     indicator_series value at their region and year (any code)
  series_precision_known  indicator_series rows whose code maps (CODE_TO_GOLD) to a gold
                     indicator with facts at that region and year: the row's value is one of them
  series_correct     national cells of the eight headline codes, when the gold has national pages

and these, which the checker does not compute, defined the same way:

  indicator_accuracy gold facts whose matched metric carries the right code, over the facts
                     whose indicator can be checked: a contract code (CODE_TO_GOLD) or a name
                     of the `indicators` table (the catalog's Chinese names). A fact not found
                     counts as wrong.
  figure region/year a gold fact matched to a metric (same kind and value, preferring metrics
                     whose value_text occurs in the fact's text) is right when that metric's
                     region_name / year equals the fact's own region / year, else the page's.
  quality precision  flagged pages (quality not 'ok') that must be flagged, over all flagged
                     pages with a definite expectation; recall: must-flag pages flagged.

`raw` holds lists of dicts: documents (doc_id, uri, quality), reports (doc_id, region_name,
year), metrics (doc_id, indicator, value, unit, kind, masked, value_text, region_name, year),
series (indicator, region_name, region_level, year, value) and indicators (code, name).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from transforms.data_files import read_yaml

# Gold indicator names (Chinese) for the contract codes of DESIGN.md (as in gold_eval.py).
CODE_TO_GOLD: dict[str, frozenset[str]] = {
    "preschool_gross_enrollment_rate": frozenset({"学前教育毛入园率"}),
    "compulsory_retention_rate": frozenset({"九年义务教育巩固率"}),
    "high_school_gross_enrollment_rate": frozenset({"高中阶段毛入学率"}),
    "higher_ed_gross_enrollment_rate": frozenset({"高等教育毛入学率"}),
    "schools_total": frozenset({"各级各类学校"}),
    "kindergartens": frozenset({"幼儿园"}),
    "students_total": frozenset({"各级各类学历教育在校生"}),
    "teachers_fulltime": frozenset({"专任教师"}),
    "staff_total": frozenset({"教职工"}),
    "preschool_inclusive_rate": frozenset({"普惠性幼儿园覆盖率"}),
    "preschool_public_rate": frozenset({"公办园在园幼儿占比"}),
}
NATIONAL_CODES = (
    "preschool_gross_enrollment_rate",
    "compulsory_retention_rate",
    "high_school_gross_enrollment_rate",
    "higher_ed_gross_enrollment_rate",
    "schools_total",
    "kindergartens",
    "students_total",
    "teachers_fulltime",
)
GOLD_TO_CODE = {g: c for c, gs in CODE_TO_GOLD.items() for g in gs}
TRAP_NUMBER = re.compile(r"(\d+(?:\.\d+)?)\s*(万|萬|亿|億)?")
TRAP_MULTIPLIER = {"万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8}

Row = Mapping[str, Any]


def close(a: float | None, b: float | None, rel: float = 5e-4) -> bool:
    """Values equal within 0.05% (or 1e-6 absolute); None never matches."""
    if a is None or b is None:
        return False
    return abs(a - b) <= max(1e-6, rel * abs(b))


def load_gold(paths: Iterable[Path]) -> list[dict[str, Any]]:
    """The gold documents of every part file, in file order (each part: `documents: [...]`)."""
    docs: list[dict[str, Any]] = []
    for path in sorted(paths):
        part = read_yaml(path)
        docs.extend(part.get("documents") or [])
    return docs


@dataclass(frozen=True)
class Ratio:
    hit: int
    total: int

    @property
    def value(self) -> float | None:
        return self.hit / self.total if self.total else None

    def __str__(self) -> str:
        return f"{self.value:.3f} ({self.hit}/{self.total})" if self.total else "n/a (0/0)"


@dataclass
class DevsetScores:
    """Every score and every list of misses of one run."""

    documents_seen: int = 0
    fact_recall: Ratio = Ratio(0, 0)
    masked_recall: Ratio = Ratio(0, 0)
    indicator_accuracy: Ratio = Ratio(0, 0)
    indicator_unchecked: int = 0  # gold facts whose indicator neither mapping knows
    indicator_not_found: int = 0  # checkable facts with no matching metric
    series_coverage: Ratio = Ratio(0, 0)
    series_precision_known: Ratio = Ratio(0, 0)
    series_precision_catalog: Ratio = Ratio(0, 0)
    series_rows: int = 0
    series_correct: Ratio | None = None
    region_per_report: Ratio = Ratio(0, 0)
    year_per_report: Ratio = Ratio(0, 0)
    region_per_figure: Ratio = Ratio(0, 0)
    year_per_figure: Ratio = Ratio(0, 0)
    low_quality_flagged: Ratio = Ratio(0, 0)  # recall
    good_docs_flagged_low: Ratio = Ratio(0, 0)
    trap_numbers_emitted: Ratio = Ratio(0, 0)
    lists: dict[str, list[str]] = field(default_factory=dict)

    @property
    def quality_precision(self) -> Ratio:
        hit = self.low_quality_flagged.hit
        return Ratio(hit, hit + self.good_docs_flagged_low.hit)

    @property
    def quality_recall(self) -> Ratio:
        return self.low_quality_flagged


def _group(rows: Iterable[Row], key: str) -> dict[Any, list[Row]]:
    out: dict[Any, list[Row]] = {}
    for row in rows:
        out.setdefault(row[key], []).append(row)
    return out


def matched_metrics(fact: Row, metrics: Sequence[Row]) -> list[Row]:
    """The page's metrics of the fact's kind and value, narrowed to those whose value_text
    occurs in the fact's text when there are such."""
    value = float(fact["value"])
    hits = [m for m in metrics if m["kind"] == fact["kind"] and close(m["value"], value)]
    text = str(fact.get("text") or "")
    in_text = [m for m in hits if m.get("value_text") and str(m["value_text"]) in text]
    return in_text or hits


def code_is_right(code: str | None, gold_indicator: str, names: Mapping[str, str]) -> bool:
    """The metric's code stands for the gold indicator (contract mapping or catalog name)."""
    if code is None:
        return False
    return gold_indicator in CODE_TO_GOLD.get(code, ()) or names.get(code) == gold_indicator


def _fmt(v: Any) -> str:
    return f"{v:g}" if isinstance(v, float) else str(v)


def _metric(m: Row) -> str:
    return (
        f"{m.get('value_text') or _fmt(m['value'])}→{m.get('indicator')} "
        f"{m.get('region_name')} {m.get('year')}"
    )


def score(raw: Mapping[str, Sequence[Row]], gold: Sequence[Row]) -> DevsetScores:
    """Score one run (`raw`) against the gold documents."""
    names = {str(r["code"]): str(r["name"]) for r in raw.get("indicators", ())}
    checkable = set(GOLD_TO_CODE) | set(names.values())
    must_flag = {str(g["file"])[:2] for g in gold if g.get("expect_low_quality") is True}
    either = {str(g["file"])[:2] for g in gold if g.get("expect_low_quality") == "either"}
    by_file: dict[str, list[Row]] = {}
    for d in raw["documents"]:
        by_file.setdefault(Path(str(d["uri"])).name, []).append(d)
    metrics_by_doc = _group(raw["metrics"], "doc_id")
    reports_by_doc = _group(raw["reports"], "doc_id")

    found = total = m_found = m_total = 0
    ind_right = ind_total = ind_unchecked = ind_missing = 0
    lq_hit = lq_total = ok_false = ok_total = 0
    reg_hit = reg_total = year_hit = year_total = 0
    freg_hit = freg_total = fyear_hit = fyear_total = 0
    trap_emitted = trap_total = 0
    lists: dict[str, list[str]] = {
        k: []
        for k in (
            "fact_misses",
            "indicator_wrong",
            "wrong_regions",
            "wrong_years",
            "figure_wrong_regions",
            "figure_wrong_years",
            "coverage_misses",
            "precision_wrong",
            "national_wrong",
            "traps_hit",
            "quality_wrong",
        )
    }
    national_gold: dict[tuple[str, int], set[float]] = {}
    cell_gold: dict[tuple[str, int], list[tuple[str, float, str, str]]] = {}
    for g in gold:
        docs = by_file.get(Path(str(g["file"])).name, [])
        ids = {d["doc_id"] for d in docs}
        ms = [m for i in ids for m in metrics_by_doc.get(i, [])]
        rs = [r for i in ids for r in reports_by_doc.get(i, [])]
        quality = docs[0]["quality"] if docs else None
        flagged = quality not in (None, "ok")
        tag = str(g["file"])[:2]
        if tag in must_flag:
            lq_total += 1
            lq_hit += flagged
            if not flagged:
                lists["quality_wrong"].append(f"{tag} spun/garbage page is {quality}")
        elif tag not in either:
            ok_total += 1
            ok_false += flagged
            if flagged:
                lists["quality_wrong"].append(f"{tag} genuine page is {quality}")
        counts_for_series = tag not in must_flag and not (tag in either and flagged)
        got_regions = sorted({str(r["region_name"]) for r in rs})
        if g.get("region"):
            reg_total += 1
            if any(r["region_name"] == g["region"] for r in rs):
                reg_hit += 1
            else:
                lists["wrong_regions"].append(f"{tag} want {g['region']} got {got_regions}")
        if g.get("year"):
            year_total += 1
            if any(r["year"] == g["year"] for r in rs):
                year_hit += 1
            else:
                got_years = sorted({str(r["year"]) for r in rs})
                lists["wrong_years"].append(f"{tag} want {g['year']} got {got_years}")
        gold_values: set[float] = set()
        n_masked = 0
        for f in g.get("facts") or []:
            if f.get("masked"):
                n_masked += 1
                continue
            total += 1
            value = float(f["value"])
            gold_values.add(round(value, 6))
            hits = matched_metrics(f, ms)
            where = f"{tag} {f['kind']} {f['value']} «{f['text']}»"
            if hits:
                found += 1
            else:
                lists["fact_misses"].append(where)
            indicator = str(f["indicator"])
            if indicator not in checkable:
                ind_unchecked += 1
            else:
                ind_total += 1
                if any(code_is_right(m.get("indicator"), indicator, names) for m in hits):
                    ind_right += 1
                else:
                    if not hits:
                        ind_missing += 1
                    got = sorted({str(m.get("indicator")) for m in hits}) or ["not found"]
                    lists["indicator_wrong"].append(f"{where} want {indicator} got {got}")
            region = f.get("region", g.get("region"))
            year = f.get("year", g.get("year"))
            if hits and region:
                freg_total += 1
                if any(m.get("region_name") == region for m in hits):
                    freg_hit += 1
                else:
                    got = sorted({str(m.get("region_name")) for m in hits})
                    lists["figure_wrong_regions"].append(f"{where} want {region} got {got}")
            if hits and year:
                fyear_total += 1
                if any(m.get("year") == year for m in hits):
                    fyear_hit += 1
                else:
                    got = sorted({str(m.get("year")) for m in hits})
                    lists["figure_wrong_years"].append(f"{where} want {year} got {got}")
            plain = f["kind"] == "level" and not f.get("qualifier") and not f.get("status")
            if counts_for_series and plain and region and year:
                found_as = "; ".join(_metric(m) for m in hits) or "no metric"
                cell_gold.setdefault((region, year), []).append(
                    (indicator, value, f"{tag} {indicator} {f['value']} «{f['text']}»", found_as)
                )
                code = GOLD_TO_CODE.get(indicator)
                if code in NATIONAL_CODES and region == "全国":
                    national_gold.setdefault((code, year), set()).add(value)
        if n_masked:
            m_total += n_masked
            m_found += min(n_masked, sum(1 for m in ms if m["masked"]))
        for t in g.get("traps") or []:
            for num, mult in TRAP_NUMBER.findall(str(t["text"])):
                v = float(num) * TRAP_MULTIPLIER.get(mult, 1)
                if any(close(v, gv) for gv in gold_values) or v == float(g.get("year") or 0):
                    continue
                trap_total += 1
                if any(close(m["value"], v) for m in ms):
                    trap_emitted += 1
                    lists["traps_hit"].append(
                        f"{tag} {v:g} «{str(t['text'])[:40]}» {str(t.get('note', ''))[:60]}"
                    )

    series = raw["series"]
    got_nat = {
        (s["indicator"], s["year"]): s["value"]
        for s in series
        if s["region_name"] == "全国" or s["region_level"] == "national"
    }
    nat_hit = 0
    for key, values in sorted(national_gold.items()):
        if any(close(got_nat.get(key), v) for v in values):
            nat_hit += 1
        else:
            lists["national_wrong"].append(
                f"{key[0]} {key[1]}: got {got_nat.get(key)} want {sorted(values)}"
            )
    cells: dict[tuple[Any, Any], list[Row]] = {}
    for s in series:
        cells.setdefault((s["region_name"], s["year"]), []).append(s)
    cov_hit = cov_total = 0
    for cell, facts in cell_gold.items():
        for _, v, where, found_as in facts:
            cov_total += 1
            if any(close(s["value"], v) for s in cells.get(cell, [])):
                cov_hit += 1
            else:
                lists["coverage_misses"].append(f"{where} at {cell[0]} {cell[1]}: {found_as}")
    prec_right = prec_total = cat_right = cat_total = 0
    for s in series:
        facts = cell_gold.get((s["region_name"], s["year"]), [])
        wanted = CODE_TO_GOLD.get(s["indicator"])
        values = [v for ind, v, _, _ in facts if wanted and ind in wanted]
        if values:
            prec_total += 1
            if any(close(s["value"], v) for v in values):
                prec_right += 1
            else:
                lists["precision_wrong"].append(
                    f"{s['indicator']} {s['region_name']} {s['year']}: "
                    f"got {_fmt(s['value'])} want {values}"
                )
        named = [v for ind, v, _, _ in facts if code_is_right(s["indicator"], ind, names)]
        if named:
            cat_total += 1
            cat_right += any(close(s["value"], v) for v in named)
    return DevsetScores(
        documents_seen=sum(len(v) for v in by_file.values()),
        fact_recall=Ratio(found, total),
        masked_recall=Ratio(m_found, m_total),
        indicator_accuracy=Ratio(ind_right, ind_total),
        indicator_unchecked=ind_unchecked,
        indicator_not_found=ind_missing,
        series_coverage=Ratio(cov_hit, cov_total),
        series_precision_known=Ratio(prec_right, prec_total),
        series_precision_catalog=Ratio(cat_right, cat_total),
        series_rows=len(series),
        series_correct=Ratio(nat_hit, len(national_gold)) if national_gold else None,
        region_per_report=Ratio(reg_hit, reg_total),
        year_per_report=Ratio(year_hit, year_total),
        region_per_figure=Ratio(freg_hit, freg_total),
        year_per_figure=Ratio(fyear_hit, fyear_total),
        low_quality_flagged=Ratio(lq_hit, lq_total),
        good_docs_flagged_low=Ratio(ok_false, ok_total),
        trap_numbers_emitted=Ratio(trap_emitted, trap_total),
        lists=lists,
    )


LIST_TITLES = {
    "fact_misses": "gold facts not found (kind, value)",
    "indicator_wrong": "indicator code wrong or figure not found",
    "wrong_regions": "pages without a report of the gold region",
    "wrong_years": "pages without a report of the gold year",
    "figure_wrong_regions": "figures with the wrong region",
    "figure_wrong_years": "figures with the wrong year",
    "coverage_misses": "series coverage misses (gold cell: the metric found, if any)",
    "precision_wrong": "series precision misses (contract codes)",
    "national_wrong": "national headline cells wrong",
    "traps_hit": "trap numbers emitted",
    "quality_wrong": "quality flag wrong",
}


def render(scores: DevsetScores, cap: int | None = 15) -> str:
    """The scores, then every list of misses (at most `cap` lines each; None: all)."""
    s = scores
    lines = [
        f"documents seen: {s.documents_seen}",
        f"{'fact recall:':34} {s.fact_recall}",
        f"{'masked recall:':34} {s.masked_recall}",
        f"{'indicator accuracy:':34} {s.indicator_accuracy}  "
        f"({s.indicator_not_found} of them not found; "
        f"{s.indicator_unchecked} gold facts not checkable: name not in the catalog)",
        f"{'series coverage:':34} {s.series_coverage}",
        f"{'series precision (known codes):':34} {s.series_precision_known}",
        f"{'series precision (catalog names):':34} {s.series_precision_catalog}",
        f"{'series rows:':34} {s.series_rows}",
        f"{'series correct (national cells):':34} {s.series_correct or 'n/a (no national gold)'}",
        f"{'region accuracy per report:':34} {s.region_per_report}",
        f"{'year accuracy per report:':34} {s.year_per_report}",
        f"{'region accuracy per figure:':34} {s.region_per_figure}",
        f"{'year accuracy per figure:':34} {s.year_per_figure}",
        f"{'quality precision:':34} {s.quality_precision}",
        f"{'quality recall:':34} {s.quality_recall}",
        f"{'genuine pages flagged low:':34} {s.good_docs_flagged_low}",
        f"{'trap numbers emitted:':34} {s.trap_numbers_emitted}",
    ]
    for key, title in LIST_TITLES.items():
        items = s.lists.get(key, [])
        lines += ["", f"{title}: {len(items)}"]
        shown = items if cap is None else items[:cap]
        lines += [f"  {item}" for item in shown]
        if len(shown) < len(items):
            lines.append(f"  … {len(items) - len(shown)} more (--all lists every one)")
    return "\n".join(lines)
