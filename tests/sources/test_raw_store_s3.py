"""The raw store on S3 (a local moto server): same API, one index object per put."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pyarrow.fs as pafs
import pytest
import zstandard

from sources.items import RawItem
from sources.raw_store import CorruptObject, ObjectRawStore, RawStore, RawStoreError, open_raw_store
from warehouse.lake import open_lake

T0 = datetime(2023, 1, 12, 8, 0, tzinfo=UTC)
PAGE = "全市学前教育普惠率达到93.10%，新增普通高中学位近1.4万个。".encode("gb18030")


def item(uri: str, data: bytes, at: datetime = T0, /, **headers: str) -> RawItem:
    return RawItem(uri, data, at, dict(headers))


@pytest.fixture
def fs(s3_lake: str) -> pafs.FileSystem:
    return open_lake(s3_lake, os.environ).filesystem


@pytest.fixture
def root(s3_lake: str) -> str:
    return open_lake(s3_lake, os.environ).path("raw")


@pytest.fixture
def store(fs: pafs.FileSystem, root: str) -> RawStore:
    return open_raw_store(fs, root)


def keys(fs: pafs.FileSystem, root: str) -> list[str]:
    found = fs.get_file_info(pafs.FileSelector(root, recursive=True, allow_not_found=True))
    return sorted(i.path[len(root) + 1 :] for i in found if i.type == pafs.FileType.File)


def read(fs: pafs.FileSystem, key: str) -> bytes:
    with fs.open_input_stream(key, compression=None) as stream:
        return stream.read()  # type: ignore[no-any-return]


def write(fs: pafs.FileSystem, key: str, data: bytes) -> None:
    with fs.open_output_stream(key, compression=None) as stream:
        stream.write(data)


def test_a_local_filesystem_gives_the_folder_store(tmp_path: Path) -> None:
    store = open_raw_store(pafs.LocalFileSystem(), str(tmp_path / "raw"))
    assert type(store) is RawStore and store.root == tmp_path / "raw"


def test_round_trip_keeps_the_local_object_layout(
    store: RawStore, fs: pafs.FileSystem, root: str
) -> None:
    assert isinstance(store, ObjectRawStore)
    stored = store.put(item("http://h/a.html", PAGE, **{"Content-Type": "text/html; charset=gbk"}))
    key = f"objects/{stored.sha256[:2]}/{stored.sha256}.zst"
    assert stored.path.as_posix() == f"{root}/{key}"
    assert zstandard.ZstdDecompressor().decompress(read(fs, f"{root}/{key}")) == PAGE
    assert store.get(stored.sha256) == PAGE
    assert list(store.latest()) == [
        RawItem("http://h/a.html", PAGE, T0, {"Content-Type": "text/html; charset=gbk"})
    ]
    (index,) = [k for k in keys(fs, root) if k.startswith("index/")]
    entry = json.loads(read(fs, f"{root}/{index}"))
    assert entry == {
        "uri": "http://h/a.html",
        "sha256": stored.sha256,
        "fetched_at": T0.isoformat(),
        "headers": {"Content-Type": "text/html; charset=gbk"},
    }


def test_each_put_is_one_index_object_and_bodies_are_stored_once(
    store: RawStore, fs: pafs.FileSystem, root: str
) -> None:
    store.put(item("http://h/a", PAGE))
    store.put(item("http://mirror/b", PAGE, T0 + timedelta(days=1)))
    store.put(item("http://h/a", PAGE, T0 + timedelta(days=2)))
    found = keys(fs, root)
    assert len([k for k in found if k.startswith("objects/")]) == 1
    assert len([k for k in found if k.startswith("index/")]) == 3
    assert [v.fetched_at for v in store.versions("http://h/a")] == [T0, T0 + timedelta(days=2)]


def test_latest_and_ties_across_store_instances(fs: pafs.FileSystem, root: str) -> None:
    open_raw_store(fs, root).put(item("http://h/a", b"a-new", T0 + timedelta(days=2)))
    open_raw_store(fs, root).put(item("http://h/a", b"a-old", T0))  # stored later, older
    open_raw_store(fs, root).put(item("http://h/b", b"first"))
    open_raw_store(fs, root).put(item("http://h/b", b"second"))  # same time: stored last wins
    latest = {raw.uri: raw.data for raw in open_raw_store(fs, root).latest()}
    assert latest == {"http://h/a": b"a-new", "http://h/b": b"second"}
    assert [raw.uri for raw in open_raw_store(fs, root).latest()] == ["http://h/a", "http://h/b"]


def test_an_empty_store_has_nothing_and_creates_nothing(
    store: RawStore, fs: pafs.FileSystem, root: str
) -> None:
    assert list(store.latest()) == [] and store.versions("http://h/a") == []
    assert keys(fs, root) == []


def test_a_missing_or_corrupt_object_is_named_and_repaired_by_a_put(
    store: RawStore, fs: pafs.FileSystem
) -> None:
    stored = store.put(item("http://h/a", PAGE))
    fs.delete_file(stored.path.as_posix())
    with pytest.raises(CorruptObject, match=stored.sha256):
        store.get(stored.sha256)
    write(fs, stored.path.as_posix(), b"garbage")
    with pytest.raises(CorruptObject, match=stored.sha256):
        list(store.latest())
    store.put(item("http://h/a", PAGE, T0 + timedelta(days=1)))
    assert store.get(stored.sha256) == PAGE


def test_a_malformed_index_object_is_reported_by_its_key(
    store: RawStore, fs: pafs.FileSystem, root: str
) -> None:
    store.put(item("http://h/a", b"a"))
    bad = f"{root}/index/99999999999999999999-forged.jsonl"
    write(fs, bad, b'{"uri": "x", "sha256": "../../etc/passwd", "fetched_at": "x"}\n')
    with pytest.raises(RawStoreError, match=r"forged\.jsonl:1"):
        list(store.latest())


@pytest.mark.parametrize("uri", ["../../etc/passwd", "index/x", 'http://h/\n{"uri": "forged"}', ""])
def test_hostile_uris_never_name_a_key(
    store: RawStore, fs: pafs.FileSystem, root: str, uri: str
) -> None:
    stored = store.put(item(uri, b"payload"))
    assert [k.split("/")[0] for k in keys(fs, root)] == ["index", "objects"]
    assert [(raw.uri, raw.data) for raw in store.latest()] == [(uri, b"payload")]
    assert stored.path.name == f"{stored.sha256}.zst"


def test_a_batch_is_one_pack_object_read_back_by_range(
    store: RawStore, fs: pafs.FileSystem, root: str
) -> None:
    store.put_many([item("http://h/a", PAGE), item("http://h/b", b"two")])
    found = keys(fs, root)
    assert len([k for k in found if k.startswith("packs/")]) == 1
    assert not [k for k in found if k.startswith("objects/")]
    assert {raw.uri: raw.data for raw in open_raw_store(fs, root).latest()} == {
        "http://h/a": PAGE,
        "http://h/b": b"two",
    }
