from __future__ import annotations

import pytest

from transforms.scopes import is_heading, layout

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


def test_a_numbered_item_too_long_for_a_heading_still_ends_the_item_before_it() -> None:
    text = (
        "四、督导意见\n"
        "（一）加快公办幼儿园建设，确保全县公办园在园幼儿占比达到50%。\n"
        "（二）科学规划城区学校布局，2021年秋季学期前完成新增学位1800个，全面消除大班额。\n"
    )
    lay = layout(text)
    first = text.index("（一）")
    assert lay.section_end(first) == text.index("（二）")
    assert lay.section_end(0) == len(text)  # 四、 holds over both


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("十、教育和科学技术", True),
        ("学前教育", True),
        ("平顺县 | 93 | 17326", False),  # a short row of a table
        ("沁县\t96\t18233", False),
        ("小学 672 23.92", False),
        ("03 2024年重点工作", True),  # a numbered part, not a row
        ("编辑｜张晴　审核｜李国富", True),  # a byline: a line of its own
        ("07 展望2025", True),
        ("2024年4月16日", False),  # a signature's date
        ("【往期回顾】2022年白银市教育事业发展统计公报（摘要）", True),
        ("高中阶段毛入学率达到95%", False),  # an infographic's line of a figure
        ("专任教师1412人", False),
    ],
)
def test_a_short_row_of_a_table_is_no_heading(line: str, heading: bool) -> None:
    assert bool(layout(f"全市有学校12所。\n{line}\n在校生6万人。").sections) is heading


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("▌PART 05 2025年这样干", True),  # a marked part, longer than a bare heading may be
        ("▌总体规模", True),
        ("▌全市共有幼儿园1200所", False),  # a marked line holding a figure is content
        ("02 义务教育：更均衡", True),  # an infographic's numbered part, its colon and all
        ("01 全市学校152所", False),
        ("全市共有各级各类学校126所，在校学生4.26万人", False),
    ],
)
def test_a_marked_line_without_a_figure_is_a_heading(line: str, heading: bool) -> None:
    assert is_heading(line) is heading
