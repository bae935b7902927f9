"""decode → clean → extract on the reference input give the reference rows, column for
column (the columns the transforms write; the warehouse adds its own). The fast twin of
tests/flows/test_exact_output.py, for optimising the transforms."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from sources.local import list_files, read_files
from sources.web import readable_items
from tests.flows.reference_output import INPUTS, canonical_tables, first_differences, read_reference
from transforms.clean import clean_items
from transforms.decode import decode_items
from transforms.extract import extract_records, load_resources

NOW = datetime(2026, 1, 1, tzinfo=UTC)
# Columns the warehouse sets when it loads (duplicates across pages, corrections).
SET_BY_THE_WAREHOUSE = {"duplicate_of"}


@pytest.fixture(scope="module")
def extracted() -> dict[str, list[str]]:
    raw = list(read_files(list_files(INPUTS)))
    readable, unreadable = readable_items(raw, NOW)
    assert not unreadable
    decoded, failed = decode_items(readable, NOW)
    cleaned, unclean = clean_items(decoded, load_resources().rules, NOW)
    assert not failed and not unclean
    records = extract_records(cleaned, load_resources(), NOW)
    return canonical_tables(records.as_tables())


def projected(lines: list[str], keys: set[str]) -> list[str]:
    """The reference rows with only the columns the transforms write."""
    rows = (json.loads(line) for line in lines)
    return sorted(
        json.dumps(
            {k: v for k, v in row.items() if k in keys},
            ensure_ascii=False,
            sort_keys=True,
            separators=(",", ":"),
        )
        for row in rows
    )


@pytest.mark.parametrize("table", ["documents", "reports", "metrics", "terms"])
def test_transforms_give_the_reference_rows(extracted: dict[str, list[str]], table: str) -> None:
    reference = read_reference()[table]
    # the columns both sides have (documents' text goes to document_versions, not documents)
    keys = {k for line in extracted[table] for k in json.loads(line)}
    keys &= {k for line in reference for k in json.loads(line)}
    got = projected(extracted[table], keys - SET_BY_THE_WAREHOUSE)
    want = projected(reference, keys - SET_BY_THE_WAREHOUSE)
    assert got == want, first_differences(got, want)
