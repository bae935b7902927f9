from __future__ import annotations

import pytest

from transforms.scopes import layout

# a heading line, a sentence ended by ！, one by 。 with clauses (，；：), and one left open
TEXT = "一、基本情况\n全市有学校12所！新建幼儿园3所，在园幼儿1200人；其中：公办900人。招聘教师8"


def reference(text: str, pos: int, marks: str, keep_mark: bool) -> tuple[int, int]:
    """The bounds as a walk over the characters finds them."""
    start = pos
    while start > 0 and text[start - 1] not in marks:
        start -= 1
    end = pos
    while end < len(text) and text[end] not in marks:
        end += 1
    if keep_mark and end < len(text):
        end += 1
    return start, end


@pytest.mark.parametrize("text", [TEXT, "", "没有标点的一句话", "。", "！！"])
def test_bounds_at_every_position_are_those_a_walk_finds(text: str) -> None:
    lay = layout(text)
    for pos in range(len(text) + 1):
        assert lay.sentence_bounds(pos) == reference(text, pos, "。！？!?\n", keep_mark=True)
        assert lay.clause_bounds(pos) == reference(
            text, pos, "。！？!?\n；;，,：:", keep_mark=False
        )


def test_a_sentence_holds_its_end_mark_and_a_clause_does_not() -> None:
    lay = layout(TEXT)
    at = TEXT.index("1200")
    start, end = lay.sentence_bounds(at)
    assert TEXT[start:end] == "新建幼儿园3所，在园幼儿1200人；其中：公办900人。"
    start, end = lay.clause_bounds(at)
    assert TEXT[start:end] == "在园幼儿1200人"
    start, end = lay.sentence_bounds(TEXT.index("8"))
    assert TEXT[start:end] == "招聘教师8"  # the last sentence runs to the end of the text
