"""The `edureports` command line: run the pipeline, query the warehouse.

`query` and `report` import no Prefect, so they start fast.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

# Prefect settings for a run on a fresh machine, unless the user set them: its temporary
# server's first start migrates a new database (slower than the default 20 s timeout),
# and a machine without internet must not try to send telemetry.
PREFECT_DEFAULTS = {
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "900",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_CLOUD_ENABLE_ORCHESTRATION_TELEMETRY": "false",
    "DO_NOT_TRACK": "1",  # Prefect's SDK telemetry (its own opt-out variable)
}
INSPECT_HINT = 'inspect rejected inputs with: edureports query "select * from quarantine"'


def _data_dir(value: str | None) -> Path:
    from flows.data_dir import resolve_data_dir

    return resolve_data_dir(value)


def build_parser() -> argparse.ArgumentParser:
    """Parser of every subcommand."""
    parser = argparse.ArgumentParser(
        prog="edureports",
        description="Chinese local education reports → Parquet + DuckDB warehouse.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="acquire, clean, extract and publish (one Prefect flow run)")
    run.add_argument(
        "--source",
        action="append",
        default=[],
        metavar="PATH|NAME",
        help="a file, a folder, or a source name from the config; repeatable "
        "(default: every source in the config)",
    )
    run.add_argument("--config", help="sources file (default: sources.yaml of the project)")
    run.add_argument("--data", help="data folder (default: $EDUREPORTS_DATA or ./data)")
    run.add_argument(
        "--lake",
        metavar="URI",
        help="where parquet/ and raw/ live: a folder or s3://bucket/prefix "
        "(default: $EDUREPORTS_LAKE or the data folder; S3 settings from the AWS_* variables)",
    )
    run.add_argument("--batch-size", type=int, help="documents per task run at most (default 500)")
    run.add_argument(
        "--batch-mb",
        type=float,
        help="megabytes of input per task run at most (default 2.5)",
    )
    run.add_argument(
        "--runner",
        choices=("threads", "processes", "dask"),
        help="where transform batches run: threads, a local process pool (default; "
        "$EDUREPORTS_RUNNER), or a Dask cluster",
    )
    run.add_argument("--workers", type=int, help="parallel workers (default: CPU count)")
    run.add_argument(
        "--dask-address",
        metavar="tcp://HOST:PORT",
        help="scheduler of an existing Dask cluster (with --runner dask; default: a local one)",
    )
    run.add_argument(
        "--catalog",
        metavar="FILE",
        help="indicator catalog instead of the packaged one ($EDUREPORTS_CATALOG; "
        "a units.yaml beside it replaces the unit table)",
    )
    run.add_argument(
        "--chrome",
        metavar="FILE",
        help="chrome patterns instead of the packaged ones ($EDUREPORTS_CHROME)",
    )
    run.add_argument(
        "--lock-wait",
        type=float,
        metavar="SECONDS",
        help="how long to wait for another run to release the warehouse (default 30)",
    )
    run.add_argument(
        "--json", action="store_true", help="print the run's result as JSON (for scripts)"
    )
    run.add_argument(
        "--from-raw",
        action="store_true",
        help="rebuild from the raw store under <lake>/raw instead of acquiring (no network)",
    )
    run.add_argument(
        "--full-refresh",
        action="store_true",
        help="reprocess every document, even those unchanged since they were loaded",
    )

    query = sub.add_parser("query", help="run read-only SQL against the warehouse")
    query.add_argument("sql", help="a SQL statement")
    query.add_argument("--data", help="data folder (default: $EDUREPORTS_DATA or ./data)")
    query.add_argument(
        "--format", choices=("table", "csv", "json", "parquet", "xlsx"), default="table"
    )
    _output_flags(query)

    series = sub.add_parser(
        "series", help="one indicator year by year: regions as rows, years as columns"
    )
    series.add_argument("indicator", help="indicator code (see `edureports indicators`)")
    series.add_argument("--region", help="only this region (e.g. 青岛市)")
    series.add_argument("--level", choices=("national", "province", "city", "county", "district"))
    series.add_argument("--data", help="data folder (default: $EDUREPORTS_DATA or ./data)")
    series.add_argument("--format", choices=("table", "csv", "json", "xlsx"), default="table")
    series.add_argument(
        "--long", action="store_true", help="one row per region and year, with n_values per cell"
    )
    _output_flags(series)

    correct = sub.add_parser(
        "correct",
        help="correct or exclude an extracted figure (kept across re-runs); list, revoke",
    )
    correct.add_argument("metric_id", nargs="?", help="the figure (metrics.metric_id)")
    correct.add_argument("--value", type=float, help="the right value, in base units")
    correct.add_argument("--unit", help="the right base unit")
    correct.add_argument("--indicator", help="the right indicator code")
    correct.add_argument("--region", help="the right region name")
    correct.add_argument("--level", choices=("national", "province", "city", "county", "district"))
    correct.add_argument("--year", type=int, help="the right year")
    correct.add_argument("--exclude", action="store_true", help="keep the figure out of every mart")
    correct.add_argument("--why", default="", help="the evidence (required for a correction)")
    correct.add_argument("--who", help="who corrects (default: $USER)")
    correct.add_argument(
        "--list", action="store_true", help="list the corrections and whether each still applies"
    )
    correct.add_argument("--revoke", metavar="CORRECTION_ID", help="withdraw a correction")
    correct.add_argument("--data", help="data folder (default: $EDUREPORTS_DATA or ./data)")
    correct.add_argument("--format", choices=("table", "csv", "json", "xlsx"), default="table")
    _output_flags(correct)

    diff = sub.add_parser(
        "diff",
        help="figures added, changed and removed, and series cells moved, since a run",
    )
    diff.add_argument(
        "--since",
        type=int,
        metavar="RUN",
        help="changes after this run_id (default: what the latest run changed)",
    )
    diff.add_argument("--data", help="data folder (default: $EDUREPORTS_DATA or ./data)")
    diff.add_argument("--format", choices=("table", "csv", "json", "xlsx"), default="table")
    _output_flags(diff)

    serve = sub.add_parser(
        "serve",
        help="run the scheduled deployments of prefect.yaml in-process (starts a local "
        "Prefect server unless PREFECT_API_URL is set)",
    )
    serve.add_argument("--port", type=int, default=4200, help="port of the local Prefect server")

    report = sub.add_parser(
        "report", help="write the static site (series, coverage, reports …) that opens from disk"
    )
    report.add_argument("--data", help="data folder (default: $EDUREPORTS_DATA or ./data)")
    report.add_argument("--out", help="site folder (default: <data>/report)")

    indicators = sub.add_parser(
        "indicators",
        help="the indicator catalog by stage, with how many figures and series cells each code has",
    )
    indicators.add_argument("--data", help="data folder (default: $EDUREPORTS_DATA or ./data)")
    indicators.add_argument("--format", choices=("table", "csv", "json", "xlsx"), default="table")
    _output_flags(indicators)
    return parser


def _output_flags(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--out", metavar="FILE", help="write to FILE instead of stdout (needed for parquet)"
    )
    command.add_argument(
        "--excel", action="store_true", help="CSV with a UTF-8 BOM, so Excel reads the Chinese"
    )


def _emit(args: argparse.Namespace, columns: list[str], rows: list[tuple[object, ...]]) -> int:
    """Rows in the chosen format, to --out or stdout (a BOM first with --excel and csv)."""
    from warehouse.query import format_rows, write_output

    out = Path(args.out) if args.out else None
    if args.format == "xlsx":
        if out is None:
            print(f"edureports {args.command}: --format xlsx needs --out FILE", file=sys.stderr)
            return 2
        from warehouse.xlsx import write_xlsx

        write_xlsx(columns, rows, out, sheet=args.command)
        print(f"wrote {len(rows)} rows to {out}", file=sys.stderr)
        return 0
    write_output(
        format_rows(columns, rows, args.format), out, bom=args.excel and args.format == "csv"
    )
    if out is not None:
        print(f"wrote {len(rows)} rows to {out}", file=sys.stderr)
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    """Print the rows of a read-only query (or write them to Parquet)."""
    from warehouse.db import WarehouseError
    from warehouse.query import export_query, run_query

    try:
        if args.format == "parquet":
            if not args.out:
                print("edureports query: --format parquet needs --out FILE", file=sys.stderr)
                return 2
            n = export_query(_data_dir(args.data), args.sql, Path(args.out))
            print(f"wrote {n} rows to {args.out}")
            return 0
        columns, rows = run_query(_data_dir(args.data), args.sql)
    except WarehouseError as exc:
        print(f"edureports query: {exc}", file=sys.stderr)
        return 1
    return _emit(args, columns, rows)


def cmd_series(args: argparse.Namespace) -> int:
    """Print one indicator's longitudinal table (n_values > 1: reports disagree)."""
    from warehouse.db import WarehouseError
    from warehouse.query import series_table

    try:
        columns, rows = series_table(
            _data_dir(args.data), args.indicator, args.region, args.level, long=args.long
        )
    except WarehouseError as exc:
        print(f"edureports series: {exc}", file=sys.stderr)
        return 1
    if not rows:
        print(
            f"edureports series: no values for {args.indicator!r}; "
            "see `edureports indicators` for the codes that have figures",
            file=sys.stderr,
        )
        return 1
    return _emit(args, columns, rows)


def cmd_indicators(args: argparse.Namespace) -> int:
    """Print the catalog by stage, with the warehouse's figures and series cells per code."""
    from warehouse.db import WarehouseError
    from warehouse.query import (
        CATALOG_COLUMNS,
        COUNT_COLUMNS,
        format_catalog,
        indicator_counts,
        warehouse_catalog,
        write_output,
    )

    catalog: list[tuple[object, ...]] | None = None
    counts: dict[str, tuple[int, int, int]] = {}
    try:
        catalog = warehouse_catalog(_data_dir(args.data))
        counts = indicator_counts(_data_dir(args.data))
    except WarehouseError as exc:
        print(f"edureports indicators: {exc} (showing the catalog only)", file=sys.stderr)
    if catalog is None:  # no warehouse, or one older than the indicators table: the YAML
        from transforms.catalog import load_catalog

        yaml_catalog = load_catalog()
        names = {st.code: st.name for st in yaml_catalog.stages}
        order = {st.code: n for n, st in enumerate(yaml_catalog.stages)}
        catalog = [
            (
                ind.stage,
                names.get(ind.stage, ind.stage),
                ind.code,
                ind.name,
                ind.unit,
                ind.dimension,
            )
            for ind in sorted(yaml_catalog.indicators, key=lambda i: order.get(i.stage, len(order)))
        ]
    if args.format == "table":  # one table per stage
        write_output(format_catalog(catalog, counts, "table"), Path(args.out) if args.out else None)
        return 0
    rows = [(*row, *counts.get(str(row[2]), (0, 0, 0))) for row in catalog]
    return _emit(args, CATALOG_COLUMNS + COUNT_COLUMNS, rows)


def cmd_correct(args: argparse.Namespace) -> int:
    """Record a correction (or revoke one) and apply it now; or list them."""
    import getpass

    from warehouse.corrections import add_correction, revoke_correction
    from warehouse.db import WarehouseError, connect_writer, db_path
    from warehouse.query import run_query

    data = _data_dir(args.data)
    listing = (
        "select correction_id, status, n_metrics, action, value, unit, indicator, region_name, "
        "year, value_text, uri, who, made_at, why from correction_status order by made_at"
    )
    try:
        if args.list:
            columns, rows = run_query(data, listing)
            return _emit(args, columns, rows)
        if not db_path(data).exists():
            print(f"edureports correct: no warehouse at {db_path(data)}", file=sys.stderr)
            return 1
        con = connect_writer(data)
        try:
            if args.revoke:
                n = revoke_correction(con, args.revoke)
                print(f"revoked {args.revoke}; {n} figure(s) back to their extracted values")
            else:
                if not args.metric_id:
                    print(
                        "edureports correct: give a METRIC_ID, --list or --revoke", file=sys.stderr
                    )
                    return 2
                changes = {
                    column: value
                    for column, value in (
                        ("value", args.value),
                        ("unit", args.unit),
                        ("indicator", args.indicator),
                        ("region_name", args.region),
                        ("region_level", args.level),
                        ("year", args.year),
                    )
                    if value is not None
                }
                who = args.who or os.environ.get("USER") or getpass.getuser()
                correction_id = add_correction(
                    con, args.metric_id, changes, exclude=args.exclude, who=who, why=args.why
                )
                row = con.execute(
                    "select status, n_metrics from correction_status where correction_id = ?",
                    [correction_id],
                ).fetchone()
                status, n = row if row else ("?", 0)
                print(
                    f"{correction_id}: {status} to {n} figure(s); kept across runs "
                    "(Parquet follows at the next `edureports run`)"
                )
        finally:
            con.close()
    except WarehouseError as exc:
        print(f"edureports correct: {exc}", file=sys.stderr)
        return 1
    missing = run_query(
        data,
        "select correction_id, status, uri, value_text from correction_status "
        "where status in ('figure missing', 'document missing')",
    )[1]
    for correction_id, status, uri, text in missing:
        print(f"  {correction_id}: {status} ({text} in {uri}); review it", file=sys.stderr)
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    """Print what changed after a run (default: what the latest run changed)."""
    from warehouse.db import WarehouseError, connect_reader
    from warehouse.history import DIFF_COLUMNS, diff

    try:
        con = connect_reader(_data_dir(args.data))
        try:
            since, rows = diff(con, args.since)
        finally:
            con.close()
    except WarehouseError as exc:
        print(f"edureports diff: {exc}", file=sys.stderr)
        return 1
    print(f"changes after run {since}: {len(rows)}", file=sys.stderr)
    return _emit(args, DIFF_COLUMNS, rows)


def cmd_report(args: argparse.Namespace) -> int:
    """Write the static site of the warehouse and print where it is."""
    from warehouse.db import WarehouseError, connect_reader
    from warehouse.site import build_site

    data_dir = _data_dir(args.data)
    out = Path(args.out).expanduser().resolve() if args.out else data_dir / "report"
    try:
        con = connect_reader(data_dir)
        try:
            result = build_site(con, out, processes=os.cpu_count() or 1)
        finally:
            con.close()
    except WarehouseError as exc:
        print(f"edureports report: {exc}", file=sys.stderr)
        return 1
    print(
        f"wrote {result.pages} pages ({result.report_pages} report pages written, "
        f"{result.report_pages_kept} unchanged) in {result.seconds:.1f} s\n"
        f"  open: {result.index.as_uri()}"
    )
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    """Run the pipeline flow once and print a summary."""
    for key, value in PREFECT_DEFAULTS.items():
        os.environ.setdefault(key, value)
    from flows.stopping import SUPERVISED, stop_on_signals, supervise

    if not os.environ.get(SUPERVISED) and os.environ.get("PREFECT_API_URL"):
        # no server to start: the run checks the flags itself, first (its imports are the
        # supervisor's start-up cost otherwise, a quarter of a second before the run starts)
        return supervise(args.argv)
    from flows.settings import ConfigError, build_settings
    from sources.local import SourceNotFound

    try:  # validate flags before paying for Prefect's start-up
        settings = build_settings(
            args.source,
            args.data,
            args.config,
            args.batch_size,
            runner=args.runner,
            workers=args.workers,
            dask_address=args.dask_address,
            lake=args.lake,
            catalog=args.catalog,
            chrome=args.chrome,
            lock_wait=args.lock_wait,
            batch_mb=args.batch_mb,
        )
    except (ConfigError, SourceNotFound) as exc:
        print(f"edureports run: {exc}", file=sys.stderr)
        return 2
    if args.from_raw and args.source:
        print("edureports run: --from-raw replays the raw store; drop --source", file=sys.stderr)
        return 2
    if not os.environ.get(SUPERVISED):  # the run goes on in a process that Ctrl-C can stop
        return supervise(args.argv)
    args.settings = settings
    with stop_on_signals(None, lambda: "no batch was loaded yet"):
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    """The run itself, in the process the supervisor started (args.settings checked)."""
    settings = args.settings
    from flows.api_server import TEMPORARY_API, ServerError, wait_healthy
    from flows.pipeline import run_reports
    from transforms.errors import EdureportsError

    temporary = bool(os.environ.get(TEMPORARY_API))
    if temporary:  # the supervisor's server started beside these imports; now it must answer
        timeout = float(os.environ.get("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "900"))
        try:
            wait_healthy(os.environ["PREFECT_API_URL"], timeout)
        except ServerError as exc:
            print(f"edureports run: {exc}", file=sys.stderr)
            return 1

    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    # No flow-run heartbeats: the supervisor marks a run that dies Crashed (flows.stopping),
    # and Prefect joins the heartbeat thread at the end of every run, which sleeps in whole
    # seconds (0-1 s added to each run, about a sixth of a re-run with nothing new).
    try:
        with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
            result = run_reports(
                sources=args.source or None,
                data=str(settings.data_dir),
                config=args.config,
                batch_size=settings.batch_size,
                batch_mb=settings.batch_mb,
                full_refresh=args.full_refresh,
                from_raw=args.from_raw,
                runner=settings.runner,
                workers=settings.workers,
                dask_address=settings.dask_address,
                lake=settings.lake,
            )
    except EdureportsError as exc:
        print(f"edureports run: {exc}", file=sys.stderr)
        return 1
    from prefect.settings import PREFECT_API_URL

    if temporary or not PREFECT_API_URL.value():  # a temporary server, stopped after the run
        from flows.runners import settle_task_runs

        settle_task_runs(str(result["flow_run_id"]))
    print(
        json.dumps(result, ensure_ascii=False)
        if args.json
        else render_summary(result, settings.lake)
    )
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the deployments until Ctrl-C."""
    for key, value in PREFECT_DEFAULTS.items():
        os.environ.setdefault(key, value)
    from flows.serve import serve

    return serve(args.port)


def render_summary(result: dict[str, object], lake: str | None = None) -> str:
    """A short human summary of a run's result (Parquet under `lake`, default the data folder)."""
    this_run = result["this_run"]
    totals = result["warehouse"]
    assert isinstance(this_run, dict) and isinstance(totals, dict)
    data_dir = Path(str(result["data_dir"]))
    lines = [
        "edureports run finished",
        f"  this run:  {this_run['fetched']} fetched, {this_run['unchanged']} unchanged, "
        f"{this_run['new']} new, {this_run['updated']} updated, "
        f"{this_run['quarantined']} quarantined; "
        f"{this_run['reports']} reports, {this_run['metrics']} metrics written",
        f"  warehouse: {totals['documents']} documents, {totals['reports']} reports, "
        f"{totals['metrics']} metrics, {totals['terms']} terms, {totals['quarantine']} quarantined",
        f"  DuckDB:    {data_dir / 'warehouse.duckdb'}",
        f"  Parquet:   {(lake or str(data_dir)).rstrip('/')}/parquet/<table>/",
        *([f"  Site:      {result['site']}"] if result.get("site") else []),
        '  try:       edureports query "select indicator, year, value from metrics limit 5"'
        + (f" --data {data_dir}" if data_dir != _data_dir(None) else ""),
    ]
    if this_run.get("removed"):
        lines.insert(2, f"  removed:   {this_run['removed']} documents whose file is gone")
    if totals["quarantine"]:
        lines.append(f"  {INSPECT_HINT}")
    for correction_id, status, uri, text in result.get("corrections_missing", []) or []:  # type: ignore[union-attr]
        lines.append(f"  correction {correction_id}: {status} ({text} in {uri}); review it")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script."""
    from transforms.errors import EdureportsError

    args = build_parser().parse_args(argv)
    args.argv = list(sys.argv[1:] if argv is None else argv)
    commands = {
        "query": cmd_query,
        "series": cmd_series,
        "indicators": cmd_indicators,
        "correct": cmd_correct,
        "diff": cmd_diff,
        "report": cmd_report,
        "run": cmd_run,
        "serve": cmd_serve,
    }
    try:
        return commands[args.command](args)
    except EdureportsError as exc:  # a path, a setting, a query: one line, no traceback
        print(f"edureports {args.command}: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `edureports query … | head`: the reader has what it wanted
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # no second error when Python flushes at exit
        return 0


def leave_without_teardown(finished: list[int]) -> None:
    """Exit at once with the status `main` returned (1 if it raised), if it got that far.

    The supervised run (python -m flows.cli) registers this first, so it runs after every
    other exit handler: threads are joined, Prefect has drained its log and event queues,
    the warehouse and files are closed. What remains is tearing down the ~1,500 modules
    Prefect, Arrow and DuckDB import, 0.3-0.5 s that a re-run would spend on nothing.
    """
    if finished:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(finished[0])


if __name__ == "__main__":
    import atexit
    import traceback

    finished: list[int] = []
    atexit.register(leave_without_teardown, finished)
    try:
        finished.append(main())
    except Exception:  # the traceback stays the last thing printed, not DuckDB's teardown notes
        traceback.print_exc()
        finished.append(1)
    sys.exit(finished[0])
