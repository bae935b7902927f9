"""Acquiring a web source: a moved page is one document with every URL that led to it, TRS
pagination, metadata addresses refused whatever allow_private says."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from sources.config import SourceSpec
from sources.crawl import LinkRules, discover, next_page
from sources.http import Fetcher, FetchPolicy, _never_allowed
from sources.items import RawItem
from sources.local import list_files
from sources.raw_store import RawStore
from sources.web import acquire_web, readable_items
from tests.sources.conftest import FixtureSite, Route, page, redirect
from tests.sources.test_crawl import listing
from transforms.incremental import select_changed

MakeSite = Callable[[dict[str, Route]], FixtureSite]
NOW = datetime(2026, 1, 2, tzinfo=UTC)
REPORT = "<html><body><h1>工作总结</h1><p>" + "全市共有幼儿园85所。" * 30 + "</p></body></html>"
ROBOTS = page("User-agent: *\nAllow: /\n", Content_Type="text/plain")


def spec_for(site: FixtureSite, **fields: object) -> SourceSpec:
    return SourceSpec(
        name="t",
        kind="web",
        allow_private=True,
        requests_per_second=1000.0,
        **fields,  # type: ignore[arg-type]
    )


def test_a_moved_page_beside_its_new_url_is_one_item_with_both_urls(
    make_site: MakeSite, tmp_path: Path
) -> None:
    site = make_site(
        {
            "/robots.txt": ROBOTS,
            "/list/index.html": page(
                listing("列表", [("/new/r.html", "新址"), ("/old/r.html", "旧址")])
            ),
            "/new/r.html": page(REPORT),
            "/old/r.html": redirect("/new/r.html", 301),
        }
    )
    spec = spec_for(
        site, start_urls=(site.url("/list/index.html"),), report_url_pattern=r"/r\.html$"
    )
    acquired = acquire_web(spec, {}, RawStore(tmp_path / "raw"), NOW)
    assert [item.uri for item in acquired.items] == [site.url("/new/r.html")]
    rows = acquired.pending[site.url("/new/r.html")]
    assert sorted(str(r[0]) for r in rows) == [site.url("/new/r.html"), site.url("/old/r.html")]
    # nothing of the report is kept before its document is loaded (the listing's state is)
    assert [row[0] for row in acquired.fetches] == [site.url("/list/index.html")]


def test_two_items_of_one_batch_with_one_doc_id_are_merged() -> None:
    items = [RawItem("http://h/r.html", b"first", NOW), RawItem("http://h/r.html", b"second", NOW)]
    chosen = select_changed(items, {}, "v1")
    assert [item.data for item in chosen.to_process] == [b"second"]


def test_trs_pagination_is_index_then_index_1() -> None:
    rules = LinkRules(
        start_urls=("http://h/list/index.html",),
        page_url_template="http://h/list/index_{index}.html",
        max_pages=3,
    )
    assert next_page("", "http://h/list/index.html", rules, 1) == "http://h/list/index_1.html"
    assert next_page("", "http://h/list/index_1.html", rules, 2) == "http://h/list/index_2.html"
    assert next_page("", "http://h/list/index_2.html", rules, 3) is None


def test_a_trs_site_is_walked_without_skipping_a_page(make_site: MakeSite) -> None:
    site = make_site(
        {
            "/robots.txt": ROBOTS,
            "/list/index.html": page(listing("列表", [("/r/1.html", "一")])),
            "/list/index_1.html": page(listing("列表", [("/r/2.html", "二")])),
            "/list/index_2.html": page(listing("列表", [("/r/3.html", "三")])),
        }
    )
    rules = LinkRules(
        start_urls=(site.url("/list/index.html"),),
        report_url_pattern=r"/r/\d\.html$",
        page_url_template=site.url("/list/index_{index}.html"),
        max_pages=3,
    )
    with Fetcher(FetchPolicy(allow_private=True, requests_per_second=1000.0)) as fetcher:
        found, failed = discover(rules, fetcher)
    assert found == [site.url(f"/r/{n}.html") for n in (1, 2, 3)] and not failed


@pytest.mark.parametrize(
    "address", ["169.254.169.254", "169.254.0.1", "100.100.100.200", "fe80::1", "fd00:ec2::254"]
)
def test_metadata_and_link_local_addresses_are_never_allowed(address: str) -> None:
    assert _never_allowed(ipaddress.ip_address(address))


def test_allow_private_does_not_open_the_metadata_service() -> None:
    policy = FetchPolicy(allow_private=True, obey_robots=False, max_retries=0)
    with Fetcher(policy) as fetcher:
        result = fetcher.fetch("http://169.254.169.254/latest/meta-data/")
    assert result.error == "metadata_address" and result.item is None
    with Fetcher(policy) as fetcher:
        # loopback stays allowed for tests
        assert not fetcher._refusal(httpx.URL("http://127.0.0.1:9/x"), check_robots=False)


def test_a_folder_of_pdf_docx_and_xls_files(tmp_path: Path) -> None:
    from tests.sources.test_attachments import make_docx, make_pdf

    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "a.pdf").write_bytes(make_pdf([["全市共有幼儿园85所，在园幼儿2.1万人。" * 3]]))
    (folder / "b.docx").write_bytes(make_docx())
    (folder / "c.xls").write_bytes(b"\xd0\xcf\x11\xe0 not readable")
    (folder / "notes.md").write_text("about this folder")
    (folder / ".hidden.txt").write_text("x")
    files = list_files([folder])
    assert [f.name for f in files] == ["a.pdf", "b.docx", "c.xls"]
    items = [RawItem(f.as_uri(), f.read_bytes(), NOW) for f in files]
    text, rejected = readable_items(items, NOW)
    assert [i.uri.rsplit("/", 1)[1] for i in text] == ["a.pdf", "b.docx"]
    assert all(i.sha256 == o.sha256 for i, o in zip(text, items[:2], strict=True))
    (row,) = rejected
    assert row.uri.endswith("c.xls") and row.reason == "unsupported_file_type"
    assert row.content_sha256 == items[2].sha256


def test_listing_pages_are_fetched_conditionally(make_site: MakeSite, tmp_path: Path) -> None:
    from tests.sources.conftest import Request, Response

    body = listing("列表", [("/r/1.html", "一")]).encode("utf-8")

    def listing_route(request: Request) -> Response:
        if request.headers.get("if-none-match") == '"l1"':
            return Response(304, b"", {"ETag": '"l1"'})
        return Response(200, body, {"Content-Type": "text/html; charset=utf-8", "ETag": '"l1"'})

    site = make_site(
        {"/robots.txt": ROBOTS, "/list/index.html": listing_route, "/r/1.html": page(REPORT)}
    )
    spec = spec_for(
        site, start_urls=(site.url("/list/index.html"),), report_url_pattern=r"/r/\d\.html$"
    )
    store = RawStore(tmp_path / "raw")
    first = acquire_web(spec, {}, store, NOW)
    (state,) = [row for row in first.fetches if row[0] == site.url("/list/index.html")]
    assert state[1] == '"l1"'
    known = {site.url("/list/index.html"): ('"l1"', None)}
    second = acquire_web(spec, known, store, NOW)
    assert [i.uri for i in second.items] == [site.url("/r/1.html")]  # links read from the copy
    assert site.hits.count("/list/index.html") == 2  # once in full, once answered 304
    # the copy is kept for 304s only: a replay of the raw store never sees it as a document
    from sources.web import LISTING_HEADER

    assert [i.uri for i in store.latest() if LISTING_HEADER not in i.headers] == [
        site.url("/r/1.html")
    ]


def test_a_damaged_raw_object_costs_only_its_page(tmp_path: Path) -> None:
    from sources.web import replay_items

    store = RawStore(tmp_path / "raw")
    store.put(RawItem("http://h/a.html", REPORT.encode(), NOW))
    damaged = store.put(RawItem("http://h/b.html", b"<p>other</p>" * 50, NOW))
    damaged.path.write_bytes(b"not zstd")
    items, failed = replay_items(store, NOW)
    assert [i.uri for i in items] == ["http://h/a.html"]
    assert [(q.uri, q.reason) for q in failed] == [("http://h/b.html", "corrupt_raw_object")]
