"""Figures from table cells: indicators from headers, a row per place, parts of a row."""

from __future__ import annotations

import pytest

from tests.transforms.conftest import extract_page, figures_of
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
    rows = figures_of(COUNTIES_WITHOUT_UNIVERSITIES, resources)
    assert rows["1055"].indicator is None and rows["461980"].indicator is None
    assert rows["698"].indicator == "kindergartens"  # a stage's own column is whole
    assert rows["190"].indicator == "schools_total"  # a district's row: no universities there
    whole = COUNTIES_WITHOUT_UNIVERSITIES.replace("注：本表不含普通高等学校。\n", "")
    assert figures_of(whole, resources)["1055"].indicator == "schools_total"


def test_the_note_under_one_table_is_not_the_next_ones(resources: Resources) -> None:
    page = (
        "某区统计年鉴2020\n19-1 各级各类学校基本情况\n项 目 | 学校数（所） | 在校学生数（人）\n"
        "总 计 | 138 | 93062\n小 学 | 31 | 38460\n注：本表不含高等学校和成人学校。\n"
        "19-2 主要年份教育基本情况\n年 份 | 学校数（所） | 在校学生数（人）\n"
        "2010 | 162 | 98310\n2015 | 145 | 90526\n"
    )
    rows = figures_of(page, resources)
    assert (rows["162"].indicator, rows["162"].year) == ("schools_total", 2010)


GROUPED_ROWS = """某市统计年鉴—2023
18-3 各级各类学校基本情况（2020—2022年）
指 标 | 单位 | 2021 | 2022
学校数合计 | 所 | 241 | 233
小学 | 所 | 66 | 64
在校学生数合计（含在园幼儿） | 人 | 136208 | 134046
小学 | 人 | 52107 | 50634
中等职业学校 | 人 | 6035 | 6108
专任教师数合计 | 人 | 10218 | 10307
小学 | 人 | 4210 | 4188
"""


def test_a_stage_row_under_a_total_row_is_that_totals_stage_part(resources: Resources) -> None:
    coded = {
        (m.value_text, m.year): m.indicator for m in extract_page(GROUPED_ROWS, resources).metrics
    }
    assert coded[("64", 2022)] == "primary_schools"
    assert coded[("50634", 2022)] == "primary_enrolment"
    assert coded[("6108", 2022)] == "vocational_enrolment"
    assert coded[("4188", 2022)] == "primary_teachers"
    # a growth column after the years: its percentages close no group
    lines = GROUPED_ROWS.splitlines()
    grown = "\n".join(
        [*lines[:2], lines[2] + " | 2022年比2021年增长（%）", *(f"{x} | -1.2" for x in lines[3:])]
    )
    coded = {(m.value_text, m.year): m.indicator for m in extract_page(grown, resources).metrics}
    assert coded[("50634", 2022)] == "primary_enrolment"
    assert coded[("4188", 2022)] == "primary_teachers"


def test_a_count_of_every_stage_in_a_table_titled_for_one_stage_is_that_stages(
    resources: Resources,
) -> None:
    page = (
        "4-12 各地区学前教育基本情况（2016年）\n单位：所、人\n"
        "地 区 | 幼儿园数 | 在园幼儿数 | 教职工数 | 其中：专任教师\n"
        "全 国 | 241306 | 44183726 | 3867542 | 2237815\n"
    )
    coded = {m.value_text: m.indicator for m in extract_page(page, resources).metrics}
    assert (coded["3867542"], coded["2237815"]) == ("preschool_staff", "preschool_teachers")


STANDARDS_TABLE = """某县义务教育优质均衡发展督导评估反馈意见
表1 某县义务教育学校资源配置指标情况
序号 | 指标 | 国家标准 | 小学 | 初中 | 小学达标校数 | 初中达标校数
1 | 每百名学生拥有高于规定学历教师数(人) | 小学≥4.2,初中≥5.3 | 5.06 | 6.12 | 22 | 9
2 | 生均教学及辅助用房面积(㎡) | 小学≥4.5,初中≥5.8 | 6.83 | 9.47 | 22 | 8
"""


def test_a_standards_column_is_no_part_of_a_row_header(resources: Resources) -> None:
    found = figures_of(STANDARDS_TABLE, resources)
    assert found["5.06"].series_label == "小学每百名学生拥有高于规定学历教师数"
    assert (found["9.47"].series_label, found["9.47"].unit) == (
        "初中生均教学及辅助用房面积",
        "平方米",
    )
    assert found["8"].unit == "所"  # 达标校数: schools, whatever the row's unit
    assert not {"4.2", "5.3", "4.5", "5.8"} & set(found)


TOWNS = """桓台县2022年义务教育优质均衡发展监测报告
各镇义务教育学校主要指标
乡镇 | 学校数 | 在校生 | 生均教学及辅助用房面积（㎡）
马桥镇 | 4 | 4690 | 7.0
唐山镇 | 3 | 2836 | 8.8
"""


def test_a_towns_row_is_not_the_city_of_the_same_name(resources: Resources) -> None:
    rows = [m for m in extract_page(TOWNS, resources).metrics if m.value_text in ("3", "2836")]
    # the town's own figures (a place below the gazetteer's counties, level town)
    assert rows and all((m.region_name, m.region_level) == ("唐山镇", "town") for m in rows)


STAGE_OVER_PLACE = """当阳市义务教育优质均衡发展自评报告
表1 资源配置指标达标情况
指标 | 小学 | 小学 | 初中 | 初中
指标 | 国家标准 | 当阳市 | 国家标准 | 当阳市
每百名学生拥有高于规定学历教师数（人） | ≥4.2 | 5.86 | ≥5.3 | 6.73
生均教学仪器设备值（元） | ≥2000 | 3146 | ≥2500 | 4280
"""


def test_a_stage_over_a_place_names_the_stage_of_its_cells(resources: Resources) -> None:
    found = figures_of(STAGE_OVER_PLACE, resources)
    assert found["5.86"].series_label == "小学每百名学生拥有高于规定学历教师数"
    assert found["6.73"].series_label == "初中每百名学生拥有高于规定学历教师数"
    assert found["4280"].region_name == "当阳市"


PREFECTURE = """塔城地区统计年鉴2021
19-3 各县（市）教育基本情况（2020年）
县（市） | 幼儿园（所） | 小学（所） | 专任教师（人）
全地区 | 272 | 101 | 12033
乌苏市 | 61 | 22 | 3012
沙湾市 | 57 | 21 | 2588
"""


def test_a_prefectures_total_row_and_a_county_become_city_are_their_places(
    resources: Resources,
) -> None:
    found = figures_of(PREFECTURE, resources)
    assert (found["272"].region_name, found["272"].indicator) == ("塔城地区", "kindergartens")
    # 沙湾县 became 沙湾市 in 2021 (gazetteer_renamed.csv)
    assert (found["57"].region_name, found["57"].indicator) == ("沙湾市", "kindergartens")


STAGE_IN_CAPTIONS = """蒲江县县域义务教育优质均衡发展自评报告
表1 资源配置七项指标达标情况（小学）
指标 | 国家标准 | 全县均值 | 差异系数
每百名学生拥有县级以上骨干教师数（人） | ≥1 | 1.47 | 0.406
生均教学仪器设备值（元） | ≥2000 | 3415 | 0.329
表2 资源配置七项指标达标情况（初中）
指标 | 国家标准 | 全县均值 | 差异系数
每百名学生拥有县级以上骨干教师数（人） | ≥1 | 1.83 | 0.317
生均教学仪器设备值（元） | ≥2500 | 4682 | 0.236
"""


def test_a_stage_in_a_tables_caption_names_the_series_of_its_rows(resources: Resources) -> None:
    # the two tables' rows read alike: without the caption's stage, one series of two values
    found = figures_of(STAGE_IN_CAPTIONS, resources)
    assert found["1.47"].series_label == "小学每百名学生拥有县级以上骨干教师数"
    assert found["1.83"].series_label == "初中每百名学生拥有县级以上骨干教师数"
    assert found["0.236"].series_label == "初中生均教学仪器设备值差异系数"


def test_a_tables_rows_of_towns_are_the_towns_figures(resources: Resources) -> None:
    page = (
        "某县统计年鉴2022\n18-2 分镇（区）中小学基本情况（2021年）\n"
        "镇（区） | 小学数（所） | 小学在校生（人）\n东台镇 | 11 | 19834\n安丰街道 | 5 | 3987\n"
        "其他乡镇 | 13 | 7810\n"
    )
    rows = figures_of(page, resources)
    assert (rows["19834"].region_name, rows["19834"].region_level) == ("东台镇", "town")
    assert rows["19834"].indicator == "primary_enrolment"
    assert rows["3987"].region_name == "安丰街道"
    assert rows["7810"].region_name != "其他乡镇" and rows["7810"].indicator is None


def test_rows_by_stage_under_a_place_corner_are_the_regions_stages(resources: Resources) -> None:
    page = (
        "雅安统计年鉴2023\n17-5 各县（区）教育基本情况（2022年）\n单位：所、人\n"
        "地 区 | 学校数 | 在校学生数 | 专任教师数\n"
        "全 市 | 386 | 223669 | 16461\n按学校类别分\n"
        "幼儿园 | 192 | 41230 | 2914\n小学 | 112 | 98412 | 6518\n按县（区）分\n"
        "雨城区 | 96 | 78213 | 5842\n名山区 | 58 | 36124 | 2537\n"
    )
    rows = figures_of(page, resources)
    assert (rows["98412"].region_name, rows["98412"].indicator) == ("雅安市", "primary_enrolment")
    assert rows["192"].indicator == "kindergartens"
    assert (rows["78213"].region_name, rows["78213"].indicator) == ("雨城区", "students_total")


def test_a_numbered_rows_total_heads_the_stage_rows_under_it(resources: Resources) -> None:
    page = (
        "某县年鉴（2020）\n表12-1 2019年某县各级各类教育基本情况\n"
        "项目 | 单位 | 2019年 | 2018年\n一、学校数 | 所 | 121 | 126\n小学 | 所 | 54 | 57\n"
        "二、在校学生数 | 人 | 28463 | 29105\n小学 | 人 | 12361 | 12598\n"
        "三、专任教师数 | 人 | 2537 | 2561\n小学 | 人 | 1046 | 1072\n"
    )
    rows = figures_of(page, resources)
    assert rows["12361"].indicator == "primary_enrolment"
    assert rows["1046"].indicator == "primary_teachers"
    assert rows["54"].indicator == "primary_schools"


def test_a_table_whose_cells_one_ideographic_space_separates_is_read(
    resources: Resources,
) -> None:
    """A Word table pasted as text (序号　指标　…): one ideographic space between cells, which
    width normalisation would have made a plain space separating nothing."""
    page = (
        "某某县县域义务教育优质均衡发展督导评估自评报告\n"
        "资源配置7项指标全部达标，具体情况见下表：\n"
        "序号\u3000指标\u3000国家标准（小学/初中）\u3000小学\u3000初中\u3000是否达标\n"
        "1\u3000生均教学及辅助用房面积（平方米）\u30004.5/5.8\u30006.42\u30008.37\u3000达标\n"
        "2\u3000生均教学仪器设备值（元）\u30002000/2500\u30003126\u30004258\u3000达标\n"
        "作者：县教育督导室\u3000来源：县教育局\u3000阅读量：1096\n"
    )
    rows = figures_of(page, resources)
    assert rows["6.42"].label.startswith("小学生均教学及辅助用房面积")
    assert rows["4258"].label.startswith("初中生均教学仪器设备值")
    assert "1096" not in rows


def test_stage_columns_count_what_their_tables_title_names(resources: Resources) -> None:
    page = (
        "某区统计年鉴2017\n19-3 历年中小学在校学生数\n单位：人\n"
        "年份 | 小学 | 普通中学\n2014 | 30517 | 28346\n2016 | 31264 | 27158\n"
    )
    rows = figures_of(page, resources)
    assert (rows["30517"].indicator, rows["30517"].year) == ("primary_enrolment", 2014)
    assert rows["27158"].indicator == "secondary_enrolment"
    # (and the towns' rows of a table are theirs, 和村镇 too)
    page = (
        "某区统计年鉴2017\n19-2 分镇小学基本情况（2016年）\n单位：所、人\n"
        "镇别 | 学校数 | 在校学生数\n临水镇 | 11 | 5126\n和村镇 | 12 | 2947\n"
    )
    assert figures_of(page, resources)["2947"].region_name == "和村镇"


def test_a_streets_row_is_the_streets_whatever_place_name_its_name_holds(
    resources: Resources,
) -> None:
    page = (
        "安次统计年鉴2021\n表2 分街道中小学基本情况（2020年）\n单位：所、人\n"
        "街道 | 中小学校数 | 在校学生数\n银河南路街道 | 9 | 7826\n光明西道街道 | 7 | 6413\n"
    )
    assert figures_of(page, resources)["7826"].region_name == "银河南路街道"


def test_a_standard_one_for_both_stages_is_no_part_of_the_row_header(
    resources: Resources,
) -> None:
    page = (
        "某区县域义务教育优质均衡发展督导评估自评报告\n表1 资源配置指标达标情况\n"
        "指标 | 国家标准 | 小学均值 | 小学差异系数 | 初中均值 | 初中差异系数\n"
        "每百名学生拥有县级以上骨干教师数（人） | 均为1 | 1.42 | 0.517 | 1.68 | 0.403\n"
        "生均教学仪器设备值（元） | 小学2000、初中2500 | 2864 | 0.335 | 3517 | 0.276\n"
    )
    rows = figures_of(page, resources)
    assert rows["1.42"].label == "小学每百名学生拥有县级以上骨干教师数"
    assert rows["1.68"].label == "初中每百名学生拥有县级以上骨干教师数"
    # (均达到1: the same standard, in another verb)
    rows = figures_of(page.replace("均为1", "均达到1"), resources)
    assert rows["1.42"].label == "小学每百名学生拥有县级以上骨干教师数"


def test_a_coefficients_column_after_a_stages_is_that_stages(resources: Resources) -> None:
    page = (
        "某区县域义务教育优质均衡发展督导评估自评报告\n表1 资源配置指标达标情况\n"
        "序号 | 指标 | 国家标准（小学/初中） | 小学 | 差异系数 | 初中 | 差异系数\n"
        "1 | 每百名学生拥有高于规定学历教师数（人） | ≥4.2/≥5.3 | 6.18 | 0.214 | 7.36 | 0.187\n"
        "2 | 生均教学仪器设备值（元） | ≥2000/≥2500 | 3215 | 0.287 | 4068 | 0.253\n"
    )
    rows = figures_of(page, resources)
    assert rows["0.214"].label == "每百名学生拥有高于规定学历教师数小学差异系数"
    assert rows["0.253"].label == "生均教学仪器设备值初中差异系数"


def test_a_flattened_two_row_header_ending_in_its_year_gives_the_cells_year(
    resources: Resources,
) -> None:
    page = (
        "嘉陵区统计年鉴2021\n17-1 各级各类学校基本情况\n单位：所、人\n"
        "项目 | 学校数2019年 | 学校数2020年 | 在校学生2019年 | 在校学生2020年\n"
        "幼儿园 | 74 | 71 | 14872 | 14215\n小学 | 46 | 43 | 36214 | 35680\n"
    )
    rows = figures_of(page, resources)
    assert (rows["14872"].indicator, rows["14872"].year) == ("preschool_enrolment", 2019)
    assert (rows["43"].indicator, rows["43"].year) == ("primary_schools", 2020)


def test_a_standard_per_stage_a_space_apart_is_no_part_of_the_row_header(
    resources: Resources,
) -> None:
    page = (
        "某区县域义务教育优质均衡发展督导评估自评报告\n表1 资源配置指标达成情况\n"
        "指标 | 国家标准 | 小学 | 初中 | 达标学校数\n"
        "每百名学生拥有高于规定学历教师数（人） | 小学4.2 初中5.3 | 5.87 | 6.94 | 48\n"
        "生均教学仪器设备值（元） | 小学2000 初中2500 | 3126 | 4258 | 48\n"
    )
    rows = figures_of(page, resources)
    assert rows["5.87"].label == "小学每百名学生拥有高于规定学历教师数"
    assert rows["4258"].label == "初中生均教学仪器设备值"
