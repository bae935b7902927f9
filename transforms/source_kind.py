"""Who published a page: an official site, a news outlet, a document-sharing site, other.

Read from the page's web address and its chrome (transforms/source_kinds.yaml): the
warehouse ranks reports that disagree by it (indicator_series prefers a statistical
bulletin, then a work report, then news, then a document-sharing copy).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from transforms.data_files import read_yaml

SOURCE_KINDS_FILE = Path(__file__).with_name("source_kinds.yaml")


@cache
def _kinds(
    path: Path = SOURCE_KINDS_FILE,
) -> tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]:
    data = read_yaml(path) or {}
    return tuple(
        (kind, tuple(spec.get("hosts") or ()), tuple(spec.get("markers") or ()))
        for kind, spec in data.items()
    )


def source_kind(page_url: str | None, chrome: tuple[str, ...], text: str) -> str:
    """official, news, sharing or other."""
    host = (urlsplit(page_url).hostname or "") if page_url else ""
    edges = "\n".join((*chrome, text[:300], text[-300:]))
    for kind, hosts, _ in _kinds():
        if host and any(host == h or host.endswith("." + h) for h in hosts):
            return kind
    for kind, _, markers in _kinds():
        if any(m in edges for m in markers):
            return kind
    return "other"
