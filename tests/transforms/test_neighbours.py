"""Indicators a figure takes from the figures beside it (transforms/neighbours.py)."""

from __future__ import annotations

import pytest

from transforms.catalog import Catalog, load_catalog
from transforms.metrics import MetricMention, extract_metrics
from transforms.neighbours import (
    of_the_schools_before,
    part_in_brackets,
    place_only_label,
    stage_of_the_name_before,
    stage_only_label,
    unlabelled_after,
    whole_and_part,
)
from transforms.regions import load_gazetteer


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def resolved(text: str, catalog: Catalog) -> dict[str, MetricMention]:
    """Each figure of `text` after the neighbour rules, by its written value."""
    gazetteer = load_gazetteer()
    out: dict[str, MetricMention] = {}
    done: list[MetricMention] = []
    previous: MetricMention | None = None
    for m in extract_metrics(text, catalog):
        m = unlabelled_after(m, done[-6:], text)
        m = place_only_label(m, previous, gazetteer)
        m = stage_only_label(m, previous, catalog)
        m = of_the_schools_before(m, previous, catalog)
        m = part_in_brackets(m, done[-6:])
        m = stage_of_the_name_before(m, previous, catalog)
        if previous is not None:
            whole, m = whole_and_part(previous, m, text, catalog, gazetteer)
            out[whole.value_text] = done[-1] = whole
        out[m.value_text] = previous = m
        done.append(m)
    return out


def test_a_place_or_a_stage_alone_measures_what_the_figure_before_it_does(
    catalog: Catalog,
) -> None:
    found = resolved(
        "全省幼儿园2.06万所，其中郑州市1420所。在校学生5406人，其中小学2745人。", catalog
    )
    assert found["1420所"].indicator == "kindergartens"
    assert found["2745人"].indicator == "primary_enrolment"
    # a measure the catalog has for all stages only: the stage's part is named by both
    found = resolved("招聘教师348人，其中小学、初中分别为219人、129人。", catalog)
    assert (found["219人"].label, found["219人"].nameable) == ("小学招聘教师", True)
    assert found["219人"].indicator is None
    assert found["129人"].label == "初中招聘教师"


def test_a_stages_schools_in_a_list_of_teachers_count_their_teachers(catalog: Catalog) -> None:
    found = resolved(
        "专任教师3586人，其中小学1253人，中等职业学校241人，特殊教育学校45人。", catalog
    )
    assert [found[v].indicator for v in ("241人", "45人")] == [
        "vocational_teachers",
        "special_teachers",
    ]
    # a breakdown that opens its own sentence with the measure (专任教师中：)
    found = resolved("专任教师5719人。专任教师中：幼儿园1207人，中职213人。", catalog)
    assert [found[v].indicator for v in ("1207人", "213人")] == [
        "preschool_teachers",
        "vocational_teachers",
    ]
    # …after a figure of another measure, or of none
    for text in (
        "在校生198人。全市专任教师中，幼儿园1103人，小学2762人。",
        "专任教师中，小学2762人。",
    ):
        found = resolved(text, catalog)
        assert found["2762人"].indicator == "primary_teachers"
    # …or a first clause that ends in the measure (a measure no «all stages» indicator has;
    # not a clause that only speaks of it, nor a kind of the measure)
    found = resolved("资源配置7项指标校际差异系数，小学为0.368，初中为0.297。", catalog)
    assert [found[v].indicator for v in ("0.368", "0.297")] == [
        "primary_balance_coefficient",
        "junior_balance_coefficient",
    ]
    assert resolved("全县教师队伍不断壮大，小学1200人。", catalog)["1200人"].indicator is None
    assert resolved("全县资助学生，小学1200人。", catalog)["1200人"].indicator is None
    # (a breakdown of the schools with no list before it: a kind of them, not a stage's)
    found = resolved("全市民办学校中，获评自治区级示范幼儿园15所。", catalog)
    assert found["15所"].indicator is None
    # (not a rate's: a share of the schools)
    found = resolved("巩固率稳定在98%以上，全县50%以上的义务教育学校达到优质均衡要求。", catalog)
    assert found["50%"].indicator is None


def test_pupils_after_a_kind_of_school_and_parts_in_brackets(catalog: Catalog) -> None:
    found = resolved(
        "公办幼儿园633所，在园幼儿17.0万人。新建改扩建学校152所（中小学83所，幼儿园69所）。",
        catalog,
    )
    assert found["17.0万人"].indicator == "public_preschool_enrolment"
    assert found["152所"].indicator == "new_schools"
    assert found["83所"].indicator is None  # a part of the 152, not another value of it


@pytest.mark.parametrize(
    ("text", "value", "code"),
    [
        # a stage's schools, then a bare 在校生: that stage's pupils, not the region's
        ("全市普通高中21所、在校生3.92万人，中等职业学校12所、在校生1.86万人。", "1.86万人", None),
        # after a part (其中) or a list of counts, the bare 在校生 is the whole's
        (
            "全县共有各级各类学校196所，其中幼儿园88所，在校生6.94万人。",
            "6.94万人",
            "students_total",
        ),
        ("全县现有中小学318所、幼儿园146所，在校生17.6万人。", "17.6万人", "students_total"),
    ],
)
def test_pupils_after_a_stages_schools(catalog: Catalog, text: str, value: str, code: str) -> None:
    found = resolved(text, catalog)[value]
    assert found.indicator == code
    assert code or found.label == "中等职业学校在校生"


def test_a_private_part_of_one_stage_is_not_all_private_schools(catalog: Catalog) -> None:
    found = resolved(
        "全县幼儿园170所，其中民办80所。全省民办学校1.86万所，在校生531.2万人。", catalog
    )
    assert found["80所"].indicator is None
    assert found["531.2万人"].indicator == "private_enrolment"


def test_a_figure_with_no_subject_measures_what_the_one_before_it_does(catalog: Catalog) -> None:
    found = resolved(
        "2016年全县九年义务教育巩固率为91.3%，2019年为94.7%，2020年达到95.8%。", catalog
    )
    assert [found[v].indicator for v in ("91.3%", "94.7%", "95.8%")] == [
        "compulsory_retention_rate"
    ] * 3
    other = resolved("全县幼儿园63所，2019年为94.7%。", catalog)  # another unit: not a list
    assert other["94.7%"].indicator is None
    listed = resolved(
        "小学综合差异系数为0.343；初中七项指标差异系数分别为：0.224、0.281。", catalog
    )
    assert [listed[v].indicator for v in ("0.224", "0.281")] == [None, None]


def test_the_whole_a_figure_is_compared_with_measures_the_same(catalog: Catalog) -> None:
    found = resolved("全省九年义务教育巩固率达到100%，高于全国平均水平（全国为95.2%）。", catalog)
    assert found["95.2%"].indicator == "compulsory_retention_rate"


def test_a_figure_whose_label_points_back_measures_what_the_figure_before_did(
    catalog: Catalog,
) -> None:
    found = resolved(
        "2021年全市高中阶段毛入学率92.8%，比2020年提高2.1个百分点；2019年该指标为88.9%。"
        "普惠性幼儿园覆盖率由2019年的76.5%提高到2020年的83.2%，2021年进一步达到86.9%。",
        catalog,
    )
    assert found["88.9%"].indicator == "high_school_gross_enrollment_rate"
    assert found["86.9%"].indicator == "preschool_inclusive_rate"


def test_a_baseline_value_and_the_change_from_it_measure_the_figure_before(
    catalog: Catalog,
) -> None:
    found = resolved("全区学前三年毛入园率达到93.8%，较2021年的92.5%提高1.3个百分点。", catalog)
    assert found["92.5%"].indicator == "preschool_gross_enrollment_rate"
    assert found["1.3个百分点"].indicator == "preschool_gross_enrollment_rate"
    # …and after the change from the year before, one clause between
    found = resolved(
        "学前三年毛入园率87.6%，比上年提高2.1个百分点，比2015年的76.3%提高11.3个百分点。", catalog
    )
    assert found["76.3%"].indicator == found["11.3个百分点"].indicator
    assert found["76.3%"].indicator == "preschool_gross_enrollment_rate"
    # …and with only an adverb and the verb after it (no subject of its own)
    found = resolved("普惠性幼儿园覆盖率91.2%，较2018年的76.5%明显提升。", catalog)
    assert found["76.5%"].indicator == "preschool_inclusive_rate"


def test_the_whole_compared_with_after_a_change_measures_the_same(catalog: Catalog) -> None:
    found = resolved(
        "全市学前教育毛入园率92.35%，比上年提高0.92个百分点，高于全省平均水平（全省为91.1%）。",
        catalog,
    )
    assert found["91.1%"].indicator == "preschool_gross_enrollment_rate"


def test_the_average_of_the_whole_in_brackets_measures_the_same(catalog: Catalog) -> None:
    found = resolved("全县学前三年毛入园率91.2%，高于全市平均水平（89.6%）。", catalog)
    assert found["89.6%"].indicator == "preschool_gross_enrollment_rate"


@pytest.mark.parametrize(
    ("text", "value", "code"),
    [
        (
            "全县学前三年毛入园率86.5%，高于承德市平均水平(84.1%)。",
            "84.1%",
            "preschool_gross_enrollment_rate",
        ),
        (
            "九年义务教育巩固率95.1%，比全国(94.8%)高0.3个百分点。",
            "94.8%",
            "compulsory_retention_rate",
        ),
        # the whole in the bracket right after the figure is compared with, not a part of it
        ("全市高中阶段毛入学率91.3%(全国为89.5%)。", "89.5%", "high_school_gross_enrollment_rate"),
        (
            "高等教育毛入学率50.9%，比上年提高3.1个百分点；全国为51.6%。",
            "51.6%",
            "higher_ed_gross_enrollment_rate",
        ),
        ("普惠性幼儿园覆盖率88.3%，全市平均为86.1%。", "86.1%", "preschool_inclusive_rate"),
        # the whole's figure right after its name, then 的平均水平 or 的水平
        (
            "全县学前三年毛入园率93.5%，高于全国91.1%的平均水平。",
            "91.1%",
            "preschool_gross_enrollment_rate",
        ),
        ("九年义务教育巩固率96.2%，高于全国93.8%的水平。", "93.8%", "compulsory_retention_rate"),
    ],
)
def test_what_a_figure_is_compared_with_measures_the_same(
    catalog: Catalog, text: str, value: str, code: str
) -> None:
    assert resolved(text, catalog)[value].indicator == code


def test_a_whole_and_its_part_after_qizhong_are_not_one_indicators_two_values(
    catalog: Catalog,
) -> None:
    found = resolved(
        "全年教育经费投入24.36亿元，其中一般公共预算教育支出18.26亿元，增长3.9%。", catalog
    )
    assert found["18.26亿元"].indicator == "education_expenditure"  # the indicator's own name
    assert found["24.36亿元"].indicator is None
    found = resolved("新增学位8460个，其中新增义务教育学位5940个、学前教育学位2520个。", catalog)
    assert found["8460个"].indicator == "new_school_places"
    assert found["5940个"].indicator != "new_school_places"
    # a place's part is the same measure of another region
    found = resolved("全省共有幼儿园2.06万所，其中郑州市1420所。", catalog)
    assert found["1420所"].indicator == found["2.06万所"].indicator == "kindergartens"


def test_last_years_value_after_this_years_measures_the_same() -> None:
    catalog = load_catalog()
    found = resolved("全市教育经费总投入为78.64亿元，比上年的75.02亿元增长4.83%。", catalog)
    assert found["75.02亿元"].indicator == found["78.64亿元"].indicator == "education_funding_total"


def test_a_stage_after_a_name_of_another_stage_takes_that_name(catalog: Catalog) -> None:
    found = resolved(
        "全市普通小学生均一般公共预算公用经费为3125.60元，普通初中为4318.27元。", catalog
    )
    assert found["4318.27元"].label == "普通初中生均一般公共预算公用经费"
    found = resolved("全县义务教育阶段建档立卡贫困家庭学生11562人，其中小学7318人。", catalog)
    assert found["7318人"].label == "小学建档立卡贫困家庭学生"
    # the stage named after the measure: each stage's measure (metrics._stages_after_measure)
    found = resolved("义务教育阶段生均公用经费小学达到710元、初中达到920元。", catalog)
    assert [found[v].label for v in ("710元", "920元")] == ["小学生均公用经费", "初中生均公用经费"]
