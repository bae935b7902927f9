"""Parquet datasets of the warehouse tables, replaced after each run, in a folder or on S3."""

from __future__ import annotations

import re
import shutil
import tempfile
import uuid
from pathlib import Path

import duckdb
import pyarrow.fs as pafs

from warehouse.db import TABLES
from warehouse.lake import Lake

PARTITIONED = {"reports": "year", "metrics": "year"}
EXPORTED: tuple[str, ...] = (*TABLES, "indicators")
"""Datasets written to Parquet: the data tables and the indicator catalog."""
# Rows per Parquet row group where rows are large: a partitioned COPY buffers a row group
# per partition and thread, and 122,880 reports of ~14 KB (DuckDB's default) outgrew the
# writer's memory limit on 1 GB of input.
ROW_GROUP_SIZE = {"reports": 2048, "metrics": 32768}
# Tables whose rows carry long text, with that column. DuckDB 2.0 sorts such rows in memory
# (about three times their bytes, it does not spill them), so these tables are written in
# slices of consecutive keys, each small enough to sort under the connection's memory limit.
WIDE = {"reports": "text"}
SLICE_SHARE = 8  # a slice holds at most 1/SLICE_SHARE of the memory limit in text bytes
ORDER = {
    "documents": "doc_id",
    "reports": "report_id",
    "metrics": "metric_id",
    "terms": "report_id, term",
    "quarantine": "uri, stage, reason",
    "indicators": "code",
}


def export_parquet(con: duckdb.DuckDBPyConnection, lake: Path | Lake) -> dict[str, str]:
    """Write every table to <lake>/parquet/<table>/ (zstd; hive-partitioned by year where set).

    `lake` is a data folder or a Lake (folder or S3). Returns where each dataset is.
    An empty table is written as one empty file, so readers still find its schema.

    In a folder, each dataset is written beside the old one and swapped in with a rename, so
    a reader sees either the previous dataset or the new one, never half of one.

    On S3 there is no rename. The new files are uploaded under fresh names (part-<uuid>)
    beside the old ones, then the old objects of that table are deleted. A single upload
    is atomic, so a reader only ever sees whole files; but a reader that lists the folder
    during the switch may see both datasets (rows twice), or find an old file already gone
    (its query fails and can be run again). Run queries that must be exact after the run.
    """
    if not isinstance(lake, Lake):
        return _export_to_folder(con, Path(lake) / "parquet")
    if lake.is_local:
        return _export_to_folder(con, Path(lake.path("parquet")))
    return _export_to_object_store(con, lake)


def _export_to_folder(con: duckdb.DuckDBPyConnection, root: Path) -> dict[str, str]:
    root.mkdir(parents=True, exist_ok=True)
    out: dict[str, str] = {}
    for table in EXPORTED:
        final = root / table
        staging = root / f".{table}.{uuid.uuid4().hex}.tmp"
        _copy_table(con, table, staging, unique_names=False)
        _swap(staging, final)
        out[table] = str(final)
    return out


def _export_to_object_store(con: duckdb.DuckDBPyConnection, lake: Lake) -> dict[str, str]:
    out: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="edureports-parquet-") as tmp:
        for table in EXPORTED:
            staging = Path(tmp) / table
            _copy_table(con, table, staging, unique_names=True)
            _replace_objects(staging, lake.filesystem, lake.path("parquet", table))
            out[table] = lake.uri("parquet", table)
    return out


def _copy_table(
    con: duckdb.DuckDBPyConnection, table: str, staging: Path, *, unique_names: bool
) -> None:
    """One table as Parquet files in the (new) folder `staging`, rows in key order."""
    options = ["format parquet", "compression zstd"]
    if table in ROW_GROUP_SIZE:
        options.append(f"row_group_size {ROW_GROUP_SIZE[table]}")
    row = con.execute(f"select count(*) from {table}").fetchone()
    if table in PARTITIONED and row and row[0]:
        options += [f"partition_by ({PARTITIONED[table]})", "overwrite_or_ignore"]
        staging.mkdir(parents=True)
        for n, where in enumerate(_slices(con, table)):
            name = "part-{uuid}" if unique_names else f"data_{n}_{{i}}"
            sliced = ", ".join([*options, f"filename_pattern '{name}'"])
            con.execute(
                f"copy (select * from {table} {where} order by {ORDER[table]}) "
                f"to '{staging}' ({sliced})"
            )
        return
    staging.mkdir(parents=True)
    target = staging / (f"part-{uuid.uuid4()}.parquet" if unique_names else "part-0.parquet")
    con.execute(
        f"copy (select * from {table} order by {ORDER[table]}) to '{target}' ({', '.join(options)})"
    )


def _slices(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    """WHERE clauses that cut `table` into runs of consecutive keys, each sortable in memory.

    One clause (the whole table) unless the table is in WIDE; then each slice holds about
    1/SLICE_SHARE of the memory limit in text bytes (at most that plus one row).
    """
    if table not in WIDE:
        return [""]
    key, column = ORDER[table], WIDE[table]
    budget = max(1, memory_limit_bytes(con) // SLICE_SHARE)
    starts = [
        first
        for (first,) in con.execute(
            f"""
            with sizes as materialized (select {key}, strlen({column}) as n from {table})
            select min({key}) from (
                select {key}, sum(n) over (order by {key}) as upto from sizes
            ) group by upto // ? order by 1
            """,
            [budget],
        ).fetchall()
    ]
    quoted = [_literal(first) for first in starts]
    ends = [f" and {key} < {q}" for q in quoted[1:]] + [""]
    return [f"where {key} >= {a}{b}" for a, b in zip(quoted, ends, strict=True)]


def _literal(value: str) -> str:
    """`value` as a SQL string literal."""
    return "'" + value.replace("'", "''") + "'"


_SIZE = re.compile(r"([\d.]+)\s*([KMGT]?i?B)")
_UNITS = {"B": 1, "KB": 10**3, "MB": 10**6, "GB": 10**9, "TB": 10**12}
_UNITS |= {"KiB": 2**10, "MiB": 2**20, "GiB": 2**30, "TiB": 2**40}


def memory_limit_bytes(con: duckdb.DuckDBPyConnection) -> int:
    """The connection's memory_limit in bytes (DuckDB reports it as text, e.g. '953.6 MiB')."""
    row = con.execute("select current_setting('memory_limit')").fetchone()
    match = _SIZE.fullmatch(str(row[0]).strip()) if row else None
    if not match:
        raise ValueError(f"DuckDB reported a memory limit I cannot read: {row!r}")
    return int(float(match[1]) * _UNITS[match[2]])


def _swap(staging: Path, final: Path) -> None:
    old = final.with_name(f".{final.name}.{uuid.uuid4().hex}.old")
    if final.exists():
        final.rename(old)
    staging.rename(final)
    shutil.rmtree(old, ignore_errors=True)


def _replace_objects(staging: Path, filesystem: pafs.FileSystem, prefix: str) -> None:
    """Upload the files of `staging` below `prefix`, then delete what was there before."""
    before = filesystem.get_file_info(
        pafs.FileSelector(prefix, recursive=True, allow_not_found=True)
    )
    pafs.copy_files(
        str(staging),
        prefix,
        source_filesystem=pafs.LocalFileSystem(),
        destination_filesystem=filesystem,
    )
    for info in before:
        if info.type == pafs.FileType.File:
            filesystem.delete_file(info.path)
    kept = {str(p.relative_to(staging).parent) for p in staging.rglob("*.parquet")}
    for info in before:  # a partition no longer present (its files are gone, not its folder)
        relative = info.path[len(prefix) + 1 :]
        if info.type == pafs.FileType.Directory and relative not in kept:
            filesystem.delete_dir(info.path)
