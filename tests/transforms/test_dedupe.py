from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import sample_text
from transforms.clean import clean_text, load_chrome_rules
from transforms.dedupe import (
    NEAR,
    figure_strings,
    figures_digest,
    hamming,
    same_report,
    shingles,
    simhash,
)
from transforms.ngrams import code_points, gram_codes

RULES = load_chrome_rules()


def test_a_repost_with_other_chrome_is_near_and_other_reports_are_far() -> None:
    report = clean_text(sample_text("002"), RULES).text
    repost_page = (
        "首页 > 教育 > 正文\n来源：某某文库网  时间：2024-01-02\n" + report + "\n相关文章\n"
    )
    repost = clean_text(repost_page, RULES).text
    assert hamming(simhash(report), simhash(repost)) <= NEAR
    others = [clean_text(sample_text(p), RULES).text for p in ("000", "001", "003", "004")]
    assert all(hamming(simhash(report), simhash(o)) > 12 for o in others)


def test_fingerprint_is_a_signed_64_bit_integer_and_stable() -> None:
    value = simhash("全市共有各级各类学校85所。")
    assert -(2**63) <= value < 2**63
    assert value == simhash("全市共有各级各类学校85所。")
    assert simhash("") == 0 and simhash("123 ,.") == 0


def test_shingles_ignore_digits_and_punctuation() -> None:
    assert shingles("学校85所，学校").tolist() == shingles("学校12所。学校").tolist()
    assert len(shingles("学校85所，学校")) == 2  # 学校所学校: 学校所学, 校所学校
    assert len(shingles("学校")) == 1 and len(shingles("，。")) == 0


def test_gram_codes_are_exact_in_the_basic_plane_and_hashed_beyond_it() -> None:
    text = "教育教育局教育"
    codes = gram_codes(code_points(text), 2).tolist()
    grams = [text[i : i + 2] for i in range(len(text) - 1)]
    assert len(set(codes)) == len(set(grams))
    assert all((codes[i] == codes[j]) == (grams[i] == grams[j]) for i in range(6) for j in range(6))
    rare = "𠀀教𠀀教𠀀学"  # a character of plane 2 makes the codes hashes, still one per gram
    codes = gram_codes(code_points(rare), 2).tolist()
    assert codes[0] == codes[2] and codes[0] != codes[4] and len(codes) == 5


QUALITY_CASES = Path(__file__).with_name("cases") / "quality"


def _case(name: str) -> str:
    return clean_text((QUALITY_CASES / name).read_text(encoding="utf-8"), RULES).text


def test_one_templates_bulletins_of_two_years_are_two_reports() -> None:
    y2022, y2023 = _case("bulletin_2022.txt"), _case("bulletin_2023.txt")
    assert hamming(simhash(y2022), simhash(y2023)) <= NEAR  # the wording alone says "same"
    assert figure_strings(y2022) != figure_strings(y2023)
    assert not same_report(y2022, y2023)


def test_a_repost_with_the_same_figures_is_the_same_report() -> None:
    original, repost = _case("bulletin_2022.txt"), _case("bulletin_2022_repost.txt")
    assert original != repost
    assert figures_digest(original) == figures_digest(repost)
    assert same_report(original, repost)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("全县共有学校126所，在校生58213人。", "全县共有学校126所，在校生58213人。", True),
        ("全县共有学校126所，在校生58213人。", "全县共有学校124所，在校生58213人。", False),
        ("2022年全县共有学校126所。", "2023年全县共有学校126所。", False),  # another year
        ("毛入园率91.1%。", "毛入园率91.10%。", False),  # as written
        ("在校生1,234人。", "在校生1234人。", True),  # separators are not figures
        ("时间：2024-01-02 10:11\n共有学校85所。", "时间：2024-03-05\n共有学校85所。", True),
        ("共有学校85所，学校85所。", "共有学校85所，学校所。", False),  # a multiset
    ],
)
def test_figure_strings_decide_with_the_wording(a: str, b: str, same: bool) -> None:
    assert (figure_strings(a) == figure_strings(b)) is same
    assert same_report(a, b) is same


def test_masked_figures_hold_no_digits() -> None:
    assert figure_strings("学前三年毛入园率达到**.*%，新增学位***个。") == Counter()
