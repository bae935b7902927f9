"""The Prefect flow: acquire → decode → clean → extract → publish, on batches of documents.

Each task calls one function from sources/, transforms/ or warehouse/ and adds only
Prefect concerns (names, caching policy, logging).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from flows.settings import Settings, build_settings
from sources.local import RawItem, list_files, read_files
from transforms.clean import CleanedItem, clean_items
from transforms.decode import DecodedItem, decode_items
from transforms.extract import Resources, extract_records, load_resources
from transforms.records import Records
from warehouse.db import connect_writer
from warehouse.load import load_records, mark_duplicates
from warehouse.parquet import export_parquet


def batched(items: Iterable[Path], size: int) -> Iterator[tuple[Path, ...]]:
    """Tuples of at most `size` items (itertools.batched arrived in Python 3.12)."""
    iterator = iter(items)
    while chunk := tuple(islice(iterator, size)):
        yield chunk


@task(name="list-sources", cache_policy=NO_CACHE)
def list_sources(settings: Settings) -> list[Path]:
    """Files to acquire from every configured source."""
    return list_files(spec.path for spec in settings.sources)


@task(name="acquire", cache_policy=NO_CACHE)
def acquire(files: tuple[Path, ...]) -> list[RawItem]:
    """Raw items for a batch of files."""
    return list(read_files(files))


@task(name="decode", cache_policy=NO_CACHE)
def decode(items: list[RawItem], now: datetime) -> tuple[list[DecodedItem], Records]:
    """Decoded text for a batch; undecodable items go to quarantine."""
    decoded, failed = decode_items(list(items), now)
    return decoded, Records(quarantine=failed)


@task(name="clean", cache_policy=NO_CACHE)
def clean(items: list[DecodedItem], resources: Resources) -> list[CleanedItem]:
    """Cleaned pages for a batch."""
    return clean_items(list(items), resources.rules)


@task(name="extract", cache_policy=NO_CACHE)
def extract(items: list[CleanedItem], resources: Resources, now: datetime) -> Records:
    """Documents, reports, metrics and terms rows for a batch."""
    return extract_records(items, resources, now)


@task(name="publish", cache_policy=NO_CACHE)
def publish(records: Records, settings: Settings) -> dict[str, int]:
    """Load a batch into DuckDB in one transaction."""
    con = connect_writer(settings.data_dir, settings.lock_wait_seconds)
    try:
        return load_records(con, records)
    finally:
        con.close()


@task(name="finalize", cache_policy=NO_CACHE)
def finalize(settings: Settings) -> dict[str, int]:
    """Mark duplicates, write the Parquet datasets, and count the warehouse's rows."""
    con = connect_writer(settings.data_dir, settings.lock_wait_seconds)
    try:
        mark_duplicates(con)
        export_parquet(con, settings.data_dir)
        totals = {}
        for table in ("documents", "reports", "metrics", "terms", "quarantine"):
            row = con.execute(f"select count(*) from {table}").fetchone()
            totals[table] = int(row[0]) if row else 0
        return totals
    finally:
        con.close()


@flow(name="edureports-run", validate_parameters=True)
def run_reports(
    sources: list[str] | None = None,
    data: str | None = None,
    config: str | None = None,
    batch_size: int = 200,
) -> dict[str, object]:
    """Acquire every source, clean and extract its reports, and publish the warehouse."""
    logger = get_run_logger()
    settings = build_settings(sources=sources, data=data, config=config, batch_size=batch_size)
    resources = load_resources(settings.chrome_file, settings.catalog_file, str(settings.cache_dir))
    now = datetime.now(UTC).replace(microsecond=0)
    this_run: Counter[str] = Counter()
    for batch in batched(list_sources(settings), settings.batch_size):
        raw = acquire(batch)
        decoded, rejected = decode(raw, now)
        cleaned = clean(decoded, resources)
        records = extract(cleaned, resources, now)
        records.extend(rejected)
        this_run.update(publish(records, settings))
    totals = finalize(settings)
    logger.info(
        "run: %s documents, %s reports, %s metrics, %s quarantined in this run; warehouse %s",
        this_run["documents"],
        this_run["reports"],
        this_run["metrics"],
        this_run["quarantine"],
        settings.data_dir,
    )
    return {"this_run": dict(this_run), "warehouse": totals, "data_dir": str(settings.data_dir)}
