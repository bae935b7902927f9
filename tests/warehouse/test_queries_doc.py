"""Every query of docs/queries.md runs against the warehouse built from samples/ and answers
with rows: an example that answers nothing on the bundled samples teaches nothing."""

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
def test_cookbook_query_returns_rows(sample_warehouse: SampleWarehouse, sql: str) -> None:
    con = duckdb.connect(str(sample_warehouse.data / "warehouse.duckdb"), read_only=True)
    try:
        rows = con.execute(sql).fetchall()
    finally:
        con.close()
    assert rows, f"no rows on the samples: pick an example they can answer\n{sql}"


def test_the_cookbook_covers_the_conflict_and_target_views() -> None:
    text = "\n".join(QUERIES)
    assert "from indicator_conflicts" in text and "from indicator_targets" in text
