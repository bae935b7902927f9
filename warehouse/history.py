"""Run history in the warehouse: the `runs` table, superseded figures, moved series cells, diff.

Each run has a row of `runs`. When a batch reloads documents, their figures before the load
are compared with the new ones by `figure_key` (report, kind, label and occurrence, so a
figure whose offsets moved is still the same figure): unchanged figures keep their
first_seen_run and last_changed_run, changed and vanished ones are copied to
`metrics_history`. At a run's end the cells of indicator_series that moved since the run
before are added to `series_changes`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import duckdb

from warehouse.db import WarehouseError

# The figure's identity across loads (see metrics.figure_key).
FIGURE_KEY = (
    "md5(concat_ws('|', report_id, kind, label, row_number() over "
    "(partition by report_id, kind, label order by char_start, char_end, metric_id)))"
)
# What makes a figure "changed": the columns a reader of the marts sees.
COMPARED = ("value", "unit", "indicator", "region_name", "region_level", "year", "kind")
RAW = ("value", "unit", "indicator", "region_name", "region_level", "year", "plausible")
RUN_COUNTS = {
    "fetched": "fetched",
    "unchanged": "unchanged",
    "new": "new_documents",
    "updated": "updated_documents",
    "quarantined": "quarantined",
    "reports": "reports_written",
    "metrics": "metrics_written",
}


def start_run(
    con: duckdb.DuckDBPyConnection,
    flow_run_id: str | None,
    transforms_version: str,
    full_refresh: bool,
    now: datetime | None = None,
) -> int:
    """Record a run as started; returns its run_id (1, 2, 3 …)."""
    row = con.execute(
        """
        insert into runs (run_id, flow_run_id, started_at, status, transforms_version, full_refresh)
        select coalesce(max(run_id), 0) + 1, ?, ?, 'running', ?, ? from runs
        returning run_id
        """,
        [flow_run_id, _utc(now), transforms_version, full_refresh],
    ).fetchone()
    assert row is not None
    return int(row[0])


CORRECTIONS_DIGEST = """(
    select md5(coalesce(string_agg(correction_id || ':' || active::varchar, ','
                                   order by correction_id), ''))
    from corrections
)"""
"""The corrections in force, as one value: runs.corrections_digest."""


def finish_run(
    con: duckdb.DuckDBPyConnection,
    run_id: int,
    counts: Mapping[str, int],
    now: datetime | None = None,
    series: bool = True,
) -> None:
    """Record a run as completed, with its counts, and the series cells it moved; with
    series=False the caller knows none moved (nothing the series read has changed since the
    last completed run recorded them), and indicator_series is not read."""
    moved = record_series_changes(con, run_id) if series else 0
    sets = ", ".join(f"{column} = ?" for column in RUN_COUNTS.values())
    con.execute(
        f"""
        update runs set
            finished_at = ?, status = 'completed', {sets},
            metrics_added = (select count(*) from metrics where first_seen_run = $run),
            metrics_changed = (select count(*) from metrics_history
                               where superseded_run = $run and change = 'changed'),
            metrics_removed = (select count(*) from metrics_history
                               where superseded_run = $run and change = 'removed'),
            series_moved = ?,
            corrections_digest = {CORRECTIONS_DIGEST}
        where run_id = $run
        """.replace("$run", str(int(run_id))),
        [_utc(now), *(int(counts.get(name, 0)) for name in RUN_COUNTS), moved],
    )


def corrections_changed(con: duckdb.DuckDBPyConnection, run_id: int) -> bool:
    """True when the corrections in force now differ from those at the end of the completed
    run before `run_id` (made or revoked in between, or from corrections.yaml)."""
    row = con.execute(
        f"""
        select
            {CORRECTIONS_DIGEST},
            (select arg_max(corrections_digest, run_id) from runs
             where run_id < $run and status = 'completed')
        """.replace("$run", str(int(run_id)))
    ).fetchone()
    return bool(row and row[0] != row[1])


def fail_run(con: duckdb.DuckDBPyConnection, flow_run_id: str, error: str) -> None:
    """Mark the running run of a Prefect flow run as failed."""
    con.execute(
        "update runs set status = 'failed', finished_at = ?, error = ? "
        "where flow_run_id = ? and status = 'running'",
        [_utc(None), error[:2000], flow_run_id],
    )


def snapshot_replaced_metrics(con: duckdb.DuckDBPyConnection) -> None:
    """Temp table `old_metrics`: the figures of the documents in temp table `previous` as they
    were extracted (corrections undone), with their figure_key; call before deleting them."""
    raw = ", ".join(f"case when corrected then original_{c} else {c} end as {c}" for c in RAW)
    con.execute(
        f"""
        create or replace temp table old_metrics as
        select * replace ({raw}, {FIGURE_KEY} as figure_key)
        from metrics
        where doc_id in (select doc_id from previous)
        """
    )


def record_metric_history(con: duckdb.DuckDBPyConnection, run_id: int | None) -> None:
    """Compare the batch's reloaded figures (temp table `new_metrics`, about to be inserted)
    with `old_metrics`: keep changed or vanished figures in metrics_history, and carry
    first_seen_run and last_changed_run over to the new rows. Reads no other table, so the
    cost follows the batch, not the warehouse."""
    run = "null::integer" if run_id is None else str(int(run_id))
    same = " and ".join(f"n.{c} is not distinct from o.{c}" for c in COMPARED)
    kept = [
        c for c in table_columns(con, "metrics_history") if c not in ("superseded_run", "change")
    ]
    con.execute(
        f"""
        insert into metrics_history by name
        select {run} as superseded_run,
            case when n.metric_id is null then 'removed' else 'changed' end as change,
            {", ".join(f"o.{c}" for c in kept)}
        from old_metrics as o
        left join new_metrics as n on n.figure_key = o.figure_key
        where n.metric_id is null or not ({same})
        """
    )
    con.execute(
        f"""
        update new_metrics as n
        set first_seen_run = o.first_seen_run,
            last_changed_run = case when {same} then o.last_changed_run else {run} end
        from old_metrics as o
        where n.figure_key = o.figure_key
        """
    )


def record_series_changes(con: duckdb.DuckDBPyConnection, run_id: int) -> int:
    """Add to series_changes the indicator_series cells that differ from the last recorded
    state (added, changed or removed); returns how many."""
    cell = ("indicator", "region_name", "region_level", "year")
    on = " and ".join(f"n.{c} is not distinct from s.{c}" for c in cell)
    row = con.execute(
        f"""
        insert into series_changes
        with last as (
            select {", ".join(cell)},
                arg_max({{'value': new_value, 'unit': new_unit, 'change': change}}, run_id) as state
            from series_changes
            group by all
        ),
        recorded as (
            select {", ".join(cell)}, state.value as value, state.unit as unit
            from last
            where state.change <> 'removed'
        ),
        current as (
            select {", ".join(cell)}, value, unit from indicator_series
        )
        select
            {int(run_id)},
            {", ".join(f"coalesce(n.{c}, s.{c})" for c in cell)},
            case when s.indicator is null then 'added'
                 when n.indicator is null then 'removed'
                 else 'changed' end,
            s.value, n.value, s.unit, n.unit
        from current as n
        full join recorded as s on {on}
        where s.indicator is null or n.indicator is null
            or n.value is distinct from s.value or n.unit is distinct from s.unit
        """
    ).fetchone()
    return int(row[0]) if row else 0


def latest_runs(con: duckdb.DuckDBPyConnection) -> list[int]:
    """run_id of every run, oldest first."""
    return [int(r[0]) for r in con.execute("select run_id from runs order by run_id").fetchall()]


DIFF_COLUMNS = [
    "scope",
    "change",
    "run_id",
    "indicator",
    "region_name",
    "region_level",
    "year",
    "old_value",
    "new_value",
    "unit",
    "label",
    "value_text",
    "metric_id",
    "uri",
]


def diff(
    con: duckdb.DuckDBPyConnection, since: int | None = None
) -> tuple[int, list[tuple[Any, ...]]]:
    """What changed after run `since` (default: the run before the latest, so what the latest
    run changed): figures added, changed (old → new) and removed, and indicator_series cells
    whose value moved. Returns `since` and rows of DIFF_COLUMNS."""
    runs = latest_runs(con)
    if not runs:
        raise WarehouseError("no runs recorded in this warehouse yet; run `edureports run` first")
    if since is None:
        since = runs[-2] if len(runs) > 1 else 0
    elif since not in runs and since != 0:
        raise WarehouseError(f"no run {since}; runs are {runs[0]}…{runs[-1]} (see the runs table)")
    rows = con.execute(
        """
        with earliest_old as (
            -- each figure's values as of run $since: its first version superseded after it
            select figure_key,
                arg_min({'value': value, 'unit': unit, 'change': change,
                         'first': first_seen_run, 'run': superseded_run,
                         'indicator': indicator, 'region_name': region_name,
                         'region_level': region_level, 'year': year, 'label': label,
                         'value_text': value_text, 'metric_id': metric_id, 'doc_id': doc_id},
                        superseded_run) as old
            from metrics_history
            where superseded_run > $since and figure_key is not null
            group by figure_key
        ),
        figures as (
            select 'figure' as scope, 'added' as change, m.first_seen_run as run_id,
                m.indicator, m.region_name, m.region_level, m.year,
                null::double as old_value, m.value as new_value, m.unit, m.label,
                m.value_text, m.metric_id, m.doc_id
            from metrics as m
            where m.first_seen_run > $since
            union all
            select 'figure', 'changed', m.last_changed_run,
                m.indicator, m.region_name, m.region_level, m.year,
                h.old.value, m.value, m.unit, m.label, m.value_text, m.metric_id, m.doc_id
            from metrics as m
            inner join earliest_old as h on h.figure_key = m.figure_key
            where m.last_changed_run > $since
                and (m.first_seen_run is null or m.first_seen_run <= $since)
            union all
            select 'figure', 'removed', h.old.run,
                h.old.indicator, h.old.region_name, h.old.region_level, h.old.year,
                h.old.value, null, h.old.unit, h.old.label, h.old.value_text,
                h.old.metric_id, h.old.doc_id
            from earliest_old as h
            where (h.old.first is null or h.old.first <= $since)
                and not exists (select 1 from metrics as m where m.figure_key = h.figure_key)
        ),
        cells as (
            select indicator, region_name, region_level, year,
                arg_min({'value': old_value, 'unit': old_unit}, run_id) as first,
                arg_max({'value': new_value, 'unit': new_unit, 'run': run_id}, run_id) as last
            from series_changes
            where run_id > $since
            group by all
        ),
        series as (
            select 'series' as scope,
                case when first.value is null then 'added'
                     when last.value is null then 'removed' else 'changed' end,
                last.run, indicator, region_name, region_level, year,
                first.value, last.value, coalesce(last.unit, first.unit),
                null, null, null, null
            from cells
            where first.value is distinct from last.value or first.unit is distinct from last.unit
        )
        select f.* exclude (doc_id), d.uri
        from figures as f
        left join documents as d on d.doc_id = f.doc_id
        union all
        select * from series
        order by scope, change, indicator nulls last, region_name nulls last, year, metric_id
        """.replace("$since", str(int(since)))
    ).fetchall()
    return since, rows


def table_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    """Column names of a warehouse table, in table order."""
    return con.sql(f"select * from {table} limit 0").columns


def _utc(now: datetime | None) -> datetime:
    return (now or datetime.now(UTC)).astimezone(UTC).replace(tzinfo=None)
