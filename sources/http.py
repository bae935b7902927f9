"""A polite, bounded HTTP fetcher: robots.txt, per-host rate limit, retries, size and host limits.

`Fetcher.fetch` never raises for network or HTTP problems: every outcome is a `FetchResult`
whose `error` says what went wrong in a short machine-readable word. Redirects are followed
by hand so that each hop is checked again (scheme, allowed hosts, address, robots.txt).
`clock` and `sleep` are injectable so tests can assert the waits instead of sleeping.
"""

from __future__ import annotations

import ipaddress
import random
import socket
import threading
import time
import urllib.robotparser
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from types import TracebackType

import httpx

from sources.items import RawItem

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
ROBOTS_MAX_BYTES = 512 * 1024  # RFC 9309: parse at least 500 KiB, ignore the rest
_IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True)
class FetchPolicy:
    """How politely and how far the fetcher may go."""

    user_agent: str = "edureports/0.1 (+https://example.org/edureports)"
    requests_per_second: float = 1.0  # per host; <= 0 or inf means no limit
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    max_retries: int = 3  # on connection errors, timeouts, 5xx and 429
    backoff_base: float = 0.5  # seconds; exponential with full jitter
    max_backoff: float = 60.0  # cap, also for Retry-After
    max_redirects: int = 5
    max_bytes: int = 20_000_000
    allowed_hosts: frozenset[str] = frozenset()  # empty = any host (still address-checked)
    allow_private: bool = False  # private and loopback addresses refused unless True;
    # link-local and cloud metadata addresses are refused always
    obey_robots: bool = True


@dataclass(frozen=True)
class FetchResult:
    """The outcome of one fetch; `item` is set only for a complete 200 response."""

    url: str
    final_url: str
    status: int | None
    item: RawItem | None
    not_modified: bool
    etag: str | None
    last_modified: str | None
    error: str | None
    detail: str | None = None

    @property
    def ok(self) -> bool:
        """True when the page was fetched (200) or is unchanged (304)."""
        return self.error is None


@dataclass
class _Outcome:
    """One request (or a chain of them) before it becomes a FetchResult."""

    url: str
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None
    error: str | None = None
    detail: str | None = None
    retryable: bool = False
    retry_after: float | None = None


def _forbidden_ip(ip: _IPAddress) -> bool:
    """Private, loopback, link-local, reserved, shared, multicast or unspecified."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast


# Cloud metadata services, refused even where private addresses are allowed: one redirect
# to them would hand the crawler's cloud credentials to a page. Every link-local address
# (169.254.0.0/16, fe80::/10) is refused too.
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a)
    for a in (
        "169.254.169.254",  # AWS, GCP, Azure, OpenStack, Tencent Cloud
        "100.100.100.200",  # Alibaba Cloud
        "192.0.0.192",  # Oracle Cloud (classic)
        "fd00:ec2::254",  # AWS over IPv6
    )
)


def _never_allowed(ip: _IPAddress) -> bool:
    """Link-local or a cloud metadata address: refused whatever allow_private says."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_link_local or ip in METADATA_ADDRESSES


def _resolve(host: str, port: int) -> list[_IPAddress]:
    """Every address `host` resolves to (an IP literal resolves to itself)."""
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]


def parse_retry_after(value: str | None, cap: float, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP date), capped at `cap`."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = (when - (now or datetime.now(UTC))).total_seconds()
    if seconds != seconds:  # NaN
        return None
    return min(max(seconds, 0.0), cap)


class _HostRateLimiter:
    """A minimum interval between requests to the same host, shared by all threads.

    Each caller reserves the next free slot under the lock, then sleeps outside it, so
    concurrent callers are spaced one interval apart without holding the lock while waiting.
    """

    def __init__(
        self,
        interval: float,
        clock: Callable[[], float],
        sleep: Callable[[float], None],
    ) -> None:
        self._interval = interval
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._next: dict[str, float] = {}
        self._host_interval: dict[str, float] = {}

    def set_min_interval(self, host: str, seconds: float) -> None:
        """Raise the interval for one host (robots.txt Crawl-delay)."""
        with self._lock:
            self._host_interval[host] = max(seconds, self._interval)

    def wait(self, host: str) -> None:
        with self._lock:
            now = self._clock()
            slot = max(now, self._next.get(host, now))
            self._next[host] = slot + self._host_interval.get(host, self._interval)
        delay = slot - now
        if delay > 0:
            self._sleep(delay)


class _Robots:
    """robots.txt rules for one origin: allow everything, refuse everything, or parsed rules."""

    def __init__(
        self, parser: urllib.robotparser.RobotFileParser | None, allow: bool, reason: str
    ) -> None:
        self.parser = parser
        self.allow = allow
        self.reason = reason

    def can_fetch(self, user_agent: str, url: str) -> bool:
        if self.parser is None:
            return self.allow
        return self.parser.can_fetch(user_agent, url)

    def crawl_delay(self, user_agent: str) -> float | None:
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(user_agent)
        return float(delay) if delay is not None else None


class Fetcher:
    """Fetch pages politely; thread-safe, one instance per run."""

    def __init__(
        self,
        policy: FetchPolicy,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        *,
        rng: random.Random | None = None,
    ) -> None:
        self.policy = policy
        self._sleep = sleep
        self._rng = rng or random.Random()
        rps = policy.requests_per_second
        interval = 1.0 / rps if rps > 0 else 0.0
        self._limiter = _HostRateLimiter(interval, clock, sleep)
        self._allowed = frozenset(h.lower().rstrip(".") for h in policy.allowed_hosts)
        self._robots: dict[str, _Robots] = {}
        self._robots_locks: dict[str, threading.Lock] = {}
        self._robots_guard = threading.Lock()
        # trust_env=False: no proxies from the environment, so the address check means something
        self._client = httpx.Client(
            timeout=httpx.Timeout(policy.read_timeout, connect=policy.connect_timeout),
            follow_redirects=False,
            trust_env=False,
            headers={"User-Agent": policy.user_agent},
        )

    # -- public API -------------------------------------------------------------------------

    def fetch(
        self, url: str, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult:
        """GET `url`; conditional when `etag`/`last_modified` are given (304 → not_modified)."""
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        out = self._follow(url, headers, check_robots=True, limit=self.policy.max_bytes)
        item = None
        not_modified = False
        new_etag = out.headers.get("etag")
        new_last_modified = out.headers.get("last-modified")
        if out.error is None and out.status == 200 and out.body is not None:
            item = RawItem(
                uri=out.url,
                data=out.body,
                fetched_at=datetime.now(UTC),
                headers=dict(out.headers),
            )
        elif out.error is None and out.status == 304:
            not_modified = True
            new_etag = new_etag or etag
            new_last_modified = new_last_modified or last_modified
        return FetchResult(
            url=url,
            final_url=out.url,
            status=out.status,
            item=item,
            not_modified=not_modified,
            etag=new_etag,
            last_modified=new_last_modified,
            error=out.error,
            detail=out.detail,
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- redirects and checks ---------------------------------------------------------------

    def _follow(
        self,
        url: str,
        headers: Mapping[str, str],
        *,
        check_robots: bool,
        limit: int,
        truncate: bool = False,
    ) -> _Outcome:
        """Request `url`, following up to max_redirects redirects, checking every hop."""
        current = url
        out = _Outcome(current)
        last_status: int | None = None  # status of the redirect that led here
        for _ in range(self.policy.max_redirects + 1):
            try:
                parsed = httpx.URL(current)
            except httpx.InvalidURL as exc:
                return _Outcome(current, last_status, error="invalid_url", detail=str(exc))
            refusal = self._refusal(parsed, check_robots)
            if refusal is not None:
                return _Outcome(current, last_status, error=refusal[0], detail=refusal[1])
            out = self._get_with_retries(parsed, headers, limit, truncate)
            out.url = current
            if out.error is not None or out.status not in REDIRECT_STATUSES:
                return out
            last_status = out.status
            location = out.headers.get("location")
            if not location:
                out.error = "redirect_without_location"
                out.detail = f"{out.status} from {current} has no Location header"
                return out
            try:
                current = str(parsed.join(location.strip()).copy_with(fragment=None))
            except httpx.InvalidURL as exc:
                return _Outcome(current, out.status, error="invalid_redirect", detail=str(exc))
        out.error = "too_many_redirects"
        out.detail = f"more than {self.policy.max_redirects} redirects starting at {url}"
        return out

    def _refusal(self, url: httpx.URL, check_robots: bool) -> tuple[str, str] | None:
        """Why `url` must not be requested, or None when it may be."""
        if url.scheme not in ("http", "https"):
            return "scheme_not_allowed", f"scheme {url.scheme!r} in {url}"
        host = url.host.lower().rstrip(".")
        if not host:
            return "invalid_url", f"no host in {url}"
        ascii_host = url.raw_host.decode("ascii").lower().rstrip(".")
        if self._allowed and host not in self._allowed and ascii_host not in self._allowed:
            return "host_not_allowed", f"{host} is not in allowed_hosts"
        port = url.port or (443 if url.scheme == "https" else 80)
        try:
            addresses = _resolve(ascii_host, port)
        except (OSError, UnicodeError) as exc:
            return "dns_error", f"{host}: {exc}"
        if not addresses:
            return "dns_error", f"{host} resolves to nothing"
        for ip in addresses:
            if _never_allowed(ip):
                return "metadata_address", f"{host} resolves to {ip} (link-local or metadata)"
            if not self.policy.allow_private and _forbidden_ip(ip):
                return "private_address", f"{host} resolves to {ip}"
        if check_robots and self.policy.obey_robots:
            robots = self._robots_for(url)
            if not robots.can_fetch(self.policy.user_agent, str(url)):
                return "robots_disallowed", f"{url} disallowed by robots.txt ({robots.reason})"
        return None

    # -- robots.txt -------------------------------------------------------------------------

    def _robots_for(self, url: httpx.URL) -> _Robots:
        origin = f"{url.scheme}://{url.netloc.decode('ascii').lower()}"
        with self._robots_guard:
            cached = self._robots.get(origin)
            if cached is not None:
                return cached
            lock = self._robots_locks.setdefault(origin, threading.Lock())
        with lock:  # one fetch per origin even when several threads ask at once
            cached = self._robots.get(origin)
            if cached is None:
                cached = self._load_robots(origin, url.host.lower())
                with self._robots_guard:
                    self._robots[origin] = cached
            return cached

    def _load_robots(self, origin: str, host: str) -> _Robots:
        robots_url = origin + "/robots.txt"
        out = self._follow(
            robots_url, {}, check_robots=False, limit=ROBOTS_MAX_BYTES, truncate=True
        )
        if out.error is None and out.status == 200 and out.body is not None:
            parser = urllib.robotparser.RobotFileParser(robots_url)
            parser.parse(out.body.decode("utf-8", errors="replace").splitlines())
            robots = _Robots(parser, True, "robots.txt rules")
            delay = robots.crawl_delay(self.policy.user_agent)
            if delay:
                self._limiter.set_min_interval(host, min(delay, self.policy.max_backoff))
            return robots
        status = out.status
        if status is not None and 400 <= status < 500 and out.error in (None, f"http_{status}"):
            return _Robots(None, True, f"robots.txt {status}: allow all")
        if out.error == "too_many_redirects":
            return _Robots(None, True, "robots.txt unreachable by redirects: allow all")
        # 5xx, network failure or a refused redirect: the site may be down, stay away
        reason = out.error or f"status {status}"
        return _Robots(None, False, f"robots.txt {reason}: disallow all")

    # -- one request, retried ----------------------------------------------------------------

    def _get_with_retries(
        self, url: httpx.URL, headers: Mapping[str, str], limit: int, truncate: bool
    ) -> _Outcome:
        policy = self.policy
        attempt = 0
        while True:
            self._limiter.wait(url.host.lower())
            out = self._get_once(url, headers, limit, truncate)
            if not out.retryable:
                return out
            if attempt >= policy.max_retries:
                if out.status is not None:
                    suffix = "_after_retries" if attempt else ""
                    out.error = f"http_{out.status}{suffix}"
                if attempt:
                    out.detail = f"{out.detail or out.error} (after {attempt} retries)"
                return out
            if out.retry_after is not None:
                delay = out.retry_after
            else:
                ceiling = min(policy.max_backoff, policy.backoff_base * 2**attempt)
                delay = self._rng.uniform(0.0, ceiling)
            if delay > 0:
                self._sleep(delay)
            attempt += 1

    def _get_once(
        self, url: httpx.URL, headers: Mapping[str, str], limit: int, truncate: bool
    ) -> _Outcome:
        out = _Outcome(str(url))
        try:
            with self._client.stream("GET", url, headers=dict(headers)) as response:
                out.status = response.status_code
                out.headers = {k.lower(): v for k, v in response.headers.items()}
                if out.status == 200:
                    self._read_body(response, out, limit, truncate)
                elif out.status == 304 or out.status in REDIRECT_STATUSES:
                    pass
                elif out.status == 429 or 500 <= out.status <= 599:
                    out.retryable = True
                    out.error = f"http_{out.status}"
                    out.retry_after = parse_retry_after(
                        out.headers.get("retry-after"), self.policy.max_backoff
                    )
                else:
                    out.error = f"http_{out.status}"
        except httpx.TimeoutException as exc:
            out = _Outcome(str(url), error="timeout", detail=_describe(exc), retryable=True)
        except httpx.DecodingError as exc:
            out = _Outcome(str(url), out.status, error="decoding_error", detail=_describe(exc))
        except httpx.HTTPError as exc:
            out = _Outcome(
                str(url), error="connection_error", detail=_describe(exc), retryable=True
            )
        return out

    @staticmethod
    def _read_body(response: httpx.Response, out: _Outcome, limit: int, truncate: bool) -> None:
        declared = response.headers.get("content-length", "")
        if not truncate and declared.isdigit() and int(declared) > limit:
            out.error = "too_large"
            out.detail = f"Content-Length {declared} > max_bytes {limit}"
            return
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                if truncate:
                    chunks.append(chunk[: len(chunk) - (size - limit)])
                    break
                out.error = "too_large"
                out.detail = f"body exceeds max_bytes {limit}"
                return
            chunks.append(chunk)
        out.body = b"".join(chunks)


def _describe(exc: Exception) -> str:
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
