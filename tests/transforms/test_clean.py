from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import sample_text
from transforms.clean import (
    _WIDTH_TABLE,
    clean_text,
    detect_script,
    join_broken_lines,
    load_chrome_rules,
    navigation_lines,
    normalize_numbers,
    normalize_punctuation,
    normalize_width,
    read_published_date,
    remove_site_names,
    strip_pinyin,
    to_simplified,
    traditional_share,
)

RULES = load_chrome_rules()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("關(guān)于義務(wù)教育", "關于義務教育"),
        ("(一)加强党的建设", "(一)加强党的建设"),
        ("截至(2019)年", "截至(2019)年"),
        ("全市XX所(含教學(xué)點(diǎn)XX個(gè))", "全市XX所(含教學點XX個)"),
        ("印發(fā)(試行)辦法", "印發(試行)辦法"),
        # a syllable that is not a reading of the character before it stays
        ("教(ma)育", "教(ma)育"),
    ],
)
def test_pinyin_is_removed_only_where_it_reads_the_character(raw: str, expected: str) -> None:
    assert strip_pinyin(raw)[0] == expected


def test_garbled_annotation_is_cut_and_counted() -> None:
    text, garbled = strip_pinyin("負擔(dān)明顯減輕?,F(xiàn)將有關(guān)情況")
    assert "(xiàn)" not in text and garbled == 1


def test_traditional_text_is_detected_and_converted() -> None:
    assert detect_script("某市關于義務教育雙減政策落實情況的報告") == "traditional"
    assert detect_script("某市关于义务教育双减政策落实情况的报告") == "simplified"
    assert to_simplified("關于義務教育") == "关于义务教育"


def test_a_traditional_paragraph_of_a_simplified_page_is_converted() -> None:
    simplified = "全县共有各级各类学校76所，小学38所，初中9所，普通高中2所。" * 40
    page = f"{simplified}\n二、學前教育普及普惠水平穩步提升\n全縣學前三年毛入園率達到91.6%。"
    cleaned = clean_text(page, RULES)
    assert cleaned.script == "simplified"
    assert "全县学前三年毛入园率达到91.6%" in cleaned.text
    assert cleaned.text.startswith("全县共有各级各类学校76所")


@pytest.mark.parametrize(
    ("text", "share"),
    [
        ("教育发展", 0.0),
        ("關於教育發展", 0.5),  # 關 於 發 of six characters, Latin and digits not sampled
        ("2024年 關於 abc", 2 / 3),  # 年 stays: 2 of 3
        ("abc 123", 0.0),
    ],
)
def test_traditional_share_counts_the_characters_conversion_changes(
    text: str, share: float
) -> None:
    assert traditional_share(text) == share


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("１２３．５％", "123.5%"),
        ("ＡＢＣ", "ABC"),
        ("全市，共有", "全市，共有"),
        ("a\u3000b", "a b"),
        ("𠮷１", "𠮷1"),  # beyond the Basic Multilingual Plane
        ("\udcff１", "\udcff1"),  # a lone surrogate, as undecodable bytes leave one
    ],
)
def test_width_normalisation(raw: str, expected: str) -> None:
    assert normalize_width(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("共有1 122个", "共有1122个"),
        ("1\u2009234人", "1234人"),
        ("2019 2020年", "2019 2020年"),
        ("全国共有幼儿园 28.92 万所", "全国共有幼儿园 28.92万所"),
        ("比上年提高 1.6 个百分点", "比上年提高 1.6个百分点"),
        ("毛入园率91。5%", "毛入园率91.5%"),
        ("面积136。66平方公里", "面积136.66平方公里"),
        ("学校36所。2019年", "学校36所。2019年"),  # a full stop after a unit stays
        ("小学 366 212 4120", "小学 366 212 4120"),  # table cells stay apart
    ],
)
def test_spaces_inside_numbers_are_removed(raw: str, expected: str) -> None:
    assert normalize_numbers(normalize_width(raw)) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("全市,共有;如下:", "全市，共有；如下："),
        ("(一)加强", "（一）加强"),
        ("1,234人", "1,234人"),
        ("see (http://a.b) now", "see (http://a.b) now"),
    ],
)
def test_punctuation_next_to_chinese_goes_full_width(raw: str, expected: str) -> None:
    assert normalize_punctuation(raw) == expected


def test_broken_sentences_and_semicolon_lists_are_rejoined() -> None:
    lines = [
        "一、基本情况",
        "健全乡村教师队伍建设、新市民子女入学和留守儿童就学“三项”" * 2,
        "保障机制，推动义务教育由县域均衡向市域均衡跨越。",
        "召开县委教育工作领导小组会议2次;",
        "加强了宣传队伍建设;",
        "（二）下一步工作",
        "。着力于幼有所育",
    ]
    out = join_broken_lines(lines)
    assert out[0] == "一、基本情况"
    assert out[1].endswith("保障机制，推动义务教育由县域均衡向市域均衡跨越。")
    assert out[2] == "召开县委教育工作领导小组会议2次;加强了宣传队伍建设;"
    assert out[3] == "（二）下一步工作。着力于幼有所育"


def test_navigation_menu_is_a_run_of_short_bullets() -> None:
    lines = [
        "• 语录大全",
        "  • 励志语录".strip(),
        "• 情感语录",
        "正文第一段很长很长。",
        "• 只有一个",
    ]
    assert navigation_lines(lines) == {0, 1, 2}


def test_injected_site_name_is_removed() -> None:
    assert remove_site_names("我老秘网市获批全国试验区", RULES) == "我市获批全国试验区"
    # a learned name the packaged list does not know
    assert remove_site_names("我某某文库县", RULES, ("某某文库",)) == "我县"


def test_a_sharing_sites_running_header_and_paywall_lines_are_chrome() -> None:
    page = (
        "某县教育局2016年工作总结.doc - 道客巴巴\n某县教育局2016年工作总结\n"
        "全年新建校舍面积5.2万平方米。\n第 2 页 共 6 页\n"
        "某县教育局2016年工作总结 - 道客巴巴 http://www.doc88.com/\n"
        "营养改善计划惠及学生3.41万人。\n还剩4页未读，继续阅读\n8 积分 VIP免费下载\n"
        "本文档由用户上传，如有侵权请联系删除。\n"
    )
    cleaned = clean_text(page, RULES)
    assert "道客巴巴" not in cleaned.text and "未读" not in cleaned.text
    assert "积分" not in cleaned.text and "用户上传" not in cleaned.text
    assert "营养改善计划惠及学生3.41万人。" in cleaned.text.split("\n")  # (not glued to a header)
    assert cleaned.title == "某县教育局2016年工作总结"
    # (a sentence that names the site stays)
    assert "报道 - 道客巴巴" in clean_text("全县共有学校12所。\n报道 - 道客巴巴。\n", RULES).text


# --- whole seeds: chrome that must go, text that must stay --------------------------------

CASES = {
    "000": (
        ["Powered by Discuz", "欢迎光临", "标题:", "作者:", "老秘网"],
        [
            "近年来，**市在市委、市政府的正确领导下",
            "我市获批全国青少年校园足球试验区",
            "学前三年毛入园率达到**.*%",
        ],
    ),
    "001": (
        ["客服QQ", "本站", "70.00 KB", "淘文库"],
        ["2020精选教育局工作报告范文（一）", "全面启用青岛6中等5所普通高中新建校区", "组长张元伟"],
    ),
    "002": (
        ["免费阅读已结束", "阅读已结束", "下载文档", "保存成功", "备案号", "资源描述", "1 / 5"],
        ["分别达到93.10%、65.20%、66.63%", "新增普通高中学位近1.4万个"],
    ),
    "003": (
        ["语录大全", "当前位置", "来源：工作范文网", "有关的专题"],
        ["全县现有各级各类学校85所", "一般公共预算教育支出40351万元，比上年增长7.21%"],
    ),
    "004": (
        ["温馨提示", "提交评论", "版权说明", "_第1页", "最新文档", "0/150", "(guān)"],
        [
            "某市关于义务教育“双减”政策落实情况的报告",
            "全市共有1610家校外培训机构",
            "学生参与率达到96%",
        ],
    ),
}


@pytest.mark.parametrize("seed", sorted(CASES))
def test_seed_chrome_goes_and_report_text_stays(seed: str) -> None:
    must_not, must = CASES[seed]
    cleaned = clean_text(sample_text(seed), RULES)
    for fragment in must_not:
        assert fragment not in cleaned.text, fragment
    for fragment in must:
        assert fragment in cleaned.text, fragment


@pytest.mark.parametrize(
    ("seed", "title", "published", "script"),
    [
        ("000", "关于推动推动教育现代化工作的调研报告", "2023-08-30", "simplified"),
        ("001", "2020精选教育局工作报告范文5篇", "2021-04-20", "simplified"),
        ("002", "市教育局党组书记局长在全省教育工作会议上的交流发言", None, "simplified"),
        ("003", "党政领导干部履行教育职责工作报告", "2021-04-15", "simplified"),
        ("004", "某市关于义务教育“双减”政策落实情况的报告", None, "traditional"),
    ],
)
def test_seed_metadata(seed: str, title: str, published: str | None, script: str) -> None:
    cleaned = clean_text(sample_text(seed), RULES)
    assert (cleaned.title, cleaned.published_date, cleaned.script) == (title, published, script)


def test_no_pinyin_survives_in_the_traditional_seed() -> None:
    text = clean_text(sample_text("004"), RULES).text
    assert not re.search(r"[\u4e00-\u9fff]\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\)", text)


@given(st.text(max_size=300))
def test_clean_never_raises_and_is_idempotent(raw: str) -> None:
    once = clean_text(raw, RULES).text
    assert clean_text(once, RULES).text == once


def test_lines_repeating_on_one_sites_pages_are_learned_as_chrome() -> None:
    from transforms.clean import learn_site_chrome, site_key

    header = "教育信息网 | 首页 | 政务公开 | 办事服务"
    footer = "主办单位：某某县教育和体育局 技术支持：某某公司"
    pages = [
        (
            site_key(f"https://jyj.example.gov.cn/a/{i}.html"),
            f"{header}\n{body}\n一、基本情况\n{footer}",
        )
        for i, body in enumerate(["全县现有学校85所。", "全县新建幼儿园3所。", "全县教师2173名。"])
    ]
    learned = learn_site_chrome(pages)["jyj.example.gov.cn"]
    assert header in learned and footer in learned
    assert "一、基本情况" not in learned  # a heading the reports share is report text
    cleaned = clean_text(pages[0][1], RULES, learned)
    assert cleaned.text == "全县现有学校85所。\n一、基本情况"
    # two pages are not enough evidence
    assert learn_site_chrome(pages[:2]) == {}


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        (
            "全市共有1610澳门新葡京家校外培训机构，比上年减少百家乐120家。",
            "全市共有1610家校外培训机构，比上年减少120家。",
        ),
        (
            "百家乐 六合彩 时时彩 太阳城\n全市教育工作稳步推进，各项指标全面完成。",
            "全市教育工作稳步推进，各项指标全面完成。",
        ),
        # real words that look like spam stay
        (
            "发展成人教育，用好体育彩票公益金，支持金沙县学校建设。",
            "发展成人教育，用好体育彩票公益金，支持金沙县学校建设。",
        ),
    ],
)
def test_spam_is_removed_and_numbers_it_was_glued_to_survive(page: str, expected: str) -> None:
    assert clean_text(page, RULES).text == expected


def test_a_report_under_a_spam_wrapper_keeps_its_title() -> None:
    cleaned = clean_text(
        "澳门新葡京娱乐城_关于全市教育工作的报告\n全市教育工作稳步推进，各项指标全面完成。", RULES
    )
    assert cleaned.title == "关于全市教育工作的报告"
    assert cleaned.spam_words == 2


def test_a_tables_row_above_the_headline_is_no_title() -> None:
    cleaned = clean_text(
        "| 索引号： | 652800-JYJ-2023-00047 |\n关于对库尔勒市2022年度履行教育职责情况的反馈意见\n"
        "库尔勒市人民政府：\n全市学前三年毛入园率为98.6%，普惠性幼儿园覆盖率为92.4%。",
        RULES,
    )
    assert cleaned.title == "关于对库尔勒市2022年度履行教育职责情况的反馈意见"
    letter = clean_text("石家庄市人民政府教育督导委员会：\n一、基本情况\n全县共有学校68所。", RULES)
    assert letter.title == "一、基本情况"  # the addressee is no title
    table = clean_text(
        "指 标 | 2019 | 2020 | 2021\n一、学校数（所）\n合计 | 1876 | 1843 | 1812", RULES
    )
    assert table.title == "一、学校数（所）"  # a table's header row is no title


_WORDS = st.sampled_from(
    ["全市", "学校", "共有", "教师", "增长", "新增", "学位", "万元", "所", "名", "达到", "比上年"]
)
_NUMBERS = st.from_regex(r"[1-9][0-9]{0,5}(\.[0-9]{1,2})?%?", fullmatch=True)
_SENTENCE = (
    st.lists(st.one_of(_WORDS, _NUMBERS), min_size=3, max_size=12)
    .map("".join)
    .map(lambda s: s + "。")
)
_REPORT = st.lists(
    st.lists(_SENTENCE, min_size=1, max_size=4).map("".join), min_size=1, max_size=6
).map("\n".join)


@given(_REPORT)
def test_clean_never_drops_a_digit_of_report_text(report: str) -> None:
    cleaned = clean_text(report, RULES).text
    assert re.findall(r"\d", cleaned) == re.findall(r"\d", report)


PAGES = Path(__file__).with_name("cases") / "pages"


def test_a_government_site_page_in_gb2312_html_comes_out_clean() -> None:
    from transforms.decode import decode_bytes

    raw = (PAGES / "gov_site_page.html").read_text(encoding="utf-8").encode("gb2312")
    decoded = decode_bytes(raw)
    cleaned = clean_text(decoded.text, RULES)
    assert cleaned.title == "某某县教育局2022年工作总结"
    assert cleaned.published_date == "2023-01-12"
    for chrome in (
        "首页",
        "政务公开",
        "当前位置",
        "浏览次数",
        "主办单位",
        "网站标识码",
        "ICP备",
        "_hmt",
    ):
        assert chrome not in cleaned.text, chrome
    assert "全县现有各级各类学校126所，在校学生5.62万人" in cleaned.text
    assert cleaned.text.endswith("全年一般公共预算教育支出8.93亿元，比上年增长6.2%。")


@pytest.mark.parametrize(
    "widget",
    [
        "点击:87次",
        "浏览次数：1234",
        "阅读量 560",
        "阅读量：1.2万",
        "3人参与,1条评论",
        "已有5人参与",
        "0条评论",
        "我要评论",
        "分享",
        "人工智能朗读：",
        "分享到：微信 微博 QQ空间",
        "发布时间：2024-03-12 来源：省教育厅 点击:87次",
        "作者：张三  浏览：1024  更新时间：2024-03-12",
        "2020年学校工作总结范文 2019年教师个人工作总结（15篇）",
        "最新手游排行 热门手游下载 星耀娱乐官方平台 新人注册送88元 日赚3000不是梦",
        "VIP免费下载    页数：6    大小：31.2KB    上传时间：2022-08-03    文档编号：803671125",
        "格式：DOCX    上传者：edu***2019    评分：★★★★☆（4.1分）",
        "VIP会员免费下载    原价：8.00元    会员价：0元    立即下载",
        "3、如需投诉，请拨打客服热线：400-021-6688（服务时间：9:00-18:00）。",
        "区县动态      共1286条  第1/129页  [上一页] [下一页]",
        "江苏频道 | 新闻 | 财经 | 教育 | 健康 | 房产 | 汽车 | 旅游 | 视频",
        "约1.23万字 | 12页 | 37.5KB | 2021-01-22发布 | 浏览 216 | 下载 3",
        "保山市中小学2018年教学质量分析报告.doc  12页",
        "【广告】2021年成人高考报名火热进行中 详询 400-862-1175",  # an advertisement
    ],
)
def test_widget_counters_are_chrome(widget: str) -> None:
    body = "全省学前教育毛入园率达到92.8%，比上年提高1.1个百分点。"
    cleaned = clean_text(f"省教育厅通报\n{widget}\n{body}\n{widget}", RULES)
    assert cleaned.text == f"省教育厅通报\n{body}"


@pytest.mark.parametrize(
    "line",
    [
        "视频点击量达3.2万次，擦亮了教育名片。",
        "共有1200人参与培训，覆盖全部中小学校。",
        "全市阅读量最大的校园读物评选活动共收到作品300余件。",
        "综合评分：92分",
        "全县共有中小学126所，其中第1批达标学校38所。",
        "| 地区 | 学校数 | 在校生 | 专任教师 |",
        "县区 | 小学 | 初中 | 高中 | 幼儿园",
    ],
)
def test_report_sentences_about_clicks_and_participants_stay(line: str) -> None:
    assert line in clean_text(f"标题行\n{line}", RULES).text


@pytest.mark.parametrize(
    "heading", ["相关文档：", "相关文档推荐：", "相关资料下载", "猜你喜欢 ——————————", "为你推荐"]
)
def test_a_related_documents_heading_with_a_colon_ends_the_page(heading: str) -> None:
    page = (
        "某县2017年教育工作总结\n"
        + "全县共有各级各类学校126所，在校学生4.26万人，专任教师2873人。学前三年毛入园率"
        "达到76.8%，九年义务教育巩固率达到93.2%，高中阶段毛入学率达到78.5%。\n"
        + f"{heading}\n· 腾冲市教育局2019年上半年工作总结\n保山市中小学2018年教学质量分析报告\n"
        + "……2016年，全区共有中小学**所，在校学生11.84万人……\n"  # (another document's snippet)
    )
    text = clean_text(page, RULES).text
    assert "保山市" not in text and "11.84万人" not in text


def test_a_page_number_between_the_halves_of_a_figure_goes_and_the_figure_joins() -> None:
    page = (
        "某县2018年教育工作总结\n"
        "全县教育经费投入12.6亿元，全县有中小学校和幼儿园312所，在校学生12.58万人，比上年增长4.\n"
        "— 第 2 页 共 8 页 —\n\n7%。\n二、主要工作成效\n"
    )
    text = clean_text(page, RULES).text
    assert "第 2 页" not in text and "比上年增长4.7%。" in text


def test_a_sharing_sites_page_break_in_a_numbered_paragraph_goes_and_the_sentence_joins() -> None:
    # the page number and the site's watermark between the halves; the paragraph opens with
    # its number (（二）) and the half after the break with a decimal (28.6, no item 28.)
    page = (
        "某区教育局2017年工作总结\n"
        "（二）义务教育。小学在校生1047人，初中在校生493人，九年义务教育巩固率为99.8%。"
        "全面落实“两免一补”政策，发放寄宿生生活补助\n"
        "—— 第 1 页 ——\n资料仅供参考 doc88.com\n28.6万元，惠及学生213人。\n"
    )
    text = clean_text(page, RULES).text
    assert "doc88" not in text and "发放寄宿生生活补助28.6万元，惠及学生213人。" in text


def test_a_pdfs_running_header_after_a_page_number_goes_and_the_sentence_joins() -> None:
    page = (
        "绥棱县教育局关于2021年教育工作情况的报告\n县人大常委会：\n"
        "（三）高中阶段教育多样发展。普通高中在校生3274人，职业高中在校生896人，"
        "全县高中阶段毛入学率为93.7%，比上年提高\n— 1 —\n"
        "绥棱县教育局关于2021年教育工作情况的报告\n1.2个百分点。\n"
    )
    text = clean_text(page, RULES).text
    assert text.count("工作情况的报告") == 1 and "比上年提高1.2个百分点。" in text


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("2017-05-24 14:22:51", "2017-05-24"),
        ("（2019年8月31日）", "2019-08-31"),
        ("日期:2022-12-30", "2022-12-30"),
        ("全县2019年新建学校5所", None),
        ("2022-03-08 10:15   来源:连云港日报   作者:记者 孙海燕", "2022-03-08"),
        ("2023年01月10日08:12 | 来源:人民网-内蒙古频道", "2023-01-10"),
        ("2019年3月5日 记者从市教育局获悉", None),  # a dateline opening the story
    ],
)
def test_a_line_that_is_only_a_date_dates_the_page(line: str, iso: str | None) -> None:
    assert read_published_date([line]) == iso


def test_two_year_columns_one_space_apart_stay_two_numbers() -> None:
    assert normalize_numbers("普通中学   Regular Secondary Schools   539 551") == (
        "普通中学   Regular Secondary Schools   539 551"
    )
    assert normalize_numbers("小学      所     1 504      607     623").split() == [
        "小学", "所", "1504", "607", "623"
    ]  # fmt: skip


def test_a_figure_broken_from_its_label_or_unit_is_joined() -> None:
    lines = [
        "高中阶段毛入学率为",
        "91.4%，比上年提高0.2个百分点。普通高中招生905.0",
        "万人。",
        "二、学前教育",
    ]
    assert join_broken_lines(lines) == [
        "高中阶段毛入学率为91.4%，比上年提高0.2个百分点。普通高中招生905.0万人。",
        "二、学前教育",
    ]


def test_a_rule_line_ends_its_paragraph() -> None:
    # a sharing page's separator, then a second report's title and text: three lines
    lines = [
        "-------------------- 相关文档 --------------------",
        "范文二：沙河市教育局2017年工作总结",
        "2017年，沙河市教育系统紧紧围绕“办好人民满意的教育”目标，推进教育改革发展。",
    ]
    assert join_broken_lines(lines) == lines


def test_a_breadcrumb_is_a_line_of_its_own_on_a_page_of_one_width() -> None:
    # the table's rows give the page a width the breadcrumb reaches: it is no wrapped sentence,
    # and the yearbook's title under it stays a line of its own
    rows = "\n".join(f"{p}区 | 68 | 41282 | 2718 | 34 | 7936" for p in "甲乙丙丁戊己庚")
    page = (
        "您现在的位置：首页 >> 统计数据 >> 统计年鉴 >> 黄山统计年鉴—2020\n\n"
        "黄山统计年鉴—2020　十四、教育、文化、卫生和体育\n\n"
        "14-3 各区县教育基本情况（2019年）\n单位：所、人\n"
        f"地 区 | 学校数 | 在校学生数 | 专任教师 | #幼儿园 | #在园幼儿\n{rows}\n"
    )
    lines = clean_text(page, RULES).text.split("\n")
    assert "14-3 各区县教育基本情况（2019年）" in lines


def test_a_title_ended_by_its_sites_address_and_a_search_box_line_are_no_paragraph() -> None:
    page = (
        "鱼峰区2016年教育事业发展统计公报_优质范文网_www.yfwk-88.top\n"
        "热门搜索：工作总结 心得体会 述职报告 柳州教育2016统计 广西高考分数线\n"
        "（本文仅供学习参考，请勿用于商业用途）\n"
        "2016年，鱼峰区教育系统在区委、区政府的坚强领导下，各级各类教育事业取得长足发展。\n"
    )
    lines = clean_text(page, RULES).text.split("\n")
    assert lines[0] == "鱼峰区2016年教育事业发展统计公报_优质范文网_www.yfwk-88.top"
    assert not any("热门搜索" in line for line in lines)


def test_a_line_ended_by_an_emoji_and_a_marked_heading_end_their_paragraphs() -> None:
    lines = [
        "3月20日，省教育厅发布2024年全省教育事业发展统计公报。一起来看，这一年的答卷👇",
        "▌总体规模",
        "全省各级各类学校",
    ]
    assert join_broken_lines(lines) == lines
    lines = [  # arrows too
        "1月8日，兴平市第十八届人民代表大会第五次会议开幕，报告中关于教育的内容有哪些？一起来看↓↓↓",
        "2024年 这样干",
    ]
    assert join_broken_lines(lines) == lines


def test_an_infographics_emoji_items_and_numbered_parts_stay_lines_of_their_own() -> None:
    # lines of about one width (33 characters): the page also looks hard-wrapped
    lines = [
        "01 教育投入",
        "📈 五年累计投入教育经费42.6亿元，教育经费年均增长8.2%以上",
        "📈 2020年教育经费投入9.73亿元，是2015年投入的1.6倍",
        "📈 累计实施学校建设项目216个，新增校舍面积共31.8万平方米",
        "02 学前教育",
        "🏫 幼儿园由2015年的48所增加到2020年的132所，增84所",
        "✅ 学前三年毛入园率由2015年的58.4%提高到2020年91.2",
    ]
    assert join_broken_lines(lines) == lines
    # and after a long line that ends no sentence
    long = [
        "📈 全县累计实施学校建设项目216个，新增校舍面积共31.8万平方米，改善了办学条件",
        lines[5],
    ]
    assert join_broken_lines(long) == long


def test_normalize_width_maps_a_page_as_it_maps_its_stripped_lines() -> None:
    """What learned chrome relies on: one character for one, a space for a space (never a
    line break), so normalising a page then splitting and stripping its lines is the same
    as normalising each stripped line."""
    for point, to in _WIDTH_TABLE.items():
        assert chr(point).isspace() == chr(to).isspace() and chr(to) != "\n", hex(point)
    page = "\u3000ＡＢＣ文库 \xa0\n\u2009１２３ 页\u202f\nx"
    assert [line.strip() for line in normalize_width(page).split("\n")] == [
        normalize_width(line.strip()) for line in page.split("\n")
    ]


@given(st.text(alphabet="标题作者时间：:第页12 /3阅读量点击已结束QQ客服。©", max_size=30))
def test_a_line_is_chrome_together_exactly_when_one_pattern_says_so(line: str) -> None:
    assert RULES.is_chrome(line) == any(p.search(line) for p in RULES.lines)


@pytest.mark.parametrize(
    ("patterns", "chrome", "kept"),
    [
        # the same group name twice: these cannot be one pattern
        (
            ["(?i)^powered by", "^(?P<m>备案号)", "^(?P<m>版权所有)"],
            ["POWERED BY x", "版权所有 某"],
            [],
        ),
        # back-references: joined, their group numbers would change
        (
            ["^(\\d)\\1$", "^(页)码\\1", "^(第)(\\d)页\\2"],
            ["77", "页码页", "第3页3"],
            ["76", "第3页4"],
        ),
        # a branch not anchored: joined, it would be tried at the line's start only
        (
            ["^页脚|广告位", "^[|]分享$", "^[]|]x$"],
            ["页脚", "这是广告位", "|分享", "|x"],
            ["页", "a|x"],
        ),
    ],
)
def test_chrome_patterns_that_cannot_be_joined_are_tried_one_by_one(
    tmp_path: Path, patterns: list[str], chrome: list[str], kept: list[str]
) -> None:
    path = tmp_path / "chrome.yaml"
    path.write_text("lines:\n" + "".join(f"  - '{p}'\n" for p in patterns), encoding="utf-8")
    rules = load_chrome_rules(path)
    assert all(rules.is_chrome(line) for line in chrome)
    assert not any(rules.is_chrome(line) for line in [*kept, "全市共有学校120所。"])


def test_a_page_hard_wrapped_at_a_fixed_width_joins_its_sentences_again() -> None:
    page = (
        "某区教育局2022年度工作总结\n"
        "截至2022年底，全区共有各级各类学校256所，其中幼儿园121所、\n"
        "小学63所、初中32所、九年一贯制学校6所、普通高中13所、中等职业\n"
        "学校4所、特殊教育学校2所；各级各类学历教育在校生19.8万人，比上\n"
        "年增加4160人。全区教职工1.62万人，专任教师13652人。全年新建\n"
        "中小学幼儿园14所，新增学位10800个，牛塘初级中学等8所新建学\n"
        "- 1 -\n"
        "校如期投入使用。课后服务学生参与率98.6%，教师参与率97.1%。\n"
        "二、存在的问题\n"
        "一是城区学位供需矛盾依然突出。\n"
    )
    text = clean_text(page, RULES).text
    assert "在校生19.8万人，比上年增加4160人。" in text
    assert "8所新建学校如期投入使用" in text
    assert "\n二、存在的问题\n一是" in text  # a heading and a short line stay lines


BODY = (
    "2021年，全市共有各级各类学校503所，比上年减少6所；各级各类学历教育在校生27.35万人。"
    "学前三年毛入园率91.8%，比上年提高1.6个百分点；九年义务教育巩固率98.95%。"
)


def test_a_report_the_page_appends_after_related_reading_stays() -> None:
    appended = (
        "2021年，青铜峡市共有各级各类学校86所，在校生4.83万人，专任教师3516人。"
        "学前三年毛入园率达到93.4%，九年义务教育巩固率99.12%。"
    )
    page = f"{BODY}\n相关阅读\n青铜峡市教育局2021年工作总结\n{appended}\n网站标识码：6403000012"
    text = clean_text(page, RULES).text
    assert "相关阅读" not in text
    assert f"青铜峡市教育局2021年工作总结\n{appended}" in text


def test_a_list_of_related_headlines_ends_the_page() -> None:
    page = (
        f"{BODY}\n相关阅读\n· 连云港今年将新增中小学学位2.1万个\n"
        "· 灌云县6所新建学校秋季投入使用\n· 东海县2021年教育工作总结"
    )
    text = clean_text(page, RULES).text
    assert text.rstrip().endswith("98.95%。")


def test_a_list_of_short_lines_is_a_body_and_its_footer_ends_it() -> None:
    items = [f"全市第{n}项指标{n * 37}所，比上年增加{n}所" for n in range(1, 20)]
    page = "\n".join([*items, "往期推荐", "▶ 2024年中考体育考试方案公布", "阅读原文"])
    text = clean_text(page, RULES).text
    assert "全市第19项指标703所" in text and "2024年中考" not in text


def test_a_footnote_marker_after_a_word_is_dropped() -> None:
    text = clean_text(
        "全省各级各类学校[1]5.19万所，学前教育毛入园率[注1]93.8%，详见注〔2〕。", RULES
    ).text
    assert text == "全省各级各类学校5.19万所，学前教育毛入园率93.8%，详见注。"


def test_an_infographics_caption_number_and_unit_on_three_lines_are_one_line() -> None:
    page = "【教育规模】\n全市各级各类学校\n392\n所\n\n在校生\n18.76\n万人\n学前教育毛入园率\n94.3\n%\n2024年\n"
    lines = clean_text(page, RULES).text.splitlines()
    assert lines[1:4] == ["全市各级各类学校392所", "在校生18.76万人", "学前教育毛入园率94.3%"]
    assert lines[-1] == "2024年"  # a year alone stays alone


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("原创 晋江教育 晋江教育 2024-02-27 18:05 福建", "2024-02-27"),  # a 公众号 byline
        ("原创 怀柔教育 怀柔教育 2025年01月17日 09:30 北京", "2025-01-17"),
        ("2023年全县共有学校12所，2022年为11所。", None),  # dates in a sentence, no time
    ],
)
def test_a_posting_time_stamp_dates_the_page(line: str, expected: str | None) -> None:
    assert read_published_date([line]) == expected


def test_an_infographics_item_lines_and_part_headings_are_not_joined() -> None:
    lines = [
        "学前三年毛入园率：2020年87.3% → 2022年91.5% → 2025年目标95%以上",
        "普惠性幼儿园覆盖率：2020年78.6% → 2022年86.9% → 2025年目标90%",
        "【义务教育】",
        "九年义务教育巩固率：2020年95.8% → 2022年96.9% → 2025年目标97%以上",
        "66人以上超大班额：2020年187个 → 2022年全部消除",
        "03 办学规模",
        "截至2022年底，全县共有幼儿园156所。",
    ]
    assert join_broken_lines(lines) == lines
    # a sentence broken at a line's end still joins
    broken = [
        "全县学前三年毛入园率达到91.5%，普惠性幼儿园覆盖率达到86.9%，公办园在园幼儿占比达到",
        "48.7%。",
    ]
    assert join_broken_lines(broken) == ["".join(broken)]


def test_rows_one_ideographic_space_separates_get_tabs_and_other_lines_do_not() -> None:
    from transforms.clean import tab_wide_spaced_rows

    rows = "指标\u3000标准\u3000小学\u3000初中\n生均用房（㎡）\u30004.5/5.8\u30006.42\u30008.37\n"
    rows += "生均仪器（元）\u30002000/2500\u30003126\u30004258"
    assert tab_wide_spaced_rows(rows) == rows.replace("\u3000", "\t")
    # one row of figures is no table; a page's byline, indented paragraphs are left alone
    one = rows.rsplit("\n", 1)[0]
    assert tab_wide_spaced_rows(one) == one
    byline = "作者：县教育局\u3000来源：县政府网\u3000时间：2023-11-20\u3000阅读：1096\n\u3000\u3000全县学校86所。"
    assert tab_wide_spaced_rows(byline) == byline
