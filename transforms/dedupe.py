"""Near-duplicate fingerprints: a 64-bit SimHash of a text's wording, a digest of its figures.

Two reposts of one report with different chrome clean to nearly the same text, so their
SimHashes differ in a few bits; unrelated reports differ in about half of them. The SimHash
ignores digits, so a region's bulletins of two consecutive years, written from one template,
are near too: what tells them apart is their figures. Two pages are the same report only
when their wording is near *and* they state the same figures (`same_report`).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter

import numpy as np

from transforms.ngrams import SHINGLE, Codes, distinct, gram_codes, letters_of

BITS = 64
# Hamming distance at or below which two fingerprints count as the same report.
NEAR = 3


def shingles(text: str, size: int = SHINGLE) -> Codes:
    """Distinct codes of the text's letter n-grams (digits, spaces and punctuation ignored)."""
    points = letters_of(text)
    if 0 < len(points) <= size:
        return distinct(gram_codes(points, len(points)))
    return distinct(gram_codes(points, size))


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


# A number as written: digits with thousands separators and a decimal part (1,234.5; 91.1).
_NUMBER = re.compile(r"\d+(?:[,，]\d{3})*(?:\.\d+)?")
# Stamps that say when a page was posted or viewed, not what a report states: an ISO date
# (2024-01-02, 2024/1/2) and a clock time (10:11:00). A repost on another site carries its
# own; the report's years (2023年) and dates written in Chinese (9月1日) are figures.
_STAMP = re.compile(
    r"\d{4}[-/]\d{1,2}[-/]\d{1,2}(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?|\d{1,2}:\d{2}(?::\d{2})?"
)


def figure_strings(text: str) -> Counter[str]:
    """Multiset of the numbers the text states, as written (years included, stamps not).

    Separators are dropped (1,234 and 1234 are one figure); 91.1 and 91.10 stay apart, as
    written. Masked figures (**.*%) hold no digits and are not counted.
    """
    core = _STAMP.sub(" ", text)
    return Counter(m.replace(",", "").replace("，", "") for m in _NUMBER.findall(core))


def figures_digest(text: str) -> str:
    """SHA-256 (hex) of the text's figure multiset: equal exactly when `figure_strings` are."""
    figures = figure_strings(text)
    canonical = "\n".join(f"{k}\t{n}" for k, n in sorted(figures.items()))
    return hashlib.sha256(canonical.encode()).hexdigest()


def same_report(a: str, b: str, max_distance: int = NEAR) -> bool:
    """Whether two cleaned texts are one report: near wording and the same figures.

    What the warehouse's mark_duplicates decides from the stored simhash and figures_sha256.
    """
    if figure_strings(a) != figure_strings(b):
        return False
    return a == b or hamming(simhash(a), simhash(b)) <= max_distance
