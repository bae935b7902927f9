"""Raw items from local files and folders (.txt, .html, .htm)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from sources.items import RawItem
from transforms.errors import EdureportsError

SUFFIXES = (".txt", ".html", ".htm")
"""Text files, read as they are."""
ATTACHMENT_SUFFIXES = (".pdf", ".docx")
"""Files whose text is extracted (sources.attachments), as for web attachments."""


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
            found.update(p for p in path.rglob("*") if p.is_file() and acquired_file(p))
    return sorted(found)


def read_files(files: Iterable[Path]) -> Iterator[RawItem]:
    """One raw item per file; fetched_at is the file's modification time (stable on re-runs)."""
    for path in files:
        stat = path.stat()
        yield RawItem(
            uri=path.as_uri(),
            data=path.read_bytes(),
            fetched_at=datetime.fromtimestamp(stat.st_mtime, tz=UTC).replace(microsecond=0),
            headers={"content-length": str(stat.st_size)},
        )
