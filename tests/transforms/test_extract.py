"""A whole page through decode, clean and extract: what each figure is, where and when."""

from __future__ import annotations

import pytest

from tests.transforms.conftest import extract_page, figures_of
from transforms.extract import Resources, classify_report, load_resources


@pytest.fixture(scope="module")
def resources() -> Resources:
    return load_resources()


run = extract_page


COUNTY_TABLE = """2019年郑州市各县（市）教育基本情况

县（市）    中牟县  巩义市  荥阳市
幼儿园（所）  236  198  171
在园幼儿（人）  31560  27840  22310

说明：本表为各县（市）数据。
"""


def test_a_county_column_table_gives_each_county_its_figures(resources: Resources) -> None:
    rows = {
        (m.region_name, m.indicator): m.value
        for m in run(COUNTY_TABLE, resources).metrics
        if m.indicator
    }
    assert rows[("中牟县", "kindergartens")] == 236
    assert rows[("荥阳市", "preschool_enrolment")] == 22310
    assert all(m.year == 2019 for m in run(COUNTY_TABLE, resources).metrics)


HTML_TABLE = """<html><head><title>湖北省2019年教育事业发展统计公报</title>
<link rel="canonical" href="http://jyt.hubei.gov.cn/bmdt/tjsj/a.shtml"></head><body>
<h1>湖北省2019年教育事业发展统计公报</h1>
<p>全省教育事业继续发展。全省共有各级各类学校2.3万所。</p>
<table><tr><td>学段</td><td>学校数（所）</td><td>在校生（万人）</td></tr>
<tr><td>小学</td><td>5426</td><td>377.20</td></tr>
<tr><td>初中</td><td>2064</td><td>160.10</td></tr></table>
</body></html>"""


def test_an_html_table_and_the_canonical_link(resources: Resources) -> None:
    out = run(HTML_TABLE, resources, "file:///tmp/hubei.html")
    (report,) = out.reports
    assert (report.region_name, report.year) == ("湖北省", 2019)
    codes = {m.indicator: m.value for m in out.metrics if m.indicator}
    assert codes["primary_schools"] == 5426
    assert codes["junior_enrolment"] == 1601000
    assert out.documents[0].source_kind == "official"


def test_offsets_of_every_figure_point_at_its_text(resources: Resources) -> None:
    out = run(COUNTY_TABLE + "全市共有幼儿园968所。", resources)
    texts = {r.report_id: r.text for r in out.reports}
    for m in out.metrics:
        assert texts[m.report_id][m.char_start : m.char_end] == m.value_text


def test_a_document_sharing_copy_is_marked(resources: Resources) -> None:
    page = "免费阅读已结束，点击下载阅读编辑剩下...\n全市共有幼儿园968所。\n下载文档\n"
    assert run(page, resources).documents[0].source_kind == "sharing"


YEARBOOK_TABLE = """湖南教育统计年鉴（2019） 第二十一部分 基础教育
21-8 各市州普通小学基本情况（2019年）
单位：所、人
地 区 | 学校数 | 招生数 | 在校学生数 | 专任教师数
全 省 | 7860 | 823100 | 5201600 | 276500
长沙市 | 612 | 98400 | 603200 | 33800
株洲市 | 341 | 38600 | 241900 | 13900
"""


def test_a_table_takes_the_stage_of_the_title_line_above_it(resources: Resources) -> None:
    rows = {(m.region_name, m.value_text): m for m in run(YEARBOOK_TABLE, resources).metrics}
    assert rows[("长沙市", "612")].indicator == "primary_schools"
    assert rows[("长沙市", "603200")].indicator == "primary_enrolment"
    assert rows[("株洲市", "13900")].indicator == "primary_teachers"
    assert rows[("长沙市", "612")].year == 2019


def test_stages_listed_after_a_figure_measure_what_it_measures(resources: Resources) -> None:
    page = (
        "某区2021年度履行教育职责自评报告\n"
        "全区现有中小学、幼儿园17所，在校学生5406人，其中小学2745人，初中1688人，"
        "高中973人。\n"
    )
    codes = {m.value_text: m.indicator for m in run(page, resources).metrics}
    assert codes["2745人"] == "primary_enrolment"
    assert codes["1688人"] == "junior_enrolment"
    assert codes["973人"] == "general_senior_enrolment"


BILINGUAL_YEARBOOK = """17-5  教育事业基本情况
Basic Statistics on Education
单位:人、所     (person, unit)
             Item 2021 2022
学校数 Number of Schools
普通高等学校 Regular Institutions of Higher Education 41 43
    普通中学     Regular Secondary Schools 1210 1198
   高 中         Senior 262 259
  初 中         Junior 948 939
小 学 Primary Schools 3120 2987
专任教师 Number of Full-time Teachers
普通高等学校 Regular Institutions of Higher Education 31850 32960
   高 中         Senior 30112 30894
小 学 Primary Schools 121037 120450
"""


def test_a_bilingual_yearbook_table_gives_each_section_its_measure(resources: Resources) -> None:
    rows = {
        (m.value_text, m.year): (m.indicator, m.series_label)
        for m in run(BILINGUAL_YEARBOOK, resources, "http://tjj.cq.gov.cn/tjnj/17-5.htm").metrics
    }
    assert rows[("43", 2022)] == ("higher_schools", None)
    assert rows[("259", 2022)] == ("general_senior_schools", None)
    assert rows[("120450", 2022)] == ("primary_teachers", None)
    assert rows[("30112", 2021)] == ("general_senior_teachers", None)
    # 普通中学 (junior and senior together): its own code, not junior's or senior's
    assert rows[("1210", 2021)] == ("secondary_schools", None)
    report = run(BILINGUAL_YEARBOOK, resources, "http://tjj.cq.gov.cn/tjnj/17-5.htm").reports[0]
    assert report.region_name == "重庆市"  # a statistics bureau's host: tjj.cq.gov.cn


def test_a_plans_figures_for_its_own_years_are_targets(resources: Resources) -> None:
    page = (
        "某市关于加快学前教育发展的实施意见\n"
        "2004年，全市学前三年毛入园率为85%。\n"
        "一、发展目标\n2007年，全市学前三年幼儿入园率达到96%以上。\n"
        "二、推进普惠发展\n2007年，全市普惠性幼儿园覆盖率达到80%。\n"
    )
    rows = figures_of(page, resources)
    assert run(page, resources).reports[0].report_type == "plan"
    assert rows["96%"].indicator == "preschool_gross_enrollment_rate"
    assert rows["96%"].status != "achieved" and rows["80%"].status == "target"
    assert rows["85%"].status == "achieved"  # the baseline before the plan's years


def test_a_figure_for_a_year_after_publication_is_a_target(resources: Resources) -> None:
    page = "发布时间：2020-03-01\n全县学前三年毛入园率2019年为88%，2022年达到92%。\n"
    rows = figures_of(page, resources)
    assert rows["88%"].status == "achieved" and rows["92%"].status == "target"


def test_stages_after_a_per_student_figure_are_per_student_figures(resources: Resources) -> None:
    page = (
        "2019年全国教育经费统计公告\n分学段看，全国幼儿园生均一般公共预算教育经费为9467元，"
        "全国普通小学为11949元，全国普通初中为17319元。\n"
    )
    codes = {m.value_text: m.indicator for m in run(page, resources).metrics}
    assert codes["9467元"] == "preschool_per_student_expenditure"
    assert codes["11949元"] == "primary_per_student_expenditure"
    assert codes["17319元"] == "junior_per_student_expenditure"


def test_a_place_listed_after_a_figure_measures_what_it_measures(resources: Resources) -> None:
    page = (
        "河南省2019年学前教育工作情况\n\n"
        "全省幼儿园2.06万所，其中郑州市1420所。全省新增学前教育学位6.2万个，郑州市新增1.1万个。\n"
    )
    rows = figures_of(page, resources)
    assert (rows["1420所"].indicator, rows["1420所"].region_name) == ("kindergartens", "郑州市")
    assert rows["1.1万个"].indicator == "new_preschool_places"
    assert rows["1.1万个"].region_name == "郑州市"


def test_pupils_after_a_list_of_stages_schools_are_the_holding_stages(
    resources: Resources,
) -> None:
    page = (
        "宁远县2023年教育工作报告\n\n"
        "全县有普通高中5所、中职学校2所，在校生2.21万人。全县现有中小学318所、幼儿园146所，"
        "在校生17.6万人。\n"
    )
    rows = figures_of(page, resources)
    assert rows["2.21万人"].indicator == "senior_enrolment"
    assert rows["17.6万人"].indicator == "students_total"  # no stage holds both
    # an item of no stage of its own in the list, or a part in brackets after an item
    for listed in ("初中31所、九年一贯制学校9所", "初中31所（含九年一贯制学校9所）"):
        page = f"雁塔区2020年教育工作报告\n\n全区共有小学86所、{listed}，在校生15.26万人。\n"
        assert figures_of(page, resources)["15.26万人"].indicator == "compulsory_enrolment"
    # a list of one kind of schools (民办…): the pupils of that kind, no stage's total
    page = "银川市2021年民办教育情况\n\n全市共有民办小学19所、民办初中14所，在校生3.72万人。\n"
    found = figures_of(page, resources)["3.72万人"]
    assert (found.indicator, found.label) == (None, "民办在校生")


def test_a_plan_evaluations_target_column_is_a_target_and_its_results_are_results(
    resources: Resources,
) -> None:
    page = (
        "郴州市“十三五”教育事业发展总结\n\n“十三五”时期主要指标完成情况\n"
        "指标 | 2015年 | 2020年规划目标 | 2020年实际\n"
        "学前三年毛入园率(%) | 76.8 | 85 | 90.5\n"
        "九年义务教育巩固率(%) | 92.6 | 95 | 96.9\n"
    )
    rows = {(m.value_text, m.status): m for m in run(page, resources).metrics}
    assert rows[("85", "target")].indicator == "preschool_gross_enrollment_rate"
    assert rows[("90.5", "achieved")].indicator == "preschool_gross_enrollment_rate"
    assert rows[("90.5", "achieved")].year == 2020


def test_a_rise_year_by_year_and_the_same_years_for_the_next_measure(
    resources: Resources,
) -> None:
    page = (
        "临洮县2019年教育工作总结\n\n"
        "学前三年毛入园率由2016年的78.4%逐年提高到2017年的81.2%、2018年的84.6%，2019年达到87.3%。"
        "回顾五年，毛入园率由2011年的47.3%提高到2015年的86.2%；义务教育巩固率由89.6%提高到94.1%。\n"
    )
    rows = figures_of(page, resources)
    assert [(rows[v].indicator, rows[v].year) for v in ("81.2%", "84.6%")] == [
        ("preschool_gross_enrollment_rate", 2017),
        ("preschool_gross_enrollment_rate", 2018),
    ]
    assert (rows["89.6%"].year, rows["94.1%"].year) == (2011, 2015)


def test_a_kind_of_school_in_brackets_counts_that_kind(resources: Resources) -> None:
    page = "湘乡市教育局2022年工作总结\n\n——幼儿园178所（公办58所、民办120所），在园幼儿21563人。\n"
    rows = figures_of(page, resources)
    assert [rows[v].indicator for v in ("178所", "58所", "120所")] == [
        "kindergartens",
        "public_kindergartens",
        "private_kindergartens",
    ]


def test_kinds_of_school_listed_after_its_count_count_those_kinds(resources: Resources) -> None:
    page = "青川县2019年教育事业统计公报\n\n全县共有幼儿园54所，其中公办47所，民办7所。\n"
    rows = figures_of(page, resources)
    assert [rows[v].indicator for v in ("54所", "47所", "7所")] == [
        "kindergartens",
        "public_kindergartens",
        "private_kindergartens",
    ]
    # a part that the whole's indicator would name again keeps no indicator, but its name
    page = "邗江区2019年教育工作报告\n\n全区义务教育学校大班额12个，其中城区11个，农村1个。\n"
    rows = figures_of(page, resources)
    assert rows["12个"].indicator == "large_classes"
    assert (rows["11个"].indicator, rows["11个"].label) == (None, "城区义务教育学校大班额")


def test_a_five_year_total_then_each_years_value(resources: Resources) -> None:
    page = (
        "郴州市“十三五”教育事业发展总结\n\n"
        "五年累计投入教育经费592.6亿元，其中2016年98.3亿元、2017年106.7亿元、2020年140.3亿元。\n"
    )
    rows = figures_of(page, resources)
    assert rows["592.6亿元"].year is None  # a total over five years, no one year's
    found = [(rows[v].indicator, rows[v].year) for v in ("98.3亿元", "140.3亿元")]
    assert found == [("education_expenditure", 2016), ("education_expenditure", 2020)]


def test_a_breakdown_by_county_after_a_total_and_its_change(resources: Resources) -> None:
    page = (
        "佳木斯市2017年教育工作报告\n\n"
        "全市教育经费总投入41.7亿元，同比增长5.8%。分县看，富锦市投入6.35亿元，桦南县投入5.12亿元。\n"
    )
    rows = figures_of(page, resources)
    assert (rows["6.35亿元"].indicator, rows["6.35亿元"].region_name) == (
        "education_funding_total",
        "富锦市",
    )
    assert rows["5.12亿元"].region_name == "桦南县"


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("区教体局2020年工作计划", "plan"),
        ("县教育局2021年工作要点", "plan"),
        ("市教育局2019年工作总结和2020年工作计划", "work_summary"),
        ("2019年工作情况和2020年工作打算", "work_report"),
        ("2019年全省教育事业发展统计公报", "statistical_bulletin"),
        ("修水县“十四五”教育事业发展规划", "plan"),
        ("发展规划处", None),  # an office, not a plan
        ("省督导组反馈我县义务教育优质均衡发展督导评估情况", "inspection_feedback"),
    ],
)
def test_report_type_from_the_title(title: str, kind: str | None) -> None:
    assert classify_report(title, "") == kind


def test_report_type_from_a_headline_before_the_texts_opening() -> None:
    # the page's title is its breadcrumb; the headline names the type, the text a 实施方案
    crumb = "新疆维吾尔自治区教育厅  首页 > 教育督导 > 督导评估"
    headline = "自治区人民政府教育督导室关于呼图壁县义务教育优质均衡发展督导评估的反馈意见"
    text = "根据《督导评估办法》和自治区实施方案要求，开展督导评估。"
    assert classify_report(crumb, text, titles=[headline]) == "inspection_feedback"
    assert classify_report(crumb, text) is None  # a plan it acts on is not the page's type
    text = "根据《县域学前教育普及普惠督导评估办法》和我省实施方案，省政府教育督导委员会办公室组织督导评估。"
    assert classify_report("关于2024年县域学前教育普及普惠省级督导评估情况的通报", text) is None
    assert classify_report("通报", "2024年全县教育工作实施方案如下。") == "plan"


def test_a_text_opening_on_a_plans_years_so_far_is_no_plan() -> None:
    text = "编者按\n“十四五”规划实施以来，全区加快推进基础教育扩优提质，一起来看看这份教育答卷。"
    assert classify_report("编者按", text) is None
    assert classify_report("编者按", "“十四五”规划提出，到2025年…") == "plan"


def test_a_plans_figures_for_its_own_year_are_targets(resources: Resources) -> None:
    page = "区教体局2020年工作计划\n发布时间：2020-02-10\n\n一、2020年重点项目\n新建、改扩建中小学幼儿园9所，新增学位4950个。2019年全区新增学位3100个。\n"
    rows = figures_of(page, resources)
    assert rows["4950个"].status == "target" and rows["4950个"].year == 2020
    assert rows["3100个"].status == "achieved" and rows["3100个"].year == 2019


def test_a_county_summary_with_private_parts_and_local_wordings(resources: Resources) -> None:
    page = (
        "某县2020年教育工作总结\n\n"
        "全县共有幼儿园170所（80所民办），在园幼儿1.3万人。初中生4.2万人（民办5000人）。"
        "普惠覆盖率87.2%，公办幼儿园在园幼儿比率达到53.1%，在公办园和普惠性民办幼儿园就读率93.4%。"
        "教育一般公共预算财政支出12.6亿元。普高学生2.1万人，义务段学生3.2万人。全县在校学生9.1万人。\n"
    )
    rows = figures_of(page, resources)
    assert rows["80所"].indicator == "private_kindergartens"  # the private part, not 幼儿园 again
    assert rows["5000人"].indicator is None
    assert rows["87.2%"].indicator == "preschool_inclusive_rate"
    assert rows["53.1%"].indicator == "preschool_public_rate"
    assert rows["93.4%"].indicator == "preschool_inclusive_rate"
    assert rows["12.6亿元"].indicator == "education_expenditure"
    assert rows["2.1万人"].indicator == "general_senior_enrolment"
    assert rows["3.2万人"].indicator == "compulsory_enrolment"
    assert rows["9.1万人"].indicator == "students_total"  # no stage after two of them


def test_a_list_of_a_stages_parts_stays_in_the_stage(resources: Resources) -> None:
    page = (
        "某县2022年义务教育优质均衡自评报告\n\n"
        "全县义务教育学校47所，其中小学33所，初中11所；在校生32416人，专任教师2587人。\n"
    )
    rows = figures_of(page, resources)
    assert rows["32416人"].indicator == "compulsory_enrolment"
    assert rows["2587人"].indicator == "compulsory_teachers"


def test_a_breakdown_opening_the_next_sentence_with_qizhong(resources: Resources) -> None:
    page = "某县2020年教育工作总结\n\n全县在校学生16.1万人。其中，幼儿2.6万人，小学生7.0万人。教职工9800人。\n"
    rows = figures_of(page, resources)
    assert rows["2.6万人"].indicator == "preschool_enrolment"
    assert rows["9800人"].indicator == "staff_total"


def test_a_sharing_sites_count_of_copies_is_not_a_figure(resources: Resources) -> None:
    page = "义务教育优质均衡发展自查自评报告(精选3篇)\n\n全县义务教育学校47所。\n"
    assert [m.value_text for m in run(page, resources).metrics] == ["47所"]


def test_pupils_after_a_kind_of_kindergarten_are_its_pupils(resources: Resources) -> None:
    page = (
        "2024年某市教育事业发展统计公报\n\n"
        "全市共有幼儿园2650所，在园幼儿45.2万人。其中，公办幼儿园633所，在园幼儿17.0万人；"
        "普惠性幼儿园1756所，在园幼儿32.5万人；民办幼儿园1348所，在园幼儿18.8万人。"
        "全市普通初中436所（含九年一贯制学校109所），比上年增加14所。\n"
    )
    rows = figures_of(page, resources)
    assert rows["45.2万人"].indicator == "preschool_enrolment"
    assert rows["17.0万人"].indicator == "public_preschool_enrolment"
    assert rows["32.5万人"].indicator == "inclusive_preschool_enrolment"
    assert rows["18.8万人"].indicator is None
    assert rows["18.8万人"].series_label == "民办幼儿园在园幼儿"
    assert (rows["14所"].indicator, rows["14所"].kind) == ("junior_schools", "change_abs")


def test_a_breakdown_in_brackets_of_an_addition(resources: Resources) -> None:
    page = (
        "2021年某市教育工作情况\n\n"
        "今年投入使用的新建、扩建中小学及幼儿园共152所（中小学83所，幼儿园69所），"
        "新增学位10.5万个。\n"
    )
    rows = figures_of(page, resources)
    assert (rows["152所"].indicator, rows["152所"].kind) == ("new_schools", "change_abs")
    assert (rows["83所"].indicator, rows["83所"].kind) == (None, "change_abs")  # a part
    assert (rows["69所"].indicator, rows["69所"].kind) == ("new_kindergartens", "change_abs")


def test_a_list_of_teachers_by_stage_and_a_total(resources: Resources) -> None:
    page = (
        "某州2015年教育基本情况\n\n"
        "全州初中28所（含4所民办初中）、小学164所。全州专任教师12243人，其中幼儿园教师1100人、"
        "小学教师7118人。全州在园幼儿3.1万人。全州学生总数110637人。\n"
    )
    rows = figures_of(page, resources)
    assert rows["164所"].indicator == "primary_schools"  # not «民办初中）、小学»
    assert rows["1100人"].indicator == "preschool_teachers"
    assert rows["7118人"].indicator == "primary_teachers"
    assert rows["110637人"].indicator == "students_total"  # a total takes no stage around it


def test_a_list_goes_on_past_an_item_without_a_code(resources: Resources) -> None:
    page = (
        "某市教育概况\n\n"
        "全市教职工3.6万人，其中普通高校6120人，普通中学10632人，小学8004人，特校72人。"
        "全市普通中学167所。\n"
    )
    rows = figures_of(page, resources)
    assert rows["10632人"].indicator is None  # no code for 普通中学 staff
    assert rows["8004人"].indicator == "primary_staff"
    assert rows["72人"].indicator == "special_staff"
    # a stage alone names no series: staff and schools of 普通中学 do not share one
    assert rows["10632人"].series_label is None and rows["167所"].series_label is None


def test_a_whole_economys_bulletin_gives_the_figures_of_its_education_section(
    resources: Resources,
) -> None:
    page = (
        "锦州市2020年国民经济和社会发展统计公报\n"
        "一、综合\n"
        "全年地区生产总值1073.2亿元，比上年增长1.4%。年末户籍总人口283.6万人。\n"
        "十、教育和科学技术\n"
        "全市共有普通高等学校7所，在校生10.85万人。全市共有幼儿园512所。\n"
        "十一、卫生\n"
        "年末全市共有医疗卫生机构3560个，床位1.86万张。\n"
    )
    assert sorted(figures_of(page, resources)) == ["10.85万人", "512所", "7所"]
    # an education bulletin, or a work report, is read whole
    report = page.replace("国民经济和社会发展统计公报", "教育工作总结")
    assert "3560个" in figures_of(report, resources)


def test_a_span_of_years_listed_respectively_gives_each_figure_its_year(
    resources: Resources,
) -> None:
    page = (
        "梧州市教育局工作汇报\n"
        "2019年至2021年，全市一般公共预算教育支出分别为38.2亿元、40.6亿元、43.1亿元，"
        "三年累计投入121.9亿元。2021年全市幼儿园512所。\n"
    )
    found = figures_of(page, resources)
    assert [found[v].year for v in ("38.2亿元", "40.6亿元", "43.1亿元")] == [2019, 2020, 2021]
    assert found["512所"].year == 2021
    # …or the years listed one by one
    page = (
        "巴林右旗义务教育优质均衡发展自评报告\n"
        "2022年、2023年义务教育经费分别投入3.86亿元、4.12亿元，逐年只增不减。\n"
    )
    found = figures_of(page, resources)
    assert [found[v].year for v in ("3.86亿元", "4.12亿元")] == [2022, 2023]


def test_an_offices_report_on_its_own_work_gives_only_catalogued_figures(
    resources: Resources,
) -> None:
    page = (
        "株洲市教育局2021年政府信息公开工作年度报告\n"
        "一、总体情况\n截至2021年底，全市有各级各类学校1486所，专任教师4.31万人。"
        "全年主动公开政府信息412条，新收政府信息公开申请17件。\n"
    )
    assert sorted(figures_of(page, resources)) == ["1486所", "4.31万人"]
    summary = page.replace("政府信息公开工作年度报告", "教育工作总结")
    assert "412条" in figures_of(summary, resources)


def test_the_places_economy_and_people_are_not_its_education(resources: Resources) -> None:
    page = (
        "某县义务教育优质均衡发展自评报告\n"
        "全县户籍人口42.8万人，2022年地区生产总值175.6亿元，一般公共预算收入9.21亿元。"
        "全县共有义务教育学校58所，在校生4.6万人。\n"
    )
    assert sorted(figures_of(page, resources)) == ["4.6万人", "58所"]


def test_a_surveys_findings_are_not_the_regions_figures(resources: Resources) -> None:
    page = (
        "关于我县乡村教师队伍建设情况的调研报告\n"
        "县政协组成调研组，采取问卷调查的方式，深入全县14个乡镇的32所学校。\n"
        "一、基本情况\n全县中小学专任教师4162人，其中乡村教师2318人。\n"
        "二、问卷调查情况\n本次共发放问卷1200份，有效率90.5%。\n"
        "71.3%的教师认为工作负担较重。\n"
        "三、存在问题\n乡村学校缺少学科教师163人。受访教师中女教师占61.3%。\n"
    )
    assert sorted(figures_of(page, resources)) == ["163人", "2318人", "4162人"]
    # in a work summary, only a section headed as a survey's findings is left out
    summary = page.replace("调研报告", "工作总结")
    assert "61.3%" in figures_of(summary, resources)
    assert "71.3%" not in figures_of(summary, resources)


def test_a_measure_listed_by_stage_after_a_colon_names_each_stages_figure(
    resources: Resources,
) -> None:
    page = (
        "某县义务教育优质均衡发展自评报告\n"
        "1.每百名学生拥有高于规定学历教师数：小学5.62人、初中6.48人。\n"
        "2.生均教学及辅助用房面积：小学6.12平方米、初中7.86平方米；"
        "生均教学仪器设备值：小学2630元、初中3480元。\n"
    )
    found = figures_of(page, resources)
    assert found["3480元"].series_label == "初中生均教学仪器设备值"
    assert found["5.62人"].series_label == "小学每百名学生拥有高于规定学历教师数"
    assert found["6.48人"].series_label == "初中每百名学生拥有高于规定学历教师数"
    assert found["7.86平方米"].series_label == "初中生均教学及辅助用房面积"
    # a kind of person counted, by stage, is the catalog's measure of each stage
    page = (
        "某区2019年教育统计公报\n"
        "（二）分学段专任教师：幼儿园1035人，小学1683人，初中972人，特殊教育学校41人。\n"
    )
    found = figures_of(page, resources)
    assert [found[v].indicator for v in ("1035人", "1683人", "972人", "41人")] == [
        "preschool_teachers",
        "primary_teachers",
        "junior_teachers",
        "special_teachers",
    ]
    # …after 分别为 and the page's own place (全县各学段…); an uncoded one is named by it
    page = (
        "竹山县2018年教育工作报告\n"
        "全县各学段毛入学(园)率分别为:学前三年89.2%、小学99.96%、高中阶段90.5%。"
        "各学段资助学生分别为：学前312人、义务教育1046人。\n"
    )
    found = figures_of(page, resources)
    assert [found[v].indicator for v in ("89.2%", "90.5%")] == [
        "preschool_gross_enrollment_rate",
        "high_school_gross_enrollment_rate",
    ]
    assert found["99.96%"].series_label == "小学毛入学率"
    assert (found["1046人"].indicator, found["1046人"].series_label) == (None, "义务教育资助学生")
    # …a stage and its verb (小学为0.382); a place alone, after a 分县看 opening
    page = (
        "固原市2023年教育事业统计公报\n"
        "资源配置综合差异系数：小学为0.382，初中为0.314。"
        "分县（区）看，义务教育在校生分别为：原州区6.11万人、西吉县4.36万人。\n"
    )
    found = figures_of(page, resources)
    assert found["0.382"].indicator == "primary_balance_coefficient"
    assert (found["6.11万人"].indicator, found["6.11万人"].region_name) == (
        "compulsory_enrolment",
        "原州区",
    )


def test_a_value_set_against_a_standard_measures_what_the_standard_names(
    resources: Resources,
) -> None:
    page = (
        "某县学前教育普及普惠督导评估自评报告\n"
        "（一）普及水平。学前三年毛入园率国家标准≥85%（省定要求≥90%），我县达到97.32%。\n"
        "（二）普惠水平。普惠性幼儿园覆盖率标准≥80%，我县为91.66%；"
        "公办园在园幼儿占比标准≥50%，我县为63.80%。\n"
        "1.每百名学生拥有县级以上骨干教师数。国家要求小学、初中分别达到1.0人、1.0人以上；"
        "我县小学为1.38人、初中为1.52人。\n"
        "2.生均教学仪器设备值。我县小学3164元、初中4287元。\n"
    )
    found = figures_of(page, resources)
    assert found["97.32%"].indicator == "preschool_gross_enrollment_rate"
    assert found["91.66%"].indicator == "preschool_inclusive_rate"
    assert found["63.80%"].indicator == "preschool_public_rate"
    assert found["1.38人"].series_label == "小学每百名学生拥有县级以上骨干教师数"
    assert found["1.52人"].series_label == "初中每百名学生拥有县级以上骨干教师数"
    # a per-pupil value is not the total the catalog names (教学仪器设备值)
    assert found["4287元"].indicator is None
    assert found["4287元"].series_label == "初中生均教学仪器设备值"
    assert all(m.indicator is None for v, m in found.items() if v in ("85%", "90%", "1.0人"))


BILINGUAL_ROWS = """某某统计年鉴—2021
17-6  赤峰市2020年各旗县区普通小学基本情况
Basic Statistics of Regular Primary Schools by Banner, County and District (2020)
单位：所、人                                    (unit, person)
地  区          学校数（所）   在校学生数（人）   专任教师数（人）
Region          Schools        Enrolment          Full-time Teachers
全  市          254            187190             13565
红山区          42             38640              2935
宁城县          31             24870              1862
高新区          5              3315               286
"""


def test_a_yearbook_table_glossed_in_english_gives_each_row_its_figures(
    resources: Resources,
) -> None:
    found = figures_of(BILINGUAL_ROWS, resources)
    # the English header row and title are glosses: the Chinese header names the columns,
    # the Chinese title above the English one gives the stage
    assert (found["254"].indicator, found["254"].region_name) == ("primary_schools", "赤峰市")
    assert (found["38640"].indicator, found["38640"].region_name) == (
        "primary_enrolment",
        "红山区",
    )
    assert found["1862"].indicator == "primary_teachers"
    # a row of a place the gazetteer lacks is kept but names no series of the city
    assert found["286"].indicator is None and found["286"].series_label is None


def test_the_staff_a_county_should_have_is_not_its_staff(resources: Resources) -> None:
    page = (
        "某县教育局关于全县教育工作情况的报告\n"
        "全县教职工1.31万人，其中专任教师1.16万人。\n"
        "按照编制标准测算，全县中小学应配备教职工12835人，实有在编教职工11408人，缺编1427人。\n"
    )
    found = figures_of(page, resources)
    assert found["1.31万人"].indicator == "staff_total"
    assert found["12835人"].indicator is None
    assert found["12835人"].series_label == "中小学应配备教职工"


def test_items_of_a_list_take_the_measure_of_the_line_opening_it(resources: Resources) -> None:
    page = (
        "某市2022年教育经费执行情况统计公告\n"
        "2022年全市幼儿园、普通小学、中等职业学校生均一般公共预算教育经费情况是：\n"
        "（一）幼儿园为13268.41元，比上年的12705.30元增长4.43%。\n"
        "（二）普通小学为14935.62元，比上年的14480.17元增长3.15%。\n"
        "（三）中等职业学校为21733.40元，比上年的20368.92元增长6.70%。\n"
    )
    found = figures_of(page, resources)
    assert found["13268.41元"].label == "幼儿园生均一般公共预算教育经费"
    assert found["13268.41元"].indicator == "preschool_per_student_expenditure"
    assert found["21733.40元"].indicator == "vocational_per_student_expenditure"
    assert found["14480.17元"].indicator == "primary_per_student_expenditure"
    assert found["14480.17元"].year == 2021


def test_a_bare_coefficient_in_a_resources_item_is_that_resources(resources: Resources) -> None:
    page = (
        "某县义务教育优质均衡发展自评报告\n"
        "（二）每百名学生拥有县级以上骨干教师数。小学为1.21人，初中为1.35人。差异系数小学为0.41，初中为0.33。\n"
        "（八）校际差异系数。小学综合差异系数为0.356，初中为0.287。\n"
    )
    found = figures_of(page, resources)
    assert found["0.41"].indicator is None
    assert found["0.41"].series_label == "小学每百名学生拥有县级以上骨干教师数差异系数"
    assert found["0.33"].series_label == "初中每百名学生拥有县级以上骨干教师数差异系数"
    assert found["0.356"].indicator == "primary_balance_coefficient"


def test_a_value_a_change_starts_from_and_one_it_falls_to_are_both_named(
    resources: Resources,
) -> None:
    page = (
        "某县教育局2023年工作总结\n"
        "城区小学平均班额由2021年的52.3人下降到47.6人，今年降至45.2人。\n"
        "2020年56人以上大班额比例降至2.9%，2021年降至1.6%。\n"
    )
    found = figures_of(page, resources)
    assert found["52.3人"].series_label == found["45.2人"].series_label == "城区小学平均班额"
    assert found["52.3人"].year == 2021
    assert found["1.6%"].indicator == found["2.9%"].indicator is not None


def test_an_education_figure_in_a_bulletins_finance_section_is_read(resources: Resources) -> None:
    page = (
        "贺州市2021年国民经济和社会发展统计公报\n\n五、财政和金融\n"
        "全年一般公共预算收入47.82亿元。其中，全年一般公共预算教育支出58.74亿元，增长6.1%。\n"
        "六、教育和科学技术\n年末全市共有各级各类学校1142所。\n"
    )
    rows = figures_of(page, resources)
    assert rows["58.74亿元"].indicator == "education_expenditure"
    assert "47.82亿元" not in rows  # the economy's own figures stay unread


def test_an_html_pages_title_is_a_title_candidate_when_its_text_holds_none(
    resources: Resources,
) -> None:
    rows = "".join(
        f"<tr><td>{name}</td><td>{a}</td><td>{b}</td></tr>"
        for name, a, b in [("普通高中", 48, 131476), ("初中", 236, 226318), ("小学", 1183, 447605)]
    )
    page = (
        "<html><head><title>信阳统计年鉴2022 — 十四、教育和科技 — 信阳市统计局</title></head>"
        "<body><p>单位：所、人</p><table><tr><th>项目</th><th>学校数</th><th>在校学生数</th></tr>"
        f"{rows}</table><p>注：中等职业学校不含技工学校。</p></body></html>"
    )
    records = extract_page(page, resources, uri="file:///tmp/page.html")
    (report,) = records.reports
    assert (report.region_name, report.year) == ("信阳市", 2021)  # 统计年鉴2022: 2021's figures
    assert records.documents[0].title != "单位：所、人"


def test_the_place_after_a_dash_in_an_html_title_names_the_page(resources: Resources) -> None:
    rows = "".join(
        f"<tr><td>{name}</td><td>{a}</td><td>{b}</td></tr>"
        for name, a, b in [("总计", 84, 43615), ("幼儿园", 45, 9862), ("小学", 25, 19573)]
    )
    page = (
        "<html><head><title>15-3 各级各类学校基本情况 - 焉耆回族自治县统计年鉴2021</title></head>"
        "<body><h2>15-3 各级各类学校基本情况(2020年)</h2><p>单位:所、人</p><table>"
        f"<tr><th>项目</th><th>学校数(所)</th><th>在校学生数</th></tr>{rows}</table>"
        "<p>注:小学含教学点。</p></body></html>"
    )
    (report,) = extract_page(page, resources, uri="file:///tmp/page.html").reports
    assert (report.region_name, report.year) == ("焉耆回族自治县", 2020)


def test_a_wechat_articles_numbered_parts_and_spaced_rates_are_read(resources: Resources) -> None:
    page = (
        "一图读懂｜某县教育“十四五”中期成绩单\n原创 某县教育 某县教育 2024-02-27 18:05 福建\n"
        "收录于合集 #数说教育 27个\n01 | 规模总量\n截至2023年底，全县共有各级各类学校421所。\n"
        "02 | 普及水平\n学前教育毛入园率 99.1%\n九年义务教育巩固率 99.65%\n"
        "高中阶段毛入学率 98.7%（比2020年提高3.2个百分点）\n03 | 普惠优质\n普惠性幼儿园覆盖率 93.5%\n"
    )
    rows = figures_of(page, resources)
    assert rows["99.1%"].indicator == "preschool_gross_enrollment_rate"
    assert rows["99.65%"].indicator == "compulsory_retention_rate"
    assert rows["98.7%"].indicator == "high_school_gross_enrollment_rate"
    assert "27个" not in rows  # the collection widget
    (report,) = extract_page(page, resources).reports
    assert report.year == 2023  # posted in 2024 before the period ended: the year it has seen


def test_an_infographics_bulleted_lines_under_part_headings_keep_their_own_labels(
    resources: Resources,
) -> None:
    page = (
        "一图读懂|2023年某市教育“成绩单”来了！\n▌ 规模篇\n▶ 全市各级各类学校 86所\n"
        "▶ 在校学生 4.63万人\n▌ 普及篇\n▶ 普惠性幼儿园覆盖率 93.1%（2020年为84.5%）\n"
        "▶ 公办园在园幼儿占比 61.8%\n"
    )
    found = figures_of(page, resources)
    assert (found["4.63万人"].label, found["4.63万人"].indicator) == ("在校学生", "students_total")
    assert found["93.1%"].indicator == "preschool_inclusive_rate"
    # the aside in brackets heads no rows below it
    assert (found["61.8%"].label, found["61.8%"].indicator) == (
        "公办园在园幼儿占比",
        "preschool_public_rate",
    )


def test_a_value_a_change_started_from_in_a_year_written_in_chinese_digits_is_that_years(
    resources: Resources,
) -> None:
    page = (
        "黑水县2018年学前教育发展情况调研报告\n"
        "截至2018年9月，全县学前三年毛入园率由二〇一五年的百分之六十二点六提高到百分之八十三点六。"
    )
    rows = figures_of(page, resources)
    assert (rows["百分之六十二点六"].year, rows["百分之八十三点六"].year) == (2015, 2018)


def test_a_place_written_after_its_city_is_the_clauses_place(resources: Resources) -> None:
    page = (
        "利通区教育局2024年工作总结\n"
        "截至2024年底，吴忠市利通区共有各级各类学校148所，在校学生8.63万人。\n"
    )
    found = figures_of(page, resources)
    assert {found[v].region_name for v in ("148所", "8.63万人")} == {"利通区"}


def test_the_years_main_work_is_done_when_its_plans_come_after(resources: Resources) -> None:
    page = (
        "桐城市教育局2022年工作报告\n"
        "三、重点工作\n（一）改善办学条件。实施校舍建设项目21个，新增学位3150个。\n"
        "四、2023年工作思路\n（一）新增学位2000个。\n"
    )
    found = figures_of(page, resources)
    assert (found["3150个"].status, found["2000个"].status) == ("achieved", "planned")
    # (with no plans after it, the main work is the plans)
    page = "桐城市教育局2022年工作报告\n二、重点工作\n（一）新增学位2000个。\n"
    assert figures_of(page, resources)["2000个"].status == "planned"
