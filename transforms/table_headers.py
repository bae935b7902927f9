"""Table headers: what a row or column header says (measure, unit, year, place) and labels.

Read by transforms/tables.py; the words that tell headers apart are data in tables.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path

from transforms.catalog import Catalog
from transforms.data_files import read_yaml
from transforms.stages import stage_matcher

BLANK = " \t\u3000\u00a0"
LEXICON_FILE = Path(__file__).with_name("tables.yaml")

_YEAR_HEAD = re.compile(
    r"^(?P<year>(?:19[4-9]|20[0-4])\d)"
    r"(?:[-—~/至](?:19|20)?\d{2}(?![\d]))?"
    r"(?:学年度|学年|年度|年末|年底|年初|年)?"
)
YEAR_IN_TEXT = re.compile(r"(?<!\d)((?:19[4-9]|20[0-4])\d)([-—~/至](?:19|20)?\d{2})?(?:学?年)")
BRACKET = re.compile(r"[（(]\s*(?:单位\s*[:：]\s*)?(?P<inner>[^()（）]{1,8}?)\s*[)）]")
TRAILING_PERCENT = re.compile(r"(?:%|％)$")
NUMBERING = re.compile(
    r"^(?:[#＃]\s*|其中\s*[:：]?\s*|[一二三四五六七八九十]+\s*[、.．]\s*|"
    r"[（(]\s*[一二三四五六七八九十\d]+\s*[)）]\s*|\d{1,2}\s*[.、．]\s*(?!\d)"
    r"|[\u2460-\u2473\u2474-\u2487\u2776-\u277f]\s*)+"  # (circled or bracketed digits: ①, ⑴, ❶)
)
ENGLISH_GLOSS = re.compile(r"(?<=[^A-Za-z\s])\s*[A-Za-z][A-Za-z0-9 .,'’´&/()\-]*$")
ENGLISH_ONLY = re.compile(r"^(?=.*[A-Za-z])[A-Za-z0-9 .,'’´&/()\-#:]+$")
INNER_SPACE = re.compile(r"\s+")
_SECTION_TOTAL = re.compile(r"(?:合计|总计|小计)$")
_SECTION_ALL = re.compile(r"^(?:各级各类学校|各类学校|各级学校|各级各类|各类)")
_TITLE_NUMBER = re.compile(r"^(?:附?表)?\s*[\d\-－.—]*\s*")
_TITLE_WHERE = re.compile(
    r"^(?:各县（市、区）|各县\(市、区\)|各县市区|各县区|各区县|各地区|各地|各县|各市|各区|各乡镇|"
    r"全[国省市县区]|分地区|分县)"
)
_TITLE_LIST = re.compile(r"[及和与、]")  # 学校数及在校学生数: more than one measure
_TITLE_KIND = re.compile(r"(?:基本情况|情况表|情况|统计表|统计|一览表|汇总表|表)$")


@dataclass(frozen=True)
class Lexicon:
    """Word lists of tables.yaml (see the comments there)."""

    corner_region: frozenset[str]
    corner_year: frozenset[str]
    corners: frozenset[str]  # every corner word: region, year and the others
    index_columns: frozenset[str]
    totals: frozenset[str]
    place_suffixes: tuple[str, ...]
    non_places: frozenset[str]
    measure_suffixes: tuple[str, ...]
    empty_cells: frozenset[str]
    value_words: tuple[str, ...]
    target_words: tuple[str, ...]
    implied_units: tuple[tuple[str, str], ...]  # (header ending, unit), longest first


@cache
def lexicon() -> Lexicon:
    """The packaged word lists, read once."""
    data = read_yaml(LEXICON_FILE)

    def words(key: str) -> tuple[str, ...]:
        return tuple(str(w) for w in data.get(key) or ())

    return Lexicon(
        corner_region=frozenset(words("corner_region")),
        corner_year=frozenset(words("corner_year")),
        corners=frozenset(words("corner_region") + words("corner_year") + words("corner_other")),
        index_columns=frozenset(words("index_columns")),
        totals=frozenset(words("totals")),
        place_suffixes=tuple(sorted(words("place_suffixes"), key=len, reverse=True)),
        non_places=frozenset(words("non_places")),
        measure_suffixes=tuple(sorted(words("measure_suffixes"), key=len, reverse=True)),
        empty_cells=frozenset(words("empty_cells")),
        value_words=tuple(sorted(words("value_words"), key=len, reverse=True)),
        target_words=words("target_words"),
        implied_units=tuple(
            sorted(
                ((str(k), str(v)) for k, v in (data.get("implied_units") or {}).items()),
                key=lambda kv: len(kv[0]),
                reverse=True,
            )
        ),
    )


def clean_header(text: str) -> str:
    """Header text without spacing, numbering (一、 1. （二） #), English glosses or 其中."""
    text = ENGLISH_GLOSS.sub("", text)
    text = INNER_SPACE.sub("", text)
    text = NUMBERING.sub("", text)
    return text.replace("(", "（").replace(")", "）").strip("：:")


@dataclass(frozen=True)
class Unit:
    """A unit as written in a header and what it means in base units (万人 → 人 × 10000)."""

    written: str
    base: str
    factor: Decimal


def parse_unit(written: str, catalog: Catalog) -> Unit | None:
    """万人 → (人, 10000); 万元 → (元, 10000); % → (%, 1); None when not a unit."""
    written = written.strip(BLANK)
    if written in ("%", "％"):
        return Unit(written, "%", Decimal(1))
    if written == "‰":
        return Unit(written, "‰", Decimal(1))
    unit = catalog.unit(written)
    if unit is not None:
        return Unit(written, unit.base, Decimal(str(unit.factor)))
    m = re.fullmatch(r"([百千万亿]+)(.+)", written)
    if m:
        inner = parse_unit(m.group(2), catalog)
        if inner is not None:
            mult = Decimal(str(catalog.multiplier(m.group(1))))
            return Unit(written, inner.base, inner.factor * mult)
    return None


def header_unit(header: str, catalog: Catalog) -> tuple[Unit | None, str]:
    """The unit a header names (学校数（所）, 在校生(万人), 比例%) and the header without it."""
    for m in BRACKET.finditer(header):
        unit = parse_unit(m["inner"], catalog)
        if unit is not None:
            return unit, (header[: m.start()] + header[m.end() :]).strip(BLANK)
    if TRAILING_PERCENT.search(header):
        return Unit("%", "%", Decimal(1)), header[:-1].strip(BLANK)
    for ending, written in lexicon().implied_units:  # 小学达标校数: a count of schools
        if header.endswith(ending) and (unit := parse_unit(written, catalog)) is not None:
            return unit, header
    return None, header


def year_of(header: str) -> tuple[int | None, str]:
    """The year a header starts with (2019年, 2023-2024学年 → 2023) and the rest of it; or
    the year it ends with, a two-row header flattened (学校数2019年, 在校学生（2020年）)."""
    m = _YEAR_HEAD.match(header)
    if m is not None:
        return int(m["year"]), header[m.end() :]
    tail = _YEAR_TAIL.search(header)
    if tail is not None and tail.start() > 0:
        return int(tail["year"]), header[: tail.start()]
    return None, header


_YEAR_TAIL = re.compile(r"[（(]?(?P<year>(?:19[4-9]|20[0-4])\d)\s*年(?:度|末|底)?[）)]?$")


@lru_cache(maxsize=4096)
def is_region(header: str) -> bool:
    """Whether a header names a place (东湖区, 西山县, 全市), not a category (城区, 乡村)."""
    lex = lexicon()
    if not header or header in lex.non_places or header in lex.totals:
        return False
    if re.fullmatch(r"全[国省市县区州盟旗]", header):
        return True
    if len(header) > 12 or header.endswith(lex.measure_suffixes):
        return False
    return any(header.endswith(s) and len(header) > len(s) for s in lex.place_suffixes)


@dataclass(frozen=True)
class Header:
    """What one row or column header says."""

    text: str  # cleaned header text, unit included
    measure: str  # what it counts, for the label (unit, year and totals removed)
    unit: Unit | None
    year: int | None
    region: str | None
    target: bool = False  # heads a column (or row) of targets: 2020年规划目标, 预期值


def read_header(raw: str, catalog: Catalog, *, place_axis: bool = False) -> Header:
    """What a header says; `place_axis` when its corner (地区, 县区) says it names a place."""
    text = clean_header(raw)
    unit, rest = header_unit(text, catalog)
    year, rest = year_of(rest)
    rest = rest.replace("（）", "").replace("()", "").strip(BLANK + "：:")
    lex = lexicon()
    aside = _ASIDE_AT_END.search(rest)
    if aside and aside.start() and _own_values(aside["inner"], lex.value_words):
        rest = rest[: aside.start()]  # 小学（县均值）, 初中（本县）: the stage's own values
    elif (
        aside
        and aside.start()
        and stage_matcher(catalog).alone(aside["inner"]) == aside["inner"]
        and _own_values(rest[: aside.start()], lex.value_words)
    ):
        rest = aside["inner"]  # 全县均值（初中）: the same, the stage in brackets
    for word in lex.value_words:  # 小学均值: the primary schools' values; 2025年（目标）
        if rest.strip("（）()") == word:
            rest = ""
            break
        if rest.endswith(word) and len(rest) > len(word):
            rest = rest[: -len(word)]
            # 小学全县均值, 初中本县均值, 小学县均值, 本区小学均值, 本县均值: the (stage's) value
            # for the report's own place
            rest = _OWN_PLACE_AFTER.sub("", rest) or rest
            rest = "" if _OWN_PLACE.fullmatch(rest) else _OWN_PLACE_BEFORE.sub("", rest)
            if rest[-1:] in _LEVEL_CHARS and stage_matcher(catalog).opening(rest) == rest[:-1]:
                rest = rest[:-1]
            break
    region: str | None = None
    stage = stage_matcher(catalog).opening(rest) if rest else None
    of_stage = bool(stage) and stage != rest and is_region(rest[len(stage or "") :])
    if of_stage and stage:
        # 小学 over 当阳市 (a stage's column of the place's values, two header rows joined)
        region, rest = rest[len(stage) :], stage
    elif (
        rest
        and rest not in lex.totals | lex.non_places
        and (is_region(rest) or (place_axis and stage is None))
    ):  # (under a 地区 corner, a block of rows by stage, 幼儿园 | 192, names no place)
        region = rest
    measure = "" if rest in lex.totals or (region is not None and not of_stage) else rest
    target = any(word in text for word in lex.target_words)
    return Header(text, measure, unit, year, region, target)


_ASIDE_AT_END = re.compile(r"[（(](?P<inner>[^（）()]{1,6})[）)]$")


def _own_values(inner: str, value_words: Sequence[str]) -> bool:
    """Whether a bracket's words say a column holds the report's place's values (县均值,
    本县, 全县平均值, 县域值)."""
    place = _OWN_PLACE_BEFORE.sub("", inner) if len(inner) > 2 else inner
    if _OWN_PLACE.fullmatch(place):
        return True
    for word in value_words:
        if place.endswith(word):
            stem = place[: -len(word)]
            return not stem or stem in _LEVEL_CHARS or _OWN_PLACE.fullmatch(stem) is not None
    return False


# the report's own place named between a column's subject and its value word (小学全县均值)
_OWN_PLACE_AFTER = re.compile(r"(?<=[\u4e00-\u9fff])(?:全|本|我)[省市县区州盟旗]$")
_OWN_PLACE = re.compile(r"(?:全|本|我)[省市县区州盟旗]")
_OWN_PLACE_BEFORE = re.compile(r"^(?:全|本|我)[省市县区州盟旗](?=[\u4e00-\u9fff])")
_LEVEL_CHARS = "省市县区州盟旗"


def is_measure(text: str) -> bool:
    """Whether a header names what is counted (学校数, 在校生, 毛入学率)."""
    return text.endswith(lexicon().measure_suffixes)


def join_label(row: Header, col: Header, section: str, title: str) -> str:
    """Row and column header as a subject phrase: 小学 + 在校生 → 小学在校生. When neither
    names what is counted, the section row's or the title's measure completes it
    (表6 各县学校数: 东湖区 × 2022年 → 学校数)."""
    r, c = row.measure, col.measure
    if section and not is_measure(r) and not is_measure(c):
        r = r + section
    if not r or not c:
        label = r or c
    elif is_measure(r) and not is_measure(c):
        label = c + r
    else:
        label = r + c
    if not label:
        return title
    if title and is_measure(title) and not is_measure(label):
        return label + section_measure(title)
    return label


WORDED_NUMBER = re.compile(r"^[一二三四五六七八九十]{1,3}[、.．]\s*")
"""A yearbook block's or row's number (二、在校学生数): no part of what it counts."""
_UNIT_AFTER = re.compile(r"\s*(?:计量)?单位\s*[:：]\s*\S{1,8}\s*$")


def title_measure(title: str) -> str:
    """What a table's title says is counted: 表6 各县学校数 → 学校数; '' when too long to be one."""
    text = YEAR_IN_TEXT.sub("", re.sub(r"[（(][^()（）]*[)）]", "", title))
    # 二、在校学生数　　计量单位：人: a yearbook block's number and unit are no part of its measure
    if block := WORDED_NUMBER.match(text.strip(BLANK)):
        text = _UNIT_AFTER.sub("", text.strip(BLANK)[block.end() :])
    text = INNER_SPACE.sub("", _TITLE_NUMBER.sub("", text.strip(BLANK)))
    text = _TITLE_WHERE.sub("", text)
    text = _TITLE_KIND.sub("", text)
    return text if len(text) <= 12 and not _TITLE_LIST.search(text) else ""


def section_measure(text: str) -> str:
    """各类学校在校学生数 → 在校学生数; 各类学校数合计 → 学校数 (a yearbook block's measure)."""
    text = _SECTION_TOTAL.sub("", text)
    m = _SECTION_ALL.match(text)
    if m is None:
        return text
    rest = text[m.end() :]
    return rest if len(rest) >= 2 else "学校" + rest


def one_year(m: re.Match[str]) -> bool:
    """Whether a year in a title names one year: 2022年, a school year 2022-2023(学)年;
    not a span such as 2018-2022年."""
    if not m[2]:
        return True
    second = int(re.sub(r"\D", "", m[2])[-2:])
    return second == (int(m[1]) + 1) % 100


def join_header(parent: str, child: str) -> str:
    """A column's header from a spanning parent and its child: 教职工数 + 合计 → 教职工数;
    教职工数 + #专任教师 → 专任教师; 在校生 + 小学 → 小学在校生; 普通中学 + 学校数 → 普通中学学校数;
    学校数 + （所） → 学校数（所）."""
    # 学生数（人）Students (person) + 毕业生数 Graduates: the English glosses go first
    parent = ENGLISH_GLOSS.sub("", parent).strip()
    part = NUMBERING.sub("", INNER_SPACE.sub("", ENGLISH_GLOSS.sub("", child)))
    if BRACKET.fullmatch(part) or TRAILING_PERCENT.fullmatch(part):
        return parent + part
    if part in lexicon().totals:
        return parent
    if is_measure(without_unit(part)):
        # 教职工数 + #专任教师: the narrower measure; 普通中学 + 学校数: that stage's schools
        return part if is_measure(without_unit(parent)) else parent + part
    if is_measure(without_unit(parent)):
        return part + parent
    return parent + part


def without_unit(text: str) -> str:
    """Header text without a bracketed part at its end (在校生（万人） → 在校生)."""
    return re.sub(r"[（(][^()（）]*[)）]$", "", text)
