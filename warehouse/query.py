"""Read-only SQL against the warehouse, formatted as a table, CSV or JSON."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from warehouse.db import WarehouseError, connect_reader

FORMATS = ("table", "csv", "json", "parquet")


class QueryRefused(WarehouseError):
    """The statement would change the warehouse, or is not valid SQL."""


def run_query(data_dir: Path, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Column names and rows of `sql`, run on a read-only connection."""
    con = connect_reader(data_dir)
    try:
        cursor = con.execute(sql)
        if cursor.description is None:
            return [], []
        columns = [d[0] for d in cursor.description]
        return columns, cursor.fetchall()
    except duckdb.Error as exc:
        message = str(exc).splitlines()[0]
        if "read-only" in message.lower() or "read only" in message.lower():
            raise QueryRefused(
                "refused: the warehouse is opened read-only by `query`; "
                "statements that change it are not allowed"
            ) from exc
        raise QueryRefused(message) from exc
    finally:
        con.close()


def export_query(data_dir: Path, sql: str, out: Path) -> int:
    """Write the rows of `sql` to a Parquet file (zstd); returns the row count."""
    con = connect_reader(data_dir)
    try:
        select = sql.strip().rstrip(";")
        out.parent.mkdir(parents=True, exist_ok=True)
        con.execute(
            f"copy ({select}) to '{_sql_string(str(out))}' (format parquet, compression zstd)"
        )
        row = con.execute(
            f"select count(*) from read_parquet('{_sql_string(str(out))}')"
        ).fetchone()
        return int(row[0]) if row else 0
    except duckdb.Error as exc:
        raise QueryRefused(str(exc).splitlines()[0]) from exc
    finally:
        con.close()


def _sql_string(text: str) -> str:
    return text.replace("'", "''")


def series_table(
    data_dir: Path, indicator: str, region: str | None = None, level: str | None = None
) -> tuple[list[str], list[tuple[Any, ...]]]:
    """One indicator's series: a row per region, a column per year (from indicator_series).

    A value marked * is a cell where reports disagree (n_values > 1).
    """
    sql = (
        "select region_name, region_level, unit, year, value, n_values "
        "from indicator_series where indicator = $indicator"
        + (" and region_name = $region" if region else "")
        + (" and region_level = $level" if level else "")
    )
    params: dict[str, str] = {"indicator": indicator}
    if region:
        params["region"] = region
    if level:
        params["level"] = level
    con = connect_reader(data_dir)
    try:
        relation = con.sql(sql, params=params)
        long = relation.pl() if relation is not None else pl.DataFrame()
    finally:
        con.close()
    index = ["region_name", "region_level", "unit"]
    if long.is_empty():
        return index, []
    marked = [
        f"{_number(value)}{'*' if n_values > 1 else ''}"
        for value, n_values in long.select("value", "n_values").iter_rows()
    ]
    wide = (
        long.with_columns(pl.Series("cell", marked))
        .sort("year")
        .with_columns(pl.col("year").cast(pl.String))
        .pivot(on="year", index=index, values="cell", aggregate_function="first")
        .sort(index)
    )
    return wide.columns, wide.rows()


def _number(value: float) -> str:
    """1424000.0 → 1424000 (not 1.424e+06); fractions as short as they go (93.1)."""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:g}"


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def format_rows(columns: list[str], rows: list[tuple[Any, ...]], fmt: str) -> str:
    """Rows rendered as an aligned table, CSV or a JSON array of objects."""
    if fmt == "json":
        records = [dict(zip(columns, map(_plain, row), strict=True)) for row in rows]
        return json.dumps(records, ensure_ascii=False, indent=None)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow(
                [
                    ""
                    if v is None
                    else json.dumps(_plain(v), ensure_ascii=False)
                    if isinstance(v, list | dict)
                    else _plain(v)
                    for v in row
                ]
            )
        return buffer.getvalue().rstrip("\n")
    return _table(columns, rows)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cell(value: Any, limit: int = 60) -> str:
    text = "NULL" if value is None else str(_plain(value))
    text = text.replace("\n", " ")
    if _width(text) > limit:
        while _width(text) > limit - 1:
            text = text[:-1]
        text += "…"
    return text


def _table(columns: list[str], rows: list[tuple[Any, ...]]) -> str:
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [max([_width(c), *(_width(r[i]) for r in cells)]) for i, c in enumerate(columns)]

    def line(values: list[str]) -> str:
        return " | ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths, strict=True))

    out = [line(columns), "-+-".join("-" * w for w in widths)]
    out += [line(r) for r in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


CATALOG_COLUMNS = ["stage", "stage_name", "code", "name", "unit", "dimension"]
COUNT_COLUMNS = ["n_metrics", "n_levels", "n_series_cells"]


def warehouse_catalog(data_dir: Path) -> list[tuple[Any, ...]] | None:
    """The `indicators` table (CATALOG_COLUMNS, in catalog order: stages in the order they
    first appear), or None when the warehouse predates that table."""
    con = connect_reader(data_dir)
    try:
        present = con.execute(
            "select count(*) from duckdb_tables() where table_name = 'indicators'"
        ).fetchone()
        if not present or not present[0]:
            return None
        return con.execute(
            "select stage, stage_name, code, name, unit, dimension from indicators "
            "order by min(rowid) over (partition by stage), rowid"
        ).fetchall()
    finally:
        con.close()


def indicator_counts(data_dir: Path) -> dict[str, tuple[int, int, int]]:
    """Per indicator code: metrics, unmasked level metrics and indicator_series cells."""
    _, rows = run_query(
        data_dir,
        "with figures as (select indicator, count(*) as n_metrics, "
        "count(*) filter (where kind = 'level' and not masked) as n_levels "
        "from metrics where indicator is not null group by indicator), "
        "cells as (select indicator, count(*) as n_cells from indicator_series group by indicator) "
        "select coalesce(f.indicator, c.indicator), coalesce(f.n_metrics, 0), "
        "coalesce(f.n_levels, 0), coalesce(c.n_cells, 0) "
        "from figures as f full join cells as c on c.indicator = f.indicator",
    )
    return {str(code): (int(n), int(levels), int(cells)) for code, n, levels, cells in rows}


def format_catalog(
    catalog: list[tuple[Any, ...]], counts: dict[str, tuple[int, int, int]], fmt: str
) -> str:
    """The catalog with its counts: one table per stage (table format), else flat rows with
    the stage as the first columns (csv, json)."""
    rows = [(*row, *counts.get(str(row[2]), (0, 0, 0))) for row in catalog]
    columns = CATALOG_COLUMNS + COUNT_COLUMNS
    if fmt != "table":
        return format_rows(columns, rows, fmt)
    stages: dict[tuple[Any, Any], list[tuple[Any, ...]]] = {}
    for row in rows:
        stages.setdefault((row[0], row[1]), []).append(row[2:])
    out = []
    for (stage, name), group in stages.items():
        n_metrics = sum(r[-3] for r in group)
        n_cells = sum(r[-1] for r in group)
        out.append(
            f"{name} ({stage}): {len(group)} codes, {n_metrics} metrics, {n_cells} series cells"
        )
        out.append(_table(columns[2:], group))
        out.append("")
    out.append(f"{len(rows)} indicators in {len(stages)} stages")
    return "\n".join(out)
