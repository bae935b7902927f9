"""The polite, bounded fetcher against the fixture site on 127.0.0.1 (fake time, no real waits)."""

from __future__ import annotations

import ipaddress
import math
import random
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any

import pytest

import sources.http as http_module
from sources.http import Fetcher, FetchPolicy, _forbidden_ip, parse_retry_after
from tests.sources.conftest import (
    FakeTime,
    FixtureSite,
    Request,
    Response,
    Route,
    page,
    redirect,
    sequence,
)

MakeSite = Callable[[dict[str, Route]], FixtureSite]
# robots.txt off unless a test is about it, so its fetch does not show up in the recorded waits
LOCAL = FetchPolicy(
    allow_private=True,
    obey_robots=False,
    requests_per_second=math.inf,
    connect_timeout=2,
    read_timeout=2,
)


class TopOfRange(random.Random):
    """Full jitter that always picks the top of its range, so backoff waits are predictable."""

    def uniform(self, a: float, b: float) -> float:
        return b


@contextmanager
def fetcher(time: FakeTime, policy: FetchPolicy = LOCAL, **changes: Any) -> Iterator[Fetcher]:
    policy = replace(policy, **changes)
    with Fetcher(policy, clock=time.clock, sleep=time.sleep, rng=TopOfRange()) as f:
        yield f


# -- a plain fetch ----------------------------------------------------------------------------


def test_a_page_comes_back_as_a_raw_item(site: FixtureSite, fake_time: FakeTime) -> None:
    site.routes["/public/a.html"] = page("<p>教育</p>", X_Custom="1")
    with fetcher(fake_time) as f:
        result = f.fetch(site.url("/public/a.html"))
    assert result.error is None and result.status == 200 and not result.not_modified
    assert result.item is not None
    assert result.item.uri == result.final_url == result.url == site.url("/public/a.html")
    assert result.item.data == "<p>教育</p>".encode()
    assert result.item.fetched_at.tzinfo is UTC
    assert result.item.headers["x-custom"] == "1"
    assert all(k == k.lower() for k in result.item.headers)


def test_user_agent_is_sent(site: FixtureSite, fake_time: FakeTime) -> None:
    seen: list[str] = []

    def route(request: Request) -> Response:
        seen.append(request.headers.get("user-agent", ""))
        return Response(200, b"ok")

    site.routes["/public/ua"] = route
    with fetcher(fake_time) as f:
        assert f.fetch(site.url("/public/ua")).error is None
    assert seen == [LOCAL.user_agent]


def test_404_is_an_error_without_retry(site: FixtureSite, fake_time: FakeTime) -> None:
    with fetcher(fake_time) as f:
        result = f.fetch(site.url("/public/missing"))
    assert (result.status, result.error, result.item) == (404, "http_404", None)
    assert site.hits_for("/public/missing") == 1 and fake_time.waits == []


# -- robots.txt -------------------------------------------------------------------------------


def test_robots_disallow_is_obeyed_and_fetched_once(site: FixtureSite, fake_time: FakeTime) -> None:
    site.routes["/public/r.html"] = page("ok")
    site.routes["/private/secret.html"] = page("secret")
    before = site.hits_for("/robots.txt")
    with fetcher(fake_time, obey_robots=True) as f:
        allowed = f.fetch(site.url("/public/r.html"))
        refused = f.fetch(site.url("/private/secret.html"))
        again = f.fetch(site.url("/public/r.html"))
    assert allowed.error is None and again.error is None
    assert refused.error == "robots_disallowed" and refused.status is None and refused.item is None
    assert site.hits_for("/private/secret.html") == 0
    assert site.hits_for("/robots.txt") - before == 1  # cached per host


def test_robots_not_obeyed_when_turned_off(site: FixtureSite, fake_time: FakeTime) -> None:
    site.routes["/private/off.html"] = page("ok")
    with fetcher(fake_time, obey_robots=False) as f:
        assert f.fetch(site.url("/private/off.html")).error is None


def test_missing_robots_allows_everything(make_site: MakeSite, fake_time: FakeTime) -> None:
    other = make_site({"/anything.html": page("ok")})
    with fetcher(fake_time, obey_robots=True) as f:
        assert f.fetch(other.url("/anything.html")).error is None
    assert other.hits == ["/robots.txt", "/anything.html"]


def test_robots_5xx_disallows_the_host_for_the_run(
    make_site: MakeSite, fake_time: FakeTime
) -> None:
    other = make_site({"/robots.txt": page("down", 503), "/a.html": page("ok")})
    with fetcher(fake_time, obey_robots=True, max_retries=1) as f:
        first = f.fetch(other.url("/a.html"))
        second = f.fetch(other.url("/a.html"))
    assert first.error == second.error == "robots_disallowed"
    assert "robots.txt" in (first.detail or "")
    assert other.hits_for("/a.html") == 0 and other.hits_for("/robots.txt") == 2  # 1 retry, once


def test_robots_crawl_delay_slows_the_host(make_site: MakeSite, fake_time: FakeTime) -> None:
    robots = "User-agent: *\nCrawl-delay: 3\nDisallow: /x/\n"
    other = make_site({"/robots.txt": page(robots), "/a.html": page("ok"), "/b.html": page("ok")})
    with fetcher(fake_time, obey_robots=True) as f:
        assert f.fetch(other.url("/a.html")).error is None
        assert f.fetch(other.url("/b.html")).error is None
    assert fake_time.waits == [3.0]  # between the two pages


def test_robots_fetched_once_under_concurrency(make_site: MakeSite, fake_time: FakeTime) -> None:
    other = make_site({"/robots.txt": page("User-agent: *\nDisallow:\n"), "/a.html": page("ok")})
    with fetcher(fake_time, obey_robots=True) as f:
        threads = [threading.Thread(target=f.fetch, args=(other.url("/a.html"),)) for _ in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert other.hits_for("/robots.txt") == 1 and other.hits_for("/a.html") == 6


# -- retries ----------------------------------------------------------------------------------


def test_503_then_200_is_retried_with_growing_backoff(
    site: FixtureSite, fake_time: FakeTime
) -> None:
    site.routes["/public/flaky"] = sequence(
        Response(503), Response(503), Response(503), Response(200, b"finally")
    )
    with fetcher(fake_time, backoff_base=0.5) as f:
        result = f.fetch(site.url("/public/flaky"))
    assert result.error is None and result.item is not None and result.item.data == b"finally"
    assert fake_time.waits == [0.5, 1.0, 2.0]


def test_full_jitter_stays_within_the_exponential_ceiling(site: FixtureSite) -> None:
    site.routes["/public/jitter"] = page("x", 502)
    time = FakeTime()
    policy = replace(LOCAL, max_retries=6, backoff_base=1.0, max_backoff=8.0)
    with Fetcher(policy, clock=time.clock, sleep=time.sleep, rng=random.Random(7)) as f:
        result = f.fetch(site.url("/public/jitter"))
    assert result.error == "http_502_after_retries"
    ceilings = [1, 2, 4, 8, 8, 8]
    assert len(time.waits) == 6
    assert all(0 <= w <= c for w, c in zip(time.waits, ceilings, strict=True))


def test_429_with_retry_after_seconds_waits_that_long(
    site: FixtureSite, fake_time: FakeTime
) -> None:
    site.routes["/public/busy"] = sequence(
        Response(429, headers={"Retry-After": "2"}), Response(200, b"ok")
    )
    with fetcher(fake_time, requests_per_second=1.0) as f:
        result = f.fetch(site.url("/public/busy"))
    assert result.error is None and result.status == 200
    assert fake_time.waits == [2.0]  # the rate limit (1 s) is already covered by the 2 s


def test_retry_after_http_date_is_capped(site: FixtureSite, fake_time: FakeTime) -> None:
    later = format_datetime(datetime.now(UTC) + timedelta(hours=1), usegmt=True)
    site.routes["/public/later"] = sequence(
        Response(503, headers={"Retry-After": later}), Response(200, b"ok")
    )
    with fetcher(fake_time, max_backoff=7.0) as f:
        assert f.fetch(site.url("/public/later")).error is None
    assert fake_time.waits == [7.0]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2", 2.0),
        (" 120 ", 60.0),
        ("-5", 0.0),
        ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0),  # in the past
        ("Wed, 21 Oct 2015 07:28:30 GMT", 30.0),
        ("soon", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_retry_after(value: str | None, expected: float | None) -> None:
    now = datetime(2015, 10, 21, 7, 28, 0, tzinfo=UTC)
    assert parse_retry_after(value, 60.0, now=now) == expected


def test_retries_exhausted_is_an_error(site: FixtureSite, fake_time: FakeTime) -> None:
    site.routes["/public/down"] = page("down", 503)
    with fetcher(fake_time, max_retries=2) as f:
        result = f.fetch(site.url("/public/down"))
    assert (result.status, result.error, result.item) == (503, "http_503_after_retries", None)
    assert site.hits_for("/public/down") == 3 and len(fake_time.waits) == 2


def test_connection_refused_is_retried_then_reported(
    make_site: MakeSite, fake_time: FakeTime
) -> None:
    gone = make_site({})
    url = gone.url("/a.html")
    gone.close()
    with fetcher(fake_time, max_retries=2) as f:
        result = f.fetch(url)
    assert result.error == "connection_error" and result.status is None
    assert len(fake_time.waits) == 2


def test_a_slow_server_times_out(make_site: MakeSite, fake_time: FakeTime) -> None:
    release = threading.Event()

    def slow(_request: Request) -> Response:
        release.wait(2)
        return Response(200, b"late")

    other = make_site({"/slow": slow})
    try:
        with fetcher(fake_time, read_timeout=0.05, max_retries=1) as f:
            result = f.fetch(other.url("/slow"))
    finally:
        release.set()
    assert result.error == "timeout" and len(fake_time.waits) == 1


# -- redirects --------------------------------------------------------------------------------


def test_redirect_chain_is_followed(site: FixtureSite, fake_time: FakeTime) -> None:
    site.routes["/public/r1"] = redirect("/public/r2", 301)
    site.routes["/public/r2"] = redirect(site.url("/public/r3"), 307)
    site.routes["/public/r3"] = redirect("final.html#top", 302)
    site.routes["/public/final.html"] = page("end")
    with fetcher(fake_time) as f:
        result = f.fetch(site.url("/public/r1"))
    assert result.error is None and result.status == 200
    assert result.url == site.url("/public/r1")
    assert result.final_url == site.url("/public/final.html")
    assert result.item is not None and result.item.uri == result.final_url


def test_too_many_redirects(site: FixtureSite, fake_time: FakeTime) -> None:
    site.routes["/public/loop"] = redirect("/public/loop")
    with fetcher(fake_time, max_redirects=3) as f:
        result = f.fetch(site.url("/public/loop"))
    assert result.error == "too_many_redirects" and result.item is None
    assert site.hits_for("/public/loop") == 4


def test_redirect_to_a_host_not_allowed_is_refused(site: FixtureSite, fake_time: FakeTime) -> None:
    site.routes["/public/away"] = redirect(site.url("/public/there", host="localhost"))
    site.routes["/public/there"] = page("should not be fetched")
    with fetcher(fake_time, allowed_hosts=frozenset({"127.0.0.1"})) as f:
        result = f.fetch(site.url("/public/away"))
    assert result.error == "host_not_allowed" and result.status == 302
    assert result.final_url == site.url("/public/there", host="localhost")
    assert site.hits_for("/public/there") == 0


def test_allowed_hosts_do_not_match_subdomains() -> None:
    with fetcher(FakeTime(), allowed_hosts=frozenset({"example.org"})) as f:
        result = f.fetch("http://www.example.org/a.html")
    assert result.error == "host_not_allowed"


def test_redirect_to_another_scheme_is_refused(site: FixtureSite, fake_time: FakeTime) -> None:
    site.routes["/public/to-file"] = redirect("file:///etc/passwd")
    with fetcher(fake_time) as f:
        assert f.fetch(site.url("/public/to-file")).error == "scheme_not_allowed"


def test_redirect_without_location(site: FixtureSite, fake_time: FakeTime) -> None:
    site.routes["/public/nowhere"] = page("", 302)
    with fetcher(fake_time) as f:
        assert f.fetch(site.url("/public/nowhere")).error == "redirect_without_location"


@pytest.mark.parametrize(
    "url", ["ftp://127.0.0.1/a.pdf", "file:///etc/passwd", "javascript:alert(1)"]
)
def test_non_http_schemes_are_refused(url: str) -> None:
    with fetcher(FakeTime()) as f:
        result = f.fetch(url)
    assert result.error in {"scheme_not_allowed", "invalid_url"} and result.status is None


# -- addresses --------------------------------------------------------------------------------


def test_loopback_is_refused_unless_allowed(site: FixtureSite, fake_time: FakeTime) -> None:
    site.routes["/public/local"] = page("ok")
    with fetcher(fake_time, allow_private=False) as f:
        result = f.fetch(site.url("/public/local"))
        by_name = f.fetch(site.url("/public/local", host="localhost"))
    assert result.error == by_name.error == "private_address"
    assert "127.0.0.1" in (result.detail or "")
    assert site.hits_for("/public/local") == 0


def test_every_redirect_hop_is_address_checked(
    site: FixtureSite, fake_time: FakeTime, monkeypatch: pytest.MonkeyPatch
) -> None:
    # pretend "localhost" is a public address; the redirect then points at loopback itself
    real = http_module._resolve

    def resolve(host: str, port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
        return [ipaddress.ip_address("93.184.216.34")] if host == "localhost" else real(host, port)

    monkeypatch.setattr(http_module, "_resolve", resolve)
    site.routes["/public/hop"] = redirect(site.url("/public/inner"))
    site.routes["/public/inner"] = page("internal")
    with fetcher(fake_time, allow_private=False, obey_robots=False) as f:
        result = f.fetch(site.url("/public/hop", host="localhost"))
    assert result.error == "private_address" and result.status == 302
    assert site.hits_for("/public/hop") == 1 and site.hits_for("/public/inner") == 0


@pytest.mark.parametrize(
    ("address", "forbidden"),
    [
        ("127.0.0.1", True),
        ("10.1.2.3", True),
        ("172.16.0.1", True),
        ("192.168.1.1", True),
        ("169.254.169.254", True),
        ("100.64.0.1", True),
        ("0.0.0.0", True),
        ("224.0.0.1", True),
        ("240.0.0.1", True),
        ("::1", True),
        ("fe80::1", True),
        ("fc00::1", True),
        ("::ffff:127.0.0.1", True),
        ("93.184.216.34", False),
        ("2606:2800:220:1:248:1893:25c8:1946", False),
    ],
)
def test_forbidden_addresses(address: str, forbidden: bool) -> None:
    assert _forbidden_ip(ipaddress.ip_address(address)) is forbidden


def test_unresolvable_host_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(host: str, port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
        raise OSError("Name or service not known")

    monkeypatch.setattr(http_module, "_resolve", fail)
    with fetcher(FakeTime(), allow_private=False) as f:
        assert f.fetch("http://no-such-host.invalid/a.html").error == "dns_error"


# -- size -------------------------------------------------------------------------------------


def test_body_over_max_bytes_is_too_large(site: FixtureSite, fake_time: FakeTime) -> None:
    site.routes["/public/big"] = page(b"x" * 5000)
    site.routes["/public/big-stream"] = lambda _r: Response(
        200, b"y" * 300_000, content_length=False
    )
    site.routes["/public/small"] = page(b"z" * 1000)
    with fetcher(fake_time, max_bytes=1000) as f:
        declared = f.fetch(site.url("/public/big"))
        streamed = f.fetch(site.url("/public/big-stream"))
        exact = f.fetch(site.url("/public/small"))
    assert declared.error == streamed.error == "too_large"
    assert declared.item is None and streamed.item is None and declared.status == 200
    assert exact.error is None and exact.item is not None and len(exact.item.data) == 1000
    assert fake_time.waits == []  # not retried


# -- conditional GET --------------------------------------------------------------------------

ETAG = '"v1"'
LAST_MODIFIED = "Wed, 21 Oct 2015 07:28:00 GMT"


def conditional(request: Request) -> Response:
    headers = {"ETag": ETAG, "Last-Modified": LAST_MODIFIED}
    if request.headers.get("if-none-match") == ETAG:
        return Response(304, headers={"ETag": ETAG})
    if request.headers.get("if-modified-since") == LAST_MODIFIED:
        return Response(304)
    return Response(200, b"report", headers)


def test_conditional_get_gives_not_modified(site: FixtureSite, fake_time: FakeTime) -> None:
    site.routes["/public/cond"] = conditional
    url = site.url("/public/cond")
    with fetcher(fake_time) as f:
        first = f.fetch(url)
        by_etag = f.fetch(url, etag=first.etag)
        by_date = f.fetch(url, last_modified=first.last_modified)
        by_both = f.fetch(url, etag=first.etag, last_modified=first.last_modified)
    assert first.item is not None and (first.etag, first.last_modified) == (ETAG, LAST_MODIFIED)
    for again in (by_etag, by_date, by_both):
        assert again.not_modified and again.status == 304
        assert again.item is None and again.error is None
    # validators come from the 304 when it has them, else they are the ones sent
    assert (by_etag.etag, by_etag.last_modified) == (ETAG, None)
    assert (by_date.etag, by_date.last_modified) == (None, LAST_MODIFIED)
    assert (by_both.etag, by_both.last_modified) == (ETAG, LAST_MODIFIED)


# -- rate limit -------------------------------------------------------------------------------


def test_per_host_rate_limit(site: FixtureSite, make_site: MakeSite, fake_time: FakeTime) -> None:
    site.routes["/public/rl"] = page("ok")
    other = make_site({"/rl": page("ok")})
    with fetcher(fake_time, requests_per_second=2.0) as f:
        for _ in range(3):
            assert f.fetch(site.url("/public/rl")).error is None
        # another host has its own budget: no wait for its first request
        assert f.fetch(other.url("/rl", host="localhost")).error is None
    assert fake_time.waits == [0.5, 0.5]


def test_rate_limit_spaces_concurrent_callers(site: FixtureSite) -> None:
    site.routes["/public/rl-threads"] = page("ok")
    time = FakeTime(advance=False)  # the clock stands still: each caller gets the next slot
    with fetcher(time, requests_per_second=4.0) as f:
        threads = [
            threading.Thread(target=f.fetch, args=(site.url("/public/rl-threads"),))
            for _ in range(4)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert sorted(time.waits) == [0.25, 0.5, 0.75]
    assert site.hits_for("/public/rl-threads") == 4


def test_retries_wait_for_the_rate_limit_too(site: FixtureSite, fake_time: FakeTime) -> None:
    site.routes["/public/rl-retry"] = sequence(Response(500), Response(200, b"ok"))
    with fetcher(fake_time, requests_per_second=0.5, backoff_base=0.5) as f:
        assert f.fetch(site.url("/public/rl-retry")).error is None
    assert fake_time.waits == [0.5, 1.5]  # backoff, then the rest of the 2 s interval
