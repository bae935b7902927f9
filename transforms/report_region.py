"""The region a report describes, from every signal on the page, scored, with its evidence.

Signals and their weights (the heaviest says what the report is about):

* the title (the page's <title>/标题 line, the report's heading, headline lines) naming a
  place, or 全国 / 教育部: 10;
* a headline phrase 教育部发布…: 8;
* the publisher (来源：X省教育厅, X市教育局, X县人大常委会, 教育部): 6;
* the web address (moe.gov.cn; jyt.henan.gov.cn; www.jiaxiang.gov.cn: a gazetteer name's
  pinyin in the host): 5;
* mentions of places in the text (1 each; counties and districts vote for their city, cities
  for their province, at half weight);
* self-reference (全省 …, 我市 …): the level the report speaks at. A place at that level
  gains 3; when no place at that level has a signal but a lower place does, its ancestor at
  that level is taken (a provincial bulletin names its cities more often than itself).

When the title names a province and the host a city, the title wins: a city site republishes
its province's bulletin, and the title says what the document is. A masked place (**市, x区)
with no other signal gives NULL with anonymized = true.
"""

from __future__ import annotations

import csv
import itertools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from transforms.dates import DATE_IN_TEXT
from transforms.regions import (
    HONOUR_NAME,
    LEVEL_RANK,
    PLACE_ENDS,
    WHOLE_REGION_WORDS,
    Gazetteer,
    Place,
    Region,
    ancestors,
    short_name,
    speaks_at,
    spoken_level,
)
from transforms.scopes import CRUMB_TRAIL, HEADING, YEARBOOK_CRUMB, ZERO_NUMBER
from transforms.years import HEADING_YEAR

HOSTS_FILE = Path(__file__).with_name("hosts.csv")
NATIONAL = "全国"

_TITLE_WORDS = re.compile(
    r"公报|报告|总结|通报|统计|发布|自评|汇报|情况|工作|规划|年鉴|简报|快报|意见|评估|成绩单|一图读懂"
)
# 全国 in a title, but not an honour or a programme (创建全国义务教育优质均衡发展县)
_NATIONAL_TITLE = re.compile(
    r"(?<!创建)(?<!争创)(?<!评为)(?<!入选)(?<!荣获)(?<!成为)全国"
    r"(?![^，。]{0,16}(?:县|市|区|单位|学校|先进|示范|典型|优秀|标兵))"
)
_HEADLINE_NATIONAL = re.compile(r"教育部(?:发布|公布|印发|召开)|全国教育事业发展|全国教育经费")
_OFFICES = (
    "教育部|教育厅|教育局|教体局|教育委员会|教委|教育和体育局|人民政府|政府办公室|统计局"
    "|人大常委会|人大|政协"
)
_PUBLISHER = re.compile(
    r"(?:来源|发布机构|发布单位|发文机关|发布者|作者|信息来源|供稿|主办)\s*[:：]?\s*"
    rf"(?P<who>[\u4e00-\u9fff]{{0,12}}?(?:{_OFFICES}))"
)
_OFFICE_END = re.compile(rf"(?:{_OFFICES})$")
# A local outlet credited as the source (来源：济宁日报): a story of its place, weaker than a
# publishing office, since a province's paper also carries its cities' news
_OUTLET = re.compile(
    r"(?:来源|稿源|信息来源)\s*[:：]\s*(?P<who>[\u4e00-\u9fff]{2,8}?"
    r"(?:日报|晚报|都市报|新闻网|融媒体中心|广播电视台|电视台))"
)

# A local office owning the site (版权所有：安泽县人大常委会办公室): its place, as weak as an
# outlet, since a province's office also posts its counties' reports
_OWNER = re.compile(
    r"版权所有\s*[:：]?\s*(?P<who>[\u4e00-\u9fff]{2,12}?(?:教育局|教体局|教育和体育局|人民政府"
    r"|人大常委会|政协))"
)


def _local_site(extra: str) -> str:
    """A local site's name (汝州人大网, 六安新闻网): its place's short name, then its kind."""
    return rf"(?P<who>(?P<stem>[\u4e00-\u9fff]{{2,6}}?)(?:人大网|政府网|新闻网|教育网{extra}))"


# …or a site's name opening a breadcrumb line (当前位置：六安新闻网 > 教育 > 正文; 汝州人大网 >
# 监督工作; an office's own site, 汉源县政协 > 调查研究 > 正文)
_CRUMB_SITE = re.compile(
    r"^\s*(?:(?:当前位置|您的位置|您现在的位置|现在的位置|所在位置)\s*[:：]\s*)?"
    + _local_site("|在线|网|政协|人大常委会|人大|人民政府|政府|教育局|教体局|教育和体育局")
    + r"\s*[>＞›»]",
    re.M,
)

# …or opening a line of the page's header, alone, before its address or before a headline
# (鹿寨人大网 ⏎ 首页 | 人大要闻 | …, or on its line; 兰溪教育网 www.lxedu.gov.cn; an office's
# own, 安阳文峰政协 | 履职视窗;
# <title>兰溪教育网--凝心聚力…)
_SITE_HEAD = 200  # the page's header: its first lines
_SITE_LINE = re.compile(
    r"^\s*"
    + _local_site("|教育信息网|政协|人大常委会|人大|教育局|教体局")
    + r"(?=\s*(?:$|--|—|_|[|｜]|首页|(?:www\.|https?://)))",
    re.M,
)

# …or a yearbook's name (大兴统计年鉴2024, 定州年鉴（2017）), by the short name of its place,
# opening the title or after a dash (19-3 各级各类学校基本情况 - 常宁统计年鉴2018)
# a place's name opening a yearbook's (鸡西统计年鉴2016, 鸡西市年鉴（2016）)
_BOOK_AFTER = re.compile(r"市?(?:统计)?年鉴")
_YEARBOOK_OF = re.compile(r"(?:^|[-_|｜—]\s*)\s*《?(?P<stem>[\u4e00-\u9fff]{2,4}?)(?:统计)?年鉴")
# The first line opening with a place (or its province, city and county) and a year
_PLACE_YEAR_OPENING = re.compile(r"\s*(?P<places>[\u4e00-\u9fff]{2,16}?)(?:19|20)\d\d年")
# A local records site's name after its place (苏州地方志数据库, 某某市史志网): the site that holds
# the books, not what a page of it is about
_RECORDS_SITE = re.compile(r"(?:地方志|史志|方志)(?:数据库|网|馆)?|年鉴(?:数据库|网)")
# …or a 公众号 article's byline (原创 仪陇人大 仪陇人大 2020-09-21 18:30 发表于四川: author, then
# account), an account of a place's office named by its short name
# (or the account over its date, 都昌人大 2021-10-22 17:05 发表于江西; or 原创 县人大教科文卫工委
# 都昌人大 on a line of its own)
_ACCOUNT_BYLINE = re.compile(
    r"原创\s+(?P<names>(?:\S{2,16}\s+){1,2})\d{4}(?:-\d{1,2}-\d{1,2}|年\d{1,2}月\d{1,2}日)"
    r"|^(?P<account>\S{2,16})\s+\d{4}-\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}"
    r"(?:\s*发表于|\s+阅读|(?:[ \t\u3000]+[\u4e00-\u9fff]{2,3})?[ \t\u3000]*$)"
    r"|^原创[ \t\u3000]+(?P<pair>\S{2,16}(?:[ \t\u3000]+\S{2,16})?)[ \t\u3000]*$",
    re.M,
)
_ACCOUNT = re.compile(
    r"(?P<stem>[\u4e00-\u9fff]{2,5}?)(?:教育发布|教育体育|教育局|教体局|教育|教体|人大|政协|发布|融媒)"
)


def _most_local(names: list[str], gazetteer: Gazetteer) -> str:
    """The most local of several places (天津市北辰区人民政府 → 北辰区)."""
    return max(names, key=lambda n: LEVEL_RANK[gazetteer.by_name[n].level])


def _child_named_after(text: str, end: int, name: str, gazetteer: Gazetteer) -> str | None:
    """A county-level place of the city or province `name` whose short name follows it (嘉定
    after 上海 in 上海嘉定: 嘉定区), if exactly one; a short name is two or three characters."""
    parent = gazetteer.by_name[name]
    if parent.level not in ("province", "city"):
        return None
    found = {
        place.name
        for size in (2, 3)
        for suffix in "区县市"
        if (place := gazetteer.current(text[end : end + size] + suffix)) is not None
        and place.parent == parent.name
    }
    return found.pop() if len(found) == 1 else None


def _short_name_before_education(
    title: str, text: str, selves: Counter[str], gazetteer: Gazetteer
) -> str | None:
    """The county-level place a title names by its short name before 教育 (吉州教育), when the
    text speaks of itself at that place's level (`selves`: 全区 for a district), else None."""
    for m in _EDUCATION_WORD.finditer(title):
        for size in (2, 3, 4):
            stem = title[max(0, m.start() - size) : m.start()]
            if len(stem) < size or not all("\u4e00" <= ch <= "\u9fff" for ch in stem):
                break
            place = _named_site(stem, stem, gazetteer)
            if place and any(selves[level] >= 2 for level in _speaks_at(gazetteer.by_name[place])):
                # (繁昌区 where the text writes it so: 繁昌县's name since it became a district)
                code = gazetteer.by_name[place].code
                written = [n for n in gazetteer.find(text) if gazetteer.by_name[n].code == code]
                return gazetteer.by_name[written[0]].name if written else place
    return None


_EDUCATION_WORD = re.compile(r"教育")
_SLOGAN_LINES = 3  # a speech's first lines: its slogan title, then its subtitle
_SLOGAN_CHARS = 30


def _named_site(site: str, stem: str, gazetteer: Gazetteer) -> str | None:
    """The place a local site's name names: one the gazetteer finds in it, else the one
    place whose name is its stem and a suffix (汝州 → 汝州市, 敖汉 → 敖汉旗; 仪陇县, whose
    仪陇区 of a 县改区 to come is the same place; 甘南: 甘南州 or 甘南县, so none)."""
    if found := gazetteer.find(site):
        local = _most_local(found, gazetteer)
        # 安阳文峰政协: a city's short name, then its district's
        end = max(e for _, e, n in gazetteer.find_spans(site) if n == local)
        return _child_named_after(site, end, local, gazetteer) or local
    named: dict[str, str] = {}
    for suffix in PLACE_ENDS:  # (a province's stem is a name `find` has found above)
        if place := gazetteer.current(stem + suffix):
            named.setdefault(place.code, stem + suffix)
    district = gazetteer.current(stem + "区")
    city = gazetteer.current(stem + "市")
    county = gazetteer.current(stem + "县")
    if district and city and district.code == city.code and not county:
        # 海门市 made 海门区 (2020): the name it has now (not 黔西县's 黔西区, a 县改区 the
        # list only foresees, beside the 黔西市 it became)
        named[city.code] = stem + "区"
    return next(iter(named.values())) if len(named) == 1 else None


# 全国/全省 in the name of an honour, a pilot or an event (评为全国社区教育示范区, 全国职业院校
# 技能大赛, 创建全国义务教育优质均衡发展区) is not the page speaking at that level. The level
# comes first and the checks after it, so the pattern starts with a literal that the regex
# engine scans for (checks before it were tried at every position of the text).
_AFTER_HONOUR = ("创建", "争创", "评为", "荣获", "获评", "首批", "入选")


def _not_an_honour(level: str) -> str:
    """`level` (全国, 全省) where it is not part of an honour's or an event's name."""
    return level + "".join(f"(?<!{w}{level})" for w in _AFTER_HONOUR) + HONOUR_NAME


_SELF = {
    "national": re.compile(
        _not_an_honour("全国") + r"(?!人大|政协|优秀|先进|文明|重点|示范|范围内的)|我国"
    ),
    "province": re.compile(
        _not_an_honour("全省") + r"|我省|本省|全区(?=[^县市]{0,3}(?:共有|各级))|全自治区"
    ),
    "city": re.compile(r"全市|我市|本市|全州|我州|全盟"),
    "county": re.compile(r"全县|我县|本县|全旗|我旗|全区|我区|本区"),
}
# A county-level report's word for itself, by the kind of place it is (全旗: a banner)
_SELF_KIND = re.compile(r"(?:全|我|本)(县|旗|区)")
# The self-reference right after a place's name (四川全省, 郑州全市) and the level it speaks at.
_SELF_AFTER = {w: lvl for w, lvl in WHOLE_REGION_WORDS.items() if w.startswith("全")}
# A place the page masks (**市, 某县, XX省) or names only by its level (市委, 县教育局…).
_RANKED_IN = re.compile(r"(?:居|位居|位列|列|排名|名列)(?:全)?$")  # 综合评估居达州市第二名
# 邵武市综合排名第一, …位居全市第二: a place ranked among others
_RANKED_AFTER = re.compile(
    r"[^，,。；;\s]{0,8}?(?:排名|排第|位居|位列|名列|居)(?:全[省市县区])?第[一二三四五六七八九十\d]"
)
_AMONG = re.compile(r"(?:所辖)?各(?:县|区|市|地|州|盟|旗)")
# 在北京大学成功首演, 考入南京师范大学: a university named after its place, not the page's
_UNIVERSITY = re.compile(r"[\u4e00-\u9fff]{0,4}?大学")
_BARE_TITLE = re.compile(
    r"^\s*(市|县|区)(?:委|政府|人民政府)?(?:教育局|教体局|教育和体育局|教育体育局)"
)
_BARE_LEVEL = {"市": "city", "县": "county", "区": "county"}
_MASKED_PLACE = re.compile(r"(?:\*{1,3}|[xX]{1,2}|某|××|XX)(省|市|县|区)")
_BARE_PLACE = re.compile(r"(?:^|[，。：；、\n“《（])(市|县|区)(?=[委政教全现人财级直属年])")
# Host labels of education departments, and of statistics bureaus (their yearbooks hold the
# education tables): a province abbreviation right after one is the publisher (jw.cq.gov.cn).
_EDU_HOST_LABELS = frozenset(
    {"jyt", "jw", "edu", "jyj", "jyw", "jtj", "jyjt", "jiaoyu", "tjj", "stats"}
)


@dataclass(frozen=True)
class ReportRegion:
    """A report's region and which signals decided it."""

    region: Region
    evidence: str


@cache
def _host_table(path: Path = HOSTS_FILE) -> dict[str, str]:
    lines = [
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    return {row["label"]: row["region"] for row in csv.DictReader(lines)}


_PINYIN: dict[int, dict[str, tuple[Place, ...]]] = {}


def _pinyin_index(gazetteer: Gazetteer) -> dict[str, tuple[Place, ...]]:
    """Full pinyin of every place's short name (henan → 河南省, jiaxiang → 嘉祥县)."""
    if id(gazetteer) not in _PINYIN:
        _PINYIN[id(gazetteer)] = _build_pinyin_index(gazetteer)
    return _PINYIN[id(gazetteer)]


def _build_pinyin_index(gazetteer: Gazetteer) -> dict[str, tuple[Place, ...]]:
    from pypinyin import Style, pinyin

    index: defaultdict[str, set[Place]] = defaultdict(set)
    listed: dict[str, Place] = {}  # a place once: its listed name, not a later one (茌平区)
    for place in gazetteer.by_name.values():
        listed.setdefault(place.code, place)
    for place in listed.values():
        short = short_name(place.name)
        if short is None:
            continue
        # every reading of a polyphonic character (于都: yudu, not only yudou)
        readings = pinyin(short, style=Style.NORMAL, heteronym=True)
        for combo in itertools.islice(itertools.product(*readings), 16):
            index["".join(combo)].add(place)
    index["shaanxi"] = {p for p in index.get("shanxi", set()) if p.name == "陕西省"}
    index["shanxi"] = {p for p in index.get("shanxi", set()) if p.name == "山西省"}
    return {k: tuple(sorted(v, key=lambda p: p.code)) for k, v in index.items() if v}


def host_signal(url: str | None, gazetteer: Gazetteer, mentioned: set[str]) -> tuple[str, str]:
    """(region name, evidence) the web address names, or ("", "")."""
    if not url:
        return "", ""
    # a gateway names the site it serves in its path (big5.www.gov.cn/gate/big5/www.moe.gov.cn/…)
    hosts = [(urlsplit(url).hostname or "").lower(), *_EMBEDDED_HOST.findall(urlsplit(url).path)]
    for host in reversed([h for h in hosts if h]):
        found = _host_region(host, gazetteer, mentioned)
        if found[0]:
            return found
    return "", ""


_EMBEDDED_HOST = re.compile(r"(?<![a-z0-9.-])((?:[a-z0-9-]+\.)+(?:gov|edu)\.cn)(?=/|$)", re.I)


def _host_region(host: str, gazetteer: Gazetteer, mentioned: set[str]) -> tuple[str, str]:
    labels = host.lower().split(".")
    table = _host_table()
    index = _pinyin_index(gazetteer)
    if "moe" in labels and host.endswith("gov.cn"):
        return NATIONAL, f"host {host}"
    for i, label in enumerate(labels):
        after_edu = i > 0 and labels[i - 1] in _EDU_HOST_LABELS
        if label in table and (after_edu or len(label) > 3):
            return table[label], f"host {host}"
        places = index.get(label, ())
        if len(places) > 1:  # several places share the pinyin: the one the text names
            places = tuple(p for p in places if p.name in mentioned) or places
        if len(places) == 1:
            return places[0].name, f"host {host} (pinyin of {places[0].name})"
    return "", ""


def named_in_its_year(
    region: Region, year: int | None, text: str, titles: list[str], gazetteer: Gazetteer
) -> Region:
    """A report's region by the name it had in the report's year: a page of 2015 that names
    奉化 only by its short name (奉化教育) is 奉化市's, which became 奉化区 in 2016; one that
    writes the new name and never the old keeps it."""
    was = gazetteer.renamed.get(region.name or "")
    if was is None or year is None or year >= was[1]:
        return region
    old = gazetteer.by_name.get(was[0])
    if old is None or old.code != region.code:
        return region
    written = (text, *titles)
    if any(str(region.name) in t for t in written) and not any(old.name in t for t in written):
        return region
    return Region(old.name, old.code, old.level, region.anonymized)


def _books_within(titles: list[str], gazetteer: Gazetteer) -> set[str]:
    """The places whose yearbook's name titles a page of one place within them (鸡西统计年鉴2016
    over 16-7 梨树区各级各类学校基本情况): a city's yearbook holds its districts' tables, and
    such a page is the district's. A page naming two of them (梨树区、滴道区…) is the city's."""
    spans = [(t, e, gazetteer.by_name[n]) for t in titles for _, e, n in gazetteer.find_spans(t)]
    books = {place.name for t, end, place in spans if _BOOK_AFTER.match(t, end)}
    within = [{up.name for up in ancestors(p, gazetteer)} for p in {p for _, _, p in spans}]
    return {book for book in books if sum(book in ups for ups in within) == 1}


def self_level_counts(text: str) -> Counter[str]:
    """How often a report speaks of itself at each level (全省 → province …). On a page of an
    autonomous region's offices (自治区教育厅, 自治区人民政府) 全区 is the whole region."""
    counts = Counter({level: len(p.findall(text)) for level, p in _SELF.items()})
    if len(_REGION_OFFICE.findall(text)) >= 2:
        whole = len(_WHOLE_DISTRICT.findall(text))
        counts["county"] -= whole
        counts["province"] += whole
    return counts


# 自治区教育厅, 经自治区人民政府批准 (not 宁夏回族自治区…, 内蒙古自治区…: a name)
_REGION_OFFICE = re.compile(r"(?<![族尔古藏])自治区(?=人民政府|政府|教育厅|党委|财政厅|统计局)")
_WHOLE_DISTRICT = re.compile(r"全区|我区")


def report_region(
    text: str,
    titles: list[str],
    gazetteer: Gazetteer,
    page_url: str | None = None,
    chrome: tuple[str, ...] = (),
) -> ReportRegion:
    """The region of a report from its titles, text, chrome lines and web address."""
    scores: defaultdict[str, float] = defaultdict(float)
    why: defaultdict[str, list[str]] = defaultdict(list)

    def vote(name: str, weight: float, reason: str) -> None:
        place = gazetteer.by_name.get(name)
        key = NATIONAL if name == NATIONAL else (place.name if place else "")
        if not key:
            return
        scores[key] += weight
        if reason not in why[key]:
            why[key].append(reason)

    selves = self_level_counts(text)
    top = text.splitlines()[:6]  # the text's first lines (split once)
    head = "\n".join([*(t for t in titles if t), *top])
    bare_levels: set[str] = set()  # 区教体局2020年工作计划: a title naming only its level
    books = _books_within(titles, gazetteer)
    for title in titles:
        # (苏州地方志数据库: a records site named by its city, which holds its districts' books)
        spans = [s for s in gazetteer.find_spans(title) if not _RECORDS_SITE.match(title, s[1])]
        names = [name for _, _, name in spans]
        if len({gazetteer.by_name[n].name for n in names}) > _TITLE_PLACES:
            continue  # 城市：北京天津河北山西…: a portal's list of places, not a title
        about = title.find("关于")
        # 北京市房山区教育委员会…: a title naming a place and one within it is the inner one's
        within = {up.name for n in names for up in ancestors(gazetteer.by_name[n], gazetteer)}
        for start, end, name in spans:
            if gazetteer.by_name[name].name in within:
                continue
            if gazetteer.by_name[name].name in books and _BOOK_AFTER.match(title, end):
                continue
            if _RANKED_AFTER.match(title, end):
                # 全市县域教育发展水平监测结果出炉 邵武市综合排名第一: a place ranked among the
                # page's, not what the page is about
                continue
            if child := _child_named_after(title, end, name, gazetteer):
                # 上海嘉定 · 嘉定新闻, 杭州余杭: a district's short name after its city's
                vote(child, 10, f"title «{title[:30]}»: {child} of {name}")
                continue
            vote(name, 10, f"title «{title[:30]}»")
            if 0 <= about < start:
                # 百色市…督导室关于田东县…的反馈意见: the place after 关于 is what it is about,
                # whoever wrote or signed it
                vote(name, 10, "named after 关于 in the title")
        if not names and (short := _short_name_before_education(title, text, selves, gazetteer)):
            # 奋力开创吉州教育高质量发展新局面 over a text speaking of 全区: 吉州区
            vote(short, 4, f"«{title[:30]}» names it by its short name")
        book = _YEARBOOK_OF.search(title) if not names else None
        if book and (place_named := _named_site(book["stem"], book["stem"], gazetteer)):
            # 大兴统计年鉴2024: a yearbook named by its place's short name
            vote(place_named, 10, f"yearbook «{book.group(0)}»")
        if not names and (_NATIONAL_TITLE.search(title) or "教育部" in title):
            vote(NATIONAL, 10, f"title «{title[:30]}»")
        if not names and (bare := _BARE_TITLE.match(title)):
            bare_levels.add(_BARE_LEVEL[bare.group(1)])
    for line in top[:_SLOGAN_LINES]:
        # 凝心聚力抓落实 砥砺奋进谱新篇 ⏎ 奋力推动渭滨教育高质量发展: a speech's slogan lines,
        # which no title reader takes, name the place as its titles would
        line = line.strip()
        if (
            line not in titles
            and len(line) <= _SLOGAN_CHARS
            and not any(ch in line for ch in "，。；：,;:")
            and not gazetteer.find_spans(line)
            and (short := _short_name_before_education(line, text, selves, gazetteer))
        ):
            vote(short, 4, f"«{line}» names it by its short name")
    if _HEADLINE_NATIONAL.search(text[:400]):
        vote(NATIONAL, 8, "headline 教育部发布…")
    # 钦南区2015年教育工作总结…: a first line opening with the place and the year is the
    # report's headline, whatever its words (a title the title reader did not take)
    opening = _PLACE_YEAR_OPENING.match(text)
    opened = gazetteer.find_spans(opening["places"]) if opening else []
    if opening and opened and opened[0][0] == 0 and opened[-1][1] == len(opening["places"]):
        vote(_most_local([n for _, _, n in opened], gazetteer), 4, "opens the first line")
    # the head and the tail of the text, once each (a short text is both)
    ends = (text,) if len(text) <= 2 * _END_CHARS else (text[:_END_CHARS], text[-_END_CHARS:])

    def vote_office(who: str, weight: float, reason: str) -> None:
        """A vote for the most local place an office's name holds (天津市北辰区人民政府)."""
        if places := gazetteer.find(who):
            vote(_most_local(places, gazetteer), weight, reason)
        elif (office := _OFFICE_END.search(who)) and (
            place := _named_site(who, who[: office.start()], gazetteer)
        ):  # 来源：建邺人大, by the county's short name
            vote(place, weight, reason)

    for chunk in (*chrome, *ends):
        for m in _PUBLISHER.finditer(chunk):
            who = m["who"]
            if who.startswith("教育部"):
                vote(NATIONAL, 6, f"publisher {who}")
            vote_office(who, 6, f"publisher {who}")
        for m in _OUTLET.finditer(chunk):
            vote_office(m["who"], 4, f"source {m['who']}")
        for m in _OWNER.finditer(chunk):
            vote_office(m["who"], 4, f"site of {m['who']}")
    # 汝州人大网 > 监督工作 > 调研视察: a local site's name opening the breadcrumb (in the text
    # or the chrome above it), perhaps a county-level place's short name (汝州 for 汝州市),
    # which the gazetteer does not index
    for chunk in (*chrome, head):
        for crumb in _CRUMB_SITE.finditer(chunk):
            site = crumb["who"]
            if site_place := _named_site(site, crumb["stem"], gazetteer):
                vote(site_place, 4, f"site {site} in the breadcrumb")
        for byline in _ACCOUNT_BYLINE.finditer(chunk):
            written = str(byline["names"] or byline["account"] or byline["pair"])
            for name in dict.fromkeys(written.split()):
                account = _ACCOUNT.fullmatch(name)
                if account and (site_place := _named_site(name, account["stem"], gazetteer)):
                    vote(site_place, 4, f"account {name} in the byline")
    for chunk in (*chrome, head, *titles):
        for heading in _SITE_LINE.finditer(chunk[:_SITE_HEAD]):
            if site_place := _named_site(heading["who"], heading["stem"], gazetteer):
                vote(site_place, 4, f"site {heading['who']} heading the page")
    for m in _CONGRESS.finditer(text[: 2 * _END_CHARS]):
        # 四会市第十七届人民代表大会第四次会议开幕…作政府工作报告: the congress's place
        vote_office(m["who"], 6, f"congress of {m['who']}")
    for line in text.rstrip().splitlines()[-_SIGNATURE_LINES:]:
        # 建始县教育局 ⏎ 2023年1月12日: the office signing the report at its end
        if signed := _SIGNATURE.match(line.strip()):
            vote_office(signed["who"], 6, f"signed {signed['who']}")
    # a website's name (中国西藏网, 齐鲁网) says who republished the page, not what it is about,
    # nor does a university's (北京大学); and 列潍坊市各县市区第一名 ranks the page's place
    # among its parent's, it is not the parent
    spans = gazetteer.find_spans(text)
    mentions = [
        n
        for start, end, n in spans
        if text[end : end + 1] != "网"
        and not _UNIVERSITY.match(text, end)
        and not _AMONG.match(text, end)
        and not _RANKED_IN.search(text, max(0, start - 3), start)
    ]
    mentioned = {gazetteer.by_name[n].name for n in mentions}
    host_region, host_why = host_signal(page_url, gazetteer, mentioned)
    if host_region:
        vote(host_region, 5, host_why)
    for start, end, name in spans:
        # 四川全省共有…, 郑州全市…: a place followed by its own self-reference
        named = gazetteer.by_name[name]
        if _SELF_AFTER.get(text[end : end + 2]) == _level(named):
            vote(named.name, 2, f"«{text[start : end + 2]}»")
    counts = Counter(gazetteer.by_name[n].name for n in mentions)
    for name, n in counts.items():
        vote(name, n, f"named {n}× in the text")
        if _level(gazetteer.by_name[name]) in bare_levels:
            vote(name, 2, "the title's level")
        for up in ancestors(gazetteer.by_name[name], gazetteer)[:1]:
            vote(up.name, n / 2, f"{name} is in it")

    level, n_self = max(selves.items(), key=lambda kv: (kv[1], -LEVEL_RANK[kv[0]]))
    if n_self >= 2:
        if level == "national":
            vote(NATIONAL, 3 + min(n_self, 5), f"全国 {n_self}×")
        # 全旗 ten times: a banner's report, not a county's or a county-level city's it names
        kinds = Counter(m.group(1) for m in _SELF_KIND.finditer(text))
        kind, n_kind = kinds.most_common(1)[0] if kinds else ("", 0)
        for name in list(scores):
            place = gazetteer.by_name.get(name)
            if place and level in _speaks_at(place):
                scores[name] += 3
                why[name].append(f"speaks at {level} level ({n_self}×)")
                if n_kind >= 2 and level == "county" and place.name.endswith(kind):
                    scores[name] += min(n_kind, 5)
                    why[name].append(f"calls itself 全{kind} ({n_kind}×)")
    if not scores:
        anonymized = bool(_MASKED_PLACE.search(head + text[:600]) or _BARE_PLACE.search(head))
        return ReportRegion(Region(None, None, level if n_self else None, anonymized), "")
    best = max(scores, key=lambda k: (scores[k], -_rank(k, gazetteer)))
    if scores[best] < 2:
        anonymized = bool(_MASKED_PLACE.search(head + text[:600]))
        return ReportRegion(Region(None, None, None, anonymized), "")
    if n_self >= 3 and best != NATIONAL:
        place = gazetteer.by_name[best]
        lower = LEVEL_RANK[_level(place)] > LEVEL_RANK[level] and level not in _speaks_at(place)
        if lower and not _titled(best, why):
            # a provincial report naming its cities: the province they share
            ups = [a for a in ancestors(place, gazetteer) if _level(a) == level]
            if ups:
                why[ups[0].name].append(f"speaks at {level} level; {best} is in it")
                best = ups[0].name
    if best == NATIONAL:
        return ReportRegion(Region(NATIONAL, None, "national", False), "; ".join(why[best]))
    place = gazetteer.by_name[best]
    if bare_levels and all(LEVEL_RANK[_level(place)] < LEVEL_RANK[b] for b in bare_levels):
        # 市教育局…在全省教育工作会议上的交流发言 naming only its province (x市、x市获批山东省…):
        # the report is a city's the page does not name, not the province's
        titled = min(bare_levels, key=LEVEL_RANK.__getitem__)
        return ReportRegion(Region(None, None, titled, True), "")
    region = Region(place.name, place.code, place.level, False)
    return ReportRegion(region, "; ".join(why[best][:4]))


_SIGNATURE = re.compile(
    r"(?P<who>[\u4e00-\u9fff]{2,14}?(?:教育局|教体局|教育和体育局|教育委员会|教委|人民政府"
    r"|教育督导室|政府办公室|统计局|人大常委会(?:[\u4e00-\u9fff]{0,8}调研组|办公室)?))$"
)
_SIGNATURE_LINES = 4
_CONGRESS = re.compile(
    r"(?P<who>[\u4e00-\u9fff]{2,10}?)第[一二三四五六七八九十\d]{1,3}届人民代表大会"
)
_END_CHARS = 300  # a publisher is credited in the first or last characters of a text
_HEADLINE_LINES = 8
# a numbered part of the text (一、, （二）, 3., an infographic's 03) naming a year is no headline
_NUMBERED_PART = re.compile(rf"{HEADING.pattern}|\s*{ZERO_NUMBER}")
_HEADLINE_CHARS = 60
_TITLE_PLACES = 2  # a title names its region (and perhaps the one above it), never more
# A portal's breadcrumb (中国西藏网 > 即时新闻 > 时政; 当前位置：首页 › 教育): never the title
_BREADCRUMB = re.compile(rf"{CRUMB_TRAIL.pattern}|^\s*(?:当前位置|您的位置|您现在的位置)")
_CRUMB = re.compile(r"\s*[>＞›»]\s*")
# 来源/发布时间, and a disclosure page's index block (索 引 号：…　分　　类：工作总结)
_META_LINE = re.compile(
    r"发布时间|发布日期|来源|时间[:：]|\d{4}-\d{1,2}-\d{1,2}|https?://"
    r"|索\s*引\s*号|发布机构|发文日期|成文日期|文\s*号[:：]|主\s*题\s*词|分\s*类[:：]"
)


def report_titles(span_title: str | None, page_title: str | None, text: str) -> list[str]:
    """A report's title candidates: its own heading, the page's title, and headline lines at
    the top of its text (陕西省2019年教育事业发展统计公报 under a breadcrumb line); and a
    yearbook's name opening a breadcrumb among those."""
    titles = [
        t
        for t in (span_title, page_title)
        # nor a dated byline taken for a title (原创 怀柔教育 2025年01月17日 09:30 北京)
        if t and not _BREADCRUMB.search(t) and not DATE_IN_TEXT.search(t)
    ]
    headlines = [line.strip() for line in text.splitlines()[:_HEADLINE_LINES]]
    for t in (span_title, page_title, *headlines):
        # 乌鲁木齐统计年鉴2021 > 二十、教育 > 20-1: a yearbook names its place and year
        first = _CRUMB.split(t or "")[0].strip()
        if t and _BREADCRUMB.search(t) and "年鉴" in first and first not in titles:
            titles.append(first)
        elif (
            t
            and (nav := YEARBOOK_CRUMB.match(t.strip()))
            and nav["name"] not in ("", "统计")
            and nav["book"] not in titles
        ):  # 南京统计年鉴—2018　　　目录 | 上一表 | 下一表: a .txt copy's nav line
            titles.append(nav["book"])
    # a news headline may run to two clauses (县长作政府工作报告：2023年这些民生实事办好了，
    # 2024年教育这样干): the line over the 来源/发布时间 line, below the breadcrumb
    lines = [h for h in headlines if h]
    headline = next(
        (
            h
            for h, below in itertools.pairwise(lines)
            if _META_LINE.search(below) and not _META_LINE.search(h) and not _BREADCRUMB.search(h)
        ),
        "",
    )
    for line in headlines:
        clauses = "，," if line == headline and len(line) <= _HEADLINE_CHARS else ""
        if (
            4 <= len(line) <= _HEADLINE_CHARS
            and (len(line) <= 40 or clauses)
            and _TITLE_WORDS.search(line)
            and not any(ch in line for ch in "，。；,;>" if ch not in clauses)
            and not _META_LINE.search(line)
            and not DATE_IN_TEXT.search(line)  # 原创 三亚市教育局 三亚教育发布 2025年01月08日
            # 三、2024年工作打算, 03 2024年重点工作: a part's year, not the report's (一、盐池县反馈
            # 意见 may still name the page's place)
            and not (_NUMBERED_PART.match(line) and HEADING_YEAR.search(line))
            and line not in titles
        ):
            titles.append(line)
    return titles


def _titled(name: str, why: dict[str, list[str]]) -> bool:
    return any(r.startswith(("title", "publisher", "host")) for r in why.get(name, []))


def _level(place: Place) -> str:
    return spoken_level(place.level)


def _speaks_at(place: Place) -> set[str]:
    return speaks_at(place.name, place.level)


def _rank(name: str, gazetteer: Gazetteer) -> int:
    if name == NATIONAL:
        return 0
    return LEVEL_RANK[gazetteer.by_name[name].level]
