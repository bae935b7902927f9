"""Chinese numerals (transforms/numerals.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from transforms.numerals import parse_chinese_decimal, parse_chinese_numeral, years_as_digits
from transforms.split import find_series_headings


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("三十五", 35),
        ("一百二十", 120),
        ("两万", 20000),
        ("十", 10),
        ("十二", 12),
        ("一百零五", 105),
        ("三千", 3000),
        ("千", 1000),
        ("三亿五千万", 350000000),
        ("二〇二〇", None),
        ("", None),
        ("abc", None),
    ],
)
def test_parse_chinese_numeral(numeral: str, value: int | None) -> None:
    assert parse_chinese_numeral(numeral) == value


def test_series_headings_count_with_the_same_numerals() -> None:
    lines = ["工作报告范文（一）", "正文", "工作报告范文（二）", "正文", "工作报告范文（三）"]
    assert find_series_headings(lines) == [0, 2, 4]
    lines = ["工作报告范文（一）", "正文", "工作报告范文（十二）"]  # not 1, 2: no series
    assert find_series_headings(lines) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [("九十五点二", Decimal("95.2")), ("零点五", Decimal("0.5")), ("三十五", Decimal(35)),
     ("九十五点", None), ("九十五点X", None)],
)  # fmt: skip
def test_a_numeral_with_a_decimal_part(text: str, value: Decimal | None) -> None:
    assert parse_chinese_decimal(text) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("由二〇一五年的百分之六十二点六", "由2015年的百分之六十二点六"),
        ("二○二三年十二月二十日", "2023年十二月二十日"),  # (a white circle for zero)
        ("一九九八年", "1998年"),
        ("二零二零年", "2020年"),
        ("二〇二〇届毕业生", "二〇二〇届毕业生"),  # (no 年: no year)
        ("一二三四年", "一二三四年"),
    ],
)
def test_a_year_written_in_chinese_digits_reads_as_arabic_ones(text: str, expected: str) -> None:
    assert years_as_digits(text) == expected
    assert len(years_as_digits(text)) == len(text)
