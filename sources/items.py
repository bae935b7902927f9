"""The type of every acquired item, whatever source it came from (files, the web, attachments)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime

from transforms.decode import ORIGINAL_SHA_HEADER


@dataclass(frozen=True)
class RawItem:
    """Bytes of one acquired item with where and when they came from."""

    uri: str
    data: bytes
    fetched_at: datetime
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def sha256(self) -> str:
        """Content hash of the bytes as acquired (of the file, not of its extracted text)."""
        return self.headers.get(ORIGINAL_SHA_HEADER) or hashlib.sha256(self.data).hexdigest()
