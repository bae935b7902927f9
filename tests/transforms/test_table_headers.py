"""What a table header says: measure, unit, year and place, and how labels are joined."""

from __future__ import annotations

import pytest

from transforms.catalog import load_catalog
from transforms.table_headers import join_header, join_label, read_header, title_measure

CATALOG = load_catalog()


@pytest.mark.parametrize(
    ("raw", "measure", "unit", "factor", "year", "region"),
    [
        ("学校数（所）", "学校数", "所", 1, None, None),
        ("在校生(万人)", "在校生", "人", 10000, None, None),
        ("教育经费（亿元）", "教育经费", "元", 100000000, None, None),
        ("毛入学率%", "毛入学率", "%", 1, None, None),
        ("2019年", "", None, None, 2019, None),
        ("2023-2024学年", "", None, None, 2023, None),
        ("2021年在校生（人）", "在校生", "人", 1, 2021, None),
        ("东湖区", "", None, None, None, "东湖区"),
        ("全 县", "", None, None, None, "全县"),
        ("城区", "城区", None, None, None, None),  # an urban category, not a place
        ("合计", "", None, None, None, None),
        ("1.高等学校 Regular HEIs", "高等学校", None, None, None, None),
        ("# 高 中", "高中", None, None, None, None),
        ("①生均教学仪器设备值（元）", "生均教学仪器设备值", "元", 1, None, None),  # an item's mark
        ("学校数（含教学点）", "学校数（含教学点）", None, None, None, None),
    ],
)
def test_read_header(
    raw: str,
    measure: str,
    unit: str | None,
    factor: float | None,
    year: int | None,
    region: str | None,
) -> None:
    header = read_header(raw, CATALOG)
    assert (header.measure, header.year, header.region) == (measure, year, region)
    assert (header.unit.base if header.unit else None) == unit
    assert (float(header.unit.factor) if header.unit else None) == factor


def test_a_region_corner_makes_any_row_header_a_place() -> None:
    assert read_header("北 京", CATALOG, place_axis=True).region == "北京"
    assert read_header("北 京", CATALOG).region is None
    # …but a stage's row among them (按学校类别分 ⏎ 幼儿园 | 192 | 41230) names what is counted
    header = read_header("幼儿园", CATALOG, place_axis=True)
    assert (header.region, header.measure) == (None, "幼儿园")


@pytest.mark.parametrize(
    ("row", "col", "label"),
    [
        ("小学", "在校生（万人）", "小学在校生"),
        ("学校数（所）", "小学", "小学学校数"),
        ("在校生（万人）", "2019年", "在校生"),
        ("东湖区", "学校数（所）", "学校数"),
        ("合计", "专任教师（人）", "专任教师"),
    ],
)
def test_join_label(row: str, col: str, label: str) -> None:
    assert join_label(read_header(row, CATALOG), read_header(col, CATALOG), "", "") == label


def test_a_label_without_a_measure_takes_the_titles() -> None:
    row, col = read_header("东湖区", CATALOG), read_header("2022年", CATALOG)
    assert join_label(row, col, "", title_measure("表6 2022年各县学校数")) == "学校数"
    assert title_measure("17-8 各类学校数及在校学生数") == ""  # two measures: neither
    # a yearbook block's section number and unit around its measure
    assert title_measure("二、在校学生数\u3000\u3000计量单位：人") == "在校学生数"


@pytest.mark.parametrize(
    ("parent", "child", "joined"),
    [
        ("教职工数", "合计", "教职工数"),
        ("教职工数", "#专任教师", "专任教师"),
        ("在校生", "小学", "小学在校生"),
        ("学校数", "（所）", "学校数（所）"),
        ("普通高中", "公办", "普通高中公办"),
        ("普通中学", "学校数（所）", "普通中学学校数（所）"),  # a stage spanning its measures
        ("小学", "专任教师（人）", "小学专任教师（人）"),
        # a yearbook's English glosses
        ("学生数（人）Students (person)", "在校生数 Enrolment", "在校生数"),
    ],
)
def test_join_header(parent: str, child: str, joined: str) -> None:
    assert join_header(parent, child) == joined


@pytest.mark.parametrize(
    ("raw", "target"),
    [
        ("2020年规划目标", True),
        ("2025年（目标）", True),
        ("预期值", True),
        ("2020年实际值", False),
        ("小学本县均值", False),
        ("学校数（所）", False),
    ],
)
def test_a_header_says_whether_it_heads_targets(raw: str, target: bool) -> None:
    assert read_header(raw, CATALOG).target is target


def test_a_stage_over_a_place_is_that_stages_column_of_the_place() -> None:
    assert read_header("小学本县值", CATALOG).measure == "小学"  # the county's values, by stage
    assert read_header("全县均值（初中）", CATALOG).measure == "初中"
    head = read_header("小学当阳市", CATALOG)  # 小学 over 当阳市, two header rows joined
    assert (head.measure, head.region) == ("小学", "当阳市")
    assert read_header("小学", CATALOG).measure == "小学"
    assert read_header("东湖区", CATALOG).region == "东湖区"
