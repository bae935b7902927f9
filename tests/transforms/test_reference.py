from __future__ import annotations

from itertools import pairwise

from transforms.ngrams import code_points
from transforms.reference import load_reference


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
