"""Row ids: stable hashes, so reprocessing a page gives its rows the same ids."""

from __future__ import annotations

import hashlib


def short_hash(*parts: object, n: int = 16) -> str:
    """Stable hex id of the given parts."""
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:n]


def doc_id_for(uri: str) -> str:
    """Document id: stable for a URI, so a changed page replaces its earlier rows."""
    return short_hash(uri)
