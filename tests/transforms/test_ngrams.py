from __future__ import annotations

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from transforms.ngrams import NON_LETTER, code_points, distinct, gram_codes, letters_of


@pytest.mark.parametrize(
    "codes",
    [[], [7], [7, 7], [3, 1, 2, 1, 3, 3], [2**64 - 1, 0, 2**64 - 1, 5]],
    ids=["empty", "one", "one-repeated", "repeats", "extremes"],
)
def test_distinct_is_np_unique(codes: list[int]) -> None:
    array = np.array(codes, dtype=np.uint64)
    assert distinct(array).tolist() == np.unique(array).tolist()


def test_distinct_grams_of_a_text() -> None:
    text = "全市共有学校全市共有教师全市"
    pairs = {text[i : i + 2] for i in range(len(text) - 1)}
    assert len(distinct(gram_codes(code_points(text), 2))) == len(pairs)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="教育局 \t\n12٣５_Aé%，。²①ⅫΩ-", max_size=60))
@example("小学 | 318 | ² ① Ⅻ é_x")  # ² ① Ⅻ: letters (word characters, not decimal digits)
@example("𠀀教育 12")  # beyond the Basic Multilingual Plane: the pattern's way
def test_letters_of_are_what_the_pattern_leaves(text: str) -> None:
    assert letters_of(text).tolist() == code_points(NON_LETTER.sub("", text)).tolist()
