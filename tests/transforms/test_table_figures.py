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
