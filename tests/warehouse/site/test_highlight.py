"""Cutting a report's text into plain runs and highlighted figures."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transforms.catalog import load_catalog
from warehouse.site.highlight import Segment, css_class, indicator_hues, segment_text


def fig(start: int, end: int) -> dict[str, int]:
    return {"char_start": start, "char_end": end}


@pytest.mark.parametrize(
    ("text", "figures", "expected"),
    [
        ("无数字", [], [Segment("无数字")]),
        (
            "共有学校12所。",
            [fig(4, 7)],
            [Segment("共有学校"), Segment("12所", (0,)), Segment("。")],
        ),
        ("12所", [fig(0, 3)], [Segment("12所", (0,))]),
        # two figures at the same offsets (one number, two labels) share one highlight
        (
            "共1所学校",
            [fig(1, 3), fig(1, 3)],
            [Segment("共"), Segment("1所", (0, 1)), Segment("学校")],
        ),
        # overlapping spans merge; adjacent ones stay apart
        (
            "增长3.5%和2%",
            [fig(2, 6), fig(4, 6), fig(7, 9)],
            [Segment("增长"), Segment("3.5%", (0, 1)), Segment("和"), Segment("2%", (2,))],
        ),
        # offsets outside the text are left out of the highlights
        ("短", [fig(0, 5), fig(3, 2)], [Segment("短")]),
        # order of the figures does not matter; indices keep their position in the input
        (
            "a1b2",
            [fig(3, 4), fig(1, 2)],
            [Segment("a"), Segment("1", (1,)), Segment("b"), Segment("2", (0,))],
        ),
    ],
)
def test_segment_text(text: str, figures: list[dict[str, int]], expected: list[Segment]) -> None:
    assert segment_text(text, figures) == expected


@given(
    text=st.text(min_size=0, max_size=60),
    spans=st.lists(st.tuples(st.integers(-3, 70), st.integers(-3, 70)), max_size=12),
)
def test_segments_give_back_the_text_and_cover_every_valid_figure(
    text: str, spans: list[tuple[int, int]]
) -> None:
    figures = [fig(a, b) for a, b in spans]
    segments = segment_text(text, figures)
    assert "".join(s.text for s in segments) == text
    position = 0
    for segment in segments:
        for index in segment.figures:  # each figure lies inside its highlight
            start, end = spans[index]
            assert position <= start < end <= position + len(segment.text)
        position += len(segment.text)
    marked = [i for s in segments for i in s.figures]
    valid = [i for i, (a, b) in enumerate(spans) if 0 <= a < b <= len(text)]
    assert sorted(marked) == valid


def test_every_catalog_indicator_gets_its_own_hue() -> None:
    codes = [ind.code for ind in load_catalog().indicators]
    hues = indicator_hues(codes)
    assert set(hues) == set(codes)
    assert len(set(hues.values())) == len(codes)


def test_css_class_is_a_plain_identifier() -> None:
    assert css_class("preschool_gross_enrollment_rate") == "ind-preschool_gross_enrollment_rate"
    assert css_class("a b<script>") == "ind-a_b_script_"
