from __future__ import annotations

import numpy as np
import pytest

from transforms.ngrams import code_points, distinct, gram_codes


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
