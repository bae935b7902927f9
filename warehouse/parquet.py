"""Parquet datasets of the warehouse tables, replaced atomically after each run."""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

import duckdb

from warehouse.db import TABLES

PARTITIONED = {"reports": "year", "metrics": "year"}
ORDER = {
    "documents": "doc_id",
    "reports": "report_id",
    "metrics": "metric_id",
    "terms": "report_id, term",
    "quarantine": "uri, stage, reason",
}


def export_parquet(con: duckdb.DuckDBPyConnection, data_dir: Path) -> dict[str, Path]:
    """Write every table to <data>/parquet/<table>/ (zstd; hive-partitioned by year where set).

    An empty table is written as one empty file, so readers still find its schema.
    Each dataset is written beside the old one and swapped in with a rename, so a reader
    sees either the previous dataset or the new one, never half of one.
    """
    root = data_dir / "parquet"
    root.mkdir(parents=True, exist_ok=True)
    out: dict[str, Path] = {}
    for table in TABLES:
        final = root / table
        staging = root / f".{table}.{uuid.uuid4().hex}.tmp"
        options = ["format parquet", "compression zstd"]
        row = con.execute(f"select count(*) from {table}").fetchone()
        if table in PARTITIONED and row and row[0]:
            options.append(f"partition_by ({PARTITIONED[table]})")
            target = staging
        else:
            staging.mkdir(parents=True)
            target = staging / "part-0.parquet"
        con.execute(
            f"copy (select * from {table} order by {ORDER[table]}) to '{target}' "
            f"({', '.join(options)})"
        )
        _swap(staging, final)
        out[table] = final
    return out


def _swap(staging: Path, final: Path) -> None:
    old = final.with_name(f".{final.name}.{uuid.uuid4().hex}.old")
    if final.exists():
        final.rename(old)
    staging.rename(final)
    shutil.rmtree(old, ignore_errors=True)
