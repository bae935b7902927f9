"""A report site with every kind of trouble, served on 127.0.0.1 for end-to-end tests."""

from __future__ import annotations

import hashlib
import io
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tests.flows.site import html_page, report_pdf

GOLDEN = Path(__file__).resolve().parents[1] / "transforms" / "cases" / "golden"


def golden(name: str) -> str:
    """A seed report's cleaned text (title line dropped)."""
    return (GOLDEN / name).read_text(encoding="utf-8").split("\n", 1)[1]


def report_docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def listing(links: list[str], next_link: str | None = None) -> bytes:
    items = "".join(f'<li><a href="{href}">{href}</a></li>' for href in links)
    more = f'<a class="next" href="{next_link}">下一页</a>' if next_link else ""
    return f'<html><head><meta charset="utf-8"></head><body><ul>{items}</ul>{more}</body></html>'.encode()


class Site:
    """Routes (path → handler result) with mutable content and per-path counts of 200s."""

    def __init__(self) -> None:
        import opencc

        big5_text = opencc.OpenCC("s2t").convert(golden("001-2.txt")[:3000])
        self.pages: dict[str, tuple[str, bytes]] = {
            "/robots.txt": ("text/plain", b"User-agent: *\nDisallow: /private/\n"),
            "/reports/utf8.html": (
                "text/html; charset=utf-8",
                html_page("工作报告一", golden("001-1.txt"))
                .replace('charset="gbk"', 'charset="utf-8"')
                .encode(),
            ),
            "/reports/gbk.html": (
                "text/html",
                html_page("交流发言", golden("002-1.txt")).encode("gbk"),
            ),
            "/reports/gbk-undeclared.html": (
                "text/html",
                html_page("调研报告", golden("000-1.txt"))
                .replace('<meta charset="gbk">', "")
                .encode("gbk"),
            ),
            "/reports/big5.html": (
                "text/html",
                html_page("工作報告", big5_text)
                .replace('charset="gbk"', 'charset="big5"')
                .encode("big5", errors="replace"),
            ),
            "/reports/pdf-page.html": (
                "text/html",
                html_page("巡察反馈", '全文见附件：<a href="/files/r.pdf">附件.pdf</a>').encode(
                    "gbk"
                ),
            ),
            "/reports/docx-page.html": (
                "text/html",
                html_page("巡察回访", '全文见附件：<a href="/files/r.docx">附件.docx</a>').encode(
                    "gbk"
                ),
            ),
            "/files/r.pdf": ("application/pdf", report_pdf(golden("003-1.txt")[4000:5500])),
            "/files/r.docx": (
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                report_docx(golden("001-4.txt")),
            ),
            "/flaky.html": (
                "text/html",
                html_page("资助工作自评报告", golden("001-3.txt")[:4000]).encode("gbk"),
            ),
            "/ratelimited.html": (
                "text/html",
                html_page("履行教育职责报告", golden("003-1.txt")[:4000]).encode("gbk"),
            ),
            "/huge.html": (
                "text/html",
                b"<html><body>" + "很长".encode() * 700_000 + b"</body></html>",
            ),
            "/slow.html": ("text/html", b"<html><body>slow</body></html>"),
            "/private/secret.html": ("text/html", b"<html><body>secret</body></html>"),
        }
        self.ok: dict[str, int] = {}
        self.requests: dict[str, int] = {}
        self.base = ""

    def listing(self, path: str) -> bytes | None:
        first = [
            "/reports/utf8.html",
            "/old/utf8.html",  # moved: answers 301 to the page above, linked beside it
            "/reports/gbk.html",
            "/reports/gbk-undeclared.html",
            "/reports/big5.html",
            "/private/secret.html",
            "/flaky.html",
            "/ratelimited.html",
            "/slow.html",
            "/huge.html",
            "/loop/a.html",
            self.base.replace("127.0.0.1", "localhost") + "/reports/elsewhere.html",
        ]
        if path == "/list.html":
            return listing(first, "/list-2.html")
        if path == "/list-2.html":
            return listing(["/reports/pdf-page.html", "/reports/docx-page.html"])
        return None


@contextmanager
def serve_fixture_site() -> Iterator[Site]:
    site = Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = self.path
            site.requests[path] = site.requests.get(path, 0) + 1
            n = site.requests[path]
            if path == "/flaky.html" and n <= 2:
                self.send_error(500)
                return
            if path == "/ratelimited.html" and n == 1:
                self.send_response(429)
                self.send_header("Retry-After", "1")
                self.end_headers()
                return
            if path == "/slow.html":
                time.sleep(3)
            if path == "/old/utf8.html":
                self.send_response(301)
                self.send_header("Location", "/reports/utf8.html")
                self.end_headers()
                return
            if path.startswith("/loop/"):
                self.send_response(302)
                self.send_header(
                    "Location", "/loop/b.html" if path == "/loop/a.html" else "/loop/a.html"
                )
                self.end_headers()
                return
            page = site.listing(path)
            if page is not None:
                content_type, body = "text/html; charset=utf-8", page
            elif path in site.pages:
                content_type, body = site.pages[path]
            else:
                self.send_error(404)
                return
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            site.ok[path] = site.ok.get(path, 0) + 1
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("ETag", etag)
            self.end_headers()
            with suppress(BrokenPipeError, ConnectionResetError):  # the client gave up (too large)
                self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()


def config_for(site: Site) -> str:
    return (
        "sources:\n"
        "  - name: troubled-bureau\n"
        "    kind: web\n"
        f"    start_urls: ['{site.base}/list.html']\n"
        "    next_selector: a.next\n"
        "    report_url_pattern: '/(reports|old|private|flaky|ratelimited|slow|huge|loop)'\n"
        "    allow_private: true   # the fixture site is on 127.0.0.1\n"
        "    requests_per_second: 100\n"
        "    read_timeout: 1\n"
        "    max_bytes: 1000000\n"
    )
