"""The flow with its lake on S3 (a local moto server): a run, then a replay from the raw store."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pyarrow.dataset as ds
import pyarrow.fs as pafs
import pytest
from prefect.testing.utilities import prefect_test_harness

from flows.pipeline import run_reports
from tests.conftest import SAMPLES
from warehouse.lake import Lake, open_lake

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", autouse=True)
def harness() -> Iterator[None]:
    with prefect_test_harness(server_startup_timeout=600):
        yield


def rows(lake: Lake, table: str) -> int:
    path = lake.path("parquet", table)
    return ds.dataset(path, filesystem=lake.filesystem, partitioning="hive").count_rows()  # type: ignore[no-any-return]


def test_a_run_on_s3_then_a_replay_from_its_raw_store(s3_lake: str, tmp_path: Path) -> None:
    first = run_reports(sources=[str(SAMPLES)], data=str(tmp_path / "first"), lake=s3_lake)
    totals = first["warehouse"]
    assert isinstance(totals, dict) and totals["documents"] == 5 and totals["reports"] == 9
    assert sorted(p.name for p in (tmp_path / "first").iterdir() if p.name != ".cache") == [
        "report",
        "warehouse.duckdb",
    ]  # only the DuckDB file and the report site are local; Parquet and raw/ are on S3

    lake = open_lake(s3_lake, os.environ)
    for table in ("documents", "reports", "metrics", "terms", "quarantine"):
        assert rows(lake, table) == totals[table], table
    selector = pafs.FileSelector(lake.path("raw", "index"), allow_not_found=True)
    (index,) = lake.filesystem.get_file_info(selector)  # one index object per batch of fetches
    with lake.filesystem.open_input_stream(index.path) as stream:
        assert len(stream.read().decode().splitlines()) == 5  # an entry per sample

    replay = run_reports(data=str(tmp_path / "second"), lake=s3_lake, from_raw=True)
    assert replay["this_run"]["fetched"] == 5 and replay["this_run"]["new"] == 5  # type: ignore[index]
    assert replay["warehouse"] == totals
    for table in ("documents", "reports", "metrics", "terms", "quarantine"):
        assert rows(lake, table) == totals[table], table
