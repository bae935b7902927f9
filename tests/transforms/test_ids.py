"""Row ids are stable hashes of what identifies the row."""

from __future__ import annotations

from transforms.ids import doc_id_for, short_hash


def test_a_documents_id_depends_on_its_uri_only() -> None:
    uri = "file:///data/samples/001.txt"
    assert doc_id_for(uri) == doc_id_for(uri) == short_hash(uri)
    assert len(doc_id_for(uri)) == 16 and int(doc_id_for(uri), 16) >= 0
    assert doc_id_for(uri) != doc_id_for(uri + "?")


def test_parts_are_separated_so_they_cannot_run_together() -> None:
    assert short_hash("ab", "c") != short_hash("a", "bc")
    assert len(short_hash("x", n=8)) == 8
