"""Term counts of a report: jieba segmentation with the education user dictionary.

Two engines count the same terms: rjieba (the jieba-rs binding, several times faster), the
default, and jieba itself, the fallback. Both use jieba's dictionary and HMM, the same user
words, and jieba's split of text into blocks. Their tokens differ only in runs of Latin
letters and digits joined by `-`, `_` or `.` (`2015-2016` is one token in jieba-rs, three in
jieba), which are never terms. tests/transforms/test_segment.py checks the counts agree;
benchmarks/segment_compare.py compares them over any corpus.
"""

from __future__ import annotations

import logging
import re
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from functools import cache, lru_cache, partial
from pathlib import Path
from typing import Any, Literal, get_args

USER_DICT = Path(__file__).with_name("userdict.txt")
STOPWORDS_FILE = Path(__file__).with_name("stopwords.txt")
_TERM = re.compile(r"^[\u4e00-\u9fff]{2,}$")
# jieba's own user-dictionary line: word, then optional frequency and part-of-speech tag
_USER_LINE = re.compile(r"^(.+?)( [0-9]+)?( [a-z]+)?$")
# jieba's blocks (re_han_default, re_skip_default): runs it segments, and the spaces between.
_JIEBA_BLOCK = re.compile(r"([\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]+)")
_JIEBA_SPACE = re.compile(r"(\r\n|\s)")
# Ideographs jieba-rs puts in its blocks and jieba does not (Extensions A to F, U+9FD6-U+9FFF,
# compatibility ideographs; a superset, planes 2 and 3 whole). They change how the Chinese
# words next to them are cut, so text with any of them is given to rjieba in jieba's blocks.
_BEYOND_JIEBA_HAN = re.compile("[\u3400-\u4dbf\u9fd6-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")

Engine = Literal["auto", "rjieba", "jieba"]
"""Segmentation engine: `auto` is rjieba when it imports and loads, else jieba."""
ENGINES: tuple[str, ...] = get_args(Engine)

Cut = Callable[[str], Iterable[str]]
UserWord = tuple[str, int | None, str | None]

log = logging.getLogger(__name__)


@cache
def user_words(path: Path = USER_DICT) -> tuple[UserWord, ...]:
    """(word, frequency or None, tag or None) of each line of a jieba user dictionary."""
    out = []
    for raw in path.read_text(encoding="utf-8").lstrip("\ufeff").splitlines():
        line = raw.strip()
        match = _USER_LINE.match(line)
        if match:
            word, freq, tag = match.groups()
            out.append((word, int(freq) if freq else None, tag.strip() if tag else None))
    return tuple(out)


@cache
def _jieba_cut(cache_dir: str | None) -> Cut:
    with warnings.catch_warnings():
        # jieba 0.42 imports pkg_resources, deprecated in setuptools
        warnings.simplefilter("ignore", UserWarning)
        import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer: Any = jieba.Tokenizer()
    if cache_dir:
        Path(cache_dir).mkdir(parents=True, exist_ok=True)
        tokenizer.tmp_dir = cache_dir
    tokenizer.initialize()
    for word, freq, tag in user_words():
        # as jieba's load_userdict does: a word without frequency gets suggest_freq's
        tokenizer.add_word(word, freq, tag)
    cut: Cut = tokenizer.cut
    return cut


@cache
def _rjieba() -> Any | None:
    """jieba-rs's tokenizer with the user words, or None when it does not load."""
    try:
        import rjieba

        tokenizer = rjieba.Jieba()
        for word, freq, tag in user_words():
            tokenizer.add_word(word, freq, tag)
    except (ImportError, OSError, RuntimeError, ValueError) as exc:
        log.warning("rjieba unavailable (%s); segmenting with jieba", exc)
        return None
    return tokenizer


@cache
def _rjieba_cut() -> Cut | None:
    tokenizer = _rjieba()
    return None if tokenizer is None else partial(_cut_like_jieba, tokenizer.cut)


Tag = Callable[[str], list[tuple[str, str]]]


@cache
def tagger(cache_dir: str | None = None) -> Tag:
    """The function giving (word, part of speech) pairs of a short phrase: jieba-rs's tagger
    when it loads, else jieba.posseg over the same dictionary and user words."""
    tokenizer = _rjieba()
    if tokenizer is not None:
        rs_tag: Tag = tokenizer.tag
        return rs_tag
    _jieba_cut(cache_dir)  # the user words, added to jieba's default tokenizer below
    import jieba
    import jieba.posseg

    for word, freq, flag in user_words():
        jieba.add_word(word, freq, flag)

    def posseg_tag(phrase: str) -> list[tuple[str, str]]:
        return [(p.word, p.flag) for p in jieba.posseg.cut(phrase)]

    return posseg_tag


def _cut_like_jieba(cut: Callable[[str], list[str]], text: str) -> Iterable[str]:
    """Tokens of `text` from jieba-rs's `cut`, split into blocks where jieba's differ."""
    if _BEYOND_JIEBA_HAN.search(text) is None:
        return cut(text)
    return _cut_blocks(cut, text)


def _cut_blocks(cut_block: Callable[[str], list[str]], text: str) -> Iterator[str]:
    """Tokens of `text` as jieba cuts it, with `cut_block` cutting each of jieba's blocks."""
    for part in _JIEBA_BLOCK.split(text):
        if not part:
            continue
        if _JIEBA_BLOCK.match(part):
            yield from cut_block(part)
            continue
        for piece in _JIEBA_SPACE.split(part):
            if _JIEBA_SPACE.match(piece):
                yield piece
            else:
                yield from piece


def segmenter(engine: Engine = "auto", cache_dir: str | None = None) -> Cut:
    """The function cutting text into tokens for `engine`, loaded once per process."""
    if engine not in ENGINES:
        raise ValueError(f"unknown segmentation engine {engine!r}; expected one of {ENGINES}")
    if engine != "jieba":
        cut = _rjieba_cut()
        if cut is not None:
            return cut
        if engine == "rjieba":
            raise ImportError("segmentation engine 'rjieba' requested but it did not load")
    return _jieba_cut(cache_dir)


@cache
def _stopwords() -> frozenset[str]:
    lines = STOPWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


@lru_cache(maxsize=1 << 18)  # a batch repeats most of its words: test each once per worker
def is_term(token: str) -> bool:
    """Whether a token counts as a term: Chinese, two characters or more, not a stopword."""
    return len(token) >= 2 and token not in _stopwords() and _TERM.match(token) is not None


def count_terms(text: str, cache_dir: str | None = None, engine: Engine = "auto") -> Counter[str]:
    """Counts of the Chinese words (two characters or more, no stopwords) in `text`.

    `cache_dir` is where jieba keeps its dictionary cache (jieba's default, the system
    temporary folder, when None); `engine` picks the segmenter (see `Engine`).
    """
    tokens = Counter(segmenter(engine, cache_dir)(text))  # each distinct token tested once
    return Counter({w: n for w, n in tokens.items() if is_term(w)})
