"""Cleaned text of every seed report equals its person-checked golden file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SAMPLES
from transforms.clean import clean_text, load_chrome_rules
from transforms.split import split_reports

GOLDEN = Path(__file__).with_name("cases") / "golden"
RULES = load_chrome_rules()


def render_reports() -> dict[str, str]:
    """Golden file name → expected content, for every report of every sample."""
    out: dict[str, str] = {}
    for path in sorted(SAMPLES.glob("*.txt")):
        cleaned = clean_text(path.read_text(encoding="utf-8"), RULES)
        for span in split_reports(cleaned.text, cleaned.title):
            out[f"{path.name[:3]}-{span.seq}.txt"] = f"# title: {span.title}\n{span.text}\n"
    return out


RENDERED = render_reports()


def test_every_golden_file_has_a_report_and_back() -> None:
    assert sorted(RENDERED) == sorted(p.name for p in GOLDEN.glob("*.txt"))


@pytest.mark.parametrize("name", sorted(RENDERED))
def test_cleaned_report_matches_golden(name: str) -> None:
    assert RENDERED[name] == (GOLDEN / name).read_text(encoding="utf-8")


if __name__ == "__main__":
    for name, content in RENDERED.items():
        (GOLDEN / name).write_text(content, encoding="utf-8")
    print(f"wrote {len(RENDERED)} golden files to {GOLDEN}")
