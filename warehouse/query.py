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
        "select region_name, region_level, unit, year, "
        "format('{:g}', value) || if(n_values > 1, '*', '') as cell "
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
    wide = (
        long.sort("year")
        .with_columns(pl.col("year").cast(pl.String))
        .pivot(on="year", index=index, values="cell", aggregate_function="first")
        .sort(index)
    )
    return wide.columns, wide.rows()


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
