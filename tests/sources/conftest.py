"""A fixture web site on 127.0.0.1: a threaded http.server serving canned routes.

`site` is one session-wide server with the routes the fetcher tests use; `make_site` starts
extra servers with their own routes (own robots.txt, own pages) and stops them afterwards.
Each test gets fake time (`fake_time`): `sleep` records the wait and moves the clock.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass(frozen=True)
class Request:
    path: str
    headers: dict[str, str]  # lower-cased names


@dataclass(frozen=True)
class Response:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    content_length: bool = True  # False: no Content-Length, body ends when the connection closes


Route = Callable[[Request], Response]


def page(body: str | bytes, status: int = 200, **headers: str) -> Route:
    """A route that always answers the same."""
    data = body.encode("utf-8") if isinstance(body, str) else body
    hdrs = {k.replace("_", "-"): v for k, v in headers.items()}
    hdrs.setdefault("Content-Type", "text/html; charset=utf-8")
    response = Response(status, data, hdrs)
    return lambda _request: response


def sequence(*responses: Response) -> Route:
    """A route answering with each response in turn, then repeating the last one."""
    lock = threading.Lock()
    calls = [0]

    def route(_request: Request) -> Response:
        with lock:
            index = min(calls[0], len(responses) - 1)
            calls[0] += 1
        return responses[index]

    return route


def redirect(location: str, status: int = 302) -> Route:
    return page(b"", status, Location=location)


class FixtureSite:
    """One server thread; `routes` maps a path (with query) to a route; `hits` logs paths."""

    def __init__(self, routes: dict[str, Route]) -> None:
        self.routes = routes
        self.hits: list[str] = []
        self._closed = False
        self._lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            timeout = 5

            def do_GET(self) -> None:
                with site._lock:
                    site.hits.append(self.path)
                route = site.routes.get(self.path)
                request = Request(self.path, {k.lower(): v for k, v in self.headers.items()})
                response = route(request) if route else Response(404, b"not found")
                try:
                    self.send_response(response.status)
                    for name, value in response.headers.items():
                        self.send_header(name, value)
                    if response.content_length:
                        self.send_header("Content-Length", str(len(response.body)))
                    self.send_header("Connection", "close")
                    self.end_headers()
                    self.wfile.write(response.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client stopped reading (max_bytes)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self._thread.start()

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def hits_for(self, path: str) -> int:
        with self._lock:
            return self.hits.count(path)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.server.shutdown()
        self.server.server_close()
        self._thread.join(timeout=5)
        assert not self._thread.is_alive()


class FakeTime:
    """An injectable clock and sleep: sleeping records the wait and advances the clock."""

    def __init__(self, advance: bool = True) -> None:
        self.now = 1000.0
        self.advance = advance
        self.waits: list[float] = []
        self._lock = threading.Lock()

    def clock(self) -> float:
        with self._lock:
            return self.now

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self.waits.append(seconds)
            if self.advance:
                self.now += seconds


ROBOTS = """\
User-agent: edureports
Disallow: /private/

User-agent: *
Disallow: /
"""


@pytest.fixture(scope="session")
def site() -> Iterator[FixtureSite]:
    server = FixtureSite({"/robots.txt": page(ROBOTS, Content_Type="text/plain")})
    yield server
    server.close()


@pytest.fixture
def make_site() -> Iterator[Callable[[dict[str, Route]], FixtureSite]]:
    started: list[FixtureSite] = []

    def start(routes: dict[str, Route]) -> FixtureSite:
        server = FixtureSite(routes)
        started.append(server)
        return server

    yield start
    for server in started:
        server.close()


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()
