"""Figures in the tables of a report: each cell with its row and column header.

Statistical bulletins and yearbooks publish most of their figures in tables. Cleaned
report text holds them in two shapes:

* one row per line, cells separated by ``|`` (HTML tables as decode renders them),
  tabs, runs of two or more spaces (full-width ones too) or, for rows that are a row
  header then numbers, single spaces;
* flattened, one cell per line: a header block of N names, then rows of 1 + N lines
  (also with a '|' after every cell and English glosses on lines of their own).

A header line names the columns (学段 | 学校数（所） | 在校生（万人）; 2019年 | 2020年;
地区 | 东城区 | 西城区); ``单位：万人`` above a table, a unit in a header (（万人） （%）)
or in a row header give the unit, and 万/亿 in it scale the value to base units. A cell
gets a year or a region when its column or row header names one (the region is returned
as written; the caller resolves it). Rows whose cells cannot be lined up with the header
are skipped, and a block with no header gives nothing: no number is ever guessed into a
column. What a header says (measure, unit, year, place) is read by
``transforms.table_headers``. ``find_tables`` also reports every table-like block (aligned
or not) with its span, so the sentence extractor can leave those lines alone.

Use, per report text (offsets are into that text)::

    tables = find_tables(text, catalog)
    skip = [t.span for t in tables]              # no sentence figures from these spans
    for cell in (c for t in tables for c in t.cells):
        ...  # one figure: kind 'level'; label, value, unit, year, region as found
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from functools import cache
from itertools import pairwise

from transforms.catalog import Catalog, load_catalog
from transforms.indicators import measure_of
from transforms.scopes import ITEM_GLYPHS, PART_GLYPHS
from transforms.stages import stage_matcher
from transforms.table_headers import (
    BLANK,
    BRACKET,
    ENGLISH_GLOSS,
    ENGLISH_ONLY,
    INNER_SPACE,
    YEAR_IN_TEXT,
    Header,
    Unit,
    clean_header,
    is_region,
    join_header,
    join_label,
    lexicon,
    one_year,
    parse_unit,
    read_header,
    section_measure,
    title_measure,
)

__all__ = [
    "Table",
    "TableCell",
    "find_table_cells",
    "find_tables",
    "is_number_cell",
    "looks_like_table_row",
    "table_spans",
]


# A cell longer than this is running text: the line is prose, not a table row.
MAX_CELL_CHARS = 40
# A line of a flattened (one cell per line) table is at most this long.
MAX_FLAT_CELL_CHARS = 30
# A title line above a table is at most this long.
MAX_TITLE_CHARS = 60

_CJK = "\u4e00-\u9fff"
_PIPE = re.compile(r"[|｜]")
_TAB = re.compile(r"\t")
_WIDE = re.compile(r"[ \u3000]{2,}|\u3000")
IDEOGRAPHIC_GAP = re.compile(r"(?<=[^\s\u3000])\u3000(?=[^\s\u3000])")
"""One ideographic space between two cells of a row pasted as text (序号　指标　小学　初中)."""
_ROW_HINT = re.compile(r"[|｜\t\u3000]|  ")
_TOKEN = re.compile(r"[^ \u3000\t]+")
_PROSE = re.compile(r"[。；！？]|，.*，")
_SENTENCE_END = re.compile(r"[。；！？]")
_SINGLE_SPACE_BAD = re.compile(r"[，。；！？：:,;]")
_NUMBER = re.compile(
    r"(?P<num>[-+−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)"
    rf"(?P<mult>[百千万亿]*)(?P<unit>%|％|‰|㎡|[{_CJK}]{{1,4}})?"
)
_MASK = re.compile(r"(?:[*＊]{1,6}|[Xx×]{1,4})(?:\.(?:[*＊]{1,3}|[Xx]{1,3}))?(?P<unit>%|％)?")
_YEAR_NUMBER = re.compile(r"(?:19[4-9]\d|20[0-4]\d)")
_UNIT_LINE = re.compile(
    r"^[（(]?\s*(?:计量)?单位\s*[:：]\s*"
    r"(?P<unit>[^\s)）|｜，,、;；]{1,6}(?:[、，,/][^\s)）|｜，,、;；]{1,6})*)\s*[)）]?$"
)
_TABLE_NUMBER = re.compile(r"(?:附?表)?\s*\d+(?:[\-－.—]\d+)*|附表|续表")  # 17-6, 表3, 附表
_UNIT_IN_TEXT = re.compile(r"[（(]\s*(?:计量)?单位\s*[:：]\s*(?P<unit>[^\s)）、，,]{1,6})\s*[)）]")
_FIGURE_WITH_UNIT = re.compile(r"\d[万亿]?[所人元个名家班%]")
_TABLE_TITLE = re.compile(r"表|情况|统计|一览|汇总|指标|(?:19|20)\d{2}\s*年")
_SEPARATOR_ROW = re.compile(r"^[|｜\s:：\-—]+$")
_ENDS_BRACKETED = re.compile(r"[（(][^（）()]{1,6}[）)]\s*$")


@dataclass(frozen=True)
class TableCell:
    """One figure of a table, with offsets of its number in the report text."""

    char_start: int
    char_end: int
    value_text: str  # text[char_start:char_end], the cell's number as written
    value: float | None  # in base units; None when masked
    unit: str  # base unit (所 人 元 % …) or ''
    row_header: str
    col_header: str
    label: str  # row and column header joined as a subject phrase (小学在校生)
    year: int | None  # from the column header, else the row header, else the table title
    region: str | None  # the header naming a place, as written (spaces removed)
    year_from: str | None  # which scope gave the year: column | row | title
    region_from: str | None  # which header gave the region: column | row
    masked: bool
    table_span: tuple[int, int]  # the whole table, title and unit line included
    row_span: tuple[int, int]  # the cell's row (its line; its lines in a flattened table)
    target: bool = False  # its row or column header heads targets (2025年（目标）), not results


@dataclass(frozen=True)
class Table:
    """A table-like block of the text; `cells` is empty when its columns could not be aligned."""

    span: tuple[int, int]
    title: str | None
    unit: str | None  # the table-wide unit as written (万人), from a 单位 line or the title
    year: int | None
    aligned: bool
    cells: tuple[TableCell, ...]


@cache
def _default_catalog() -> Catalog:
    return load_catalog()


# --------------------------------------------------------------------------- cells

_NUM, _MASKED, _EMPTY, _TEXT = "num", "mask", "empty", "text"
_STAGES = "stages"  # one value per stage (小学730元，初中960元): figures, or a standard's


@dataclass(frozen=True)
class _Cell:
    start: int
    end: int
    text: str
    kind: str


# A standard's column (省定标准 ≥4.5 / ≥5.8; 小学≥4.2,初中≥5.3; 不低于650元; one for both
# stages, 均为1, 均达到1): bounds, not figures, and not part of a row header
_BOUND_CELL = re.compile(
    r"(?:^|[\u4e00-\u9fff，,、；;\s])[≥≤＞＜<>]\s*\d|不(?:低于|高于|少于|多于|超过|大于|小于)"
    r"|^均(?:为|达到|达|不低于|不少于)\s*\d"
)


_STANDARD_UNITS = "人|元|间|册|台|平方米|㎡|%|％"
"""The units an indicator's standard is written in (4.2人, 2000元, 5.8平方米)."""
# A count of the count (达标学校数 129/129), or a standard per stage (4.2/5.3): no figure of
# its own, and no part of a row header
# (not a school year, 2022/2023)
_COUNT_OF = re.compile(
    r"(?!(?:19|20)\d\d\s*/\s*(?:19|20)?\d\d$)\d{1,5}(?:\.\d+)?\s*/\s*\d{1,5}(?:\.\d+)?"
    rf"(?:\s*(?:{_STANDARD_UNITS}|所|个|名))?"  # (4.2/5.3人: the unit once)
)
# …or a pair with its unit on each side (4.2人/5.3人, 6.8㎡/8.9㎡)
_UNIT_PAIR = re.compile(r"\d[\d.,]*\s*(?P<unit>[^\d/\s]{1,2})\s*/\s*\d[\d.,]*\s*(?P=unit)")


_CELL_FIGURE = r"\d[\d.,]*\s*[百千万亿]?"
"""A figure as a cell beside its word writes it, up to its unit (17206, 5.86, 2.13万)."""

# A value for each stage in one cell (a standard, 小学4.2、初中5.3; or 小学720元，初中930元):
# no one figure of the cell's column, and no part of a row header (the stages' figures under a
# column of values, see _stage_cells)
_STAGE_VALUE = rf"([{_CJK}]{{2,5}})\s*({_CELL_FIGURE}(?:%|％|㎡|[{_CJK}]{{1,4}})?)"
_STAGE_VALUES = re.compile(rf"{_STAGE_VALUE}(?:\s*[、，,；;/]\s*{_STAGE_VALUE}|\s+{_STAGE_VALUE})+")
_STAGE_FIGURE = re.compile(_STAGE_VALUE)  # one of them: its stage, its figure


def _per_stage_values(text: str, catalog: Catalog) -> bool:
    if _STAGE_VALUES.fullmatch(text) is None:
        return False
    cues = stage_matcher(catalog).cues
    return all(m[1] in cues for m in _STAGE_FIGURE.finditer(text))


def _stage_before_coefficient(columns: list[str], catalog: Catalog) -> list[str]:
    """A coefficient's column after a stage's (…| 小学 | 差异系数 | 初中 | 差异系数): that stage's
    coefficient, as 小学差异系数 would say (a measure without a unit, no stage of its own)."""
    stages = stage_matcher(catalog)
    out = list(columns)
    for j in range(1, len(out)):
        header = clean_header(out[j])
        if (
            _unitless(header, catalog)
            and not stages.find(header)
            and (stage := stages.alone(clean_header(columns[j - 1])))
        ):
            out[j] = stage + out[j]
    return out


def _kind(text: str, catalog: Catalog) -> str:
    empty = not text or text in lexicon().empty_cells
    if empty or _BOUND_CELL.search(text) or _COUNT_OF.fullmatch(text) or _UNIT_PAIR.fullmatch(text):
        return _EMPTY
    if _per_stage_values(text, catalog):
        return _STAGES
    m = _NUMBER.fullmatch(text)
    if m:
        unit = m["unit"]
        if unit is None or unit in "%％‰" or catalog.unit(unit) is not None:
            return _NUM
        return _TEXT
    if _MASK.fullmatch(text):
        return _MASKED
    return _TEXT


def is_number_cell(text: str) -> bool:
    """Whether a cell's text is a figure (1234, 4.56, 1,234, 12.5%, 3.2万人) or a mask (**)."""
    return _kind(text.strip(BLANK), _default_catalog()) in (_NUM, _MASKED)


# A page's byline (source, date) above a table: never a header row.
_META_LINE = re.compile(r"来源[:：]|发布(?:时间|日期)|\d{4}-\d{1,2}-\d{1,2}")
# A unit in a row header: 各级各类学校（所）, 在校生（万人）, 毛入学率（%）
_ROW_UNIT = re.compile(
    r"[（(]\s*(?:万|亿|千)?(?:所|人|个|名|元|平方米|㎡|%|％|间|班|台|册)\s*[）)]\s*$"
)


def _is_year_number(cell: _Cell) -> bool:
    return cell.kind == _NUM and _YEAR_NUMBER.fullmatch(cell.text) is not None


def _segments(line: str, sep: re.Pattern[str]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = 0
    for m in sep.finditer(line):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(line)))
    return out


def _stripped(line: str, a: int, b: int) -> tuple[int, int]:
    while a < b and line[a] in BLANK:
        a += 1
    while b > a and line[b - 1] in BLANK:
        b -= 1
    return a, b


# Numbers separated by single spaces inside one wide-separated cell.
_NUMBER_RUN = re.compile(r"^\d+(?:\.\d+)?(?: \d+(?:\.\d+)?)+$")
_RUN_ITEM = re.compile(r"\d+(?:\.\d+)?")


def _split(line: str, offset: int, catalog: Catalog) -> tuple[list[_Cell], str]:
    """Cells of one line (offsets absolute) and the separator that made them."""
    if _PIPE.search(line):
        mode, segs = "pipe", _segments(line, _PIPE)
        # | a | b | (Markdown style) is framed; a | b | or | b | c has an empty end cell
        bare = line.strip(BLANK)
        if len(segs) > 2 and bare[0] in "|｜" and bare[-1] in "|｜":
            segs = segs[1:-1]
    elif "\t" in line:
        mode, segs = "tab", _segments(line, _TAB)
    elif _WIDE.search(line.strip(BLANK)):
        a, b = _stripped(line, 0, len(line))
        mode = "wide"
        segs = [(a + s, a + e) for s, e in _segments(line[a:b], _WIDE)]
    else:
        return _split_single(line, offset, catalog), "single"
    cells = []
    for s, e in segs:
        a, b = _stripped(line, s, e)
        text = line[a:b]
        if mode != "pipe" and _NUMBER_RUN.match(text):
            # 38 38 after a row header the gloss was cut from: one cell per number
            for m in _RUN_ITEM.finditer(text):
                cells.append(_Cell(offset + a + m.start(), offset + a + m.end(), m.group(), _NUM))
            continue
        cells.append(_Cell(offset + a, offset + b, text, _kind(text, catalog)))
    if mode == "pipe" and all(_LABELLED_FIGURE.fullmatch(c.text) for c in cells):
        return [], mode  # 小学 29所｜在校生 17206人: an infographic's items a bar apart, no row
    if mode == "pipe":
        cells = [_stage_figure(c, catalog) for c in cells]
    return (_spaced_words(cells, catalog) if mode == "wide" else cells), mode


def _spaced_words(cells: list[_Cell], catalog: Catalog) -> list[_Cell]:
    """Cells with a name a yearbook spaced out to its column's width (小    学, 绛  县,
    合  计) made one: a run of one-character cells that together are a stage, a place, a
    total or a corner word."""
    lex = lexicon()
    cues = stage_matcher(catalog).cues
    out: list[_Cell] = []
    i = 0
    while i < len(cells):
        j = i
        while j < len(cells) and cells[j].kind == _TEXT and len(cells[j].text) == 1:
            j += 1
        word = "".join(c.text for c in cells[i:j])
        if j - i > 1 and (
            word in cues or word in lex.totals or word in lex.corners or is_region(word)
        ):
            out.append(_Cell(cells[i].start, cells[j - 1].end, word, _TEXT))
            i = j
        else:
            out.append(cells[i])
            i += 1
    return out


# a figure with its aside in brackets (93.1%（2020年为84.5%）): the figure is the cell
_FIGURE_ASIDE = re.compile(r"([\d.,]+\s*(?:%|％)?)[（(][^（）()]*[）)]")


def _single_token(m: re.Match[str], offset: int, catalog: Catalog) -> _Cell:
    aside = _FIGURE_ASIDE.fullmatch(m.group())
    text = aside.group(1) if aside else m.group()
    return _Cell(offset + m.start(), offset + m.start() + len(text), text, _kind(text, catalog))


# a label and its figure in one cell (在校生 17206人, 小学 29所)
_LABELLED_FIGURE = re.compile(rf"[{_CJK}]{{1,12}}\s*{_CELL_FIGURE}(?:%|％|[{_CJK}]{{1,4}})")


def _stage_figure(cell: _Cell, catalog: Catalog) -> _Cell:
    """A cell of a row that writes its column's stage before the figure (每百名…教师数｜
    4.2/5.3｜小学5.46人｜初中6.18人, under 小学｜初中): the figure."""
    m = _STAGE_FIGURE.fullmatch(cell.text)
    if cell.kind != _TEXT or m is None or m[1] not in stage_matcher(catalog).cues:
        return cell
    kind = _kind(m[2], catalog)
    return cell if kind != _NUM else _Cell(cell.start + m.start(2), cell.end, m[2], kind)


def _stage_cells(cell: _Cell, col: Header, catalog: Catalog) -> list[tuple[_Cell, Header]]:
    """The figures of a cell holding one value per stage (小学5.27人，初中6.18人) under a
    column of values (全区均值, 2023年), each under its stage as if under a column of its own
    (小学全区均值). Under a column naming a measure (国家标准) such a cell is no one's
    figures."""
    if cell.kind != _STAGES or col.measure:
        return []
    out = []
    for m in _STAGE_FIGURE.finditer(cell.text):
        if _kind(m[2], catalog) == _NUM:
            figure = _Cell(cell.start + m.start(2), cell.start + m.end(2), m[2], _NUM)
            out.append((figure, replace(col, measure=read_header(m[1], catalog).measure)))
    return out


# A header naming its stages in brackets (差异系数（小学/初中）) over cells of as many values
# (0.284/0.231), one per stage in the header's order
_STAGES_IN_BRACKETS = re.compile(r"[（(]([^（）()]+)[）)]")
_PAIR_SPLIT = re.compile(r"\s*/\s*")
_STANDARD_HEADER = re.compile(r"标准|要求|规定|基准|达标")


def _placed_by_stage(
    line: _Line, cells: list[_Cell], columns: list[str], catalog: Catalog
) -> list[tuple[int, _Cell]]:
    """(column, cell) of each figure of a row that writes its column's stage before it
    (小学0.361 under the column 小学), or [] when a figure does not or its stage heads no one
    column. Cells without a figure (a standard's) are left out."""
    cues = stage_matcher(catalog).cues
    out = []
    for cell in cells:
        if cell.kind == _EMPTY:
            continue
        before = _PIPE.split(line.text[: cell.start - line.start])[-1].strip(BLANK)
        where = [j for j, name in enumerate(columns) if clean_header(name) == before]
        if cell.kind != _NUM or before not in cues or len(where) != 1:
            return []
        out.append((where[0], cell))
    return out


def _paired_cells(cell: _Cell, col: Header, catalog: Catalog) -> list[tuple[_Cell, Header]]:
    """The figures of a cell of values a slash apart (0.284/0.231) under a header naming the
    stages they are of (差异系数（小学/初中）), each under its stage's header (小学差异系数);
    under a standard's header (国家标准（小学/初中）) or a count of the count (达标学校数
    129/129) none."""
    if cell.kind != _EMPTY or not (
        _COUNT_OF.fullmatch(cell.text) or _UNIT_PAIR.fullmatch(cell.text)
    ):
        return []
    named = _STAGES_IN_BRACKETS.search(col.text)
    if named is None or _STANDARD_HEADER.search(col.text):
        return []
    stages = _PAIR_SPLIT.split(named[1].strip())
    values = _PAIR_SPLIT.split(cell.text)
    cues = stage_matcher(catalog).cues
    if len(stages) != len(values) or not all(st in cues for st in stages):
        return []
    measure = col.text[: named.start()] + col.text[named.end() :]
    out = []
    at = cell.start
    for stage, value in zip(stages, values, strict=True):
        at = cell.text.index(value, at - cell.start) + cell.start
        figure = _Cell(at, at + len(value), value, _NUM)
        out.append((figure, read_header(stage + measure, catalog)))
        at += len(value)
    return out


def _opens_a_bracket(token: str) -> bool:
    """Whether a token opens a bracket it does not close (198所（公办; 【01 of 【01 总体规模】)."""
    opened = sum(token.count(ch) for ch in "（(【[")
    return opened > sum(token.count(ch) for ch in "）)】]")


def _split_single(line: str, offset: int, catalog: Catalog) -> list[_Cell]:
    """Cells of a line separated by single spaces: header words, or a row header then numbers."""
    tokens = [_single_token(m, offset, catalog) for m in _TOKEN.finditer(line)]
    if len(tokens) < 2:
        return tokens
    if _SINGLE_SPACE_BAD.search(line):
        return []
    if any(_opens_a_bracket(t.text) for t in tokens):
        return []  # 幼儿园 198所（公办 142所）: an aside across a space, a line of text
    lead = 0
    while lead < len(tokens) and tokens[lead].kind == _TEXT:
        lead += 1
    if lead == len(tokens):
        return tokens  # header words
    if any(t.kind == _TEXT for t in tokens[lead:]):
        return []
    if lead > 1:  # 北 京 1403 71020: the row header's characters were spaced out
        first, last = tokens[0], tokens[lead - 1]
        text = line[first.start - offset : last.end - offset]
        tokens = [_Cell(first.start, last.end, text, _TEXT), *tokens[lead:]]
    return tokens


# --------------------------------------------------------------------------- lines


@dataclass
class _Line:
    start: int
    end: int
    text: str
    cells: list[_Cell]
    mode: str

    @property
    def filled(self) -> list[_Cell]:
        return [c for c in self.cells if c.kind != _EMPTY]


def _lines(text: str, catalog: Catalog) -> list[_Line]:
    out: list[_Line] = []
    pos = 0
    for raw in text.split("\n"):
        start, pos = pos, pos + len(raw) + 1
        if _PART_MARK.match(raw):
            # ▌ 规模篇: an infographic's part heading, no row nor a section of the rows below
            out.append(_Line(start, start + len(raw), raw, [], "none"))
            continue
        raw = _BULLET.sub(lambda m: " " * len(m.group(0)), raw)  # ▶ 在校学生 4.63万人
        if len(raw) > 2000 or not raw.strip(BLANK) or _prose_line(raw):
            out.append(_Line(start, start + len(raw), raw, [], "none"))
            continue
        if _SEPARATOR_ROW.match(raw) and "-" in raw:
            out.append(_Line(start, start + len(raw), raw, [], "sep"))
            continue
        cells, mode = _split(_blank_glosses(raw), start, catalog)
        if any(_prose_cell(c.text) for c in cells if c.kind != _EMPTY):
            # (a standard's cell, 小学≥4.2；初中≥5.3, is no running text)
            cells, mode = [], "prose"
        out.append(_Line(start, start + len(raw), raw, cells, mode))
    return out


_PART_MARK = re.compile(rf"[ \t\u3000]*[{PART_GLYPHS}]")
_BULLET = re.compile(rf"^[ \t\u3000]*[{ITEM_GLYPHS}][ \t\u3000]*")


def _prose_line(raw: str) -> bool:
    """Whether a line is running text: it ends a sentence (。；！？) outside a standard's cell
    (1 | 生均教学仪器设备值（元） | 小学≥2000；初中≥2500 | 2846 is a row)."""
    if not _SENTENCE_END.search(raw):
        return False
    if not _PIPE.search(raw) and "\t" not in raw:
        return True
    cells = _STAGES_SEGMENT.sub("", _BOUND_SEGMENT.sub("", raw))
    return _SENTENCE_END.search(cells) is not None


_BOUND_SEGMENT = re.compile(r"[^|｜\t]*[≥≤＞＜<>]\s*\d[^|｜\t]*")
# (nor in a cell of values per stage: 小学720元；初中930元)
_STAGES_SEGMENT = re.compile(rf"(?<=[|｜\t])\s*{_STAGE_VALUES.pattern}\s*(?=[|｜\t]|$)")


# A yearbook's English gloss between a row header and its figures (普通高等学校 Regular
# Institutions of Higher Education 38 38), or closing a section or unit line (学校数 Number of
# Schools; 单位：所、人   (unit, person)).
_INLINE_GLOSS = re.compile(
    r"(?<=[\u4e00-\u9fff）)])[ \t\u3000]+[(（]?[A-Za-z][A-Za-z .,'’&/()\-]*?"
    r"(?=[ \t\u3000]+[\d*-]|[ \t\u3000]*$)"
)


# What every gloss holds (a space, then a letter): a pattern opening with a character class
# is scanned for in C, one opening with a look-behind is tried at every position (5x slower).
_GLOSS_HINT = re.compile(r"[ \t\u3000][A-Za-z]")


def _blank_glosses(line: str) -> str:
    """The line with inline English glosses turned into spaces (offsets kept)."""
    if not _GLOSS_HINT.search(line) or not _INLINE_GLOSS.search(line):
        return line
    return _INLINE_GLOSS.sub(lambda m: " " * len(m.group(0)), line)


def _prose_cell(text: str) -> bool:
    """Whether a cell holds running text (a layout table's paragraph), not a header or figure."""
    if _PROSE.search(text):
        return _STAGE_VALUES.fullmatch(text) is None  # (not 小学5.27人，初中6.18人，高中7.1人)
    if ENGLISH_ONLY.match(text):  # yearbooks gloss each header in English
        return len(text) > 3 * MAX_CELL_CHARS
    return len(ENGLISH_GLOSS.sub("", text)) > MAX_CELL_CHARS


def _is_multi(line: _Line) -> bool:
    return len(line.filled) >= 2


def _unitless(header: str | None, catalog: Catalog) -> bool:
    """Whether a header names a measure that has no unit (生师比, 校际差异系数)."""
    found = measure_of(header, catalog) if header else None
    named = catalog.measure(found[0]) if found else None
    return named is not None and named.unit == ""


def looks_like_table_row(line: str) -> bool:
    """Whether a line is a table row: two or more short cells separated by |, tabs or wide
    spaces. The clean stage uses it so as not to glue the next row onto a long row.
    """
    line = _blank_glosses(line)
    if not _ROW_HINT.search(line):
        return False
    cells, mode = _split(line, 0, _default_catalog())
    if mode == "single" or any(_prose_cell(c.text) for c in cells if c.kind != _EMPTY):
        return False
    # (a label spanning the columns before its figure, 小学综合差异系数 | 小学综合差异系数 | 0.374,
    # is one cell written again for each column it spans)
    filled = [c.text for c in cells if c.kind != _EMPTY]
    return len(filled) >= 2 or len({c.text for c in cells if c.text.strip()}) >= 2


def _cell_unit(
    col: Header, row_unit: Unit | None, table_unit: Unit | None, catalog: Catalog
) -> Unit | None:
    """A cell's unit: its column's, else its row's or the table's -- but none under a column of
    a unitless measure (差异系数 beside 本县均值 in a row of 生均教学及辅助用房面积（平方米）)."""
    if col.unit is not None:
        return col.unit
    return None if _unitless(col.measure, catalog) else (row_unit or table_unit)


def _unit_line(text: str) -> str | None:
    m = _UNIT_LINE.match(text.strip(BLANK + "|｜"))
    return m["unit"] if m else None


def _title_ok(text: str) -> bool:
    text = text.strip(BLANK + "|｜")
    return (
        0 < len(text) <= MAX_TITLE_CHARS
        and not _PROSE.search(text)
        and not _FIGURE_WITH_UNIT.search(text)
        and not text.endswith(("：", ":"))
    )


# --------------------------------------------------------------------------- units


def _value(cell: _Cell, unit: Unit | None, catalog: Catalog) -> tuple[float | None, str]:
    """Value in base units and base unit of a number cell under the unit its headers give."""
    m = _NUMBER.fullmatch(cell.text)
    if m is None:  # masked
        if cell.text.endswith(("%", "％")):
            return None, "%"
        return None, unit.base if unit else ""
    try:
        number = Decimal(m["num"].replace(",", "").replace("−", "-"))
    except InvalidOperation:
        return None, ""
    own = parse_unit(m["unit"], catalog) if m["unit"] else None
    mult = Decimal(str(catalog.multiplier(m["mult"]))) if m["mult"] else Decimal(1)
    if own is not None:
        return float(number * mult * own.factor), own.base
    if unit is not None:
        return float(number * mult * unit.factor), unit.base
    return float(number * mult), ""


# --------------------------------------------------------------------------- headers


def _provenance(
    col: Header, row: Header, ctx: _Context
) -> tuple[int | None, str | None, str | None, str | None]:
    """A cell's year and region, each from the nearest scope naming one, and which scope."""
    year: int | None = None
    year_from: str | None = None
    for y, where in ((col.year, "column"), (row.year, "row"), (ctx.year, "title")):
        if y is not None:
            year, year_from = y, where
            break
    region: str | None = None
    region_from: str | None = None
    for r, where in ((col.region, "column"), (row.region, "row")):
        if r:
            region, region_from = r, where
            break
    return year, year_from, region, region_from


# --------------------------------------------------------------------------- blocks


@dataclass
class _Context:
    title: str | None = None
    measure: str = ""  # what the title says is counted (学校数), for labels
    unit: Unit | None = None
    unit_written: str | None = None
    year: int | None = None
    start: int | None = None


def _context(lines: list[_Line], catalog: Catalog) -> _Context:
    """Title, unit and year of a table from the title/unit lines given (top to bottom)."""
    ctx = _Context()
    titles: list[str] = []
    for line in lines:
        texts = [c.text for c in line.filled] if line.mode == "pipe" else []
        for text in texts or [_blank_glosses(line.text).strip(BLANK + "|｜")]:
            written = _unit_line(text)
            if written is not None:
                ctx.unit, ctx.unit_written = parse_unit(written, catalog), written
                continue
            if not ENGLISH_ONLY.match(text) and not _META_LINE.search(text):
                titles.append(INNER_SPACE.sub(" ", text))
            m = _UNIT_IN_TEXT.search(text)
            if m and ctx.unit is None:
                ctx.unit, ctx.unit_written = parse_unit(m["unit"], catalog), m["unit"]
        ctx.start = line.start if ctx.start is None else ctx.start
    if titles:
        ctx.title = " ".join(titles)
        ctx.measure = title_measure(titles[-1])
        years = {int(m[1]) for m in YEAR_IN_TEXT.finditer(ctx.title) if one_year(m)}
        ctx.year = years.pop() if len(years) == 1 else None
    return ctx


def _numbered_title(line: _Line) -> bool:
    """A title spaced off its number (表1  2020—2022年主要指标; 17-6  各县普通中小学基本情况):
    two cells, a table number and a title, which no header row is."""
    if len(line.filled) != 2:
        return False
    number, title = (c.text.strip(BLANK) for c in line.filled)
    titled = _title_ok(title) and _TABLE_TITLE.search(title) is not None
    return titled and _TABLE_NUMBER.fullmatch(number) is not None


def _lines_above(lines: list[_Line], i: int, floor: int) -> list[_Line]:
    """Up to two lines right above line i that are a table's title and/or unit line."""
    found: list[_Line] = []
    j = i - 1
    while j >= floor and len(found) < 2:
        line = lines[j]
        text = _blank_glosses(line.text).strip(BLANK + "|｜")
        cells = len(line.filled) > 1 and line.mode != "single"
        if not text or (cells and not _numbered_title(line)):
            break  # a row of cells, not a title (17-6  各县普通中小学基本情况 is one)
        if ENGLISH_ONLY.match(text):  # a yearbook's English title under the Chinese one
            j -= 1
            continue
        if _unit_line(text) is not None or _title_ok(text):
            found.append(line)
        else:
            break
        j -= 1
    return found[::-1]


def _row_prefix(cells: list[_Cell]) -> int:
    """How many leading cells hold the row header (text or empty, up to the last text)."""
    n = 0
    for i, cell in enumerate(cells):
        if cell.kind == _TEXT:
            n = i + 1
        elif cell.kind != _EMPTY:
            break
    return n


def _combine_headers(rows: list[list[_Cell]]) -> list[str]:
    """Stacked header lines as one header per column (a spanning parent repeated over its
    children when the renderer left the cells to its right empty)."""
    width = len(rows[0])
    texts = [[c.text for c in row] for row in rows]
    for r in range(len(texts) - 1):
        below = ["".join(row[j] for row in texts[r + 1 :]) for j in range(width)]
        for j in range(1, width):
            if not texts[r][j] and texts[r][j - 1] and below[j] and below[j - 1]:
                texts[r][j] = texts[r][j - 1]
    combined = []
    for j in range(width):
        header = ""
        for row in texts:
            if row[j] and row[j] != header:
                header = join_header(header, row[j]) if header else row[j]
        combined.append(header)
    return combined


def _block_cells(
    header_rows: list[list[_Cell]],
    data: list[_Line],
    ctx: _Context,
    span: tuple[int, int],
    catalog: Catalog,
) -> list[TableCell] | None:
    """Cells of a table block, or None when its columns cannot be aligned."""
    rows = [line.cells for line in data]
    header_rows = _resplit_header(header_rows, rows, catalog)
    lex = lexicon()
    if header_rows[0] and clean_header(header_rows[0][0].text) in lex.index_columns:
        # 序号 | 县区 | 学校数: the running number is no figure and no header
        header_rows = [r[1:] for r in header_rows]
        # (综合差异系数 | 综合差异系数 | …: a row's label spanning the number's column too)
        rows = [
            r[1:]
            if r and (r[0].kind in (_NUM, _EMPTY) or (len(r) > 1 and r[0].text == r[1].text))
            else r
            for r in rows
        ]
    rows, header_rows = _unpadded(rows, header_rows)
    grouped = _grouped_header(header_rows, rows) or _with_units_below(header_rows)
    if grouped is not None:
        header_rows = [grouped]
    consistent = len({len(r) for r in header_rows + [r for r in rows if len(r) > 1]}) == 1
    if consistent and any(_left_packed(r) for r in header_rows[1:]):
        repaired = _repack_header(header_rows, rows)
        if repaired is None:
            return None  # a lower header line that lost its cells' positions (pasted text)
        header_rows = repaired
    if consistent:
        columns = _combine_headers(header_rows)
        year_rows = clean_header(columns[0]) in lex.corner_year or _year_first_column(rows)
        consistent = _positions_fit(rows, columns, year_rows)
    if not consistent:  # ragged rows: line the figures up with the header from the right
        if len(header_rows) != 1:
            return None
        columns = [c.text for c in _trim(header_rows[0])]
        rows = [_trim(r) for r in rows]
    corner = clean_header(columns[0]) if columns else ""
    year_rows = corner in lex.corner_year or _year_first_column(rows)
    place_rows = corner in lex.corner_region
    values_per_row = Counter(len(r) - _prefix(r, year_rows) for r in rows if _has_value(r))
    if not values_per_row:
        return None
    modal = values_per_row.most_common(1)[0][0]
    if modal > len(columns) or modal == 0:
        return None
    columns = _stage_before_coefficient(columns, catalog)
    col_headers = {j: read_header(columns[j], catalog) for j in range(len(columns)) if columns[j]}
    out: list[TableCell] = []
    previous: list[str] = []
    section: tuple[str, Unit | None] = ("", None)
    of_row = False  # whether the section's unit came from a data row, not a line of its own
    for line, row in zip(data, rows, strict=True):
        t = _prefix(row, year_rows)
        filled = [c for c in row if c.kind != _EMPTY]
        if len(filled) == 1 and filled[0].kind == _TEXT:
            # 专任教师 on a line of its own: what the rows below it count
            head = read_header(filled[0].text, catalog, place_axis=place_rows)
            if head.measure:
                section = (section_measure(head.measure), head.unit)
                of_row = False
            continue
        if len(filled) == 2 and all(c.kind == _TEXT for c in filled):
            # 在校学生数 | 人 | (no figures): a section line with its unit column filled in
            unit_cell, text, _ = _row_header([c.text for c in filled], catalog)
            head = read_header(text, catalog, place_axis=place_rows)
            if unit_cell is not None and head.measure:
                section = (section_measure(head.measure), unit_cell)
                of_row = False
                continue
        slots = [
            ((t + k) if consistent else len(columns) - modal + k, c) for k, c in enumerate(row[t:])
        ]
        if not consistent and len(row) - t != modal:
            # a ragged row whose cells cannot be lined up with the header, unless each of its
            # figures names its column's stage (综合差异系数 | 小学≤0.50… | 小学0.361 | 初中0.306)
            slots = _placed_by_stage(line, row[t:], columns, catalog)
            if not slots:
                continue
        parts = [row[j].text for j in range(t)]
        if consistent:  # a row header spanning rows leaves the cells below it empty
            parts = [p or (previous[j] if j < len(previous) else "") for j, p in enumerate(parts)]
        previous = parts
        row_unit, row_text, unit_column = _row_header(parts, catalog)
        rh = read_header(row_text, catalog, place_axis=place_rows)
        own_unit = row_unit or rh.unit
        # 平均受教育年限（年）: a unit of its own the unit table does not know, not the row
        # above's (亿元)
        foreign = own_unit is None and _ENDS_BRACKETED.search(row_text) is not None
        if unit_column:
            pass  # 在校生数 ⏎ 普通高等学校 | 人 | …: the row stays in the section above it
        elif foreign:
            section = ("", None)
        elif own_unit is not None:
            section = (section_measure(rh.measure), own_unit)
            # a row of its own measure (幼儿园数 → 所): its unit is no unit for a row below
            # that names another measure (在园幼儿数), only for a stage's part under it
            of_row = True
        elif (
            section[1] is not None
            and not _unitless(rh.measure, catalog)
            and not (of_row and rh.measure and not stage_matcher(catalog).alone(rh.measure))
        ):
            # 小学 under 专任教师（人）: the section's unit; a unitless measure (校际差异系数
            # after 生均教学仪器设备值（元）) does not take another row's unit
            own_unit = section[1]
        if not _has_value(row):
            continue
        figures: list[tuple[_Cell, Header]] = []
        for j, cell in slots:
            if j in col_headers and cell.kind in (_NUM, _MASKED):
                figures.append((cell, col_headers[j]))
            elif j in col_headers:
                figures.extend(_stage_cells(cell, col_headers[j], catalog))
                figures.extend(_paired_cells(cell, col_headers[j], catalog))
        for cell, ch in figures:
            unit = _cell_unit(ch, own_unit, ctx.unit, catalog)
            value, base = _value(cell, unit, catalog)
            year, year_from, region, region_from = _provenance(ch, rh, ctx)
            in_section = (
                section[0] if unit_column or (row_unit is None and section[1] is own_unit) else ""
            )
            out.append(
                TableCell(
                    char_start=cell.start,
                    char_end=cell.end,
                    value_text=cell.text,
                    value=value,
                    unit=base,
                    row_header=rh.text,
                    col_header=ch.text,
                    label=join_label(
                        rh, ch, in_section if rh.measure != in_section else "", ctx.measure
                    ),
                    year=year,
                    year_from=year_from,
                    region=region,
                    region_from=region_from,
                    masked=cell.kind == _MASKED,
                    table_span=span,
                    row_span=(line.start, line.end),
                    target=rh.target or ch.target,
                )
            )
    return out


def _resplit_header(
    header_rows: list[list[_Cell]], rows: list[list[_Cell]], catalog: Catalog
) -> list[list[_Cell]]:
    """A one-line header whose names are only a space apart (县区   幼儿园 小学 初中 在校生) over
    rows of as many cells as it has words: one cell per word."""
    widths = Counter(len(r) for r in rows if len(r) > 1)
    if len(header_rows) != 1 or not widths:
        return header_rows
    common = widths.most_common(1)[0][0]
    words = [
        _Cell(c.start + m.start(), c.start + m.end(), m.group(), _kind(m.group(), catalog))
        for c in header_rows[0]
        for m in _TOKEN.finditer(c.text)
    ]
    if len(header_rows[0]) < common == len(words) and all(w.kind == _TEXT for w in words):
        return [words]
    return header_rows


def _grouped_header(header_rows: list[list[_Cell]], rows: list[list[_Cell]]) -> list[_Cell] | None:
    """One header line from a line of groups over a line naming each column of figures,
    when the groups lost the positions that place them (学校数（所） 在校学生数（人） 专任教师
    over 地 区 普通中学 小学 幼儿园 普通中学 小学 （人）): a name met again in the group being
    read, or a lone unit, opens the next group, and the groups must come out as many as the
    upper line names. None for any other header."""
    if len(header_rows) != 2:
        return None
    upper = [c for c in header_rows[0] if c.kind != _EMPTY]
    lower = [c for c in header_rows[1] if c.kind != _EMPTY]
    figures = Counter(sum(c.kind in (_NUM, _MASKED) for c in r) for r in rows if _has_value(r))
    if len(upper) < 2 or not figures or len(upper) >= len(lower):
        return None
    width = figures.most_common(1)[0][0]
    corner, names = lower[:-width], lower[-width:]
    if not corner or any(c.kind != _TEXT for c in upper + lower):
        return None
    groups: list[list[_Cell]] = [[]]
    for cell in names:
        lone_unit = BRACKET.fullmatch(cell.text.strip(BLANK)) is not None
        if groups[-1] and (lone_unit or any(c.text == cell.text for c in groups[-1])):
            groups.append([])
        elif groups[-1] and BRACKET.fullmatch(groups[-1][-1].text.strip(BLANK)):
            return None  # a unit shares its group with a name
        groups[-1].append(cell)
    if len(groups) != len(upper):
        return None
    return [
        *corner,
        *(
            _Cell(c.start, c.end, join_header(parent.text, c.text), _TEXT)
            for parent, group in zip(upper, groups, strict=True)
            for c in group
        ),
    ]


def _with_units_below(header_rows: list[list[_Cell]]) -> list[_Cell] | None:
    """One header line from a line of names over a line of their units only, cell for cell
    (学校数  在校学生数 ⏎ （所）  （人）, laid out with spaces that left no positions), or None."""
    if len(header_rows) != 2:
        return None
    names = [c for c in header_rows[0] if c.kind != _EMPTY]
    units = [c for c in header_rows[1] if c.kind != _EMPTY]
    if len(names) != len(units):
        return None
    pairs = list(zip(names, units, strict=True))
    if not all(BRACKET.fullmatch(u.text.strip(BLANK)) and n.kind == _TEXT for n, u in pairs):
        return None
    return [_Cell(n.start, n.end, join_header(n.text, u.text), _TEXT) for n, u in pairs]


def _unpadded(
    rows: list[list[_Cell]], header_rows: list[list[_Cell]]
) -> tuple[list[list[_Cell]], list[list[_Cell]]]:
    """Rows without a tab doubled to align a short row header (总    计→→404→44562: no empty
    column), and a header of several lines naming only the N columns of figures over rows
    of a row header and N figures given its blank corner."""
    widths = Counter(len(r) for r in rows if len(r) > 1)
    if not widths:
        return rows, header_rows
    common = widths.most_common(1)[0][0]
    rows = [
        [r[0], *r[2:]] if len(r) == common + 1 and r[0].kind == _TEXT and r[1].kind == _EMPTY else r
        for r in rows
    ]
    sizes = {len(r) for r in header_rows}
    if (
        len(header_rows) > 1
        and sizes == {common - 1}
        and all(r[0].kind == _TEXT for r in rows if len(r) == common)
    ):
        header_rows = [[_Cell(r[0].start, r[0].start, "", _EMPTY), *r] for r in header_rows]
    elif len(header_rows) > 1 and all(r[-1].kind == _EMPTY for r in rows if len(r) == common):
        # 地 区 | 普通中学 | | 小 学 | | ⏎ | 学校数 | 在校学生数 | 学校数 | 在校学生数 |: a lower
        # header line of the N columns of figures only, its corner and the closing pipe's
        # empty cell left out
        lex = lexicon()
        header_rows = [
            [_Cell(r[0].start, r[0].start, "", _EMPTY), *r, _Cell(r[-1].end, r[-1].end, "", _EMPTY)]
            if len(r) == common - 2 and clean_header(r[0].text) not in lex.corners
            else r
            for r in header_rows
        ]
    return rows, header_rows


def _repack_header(rows: list[list[_Cell]], data: list[list[_Cell]]) -> list[list[_Cell]] | None:
    """A yearbook's second header line that lost its positions (（所） | #专任教师 | | |):
    its units belong to the first columns, its #-parts to the columns of figures the first
    line left without a header, in order. None when the line holds anything else or the
    parts do not match such columns one for one."""
    top = rows[0]
    figures = {j for row in data for j, c in enumerate(row) if c.kind in (_NUM, _MASKED)}
    empty = [j for j in range(1, len(top)) if top[j].kind == _EMPTY and j in figures]
    out = [top]
    for row in rows[1:]:
        if not _left_packed(row):
            out.append(row)
            continue
        filled = [c for c in row if c.kind != _EMPTY]
        parts = [c for c in filled if c.text.lstrip().startswith("#")]
        units = [c for c in filled if BRACKET.fullmatch(c.text.strip(BLANK))]
        if len(parts) + len(units) != len(filled) or not parts or len(parts) != len(empty):
            return None
        blank = [_Cell(c.start, c.start, "", _EMPTY) for c in row]
        for j, cell in zip(empty, parts, strict=False):
            blank[j] = cell
        for j, cell in zip(range(1, len(top)), units, strict=False):
            blank[j] = cell
        out.append(blank)
    return out


def _left_packed(cells: list[_Cell]) -> bool:
    """Whether a line's filled cells are all at its start with empty cells after them."""
    filled = [c.kind != _EMPTY for c in cells]
    k = filled.index(False) if False in filled else len(filled)
    return 0 < k < len(filled) and not any(filled[k:])


def _positions_fit(rows: list[list[_Cell]], columns: list[str], year_rows: bool) -> bool:
    """Whether every figure sits under a column header when cells are taken by position."""
    for row in rows:
        for j in range(_prefix(row, year_rows), len(row)):
            if row[j].kind in (_NUM, _MASKED) and not columns[j]:
                return False
    return True


def _trim(cells: list[_Cell]) -> list[_Cell]:
    """The row without its trailing blank cells; a cell that writes something (-, a standard,
    0.284/0.231) holds its column."""
    end = len(cells)
    while end and cells[end - 1].kind == _EMPTY and not cells[end - 1].text.strip(BLANK):
        end -= 1
    return cells[:end]


def _prefix(cells: list[_Cell], year_rows: bool) -> int:
    if year_rows and cells and _is_year_number(cells[0]):
        return 1
    return _row_prefix(cells)


def _has_value(cells: list[_Cell]) -> bool:
    return any(c.kind in (_NUM, _MASKED, _STAGES) for c in cells[_row_prefix(cells) :])


def _year_first_column(rows: list[list[_Cell]]) -> bool:
    """Whether every data row starts with a year and the years run in order (2016, 2017 …)."""
    years = [int(r[0].text) for r in rows if r and _is_year_number(r[0])]
    if len(years) < 2 or len(years) != len([r for r in rows if _has_value(r)]):
        return False
    steps = {b - a > 0 for a, b in pairwise(years)}
    return len(steps) == 1 and len(set(years)) == len(years)


# A standard written in the row header's brackets (生均教学及辅助用房面积（小学4.5、初中5.8平方米）,
# 每百名学生拥有县级以上骨干教师数（1人）): a figure and its unit in brackets, not a year, nor a
# definition (生师比（教师=1）)
_STANDARD_IN_BRACKETS = re.compile(
    rf"[（(](?![^（）()]*(?:19|20)\d\d)(?=[^（）()]*\d\s*(?:{_STANDARD_UNITS}))"
    r"[^（）()=＝]*[）)]"
)


def _row_header(parts: list[str], catalog: Catalog) -> tuple[Unit | None, str, bool]:
    """Unit cell and text of a row header spread over cells (各类学校数合计 | (所) | Total …),
    and whether the unit stood in a column of units (小学 | 所 | 4669 …: a yearbook's 单位
    column, which says nothing of what the row counts)."""
    unit: Unit | None = None
    texts: list[str] = []
    column = False
    for part in parts:
        m = BRACKET.fullmatch(part.strip(BLANK))
        if m and (found := parse_unit(m["inner"], catalog)) is not None:
            unit = unit or found
        elif texts and (found := parse_unit(part, catalog)) is not None:
            unit, column = unit or found, unit is None
        elif part and not ENGLISH_ONLY.match(part):
            texts.append(_STANDARD_IN_BRACKETS.sub("", part))
    stages = stage_matcher(catalog)
    if len(texts) > 1 and stages.alone(texts[-1]) and not stages.find("".join(texts[:-1])):
        # 生均教学仪器设备值（元） | 初中: the stage's measure, named stage first
        texts = [texts[-1], *texts[:-1]]
    return unit, "".join(texts), column


def _is_data_row(line: _Line) -> bool:
    """A line with a figure that is not a year (year lines in a header zone are headers).

    Numbers that look like years are figures when the row header gives a unit
    (各级各类学校（所） 2046 2013 1987) or when they do not run in order as the years of a
    header do (2017 2018 2019)."""
    cells = line.cells
    prefix = _row_prefix(cells)
    rest = cells[prefix:]
    if any(
        c.kind in (_MASKED, _STAGES) or (c.kind == _NUM and not _is_year_number(c)) for c in rest
    ):
        return True
    years = [int(c.text) for c in rest if _is_year_number(c)]
    if not years:
        return False
    label = " ".join(c.text for c in cells[:prefix])
    run = _year_run(years)
    steps = {b - a for a, b in pairwise(run)}
    in_order = bool(steps) and (steps <= set(range(1, 6)) or steps <= set(range(-5, 0)))
    return _ROW_UNIT.search(label) is not None or (len(years) > 1 and not in_order)


def _year_run(years: list[int]) -> list[int]:
    """The run of years a header repeats under each group (2019 2020 | 2019 2020 under
    学校数 and 在校学生数), else the years as they are."""
    for size in range(2, len(years) // 2 + 1):
        if len(years) % size == 0 and years == years[:size] * (len(years) // size):
            return years[:size]
    return years


def _header_like(line: _Line) -> bool:
    """A line of two or more text cells and no figure: the header of a (new) table."""
    return _is_multi(line) and not _has_value(line.cells) and not _is_data_row(line)


# A row of ellipses standing for rows an excerpt leaves out (全 国 | 241306 ⏎ …… ⏎ 四 川 | 12874)
_ELISION = re.compile(r"[\s|｜]*(?:…+|\.{3,})(?:[\s|｜]+(?:…+|\.{3,}))*[\s|｜]*")


def _block_members(lines: list[_Line], i: int) -> tuple[list[_Line], int]:
    """Lines of the table block starting at line i (a multi-cell line), and the index after."""
    members: list[_Line] = []
    seen_data = False
    j = i
    while j < len(lines):
        line = lines[j]
        nxt = lines[j + 1] if j + 1 < len(lines) else None
        if line.mode == "sep" or (
            seen_data and _ELISION.fullmatch(line.text) and nxt is not None and _is_multi(nxt)
        ):
            j += 1  # a rule, or the row of …… of an excerpt's rows left out
            continue
        if _is_multi(line):
            if seen_data and _header_like(line) and line.mode != "pipe":
                break  # the header of the next table
            members.append(line)
            seen_data = seen_data or _is_data_row(line)
        elif (
            len(line.filled) == 1
            and nxt is not None
            and _is_multi(nxt)
            and not (seen_data and _header_like(nxt) and nxt.mode != "pipe")
            and (line.mode == "pipe" or _title_ok(line.text) or _unit_line(line.text))
        ):
            members.append(line)  # a section row, unit row or title row inside the table
        elif len(line.filled) == 1 and line.mode == "pipe" and members:
            members.append(line)  # a trailing one-cell row of a rendered table
            j += 1
            break
        else:
            break
        j += 1
    return members, j


def _multi_block(
    lines: list[_Line], i: int, floor: int, catalog: Catalog
) -> tuple[Table | None, int]:
    """The table block starting at line i (a multi-cell line) and the index after it.

    The header is the run of multi-cell lines right above the first data row (a line of
    words separated by single spaces only as its last line); lines above it are the title.
    """
    members, j = _block_members(lines, i)
    first_data = next((k for k, line in enumerate(members) if _is_data_row(line)), None)
    if first_data is None:
        return None, max(j, i + 1)
    zone = members[:first_data]
    sections = len(zone)
    while (
        sections > 0
        and len(zone[sections - 1].filled) == 1
        and not _unit_line(zone[sections - 1].text)
    ):
        sections -= 1
    if 0 < sections < len(zone) and _is_multi(zone[sections - 1]):
        # Item 2006 2007 / 学校数 / 普通高等学校 38 38: a section row opens the data
        first_data, zone = sections, zone[:sections]
    k = len(zone)
    while (
        k > 0
        and _is_multi(zone[k - 1])
        and (zone[k - 1].mode != "single" or k == len(zone))
        and not any(_unit_line(c.text) for c in zone[k - 1].filled)  # 表1 … | 单位：所
        and not _META_LINE.search(zone[k - 1].text)  # 来源：…  2020-04-10 above the header
        and not _numbered_title(zone[k - 1])
    ):
        k -= 1
    # a yearbook glosses its header in English on a row of its own (Region Schools …):
    # the Chinese row names the columns
    header_rows = [line.cells for line in zone[k:] if not _english_row(line)] or [
        line.cells for line in zone[k:]
    ]
    above = _lines_above(lines, i, floor) if k == 0 else []
    ctx = _context(above + zone[:k], catalog)
    start = (above or members)[0].start
    span = (start, members[-1].end)
    cells = None
    if header_rows:
        data = [line for line in members[first_data:] if line.cells]
        cells = _block_cells(header_rows, data, ctx, span, catalog)
    table = Table(
        span=span,
        title=ctx.title,
        unit=ctx.unit_written,
        year=ctx.year,
        aligned=bool(cells),
        cells=tuple(cells or ()),
    )
    return table, j


def _english_row(line: _Line) -> bool:
    """Whether every filled cell of a line is an English gloss."""
    return bool(line.filled) and all(ENGLISH_ONLY.match(c.text.strip()) for c in line.filled)


@dataclass(frozen=True)
class _FlatCell:
    """A cell of a flattened table and the lines (first, last) it lies on."""

    cell: _Cell
    first: int
    last: int


def _pipe_only(line: _Line) -> bool:
    return line.mode == "pipe" and not line.filled and bool(line.text.strip(BLANK))


def _flat_piece(line: _Line, catalog: Catalog) -> _Cell | None:
    """The one cell a line holds in a flattened table (an English gloss after it dropped),
    or None when the line is no such cell. A line that is only a gloss gives an empty-text
    cell; pipes around the cell are left to the caller."""
    raw = line.text
    a, b = _stripped(raw, 0, len(raw))
    while a < b and raw[a] in "|｜":
        a, b = _stripped(raw, a + 1, b)
    while b > a and raw[b - 1] in "|｜":
        a, b = _stripped(raw, a, b - 1)
    bare = raw[a:b]
    if not bare or _PIPE.search(bare) or "\t" in bare or _SENTENCE_END.search(bare):
        return None
    if ENGLISH_ONLY.match(bare):
        return _Cell(line.start + a, line.start + a, "", _TEXT) if len(bare) <= 120 else None
    core = ENGLISH_GLOSS.sub("", bare).rstrip(BLANK)
    if not core or len(core) > MAX_FLAT_CELL_CHARS or _WIDE.search(core):
        return None
    kind = _kind(core, catalog)
    if kind == _TEXT and any(_kind(t, catalog) != _TEXT for t in _TOKEN.findall(core)[1:]):
        return None  # a row header then figures: a row, not a cell
    return _Cell(line.start + a, line.start + a + len(core), core, kind)


def _flat_cells(lines: list[_Line], i: int, catalog: Catalog) -> tuple[list[_FlatCell], int]:
    """Cells of a run of one-cell lines from line i, and the index after the run.

    Each line is a cell, unless the run has lines of a bare '|': then the cells are what
    lies between the pipes (empty ones included, English glosses dropped), as pages whose
    tables were flattened with a '|' after every cell have them.
    """
    pieces: list[_Cell | None] = []
    j = i
    while j < len(lines):
        piece = None if _pipe_only(lines[j]) else _flat_piece(lines[j], catalog)
        if piece is None and not _pipe_only(lines[j]):
            break
        pieces.append(piece)
        j += 1
    if not any(_pipe_only(lines[k]) for k in range(i, j)):
        return [
            _FlatCell(piece, k, k)
            for k, piece in zip(range(i, j), pieces, strict=True)
            if piece is not None and piece.text
        ], j
    out: list[_FlatCell] = []
    parts: list[tuple[_Cell, int]] = []
    opened = False  # a pipe was seen: nothing between two pipes is an empty cell

    def close(k: int, at: int) -> None:
        texts = [(c, n) for c, n in parts if c.text]
        if len(texts) == 1:
            out.append(_FlatCell(texts[0][0], texts[0][1], texts[0][1]))
        elif texts:
            joined = "".join(c.text for c, _ in texts)
            merged = _Cell(texts[0][0].start, texts[-1][0].end, joined, _TEXT)
            out.append(_FlatCell(merged, texts[0][1], texts[-1][1]))
        elif opened and not parts:
            out.append(_FlatCell(_Cell(at, at, "", _EMPTY), k, k))
        parts.clear()

    for k, piece in zip(range(i, j), pieces, strict=True):
        line = lines[k]
        pipes = [line.start + m.start() for m in _PIPE.finditer(line.text)]
        for at in pipes:
            if piece is not None and piece.end <= at:
                parts.append((piece, k))
                piece = None
            close(k, at)
            opened = True
        if piece is not None:
            parts.append((piece, k))
    if parts:
        close(j - 1, lines[j - 1].end)
    return out, j


def _flat_block(
    lines: list[_Line], i: int, floor: int, catalog: Catalog
) -> tuple[Table | None, int]:
    """A flattened table (one cell per line) starting at line i, and the index after it."""
    run, j = _flat_cells(lines, i, catalog)
    if len(run) < 6:
        return None, max(j, i + 1)
    kinds = [fc.cell.kind for fc in run]
    # after each text cell, the values up to the next text cell (figures, masks, empties)
    following: dict[int, int] = {}
    for k in range(len(run)):
        if kinds[k] == _TEXT:
            m = k + 1
            while m < len(run) and kinds[m] != _TEXT:
                m += 1
            following[k] = m - k - 1
    with_figures = Counter(
        n
        for k, n in following.items()
        if any(x in (_NUM, _MASKED) for x in kinds[k + 1 : k + 1 + n])
    )
    n = with_figures.most_common(1)[0][0] if with_figures else 0
    # the first row: a row header followed by a figure, or by N empty cells (a section
    # row); a text followed by fewer empty cells is a title or corner above the header
    first = next(
        (
            k
            for k, count in following.items()
            if count
            and _unit_line(run[k].cell.text) is None
            and (count == n or any(x in (_NUM, _MASKED) for x in kinds[k + 1 : k + 1 + count]))
        ),
        None,
    )
    if first is None or first == 0:
        return None, j
    rows: list[tuple[_Cell, list[_Cell], tuple[int, int]]] = []
    end = first
    k = first
    while k < len(run) and kinds[k] == _TEXT and following[k]:
        m = k + 1 + following[k]
        values = [fc.cell for fc in run[k + 1 : m]]
        rows.append((run[k].cell, values, (lines[run[k].first].start, lines[run[m - 1].last].end)))
        end = m
        k = m
    head = [fc for fc in run[:first] if fc.cell.kind != _EMPTY]
    units = [lines[fc.first] for fc in head if _unit_line(fc.cell.text) is not None]
    head = [fc for fc in head if _unit_line(fc.cell.text) is None]
    aligned = [row for row in rows if len(row[1]) == n]
    if n < 2 or len(aligned) < 2 or 2 * len(aligned) < len(rows):
        return None, j
    # the header block: N column names, maybe a corner cell (类别, 地区) and a title above
    # it; more names than that means a header of several levels, which cannot be aligned
    lex = lexicon()
    extra = len(head) - n
    known_corner = extra > 0 and clean_header(head[extra - 1].cell.text) in lex.corners
    if extra > 2 and known_corner:  # short lines above the title belong to the text
        head, extra = head[extra - 2 :], 2
    rest = head[: max(0, extra)]
    titled = bool(rest) and _TABLE_TITLE.search(rest[0].cell.text) is not None
    names = [clean_header(fc.cell.text) for fc in head[max(0, extra) :]]
    if (
        extra < 0
        or extra > 2
        or (extra == 2 and not titled)
        or (extra == 1 and not (titled or known_corner))
        or len(set(names)) < len(names)  # 合计 twice: a header of two levels
    ):
        span = (lines[run[0].first].start, lines[run[end - 1].last].end)
        return Table(span, None, None, None, False, ()), j
    header = head[extra:]
    corner_cell = None
    if extra == 2 or (extra == 1 and (known_corner or not titled)):
        corner_cell = rest[-1]
        titled = extra == 2
    corner = clean_header(corner_cell.cell.text) if corner_cell else ""
    title_lines = [lines[rest[0].first]] if titled else _lines_above(lines, i, floor)
    ctx = _context(title_lines + units, catalog)
    tops = [lines[header[0].first].start] + [line.start for line in title_lines + units]
    if corner_cell is not None:
        tops.append(lines[corner_cell.first].start)
    span = (min(tops), lines[run[end - 1].last].end)
    columns = [read_header(fc.cell.text, catalog) for fc in header]
    out: list[TableCell] = []
    for row_cell, values, row_span in aligned:
        rh = read_header(row_cell.text, catalog, place_axis=corner in lex.corner_region)
        for cell, ch in zip(values, columns, strict=True):
            if cell.kind not in (_NUM, _MASKED):
                continue
            unit = _cell_unit(ch, rh.unit, ctx.unit, catalog)
            value, base = _value(cell, unit, catalog)
            year, year_from, region, region_from = _provenance(ch, rh, ctx)
            out.append(
                TableCell(
                    char_start=cell.start,
                    char_end=cell.end,
                    value_text=cell.text,
                    value=value,
                    unit=base,
                    row_header=rh.text,
                    col_header=ch.text,
                    label=join_label(rh, ch, "", ctx.measure),
                    year=year,
                    year_from=year_from,
                    region=region,
                    region_from=region_from,
                    masked=cell.kind == _MASKED,
                    table_span=span,
                    row_span=row_span,
                    target=rh.target or ch.target,
                )
            )
    table = Table(span, ctx.title, ctx.unit_written, ctx.year, bool(out), tuple(out))
    return table, j


# --------------------------------------------------------------------------- entry points


def find_tables(text: str, catalog: Catalog | None = None) -> list[Table]:
    """Every table-like block of `text`, in order, with the cells of those that align.

    `catalog` supplies the unit table (units.yaml); the packaged one by default.
    """
    catalog = catalog or _default_catalog()
    lines = _lines(text, catalog)
    tables: list[Table] = []
    floor = 0  # lines above this belong to an earlier table
    i = 0
    while i < len(lines):
        line = lines[i]
        if _is_multi(line):
            table, nxt = _multi_block(lines, i, floor, catalog)
            if table is not None:
                tables.append(table)
                floor = nxt
            i = nxt
        elif _pipe_only(line) or _flat_piece(line, catalog) is not None:
            flat, nxt = _flat_block(lines, i, floor, catalog)
            if flat is not None:
                tables.append(flat)
                floor = nxt
                i = nxt
            else:
                # a run of short lines that is no table: resume at its last line, which may
                # be the title of a table that starts right after it
                i = max(i + 1, nxt - 1) if nxt > i + 1 else i + 1
        else:
            i += 1
    return tables


def find_table_cells(text: str, catalog: Catalog | None = None) -> list[TableCell]:
    """Figures of every table in `text` whose columns can be aligned (see the module doc)."""
    return [cell for table in find_tables(text, catalog) for cell in table.cells]


def table_spans(text: str, catalog: Catalog | None = None) -> list[tuple[int, int]]:
    """(start, end) of every table-like block, aligned or not: text the sentence extractor
    should not read figures from."""
    return [table.span for table in find_tables(text, catalog)]
