"""The scope tree of a report, flattened: headings, paragraphs, sentences and clauses.

A figure takes an attribute (stage, region, year, status) from the nearest scope that sets
it: the clause, then the sentence, then the paragraph, then the section heading above it.
Each attribute's module (transforms/stages.py, transforms/attribution.py) records where in
the text a scope sets a value as an `Anchor`; `Anchors.at` answers "which value holds here,
and which scope set it" with the same precedence for every attribute.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Generic, TypeVar

T = TypeVar("T")

# The numbers of section headings, most major first (第一部分 > 一、 > （一） > 1. > （1））;
# a line that is a heading without a number counts as 一、.
_NUMBERINGS = (
    r"第[一二三四五六七八九十]{1,3}[部分章节]",
    r"[一二三四五六七八九十]{1,3}[、.．]",
    r"[（(][一二三四五六七八九十]{1,3}[）)]",
    r"\d{1,2}[、.．](?!\d)",
    r"[（(]\d{1,3}[）)]",
)
_RANKS = tuple(re.compile(rf"^\s*{n}") for n in _NUMBERINGS)
# A section heading: one of those numbers, or a short line without a full stop.
HEADING = re.compile(rf"^\s*(?:{'|'.join(_NUMBERINGS)})")
_MAX_HEADING = 40
WORDED = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
"""A line holding words or figures (not a rule of ━━━ or 「……」 between passages)."""
CRUMB_TRAIL = re.compile(r"[>＞›»].*[>＞›»]")
"""A breadcrumb's trail (首页 > 统计数据 >> 统计年鉴 > …): a line of its own, never a title."""
YEARBOOK_CRUMB = re.compile(
    r"(?P<book>(?P<name>[\u4e00-\u9fff]*)年鉴[^>＞›»|｜\s]{0,12})"
    r"\s*(?:[^\s>＞›»|｜]{1,4}\s*)?"
    r"(?:[>＞›»]|[|｜](?=.*(?:上一表|下一表|上一页|下一页|目录)))"
)
"""A yearbook's name opening a breadcrumb (乌鲁木齐统计年鉴2021 > 二十、教育) or a table page's
nav line (江苏统计年鉴—2017 ｜ 目录 ｜ 上一表; 南京统计年鉴—2018　　　目录 | 上一表): the page's
place and year; `name` is what comes before 年鉴 (统计 alone names no place)."""
_SENTENCE_END = "。！？!?\n"
_CLAUSE_END = "。！？!?\n；;，,：:"
_SENTENCE_MARK = re.compile(f"[{re.escape(_SENTENCE_END)}]")
_CLAUSE_MARK = re.compile(f"[{re.escape(_CLAUSE_END)}]")

SCOPES = ("clause", "sentence", "paragraph", "heading")

# What may open a clause before its subject (其中，郑州市…; ――小学。; 到2025年全省…; （二）…):
# spaces, connectives, list markers and bullets, a year. Region and stage scopes both read a
# clause's subject after these (transforms/attribution.py, transforms/stages.py).
# A list item's number: 1. 2、 (三) （十二）
LIST_NUMBER = r"[(（]?[一二三四五六七八九十\d]{1,3}[)）、.．]"
CLAUSE_OPENERS = (
    rf"\s|其中|另外|此外|同时|在|而|并|、|{LIST_NUMBER}?"
    r"|[―—\-－·•●■◆▲★☆]+|(?:到|至|截至|截止到?)?(?:19|20)\d{2}年(?:度|底|末)?"
)


@dataclass(frozen=True)
class Anchor(Generic[T]):
    """A value set at `pos` by a scope; it holds until the end of that scope."""

    pos: int
    end: int
    value: T | None
    scope: str
    evidence: str


@dataclass
class Anchors(Generic[T]):
    """Anchors of one attribute in one report, looked up by position."""

    items: list[Anchor[T]] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list)

    def add(self, anchor: Anchor[T]) -> None:
        i = bisect.bisect_right(self._starts, anchor.pos)
        self._starts.insert(i, anchor.pos)
        self.items.insert(i, anchor)

    def clip(self, lo: int, hi: int, scope: str) -> None:
        """End at `hi` the anchors of `scope` set in [lo, hi)."""
        for i in range(bisect.bisect_left(self._starts, lo), len(self.items)):
            anchor = self.items[i]
            if anchor.pos >= hi:
                break
            if anchor.scope == scope and anchor.end > hi:
                self.items[i] = replace(anchor, end=hi)

    def at(self, pos: int) -> Anchor[T] | None:
        """The nearest anchor before `pos` whose scope still holds at `pos`."""
        i = bisect.bisect_right(self._starts, pos)
        while i > 0:
            i -= 1
            anchor = self.items[i]
            if anchor.end > pos:
                return anchor
        return None


def clause_start(text: str, pos: int, lo: int) -> int:
    """Start of the clause holding `pos`: after the last 。；，： (or line break) before it,
    not before `lo`."""
    i = pos - 1
    while i >= lo and text[i] not in _CLAUSE_END:
        i -= 1
    return i + 1


def is_heading(line: str) -> bool:
    """Whether a line is a section heading (numbered, or short without a full stop)."""
    s = line.strip()
    if not s or len(s) > _MAX_HEADING or not WORDED.search(s):
        return False  # 「……」 or 「***」 between passages is an elision, not a section
    if HEADING.match(s):
        return "。" not in s[:-1]
    if _TABLE_ROW.search(s):
        return False  # 平顺县 | 93 | 17326: a short row of a table
    if _DATE_LINE.fullmatch(s):
        return False  # 2024年4月16日 under a signature: the date it was signed, not a section
    if s.startswith("【") and "】" in s[:12] and not any(ch in s for ch in "。！？；"):
        return True  # 【往期回顾】2022年白银市教育事业发展统计公报（摘要）: a post's part
    if _YEAR_TOPIC.match(s) and not _FIGURE.search(s):
        return True  # 2024年：办好人民满意的教育 (a news copy's part on that year)
    if s[0] in PART_GLYPHS and not any(ch in s for ch in "。，,；;：:") and not _FIGURE.search(s):
        return True  # ▌PART 05 2025年这样干: a part's marked heading, however long
    if _ZERO_NUMBERED.match(s) and not _FIGURE.search(s):
        return True  # 02 义务教育：更均衡: an infographic's numbered part, its colon and all
    # 高中阶段毛入学率达到95%: an infographic's line holding a figure is content, not a title
    return len(s) <= 16 and not any(ch in s for ch in "。，,；;：:") and not _FIGURE.search(s)


# a number in cells a bar or a tab apart, or two numbers a space apart ending the line
# (平顺县 | 93 | 17326, 小学 672 23.92; not 03 2024年重点工作, nor a byline 编辑｜张晴)
_TABLE_ROW = re.compile(r"[|｜\t]\s*[\d.]+\s*(?:[|｜\t]|$)|\d\s+[\d.]+$")
_DATE_LINE = re.compile(r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
PART_GLYPHS = "▌▍▎■◆"
"""The glyphs that open an infographic's or a news copy's part heading (▌ 规模篇)."""
ITEM_GLYPHS = "▶►▸•●○◇□★☆"
"""The glyphs that open an item of a list (● 和睦镇：…, ▶ 小学 | 12 | …)."""
_MARKED = re.compile(rf"\s*[{PART_GLYPHS}【]")
_FIGURE = re.compile(r"\d\s*(?:%|％|万|亿|所|个|人|名|元|平方米|间|台|套|家|项|倍)")
ZERO_NUMBER = r"0[1-9]\s+"
"""An infographic's part number before its name (02 义务教育：更均衡; \\s holds the wide space)."""
_ZERO_NUMBERED = re.compile(rf"^{ZERO_NUMBER}[^\s。，,；;！？]{{2,16}}$")
_YEAR_TOPIC = re.compile(r"^(?:19|20)\d{2}年\s*[:：][^。，,；;：:]{2,20}$")


def heading_rank(line: str) -> int:
    """How major a heading line is: 0 for 第一部分 (and a marked part: ▌…), 1 for 一、 (and
    unnumbered lines), 2 for （一）, 3 for 1., 4 for （1）."""
    for rank, pattern in enumerate(_RANKS):
        if pattern.match(line):
            return rank
    if _MARKED.match(line):
        return 0  # ▌2025年怎么干: a post's part, over the short caption lines inside it
    return 1


@dataclass(frozen=True)
class Heading:
    """A section heading: a line of its own, or run into its paragraph (四、2020年工作目标。…)."""

    start: int
    end: int
    rank: int  # heading_rank
    run_in: bool


@dataclass(frozen=True)
class Layout:
    """Line, paragraph and heading boundaries of a report text."""

    text: str
    line_starts: tuple[int, ...]
    sections: tuple[Heading, ...]  # every heading, in text order

    @property
    def headings(self) -> tuple[tuple[int, int], ...]:
        """(start, end) of the heading lines (not the run-in headings)."""
        return tuple((h.start, h.end) for h in self.sections if not h.run_in)

    def paragraph_end(self, pos: int) -> int:
        """End of the line (paragraph) holding `pos`."""
        end = self.text.find("\n", pos)
        return len(self.text) if end < 0 else end

    def paragraph_start(self, pos: int) -> int:
        return self.text.rfind("\n", 0, pos) + 1

    def sentence_bounds(self, pos: int) -> tuple[int, int]:
        """(start, end) of the sentence holding `pos`: after the last sentence end before
        `pos`, through the first at or after it."""
        start, end = _around(self._sentence_ends, pos)
        return start, (len(self.text) if end is None else end + 1)

    def clause_bounds(self, pos: int) -> tuple[int, int]:
        start, end = _around(self._clause_ends, pos)
        return start, (len(self.text) if end is None else end)

    # Where the marks are, found once: a search from `pos` for each mark scanned to the end
    # of the text for a mark it does not hold (！ ? in most reports), at every figure.
    @cached_property
    def _sentence_ends(self) -> list[int]:
        return [m.start() for m in _SENTENCE_MARK.finditer(self.text)]

    @cached_property
    def _clause_ends(self) -> list[int]:
        return [m.start() for m in _CLAUSE_MARK.finditer(self.text)]

    def section_end(self, heading_start: int) -> int:
        """Where the section opened by the heading at `heading_start` ends: at the next heading
        as major as it or more (一、 holds over its （一）s, and ends at 二、)."""
        starts = [h.start for h in self.sections]
        i = bisect.bisect_left(starts, heading_start)
        rank = self.sections[i].rank if i < len(self.sections) else 1
        for later in self.sections[i + 1 :]:
            if later.rank <= rank:
                return later.start
        return len(self.text)


def _around(marks: list[int], pos: int) -> tuple[int, int | None]:
    """(after the last of `marks` before `pos`, or 0; the first at or after it, or None)."""
    i = bisect.bisect_left(marks, pos)
    return (marks[i - 1] + 1 if i else 0), (marks[i] if i < len(marks) else None)


# A numbered heading run into its paragraph, in flattened or copied text: 四、2020年工作目标。
# 根据… / …取得成效。二、2020年工作计划 计划新建… (short, no comma, ended by 。 or a space)
_RUN_IN = re.compile(
    r"(?:^|(?<=[。！？]))[ \t\u3000]*"
    r"([一二三四五六七八九十]{1,3}、[^。！？，,；;：:\s]{2,18})(?=[。：:]|[ \u3000])"
)


def layout(text: str) -> Layout:
    """The layout of a report text: where lines start and which lines are headings."""
    starts = [0]
    heads: list[Heading] = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if is_heading(line):
            heads.append(Heading(pos, end, heading_rank(line), False))
        else:
            run_in = list(_RUN_IN.finditer(line))
            numbered = HEADING.match(line)
            if numbered and not (run_in and run_in[0].start(1) <= numbered.end()):
                # （二）科学规划城区学校布局，…完成新增学位1800个: an item too long to be a
                # heading still ends the item before it (its number alone is the heading)
                heads.append(Heading(pos, pos + numbered.end(), heading_rank(line), True))
            for m in run_in:
                heads.append(Heading(pos + m.start(1), pos + m.end(1), 1, True))
        pos = end + 1
        starts.append(pos)
    return Layout(text=text, line_starts=tuple(starts), sections=tuple(heads))
