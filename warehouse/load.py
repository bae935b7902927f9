"""Loading a batch of rows into DuckDB: one transaction, keyed by document."""

from __future__ import annotations

from typing import Any

import duckdb
import pyarrow as pa

from transforms.catalog import Catalog
from transforms.records import Records, Tables
from warehouse.db import TABLES, transaction


def table_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    """Column names of a warehouse table, in table order."""
    return con.sql(f"select * from {table} limit 0").columns


def load_records(con: duckdb.DuckDBPyConnection, records: Records | Tables) -> dict[str, int]:
    """Replace the rows of the batch's documents; returns rows written per table.

    `records` are row objects or, as transform workers send them, their Arrow tables
    (Records.as_tables). Reloading a document deletes its earlier reports, metrics and
    terms first, so a re-run never duplicates rows. Quarantine keeps the first sighting
    of each rejection. Columns the rows do not carry (first_seen_at) are filled here.
    """
    tables = records.as_tables() if isinstance(records, Records) else records
    documents = tables["documents"]
    written: dict[str, int] = {}
    with transaction(con):
        if documents.num_rows and _record_versions(con, documents):
            # only documents loaded before have rows to replace: a batch of new ones skips
            # these scans, which grow with the warehouse (50 M terms at 1 GB of input)
            for table in ("terms", "metrics", "reports", "documents"):
                con.execute(f"delete from {table} where doc_id in (select doc_id from previous)")
        for table in TABLES:
            arrow = tables[table]
            written[table] = arrow.num_rows
            if not arrow.num_rows:
                continue
            carried = [f'"{c}"' for c in table_columns(con, table) if c in arrow.schema.names]
            con.register("batch_rows", arrow)
            conflict = " on conflict do nothing" if table == "quarantine" else ""
            con.execute(
                f"insert into {table} by name select {', '.join(carried)} from batch_rows{conflict}"
            )
            con.unregister("batch_rows")
        if documents.num_rows:
            con.execute(
                """
                update documents as d
                set first_seen_at = coalesce(p.first_seen_at, d.fetched_at)
                from incoming as i
                left join previous as p on p.doc_id = i.doc_id
                where d.doc_id = i.doc_id
                """
            )
    return written


def _record_versions(con: duckdb.DuckDBPyConnection, documents: pa.Table) -> int:
    """Keep every distinct content of each incoming document in document_versions.

    Leaves temp tables `incoming` (the batch's documents) and `previous` (those already
    in the warehouse, with when they were first seen); returns how many are in `previous`.
    """
    incoming = documents.select(["doc_id", "content_sha256", "fetched_at", "title", "text"])
    con.register("incoming_rows", incoming)
    con.execute("create or replace temp table incoming as select * from incoming_rows")
    con.unregister("incoming_rows")
    con.execute(
        """
        create or replace temp table previous as
        select doc_id, first_seen_at from documents where doc_id in (select doc_id from incoming)
        """
    )
    row = con.execute("select count(*) from previous").fetchone()
    known = int(row[0]) if row else 0
    if known:  # a batch of new documents has no versions to update
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


def known_documents(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, str]]:
    """doc_id → (content_sha256, transforms_version) of every loaded document."""
    rows = con.execute(
        "select doc_id, content_sha256, coalesce(transforms_version, '') from documents"
    ).fetchall()
    return {doc_id: (sha, version) for doc_id, sha, version in rows}


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


def fetch_states(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str | None, str | None]]:
    """url → (etag, last_modified) of every URL fetched with a 200 before."""
    rows = con.execute(
        "select url, etag, last_modified from fetch_state where content_sha256 is not null"
    ).fetchall()
    return {url: (etag, modified) for url, etag, modified in rows}


def record_fetches(con: duckdb.DuckDBPyConnection, rows: list[tuple[Any, ...]]) -> None:
    """Upsert (url, etag, last_modified, content_sha256, status, fetched_at, checked_at, error).

    A 304 or a failure keeps the validators and content hash of the last good download.
    """
    if not rows:
        return
    with transaction(con):
        con.executemany(
            """
            insert into fetch_state values (?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (url) do update set
                etag = case when excluded.content_sha256 is null then fetch_state.etag
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
            [list(r) for r in rows],
        )


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
