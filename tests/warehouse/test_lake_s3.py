"""The lake on S3 (a local moto server): Parquet datasets written there and read back.

DuckDB reads S3 itself only through its httpfs extension, which it downloads on first use;
the tests have no internet, so DuckDB reads the S3 datasets through pyarrow here.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import duckdb
import polars as pl
import pyarrow.dataset as ds
import pyarrow.fs as pafs
import pytest

from tests.warehouse.test_load import batch, metric, report
from warehouse.db import TABLES, connect_writer
from warehouse.lake import Lake, LakeError, check_location, open_lake
from warehouse.load import load_records
from warehouse.parquet import export_parquet


def objects(lake: Lake, *parts: str) -> list[str]:
    """Keys of the files below a lake path, relative to it."""
    prefix = lake.path(*parts)
    selector = pafs.FileSelector(prefix, recursive=True, allow_not_found=True)
    found = lake.filesystem.get_file_info(selector)
    return sorted(i.path[len(prefix) + 1 :] for i in found if i.type == pafs.FileType.File)


def dirs(lake: Lake, *parts: str) -> list[str]:
    prefix = lake.path(*parts)
    selector = pafs.FileSelector(prefix, recursive=True, allow_not_found=True)
    found = lake.filesystem.get_file_info(selector)
    return sorted(i.path[len(prefix) + 1 :] for i in found if i.type == pafs.FileType.Directory)


def dataset(lake: Lake, table: str) -> ds.Dataset:
    return ds.dataset(lake.path("parquet", table), filesystem=lake.filesystem, partitioning="hive")


@pytest.mark.parametrize(
    ("location", "base"),
    [("s3://bucket/some/prefix/", "bucket/some/prefix"), ("s3://bucket", "bucket")],
)
def test_an_s3_location_is_bucket_and_prefix(location: str, base: str) -> None:
    lake = open_lake(location, {"AWS_ENDPOINT_URL": "http://127.0.0.1:9"})
    assert isinstance(lake.filesystem, pafs.S3FileSystem) and not lake.is_local
    assert lake.base == base
    assert lake.uri("parquet", "metrics") == f"s3://{base}/parquet/metrics"


def test_a_folder_is_a_local_lake(tmp_path: Path) -> None:
    lake = open_lake(str(tmp_path / "data"), {})
    assert lake.is_local and lake.base == str((tmp_path / "data").resolve())
    assert lake.path("raw") == str(tmp_path / "data" / "raw")
    assert not lake.exists("parquet")


@pytest.mark.parametrize("location", ["s3://", "s3:///prefix", "gs://bucket/x", "http://h/x"])
def test_unusable_locations_are_refused(location: str) -> None:
    with pytest.raises(LakeError, match="lake"):
        check_location(location)


def test_export_to_s3_reads_back_in_pyarrow_duckdb_and_polars(s3_lake: str, tmp_path: Path) -> None:
    lake = open_lake(s3_lake, os.environ)
    con = connect_writer(tmp_path / "data")
    load_records(con, batch("a"))
    load_records(con, batch("b", text_sha="t2", value=1700.0))
    out = export_parquet(con, lake)
    export_parquet(con, lake)  # a second export replaces, never adds

    assert out["metrics"] == f"{s3_lake}/parquet/metrics"
    assert lake.exists("parquet") and not (tmp_path / "data" / "parquet").exists()
    for table in TABLES:
        names = objects(lake, "parquet", table)
        assert names and all(n.rsplit("/", 1)[-1].startswith("part-") for n in names), names
        expected = con.execute(f"select count(*) from {table}").fetchone()[0]  # type: ignore[index]
        assert dataset(lake, table).count_rows() == expected, table
    assert {n.split("/")[0] for n in objects(lake, "parquet", "metrics")} == {"year=2020"}

    arrow_rows = sorted(
        (r["metric_id"], r["value"], r["year"])
        for r in dataset(lake, "metrics").to_table().to_pylist()
    )
    assert arrow_rows == [("m-a", 1610.0, 2020), ("m-b", 1700.0, 2020)]

    metrics = dataset(lake, "metrics")  # DuckDB scans the pyarrow dataset by its name
    duck = duckdb.sql("select metric_id, value, year from metrics order by metric_id").fetchall()
    assert duck == arrow_rows

    endpoint = os.environ["AWS_ENDPOINT_URL"]
    polars = pl.scan_parquet(
        f"{s3_lake}/parquet/metrics/**/*.parquet",
        hive_partitioning=True,
        storage_options={
            "aws_endpoint_url": endpoint,
            "aws_access_key_id": "testing",
            "aws_secret_access_key": "testing",
            "aws_region": "us-east-1",
            "aws_allow_http": "true",
        },
    ).collect()
    assert sorted(polars.select("metric_id", "value", "year").rows()) == arrow_rows
    assert metrics.count_rows() == 2


def test_an_s3_export_leaves_only_the_new_dataset(s3_lake: str, tmp_path: Path) -> None:
    lake = open_lake(s3_lake, os.environ)
    con = connect_writer(tmp_path / "data")
    load_records(con, batch("a"))
    export_parquet(con, lake)
    first = objects(lake, "parquet", "metrics")

    moved = batch("a")  # the same report, now dated 2021: the year=2020 partition goes away
    moved.reports = [replace(report("a"), year=2021)]
    moved.metrics = [metric("a", year=2021)]
    load_records(con, moved)
    export_parquet(con, lake)

    now = objects(lake, "parquet", "metrics")
    assert [n.split("/")[0] for n in now] == ["year=2021"]
    assert not set(first) & set(now)  # fresh object names, old ones deleted
    assert dirs(lake, "parquet", "metrics") == ["year=2021"]
    assert dataset(lake, "metrics").to_table().column("year").to_pylist() == [2021]


def test_empty_tables_on_s3_still_have_a_schema(s3_lake: str, tmp_path: Path) -> None:
    lake = open_lake(s3_lake, os.environ)
    con = connect_writer(tmp_path / "data")
    export_parquet(con, lake)
    metrics = dataset(lake, "metrics")
    assert metrics.count_rows() == 0 and "value_text" in metrics.schema.names


def test_a_local_lake_keeps_the_folder_layout(tmp_path: Path) -> None:
    data = tmp_path / "data"
    con = connect_writer(data)
    load_records(con, batch("a"))
    export_parquet(con, open_lake(str(data), os.environ))
    root = data / "parquet"
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*.parquet")) == [
        "documents/part-0.parquet",
        "indicators/part-0.parquet",
        "metrics/year=2020/data_0_0.parquet",
        "quarantine/part-0.parquet",
        "reports/year=2020/data_0_0.parquet",
        "terms/part-0.parquet",
    ]
