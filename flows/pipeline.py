"""The Prefect flow: acquire → decode → clean → extract → publish, on batches of documents.

Each task calls one function from sources/, transforms/ or warehouse/ and adds only
Prefect concerns: names, retries (acquisition only), timeouts, logging, artifacts.
"""

from __future__ import annotations

import time
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from functools import cache
from itertools import islice
from pathlib import Path

import duckdb
from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.futures import PrefectFuture
from prefect.runtime import flow_run
from prefect.task_runners import TaskRunner
from prefect.tasks import exponential_backoff
from prefect.utilities.annotations import quote

from flows.runners import frozen_heap, release_landed, shared_api, task_runner, worker_count
from flows.settings import Settings, build_settings
from sources.local import RawItem, list_files, read_files
from sources.web import Acquired, acquire_web, as_text_items
from transforms.clean import clean_items
from transforms.decode import decode_items
from transforms.extract import Resources, extract_records, load_resources
from transforms.incremental import Selection, select_changed
from transforms.records import QuarantineRow, Records, Tables
from warehouse.db import connect_writer
from warehouse.load import (
    fetch_states,
    known_documents,
    load_indicators,
    load_records,
    mark_duplicates,
    record_fetches,
)
from warehouse.parquet import export_parquet
from warehouse.site import build_site
from warehouse.summary import quality_summary, render_quality_markdown

# Work that can hang gets a bound; a batch of a few hundred pages takes seconds.
STAGE_TIMEOUT = 900
COUNTS = ("fetched", "unchanged", "new", "updated", "quarantined", "reports", "metrics")


def batched(items: Iterable[Path], size: int) -> Iterator[tuple[Path, ...]]:
    """Tuples of at most `size` items (itertools.batched arrived in Python 3.12)."""
    iterator = iter(items)
    while chunk := tuple(islice(iterator, size)):
        yield chunk


@task(name="list-sources", cache_policy=NO_CACHE)
def list_sources(settings: Settings) -> list[Path]:
    """Files to acquire from every local source."""
    return list_files(spec.path for spec in settings.sources if spec.path is not None)


@task(
    name="acquire",
    cache_policy=NO_CACHE,
    retries=3,
    retry_delay_seconds=exponential_backoff(backoff_factor=2),
    retry_jitter_factor=0.5,
    timeout_seconds=STAGE_TIMEOUT,
)
def acquire(files: tuple[Path, ...]) -> list[RawItem]:
    """Raw items for a batch of files (transient errors retried)."""
    return list(read_files(files))


@task(name="keep-raw", cache_policy=NO_CACHE, timeout_seconds=STAGE_TIMEOUT)
def keep_raw(items: list[RawItem], settings: Settings) -> None:
    """Keep a batch of new or changed local items in the raw store (one index append).

    Unchanged files are already there from the run that first processed them.
    """
    settings.raw_store().put_many(items)


@task(
    name="acquire-web",
    cache_policy=NO_CACHE,
    retries=2,
    retry_delay_seconds=exponential_backoff(backoff_factor=10),
    retry_jitter_factor=0.5,
    timeout_seconds=6 * 3600,
)
def acquire_site(
    spec: object,
    known: dict[str, tuple[str | None, str | None]],
    settings: Settings,
    now: datetime,
) -> Acquired:
    """Crawl one web source and fetch what changed (politeness and retries in the fetcher)."""
    return acquire_web(spec, known, settings.raw_store(), now)  # type: ignore[arg-type]


@task(name="replay-raw", cache_policy=NO_CACHE, timeout_seconds=STAGE_TIMEOUT)
def replay_raw(settings: Settings, now: datetime) -> Acquired:
    """The latest stored version of every URL in the raw store, as items to process."""
    items, failures = as_text_items(settings.raw_store().latest(), now)
    return Acquired(items=items, failures=failures)


@task(name="fetch-state", cache_policy=NO_CACHE)
def fetch_state(settings: Settings) -> dict[str, tuple[str | None, str | None]]:
    """ETag / Last-Modified of every URL fetched before, for conditional GETs."""
    con = connect_writer(settings.data_dir, settings.lock_wait_seconds)
    try:
        return fetch_states(con)
    finally:
        con.close()


@task(name="record-fetches", cache_policy=NO_CACHE)
def record(acquired: Acquired, settings: Settings) -> dict[str, int]:
    """Keep the HTTP state of this acquisition and quarantine its failures."""
    con = connect_writer(settings.data_dir, settings.lock_wait_seconds)
    try:
        record_fetches(con, acquired.fetches)
        return load_records(con, Records(quarantine=acquired.failures))
    finally:
        con.close()


@task(name="known-documents", cache_policy=NO_CACHE)
def known(settings: Settings) -> dict[str, tuple[str, str]]:
    """What the warehouse already holds: doc_id → (content hash, transforms version)."""
    con = connect_writer(settings.data_dir, settings.lock_wait_seconds)
    try:
        return known_documents(con)
    finally:
        con.close()


@task(name="select-changed", cache_policy=NO_CACHE)
def select(
    items: list[RawItem], seen: dict[str, tuple[str, str]], version: str, full_refresh: bool
) -> Selection[RawItem]:
    """Items that are new or changed since they were loaded."""
    return select_changed(items, seen, version, full_refresh)


@cache
def _resources(chrome: Path | None, catalog: Path | None, jieba_cache: str) -> Resources:
    """The transforms' data files, loaded once per worker process."""
    return load_resources(chrome, catalog, jieba_cache)


def run_resources(settings: Settings) -> Resources:
    """Resources for this run's settings (cached in the calling process)."""
    return _resources(settings.chrome_file, settings.catalog_file, str(settings.cache_dir))


@task(name="transform", cache_policy=NO_CACHE, timeout_seconds=STAGE_TIMEOUT)
def transform(
    items: list[RawItem], settings: Settings, now: datetime
) -> tuple[Tables, dict[str, float]]:
    """Rows of every table for a batch of raw items (decode → clean → extract), as Arrow
    tables, with the seconds each stage took; undecodable items go to quarantine."""
    resources = run_resources(settings)
    clock = time.perf_counter()
    decoded, failed = decode_items(list(items), now)
    decoded_at = time.perf_counter()
    cleaned = clean_items(decoded, resources.rules)
    cleaned_at = time.perf_counter()
    records = extract_records(cleaned, resources, now)
    records.extend(Records(quarantine=failed))
    tables = records.as_tables()
    seconds = {
        "decode": decoded_at - clock,
        "clean": cleaned_at - decoded_at,
        "extract": time.perf_counter() - cleaned_at,
    }
    return tables, seconds


@task(name="publish", cache_policy=NO_CACHE, timeout_seconds=STAGE_TIMEOUT)
def publish(records: Records | Tables, settings: Settings) -> dict[str, int]:
    """Load a batch into DuckDB in one transaction."""
    con = connect_writer(settings.data_dir, settings.lock_wait_seconds)
    try:
        return load_records(con, records)
    finally:
        con.close()


@task(name="finalize", cache_policy=NO_CACHE, timeout_seconds=STAGE_TIMEOUT)
def finalize(settings: Settings, changed: bool) -> dict[str, object]:
    """Mark duplicates and write Parquet (when anything changed); counts and quality summary."""
    con = connect_writer(settings.data_dir, settings.lock_wait_seconds)
    try:
        if changed or not settings.open_lake().exists("parquet"):
            load_indicators(con, run_resources(settings).catalog)
            mark_duplicates(con)
            export_parquet(con, settings.open_lake())
        totals = {}
        for table in ("documents", "reports", "metrics", "terms", "quarantine"):
            row = con.execute(f"select count(*) from {table}").fetchone()
            totals[table] = int(row[0]) if row else 0
        quality = render_quality_markdown(quality_summary(con))
        return {"totals": totals, "quality": quality, "site": write_site(con, settings)}
    finally:
        con.close()


def write_site(con: duckdb.DuckDBPyConnection, settings: Settings) -> str | None:
    """Rewrite the static site under <data>/report (unchanged report pages are kept).

    The warehouse is already published: a site that cannot be written is logged, not fatal.
    """
    try:
        result = build_site(con, settings.data_dir / "report")
    except Exception as exc:  # the run's data stands; the site is a view of it
        get_run_logger().warning("report site not written: %s", exc)
        return None
    return result.index.as_uri()


def failed_batch(items: Iterable[RawItem], exc: BaseException, now: datetime) -> Records:
    """Quarantine rows for every item of a batch whose processing raised."""
    detail = f"{type(exc).__name__}: {exc}"[:500]
    return Records(
        quarantine=[QuarantineRow(i.uri, "extract", "batch_failed", detail, now) for i in items]
    )


@flow(name="edureports-run", validate_parameters=True, log_prints=False)
def run_reports(
    sources: list[str] | None = None,
    data: str | None = None,
    config: str | None = None,
    batch_size: int = 200,
    full_refresh: bool = False,
    from_raw: bool = False,
    runner: str | None = None,
    workers: int | None = None,
    dask_address: str | None = None,
    lake: str | None = None,
) -> dict[str, object]:
    """Acquire every source, clean and extract what is new or changed, publish the warehouse."""
    logger = get_run_logger()
    started = time.perf_counter()
    settings = build_settings(
        sources=sources,
        data=data,
        config=config,
        batch_size=batch_size,
        runner=runner,
        workers=workers,
        dask_address=dask_address,
        lake=lake,
    )
    version = run_resources(settings).version
    now = datetime.now(UTC).replace(microsecond=0)
    counts: Counter[str] = Counter({name: 0 for name in COUNTS})
    seconds: Counter[str] = Counter()
    seen = known(settings)
    # Batches in flight on the runner; a bound keeps memory flat however large the input.
    in_flight: deque[tuple[list[RawItem], PrefectFuture[tuple[Tables, dict[str, float]]]]]
    in_flight = deque()
    limit = 2 * worker_count(settings)

    def land_oldest() -> None:
        items, future = in_flight.popleft()
        records: Records | Tables
        try:
            records, stage_seconds = future.result()
            seconds.update(stage_seconds)
        except Exception as exc:  # a failed batch is quarantined; the others go on
            logger.warning("batch of %d items failed: %s", len(items), exc)
            records = failed_batch(items, exc, now)
        clock = time.perf_counter()
        written = publish(quote(records), settings)
        seconds["publish"] += time.perf_counter() - clock
        counts.update(
            quarantined=written["quarantine"],
            reports=written["reports"],
            metrics=written["metrics"],
        )
        del records, future
        release_landed()

    def process(
        raw: list[RawItem],
        runner: TaskRunner,  # type: ignore[type-arg]
        keep: bool = False,
    ) -> None:
        # quote(): Prefect would otherwise walk every item and the whole `seen` map looking
        # for futures, on each call (most of a re-run's time at 7,500 documents)
        chosen = select(quote(raw), quote(seen), version, full_refresh or from_raw)
        counts.update(
            fetched=len(raw),
            unchanged=chosen.unchanged,
            new=len(chosen.new),
            updated=len(chosen.updated),
        )
        if not chosen.to_process:
            return
        if keep:
            clock = time.perf_counter()
            keep_raw(quote(chosen.to_process), settings)
            seconds["acquire"] += time.perf_counter() - clock
        future = runner.submit(
            # not quoted: the Dask runner hands a quote() to the task as it is
            transform,
            {"items": chosen.to_process, "settings": settings, "now": now},
        )
        in_flight.append((chosen.to_process, future))
        while len(in_flight) >= limit:
            land_oldest()

    def process_acquired(acquired: Acquired, runner: TaskRunner) -> None:  # type: ignore[type-arg]
        counts.update(
            unchanged=acquired.unchanged,
            quarantined=record(quote(acquired), settings)["quarantine"],
        )
        for start in range(0, len(acquired.items), settings.batch_size):
            process(acquired.items[start : start + settings.batch_size], runner)

    with shared_api(), task_runner(settings) as runner, frozen_heap():
        if from_raw:
            process_acquired(replay_raw(settings, now), runner)
        else:
            web = [spec for spec in settings.sources if spec.kind == "web"]
            validators = fetch_state(settings) if web else {}
            for spec in web:
                process_acquired(acquire_site(spec, quote(validators), settings, now), runner)
            for batch in batched(list_sources(settings), settings.batch_size):
                clock = time.perf_counter()
                raw = acquire(batch)
                seconds["acquire"] += time.perf_counter() - clock
                process(raw, runner, keep=True)
        while in_flight:
            land_oldest()
    changed = bool(counts["new"] or counts["updated"] or counts["quarantined"])
    clock = time.perf_counter()
    final = finalize(settings, changed)
    seconds["finalize"] += time.perf_counter() - clock
    site = str(final["site"]) if final["site"] else None
    publish_artifacts(counts, str(final["quality"]), site)
    logger.info(
        "run: %s fetched, %s unchanged, %s new, %s updated, %s quarantined; %s reports and "
        "%s metrics written; warehouse %s",
        *(counts[name] for name in COUNTS),
        settings.data_dir,
    )
    return {
        "flow_run_id": str(flow_run.id),
        "this_run": dict(counts),
        "warehouse": final["totals"],
        "data_dir": str(settings.data_dir),
        "site": site,
        "stage_seconds": {name: round(value, 3) for name, value in seconds.items()},
        "elapsed_seconds": round(time.perf_counter() - started, 3),
    }


def publish_artifacts(counts: Counter[str], quality_markdown: str, site: str | None = None) -> None:
    """The run's counts as a table artifact and its data-quality summary as markdown,
    with a link to the report site."""
    if site:
        quality_markdown += f"\n[Report site]({site}) (open from disk: `{site}`)\n"
    create_table_artifact(
        key="edureports-run-counts",
        table=[{"count": name, "value": counts[name]} for name in COUNTS],
        description="What this run fetched, skipped, processed and wrote.",
    )
    create_markdown_artifact(
        key="edureports-data-quality",
        markdown=quality_markdown,
        description="Implausible values, conflicting indicators and weak documents.",
    )
