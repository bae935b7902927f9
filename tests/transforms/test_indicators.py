"""Indicator resolution: named forms, measure × stage from the label or the scope around it."""

from __future__ import annotations

import pytest

from transforms.catalog import Catalog, load_catalog
from transforms.indicators import resolve
from transforms.metrics import extract_metrics


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def codes(text: str, catalog: Catalog) -> list[tuple[str, str | None]]:
    return [(m.value_text, m.indicator) for m in extract_metrics(text, catalog)]


@pytest.mark.parametrize(
    ("label", "context", "unit", "kind", "expected"),
    [
        ("学前三年毛入园率", "", "%", "level", "preschool_gross_enrollment_rate"),
        ("学前教育毛入园率", "", "%", "level", "preschool_gross_enrollment_rate"),
        ("学前一年毛入园率", "", "%", "level", None),  # the year before school: another rate
        ("九年义务教育巩固率", "", "%", "level", "compulsory_retention_rate"),
        ("义务教育巩固率", "", "%", "level", "compulsory_retention_rate"),
        ("高中阶段毛入学率", "", "%", "level", "high_school_gross_enrollment_rate"),
        ("高等教育毛入学率", "", "%", "level", "higher_ed_gross_enrollment_rate"),
        ("学前教育普惠率", "", "%", "level", "preschool_inclusive_rate"),
        ("普惠性幼儿园覆盖率", "", "%", "level", "preschool_inclusive_rate"),
        ("公办率", "", "%", "level", "preschool_public_rate"),
        ("公办园在园幼儿占比", "", "%", "level", "preschool_public_rate"),
        ("一般公共预算教育支出", "", "元", "level", "education_expenditure"),
        ("教育经费投入", "", "元", "level", "education_expenditure"),
        ("十五年免费教育资金", "", "元", "level", None),  # a programme's funds, a part of it
        ("争取上级教育资金", "", "元", "level", None),  # funds secured from above
        ("一般公共预算教育支出", "", "%", "change_pct", "education_expenditure"),
        ("课后服务参与率", "", "%", "level", "after_school_participation_rate"),
        ("学生参与率", "全面推行课后服务", "%", "level", "after_school_participation_rate"),
        ("学生参与率", "开展志愿服务活动", "%", "level", None),
        ("课后服务覆盖率", "", "%", "level", None),  # the schools offering it, not the pupils
        ("校外培训机构", "", "家", "level", "tutoring_institutions"),
        ("校外培训机构终止办学", "", "家", "level", None),
        ("各级各类学校", "", "所", "level", "schools_total"),
        ("各级各类学历教育在校生", "", "人", "level", "students_total"),
        ("在校生", "", "名", "level", "students_total"),
        ("中小学幼儿园在校学生", "", "人", "level", "students_total"),
        ("各级各类学校共招生", "", "人", "level", "intake_total"),  # 共: all of them
        ("普通中学", "", "所", "level", "secondary_schools"),  # junior and senior as one
        ("幼儿园共招收幼儿", "", "人", "level", "preschool_intake"),
        (
            "入学率",
            "“三残儿童”实现了“零拒绝、全覆盖”，",
            "%",
            "level",
            "special_education_enrollment_rate",
        ),
        ("入学率", "全市小学适龄儿童", "%", "level", None),
        ("大班额", "", "%", "level", "large_class_share"),
        ("大班额", "", "个", "level", "large_classes"),
        ("专任教师", "", "人", "level", "teachers_fulltime"),
        ("幼儿园", "", "所", "level", "kindergartens"),
        ("公办幼儿园", "", "所", "level", "public_kindergartens"),
        ("中小学、幼儿园", "", "所", "level", "schools_total"),
        # the unit must fit the indicator for levels and absolute changes
        ("学前三年毛入园率", "", "所", "level", None),
        ("一般公共预算教育支出", "", "人", "change_abs", None),
        ("省级优质园占比", "", "%", "level", None),
    ],
)
def test_match(
    catalog: Catalog, label: str, context: str, unit: str, kind: str, expected: str | None
) -> None:
    assert resolve(label, unit, kind, context, "", catalog, None).code == expected


def test_stage_from_the_bulletin_paragraph(catalog: Catalog) -> None:
    text = (
        "学前教育阶段，全国共有幼儿园28.12万所，在园幼儿4713.88万人。"
        "义务教育阶段，全国共有义务教育阶段学校21.26万所，在校生1.54亿人，专任教师1001.65万人。"
    )
    assert codes(text, catalog) == [
        ("28.12万所", "kindergartens"),
        ("4713.88万人", "preschool_enrolment"),
        ("21.26万所", "compulsory_schools"),
        ("1.54亿人", "compulsory_enrolment"),
        ("1001.65万人", "compulsory_teachers"),
    ]


def test_stage_from_the_section_heading(catalog: Catalog) -> None:
    text = "（三）初中\n全国共有初中学校5.2万所。招生1632万人，在校生4914万人。\n三、教育经费\n专任教师数据另行公布，教职工5万人。"
    found = dict(codes(text, catalog))
    assert found["1632万人"] == "junior_intake"
    assert found["4914万人"] == "junior_enrolment"
    assert found["5万人"] == "staff_total"  # a heading without a stage ends the stage


def test_school_count_list_does_not_set_the_stage(catalog: Catalog) -> None:
    text = "全市共有各级各类学校120所，其中幼儿园50所，小学40所，在校生12万人。"
    assert dict(codes(text, catalog))["12万人"] == "students_total"


def test_a_list_of_school_counts_sets_no_stage_for_the_sentences_after_it(
    catalog: Catalog,
) -> None:
    text = (
        "全县共有各级各类学校198所，其中幼儿园86所，小学89所，初中17所，特殊教育学校1所。"
        "在校学生71245人，其中在园幼儿13860人，小学生33412人；教职工4862人，专任教师4315人。"
    )
    found = dict(codes(text, catalog))
    assert found["71245人"] == "students_total"
    assert found["4862人"] == "staff_total" and found["4315人"] == "teachers_fulltime"


def test_staff_after_pupils_of_two_stages_are_all_the_staff(catalog: Catalog) -> None:
    text = "在校中小学生5.2万人，在园幼儿1.4万人；教职工4300人，专任教师3900人。"
    found = dict(codes(text, catalog))
    assert found["5.2万人"] == "basic_enrolment" and found["1.4万人"] == "preschool_enrolment"
    assert found["4300人"] == "staff_total" and found["3900人"] == "teachers_fulltime"
    # one stage named, one stage meant
    found = dict(codes("小学在校生3万人，专任教师1800人。", catalog))
    assert found["1800人"] == "primary_teachers"


@pytest.mark.parametrize(
    ("text", "figure", "code"),
    [
        ("1.小学生师比为16.8:1，初中生师比为12.3:1。", "16.8:1", "primary_student_teacher_ratio"),
        ("（2）普通高中在校生3.1万人。", "3.1万人", "general_senior_enrolment"),
        ("在绵高校14所，驻区高校12所。", "14所", "higher_schools"),
        ("在绵高校14所，驻区高校12所。", "12所", "higher_schools"),
        ("招收各种形式的特殊教育学生1.2万人。", "1.2万人", "special_intake"),
    ],
)
def test_list_markers_and_place_prefixes_are_not_part_of_the_label(
    catalog: Catalog, text: str, figure: str, code: str
) -> None:
    assert dict(codes(text, catalog))[figure] == code


def test_a_dash_led_stage_opens_its_paragraph(catalog: Catalog) -> None:
    text = (
        "二、义务教育\n――小学。校数3100所，招生50.2万人；在校生300.1万人。\n"
        "――初中。校数1500所；在校生140.6万人。"
    )
    found = dict(codes(text, catalog))
    assert found["3100所"] == "primary_schools" and found["300.1万人"] == "primary_enrolment"
    assert found["1500所"] == "junior_schools" and found["140.6万人"] == "junior_enrolment"


def test_an_all_stage_rate_in_a_stage_paragraph_is_the_stage_rate(catalog: Catalog) -> None:
    found = dict(codes("――小学。校数3100所；专任教师学历合格率99.98%。", catalog))
    assert found["99.98%"] == "primary_teacher_qualification_rate"
    found = dict(codes("全省专任教师学历合格率99.5%。", catalog))
    assert found["99.5%"] == "teacher_qualification_rate"


@pytest.mark.parametrize(
    ("text", "figure", "code"),
    [
        ("小学的净入学率99.9%，初中的毛入学率102.5%。", "99.9%", "primary_net_enrollment_rate"),
        ("小学的净入学率99.9%，初中的毛入学率102.5%。", "102.5%", "junior_gross_enrollment_rate"),
        ("其中，普通本科学校1200所；高职（专科）学校1400所。", "1200所", None),  # parts
        ("其中，普通本科学校1200所；高职（专科）学校1400所。", "1400所", None),
        ("全国普通高校2700所。", "2700所", "higher_schools"),
        ("其中大班3.6万个，超大班1.2万个。", "3.6万个", "large_classes"),
        ("其中大班3.6万个，超大班1.2万个。", "1.2万个", "super_large_classes"),
        ("其中新建6所；在园幼儿3.7万人，较上年度减少3199人。", "3.7万人", "preschool_enrolment"),
        ("其中新建6所；在园幼儿3.7万人，较上年度减少3199人。", "3199人", "preschool_enrolment"),
        ("全市义务教育段中小学812所，较上年增加23所。", "812所", "compulsory_schools"),
        ("全县职业教育在校学生人数达1.1万人。", "1.1万人", "vocational_enrolment"),
        ("四川全省有各类幼儿园13243所。", "13243所", "kindergartens"),
        ("全市新增基础教育学位1.5万个。", "1.5万个", "new_school_places"),
        ("完成全市47.3万名中小学生学籍信息核查。", "47.3万名", None),
        ("2017全年普通本专科招生761.5万人。", "761.5万人", "higher_intake"),
        ("普通、职业本专科招生1001.3万人。", "1001.3万人", "higher_intake"),
        ("特校学生297人。", "297人", "special_enrolment"),
        ("二、学前教育\n专任教师学历合格率99.68%。", "99.68%", None),  # the stage's, uncatalogued
        ("全省专任教师学历合格率99.5%。", "99.5%", "teacher_qualification_rate"),
        # a place opening the label is the figure's region, not a narrower measure
        ("今年秋季，费县普通高中招生6418人。", "6418人", "general_senior_intake"),
        ("分地区看，法库县有小学26所、初中12所。", "26所", "primary_schools"),  # (and its 有)
        # a total's named form (教职工总数, 经费) in a label of one stage: that stage's, not all
        ("新招聘幼儿园教师112名，幼儿园教职工总数达到2417人。", "2417人", "preschool_staff"),
        ("全县教职工总数5230人。", "5230人", "staff_total"),
        ("全县中小学教职工总数5230人。", "5230人", "staff_total"),
        ("全县义务教育经费投入5.68亿元。", "5.68亿元", None),
        # 和 is a neutral word, but not inside the place 和龙市
        (
            "各县（市）普通高中在校生：龙井市3128人，和龙市2546人。",
            "2546人",
            "general_senior_enrolment",
        ),
        # what follows a bare 有 names the figure; 稳定在/保持在 are verbs, not the label's
        ("全区教育系统有教职工7425人，其中专任教师6118人。", "7425人", "staff_total"),
        ("普惠性幼儿园覆盖率稳定在92%以上。", "92%", "preschool_inclusive_rate"),
        ("九年义务教育巩固率保持在99.5%。", "99.5%", "compulsory_retention_rate"),
        ("全省教育系统教职工16.92万人。", "16.92万人", "staff_total"),
        # the coefficient of one resource is neither the composite nor the resource
        ("小学生均教学仪器设备值差异系数为0.395。", "0.395", None),
        ("小学每百名学生拥有网络多媒体教室数差异系数为0.442。", "0.442", None),
        ("每百名学生拥有高于规定学历教师数小学差异系数为0.284。", "0.284", None),
        ("小学教学及辅助用房校际差异系数为0.318。", "0.318", None),
        ("小学综合差异系数为0.418。", "0.418", "primary_balance_coefficient"),
        ("差异系数小学为0.54。", "0.54", "primary_balance_coefficient"),
        # per pupil or per 100 pupils is not the total
        ("小学每百名学生拥有计算机台数17.3台。", "17.3台", None),
        ("全县中小学共有教学用计算机5120台。", "5120台", "computers"),
        # 新增学位 in a passage about one stage is that stage's
        ("学前教育：新建幼儿园5所，新增学位2700个。", "2700个", "new_preschool_places"),
        ("新建、改扩建学校和幼儿园13所，新增学位1.02万个。", "1.02万个", "new_school_places"),
        ("全市新增学位3.2万个。", "3.2万个", "new_school_places"),
        ("新建幼儿园6所、小学2所，新增学位4800个。", "4800个", "new_school_places"),  # both
        # 对口就业率 (employed in the trade learnt) is not the employment rate
        ("中职毕业生就业率为96.2%，对口就业率为78.5%。", "96.2%", "vocational_employment_rate"),
        ("中职毕业生就业率为96.2%，对口就业率为78.5%。", "78.5%", None),
    ],
)
def test_bulletin_wordings(catalog: Catalog, text: str, figure: str, code: str | None) -> None:
    assert dict(codes(text, catalog))[figure] == code


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "小学、初中校际差异系数分别为0.42、0.35，均达到国家标准。",
            [("0.42", "primary_balance_coefficient"), ("0.35", "junior_balance_coefficient")],
        ),
        (
            "全县小学综合差异系数0.412，初中综合差异系数0.356。",
            [("0.412", "primary_balance_coefficient"), ("0.356", "junior_balance_coefficient")],
        ),
        (
            "公办、民办幼儿园分别为120所、85所。",
            [("120所", "public_kindergartens"), ("85所", "private_kindergartens")],
        ),
    ],
)
def test_parallel_modifiers_share_the_head_noun(
    catalog: Catalog, text: str, expected: list[tuple[str, str]]
) -> None:
    assert codes(text, catalog) == expected


def test_a_stage_paragraph_keeps_per_stage_facilities_out_of_the_region_total(
    catalog: Catalog,
) -> None:
    text = "――小学。校数3100所；仪器设备值36.2亿元，图书8500万册。\n全省仪器设备值66.4亿元。"
    found = dict(codes(text, catalog))
    assert found["36.2亿元"] is None and found["8500万册"] is None
    assert found["66.4亿元"] == "equipment_value"


def test_changes_listed_after_respectively_belong_to_the_levels_in_order(
    catalog: Catalog,
) -> None:
    text = "全省幼儿园1.2万所、小学3000所，分别比上年减少100所、50所。"
    assert codes(text, catalog)[2:] == [("100所", "kindergartens"), ("50所", "primary_schools")]
    text = "小学专任教师学历合格率99.9%，高学历教师比例92.3%，分别比上年提高0.06个、2.5个百分点。"
    rows = {m.value_text: m for m in extract_metrics(text, catalog)}
    assert rows["0.06个"].unit == "个百分点" and rows["0.06个"].kind == "change_pp"
    assert rows["0.06个"].indicator == "primary_teacher_qualification_rate"
    assert rows["2.5个百分点"].label == "高学历教师比例"


def test_a_sentence_about_the_whole_region_after_a_stage_sentence(catalog: Catalog) -> None:
    found = dict(
        codes("普通高校5所，专任教师2540人。全市教职工数99750人，其中专任教师76413人。", catalog)
    )
    assert found["2540人"] == "higher_teachers"
    assert found["99750人"] == "staff_total" and found["76413人"] == "teachers_fulltime"
    # a stage that leads its paragraph holds over 全省 sentences
    found = dict(codes("――小学。校数3100所；在校生300万人。全省专任教师20万人。", catalog))
    assert found["20万人"] == "primary_teachers"


def test_nested_stages_in_one_label_are_the_narrower(catalog: Catalog) -> None:
    found = dict(codes("全省义务教育中小学5400所，专任教师29.8万人。", catalog))
    assert found["5400所"] == "compulsory_schools"
    assert found["29.8万人"] == "compulsory_teachers"


def test_a_stage_after_a_semicolon_is_a_new_subject_not_a_list_item(catalog: Catalog) -> None:
    found = dict(codes("九年义务教育巩固率95.2%；特殊教育学校共有专任教师6.1万人。", catalog))
    assert found["6.1万人"] == "special_teachers"


def test_a_named_campus_is_not_the_region_total(catalog: Catalog) -> None:
    text = "山东大学青岛校区正式启用，在校生达到6000人。全市在校生达到120万人。"
    assert codes(text, catalog) == [("6000人", None), ("120万人", "students_total")]


def test_units_and_dimensions_must_fit(catalog: Catalog) -> None:
    found = dict(codes("新增普惠性学位***个，幼儿园3个，学前教育毛入园率90所。", catalog))
    assert found["3个"] is None  # 个 never fills 所
    assert found["90所"] is None  # a count never fills a rate


def test_ratio_is_one_figure(catalog: Catalog) -> None:
    (m,) = extract_metrics("小学生师比16.85:1。", catalog)
    assert (m.value, m.kind, m.indicator) == (16.85, "ratio", "primary_student_teacher_ratio")


def test_name_counts_people_as_ren(catalog: Catalog) -> None:
    (m,) = extract_metrics("全市在校生12万名。", catalog)
    assert (m.unit, m.indicator) == ("人", "students_total")


def test_students_recruited_are_an_intake_and_this_years_words_are_neutral(
    catalog: Catalog,
) -> None:
    text = (
        "全省共有特殊教育学校55所；共招收特殊教育学生756人，在校3411人。"
        "全国共招收研究生124.25万人，在学研究生365.36万人。"
        "全省共有初级中学1727所。当年招生346438人；毕业学生379476人。"
    )
    found = dict(codes(text, catalog))
    assert found["756人"] == "special_intake" and found["3411人"] == "special_enrolment"
    assert found["124.25万人"] == "graduate_intake"
    assert found["346438人"] == "junior_intake" and found["379476人"] == "junior_graduates"


def test_the_schools_of_a_county_and_its_university_students(catalog: Catalog) -> None:
    found = dict(codes("全区共有中小学、幼儿园126所，教职工5630人，专任教师4982人。", catalog))
    assert found == {
        "126所": "schools_total",
        "5630人": "staff_total",
        "4982人": "teachers_fulltime",
    }
    found = dict(codes("全市在校大学生41.3万人。中国海洋大学在校生2万人。", catalog))
    assert found["41.3万人"] == "higher_enrolment"  # 大学生 are students, not a university
    assert found["2万人"] is None  # a named university's students are not the city's
