"""Near-duplicate fingerprints: a 64-bit SimHash of a text's character shingles.

Two reposts of one report with different chrome clean to nearly the same text, so their
SimHashes differ in a few bits; unrelated reports differ in about half of them.
"""

from __future__ import annotations

import re

import numpy as np

from transforms.ngrams import SHINGLE, Codes, code_points, gram_codes

BITS = 64
# Hamming distance at or below which two fingerprints count as the same report.
NEAR = 3
_NOISE = re.compile(r"[\s\d\W_]+")


def shingles(text: str, size: int = SHINGLE) -> Codes:
    """Distinct codes of the text's letter n-grams (digits, spaces and punctuation ignored)."""
    core = _NOISE.sub("", text)
    points = code_points(core)
    if 0 < len(points) <= size:
        return np.unique(gram_codes(points, len(points)))
    return np.unique(gram_codes(points, size))


def _mix(codes: Codes) -> Codes:
    """SplitMix64's finaliser: every input bit affects every output bit about half the time."""
    with np.errstate(over="ignore"):
        z = codes + np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return z ^ (z >> np.uint64(31))


def simhash(text: str) -> int:
    """Signed 64-bit SimHash (fits DuckDB BIGINT); 0 for a text without letters.

    Each distinct shingle votes with its hash's 64 bits; a bit is set where most vote 1.
    """
    grams = shingles(text)
    n = len(grams)
    if not n:
        return 0
    bits = np.unpackbits(_mix(grams).view(np.uint8).reshape(n, 8), axis=1, bitorder="little")
    ones = bits.sum(axis=0, dtype=np.int64)  # column b*8+j: bit j of byte b, little-endian
    value = sum(1 << i for i in np.flatnonzero(2 * ones > n).tolist())
    return value - (1 << BITS) if value >= 1 << (BITS - 1) else value


def hamming(a: int, b: int) -> int:
    """Bits in which two fingerprints differ."""
    return ((a ^ b) & ((1 << BITS) - 1)).bit_count()
