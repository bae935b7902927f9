from __future__ import annotations

from tests.conftest import sample_text
from transforms.clean import clean_text, load_chrome_rules
from transforms.dedupe import NEAR, code_points, gram_codes, hamming, shingles, simhash

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
