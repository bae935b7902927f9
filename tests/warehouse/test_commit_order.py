"""Commit order that cannot lose data: a page's validators are kept in the transaction that
loads its document, every URL that led to a document is kept, rejected bytes are known."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from tests.warehouse.test_load import batch, document
from transforms.ids import doc_id_for
from transforms.records import QuarantineRow, Records
from warehouse.db import connect_writer
from warehouse.load import (
    fetch_states,
    files_to_read,
    known_documents,
    load_records,
    mark_removed,
    record_fetches,
    removals_pending,
)

NOW = datetime(2026, 1, 2, tzinfo=UTC).replace(tzinfo=None)


def fetch_row(url: str, etag: str = '"v1"', sha: str = "c") -> tuple[object, ...]:
    return (url, etag, "Mon, 01 Jan 2024 00:00:00 GMT", sha, 200, NOW, NOW, None)


def test_validators_are_kept_with_the_document_and_every_url_that_led_to_it(
    tmp_path: Path,
) -> None:
    con = connect_writer(tmp_path / "data")
    final = "http://h.example/new/report.html"
    records = batch("x")
    records.documents = [replace(document(doc_id_for(final)), uri=final)]
    fetches = [(final, fetch_row(final)), (final, fetch_row("http://h.example/old/report.html"))]
    load_records(con, records, fetches)
    assert set(fetch_states(con)) == {final, "http://h.example/old/report.html"}
    urls = con.execute("select url, doc_id from document_urls order by url").fetchall()
    assert urls == [
        ("http://h.example/new/report.html", doc_id_for(final)),
        ("http://h.example/old/report.html", doc_id_for(final)),
    ]


def test_a_page_whose_processing_raised_keeps_no_validators(tmp_path: Path) -> None:
    con = connect_writer(tmp_path / "data")
    url = "http://h.example/bad.html"
    failed = Records(quarantine=[QuarantineRow(url, "extract", "exception", "boom", NOW, "c")])
    load_records(con, failed, [(url, fetch_row(url))])
    assert url not in fetch_states(con)  # next run downloads it in full
    assert con.execute("select content_sha256 from fetch_state").fetchall() == [("c",)]


def test_validators_written_before_a_crash_are_not_there(tmp_path: Path) -> None:
    """The acquisition keeps only 304s and failures up front; a downloaded page's state
    waits for its document, so a run killed in between leaves nothing to send a 304 on."""
    con = connect_writer(tmp_path / "data")
    record_fetches(
        con, [("http://h.example/gone.html", None, None, None, 404, None, NOW, "http_404")]
    )
    assert fetch_states(con) == {}


def test_rejected_bytes_are_known_and_exceptions_are_not(tmp_path: Path) -> None:
    con = connect_writer(tmp_path / "data")
    rows = [
        QuarantineRow("file:///a.xls", "decode", "unsupported_file_type", "xls", NOW, "s1"),
        QuarantineRow("file:///b.txt", "extract", "exception", "boom", NOW, "s2"),
        QuarantineRow("file:///c.txt", "decode", "undecodable", "empty", NOW, None),
    ]
    load_records(con, Records(quarantine=rows))
    known = known_documents(con, "v9")
    assert known[doc_id_for("file:///a.xls")] == ("s1", "v9")
    assert doc_id_for("file:///b.txt") not in known
    assert doc_id_for("file:///c.txt") not in known
    # a second rejection of new bytes updates the hash, keeps the first sighting
    again = QuarantineRow("file:///a.xls", "decode", "unsupported_file_type", "xls", NOW, "s3")
    load_records(con, Records(quarantine=[again, again]))  # twice in one batch: no error
    assert known_documents(con, "v9")[doc_id_for("file:///a.xls")] == ("s3", "v9")


def test_files_gone_from_a_local_source_are_marked_and_come_back(tmp_path: Path) -> None:
    con = connect_writer(tmp_path / "data")
    records = batch("x")
    keep, gone = "file:///src/a.txt", "file:///src/b.txt"
    records.documents = [
        replace(document("a"), uri=keep),
        replace(document("b"), uri=gone),
        replace(document("c"), uri="file:///other/c.txt"),
    ]
    load_records(con, records)
    assert not removals_pending(con, ["file:///src"], [keep, gone])
    assert removals_pending(con, ["file:///src"], [keep])
    assert mark_removed(con, ["file:///src"], [keep], NOW) == 1
    removed = con.execute("select uri from documents where removed_at is not null").fetchall()
    assert removed == [(gone,)]
    assert not removals_pending(con, ["file:///src"], [keep])  # marked once
    assert mark_removed(con, ["file:///src"], [keep], NOW) == 0
    assert removals_pending(con, ["file:///src"], [keep, gone])  # it is back
    mark_removed(con, ["file:///src"], [keep, gone], NOW)
    assert not con.execute("select * from documents where removed_at is not null").fetchall()
    assert not removals_pending(con, [], [])


def test_a_file_is_left_unread_only_when_its_validator_and_loaded_bytes_match(
    tmp_path: Path,
) -> None:
    con = connect_writer(tmp_path / "data")
    loaded = {  # uri -> (bytes' hash, transforms version) of its loaded document
        "same": ("s1", "v1"),
        "touched": ("s2", "v1"),
        "old-rules": ("s3", "v0"),  # loaded by older transforms
        "replaced": ("s4-new", "v1"),  # the loaded bytes are not the recorded ones
        "fresh": ("s5", "v1"),
    }
    records = Records(
        documents=[
            replace(
                document(doc_id_for(uri(n))), uri=uri(n), content_sha256=sha, transforms_version=v
            )
            for n, (sha, v) in loaded.items()
        ],
        quarantine=[
            QuarantineRow(uri("rejected"), "decode", "unsupported_file_type", "xls", NOW, "s7"),
            QuarantineRow(uri("raised"), "extract", "exception", "boom", NOW, "s8"),
        ],
    )
    recorded = {  # uri -> (validator, hash of the bytes read with it)
        "same": ("a-1", "s1"),
        "touched": ("a-1", "s2"),
        "old-rules": ("a-1", "s3"),
        "replaced": ("a-1", "s4"),
        "fresh": ("a-1", "s5"),
        "rejected": ("a-1", "s7"),
        "raised": ("a-1", "s8"),
    }
    fetches = [(uri(n), file_fetch(uri(n), v, sha)) for n, (v, sha) in recorded.items()]
    load_records(con, records, fetches)
    record_fetches(con, [file_fetch(uri("unloaded"), "a-1", "s6")])  # its document never loaded
    now: dict[str, str | None] = {  # uri -> validator now
        "same": "a-1",
        "touched": "a-2",
        "old-rules": "a-1",
        "replaced": "a-1",
        "fresh": None,  # modified too recently to trust
        "rejected": "a-1",  # the same bytes would be rejected again
        "raised": "a-1",  # processing raised: tried again
        "unloaded": "a-1",
        "new": "b-1",
    }
    unread = files_to_read(con, [uri(n) for n in now], list(now.values()), "v1")
    assert unread == {uri(n) for n in now} - {uri("same"), uri("rejected")}


def uri(name: str) -> str:
    return f"file:///src/{name}.txt"


def file_fetch(url: str, validator: str, sha: str) -> tuple[object, ...]:
    return (url, validator, None, sha, 200, NOW, NOW, None)


def test_quarantine_without_the_new_column_still_loads(tmp_path: Path) -> None:
    """An older warehouse is migrated: the hash column is there after opening it."""
    data = tmp_path / "data"
    connect_writer(data).close()
    con = duckdb.connect(str(data / "warehouse.duckdb"))
    assert "content_sha256" in con.sql("select * from quarantine limit 0").columns
