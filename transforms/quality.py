"""Quality verdict of a cleaned document: ok, low or rejected, with the reasons."""

from __future__ import annotations

import re
from dataclasses import dataclass

_CJK = re.compile(r"[\u4e00-\u9fff]")
MIN_CHARS_REJECT = 50
MIN_CHARS_LOW = 300
MIN_CJK_SHARE = 0.3
MAX_CHROME_SHARE = 0.6
MAX_GARBLED_PER_10K = 5.0
MIN_GARBLED_SPANS = 5


@dataclass(frozen=True)
class Quality:
    """Verdict and the reasons behind it (empty when ok)."""

    verdict: str  # ok | low | rejected
    reasons: tuple[str, ...]


def score_quality(text: str, chrome_lines: int, body_lines: int, garbled_spans: int) -> Quality:
    """Verdict for a cleaned page: too short, not Chinese, mostly chrome, garbled encoding."""
    reasons: list[str] = []
    rejected = False
    n = len(text)
    cjk_share = len(_CJK.findall(text)) / max(1, n)
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
    verdict = "rejected" if rejected else ("low" if reasons else "ok")
    return Quality(verdict=verdict, reasons=tuple(reasons))
