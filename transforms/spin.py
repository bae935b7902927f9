"""Spinner vocabulary: the substitutes page-spinning tools put in place of a report's words.

One table (spin_pairs.yaml) serves two ideas: transforms.quality counts the substitutes to
tell a spun page, and `unspin` reads a spun page's labels back in the report's own words
(专任老师们 → 专任教师, 幼儿院 → 幼儿园), so its figures can still be named.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ahocorasick_rs import AhoCorasick, MatchKind

from transforms.data_files import read_yaml

SPIN_PAIRS_FILE = Path(__file__).with_name("spin_pairs.yaml")


@dataclass(frozen=True)
class SpinLexicon:
    """Spinner substitutes and their originals (spin_pairs.yaml)."""

    odd: dict[str, str]  # substitute -> original
    plausible: dict[str, str]
    disclaimers: tuple[str, ...] = ()  # what a page run through such a tool says of itself

    @property
    def substitutes(self) -> dict[str, str]:
        return {**self.plausible, **self.odd}


@cache
def load_spin_lexicon(path: Path = SPIN_PAIRS_FILE) -> SpinLexicon:
    """Odd and plausible substitutes from the spin-pairs data file."""
    data = read_yaml(path) or {}

    def table(key: str) -> dict[str, str]:
        return {str(s): str(o) for o, subs in (data.get(key) or {}).items() for s in subs}

    disclaimers = tuple(str(w) for w in data.get("disclaimers") or ())
    return SpinLexicon(odd=table("odd"), plausible=table("plausible"), disclaimers=disclaimers)


@cache
def _matcher(words: frozenset[str]) -> AhoCorasick:
    return AhoCorasick(sorted(words), matchkind=MatchKind.LeftmostLongest)


def word_spans(text: str, words: Iterable[str]) -> list[tuple[int, int]]:
    """Where the words occur, left to right, not overlapping, the longest where several
    start at one place (专任老师们 before 老师们): an alternation of the words sorted longest
    first would find the same, in one pass of an Aho-Corasick automaton instead."""
    chosen = frozenset(w for w in words if w)
    if not chosen:
        return []
    return [(start, end) for _, start, end in _matcher(chosen).find_matches_as_indexes(text)]


def replace_words(text: str, spans: list[tuple[int, int]], by: Callable[[str], str]) -> str:
    """`text` with each span's word replaced by `by(word)`."""
    pieces: list[str] = []
    at = 0
    for start, end in spans:
        pieces += (text[at:start], by(text[start:end]))
        at = end
    pieces.append(text[at:])
    return "".join(pieces)


def unspin(text: str, lexicon: SpinLexicon) -> str:
    """`text` with every substitute put back to its original."""
    subs = lexicon.substitutes
    return replace_words(text, word_spans(text, subs), subs.__getitem__)
