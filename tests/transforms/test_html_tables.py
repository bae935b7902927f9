"""HTML data tables rendered as ' | ' rows, and trafilatura's Markdown tables replaced by them."""

from __future__ import annotations

from transforms.decode import _parse_html, html_to_text
from transforms.html_tables import replace_markdown_tables

TABLE = (
    "<table><caption>表3 学校情况</caption>"
    "<tr><th>学段</th><th>学校数</th><th>在校生</th></tr>"
    '<tr><td rowspan="2">小学</td><td>40</td><td>12010</td></tr>'
    "<tr><td>3</td><td>450</td></tr>"
    "<tr><td></td><td>&nbsp;</td><td> </td></tr>"
    '<tr><td>合计</td><td colspan="2">43</td></tr>'
    "</table>"
)


def test_spans_are_laid_out_on_a_grid_texts_repeated_figures_once_and_spacers_dropped() -> None:
    _, text = html_to_text(f"<html><body>{TABLE}</body></html>")
    assert text.splitlines() == [
        "表3 学校情况",
        "学段 | 学校数 | 在校生",
        "小学 | 40 | 12010",
        "小学 | 3 | 450",
        "合计 | 43 |",
    ]


def test_an_empty_row_takes_the_rowspans_of_the_header_above_it() -> None:
    _, text = html_to_text(
        '<table><tr><th rowspan="2">地区</th><th rowspan="2">学校数（所）</th>'
        '<th rowspan="2">在校生（人）</th></tr><tr></tr>'
        "<tr><td>全市</td><td>604</td><td>482258</td></tr>"
        "<tr><td>袁州区</td><td>112</td><td>98763</td></tr></table>"
    )
    assert text.splitlines() == [
        "地区 | 学校数（所） | 在校生（人）",
        "全市 | 604 | 482258",
        "袁州区 | 112 | 98763",
    ]


def test_ratio_cells_count_as_figures_of_a_data_table() -> None:
    rows = "".join(
        f"<tr><td>{stage}</td><td>{n}</td><td>{ratio}</td></tr>"
        for stage, n, ratio in [
            ("普通高校", 1057, "—"),
            ("普通高中", 3652, "13.39:1"),
            ("小学", 12486, "16.13:1"),
        ]
    )
    _, text = html_to_text(
        f"<table><tr><td>学段</td><td>专任教师（人）</td><td>生师比</td></tr>{rows}</table>"
    )
    assert text.splitlines() == [
        "学段 | 专任教师（人） | 生师比",
        "普通高校 | 1057 | —",
        "普通高中 | 3652 | 13.39:1",
        "小学 | 12486 | 16.13:1",
    ]


def test_missing_end_tags_are_tolerated() -> None:
    _, text = html_to_text(
        "<table><tr><td>学段<td>学校数<td>在校生<tr><td>小学<td>40<td>12010<tr><td>初中<td>12<td>6020</table>"
    )
    assert text.splitlines() == ["学段 | 学校数 | 在校生", "小学 | 40 | 12010", "初中 | 12 | 6020"]


def test_markdown_block_is_replaced_by_the_rendered_table_without_a_second_caption() -> None:
    _, _, tables = _parse_html(TABLE)
    lines = [
        "正文。",
        "表3 学校情况",
        "| 学段 | 学校数 | 在校生 |",
        "|---|---|---|",
        "| 小学 | 40 | 12010 |",
        "| 3 | 450 |",
        "| 合计 | 43 |",
        "正文完。",
    ]
    assert replace_markdown_tables(lines, tables) == [
        "正文。",
        "表3 学校情况",
        "学段 | 学校数 | 在校生",
        "小学 | 40 | 12010",
        "小学 | 3 | 450",
        "合计 | 43 |",
        "正文完。",
    ]


def test_two_markdown_tables_written_without_a_line_between_are_replaced_each() -> None:
    _, _, tables = _parse_html(
        TABLE + "<table><tr><th>年份</th><th>学校数</th></tr><tr><td>2010</td><td>51</td></tr>"
        "</table>"
    )
    lines = [
        "| 学段 | 学校数 | 在校生 |",
        "|---|---|---|",
        "| 小学 | 40 | 12010 |",
        "| 3 | 450 |",
        "| 合计 | 43 |",
        "| 年份 | 学校数 |",
        "|---|---|",
        "| 2010 | 51 |",
    ]
    assert replace_markdown_tables(lines, tables)[-2:] == ["年份 | 学校数", "2010 | 51"]


def test_an_unmatched_markdown_data_table_keeps_its_own_rows() -> None:
    lines = [
        "| 单位：人 | | |",
        "| 学段 | 毕业生 | 在校生 |",
        "|---|---|---|",
        "| 小学 | 1980 | 12010 |",
        "| 初中 | 2003 | 6020 |",
    ]
    assert replace_markdown_tables(lines, []) == [
        "单位：人",
        "学段 | 毕业生 | 在校生",
        "小学 | 1980 | 12010",
        "初中 | 2003 | 6020",
    ]


def test_a_markdown_table_of_words_is_left_as_trafilatura_wrote_it() -> None:
    lines = ["| 联系人 | 电话 |", "|---|---|", "| 张老师 | 办公室 |"]
    assert replace_markdown_tables(lines, []) == lines
