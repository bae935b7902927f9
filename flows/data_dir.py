"""The data folder of a command: --data, else $EDUREPORTS_DATA, else ./data (one precedence
for every command; light to import, so `edureports query` stays quick)."""

from __future__ import annotations

import os
from pathlib import Path

from transforms.errors import EdureportsError


class DataDirError(EdureportsError):
    """--data names something that cannot be the data folder."""


def resolve_data_dir(value: str | None) -> Path:
    """The data folder, absolute; an existing file there is an error (a missing folder is
    created by the commands that write)."""
    path = Path(value or os.environ.get("EDUREPORTS_DATA") or "data").expanduser().resolve()
    if path.exists() and not path.is_dir():
        raise DataDirError(f"--data {path} is a file; give the data folder (created when missing)")
    return path
