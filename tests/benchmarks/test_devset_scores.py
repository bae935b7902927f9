"""The development-set scores on a hand-made run: every score counted by hand."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from benchmarks.devset_scores import Ratio, load_gold, matched_metrics, render, score


def metric(doc: str, code: str | None, value: float | None, **kw: Any) -> dict[str, Any]:
    row = {
        "doc_id": doc,
        "indicator": code,
        "value": value,
        "unit": kw.get("unit", ""),
        "kind": kw.get("kind", "level"),
        "masked": value is None,
        "value_text": kw.get("text"),
        "region_name": kw.get("region", "甲省"),
        "year": kw.get("year", 2020),
    }
    return row


GOLD: list[dict[str, Any]] = [
    {
        "file": "10_a.txt",
        "region": "甲省",
        "year": 2020,
        "expect_low_quality": False,
        "facts": [
            {"indicator": "幼儿园", "value": 120, "kind": "level", "text": "幼儿园120所"},
            {"indicator": "专任教师", "value": 5000, "kind": "level", "text": "专任教师5000人"},
            {"indicator": "幼儿园", "value": -3, "kind": "change_abs", "text": "减少3所"},
            {
                "indicator": "学前教育毛入园率",
                "value": 90,
                "kind": "level",
                "region": "乙市",
                "text": "乙市毛入园率90%",
            },
            {"indicator": "新奇指标", "value": 7, "kind": "level", "text": "新奇指标7项"},
            {"indicator": "特殊教育学校", "value": 3, "kind": "level", "text": "特教学校3所"},
            {"indicator": "幼儿园", "masked": True, "value": None, "kind": "level", "text": "**所"},
        ],
        "traps": [
            {"text": "点击:87次", "note": "view counter"},
            {"text": "120所", "note": "a gold value: not counted"},
            {"text": "2020", "note": "the page's year: not counted"},
        ],
    },
    {
        "file": "11_b.txt",
        "region": "丙县",
        "year": 2019,
        "expect_low_quality": True,
        "facts": [{"indicator": "幼儿园", "value": 9, "kind": "level", "text": "幼儿园9所"}],
    },
    {"file": "12_c.txt", "region": None, "year": None, "expect_low_quality": False, "facts": []},
]

RAW: dict[str, list[dict[str, Any]]] = {
    "documents": [
        {"doc_id": "d1", "uri": "file:///x/10_a.txt", "quality": "ok"},
        {"doc_id": "d2", "uri": "file:///x/11_b.txt", "quality": "low"},
        {"doc_id": "d3", "uri": "file:///x/12_c.txt", "quality": "low"},
    ],
    "reports": [
        {"doc_id": "d1", "region_name": "甲省", "year": 2020},
        {"doc_id": "d2", "region_name": "丁县", "year": 2019},
        {"doc_id": "d3", "region_name": None, "year": None},
    ],
    "metrics": [
        metric("d1", "kindergartens", 120.0, text="120所"),
        metric("d1", "staff_total", 5000.0, text="5000人"),  # wrong code
        metric("d1", "preschool_gross_enrollment_rate", 90.0, text="90%"),  # region 甲省, not 乙市
        metric("d1", None, 7.0, text="7项"),
        metric("d1", "special_schools", 3.0, text="3所", year=2019),  # wrong year
        metric("d1", None, None, text="**所"),
        metric("d1", None, 87.0, text="87次"),  # the trap
        metric("d2", "kindergartens", 9.0, text="9所", region="丁县", year=2019),
    ],
    "series": [
        {
            "indicator": "kindergartens",
            "region_name": "甲省",
            "region_level": "province",
            "year": 2020,
            "value": 120.0,
        },
        {
            "indicator": "teachers_fulltime",
            "region_name": "甲省",
            "region_level": "province",
            "year": 2020,
            "value": 4900.0,
        },
        {
            "indicator": "staff_total",
            "region_name": "甲省",
            "region_level": "province",
            "year": 2020,
            "value": 4000.0,
        },  # no gold 教职工 there: not judged
    ],
    "indicators": [{"code": "special_schools", "name": "特殊教育学校"}],
}


def test_scores_of_a_hand_made_run() -> None:
    s = score(RAW, GOLD)
    assert s.documents_seen == 3
    assert s.fact_recall == Ratio(6, 7)  # only the change_abs -3 is missing
    assert s.masked_recall == Ratio(1, 1)
    # checkable: 幼儿园 120 ✓, 专任教师 (staff_total) ✗, 幼儿园 -3 (missing) ✗,
    # 毛入园率 ✓, 特殊教育学校 (catalog name) ✓, 幼儿园 9 ✓; 新奇指标 is not checkable
    assert s.indicator_accuracy == Ratio(4, 6)
    assert (s.indicator_not_found, s.indicator_unchecked) == (1, 1)
    # series cells from the ok page only: 120 ✓, 5000 ✗ (4900), 7 ✗, 3 ✗, 90 at 乙市 ✗
    assert s.series_coverage == Ratio(1, 5)
    assert s.series_precision_known == Ratio(1, 2)  # kindergartens ✓, teachers_fulltime ✗
    assert s.series_correct is None  # no national page
    assert s.region_per_report == Ratio(1, 2)
    assert s.year_per_report == Ratio(2, 2)
    assert s.region_per_figure == Ratio(4, 6)  # 90 (want 乙市) and 9 (want 丙县) wrong
    assert s.year_per_figure == Ratio(5, 6)  # 3 filed under 2019
    assert s.quality_recall == Ratio(1, 1)
    assert s.quality_precision == Ratio(1, 2)  # 12 is genuine and flagged
    assert s.good_docs_flagged_low == Ratio(1, 2)
    assert s.trap_numbers_emitted == Ratio(1, 1)
    assert s.lists["fact_misses"] == ["10 change_abs -3 «减少3所»"]
    assert s.lists["wrong_regions"] == ["11 want 丙县 got ['丁县']"]
    assert s.lists["precision_wrong"] == ["teachers_fulltime 甲省 2020: got 4900 want [5000.0]"]
    assert any("专任教师" in m and "甲省 2020" in m for m in s.lists["coverage_misses"])
    assert s.lists["traps_hit"][0].startswith("10 87 «点击:87次»")


def test_national_cells_and_flagged_pages_leave_the_series() -> None:
    gold = [
        {
            "file": "20_n.txt",
            "region": "全国",
            "year": 2018,
            "expect_low_quality": False,
            "facts": [
                {"indicator": "幼儿园", "value": 266700, "kind": "level", "text": "26.67万所"}
            ],
        },
        {
            "file": "21_s.txt",
            "region": "全国",
            "year": 2018,
            "expect_low_quality": True,
            "facts": [{"indicator": "专任教师", "value": 1, "kind": "level", "text": "1人"}],
        },
    ]
    raw = {
        "documents": [
            {"doc_id": "n", "uri": "20_n.txt", "quality": "ok"},
            {"doc_id": "s", "uri": "21_s.txt", "quality": "ok"},
        ],
        "reports": [],
        "metrics": [],
        "series": [
            {
                "indicator": "kindergartens",
                "region_name": "全国",
                "region_level": "national",
                "year": 2018,
                "value": 267000.0,
            }
        ],
    }
    s = score(raw, gold)
    assert s.series_correct == Ratio(0, 1)  # 0.11% off: beyond the 0.05% tolerance
    assert s.series_coverage == Ratio(0, 1)  # the spun page's fact is not a series cell
    assert s.low_quality_flagged == Ratio(0, 1)


@pytest.mark.parametrize(
    ("fact_text", "expected"),
    [("幼儿园120所", ["kindergartens"]), ("共120", ["kindergartens", "schools_total"])],
)
def test_matched_metrics_prefer_the_value_text_of_the_fact(
    fact_text: str, expected: list[str]
) -> None:
    ms = [
        metric("d", "kindergartens", 120.0, text="120所"),
        metric("d", "schools_total", 120.0, text="120个"),
    ]
    fact = {"value": 120, "kind": "level", "text": fact_text}
    assert [m["indicator"] for m in matched_metrics(fact, ms)] == expected


def test_gold_parts_are_merged_and_lists_capped(tmp_path: Path) -> None:
    (tmp_path / "b.yaml").write_text("documents:\n- {file: 12_c.txt}\n", encoding="utf-8")
    (tmp_path / "a.yaml").write_text(
        "documents:\n- {file: 10_a.txt}\n- {file: 11_b.txt}\n", encoding="utf-8"
    )
    assert [g["file"] for g in load_gold(tmp_path.glob("*.yaml"))] == [
        "10_a.txt",
        "11_b.txt",
        "12_c.txt",
    ]
    s = score(RAW, GOLD)
    s.lists["fact_misses"] = [f"miss {i}" for i in range(20)]
    assert "… 5 more" in render(s, cap=15) and "miss 19" in render(s, cap=None)
