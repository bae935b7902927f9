"""The version of the transforms: a digest of their code and data files.

A document whose raw bytes and transforms version are unchanged since it was loaded
needs no processing; any edit under transforms/ (code, catalog, chrome patterns…)
changes the version, so the next run reprocesses everything it affects.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
SUFFIXES = (".py", ".yaml", ".yml", ".csv", ".tsv", ".txt")


@cache
def transforms_version(*rule_files: Path) -> str:
    """12 hex digits over the path and bytes of every code and data file in transforms/,
    and the bytes of the rule files a run uses instead of packaged ones (--catalog, --chrome)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in HERE.rglob("*") if p.suffix in SUFFIXES and p.is_file()):
        if "__pycache__" in path.parts:
            continue
        digest.update(path.relative_to(HERE).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    for path in rule_files:
        digest.update(b"\0rules\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
