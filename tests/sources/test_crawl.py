"""Link discovery: decoding listing pages, picking report links, pagination, the whole crawl."""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sources.crawl import (
    LinkRules,
    attachment_links,
    decode_html,
    discover,
    next_page,
    report_links,
)
from sources.http import Fetcher, FetchPolicy
from sources.items import RawItem
from tests.sources.conftest import FakeTime, FixtureSite, Route, page

MakeSite = Callable[[dict[str, Route]], FixtureSite]
BASE = "http://jyj.example.gov.cn/news/index.html"


def item(data: bytes, content_type: str | None = None) -> RawItem:
    headers = {"content-type": content_type} if content_type else {}
    return RawItem(BASE, data, datetime.now(UTC), headers)


def listing(
    title: str, links: list[tuple[str, str]], extra: str = "", traditional: bool = False
) -> str:
    items = "".join(f'<li><a href="{href}">{text}</a></li>' for href, text in links)
    about, home = ("關於我們", "首頁") if traditional else ("关于我们", "首页")
    return (
        f"<html><head><title>{title}</title></head><body>"
        f'<div class="nav"><a href="/about.html">{about}</a><a href="/">{home}</a></div>'
        f'<ul class="list">{items}</ul>{extra}</body></html>'
    )


# -- decoding ---------------------------------------------------------------------------------

GBK_PAGE = listing(
    "北京市教育委员会工作报告",
    [("t1.html", "2023年教育事业发展统计公报"), ("t2.html", "朱镕基中学办学情况调研报告")],
)
BIG5_PAGE = listing(
    "臺北市政府教育局工作報告",
    [
        ("t1.html", "一一二年度國民教育發展與學校設備改善報告"),
        ("t2.html", "學前教育普及與幼兒園輔導計畫執行成果"),
        ("t3.html", "本年度各級學校學生人數持續減少，教師員額調整，推動雙語教育與數位學習"),
    ],
    traditional=True,
)


def test_gbk_page_with_charset_in_the_header() -> None:
    assert decode_html(item(GBK_PAGE.encode("gbk"), "text/html; charset=GBK")) == GBK_PAGE


def test_gb2312_declared_in_meta_is_read_as_its_superset() -> None:
    # 镕 is in GBK but not in GB2312: sites that say gb2312 really send GBK
    meta = '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
    html = GBK_PAGE.replace("<head>", f"<head>{meta}")
    assert decode_html(item(html.encode("gbk"), "text/html")) == html


def test_big5_page_declared_in_meta() -> None:
    html = BIG5_PAGE.replace("<head>", '<head><meta charset="big5">')
    assert decode_html(item(html.encode("big5"))) == html


@pytest.mark.parametrize(("encoding", "html"), [("big5", BIG5_PAGE), ("gb18030", GBK_PAGE)])
def test_undeclared_chinese_pages_are_detected(encoding: str, html: str) -> None:
    assert decode_html(item(html.encode(encoding))) == html


def test_header_charset_wins_over_meta() -> None:
    html = GBK_PAGE.replace("<head>", '<head><meta charset="utf-8">')
    assert decode_html(item(html.encode("gbk"), "text/html; charset=gbk")) == html


def test_a_wrong_declaration_falls_through_to_what_decodes() -> None:
    html = GBK_PAGE.replace("<head>", '<head><meta charset="gbk">')
    assert decode_html(item(html.encode("utf-8"), "text/html; charset=utf-8")) == html
    assert decode_html(item(html.encode("utf-8"))) == html  # meta says gbk, bytes are UTF-8


def test_utf8_bom_and_unknown_charset() -> None:
    assert decode_html(item("<p>教育</p>".encode("utf-8-sig"))) == "<p>教育</p>"
    assert decode_html(item("<p>教育</p>".encode(), "text/html; charset=no-such")) == "<p>教育</p>"


# -- report links -----------------------------------------------------------------------------

LIST_HTML = listing(
    "通知公告",
    [
        ("t20230101_1.html", "报告一"),
        ("/news/t20230102_2.html#comments", "报告二"),
        ("http://jyj.example.gov.cn/news/t20230101_1.html", "报告一(重复)"),
        ("http://other.example.com/news/t20230103_3.html", "外站"),
        ("javascript:void(0)", "脚本"),
        ("files/plan.pdf", "附件"),
        ("t20230104_4.shtml", "报告四"),
    ],
    extra='<div class="pages"><a class="next" href="index_1.html">下一页</a></div>',
)


def test_report_links_by_pattern() -> None:
    rules = LinkRules(start_urls=(BASE,), report_url_pattern=r"/news/t\d{8}_\d+\.s?html$")
    assert report_links(LIST_HTML, BASE, rules) == [
        "http://jyj.example.gov.cn/news/t20230101_1.html",
        "http://jyj.example.gov.cn/news/t20230102_2.html",
        "http://other.example.com/news/t20230103_3.html",
        "http://jyj.example.gov.cn/news/t20230104_4.shtml",
    ]


def test_report_links_by_selector() -> None:
    rules = LinkRules(start_urls=(BASE,), report_selector="ul.list li a")
    links = report_links(LIST_HTML, BASE, rules)
    assert links[0] == "http://jyj.example.gov.cn/news/t20230101_1.html"
    assert "http://jyj.example.gov.cn/news/files/plan.pdf" in links
    assert "http://jyj.example.gov.cn/about.html" not in links  # the nav is not selected
    assert len(links) == len(set(links)) == 5  # duplicate and javascript: dropped


def test_selector_on_a_container_takes_the_links_inside() -> None:
    rules = LinkRules(start_urls=(BASE,), report_selector="ul.list", report_url_pattern=r"\.html$")
    assert report_links(LIST_HTML, BASE, rules) == [
        "http://jyj.example.gov.cn/news/t20230101_1.html",
        "http://jyj.example.gov.cn/news/t20230102_2.html",
        "http://other.example.com/news/t20230103_3.html",
    ]


def test_default_rule_is_same_host_html_pages() -> None:
    rules = LinkRules(start_urls=(BASE,))
    assert report_links(LIST_HTML, BASE, rules) == [
        "http://jyj.example.gov.cn/about.html",
        "http://jyj.example.gov.cn/news/t20230101_1.html",
        "http://jyj.example.gov.cn/news/t20230102_2.html",
        "http://jyj.example.gov.cn/news/t20230104_4.shtml",
        "http://jyj.example.gov.cn/news/index_1.html",
    ]


def test_base_href_is_honoured() -> None:
    html = '<head><base href="http://cdn.example.gov.cn/a/"></head><a href="r.html">r</a>'
    assert report_links(html, BASE, LinkRules(start_urls=(BASE,), report_url_pattern="r")) == [
        "http://cdn.example.gov.cn/a/r.html"
    ]


@given(
    st.lists(
        st.sampled_from(
            [
                "a.html",
                "../b.htm",
                "/c.shtml",
                "#x",
                "",
                " d.html ",
                "mailto:x@y",
                "http://[bad",
                "?p=1",
                "//h2/e.html",
            ]
        ),
        max_size=12,
    )
)
def test_report_links_are_unique_and_absolute(hrefs: list[str]) -> None:
    html = "".join(f'<a href="{h}">x</a>' for h in hrefs)
    for rules in (
        LinkRules(start_urls=(BASE,)),
        LinkRules(start_urls=(BASE,), report_url_pattern="."),
    ):
        links = report_links(html, BASE, rules)
        assert len(links) == len(set(links))
        assert all(link.startswith("http://") and "#" not in link for link in links)


def test_attachment_links() -> None:
    html = (
        '<a href="files/a.pdf">a</a><a href="/files/b.DOCX">b</a><a href="c.docx?id=3">c</a>'
        '<a href="d.doc">d</a><a href="e.pdf.html">e</a><a href="files/a.pdf">again</a>'
    )
    assert attachment_links(html, BASE, LinkRules(start_urls=(BASE,))) == [
        "http://jyj.example.gov.cn/news/files/a.pdf",
        "http://jyj.example.gov.cn/files/b.DOCX",
        "http://jyj.example.gov.cn/news/c.docx?id=3",
    ]


# -- pagination -------------------------------------------------------------------------------


def test_next_page_by_link_stops_at_max_pages() -> None:
    rules = LinkRules(start_urls=(BASE,), next_selector="a.next", max_pages=3)
    assert next_page(LIST_HTML, BASE, rules, 1) == "http://jyj.example.gov.cn/news/index_1.html"
    assert next_page(LIST_HTML, BASE, rules, 2) == "http://jyj.example.gov.cn/news/index_1.html"
    assert next_page(LIST_HTML, BASE, rules, 3) is None
    assert next_page("<p>last page</p>", BASE, rules, 1) is None


def test_next_page_by_template() -> None:
    rules = LinkRules(
        start_urls=(BASE,),
        page_url_template="http://jyj.example.gov.cn/news/index_{page}.html",
        max_pages=3,
    )
    assert next_page("", BASE, rules, 1) == "http://jyj.example.gov.cn/news/index_2.html"
    assert next_page("", BASE, rules, 2) == "http://jyj.example.gov.cn/news/index_3.html"
    assert next_page("", BASE, rules, 3) is None


def test_a_next_link_to_the_page_itself_is_no_next_page() -> None:
    rules = LinkRules(start_urls=(BASE,), next_selector="a.next")
    assert next_page('<a class="next" href="index.html">下一页</a>', BASE, rules, 1) is None


# -- discover against the fixture site --------------------------------------------------------


class TopOfRange(random.Random):
    def uniform(self, a: float, b: float) -> float:
        return b


def crawler(time: FakeTime) -> Fetcher:
    policy = FetchPolicy(allow_private=True, requests_per_second=math.inf, max_retries=1)
    return Fetcher(policy, clock=time.clock, sleep=time.sleep, rng=TopOfRange())


def gbk(html: str) -> Route:
    return page(html.encode("gbk"), Content_Type="text/html; charset=gbk")


@pytest.fixture
def news_site(make_site: MakeSite) -> FixtureSite:
    return make_site(
        {
            "/robots.txt": page("User-agent: *\nDisallow: /private/\n", Content_Type="text/plain"),
            "/news/index.html": gbk(
                listing(
                    "教育新闻",
                    [
                        ("t1.html", "报告一"),
                        ("t2.html", "报告二"),
                        ("t3.html", "报告三"),
                        ("t1.html", "报告一"),
                    ],
                    extra='<a class="next" href="index_2.html">下一页</a>',
                )
            ),
            "/news/index_2.html": page(
                listing(
                    "教育新闻 第2页",
                    [("t4.html", "报告四"), ("/private/t9.html", "内部"), ("t5.html", "报告五")],
                    extra='<a class="next" href="index.html">回到第一页</a>',
                )
            ),
            "/broken/index.html": page("oops", 500),
        }
    )


def test_discover_walks_listing_pages_and_reports_failures(
    news_site: FixtureSite, fake_time: FakeTime
) -> None:
    rules = LinkRules(
        start_urls=(news_site.url("/news/index.html"), news_site.url("/broken/index.html")),
        report_url_pattern=r"/t\d+\.html$",
        next_selector="a.next",
    )
    with crawler(fake_time) as fetcher:
        reports, failures = discover(rules, fetcher)
    assert reports == [
        *(news_site.url(f"/news/t{n}.html") for n in (1, 2, 3)),
        news_site.url("/news/t4.html"),
        news_site.url("/private/t9.html"),  # discovered; fetching it is robots' business
        news_site.url("/news/t5.html"),
    ]
    assert [f.url for f in failures] == [news_site.url("/broken/index.html")]
    assert failures[0].error == "http_500_after_retries"
    assert news_site.hits_for("/news/index.html") == 1  # the link back is not followed again
    assert news_site.hits_for("/news/index_2.html") == 1


def test_discover_on_a_gbk_site_with_a_selector(
    news_site: FixtureSite, fake_time: FakeTime
) -> None:
    rules = LinkRules(
        start_urls=(news_site.url("/news/index.html"),), report_selector="ul.list a", max_pages=1
    )
    with crawler(fake_time) as fetcher:
        reports, failures = discover(rules, fetcher)
    assert reports == [news_site.url(f"/news/t{n}.html") for n in (1, 2, 3)]
    assert failures == []
    assert news_site.hits_for("/news/index_2.html") == 0  # max_pages=1


def test_discover_by_template_goes_on_past_a_failed_page(
    make_site: MakeSite, fake_time: FakeTime
) -> None:
    big5 = "text/html; charset=big5"
    routes: dict[str, Route] = {
        "/list/index.html": page(
            listing("第1頁", [("/doc/1.html", "一")], traditional=True).encode("big5"),
            Content_Type=big5,
        ),
        "/list/list_2.html": page("oops", 503),
        "/list/list_3.html": page(listing("第3頁", [("/doc/3.html", "三"), ("/doc/1.html", "一")])),
        "/list/list_4.html": page(listing("第4頁", [("/doc/4.html", "四")])),
    }
    site = make_site(routes)
    rules = LinkRules(
        start_urls=(site.url("/list/index.html"),),
        page_url_template=site.url("/list/list_{page}.html"),
        report_url_pattern=r"/doc/\d+\.html$",
        max_pages=3,
    )
    with crawler(fake_time) as fetcher:
        reports, failures = discover(rules, fetcher)
    assert reports == [site.url("/doc/1.html"), site.url("/doc/3.html")]
    assert [(f.url, f.status) for f in failures] == [(site.url("/list/list_2.html"), 503)]
    assert site.hits_for("/list/list_4.html") == 0


def test_fetched_gbk_and_big5_listing_pages_decode_right(
    make_site: MakeSite, fake_time: FakeTime
) -> None:
    site = make_site(
        {
            "/gbk.html": gbk(GBK_PAGE),
            "/big5.html": page(BIG5_PAGE.encode("big5"), Content_Type="text/html"),  # undeclared
        }
    )
    with crawler(fake_time) as fetcher:
        pages = [fetcher.fetch(site.url(path)).item for path in ("/gbk.html", "/big5.html")]
    assert [decode_html(p) for p in pages if p is not None] == [GBK_PAGE, BIG5_PAGE]
