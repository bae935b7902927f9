"""Character bigram model of genuine report text: how expected each pair of characters is.

The counts (reference_bigrams.tsv, built by benchmarks/build_quality_reference.py from the
bundled samples and hand-written report text) let quality scoring ask how surprising a
page's text is (cross-entropy in bits per character) and whether a phrase sits in its
sentence naturally: a spinner's odd synonym or an injected keyword makes pairs of
characters that genuine reports do not write.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

import numpy as np
import numpy.typing as npt

from transforms.ngrams import CJK_FIRST, CJK_SIZE, Codes, code_points, distinct_counts, is_cjk

REFERENCE_FILE = Path(__file__).with_name("reference_bigrams.tsv")
# Characters the model distinguishes: CJK ideographs and punctuation as themselves; every
# digit is one symbol, every Latin letter another, every run of spaces a line break.
_DIGITS = re.compile(r"\d")
_LATIN = re.compile(r"[A-Za-z]")
_SPACE = re.compile(r"\s+")
# Unigram smoothing: the size assumed for the character inventory beyond the reference.
VOCABULARY = 8000


def model_text(text: str) -> str:
    """The text as the model sees it: 0 for digits, a for Latin letters, \\n for spaces."""
    return _SPACE.sub("\n", _LATIN.sub("a", _DIGITS.sub("0", text)))


@cache
def _model_map() -> tuple[npt.NDArray[np.uint32], npt.NDArray[np.bool_]]:
    """model_text's mapping over the Basic Multilingual Plane, indexed by code point (what
    \\d and \\s match are what str.isdecimal and str.isspace accept), and its spaces."""
    points = np.arange(0x10000, dtype=np.uint32)
    spaces = np.zeros(0x10000, dtype=bool)
    for point in range(0x10000):
        char = chr(point)
        if char.isdecimal():
            points[point] = ord("0")
        elif char.isascii() and char.isalpha():
            points[point] = ord("a")
        elif char.isspace():
            points[point], spaces[point] = ord("\n"), True
    return points, spaces


def model_codes(text: str) -> Codes:
    """code_points(model_text(text)), by table lookup (a run of spaces: its first, as \\n)."""
    points = code_points(text)
    if points.max(initial=0) >= 0x10000:
        return code_points(model_text(text))
    mapping, spaces = _model_map()
    at = points.astype(np.intp)
    space = spaces[at]
    keep = np.ones(len(at), dtype=bool)
    keep[1:] = ~(space[1:] & space[:-1])
    return mapping[at][keep].astype(np.uint64)


def count_bigrams(texts: Iterable[str]) -> Counter[str]:
    """Bigram counts of texts (as model_text sees them), each text on its own."""
    counts: Counter[str] = Counter()
    for text in texts:
        seen = "\n" + model_text(text) + "\n"
        counts.update(seen[i : i + 2] for i in range(len(seen) - 1))
    return counts


@dataclass(frozen=True)
class BigramModel:
    """Witten-Bell smoothed bigram probabilities from reference counts."""

    bigrams: dict[str, int]
    left: dict[str, int]  # occurrences of a character as the first of a pair
    followers: dict[str, int]  # distinct characters seen after it
    unigrams: dict[str, int]
    total: int
    _logprobs: dict[str, float] = field(default_factory=dict, repr=False, compare=False)
    """log2 P of the pairs asked so far: pages share most of their pairs."""

    @classmethod
    def of(cls, counts: dict[str, int]) -> BigramModel:
        left: Counter[str] = Counter()
        followers: Counter[str] = Counter()
        unigrams: Counter[str] = Counter()
        for pair, n in counts.items():
            left[pair[0]] += n
            followers[pair[0]] += 1
            unigrams[pair[1]] += n
        return cls(dict(counts), dict(left), dict(followers), dict(unigrams), sum(counts.values()))

    def seen(self, pair: str) -> bool:
        """Whether genuine text has this pair of characters."""
        return pair in self.bigrams

    def logprob(self, pair: str) -> float:
        """log2 P(second | first), interpolated with the unigram (Witten-Bell): the formula
        of `_pair_logprobs`, for one pair."""
        known = self._logprobs.get(pair)
        if known is None:
            key = np.array([(ord(pair[0]) << 21) | ord(pair[1])], dtype=np.uint64)
            known = self._logprobs[pair] = float(self._pair_logprobs(key)[0])
        return known

    def cross_entropy(self, text: str) -> tuple[float, int]:
        """Mean -log2 P over the text's pairs that hold a CJK character, and their number.

        One pass over arrays: a pair is one integer (two code points), its log P is
        `logprob`'s formula computed for every distinct pair at once. numpy's log2 and the
        sum's order can differ from a loop over the text in the last bit of the mean, which
        the score (rounded to 3 decimals) and the detail (2) do not show.
        """
        codes = model_codes(text)
        cjk = is_cjk(codes)
        keys = ((codes[:-1] << np.uint64(21)) | codes[1:])[cjk[:-1] | cjk[1:]]
        if not len(keys):
            return 0.0, 0
        pairs, counts = distinct_counts(keys)
        total = float(np.dot(self._pair_logprobs(pairs), counts))
        n = len(keys)
        return -total / n, n

    def _pair_logprobs(self, pairs: Codes) -> npt.NDArray[np.float64]:
        """log2 P(second | first) of pairs given as (first code point << 21) | second: with
        n occurrences of the first character and `types` distinct followers, (count +
        types × unigram) / (n + types), or the unigram alone for a first never seen."""
        first, second = pairs >> np.uint64(21), pairs & np.uint64(0x1FFFFF)
        known_pairs, known_counts, per_char = self._tables
        # counts of a pair (0 if unseen): a binary search among the seen pairs
        at = np.minimum(np.searchsorted(known_pairs, pairs), len(known_pairs) - 1)
        count = np.where(known_pairs[at] == pairs, known_counts[at], 0)
        # per character, a table indexed by code point (the last row: every other point)
        last = len(per_char) - 1
        left = per_char[np.minimum(first, last)]
        n, types = left[:, 0], left[:, 1]
        unigram = (per_char[np.minimum(second, last), 2] + 0.5) / (self.total + 0.5 * VOCABULARY)
        smoothed = (count + types * unigram) / np.maximum(n + types, 1)
        logprobs: npt.NDArray[np.float64] = np.log2(np.where(n > 0, smoothed, unigram))
        return logprobs

    @cached_property
    def _tables(self) -> tuple[Codes, npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """The counts as arrays: the seen pairs (ascending) and their counts; per code point
        up to the largest the reference has, its occurrences first in a pair, its distinct
        followers and its unigram count, then a row of zeros for every larger point."""
        by_key = sorted(((ord(p[0]) << 21) | ord(p[1]), n) for p, n in self.bigrams.items())
        by_key.append((2**64 - 1, 0))  # above every pair: the search always has a place
        pairs = np.array([k for k, _ in by_key], dtype=np.uint64)
        counts = np.array([n for _, n in by_key], dtype=np.int64)
        chars = {*self.left, *self.unigrams}
        per_char = np.zeros((max(map(ord, chars), default=0) + 2, 3), dtype=np.int64)
        for c in chars:
            per_char[ord(c)] = (
                self.left.get(c, 0),
                self.followers.get(c, 0),
                self.unigrams.get(c, 0),
            )
        return pairs, counts, per_char

    def unseen_cjk_pairs(self, points: Codes) -> npt.NDArray[np.bool_]:
        """For each pair of neighbouring code points (position i: points[i], points[i + 1]),
        whether both are CJK and genuine text lacks the pair (`not seen`), all at once."""
        first, second = points[:-1], points[1:]
        cjk = is_cjk(first) & is_cjk(second)
        rows, columns, seen = self._cjk_pairs
        row = rows[np.where(cjk, first - CJK_FIRST, 0)]
        column = columns[np.where(cjk, second - CJK_FIRST, 0)]
        known = (row >= 0) & (column >= 0)
        return cjk & ~(known & seen[np.maximum(row, 0), np.maximum(column, 0)])

    @cached_property
    def _cjk_pairs(
        self,
    ) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.int32], npt.NDArray[np.bool_]]:
        """The CJK pairs genuine text has, as a table: a row per first character and a column
        per second character that any such pair has (about 1,200 of each), -1 for the rest."""
        pairs = [(ord(p[0]) - CJK_FIRST, ord(p[1]) - CJK_FIRST) for p in self.bigrams]
        pairs = [(a, b) for a, b in pairs if 0 <= a < CJK_SIZE and 0 <= b < CJK_SIZE]
        rows = np.full(CJK_SIZE, -1, dtype=np.int32)
        columns = np.full(CJK_SIZE, -1, dtype=np.int32)
        firsts = sorted({a for a, _ in pairs})
        seconds = sorted({b for _, b in pairs})
        rows[firsts] = np.arange(len(firsts), dtype=np.int32)
        columns[seconds] = np.arange(len(seconds), dtype=np.int32)
        seen = np.zeros((max(1, len(firsts)), max(1, len(seconds))), dtype=bool)
        for a, b in pairs:
            seen[rows[a], columns[b]] = True
        return rows, columns, seen


def parse_counts(lines: Iterable[str]) -> dict[str, int]:
    """Counts from the data file's `pair<TAB>count` lines (comment lines start with #)."""
    counts: dict[str, int] = {}
    for line in lines:
        if not line or line.startswith("#"):
            continue
        pair, n = line.rsplit("\t", 1)
        counts[pair.replace("\\n", "\n")] = int(n)
    return counts


def format_counts(counts: Counter[str], header: str) -> str:
    """The data file's text: a header comment, then pairs by falling count."""
    rows = [f"{pair.replace(chr(10), chr(92) + 'n')}\t{n}" for pair, n in counts.most_common()]
    comment = "".join(f"# {line}\n" for line in header.splitlines())
    return comment + "\n".join(rows) + "\n"


@cache
def load_reference(path: Path = REFERENCE_FILE) -> BigramModel:
    """The packaged reference model."""
    return BigramModel.of(parse_counts(path.read_text(encoding="utf-8").splitlines()))
