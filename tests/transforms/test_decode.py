from __future__ import annotations

import pytest

from transforms.decode import (
    DecodeError,
    declared_charset,
    decode_bytes,
    html_main_text,
    html_to_text,
)

SIMPLIFIED = "全市学前教育普惠率达到93.10%，新增普通高中学位近1.4万个。"
TRADITIONAL = "某市關於義務教育情況的報告，全市共有1610家校外培訓機構。"


@pytest.mark.parametrize(
    ("text", "encoding", "expected"),
    [
        (SIMPLIFIED, "utf-8", "utf-8"),
        (SIMPLIFIED, "gbk", "gb18030"),
        (SIMPLIFIED, "gb2312", "gb18030"),
        (SIMPLIFIED, "gb18030", "gb18030"),
        (TRADITIONAL, "utf-8", "utf-8"),
        (TRADITIONAL, "big5", "big5hkscs"),
        (TRADITIONAL, "gb18030", "gb18030"),
    ],
)
def test_decodes_chinese_encodings_without_being_told(
    text: str, encoding: str, expected: str
) -> None:
    decoded = decode_bytes(text.encode(encoding))
    assert decoded.text == text
    assert decoded.encoding == expected


def test_utf8_bom_is_dropped() -> None:
    decoded = decode_bytes(b"\xef\xbb\xbf" + SIMPLIFIED.encode())
    assert decoded.text == SIMPLIFIED
    assert decoded.encoding == "utf-8"


def test_declared_charset_wins_when_it_decodes() -> None:
    data = TRADITIONAL.encode("big5")
    assert decode_bytes(data, declared="big5").encoding == "big5hkscs"


def test_meta_charset_of_an_html_page_is_used() -> None:
    page = f'<html><head><meta charset="gbk"><title>报告</title></head><body><p>{SIMPLIFIED}</p></body></html>'
    decoded = decode_bytes(page.encode("gbk"))
    assert decoded.encoding == "gb18030"
    assert decoded.is_html
    assert decoded.title == "报告"
    assert decoded.text == SIMPLIFIED


def test_html_blocks_become_lines_and_scripts_vanish() -> None:
    title, text = html_to_text(
        "<html><head><title>T</title><script>var x = 1;</script></head>"
        "<body><div>第一段</div><p>第二段<br>第三行</p><style>p{}</style></body></html>"
    )
    assert title == "T"
    assert text == "第一段\n第二段\n第三行"


def test_content_type_header_names_the_charset() -> None:
    assert declared_charset({"Content-Type": "text/html; charset=GB2312"}) == "GB2312"
    assert declared_charset({}) is None


@pytest.mark.parametrize("data", [b"", b"   \n", bytes(range(128, 256)) * 10])
def test_empty_or_non_chinese_bytes_are_refused(data: bytes) -> None:
    with pytest.raises(DecodeError):
        decode_bytes(data)


# --- HTML main text (trafilatura, with the block extractor as fallback) -------------------

GOV_PARAGRAPHS = (
    "2022年，县教育局坚持以人民为中心的发展思想，全县教育事业持续健康发展，各项工作取得新成效。",
    "全县现有各级各类学校126所，在校学生5.62万人，专任教师4108人。学前三年毛入园率达到92.5%，九年义务教育巩固率达到98.6%。",
    "全年一般公共预算教育支出8.93亿元，比上年增长6.2%。新建改扩建幼儿园7所，新增学位2160个。",
    "2023年，我们将继续深化教育领域综合改革，推动义务教育优质均衡发展，办好人民满意的教育。",
)
# The byline (发布时间 … 浏览次数) is kept on purpose: clean reads the date off it and drops it.
GOV_CHROME = (
    "首页",
    "政务公开",
    "当前位置",
    "相关链接",
    "县人民政府网",
    "主办单位",
    "网站标识码",
    "ICP备",
    "_hmt",
    "打印本页",
)


def _gov_page() -> str:
    menu = "".join(
        f'<li><a href="/{i}">{name}</a></li>'
        for i, name in enumerate(
            ["首页", "政务公开", "办事服务", "互动交流", "走进某县", "专题专栏"]
        )
    )
    links = "".join(
        f'<li><a href="/l{i}">{name}</a></li>'
        for i, name in enumerate(["县人民政府网", "市教育局网", "省教育厅网", "教育部网站"])
    )
    body = "".join(f"<p>{p}</p>" for p in GOV_PARAGRAPHS)
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8">'
        "<title>某某县教育局2022年工作总结_某某县人民政府</title>"
        "<script>var _hmt = _hmt || [];</script></head><body>"
        f'<div class="header"><ul class="nav">{menu}</ul></div>'
        '<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/g">政务公开</a> &gt; 工作总结</div>'
        '<div class="article"><h1>某某县教育局2022年工作总结</h1>'
        '<div class="info">发布时间：2023年01月12日 来源：县教育局 浏览次数：1024</div>'
        f'<div class="content">{body}</div>'
        '<div class="tools"><a href="#">打印本页</a> <a href="#">关闭窗口</a></div></div>'
        f'<div class="links"><h3>相关链接</h3><ul>{links}</ul></div>'
        '<div class="footer"><p>主办单位：某某县人民政府办公室 地址：某某县人民路1号</p>'
        "<p>网站标识码：1234567890 备案号：某ICP备12345678号-1</p></div>"
        "</body></html>"
    )


def test_a_government_page_keeps_only_the_article_with_its_paragraphs_and_date() -> None:
    decoded = decode_bytes(_gov_page().encode("utf-8"))
    assert decoded.is_html
    # the whole <title>: what follows its dash or underscore may be all that names the place
    assert decoded.title == "某某县教育局2022年工作总结_某某县人民政府"
    assert decoded.published_date == "2023-01-12"
    for chrome in GOV_CHROME:
        assert chrome not in decoded.text, chrome
    lines = decoded.text.splitlines()
    # one line per paragraph, in page order, after the headline and its byline
    assert lines[0] == "某某县教育局2022年工作总结"
    assert lines[1].startswith("发布时间：2023年01月12日")
    assert lines[2:] == list(GOV_PARAGRAPHS)


def test_the_bundled_gb2312_government_page_keeps_headline_date_and_paragraphs() -> None:
    from pathlib import Path

    page = Path(__file__).with_name("cases") / "pages" / "gov_site_page.html"
    decoded = decode_bytes(page.read_text(encoding="utf-8").encode("gb2312"))
    assert decoded.encoding == "gb18030"
    assert decoded.published_date == "2023-01-12"
    assert decoded.text.splitlines()[0] == "某某县教育局2022年工作总结"
    assert decoded.text.endswith("全年一般公共预算教育支出8.93亿元，比上年增长6.2%。")
    assert "当前位置" not in decoded.text and "网站标识码" not in decoded.text


def test_a_page_trafilatura_finds_nothing_in_falls_back_to_every_block(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from transforms import decode

    monkeypatch.setattr(decode, "_trafilatura", lambda html, favor_recall: None)
    page = "<html><head><title>报告</title></head><body><div>第一段</div><p>第二段<br>第三行</p></body></html>"
    result = decode.html_main_text(page)
    assert result.method == "fallback"
    assert (result.title, result.text) == ("报告", "第一段\n第二段\n第三行")


def test_an_extraction_with_much_less_chinese_than_the_page_is_not_trusted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from types import SimpleNamespace

    from transforms import decode

    fragment = SimpleNamespace(text="第一段", title=None, date=None)
    monkeypatch.setattr(decode, "_trafilatura", lambda html, favor_recall: fragment)
    page = "<html><body>" + "".join(f"<p>{p}</p>" for p in GOV_PARAGRAPHS) + "</body></html>"
    result = decode.html_main_text(page)
    assert result.method == "fallback"
    assert result.text == "\n".join(GOV_PARAGRAPHS)


def test_a_page_laid_out_in_tables_falls_back_and_keeps_its_order() -> None:
    p1, p2, p3 = GOV_PARAGRAPHS[:3]
    page = (
        "<html><body><table width=980><tr><td><a href=/>首页</a> | <a href=/a>政务公开</a></td></tr>"
        "<tr><td><table><tr><td>某某县教育局2022年工作总结</td></tr><tr><td>发布日期：2023-01-12</td></tr>"
        f"<tr><td>{p1}<br>{p2}<br>{p3}</td></tr></table></td></tr>"
        "<tr><td>主办单位：某某县人民政府办公室</td></tr></table></body></html>"
    )
    decoded = decode_bytes(page.encode("utf-8"))
    lines = decoded.text.splitlines()
    assert lines.index(p1) + 1 == lines.index(p2) == lines.index(p3) - 1
    assert lines[-1] == "主办单位：某某县人民政府办公室"
    assert decoded.published_date == "2023-01-12"


def test_a_data_table_inside_the_article_is_kept() -> None:
    page = (
        "<html><body><h1>某某县教育事业统计公报</h1><div>"
        + "".join(f"<p>{p}</p>" for p in GOV_PARAGRAPHS)
        + "<table><tr><th>类别</th><th>学校数</th></tr><tr><td>小学</td><td>58所</td></tr></table></div></body></html>"
    )
    text = decode_bytes(page.encode("utf-8")).text
    assert "小学" in text and "58所" in text
    assert "某某县教育事业统计公报" in text.splitlines()[0]


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("发布时间：2021-04-15 15:53:33", "2021-04-15"),
        ("发布日期：2021年4月15日", "2021-04-15"),
        ("时间:2021/04/15 来源：县教育局", "2021-04-15"),
        ("来源：县教育局", None),  # no date line at all
        ("发布时间：2021-13-45", None),  # not a date
    ],
)
def test_publication_date_from_the_byline(byline: str, expected: str | None) -> None:
    page = (
        f"<html><body><h1>某某县教育局工作总结</h1><div>{byline}</div><div>"
        + "".join(f"<p>{p}</p>" for p in GOV_PARAGRAPHS)
        + "</div><div class='footer'>版权所有 © 2023 某某县教育局</div></body></html>"
    )
    assert decode_bytes(page.encode("utf-8")).published_date == expected


def test_a_copyright_year_is_not_a_publication_date() -> None:
    page = (
        "<html><body><div>" + "".join(f"<p>{p}</p>" for p in GOV_PARAGRAPHS) + "</div>"
        "<div>Copyright © 2023 某某县教育局 版权所有</div></body></html>"
    )
    assert decode_bytes(page.encode("utf-8")).published_date is None


def test_a_date_in_the_page_metadata_is_used() -> None:
    page = (
        '<html><head><meta property="article:published_time" content="2022-03-01T08:00:00+08:00">'
        "</head><body><div>"
        + "".join(f"<p>{p}</p>" for p in GOV_PARAGRAPHS)
        + "</div></body></html>"
    )
    assert decode_bytes(page.encode("utf-8")).published_date == "2022-03-01"


def test_html_extraction_never_touches_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("decode tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    page = _gov_page().replace("<body>", '<body><a href="http://example.com/x">外链</a>')
    assert decode_bytes(page.encode("utf-8")).published_date == "2023-01-12"


def test_plain_text_has_no_publication_date() -> None:
    decoded = decode_bytes("发布时间：2021-04-15\n全市学校126所。".encode())
    assert not decoded.is_html and decoded.published_date is None


@pytest.mark.parametrize(
    ("declared", "codec"),
    [
        ("GBK", "gb18030"),
        ("gb2312", "gb18030"),
        ("Big5", "big5hkscs"),
        ("big5-hkscs", "big5hkscs"),
        ("cp950", "big5hkscs"),
        ('"utf-8"', "utf-8"),
        ("x-unknown", None),
    ],
)
def test_one_table_widens_declared_charsets_for_every_path(
    declared: str, codec: str | None
) -> None:
    """The crawler and the decoder read a page's bytes with the same codec."""
    from sources.crawl import normalize_charset as crawl_codec
    from transforms.decode import normalize_charset

    assert normalize_charset(declared) == codec and crawl_codec is normalize_charset


def test_a_news_list_keeps_each_items_headline_and_date() -> None:
    items = "".join(
        f'<li><a href="/a/{i}.html">{place}：今年新建幼儿园{i + 2}所</a><span>2023-06-1{i}</span>'
        f"<p>今年以来，{place}加快推进学前教育发展，全年新建公办幼儿园{i + 2}所，新增学位{i + 1}000个，"
        f"普惠性幼儿园覆盖率达到9{i}%，学前三年毛入园率达到9{i}.5%。</p></li>"
        for i, place in enumerate(["阳谷县", "莘县", "冠县", "东阿县"])
    )
    html = (
        "<html><head><title>县区动态-聊城市教育和体育局</title></head><body>"
        f'<div class="list"><ul>{items}</ul></div></body></html>'
    )
    found = html_main_text(html)
    lines = found.text.splitlines()
    assert "阳谷县：今年新建幼儿园2所" in found.text
    assert lines[lines.index("莘县：今年新建幼儿园3所") + 1] == "2023-06-11"
    assert found.title == "县区动态-聊城市教育和体育局"


def test_a_yearbook_breadcrumb_above_a_tables_headline_is_kept() -> None:
    rows = "".join(
        f"<tr><td>{name}</td><td>所</td><td>{a}</td><td>{b}</td><td>{c}</td></tr>"
        for name, a, b, c in [("学校数合计", 248, 241, 233), ("幼儿园", 128, 124, 119)] * 6
    )
    html = (
        "<html><head><title>18-3 各级各类学校基本情况</title></head><body>"
        '<div class="nav">石嘴山统计年鉴—2023 &gt; 十八、教育、文化和卫生 &gt; 18-3</div>'
        "<p><b>18-3\u3000各级各类学校基本情况（2020—2022年）</b></p>"
        f"<table><tr><td>指标</td><td>单位</td><td>2020</td><td>2021</td><td>2022</td></tr>{rows}"
        "</table><p>注：本表数据由市教育局提供，技工学校未包括在内。</p></body></html>"
    )
    lines = html_main_text(html).text.splitlines()
    assert lines[0] == "石嘴山统计年鉴—2023 > 十八、教育、文化和卫生 > 18-3"
    # a portal's crumb from its home page, over a headline spaced unlike the <title>
    html = (
        "<html><head><title>18-3 主要年份教育基本情况 - 亳州统计年鉴2024</title></head><body>"
        "<div>首页 &raquo; 统计年鉴 &raquo; 亳州统计年鉴2024 &raquo; 十八、教育</div>"
        "<h2>18-3\u3000主要年份教育基本情况</h2>"
        f"<table><tr><td>指标</td><td>单位</td><td>2020</td><td>2021</td><td>2022</td></tr>{rows}"
        "</table><p>注：本表数据由市教育局提供，技工学校未包括在内。</p></body></html>"
    )
    lines = html_main_text(html).text.splitlines()
    assert lines[:2] == ["亳州统计年鉴2024 » 十八、教育", "18-3\u3000主要年份教育基本情况"]
    # a yearbook's nav line of table links, its parts set off by ｜
    html = (
        "<html><head><title>21-15 分县（市、区）普通中小学基本情况（2016年）</title></head><body>"
        "<div>江苏统计年鉴—2017\u3000｜\u3000<a href='../index.htm'>目录</a>\u3000｜\u3000"
        "<a href='21-14.htm'>上一表</a></div>"
        "<p><b>21-15\u3000分县（市、区）普通中小学基本情况（2016年）</b></p>"
        f"<table><tr><td>指标</td><td>单位</td><td>2020</td><td>2021</td><td>2022</td></tr>{rows}"
        "</table><p>注：本表数据由省教育厅提供。</p></body></html>"
    )
    lines = html_main_text(html).text.splitlines()
    assert lines[0].startswith("江苏统计年鉴—2017")
    # a headline whose brackets are full-width where the <title>'s are not
    html = (
        "<html><head><title>4-12 各地区学前教育基本情况(2016年) - 教育统计年鉴数据库</title></head>"
        "<body><div>统计年鉴数据库 年鉴导航 指标检索</div><h3>4-12 各地区学前教育基本情况（2016年）</h3>"
        f"<table><tr><td>指标</td><td>单位</td><td>2020</td><td>2021</td><td>2022</td></tr>{rows}"
        "</table><p>注：资料来源于教育部发展规划司。</p></body></html>"
    )
    lines = html_main_text(html).text.splitlines()
    assert "4-12 各地区学前教育基本情况（2016年）" in lines[:2]


def test_section_headings_and_the_headline_trafilatura_drops_are_kept_in_place() -> None:
    para = "全市学前三年毛入园率为98.6%，普惠性幼儿园覆盖率为92.4%，公办园在园幼儿占比为68.3%，均高于目标要求。"
    html = (
        "<html><head><title>关于对库尔勒市2022年度履行教育职责情况的反馈意见-州教育局</title></head>"
        '<body><div class="nav">首页 政务公开 教育督导</div>'
        "<table><tr><td>索引号:</td><td>652800-JYJ-2023-00047</td></tr></table>"
        '<div class="zw"><h1>关于对库尔勒市2022年度履行教育职责情况的反馈意见</h1>'
        f"<p>库尔勒市人民政府：</p><h2>一、主要成绩</h2><p>（一）{para}</p><p>（二）{para}</p>"
        f"<h2>二、整改意见</h2><p>1.{para}</p><p>2.{para}</p></div></body></html>"
    )
    found = html_main_text(html)
    lines = found.text.splitlines()
    assert found.method.startswith("trafilatura")
    assert lines.index("一、主要成绩") < lines.index(f"（一）{para}")
    assert lines.index(f"（二）{para}") < lines.index("二、整改意见") < lines.index(f"1.{para}")
    assert lines.index("关于对库尔勒市2022年度履行教育职责情况的反馈意见") < lines.index(
        "库尔勒市人民政府："
    )


def test_a_wechat_articles_headline_and_time_over_its_five_meta_lines_are_kept() -> None:
    html = (
        "<html><head><title>一图读懂 | 某县教育“十四五”成绩单</title></head>"
        '<body><div class="rich_media_inner">\n'
        '<h1 class="rich_media_title">一图读懂 | 某县教育“十四五”成绩单</h1>\n'
        '<div id="meta_content" class="rich_media_meta_list">\n'
        "<span>原创</span>\n<span>某县教育局</span>\n<span><a>某县教育</a></span>\n"
        '<em id="publish_time">2025年01月08日 17:30</em>\n<em>福建</em>\n</div>\n'
        '<div class="rich_media_content" id="js_content">\n'
        "<section><p>“十四五”以来，全县坚持教育优先发展，一张图带你看这几年的变化</p></section>\n"
        "<section><h2>01 数说规模</h2>\n<p>2024年，全县共有各级各类学校52所</p>\n"
        "<p>在校生1.63万人</p>\n<p>专任教师1412人</p>\n</section>\n"
        "<section><h2>02 学前教育</h2>\n<p>学前三年毛入园率由2020年的95.1%提高到2024年的98.7%</p>\n"
        "<p>普惠性幼儿园覆盖率从88.6%提升至96.3%</p>\n</section>\n"
        "<section><h2>03 义务教育</h2>\n<p>九年义务教育巩固率99.4%</p>\n"
        "<p>课后服务学生参与率97.8%</p>\n</section>\n<p>来源：某县教育局</p>\n</div>\n"
        '<div class="rich_media_tool"><span>阅读 2386</span></div>\n</div></body></html>'
    )
    found = html_main_text(html)
    lines = found.text.splitlines()
    assert found.method.startswith("trafilatura")
    assert lines[0] == "一图读懂 | 某县教育“十四五”成绩单"
    assert "2025年01月08日 17:30" in lines[:6]


def test_a_title_splits_at_a_dash_with_a_space_on_one_side() -> None:
    from transforms import decode

    found = decode._title_candidates("17-5 各县（市）教育基本情况（2018年）- 黔南州统计年鉴2019")
    assert {"17-5 各县（市）教育基本情况（2018年）", "黔南州统计年鉴2019"} <= found
    assert decode._title_candidates("2019-2020学年教育事业统计") == {"2019-2020学年教育事业统计"}


def test_a_headline_writing_out_a_shorter_page_title_is_kept_as_the_headline() -> None:
    from transforms import decode

    titles = {"正定县义务教育优质均衡发展自评报告-正定县人民政府"}
    line = "正定县人民政府关于县域义务教育优质均衡发展的自评报告"
    assert decode._names_title(line, titles)
    assert not decode._names_title("正定县人民政府", titles)
    assert not decode._names_title(
        "索引号：130123-ZD01-2024-00027　发文字号：正政报〔2024〕9号", titles
    )


def test_a_tables_caption_trafilatura_drops_between_two_tables_is_kept() -> None:
    from transforms.decode import _with_headings

    page = [
        "首页 > 某州统计年鉴2017",
        "17-1 各级各类学校基本情况（2016年）",
        "项 目 | 学校数 | 在校学生数",
        "总 计 | 172 | 38514",
        "注：幼儿园“在校学生数”为在园幼儿数。",
        "17-2 各县教育基本情况（2016年）",
        "地 区 | 学校数（所） | 在校学生数（人）",
        "甲县 | 40 | 10233",
        "联系我们：0971-1234567",
    ]
    main = [page[1], *page[2:5], *page[6:8]]  # trafilatura left out the second caption
    assert _with_headings(page, main, set()) == page[1:8]


def test_a_tables_text_rows_trafilatura_drops_between_two_paragraphs_are_kept() -> None:
    from transforms.decode import _with_headings

    page = [
        "资源配置7项指标中，小学、初中均全部达标。具体情况如下表：",
        "指标 | 标准 | 小学均值 | 初中均值 | 达标情况",
        "生均教学仪器设备值 | 小学≥2000元，初中≥2500元 | 3856 | 5217 | 达标",
        "三、政府保障程度",
        "15项指标全部达标。",
        "首页 | 新闻 | 联系我们",
    ]
    main = [page[0], page[4]]  # a <div> of text rows: no paragraph to trafilatura
    assert _with_headings(page, main, set()) == page[:5]
    # …the page's own full-width bars (序号｜指标｜…, rows a <br> apart)
    page = [
        "各项指标均值及校际差异系数如下表：",
        "序号｜指标｜国家标准（小学/初中）｜小学均值｜初中均值",
        "1｜生均教学仪器设备值（元）｜2000/2500｜2386｜3152",
        "从上表看，小学综合差异系数为0.379。",
    ]
    main = [page[0], page[3]]
    assert _with_headings(page, main, set()) == page
    # …or one ideographic space between cells (序号　指标　…, as a Word table pasted as text)
    page = [row.replace("｜", "\u3000") for row in page]
    assert _with_headings(page, main, set()) == page
    # …kept as the page writes them where the main text has the rows with plain spaces
    main = [row.replace("\u3000", " ") for row in page]
    assert _with_headings(page, main, set()) == page


def test_a_tables_caption_above_the_unit_note_the_main_text_opens_with_is_kept() -> None:
    from transforms.decode import _lead_lines

    page = [
        "首页 > 数字年鉴 > 山阳年鉴2017 > 教育",
        "表14-1 山阳县各级各类学校基本情况(2015—2016年)",
        "单位:所、人 资料来源:县教育局",
        "项目 | 学校数2015年 | 学校数2016年",
        "幼儿园 | 64 | 71",
    ]
    assert _lead_lines(page, page[2:], set())[-1] == page[1]  # (after the yearbook crumb)


def test_a_table_the_page_writes_one_cell_per_line_is_not_added_again() -> None:
    from transforms.decode import _with_headings

    page = [
        "对照7项资源配置指标，各项指标均值全部达标。",
        "指标",
        "小学本县值",
        "生均教学及辅助用房面积（㎡）",
        "6.84",
        "校际差异系数：小学综合差异系数为0.386。",
    ]
    # trafilatura wrote the table as rows (its cells the page's lines)
    main = [
        page[0],
        "| 指标 | 小学本县值 |",
        "|---|---|",
        "| 生均教学及辅助用房面积（㎡） | 6.84 |",
        page[5],
    ]
    assert _with_headings(page, main, set()) == main


def test_a_yearbook_breadcrumb_over_a_line_of_table_links_is_kept() -> None:
    rows = "".join(
        f"<tr><td>{name}</td><td>{a}</td><td>{b}</td><td>{c}</td></tr>"
        for name, a, b, c in [("总计", 486, 158742, 9836), ("幼儿园", 299, 29725, 1750)] * 6
    )
    html = (
        "<html><head><title>17-3 各级各类学校基本情况 - 某县统计年鉴2022</title></head><body>"
        '<div class="nav">黔西统计年鉴2022 &gt; 十七、教育、科技和文化 &gt; 17-3</div>'
        '<div class="bar">上一表：<a href="17-2.htm">17-2 教育基本情况</a> 下一表：'
        '<a href="17-4.htm">17-4 科技活动情况</a></div>'
        "<h2>17-3 各级各类学校基本情况(2021年)</h2>"
        f"<table><tr><th>指标</th><th>学校数</th><th>在校学生数</th><th>专任教师数</th></tr>{rows}"
        "</table><p>注：本表数据由市教育局提供，不含技工学校。</p></body></html>"
    )
    lines = html_main_text(html).text.splitlines()
    assert lines[:2] == [
        "黔西统计年鉴2022 > 十七、教育、科技和文化 > 17-3",
        "17-3 各级各类学校基本情况(2021年)",
    ]


def test_a_headline_spaced_and_numbered_unlike_the_page_title_writes_it_out() -> None:
    from transforms.decode import _names_title

    # <title>18-1 2016年…</title> over <h3>表18-1　2016年…</h3> (a full-width space)
    assert _names_title(
        "表18-1\u30002016年各级各类学校基本情况", {"18-1 2016年各级各类学校基本情况"}
    )
    assert not _names_title("·326·\u3000定州年鉴（2017）", {"18-1 2016年各级各类学校基本情况"})
