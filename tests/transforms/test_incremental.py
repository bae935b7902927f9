"""Which acquired items need processing: new, changed bytes, changed transforms."""

from __future__ import annotations

from dataclasses import dataclass

from transforms.ids import doc_id_for
from transforms.incremental import not_yet_stored, select_changed


@dataclass(frozen=True)
class Item:
    uri: str
    sha256: str


def test_items_are_new_updated_or_unchanged() -> None:
    known = {
        doc_id_for("file:///a.txt"): ("s1", "v1"),
        doc_id_for("file:///b.txt"): ("s2", "v1"),
        doc_id_for("file:///c.txt"): ("s3", "v0"),  # processed by older transforms
    }
    items = [
        Item("file:///a.txt", "s1"),
        Item("file:///b.txt", "s2-new"),
        Item("file:///c.txt", "s3"),
        Item("file:///d.txt", "s4"),
    ]
    chosen = select_changed(items, known, "v1")
    assert [i.uri for i in chosen.new] == ["file:///d.txt"]
    assert [i.uri for i in chosen.updated] == ["file:///b.txt", "file:///c.txt"]
    assert chosen.unchanged == 1
    assert [i.uri for i in chosen.to_process] == ["file:///d.txt", "file:///b.txt", "file:///c.txt"]
    again = select_changed(items, known, "v1", full_refresh=True)
    assert again.unchanged == 0 and len(again.updated) == 3


def test_two_items_of_one_document_are_processed_once() -> None:
    items = [Item("file:///a.txt", "old"), Item("file:///a.txt", "new")]
    chosen = select_changed(items, {}, "v1")
    assert [i.sha256 for i in chosen.new] == ["new"] and not chosen.updated


def test_bytes_of_a_loaded_document_are_not_stored_again() -> None:
    known = {
        doc_id_for("file:///a.txt"): ("s1", "v0"),  # loaded: its bytes are in the raw store
        doc_id_for("file:///b.txt"): ("s2", "v1"),
    }
    items = [
        Item("file:///a.txt", "s1"),
        Item("file:///b.txt", "s2-new"),
        Item("file:///c.txt", "s3"),
    ]
    assert [i.uri for i in not_yet_stored(items, known)] == ["file:///b.txt", "file:///c.txt"]
