"""Spinner vocabulary: the substitutes page-spinning tools put in place of a report's words.

One table (spin_pairs.yaml) serves two ideas: transforms.quality counts the substitutes to
tell a spun page, and `unspin` reads a spun page's labels back in the report's own words
(专任老师们 → 专任教师, 幼儿院 → 幼儿园), so its figures can still be named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

SPIN_PAIRS_FILE = Path(__file__).with_name("spin_pairs.yaml")


@dataclass(frozen=True)
class SpinLexicon:
    """Spinner substitutes and their originals (spin_pairs.yaml)."""

    odd: dict[str, str]  # substitute -> original
    plausible: dict[str, str]

    @property
    def substitutes(self) -> dict[str, str]:
        return {**self.plausible, **self.odd}


@cache
def load_spin_lexicon(path: Path = SPIN_PAIRS_FILE) -> SpinLexicon:
    """Odd and plausible substitutes from the spin-pairs data file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}

    def table(key: str) -> dict[str, str]:
        return {str(s): str(o) for o, subs in (data.get(key) or {}).items() for s in subs}

    return SpinLexicon(odd=table("odd"), plausible=table("plausible"))


@cache
def alternation(words: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for the words, longest first (专任老师们 before 老师们)."""
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


def unspin(text: str, lexicon: SpinLexicon) -> str:
    """`text` with every substitute put back to its original."""
    subs = lexicon.substitutes
    if not subs:
        return text
    return alternation(tuple(sorted(subs))).sub(lambda m: subs[m.group(0)], text)
