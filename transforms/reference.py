"""Character bigram model of genuine report text: how expected each pair of characters is.

The counts (reference_bigrams.tsv, built by benchmarks/build_quality_reference.py from the
bundled samples and hand-written report text) let quality scoring ask how surprising a
page's text is (cross-entropy in bits per character) and whether a phrase sits in its
sentence naturally: a spinner's odd synonym or an injected keyword makes pairs of
characters that genuine reports do not write.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property, reduce
from operator import add, mul
from pathlib import Path

import numpy as np
import numpy.typing as npt

from transforms.ngrams import CJK_FIRST, CJK_SIZE, Codes, code_points, is_cjk

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

    def unigram(self, char: str) -> float:
        return (self.unigrams.get(char, 0) + 0.5) / (self.total + 0.5 * VOCABULARY)

    def logprob(self, pair: str) -> float:
        """log2 P(second | first), interpolated with the unigram (Witten-Bell)."""
        known = self._logprobs.get(pair)
        if known is not None:
            return known
        first = pair[0]
        n, types = self.left.get(first, 0), self.followers.get(first, 0)
        p = self.unigram(pair[1])
        if n:
            p = (self.bigrams.get(pair, 0) + types * p) / (n + types)
        self._logprobs[pair] = math.log2(p)
        return self._logprobs[pair]

    def cross_entropy(self, text: str) -> tuple[float, int]:
        """Mean -log2 P over the text's pairs that hold a CJK character, and their number.

        The pairs are counted with numpy (a pair is one integer: two code points); their
        log P are summed in the order each pair first occurs, as a loop over the text would.
        """
        codes = code_points(model_text(text))
        cjk = is_cjk(codes)
        keys = ((codes[:-1] << np.uint64(21)) | codes[1:])[cjk[:-1] | cjk[1:]]
        if not len(keys):
            return 0.0, 0
        distinct, first, counts = np.unique(keys, return_index=True, return_counts=True)
        order = np.argsort(first)
        ks = counts[order].tolist()
        lps = map(self._by_key.__getitem__, distinct[order].tolist())
        total = reduce(add, map(mul, lps, ks), 0.0)
        n = len(keys)
        return -total / n, n

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

    @cached_property
    def _by_key(self) -> _PairLogprobs:
        return _PairLogprobs(self)


class _PairLogprobs(dict[int, float]):
    """log2 P of a pair given as (first code point << 21) | second, filled on first use."""

    def __init__(self, model: BigramModel) -> None:
        super().__init__()
        self.model = model

    def __missing__(self, key: int) -> float:
        self[key] = lp = self.model.logprob(chr(key >> 21) + chr(key & 0x1FFFFF))
        return lp


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
