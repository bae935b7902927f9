"""Batches of the flow: at most so many documents and so many megabytes of input."""

from __future__ import annotations

from flows.pipeline import batched


def test_a_batch_ends_at_its_count_or_its_bytes() -> None:
    items = [100_000] * 7  # 0.1 MB each
    assert [len(b) for b in batched(items, 3, 1.0, int)] == [3, 3, 1]
    assert [len(b) for b in batched(items, 100, 0.25, int)] == [2, 2, 2, 1]


def test_an_item_larger_than_the_limit_is_a_batch_of_its_own() -> None:
    items = [10, 5_000_000, 10, 10]
    assert list(batched(items, 100, 1.0, int)) == [[10], [5_000_000], [10, 10]]


def test_nothing_gives_no_batch() -> None:
    assert list(batched([], 5, 1.0, int)) == []
