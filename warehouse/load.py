"""Loading a batch of rows into DuckDB: one transaction, keyed by document."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb
import pyarrow as pa

from transforms.catalog import Catalog
from transforms.ids import doc_id_for
from transforms.records import QuarantineRow, Records, Tables, arrow_table
from warehouse.corrections import apply_corrections, has_corrections
from warehouse.db import TABLES, sql_literal, transaction
from warehouse.history import FIGURE_KEY, record_metric_history, snapshot_replaced_metrics


def table_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    """Column names of a warehouse table, in table order."""
    return con.sql(f"select * from {table} limit 0").columns


FetchRow = tuple[Any, ...]
"""(url, etag, last_modified, content_sha256, status, fetched_at, checked_at, error)."""


def load_records(
    con: duckdb.DuckDBPyConnection,
    records: Records | Tables,
    fetches: Sequence[tuple[str, FetchRow]] = (),
    run_id: int | None = None,
) -> dict[str, int]:
    """Replace the rows of the batch's documents; returns rows written per table.

    `records` are row objects or, as transform workers send them, their Arrow tables
    (Records.as_tables). Reloading a document deletes its earlier reports, metrics and
    terms first, so a re-run never duplicates rows. Quarantine keeps the first sighting
    of each rejection. Columns the rows do not carry (first_seen_at; the metrics' figure_key
    and runs) are filled here. A reloaded document's figures are compared with its earlier
    ones (warehouse.history, as run `run_id`), and the corrections of the batch's documents
    are applied again (warehouse.corrections).

    `fetches` are the HTTP states of the batch's downloaded items, as (final URI, fetch
    row): they are kept in the same transaction as the documents, with every URL that led
    to a document in document_urls. An item that is neither a document nor a settled
    rejection (its processing raised) keeps no validators, so it is downloaded again in full.
    """
    tables = records.as_tables() if isinstance(records, Records) else records
    documents = tables["documents"]
    written: dict[str, int] = {}
    run = "null::integer" if run_id is None else str(int(run_id))
    with transaction(con):
        if fetches:
            _record_batch_fetches(con, tables, fetches)
        reloaded = bool(documents.num_rows and _record_versions(con, documents))
        if reloaded:
            # only documents loaded before have rows to replace: a batch of new ones skips
            # these scans, which grow with the warehouse (50 M terms at 1 GB of input)
            snapshot_replaced_metrics(con)
            for table in ("terms", "metrics", "reports", "documents"):
                con.execute(f"delete from {table} where doc_id in (select doc_id from previous)")
        for table in TABLES:
            arrow = tables[table]
            written[table] = arrow.num_rows
            if table == "quarantine":
                _insert_quarantine(con, arrow)
                continue
            if not arrow.num_rows:
                continue
            carried = [f'"{c}"' for c in table_columns(con, table) if c in arrow.schema.names]
            source = "batch_rows"
            if table == "metrics":
                carried += [
                    f"{FIGURE_KEY} as figure_key",
                    f"{run} as first_seen_run",
                    f"{run} as last_changed_run",
                ]
            if table == "documents":
                # written with the row, not updated after: an UPDATE leaves every batch's
                # rows twice in storage, and each scan of the table reads both copies
                carried.append(
                    "coalesce((select p.first_seen_at from previous as p "
                    "where p.doc_id = batch_rows.doc_id), fetched_at) as first_seen_at"
                )
            con.register("batch_rows", arrow)
            if table == "metrics" and reloaded:  # compared with their earlier figures first
                con.execute(
                    f"create or replace temp table new_metrics as "
                    f"select {', '.join(carried)} from batch_rows"
                )
                record_metric_history(con, run_id)
                source, carried = "new_metrics", ["*"]
            conflict = " on conflict do nothing" if table == "quarantine" else ""
            con.execute(
                f"insert into {table} by name select {', '.join(carried)} from {source}{conflict}"
            )
            con.unregister("batch_rows")
        if documents.num_rows and has_corrections(con):
            apply_corrections(con, "select doc_id from incoming")
    return written


def _insert_quarantine(con: duckdb.DuckDBPyConnection, arrow: pa.Table) -> int:
    """Add quarantine rows: the first sighting of each (uri, stage, reason) is kept, with the
    hash of the latest bytes rejected. Returns the rows given."""
    if not arrow.num_rows:
        return 0
    carried = [f'"{c}"' for c in table_columns(con, "quarantine") if c in arrow.schema.names]
    con.register("batch_rows", arrow)
    update = (
        " do update set content_sha256 = excluded.content_sha256"
        if '"content_sha256"' in carried
        else " do nothing"
    )
    con.execute(
        f"""
        insert into quarantine by name
        select distinct on (uri, stage, reason) {", ".join(carried)} from batch_rows
        on conflict (uri, stage, reason){update}
        """
    )
    con.unregister("batch_rows")
    return int(arrow.num_rows)


def _record_versions(con: duckdb.DuckDBPyConnection, documents: pa.Table) -> int:
    """Keep every distinct content of each incoming document in document_versions.

    Leaves temp tables `incoming` (the batch's documents) and `previous` (those already
    in the warehouse, with when they were first seen); returns how many are in `previous`.
    """
    incoming = documents.select(["doc_id", "content_sha256", "fetched_at", "title", "text"])
    con.register("incoming_rows", incoming)
    con.execute("create or replace temp table incoming as select * from incoming_rows")
    con.unregister("incoming_rows")
    # the batch's ids as constants: DuckDB looks up to 2,048 of them (index_scan_max_count;
    # a larger batch is scanned) in the primary key's index. A join with `incoming` read
    # doc_id from every row group of documents instead, one block each (at 1 GB of input:
    # 60 ms and +135 MB held by each batch's transaction)
    ids = ", ".join(sql_literal(doc_id) for doc_id in incoming.column("doc_id").to_pylist())
    con.execute(
        "create or replace temp table previous as "
        f"select doc_id, first_seen_at from documents where doc_id in ({ids or 'null'})"
    )
    row = con.execute("select count(*) from previous").fetchone()
    known = int(row[0]) if row else 0
    if not known:
        # a batch of new documents: their first versions, without reading document_versions
        # (its rows belong to documents, which are never deleted but to be reloaded)
        con.execute(
            "insert into document_versions "
            "select doc_id, 1, content_sha256, fetched_at, title, text, true from incoming"
        )
        return known
    con.execute(
        """
        update document_versions as v
        set is_current = (v.content_sha256 = i.content_sha256),
            title = case when v.content_sha256 = i.content_sha256 then i.title else v.title end,
            text = case when v.content_sha256 = i.content_sha256 then i.text else v.text end
        from incoming as i
        where v.doc_id = i.doc_id
        """
    )
    con.execute(
        """
        insert into document_versions
        select
            i.doc_id,
            coalesce((select max(v.version) from document_versions as v
                      where v.doc_id = i.doc_id), 0) + 1,
            i.content_sha256,
            i.fetched_at,
            i.title,
            i.text,
            true
        from incoming as i
        where not exists (
            select 1 from document_versions as v
            where v.doc_id = i.doc_id and v.content_sha256 = i.content_sha256
        )
        """
    )
    return known


def _under_roots(roots: Sequence[str]) -> tuple[str, list[str]]:
    """SQL condition (and its parameters) for a document's uri under one of the local
    source `roots` (file:// URIs of folders or files)."""
    under = " or ".join("(uri = ? or starts_with(uri, ?))" for _ in roots)
    return f"({under})", [p for root in roots for p in (root, root.rstrip("/") + "/")]


def _uri_table(uris: Sequence[str], validators: Sequence[str | None] | None = None) -> pa.Table:
    columns: dict[str, pa.Array] = {"uri": pa.array(list(uris), pa.string())}
    if validators is not None:
        columns["validator"] = pa.array(list(validators), pa.string())
    return pa.table(columns)


def mark_removed(
    con: duckdb.DuckDBPyConnection, roots: Sequence[str], present: Sequence[str], now: Any
) -> int:
    """Mark documents under the local source `roots` (file:// URIs of folders or files) whose
    file is gone (`present` lists every file found); unmark those that came back. A removed
    document keeps its rows and versions and leaves the series. Returns how many were marked.
    """
    if not roots:
        return 0
    con.register("present_uris", _uri_table(present))
    under, params = _under_roots(roots)
    with transaction(con):
        row = con.execute(
            f"""
            update documents set removed_at = ?
            where removed_at is null and {under}
                and uri not in (select uri from present_uris)
            returning doc_id
            """,
            [now, *params],
        ).fetchall()
        con.execute(
            """
            update documents set removed_at = null
            where removed_at is not null and uri in (select uri from present_uris)
            """
        )
    con.unregister("present_uris")
    return len(row)


def removals_pending(
    con: duckdb.DuckDBPyConnection, roots: Sequence[str], present: Sequence[str]
) -> bool:
    """Whether mark_removed would change anything: a document under `roots` whose file is
    gone and not marked yet, or a marked one whose file is back. A run's own documents are
    of files present, so the answer holds for the whole run."""
    if not roots:
        return False
    con.register("present_uris", _uri_table(present))
    under, params = _under_roots(roots)
    found = con.execute(
        f"""
        select 1 from documents
        where (removed_at is null and {under} and uri not in (select uri from present_uris))
            or (removed_at is not null and uri in (select uri from present_uris))
        limit 1
        """,
        params,
    ).fetchall()
    con.unregister("present_uris")
    return bool(found)


def known_documents(
    con: duckdb.DuckDBPyConnection, rejected_version: str = ""
) -> dict[str, tuple[str, str]]:
    """doc_id → (content_sha256, transforms_version) of every loaded document.

    Inputs rejected for what their bytes are (undecodable, an unreadable file type) are
    known too, as (the rejected bytes' hash, `rejected_version`): the same bytes are
    counted as unchanged, not rejected again. Those whose processing raised are not: they
    are tried again on every run.
    """
    rows = con.execute(
        "select doc_id, content_sha256, coalesce(transforms_version, '') from documents"
    ).fetchall()
    known = {doc_id: (sha, version) for doc_id, sha, version in rows}
    for uri, sha in con.execute(_settled_rejections()).fetchall():
        known.setdefault(doc_id_for(uri), (sha, rejected_version))
    return known


def _settled_rejections() -> str:
    """SQL for (uri, content_sha256) of the latest rejection of each input for what its
    bytes are; an input whose processing raised is not settled (RETRIED_REASONS)."""
    retried = ", ".join(sql_literal(reason) for reason in RETRIED_REASONS)
    return f"""
        select uri, arg_max(content_sha256, "at") as content_sha256 from quarantine
        where content_sha256 is not null and reason not in ({retried})
        group by uri
    """


# Each document is compared with at most this many earlier documents per SimHash band, the
# earliest ones: the pairs grow with the documents, not with their square (a collection of
# many reposts of one report otherwise made every pair a candidate).
BAND_CANDIDATES = 16


def mark_duplicates(con: duckdb.DuckDBPyConnection, max_distance: int = 3) -> int:
    """Point each document at the earliest document that is the same report.

    Same text: equal text_sha256 (the earliest of them). Nearly the same: SimHashes within
    `max_distance` bits, found among documents sharing one of four 16-bit bands (two
    fingerprints within 3 bits share a band), checking against the earliest
    BAND_CANDIDATES documents of each band, and the same figures (figures_sha256): one
    template's bulletins of two years differ in their figures only and are two reports
    (transforms.dedupe.same_report). Returns the number of duplicates.
    """
    con.execute(
        f"""
        update documents as d
        set duplicate_of = first.first_id
        from (
            with docs as (
                select doc_id, text_sha256, simhash, figures_sha256, fetched_at from documents
            ),
            bands as (
                select
                    doc_id, simhash, figures_sha256, fetched_at, band,
                    (simhash >> (16 * band)) & 65535 as part,
                    row_number() over (
                        partition by band, (simhash >> (16 * band)) & 65535
                        order by fetched_at, doc_id
                    ) as rank
                from docs, range(4) as r(band)
                where simhash is not null and simhash <> 0
            ),
            near as (
                select a.doc_id, h.doc_id as other_id, h.fetched_at as other_at
                from bands as a
                inner join bands as h
                    on h.band = a.band and h.part = a.part
                    and h.rank <= {int(BAND_CANDIDATES)} and h.rank < a.rank
                where bit_count(xor(a.simhash, h.simhash)) <= {int(max_distance)}
                    and a.figures_sha256 is not distinct from h.figures_sha256
            ),
            same as (
                select text_sha256, arg_min(doc_id, (fetched_at, doc_id)) as other_id,
                    min(fetched_at) as other_at
                from docs
                group by text_sha256
                having count(*) > 1
            ),
            pairs as (
                select doc_id, other_id, other_at from near
                union all
                select x.doc_id, s.other_id, s.other_at
                from docs as x
                inner join same as s on s.text_sha256 = x.text_sha256 and s.other_id <> x.doc_id
            )
            select doc_id, arg_min(other_id, (other_at, other_id)) as first_id
            from pairs
            group by doc_id
        ) as first
        where d.doc_id = first.doc_id and d.duplicate_of is distinct from first.first_id
        """
    )
    con.execute(
        """
        update documents set duplicate_of = null
        where duplicate_of is not null
            and doc_id not in (
                select x.doc_id from documents as x
                inner join documents as y on y.doc_id = x.duplicate_of
                where x.text_sha256 = y.text_sha256
                    or (bit_count(xor(x.simhash, y.simhash)) <= ?
                        and x.figures_sha256 is not distinct from y.figures_sha256)
            )
        """,
        [max_distance],
    )
    result = con.execute("select count(*) from documents where duplicate_of is not null").fetchone()
    return int(result[0]) if result else 0


# Quarantine reasons that say the item's processing raised: its bytes are tried again.
RETRIED_REASONS = ("exception", "batch_failed")


def _record_batch_fetches(
    con: duckdb.DuckDBPyConnection, tables: Tables, fetches: Sequence[tuple[str, FetchRow]]
) -> None:
    """Fetch state and document_urls of a batch's items, inside the batch's transaction."""
    documents = tables["documents"]
    doc_ids = dict(
        zip(
            documents.column("uri").to_pylist(),
            documents.column("doc_id").to_pylist(),
            strict=True,
        )
    )
    quarantine = tables["quarantine"]
    settled = {
        uri
        for uri, reason in zip(
            quarantine.column("uri").to_pylist(),
            quarantine.column("reason").to_pylist(),
            strict=True,
        )
        if reason not in RETRIED_REASONS
    }
    rows: list[FetchRow] = []
    urls: list[tuple[str, str, Any, Any]] = []
    for uri, row in fetches:
        if uri in doc_ids and not str(row[0]).startswith("file:"):  # a local file has one URL
            urls.append((row[0], doc_ids[uri], row[6], row[6]))
        if uri in doc_ids or uri in settled:
            rows.append(row)
        else:  # no validators: the next run downloads it in full
            rows.append((row[0], None, None, *row[3:]))
    _upsert_fetches(con, rows)
    _upsert(
        con,
        "document_urls",
        urls,
        "set doc_id = excluded.doc_id, last_seen_at = excluded.last_seen_at",
    )


def fetch_states(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str | None, str | None]]:
    """url → (etag, last_modified) of every URL fetched with a 200 before, with validators."""
    rows = con.execute(
        """
        select url, etag, last_modified from fetch_state
        where content_sha256 is not null and (etag is not null or last_modified is not null)
        """
    ).fetchall()
    return {url: (etag, modified) for url, etag, modified in rows}


def files_to_read(
    con: duckdb.DuckDBPyConnection,
    uris: Sequence[str],
    validators: Sequence[str | None],
    version: str,
) -> set[str]:
    """Local files (file:// URIs, with their validators now: size and modification time)
    that must be read. A file is not read when its validator is the one recorded with the
    bytes last read and those bytes are what the warehouse holds: its document's, under
    this transforms `version`, or, with no document, bytes rejected for what they are
    (the latest settled rejection, as known_documents counts them). A file without a
    validator is always read."""
    con.register("scanned_files", _uri_table(uris, validators))
    rows = con.execute(
        f"""
        with rejected as ({_settled_rejections()})
        select s.uri from scanned_files s
        left join fetch_state f on f.url = s.uri
        left join documents d on d.uri = s.uri
        left join rejected r on r.uri = s.uri
        where not coalesce(
            f.etag = s.validator
            and case when d.uri is null then r.content_sha256 = f.content_sha256
                     else d.content_sha256 = f.content_sha256
                          and coalesce(d.transforms_version, '') = ? end,
            false)
        """,
        [version],
    ).fetchall()
    con.unregister("scanned_files")
    return {uri for (uri,) in rows}


def record_fetches(
    con: duckdb.DuckDBPyConnection,
    rows: Sequence[FetchRow],
    quarantine: Sequence[QuarantineRow] = (),
) -> dict[str, int]:
    """Upsert (url, etag, last_modified, content_sha256, status, fetched_at, checked_at, error)
    and load the acquisition's quarantine rows, in one transaction.

    A 304 or a failure keeps the validators and content hash of the last good download.
    """
    if not rows and not quarantine:
        return {"quarantine": 0}
    with transaction(con):
        _upsert_fetches(con, rows)
        written = _insert_quarantine(con, arrow_table(list(quarantine), QuarantineRow))
    return {"quarantine": written}


def _upsert_fetches(con: duckdb.DuckDBPyConnection, rows: Sequence[FetchRow]) -> None:
    """A 304 or a failure (no content hash) keeps the validators and hash last downloaded."""
    _upsert(
        con,
        "fetch_state",
        rows,
        """
        set etag = case when excluded.content_sha256 is null then fetch_state.etag
                        else excluded.etag end,
            last_modified = case when excluded.content_sha256 is null
                                 then fetch_state.last_modified
                                 else excluded.last_modified end,
            content_sha256 = coalesce(excluded.content_sha256, fetch_state.content_sha256),
            status = excluded.status,
            fetched_at = coalesce(excluded.fetched_at, fetch_state.fetched_at),
            checked_at = excluded.checked_at,
            error = excluded.error
        """,
    )


def _upsert(
    con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[Sequence[Any]], update: str
) -> None:
    """Insert rows (values in the table's column order) keyed by their first column,
    updating those present (`update`: the `set …` of `on conflict do update`). One statement
    over an Arrow table: row by row (executemany) cost ~3 ms a row, most of a batch's load
    once every local file had one. Rows of one key are applied one after the other, as
    executemany did."""
    if not rows:
        return
    if len({row[0] for row in rows}) < len(rows):  # one statement cannot update a row twice
        for row in rows:
            _upsert(con, table, [row], update)
        return
    names = table_columns(con, table)
    incoming = pa.table(dict(zip(names, map(list, zip(*rows, strict=True)), strict=True)))
    con.register("incoming_rows", incoming)
    try:
        con.execute(
            f"insert into {table} by name select * from incoming_rows "
            f"on conflict ({names[0]}) do update {update}"
        )
    finally:
        con.unregister("incoming_rows")


def load_indicators(con: duckdb.DuckDBPyConnection, catalog: Catalog) -> int:
    """Rewrite the `indicators` table from the catalog; returns its row count."""
    names = {st.code: st.name for st in catalog.stages}
    rows = [
        (
            ind.code,
            ind.stage,
            names.get(ind.stage, ind.stage),
            ind.measure or ind.code,
            ind.name,
            ind.unit,
            ind.dimension,
            ind.min,
            ind.max,
            list(ind.surface_forms),
        )
        for ind in catalog.indicators
    ]
    with transaction(con):
        con.execute("delete from indicators")
        con.executemany("insert into indicators values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return len(rows)
