"""The DuckDB warehouse file: opening it for writing (bounded wait) or read-only, and its schema."""

from __future__ import annotations

import contextlib
import hashlib
import re
import time
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import duckdb

from transforms.errors import EdureportsError

SCHEMA_DIR = Path(__file__).with_name("schema")
MIGRATIONS_DIR = Path(__file__).with_name("migrations")
TABLES: tuple[str, ...] = ("documents", "reports", "metrics", "terms", "quarantine")
SUPPORT_TABLES: tuple[str, ...] = (
    "document_versions",
    "fetch_state",
    "indicators",
    "runs",
    "metrics_history",
    "series_changes",
    "corrections",  # its file also defines the view correction_status
    "document_urls",
)
VIEWS: tuple[str, ...] = (
    "series_figures",
    "indicator_series",
    "indicator_conflicts",
    "indicator_targets",
    "term_trends",
    "coverage",
    "metric_provenance",
    "correction_status",
)
DB_NAME = "warehouse.duckdb"
# DuckDB's own default is 80% of the machine's memory: exporting and sorting whole tables
# at the end of a run then grew the writer by gigabytes. Past this it spills to
# <data>/warehouse.duckdb.tmp instead. Loading, the export and the site have lower limits of
# their own (below); this one is for the writer's other, short uses.
WRITER_MEMORY_LIMIT = "1GB"
# Loading a batch needs little: its rows, and the blocks of the tables a reloaded batch
# deletes from. With the writer's limit a reload's deletes (a scan of terms' doc_id, 50 M
# rows at 1 GB of input) kept up to 1 GB of blocks cached in the flow process for each
# batch; with this one they are dropped as the scan goes (+1.03 GB -> +0.28 GB, 1.7 -> 1.25 s
# per batch of 500 reloaded pages).
LOAD_MEMORY_LIMIT = "256MB"
# The export sorts every table at the end of a run: with the writer's limit the flow process
# reached 1.35 GB there at 262 MB of input (1.25 standalone), its largest size in the run, and
# grew with the input; with this one, 1.0 GB standalone, the export 15.4 -> 17.2 s.
EXPORT_MEMORY_LIMIT = "768MB"
# The report site reads less than the export sorts: `finalize` builds it on a connection of
# its own with this limit, after closing the export's, so what DuckDB held for the export is
# not kept beside the site's rendering (lowering the export connection's limit instead left
# 0.70 of its 0.73 GB in the flow process at 1 GB of input; closing it, 0.18 GB). Its reads
# are of a batch of report pages or an indicator's rows at a time; at 512 MB the blocks they
# had touched stayed cached to the limit while the report pages' two worker processes ran
# beside it (the site's peak at 1 GB of input, 1.13 GB standalone; 0.88 GB at 256 MB, and the
# same 106 s).
SITE_MEMORY_LIMIT = "256MB"
# The site's one large query, staging every conflicting figure with its sentence, runs under
# this limit (at 1 GB of input it failed at 128 MB and passed at 256; this is the headroom
# for larger warehouses). The report pages' workers are gone by then.
STAGING_MEMORY_LIMIT = "512MB"
# Each batch commits its own small row groups. DuckDB's checkpoint vacuum merges runs of
# them; for the text tables (reports, document_versions) one merge held up to the whole
# memory limit in strings (measured: +1 GB in the flow process, every ~80 batches, at 1 GB
# of input), and merged groups leave the file larger. Without it the row groups stay as the
# batches wrote them, a replaced batch's groups are dropped whole and their blocks reused,
# and indicator_series over 1 M metrics in 11k-row groups is as fast (46.8 vs 46.0 ms).
VACUUM_TASKS = 0
_MEMORY = re.compile(r"\d+(\.\d+)?\s*[KMGT]i?B")


class WarehouseError(EdureportsError, RuntimeError):
    """Base class of warehouse errors shown to users."""


class WarehouseLocked(WarehouseError):
    """Another process holds the warehouse for writing."""


class WarehouseMissing(WarehouseError):
    """No warehouse file where one was expected."""


def sql_literal(text: str) -> str:
    """`text` as a SQL string literal (quotes doubled), for statements that cannot take a
    parameter (COPY's target) or must see constants (an IN list the planner looks up in an
    index)."""
    return "'" + text.replace("'", "''") + "'"


def db_path(data_dir: Path) -> Path:
    """Path of the DuckDB file under a data folder."""
    return data_dir / DB_NAME


def connect_writer(
    data_dir: Path, wait_seconds: float = 30.0, memory_limit: str = WRITER_MEMORY_LIMIT
) -> duckdb.DuckDBPyConnection:
    """Read-write connection with the schema applied; waits up to `wait_seconds` for a lock.

    DuckDB keeps below `memory_limit` (e.g. "1GB"), spilling to disk beyond it.
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            con = duckdb.connect(str(db_path(data_dir)))
            break
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise
            if time.monotonic() >= deadline:
                raise WarehouseLocked(
                    f"{db_path(data_dir)} is held by another process (waited {wait_seconds:.0f}s); "
                    "try again when the other run has finished"
                ) from exc
            time.sleep(0.5)
    try:
        set_memory_limit(con, memory_limit)
    except WarehouseError:
        con.close()
        raise
    con.execute(f"set max_vacuum_tasks = {VACUUM_TASKS}")
    if not _schema_current(con):
        apply_schema(con)
    return con


def set_memory_limit(con: duckdb.DuckDBPyConnection, memory_limit: str) -> None:
    """Keep DuckDB below `memory_limit` (e.g. "1GB") on this connection from now on; what it
    holds beyond that (cached blocks first) is released."""
    if not _MEMORY.fullmatch(memory_limit):
        raise WarehouseError(f"memory limit {memory_limit!r} is not a size such as '1GB'")
    con.execute(f"set memory_limit = '{memory_limit}'")


@contextlib.contextmanager
def memory_limit(con: duckdb.DuckDBPyConnection, limit: str) -> Iterator[None]:
    """Run the block under `limit` on this connection, then give it back its own limit, as
    DuckDB shows it (one decimal of its unit: 18.8 GiB comes back as 18.75-18.85 GiB)."""
    before = con.execute("select current_setting('memory_limit')").fetchone()
    set_memory_limit(con, limit)
    try:
        yield
    finally:
        if before:
            set_memory_limit(con, str(before[0]))


@cache
def schema_digest() -> str:
    """sha256 over the schema and migration files: what `apply_schema` would apply."""
    digest = hashlib.sha256()
    for path in sorted([*SCHEMA_DIR.glob("*.sql"), *MIGRATIONS_DIR.glob("*.sql")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _schema_current(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether this warehouse already has the schema these files describe (a run opens the
    writer several times; applying the whole schema and its views each time cost ~0.1 s)."""
    try:
        rows = con.execute("select digest from schema_files").fetchall()
    except duckdb.CatalogException:
        return False
    return rows == [(schema_digest(),)] and schema_version(con) == latest_version()


def connect_reader(data_dir: Path) -> duckdb.DuckDBPyConnection:
    """Read-only connection; statements that would change the warehouse are refused."""
    path = db_path(data_dir)
    if not path.exists():
        raise WarehouseMissing(
            f"no warehouse at {path}; build one with `edureports run` (or pass --data DIR)"
        )
    try:
        return duckdb.connect(str(path), read_only=True)
    except duckdb.IOException as exc:
        raise WarehouseLocked(f"{path} cannot be opened read-only now: {exc}") from exc


def migrations() -> list[tuple[int, Path]]:
    """(version, file) of every migration, in order."""
    found = [(int(p.name[:4]), p) for p in MIGRATIONS_DIR.glob("[0-9][0-9][0-9][0-9]_*.sql")]
    return sorted(found)


def latest_version() -> int:
    """The schema version this code writes."""
    return max((v for v, _ in migrations()), default=1)


def schema_version(con: duckdb.DuckDBPyConnection) -> int | None:
    """Version of an opened warehouse; None for a new, empty one."""
    tables = {r[0] for r in con.execute("select table_name from duckdb_tables()").fetchall()}
    if "schema_version" in tables:
        rows = con.execute("select max(version) from schema_version").fetchall()
        if rows and rows[0][0] is not None:
            return int(rows[0][0])
    return 1 if "documents" in tables else None


@contextlib.contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Run the block in one transaction: committed at its end, rolled back if it raises.

    A commit that fails has already ended the transaction; the error that ended it is the
    one raised, not the rollback's "no transaction is active".
    """
    con.execute("begin transaction")
    try:
        yield
        con.execute("commit")
    except Exception:
        with contextlib.suppress(duckdb.TransactionException):
            con.execute("rollback")
        raise


def apply_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Bring the warehouse to the current schema in one transaction: migrate, create, views.

    A new warehouse is created at the latest version; an older one is upgraded in place by
    the migrations it lacks, never rebuilt. A newer one is refused.
    """
    latest = latest_version()
    with transaction(con):
        current = schema_version(con)
        if current is not None and current > latest:
            raise WarehouseError(
                f"this warehouse has schema version {current}, newer than this edureports "
                f"understands ({latest}); upgrade edureports"
            )
        _run_file(con, SCHEMA_DIR / "schema_version.sql")
        applied: list[tuple[int, str]] = []
        if current is None:
            applied.append((latest, "created"))
        else:
            for version, path in migrations():
                if version > current:
                    _run_file(con, path)
                    applied.append((version, _first_comment(path)))
        for table in (*TABLES, *SUPPORT_TABLES):
            _run_file(con, SCHEMA_DIR / f"{table}.sql")
        _run_file(con, SCHEMA_DIR / "views.sql")
        for version, note in applied:
            con.execute(
                "insert into schema_version values (?, current_timestamp::timestamp, ?)",
                [version, note],
            )
        con.execute("delete from schema_files")
        con.execute("insert into schema_files values (?)", [schema_digest()])


def _run_file(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    con.execute(path.read_text(encoding="utf-8"))


def _first_comment(path: Path) -> str:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    return first.removeprefix("--").strip()
