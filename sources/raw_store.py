"""Content-addressed store of raw acquired bytes, so every later stage can be rebuilt offline.

Layout under `<data>/raw/`:

    objects/<sha[:2]>/<sha>.zst   the body, zstd-compressed, written once per distinct body
    packs/<uuid>.zpk              the bodies of one batch put, zstd frames one after another
    index.jsonl                   one JSON line per stored fetch: uri, sha256, fetched_at,
                                  headers (and pack, offset, length for a packed body)

A batch of new bodies (`put_many`, one per batch of local files) is one pack file, not one
file per body: creating a file costs about a millisecond on an ext4 disk that other writers
keep busy, which made keeping the raw bytes the largest cost of a run's main process. A
single put (a page fetched from the web) is a loose object as before; stores written before
packs existed read as they did.

Object paths are built from the hex digest alone, so no URI can name a path. Objects are
written to a temporary file in their own folder and renamed into place; index lines are
appended with a single write on a file opened for appending, under an exclusive lock.

On object storage (`ObjectRawStore`, e.g. S3) there is neither append nor lock: objects
keep the same layout, and each put (one fetch, or a batch of them) writes its own index
object instead of appending lines,

    index/<time_ns>-<uuid>.jsonl  JSON lines: the entries of one put

read back as the union, in name order (the writer's clock, then a random tie-break).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import tempfile
import time
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow.fs as pafs
import zstandard

from sources.items import RawItem
from transforms.errors import EdureportsError

INDEX_NAME = "index.jsonl"
INDEX_DIR = "index"
OBJECTS_DIR = "objects"
PACKS_DIR = "packs"
_PACK_NAME = re.compile(r"[0-9a-f]{32}\.zpk")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_ZSTD_LEVEL = 3  # 230 MB/s on report text, 2.15× (level 10: 50 MB/s, 2.25×)


class RawStoreError(EdureportsError, RuntimeError):
    """The raw store cannot serve a request."""


class CorruptObject(RawStoreError):
    """A stored body is missing, truncated or does not hash to its name."""

    def __init__(self, sha256: str, detail: str, missing: bool = False) -> None:
        super().__init__(f"raw object {sha256} is corrupt: {detail}")
        self.sha256 = sha256
        self.missing = missing


@dataclass(frozen=True)
class StoredItem:
    """One stored fetch: where the body is and what came with it."""

    uri: str
    sha256: str
    fetched_at: datetime
    headers: dict[str, str]
    path: Path
    """The body's file (a loose object or a pack); on object storage its key (bucket/prefix/…)
    as a relative path."""
    offset: int | None = None
    """Where the body's compressed bytes start in its pack (None: a loose object)."""
    length: int | None = None
    """How many compressed bytes it has in its pack."""


def _check_sha(sha256: str) -> str:
    if not isinstance(sha256, str) or not _SHA256.fullmatch(sha256):
        raise ValueError(f"not a lower-case hex sha256: {sha256!r}")
    return sha256


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


class RawStore:
    """Raw bodies by content hash, and an append-only index of which URI gave which body."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.objects = self.root / OBJECTS_DIR
        self.index = self.root / INDEX_NAME

    def object_path(self, sha256: str) -> Path:
        """Where the body with this digest lives (only hex digits ever reach the path)."""
        sha256 = _check_sha(sha256)
        return self.objects / sha256[:2] / f"{sha256}.zst"

    def put(self, item: RawItem) -> StoredItem:
        """Store the body (once per distinct body) and append an index entry for this fetch."""
        return self.put_many([item])[0]

    def put_many(self, items: Iterable[RawItem]) -> list[StoredItem]:
        """Store a batch of fetches, then their index entries in one append.

        Each body is written once per batch; a body already stored as a loose object is not
        written again. Two or more new bodies go into one pack; a lone new body is a loose
        object. (A body stored in an earlier pack is stored again: callers keep only new or
        changed pages, as the flow does.)
        """
        items = list(items)
        shas = [hashlib.sha256(item.data).hexdigest() for item in items]
        compressor = zstandard.ZstdCompressor(level=_ZSTD_LEVEL, write_content_size=True)
        new: dict[str, bytes] = {}
        for item, sha256 in zip(items, shas, strict=True):
            if sha256 not in new and not self._intact(sha256):
                new[sha256] = compressor.compress(item.data)
        where: dict[str, tuple[Path, int | None, int | None]] = {}
        if len(new) >= 2:
            name = f"{uuid.uuid4().hex}.zpk"
            at = 0
            for sha256, frame in new.items():
                where[sha256] = (self.root / PACKS_DIR / name, at, len(frame))
                at += len(frame)
            self._write_object(self.root / PACKS_DIR / name, b"".join(new.values()))
        else:
            for sha256, frame in new.items():
                self._write_object(self.object_path(sha256), frame)
        stored: list[StoredItem] = []
        lines: list[str] = []
        for item, sha256 in zip(items, shas, strict=True):
            fetched_at = _aware(item.fetched_at)
            headers = {str(k): str(v) for k, v in item.headers.items()}
            entry: dict[str, object] = {
                "uri": item.uri,
                "sha256": sha256,
                "fetched_at": fetched_at.isoformat(),
                "headers": headers,
            }
            path, offset, length = where.get(sha256, (self.object_path(sha256), None, None))
            if offset is not None:
                entry.update(pack=path.name, offset=offset, length=length)
            lines.append(json.dumps(entry, ensure_ascii=False, sort_keys=True))
            stored.append(StoredItem(item.uri, sha256, fetched_at, headers, path, offset, length))
        if lines:
            self._append(lines)
        return stored

    def get(self, sha256: str) -> bytes:
        """The original bytes of a stored body; CorruptObject if it is damaged or missing.

        A packed body is found through the index; `read(entry)` goes to it directly."""
        try:
            return self._loose(sha256)
        except CorruptObject as missing:
            if not missing.missing:
                raise
            entries = self.entries()
            packed = next((e for e in entries if e.sha256 == sha256 and e.offset is not None), None)
            if packed is None:
                raise
            return self.read(packed)

    def _loose(self, sha256: str) -> bytes:
        path = self.object_path(sha256)
        try:
            compressed = self._read_object(path)
        except FileNotFoundError:
            raise CorruptObject(sha256, f"missing object file {path}", missing=True) from None
        return self._checked(sha256, path, compressed)

    def read(self, entry: StoredItem) -> bytes:
        """The original bytes of the body an index entry names (loose or packed)."""
        if entry.offset is None or entry.length is None:
            return self.get(entry.sha256)
        try:
            compressed = self._read_range(entry.path, entry.offset, entry.length)
        except FileNotFoundError:
            raise CorruptObject(entry.sha256, f"missing pack {entry.path}") from None
        return self._checked(entry.sha256, entry.path, compressed)

    def _checked(self, sha256: str, path: Path, compressed: bytes) -> bytes:
        try:
            data = zstandard.ZstdDecompressor().decompress(compressed)
        except zstandard.ZstdError as exc:
            raise CorruptObject(sha256, f"cannot decompress {path}: {exc}") from exc
        if hashlib.sha256(data).hexdigest() != sha256:
            raise CorruptObject(sha256, f"{path} does not hash to its name")
        return data

    def entries(self) -> Iterator[StoredItem]:
        """Every index entry in the order it was stored; torn lines of crashed writers skipped."""
        for where, lines in self._index_files():
            for number, line in enumerate(lines, 1):
                if not line.endswith("\n"):
                    break  # a writer crashed mid-line: the entry never completed
                entry = self._entry(line, f"{where}:{number}") if line.strip() else None
                if entry is not None:
                    yield entry

    def _entry(self, line: str, where: str) -> StoredItem | None:
        try:
            raw: Any = json.loads(line)
        except json.JSONDecodeError:
            return None  # the torn line of a crashed writer, terminated by the next append
        try:
            sha256 = _check_sha(raw["sha256"])
            pack = raw.get("pack")
            if pack is not None and not _PACK_NAME.fullmatch(pack):
                raise ValueError(f"not a pack name: {pack!r}")
            return StoredItem(
                uri=str(raw["uri"]),
                sha256=sha256,
                fetched_at=_aware(datetime.fromisoformat(raw["fetched_at"])),
                headers={str(k): str(v) for k, v in raw.get("headers", {}).items()},
                path=self.root / PACKS_DIR / pack if pack else self.object_path(sha256),
                offset=int(raw["offset"]) if pack else None,
                length=int(raw["length"]) if pack else None,
            )
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise RawStoreError(f"{where}: bad index entry: {exc}") from exc

    def versions(self, uri: str) -> list[StoredItem]:
        """Every stored fetch of `uri`, oldest first (by fetched_at, then storing order)."""
        found = [entry for entry in self.entries() if entry.uri == uri]
        return sorted(found, key=lambda entry: entry.fetched_at)

    def latest_entries(self) -> list[StoredItem]:
        """For each URI its newest fetch; on a tie of fetched_at the one stored last wins."""
        newest: dict[str, StoredItem] = {}
        for entry in self.entries():
            known = newest.get(entry.uri)
            if known is None or entry.fetched_at >= known.fetched_at:
                newest[entry.uri] = entry
        return list(newest.values())

    def latest(self) -> Iterator[RawItem]:
        """The newest version of every URI with its original bytes, in first-stored order."""
        for entry in self.latest_entries():
            yield RawItem(entry.uri, self.read(entry), entry.fetched_at, dict(entry.headers))

    def _intact(self, sha256: str) -> bool:
        """Whether the body is stored whole as a loose object."""
        try:
            self._loose(sha256)
        except CorruptObject:
            return False  # missing, or damaged: (re)write it from the bytes at hand
        return True

    def _read_object(self, path: Path) -> bytes:
        return path.read_bytes()

    def _read_range(self, path: Path, offset: int, length: int) -> bytes:
        with path.open("rb") as handle:
            handle.seek(offset)
            return handle.read(length)

    def _write_object(self, path: Path, data: bytes) -> None:
        _atomic_write(path, data)

    def _index_files(self) -> Iterator[tuple[str, Iterable[str]]]:
        try:
            handle = self.index.open("r", encoding="utf-8")
        except FileNotFoundError:
            return
        with handle:
            yield str(self.index), handle

    def _append(self, lines: list[str]) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        record = "".join(line + "\n" for line in lines).encode("utf-8")
        fd = os.open(self.index, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            _repair_torn_tail(fd)
            written = os.write(fd, record)
            if written != len(record):
                raise RawStoreError(f"short write to {self.index}")
            os.fsync(fd)
        finally:
            os.close(fd)  # closing releases the lock


def _repair_torn_tail(fd: int) -> None:
    """Terminate a line a crashed writer left unfinished, so the next entry starts clean."""
    size = os.fstat(fd).st_size
    if size and os.pread(fd, 1, size - 1) != b"\n":
        os.write(fd, b"\n")


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


class ObjectRawStore(RawStore):
    """The raw store on object storage (S3): same objects, one index object per put."""

    def __init__(self, filesystem: pafs.FileSystem, root: str) -> None:
        super().__init__(Path(root))  # paths below name object keys, never local files
        self.filesystem = filesystem
        self._last_ns = 0

    def _read_object(self, path: Path) -> bytes:
        with self.filesystem.open_input_stream(path.as_posix(), compression=None) as stream:
            data: bytes = stream.read()
        return data

    def _read_range(self, path: Path, offset: int, length: int) -> bytes:
        with self.filesystem.open_input_file(path.as_posix()) as handle:
            data: bytes = handle.read_at(length, offset)
        return data

    def _write_object(self, path: Path, data: bytes) -> None:
        # one PUT: the object appears whole or not at all
        with self.filesystem.open_output_stream(path.as_posix(), compression=None) as stream:
            stream.write(data)

    def _append(self, lines: list[str]) -> None:
        self._last_ns = max(time.time_ns(), self._last_ns + 1)
        name = f"{self._last_ns:020d}-{uuid.uuid4().hex}.jsonl"
        record = "".join(line + "\n" for line in lines).encode("utf-8")
        self._write_object(self.root / INDEX_DIR / name, record)

    def _index_files(self) -> Iterator[tuple[str, Iterable[str]]]:
        folder = pafs.FileSelector((self.root / INDEX_DIR).as_posix(), allow_not_found=True)
        found = [i for i in self.filesystem.get_file_info(folder) if i.type == pafs.FileType.File]
        for info in sorted(found, key=lambda i: i.base_name):
            text = self._read_object(Path(info.path)).decode("utf-8")
            yield f"{info.path}", text.splitlines(keepends=True)


def open_raw_store(filesystem: pafs.FileSystem, root: str) -> RawStore:
    """The raw store at `root` on a filesystem: a folder locally, objects on S3."""
    if isinstance(filesystem, pafs.LocalFileSystem):
        return RawStore(Path(root))
    return ObjectRawStore(filesystem, root)
