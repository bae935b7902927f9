"""Raw items from local files and folders (.txt, .html, .htm)."""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple
from urllib.parse import quote_from_bytes

from sources.items import RawItem
from transforms.errors import EdureportsError

SUFFIXES = (".txt", ".html", ".htm")
"""Text files, read as they are."""
ATTACHMENT_SUFFIXES = (".pdf", ".docx")
"""Files whose text is extracted (sources.attachments), as for web attachments."""


SETTLE_SECONDS = 2.0
"""A file modified less than this long before it is looked at gets no validator: a second
change within the same timestamp tick, same size, would otherwise go unseen (what git calls
a racily clean entry). It is read again on the next run instead."""


class SourceNotFound(EdureportsError, FileNotFoundError):
    """A --source path that does not exist."""


class LocalFile(NamedTuple):
    """An input file as a run lists it: its path, its URI and its validator now."""

    path: str
    uri: str
    validator: str | None


def acquired_name(name: str) -> bool:
    """Whether a file in a source folder is input, by its name: every file but hidden ones,
    Office lock files (~$x.docx) and Markdown notes about the folder. Types the pipeline
    cannot read are acquired too, and quarantined with their reason (never skipped
    silently)."""
    return not name.startswith((".", "~$")) and not name.lower().endswith(".md")


def scan_files(paths: Iterable[Path]) -> list[LocalFile]:
    """Input files under the given files and folders, sorted as paths sort, each once, with
    its URI and validator: one directory read per folder and one stat per file, and no Path
    per file (Paths made listing the 75,000 files of a 1 GB corpus three times slower)."""
    found: list[tuple[str, os.stat_result | None]] = []
    roots = [path.expanduser().resolve() for path in paths]
    for path in roots:
        if not path.exists():
            raise SourceNotFound(f"source not found: {path}")
        if path.is_file():
            found.append((str(path), _stat(path)))
        else:
            _files_under(str(path), found)
    if len(roots) > 1:  # Path's order (by parts) across sources, each file once
        found = sorted(dict(found).items(), key=lambda item: item[0].split("/"))
    now = time.time()
    return [
        LocalFile(
            name,
            "file://" + quote_from_bytes(os.fsencode(name)),  # as Path.as_uri writes it
            file_validator(stat, now) if stat is not None else None,
        )
        for name, stat in found
    ]


def list_files(paths: Iterable[Path]) -> list[Path]:
    """Input files under the given files and folders, sorted, each once."""
    return [Path(f.path) for f in scan_files(paths)]


def _stat(path: Path | os.DirEntry[str]) -> os.stat_result | None:
    try:
        return path.stat()
    except OSError:  # reading it will say what is wrong
        return None


def _files_under(folder: str, found: list[tuple[str, os.stat_result | None]]) -> None:
    """Append the input files in a folder and its subfolders with their stat, in Path's
    order (each folder's entries by name, depth first), as Path.rglob finds them (links to
    files followed, links to folders not)."""
    with os.scandir(folder) as scanned:
        entries = sorted(scanned, key=lambda entry: entry.name)
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            _files_under(entry.path, found)
        elif entry.is_file() and acquired_name(entry.name):
            found.append((entry.path, _stat(entry)))


def file_validator(stat: os.stat_result, now: float) -> str | None:
    """A file's size and modification time (ns) as an ETag, in nginx's form (hex size-mtime),
    or None when it was modified less than SETTLE_SECONDS before `now` (epoch seconds)."""
    if now - stat.st_mtime < SETTLE_SECONDS:
        return None
    return f"{stat.st_size:x}-{stat.st_mtime_ns:x}"


def read_files(files: Iterable[Path]) -> Iterator[RawItem]:
    """One raw item per file; fetched_at is the file's modification time (stable on re-runs),
    and its `etag` header the validator taken before the bytes were read."""
    for path in files:
        stat = path.stat()
        validator = file_validator(stat, time.time())
        yield RawItem(
            uri=path.as_uri(),
            data=path.read_bytes(),
            fetched_at=datetime.fromtimestamp(stat.st_mtime, tz=UTC).replace(microsecond=0),
            headers={
                "content-length": str(stat.st_size),
                **({"etag": validator} if validator else {}),
            },
        )


def validator_rows(items: Iterable[RawItem], now: datetime) -> dict[str, list[tuple[object, ...]]]:
    """The fetch_state row of each file read, by URI (url, etag, last_modified,
    content_sha256, status, fetched_at, checked_at, error), to keep with its loaded document:
    the next run reads only files whose validator differs or that have none."""
    return {
        item.uri: [
            (
                item.uri,
                item.headers.get("etag"),
                None,
                item.sha256,
                None,
                item.fetched_at,
                now,
                None,
            )
        ]
        for item in items
    }
