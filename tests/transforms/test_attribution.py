"""Region, year and status of each figure from the scopes around it."""

from __future__ import annotations

import pytest

from transforms.attribution import figure_scope, report_scopes
from transforms.regions import Gazetteer, Region, load_gazetteer
from transforms.scopes import layout


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


HENAN = Region("河南省", "410000", "province", False)
HANJIANG = Region("邗江区", "321003", "district", False)


def scope_of(text: str, figure: str, report: Region, year: int, g: Gazetteer, label: str = ""):  # type: ignore[no-untyped-def]
    scopes = report_scopes(text, layout(text), report, year, g)
    return figure_scope(scopes, text.index(figure), label, g)


def test_a_clause_naming_a_city_gives_its_figures_that_city(gazetteer: Gazetteer) -> None:
    text = "全省共有幼儿园2.06万所，其中，郑州市1420所，洛阳市980所。全省在园幼儿400万人。"
    assert scope_of(text, "2.06万所", HENAN, 2019, gazetteer).region.name == "河南省"
    assert scope_of(text, "1420所", HENAN, 2019, gazetteer).region.name == "郑州市"
    assert scope_of(text, "980所", HENAN, 2019, gazetteer).region.name == "洛阳市"
    assert scope_of(text, "400万人", HENAN, 2019, gazetteer).region.name == "河南省"


def test_the_whole_city_in_a_district_report_is_the_city(gazetteer: Gazetteer) -> None:
    text = "全区幼儿园73所。全市共有幼儿园968所，我区幼儿园数占全市的7.5%。"
    assert scope_of(text, "73所", HANJIANG, 2019, gazetteer).region.name == "邗江区"
    assert scope_of(text, "968所", HANJIANG, 2019, gazetteer).region.name == "扬州市"


def test_the_whole_city_in_a_municipalitys_district_is_the_municipality(
    gazetteer: Gazetteer,
) -> None:
    # 北京市 is a province-level place that speaks of itself as 全市; the clause opens with a
    # year (2024年全市…), which the clause's lead must read as a year, not as list numbers
    fangshan = Region("房山区", "110111", "district", False)
    text = (
        "全区学前三年毛入园率达到95.2%。据市教委通报，2024年全市学前三年毛入园率为93%，"
        "普惠性幼儿园覆盖率为92%，我区两项指标均高于全市平均水平。"
    )
    assert scope_of(text, "95.2%", fangshan, 2024, gazetteer).region.name == "房山区"
    assert scope_of(text, "93%", fangshan, 2024, gazetteer).region.name == "北京市"
    assert scope_of(text, "92%", fangshan, 2024, gazetteer).region.name == "北京市"


def test_a_whole_region_word_naming_an_event_is_no_scope(gazetteer: Gazetteer) -> None:
    text = "在全国职业院校技能大赛中获一等奖4项。全国中职学校7201所。"
    assert scope_of(text, "4项", HENAN, 2022, gazetteer).region.name == "河南省"
    assert scope_of(text, "7201所", HENAN, 2022, gazetteer).region.name == "全国"


def test_the_whole_a_figure_is_compared_with_in_brackets(gazetteer: Gazetteer) -> None:
    text = "全省九年义务教育巩固率达到100%，高于全国平均水平（全国为95.2%）。全省新建学校412所。"
    assert scope_of(text, "100%", HENAN, 2020, gazetteer).region.name == "河南省"
    assert scope_of(text, "95.2%", HENAN, 2020, gazetteer).region.name == "全国"
    assert scope_of(text, "412所", HENAN, 2020, gazetteer).region.name == "河南省"


def test_the_wholes_figure_before_its_average_is_the_wholes(gazetteer: Gazetteer) -> None:
    tiandong = Region("田东县", "451022", "county", False)
    text = (
        "全县学前三年毛入园率93.5%，高于全国91.1%的平均水平，高于全市89.6%的水平。全县幼儿园98所。"
    )
    assert scope_of(text, "91.1%", tiandong, 2022, gazetteer).region.name == "全国"
    assert scope_of(text, "89.6%", tiandong, 2022, gazetteer).region.name == "百色市"
    assert scope_of(text, "93.5%", tiandong, 2022, gazetteer).region.name == "田东县"
    assert scope_of(text, "98所", tiandong, 2022, gazetteer).region.name == "田东县"


def test_the_average_of_the_whole_in_brackets_is_the_wholes(gazetteer: Gazetteer) -> None:
    tiandong = Region("田东县", "451022", "county", False)
    text = "全县学前三年毛入园率91.2%，高于全市平均水平（89.6%）。全县幼儿园98所。"
    assert scope_of(text, "89.6%", tiandong, 2020, gazetteer).region.name == "百色市"
    assert scope_of(text, "91.2%", tiandong, 2020, gazetteer).region.name == "田东县"
    assert scope_of(text, "98所", tiandong, 2020, gazetteer).region.name == "田东县"
    text = "全县学前三年毛入园率91.2%，高于百色市平均水平(89.6%)，比全国（88.1%）高3.1个百分点。"
    assert scope_of(text, "89.6%", tiandong, 2020, gazetteer).region.name == "百色市"
    assert scope_of(text, "88.1%", tiandong, 2020, gazetteer).region.name == "全国"
    assert scope_of(text, "91.2%", tiandong, 2020, gazetteer).region.name == "田东县"


def test_the_value_a_change_started_from_is_not_the_reports_year(gazetteer: Gazetteer) -> None:
    text = "高中阶段毛入学率由86.9%提高到95.4%。与2020年相比，小学综合差异系数由0.536下降到0.418。"
    assert scope_of(text, "86.9%", HENAN, 2023, gazetteer).year is None
    assert scope_of(text, "95.4%", HENAN, 2023, gazetteer).year == 2023
    assert scope_of(text, "0.536", HENAN, 2023, gazetteer).year == 2020
    assert scope_of(text, "0.418", HENAN, 2023, gazetteer).year == 2023
    text = "普惠性幼儿园覆盖率从88.6%提升至96.3%。"  # 从, as 由
    assert scope_of(text, "88.6%", HENAN, 2024, gazetteer).year is None
    assert scope_of(text, "96.3%", HENAN, 2024, gazetteer).year == 2024
    text = "公办园在园幼儿占比 58.2% → 76.9%\n幼儿园 88所→96所"  # an infographic's arrow
    assert scope_of(text, "58.2%", HENAN, 2024, gazetteer).year is None
    assert scope_of(text, "76.9%", HENAN, 2024, gazetteer).year == 2024
    assert scope_of(text, "88所", HENAN, 2024, gazetteer).year is None
    text = "学前三年毛入园率：91.2%（2020年）→ 97.8%（2025年）"  # each value's year after it
    assert scope_of(text, "91.2%", HENAN, 2025, gazetteer).year == 2020
    assert scope_of(text, "97.8%", HENAN, 2025, gazetteer).year == 2025
    text = "报告指出，2019年到2023年，全省在校生由201.6万人减少到193.4万人。"
    assert scope_of(text, "201.6万人", HENAN, 2023, gazetteer).year == 2019
    assert scope_of(text, "193.4万人", HENAN, 2023, gazetteer).year == 2023
    text = "全省幼儿园1.2万所。2020年至2024年，全省学前三年毛入园率由97.6%提高到99.3%。"
    assert scope_of(text, "97.6%", HENAN, 2024, gazetteer).year == 2020
    assert scope_of(text, "99.3%", HENAN, 2024, gazetteer).year == 2024


def test_a_news_lists_dated_headline_opening_with_a_place_scopes_its_item(
    gazetteer: Gazetteer,
) -> None:
    text = (
        "阳谷县：今年新建改扩建中小学幼儿园12所\n2023-06-12\n今年以来，新增学位5400个。\n"
        "莘县学前教育普惠发展取得新进展\n2023-06-09\n截至目前，共有幼儿园186所。\n"
        "全市教育工作会议召开\n2023-06-01\n全市新建学校30所。\n"
    )
    liaocheng = Region("聊城市", "371500", "city", False)
    assert scope_of(text, "5400个", liaocheng, 2023, gazetteer).region.name == "阳谷县"
    assert scope_of(text, "186所", liaocheng, 2023, gazetteer).region.name == "莘县"
    assert scope_of(text, "30所", liaocheng, 2023, gazetteer).region.name == "聊城市"


def test_a_dated_issuer_line_names_its_most_local_place(gazetteer: Gazetteer) -> None:
    text = "泰州市海陵区教育局\n2019年3月28日\n二、学前教育\n幼儿园54所。\n"
    hailing = Region("海陵区", "321202", "district", False)
    assert scope_of(text, "54所", hailing, 2018, gazetteer).region.name == "海陵区"


def test_a_list_pages_item_opened_by_its_place_is_that_places(gazetteer: Gazetteer) -> None:
    yangzhou = Region("扬州市", "321000", "city", False)
    text = (
        "区县动态\n"
        "【邗江区】邗江区秋季新增学位4860个\n"
        "目前，全区共有中小学幼儿园312所，在校生15.6万人。\n"
        "【宝应县】宝应县义务教育巩固率达99.52%\n"
        "全县现有小学87所，专任教师6235人。\n"
        "【工作动态】全市教师培训3.2万人次。\n"
    )
    assert scope_of(text, "312所", yangzhou, 2023, gazetteer).region.name == "邗江区"
    assert scope_of(text, "15.6万人", yangzhou, 2023, gazetteer).region.name == "邗江区"
    assert scope_of(text, "87所", yangzhou, 2023, gazetteer).region.name == "宝应县"
    assert scope_of(text, "6235人", yangzhou, 2023, gazetteer).region.name == "宝应县"
    # a clause's own region word (全市) holds inside an item
    assert scope_of(text, "3.2万人次", yangzhou, 2023, gazetteer).region.name == "扬州市"


def test_a_university_is_not_a_region_scope(gazetteer: Gazetteer) -> None:
    text = "郑州大学在校生5万人。"
    assert scope_of(text, "5万人", HENAN, 2019, gazetteer).region.name == "河南省"


def test_from_one_year_to_another_gives_each_level_its_year(gazetteer: Gazetteer) -> None:
    text = "学前三年毛入园率从2015年的75%提高到2018年的88.1%。"
    assert scope_of(text, "75%", HENAN, 2018, gazetteer).year == 2015
    assert scope_of(text, "88.1%", HENAN, 2018, gazetteer).year == 2018


def test_a_year_opening_the_sentence(gazetteer: Gazetteer) -> None:
    text = "2017年，全市在校生10万人。"
    assert scope_of(text, "10万人", HENAN, 2018, gazetteer).year == 2017


@pytest.mark.parametrize(
    ("text", "figure", "status"),
    [
        ("到2025年，学前三年毛入园率达到95%。", "95%", "target"),
        ("力争普惠率达到90%。", "90%", "target"),
        ("计划新建幼儿园20所。", "20所", "planned"),
        ("二、2020年工作打算\n新建学校5所。", "5所", "planned"),
        # an inspectorate's requirements: what the county must do, not what it did
        ("四、督导意见\n（三）用足用好编制，补充教师不少于200名。", "200名", "planned"),
        ("三、整改要求\n各镇要将公办园在园幼儿占比提高到55%以上。", "55%", "planned"),
        ("截至2019年底，全市共有学校3126所。", "3126所", "achieved"),
        ("毛入园率提高到2019年的88%。", "88%", "achieved"),
    ],
)
def test_status(gazetteer: Gazetteer, text: str, figure: str, status: str) -> None:
    assert scope_of(text, figure, HENAN, 2019, gazetteer).status == status


def test_a_province_target_in_a_city_report_is_the_province(gazetteer: Gazetteer) -> None:
    luoyang = Region("洛阳市", "410300", "city", False)
    text = "全省提出到2025年学前三年毛入园率达到92%。全市毛入园率90%。"
    found = scope_of(text, "92%", luoyang, 2020, gazetteer)
    assert (found.region.name, found.status, found.year) == ("河南省", "target", 2025)
    assert scope_of(text, "90%", luoyang, 2020, gazetteer).region.name == "洛阳市"


def test_a_label_naming_nested_places_gives_the_most_local_one() -> None:
    from tests.transforms.test_extract import run
    from transforms.extract import load_resources

    resources = load_resources()
    page = "全国学前教育发展报告\n2023年，全国毛入园率91.1%，四川凉山州雷波县入园率达到90%以上。\n"
    rows = {m.value_text: m for m in run(page, resources).metrics}
    assert rows["90%"].region_name == "雷波县"


def test_a_place_a_label_says_they_went_to_is_not_the_figures(gazetteer: Gazetteer) -> None:
    angren = Region("昂仁县", "540226", "county", False)
    text = "全年选派42名骨干教师赴西宁、北京跟岗研修；全年选派128名教师到拉萨市培训。"
    found = scope_of(text, "42名", angren, 2018, gazetteer, "骨干教师赴西宁、北京跟岗研修")
    assert found.region.name == "昂仁县"
    found = scope_of(text, "128名", angren, 2018, gazetteer, "教师到拉萨市培训")
    assert found.region.name == "昂仁县"
    # (a label opening with its place is still that place's)
    found = scope_of(text, "42名", angren, 2018, gazetteer, "西宁市骨干教师")
    assert found.region.name == "西宁市"


def test_a_year_in_a_section_heading_holds_over_its_subsections(gazetteer: Gazetteer) -> None:
    text = (
        "一、2019年工作回顾\n全县幼儿园80所。\n"
        "二、2020年工作打算\n（一）学前教育\n新建幼儿园6所，普惠率达到90%。\n"
        "三、保障措施\n全县教师3000人。"
    )
    assert scope_of(text, "80所", HENAN, 2019, gazetteer).year == 2019
    six = scope_of(text, "6所", HENAN, 2019, gazetteer)
    assert (six.year, six.status) == (2020, "planned")
    assert scope_of(text, "90%", HENAN, 2019, gazetteer).year == 2020
    assert scope_of(text, "3000人", HENAN, 2019, gazetteer).year == 2019  # 三、 ends 二、


def test_by_a_year_the_report_describes_is_that_years_result(gazetteer: Gazetteer) -> None:
    text = "2018年，幼儿园增加到52所；到2020年，全县幼儿园达到63所。力争到2025年毛入园率达到95%。"
    assert scope_of(text, "52所", HENAN, 2020, gazetteer).year == 2018
    found = scope_of(text, "63所", HENAN, 2020, gazetteer)
    assert (found.year, found.status) == (2020, "achieved")
    assert scope_of(text, "95%", HENAN, 2020, gazetteer).status == "target"
    ahead = scope_of(text, "63所", HENAN, 2019, gazetteer)  # in a report of 2019, a target
    assert (ahead.year, ahead.status) == (2020, "target")


def test_a_year_after_a_place_opening_the_sentence_holds_to_its_end(gazetteer: Gazetteer) -> None:
    text = "评估组认为，高唐县2022年九年义务教育巩固率99.6%，校际差异系数分别为0.36、0.28。"
    liaocheng = Region("聊城市", "371500", "city", False)
    assert scope_of(text, "0.28", liaocheng, 2023, gazetteer).year == 2022


def test_a_planned_year_opening_the_sentence_holds_to_its_end(gazetteer: Gazetteer) -> None:
    text = "全县幼儿园96所。计划2022年新建幼儿园6所、小学2所，新增学位4800个。"
    found = scope_of(text, "4800个", HENAN, 2021, gazetteer)
    assert (found.year, found.status) == (2022, "planned")
    assert scope_of(text, "96所", HENAN, 2021, gazetteer).year == 2021


def test_a_list_planned_for_the_year_after_the_report_is_planned_to_its_end(
    gazetteer: Gazetteer,
) -> None:
    text = "关于2023年的工作，报告提出，将新建学校25所，新增学位1.2万个，毛入园率达到93%以上。"
    for figure in ("25所", "1.2万个", "93%"):
        found = scope_of(text, figure, HENAN, 2022, gazetteer)
        assert (found.year, found.status) == (2023, "planned"), figure


def test_an_elision_line_does_not_end_a_section(gazetteer: Gazetteer) -> None:
    text = (
        "一、2021年工作回顾\n全市幼儿园500所。\n二、2022年主要目标和重点工作\n"
        "重点抓好以下工作：\n……\n（六）办好教育。新建幼儿园22所。\n……\n"
    )
    found = scope_of(text, "22所", HENAN, 2021, gazetteer)
    assert (found.year, found.status) == (2022, "planned")


def test_a_heading_run_into_its_paragraph_sets_the_year(gazetteer: Gazetteer) -> None:
    flat = "全市幼儿园500所。二、2021年工作计划 计划新建幼儿园30所，入园率达到92%。"
    assert scope_of(flat, "500所", HENAN, 2020, gazetteer).year == 2020
    assert scope_of(flat, "30所", HENAN, 2020, gazetteer).year == 2021
    assert scope_of(flat, "92%", HENAN, 2020, gazetteer).year == 2021
    para = "四、2021年目标。入园率稳定在92%以上。"
    assert scope_of(para, "92%", HENAN, 2020, gazetteer).year == 2021


def test_a_year_opening_a_later_clause_holds_to_the_sentence_end(gazetteer: Gazetteer) -> None:
    text = "会议提出，2021年，全市将新增学位2万个、幼儿园学位5000个。"
    assert scope_of(text, "5000个", HENAN, 2020, gazetteer).year == 2021


@pytest.mark.parametrize(
    ("text", "figure", "year"),
    [
        ("大班额由上年的412个下降到96个。", "412个", 2018),
        ("大班额由上年的412个下降到96个。", "96个", 2019),
        ("生均经费10233元，比上年的9650元增长6%。", "9650元", 2018),
        ("入园率去年为85%，今年达到88%。", "85%", 2018),
        ("在校生比上年增加3000人。", "3000人", 2019),  # a change of this year
    ],
)
def test_a_figure_of_the_year_before(
    gazetteer: Gazetteer, text: str, figure: str, year: int
) -> None:
    assert scope_of(text, figure, HENAN, 2019, gazetteer).year == year


def test_a_chain_of_places_before_an_office_names_the_office(gazetteer: Gazetteer) -> None:
    text = "全区共有学校150所，扬州邗江区教育局其中城区学校60所，农村学校90所。"
    assert (
        scope_of(
            text, "60所", HANJIANG, 2019, gazetteer, "扬州邗江区教育局其中城区学校"
        ).region.name
        == "邗江区"
    )
    assert scope_of(text, "90所", HANJIANG, 2019, gazetteer).region.name == "邗江区"


def test_a_whole_region_word_after_a_target_year_opens_the_clause(gazetteer: Gazetteer) -> None:
    yangzhou = Region("扬州市", "321000", "city", False)
    text = "到2025年全省学前三年毛入园率达到95%，普惠率达到90%。全市入园率92%。"
    assert scope_of(text, "95%", yangzhou, 2020, gazetteer).region.name == "江苏省"
    assert scope_of(text, "90%", yangzhou, 2020, gazetteer).region.name == "江苏省"
    assert scope_of(text, "92%", yangzhou, 2020, gazetteer).region.name == "扬州市"


def test_a_results_heading_with_the_word_target_is_not_a_plan(gazetteer: Gazetteer) -> None:
    text = "（一）紧盯目标，狠抓落实\n全年完成教育投资6.2亿元，竣工项目32个。\n二、2020年工作目标\n新建幼儿园5所。"
    assert scope_of(text, "6.2亿元", HENAN, 2019, gazetteer).status == "achieved"
    assert scope_of(text, "5所", HENAN, 2019, gazetteer).status == "planned"
    text = (
        "▌主要指标进展（2020年基期→2023年现状→2025年目标）\n◆ 巩固率：2020年97.9%，2023年达到98.6%"
    )
    assert scope_of(text, "98.6%", HENAN, 2023, gazetteer).status == "achieved"


def test_an_office_named_planning_does_not_make_a_target(gazetteer: Gazetteer) -> None:
    text = "教育部发展规划司司长介绍，2021年，全国共有各级各类学校52.93万所。"
    assert scope_of(text, "52.93万所", HENAN, 2021, gazetteer).status == "achieved"


def test_anothers_target_and_funds_secured_do_not_make_a_target(gazetteer: Gazetteer) -> None:
    text = "毛入园率97.46%，高于市下达的97%目标任务；普惠性幼儿园覆盖率96.12%。"
    assert scope_of(text, "96.12%", HENAN, 2024, gazetteer).status == "achieved"
    text = "全年争取和落实教育资金5.37亿元，比上年增加0.46亿元。"
    assert scope_of(text, "5.37亿元", HENAN, 2024, gazetteer).status == "achieved"
    text = "全年争取并投入资金4860万元，改造农村薄弱学校6所。"
    assert scope_of(text, "4860万元", HENAN, 2024, gazetteer).status == "achieved"
    text = "争取到2025年普惠性幼儿园覆盖率达到95%。"  # 争取 of a plan still is one
    assert scope_of(text, "95%", HENAN, 2024, gazetteer).status == "target"
    # the goal the year's work served, not a target of the figure after it
    text = "2015年，全区紧紧围绕“创建教育强区”目标，学前三年毛入园率达到90.5%。"
    assert scope_of(text, "90.5%", HENAN, 2015, gazetteer).status == "achieved"
    text = "围绕目标是：到2025年学前三年毛入园率达到95%。"  # (a goal stated: a target)
    assert scope_of(text, "95%", HENAN, 2015, gazetteer).status == "target"


def test_a_period_since_a_year_is_not_that_years(gazetteer: Gazetteer) -> None:
    text = "2017年以来，全市共建成学校81所，其中已竣工22所。"
    assert scope_of(text, "81所", HENAN, 2018, gazetteer).year == 2018


@pytest.mark.parametrize(
    ("text", "figure", "status"),
    [
        ("计划完成126所学校建设项目，新增学位10.8万个。", "10.8万个", "planned"),
        ("已按计划完成建设项目10个。", "10个", "achieved"),
        ("普通高中攻坚计划建设项目共计81所。", "81所", "achieved"),
        ("今年计划新建幼儿园5所。", "5所", "planned"),
    ],
)
def test_plans_are_verbs_not_names(
    gazetteer: Gazetteer, text: str, figure: str, status: str
) -> None:
    assert scope_of(text, figure, HENAN, 2021, gazetteer).status == status


@pytest.mark.parametrize(
    ("text", "figure", "year"),
    [
        ("生均经费10233元，比上年9650元有所增长。", "9650元", 2018),
        ("财政性教育经费80.5亿元，比2010年的73.12亿元增长10%。", "73.12亿元", 2010),
        ("财政性教育经费80.5亿元，比2010年增长10%。", "10%", 2019),
    ],
)
def test_a_baseline_value_has_its_year(
    gazetteer: Gazetteer, text: str, figure: str, year: int
) -> None:
    assert scope_of(text, figure, HENAN, 2019, gazetteer).year == year


def test_this_year_in_a_report_given_as_the_year_opens_is_that_year(gazetteer: Gazetteer) -> None:
    text = "一、过去一年工作回顾\n全市新增学位6850个。\n二、今年重点工作\n新建幼儿园15所。\n今年，招聘教师300名。"
    region = Region("牡丹江市", "231000", "city", False)
    given = report_scopes(text, layout(text), region, 2021, gazetteer, this_year=2022)
    assert figure_scope(given, text.index("6850个"), "", gazetteer).year == 2021
    planned = figure_scope(given, text.index("15所"), "", gazetteer)
    assert (planned.year, planned.status) == (2022, "planned")
    assert figure_scope(given, text.index("300名"), "", gazetteer).year == 2022
    assert figure_scope(given, text.index("6850个"), "", gazetteer).status == "achieved"
    # a report of its own year: 今年 is its year, nothing to anchor
    plain = report_scopes(text, layout(text), region, 2021, gazetteer)
    assert figure_scope(plain, text.index("15所"), "", gazetteer).year == 2021


def test_a_part_named_in_passing_after_qizhong_ends_at_its_item(gazetteer: Gazetteer) -> None:
    changde = Region("常德市", "430700", "city", False)
    text = (
        "全市新增学位2.35万个，其中澧县新增学位4260个；学前三年毛入园率达到91.9%，"
        "九年义务教育巩固率达到98.9%。"
    )
    assert scope_of(text, "4260个", changde, 2023, gazetteer).region.name == "澧县"
    assert scope_of(text, "91.9%", changde, 2023, gazetteer).region.name == "常德市"
    assert scope_of(text, "98.9%", changde, 2023, gazetteer).region.name == "常德市"


def test_the_value_a_cut_started_from_is_of_no_year_it_gives(gazetteer: Gazetteer) -> None:
    wujin = Region("武进区", "320412", "district", False)
    text = "全区校外培训机构由年初的342家压减至58家，压减率83.0%。"
    assert scope_of(text, "342家", wujin, 2022, gazetteer).year is None
    assert scope_of(text, "58家", wujin, 2022, gazetteer).year == 2022


def test_a_place_standing_as_its_clauses_topic_scopes_the_figures_after_it(
    gazetteer: Gazetteer,
) -> None:
    shucheng = Region("舒城县", "341523", "county", False)
    text = (
        "同处六安市的霍山县，学前教育毛入园率已达到95.6%，普惠性幼儿园覆盖率达到93.2%；"
        "而我县普惠性幼儿园覆盖率仅为86.4%。"
    )
    assert scope_of(text, "95.6%", shucheng, 2023, gazetteer).region.name == "霍山县"
    assert scope_of(text, "93.2%", shucheng, 2023, gazetteer).region.name == "霍山县"
    assert scope_of(text, "86.4%", shucheng, 2023, gazetteer).region.name == "舒城县"
    # a place a clause ends with as its object is no topic
    meixian = Region("眉县", "610326", "county", False)
    text = "眉县隶属宝鸡市，辖8个镇、122个行政村。"
    assert scope_of(text, "8个", meixian, 2022, gazetteer).region.name == "眉县"


def test_a_districts_pupils_are_no_school_of_its_name(gazetteer: Gazetteer) -> None:
    tianjin = Region("天津市", "120000", "province", False)
    text = "滨海新区去年新增中小学幼儿园学位1.6万个；和平区小学生师比为14.6:1。"
    found = scope_of(text, "14.6:1", tianjin, 2023, gazetteer, label="和平区小学生师比")
    assert found.region.name == "和平区"


def test_a_news_copys_part_headed_by_the_year_ahead_is_planned(gazetteer: Gazetteer) -> None:
    text = (
        "2023年：民生答卷暖人心\n过去一年，全省新增学位1.56万个。\n"
        "2024年：办好人民满意的教育\n新建学校8所，新增学位9000个。"
    )
    done = scope_of(text, "1.56万个", HENAN, 2023, gazetteer)
    plan = scope_of(text, "9000个", HENAN, 2023, gazetteer)
    assert (done.year, done.status) == (2023, "achieved")
    assert (plan.year, plan.status) == (2024, "planned")
    text = "【2023答卷】\n全省新增学位1.56万个。\n【2024这样干】\n——新建学校8所，新增学位9000个；"
    plan = scope_of(text, "9000个", HENAN, 2023, gazetteer)  # a year without 年
    assert (plan.year, plan.status) == (2024, "planned")
    assert scope_of(text, "1.56万个", HENAN, 2023, gazetteer).status == "achieved"
    text = "【回眸2024】\n全市普惠性幼儿园覆盖率91.2%。\n【展望2025】\n普惠性幼儿园覆盖率达到93%。"
    plan = scope_of(text, "93%", HENAN, 2024, gazetteer)  # looking out to the year
    assert (plan.year, plan.status) == (2025, "planned")
    assert scope_of(text, "91.2%", HENAN, 2024, gazetteer).status == "achieved"
    text = "【2023年，这样干】\n全年教育支出9.84亿元。\n【2024年，这样干】\n新增学位2000个。"
    done = scope_of(text, "9.84亿元", HENAN, 2023, gazetteer)  # 这样干 of the year reported on
    assert (done.year, done.status) == (2023, "achieved")
    assert scope_of(text, "2000个", HENAN, 2023, gazetteer).status == "planned"


def test_a_total_over_several_years_is_no_one_years_figure(gazetteer: Gazetteer) -> None:
    text = (
        "2023年全省教育支出46.8亿元。五年来，全省累计投入教育资金212亿元。"
        "截至2023年底，全省累计建成公办幼儿园300所。"
    )
    assert scope_of(text, "46.8亿元", HENAN, 2023, gazetteer).year == 2023
    assert scope_of(text, "212亿元", HENAN, 2023, gazetteer).year is None
    assert scope_of(text, "300所", HENAN, 2023, gazetteer).year == 2023  # a stock at a date


def test_a_section_headed_by_a_place_is_about_that_place(gazetteer: Gazetteer) -> None:
    yanchi = Region("盐池县", "640323", "county", False)
    text = (
        "天津市教育局\n一、盐池县反馈意见\n盐池县现有义务教育学校37所。全县九年义务教育巩固率100%。\n"
        "二、同心县反馈意见\n同心县现有义务教育学校96所。全县九年义务教育巩固率99.2%。"
    )
    assert scope_of(text, "100%", yanchi, 2024, gazetteer).region.name == "盐池县"
    assert scope_of(text, "99.2%", yanchi, 2024, gazetteer).region.name == "同心县"
    # (a breadcrumb naming the republishing site's city is no section: 莆田网 > 教育 > 正文)
    hanjiang = Region("涵江区", "350303", "district", False)
    text = "莆田网 > 教育 > 正文\n报告指出，2024年全区普惠性幼儿园覆盖率达到93.1%。"
    assert scope_of(text, "93.1%", hanjiang, 2024, gazetteer).region.name == "涵江区"


def test_the_whole_average_in_its_own_clause_scopes_only_it(gazetteer: Gazetteer) -> None:
    ningyuan = Region("宁远县", "431126", "county", False)
    text = (
        "普惠性幼儿园覆盖率88.3%，全市平均为86.1%；公办园在园幼儿占比51.7%，比上年提高2.5个百分点。"
    )
    assert scope_of(text, "86.1%", ningyuan, 2023, gazetteer).region.name == "永州市"
    assert scope_of(text, "51.7%", ningyuan, 2023, gazetteer).region.name == "宁远县"


def test_the_nations_figure_stated_after_a_provinces_scopes_only_its_clause(
    gazetteer: Gazetteer,
) -> None:
    text = (
        "学前教育毛入园率96.12%,全国为88.1%;九年义务教育巩固率98.63%,全国为95.4%;"
        "高中阶段毛入学率95.40%,比上年提高1.2个百分点。"
    )
    for figure, where in (("88.1%", "全国"), ("98.63%", "河南省"), ("95.4%", "全国")):
        assert scope_of(text, figure, HENAN, 2021, gazetteer).region.name == where
    assert scope_of(text, "95.40%", HENAN, 2021, gazetteer).region.name == "河南省"


def test_a_citys_whole_in_a_provinces_news_is_the_city_named_before(gazetteer: Gazetteer) -> None:
    shandong = Region("山东省", "370000", "province", False)
    text = "济南市2022年学前三年毛入园率为93.8%。全市新建、改扩建幼儿园52所。全省新增学位6万个。"
    assert scope_of(text, "52所", shandong, 2022, gazetteer).region.name == "济南市"
    assert scope_of(text, "6万个", shandong, 2022, gazetteer).region.name == "山东省"


def test_a_five_year_periods_plan_is_planned_for_its_last_year(gazetteer: Gazetteer) -> None:
    text = "“十四五”期间计划新建、改扩建中小学校和幼儿园40所，新增学位2.4万个。全省现有学校120所。"
    for figure in ("40所", "2.4万个"):
        found = scope_of(text, figure, HENAN, 2020, gazetteer)
        assert (found.status, found.year) == ("planned", 2025)
    assert scope_of(text, "120所", HENAN, 2020, gazetteer).status == "achieved"


def test_a_headline_reporting_progress_on_the_years_work_is_no_plan(gazetteer: Gazetteer) -> None:
    text = "上半年我市教育重点工作稳步推进\n全省普惠性幼儿园覆盖率达到87.5%。下半年全省还将新建幼儿园12所。"
    assert scope_of(text, "87.5%", HENAN, 2021, gazetteer).status == "achieved"
    assert scope_of(text, "12所", HENAN, 2021, gazetteer).status == "planned"
    text = "二、重点工作推进情况\n一是普及水平稳步提升。学前三年毛入园率88.9%。\n三、下一步工作\n新建幼儿园5所。"
    assert scope_of(text, "88.9%", HENAN, 2021, gazetteer).status == "achieved"
    assert scope_of(text, "5所", HENAN, 2021, gazetteer).status == "planned"
    # …nor a heading naming a programme (行动计划) that it reports on
    text = (
        "（二）学前教育三年行动计划有序推进\n全区学前三年毛入园率达到86.5%。\n"
        "三、2017年工作计划\n新建幼儿园2所。"
    )
    assert scope_of(text, "86.5%", HENAN, 2016, gazetteer).status == "achieved"
    assert scope_of(text, "2所", HENAN, 2016, gazetteer).status == "planned"


def test_the_whole_a_county_level_city_is_compared_with_is_its_prefecture(
    gazetteer: Gazetteer,
) -> None:
    linhai = Region("临海市", "331082", "county", False)
    text = (
        "全市学前三年毛入园率99.12%，高于台州全市平均水平（全市98.65%）。"
        "九年义务教育巩固率99.93%，高于全市（99.81%）0.12个百分点。全市共有小学68所。"
    )
    for figure, where in (("99.12%", "临海市"), ("98.65%", "台州市"), ("99.81%", "台州市")):
        assert scope_of(text, figure, linhai, 2023, gazetteer).region.name == where
    assert scope_of(text, "68所", linhai, 2023, gazetteer).region.name == "临海市"


def test_a_place_before_a_stages_measure_is_no_school_of_its_name(gazetteer: Gazetteer) -> None:
    liuzhou = Region("柳州市", "450200", "city", False)
    text = "其中，柳江区小学在校生4.12万人，学前三年毛入园率89.5%。柳江区实验小学在校生3200人。"
    found = scope_of(text, "4.12万人", liuzhou, 2019, gazetteer, label="柳江区小学在校生")
    assert found.region.name == "柳江区"
    school = scope_of(text, "3200人", liuzhou, 2019, gazetteer, label="柳江区实验小学在校生")
    assert school.region.name == "柳州市"  # a school named after the district: not the district's


def test_a_marked_part_holds_over_the_short_caption_lines_inside_it(gazetteer: Gazetteer) -> None:
    # ▌2025年怎么干: a 数读 post's plan; its caption lines (到2025年底, 新增公办学位) are
    # headings too, but lesser ones
    jiangxi = Region("江西省", "360000", "province", False)
    text = "▌五年变化\n专任教师\n68.3万人\n▌2025年怎么干\n到2025年底\n新增公办学位\n5万个\n"
    scope = scope_of(text, "5万个", jiangxi, 2024, gazetteer)
    assert (scope.year, scope.status) == (2025, "planned")
    assert scope_of(text, "68.3万人", jiangxi, 2024, gazetteer).status == "achieved"


def test_a_counties_kindergartens_counted_are_the_countys_not_a_school(
    gazetteer: Gazetteer,
) -> None:
    daqing = Region("大庆市", "230600", "city", False)
    text = "全市共有幼儿园512所。分县看，肇州县幼儿园63所、肇源县幼儿园58所。"
    assert scope_of(text, "63所", daqing, 2023, gazetteer).region.name == "肇州县"
    assert scope_of(text, "58所", daqing, 2023, gazetteer).region.name == "肇源县"


def test_a_town_opening_its_clause_holds_the_figures_of_its_item(gazetteer: Gazetteer) -> None:
    county = Region("都昌县", "360428", "county", False)
    text = (
        "全县公办园在园幼儿占比43.6%，其中周溪镇公办园在园幼儿占比仅31.2%；左里镇现有幼儿园6所。"
        "一是城区学位紧张，城关镇部分小学班额偏大；二是音体美教师缺口约130人。"
        "西安镇园河村、三河镇富陵村新建村级幼儿园3所。科尔沁镇第一小学班额最高58人。"
        "栋川镇中心幼儿园、光禄镇中学综合楼建成投用，新增学位1350个。"
    )
    where = {
        f: scope_of(text, f, county, 2021, gazetteer).region
        for f in ("43.6%", "31.2%", "6所", "130人", "3所", "58人", "1350个")
    }
    assert (where["31.2%"].name, where["31.2%"].level) == ("周溪镇", "town")
    assert where["6所"].name == "左里镇"
    # the county's own: its item after the town's, a village's list, a school named for a town
    assert {where[f].name for f in ("43.6%", "130人", "3所", "58人", "1350个")} == {"都昌县"}
    # a bulleted item headed by a town whose name opens as a sentence's joining word would
    text = "全县幼儿园142所。\n● 和睦镇：幼儿园9所，在园幼儿1386人；\n学校和乡镇共建幼儿园3所。"
    assert scope_of(text, "9所", county, 2022, gazetteer).region.name == "和睦镇"
    assert scope_of(text, "1386人", county, 2022, gazetteer).region.name == "和睦镇"
    assert scope_of(text, "3所", county, 2022, gazetteer).region.name == "都昌县"
