"""Figures that contradict their context: flagged, with the one evident repair offered.

A level figure is implausible when it contradicts another figure of its report for the same
region and year: more full-time teachers (专任教师) than staff (教职工) of the same stage, a
share (%) above 100, unless its indicator's own range allows it (初中阶段毛入学率100.9%: a
gross rate counts pupils of every age over the age group). When dividing by 10, 100 or
1000 (a decimal point lost in the source: 专任教师312万人 beside 教职工4.5万人; 占比4127%)
makes it consistent, that value is offered in `repaired_value`; the stated value is never
replaced.
"""

from __future__ import annotations

from dataclasses import replace

from transforms.catalog import Catalog
from transforms.records import MetricRow

_REPAIRS = (10.0, 100.0, 1000.0)


def _teacher_staff_pairs(rows: list[MetricRow]) -> dict[int, int]:
    """Index of each teachers figure -> index of the staff figure of its stage and cell."""
    staff: dict[tuple[str, str | None, int | None], int] = {}
    for i, r in enumerate(rows):
        if r.indicator and r.kind == "level" and r.value and r.indicator.endswith("staff"):
            staff[(r.indicator.removesuffix("staff"), r.region_name, r.year)] = i
        if r.indicator == "staff_total" and r.kind == "level" and r.value:
            staff[("teachers_", r.region_name, r.year)] = i
    pairs: dict[int, int] = {}
    for i, r in enumerate(rows):
        if not (r.indicator and r.kind == "level" and r.value):
            continue
        if r.indicator == "teachers_fulltime":
            key = ("teachers_", r.region_name, r.year)
        elif r.indicator.endswith("_teachers"):
            key = (r.indicator.removesuffix("teachers"), r.region_name, r.year)
        else:
            continue
        if key in staff:
            pairs[i] = staff[key]
    return pairs


def _share_top(row: MetricRow, catalog: Catalog) -> float:
    """The highest share a row's indicator allows: 100 unless the catalog says more."""
    ind = catalog.indicator(row.indicator) if row.indicator else None
    return ind.max if ind is not None and ind.max is not None and ind.max > 100 else 100.0


def check_consistency(rows: list[MetricRow], catalog: Catalog) -> list[MetricRow]:
    """The report's figures, with contradictions flagged and evident repairs offered."""
    out = list(rows)
    for i, j in _teacher_staff_pairs(rows).items():
        teachers, staff = rows[i], rows[j]
        assert teachers.value is not None and staff.value is not None
        if teachers.value <= staff.value:
            continue
        repaired = next(
            (
                teachers.value / f
                for f in _REPAIRS
                if 0.3 * staff.value <= teachers.value / f <= staff.value
            ),
            None,
        )
        out[i] = replace(
            teachers,
            plausible=False,
            plausibility_reason=(
                f"more full-time teachers ({teachers.value_text}) than staff ({staff.value_text})"
            ),
            repaired_value=repaired,
        )
    for i, r in enumerate(out):
        top = _share_top(r, catalog)
        if r.unit == "%" and r.kind == "level" and r.value is not None and r.value > top:
            repaired = next((r.value / f for f in _REPAIRS if r.value / f <= top), None)
            out[i] = replace(
                r,
                plausible=False,
                plausibility_reason=r.plausibility_reason or "a share above 100%",
                repaired_value=repaired,
            )
    return out
