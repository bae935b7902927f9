"""Acquisition of web sources: crawl, conditional fetches, attachments, the raw store."""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from sources.attachments import AttachmentError, attachment_kind, attachment_text
from sources.config import SourceSpec
from sources.crawl import LinkRules, attachment_links, decode_html, discover
from sources.http import Fetcher, FetchPolicy, FetchResult
from sources.items import RawItem
from sources.local import ATTACHMENT_SUFFIXES, SUFFIXES
from sources.raw_store import RawStore, RawStoreError, StoredItem
from transforms.decode import ORIGINAL_SHA_HEADER
from transforms.records import QuarantineRow

# Requests in flight per host (the fetcher also spaces them by the source's rate limit).
PER_HOST = 2
THREADS = 8


@dataclass
class Acquired:
    """What one acquisition produced: items to process, HTTP state to keep, failures."""

    items: list[RawItem] = field(default_factory=list)
    fetches: list[tuple[object, ...]] = field(default_factory=list)
    """HTTP state to keep now: not-modified answers and failures."""
    failures: list[QuarantineRow] = field(default_factory=list)
    unchanged: int = 0
    pending: dict[str, list[tuple[object, ...]]] = field(default_factory=dict)
    """HTTP state of each downloaded item (by its final URL, one row per URL that led to
    it), kept only in the transaction that loads its document: a crash before that leaves
    no validators behind, so the next run downloads the page in full again."""

    def extend(self, other: Acquired) -> None:
        """Add another acquisition's results."""
        self.items += other.items
        self.fetches += other.fetches
        self.failures += other.failures
        self.unchanged += other.unchanged
        for uri, rows in other.pending.items():
            self.pending.setdefault(uri, []).extend(rows)

    def settle(self, uris: Iterable[str]) -> None:
        """Move the pending HTTP state of `uris` to the state kept now (items that will not
        be loaded as documents, such as unreadable attachments)."""
        for uri in uris:
            self.fetches += self.pending.pop(uri, [])


def policy_for(spec: SourceSpec) -> FetchPolicy:
    """The fetch policy a source asks for."""
    base = FetchPolicy()
    return replace(
        base,
        user_agent=spec.user_agent or base.user_agent,
        requests_per_second=spec.requests_per_second,
        max_bytes=spec.max_bytes,
        connect_timeout=spec.connect_timeout,
        read_timeout=spec.read_timeout,
        allowed_hosts=frozenset(spec.allowed_hosts)
        or frozenset(urlsplit(u).hostname or "" for u in (*spec.start_urls, *spec.pages)),
        allow_private=spec.allow_private,
        obey_robots=spec.obey_robots,
    )


def rules_for(spec: SourceSpec) -> LinkRules:
    """The crawl rules a source asks for."""
    return LinkRules(
        start_urls=spec.start_urls,
        report_url_pattern=spec.report_url_pattern,
        report_selector=spec.report_selector,
        next_selector=spec.next_selector,
        page_url_template=spec.page_url_template,
        max_pages=spec.max_pages,
    )


def _failure(result: FetchResult, now: datetime) -> QuarantineRow:
    return QuarantineRow(
        result.url, "acquire", result.error or "fetch_failed", result.detail or "", now
    )


def _state_row(result: FetchResult, now: datetime) -> tuple[object, ...]:
    item = result.item
    return (
        result.url,
        result.etag if item else None,
        result.last_modified if item else None,
        item.sha256 if item else None,
        result.status,
        item.fetched_at if item else None,
        now,
        result.error,
    )


def fetch_all(
    urls: Iterable[str],
    fetcher: Fetcher,
    known: Mapping[str, tuple[str | None, str | None]],
    store: RawStore,
    now: datetime,
) -> tuple[Acquired, list[RawItem], list[RawItem]]:
    """Fetch URLs concurrently (PER_HOST at a time per host); store every body downloaded.

    Returns the acquisition, the pages downloaded, and the stored copies of pages that
    answered 304 Not Modified.
    """
    locks: dict[str, threading.Semaphore] = defaultdict(lambda: threading.Semaphore(PER_HOST))
    guard = threading.Lock()

    def one(url: str) -> FetchResult:
        with guard:
            host_lock = locks[urlsplit(url).hostname or ""]
        with host_lock:
            etag, modified = known.get(url, (None, None))
            return fetcher.fetch(url, etag=etag, last_modified=modified)

    out = Acquired()
    pages: list[RawItem] = []
    unchanged: list[str] = []
    with ThreadPoolExecutor(THREADS) as pool:
        for result in pool.map(one, list(dict.fromkeys(urls))):
            if result.error:
                out.failures.append(_failure(result, now))
            elif result.not_modified:
                out.unchanged += 1
                unchanged.append(result.url)
            elif result.item is not None:
                store.put(result.item)
                if result.item.uri not in out.pending:  # two URLs that lead to one page
                    pages.append(result.item)
                out.pending.setdefault(result.item.uri, []).append(_state_row(result, now))
                continue
            out.fetches.append(_state_row(result, now))
    return out, pages, stored_copies(store, unchanged)


def stored_copies(store: RawStore, urls: list[str]) -> list[RawItem]:
    """The stored bodies of pages the server says are unchanged (to find their attachments)."""
    if not urls:
        return []
    wanted = set(urls)
    entries = [e for e in store.latest_entries() if e.uri in wanted]
    return [RawItem(e.uri, store.read(e), e.fetched_at, dict(e.headers)) for e in entries]


LISTING_HEADER = "x-edureports-listing"
"""Header of a listing page's copy in the raw store: kept to answer a 304, never a document."""


class ListingCopies:
    """The raw store's copies of listing pages: kept at each download, read back on a 304,
    so that a listing page is fetched conditionally like a report page."""

    def __init__(self, store: RawStore, now: datetime) -> None:
        self.store = store
        self.now = now
        self.states: list[tuple[object, ...]] = []
        self._latest: dict[str, StoredItem] | None = None

    def stored(self, url: str) -> RawItem | None:
        """The stored copy of a listing page, if there is one."""
        if self._latest is None:
            self._latest = {
                e.uri: e for e in self.store.latest_entries() if LISTING_HEADER in e.headers
            }
        found = self._latest.get(url)
        if found is None:
            return None
        try:
            return RawItem(url, self.store.read(found), found.fetched_at, dict(found.headers))
        except Exception:  # a damaged copy is as good as none: the page is downloaded again
            return None

    def fetched(self, result: FetchResult) -> None:
        """Keep a downloaded listing page (then its validators may be used) and its state."""
        if result.item is not None:
            headers = {**result.item.headers, LISTING_HEADER: "1"}
            self.store.put(replace(result.item, headers=headers))
        self.states.append(_state_row(result, self.now))


def acquire_web(
    spec: SourceSpec,
    known: Mapping[str, tuple[str | None, str | None]],
    store: RawStore,
    now: datetime,
) -> Acquired:
    """Crawl a web source, fetch its new or changed report pages and their attachments."""
    with Fetcher(policy_for(spec)) as fetcher:
        urls = list(spec.pages)
        acquired = Acquired()
        if spec.start_urls:
            listings = ListingCopies(store, now)
            found, failed = discover(
                rules_for(spec), fetcher, known, listings.stored, listings.fetched
            )
            acquired.fetches += listings.states
            urls += found
            acquired.failures += [_failure(r, now) for r in failed]
        pages_result, pages, unchanged_pages = fetch_all(urls, fetcher, known, store, now)
        acquired.extend(pages_result)
        attachments: list[str] = []
        if spec.follow_attachments:
            rules = rules_for(spec)
            for page in [*pages, *unchanged_pages]:
                if attachment_kind(page.uri, page.headers.get("content-type"), page.data) is None:
                    attachments += attachment_links(decode_html(page), page.uri, rules)
        files_result, files, _ = fetch_all(attachments, fetcher, known, store, now)
        acquired.extend(files_result)
    converted, failures = as_text_items([*pages, *files], now)
    acquired.items += converted
    acquired.failures += failures
    acquired.settle(row.uri for row in failures)
    return acquired


def readable_items(
    items: Iterable[RawItem], now: datetime
) -> tuple[list[RawItem], list[QuarantineRow]]:
    """Local files as text items: text files as they are, PDF/DOCX as their text; a file of
    another type (.xls, .doc, an image) is a quarantine row with its reason."""
    out: list[RawItem] = []
    failed: list[QuarantineRow] = []
    for item in items:
        suffix = PurePosixPath(urlsplit(item.uri).path).suffix.lower()
        if suffix in SUFFIXES or attachment_kind(item.uri, None, item.data) is not None:
            out.append(item)
        else:
            detail = f"{suffix or 'a file without suffix'}: only {', '.join(READABLE)} are read"
            failed.append(
                QuarantineRow(item.uri, "decode", "unsupported_file_type", detail, now, item.sha256)
            )
    converted, unreadable = as_text_items(out, now)
    return converted, failed + unreadable


READABLE = (*SUFFIXES, *ATTACHMENT_SUFFIXES)


def replay_items(store: RawStore, now: datetime) -> tuple[list[RawItem], list[QuarantineRow]]:
    """The newest stored version of every document URL (listing copies left out), as text
    items; an object that is missing or damaged is a quarantine row, the others go on."""
    items: list[RawItem] = []
    failed: list[QuarantineRow] = []
    for entry in store.latest_entries():
        if LISTING_HEADER in entry.headers:
            continue
        try:
            data = store.read(entry)
        except RawStoreError as exc:
            failed.append(QuarantineRow(entry.uri, "acquire", "corrupt_raw_object", str(exc), now))
            continue
        items.append(RawItem(entry.uri, data, entry.fetched_at, dict(entry.headers)))
    converted, unreadable = as_text_items(items, now)
    return converted, failed + unreadable


def as_text_items(
    items: Iterable[RawItem], now: datetime
) -> tuple[list[RawItem], list[QuarantineRow]]:
    """Pages as they are; PDF/DOCX attachments as their UTF-8 text (unreadable ones quarantined)."""
    out: list[RawItem] = []
    failed: list[QuarantineRow] = []
    for item in items:
        kind = attachment_kind(item.uri, item.headers.get("content-type"), item.data)
        if kind is None:
            out.append(item)
            continue
        try:
            text = attachment_text(item)
        except AttachmentError as exc:
            reason = getattr(exc, "reason", "attachment")
            failed.append(QuarantineRow(item.uri, "decode", reason, str(exc), now, item.sha256))
            continue
        headers = {
            **item.headers,
            "content-type": "text/plain; charset=utf-8",
            "x-attachment": kind,
            ORIGINAL_SHA_HEADER: item.sha256,
        }
        out.append(replace(item, data=text.encode("utf-8"), headers=headers))
    return out, failed
