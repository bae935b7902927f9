"""The Prefect flow: acquire → decode → clean → extract → publish, on batches of documents.

Each task calls one function from sources/, transforms/ or warehouse/ and adds only
Prefect concerns: names, retries (acquisition only), timeouts, logging, artifacts.
"""

from __future__ import annotations

import os
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from functools import cache, partial
from pathlib import Path
from typing import Any, Generic, NamedTuple, TypeVar

from prefect import Flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.futures import PrefectFuture
from prefect.runtime import flow_run
from prefect.tasks import exponential_backoff
from prefect.utilities.annotations import quote

from flows.runners import (
    OnDemandRunner,
    on_demand_runner,
    release_landed,
    shared_api,
    worker_count,
)
from flows.settings import Settings, build_settings
from flows.stopping import stop_on_signals
from sources.items import RawItem
from sources.local import read_files, scan_files, validator_rows
from sources.web import Acquired, acquire_web, readable_items, replay_items
from transforms.clean import clean_items
from transforms.decode import decode_items
from transforms.extract import Resources, extract_records, load_resources
from transforms.incremental import (
    Selection,
    not_yet_stored,
    select_changed,
)
from transforms.records import QuarantineRow, Records, Tables
from warehouse.corrections import FILE_NAME as CORRECTIONS_FILE
from warehouse.corrections import sync_corrections_file
from warehouse.db import (
    EXPORT_MEMORY_LIMIT,
    LOAD_MEMORY_LIMIT,
    SITE_MEMORY_LIMIT,
    connect_writer,
)
from warehouse.history import corrections_changed, fail_run, finish_run, start_run
from warehouse.load import (
    FetchRow,
    fetch_states,
    files_to_read,
    known_documents,
    load_indicators,
    load_records,
    mark_duplicates,
    mark_removed,
    record_fetches,
    removals_pending,
)
from warehouse.parquet import RUN_DATASETS, export_parquet, read_manifest, stale_datasets
from warehouse.summary import QualitySummary, quality_summary, render_quality_markdown

T = TypeVar("T")
# Work that can hang gets a bound; a batch of a few hundred pages takes seconds.
STAGE_TIMEOUT = 900
COUNTS = (
    "fetched",
    "unchanged",
    "new",
    "updated",
    "quarantined",
    "reports",
    "metrics",
    "removed",
)


def batched(
    items: Iterable[T], size: int, megabytes: float, size_of: Callable[[T], int]
) -> Iterator[list[T]]:
    """Lists of at most `size` items and `megabytes` of input (`size_of` an item's bytes);
    an item larger than that is a batch of its own."""
    batch: list[T] = []
    total = 0
    limit = megabytes * 1e6
    for item in items:
        n = size_of(item)
        if batch and (len(batch) >= size or total + n > limit):
            yield batch
            batch, total = [], 0
        batch.append(item)
        total += n
    if batch:
        yield batch


def _file_size(path: Path) -> int:
    return path.stat().st_size


def _item_size(item: RawItem) -> int:
    return len(item.data)


class Listing(NamedTuple):
    """The files of every local source, as list_sources found them."""

    to_read: list[Path]
    present: list[str]  # the URI of every file found
    removals: bool  # a loaded file is gone, or a file marked gone is back

    @property
    def unchanged(self) -> int:
        """Files left unread: as they were when their loaded bytes were read."""
        return len(self.present) - len(self.to_read)


@task(name="list-sources", cache_policy=NO_CACHE)
def list_sources(settings: Settings, version: str, full_refresh: bool) -> Listing:
    """Files of every local source: those to read (on a full refresh every file; otherwise
    those whose size and modification time are not what they were when their loaded bytes
    were read), the URI of every file present, and whether documents are to be marked
    removed or back.

    One tuple, not a list of thousands of paths: Prefect links a task's result to its run
    one level deep, item by item."""
    files = scan_files(spec.path for spec in settings.sources if spec.path is not None)
    uris = [f.uri for f in files]
    roots = _source_roots(settings)
    con = connect_writer(settings.data_dir, settings.lock_wait_seconds)
    try:
        removals = removals_pending(con, roots, uris)
        if full_refresh:
            return Listing([Path(f.path) for f in files], uris, removals)
        unread = files_to_read(con, uris, [f.validator for f in files], version)
    finally:
        con.close()
    to_read = [Path(f.path) for f in files if f.uri in unread]
    return Listing(to_read, uris, removals)


def _source_roots(settings: Settings) -> list[str]:
    return [spec.path.expanduser().resolve().as_uri() for spec in settings.sources if spec.path]


@task(
    name="acquire",
    cache_policy=NO_CACHE,
    retries=3,
    retry_delay_seconds=exponential_backoff(backoff_factor=2),
    retry_jitter_factor=0.5,
    timeout_seconds=STAGE_TIMEOUT,
)
def acquire(files: list[Path]) -> list[RawItem]:
    """Raw items for a batch of files (transient errors retried)."""
    return list(read_files(files))


@task(name="read-files", cache_policy=NO_CACHE, timeout_seconds=STAGE_TIMEOUT)
def read_text(items: list[RawItem], now: datetime) -> tuple[list[RawItem], list[QuarantineRow]]:
    """Text of a batch of local files (PDF/DOCX extracted); other file types quarantined."""
    return readable_items(items, now)


@task(name="mark-removed", cache_policy=NO_CACHE)
def mark_gone(settings: Settings, present: list[str], now: datetime) -> int:
    """Mark the documents whose local file is gone from its source; returns how many."""
    con = connect_writer(settings.data_dir, settings.lock_wait_seconds)
    try:
        return mark_removed(con, _source_roots(settings), present, now)
    finally:
        con.close()


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
    items, failures = replay_items(settings.raw_store(), now)
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
        return record_fetches(con, acquired.fetches, acquired.failures)
    finally:
        con.close()


@task(name="record-unchanged", cache_policy=NO_CACHE)
def record_unchanged(rows: list[FetchRow], settings: Settings) -> None:
    """Keep the HTTP state of downloaded pages whose documents are loaded and unchanged."""
    con = connect_writer(settings.data_dir, settings.lock_wait_seconds)
    try:
        record_fetches(con, rows)
    finally:
        con.close()


class Whole(Generic[T]):
    """A task's result that Prefect links to its task run as one object. A returned dict is
    linked key by key and value by value: 0.3 s for the 75,000 documents of a 1 GB warehouse,
    a tenth of a run with nothing new."""

    __slots__ = ("__weakref__", "value")

    def __init__(self, value: T) -> None:
        self.value = value


@task(name="known-documents", cache_policy=NO_CACHE)
def known(settings: Settings, version: str) -> Whole[dict[str, tuple[str, str]]]:
    """What the warehouse already holds: doc_id → (content hash, transforms version)."""
    con = connect_writer(settings.data_dir, settings.lock_wait_seconds)
    try:
        return Whole(known_documents(con, version))
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
    cleaned, unclean = clean_items(decoded, resources.rules, now)
    cleaned_at = time.perf_counter()
    records = extract_records(cleaned, resources, now)
    records.extend(Records(quarantine=failed + unclean))
    tables = records.as_tables()
    seconds = {
        "decode": decoded_at - clock,
        "clean": cleaned_at - decoded_at,
        "extract": time.perf_counter() - cleaned_at,
    }
    return tables, seconds


@task(name="begin-run", cache_policy=NO_CACHE)
def begin_run(settings: Settings, version: str, full_refresh: bool) -> int:
    """Record the run in `runs` and bring in <data>/corrections.yaml; returns the run_id."""
    con = connect_writer(settings.data_dir, settings.lock_wait_seconds)
    try:
        sync_corrections_file(con, settings.data_dir / CORRECTIONS_FILE)
        return start_run(con, str(flow_run.id), version, full_refresh)
    finally:
        con.close()


@task(name="publish", cache_policy=NO_CACHE, timeout_seconds=STAGE_TIMEOUT)
def publish(
    records: Records | Tables,
    settings: Settings,
    fetches: list[tuple[str, FetchRow]],
    run_id: int,
) -> dict[str, int]:
    """Load a batch into DuckDB in one transaction, with the HTTP state of its pages."""
    con = connect_writer(settings.data_dir, settings.lock_wait_seconds, LOAD_MEMORY_LIMIT)
    try:
        return load_records(con, records, fetches, run_id)
    finally:
        con.close()


QUALITY_NOTE = "quality_markdown"
"""The manifest's note of the data-quality summary of what it vouches for: a run that changes
nothing publishes it again instead of reading every figure for it."""


@task(name="finalize", cache_policy=NO_CACHE, timeout_seconds=STAGE_TIMEOUT)
def finalize(
    settings: Settings, changed: bool, run_id: int, counts: dict[str, int]
) -> dict[str, object]:
    """Mark duplicates, record the run's end, write Parquet: every dataset when documents or
    corrections changed or a dataset is missing, partial or stale (an earlier run stopped),
    else the run history; counts and the quality summary (the manifest's when the run
    changed nothing: documents, corrections and lake as the last whole export left them)."""
    con = connect_writer(settings.data_dir, settings.lock_wait_seconds, EXPORT_MEMORY_LIMIT)
    try:
        lake = settings.open_lake()
        everything = changed or bool(stale_datasets(con, lake))
        if everything:
            load_indicators(con, run_resources(settings).catalog)
            mark_duplicates(con)
        # what the series read moved only when documents or corrections did: otherwise the
        # lake's manifest vouches for the warehouse as a completed run left it
        moved = everything or corrections_changed(con, run_id)
        finish_run(con, run_id, counts, series=moved)  # after mark_duplicates: cells it moved
        last = None if moved else read_manifest(lake)
        quality = last.get(QUALITY_NOTE) if last else None
        summary = None  # read once for the artifact, the manifest and the site
        if not isinstance(quality, str):
            summary = quality_summary(con)
            quality = render_quality_markdown(summary)
        if moved:
            export_parquet(con, lake, run_id=str(run_id), notes={QUALITY_NOTE: quality})
        else:
            export_parquet(con, lake, only=RUN_DATASETS)
        totals = {}
        for table in ("documents", "reports", "metrics", "terms", "quarantine"):
            row = con.execute(f"select count(*) from {table}").fetchone()
            totals[table] = int(row[0]) if row else 0
        missing = con.execute(
            "select correction_id, status, uri, value_text from correction_status "
            "where status in ('figure missing', 'document missing') order by correction_id"
        ).fetchall()
    finally:
        con.close()
    index = settings.data_dir / "report" / "index.html"
    # the site follows the data: rewritten when the run changed it (or it is missing)
    site = write_site(settings, summary) if everything or not index.exists() else index.as_uri()
    return {
        "totals": totals,
        "quality": quality,
        "corrections_missing": [list(row) for row in missing],
        "site": site,
    }


def write_site(settings: Settings, summary: QualitySummary | None = None) -> str | None:
    """Rewrite the static site under <data>/report (unchanged report pages are kept).

    The site has a connection of its own, under SITE_MEMORY_LIMIT: the export's connection,
    closed, gives back what DuckDB held for it (at 1 GB of input the flow process went from
    0.73 to 0.18 GB; lowering that connection's limit instead left it at 0.70 GB).
    The warehouse is already published: a site that cannot be written is logged, not fatal.
    """
    from warehouse.site import build_site  # here: a run that changed nothing never imports it

    try:
        con = connect_writer(settings.data_dir, settings.lock_wait_seconds, SITE_MEMORY_LIMIT)
        try:
            # the run's local workers are stopped by now: this machine's cores render the pages
            result = build_site(
                con, settings.data_dir / "report", processes=os.cpu_count() or 1, summary=summary
            )
        finally:
            con.close()
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


def mark_run_failed(flow: object, run: object, state: object) -> None:
    """Flow hook: the warehouse's row of a failed or crashed run says so."""
    parameters = getattr(run, "parameters", {}) or {}
    try:
        settings = build_settings(data=parameters.get("data"))
        con = connect_writer(settings.data_dir, settings.lock_wait_seconds)
    except Exception:  # no warehouse to record in (bad settings): Prefect has the failure
        return
    try:
        fail_run(con, str(getattr(run, "id", "")), str(getattr(state, "message", "") or state))
    finally:
        con.close()


class PlainParametersFlow(Flow):  # type: ignore[type-arg]
    """A flow whose parameters, when they are JSON already (paths, numbers, flags), are
    sent to the API as they are. Prefect encodes each with FastAPI's jsonable_encoder, which
    gives back the same values for these but imports FastAPI and OpenTelemetry on the way:
    0.17 s, about a twentieth of a run with nothing new."""

    def serialize_parameters(self, parameters: dict[str, Any]) -> dict[str, Any]:
        if all(_plain_json(value) for value in parameters.values()):
            return dict(parameters)
        return super().serialize_parameters(parameters)  # type: ignore[no-any-return]


def _plain_json(value: object) -> bool:
    if value is None or isinstance(value, str | int | float | bool):
        return True
    if isinstance(value, list):
        return all(_plain_json(item) for item in value)
    return False


@partial(
    PlainParametersFlow,
    name="edureports-run",
    validate_parameters=True,
    log_prints=False,
    on_failure=[mark_run_failed],
    on_crashed=[mark_run_failed],
)
def run_reports(
    sources: list[str] | None = None,
    data: str | None = None,
    config: str | None = None,
    batch_size: int | None = None,
    batch_mb: float | None = None,
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
        batch_mb=batch_mb,
        runner=runner,
        workers=workers,
        dask_address=dask_address,
        lake=lake,
    )
    version = run_resources(settings).version
    now = datetime.now(UTC).replace(microsecond=0)
    counts: Counter[str] = Counter({name: 0 for name in COUNTS})
    seconds: Counter[str] = Counter()
    run_id = begin_run(settings, version, full_refresh or from_raw)
    kept: Counter[str] = Counter()  # what the loaded batches hold, for a run that is stopped
    # what the warehouse holds, read when a batch is first to be selected (a run with
    # nothing new never needs it: 0.2 s at 75,000 documents)
    known_now = cache(lambda: known(settings, version).value)

    # Batches in flight on the runner; a bound keeps memory flat however large the input.
    in_flight: deque[
        tuple[
            list[RawItem],
            PrefectFuture[tuple[Tables, dict[str, float]]],
            OnDemandRunner,
            list[tuple[str, FetchRow]],
        ]
    ]
    in_flight = deque()
    limit = 2 * worker_count(settings)

    def land_oldest() -> None:
        items, future, runner, fetches = in_flight.popleft()
        try:
            records, stage_seconds = future.result()
            seconds.update(stage_seconds)
        except Exception as exc:
            if len(items) == 1:  # a page that fails alone is quarantined; the others go on
                logger.warning("%s failed: %s", items[0].uri, exc)
                land(failed_batch(items, exc, now), fetches)
                return
            # something outside the per-page guards failed (a worker died, a timeout):
            # each page of the batch is tried alone, so only the bad one is lost
            logger.warning("batch of %d items failed (%s); retrying page by page", len(items), exc)
            del future
            for item in items:
                own = [pair for pair in fetches if pair[0] == item.uri]
                single = runner.submit(transform, _args([item]))
                in_flight.appendleft(([item], single, runner, own))
                land_oldest()
            return
        land(records, fetches)

    def _args(items: list[RawItem]) -> dict[str, object]:
        return {"items": items, "settings": settings, "now": now}

    def land(records: Records | Tables, fetches: list[tuple[str, FetchRow]]) -> None:
        clock = time.perf_counter()
        written = publish(quote(records), settings, quote(fetches), run_id)
        seconds["publish"] += time.perf_counter() - clock
        counts.update(
            quarantined=written["quarantine"],
            reports=written["reports"],
            metrics=written["metrics"],
        )
        kept.update(batches=1, **written)
        del records
        release_landed()

    def process(
        raw: list[RawItem],
        runner: OnDemandRunner,
        keep: bool = False,
        pending: dict[str, list[FetchRow]] | None = None,
    ) -> None:
        # quote(): Prefect would otherwise walk every item and the whole known map looking
        # for futures, on each call (most of a re-run's time at 7,500 documents)
        chosen = select(quote(raw), quote(known_now()), version, full_refresh or from_raw)
        counts.update(
            fetched=len(raw),
            unchanged=chosen.unchanged,
            new=len(chosen.new),
            updated=len(chosen.updated),
        )
        pending = pending or {}
        chosen_uris = {item.uri for item in chosen.to_process}
        settled = [row for i in raw if i.uri not in chosen_uris for row in pending.get(i.uri, [])]
        if settled:  # their documents are loaded: the validators can be kept now
            record_unchanged(quote(settled), settings)
        if not chosen.to_process:
            return
        fetches = [(uri, row) for uri in chosen_uris for row in pending.get(uri, [])]
        to_process = chosen.to_process
        if keep:  # local files: kept as they are, then read as text (PDF, DOCX)
            clock = time.perf_counter()
            keep_raw(quote(not_yet_stored(to_process, known_now())), settings)
            to_process, unreadable = read_text(quote(to_process), now)
            if unreadable:
                land(Records(quarantine=unreadable), [])
            seconds["acquire"] += time.perf_counter() - clock
            if not to_process:
                return
        # not quoted: the Dask runner hands a quote() to the task as it is
        future = runner.submit(transform, _args(to_process))
        in_flight.append((to_process, future, runner, fetches))
        while len(in_flight) >= limit:
            land_oldest()

    def process_acquired(acquired: Acquired, runner: OnDemandRunner) -> None:
        counts.update(
            unchanged=acquired.unchanged,
            quarantined=record(quote(acquired), settings)["quarantine"],
        )
        for batch in batched(acquired.items, settings.batch_size, settings.batch_mb, _item_size):
            process(batch, runner, pending=acquired.pending)

    with stop_on_signals(str(flow_run.id), lambda: kept_summary(kept)):
        with shared_api(), on_demand_runner(settings) as runner:
            if from_raw:
                process_acquired(replay_raw(settings, now), runner)
            else:
                web = [spec for spec in settings.sources if spec.kind == "web"]
                # --full-refresh downloads every page again, validators or not
                validators = fetch_state(settings) if web and not full_refresh else {}
                for spec in web:
                    process_acquired(acquire_site(spec, quote(validators), settings, now), runner)
                listing = list_sources(settings, version, full_refresh)
                counts.update(unchanged=listing.unchanged)
                for batch in batched(
                    listing.to_read, settings.batch_size, settings.batch_mb, _file_size
                ):
                    clock = time.perf_counter()
                    raw = acquire(quote(batch))
                    seconds["acquire"] += time.perf_counter() - clock
                    process(raw, runner, keep=True, pending=validator_rows(raw, now))
                if listing.removals:
                    counts["removed"] = mark_gone(settings, quote(listing.present), now)
            while in_flight:
                land_oldest()
        changed = bool(
            counts["new"] or counts["updated"] or counts["quarantined"] or counts["removed"]
        )
        clock = time.perf_counter()
        final = finalize(settings, changed, run_id, dict(counts))
        seconds["finalize"] += time.perf_counter() - clock
    site = str(final["site"]) if final["site"] else None
    publish_artifacts(counts, str(final["quality"]), site)
    for correction_id, status, uri, text in final["corrections_missing"]:  # type: ignore[attr-defined]
        logger.warning("correction %s: %s (%s in %s)", correction_id, status, text, uri)
    logger.info(
        "run: %s fetched, %s unchanged, %s new, %s updated, %s quarantined; %s reports and "
        "%s metrics written; %s removed; warehouse %s",
        *(counts[name] for name in COUNTS),
        settings.data_dir,
    )
    return {
        "flow_run_id": str(flow_run.id),
        "run_id": run_id,
        "this_run": dict(counts),
        "warehouse": final["totals"],
        "data_dir": str(settings.data_dir),
        "corrections_missing": final["corrections_missing"],
        "site": final["site"],
        "stage_seconds": {name: round(value, 3) for name, value in seconds.items()},
        "elapsed_seconds": round(time.perf_counter() - started, 3),
    }


def kept_summary(kept: Counter[str]) -> str:
    """What a stopped run keeps: the batches it loaded."""
    if not kept["batches"]:
        return "no batch was loaded yet"
    n = kept["batches"]
    return (
        f"kept {n} loaded batch{'es' if n != 1 else ''} ({kept['documents']} documents, "
        f"{kept['reports']} reports, {kept['metrics']} metrics, {kept['quarantine']} quarantined)"
    )


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
