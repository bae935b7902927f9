"""A site written by `edureports report` from the warehouse of the bundled samples."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.conftest import SampleWarehouse, edureports
from warehouse.db import connect_reader


@dataclass(frozen=True)
class SampleSite:
    """The site folder and the command's output."""

    root: Path
    command: subprocess.CompletedProcess[str]


@pytest.fixture(scope="session")
def sample_site(
    sample_warehouse: SampleWarehouse, tmp_path_factory: pytest.TempPathFactory
) -> SampleSite:
    out = tmp_path_factory.mktemp("site") / "site"
    result = edureports("report", "--data", str(sample_warehouse.data), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return SampleSite(out, result)


def query(warehouse: SampleWarehouse, sql: str) -> list[dict[str, object]]:
    """Rows of `sql` on the sample warehouse, in this process (faster than the CLI)."""
    con = connect_reader(warehouse.data)
    try:
        cursor = con.execute(sql)
        columns = [d[0] for d in cursor.description or []]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    finally:
        con.close()


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in ("href", "src"):
                self.links.append(value)
            elif name == "id":
                self.ids.add(value)


def parse_page(path: Path) -> tuple[list[str], set[str]]:
    """The href/src values and the element ids of an HTML file."""
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.links, parser.ids


def broken_links(root: Path) -> list[str]:
    """Relative links of every page under `root` whose file or #anchor does not exist."""
    ids: dict[Path, set[str]] = {}
    links: dict[Path, list[str]] = {}
    for page in root.rglob("*.html"):
        links[page], ids[page] = parse_page(page)
    broken = []
    for page, hrefs in links.items():
        for href in hrefs:
            parts = urlsplit(href)
            if parts.scheme or (href.startswith("#") and not href[1:]):
                continue  # a source URI (file://, http://) or a bare "#"
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if not target.exists():
                broken.append(f"{page.relative_to(root)} → {href}")
            elif parts.fragment and target.suffix == ".html":
                known = ids.get(target) or parse_page(target)[1]
                if parts.fragment not in known:
                    broken.append(f"{page.relative_to(root)} → {href} (no such anchor)")
    return broken
