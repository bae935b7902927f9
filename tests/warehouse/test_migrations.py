from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from warehouse.db import (
    WarehouseError,
    connect_writer,
    latest_version,
    migrations,
    schema_version,
)

CASES = Path(__file__).with_name("cases")


def columns(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str, str]]:
    return con.execute(
        "select table_name, column_name, data_type, is_nullable from information_schema.columns "
        "where table_schema = 'main' order by all"
    ).fetchall()


def constraints(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str]]:
    return con.execute(
        "select table_name, constraint_type, constraint_text from duckdb_constraints() "
        "where schema_name = 'main' order by all"
    ).fetchall()


def make_v1(data: Path) -> None:
    data.mkdir(parents=True)
    con = duckdb.connect(str(data / "warehouse.duckdb"))
    con.execute((CASES / "schema_v1.sql").read_text(encoding="utf-8"))
    con.execute(
        "insert into documents values ('d1', 'file:///a.txt', null, '2021-01-01 00:00:00', null, 'T', "
        "'utf-8', 'simplified', 'ok', [], null, 'c', 't', 10, 0)"
    )
    con.close()


def test_an_older_warehouse_is_upgraded_in_place(tmp_path: Path) -> None:
    old = tmp_path / "old"
    make_v1(old)
    con = connect_writer(old)
    assert schema_version(con) == latest_version() >= 2
    # the data survived and the new column was filled from what was there
    assert con.execute("select doc_id, first_seen_at::varchar from documents").fetchall() == [
        ("d1", "2021-01-01 00:00:00")
    ]
    versions = con.execute("select version, note from schema_version order by version").fetchall()
    # every migration ran once, in order
    assert [v for v, _ in versions] == [v for v, _ in migrations()]
    fresh = connect_writer(tmp_path / "fresh")
    assert columns(con) == columns(fresh)
    assert constraints(con) == constraints(fresh)
    kept = [(table, kind) for table, kind, _ in constraints(con)]
    assert ("documents", "PRIMARY KEY") in kept and ("terms", "PRIMARY KEY") not in kept  # v3


def test_a_new_warehouse_starts_at_the_latest_version(tmp_path: Path) -> None:
    con = connect_writer(tmp_path)
    assert con.execute("select version, note from schema_version").fetchall() == [
        (latest_version(), "created")
    ]
    con.close()
    assert schema_version(connect_writer(tmp_path)) == latest_version()


def test_a_newer_warehouse_is_refused_not_rebuilt(tmp_path: Path) -> None:
    con = connect_writer(tmp_path)
    con.execute("insert into schema_version values (999, now()::timestamp, 'future')")
    con.close()
    with pytest.raises(WarehouseError, match="newer"):
        connect_writer(tmp_path)


def test_a_current_warehouse_is_not_migrated_again(tmp_path: Path) -> None:
    connect_writer(tmp_path).close()
    con = connect_writer(tmp_path)
    con.execute("drop view indicator_series")  # applying the schema would bring it back
    con.close()
    con = connect_writer(tmp_path)
    views = {r[0] for r in con.execute("select view_name from duckdb_views()").fetchall()}
    assert "indicator_series" not in views
    con.execute("update schema_files set digest = 'old'")  # files changed since: applied again
    con.close()
    con = connect_writer(tmp_path)
    views = {r[0] for r in con.execute("select view_name from duckdb_views()").fetchall()}
    assert "indicator_series" in views
    con.close()
