"""Places: the gazetteer, its automaton, and the Region a report or figure is about.

The gazetteer (gazetteer.csv beside this module) lists China's province-, prefecture- and
county-level divisions with their six-digit codes; it was derived from the MIT-licensed
adcodes table of the cpca package (https://github.com/DQinYuan/chinese_province_city_area_mapper),
about 2016; the divisions created since with codes of their own (临平区, 坪山区, 龙港市 …) were
added in code order from the china-division list (npm, 2023), its development zones left out.
"""

from __future__ import annotations

import csv
import itertools
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ahocorasick_rs import AhoCorasick, MatchKind

from transforms.data_files import read_yaml
from transforms.scopes import ITEM_GLYPHS, PART_GLYPHS

GAZETTEER_FILE = Path(__file__).with_name("gazetteer.csv")
IGNORE_FILE = Path(__file__).with_name("gazetteer_ignore.txt")
GENERIC_FILE = Path(__file__).with_name("gazetteer_generic.txt")
WORDS_FILE = Path(__file__).with_name("gazetteer_words.txt")
# Counties that became county-level cities (撤县设市: 广德县 → 广德市, 2019), or county-level
# cities districts of their city (撤市设区: 龙海市 → 龙海区, 2021), after the list was drawn
# up, as the approvals announced them
RENAMED_FILE = Path(__file__).with_name("gazetteer_renamed.csv")
LEVEL_RANK = {"national": 0, "province": 1, "city": 2, "county": 3, "district": 3}
# The words a report uses for the whole of a region (全省, 我市 …) and the level they speak at.
WHOLE_REGION_WORDS = {
    "全国": "national",
    "我国": "national",
    "全省": "province",
    "我省": "province",
    "全兵团": "province",  # 新疆生产建设兵团, a province-level unit of its own
    "全市": "city",
    "我市": "city",
    "全州": "city",
    "全地区": "city",  # a prefecture (塔城地区, 阿克苏地区)
    "全盟": "city",  # a league of Inner Mongolia (锡林郭勒盟)
    "全县": "county",
    "我县": "county",
    "全区": "county",
    "我区": "county",
}


def spoken_level(level: str) -> str:
    """The level of WHOLE_REGION_WORDS a place of `level` is at: a district is a county's
    (全区 and 全县 speak alike)."""
    return "county" if level == "district" else level


def speaks_at(name: str | None, level: str | None) -> set[str]:
    """The levels of WHOLE_REGION_WORDS a place's own reports speak at: its own, and for a
    county-level city (海城市, 寿光市) or a municipality (北京市, 重庆市) 全市 too."""
    own = spoken_level(level) if level is not None else None
    if own is None:
        return set()
    city_named = own in ("county", "province") and (name or "").endswith("市")
    return {own, "city"} if city_named else {own}


def whole_at(name: str, level: str, spoken: str) -> bool:
    """Whether the place `name` (of `level`) is the whole a report's 全X of level `spoken`
    means: a place of that level, or for 全市 a municipality (房山区's 全市: 北京市)."""
    municipality = level == "province" and name.endswith("市")
    return spoken_level(level) == spoken or (spoken == "city" and municipality)


# What may follow such a word when it names an honour, a pilot or an event instead (全国职业院校
# 技能大赛, 全省义务教育优质均衡发展县, 全国文明单位): a lookahead to append after the word.
HONOUR_NAME = (
    r"(?![^，,。；;、！？\d\n]{0,16}"
    r"(?:试验区|实验区|示范区|示范乡镇|示范县|示范校|试点区|试点县|先进区|先进县|先进单位|大赛|大会"
    r"|联盟|称号|精神|基地|特色学校|发展区|发展县|先进集体|优秀奖|金奖))"
)
_SUFFIXES = (  # longest first
    "特别行政区",
    "维吾尔自治区",
    "壮族自治区",
    "回族自治区",
    "自治区",
    "自治州",
    "自治县",
    "地区",
    "省",
    "市",
    "县",
    "区",
    "旗",
    "盟",
)


PEOPLES_FILE = Path(__file__).with_name("peoples.txt")


@cache
def _people() -> re.Pattern[str]:
    """One people of an autonomous place's name (彝族; 族 may be left out: 塔什库尔干塔吉克
    自治县, 和布克赛尔蒙古自治县)."""
    lines = PEOPLES_FILE.read_text(encoding="utf-8").splitlines()
    peoples = sorted((w.strip() for w in lines if w.strip() and not w.startswith("#")), key=len)
    return re.compile("(?:" + "|".join(re.escape(p) for p in reversed(peoples)) + ")族?")


@cache
def _ethnic_autonomous() -> re.Pattern[str]:
    """An autonomous prefecture's or county's name: its place name, its peoples, 自治, its
    kind (凉山 + 彝族 + 自治 + 州)."""
    people = _people().pattern
    return re.compile(rf"^(?P<name>.{{2,5}}?)(?P<peoples>(?:{people})+)自治(?P<kind>州|县|旗)$")


def _autonomous_aliases(ethnic: re.Match[str]) -> list[str]:
    """The names an autonomous place goes by besides its own: its place name and its kind
    (凉山彝族自治州 → 凉山州, 峨边彝族自治县 → 峨边县 or 峨边自治县), and, for a place of
    several peoples, its name with only some of them (印江土家族苗族自治县 → 印江土家族自治县)."""
    name, kind = ethnic["name"], ethnic["kind"]
    peoples = _people().findall(ethnic["peoples"])
    some = [
        "".join(subset)
        for size in range(1, len(peoples))
        for subset in itertools.combinations(peoples, size)
    ]
    return [name + kind, name + "自治" + kind, *(name + p + "自治" + kind for p in some)]


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
    generic: dict[str, frozenset[str]] = field(default_factory=dict)
    """Names prose also writes as common nouns, with the names of their cities (老城区:
    洛阳市, 洛阳): places only where transforms.regions._written_as_place says so."""
    renamed: dict[str, tuple[str, int]] = field(default_factory=dict)
    """A place's name since a rename -> (the listed name it replaced, the year): 奉化区 ->
    (奉化市, 2016), from gazetteer_renamed.csv."""
    former: frozenset[str] = frozenset()
    """Names a listed place had before (垦利县 of 垦利区, 东宁县 of 东宁市, 星子县 of 庐山市):
    found in text, never the name a short name stands for (`current`)."""

    def current(self, name: str) -> Place | None:
        """The place of a name a short name may stand for (吉州 + 区), not a former one."""
        return None if name in self.former else self.by_name.get(name)

    def find(self, text: str) -> list[str]:
        """Names in `text`, left to right, the longest at each position, not overlapping.

        The same as the alternation of the names sorted longest first, in one pass of a
        compiled automaton (a regular expression over thousands of names was the slowest
        step of extraction).
        """
        return [name for _, _, name in self.find_spans(text)]

    def find_spans(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, name) of every name `find` returns."""
        names, places, by_name = self.names, len(self.by_name), self.by_name
        out: list[tuple[int, int, str]] = []
        for i, s, e in self.matcher.find_matches_as_indexes(text):
            if i >= places:
                continue
            name = names[i]
            if name.endswith("县") and text[e : e + 1] in ("域", "级"):
                if name[:-1] not in by_name:
                    continue  # 州培和县级培训: 县级, not 和县
                name, e = name[:-1], e - 1  # 河南县域: the province's counties, not 河南县
            if names_a_town(name, text, e):
                continue
            if name in self.generic and not _written_as_place(text, s, e, self.generic[name]):
                continue  # 部分老城区幼儿园: the old town, not 洛阳市老城区
            if text.endswith("内地", 0, s):
                continue  # 内地西藏班, 内地新疆高中班: classes in other provinces for their pupils
            if name.startswith("增") and text.endswith("新", 0, s):
                continue  # 新增城区学位3150个: places added in the town, not 增城区
            out.append((s, e, name))
        return out


# What an office's or a government's name adds to its place (老城区教育局, 新城区人民政府)
_OFFICE_AFTER = re.compile(r"教育局|教体局|教育和体育局|人民政府|政府|人大|政协|区委|统计局")


def _written_as_place(text: str, start: int, end: int, cities: frozenset[str]) -> bool:
    """Whether a name prose also writes as a common noun is the place at text[start:end]:
    after its city's name, before an office, or alone between non-Chinese characters."""
    if any(text.endswith(city, 0, start) for city in cities):
        return True
    if _OFFICE_AFTER.match(text, end):
        return True
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return not ("\u4e00" <= before <= "\u9fff" or "\u4e00" <= after <= "\u9fff")


TOWN = "town"
"""The level of a town or sub-district (东台镇, 东华街道): below the gazetteer's counties, a
region named as written, without a code."""
TOWN_WORDS_FILE = Path(__file__).with_name("town_words.yaml")
# a town's name: two to five characters before 镇/乡/街道/苏木 (what names none: town_words.yaml)
# (an ethnic township's name holds its peoples: 柏杨河哈萨克族乡, 勐角傣族彝族拉祜族乡)
_TOWN = re.compile(r"[\u4e00-\u9fff]{2,5}?(?:[\u4e00-\u9fff]{1,3}?族){0,4}(?:镇|乡|街道|苏木)")


@dataclass(frozen=True)
class _TownWords:
    not_a_town: re.Pattern[str]
    not_in_prose: re.Pattern[str]
    not_after: frozenset[str]


@cache
def _town_words(path: Path = TOWN_WORDS_FILE) -> _TownWords:
    raw = read_yaml(path)
    first = "|".join(map(re.escape, raw["not_first"]))
    in_prose = "|".join(map(re.escape, raw["not_first_in_prose"]))
    last = "|".join(map(re.escape, raw["not_last"]))
    not_a_town = re.compile(rf"^(?:{first})|(?:{last})$")
    not_in_prose = re.compile(
        # …and the patterns no list holds: 二是乡…, 三个镇, 扩大城镇 (a verb's object: 倴城镇 and
        # 沙城镇 are three characters)
        rf"^(?:{in_prose}|[一二三四五六七八九十]是|[一二三四五六七八九十两几]个)"
        r"|^[\u4e00-\u9fff]{2,}城镇$"
    )
    return _TownWords(not_a_town, not_in_prose, frozenset(raw["not_after"]))


def is_town(name: str, prose: bool = True) -> bool:
    """Whether `name` is a town's or a sub-district's (东台镇, 东华街道; not 小城镇, 其他乡镇),
    found in prose, or (prose=False) standing alone as a table's row header (和村镇, 里澜城镇)."""
    words = _town_words()
    return (
        _TOWN.fullmatch(name) is not None
        and words.not_a_town.search(name) is None
        and not (prose and words.not_in_prose.search(name))
    )


def towns_ending(text: str) -> list[tuple[int, list[int]]]:
    """(end, starts) of each 镇/乡/街道/苏木 in `text` with the starts a town's name ending
    there may have, shortest first: which one is the name is the caller's to say (其中周溪镇:
    周溪镇, not 中周溪镇; 沔城回族镇, not 回族镇)."""
    out: list[tuple[int, list[int]]] = []
    for m in re.finditer(r"镇|乡|街道|苏木", text):
        end = m.end()
        if text[end : end + 1] in _town_words().not_after:
            continue  # 乡村教师, 乡镇幼儿园, 城镇化: a word, not a name's end
        # (● 和睦镇：幼儿园9所: a list item's name alone before its colon, as a table's
        # row header is, may open with what joins a name into a sentence)
        heads_item = text[end : end + 1] in ("：", ":")
        starts = [
            s
            for s in range(m.start() - 2, max(0, m.start() - 5) - 1, -1)
            if is_town(text[s:end], prose=not (heads_item and _opens_item(text, s)))
        ]
        if starts:
            out.append((end, starts))
    return out


_ITEM_LEAD = re.compile(rf"[ \t\u3000{ITEM_GLYPHS}{PART_GLYPHS}\-－—*]*")


def _opens_item(text: str, start: int) -> bool:
    """Whether text[start:] opens its line, after bullets and blanks only."""
    line = text.rfind("\n", 0, start) + 1
    return _ITEM_LEAD.fullmatch(text, line, start) is not None


def names_a_town(name: str, text: str, end: int) -> bool:
    """Whether a short name found in `text` ending at `end` is the start of a town's or a
    village's name instead (九江镇 is no 九江市, 唐山村 no 唐山市; 河南乡村 is still 河南)."""
    if name.endswith(PLACE_ENDS):
        return False
    after = text[end : end + 2]
    return after[:1] in ("镇", "村") or after == "街道" or (after[:1] == "乡" and after != "乡村")


PLACE_ENDS = ("省", "市", "县", "区", "州", "旗", "盟")
"""The characters a place's name ends with (河南省, 嘉祥县, 敖汉旗)."""


def short_name(name: str) -> str | None:
    """A place's name without its administrative suffix (河南省 → 河南, 嘉祥县 → 嘉祥), or None
    when that would leave fewer than two characters."""
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return None


def ancestors(place: Place, gazetteer: Gazetteer) -> list[Place]:
    """The places `place` lies within, nearest first (by the gazetteer's parents)."""
    out: list[Place] = []
    seen = {place.name}
    while place.parent and place.parent in gazetteer.by_name and place.parent not in seen:
        seen.add(place.parent)
        place = gazetteer.by_name[place.parent]
        out.append(place)
    return out


def _word_list(path: Path) -> frozenset[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@cache
def load_gazetteer(
    path: Path = GAZETTEER_FILE,
    ignore: Path = IGNORE_FILE,
    words: Path = WORDS_FILE,
    generic_file: Path = GENERIC_FILE,
    renamed_file: Path = RENAMED_FILE,
) -> Gazetteer:
    """Gazetteer from CSV (code,name,level,parent); short names kept for provinces and cities.
    Names in `ignore` are never places; `words` are everyday words that hide the places
    they overlap; `renamed_file` names counties by the name they have carried since (a
    county that became a city keeps its code and parent; its `parent` column tells apart
    the places of a shared name, 城区 of 长治市 and of 大同市)."""
    skip = _word_list(ignore)
    generic_names = _word_list(generic_file)
    generic: dict[str, set[str]] = {}  # such a name -> its cities' names, full and short
    became: dict[str, list[tuple[str, str, int]]] = {}  # name -> (new name, parent or '', year)
    was: dict[str, list[tuple[str, int]]] = {}  # new name -> (name, year), for a listed new name
    with renamed_file.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            renaming = (row["new_name"], row["parent"] or "", int(row["year"]))
            became.setdefault(row["name"], []).append(renaming)
            was.setdefault(row["new_name"], []).append((row["name"], int(row["year"])))
    since: dict[str, tuple[str, int]] = {}
    by_name: dict[str, Place] = {}
    renamed: list[Place] = []
    earlier: set[str] = set()
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            place = Place(row["code"], row["name"], row["level"], row["parent"])
            for new_name, parent, year in became.get(place.name, ()):
                if parent and parent != place.parent:
                    continue  # 城区 of 长治市 became 潞州区; 城区 of 大同市, 平城区
                if place.name not in skip:
                    since.setdefault(new_name, (place.name, year))
                level = _level_of_name(new_name, place.level)
                renamed.append(Place(place.code, new_name, level, place.parent))
            if place.name in skip:
                continue  # (城区 is no place's name in text, 潞州区 is)
            if place.name in generic_names:
                cities = generic.setdefault(place.name, set())
                cities.update(c for c in (place.parent, short_name(place.parent)) if c)
            # keep the first (highest-level) place for a name shared by several
            by_name.setdefault(place.name, place)
            short = short_name(place.name)
            if short and place.level in ("province", "city"):
                by_name.setdefault(short, place)
            if place.name.endswith("行政委员会"):  # 冷湖行政委员会, written 冷湖行委
                by_name.setdefault(place.name.removesuffix("行政委员会") + "行委", place)
            ethnic = _ethnic_autonomous().match(place.name)
            for alias in _autonomous_aliases(ethnic) if ethnic else ():
                by_name.setdefault(alias, place)
            by_stem = _renamed(place)  # 茌平县's 茌平区 to come, or 垦利区's 垦利县 before it
            if place.level == "district" or place.name.endswith("市"):
                earlier.update(p.name for p in by_stem)
            renamed.extend(by_stem)
            # (星子县 became 庐山市 in 2016, the name the list has: the old name is a former one)
            for name, year in was.get(place.name, ()):
                renamed.append(Place(place.code, name, _level_of_name(name), place.parent))
                earlier.add(name)
                since.setdefault(place.name, (name, year))
    former: set[str] = set()
    for place in renamed:  # after every listed name: a listed place keeps its name
        if place.name not in skip and place.name not in by_name:
            by_name[place.name] = place
            if place.name in earlier:
                former.add(place.name)
    return gazetteer_of(
        by_name,
        _word_list(words) - set(by_name),
        {name: frozenset(cities) for name, cities in generic.items()},
        since,
        frozenset(former),
    )


def _level_of_name(name: str, otherwise: str = "county") -> str:
    """The level a county-level place's name says (…区: district; …县: county), else
    `otherwise` (a county-level city, …市, is a county)."""
    return "district" if name.endswith("区") else "county" if name.endswith("县") else otherwise


def _renamed(place: Place) -> list[Place]:
    """The name a county may carry since the list was drawn up: 茌平县 became 茌平区 (县改区, a
    district of its city); same code and parent. Not X市 (县改市): 会同市财政局 and 新兴市场
    are everyday text, and a county-level city keeps speaking of itself as 全市 anyway.
    And the name a listed district or county-level city had before: 垦利区 was 垦利县 until
    2016, 东宁市 东宁县 until 2015, and a page of their years says so (a county still listed
    by that name keeps it: 朝阳县 of 辽宁 is no 朝阳区)."""
    stem = place.name[:-1]
    if len(stem) < 2:
        return []
    if place.level == "county" and place.name.endswith("县"):
        return [Place(place.code, stem + "区", "district", place.parent)]
    if (place.level == "district" and place.name.endswith("区")) or (
        place.level == "county" and place.name.endswith("市")
    ):
        return [Place(place.code, stem + "县", "county", place.parent)]
    return []


def gazetteer_of(
    by_name: dict[str, Place],
    words: set[str] | frozenset[str] = frozenset(),
    generic: dict[str, frozenset[str]] | None = None,
    renamed: dict[str, tuple[str, int]] | None = None,
    former: frozenset[str] = frozenset(),
) -> Gazetteer:
    """A gazetteer finding exactly the names of `by_name` (and not where `words` cover them;
    `generic` names only where written as places; `renamed`, `former`: see Gazetteer)."""
    names = (*by_name, *sorted(words))
    matcher = AhoCorasick(list(names), matchkind=MatchKind.LeftmostLongest)
    return Gazetteer(
        by_name=by_name,
        names=names,
        matcher=matcher,
        generic=generic or {},
        renamed=renamed or {},
        former=former,
    )
