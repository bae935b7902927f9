"""Helpers shared by the transforms tests: one page through clean and extract."""

from __future__ import annotations

from datetime import UTC, datetime

from transforms.clean import clean_items
from transforms.decode import DecodedItem, decode_bytes
from transforms.extract import Resources, extract_records
from transforms.records import MetricRow, Records

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def extract_page(page: str, resources: Resources, uri: str = "file:///tmp/page.txt") -> Records:
    """The rows of one page written as text, as a run would extract them."""
    item = DecodedItem(uri, NOW, "sha", decode_bytes(page.encode("utf-8")))
    cleaned, failed = clean_items([item], resources.rules, NOW)
    assert not failed
    return extract_records(cleaned, resources, NOW)


def figures_of(page: str, resources: Resources) -> dict[str, MetricRow]:
    """The page's metric rows by the figure as written."""
    return {m.value_text: m for m in extract_page(page, resources).metrics}
