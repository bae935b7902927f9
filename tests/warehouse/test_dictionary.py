from __future__ import annotations

from pathlib import Path

from warehouse.db import connect_writer
from warehouse.dictionary import render_data_dictionary

DOC = Path(__file__).resolve().parents[2] / "docs" / "data-dictionary.md"


def test_data_dictionary_is_current(tmp_path: Path) -> None:
    rendered = render_data_dictionary(connect_writer(tmp_path))
    assert DOC.read_text(encoding="utf-8") == rendered, (
        "docs/data-dictionary.md is stale: "
        "run .venv/bin/python -m warehouse.dictionary > docs/data-dictionary.md"
    )


def test_every_table_view_and_column_has_a_comment(tmp_path: Path) -> None:
    con = connect_writer(tmp_path)
    missing_tables = con.execute(
        "select table_name from duckdb_tables() where comment is null or comment = '' "
        "union all select view_name from duckdb_views() where not internal and (comment is null or comment = '')"
    ).fetchall()
    missing_columns = con.execute(
        "select table_name, column_name from duckdb_columns() where internal = false "
        "and (comment is null or comment = '')"
    ).fetchall()
    assert missing_tables == [] and missing_columns == []
