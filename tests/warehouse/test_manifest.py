"""The lake is always whole: a manifest written last, and whatever misses it is rebuilt."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow.fs as pafs

from tests.warehouse.test_load import batch
from warehouse.db import TABLES, connect_writer
from warehouse.lake import Lake
from warehouse.load import load_records
from warehouse.parquet import (
    EXPORTED,
    MANIFEST,
    export_parquet,
    read_manifest,
    stale_datasets,
)


def lake_at(data: Path) -> Lake:
    return Lake(pafs.LocalFileSystem(), str(data))


def test_the_manifest_is_written_last_with_the_run_and_its_counts(tmp_path: Path) -> None:
    data = tmp_path / "data"
    con = connect_writer(data)
    load_records(con, batch("a"))
    export_parquet(con, data, run_id="run-1")
    manifest = json.loads((data / "parquet" / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["run_id"] == "run-1"
    assert {t: manifest["rows"][t] for t in TABLES} == {t: 1 for t in TABLES}
    assert stale_datasets(con, lake_at(data)) == []


def test_a_missing_partial_or_stale_dataset_is_found(tmp_path: Path) -> None:
    data = tmp_path / "data"
    con = connect_writer(data)
    lake = lake_at(data)
    assert stale_datasets(con, lake) == list(EXPORTED)  # nothing exported yet
    load_records(con, batch("a"))
    export_parquet(con, data)

    shutil.rmtree(data / "parquet" / "metrics")  # killed between two datasets
    assert stale_datasets(con, lake) == ["metrics"]
    export_parquet(con, data)
    assert stale_datasets(con, lake) == []

    # an upload stopped half-way on S3: the new files beside the old ones
    old = next((data / "parquet" / "terms").glob("*.parquet"))
    shutil.copy(old, old.with_name("part-new.parquet"))
    assert stale_datasets(con, lake) == ["terms"]
    export_parquet(con, data)

    # a manifest written before it listed the files: the rows in the footers are counted
    manifest = json.loads((data / "parquet" / MANIFEST).read_text(encoding="utf-8"))
    del manifest["files"]
    (data / "parquet" / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    assert stale_datasets(con, lake) == []
    shutil.copy(old, old.with_name("part-new.parquet"))
    assert stale_datasets(con, lake) == ["terms"]
    export_parquet(con, data)

    load_records(con, batch("b"))  # loaded, then killed before the export
    assert set(stale_datasets(con, lake)) >= {"documents", "reports", "metrics"}

    (data / "parquet" / MANIFEST).unlink()
    assert stale_datasets(con, lake) == list(EXPORTED)
    assert read_manifest(lake) is None


def test_an_interrupted_exports_leftovers_are_removed(tmp_path: Path) -> None:
    data = tmp_path / "data"
    con = connect_writer(data)
    load_records(con, batch("a"))
    leftover = data / "parquet" / ".metrics.0123abcd.tmp"
    leftover.mkdir(parents=True)
    (leftover / "part-0.parquet").write_bytes(b"half a file")
    export_parquet(con, data)
    assert not [p.name for p in (data / "parquet").iterdir() if p.name.startswith(".")]
