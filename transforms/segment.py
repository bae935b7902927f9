"""Term counts of a report: jieba segmentation with the education user dictionary."""

from __future__ import annotations

import logging
import re
import warnings
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

USER_DICT = Path(__file__).with_name("userdict.txt")
STOPWORDS_FILE = Path(__file__).with_name("stopwords.txt")
_TERM = re.compile(r"^[\u4e00-\u9fff]{2,}$")


@cache
def _tokenizer(cache_dir: str | None) -> Any:
    with warnings.catch_warnings():
        # jieba 0.42 imports pkg_resources, deprecated in setuptools
        warnings.simplefilter("ignore", UserWarning)
        import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    if cache_dir:
        Path(cache_dir).mkdir(parents=True, exist_ok=True)
        tokenizer.tmp_dir = cache_dir
    tokenizer.initialize()
    tokenizer.load_userdict(str(USER_DICT))
    return tokenizer


@cache
def _stopwords() -> frozenset[str]:
    lines = STOPWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def count_terms(text: str, cache_dir: str | None = None) -> Counter[str]:
    """Counts of the Chinese words (two characters or more, no stopwords) in `text`."""
    tokenizer = _tokenizer(cache_dir)
    stop = _stopwords()
    return Counter(
        w for w in tokenizer.cut(text) if len(w) >= 2 and w not in stop and _TERM.match(w)
    )
