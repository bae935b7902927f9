"""Exact output through the CLI: numbers as DuckDB stores them in every format, --out and
--excel for every format, and Parquet datasets (tables, support tables, marts) whose values,
column order and types are DuckDB's."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import duckdb
import pyarrow.dataset as ds
import pytest

from tests.conftest import SampleWarehouse, edureports

pytestmark = pytest.mark.slow

NUMBERS = (
    "select 1234567::double as a, 22782753100::double as b, 0.1::double + 0.2::double as c, "
    "1e-5::double as d, 42::bigint as e, 12.5::decimal(10, 2) as f"
)
EXPECTED_TEXT = ["1234567", "22782753100", "0.30000000000000004", "0.00001", "42", "12.50"]


def cli(warehouse: SampleWarehouse, *args: str) -> str:
    result = edureports(*args, "--data", str(warehouse.data))
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def test_json_numbers_are_numbers_with_every_digit(sample_warehouse: SampleWarehouse) -> None:
    out = cli(sample_warehouse, "query", NUMBERS, "--format", "json")
    assert "e+" not in out and "e-" not in out
    (row,) = json.loads(out)
    assert row == {
        "a": 1234567,
        "b": 22782753100,
        "c": 0.1 + 0.2,
        "d": 1e-5,
        "e": 42,
        "f": 12.5,
    }
    assert isinstance(row["a"], int) and isinstance(row["c"], float)


@pytest.mark.parametrize("fmt", ["csv", "table"])
def test_csv_and_table_print_values_as_stored(sample_warehouse: SampleWarehouse, fmt: str) -> None:
    out = cli(sample_warehouse, "query", NUMBERS, "--format", fmt)
    if fmt == "csv":
        assert list(csv.reader(io.StringIO(out)))[1] == EXPECTED_TEXT
    else:
        cells = [c.strip() for c in out.splitlines()[2].split("|")]
        assert cells == EXPECTED_TEXT


def test_series_values_are_indicator_series_values(sample_warehouse: SampleWarehouse) -> None:
    cells = sample_warehouse.query(
        "select indicator, region_name, year, value, n_values from indicator_series "
        "order by value desc limit 1"
    )
    if not cells:
        pytest.skip("the samples give no indicator_series row")
    cell = cells[0]
    indicator = str(cell["indicator"])
    wide = json.loads(cli(sample_warehouse, "series", indicator, "--format", "json"))
    row = next(r for r in wide if r["region_name"] == cell["region_name"])
    assert row[str(cell["year"])] == cell["value"] and "n_values" in row
    long = json.loads(cli(sample_warehouse, "series", indicator, "--long", "--format", "json"))
    expected = sample_warehouse.query(
        f"select region_name, year, value, n_values from indicator_series "
        f"where indicator = '{indicator}' order by region_name, region_level, unit, year"
    )
    assert [{k: r[k] for k in ("region_name", "year", "value", "n_values")} for r in long] == (
        expected
    )
    table = cli(sample_warehouse, "series", indicator)
    assert "*" not in table and "e+" not in table


@pytest.mark.parametrize("fmt", ["table", "csv", "json", "parquet"])
def test_out_writes_every_format_to_the_file(
    sample_warehouse: SampleWarehouse, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / f"rows.{fmt}"
    sql = "select report_id, title from reports order by report_id"
    result = edureports(
        "query", sql, "--data", str(sample_warehouse.data), "--format", fmt, "--out", str(out)
    )
    assert result.returncode == 0, result.stderr
    assert "report_id" not in result.stdout  # the rows went to the file
    expected = sample_warehouse.query(sql)
    if fmt == "parquet":
        assert duckdb.sql(f"select * from '{out}'").fetchall() == [
            tuple(r.values()) for r in expected
        ]
    elif fmt == "json":
        assert json.loads(out.read_text(encoding="utf-8")) == expected
    else:
        text = out.read_text(encoding="utf-8")
        assert all(str(r["report_id"]) in text for r in expected)


def test_excel_csv_starts_with_a_bom(sample_warehouse: SampleWarehouse, tmp_path: Path) -> None:
    out = tmp_path / "series.csv"
    result = edureports(
        "query",
        "select region_name from reports where region_name is not null",
        "--data",
        str(sample_warehouse.data),
        "--format",
        "csv",
        "--excel",
        "--out",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw[3:].decode("utf-8").startswith("region_name\n")
    plain = cli(sample_warehouse, "query", "select 1 as x", "--format", "csv")
    assert not plain.startswith("\ufeff")


def test_parquet_metrics_equal_duckdb_with_year_in_place(sample_warehouse: SampleWarehouse) -> None:
    folder = sample_warehouse.data / "parquet" / "metrics"
    table = ds.dataset(folder, partitioning="hive").to_table()
    con = duckdb.connect(str(sample_warehouse.data / "warehouse.duckdb"), read_only=True)
    try:
        names = con.sql("select * from metrics limit 0").columns
        assert table.schema.names == names  # year in its place, not last
        assert str(table.schema.field("year").type) == "int32"
        stored = con.execute("select metric_id, value, year from metrics order by 1").fetchall()
        exported = duckdb.sql(
            f"select metric_id, value, year from read_parquet('{folder}/**/*.parquet', "
            "hive_partitioning = false) order by 1"
        ).fetchall()
        assert exported == stored  # exactly: doubles compared bit for bit
        read_back = duckdb.sql(
            f"describe select * from read_parquet('{folder}/**/*.parquet', hive_partitioning = false)"
        ).fetchall()
        assert [(r[0], r[1]) for r in read_back] == con.execute(
            "select column_name, data_type from duckdb_columns() where table_name = 'metrics' "
            "order by column_index"
        ).fetchall()
    finally:
        con.close()


@pytest.mark.parametrize(
    "dataset",
    ["document_versions", "fetch_state", "runs", "indicator_series", "metric_provenance"],
)
def test_support_tables_and_marts_reach_parquet(
    sample_warehouse: SampleWarehouse, dataset: str
) -> None:
    folder = sample_warehouse.data / "parquet" / dataset
    assert any(folder.rglob("*.parquet")), dataset
    con = duckdb.connect(str(sample_warehouse.data / "warehouse.duckdb"), read_only=True)
    try:
        stored = sorted(map(repr, con.execute(f"select * from {dataset}").fetchall()))
    finally:
        con.close()
    exported = duckdb.sql(f"select * from read_parquet('{folder}/**/*.parquet')").fetchall()
    assert sorted(map(repr, exported)) == stored


def test_xlsx_holds_numbers_as_numbers(sample_warehouse: SampleWarehouse, tmp_path: Path) -> None:
    out = tmp_path / "numbers.xlsx"
    result = edureports(
        "query",
        NUMBERS,
        "--data",
        str(sample_warehouse.data),
        "--format",
        "xlsx",
        "--out",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(out) as book:
        assert "xl/workbook.xml" in book.namelist()
        sheet = ElementTree.fromstring(book.read("xl/worksheets/sheet1.xml"))
    ns = {"s": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    header, values = sheet.findall(".//s:row", ns)
    assert [c.findtext(".//s:t", namespaces=ns) for c in header] == list("abcdef")
    assert [c.get("t") for c in values] == [None] * 6  # numeric cells
    assert [c.findtext("s:v", namespaces=ns) for c in values] == EXPECTED_TEXT
    missing = edureports("query", NUMBERS, "--data", str(sample_warehouse.data), "--format", "xlsx")
    assert missing.returncode == 2 and "--out" in missing.stderr
