from __future__ import annotations

import pytest

from transforms.quality import score_quality

REPORT = "全市共有各级各类学校85所，在校学生34884人。" * 20


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
