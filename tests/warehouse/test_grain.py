"""Data tests on the warehouse built from samples/: each table's grain, keys, accepted
values and relationships, as DESIGN.md's data contract states them.

Each check is a query that counts violations; every one must count zero.
"""

from __future__ import annotations

from collections.abc import Iterator

import duckdb
import pytest

from tests.conftest import SampleWarehouse

GRAIN = {
    "documents": "doc_id",
    "reports": "report_id",
    "metrics": "metric_id",
    "terms": "report_id, term",
    "quarantine": "uri, stage, reason",
}
ACCEPTED = {
    ("metrics", "kind"): ("level", "change_abs", "change_pct", "change_pp"),
    ("reports", "region_level"): ("national", "province", "city", "county", "district"),
    ("metrics", "region_level"): ("national", "province", "city", "county", "district"),
    ("documents", "quality"): ("ok", "low", "rejected"),
    ("documents", "script"): ("simplified", "traditional"),
}
RELATIONSHIPS = [  # (child table, column) → (parent table, column)
    ("reports", "doc_id", "documents", "doc_id"),
    ("metrics", "report_id", "reports", "report_id"),
    ("metrics", "doc_id", "documents", "doc_id"),
    ("terms", "report_id", "reports", "report_id"),
    ("documents", "duplicate_of", "documents", "doc_id"),
]
INVARIANTS = {
    "offsets slice value_text out of the report": """
        select count(*) from metrics as m inner join reports as r using (report_id)
        where substr(r.text, m.char_start + 1, m.char_end - m.char_start) <> m.value_text""",
    "masked figures have no value": "select count(*) from metrics where masked and value is not null",
    "a metric's region and year are its report's unless a scope says why": """
        select count(*) from metrics as m inner join reports as r using (report_id)
        where (m.region_name is distinct from r.region_name or m.year is distinct from r.year)
            and m.attribution is null""",
    "term counts are positive": "select count(*) from terms where count < 1",
}


@pytest.fixture(scope="module")
def con(sample_warehouse: SampleWarehouse) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect(str(sample_warehouse.data / "warehouse.duckdb"), read_only=True)
    yield connection
    connection.close()


def violations(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    row = con.execute(sql).fetchone()
    assert row is not None
    return int(row[0])


@pytest.mark.slow
@pytest.mark.parametrize(("table", "key"), GRAIN.items(), ids=list(GRAIN))
def test_one_row_per_grain(con: duckdb.DuckDBPyConnection, table: str, key: str) -> None:
    assert violations(con, f"select count(*) from {table}") > 0 or table == "quarantine"
    repeated = f"select count(*) from (select {key} from {table} group by all having count(*) > 1)"
    assert violations(con, repeated) == 0


@pytest.mark.slow
@pytest.mark.parametrize(("where", "values"), ACCEPTED.items(), ids=[".".join(k) for k in ACCEPTED])
def test_accepted_values(
    con: duckdb.DuckDBPyConnection, where: tuple[str, str], values: tuple[str, ...]
) -> None:
    table, column = where
    listed = ", ".join(f"'{v}'" for v in values)
    assert violations(con, f"select count(*) from {table} where {column} not in ({listed})") == 0


@pytest.mark.slow
@pytest.mark.parametrize(
    ("child", "column", "parent", "key"),
    RELATIONSHIPS,
    ids=[f"{r[0]}.{r[1]}" for r in RELATIONSHIPS],
)
def test_relationships(
    con: duckdb.DuckDBPyConnection, child: str, column: str, parent: str, key: str
) -> None:
    orphans = f"""
        select count(*) from {child} as c
        where c.{column} is not null
            and not exists (select 1 from {parent} as p where p.{key} = c.{column})"""
    assert violations(con, orphans) == 0


@pytest.mark.slow
@pytest.mark.parametrize("sql", INVARIANTS.values(), ids=list(INVARIANTS))
def test_row_invariants(con: duckdb.DuckDBPyConnection, sql: str) -> None:
    assert violations(con, sql) == 0
