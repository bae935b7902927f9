"""Figures that contradict their report are flagged, and the evident repair is offered."""

from __future__ import annotations

from transforms.catalog import load_catalog
from transforms.consistency import check_consistency
from transforms.records import MetricRow

CATALOG = load_catalog()


def row(indicator: str, value: float, value_text: str, unit: str = "人") -> MetricRow:
    return MetricRow(
        "m", "r", "d", "某市", "city", 2019, indicator, "l", value, unit, value_text,
        "level", None, False, "s", 0, 1, True, None,
    )  # fmt: skip


def test_more_teachers_than_staff_is_implausible_with_the_lost_decimal_offered() -> None:
    staff, teachers = check_consistency(
        [row("staff_total", 45000, "4.5万人"), row("teachers_fulltime", 3120000, "312万人")],
        CATALOG,
    )
    assert staff.plausible
    assert not teachers.plausible
    assert teachers.value == 3120000  # never silently substituted
    assert teachers.repaired_value == 31200
    assert "staff" in (teachers.plausibility_reason or "")


def test_teachers_below_staff_stay_plausible() -> None:
    rows = check_consistency(
        [row("primary_staff", 5000, "5000人"), row("primary_teachers", 4000, "4000人")],
        CATALOG,
    )
    assert all(r.plausible and r.repaired_value is None for r in rows)


def test_a_share_above_100_percent_offers_the_lost_decimal() -> None:
    (share,) = check_consistency([row("preschool_public_rate", 4127, "4127%", "%")], CATALOG)
    assert (share.plausible, share.repaired_value) == (False, 41.27)


def test_a_gross_rate_above_100_percent_stands_where_its_indicator_allows_it() -> None:
    # pupils of every age over the age group: 初中阶段毛入学率100.9% is the nation's 2018 figure
    (gross,) = check_consistency(
        [row("junior_gross_enrollment_rate", 100.9, "100.9%", "%")], CATALOG
    )
    assert (gross.plausible, gross.repaired_value) == (True, None)
    (lost,) = check_consistency([row("junior_gross_enrollment_rate", 1009, "1009%", "%")], CATALOG)
    assert (lost.plausible, lost.repaired_value) == (False, 100.9)
