"""Figures the catalog has no code for join the series of their own label, when it is a name."""

from __future__ import annotations

import pytest

from tests.transforms.conftest import figures_of
from transforms.extract import Resources, load_resources
from transforms.regions import load_gazetteer
from transforms.segment import tagger
from transforms.series_labels import (
    attendance_name,
    is_share_label,
    load_label_rules,
    series_name,
    spending_name,
)


def name(label: str) -> str | None:
    return series_name(label, load_label_rules(), load_gazetteer(), tagger())


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("名师工作室", "名师工作室"),
        ("对口升学本科录取", "对口升学本科录取"),  # (录取: the tagger's verb, a count's name)
        ("村级幼教点", "村级幼教点"),  # (点: the tagger's numeral)
        ("小学生均教学及辅助用房面积", "小学生均教学及辅助用房面积"),  # 均 of 生均 is no clause
        ("全县义务教育学校教学点", "义务教育学校教学点"),  # scope word off the front
        ("汝阳县教学点", "教学点"),  # a place off the front
        ("县级以上骨干教师", "县级以上骨干教师"),
        ("班级终端达标率", "班级终端达标率"),
        ("中小学、幼儿园", "中小学幼儿园"),  # a list of stages, one name
        ("培训教师", "培训教师"),
        ("自然减员数", "自然减员数"),
        ("普惠性幼儿园占全国幼儿园的比例", "普惠性幼儿园占比"),  # a share, named by its part
        ("优质学校占比", "优质学校占比"),
        # a self-evaluation's long indicator names, ending in a measure
        (
            "小学每百名学生拥有中级及以上专业技术职务教师数",
            "小学每百名学生拥有中级及以上专业技术职务教师数",
        ),
        (
            "初中每百名学生拥有高于规定学历教师数差异系数",
            "初中每百名学生拥有高于规定学历教师数差异系数",
        ),
        ("普惠性民办园", "普惠性民办园"),  # 园 (a kind of kindergarten) ends a name
        # an aside in brackets: a unit, or what a word of the name covers
        ("生均体育运动场馆面积（㎡）", "生均体育运动场馆面积"),
        (
            "小学每百名学生拥有体育、艺术（美术、音乐）专任教师数",
            "小学每百名学生拥有体育艺术专任教师数",
        ),
        # a sum named by what it pays for, though the tagger calls 补助 and 投入 verbs
        ("乡村教师生活补助", "乡村教师生活补助"),
        ("教育信息化建设投入", "教育信息化建设投入"),
        ("普惠性民办园生均补助", "普惠性民办园生均补助"),
        ("教师缺编", "教师缺编"),  # a shortage, though the tagger calls 缺编 a verb
        ("普通类考生", "普通类考生"),  # …and 考生
        ("35岁以下教师", "35岁以下教师"),  # an age band
        ("50岁以上教师占比", "50岁以上教师占比"),
        ("教师平均年龄", "教师平均年龄"),
        # a number before its unit: a class size, hours of training, an age range
        ("56人以上大班额", "56人以上大班额"),
        ("教师5年360学时培训完成率", "教师5年360学时培训完成率"),
        ("36至50岁专任教师", "36至50岁专任教师"),
        ("随班就读", "随班就读"),  # pupils counted by where they learn
    ],
)
def test_a_label_that_names_what_is_counted_is_a_series(label: str, expected: str) -> None:
    assert name(label) == expected


@pytest.mark.parametrize(
    "label",
    [
        "学校",  # a bare kind: which schools?
        "中小学校",
        "投入资金",  # an action and a bare kind
        "县政府拨付",  # ends with a verb
        "足额兑现乡村教师生活补助",  # what was done with the money: a clause
        "标准给予生均补助",
        "没有发生死亡",
        "结对学校已分别制定工作方案",  # a clause
        "体艺活动的师生",
        "发展到2019年",  # digits: a year or a count, not a name
        "辖9镇4乡",
        "4县公众满意度",
        "以下小规模学校",  # cut from its threshold (100人以下小规模学校)
        "城区小学仍有56人以上大班额",  # a clause
        "辖",  # too short to say anything
        "学前教育",  # a stage alone: the catalog refused the figure, no new kind
        "郑州市",  # a place
        "占总数",
        "学校占比",  # the share of what?
        "大班占总班数的比例",
        "十八届省中小学智能机器人技能提升竞赛活动中省级二等奖",  # long, and no measure at its end
    ],
)
def test_a_label_that_is_not_a_name_gives_no_series(label: str) -> None:
    assert name(label) is None


def test_a_count_of_schools_may_be_named_by_the_work_done_on_them() -> None:
    def named(label: str, unit: str) -> str | None:
        return series_name(label, load_label_rules(), load_gazetteer(), tagger(), unit)

    # 完成12所农村薄弱学校改造, 完成11所学校校舍维修
    assert named("农村薄弱学校改造", "所") == "农村薄弱学校改造"
    assert named("学校校舍维修", "所") == "学校校舍维修"
    # (another sector's works: 老旧小区改造12个, 棚户区改造1200户)
    assert named("老旧小区改造", "个") is None
    assert named("棚户区改造", "户") is None


def test_attendances_are_named_by_the_activity_a_verb_names() -> None:
    rules, places, tag = load_label_rules(), load_gazetteer(), tagger()
    assert attendance_name("各级各类培训", rules, places, tag) == "培训人次"
    assert attendance_name("送教下乡", rules, places, tag) == "送教下乡人次"
    assert attendance_name("学生", rules, places, tag) is None  # a kind, not an activity


def test_a_surveys_copies_join_the_sent_or_the_valid_questionnaires(resources: Resources) -> None:
    page = (
        "某县义务教育优质均衡发展督导评估自评报告\n\n"
        "面向学生、家长、教师发放问卷4860份，回收有效问卷4712份，社会认可度为95.2%。\n"
        "2024年2月26日印发　共印80份\n"
    )
    rows = figures_of(page, resources)
    assert rows["4860份"].series_label == "发放问卷"
    assert rows["4712份"].series_label == "有效问卷"
    assert "80份" not in rows  # a document's print run


def test_share_labels() -> None:
    assert is_share_label("占总数的") and is_share_label("占比") and is_share_label("所占比例")
    assert not is_share_label("普惠性幼儿园占比")


@pytest.fixture(scope="module")
def resources() -> Resources:
    return load_resources()


def test_a_county_reports_uncatalogued_figures_as_their_own_series(resources: Resources) -> None:
    page = (
        "汝阳县2019年履行教育职责自评报告\n\n"
        "全县共有名师工作室44个，教学点31个。全县普惠性幼儿园120所，占总数的80.5%。"
        "县政府拨付600万元。全县有学校10所。\n"
    )
    rows = figures_of(page, resources)
    assert rows["44个"].indicator is None and rows["44个"].series_label == "名师工作室"
    assert rows["31个"].series_label == "教学点"
    # a share right after a figure is the share of what that figure counts
    kind = resources.catalog.indicator(rows["120所"].indicator or "")
    assert kind is not None and rows["120所"].series_label is None
    assert rows["80.5%"].series_label == f"{kind.name}占比"
    assert rows["600万元"].series_label is None  # 县政府拨付: an action, not a name
    assert rows["10所"].series_label is None  # 学校: which?
    assert {m.region_name for m in rows.values()} == {"汝阳县"}


def test_attendances_of_a_kind_of_person_are_a_series_apart_from_its_heads(
    resources: Resources,
) -> None:
    page = (
        "某区2023年教育工作总结\n\n"
        "营养改善计划投入资金6415万元，惠及学生6.4万人。全年发放各类资助资金8200万元，"
        "惠及学生9.8万人次。\n"
    )
    rows = figures_of(page, resources)
    assert rows["6.4万人"].series_label == "惠及学生"
    assert rows["9.8万人次"].series_label == "惠及学生人次"


def test_a_share_whose_name_the_catalog_knows_is_that_indicator(resources: Resources) -> None:
    page = (
        "某省2019年教育事业发展统计公报\n\n"
        "全省普惠性幼儿园在园幼儿61.2万人，占总数的75.4%。全省公办幼儿园在园幼儿30.5万人，"
        "占总数的37.6%。全省普惠性幼儿园在园幼儿62.0万人，比上年增加0.8万人，增长1.3%，"
        "占全省在园幼儿的比例76.1%。\n"
    )
    rows = figures_of(page, resources)
    assert rows["75.4%"].indicator == "preschool_inclusive_rate"
    assert rows["37.6%"].indicator == "preschool_public_rate"
    assert rows["75.4%"].series_label is None
    # after the level's changes, the share is still the level's
    assert rows["76.1%"].indicator == "preschool_inclusive_rate"
    # a share with no word but 占 (…1402人，占60.5%; 占全县的): the same
    page = (
        "某县2016年学前教育调研报告\n\n"
        "全县在园幼儿2316人，其中公办园在园幼儿1402人，占60.5%。民办幼儿园12所，占全县的52.2%。\n"
    )
    rows = figures_of(page, resources)
    assert rows["60.5%"].indicator == "preschool_public_rate"
    assert rows["52.2%"].series_label == "民办幼儿园占比"


def test_a_numbered_item_opening_with_its_year_names_its_figure(resources: Resources) -> None:
    page = (
        "翁源县2022年义务教育优质均衡发展自评报告\n\n"
        "4.2022年交流轮岗教师312名，占符合交流条件教师总数的16.8%。\n"
    )
    rows = figures_of(page, resources)
    assert rows["312名"].label == "交流轮岗教师"
    assert rows["312名"].series_label == "交流轮岗教师"
    assert rows["16.8%"].series_label == "交流轮岗教师占比"


def test_a_sum_named_only_by_its_spending_joins_the_series_of_what_it_paid_for() -> None:
    def spent(label: str, beside: list[tuple[str, str]]) -> str | None:
        return spending_name(label, beside, load_label_rules(), load_gazetteer(), tagger())

    after = [("实施薄弱学校改造项目", "个"), ("投入资金", "元")]
    assert spent("投入资金", after) == "薄弱学校改造项目投入"
    assert spent("全县投资", [("农村学校提质改造", "所")]) == "农村学校提质改造投入"
    assert spent("投入资金", [("在校生", "人")]) is None  # no project beside it
    assert spent("投入资金", []) is None
    assert spent("教育经费", after) is None  # a name of its own: not this rule's
    # …or else the one programme its sentence carries out
    sentence = "落实农村义务教育学生营养改善计划，惠及学生6.4万人，投入资金6415万元。"
    rules, places, tag = load_label_rules(), load_gazetteer(), tagger()
    named = spending_name("投入资金", [("惠及学生", "人")], rules, places, tag, sentence)
    assert named == "农村义务教育学生营养改善计划投入"
    two = "实施营养改善计划，完成薄弱学校改造工程，投入资金6415万元。"  # which one?
    assert spending_name("投入资金", [], rules, places, tag, two) is None
    # (the programme opening the clause, what it did after it: …计划惠及学生9415人，发放资金…)
    sentence = "其中，农村义务教育学生营养改善计划惠及学生9415人，发放资金564.9万元；"
    named = spending_name("发放资金", [("惠及学生", "人")], rules, places, tag, sentence)
    assert named == "农村义务教育学生营养改善计划投入"


def test_a_reports_spending_is_named_by_the_project_in_its_sentence(resources: Resources) -> None:
    page = (
        "岳西县教育局2022年工作总结\n\n"
        "（二）义务教育均衡发展。投入资金3260万元实施薄弱学校改造项目14个，"
        "新建校舍面积2.1万平方米。全年发放资金1200万元。\n"
    )
    rows = figures_of(page, resources)
    assert rows["3260万元"].series_label == "薄弱学校改造项目投入"
    assert rows["1200万元"].series_label is None  # nothing it paid for named beside it


def test_a_count_of_whom_a_programme_reached_joins_that_programmes_series(
    resources: Resources,
) -> None:
    page = (
        "洪山区教育局2022年工作总结\n\n"
        "（三）义务教育优质均衡。组建教育集团23个，覆盖学校96所；开设空中课堂课程1260节，"
        "覆盖学生2.9万人。实施城乡学校共同体建设项目，覆盖学校41所。全年惠及学生5000人，"
        "覆盖学校12所。\n"
    )
    rows = figures_of(page, resources)
    assert rows["96所"].series_label == "教育集团覆盖学校"
    assert rows["2.9万人"].series_label == "空中课堂课程覆盖学生"
    assert rows["41所"].series_label == "城乡学校共同体建设项目覆盖学校"
    assert rows["12所"].series_label is None  # whom it reached is no programme
