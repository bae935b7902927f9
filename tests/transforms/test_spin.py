"""The spinner vocabulary read back: a spun page's labels in the report's own words."""

from __future__ import annotations

from tests.transforms.conftest import extract_page
from transforms.extract import load_resources
from transforms.spin import load_spin_lexicon, unspin


def test_unspin_puts_the_longest_substitute_back() -> None:
    lexicon = load_spin_lexicon()
    assert unspin("小学专任老师们2790人", lexicon) == "小学专任教师2790人"
    assert unspin("全区幼儿院73所", lexicon) == "全区幼儿园73所"
    assert unspin("全县在校学生2万人", lexicon) == "全县在校学生2万人"


def test_a_spun_page_still_names_its_figures() -> None:
    resources = load_resources()
    spun = (
        "某区2019年教养作业情况报告\n\n"
        "截至2019年底，全区共有各类院校（含幼儿院）150所。全区在校弟子8.1万人，比上年添加2100人，"
        "教职工6400人，其中专任老师们5900人。全区幼儿院70所，普惠性幼儿院覆盖率抵达90.5%。"
        "九年义务教养巩固率99.1%。全区教养经费总投入20.4亿元，比上年增长8.1%。"
        "院校作业展开顺利，老师们积极参与教养教导作业，弟子们成长进步明显。\n"
    )
    records = extract_page(spun, resources)
    assert records.documents[0].quality == "low"
    rows = {m.value_text: m for m in records.metrics}
    assert rows["5900人"].indicator == "teachers_fulltime"
    assert rows["70所"].indicator == "kindergartens"
    assert rows["90.5%"].indicator == "preschool_inclusive_rate"
    assert rows["99.1%"].indicator == "compulsory_retention_rate"
    assert rows["20.4亿元"].indicator == "education_funding_total"
    assert "spun" in (rows["70所"].attribution or "")
