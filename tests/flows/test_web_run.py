"""`edureports run --config` against a troubled site on 127.0.0.1, three times."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import edureports
from tests.flows.fixture_site import config_for, serve_fixture_site
from tests.flows.site import html_page

pytestmark = pytest.mark.slow
GOOD = [
    "utf8.html",
    "gbk.html",
    "gbk-undeclared.html",
    "big5.html",
    "flaky.html",
    "ratelimited.html",
    "r.pdf",
    "r.docx",
]


def query(data: Path, sql: str) -> list[dict[str, object]]:
    result = edureports("query", sql, "--data", str(data), "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def snapshot(data: Path) -> list[dict[str, object]]:
    return query(
        data,
        "select (select md5(string_agg(doc_id || content_sha256 || text_sha256, '|' order by doc_id)) from documents) d, "
        "(select md5(string_agg(metric_id || value_text, '|' order by metric_id)) from metrics) m, "
        "(select count(*) from reports) r",
    )


def test_a_troubled_site_end_to_end(tmp_path: Path) -> None:
    data = tmp_path / "data"
    config = tmp_path / "sources.yaml"
    with serve_fixture_site() as site:
        config.write_text(config_for(site), encoding="utf-8")
        first = edureports("run", "--config", str(config), "--data", str(data))
        assert first.returncode == 0, first.stdout[-2000:] + first.stderr[-3000:]
        assert "Traceback" not in first.stdout + first.stderr

        # every good report is in the warehouse, with its figures
        docs = {
            str(r["uri"]).rsplit("/", 1)[1]: r
            for r in query(data, "select uri, quality, script from documents")
        }
        for name in GOOD:
            assert name in docs, name
        assert docs["big5.html"]["script"] == "traditional"
        figures = query(
            data,
            "select d.uri, count(*) n from metrics m join documents d using (doc_id) group by d.uri",
        )
        with_figures = {str(r["uri"]).rsplit("/", 1)[1] for r in figures}
        assert {"utf8.html", "gbk.html", "gbk-undeclared.html", "r.pdf"} <= with_figures

        # the moved page is one document, reached from both of its URLs
        moved = query(
            data,
            "select u.url, d.uri from document_urls u join documents d using (doc_id) "
            "where d.uri like '%/utf8.html' order by u.url",
        )
        assert [
            (str(r["url"]).split("/", 3)[3], str(r["uri"]).split("/", 3)[3]) for r in moved
        ] == [
            ("old/utf8.html", "reports/utf8.html"),
            ("reports/utf8.html", "reports/utf8.html"),
        ]

        # every bad URL is in quarantine with its reason
        reasons = {
            str(r["uri"]).rsplit("/", 1)[1]: r["reason"]
            for r in query(data, "select uri, reason from quarantine")
        }
        assert reasons["secret.html"] == "robots_disallowed"
        assert reasons["slow.html"] == "timeout"
        assert reasons["huge.html"] == "too_large"
        assert reasons["a.html"] == "too_many_redirects"
        assert reasons["elsewhere.html"] == "host_not_allowed"
        assert not set(GOOD) & set(reasons)

        # nothing fetched that robots.txt or the host rules forbid
        assert "/private/secret.html" not in site.requests
        assert "/reports/elsewhere.html" not in site.requests
        # the flaky page needed three tries, the rate-limited one two
        assert site.requests["/flaky.html"] == 3 and site.requests["/ratelimited.html"] == 2

        # a second run downloads nothing new and changes no rows
        before, downloads = snapshot(data), dict(site.ok)
        second = edureports("run", "--config", str(config), "--data", str(data))
        assert second.returncode == 0, second.stderr[-3000:]
        assert snapshot(data) == before
        for path in (
            "/reports/utf8.html",
            "/reports/gbk.html",
            "/files/r.pdf",
            "/files/r.docx",
            "/flaky.html",
        ):
            assert site.ok[path] == downloads[path], path  # answered 304, not downloaded again
        assert "0 new, 0 updated" in second.stdout

        # the site changes one page: only that page is processed again
        content_type, _ = site.pages["/reports/gbk.html"]
        site.pages["/reports/gbk.html"] = (
            content_type,
            html_page("交流发言", "全市共有各级各类学校1234所，在校学生56万人。" * 10).encode(
                "gbk"
            ),
        )
        third = edureports("run", "--config", str(config), "--data", str(data))
        assert third.returncode == 0, third.stderr[-3000:]
        assert "0 new, 1 updated" in third.stdout and "1 reports" in third.stdout
        versions = query(
            data,
            "select count(*) n from document_versions where doc_id in (select doc_id from documents where uri like '%/gbk.html')",
        )
        assert versions == [{"n": 2}]
