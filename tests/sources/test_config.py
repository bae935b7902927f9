from __future__ import annotations

from pathlib import Path

import pytest

from sources.config import ConfigError, read_sources, source_for_url

GOOD = """\
sources:
  - name: samples
    kind: local
    path: samples
  - name: bureau
    kind: web
    start_urls: ["https://jyj.example.gov.cn/list.html"]
    report_url_pattern: "/t\\\\d+\\\\.html$"
    max_pages: 3
    requests_per_second: 0.5
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_file_gives_local_and_web_sources(tmp_path: Path) -> None:
    local, web = read_sources(write(tmp_path, GOOD))
    assert local.kind == "local" and local.path == (tmp_path / "samples").resolve()
    assert web.start_urls == ("https://jyj.example.gov.cn/list.html",)
    assert web.max_pages == 3 and web.requests_per_second == 0.5 and web.obey_robots


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("max_pages: 3", "max_pages: many"), ":9: field 'max_pages' must be a int"),
        (("max_pages: 3", "max_page: 3"), ":9: unknown field 'max_page'"),
        (("kind: web", "kind: ftp"), ":6: field 'kind' must be 'local' or 'web'"),
        (
            (
                'start_urls: ["https://jyj.example.gov.cn/list.html"]',
                'start_urls: ["ftp://x/list"]',
            ),
            ":7: start_urls entry 'ftp://x/list' is not http(s)",
        ),
        (
            ('report_url_pattern: "/t\\\\d+\\\\.html$"', 'report_url_pattern: "(unclosed"'),
            ":8: field 'report_url_pattern' is not a valid regex",
        ),
        (("    path: samples\n", ""), ":2: local source lacks the field 'path'"),
        (("name: bureau", "name: samples"), ":5: source name 'samples' is used more than once"),
        (("sources:", "sources: ["), "not valid YAML"),
    ],
)
def test_a_malformed_file_names_the_line_and_the_field(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    path = write(tmp_path, GOOD.replace(*change))
    with pytest.raises(ConfigError) as caught:
        read_sources(path)
    assert str(caught.value).startswith(str(path)) and message in str(caught.value)


def test_a_url_on_the_command_line_is_one_page_on_its_own_host() -> None:
    spec = source_for_url("https://jyj.example.gov.cn/a/t1.html")
    assert spec.pages == ("https://jyj.example.gov.cn/a/t1.html",) and spec.allowed_hosts == (
        "jyj.example.gov.cn",
    )


def test_the_packaged_sources_file_reads() -> None:
    (samples,) = read_sources(Path(__file__).resolve().parents[2] / "sources.yaml")
    assert samples.path is not None and samples.path.name == "samples"
