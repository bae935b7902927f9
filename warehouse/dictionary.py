"""The data dictionary (docs/data-dictionary.md), rendered from the schema's comments.

Regenerate with:  .venv/bin/python -m warehouse.dictionary > docs/data-dictionary.md
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import duckdb

from warehouse.db import SUPPORT_TABLES, TABLES, VIEWS, connect_writer

HEADER = """# Data dictionary

Generated from the COMMENTs in `warehouse/schema/*.sql` by
`.venv/bin/python -m warehouse.dictionary > docs/data-dictionary.md`; a test fails when it is stale.
The DuckDB file is `<data>/warehouse.duckdb`; each table (but `schema_version`) and the marts
`indicator_series`, `metric_provenance` and `coverage` are also Parquet datasets under
`<data>/parquet/<name>/` (`reports` and `metrics` hive-partitioned by `year`, which the files
keep too).
"""


def render_data_dictionary(con: duckdb.DuckDBPyConnection) -> str:
    """Markdown: one section per table and view, with its grain and a row per column."""
    out = [HEADER]
    comments = dict(
        con.execute(
            "select table_name, comment from duckdb_tables() "
            "union all select view_name, comment from duckdb_views() where not internal"
        ).fetchall()
    )
    for kind, names in (("table", (*TABLES, *SUPPORT_TABLES, "schema_version")), ("view", VIEWS)):
        for name in names:
            out.append(f"## `{name}` ({kind})\n\n{comments.get(name) or ''}\n")
            out.append("| column | type | null | description |\n|---|---|---|---|")
            rows = con.execute(
                "select column_name, data_type, is_nullable, comment from duckdb_columns() "
                "where table_name = ? order by column_index",
                [name],
            ).fetchall()
            for column, dtype, nullable, comment in rows:
                null = "yes" if nullable else "no"
                text = (comment or "").replace("|", "\\|")
                out.append(f"| `{column}` | {dtype} | {null} | {text} |")
            out.append("")
    return "\n".join(out)


def main() -> None:
    """Print the data dictionary of a fresh warehouse."""
    with tempfile.TemporaryDirectory() as tmp:
        con = connect_writer(Path(tmp))
        try:
            sys.stdout.write(render_data_dictionary(con))
        finally:
            con.close()


if __name__ == "__main__":
    main()
