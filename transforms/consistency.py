"""Figures that contradict their context: flagged, with the one evident repair offered.

A level figure is implausible when it contradicts another figure of its report for the same
region and year: more full-time teachers (专任教师) than staff (教职工) of the same stage, a
share (%) above 100. When dividing by 10, 100 or 1000 (a decimal point lost in the source:
专任教师312万人 beside 教职工4.5万人; 占比4127%) makes it consistent, that value is offered
in `repaired_value`; the stated value is never replaced.
"""

from __future__ import annotations

from dataclasses import replace

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


def check_consistency(rows: list[MetricRow]) -> list[MetricRow]:
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
        if r.unit == "%" and r.kind == "level" and r.value is not None and r.value > 100:
            repaired = next((r.value / f for f in _REPAIRS if r.value / f <= 100), None)
            out[i] = replace(
                r,
                plausible=False,
                plausibility_reason=r.plausibility_reason or "a share above 100%",
                repaired_value=repaired,
            )
    return out
