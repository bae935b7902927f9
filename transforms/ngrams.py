"""Character arrays of a text: code points, n-gram codes and character-class counts.

Counting over arrays instead of slicing strings in Python keeps per-character work out of
the interpreter; shingling (transforms.dedupe) and quality scoring use them.
"""

from __future__ import annotations

import re
from functools import cache

import numpy as np
import numpy.typing as npt

SHINGLE = 4
_MULTIPLIER = np.uint64(0x100000001B3)  # FNV-1a's 64-bit prime: mixes a code point per step

Codes = npt.NDArray[np.uint64]


def code_points(text: str) -> Codes:
    """The text's code points as an array (one element per character of the str)."""
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)


def gram_codes(points: Codes, size: int = SHINGLE) -> Codes:
    """One 64-bit code per character n-gram (position i: points[i:i + size]).

    Exact (distinct n-grams get distinct codes) when every code point is below 2**16 and
    size <= 4, as in Chinese text of the Basic Multilingual Plane; otherwise a hash.
    """
    n = len(points) - size + 1
    if n <= 0:
        return np.zeros(0, dtype=np.uint64)
    exact = size <= 4 and bool(points.max(initial=0) < 1 << 16)
    codes = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):  # the hash wraps around 2**64 on purpose
        for k in range(size):
            if exact:
                codes = (codes << np.uint64(16)) | points[k : k + n]
            else:
                codes = codes * _MULTIPLIER ^ points[k : k + n]
    return codes


def distinct(codes: Codes) -> Codes:
    """The distinct codes, ascending: what np.unique gives, about four times faster on the
    few thousand codes of a page (np.unique's general path costs more than its sort)."""
    return distinct_counts(codes)[0]


def distinct_counts(codes: Codes) -> tuple[Codes, npt.NDArray[np.int64]]:
    """The distinct codes, ascending, and how often each is found (np.unique's
    return_counts, by one sort and a comparison of neighbours)."""
    ranked = np.sort(codes)
    if not len(ranked):
        return ranked, np.zeros(0, dtype=np.int64)
    starts = np.flatnonzero(np.concatenate(([True], ranked[1:] != ranked[:-1])))
    return ranked[starts], np.diff(np.append(starts, len(ranked)))


CJK_FIRST, CJK_SIZE = 0x4E00, 0xA000 - 0x4E00  # CJK unified ideographs: U+4E00-U+9FFF


def is_cjk(points: Codes) -> npt.NDArray[np.bool_]:
    """Which code points are CJK unified ideographs (U+4E00-U+9FFF)."""
    return (points >= CJK_FIRST) & (points < CJK_FIRST + CJK_SIZE)


def cjk_count(text: str) -> int:
    """How many characters of `text` are CJK unified ideographs (U+4E00-U+9FFF)."""
    return int(np.count_nonzero(is_cjk(code_points(text))))


# What is not a letter: digits, spaces, punctuation and symbols, _.
NON_LETTER = re.compile(r"[\d\s\W_]+")


@cache
def _letters() -> npt.NDArray[np.bool_]:
    """Which points of the Basic Multilingual Plane are letters: word characters (\\w)
    that are not digits (\\d) or _, i.e. str.isalnum() and not str.isdecimal()."""
    return np.array(
        [chr(p).isalnum() and not chr(p).isdecimal() for p in range(0x10000)], dtype=bool
    )


def letters_of(text: str) -> Codes:
    """The code points of the text's letters, in order: what NON_LETTER leaves, by table
    lookup over the Basic Multilingual Plane."""
    points = code_points(text)
    if points.max(initial=0) >= 0x10000:  # beyond the table: the pattern's way
        return code_points(NON_LETTER.sub("", text))
    return points[_letters()[points.astype(np.intp)]]
