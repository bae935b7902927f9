"""Which acquired items need processing: new ones, and ones whose bytes or transforms changed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from transforms.ids import doc_id_for


class Fingerprinted(Protocol):
    """An acquired item with a URI and a content hash."""

    @property
    def uri(self) -> str: ...

    @property
    def sha256(self) -> str: ...


T = TypeVar("T", bound=Fingerprinted)


@dataclass(frozen=True)
class Selection(Generic[T]):
    """Items to process, split by why, and how many were skipped as unchanged."""

    new: list[T]
    updated: list[T]
    unchanged: int

    @property
    def to_process(self) -> list[T]:
        """New and updated items, in that order."""
        return [*self.new, *self.updated]


def select_changed(
    items: list[T],
    known: Mapping[str, tuple[str, str]],
    version: str,
    full_refresh: bool = False,
) -> Selection[T]:
    """Split items by doc_id against `known` (doc_id → (content_sha256, transforms_version)).

    Items of one batch with the same doc_id (two URLs that redirect to one page) are merged
    first: the last one stands for the document, so a batch never loads a doc_id twice.
    """
    new: list[T] = []
    updated: list[T] = []
    unchanged = 0
    by_doc = {doc_id_for(item.uri): item for item in items}
    for doc_id, item in by_doc.items():
        seen = known.get(doc_id)
        if seen is None:
            new.append(item)
        elif full_refresh or seen != (item.sha256, version):
            updated.append(item)
        else:
            unchanged += 1
    return Selection(new, updated, unchanged)


def not_yet_stored(items: list[T], known: Mapping[str, tuple[str, str]]) -> list[T]:
    """Items whose bytes are not those of their loaded document: what the raw store lacks.

    A document is loaded only after its bytes were kept, so a full refresh (or a new
    transforms version) reprocesses every file without storing its bytes a second time.
    """
    return [i for i in items if known.get(doc_id_for(i.uri), ("", ""))[0] != i.sha256]
