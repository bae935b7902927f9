"""Region and year of a report: gazetteer matching and anonymised-place detection.

The gazetteer (gazetteer.csv beside this module) lists China's province-, prefecture- and
county-level divisions with their six-digit codes; it was derived from the MIT-licensed
adcodes table of the cpca package (https://github.com/DQinYuan/chinese_province_city_area_mapper).
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ahocorasick_rs import AhoCorasick, MatchKind

GAZETTEER_FILE = Path(__file__).with_name("gazetteer.csv")
IGNORE_FILE = Path(__file__).with_name("gazetteer_ignore.txt")
LEVEL_RANK = {"national": 0, "province": 1, "city": 2, "county": 3, "district": 3}
_SUFFIXES = (
    "特别行政区",
    "维吾尔自治区",
    "壮族自治区",
    "回族自治区",
    "自治区",
    "自治州",
    "地区",
    "省",
    "市",
)
_MASKED_PLACE = re.compile(r"(?:\*{1,3}|[xX]{1,2}|某|××|XX)(省|市|县|区)")
_BARE_PLACE = re.compile(r"(?:^|[，。：；、\n“《（])(市|县|区)(?=[委政教全现人财级直属年])")
_SELF_LEVEL = {
    "province": re.compile(r"[全我本]省|省教育厅"),
    "city": re.compile(r"[全我本]市|市教育局"),
    "county": re.compile(r"[全我本]县|县教育局|县教体局"),
    "district": re.compile(r"[全我本]区|区教育局"),
}
_YEAR = re.compile(r"(?<![\d〔\[（(])((?:19|20)\d{2})年(?!度?[）)])")


@dataclass(frozen=True)
class Place:
    """One entry of the gazetteer."""

    code: str
    name: str
    level: str
    parent: str


@dataclass(frozen=True)
class Region:
    """The region a report describes; name and code are None when unknown or anonymised."""

    name: str | None
    code: str | None
    level: str | None
    anonymized: bool


@dataclass(frozen=True)
class Gazetteer:
    """Places by name, and an Aho-Corasick automaton that finds any of them."""

    by_name: dict[str, Place]
    names: tuple[str, ...]
    matcher: AhoCorasick

    def find(self, text: str) -> list[str]:
        """Names in `text`, left to right, the longest at each position, not overlapping.

        The same as the alternation of the names sorted longest first, in one pass of a
        compiled automaton (a regular expression over thousands of names was the slowest
        step of extraction).
        """
        return [name for _, _, name in self.find_spans(text)]

    def find_spans(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, name) of every name `find` returns."""
        names = self.names
        return [(s, e, names[i]) for i, s, e in self.matcher.find_matches_as_indexes(text)]


def _short_name(name: str) -> str | None:
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return None


@cache
def load_gazetteer(path: Path = GAZETTEER_FILE, ignore: Path = IGNORE_FILE) -> Gazetteer:
    """Gazetteer from CSV (code,name,level,parent); short names kept for provinces and cities."""
    skip = {
        line.strip()
        for line in ignore.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    by_name: dict[str, Place] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            place = Place(row["code"], row["name"], row["level"], row["parent"])
            if place.name in skip:
                continue
            # keep the first (highest-level) place for a name shared by several
            by_name.setdefault(place.name, place)
            short = _short_name(place.name)
            if short and place.level in ("province", "city"):
                by_name.setdefault(short, place)
    return gazetteer_of(by_name)


def gazetteer_of(by_name: dict[str, Place]) -> Gazetteer:
    """A gazetteer finding exactly the names of `by_name`."""
    names = tuple(by_name)
    matcher = AhoCorasick(list(names), matchkind=MatchKind.LeftmostLongest)
    return Gazetteer(by_name=by_name, names=names, matcher=matcher)


def self_level(text: str) -> str | None:
    """The level a report speaks of itself at (我市 → city, 全县 → county), by frequency."""
    counts = {level: len(p.findall(text)) for level, p in _SELF_LEVEL.items()}
    level, count = max(counts.items(), key=lambda kv: kv[1])
    return level if count else None


def detect_region(text: str, title: str | None, gazetteer: Gazetteer) -> Region:
    """Region of a report from its title and text; masked places give anonymized=True."""
    head = f"{title or ''}\n{text[:600]}"
    if "全国" in (title or "") and not gazetteer.find(title or ""):
        return Region("全国", None, "national", False)
    scores: Counter[str] = Counter()
    for weight, chunk in ((3, title or ""), (1, text)):
        for name in gazetteer.find(chunk):
            scores[gazetteer.by_name[name].name] += weight
    for parent, votes in child_votes(scores, gazetteer).items():
        scores[parent] += votes
    level = self_level(text)
    candidates = [
        (score, LEVEL_RANK[p.level], p)
        for name, score in scores.items()
        if (p := _place(gazetteer, name)) is not None
        and score >= 2
        and (level is None or LEVEL_RANK[p.level] >= LEVEL_RANK[level])
    ]
    if candidates:
        _, _, best = max(candidates, key=lambda c: (c[0], c[1]))
        return Region(best.name, best.code, best.level, False)
    anonymized = bool(_MASKED_PLACE.search(head) or _BARE_PLACE.search(head))
    return Region(None, None, level, anonymized)


def child_votes(scores: Counter[str], gazetteer: Gazetteer) -> dict[str, int]:
    """Votes for a city from two or more of its counties/districts (榆阳区 + 靖边县 → 榆林市)."""
    children: dict[str, list[int]] = {}
    for name, score in scores.items():
        place = gazetteer.by_name.get(name)
        if place and place.level in ("county", "district") and place.parent in gazetteer.by_name:
            children.setdefault(place.parent, []).append(score)
    return {parent: sum(votes) for parent, votes in children.items() if len(votes) >= 2}


def _place(gazetteer: Gazetteer, name: str) -> Place | None:
    return gazetteer.by_name.get(name)


def detect_year(text: str, published_date: str | None = None) -> int | None:
    """The year a report's figures describe: its most mentioned year, the latest on a tie."""
    counts = Counter(int(y) for y in _YEAR.findall(text))
    if published_date:
        published_year = int(published_date[:4])
        counts = Counter({y: n for y, n in counts.items() if y <= published_year})
    if not counts:
        return None
    return max(counts.items(), key=lambda kv: (kv[1], kv[0]))[0]
