"""Quality verdict of a cleaned document: ok, low or rejected, with the reasons."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import yaml

from transforms.clean import Cleaned
from transforms.ngrams import cjk_count, code_points, gram_codes

SPIN_PAIRS_FILE = Path(__file__).with_name("spin_pairs.yaml")
_CJK = re.compile(r"[\u4e00-\u9fff]")
MIN_CHARS_REJECT = 50
MIN_CHARS_LOW = 300
MIN_CJK_SHARE = 0.3
MAX_CHROME_SHARE = 0.6
MAX_GARBLED_PER_10K = 5.0
MIN_GARBLED_SPANS = 5
# Spun pages: substitutes' share of (originals + substitutes), with at least this many hits.
MAX_SPUN_SHARE = 0.3
MIN_SPUN_HITS = 3
# Keyword stuffing: one sentence repeated, or one term crowding the text.
MAX_REPEATED_SENTENCE_SHARE = 0.3
MAX_TERM_SHARE = 0.08
# Script mixing typical of spinners: a Simplified page with scattered Traditional characters.
MIXED_SCRIPT = (0.005, 0.05)
_SENTENCES = re.compile(r"[^。！？；\n]{8,}[。！？；]?")


@dataclass(frozen=True)
class Quality:
    """Verdict and the reasons behind it (empty when ok)."""

    verdict: str  # ok | low | rejected
    reasons: tuple[str, ...]


@cache
def load_spin_pairs(path: Path = SPIN_PAIRS_FILE) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(original, substitutes) pairs from the spin-pairs data file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return tuple((str(k), tuple(map(str, v))) for k, v in data.items())


def spun_share(text: str, pairs: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[float, int]:
    """Share of spinner substitutes among original-or-substitute words, and their count."""
    spun = sum(text.count(sub) for _, subs in pairs for sub in subs)
    original = sum(text.count(word) for word, _ in pairs)
    return (spun / (spun + original) if spun + original else 0.0), spun


def stuffing(text: str) -> str | None:
    """Why the text looks keyword-stuffed (a sentence repeated, a term crowding it), or None."""
    sentences = _SENTENCES.findall(text)
    if len(sentences) >= 4:
        top, n = Counter(sentences).most_common(1)[0]
        if n >= 3 and n / len(sentences) > MAX_REPEATED_SENTENCE_SHARE:
            return f"repeated_sentence: {n} of {len(sentences)} sentences are '{top[:20]}'"
    cjk = cjk_count(text)
    if cjk >= 200:
        gram, n = most_common_gram(text)
        if _CJK.match(gram) and n * 4 / cjk > MAX_TERM_SHARE * 2:
            return f"keyword_stuffing: '{gram}' is {n * 4 / cjk:.0%} of the text"
    return None


def most_common_gram(text: str, size: int = 4) -> tuple[str, int]:
    """The text's most frequent character n-gram and its count; on a tie, the first seen.

    What Counter(n-grams).most_common(1) gives, counted on arrays instead of slices.
    """
    points = code_points(text)
    if len(points) < size:
        return text, 1 if text else 0
    if points.max() >= 1 << 16:  # codes would be hashes: count the grams themselves
        grams = Counter(text[i : i + size] for i in range(len(text) - size + 1))
        return grams.most_common(1)[0]
    _, first, counts = np.unique(gram_codes(points, size), return_index=True, return_counts=True)
    top = counts.max()
    start = int(first[counts == top].min())
    return text[start : start + size], int(top)


def score_cleaned(cleaned: Cleaned) -> Quality:
    """Verdict for a page as clean_text left it."""
    return score_quality(
        cleaned.text,
        cleaned.chrome_lines,
        cleaned.body_lines,
        cleaned.garbled_spans,
        cleaned.traditional_share,
    )


def score_quality(
    text: str,
    chrome_lines: int,
    body_lines: int,
    garbled_spans: int,
    traditional_share: float = 0.0,
) -> Quality:
    """Verdict for a cleaned page: too short, not Chinese, mostly chrome, garbled, spun."""
    reasons: list[str] = []
    rejected = False
    n = len(text)
    cjk_share = cjk_count(text) / max(1, n)
    if n < MIN_CHARS_REJECT:
        reasons.append(f"too_short: {n} characters after cleaning")
        rejected = True
    elif n < MIN_CHARS_LOW:
        reasons.append(f"short: {n} characters after cleaning")
    if n and cjk_share < MIN_CJK_SHARE:
        reasons.append(f"not_chinese: {cjk_share:.0%} CJK characters")
        rejected = rejected or cjk_share < 0.05
    total_lines = chrome_lines + body_lines
    if (
        total_lines
        and chrome_lines / total_lines > MAX_CHROME_SHARE
        and body_lines < 3
        and n < 1000
    ):
        reasons.append(f"mostly_chrome: {chrome_lines} of {total_lines} lines")
    if (
        garbled_spans >= MIN_GARBLED_SPANS
        and garbled_spans * 10_000 / max(1, n) > MAX_GARBLED_PER_10K
    ):
        reasons.append(f"garbled_encoding: {garbled_spans} mis-decoded spans")
    share, hits = spun_share(text, load_spin_pairs())
    if hits >= MIN_SPUN_HITS and share > MAX_SPUN_SHARE:
        reasons.append(f"spun_text: {hits} spinner substitutes ({share:.0%} of those words)")
    stuffed = stuffing(text)
    if stuffed:
        reasons.append(f"spun_text: {stuffed}")
    low, high = MIXED_SCRIPT
    if low < traditional_share < high:
        reasons.append(f"spun_text: mixed scripts ({traditional_share:.1%} Traditional characters)")
    verdict = "rejected" if rejected else ("low" if reasons else "ok")
    return Quality(verdict=verdict, reasons=tuple(reasons))
