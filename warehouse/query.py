"""Read-only SQL against the warehouse, formatted as a table, CSV or JSON."""

from __future__ import annotations

import csv
import io
import json
import math
import sys
import unicodedata
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

from warehouse.db import WarehouseError, connect_reader, sql_literal

FORMATS = ("table", "csv", "json", "parquet")


class QueryRefused(WarehouseError):
    """The statement would change the warehouse, or is not valid SQL."""


def run_query(data_dir: Path, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Column names and rows of `sql`, run on a read-only connection."""
    if not sql.strip():
        raise QueryRefused('no SQL given; for example: edureports query "select * from documents"')
    con = connect_reader(data_dir)
    try:
        cursor = con.execute(sql)
        if cursor.description is None:
            return [], []
        columns = [d[0] for d in cursor.description]
        return columns, cursor.fetchall()
    except duckdb.Error as exc:
        message = duckdb_message(exc)
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
    if not sql.strip():
        raise QueryRefused("no SQL given")
    con = connect_reader(data_dir)
    try:
        select = sql.strip().rstrip(";")
        out.parent.mkdir(parents=True, exist_ok=True)
        con.execute(
            f"copy ({select}) to {sql_literal(str(out))} (format parquet, compression zstd)"
        )
        row = con.execute(f"select count(*) from read_parquet({sql_literal(str(out))})").fetchone()
        return int(row[0]) if row else 0
    except duckdb.Error as exc:
        raise QueryRefused(duckdb_message(exc)) from exc
    finally:
        con.close()


def duckdb_message(exc: BaseException) -> str:
    """DuckDB's whole message on one line, hints included (Did you mean "metrics"?); the
    LINE/caret lines that only point into the statement are left out."""
    lines = [line.strip() for line in str(exc).splitlines()]
    kept = [line for line in lines if line and not line.startswith(("LINE ", "^"))]
    return " ".join(kept)


def series_table(
    data_dir: Path,
    indicator: str,
    region: str | None = None,
    level: str | None = None,
    *,
    long: bool = False,
) -> tuple[list[str], list[tuple[Any, ...]]]:
    """One indicator's series from indicator_series, values exactly as stored.

    Wide (default): a row per region and unit, a column per year, then `n_values`, the
    most distinct values any of the row's cells has (above 1: reports disagree somewhere;
    `long` shows which cell). Long: one row per cell with its n_reports and n_values.
    """
    sql = (
        "select region_name, region_level, unit, year, value, n_reports, n_values "
        "from indicator_series where indicator = $indicator"
        + (" and region_name = $region" if region else "")
        + (" and region_level = $level" if level else "")
        + " order by region_name, region_level, unit, year"
    )
    params: dict[str, str] = {"indicator": indicator}
    if region:
        params["region"] = region
    if level:
        params["level"] = level
    con = connect_reader(data_dir)
    try:
        cursor = con.execute(sql, params)
        rows = cursor.fetchall()
        long_columns = [d[0] for d in cursor.description or []]
    finally:
        con.close()
    if long:
        return long_columns, rows
    years = sorted({r[3] for r in rows})
    cells: dict[tuple[str, str, str], dict[int, Any]] = {}
    disagree: dict[tuple[str, str, str], int] = {}
    for name, lvl, unit, year, value, _, n_values in rows:
        cells.setdefault((name, lvl, unit), {})[year] = value
        disagree[(name, lvl, unit)] = max(disagree.get((name, lvl, unit), 0), n_values)
    columns = ["region_name", "region_level", "unit", *map(str, years), "n_values"]
    table = [
        (name, lvl, unit, *(by_year.get(y) for y in years), disagree[(name, lvl, unit)])
        for (name, lvl, unit), by_year in sorted(cells.items())
    ]
    return columns, table


# Largest integer a double holds exactly: up to it an integral double prints as an integer.
EXACT_INTEGER = 2**53


def exact_number(value: float | int | Decimal) -> str:
    """A number as stored, in positional notation: integral doubles as integers (1234567,
    22782753100), others with every digit Python's shortest round-trip repr needs (0.1 + 0.2
    → 0.30000000000000004), never with an exponent (1e-05 → 0.00001)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if not math.isfinite(value):
        return repr(value)
    if value.is_integer() and abs(value) <= EXACT_INTEGER:
        return str(int(value))
    return format(Decimal(repr(value)), "f")


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def _json(value: Any) -> str:
    """JSON text of one value; numbers as JSON numbers, written as `exact_number` does."""
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, int | float | Decimal):
        if isinstance(value, float) and not math.isfinite(value):
            return "null"  # JSON has no NaN or infinity
        return exact_number(value)
    if isinstance(value, datetime | date):
        return json.dumps(value.isoformat())
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_json(v) for v in value) + "]"
    if isinstance(value, dict):
        return (
            "{"
            + ", ".join(
                f"{json.dumps(str(k), ensure_ascii=False)}: {_json(v)}" for k, v in value.items()
            )
            + "}"
        )
    return json.dumps(value if isinstance(value, str) else str(value), ensure_ascii=False)


def _text(value: Any) -> str:
    """A value as text for CSV and table cells ('' for NULL)."""
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal):
        return exact_number(value)
    if isinstance(value, list | tuple | dict):
        return _json(value)
    return str(_plain(value))


def format_rows(columns: list[str], rows: list[tuple[Any, ...]], fmt: str) -> str:
    """Rows as an aligned table, CSV or a JSON array of objects, values exactly as stored."""
    if fmt == "json":
        keys = [json.dumps(c, ensure_ascii=False) for c in columns]
        records = (
            "{" + ", ".join(f"{k}: {_json(v)}" for k, v in zip(keys, row, strict=True)) + "}"
            for row in rows
        )
        return "[" + ", ".join(records) + "]"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_text(v) for v in row])
        return buffer.getvalue().rstrip("\n")
    return _table(columns, rows)


BOM = "\ufeff"


def write_output(text: str, out: Path | None, *, bom: bool = False) -> None:
    """`text` to the file `out` (UTF-8, with a BOM when `bom`, for Excel) or to stdout."""
    if out is None:
        sys.stdout.write((BOM if bom else "") + text + "\n")
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text((BOM if bom else "") + text + "\n", encoding="utf-8")


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cell(value: Any, limit: int = 60) -> str:
    text = "NULL" if value is None else _text(value)
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
    labels = [c[2] for code, c in counts.items() if code.startswith("label:") and c[2]]
    if labels:  # series named after the pages' own labels (indicator_series.catalogued = false)
        out.append(
            f"and {len(labels)} series named after the pages' own labels (label:…), "
            f"{sum(labels)} series cells: query indicator_series where not catalogued"
        )
    return "\n".join(out)
