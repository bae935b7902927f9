from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import zstandard
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sources.items import RawItem
from sources.raw_store import CorruptObject, RawStore, RawStoreError

T0 = datetime(2023, 1, 12, 8, 0, tzinfo=UTC)
PAGE = "全市学前教育普惠率达到93.10%，新增普通高中学位近1.4万个。".encode("gb18030")


def item(uri: str, data: bytes, at: datetime = T0, /, **headers: str) -> RawItem:
    return RawItem(uri, data, at, dict(headers))


def all_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


@pytest.fixture
def store(tmp_path: Path) -> RawStore:
    return RawStore(tmp_path / "raw")


def test_round_trip(store: RawStore) -> None:
    stored = store.put(item("http://h/a.html", PAGE, **{"Content-Type": "text/html; charset=gbk"}))
    assert stored.sha256 == item("x", PAGE).sha256
    assert stored.path == store.root / "objects" / stored.sha256[:2] / f"{stored.sha256}.zst"
    assert stored.path.is_file()
    assert zstandard.ZstdDecompressor().decompress(stored.path.read_bytes()) == PAGE
    assert store.get(stored.sha256) == PAGE
    assert list(store.latest()) == [
        RawItem("http://h/a.html", PAGE, T0, {"Content-Type": "text/html; charset=gbk"})
    ]


def test_the_index_is_json_lines(store: RawStore) -> None:
    store.put(item("http://h/a", b"one"))
    store.put(item("http://h/b", b"two", T0 + timedelta(hours=1)))
    lines = (store.root / "index.jsonl").read_text(encoding="utf-8").splitlines()
    entries = [json.loads(line) for line in lines]
    assert [e["uri"] for e in entries] == ["http://h/a", "http://h/b"]
    assert set(entries[0]) == {"uri", "sha256", "fetched_at", "headers"}
    assert datetime.fromisoformat(entries[1]["fetched_at"]) == T0 + timedelta(hours=1)


def test_identical_bodies_are_stored_once(store: RawStore) -> None:
    first = store.put(item("http://h/a", PAGE))
    mtime = first.path.stat().st_mtime_ns
    second = store.put(item("http://mirror/b", PAGE, T0 + timedelta(days=1)))
    third = store.put(item("http://h/a", PAGE, T0 + timedelta(days=2)))
    assert first.path == second.path == third.path
    assert first.path.stat().st_mtime_ns == mtime  # written once
    assert len(list((store.root / "objects").rglob("*.zst"))) == 1
    assert len(store.versions("http://h/a")) == 2


def test_latest_picks_the_newest_fetch_per_uri(store: RawStore) -> None:
    store.put(item("http://h/a", b"a-new", T0 + timedelta(days=2)))
    store.put(item("http://h/a", b"a-old", T0))  # stored later, fetched earlier
    store.put(item("http://h/b", b"b-only", T0 + timedelta(days=1)))
    store.put(item("http://h/a", b"a-mid", T0 + timedelta(days=1)))
    latest = {raw.uri: raw for raw in store.latest()}
    assert {uri: raw.data for uri, raw in latest.items()} == {
        "http://h/a": b"a-new",
        "http://h/b": b"b-only",
    }
    assert latest["http://h/a"].fetched_at == T0 + timedelta(days=2)


def test_on_a_tie_the_fetch_stored_last_wins(store: RawStore) -> None:
    store.put(item("http://h/a", b"first"))
    store.put(item("http://h/a", b"second"))
    assert [raw.data for raw in store.latest()] == [b"second"]


def test_versions_are_oldest_first_with_their_headers(store: RawStore) -> None:
    store.put(item("http://h/a", b"v2", T0 + timedelta(days=1), ETag='"2"'))
    store.put(item("http://h/a", b"v1", T0, ETag='"1"'))
    store.put(item("http://h/other", b"x"))
    versions = store.versions("http://h/a")
    assert [v.fetched_at for v in versions] == [T0, T0 + timedelta(days=1)]
    assert [store.get(v.sha256) for v in versions] == [b"v1", b"v2"]
    assert [v.headers for v in versions] == [{"ETag": '"1"'}, {"ETag": '"2"'}]
    assert store.versions("http://h/missing") == []


def test_an_empty_store_has_nothing(store: RawStore) -> None:
    assert list(store.latest()) == []
    assert store.versions("http://h/a") == []
    assert not store.root.exists()  # reading never creates anything


def test_naive_fetch_times_are_taken_as_utc(store: RawStore) -> None:
    stored = store.put(item("http://h/a", b"x", datetime(2023, 1, 12, 8, 0)))
    assert stored.fetched_at == T0
    assert next(store.latest()).fetched_at == T0


def test_a_second_store_on_the_same_root_sees_earlier_entries(tmp_path: Path) -> None:
    RawStore(tmp_path / "raw").put(item("http://h/a", b"first run"))
    again = RawStore(tmp_path / "raw")
    again.put(item("http://h/b", b"second run", T0 + timedelta(hours=1)))
    assert {raw.uri: raw.data for raw in RawStore(tmp_path / "raw").latest()} == {
        "http://h/a": b"first run",
        "http://h/b": b"second run",
    }


def test_no_temporary_files_are_left_behind(store: RawStore) -> None:
    for n in range(20):
        store.put(item(f"http://h/{n}", f"page {n}".encode() * (n + 1)))
    leftovers = [p for p in all_files(store.root) if p.name.endswith(".tmp")]
    assert leftovers == []
    names = {p.relative_to(store.root).parts[0] for p in all_files(store.root)}
    assert names == {"objects", "index.jsonl"}


def test_a_failed_object_write_leaves_no_partial_object(
    store: RawStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    def crash(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="disk full"):
        store.put(item("http://h/a", PAGE))
    assert [p for p in all_files(store.root) if p.suffix in {".zst", ".tmp"}] == []
    assert list(store.latest()) == []  # nothing indexed without its body


def test_concurrent_puts_keep_every_index_line_whole(tmp_path: Path) -> None:
    def worker(n: int) -> None:
        own = RawStore(tmp_path / "raw")  # one instance per writer, as separate runs would
        for i in range(25):
            own.put(item(f"http://h/{n}/{i}", f"{n}-{i}".encode() * 50, **{"X-N": str(n)}))

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    lines = (tmp_path / "raw" / "index.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 100
    assert all(json.loads(line)["headers"]["X-N"] in "0123" for line in lines)
    assert len(list(RawStore(tmp_path / "raw").latest())) == 100


def test_a_torn_index_line_from_a_crashed_writer_is_skipped(store: RawStore) -> None:
    store.put(item("http://h/a", b"a"))
    with (store.root / "index.jsonl").open("a", encoding="utf-8") as index:
        index.write('{"uri": "http://h/b", "sha2')  # the writer died here
    assert [raw.uri for raw in store.latest()] == ["http://h/a"]
    store.put(item("http://h/c", b"c"))  # the next writer starts on a fresh line
    assert [raw.uri for raw in store.latest()] == ["http://h/a", "http://h/c"]


def test_a_malformed_index_entry_is_reported_with_its_line(store: RawStore) -> None:
    store.put(item("http://h/a", b"a"))
    with (store.root / "index.jsonl").open("a", encoding="utf-8") as index:
        index.write('{"uri": "http://h/b", "sha256": "../../etc/passwd", "fetched_at": "x"}\n')
    with pytest.raises(RawStoreError, match=r"index\.jsonl:2"):
        list(store.latest())


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda b: b[: len(b) // 2], id="truncated"),
        pytest.param(lambda b: b"", id="empty"),
        pytest.param(lambda b: b"not zstd at all", id="garbage"),
        pytest.param(
            lambda b: zstandard.ZstdCompressor().compress(b"other bytes"), id="wrong-content"
        ),
    ],
)
def test_a_corrupt_object_is_named_by_its_sha(
    store: RawStore, damage: Callable[[bytes], bytes]
) -> None:
    stored = store.put(item("http://h/a", PAGE * 20))
    stored.path.write_bytes(damage(stored.path.read_bytes()))
    with pytest.raises(CorruptObject, match=stored.sha256) as info:
        store.get(stored.sha256)
    assert info.value.sha256 == stored.sha256
    with pytest.raises(CorruptObject, match=stored.sha256):
        list(store.latest())


def test_a_missing_object_is_named_by_its_sha(store: RawStore) -> None:
    stored = store.put(item("http://h/a", PAGE))
    stored.path.unlink()
    with pytest.raises(CorruptObject, match=stored.sha256):
        store.get(stored.sha256)


def test_putting_the_bytes_again_repairs_a_corrupt_object(store: RawStore) -> None:
    stored = store.put(item("http://h/a", PAGE))
    stored.path.write_bytes(b"garbage")
    store.put(item("http://h/a", PAGE, T0 + timedelta(days=1)))
    assert store.get(stored.sha256) == PAGE


@pytest.mark.parametrize(
    "sha", ["../../etc/passwd", "ab", "A" * 64, "g" * 64, "0" * 63, "0" * 64 + "/x", "/" + "0" * 63]
)
def test_get_accepts_only_a_hex_digest(store: RawStore, sha: str) -> None:
    with pytest.raises(ValueError):
        store.get(sha)


HOSTILE_URIS = [
    "../../etc/passwd",
    "http://h/../../x",
    "/etc/passwd",
    "C:\\Windows\\system32\\config",
    "file:///etc/shadow",
    "http://h/a\x00.zst",
    "\x00",
    "objects/00/" + "0" * 64 + ".zst",
    "index.jsonl",
    "http://h/" + "../" * 50 + "tmp/pwned",
    'http://h/\n{"uri": "forged"}',
    "",
]


@pytest.mark.parametrize("uri", HOSTILE_URIS)
def test_hostile_uris_never_name_a_path(tmp_path: Path, uri: str) -> None:
    root = tmp_path / "data" / "raw"
    store = RawStore(root)
    stored = store.put(item(uri, b"payload " + uri.encode("utf-8", "replace")))
    # everything written is inside the store, and named by the digest only
    assert all(p.resolve().is_relative_to(root.resolve()) for p in all_files(tmp_path))
    assert stored.path.parent.parent == root / "objects"
    assert stored.path.name == f"{stored.sha256}.zst"
    assert {p.name for p in all_files(tmp_path)} == {"index.jsonl", stored.path.name}
    # and the URI comes back exactly, as one index entry
    assert [(raw.uri, raw.data) for raw in store.latest()] == [(uri, store.get(stored.sha256))]
    assert len((root / "index.jsonl").read_text(encoding="utf-8").splitlines()) == 1


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    uris=st.lists(st.text(max_size=40), min_size=1, max_size=5),
    bodies=st.lists(st.binary(max_size=200), min_size=1, max_size=5),
    headers=st.dictionaries(st.text(max_size=10), st.text(max_size=20), max_size=3),
)
def test_any_uri_body_and_headers_round_trip(
    tmp_path_factory: pytest.TempPathFactory,
    uris: list[str],
    bodies: list[bytes],
    headers: dict[str, str],
) -> None:
    root = tmp_path_factory.mktemp("raw")
    store = RawStore(root)
    expected: dict[str, RawItem] = {}
    for n, (uri, body) in enumerate(zip(uris, bodies, strict=False)):
        raw = RawItem(uri, body, T0 + timedelta(seconds=n), dict(headers))
        store.put(raw)
        expected[uri] = raw
    assert {raw.uri: raw for raw in RawStore(root).latest()} == expected
    assert all(p.resolve().is_relative_to(root.resolve()) for p in all_files(root))


def test_a_batch_put_stores_each_body_once_and_appends_its_entries_together(
    tmp_path: Path,
) -> None:
    store = RawStore(tmp_path)
    stored = store.put_many(
        [item("http://h/a", b"one"), item("http://h/b", b"one"), item("http://h/c", b"two")]
    )
    assert [s.uri for s in stored] == ["http://h/a", "http://h/b", "http://h/c"]
    assert stored[0].sha256 == stored[1].sha256 != stored[2].sha256
    assert not (tmp_path / "objects").exists()  # one pack, not a file per body
    (pack,) = (tmp_path / "packs").iterdir()
    assert stored[0].path == stored[1].path == stored[2].path == pack
    assert stored[0].offset == stored[1].offset == 0 and stored[2].offset == stored[0].length
    assert pack.stat().st_size == stored[0].length + stored[2].length  # each body once
    assert [e.uri for e in store.entries()] == ["http://h/a", "http://h/b", "http://h/c"]
    assert store.get(stored[2].sha256) == b"two"
    assert [store.read(e) for e in store.entries()] == [b"one", b"one", b"two"]
    assert store.put_many([]) == [] and len(list(store.entries())) == 3


def test_a_packed_body_reads_back_through_a_new_store(tmp_path: Path) -> None:
    RawStore(tmp_path).put_many([item("http://h/a", PAGE), item("http://h/b", b"two")])
    again = RawStore(tmp_path)
    assert {raw.uri: raw.data for raw in again.latest()} == {
        "http://h/a": PAGE,
        "http://h/b": b"two",
    }
    entry = json.loads((tmp_path / "index.jsonl").read_text(encoding="utf-8").splitlines()[1])
    assert set(entry) == {"uri", "sha256", "fetched_at", "headers", "pack", "offset", "length"}


def test_a_batch_does_not_rewrite_a_body_stored_as_a_loose_object(tmp_path: Path) -> None:
    store = RawStore(tmp_path)
    loose = store.put(item("http://h/a", PAGE))
    batch = store.put_many(
        [item("http://h/a", PAGE, T0 + timedelta(days=1)), item("http://h/b", b"x")]
    )
    assert batch[0].path == loose.path and batch[0].offset is None
    assert batch[1].offset is None  # a lone new body is a loose object
    assert not (tmp_path / "packs").exists()


def test_a_damaged_pack_is_named_by_the_sha_of_the_body(tmp_path: Path) -> None:
    store = RawStore(tmp_path)
    stored = store.put_many([item("http://h/a", b"one"), item("http://h/b", b"two")])
    stored[1].path.write_bytes(b"\0" * 64)
    with pytest.raises(CorruptObject, match=stored[1].sha256):
        store.read(stored[1])
    stored[1].path.unlink()
    with pytest.raises(CorruptObject, match="missing pack"):
        store.get(stored[1].sha256)


def test_an_index_entry_cannot_name_a_pack_outside_the_store(tmp_path: Path) -> None:
    store = RawStore(tmp_path)
    store.put_many([item("http://h/a", b"one"), item("http://h/b", b"two")])
    index = tmp_path / "index.jsonl"
    entry = json.loads(index.read_text(encoding="utf-8").splitlines()[0])
    entry["pack"] = "../../etc/passwd"
    index.write_text(json.dumps(entry) + "\n", encoding="utf-8")
    with pytest.raises(RawStoreError, match="not a pack name"):
        list(store.entries())
