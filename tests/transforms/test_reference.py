from __future__ import annotations

import math
from itertools import pairwise

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from transforms.ngrams import code_points
from transforms.reference import VOCABULARY, BigramModel, load_reference, model_codes, model_text


def test_unseen_cjk_pairs_are_the_cjk_pairs_not_seen() -> None:
    model = load_reference()
    text = "全市共有学校1,234所，公办个梅改扩ab教育局。\n秋将启用教育"
    expected = [
        "\u4e00" <= a <= "\u9fff" and "\u4e00" <= b <= "\u9fff" and not model.seen(a + b)
        for a, b in pairwise(text)
    ]
    unseen = model.unseen_cjk_pairs(code_points(text)).tolist()
    assert unseen == expected
    assert any(unseen) and not all(unseen)  # the text has both kinds


def _witten_bell(model: BigramModel, pair: str) -> float:
    """log2 P(second | first), written out: the unigram, smoothed, mixed with the pair's
    count in the proportion of the first character's distinct followers."""
    unigram = (model.unigrams.get(pair[1], 0) + 0.5) / (model.total + 0.5 * VOCABULARY)
    n, types = model.left.get(pair[0], 0), model.followers.get(pair[0], 0)
    p = (model.bigrams.get(pair, 0) + types * unigram) / (n + types) if n else unigram
    return math.log2(p)


def _mean_bits(model: BigramModel, text: str) -> tuple[float, int]:
    """cross_entropy's definition, pair by pair."""
    seen = model_text(text)
    bits = [
        -_witten_bell(model, a + b)
        for a, b in pairwise(seen)
        if "\u4e00" <= a <= "\u9fff" or "\u4e00" <= b <= "\u9fff"
    ]
    return (sum(bits) / len(bits) if bits else 0.0), len(bits)


@pytest.mark.parametrize(
    "text",
    [
        "全市共有学校1,234所，公办个梅改扩ab教育局。\n秋将启用教育",
        "𠀀教育𠀁 (astral) 与 ASCII only at the edges",
        "no Chinese at all",
        "",
    ],
    ids=["mixed", "astral", "no-cjk", "empty"],
)
def test_cross_entropy_is_the_mean_of_each_pairs_bits(text: str) -> None:
    for model in (load_reference(), BigramModel.of({"教育": 3, "育局": 1}), BigramModel.of({})):
        bits, pairs = model.cross_entropy(text)
        expected_bits, expected_pairs = _mean_bits(model, text)
        assert pairs == expected_pairs
        assert bits == pytest.approx(expected_bits, rel=1e-12, abs=1e-12)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="教育 \t\n\u3000\xa0\u202812٣５Aza%，。𠀀é", max_size=60))
@example("  学校\n\n 12 ab ²①")  # ² and ① are digits, not decimal: \d leaves them
@example("𠀀 12")  # a point beyond the Basic Multilingual Plane: the pattern's way
def test_model_codes_are_the_code_points_of_model_text(text: str) -> None:
    assert model_codes(text).tolist() == code_points(model_text(text)).tolist()


def test_logprob_of_one_pair_is_the_formula() -> None:
    model = load_reference()
    for pair in ("教育", "育局", "梅改", "a0", "\n教", "𠀀教"):
        assert model.logprob(pair) == pytest.approx(_witten_bell(model, pair), rel=1e-12)
