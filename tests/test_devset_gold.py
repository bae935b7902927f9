"""The development set's gold is well-formed: every part (tests/devset/gold/*.yaml) names pages
that exist, quotes them exactly, and states values the scorer can use.

Format: /work/shared/checks/gold_eval.py's docstring and notes/GOLD.md.
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from transforms.data_files import read_yaml

DEVSET = Path(__file__).resolve().parent / "devset"
DOCS = DEVSET / "docs"
GOLD_FILES = sorted((DEVSET / "gold").glob("*.yaml"))

KINDS = {"level", "change_abs", "change_pct", "change_pp", "ratio", "multiplier"}
LEVELS = {"national", "province", "city", "county", "district"}
STATUSES = {"achieved", "target", "planned"}
ENCODINGS = ("utf-8", "gb18030", "big5")


@cache
def load_part(path: Path) -> list[dict[str, Any]]:
    """The `documents` list of one gold part (read once, with libyaml's parser: the
    pure-Python one took 45 s over the set's parts)."""
    data = read_yaml(path)
    assert isinstance(data, dict) and isinstance(data.get("documents"), list), path.name
    return data["documents"]


def page_text(name: str) -> str:
    """A page of the set as text (the pages are UTF-8; a few may carry a legacy encoding)."""
    raw = (DOCS / name).read_bytes()
    for encoding in ENCODINGS:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", errors="replace")


def is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def test_there_is_gold() -> None:
    assert GOLD_FILES, "no tests/devset/gold/*.yaml"


@pytest.mark.parametrize("part", GOLD_FILES, ids=lambda p: p.name)
def test_part_names_existing_pages_and_quotes_them_exactly(part: Path) -> None:
    problems: list[str] = []
    for doc in load_part(part):
        name = doc.get("file")
        if not name or not (DOCS / name).is_file():
            problems.append(f"{name}: no such page in {DOCS}")
            continue
        text = page_text(name)
        for entry in (doc.get("facts") or []) + (doc.get("traps") or []):
            span = entry.get("text")
            if not isinstance(span, str) or not span or span not in text:
                problems.append(f"{name}: text not in page: {span!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("part", GOLD_FILES, ids=lambda p: p.name)
def test_part_values_are_numbers_or_masked(part: Path) -> None:
    problems: list[str] = []
    for doc in load_part(part):
        name = doc.get("file")
        if doc.get("region_level") is not None and doc["region_level"] not in LEVELS:
            problems.append(f"{name}: region_level {doc['region_level']!r}")
        if doc.get("year") is not None and not isinstance(doc["year"], int):
            problems.append(f"{name}: year {doc['year']!r}")
        if doc.get("expect_low_quality") not in (True, False, "either"):
            problems.append(f"{name}: expect_low_quality {doc.get('expect_low_quality')!r}")
        for fact in doc.get("facts") or []:
            where = f"{name}: {fact.get('text')!r}"
            if not fact.get("indicator"):
                problems.append(f"{where}: no indicator")
            if fact.get("kind") not in KINDS:
                problems.append(f"{where}: kind {fact.get('kind')!r}")
            if fact.get("masked"):
                if fact.get("value") is not None:
                    problems.append(f"{where}: masked fact with a value")
            elif not is_number(fact.get("value")):
                problems.append(f"{where}: value {fact.get('value')!r} is not a number")
            if "status" in fact and fact["status"] not in STATUSES:
                problems.append(f"{where}: status {fact['status']!r}")
            # null: the figure's year is unknown (a report of the page that names none)
            if fact.get("year") is not None and not isinstance(fact["year"], int):
                problems.append(f"{where}: year {fact['year']!r}")
        for trap in doc.get("traps") or []:
            if not trap.get("text"):
                problems.append(f"{name}: trap without text")
    assert not problems, "\n".join(problems)


def test_tags_are_unique_across_parts() -> None:
    tags = Counter(doc["file"][:2] for part in GOLD_FILES for doc in load_part(part))
    assert not [tag for tag, n in tags.items() if n > 1], tags.most_common(5)


def test_every_page_has_gold() -> None:
    named = {doc["file"] for part in GOLD_FILES for doc in load_part(part)}
    pages = {p.name for p in DOCS.iterdir() if p.is_file()}
    assert not pages - named, sorted(pages - named)
