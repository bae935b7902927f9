"""Near-duplicate fingerprints: a 64-bit SimHash of a text's character shingles.

Two reposts of one report with different chrome clean to nearly the same text, so their
SimHashes differ in a few bits; unrelated reports differ in about half of them.
"""

from __future__ import annotations

import re
import zlib

SHINGLE = 4
BITS = 64
# Hamming distance at or below which two fingerprints count as the same report.
NEAR = 3
_NOISE = re.compile(r"[\s\d\W_]+")


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    """Character n-grams of the text's letters (digits, spaces and punctuation ignored)."""
    core = _NOISE.sub("", text)
    if len(core) <= size:
        return {core} if core else set()
    return {core[i : i + size] for i in range(len(core) - size + 1)}


# For each bit of a byte, a translation table mapping a byte to 1 if that bit is set, else 0.
_BIT_TABLES = [bytes((b >> bit) & 1 for b in range(256)) for bit in range(8)]


def _shingle_hash(gram: str) -> bytes:
    data = gram.encode()
    return zlib.crc32(data).to_bytes(4, "little") + zlib.crc32(data, 0x9E3779B9).to_bytes(
        4, "little"
    )


def simhash(text: str) -> int:
    """Signed 64-bit SimHash (fits DuckDB BIGINT); 0 for a text without letters.

    Bits are counted a byte column at a time with bytes.translate, not per shingle in Python.
    """
    grams = shingles(text)
    if not grams:
        return 0
    packed = b"".join(_shingle_hash(g) for g in grams)
    n = len(grams)
    value = 0
    for byte in range(8):
        column = packed[byte::8]
        for bit in range(8):
            ones = column.translate(_BIT_TABLES[bit]).count(1)
            if 2 * ones > n:
                value |= 1 << (byte * 8 + bit)
    return value - (1 << BITS) if value >= 1 << (BITS - 1) else value


def hamming(a: int, b: int) -> int:
    """Bits in which two fingerprints differ."""
    return ((a ^ b) & ((1 << BITS) - 1)).bit_count()
