from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import sample_text
from transforms.clean import clean_text, load_chrome_rules
from transforms.quality import most_common_gram, score_cleaned, score_quality

RULES = load_chrome_rules()
REPORT = clean_text(sample_text("003"), RULES).text


@pytest.mark.parametrize(
    ("text", "chrome", "body", "garbled", "verdict", "reason"),
    [
        (REPORT, 3, 20, 0, "ok", None),
        ("太短了", 0, 1, 0, "rejected", "too_short"),
        (REPORT[:120], 0, 2, 0, "low", "short"),
        ("abc def ghi " * 40, 0, 5, 0, "rejected", "not_chinese"),
        (REPORT, 0, 20, 2, "ok", None),
        (REPORT[:400], 0, 20, 8, "low", "garbled_encoding"),
        (REPORT[:400], 30, 2, 0, "low", "mostly_chrome"),
        (
            "全市共有各级各类学校85所，在校学生34884人。" * 20,
            0,
            20,
            0,
            "low",
            "spun_text: repeated_sentence",
        ),
    ],
)
def test_quality_verdicts(
    text: str, chrome: int, body: int, garbled: int, verdict: str, reason: str | None
) -> None:
    quality = score_quality(text, chrome, body, garbled)
    assert quality.verdict == verdict
    if reason:
        assert any(r.startswith(reason) for r in quality.reasons), quality.reasons
    else:
        assert quality.reasons == ()


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_every_seed_report_is_ok(seed: str) -> None:
    cleaned = clean_text(sample_text(seed), RULES)
    quality = score_cleaned(cleaned)
    assert quality.verdict == "ok", quality.reasons


def test_a_spun_page_is_low() -> None:
    # what a spinner makes of seed 002: 教育 → 教誨, 入园 → 進園, scattered Traditional characters
    page = (
        sample_text("002").replace("教育", "教誨").replace("入园", "進園").replace("学校", "黉舍")
    )
    cleaned = clean_text(page, RULES)
    quality = score_cleaned(cleaned)
    assert quality.verdict == "low"
    assert any(r.startswith("spun_text") for r in quality.reasons), quality.reasons


def test_a_clean_statistical_bulletin_stays_ok() -> None:
    from pathlib import Path

    page = (Path(__file__).with_name("cases") / "pages" / "bulletin_clean.txt").read_text(
        encoding="utf-8"
    )
    cleaned = clean_text(page, RULES)
    quality = score_cleaned(cleaned)
    assert quality.verdict == "ok", quality.reasons
    assert cleaned.text == page.strip()


@pytest.mark.parametrize(
    "text",
    ["教育教育教育局局局", "甲乙甲乙丙丁丙丁", "", "abc", "𠀀教𠀀教𠀀教", "你好，你好，世界你好，"],
)
def test_most_common_gram_is_what_counter_gives(text: str) -> None:
    assert most_common_gram(text) == _counter_top(text)


@given(st.text(alphabet="教育局学校。，a1𠀀", max_size=60))
def test_most_common_gram_is_what_counter_gives_on_any_text(text: str) -> None:
    assert most_common_gram(text) == _counter_top(text)


def _counter_top(text: str) -> tuple[str, int]:
    grams = Counter(text[i : i + 4] for i in range(len(text) - 3))
    return grams.most_common(1)[0] if grams else (text, 1 if text else 0)
