"""Parquet datasets of the warehouse tables, replaced after each run, in a folder or on S3."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import tempfile
import uuid
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.dataset as pads
import pyarrow.fs as pafs

from warehouse.db import TABLES, sql_literal
from warehouse.lake import Lake

PARTITIONED = {"reports": "year", "metrics": "year"}
# Rows per Parquet row group where rows are large: a partitioned COPY buffers a row group
# per partition and thread, and 122,880 reports of ~14 KB (DuckDB's default) outgrew the
# writer's memory limit on 1 GB of input.
ROW_GROUP_SIZE = {"reports": 2048, "metrics": 32768}
# Tables whose rows carry long text, with that column (a figure carries its sentence). DuckDB
# 2.0 sorts such rows in memory (about three times their bytes, it does not spill them), so
# these tables are written in slices of consecutive keys, each small enough to sort under the
# connection's memory limit, partitioned or not (one file per slice).
WIDE = {"reports": "text", "document_versions": "text", "metrics": "sentence"}
SLICE_SHARE = 8  # a slice holds at most 1/SLICE_SHARE of the memory limit in text bytes
ORDER = {
    "documents": "doc_id",
    "reports": "report_id",
    # a report's figures together, in the order its text states them: readers that filter by
    # report or document skip the other row groups, and the sentences repeated along a run of
    # figures compress (at 1 GB of input 236 MB and 14.3 s, against 311 MB and 15.8 s in the
    # order of the hashed metric_id)
    "metrics": "report_id, char_start, metric_id",
    "terms": "report_id, term",
    "quarantine": "uri, stage, reason",
    "document_versions": "doc_id, version",
    "fetch_state": "url",
    "indicators": "code",
    "indicator_series": "indicator, region_name, region_level, year",
    "metric_provenance": "metric_id",
}
EXPORTED: tuple[str, ...] = (*TABLES, "indicators")
"""The datasets the manifest vouches for: the data tables and the indicator catalog."""
# Besides TABLES, the datasets BI users would otherwise rebuild: support tables, run history
# and the marts (views, written as their rows). Each is exported when the warehouse has it.
EXTRA_DATASETS = (
    "document_versions",
    "fetch_state",
    "runs",
    "corrections",
    "metrics_history",
    "series_changes",
    "indicators",
    "indicator_series",
    "indicator_conflicts",
    "indicator_targets",
    "metric_provenance",
    "coverage",
)


MANIFEST = "_manifest.json"
"""Written last under parquet/: the run that wrote the datasets, each one's row count and
files (a digest of their names and sizes), the warehouse's digest at that time, and the
writer's notes (the run's data-quality summary). A dataset not in it, or not matching it, is
rebuilt."""


# The datasets a run without changes rewrites: its own history.
RUN_DATASETS = ("runs", "series_changes", "corrections")


def exported(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every dataset to write: TABLES, then the EXTRA_DATASETS the warehouse has."""
    present = {
        name
        for (name,) in con.execute(
            "select table_name from duckdb_tables() union all "
            "select view_name from duckdb_views() where not internal"
        ).fetchall()
    }
    return [*TABLES, *(name for name in EXTRA_DATASETS if name in present)]


def export_parquet(
    con: duckdb.DuckDBPyConnection,
    lake: Path | Lake,
    only: Sequence[str] | None = None,
    run_id: str = "",
    notes: Mapping[str, object] | None = None,
) -> dict[str, str]:
    """Write every dataset (tables, then marts) to <lake>/parquet/<name>/ (zstd;
    hive-partitioned by year where set), or only those named in `only`; then the manifest.

    `lake` is a data folder or a Lake (folder or S3). Returns where each dataset is.
    `notes` go into the manifest of a whole export as they are (JSON values).
    An empty table is written as one empty file, so readers still find its schema.

    In a folder, each dataset is written beside the old one and swapped in with a rename, so
    a reader sees either the previous dataset or the new one, never half of one.

    On S3 there is no rename. The new files are uploaded under fresh names (part-<uuid>)
    beside the old ones, then the old objects of that table are deleted. A single upload
    is atomic, so a reader only ever sees whole files; but a reader that lists the folder
    during the switch may see both datasets (rows twice), or find an old file already gone
    (its query fails and can be run again). Run queries that must be exact after the run.
    """
    names = [n for n in exported(con) if only is None or n in only]
    if not isinstance(lake, Lake):
        lake = Lake(pafs.LocalFileSystem(), str(Path(lake).resolve()))
    if lake.is_local:
        remove_leftovers(Path(lake.path("parquet")))
        out = _export_to_folder(con, Path(lake.path("parquet")), names)
    else:
        out = _export_to_object_store(con, lake, names)
    if only is None:  # a partial export leaves the manifest of the last whole one
        files = {table: _dataset_files(lake, table) for table in EXPORTED}
        # the state just exported: the writer's lock keeps others from changing it
        state = warehouse_state(con)
        manifest = {"run_id": run_id, "written_at": _now(), **state, "files": files}
        _write_manifest(lake, {**manifest, **(notes or {})})
    return out


def warehouse_state(con: duckdb.DuckDBPyConnection) -> dict[str, object]:
    """Row count of every table and a digest of the documents' contents (ids, bytes,
    transforms version, duplicate and removal marks): what an up-to-date lake matches."""
    rows = {}
    for table in EXPORTED:
        row = con.execute(f"select count(*) from {table}").fetchone()
        rows[table] = int(row[0]) if row else 0
    columns = [
        c
        for c in ("doc_id", "content_sha256", "transforms_version", "duplicate_of", "removed_at")
        if c in con.sql("select * from documents limit 0").columns
    ]
    digest = con.execute(
        f"select coalesce(bit_xor(hash({', '.join(columns)})), 0) from documents"
    ).fetchone()
    return {"rows": rows, "digest": str(digest[0] if digest else 0)}


def stale_datasets(con: duckdb.DuckDBPyConnection, lake: Lake) -> list[str]:
    """Tables whose dataset is missing, partial (rows other than the manifest says) or stale
    (the warehouse changed since the manifest was written); every table without a manifest."""
    manifest = read_manifest(lake)
    if manifest is None:
        return list(EXPORTED)
    expected = warehouse_state(con)
    counts: dict[str, int] = expected["rows"]  # type: ignore[assignment]
    stale = []
    for table in EXPORTED:
        promised = manifest.get("rows", {}).get(table)
        files = manifest.get("files", {}).get(table)
        if (
            promised != counts[table]
            or manifest.get("digest") != expected["digest"]
            # the files the export wrote, as listed (a manifest from before the listing:
            # the rows in their footers, which reads every file)
            or (
                _dataset_files(lake, table) != files
                if files is not None
                else _dataset_rows(lake, table) != promised
            )
        ):
            stale.append(table)
    return stale


def read_manifest(lake: Lake) -> dict[str, Any] | None:
    """The lake's manifest, or None when there is none (or it cannot be read)."""
    try:
        with lake.filesystem.open_input_stream(lake.path("parquet", MANIFEST)) as stream:
            data = json.loads(stream.read().decode("utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _write_manifest(lake: Lake, manifest: dict[str, object]) -> None:
    body = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
    if lake.is_local:
        final = Path(lake.path("parquet", MANIFEST))
        staging = final.with_name(f".{MANIFEST}.{uuid.uuid4().hex}.tmp")
        staging.write_bytes(body)
        staging.replace(final)
        return
    with lake.filesystem.open_output_stream(lake.path("parquet", MANIFEST)) as stream:
        stream.write(body)


def _dataset_files(lake: Lake, table: str) -> str | None:
    """sha256 over the name and size of every file of a dataset; None when there is none.

    Listing a dataset tells a whole one from a partial one (files gone, or an interrupted
    upload's beside the old ones) without opening its files: reading the footers of the
    3,600 files of a 1 GB corpus's datasets took 0.8 s of every run with nothing new."""
    base = lake.path("parquet", table)
    try:
        infos = lake.filesystem.get_file_info(pafs.FileSelector(base, recursive=True))
    except (OSError, pa.ArrowException):
        return None
    lines = sorted(
        f"{info.path[len(base) :]}\t{info.size}"
        for info in infos
        if info.type == pafs.FileType.File
    )
    return hashlib.sha256("\n".join(lines).encode()).hexdigest() if lines else None


def _dataset_rows(lake: Lake, table: str) -> int | None:
    """Rows of a dataset as its Parquet footers count them; None when it cannot be read."""
    try:
        dataset = pads.dataset(
            lake.path("parquet", table),
            filesystem=lake.filesystem,
            format="parquet",
            partitioning="hive",
        )
        return int(dataset.count_rows())
    except (OSError, ValueError, pa.ArrowException):
        return None


def remove_leftovers(root: Path) -> list[Path]:
    """Delete the staging and swapped-out folders an interrupted export left under `root`."""
    removed = []
    if root.is_dir():
        for path in root.iterdir():
            if path.name.startswith(".") and path.name.endswith((".tmp", ".old")):
                if path.is_dir():
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    path.unlink(missing_ok=True)
                removed.append(path)
    return removed


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _export_to_folder(
    con: duckdb.DuckDBPyConnection, root: Path, names: list[str]
) -> dict[str, str]:
    root.mkdir(parents=True, exist_ok=True)
    out: dict[str, str] = {}
    for table in names:
        final = root / table
        staging = root / f".{table}.{uuid.uuid4().hex}.tmp"
        _copy_table(con, table, staging, unique_names=False)
        _swap(staging, final)
        out[table] = str(final)
    return out


def _export_to_object_store(
    con: duckdb.DuckDBPyConnection, lake: Lake, names: list[str]
) -> dict[str, str]:
    out: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="edureports-parquet-") as tmp:
        for table in names:
            staging = Path(tmp) / table
            _copy_table(con, table, staging, unique_names=True)
            _replace_objects(staging, lake.filesystem, lake.path("parquet", table))
            out[table] = lake.uri("parquet", table)
    return out


def _copy_table(
    con: duckdb.DuckDBPyConnection, table: str, staging: Path, *, unique_names: bool
) -> None:
    """One table as Parquet files in the (new) folder `staging`, rows in key order.

    Partitioned tables keep their partition column inside the files too, in its place and
    with its type (readers that ignore hive folders, or pyarrow's hive partitioning, read
    `year` as the table's INTEGER).
    """
    options = ["format parquet", "compression zstd"]
    order = ORDER.get(table, "all")
    if table in ROW_GROUP_SIZE:
        options.append(f"row_group_size {ROW_GROUP_SIZE[table]}")
    row = con.execute(f"select count(*) from {table}").fetchone()
    partitioned = table in PARTITIONED and bool(row and row[0])
    if partitioned:
        options += [
            f"partition_by ({PARTITIONED[table]})",
            "overwrite_or_ignore",
            "write_partition_columns true",
        ]
    staging.mkdir(parents=True)
    for n, where in enumerate(_slices(con, table)):  # one COPY per slice
        if partitioned:  # DuckDB names the files in each partition folder
            name = "part-{uuid}" if unique_names else f"data_{n}_{{i}}"
            target, written = staging, [*options, f"filename_pattern '{name}'"]
        else:
            name = f"part-{uuid.uuid4()}" if unique_names else f"part-{n}"
            target, written = staging / f"{name}.parquet", options
        con.execute(
            f"copy (select * from {table} {where} order by {order}) to '{target}' "
            f"({', '.join(written)})"
        )


def _slices(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    """WHERE clauses that cut `table` into runs of consecutive keys, each sortable in memory.

    One clause (the whole table) unless the table is in WIDE; then each slice holds about
    1/SLICE_SHARE of the memory limit in text bytes (at most that plus one row).
    """
    if table not in WIDE:
        return [""]
    key, column = ORDER[table].split(",")[0], WIDE[table]
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
    if not starts:  # an empty table: one file that holds its schema
        return [""]
    quoted = [sql_literal(first) for first in starts]
    ends = [f" and {key} < {q}" for q in quoted[1:]] + [""]
    return [f"where {key} >= {a}{b}" for a, b in zip(quoted, ends, strict=True)]


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
