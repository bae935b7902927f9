"""Figures from table cells: indicators from headers, a row per place, parts of a row."""

from __future__ import annotations

import pytest

from tests.transforms.conftest import extract_page
from transforms.extract import Resources, load_resources


@pytest.fixture(scope="module")
def resources() -> Resources:
    return load_resources()


YEARBOOK = """某省统计年鉴2011

17-8 各类学校数 (2009—2010年)
项 目 | 2009 | 2010 |
中等职业学校(所) | 77 | 75 |
#普通中专 | 20 | 19 |
技工学校 | 54 | 52 |
普通高中(所) | 210 | 212 |
"""


def test_a_part_of_the_stage_row_above_is_not_the_stage_again(resources: Resources) -> None:
    rows = [m for m in extract_page(YEARBOOK, resources).metrics]
    coded = {(m.indicator, m.year): m.value for m in rows if m.indicator}
    assert coded[("vocational_schools", 2010)] == 75  # the stage's own row, not 52 or 19
    assert coded[("general_senior_schools", 2009)] == 210
    parts = [m for m in rows if m.value in (20, 19, 54, 52)]
    assert parts and all(m.indicator is None for m in parts)


COUNTIES_WITHOUT_UNIVERSITIES = """某市统计年鉴2020
18-3 各旗县区教育基本情况（2019年）
注：本表不含普通高等学校。
地 区 | 学校数（所） | 在校学生数（人） | 幼儿园（所）
全 市 | 1055 | 461980 | 698
新城区 | 190 | 92460 | 128
"""


def test_a_tables_total_row_that_leaves_a_stage_out_is_not_the_regions_total(
    resources: Resources,
) -> None:
    rows = {m.value_text: m for m in extract_page(COUNTIES_WITHOUT_UNIVERSITIES, resources).metrics}
    assert rows["1055"].indicator is None and rows["461980"].indicator is None
    assert rows["698"].indicator == "kindergartens"  # a stage's own column is whole
    assert rows["190"].indicator == "schools_total"  # a district's row: no universities there
    whole = COUNTIES_WITHOUT_UNIVERSITIES.replace("注：本表不含普通高等学校。\n", "")
    assert {m.value_text: m for m in extract_page(whole, resources).metrics}[
        "1055"
    ].indicator == "schools_total"
