"""Discover report URLs on a site: walk listing pages, pick report links, follow pagination.

Pure helpers (`report_links`, `next_page`, `attachment_links`, `decode_html`) work on HTML
text; `discover` drives a `Fetcher` over the listing pages of a `LinkRules`.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from urllib.parse import urldefrag, urljoin, urlsplit

import charset_normalizer
from selectolax.lexbor import LexborHTMLParser, LexborNode

from sources.http import Fetcher, FetchResult
from sources.items import RawItem
from transforms.decode import normalize_charset

DEFAULT_REPORT_SUFFIXES = (".html", ".htm", ".shtml")

_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_META_CHARSET = re.compile(
    rb"<meta[^>]+?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE | re.DOTALL
)
_META_SCAN_BYTES = 8192


@dataclass(frozen=True)
class LinkRules:
    """Where a site's listing pages are and how report links and pagination look on them."""

    start_urls: tuple[str, ...]  # listing pages
    report_url_pattern: str | None = None  # regex (re.search) on a report link's absolute URL
    report_selector: str | None = None  # CSS selector of report <a> elements on a listing page
    next_selector: str | None = None  # CSS selector of the "next page" link
    page_url_template: str | None = None
    """URL of listing pages 2..max_pages: {page} is the page number (2, 3 …), {index} the
    count of pages before it (1, 2 …: TRS sites' index.html, index_1.html, index_2.html)."""
    max_pages: int = 5  # listing pages per start URL
    attachment_pattern: str = r"\.(pdf|docx)(\?|$)"  # attachment links on a report page


# -- decoding -------------------------------------------------------------------------------


def _try_decode(data: bytes, codec: str | None) -> str | None:
    if codec is None:
        return None
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def decode_html(item: RawItem) -> str:
    """Text of an HTML page: BOM, then Content-Type charset, then <meta> charset, then detection.

    A declared charset that does not decode the bytes cleanly is skipped; GB2312/GBK are read
    as GB18030 and Big5 as Big5-HKSCS (their supersets, which is what sites really send).
    """
    data = item.data
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    content_type = next((v for k, v in item.headers.items() if k.lower() == "content-type"), "")
    match = _HEADER_CHARSET.search(content_type)
    text = _try_decode(data, normalize_charset(match.group(1) if match else None))
    if text is not None:
        return text
    meta = _META_CHARSET.search(data[:_META_SCAN_BYTES])
    text = _try_decode(data, normalize_charset(meta.group(1).decode("ascii") if meta else None))
    if text is not None:
        return text
    text = _try_decode(data, "utf-8")
    if text is not None:
        return text
    best = charset_normalizer.from_bytes(data).best()
    if best is not None and best.encoding:
        codec = normalize_charset(best.encoding) or best.encoding
        return data.decode(codec, errors="replace")
    return data.decode("utf-8", errors="replace")


# -- links ----------------------------------------------------------------------------------


def _parse(html: str, base_url: str) -> tuple[LexborHTMLParser, str]:
    """The parsed page and the base URL links resolve against (<base href> if present)."""
    tree = LexborHTMLParser(html)
    base = tree.css_first("base[href]")
    href = base.attributes.get("href") if base is not None else None
    if href:
        base_url = urljoin(base_url, href.strip())
    return tree, base_url


def _absolute(href: str | None, base_url: str) -> str | None:
    """Absolute http(s) URL without fragment, or None for javascript:, mailto:, '#' …"""
    if href is None:
        return None
    href = href.strip()
    if not href or href.startswith("#"):
        return None
    try:
        url = urldefrag(urljoin(base_url, href)).url
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return url


def _hrefs(nodes: Iterable[LexborNode]) -> list[str | None]:
    """href of each node; for a matched non-link element, the hrefs of the links inside it."""
    hrefs: list[str | None] = []
    for node in nodes:
        if "href" in node.attributes:
            hrefs.append(node.attributes.get("href"))
        else:
            hrefs.extend(a.attributes.get("href") for a in node.css("a[href]"))
    return hrefs


def _unique(urls: Iterable[str | None]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for url in urls:
        if url is not None and url not in seen:
            seen.add(url)
            out.append(url)
    return out


def report_links(html: str, base_url: str, rules: LinkRules) -> list[str]:
    """Absolute report URLs on a listing page, deduplicated, in page order.

    With `report_selector`, only the selected links count; with `report_url_pattern`, only
    URLs matching it (both may be combined). With neither, every same-host link whose path
    ends in .html/.htm/.shtml counts, except the listing page itself.
    """
    tree, base = _parse(html, base_url)
    if rules.report_selector:
        hrefs = _hrefs(tree.css(rules.report_selector))
    else:
        hrefs = [a.attributes.get("href") for a in tree.css("a[href]")]
    urls = _unique(_absolute(h, base) for h in hrefs)
    if rules.report_url_pattern:
        pattern = re.compile(rules.report_url_pattern)
        return [u for u in urls if pattern.search(u)]
    if rules.report_selector:
        return urls
    host = urlsplit(base_url).hostname
    page = urldefrag(base_url).url
    return [
        u
        for u in urls
        if urlsplit(u).hostname == host
        and urlsplit(u).path.lower().endswith(DEFAULT_REPORT_SUFFIXES)
        and u != page
    ]


def next_page(html: str, base_url: str, rules: LinkRules, page: int) -> str | None:
    """URL of listing page `page + 1` after the page `html` (page numbers start at 1).

    None once `page` reaches max_pages. The `next_selector` link wins; without one (or when
    the page has no such link), `page_url_template` gives the next page's URL: `{page}` is
    its number (2 after the first page), `{index}` one less (TRS sites number the page after
    index.html index_1.html).
    """
    if page >= rules.max_pages:
        return None
    if rules.next_selector:
        tree, base = _parse(html, base_url)
        for href in _hrefs(tree.css(rules.next_selector)):
            url = _absolute(href, base)
            if url is not None and url != urldefrag(base_url).url:
                return url
    if rules.page_url_template:
        return rules.page_url_template.format(page=page + 1, index=page)
    return None


def attachment_links(html: str, base_url: str, rules: LinkRules) -> list[str]:
    """Absolute URLs of attachments (PDF/DOCX by default) linked from a report page."""
    tree, base = _parse(html, base_url)
    pattern = re.compile(rules.attachment_pattern, re.IGNORECASE)
    urls = _unique(_absolute(a.attributes.get("href"), base) for a in tree.css("a[href]"))
    return [u for u in urls if pattern.search(u)]


# -- crawling -------------------------------------------------------------------------------


def discover(
    rules: LinkRules,
    fetcher: Fetcher,
    known: Mapping[str, tuple[str | None, str | None]] | None = None,
    stored: Callable[[str], RawItem | None] | None = None,
    fetched: Callable[[FetchResult], None] | None = None,
) -> tuple[list[str], list[FetchResult]]:
    """Walk every start URL and its pagination; return (report URLs, failed listing fetches).

    At most max_pages listing pages per start URL, no listing page fetched twice (also when
    a redirect lands on one already seen). A failed page ends its start URL's walk unless
    `page_url_template` can name the next page without it.

    Listing pages are fetched conditionally when `known` has their validators and `stored`
    gives the copy kept from the last download (a 304 is read from it; without a copy the
    page is downloaded in full). `fetched` sees every listing page answered (200 or 304).
    """
    reports: list[str] = []
    seen_reports: set[str] = set()
    seen_pages: set[str] = set()
    failures: list[FetchResult] = []
    for start in rules.start_urls:
        url: str | None = start
        page = 1
        while url is not None and page <= rules.max_pages:
            key = urldefrag(url).url
            if key in seen_pages:
                break
            seen_pages.add(key)
            result = _fetch_listing(url, fetcher, known or {}, stored)
            if fetched is not None and (result.item is not None or result.not_modified):
                fetched(result)
            if result.not_modified and stored is not None:
                result = replace(result, item=stored(result.final_url))
            final = urldefrag(result.final_url).url
            if result.item is None:
                failures.append(result)
                url = next_page("", url, rules, page) if rules.page_url_template else None
            elif final != key and final in seen_pages:
                break  # redirected onto a listing page already walked
            else:
                seen_pages.add(final)
                html = decode_html(result.item)
                for link in report_links(html, result.item.uri, rules):
                    if link not in seen_reports:
                        seen_reports.add(link)
                        reports.append(link)
                url = next_page(html, result.item.uri, rules, page)
            page += 1
    return reports, failures


def _fetch_listing(
    url: str,
    fetcher: Fetcher,
    known: Mapping[str, tuple[str | None, str | None]],
    stored: Callable[[str], RawItem | None] | None,
) -> FetchResult:
    etag, modified = known.get(url, (None, None)) if stored is not None else (None, None)
    result = fetcher.fetch(url, etag=etag, last_modified=modified)
    if result.not_modified and (stored is None or stored(result.final_url) is None):
        result = fetcher.fetch(url)  # the copy is gone: download it again
    return result
