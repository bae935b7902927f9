"""Raw items from local files and folders (.txt, .html, .htm)."""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

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


def acquired_file(path: Path) -> bool:
    """Whether a file in a source folder is input: every file but hidden ones, Office lock
    files (~$x.docx) and Markdown notes about the folder. Types the pipeline cannot read
    are acquired too, and quarantined with their reason (never skipped silently)."""
    name = path.name
    return not name.startswith((".", "~$")) and path.suffix.lower() != ".md"


def list_files(paths: Iterable[Path]) -> list[Path]:
    """Input files under the given files and folders, sorted, each once."""
    found: set[Path] = set()
    for path in paths:
        path = path.expanduser().resolve()
        if not path.exists():
            raise SourceNotFound(f"source not found: {path}")
        if path.is_file():
            found.add(path)
        else:
            found.update(_files_under(path))
    return sorted(found)


def _files_under(folder: Path) -> Iterator[Path]:
    """Input files in a folder and its subfolders, as Path.rglob finds them (links to files
    followed, links to folders not), with one directory read per folder and no stat per file."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                yield from _files_under(Path(entry.path))
            elif entry.is_file():
                path = Path(entry.path)
                if acquired_file(path):
                    yield path


def file_validator(stat: os.stat_result, now: float) -> str | None:
    """A file's size and modification time (ns) as an ETag, in nginx's form (hex size-mtime),
    or None when it was modified less than SETTLE_SECONDS before `now` (epoch seconds)."""
    if now - stat.st_mtime < SETTLE_SECONDS:
        return None
    return f"{stat.st_size:x}-{stat.st_mtime_ns:x}"


def current_validators(files: Iterable[Path]) -> dict[str, str | None]:
    """URI → validator of each file as it is now (None: too recent, or gone since listed)."""
    now = time.time()
    validators: dict[str, str | None] = {}
    for path in files:
        try:
            validators[path.as_uri()] = file_validator(path.stat(), now)
        except OSError:  # reading it will say what is wrong
            validators[path.as_uri()] = None
    return validators


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
