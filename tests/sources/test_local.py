"""Local files: which are input, and the validator (size, mtime) that spares reading them."""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime
from pathlib import Path

from sources.local import (
    SETTLE_SECONDS,
    file_validator,
    list_files,
    read_files,
    scan_files,
    validator_rows,
)

HOUR_AGO = time.time() - 3600


def written(path: Path, data: bytes, mtime: float | None = HOUR_AGO) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    if mtime is not None:
        os.utime(path, (mtime, mtime))
    return path


def test_subfolders_and_links_to_files_are_listed_but_not_links_to_folders(tmp_path: Path) -> None:
    root = tmp_path / "src"
    written(root / "b" / "deep" / "x.txt", b"x")
    written(root / "a.txt", b"a")
    written(root / "b-c.txt", b"c")  # after b/…: paths sort by their parts, not as strings
    for skipped in ("~$draft.docx", "NOTES.MD", ".DS_Store"):  # lock file, notes, hidden
        written(root / skipped, b"-")
    written(root / ".hidden" / "h.txt", b"h")  # a hidden folder's files are input, as rglob
    outside = written(tmp_path / "elsewhere" / "o.txt", b"o")
    (root / "link.txt").symlink_to(outside)
    (root / "folder-link").symlink_to(outside.parent, target_is_directory=True)
    (root / "broken.txt").symlink_to(tmp_path / "missing.txt")
    names = [f.relative_to(root.resolve()).as_posix() for f in list_files([root])]
    assert names == [".hidden/h.txt", "a.txt", "b/deep/x.txt", "b-c.txt", "link.txt"]


def test_a_validator_is_size_and_nanosecond_mtime_unless_the_file_just_changed(
    tmp_path: Path,
) -> None:
    old = written(tmp_path / "old.txt", b"12345")
    stat = old.stat()
    assert file_validator(stat, time.time()) == f"5-{stat.st_mtime_ns:x}"
    fresh = written(tmp_path / "fresh.txt", b"12345", mtime=None)  # modified just now
    assert file_validator(fresh.stat(), time.time()) is None
    assert file_validator(fresh.stat(), time.time() + SETTLE_SECONDS + 1) is not None
    named = written(tmp_path / "教育 局#1%.txt", b"1")  # quoted in its URI as Path quotes it
    listed = scan_files([tmp_path])
    assert [(f.path, f.uri) for f in listed] == [
        (str(p), p.as_uri()) for p in sorted([old, fresh, named])
    ]
    assert {f.uri: f.validator for f in listed} == {
        old.as_uri(): f"5-{stat.st_mtime_ns:x}",
        fresh.as_uri(): None,
        named.as_uri(): f"1-{named.stat().st_mtime_ns:x}",
    }


def test_a_read_file_carries_its_validator_into_its_fetch_state_row(tmp_path: Path) -> None:
    old = written(tmp_path / "old.txt", "全市幼儿园85所".encode())
    fresh = written(tmp_path / "fresh.txt", b"new", mtime=None)
    now = datetime(2026, 12, 5, tzinfo=UTC)
    items = list(read_files([old, fresh]))
    assert items[0].headers["etag"] == file_validator(old.stat(), time.time())
    assert "etag" not in items[1].headers
    rows = validator_rows(items, now)
    assert rows[old.as_uri()] == [
        (old.as_uri(), items[0].headers["etag"], None, items[0].sha256, None,
         items[0].fetched_at, now, None)
    ]  # fmt: skip
    assert rows[fresh.as_uri()][0][1] is None  # no validator: read again next run
