"""A small report site for end-to-end tests, served on 127.0.0.1 from a thread."""

from __future__ import annotations

import hashlib
import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.conftest import sample_text


def report_pdf(text: str) -> bytes:
    """A PDF with a text layer holding `text` (Chinese via a built-in CID font)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.setFont("STSong-Light", 10)
    y = 800
    for line in text.splitlines():
        for start in range(0, len(line), 40):
            page.drawString(40, y, line[start : start + 40])
            y -= 14
            if y < 40:
                page.showPage()
                page.setFont("STSong-Light", 10)
                y = 800
    page.save()
    return buffer.getvalue()


def html_page(title: str, body: str) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n") if p.strip())
    return (
        f'<html><head><meta charset="gbk"><title>{title}_某某市教育局</title></head><body>'
        '<ul class="nav"><li>首页</li><li>政务公开</li><li>办事服务</li><li>互动交流</li></ul>'
        f"<h1>{title}</h1><div class='info'>发布时间：2024-03-01 来源：市教育局</div>"
        f"<div class='article'>{paragraphs}</div>"
        "<div class='footer'>主办单位：某某市教育局 网站标识码：1234567890</div></body></html>"
    )


def site_routes() -> dict[str, tuple[str, bytes]]:
    """path → (content type, body)."""
    report = max(sample_text("002").splitlines(), key=len)  # the report paragraph of seed 002
    attachment = "某市2023年教育事业发展统计公报\n全市共有各级各类学校85所，专任教师4108人。\n学前三年毛入园率达到92.5%。"
    listing = (
        '<html><head><meta charset="utf-8"></head><body><ul>'
        '<li><a href="/reports/1.html">交流发言</a></li>'
        '<li><a href="/reports/2.html">统计公报</a></li>'
        '<li><a href="/private/3.html">内部</a></li>'
        "</ul></body></html>"
    )
    return {
        "/robots.txt": ("text/plain", b"User-agent: *\nDisallow: /private/\n"),
        "/list.html": ("text/html; charset=utf-8", listing.encode()),
        "/reports/1.html": (
            "text/html",
            html_page("市教育局党组书记在全省教育工作会议上的交流发言", report).encode("gbk"),
        ),
        "/reports/2.html": (
            "text/html",
            html_page(
                "2023年教育统计公报", '全文见附件：<a href="/files/bulletin.pdf">统计公报.pdf</a>'
            ).encode("gbk"),
        ),
        "/files/bulletin.pdf": ("application/pdf", report_pdf(attachment)),
        "/private/3.html": ("text/html", b"<html><body>secret</body></html>"),
    }


@contextmanager
def serve_site() -> Iterator[tuple[str, dict[str, int]]]:
    """(base URL, hits per path) of the site while the context lasts; honours If-None-Match."""
    routes = site_routes()
    hits: dict[str, int] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits[self.path] = hits.get(self.path, 0) + 1
            if self.path not in routes:
                self.send_error(404)
                return
            content_type, body = routes[self.path]
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("ETag", etag)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", hits
    finally:
        server.shutdown()
        server.server_close()
