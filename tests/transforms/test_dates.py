"""One date parser: a date that is not on the calendar is no date, wherever it is read."""

from __future__ import annotations

from datetime import date

import pytest

from transforms.clean import read_published_date
from transforms.dates import first_date, iso_date, parse_iso, valid_iso
from transforms.decode import html_main_text


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        ((2021, 3, 5), "2021-03-05"),
        ((2020, 2, 29), "2020-02-29"),
        ((2021, 2, 29), None),
        ((2021, 2, 30), None),
        ((2019, 13, 5), None),
        ((2019, 0, 5), None),
        (("2019", "4", "31"), None),
        ((1850, 1, 1), None),
    ],
)
def test_iso_date_accepts_calendar_dates_only(parts: tuple[int, int, int], expected: str) -> None:
    assert iso_date(*parts) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("发布时间：2021-02-30 来源：教育局", None),
        ("发布时间：2021年2月30日，更新于2021年3月2日", "2021-03-02"),
        ("时间: 2019 / 6 / 18", "2019-06-18"),
        ("2019.06.18", "2019-06-18"),
    ],
)
def test_the_first_valid_date_of_a_line(text: str, expected: str | None) -> None:
    assert first_date(text) == expected


def test_the_clean_stage_skips_an_impossible_date() -> None:
    assert read_published_date(["发布时间：2021-02-30", "正文"]) is None
    assert read_published_date(["发布日期：2021-02-28"]) == "2021-02-28"


def test_the_decode_stage_skips_an_impossible_date() -> None:
    html = (
        "<html><head><title>工作总结</title></head><body><h1>工作总结</h1>"
        "<p>发布时间：2021-02-30</p><p>" + "全市共有幼儿园85所，在园幼儿2.1万人。" * 20 + "</p>"
        "</body></html>"
    )
    assert html_main_text(html).published_date in (None, "2021-02-28")  # never the typo


def test_iso_strings_are_checked_too() -> None:
    assert valid_iso("2021-02-30") is None
    assert parse_iso("2021-02-28") == date(2021, 2, 28)
    assert (
        parse_iso("2021-02-30") is None and parse_iso(None) is None and parse_iso(20210228) is None
    )
