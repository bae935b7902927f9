"""Every query of docs/queries.md runs against the warehouse built from samples/."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from tests.conftest import SampleWarehouse

DOC = Path(__file__).resolve().parents[2] / "docs" / "queries.md"
QUERIES = re.findall(r"```sql\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)


def test_the_cookbook_has_at_least_eight_questions() -> None:
    assert len(QUERIES) >= 8


@pytest.mark.slow
@pytest.mark.parametrize("sql", QUERIES, ids=[f"q{i + 1}" for i in range(len(QUERIES))])
def test_cookbook_query_runs(sample_warehouse: SampleWarehouse, sql: str) -> None:
    con = duckdb.connect(str(sample_warehouse.data / "warehouse.duckdb"), read_only=True)
    try:
        con.execute(sql).fetchall()
    finally:
        con.close()
