from __future__ import annotations

import pytest

from tests.conftest import sample_text
from transforms.clean import clean_text, load_chrome_rules
from transforms.split import find_series_headings, split_reports, split_sentences


def test_five_reports_in_one_page_become_five_spans() -> None:
    cleaned = clean_text(sample_text("001"), load_chrome_rules())
    spans = split_reports(cleaned.text, cleaned.title)
    assert [s.seq for s in spans] == [1, 2, 3, 4, 5]
    assert [s.title for s in spans][:2] == [
        "2020精选教育局工作报告范文（一）",
        "2020精选教育局工作报告范文（二）",
    ]
    assert "青岛6中" in spans[0].text and "青岛6中" not in spans[1].text
    assert "组长张元伟" in spans[4].text
    # the page's own title line (…范文5篇) belongs to no report
    assert all("范文5篇" not in s.text for s in spans)


def test_a_page_without_a_series_is_one_report() -> None:
    spans = split_reports("一、基本情况\n（一）加强党建\n（二）提高质量", "标题")
    assert len(spans) == 1 and spans[0].title == "标题"


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["范文（一）", "正文", "范文（二）", "正文"], [0, 2]),
        (["材料篇一", "正文", "材料篇二"], [0, 2]),
        # numbering that does not start at one, or a single heading, is no series
        (["范文（二）", "正文", "范文（三）"], []),
        (["范文（一）", "正文"], []),
    ],
)
def test_series_headings(lines: list[str], expected: list[int]) -> None:
    assert find_series_headings(lines) == expected


def test_sentences_carry_offsets_that_slice_back() -> None:
    text = "全市共有1610家。比上年增长7.21%；\n下一步：继续“努力。”完"
    spans = split_sentences(text)
    pieces = [text[a:b] for a, b in spans]
    assert pieces == ["全市共有1610家。", "比上年增长7.21%；", "下一步：继续“努力。”", "完"]


def test_reports_opened_by_a_bracketed_piece_number_are_split() -> None:
    text = (
        "教育局年度工作总结2篇\n"
        "【篇一】巫山县教育委员会2019年工作总结\n2019年，全县各级各类学校276所。\n"
        "【篇二】建平县教育局2018年教育工作报告\n2018年，全县各级各类学校196所。\n"
    )
    spans = split_reports(text)
    assert [s.title for s in spans] == [  # the reports' own titles, without the numbers
        "巫山县教育委员会2019年工作总结",
        "建平县教育局2018年教育工作报告",
    ]
    assert "196所" in spans[1].text and "196所" not in spans[0].text


def test_reports_opened_by_a_piece_number_and_a_colon_are_split() -> None:
    text = "篇一：丰都县教委2017年教育工作报告\n全县学校245所。\n篇二：蓟州区教育局2019年工作总结\n全区中小学146所。\n"
    assert [s.title for s in split_reports(text)] == [
        "丰都县教委2017年教育工作报告",
        "蓟州区教育局2019年工作总结",
    ]
    # after the collection's name: 教育局2018年工作总结篇二：…
    text = (
        "教育局2018年工作总结篇一：来宾市教育局2018年工作总结\n全市学校812所。\n"
        "教育局2018年工作总结篇二：忻城县教育局2018年工作总结\n全县学校197所。\n"
    )
    assert [s.title for s in split_reports(text)] == [
        "来宾市教育局2018年工作总结",
        "忻城县教育局2018年工作总结",
    ]


def test_a_pieces_title_glued_to_its_text_keeps_the_text_in_the_report() -> None:
    # a sharing site's copy that lost its line breaks: the report's text goes on after its title
    text = (
        "1、范文一：南江县教育局2019年工作总结2019年，在县委、县政府的坚强领导下，全县教育工作"
        "取得明显成效。全县现有幼儿园64所，初中22所。\n"
        "3、范文二：平昌县教育科技局2018年度工作总结2018年，我县教育工作扎实推进。全县有各级"
        "各类学校183所。\n"
    )
    first, second = split_reports(text)
    assert (first.title, second.title) == (
        "南江县教育局2019年工作总结",
        "平昌县教育科技局2018年度工作总结",
    )
    assert "幼儿园64所" in first.text and "各类学校183所" in second.text
    assert first.text.startswith("2019年，在县委")


BULLETIN = (
    "2021年，全市共有各级各类学校503所，比上年减少6所；各级各类学历教育在校生27.35万人。"
    "学前三年毛入园率91.8%，比上年提高1.6个百分点；九年义务教育巩固率98.95%。"
    "高中阶段毛入学率94.6%，比上年提高0.8个百分点，普通高中16所，在校生3.05万人；"
    "中等职业学校7所，在校生1.41万人。"
)
APPENDED = (
    "2021年，青铜峡市共有各级各类学校86所，在校生4.83万人，专任教师3516人。"
    "学前三年毛入园率达到93.4%，九年义务教育巩固率99.12%。"
)


def test_a_report_appended_under_a_title_of_its_own_is_a_report() -> None:
    text = f"{BULLETIN}\n\n青铜峡市教育局2021年工作总结\n{APPENDED}"
    spans = split_reports(text, "吴忠市2021年教育事业发展统计公报")
    assert [(s.seq, s.title) for s in spans] == [
        (1, "吴忠市2021年教育事业发展统计公报"),
        (2, "青铜峡市教育局2021年工作总结"),
    ]
    assert spans[0].text == BULLETIN and spans[1].text == APPENDED


def test_a_title_between_rules_over_a_short_opening_sentence_is_a_report() -> None:
    rule = "━" * 30
    opening = "2022年，我局围绕办好人民满意的教育目标，扎实推进各项工作。"
    text = f"{BULLETIN}\n{rule}\n永泰县教育局2022年工作总结\n{rule}\n{opening}\n{APPENDED}"
    spans = split_reports(text, "永泰县人民政府门户网站")
    assert [s.title for s in spans] == ["永泰县人民政府门户网站", "永泰县教育局2022年工作总结"]
    assert spans[1].text == f"{rule}\n{opening}\n{APPENDED}"


def test_a_report_appended_under_its_title_and_piece_number_is_a_report() -> None:
    # a sharing page's second piece, titled like no first one (泽库县…（一） ⏎ … ⏎ 尖扎县…（二）)
    text = f"{BULLETIN}\n\n尖扎县2018年教育工作总结（二）\n\n{APPENDED}"
    spans = split_reports(text, "泽库县教育局2018年工作总结（精选2篇）")
    assert [s.title for s in spans] == [
        "泽库县教育局2018年工作总结（精选2篇）",
        "尖扎县2018年教育工作总结",
    ]
    assert spans[1].text == APPENDED


def test_a_report_appended_with_a_note_that_it_is_cut_is_a_report() -> None:
    text = (
        f"{BULLETIN}\n浏览此文档的还浏览了：\n范文二：浮梁县2019年教育工作总结（节选）\n{APPENDED}"
    )
    spans = split_reports(text, "新化县2020年学前教育工作总结")
    assert [s.title for s in spans] == ["新化县2020年学前教育工作总结", "浮梁县2019年教育工作总结"]
    assert spans[1].text == APPENDED


def test_a_report_appended_over_an_opening_that_announces_what_follows_is_a_report() -> None:
    opening = "2017年，xx县教育局在县委、县政府的领导下……现将一年来工作总结如下："
    text = f"{BULLETIN}\n第3页 / 共8页\n和平县教育局2017年工作总结\n{opening}\n{APPENDED}"
    spans = split_reports(text, "紫金县教育局2018年工作总结")
    assert [s.title for s in spans] == ["紫金县教育局2018年工作总结", "和平县教育局2017年工作总结"]


def test_a_report_appended_with_its_date_under_its_title_is_a_report() -> None:
    text = f"{BULLETIN}\n附：往年公报\n高碑店市2021年教育事业统计公报（摘要）\n发布日期：2022-04-07\n{APPENDED}"
    spans = split_reports(text, "高碑店市2022年教育事业统计公报")
    assert [s.title for s in spans][1] == "高碑店市2021年教育事业统计公报"


def test_a_report_appended_as_an_appendix_is_a_report() -> None:
    text = f"{BULLETIN}\n附：青铜峡市教育局2021年工作总结\n{APPENDED}"
    spans = split_reports(text, "吴忠市2021年教育事业发展统计公报")
    assert [s.title for s in spans] == [
        "吴忠市2021年教育事业发展统计公报",
        "青铜峡市教育局2021年工作总结",
    ]
    assert spans[1].text == APPENDED


def test_a_related_story_with_its_text_is_a_report_and_a_list_of_links_is_not() -> None:
    story = "2023年，石狮市新建、改扩建学校12所，新增学位5600个，全市学前教育毛入园率达到98.6%。"
    text = f"{BULLETIN}\n【相关阅读】\n石狮：2023年新增学位5600个\n{story}"
    spans = split_reports(text, "晋江教育“十四五”中期成绩单")
    assert [s.title for s in spans] == ["晋江教育“十四五”中期成绩单", "石狮：2023年新增学位5600个"]
    links = (
        f"{BULLETIN}\n相关阅读\n· 2024年全市教育工作会议召开\n· 黄冈市2023年中考录取最低控制线公布"
    )
    assert len(split_reports(links, "标题")) == 1


@pytest.mark.parametrize(
    "line",
    [
        "一、2021年工作总结",  # a section of the report, numbered
        "1、2019年河北省教育事业发展统计公报",
        "青铜峡市教育局2021年工作总结",  # followed by no running text (below)
    ],
)
def test_a_numbered_section_or_a_bare_title_line_is_no_second_report(line: str) -> None:
    follow = APPENDED if line[0] in "一1" else "（一）教育事业基本情况"
    spans = split_reports(f"{BULLETIN}\n{line}\n{follow}", "标题")
    assert len(spans) == 1


def test_a_title_opening_the_page_is_no_second_report() -> None:
    spans = split_reports(f"青铜峡市教育局2021年工作总结\n{APPENDED}\n{BULLETIN}")
    assert len(spans) == 1


def test_pieces_numbered_di_n_pian_are_reports() -> None:
    body = "全县共有各级各类学校241所，其中幼儿园129所；在校学生10.28万人。"
    text = (
        f"教育局年度工作总结 第1篇\n桃江县教育局2021年工作总结\n{body}\n"
        f"教育局年度工作总结 第2篇\n宁阳县教育和体育局2022年工作总结\n{body}"
    )
    spans = split_reports(text)
    assert [s.title for s in spans] == ["教育局年度工作总结 第1篇", "教育局年度工作总结 第2篇"]
    assert spans[1].text.startswith("宁阳县教育和体育局2022年工作总结")


@pytest.mark.parametrize("mark", ["第二篇：", "范文二："])
def test_a_second_piece_appended_after_related_documents_is_a_report(mark: str) -> None:
    text = f"{BULLETIN}\n{mark}武山县教育局2020年工作总结\n{APPENDED}"
    spans = split_reports(text, "甘谷县教育局2020年工作总结")
    assert [s.title for s in spans] == ["甘谷县教育局2020年工作总结", "武山县教育局2020年工作总结"]


@pytest.mark.parametrize("mark", ["范文二：", "【范文二】"])
def test_a_piece_number_alone_then_a_title_opens_a_report_with_a_short_first_line(
    mark: str,
) -> None:
    text = f"{BULLETIN}\n{mark}\n乐都区教育局2016年教育工作总结\n2016年，全区教育工作稳步推进。\n一、基本情况\n全区共有学校168所。"
    spans = split_reports(text, "互助县教育局2018年工作总结")
    assert [s.title for s in spans] == [
        "互助县教育局2018年工作总结",
        "乐都区教育局2016年教育工作总结",
    ]


def test_a_sharing_sites_paragraph_number_before_the_piece_number() -> None:
    body = "全县共有各级各类学校241所，其中幼儿园129所；在校学生10.28万人。"
    text = f"1、篇一：蓝田县教育局2017年工作总结\n{body}\n3、篇二：桐柏县教育体育局2020年工作总结\n{body}"
    spans = split_reports(text)
    assert [s.title for s in spans] == [
        "蓝田县教育局2017年工作总结",
        "桐柏县教育体育局2020年工作总结",
    ]
