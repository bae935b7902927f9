"""Numeric mentions: values in base units, kinds, qualifiers, subjects, indicators, offsets."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from transforms.catalog import Catalog, load_catalog
from transforms.metrics import _TRAIL, MetricMention, _strip_trail, extract_metrics

CATALOG = load_catalog()


def rows(text: str, catalog: Catalog = CATALOG) -> list[MetricMention]:
    found = extract_metrics(text, catalog)
    for m in found:
        assert text[m.char_start : m.char_end] == m.value_text
        assert m.value_text in m.sentence
        assert m.sentence in text
    return found


def only(text: str) -> MetricMention:
    (m,) = rows(text)
    return m


def by_text(text: str, value_text: str) -> MetricMention:
    (m,) = [m for m in rows(text) if m.value_text == value_text]
    return m


# ---------------------------------------------------------------- values and units


@pytest.mark.parametrize(
    ("text", "value_text", "value", "unit"),
    [
        ("全国共有各级各类学校29.48万所。", "29.48万所", 294800, "所"),
        ("全国各级各类学历教育在校生2.91亿人。", "2.91亿人", 291000000, "人"),
        ("一般公共预算教育支出40351万元。", "40351万元", 403510000, "元"),
        ("学前三年毛入园率88.1%。", "88.1%", 88.1, "%"),
        ("新增校舍面积310万平方米。", "310万平方米", 3100000, "平方米"),
        ("投入资金1,234,567元。", "1,234,567元", 1234567, "元"),
        ("发放助学金3.0377万人。", "3.0377万人", 30377, "人"),
        ("共发放金额2278.275万元。", "2278.275万元", 22782750, "元"),
        ("区内有4.5万余名小学生。", "4.5万余名", 45000, "人"),
        ("参加培训的师生3.6万多人次。", "3.6万多人次", 36000, "人次"),
        ("共有540多万人次学生参加。", "540多万人次", 5400000, "人次"),
        ("投资4000多万元建设。", "4000多万元", 40000000, "元"),
        ("新建三十五所学校。", "三十五所", 35, "所"),
        ("招聘教师一百二十人。", "一百二十人", 120, "人"),
        ("两万名学生参加。", "两万名", 20000, "人"),
        ("建成十余个基地。", "十余个", 10, "个"),
        ("约占全省的三分之一。", "三分之一", 100 / 3, "%"),
        ("覆盖率达百分之九十。", "百分之九十", 90, "%"),
        ("毛入园率达到百分之九十五点二。", "百分之九十五点二", 95.2, "%"),
        ("每校建设3至5所分校。", "3至5所", 3, "所"),
        ("总占地10亩。", "10亩", 10, "亩"),
        ("总得分118分。", "118分", 118, "分"),
        ("制作发布5部安全教育专题动漫。", "5部", 5, "部"),
    ],
)
def test_value_in_base_units(text: str, value_text: str, value: float, unit: str) -> None:
    m = by_text(text, value_text)
    assert m.value == pytest.approx(value)
    assert m.unit == unit
    assert not m.masked


@pytest.mark.parametrize(
    ("text", "value_text", "value", "kind"),
    [
        ("普惠率达到93.10%。", "93.10%", 93.1, "level"),
        ("全市共有1610家校外培训机构。", "1610家", 1610, "level"),
        ("新增公办幼儿园11所。", "11所", 11, "level"),  # a flow counted this period (issue 4)
        ("幼儿园比上年增加3117所。", "3117所", 3117, "change_abs"),
        ("学校比上年减少3700所。", "3700所", -3700, "change_abs"),
        ("教育支出增长7.21%。", "7.21%", 7.21, "change_pct"),
        ("出生人口下降0.27%。", "0.27%", -0.27, "change_pct"),
        ("毛入学率提高2.9个百分点。", "2.9个百分点", 2.9, "change_pp"),
        ("近视率下降1.5个百分点。", "1.5个百分点", -1.5, "change_pp"),
        ("公办率提升到65.2%。", "65.2%", 65.2, "level"),
        ("毛入园率提高到90%。", "90%", 90, "level"),
        ("试点学校增加到114所。", "114所", 114, "level"),
        ("差距比上年缩小了8分。", "8分", -8, "change_abs"),
        ("增长比例为4.84%。", "4.84%", 4.84, "level"),
    ],
)
def test_kind_and_sign(text: str, value_text: str, value: float, kind: str) -> None:
    m = by_text(text, value_text)
    assert (m.value, m.kind) == (pytest.approx(value), kind)


@pytest.mark.parametrize(
    ("text", "value_text", "qualifier", "value"),
    [
        ("新增普通高中学位近1.4万个。", "1.4万个", "近", 14000),
        ("总投入约1亿元。", "1亿元", "约", 100000000),
        ("达线人数超过万人。", "万人", "超过", 10000),
        ("解决难题2800余次。", "2800余次", "余", 2800),
        ("选派2000多名骨干教师。", "2000多名", "多", 2000),
        ("满意度在90%以上。", "90%", "以上", 90),
        ("送课不少于3000节。", "3000节", "不少于", 3000),
        ("升学率不超过50%。", "50%", "不超过", 50),
        ("参与人员逾4000人。", "4000人", "逾", 4000),
        ("初次招生规模合计近千人。", "千人", "近", 1000),
        ("参加人数达150万人次。", "150万人次", "达", 1500000),
        ("点击量突破1000万人次。", "1000万人次", "突破", 10000000),
        ("中职学生流失率低于1%。", "1%", "低于", 1),
        ("活动参加人数达1000人以上。", "1000人", "以上", 1000),
        ("参加人数达150余人。", "150余人", "余", 150),
    ],
)
def test_qualifier_kept_value_unchanged(
    text: str, value_text: str, qualifier: str, value: float
) -> None:
    m = by_text(text, value_text)
    assert (m.qualifier, m.value) == (qualifier, pytest.approx(value))


def test_no_qualifier_on_plain_level() -> None:
    assert only("学生参与率达到96%。").qualifier is None


# ---------------------------------------------------------------- not figures


@pytest.mark.parametrize(
    "text",
    [
        "2017年,市教育局认真贯彻落实。2020年度工作总结。",
        "10月21日上午召开会议,时间:2021-04-15 15:53:33。",
        "20XX年8月25日,巡察组反馈情况。",
        "按照《通知》(教财〔2020〕14号)和(滁教资助〔〕38号)要求。",
        "启动第三期学前教育行动计划,在第13届大赛中排名全省第1位,进入前三名。",
        "近3年新建学校,连续5年获奖,每天2个小时,6个月,近两年。",
        "网站客服QQ:403074932,鲁ICP备2024069028号-1,电话:0550-1234567。",
        "“5+2”模式,“3+4”贯通,“1+N”文件,实行“1+”制。",
        "见参考文献[2]。",
        "1、加强领导。\n2.深化改革。\n(一)建设体系。",
        "一至八年级每周开设课程。",
        "一是建立体系,“三民”活动,十二五规划,一体化建设,五育并举,推进四大发展。",
        "打造“三个课堂”,推进五项管理,开展两轮治理,走进千家万户,召开一次会议。",
        "**市、x市、x区、某市、XX中学、**年、*+N文件。",
        "市第十二次党代会精神。",
        "教学通2.0教师使用率,带宽提升到20G,建设3D实验室。",
        "已阅读5页,还剩1页未读,0/150。",
        "基本实现校园安全“四个100%”达标,举办了“每月同上1节思政课”活动。",
        "列为市政府民生十件实事之一,实施十项重点工程。",
        "由5部门联合印发,部分学校。",
    ],
)
def test_not_figures(text: str) -> None:
    assert rows(text) == []


def test_figure_after_a_closed_quotation_is_kept() -> None:
    found = rows("“十三五”期间新建学校20所,开展“双减”工作的学校100所。")
    assert [m.value_text for m in found] == ["20所", "100所"]


def test_bare_ten_with_qualifier_or_hard_unit_is_a_figure() -> None:
    assert [m.value for m in rows("建成十余个基地,新建十所学校。")] == [10, 10]


def test_kept_within_is_not_part_of_the_subject() -> None:
    m = only("义务教育全面消除超大班额,大班额控制在5.78%。")
    assert (m.label, m.indicator) == ("大班额", "large_class_share")


def test_name_with_digit_is_not_a_figure_but_the_count_after_it_is() -> None:
    found = rows("全面启用青岛6中等5所普通高中新建校区。")
    assert [m.value_text for m in found] == ["5所"]


# ---------------------------------------------------------------- masks


@pytest.mark.parametrize(
    ("text", "value_text", "unit", "label", "indicator"),
    [
        ("仅用一年多时间就落实教育实事**件。", "**件", "件", "教育实事", None),
        ("解决教育难题***余个。", "***余个", "个", "教育难题", None),
        (
            "学前三年毛入园率达到**.*%。",
            "**.*%",
            "%",
            "学前三年毛入园率",
            "preschool_gross_enrollment_rate",
        ),
        ("公办率提升到**.*%。", "**.*%", "%", "公办率", "preschool_public_rate"),
        ("组成XX个督查组。", "XX个", "个", "督查组", None),
        ("发布督查通报XX期。", "XX期", "期", "发布督查通报", None),
        ("区内有*.*万余名小学生。", "*.*万余名", "人", "", "primary_enrolment"),
        ("压减率达到**.**%。", "**.**%", "%", "压减率", None),
        ("组建教育联盟x个。", "x个", "个", "教育联盟", None),
    ],
)
def test_masked(text: str, value_text: str, unit: str, label: str, indicator: str | None) -> None:
    m = by_text(text, value_text)
    assert m.masked and m.value is None
    assert m.unit == unit
    if label:
        assert m.label == label
    assert m.indicator == indicator
    assert m.plausible


def test_masked_level_keeps_kind() -> None:
    assert only("普惠率达到**.*%。").kind == "level"


# ---------------------------------------------------------------- subjects and lists


def test_list_with_respectively() -> None:
    found = rows(
        "全市学前教育普惠率、公办率和省级优质园占比分别达到93.10%、65.20%、66.63%,"
        "优质普惠学前教育资源总量进一步扩充。"
    )
    assert [(m.value, m.unit, m.kind) for m in found] == [
        (93.1, "%", "level"),
        (65.2, "%", "level"),
        (66.63, "%", "level"),
    ]
    assert "普惠率" in found[0].label
    assert found[1].label == "公办率"
    assert found[2].label == "省级优质园占比"
    assert [m.indicator for m in found] == [
        "preschool_inclusive_rate",
        "preschool_public_rate",
        None,
    ]


def test_each_gives_one_row_per_subject() -> None:
    found = rows("公办职业中专、教师进修学校、特殊教育学校各1所、幼儿园2所。")
    assert [(m.label, m.value) for m in found] == [
        ("公办职业中专", 1),
        ("教师进修学校", 1),
        ("特殊教育学校", 1),
        ("幼儿园", 2),
    ]
    assert len({(m.char_start, m.char_end) for m in found[:3]}) == 1


def test_change_inherits_subject_of_previous_figure() -> None:
    found = rows(
        "2020年,全面落实教育经费“三个增长”一般公共预算教育支出40351万元,比上年增长7.21%,"
        "在校学生总人数平均的一般公共预算教育支出的增长比例为4.84%。"
    )
    first, second, third = found
    assert (first.indicator, first.value, first.unit, first.kind) == (
        "education_expenditure",
        403510000,
        "元",
        "level",
    )
    assert (second.indicator, second.value, second.unit, second.kind) == (
        "education_expenditure",
        7.21,
        "%",
        "change_pct",
    )
    assert second.label == first.label == "一般公共预算教育支出"
    assert third.indicator is None and third.kind == "level"


def test_label_after_the_number() -> None:
    m = only("目前,全市共有1610家校外培训机构。")
    assert (m.label, m.indicator, m.unit, m.value) == (
        "校外培训机构",
        "tutoring_institutions",
        "家",
        1610,
    )


def test_closed_institutions_are_not_the_stock() -> None:
    found = rows("目前,全市共有1610家校外培训机构,全市已有91家校外培训机构终止办学。")
    assert [m.indicator for m in found] == ["tutoring_institutions", None]


def test_school_list() -> None:
    found = rows(
        "全县现有各级各类学校85所,其中:完全中学2所,初中6所、九年一贯制学校6所,"
        "各类小学66所(县直小学6所、乡镇中心小学6所、村小及教学点54所)。"
    )
    assert (found[0].label, found[0].indicator, found[0].value, found[0].unit) == (
        "各级各类学校",
        "schools_total",
        85,
        "所",
    )
    assert [m.label for m in found[1:]] == [
        "完全中学",
        "初中",
        "九年一贯制学校",
        "各类小学",
        "县直小学",
        "乡镇中心小学",
        "村小及教学点",
    ]
    # a stage's schools are that stage's count; a part of a stage (乡镇, 县直) is not coded
    assert [m.indicator for m in found[1:]] == [
        None,
        "junior_schools",
        None,
        "primary_schools",
        None,
        None,
        None,
    ]


def test_after_school_participation_needs_context() -> None:
    text = (
        "3.全面推行课后服务。今年秋季开学起已全面推行课后服务。\n目前,全市351所学校已参与课后服务;"
        "参与学生43.3万名,学生参与率达到96%。"
    )
    students = by_text(text, "43.3万名")
    assert (students.value, students.unit, students.label) == (433000, "人", "参与学生")
    rate = by_text(text, "96%")
    assert (rate.value, rate.unit, rate.indicator) == (96, "%", "after_school_participation_rate")
    assert only("志愿活动学生参与率达到96%。").indicator is None


def test_new_high_school_places() -> None:
    found = rows("2024年新增普通高中学位近1.4万个,初中升高中比例提高10个百分点,满足了群众愿望。")
    places, share = found
    assert (places.value, places.unit, places.qualifier, places.kind) == (
        14000,
        "个",
        "近",
        "level",
    )
    assert "新增普通高中学位" in places.label
    assert (share.value, share.unit, share.kind) == (10, "个百分点", "change_pp")


def test_subsidy_amounts_and_implausible_figure() -> None:
    found = rows("边远地区教师特殊津贴109.07万元,乡镇工作补贴4732405万元,特殊教育津贴按时发放。")
    allowance, subsidy = found
    assert allowance.value == pytest.approx(1090700) and allowance.plausible
    assert subsidy.value == pytest.approx(47324050000) and subsidy.unit == "元"
    assert not subsidy.plausible and subsidy.plausibility_reason
    assert subsidy.label == "乡镇工作补贴"


def test_student_aid() -> None:
    found = rows(
        "今年截止到目前为止,全市普高学校发放学校国家助学金3.0377万人,共发放金额2278.275万元;"
    )
    people, money = found
    assert (people.value, people.unit) == (30377, "人")
    assert (money.value, money.unit) == (22782750, "元")
    assert "金额" in money.label


def test_each_figure_keeps_its_sentence() -> None:
    text = "全县有学校85所。\n教职工2173名。"
    first, second = rows(text)
    assert first.sentence == "全县有学校85所。"
    assert second.sentence == "教职工2173名。"


def test_ascii_punctuation_is_a_clause_break() -> None:
    found = rows("其中:完全中学2所;初中6所,(县直)小学66所")
    assert [m.label for m in found] == ["完全中学", "初中", "小学"]


def test_per_unit_figure_is_not_the_stock() -> None:
    m = by_text("全日制公办幼儿园每班配备2名专任教师和1名保育员。", "2名")
    assert m.indicator is None
    assert "每班" in m.label


# ---------------------------------------------------------------- plausibility


@pytest.mark.parametrize(
    ("text", "plausible"),
    [
        ("高中阶段毛入学率达到925%。", False),
        ("高中阶段毛入学率达到102.5%。", True),  # a gross rate: pupils of any age
        ("高中阶段毛入学率达到92.3%。", True),
        ("某项比例达到150%。", False),
        ("招生人数比上年增加150%。", True),
        ("乡镇工作补贴4732405万元。", False),
        ("一般公共预算教育支出40351万元。", True),
        ("学前三年毛入园率达到**.*%。", True),
    ],
)
def test_plausibility(text: str, plausible: bool) -> None:
    m = only(text)
    assert m.plausible is plausible
    assert (m.plausibility_reason is None) is plausible


# ---------------------------------------------------------------- Chinese numerals


# ---------------------------------------------------------------- properties

_CHARS = (
    "0123456789.,%*Xx万亿千百十一二两三五九余多近约所个人名家元年月日第分之至到-+、，。；：（）"
)
_WORDS = ["个百分点", "万元", "比上年增长", "下降", "提高到", "分别达到", "各", "\n", "率", "学校"]
_ALPHABET = st.sampled_from([*_CHARS, *_WORDS])


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_offsets_always_match(text: str) -> None:
    for m in extract_metrics(text, CATALOG):
        assert text[m.char_start : m.char_end] == m.value_text
        assert m.kind in {"level", "change_abs", "change_pct", "change_pp", "ratio", "multiplier"}
        assert (m.value is None) == m.masked


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_never_raises_on_any_text(text: str) -> None:
    for m in extract_metrics(text, CATALOG):
        assert text[m.char_start : m.char_end] == m.value_text


def test_empty_text() -> None:
    assert extract_metrics("", CATALOG) == []


def test_long_lists_stay_linear() -> None:
    """Four times the list takes about four times as long (sixteen if it were quadratic): a
    ratio, so that a slow machine does not fail it. (It caught a clause check and a bracket
    count that each scanned the whole sentence per figure: nine times at 9247a59.)"""
    import time

    def seconds(n: int) -> float:
        text = "学校5所，" * n + "一" * (4 * n) + "所"
        began = time.perf_counter()
        assert len(extract_metrics(text, CATALOG)) == n
        return time.perf_counter() - began

    seconds(250)  # (warm: patterns compiled, caches filled)
    small = min(seconds(1000) for _ in range(2))
    assert min(seconds(4000) for _ in range(2)) < 8 * small


@pytest.mark.parametrize(
    "text",
    [
        "没有66人及以上超大班额。",
        "消除56人以上的班。",
        "点击:87次",
        "3人参与,1条评论",
        "小学不超过45人、初中不超过50人的标准班额达标率逐年提高。",
        "增长3.\n— 第 2 页 共 8 页 —\n\n7%。",  # the tail of a number a page break cut
    ],
)
def test_thresholds_and_widgets_are_not_figures(text: str) -> None:
    assert rows(text) == []


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("占交流条件教师总数的16.8%（标准为不低于10%）。", ["16.8%"]),
        ("骨干教师数小学4.6人、初中5.9人（标准为小学≥4.2人、初中≥5.3人）。", ["4.6人", "5.9人"]),
        (
            "综合差异系数分别为0.418和0.352，均低于国家规定的小学0.50、初中0.45的标准。",
            ["0.418", "0.352"],
        ),
        (
            "生均公用经费分别达到746元和953元，均高于国家基准定额（小学650元、初中850元）。",
            ["746元", "953元"],
        ),
        ("体质健康合格率达到92.1%，国家要求85%以上。", ["92.1%"]),
        ("省定标准小学≥4.2人，初中≥5.3人。", []),
        ("达到省定标准的学校占比98%。", ["98%"]),  # measured against the standard
        (
            "国家要求小学、初中分别达到4.2人、5.3人以上；我区小学为5.46人、初中为6.82人。",
            ["5.46人", "6.82人"],
        ),
        ("标准为小学、初中分别达到2000元、2500元以上；我区小学3164元。", ["3164元"]),
        ("小学、初中分别为1.1人、1.2人，国家标准均为0.9人。", ["1.1人", "1.2人"]),
    ],
)
def test_standards_a_report_measures_itself_against_are_not_figures(
    text: str, kept: list[str]
) -> None:
    assert [m.value_text for m in rows(text)] == kept


def test_a_long_list_of_coefficients_is_read_to_its_end() -> None:
    text = "全县小学七项指标差异系数分别为：0.312、0.405、0.388、0.296、0.347、0.318、0.279，综合差异系数为0.343。"
    assert [m.value_text for m in rows(text)] == [
        "0.312", "0.405", "0.388", "0.296", "0.347", "0.318", "0.279", "0.343"
    ]  # fmt: skip


def test_growth_multiplier_is_its_own_kind() -> None:
    (m,) = rows("与1949年相比，在校生增长30倍。")
    assert (m.kind, m.value, m.indicator) == ("multiplier", 30, None)


@pytest.mark.parametrize(
    "text",
    [
        "消除大班额（56人以上）。",
        "全县小学、初中所有班级学生数分别不超过45人、50人。",
        "初中部班额控制在50人以下。",
    ],
)
def test_class_size_bounds_are_not_figures(text: str) -> None:
    assert [m.value_text for m in rows(text) if m.unit == "人"] == []


def test_a_ratio_reached_from_an_earlier_one_is_a_ratio_of_the_same_indicator() -> None:
    found = [
        (m.value_text, m.kind, m.indicator)
        for m in extract_metrics("幼儿园生师比从2013年的23.4:1降低到2023年的13.3:1。", CATALOG)
    ]
    assert found == [
        ("23.4:1", "ratio", "preschool_student_teacher_ratio"),
        ("13.3:1", "ratio", "preschool_student_teacher_ratio"),
    ]


def test_a_clause_of_a_later_year_reaching_a_value_is_the_same_measure() -> None:
    text = "九年义务教育巩固率连续五年稳定在99%以上，2025年达到99.27%。课后服务参与率98.2%。"
    found = [(m.value_text, m.indicator, m.qualifier) for m in rows(text)]
    assert found[:2] == [
        ("99%", "compulsory_retention_rate", "以上"),
        ("99.27%", "compulsory_retention_rate", None),
    ]
    # not a figure of another unit after a year (…99%以上，2025年投入资金3亿元)
    other = rows("九年义务教育巩固率稳定在99%以上，2025年达到3亿元。")
    assert other[-1].indicator != "compulsory_retention_rate"


def test_places_listed_under_a_measure_heading_the_sentence_are_that_measures() -> None:
    text = "各县（市）学前三年毛入园率：龙井市90.2%，和龙市86.9%，汪清县84.7%。"
    found = [(m.value_text, m.label, m.indicator) for m in rows(text)]
    assert found[0] == ("90.2%", "龙井市学前三年毛入园率", "preschool_gross_enrollment_rate")
    assert [label for _, label, _ in found] == [
        "龙井市学前三年毛入园率",
        "和龙市学前三年毛入园率",
        "汪清县学前三年毛入园率",
    ]


def test_an_infographics_label_and_colon_over_a_years_value_with_为() -> None:
    text = "● 学前三年毛入园率：2020年为97.1%，2023年达到98.9%，规划目标为99%"
    found = [(m.value_text, m.indicator) for m in rows(text)]
    assert found[:2] == [
        ("97.1%", "preschool_gross_enrollment_rate"),
        ("98.9%", "preschool_gross_enrollment_rate"),
    ]


def _strip_trail_everywhere(s: str) -> str:
    """_strip_trail's definition: the pattern searched at every step."""
    while s and (m := _TRAIL.search(s)) and m.start() < len(s):
        s = s[: m.start()]
    return s


# The pattern's words, what its classes and lookbehinds name, and other label endings.
_TRAIL_PIECES = [
    *re.findall(r"[\u4e00-\u9fff]+", _TRAIL.pattern),
    *"人平生统会设估存现所实学校教师数率，、:；。 \t\u3000\xa00123456789",
    "2023年",
    "2023年底",
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_TRAIL_PIECES), max_size=8).map("".join))
@example("在校生由2023年底")
def test_strip_trail_skips_only_labels_the_pattern_cannot_end(label: str) -> None:
    assert _strip_trail(label) == _strip_trail_everywhere(label)


@pytest.mark.parametrize(
    ("text", "value_text", "indicator"),
    [
        ("义务教育 小学4168所，在校生199.6万人。", "4168所", "primary_schools"),
        ("高中阶段教育 普通高中411所。", "411所", "general_senior_schools"),
        ("特殊教育 特殊教育学校79所。", "79所", "special_schools"),
    ],
)
def test_a_section_name_run_in_before_its_text_is_no_part_of_the_label(
    text: str, value_text: str, indicator: str
) -> None:
    assert by_text(text, value_text).indicator == indicator


def test_a_count_cut_to_a_level_is_the_same_measure_and_a_cut_by_is_not() -> None:
    found = {
        m.value_text: m
        for m in rows("全县学科类校外培训机构由“双减”前的143家压减至17家，压减率达88.1%。")
    }
    assert found["17家"].indicator == found["143家"].indicator == "tutoring_institutions"
    assert found["17家"].kind == "level"
    assert by_text("学科类培训机构全市只压减40所。", "40所").indicator is None  # cut by 40
    # cut to, with no count before it: the level
    found = by_text("全面落实“双减”，校外培训机构压减至21家。", "21家")
    assert (found.label, found.indicator) == ("校外培训机构", "tutoring_institutions")


def test_a_quoted_term_opening_the_clause_is_in_the_subject() -> None:
    found = by_text("专业课教师中，“双师型”教师占专业课教师的比例为62.4%。", "62.4%")
    assert found.label == "“双师型”教师占专业课教师的比例"
    # one inside the clause, far before the figure, is not (落实“三个增长”: its object)
    found = by_text("全面落实教育经费“三个增长”一般公共预算教育支出40351万元。", "40351万元")
    assert found.label == "一般公共预算教育支出"
    # one right before the measure's word and its verb is part of its name
    found = by_text("全县义务教育阶段“大班额”比例下降至3.8%。", "3.8%")
    assert found.indicator == "compulsory_large_class_share"


@pytest.mark.parametrize(
    ("text", "value_text", "label"),
    [
        ("全年新建改扩建校舍4.1万平方米，中小学生均图书35.2册。", "35.2册", "中小学生均图书"),
        ("全年计划招聘教师1200名以上，培训中小学教师2万人次。", "2万人次", "培训中小学教师"),
        ("全年新建幼儿园12所，其中公办幼儿园9所。", "9所", "新建公办幼儿园"),  # the list goes on
        ("新建改扩建中小学56所，幼儿园112所。", "112所", "新建改扩建幼儿园"),
    ],
)
def test_a_clause_after_additions_continues_them_only_in_their_unit(
    text: str, value_text: str, label: str
) -> None:
    assert by_text(text, value_text).label == label


def test_a_sections_name_run_in_before_its_text_is_no_part_of_the_label() -> None:
    found = by_text(
        "（二）初中　全省共有初中3264所（含九年一贯制学校），比上年减少15所。", "3264所"
    )
    assert (found.label, found.indicator) == ("初中", "junior_schools")
    found = by_text("义务教育　小学4168所，初中1920所。", "4168所")
    assert found.label == "小学"


@pytest.mark.parametrize(
    ("text", "value_text", "indicator"),
    [
        ("全年新建幼儿园12所。", "12所", "new_kindergartens"),
        ("新增学位4800个。", "4800个", "new_school_places"),
        # what was added is no stock: not computers nor schools_total, a series of its own label
        ("全县新增计算机2860台。", "2860台", None),
        ("改扩建各级各类学校73所。", "73所", None),
    ],
)
def test_an_addition_is_a_level_of_an_indicator_of_additions(
    text: str, value_text: str, indicator: str | None
) -> None:
    m = by_text(text, value_text)
    assert (m.kind, m.indicator) == ("level", indicator)
    assert m.nameable or indicator is not None


@pytest.mark.parametrize(
    ("text", "value_text", "label"),
    [
        ("全年公开招聘教师146名，新建幼儿园3所。", "146名", "公开招聘教师"),
        ("全年招聘教师1200名，其中特岗教师730名。", "730名", "招聘特岗教师"),  # the list goes on
        ("新建幼儿园5所，招聘教师100名。", "100名", "招聘教师"),
    ],
)
def test_the_years_recruits_are_a_level_named_by_their_hiring(
    text: str, value_text: str, label: str
) -> None:
    found = by_text(text, value_text)
    assert (found.kind, found.label) == ("level", label)


def test_a_label_opening_with_a_place_named_he_keeps_it() -> None:
    assert (
        by_text("新增学位1.6万个；和平区小学生师比为14.6:1。", "14.6:1").label == "和平区小学生师比"
    )
    assert by_text("幼儿园和小学专任教师1200人。", "1200人").label == "幼儿园和小学专任教师"


def test_a_class_size_held_at_a_figure_is_a_figure_and_held_within_one_a_bound() -> None:
    assert [m.value_text for m in rows("城区小学平均班额控制在43人。")] == ["43人"]
    assert rows("城区小学平均班额控制在45人以内。") == []


def test_resource_allocation_is_a_noun_not_a_verb_cutting_the_label() -> None:
    found = rows("小学、初中资源配置综合差异系数分别为0.382、0.296，均低于国家标准。")
    assert [m.indicator for m in found] == [
        "primary_balance_coefficient",
        "junior_balance_coefficient",
    ]


def test_stages_listed_after_the_measure_they_share_each_name_it() -> None:
    found = rows("全县每百名学生拥有高于规定学历教师数小学、初中分别为5.86人、6.12人。")
    assert [m.label for m in found] == [
        "小学每百名学生拥有高于规定学历教师数",
        "初中每百名学生拥有高于规定学历教师数",
    ]
    found = rows("新建幼儿园、小学分别为5所、3所。")  # a verb's objects: no shared measure
    assert [m.label for m in found] == ["新建幼儿园", "新建小学"]


def test_a_second_list_in_the_sentence_goes_through_the_first_lists_stages() -> None:
    found = rows(
        "学前、小学、初中、高中阶段在校生分别为5182人、10347人、5036人和3735人；"
        "专任教师分别为356人、912人、538人和301人。"
    )
    assert [m.label for m in found][4:] == [
        "学前专任教师",
        "小学专任教师",
        "初中专任教师",
        "高中阶段专任教师",
    ]
    # (a list of another length names its own subjects)
    found = rows("小学、初中在校生分别为10347人、5036人；新建校舍1.2万平方米、运动场3个。")
    assert [m.label for m in found][2:] == ["新建校舍", "新建运动场"]


def test_a_measure_named_once_then_its_value_for_each_stage() -> None:
    found = rows("义务教育阶段平均班额小学43.2人、初中48.6人。")
    assert [m.label for m in found] == ["小学平均班额", "初中平均班额"]
    found = rows("农村义务教育学校生均公用经费小学为650元、初中达到850元。")
    assert [m.label for m in found] == ["小学生均公用经费", "初中生均公用经费"]
    # named in the clause before the stages', or before the verb that reaches their values
    found = rows("县政府落实生均公用经费，小学每生每年820元、初中每生每年1050元。")
    assert [m.label for m in found] == ["小学生均公用经费", "初中生均公用经费"]
    found = rows("义务教育生均公用经费标准提高到小学1100元、初中1300元。")
    assert [m.label for m in found] == ["小学生均公用经费标准", "初中生均公用经费标准"]
    found = rows("全县共有幼儿园45所，小学30所。")  # counts, not a measure named once
    assert [m.indicator for m in found] == ["kindergartens", "primary_schools"]


def test_a_chinese_numeral_with_a_decimal_part_is_one_figure() -> None:
    found = rows(
        "毛入园率比2010年的百分之四十九点五提高了二十七点三个百分点，教育经费投入七点六亿元。"
    )
    assert [(m.value_text, m.value, m.kind) for m in found][1:] == [
        ("二十七点三个百分点", 27.3, "change_pp"),
        ("七点六亿元", 760000000.0, "level"),
    ]


def test_a_triangle_bullet_and_a_respectively_are_no_part_of_the_label() -> None:
    found = rows("▲ 全县幼儿园教职工共412人；\n▲ 在园幼儿总数6318人。")
    assert [m.indicator for m in found] == ["preschool_staff", "preschool_enrolment"]
    found = rows("生均图书分别为小学22.6册、初中31.4册。")
    assert [m.label for m in found] == ["小学生均图书", "初中生均图书"]


def test_how_many_indicators_a_measure_is_taken_over_is_no_figure() -> None:
    found = rows("全县小学、初中7项指标校际差异系数分别为0.386和0.312，均低于国家规定。")
    assert [(m.value_text, m.indicator) for m in found] == [
        ("0.386", "primary_balance_coefficient"),
        ("0.312", "junior_balance_coefficient"),
    ]
    found = rows("全县有44所学校七项指标均达到省定标准。")
    assert [(m.value_text, m.label) for m in found] == [("44所", "学校")]
    found = rows("对照7项资源配置指标，全区201所义务教育学校中，有187所学校7项指标全部达标。")
    assert [(m.value_text, m.label) for m in found] == [
        ("201所", "义务教育学校"),
        ("187所", "学校"),
    ]
    assert found[1].indicator is None  # a part of the 201 (…学校中，), not the stage's schools


def test_a_one_character_verb_before_the_level_reached_is_no_part_of_the_label() -> None:
    found = rows("全区省级示范幼儿园增至17所，民办幼儿园减至12所。")
    assert [(m.label, m.kind) for m in found] == [
        ("省级示范幼儿园", "level"),
        ("民办幼儿园", "level"),
    ]
    assert rows("全区幼儿园新增12所。")[0].label == "幼儿园新增"  # (新增 is no verb of a level)


def test_a_noun_ending_in_xiang_is_no_preposition_cutting_the_subject() -> None:
    # 倾向 (a leaning), not 向 (towards): the kindergartens with it, not all of them
    found = rows("排查发现存在小学化倾向的幼儿园4所。")
    assert found[0].indicator is None and "倾向" in found[0].label


def test_bare_stages_share_the_noun_after_the_last() -> None:
    found = rows("全区幼儿园、小学、初中、高中在校生分别为8863人、17651人、9731人和5120人。")
    assert [m.label for m in found] == ["幼儿园在校生", "小学在校生", "初中在校生", "高中在校生"]
    # (a stage written with 教育 after it)
    found = rows("学前教育、高中阶段教育、高等教育毛入学率分别为93.1%、94.2%、49.6%。")
    assert [m.indicator for m in found] == [
        "preschool_gross_enrollment_rate",
        "high_school_gross_enrollment_rate",
        "higher_ed_gross_enrollment_rate",
    ]


def test_a_list_of_rates_with_a_coverage_rate_in_it_splits() -> None:
    found = rows(
        "全区学前教育毛入园率、普惠性幼儿园覆盖率、公办园在园幼儿占比分别达到99.1%、95.6%和72.8%。"
    )
    assert [m.indicator for m in found] == [
        "preschool_gross_enrollment_rate",
        "preschool_inclusive_rate",
        "preschool_public_rate",
    ]


def test_a_measure_a_cell_apart_from_its_stages_values() -> None:
    found = rows("指标1｜每百名学生拥有高于规定学历教师数｜小学5.86人｜初中6.31人｜达标")
    assert [m.label for m in found] == [
        "小学每百名学生拥有高于规定学历教师数",
        "初中每百名学生拥有高于规定学历教师数",
    ]
    found = rows("指标6 生均教学仪器设备值 小学2816元 初中3594元")
    assert [m.label for m in found] == ["小学生均教学仪器设备值", "初中生均教学仪器设备值"]


def test_a_per_pupil_rate_keeps_its_every_hundred_pupils() -> None:
    found = rows("全县小学每百名学生拥有高于规定学历教师数5.6人。")
    assert [m.label for m in found] == ["小学每百名学生拥有高于规定学历教师数"]
    found = rows("全区小学、初中生均公用经费分别达到每生每年830元和1080元。")
    assert [m.label for m in found] == ["小学生均公用经费", "初中生均公用经费"]
    # the first stage after a scope of its own (义务教育学校)
    found = rows("义务教育学校小学、初中生均公用经费分别达到每生每年1020元和1320元。")
    assert [m.label for m in found] == ["义务教育学校小学生均公用经费", "初中生均公用经费"]
    # (not after a place: 侯马市小学 may be a school's name)
    found = rows("侯马市小学、初中综合差异系数分别为0.412和0.356。")
    assert found[0].label == "侯马市小学"


def test_a_ranking_clause_names_the_figure_after_its_bare_verb() -> None:
    found = rows("富锦市学前三年毛入园率最高，达到91.6%；其次是同江市，为88.9%；桦南县88.3%。")
    assert [m.label for m in found] == ["富锦市学前三年毛入园率", "同江市", "桦南县"]
    assert rows("全市学前教育发展迅速，达到90%。")[0].label == ""  # no ranking: no subject
    found = rows("学前教育毛入园率最高的是运河区，为98.2%。")
    assert [m.label for m in found] == ["运河区学前教育毛入园率"]
    # …after another sentence too, and a judgement of it (偏低，仅为)
    found = rows("全市共有幼儿园85所。富锦市学前三年毛入园率最高，达到91.6%。")
    assert found[-1].label == "富锦市学前三年毛入园率"
    found = rows("一是学位不足。二是幼儿园专任教师持证率偏低，仅为72.5%。")
    assert found[-1].label == "幼儿园专任教师持证率"
    # …or of its trend, the year it reached it before the verb (2024年达到)
    found = rows("在校生3120人，对口单招本科录取人数创历史新高，达到164人。")
    assert found[-1].label == "对口单招本科录取人数"
    found = rows("区财政学前教育投入逐年增加，2024年达到6.38亿元。")
    assert found[-1].label == "区财政学前教育投入"


def test_an_infographics_captions_name_its_figures_below_or_above() -> None:
    text = "【规模】\n218所\n各级各类学校\n7482人\n专任教师\n【计划】\n新建幼儿园\n2所\n新增学位\n3000个"
    found = {m.value_text: m.label for m in rows(text)}
    assert found == {
        "218所": "各级各类学校",
        "7482人": "专任教师",
        "2所": "新建幼儿园",
        "3000个": "新增学位",
    }
    assert rows("全县学校218所\n各级各类学校")[0].label == "学校"  # not alone on its line


def test_an_infographics_change_caption_and_dated_lines_name_their_figures() -> None:
    # a 数读 post: caption, figure, then 比上年减少 over the change; a caption over dated lines
    text = (
        "全省各级各类学校\n1.68万所\n比上年减少\n612所\n专任教师\n68.3万人\n"
        "学前三年毛入园率\n2020年：87.5%\n2024年：93.2%"
    )
    found = {m.value_text: (m.indicator, m.kind, m.value) for m in rows(text)}
    assert found["1.68万所"] == ("schools_total", "level", 16800)
    assert found["612所"] == ("schools_total", "change_abs", -612)
    assert found["68.3万人"][0] == "teachers_fulltime"
    assert found["87.5%"][0] == found["93.2%"][0] == "preschool_gross_enrollment_rate"
    # a caption with a note of what it takes in (在校学生（含在园幼儿）): all stages' students
    text = "【规模】\n全市各级各类学校\n112所\n在校学生（含在园幼儿）\n8.14万人\n专任教师\n5683人"
    found = {m.value_text: (m.indicator, m.label) for m in rows(text)}
    assert found["8.14万人"] == ("students_total", "在校学生")
    assert found["5683人"] == ("teachers_fulltime", "专任教师")


def test_a_dash_or_bullet_opening_a_list_line_is_no_part_of_the_label() -> None:
    found = rows("——幼儿园178所，在园幼儿21563人；\n●小学81所。")
    assert [(m.label, m.indicator) for m in found] == [
        ("幼儿园", "kindergartens"),
        ("在园幼儿", "preschool_enrolment"),
        ("小学", "primary_schools"),
    ]


def test_what_an_inspection_sampled_is_no_stock() -> None:
    found = rows(
        "督导组随机抽查了幼儿园15所（其中公办园9所），实地核查学校32所。全县共有幼儿园120所。"
    )
    assert [(m.value_text, m.indicator) for m in found] == [
        ("15所", None),
        ("9所", None),
        ("32所", None),
        ("120所", "kindergartens"),
    ]
    assert [m.nameable for m in found[2:3]] == [True]  # 实地核查学校: named as the sample


def test_what_follows_a_standards_colon_is_the_standard() -> None:
    text = "国家标准要求：每百名学生拥有高于规定学历教师数小学、初中分别达到4.2人以上、5.3人以上。"
    assert rows(text) == []


def test_numbers_listed_before_a_unit_written_once_share_it() -> None:
    found = {
        m.value_text: m
        for m in rows(
            "学前三年毛入园率、九年义务教育巩固率、高中阶段毛入学率分别达到93.8%、98.1%、94.6%，"
            "分别比上年提高0.9、0.3和1.2个百分点。小学、初中在校生分别为1.2、0.8万人。"
        )
    }
    assert (found["0.9"].value, found["0.9"].unit, found["0.9"].kind) == (
        0.9,
        "个百分点",
        "change_pp",
    )
    assert found["0.3"].indicator == "compulsory_retention_rate"
    assert (found["1.2"].value, found["1.2"].indicator) == (12000, "primary_enrolment")
    # a list of years, an item's number opening a line: none
    assert "2020" not in {m.value_text for m in rows("2019、2020和2021年分别新建学校3所。")}
    assert "3" not in {m.value_text for m in rows("缺口较大：\n3、20人以上的班级12个。")}


def test_a_share_of_what_was_put_in_keeps_its_subject() -> None:
    found = by_text("学前教育财政投入占财政性教育经费的比例由2018年的5.1%提高到8.4%。", "8.4%")
    assert found.label == "学前教育财政投入占财政性教育经费的比例"


def test_an_average_age_and_a_count_of_loans_are_figures_an_age_band_is_not() -> None:
    found = {m.value_text: m for m in rows("全市教师平均年龄47.6岁，35岁以下教师1200人。")}
    assert (found["47.6岁"].value, found["47.6岁"].unit) == (47.6, "岁")
    assert "35岁" not in found and found["1200人"].label == "35岁以下教师"
    assert by_text("办理生源地信用助学贷款1893笔，金额2418万元。", "1893笔").unit == "笔"
    assert not rows("3-6岁适龄儿童全部入园。")


def test_schools_falling_short_of_a_standard_are_no_stock() -> None:
    text = "全区有9所小学、3所初中生均体育运动场馆面积未达到国家规定标准；全区共有小学48所。"
    found = {m.value_text: m for m in rows(text)}
    assert found["9所"].indicator is None and not found["9所"].nameable
    assert found["48所"].indicator == "primary_schools"


def test_a_score_before_its_rank_is_a_figure() -> None:
    found = by_text("邵武市以综合得分92.6分排名第一，武夷山市以91.8分位居第二。", "92.6分")
    assert (found.value, found.unit) == (92.6, "分")
    assert (
        by_text("邵武市以综合得分92.6分排名第一，武夷山市以91.8分位居第二。", "91.8分").unit == "分"
    )


@pytest.mark.parametrize(
    ("text", "value_text", "indicator"),
    [
        # an infographic's label and colon, its values perhaps dated, an arrow between them
        ("高中阶段毛入学率：93.5%", "93.5%", "high_school_gross_enrollment_rate"),
        ("高中阶段毛入学率：2020年88.1% → 2023年93.5%", "88.1%", "high_school_gross_enrollment_rate"),
        ("高中阶段毛入学率：2020年88.1% → 2023年93.5%", "93.5%", "high_school_gross_enrollment_rate"),
        ("学前三年毛入园率：91.2%（2020年）→ 97.8%（2025年）", "97.8%", "preschool_gross_enrollment_rate"),
        ("九年义务教育巩固率：稳定在99.4%", "99.4%", "compulsory_retention_rate"),
        # the value a change is measured from, in brackets after it
        ("与2012年相比，学前三年毛入园率提高了16.4个百分点（2012年为78.8%）", "78.8%", "preschool_gross_enrollment_rate"),
        ("▶ 小学：118所，在校生17.6万人", "118所", "primary_schools"),
        ("▶ 小学：118所，在校生17.6万人", "17.6万人", "primary_enrolment"),
        ("小学 29所｜在校生 17206人", "17206人", "primary_enrolment"),  # items a bar apart
        # 由…逐年提高到2017年的…、2018年的…: every value after the verb is the same measure
        ("学前三年毛入园率由2016年的78.4%逐年提高到2017年的81.2%、2018年的84.6%", "81.2%",
         "preschool_gross_enrollment_rate"),
    ],
)  # fmt: skip
def test_a_label_before_a_colon_or_an_arrow_names_the_figures_after_it(
    text: str, value_text: str, indicator: str
) -> None:
    assert by_text(text, value_text).indicator == indicator


def test_values_listed_respectively_after_a_colon_take_no_shared_label() -> None:
    # 分别为：0.312、0.405…: seven indicators' coefficients, none of them the label's alone
    found = rows("小学七项指标差异系数分别为:0.312、0.405、0.388，综合差异系数为0.343。")
    assert {m.label for m in found if m.value_text in ("0.312", "0.405")} == {""}


def test_schools_a_size_before_them_sets_are_a_part_not_the_stock() -> None:
    # 不足100人的学校: the small schools, not all the county's schools
    found = {
        m.value_text: m.indicator for m in rows("全县不足100人的学校有18所。全县共有学校86所。")
    }
    assert found == {"100人": None, "18所": None, "86所": "schools_total"}


@pytest.mark.parametrize(
    ("text", "value_text", "label"),
    [
        ("全县学前三年毛入园率达到九成以上(92.4%)。", "92.4%", "学前三年毛入园率"),
        ("普惠性幼儿园覆盖率超过八成（83.5%）。", "83.5%", "普惠性幼儿园覆盖率"),
        ("公办园在园幼儿占比过半（52.3%）。", "52.3%", "公办园在园幼儿占比"),
    ],
)
def test_a_share_in_words_then_in_figures_in_brackets(
    text: str, value_text: str, label: str
) -> None:
    found = by_text(text, value_text)
    assert (found.label, found.qualifier) == (label, None)


def test_a_parts_heading_run_into_its_text_is_no_part_of_the_subject() -> None:
    found = by_text("三、义务教育 全县普通小学38所，小学在校生1.28万人。", "38所")
    assert (found.label, found.indicator) == ("普通小学", "primary_schools")
