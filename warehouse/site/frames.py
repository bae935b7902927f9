"""The warehouse read for the site, as polars frames: one function per page kind.

Every query reads a view or table the schema defines. Columns and views added later
(`indicator_conflicts`, `reports.region_evidence`, `metrics.status`, table `indicators`)
are used when the warehouse has them and left out when it does not (see `Inventory`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import duckdb
import polars as pl

from warehouse.db import STAGING_MEMORY_LIMIT, memory_limit

# A figure counts for a series cell on the same terms as indicator_series (before its
# choice of one value): coded, unmasked, plausible level figures of ok, non-duplicate pages.
ELIGIBLE = """
    m.kind = 'level' and not m.masked and m.plausible and m.value is not null
    and {code} is not null and m.region_name is not null and m.year is not null
    and d.duplicate_of is null and d.quality = 'ok'
"""


def series_code(inventory: Inventory) -> str:
    """A figure's series, as indicator_series names it: its indicator, else (in warehouses
    that have series labels) label:<its series label>."""
    if inventory.has("metrics", "series_label"):
        return "coalesce(m.indicator, 'label:' || m.series_label)"
    return "m.indicator"


@dataclass(frozen=True)
class Inventory:
    """Which relations and columns this warehouse has (it may predate some of them)."""

    relations: frozenset[str]
    columns: dict[str, frozenset[str]]

    def has(self, relation: str, column: str | None = None) -> bool:
        """Whether the warehouse has this table or view (and this column of it)."""
        if column is None:
            return relation in self.relations
        return column in self.columns.get(relation, frozenset())


def take_inventory(con: duckdb.DuckDBPyConnection) -> Inventory:
    """Tables, views and their columns, from DuckDB's catalog."""
    rows = con.execute(
        "select table_name, column_name from duckdb_columns() where schema_name = 'main'"
    ).fetchall()
    columns: dict[str, set[str]] = {}
    for table, column in rows:
        columns.setdefault(table, set()).add(column)
    return Inventory(
        relations=frozenset(columns),
        columns={name: frozenset(cols) for name, cols in columns.items()},
    )


def frame(
    con: duckdb.DuckDBPyConnection,
    sql: str,
    params: dict[str, Any] | None = None,
    own_cursor: bool = True,
) -> pl.DataFrame:
    """The rows of `sql` as a polars frame.

    Read on a cursor of its own: DuckDB refuses a relation on a connection that still has
    an unfinished result (a `fetchone()` elsewhere). `own_cursor=False` reads on `con`
    itself, which a query of the connection's temporary tables needs (a cursor is another
    connection and does not see them).
    """
    cursor = con.cursor() if own_cursor else con
    try:
        relation = cursor.sql(sql, params=params)
        if relation is None:
            return pl.DataFrame()
        result: pl.DataFrame = relation.pl()
        return result
    finally:
        if own_cursor:
            cursor.close()


def series_frame(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Every indicator_series row: one per indicator, region and year."""
    return frame(
        con,
        "select indicator, region_name, region_level, year, value, unit, n_reports, n_values "
        "from indicator_series order by indicator, region_level, region_name, year",
    )


def cell_reports_frame(con: duckdb.DuckDBPyConnection, inventory: Inventory) -> pl.DataFrame:
    """(indicator, region, year) → the reports giving an eligible figure for that cell.

    From `series_figures` (the figures indicator_series chooses from) when the warehouse has
    it; otherwise from the same filters over metrics.
    """
    if inventory.has("series_figures"):
        return frame(
            con,
            "select indicator, region_name, year, "
            "list(distinct report_id order by report_id) as report_ids "
            "from series_figures group by indicator, region_name, year",
        )
    status = " and m.status = 'achieved'" if inventory.has("metrics", "status") else ""
    code = series_code(inventory)
    return frame(
        con,
        f"select {code} as indicator, m.region_name, m.year, "
        "list(distinct m.report_id order by m.report_id) as report_ids "
        "from metrics as m inner join documents as d on d.doc_id = m.doc_id "
        f"where {ELIGIBLE.format(code=code)}{status} group by all",
    )


CONFLICT_EXTRAS = ("source_kind", "qualifier", "authority", "chosen")


def conflict_rows_sql(inventory: Inventory) -> str:
    """One row per value a report gives for a cell where reports disagree (unordered).

    From the `indicator_conflicts` view when the warehouse has it (with its source kind and
    `chosen` flag where it gives them); otherwise the same rows rebuilt from
    indicator_series (n_values > 1) and the eligible figures of those cells.
    """
    columns = (
        "indicator, region_name, region_level, year, value, unit, report_id, doc_id, "
        "report_type, sentence"
    )
    if inventory.has("indicator_conflicts"):
        extras = ", ".join(
            c if inventory.has("indicator_conflicts", c) else f"null as {c}"
            for c in CONFLICT_EXTRAS
        )
        return f"select {columns}, {extras} from indicator_conflicts"
    code = series_code(inventory)
    return f"""
        select distinct
            c.indicator, c.region_name, c.region_level, c.year, m.value, m.unit,
            m.report_id, m.doc_id, r.report_type, m.sentence,
            null::varchar as source_kind, m.qualifier, null::integer as authority,
            m.value = c.value as chosen
        from indicator_series as c
        inner join metrics as m
            on {code} = c.indicator and m.region_name = c.region_name
            and m.region_level = c.region_level and m.year = c.year
        inner join documents as d on d.doc_id = m.doc_id
        inner join reports as r on r.report_id = m.report_id
        where c.n_values > 1 and {ELIGIBLE.format(code=code)}
    """


class StagedConflicts:
    """The conflict rows of one site build, computed once into a temporary table and read
    one indicator at a time.

    A conflict row carries its sentence: at 1 GB of input they are about a million rows and
    several hundred MB of text, which as one frame (and as Python rows for the pages) took
    gigabytes. DuckDB keeps the temporary table within its memory limit (spilling to disk
    beyond it) and drops it with `close()` or the connection.
    """

    TABLE = "site_conflicts"

    def __init__(self, con: duckdb.DuckDBPyConnection, inventory: Inventory) -> None:
        self.con = con
        with memory_limit(con, STAGING_MEMORY_LIMIT):
            con.execute(
                f"create or replace temp table {self.TABLE} as {conflict_rows_sql(inventory)}"
            )
        counts = con.execute(
            "select indicator, count(distinct (region_name, year)), "
            "count(distinct (region_name, region_level, year)) "
            f"from {self.TABLE} group by indicator order by indicator"
        ).fetchall()
        self.codes: list[str] = [str(code) for code, _, _ in counts]
        """Indicators with a conflicting cell, in order."""
        self.n_cells = sum(int(n) for _, n, _ in counts)
        """Cells (indicator, region name, year) where reports disagree."""
        self.n_level_cells = sum(int(n) for _, _, n in counts)
        """The same cells told apart by region level, as the conflicts pages list them."""

    def rows(self, code: str) -> pl.DataFrame:
        """Every conflict row of one indicator, by region, year, value and report."""
        if code not in self.codes:
            return pl.DataFrame()
        return frame(
            self.con,
            f"select * from {self.TABLE} where indicator = $code "
            "order by region_name, year, value, report_id, doc_id, sentence",
            {"code": code},
            own_cursor=False,
        )

    def close(self) -> None:
        """Drop the temporary table."""
        self.con.execute(f"drop table if exists {self.TABLE}")


def coverage_frame(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """One row per region and year: reports and figures (the `coverage` view)."""
    return frame(
        con,
        "select region_name, region_level, year, n_reports, n_metrics, n_indicator_metrics "
        "from coverage",
    )


def report_list_frame(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Every report without its text, in the order of the report list: region, year, id.

    The coverage heatmap links each cell to the list page that holds its first report, so
    this order (region and year NULLs last) is the one both use.
    """
    return frame(
        con,
        """
        with figures as (
            select report_id, count(*) as n_metrics, count(indicator) as n_indicator_metrics
            from metrics
            group by report_id
        )
        select
            r.report_id, r.title, r.report_type, r.region_name, r.region_level, r.year,
            d.uri, d.quality, d.duplicate_of,
            coalesce(f.n_metrics, 0) as n_metrics,
            coalesce(f.n_indicator_metrics, 0) as n_indicator_metrics
        from reports as r
        inner join documents as d on d.doc_id = r.doc_id
        left join figures as f on f.report_id = r.report_id
        order by r.region_name nulls last, r.year nulls last, r.report_id
        """,
    )


def report_fingerprints(con: duckdb.DuckDBPyConnection, inventory: Inventory) -> dict[str, str]:
    """report_id → a digest of everything its page shows, to skip unchanged pages."""
    metric_columns = [
        "metric_id",
        "indicator",
        "value",
        "unit",
        "kind",
        "region_name",
        "year",
        "plausible",
        "char_start",
        "char_end",
    ]
    if inventory.has("metrics", "status"):
        metric_columns.append("status")
    report_columns = ["title", "report_type", "region_name", "region_level", "year", "seq"]
    if inventory.has("reports", "region_evidence"):
        report_columns.append("region_evidence::varchar")
    rows = con.execute(
        f"""
        with figures as (
            select report_id, bit_xor(hash({", ".join(metric_columns)})) as h, count(*) as n
            from metrics
            group by report_id
        )
        select
            r.report_id,
            hash(
                d.content_sha256, d.transforms_version, d.quality, d.quality_reasons,
                d.duplicate_of, d.uri, d.published_date,
                {", ".join("r." + c for c in report_columns)}
            )::varchar || '-' || coalesce(f.h, 0)::varchar || '-' || coalesce(f.n, 0)::varchar
        from reports as r
        inner join documents as d on d.doc_id = r.doc_id
        left join figures as f on f.report_id = r.report_id
        """
    ).fetchall()
    return {str(report_id): str(digest) for report_id, digest in rows}


def iter_report_pages(
    con: duckdb.DuckDBPyConnection,
    inventory: Inventory,
    report_ids: list[str],
    batch_rows: int = 500,
) -> Iterator[list[dict[str, Any]]]:
    """The reports named, with their text, document and figures, `batch_rows` at a time.

    Batches follow the tables' storage order (rowid): a batch's reports, and their figures
    (loaded with them, batch by batch), lie in one short run of rows, whose rowid bounds
    DuckDB applies in the scans. Batches of consecutive report ids read every row group's
    ids instead (ids are hashes, spread over every row group): at 1 GB of input 0.43 s a
    batch, 67.8 s for a site's 150 batches, and the scanned blocks filled DuckDB's cache.
    """
    status = "m.status" if inventory.has("metrics", "status") else "null::varchar"
    evidence = "r.region_evidence" if inventory.has("reports", "region_evidence") else "null"
    sql = f"""
        with wanted as (select unnest($ids::varchar[]) as report_id),
        figures as (
            select
                m.report_id,
                list({{
                    'metric_id': m.metric_id, 'indicator': m.indicator, 'label': m.label,
                    'value': m.value, 'unit': m.unit, 'value_text': m.value_text,
                    'kind': m.kind, 'qualifier': m.qualifier, 'masked': m.masked,
                    'region_name': m.region_name, 'region_level': m.region_level,
                    'year': m.year, 'plausible': m.plausible,
                    'plausibility_reason': m.plausibility_reason, 'status': {status},
                    'char_start': m.char_start, 'char_end': m.char_end
                }} order by m.char_start, m.char_end, m.metric_id) as figures
            from metrics as m
            semi join wanted as w on w.report_id = m.report_id
            where m.rowid between $first_metric and $last_metric
            group by m.report_id
        )
        select
            r.report_id, r.doc_id, r.seq, r.title, r.report_type, r.region_name,
            r.region_code, r.region_level, r.region_anonymized, r.year,
            r.published_date, r.text, {evidence} as region_evidence,
            d.uri, d.site, d.fetched_at, d.quality, d.quality_reasons, d.duplicate_of,
            d.encoding, d.script,
            coalesce(f.figures, []) as figures
        from reports as r
        semi join wanted as w on w.report_id = r.report_id
        inner join documents as d on d.doc_id = r.doc_id
        left join figures as f on f.report_id = r.report_id
        where r.rowid between $first_report and $last_report
    """
    if not report_ids:  # a rebuild with no report page to write reads nothing here
        return
    wanted = set(report_ids)
    # (report rowid, first and last metric rowid) of each report wanted, in storage order
    rows = con.execute(
        """
        select r.rowid, r.report_id, min(m.rowid), max(m.rowid)
        from reports as r left join metrics as m on m.report_id = r.report_id
        group by all order by r.rowid
        """
    ).fetchall()
    places = [row for row in rows if row[1] in wanted]
    for start in range(0, len(places), batch_rows):
        batch = places[start : start + batch_rows]
        metric_rows = [
            row for _, _, first, last in batch if first is not None for row in (first, last)
        ]
        params = {
            "ids": [row[1] for row in batch],
            "first_report": batch[0][0],
            "last_report": batch[-1][0],
            "first_metric": min(metric_rows, default=0),
            "last_metric": max(metric_rows, default=-1),
        }
        cursor = con.cursor()
        try:
            relation = cursor.sql(sql, params=params)
            if relation is not None:
                yield relation.to_arrow_table().to_pylist()
        finally:
            cursor.close()


def quarantine_frame(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Every rejected input: stage, reason, detail, URI and when."""
    return frame(
        con,
        'select stage, reason, detail, uri, "at" from quarantine order by "at" desc, uri',
    )


def indicator_counts_frame(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Per indicator code: figures, level figures, and the regions and years of its series."""
    return frame(
        con,
        """
        with figures as (
            select
                indicator as code,
                count(*) as n_metrics,
                count(*) filter (where kind = 'level' and not masked) as n_levels,
                count(distinct report_id) as n_reports_with
            from metrics
            where indicator is not null
            group by indicator
        ),
        cells as (
            select
                indicator as code,
                count(*) as n_cells,
                count(distinct region_name) as n_regions,
                min(year) as first_year,
                max(year) as last_year,
                count(*) filter (where n_values > 1) as n_conflicts
            from indicator_series
            group by indicator
        )
        select
            coalesce(f.code, c.code) as code,
            coalesce(f.n_metrics, 0) as n_metrics,
            coalesce(f.n_levels, 0) as n_levels,
            coalesce(f.n_reports_with, 0) as n_reports_with,
            coalesce(c.n_cells, 0) as n_cells,
            coalesce(c.n_regions, 0) as n_regions,
            c.first_year,
            c.last_year,
            coalesce(c.n_conflicts, 0) as n_conflicts
        from figures as f
        full join cells as c on c.code = f.code
        """,
    )


def indicator_table_frame(con: duckdb.DuckDBPyConnection, inventory: Inventory) -> pl.DataFrame:
    """The warehouse's `indicators` table (code, stage, name, unit …) when it has one."""
    if not inventory.has("indicators"):
        return pl.DataFrame()
    wanted = [
        c
        for c in ("code", "stage", "stage_name", "measure", "name", "unit", "dimension", "forms")
        if inventory.has("indicators", c)
    ]
    if "code" not in wanted:
        return pl.DataFrame()
    return frame(con, f"select {', '.join(wanted)} from indicators")


def totals(con: duckdb.DuckDBPyConnection, tables: tuple[str, ...]) -> dict[str, int]:
    """Row count of each table."""
    out = {}
    for table in tables:
        ((count,),) = con.execute(f"select count(*) from {table}").fetchall()
        out[table] = int(count)
    return out


def latest_runs_frame(con: duckdb.DuckDBPyConnection, inventory: Inventory) -> pl.DataFrame:
    """The last runs recorded in the warehouse's `runs` table, when it has one."""
    if not inventory.has("runs"):
        return pl.DataFrame()
    order = next((c for c in ("finished_at", "started_at", "at") if inventory.has("runs", c)), None)
    return frame(
        con, "select * from runs" + (f" order by {order} desc" if order else "") + " limit 20"
    )
