"""Table figures: each shape of table found in bulletins and yearbooks, and the ones to leave.

The shapes follow real pages (a county bulletin's HTML table, a yearbook table pasted with
pipes and English glosses, a "基础教育情况表" flattened one cell per line, a yearbook page
laid out with spaces); the numbers are made up.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.clean import clean_text, load_chrome_rules
from transforms.decode import decode_bytes
from transforms.tables import (
    TableCell,
    find_table_cells,
    find_tables,
    is_number_cell,
    looks_like_table_row,
    table_spans,
)

GOLDEN = Path(__file__).with_name("cases") / "golden"


def cells(text: str) -> list[TableCell]:
    found = find_table_cells(text)
    for cell in found:
        assert text[cell.char_start : cell.char_end] == cell.value_text
        start, end = cell.table_span
        row_start, row_end = cell.row_span
        assert start <= row_start <= cell.char_start < cell.char_end <= row_end <= end
    return found


def cell(found: list[TableCell], row: str, col: str) -> TableCell:
    (match,) = [c for c in found if c.row_header == row and c.col_header == col]
    return match


def summary(c: TableCell) -> tuple[object, ...]:
    return (c.value_text, c.value, c.unit, c.label, c.year, c.region, c.masked)


# --------------------------------------------------------------------------- HTML


BULLETIN_PARAGRAPH = (
    "2023年，全县教育系统坚持立德树人根本任务，各级各类教育协调发展，办学条件持续改善，"
    "教育教学质量稳步提高，人民群众对教育的满意度不断提升。"
)


def _bulletin_page() -> str:
    table = (
        "<table><caption>表2 2023年各乡镇中小学基本情况</caption>"
        '<tr><td colspan="6">单位：人</td></tr>'
        '<tr><th rowspan="2">乡 镇</th><th>学校数</th><th rowspan="2">在校学生数</th>'
        '<th rowspan="2">毕业生数</th><th colspan="2">教职工数</th></tr>'
        "<tr><th>（所）</th><th>合计</th><th>#专任教师</th></tr>"
        "<tr><td>全 县</td><td>47</td><td>21365</td><td>3418</td><td>1702</td><td>1588</td></tr>"
        "<tr><td>城关镇</td><td>12</td><td>9821</td><td>**</td><td>640</td><td>597</td></tr>"
        "<tr><td>河口乡</td><td>9</td><td>2307</td><td>&nbsp;</td><td>215</td><td>-</td></tr>"
        "</table>"
    )
    body = "".join(f"<p>{BULLETIN_PARAGRAPH}</p>" for _ in range(3))
    return (
        '<html><head><meta charset="utf-8"><title>某县2023年教育事业发展统计公报</title></head>'
        '<body><div class="nav"><a href="/">首页</a></div><div class="article">'
        f"<h1>某县2023年教育事业发展统计公报</h1>{body}{table}<p>{BULLETIN_PARAGRAPH}</p>"
        "</div></body></html>"
    )


def test_an_html_table_comes_out_of_decode_one_row_per_line() -> None:
    text = decode_bytes(_bulletin_page().encode("utf-8")).text
    lines = text.splitlines()
    caption = lines.index("表2 2023年各乡镇中小学基本情况")
    assert lines[caption + 1] == "单位：人"
    # header cells spanning rows or columns are repeated over the grid, figures never
    assert lines[caption + 2] == "乡 镇 | 学校数 | 在校学生数 | 毕业生数 | 教职工数 | 教职工数"
    assert lines[caption + 3] == "乡 镇 | （所） | 在校学生数 | 毕业生数 | 合计 | #专任教师"
    assert lines[caption + 4] == "全 县 | 47 | 21365 | 3418 | 1702 | 1588"
    assert lines[caption + 6].startswith("河口乡 | 9 | 2307 |  | 215 | -")
    assert BULLETIN_PARAGRAPH in lines[caption + 7]


def test_an_html_table_gives_its_figures_through_decode_and_clean() -> None:
    decoded = decode_bytes(_bulletin_page().encode("utf-8"))
    text = clean_text(decoded.text, load_chrome_rules()).text
    found = cells(text)
    assert summary(cell(found, "全县", "学校数（所）")) == (
        "47",
        47,
        "所",
        "学校数",
        2023,
        "全县",
        False,
    )
    assert summary(cell(found, "城关镇", "在校学生数")) == (
        "9821",
        9821,
        "人",
        "在校学生数",
        2023,
        "城关镇",
        False,
    )
    # the parent header spanning two columns: 合计 is the parent itself, a child is its own measure
    assert cell(found, "城关镇", "教职工数").value == 640
    assert cell(found, "城关镇", "专任教师").label == "专任教师"
    masked = cell(found, "城关镇", "毕业生数")
    assert (masked.value, masked.masked, masked.value_text) == (None, True, "**")
    # an empty cell and a '-' cell give nothing
    assert [c.col_header for c in found if c.row_header == "河口乡"] == [
        "学校数（所）",
        "在校学生数",
        "教职工数",
    ]
    (table,) = find_tables(text)
    assert table.title == "表2 2023年各乡镇中小学基本情况"
    assert text[table.span[0] :].startswith("表2")
    assert BULLETIN_PARAGRAPH not in text[table.span[0] : table.span[1]]


def test_a_layout_table_is_not_rendered_as_rows() -> None:
    paragraphs = [BULLETIN_PARAGRAPH * 2 + f"全县共有小学{n}所。" for n in (31, 32)]
    page = (
        "<html><body><table><tr><td>某县教育局</td><td>2023-05-06</td></tr>"
        f"<tr><td>{paragraphs[0]}</td><td>{paragraphs[1]}</td></tr></table></body></html>"
    )
    text = decode_bytes(page.encode("utf-8")).text
    assert " | " not in text
    assert paragraphs[0] in text.splitlines() and paragraphs[1] in text.splitlines()
    assert find_table_cells(text) == []


def test_a_data_table_nested_in_a_layout_table_is_rendered() -> None:
    inner = (
        "<table><tr><td>学段</td><td>学校数（所）</td><td>在校生（人）</td></tr>"
        "<tr><td>小学</td><td>28</td><td>10452</td></tr>"
        "<tr><td>初中</td><td>11</td><td>5230</td></tr></table>"
    )
    page = (
        "<html><body><table><tr><td>首页 政务公开</td></tr>"
        f"<tr><td><p>{BULLETIN_PARAGRAPH * 2}</p>{inner}</td></tr></table></body></html>"
    )
    text = decode_bytes(page.encode("utf-8")).text
    assert "小学 | 28 | 10452" in text.splitlines()
    assert summary(cell(cells(text), "初中", "在校生（人）")) == (
        "5230",
        5230,
        "人",
        "初中在校生",
        None,
        None,
        False,
    )


# --------------------------------------------------------------------------- text shapes

PIPES = """全县教育事业发展情况见下表。
表1 2022年各级各类学校基本情况
学段 | 学校数（所） | 在校生（万人） | 专任教师（人） | 生师比
幼儿园 | 86 | 1.52 | 1040 | 14.62
小学 | 63 | 4.87 | 2911 | 16.73
初中 | 21 | 2.26 | ** | -
合计 | 170 | 8.65 | 5602 |
全县共有各级各类学校170所。"""


def test_pipe_separated_table_with_units_in_the_header() -> None:
    found = cells(PIPES)
    assert summary(cell(found, "小学", "在校生（万人）")) == (
        "4.87",
        48700,
        "人",
        "小学在校生",
        2022,
        None,
        False,
    )
    assert summary(cell(found, "幼儿园", "学校数（所）")) == (
        "86",
        86,
        "所",
        "幼儿园学校数",
        2022,
        None,
        False,
    )
    assert summary(cell(found, "幼儿园", "生师比")) == (
        "14.62",
        14.62,
        "",
        "幼儿园生师比",
        2022,
        None,
        False,
    )
    masked = cell(found, "初中", "专任教师（人）")
    assert masked.masked
    assert PIPES[masked.row_span[0] : masked.row_span[1]] == "初中 | 21 | 2.26 | ** | -"
    assert not [c for c in found if c.row_header == "初中" and c.col_header == "生师比"]
    assert cell(found, "合计", "学校数（所）").label == "学校数"  # the total names no part
    assert {c.year_from for c in found} == {"title"}
    (table,) = find_tables(PIPES)
    assert table.title == "表1 2022年各级各类学校基本情况"
    assert PIPES[table.span[0] : table.span[1]].startswith("表1")
    assert PIPES[table.span[0] : table.span[1]].endswith("5602 |")
    assert "全县共有" not in PIPES[table.span[0] : table.span[1]]


COUNTY = """单位：人
地　区  学校数（所）  在校学生数  专任教师数
全　市  214  158230  10566
东湖区  36  40112  2630
西山县  28  **  1105
南岭镇区  9  5012  361"""


def test_space_separated_table_with_a_county_column() -> None:
    found = cells(COUNTY)
    assert summary(cell(found, "东湖区", "在校学生数")) == (
        "40112",
        40112,
        "人",
        "在校学生数",
        None,
        "东湖区",
        False,
    )
    # the header's own unit wins over the table's 单位 line
    assert summary(cell(found, "西山县", "学校数（所）")) == (
        "28",
        28,
        "所",
        "学校数",
        None,
        "西山县",
        False,
    )
    assert cell(found, "全市", "专任教师数").region == "全市"
    assert {(c.year_from, c.region_from) for c in found} == {(None, "row")}
    assert cell(found, "西山县", "在校学生数").masked
    assert len(found) == 12


def test_one_column_per_county() -> None:
    text = "指标  合计  东湖区  西山县  城区\n学校数（所）  64  36  28  20\n专任教师（人）  3735  2630  1105  1402"
    found = cells(text)
    assert summary(cell(found, "学校数（所）", "西山县")) == (
        "28",
        28,
        "所",
        "学校数",
        None,
        "西山县",
        False,
    )
    assert cell(found, "专任教师（人）", "合计").region is None  # the table's own total
    assert cell(found, "学校数（所）", "城区").region is None  # an urban category, not a place
    assert cell(found, "学校数（所）", "城区").label == "城区学校数"


def test_a_title_row_with_its_unit_in_a_cell_is_no_header() -> None:
    text = "表6 各县学校数 | | 单位：所\n县区 | 2021年 | 2022年\n东湖区 | 36 | 35\n西山县 | 28 | 27"
    found = cells(text)
    assert summary(cell(found, "西山县", "2022年")) == (
        "27",
        27,
        "所",
        "学校数",
        2022,
        "西山县",
        False,
    )
    (table,) = find_tables(text)
    assert (table.title, table.unit) == ("表6 各县学校数", "所")


def test_a_column_of_running_numbers_is_no_figure() -> None:
    text = "序号 | 县（市、区） | 学校数（所） | 在校生（人）\n1 | 东湖区 | 36 | 40112\n2 | 西山县 | 28 | 21230"
    found = cells(text)
    assert [(c.value, c.region, c.label) for c in found] == [
        (36, "东湖区", "学校数"),
        (40112, "东湖区", "在校生"),
        (28, "西山县", "学校数"),
        (21230, "西山县", "在校生"),
    ]


YEARS = """附表 主要年份教育发展情况
指标\t2019年\t2020年\t2021年\t2022年
普通小学在校生（万人）\t3.62\t3.71\t3.80\t3.86
学前教育毛入园率（%）\t86.5\t88.0\t89.7\t91.2
教育经费总投入（亿元）\t12.4\t13.1\t\t15.0"""


def test_one_column_per_year() -> None:
    found = cells(YEARS)
    assert summary(cell(found, "普通小学在校生（万人）", "2021年")) == (
        "3.80",
        38000,
        "人",
        "普通小学在校生",
        2021,
        None,
        False,
    )
    assert summary(cell(found, "学前教育毛入园率（%）", "2019年")) == (
        "86.5",
        86.5,
        "%",
        "学前教育毛入园率",
        2019,
        None,
        False,
    )
    assert cell(found, "教育经费总投入（亿元）", "2022年").value == pytest.approx(1.5e9)
    assert {c.year_from for c in found} == {"column"}
    assert [c.year for c in found if c.row_header.startswith("教育经费")] == [2019, 2020, 2022]


def test_a_numbered_title_spaced_off_its_number_is_no_header_row() -> None:
    text = (
        "表1  2020—2022年全省中等职业教育主要指标\n"
        "指标                    2020年    2021年    2022年\n"
        "中等职业学校（所）       221       215       208\n"
        "毕业生就业率（%）        95.4      95.8      96.2"
    )
    (table,) = find_tables(text)
    assert table.title == "表1 2020—2022年全省中等职业教育主要指标"
    assert summary(cell(list(table.cells), "毕业生就业率（%）", "2021年")) == (
        "95.8",
        95.8,
        "%",
        "毕业生就业率",
        2021,
        None,
        False,
    )
    assert len(table.cells) == 6


def test_a_standards_column_is_neither_figures_nor_header_and_mean_columns_name_the_stage() -> None:
    text = (
        "指标                      省定标准(小学/初中)    小学均值    初中均值\n"
        "生均教学及辅助用房面积(平方米)  ≥4.5 / ≥5.8     6.37        8.12\n"
        "生均图书(册)                  ≥25 / ≥35       36.8        52.4"
    )
    found = cells(text)
    assert [(c.value_text, c.label) for c in found] == [
        ("6.37", "小学生均教学及辅助用房面积"),
        ("8.12", "初中生均教学及辅助用房面积"),
        ("36.8", "小学生均图书"),
        ("52.4", "初中生均图书"),
    ]


def test_a_count_of_schools_meeting_it_is_no_part_of_the_label_and_county_means_are_values() -> (
    None
):
    text = (
        "序号 | 指标 | 国家标准 | 达标学校数 | 县域均值 | 差异系数\n"
        "1 | 生均教学仪器设备值（元） | ≥2000 | 129/129 | 2846 | 0.386\n"
        "2 | 每百名学生拥有网络多媒体教室数（间） | ≥2.3 | 127/129 | 2.91 | 0.291"
    )
    assert [(c.value_text, c.label) for c in cells(text)] == [
        ("2846", "生均教学仪器设备值"),
        ("0.386", "生均教学仪器设备值差异系数"),
        ("2.91", "每百名学生拥有网络多媒体教室数"),
        ("0.291", "每百名学生拥有网络多媒体教室数差异系数"),
    ]


def test_cells_that_write_their_columns_stage_and_a_standards_pair_or_floor() -> None:
    text = (
        "指标｜国家标准（小学/初中）｜小学｜初中｜达标学校数\n"
        "生均教学仪器设备值｜2000/2500｜小学3126元｜初中4217元｜89所\n"
        "每百名学生拥有网络多媒体教室数｜2.3/2.4｜小学3.65间｜初中3.92间｜89所\n"
        "小学生均公用经费｜不低于650元｜小学720元｜-｜-"
    )
    found = [(c.value_text, c.label) for c in cells(text)]
    assert found[:2] == [("3126元", "小学生均教学仪器设备值"), ("4217元", "初中生均教学仪器设备值")]
    assert ("3.92间", "初中每百名学生拥有网络多媒体教室数") in found
    assert "720元" in dict(found)
    assert not any("/" in label or "不低于" in label for _, label in found)
    # a standard written per stage (小学4.2、初中5.3)
    text = (
        "指标 | 国家标准 | 小学 | 初中\n生均教学仪器设备值（元） | 小学2000、初中2500 | 3286 | 4417"
    )
    assert [(c.value_text, c.label) for c in cells(text)] == [
        ("3286", "小学生均教学仪器设备值"),
        ("4417", "初中生均教学仪器设备值"),
    ]
    # a pair with its unit once (4.2/5.3人), or the standard in the row header's brackets
    text = (
        "指标 | 国家标准（小学/初中） | 小学全县均值 | 初中全县均值\n"
        "每百名学生拥有高于规定学历教师数 | 4.2/5.3人 | 5.86人 | 6.41人"
    )
    assert [(c.value_text, c.label) for c in cells(text)] == [
        ("5.86人", "小学每百名学生拥有高于规定学历教师数"),
        ("6.41人", "初中每百名学生拥有高于规定学历教师数"),
    ]
    text = (
        "指标 | 小学 | 初中\n"
        "生均教学及辅助用房面积（小学4.5、初中5.8平方米） | 6.24 | 8.16\n"
        "每百名学生拥有县级以上骨干教师数（1人） | 1.28 | 1.35"
    )
    assert [(c.value_text, c.label) for c in cells(text)] == [
        ("6.24", "小学生均教学及辅助用房面积"),
        ("8.16", "初中生均教学及辅助用房面积"),
        ("1.28", "小学每百名学生拥有县级以上骨干教师数"),
        ("1.35", "初中每百名学生拥有县级以上骨干教师数"),
    ]
    # (a definition in brackets stays: 生师比（教师=1）)
    text = "指标 | 2019年 | 2020年\n小学生师比（教师=1） | 17.6 | 17.2"
    assert {c.label for c in cells(text)} == {"小学生师比（教师=1）"}


def test_a_cell_of_one_value_per_stage_under_a_column_of_values_is_a_figure_per_stage() -> None:
    text = (
        "序号 | 指标 | 国家标准 | 全区均值 | 达标校数\n"
        "1 | 每百名学生拥有骨干教师数 | 小学≥1人，初中≥1人 | 小学1.26人，初中1.43人 | 41所\n"
        "2 | 生均教学仪器设备值 | 小学2000元、初中2500元 | 小学3126元，初中4058元 | 43所"
    )
    assert [(c.value_text, c.label) for c in cells(text)] == [
        ("1.26人", "小学每百名学生拥有骨干教师数"),
        ("1.43人", "初中每百名学生拥有骨干教师数"),
        ("41所", "每百名学生拥有骨干教师数达标校数"),
        ("3126元", "小学生均教学仪器设备值"),
        ("4058元", "初中生均教学仪器设备值"),
        ("43所", "生均教学仪器设备值达标校数"),
    ]  # (the standards, 小学2000元、初中2500元 under 国家标准, are no figures)
    # a year's column keeps its year
    text = "指标 | 2023年 | 2024年\n生均公用经费 | 小学720元；初中930元 | 1850"
    assert [(c.value_text, c.label, c.year) for c in cells(text)] == [
        ("720元", "小学生均公用经费", 2023),
        ("930元", "初中生均公用经费", 2023),
        ("1850", "生均公用经费", 2024),
    ]
    # a row whose only figures are such a cell is a row, not a second line of the header
    text = (
        "评估内容 | 标准要求 | 我县实际 | 结论\n"
        "生均公用经费 | 小学≥650元，初中≥850元 | 小学730元，初中960元 | 达标\n"
        "特殊教育学校生均公用经费 | ≥6000元 | 7200元 | 达标"
    )
    assert [(c.value_text, c.label) for c in cells(text)] == [
        ("730元", "小学生均公用经费"),
        ("960元", "初中生均公用经费"),
        ("7200元", "特殊教育学校生均公用经费"),
    ]


def test_a_slash_pair_under_a_header_naming_its_stages_and_a_shorter_row_naming_them() -> None:
    text = (
        "序号 | 指标 | 国家标准（小学/初中） | 小学 | 初中 | 差异系数（小学/初中）\n"
        "1 | 生均教学仪器设备值（元） | ≥2000/≥2500 | 3126 | 4387 | 0.326/0.279\n"
        "2 | 每百名学生拥有网络多媒体教室数（间） | ≥2.3/≥2.4 | 3.54 | 4.12 | 0.298/0.264\n"
        "综合差异系数 | 小学≤0.50，初中≤0.45 | 小学0.361 | 初中0.306"
    )
    found = [(c.value_text, c.label) for c in cells(text)]
    assert found[:4] == [
        ("3126", "小学生均教学仪器设备值"),
        ("4387", "初中生均教学仪器设备值"),
        ("0.326", "生均教学仪器设备值小学差异系数"),
        ("0.279", "生均教学仪器设备值初中差异系数"),
    ]  # (the pair of coefficients holds its column: the row's figures are not shifted)
    assert found[-2:] == [("0.361", "小学综合差异系数"), ("0.306", "初中综合差异系数")]
    assert len(found) == 10  # (the standards, ≥2000/≥2500, are no figures)
    # …a pair with its unit on each side
    text = (
        "指标 | 国家标准（小学/初中） | 全县平均值（小学/初中） | 达标学校数\n"
        "每百名学生拥有骨干教师数 | 1人/1人 | 1.36人/1.52人 | 4\n"
        "生均体育运动场馆面积 | 7.5㎡/10.2㎡ | 11.2㎡/14.6㎡ | 4"
    )
    assert [(c.value_text, c.label) for c in cells(text)][:3] == [
        ("1.36人", "小学每百名学生拥有骨干教师数"),
        ("1.52人", "初中每百名学生拥有骨干教师数"),
        ("4", "每百名学生拥有骨干教师数达标学校数"),
    ]


def test_an_infographics_spaced_lines_with_an_aside_are_no_table() -> None:
    text = "▌学前教育\n幼儿园 198所（公办 142所）\n在园幼儿 6.84万人\n普惠性幼儿园覆盖率 92.7%\n"
    assert [c.label for t in find_tables(text) for c in t.cells] == []  # (not 142所）在园幼儿)
    # nor are its part headings and its items a bar apart
    text = "【01 总体规模】\n全市各级各类学校 142所\n在校学生 3.68万人\n小学 29所｜在校生 17206人\n"
    assert [c.label for t in find_tables(text) for c in t.cells] == []


def test_a_cell_with_the_square_metre_sign_is_a_figure() -> None:
    text = (
        "| 指标 | 国家标准 | 小学 | 初中 |\n"
        "| 生均教学及辅助用房面积 | 小学≥4.5㎡，初中≥5.8㎡ | 6.74㎡ | 8.21㎡ |"
    )
    assert [(c.value, c.unit, c.label) for c in cells(text)] == [
        (6.74, "平方米", "小学生均教学及辅助用房面积"),
        (8.21, "平方米", "初中生均教学及辅助用房面积"),
    ]


def test_a_plans_indicator_table_with_base_and_target_year_columns() -> None:
    text = (
        "表1  桐庐县“十四五”教育事业发展主要指标\n"
        "类别 | 指标名称 | 2020年（基期） | 2025年（目标） | 属性\n"
        "学前教育 | 公办园在园幼儿占比（%） | 71.4 | 75 | 约束性\n"
        "教育投入 | 一般公共预算教育支出（亿元） | 9.46 | 12.5 | 预期性\n"
        "终身教育 | 劳动年龄人口平均受教育年限（年） | 10.8 | 11.5 | 预期性"
    )
    found = {(c.value_text, c.year): c for c in cells(text)}
    assert found[("71.4", 2020)].label == "学前教育公办园在园幼儿占比"  # no （基期）
    assert found[("12.5", 2025)].value == pytest.approx(1.25e9)
    # a unit the unit table does not know is the row's own, not the row above's 亿元
    assert (found[("10.8", 2020)].value, found[("10.8", 2020)].unit) == (10.8, "")


def test_one_row_per_year() -> None:
    text = "年份  学校数（所）  在校生（人）\n2020  31  15230\n2021  30  15518\n2022  30  15876"
    found = cells(text)
    assert summary(cell(found, "2021", "在校生（人）")) == (
        "15518",
        15518,
        "人",
        "在校生",
        2021,
        None,
        False,
    )
    assert len(found) == 6


SINGLE_SPACES = """表5 市区教育事业基本情况
学段 学校数 招生数 毕业生数
1.高等学校 2 5120 4376
2.普通中学 47 18210 17642
3.小 学 65 11023 12874
4.幼 儿 园 58 730 815"""


def test_single_spaces_between_a_row_header_and_its_numbers() -> None:
    text = clean_text(SINGLE_SPACES, load_chrome_rules()).text
    found = cells(text)
    assert summary(cell(found, "小学", "招生数")) == (
        "11023",
        11023,
        "",
        "小学招生数",
        None,
        None,
        False,
    )
    assert cell(found, "高等学校", "学校数").value == 2
    # "58 730 815" at the end of a row is three cells, not one number written with spaces
    assert "58 730 815" in text
    assert {c.row_header for c in found} == {"高等学校", "普通中学", "小学", "幼儿园"}
    assert cell(found, "幼儿园", "毕业生数").value == 815


YEARBOOK = """| 18-3 各类学校数及在校学生数 | ||||||
| Number of Schools and Students | ||||||
| 项 目 | Item | 2021 | 2022 | |||
| 各类学校数合计 | (所) | Total | (unit) | 412 | 405 | ||
| 普通中学 | Regular Secondary Schools | 96 | 95 | |||
| # 高 中 | Senior Secondary | 22 | 22 | |||
| 各类学校在校学生数 | (人) | Total Students | (person) | 186420 | 188015 | ||
| 普通中学 | Regular Secondary Schools | 70318 | 71226 | |||"""


def test_yearbook_table_with_glosses_and_units_in_section_rows() -> None:
    found = cells(YEARBOOK)
    schools = [summary(c) for c in found if c.row_header == "普通中学" and c.unit == "所"]
    assert schools == [
        ("96", 96, "所", "普通中学学校数", 2021, None, False),
        ("95", 95, "所", "普通中学学校数", 2022, None, False),
    ]
    students = [c for c in found if c.row_header == "普通中学" and c.unit == "人"]
    assert [(c.value, c.year, c.label) for c in students] == [
        (70318, 2021, "普通中学在校学生数"),
        (71226, 2022, "普通中学在校学生数"),
    ]
    assert cell(found, "高中", "2022").value == 22
    assert find_tables(YEARBOOK)[0].title == "18-3 各类学校数及在校学生数"


FLAT = """三、基础教育
2023-2024学年全区基础教育情况表
类别 |
学校数 |
在校学生数 |
专任教师数 |
学前教育 |
126 |
23580 |
1652 |
小学 |
48 |
51230 |
普通高中 |
9 |
16044 |
1208 |
总计 |
183 |
90854 |
5870 |
备注：数据来源于教育事业统计。"""


def test_flattened_table_one_cell_per_line() -> None:
    found = cells(FLAT)
    assert summary(cell(found, "普通高中", "在校学生数")) == (
        "16044",
        16044,
        "",
        "普通高中在校学生数",
        2023,
        None,
        False,
    )
    # 小学 has two figures for three columns: which one is missing cannot be told
    assert not [c for c in found if c.row_header == "小学"]
    assert {c.row_header for c in found} == {"学前教育", "普通高中", "总计"}
    (table,) = find_tables(FLAT)
    assert table.title == "2023-2024学年全区基础教育情况表"
    assert FLAT[table.span[0] : table.span[1]].startswith("2023-2024学年")
    assert "备注" not in FLAT[table.span[0] : table.span[1]]


# pages whose tables were flattened with a '|' line after every cell, English glosses on
# lines of their own, and a section row of empty cells
FLAT_PIPES = """单位:人
|
unit:person
|
|
毕业生数
graduates
|
招生数
entrants
|
在校生数
enrolment
|
一、高等教育 higher education
|
|
|
|
(一)研究生 postgraduates
|
61250
|
90411
|
265032
|
博 士 doctor's degree
|
5873
|
9930
|
41208
|"""


def test_flattened_table_with_a_pipe_after_every_cell() -> None:
    found = cells(FLAT_PIPES)
    assert [summary(c) for c in found if c.row_header == "研究生"] == [
        ("61250", 61250, "人", "研究生毕业生数", None, None, False),
        ("90411", 90411, "人", "研究生招生数", None, None, False),
        ("265032", 265032, "人", "研究生在校生数", None, None, False),
    ]
    assert cell(found, "博士", "在校生数").value == 41208
    assert len(found) == 6


@pytest.mark.parametrize(
    ("unit_line", "value", "unit"),
    [
        ("单位：万人", 26300, "人"),
        ("（单位：万元）", 26300, "元"),
        ("单位:所", 2.63, "所"),
        ("单位：所、人", 2.63, ""),  # two units for one table: none is guessed
    ],
)
def test_a_unit_line_above_the_table(unit_line: str, value: float, unit: str) -> None:
    text = f"{unit_line}\n学段  2021年  2022年\n小学  2.51  2.63\n初中  1.20  1.24"
    found = cells(text)
    got = cell(found, "小学", "2022年")
    assert (got.value, got.unit) == (pytest.approx(value), unit)
    assert find_tables(text)[0].span[0] == 0


MESS = """学校数 招生数 毕业生数 在  校 教职工
(所) (人) (人) 学生数 人  数 #专任
      (人) (人)   教师
1.高等学校 3 6968 4574 21096 1658 1102
初中 44 14071 12830 41382   2555
高中 10 6031 6388 19769   1197"""

FLAT_MESS = """学校数(所)
班数(个)
合计
初级中学
九年一贯制
合计
一年级
二年级
总计
5321
3959
1357
94757
31353
31160
教育部门
4829
3798
1027
85194
28045
27996"""


# a header of two levels flattened with pipes: which name heads which column is lost
FLAT_PIPES_MESS = """|
学校数(所)
|
班数(个)
|
Schools
|
Classes
|
合计
|
初级中学
|
九年一贯制
|
合计
|
一年级
|
二年级
|
|
总
计
Total
|
4810
|
3502
|
1301
|
81234
|
27013
|
26850
|
教育部门
Run by Ed. Dept.
|
4420
|
3370
|
1042
|
73310
|
24415
|
24102
|"""

# the unit line under the header lost its cells' positions when the table was pasted:
# (所) belongs to 学校数 and 新建 to nothing that can be told
LOST_POSITIONS = """地 区 | 学校数 | 招生数 | 在校学生数 |
(所) | #新建 | | |
全 市 | 120 | 8800 | 51000 |
东湖区 | 40 | 3000 | 17000 |"""


@pytest.mark.parametrize(
    "text",
    [MESS, FLAT_MESS, FLAT_PIPES_MESS, LOST_POSITIONS],
    ids=["spaces", "flat", "flat-pipes", "lost"],
)
def test_a_table_whose_columns_cannot_be_aligned_gives_nothing(text: str) -> None:
    assert find_table_cells(text) == []
    assert all(not table.aligned for table in find_tables(text))


def test_a_header_less_block_of_numbers_gives_nothing() -> None:
    assert find_table_cells("小学 | 28 | 10452\n初中 | 11 | 5230") == []


@pytest.mark.parametrize("golden", sorted(GOLDEN.glob("*.txt")), ids=lambda p: p.stem)
def test_report_prose_holds_no_table(golden: Path) -> None:
    assert table_spans(golden.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1234", True),
        ("1,234", True),
        ("4.56", True),
        ("12.5%", True),
        ("3.2万人", True),
        ("**", True),
        ("XX", True),
        ("2019年", False),
        ("小学", False),
        ("-", False),
    ],
)
def test_is_number_cell(text: str, expected: bool) -> None:
    assert is_number_cell(text) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("地 区 | 学校数 | 招生数 | 在校学生数 | 毕业生数 | 教职工数 | 专任教师", True),
        ("全县  52  19876  1302", True),
        ("普通小学在校生（万人）\t3.62\t3.71", True),
        ("全县共有小学52所，在校生19876人，专任教师1302人。", False),
        ("北京 1403 71020", False),  # single spaces: not told apart from a sentence here
        # a label written once for each column it spans, then its figure
        ("小学综合差异系数（标准≤0.50） | 小学综合差异系数（标准≤0.50） | 0.374", True),
    ],
)
def test_looks_like_table_row(line: str, expected: bool) -> None:
    assert looks_like_table_row(line) is expected


def test_clean_keeps_long_table_rows_one_per_line() -> None:
    raw = "\n".join(
        [
            "学段 | 学校数（所） | 在校学生数（人） | 专任教师数（人） | 教职工数（人）",
            "小学 | 63 | 48712 | 2911 | 3104 | 3305 | 3391 | 3407 | 3511",
            "初中 | 21 | 22610 | 1640 | 1803 | 1822 | 1910 | 1990 | 2001",
        ]
    )
    assert clean_text(raw, load_chrome_rules()).text == raw


_TABLE_ALPHABET = st.sampled_from(
    [
        *"0123456789.,%*X-|\t \u3000\n",
        "小学",
        "学校数（所）",
        "单位：万人",
        "2019年",
        "地区",
        "东城区",
        "合计",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_TABLE_ALPHABET, max_size=80).map("".join))
def test_offsets_always_slice_back_to_the_value(text: str) -> None:
    cells(text)


@pytest.mark.parametrize(
    ("title", "year"),
    [
        ("表4 2022年各县（市、区）学校情况", 2022),
        ("表4 2022-2023学年各县（市、区）学校情况", 2022),
        ("表4 2022-2023年各县（市、区）学校情况", 2022),
        ("表4 2018-2022年各县（市、区）学校情况", None),  # a span of years names none of them
        ("表4 各县（市、区）学校情况", None),
    ],
)
def test_the_title_gives_the_year_when_no_header_does(title: str, year: int | None) -> None:
    text = (
        f"{title}\n县（市、区）  学校数（所）  在校生（人）\n东湖区  36  40112\n西山县  28  21230"
    )
    found = cells(text)
    assert {(c.year, c.year_from if year else None) for c in found} == {
        (year, "title" if year else None)
    }
    assert {c.region for c in found} == {"东湖区", "西山县"}


YEAR_COLUMNS_UNDER_A_BYLINE = """泸州市2017—2019年教育事业发展主要指标
来源：市教育和体育局  2020-04-10
指标                         2017年    2018年    2019年
各级各类学校（所）              2046      2013      1987
专任教师（万人）                4.86      4.97      5.09
幼儿园（所）                    921       948       976
"""


def test_counts_that_look_like_years_are_figures_and_a_byline_is_no_header() -> None:
    found = cells(YEAR_COLUMNS_UNDER_A_BYLINE)
    schools = {c.year: c.value for c in found if c.row_header.startswith("各级各类学校")}
    assert schools == {2017: 2046, 2018: 2013, 2019: 1987}
    assert len(found) == 9 and {c.year_from for c in found} == {"column"}


def test_a_header_of_years_is_not_a_row_of_figures() -> None:
    text = "年份 2017 2018 2019\n幼儿园（所） 921 948 976\n小学（所） 310 305 298\n"
    found = cells(text)
    assert {(c.year, c.value) for c in found if c.row_header.startswith("幼儿园")} == {
        (2017, 921),
        (2018, 948),
        (2019, 976),
    }


def test_a_unitless_row_does_not_take_the_unit_of_the_row_above() -> None:
    table = """| 指标 | 小学 | 初中 |
| 生均教学仪器设备值（元） | 2870 | 3645 |
| 校际差异系数 | 0.412 | 0.327 |"""
    found = cells(table)
    assert {c.value_text: c.unit for c in found}["0.412"] == ""
    assert {c.value_text: c.unit for c in found}["2870"] == "元"


def test_a_stages_own_place_mean_column_and_its_coefficient_column() -> None:
    table = """| 指标 | 小学国家标准 | 小学本县均值 | 小学差异系数 | 初中国家标准 | 初中全县均值 |
| 生均体育运动场馆面积（平方米） | ≥7.5 | 11.86 | 0.447 | ≥10.2 | 16.40 |"""
    found = {c.value_text: c for c in cells(table)}
    assert (found["11.86"].label, found["11.86"].region) == ("小学生均体育运动场馆面积", None)
    assert (found["16.40"].label, found["16.40"].unit) == ("初中生均体育运动场馆面积", "平方米")
    assert found["0.447"].unit == ""  # a coefficient has no unit, whatever its row's


def test_a_stages_bare_level_mean_column_is_the_reports_place() -> None:
    # 小学县均值: the primary schools' mean of the county, not a place called 小学县
    table = """| 指标 | 国家标准 | 小学县均值 | 初中县均值 | 达标情况 |
| 生均教学仪器设备值（元） | 小学≥2000，初中≥2500 | 3486 | 4972 | 全部达标 |"""
    found = {c.value_text: c for c in cells(table)}
    assert (found["3486"].label, found["3486"].region) == ("小学生均教学仪器设备值", None)
    assert (found["4972"].label, found["4972"].region) == ("初中生均教学仪器设备值", None)


def test_a_rows_own_unit_is_not_the_unit_of_the_next_rows_measure() -> None:
    # 幼儿园数 counts 所; 在园幼儿数 below it is people, not a part of the kindergartens
    table = (
        "项　　目　　　　　　　　2019　　　　2020\n"
        "幼儿园数　　　　　　　　612　　　　637\n"
        "在园幼儿数　　　　　　108426　　　103915"
    )
    found = {c.value_text: c.unit for c in cells(table)}
    assert (found["612"], found["108426"]) == ("所", "")


def test_a_section_row_with_only_its_unit_names_the_rows_below_it() -> None:
    # 在校学生数 | 人 | (no figures): the rows under it count students, not schools
    table = (
        "| 项目 | 单位 | 2015 | 2016 |\n| 学校数 | 所 | 1202 | 1227 |\n"
        "| 普通高等学校 | 所 | 16 | 16 |\n| 在校学生数 | 人 |  |  |\n"
        "| 普通高等学校 | 人 | 147653 | 151208 |"
    )
    found = {c.value_text: (c.label, c.unit) for c in cells(table)}
    assert found["16"] == ("普通高等学校", "所")
    assert found["151208"] == ("普通高等学校在校学生数", "人")


def test_a_header_row_repeating_its_years_under_each_group_is_a_header() -> None:
    table = (
        "| 项目 | 学校数（所） | 学校数（所） | 在校学生数（人） | 在校学生数（人） |\n"
        "| 项目 | 2019 | 2020 | 2019 | 2020 |\n"
        "| 合计 | 1087 | 1072 | 452316 | 458927 |"
    )
    found = {c.value_text: (c.year, c.unit) for c in cells(table)}
    assert found == {
        "1087": (2019, "所"),
        "1072": (2020, "所"),
        "452316": (2019, "人"),
        "458927": (2020, "人"),
    }


def test_a_lower_header_line_of_the_figure_columns_only_under_spanning_groups() -> None:
    table = (
        "地 区 | 普通中学 | | 小 学 | |\n| 学校数 | 在校学生数 | 学校数 | 在校学生数 |\n"
        "全 州 | 214 | 283647 | 1367 | 637582 |\n西昌市 | 31 | 52718 | 82 | 71465 |"
    )
    found = {c.value_text: (c.label, c.region) for c in cells(table)}
    assert found["214"] == ("普通中学学校数", "全州")
    assert found["71465"] == ("小学在校学生数", "西昌市")


def test_a_two_line_header_over_tab_separated_rows_with_a_doubled_tab() -> None:
    table = (
        "                      学校数     招生数     在校学生数\n"
        "                      (所)       (人)       (人)\n"
        "总    计\t\t404\t44562\t160265\n"
        "  普通高中\t16\t  6825\t  19870\n"
        "  小  学\t96\t  10958\t  63207"
    )
    found = {c.value_text: c for c in cells(table)}
    assert (found["404"].label, found["404"].unit) == ("学校数", "所")
    assert (found["19870"].label, found["19870"].unit) == ("普通高中在校学生数", "人")
    assert found["10958"].label == "小学招生数"


def test_a_header_of_words_a_space_apart_over_rows_of_as_many_cells() -> None:
    table = (
        "县区   幼儿园 小学 初中 在校生\n"
        "甘州区  104   51   20   87265\n"
        "临泽县   33   16   6   16340\n"
        "高台县   39   22   7   19212"
    )
    found = {c.value_text: c for c in cells(table)}
    assert (found["104"].label, found["104"].region) == ("幼儿园", "甘州区")
    assert (found["16340"].label, found["16340"].region) == ("在校生", "临泽县")


def test_a_yearbook_table_with_a_unit_column_and_grouped_digits() -> None:
    from transforms.clean import normalize_numbers

    table = normalize_numbers(
        "                  单位       2010 年     2019 年     2020 年\n"
        "   小学             所        1 504        607         623\n"
        "  在校生数\n"
        "   普通高等学校     人       617 482    879 335    927 111\n"
        "   小学             人       682 423  1 029 271  1 062 195\n"
    )
    found = cells(table)
    school, pupils = [c for c in found if c.row_header == "小学" and c.year == 2010]
    assert (school.value, school.unit, school.label) == (1504, "所", "小学")
    assert (pupils.value, pupils.unit, pupils.label) == (682423, "人", "小学在校生数")
    college = [c for c in found if c.row_header == "普通高等学校" and c.year == 2019]
    assert [(c.value, c.label) for c in college] == [(879335, "普通高等学校在校生数")]


def test_a_yearbook_header_whose_second_line_lost_its_positions() -> None:
    table = """8-12 各地区普通初中基本情况 (2010年) | ||||||
单位:人 | ||||||
地 区 | 学校数 | 招生数 | 在校学生数 | 毕业生数 | 教职工数 | |
(所) | #专任教师 | |||||
全 省 | 3120 | 512345 | 1502310 | 498760 | 120345 | 110230 |
甲 市 | 410 | 60321 | 182030 | 59870 | 15021 | 13987 |"""
    found = cells(table)
    top = [c for c in found if c.row_header.replace(" ", "") == "全省"]
    assert [(c.value, c.unit) for c in top][:2] == [(3120, "所"), (512345, "人")]
    assert [c.label for c in top][-1] == "专任教师"
    assert len(found) == 12


def test_group_headers_over_a_lower_line_of_stage_names_split_where_a_name_repeats() -> None:
    # the yearbook's groups lost their indent in cleaning: which stages each spans is read
    # from the lower line itself (a stage named again opens the next group; a lone unit is
    # its group's own column)
    table = (
        "学校数（所）      在校学生数（人）     专任教师\n"
        "地    区     普通中学    小学   幼儿园   普通中学    小学     （人）\n"
        "全    市      52     131     305    41260    70412     7315\n"
        "东城区        11      23      61     9820    16307     1602\n"
        "南岭县        17      49      97    12841    20118     2254"
    )
    found = {c.value_text: c for c in cells(table)}
    assert (found["52"].label, found["52"].unit, found["52"].region) == (
        "普通中学学校数",
        "所",
        "全市",
    )
    assert (found["97"].label, found["97"].unit) == ("幼儿园学校数", "所")
    assert (found["9820"].label, found["9820"].unit, found["9820"].region) == (
        "普通中学在校学生数",
        "人",
        "东城区",
    )
    assert (found["2254"].label, found["2254"].unit) == ("专任教师", "人")


def test_a_self_evaluations_rows_of_measure_then_stage_under_a_column_of_own_means() -> None:
    table = (
        "序号 | 指标 | 学段 | 国家标准 | 本县均值 | 差异系数\n"
        "1 | 生均教学仪器设备值（元） | 小学 | ≥2000 | 3015 | 0.412\n"
        "|  | 初中 | ≥2500 | 4120 | 0.351\n"
        "2 | 每百名学生拥有网络多媒体教室数（间） | 小学 | ≥2.3 | 2.61 | 0.342"
    )
    found = {c.value_text: c.label for c in cells(table)}
    assert found["3015"] == "小学生均教学仪器设备值"
    assert found["4120"] == "初中生均教学仪器设备值"
    assert found["0.351"] == "初中生均教学仪器设备值差异系数"
    assert found["2.61"] == "小学每百名学生拥有网络多媒体教室数"


def test_a_column_of_the_countys_values_named_县域值_is_the_stages() -> None:
    table = (
        "指标 | 国家标准 | 小学县域值 | 小学差异系数 | 初中县域值\n"
        "生均教学仪器设备值（元） | 小学≥2000，初中≥2500 | 3418 | 0.426 | 4765"
    )
    found = {c.value_text: c.label for c in cells(table)}
    assert (found["3418"], found["4765"]) == ("小学生均教学仪器设备值", "初中生均教学仪器设备值")


def test_a_line_of_names_over_a_line_of_their_units_laid_out_with_spaces() -> None:
    table = (
        "学校数  在校学生数  #专任教师\n"
        "（所）    （人）    （人）\n"
        "总  计       214    98310    6015\n"
        "1.普通中学       27    31562    2410\n"
        "初 中       21    20476    1533"
    )
    found = {c.value_text: c for c in cells(table)}
    assert (found["214"].label, found["214"].unit) == ("学校数", "所")
    assert (found["31562"].label, found["31562"].unit) == ("普通中学在校学生数", "人")
    assert found["1533"].label == "初中专任教师"


def test_a_name_spaced_out_to_its_columns_width_is_one_cell() -> None:
    # a yearbook pads two-character names: 小    学 is one group header, 绛  县 one row header
    table = (
        "20-9  各县（市、区）普通中小学基本情况（2021年）\n"
        "                    普通中学                              小    学\n"
        " 县（市、区）   学校数   在校学生数   专任教师     学校数   在校学生数   专任教师\n"
        "  临猗县          34       31458       2917          96       35172       2604\n"
        "  绛  县          14        9835        983          39       12407       1082\n"
    )
    found = {c.value_text: c for c in cells(table)}
    assert (found["35172"].label, found["35172"].region) == ("小学在校学生数", "临猗县")
    assert (found["9835"].label, found["9835"].region) == ("普通中学在校学生数", "绛县")
    # single characters that make no name stay cells of their own (男, 女)
    table = "项目  合计  男  女\n小学在校生  3500  1800  1700\n初中在校生  2100  1100  1000"
    found = {c.value_text: c for c in cells(table)}
    assert found["1700"].col_header == "女"


def test_a_rows_label_spanning_the_index_column_keeps_the_table_aligned() -> None:
    table = (
        "序号 | 评估指标 | 小学 | 小学 | 初中 | 初中\n"
        "序号 | 评估指标 | 国家标准 | 本县均值 | 国家标准 | 本县均值\n"
        "1 | 生均教学及辅助用房面积（㎡） | ≥4.5 | 7.92 | ≥5.8 | 9.46\n"
        "综合差异系数 | 综合差异系数 | ≤0.50 | 0.369 | ≤0.45 | 0.282"
    )
    found = {c.value_text: c.label for c in cells(table)}
    assert (found["7.92"], found["0.282"]) == ("小学生均教学及辅助用房面积", "初中综合差异系数")


def test_a_row_of_ellipses_for_rows_left_out_does_not_end_the_table() -> None:
    table = (
        "地 区 | 幼儿园数 | 在园幼儿数\n全 国 | 241306 | 44183726\n……\n"
        "四 川 | 12874 | 2596413\n贵 州 | 9318 | 1467902"
    )
    found = {c.value_text: c for c in cells(table)}
    assert (found["1467902"].label, found["1467902"].region) == ("在园幼儿数", "贵州")


def test_a_row_with_a_standards_cell_of_two_stages_is_a_row_not_running_text() -> None:
    # 小学≥4.2；初中≥5.3: the semicolon of a standard's cell ends no sentence, and a column
    # of 小学（县均值） holds the stage's values
    table = (
        "序号 | 指标 | 国家标准 | 小学（县均值） | 初中（县均值）\n"
        "1 | 生均教学仪器设备值（元） | 小学≥2000；初中≥2500 | 2846 | 3517\n"
        "2 | 每百名学生拥有县级以上骨干教师数（人） | ≥1 | 1.27 | 1.43"
    )
    found = {c.value_text: c.label for c in cells(table)}
    assert (found["2846"], found["3517"]) == ("小学生均教学仪器设备值", "初中生均教学仪器设备值")
    assert found["1.43"] == "初中每百名学生拥有县级以上骨干教师数"
    assert looks_like_table_row("1 | 生均教学仪器设备值（元） | 小学≥2000；初中≥2500 | 2846 | 3517")


def test_an_appendix_tables_title_spaced_off_附表_is_no_header_row() -> None:
    table = (
        "附表  2021年某市各级各类学校基本情况（单位：所、人）\n"
        "学校类别 | 学校数 | 在校生数\n幼儿园 | 129 | 50210\n小学 | 58 | 96530"
    )
    found = {c.value_text: c.label for c in cells(table)}
    assert (found["129"], found["96530"]) == ("幼儿园学校数", "小学在校生数")
