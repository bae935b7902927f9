"""HTML data tables as text: one row per line, cells separated by ' | '.

decode's HTML parser feeds each ``<table>`` into a `TableBuilder`; when the table holds
figures (cells mostly numbers, none of them paragraphs, no table nested inside) it is
rendered as text rows that `transforms.tables` can read back, with its caption and
title rows (a row holding one text) on lines of their own. Spanned cells are laid out on
a grid: a header spanning columns or rows is repeated in each of them so that every column
keeps its place and its header; a spanned figure is written once. Other tables (page
layout) are left to the parser's line-per-cell text, as before.

trafilatura renders the tables it keeps as Markdown (``| a | b |`` and ``|---|``);
`replace_markdown_tables` puts the grid rendering of the same table in their place.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise

from transforms.tables import is_number_cell

__all__ = ["RenderedTable", "TableBuilder", "replace_markdown_tables"]

# A table cell longer than this holds running text, not a figure: the table is page layout.
MAX_TABLE_CELL_CHARS = 100
# A data table has at least this share of its non-empty cells holding figures.
MIN_NUMBER_SHARE = 0.4
# A Markdown block is the same table as a rendered one when they share this share of figures.
MIN_SHARED_FIGURES = 0.6
_MAX_SPAN = 50
_WS = re.compile(r"\s+")
_RATIO_CELL = re.compile(r"^\s*\d+(?:\.\d+)?\s*[:：∶]\s*1\s*$")
_MD_SEPARATOR = re.compile(r"^\|?(?:\s*:?-{2,}:?\s*\|)+\s*:?-*:?\s*$")
SEPARATOR = " | "


@dataclass
class _HtmlCell:
    parts: list[str]
    colspan: int
    rowspan: int

    @property
    def text(self) -> str:
        return _WS.sub(" ", "".join(self.parts)).strip()


@dataclass(frozen=True)
class RenderedTable:
    """A data table as text lines, and the figures it holds (to recognise it elsewhere)."""

    lines: tuple[str, ...]
    figures: Counter[str]


def _span(value: str | None) -> int:
    try:
        return max(1, min(_MAX_SPAN, int(value or 1)))
    except ValueError:
        return 1


@dataclass
class TableBuilder:
    """The cells of one ``<table>`` as the parser meets them (missing end tags tolerated)."""

    start: int  # where the table's text begins in the parser's output
    nested: bool = False  # holds another table: page layout
    caption: list[str] = field(default_factory=list)
    rows: list[list[_HtmlCell]] = field(default_factory=list)
    in_caption: bool = False
    _row: list[_HtmlCell] | None = None
    _cell: _HtmlCell | None = None

    def start_row(self) -> None:
        self.end_row()
        self._row = []

    def start_cell(self, attrs: list[tuple[str, str | None]]) -> None:
        self.end_cell()
        if self._row is None:
            self._row = []
        values = dict(attrs)
        self._cell = _HtmlCell([], _span(values.get("colspan")), _span(values.get("rowspan")))

    def add_text(self, data: str) -> None:
        if self.in_caption:
            self.caption.append(data)
        elif self._cell is not None:
            self._cell.parts.append(data)

    def line_break(self) -> None:
        self.add_text(" ")

    def end_cell(self) -> None:
        if self._cell is not None and self._row is not None:
            self._row.append(self._cell)
        self._cell = None

    def end_row(self) -> None:
        self.end_cell()
        if self._row is not None:  # an empty <tr></tr> still takes the rowspans above it
            self.rows.append(self._row)
        self._row = None

    def render(self) -> RenderedTable | None:
        """The table as text rows when it is a data table, else None (page layout)."""
        self.end_row()
        bare = {i for i, row in enumerate(self.rows) if not row}  # only cells spanned into it
        cells = [cell.text for row in self.rows for cell in row]
        filled = [text for text in cells if text]
        figures = Counter(text for text in filled if is_number_cell(text))
        ratios = sum(1 for text in filled if _RATIO_CELL.match(text))  # 生师比 18.14:1
        if (
            self.nested
            or len(self.rows) - len(bare) < 2
            or any(len(text) > MAX_TABLE_CELL_CHARS for text in filled)
            or sum(figures.values()) < 2
            or sum(figures.values()) + ratios < MIN_NUMBER_SHARE * len(filled)
        ):
            return None
        grid = _grid(self.rows)
        if max(len(row) for row in grid) < 2:
            return None
        lines = [_WS.sub(" ", "".join(self.caption)).strip()]
        # spacer rows, and rows holding nothing but cells spanned from above, are no lines
        lines += [_row_text(row) for i, row in enumerate(grid) if any(row) and i not in bare]
        return RenderedTable(tuple(line for line in lines if line), figures)


def _grid(rows: list[list[_HtmlCell]]) -> list[list[str]]:
    """Cells laid out on a grid, spans expanded: texts repeated, figures written once."""
    placed: dict[tuple[int, int], str] = {}
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in placed:
                c += 1
            text = cell.text
            repeat = not is_number_cell(text)
            for dr in range(min(cell.rowspan, len(rows) - r)):
                for dc in range(cell.colspan):
                    first = dr == 0 and dc == 0
                    placed[(r + dr, c + dc)] = text if first or repeat else ""
            c += cell.colspan
    width = 1 + max(c for _, c in placed) if placed else 0
    return [[placed.get((r, c), "") for c in range(width)] for r in range(len(rows))]


def _row_text(row: list[str]) -> str:
    """A grid row as a line: a row of one text (title, 单位：人, a section) on its own."""
    distinct = {text for text in row if text}
    if len(distinct) == 1:
        (only,) = distinct
        if not is_number_cell(only):
            return only
    return SEPARATOR.join(row).strip()


# --------------------------------------------------------------------------- trafilatura


def _markdown_cells(line: str) -> list[str]:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") else inner
    return [_WS.sub(" ", cell).strip() for cell in inner.split("|")]


def _replacement(block: list[str], tables: list[RenderedTable]) -> list[str]:
    rows = [_markdown_cells(line) for line in block if not _MD_SEPARATOR.match(line)]
    filled = [cell for row in rows for cell in row if cell]
    figures = Counter(cell for cell in filled if is_number_cell(cell))
    total = sum(figures.values())
    if total < 2:
        return block
    best: RenderedTable | None = None
    best_shared = 0
    for table in tables:
        shared = sum((figures & table.figures).values())
        if shared > best_shared:
            best, best_shared = table, shared
    if best is not None and best_shared >= MIN_SHARED_FIGURES * total:
        return list(best.lines)
    if total < MIN_NUMBER_SHARE * len(filled):
        return block  # not a data table: left as trafilatura wrote it
    return [_row_text(row) for row in rows if any(row)]


def replace_markdown_tables(lines: list[str], tables: list[RenderedTable]) -> list[str]:
    """trafilatura's Markdown table blocks replaced by the grid rendering of the same table
    (or, when none matches, by its own rows as ' | ' lines) where the table holds figures."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        if not lines[i].startswith("|"):
            out.append(lines[i])
            i += 1
            continue
        j = i
        while j < len(lines) and lines[j].startswith("|"):
            j += 1
        for block in _markdown_tables(lines[i:j]):
            rows = _replacement(block, tables)
            if rows and out and rows[0] == out[-1]:
                rows = rows[1:]  # trafilatura wrote the caption above the table already
            out.extend(rows)
        i = j
    return out


def _markdown_tables(block: list[str]) -> list[list[str]]:
    """A run of Markdown table lines as its tables: one opens at each header line over a
    |---| line below a table's rows (trafilatura writes two tables without the caption
    between them as one run)."""
    rules = [k for k in range(len(block)) if _MD_SEPARATOR.match(block[k])]
    # (a |---| right under the header after a caption row's own is no new table: rows must
    # lie between the two)
    starts = [0] + [k - 1 for before, k in pairwise(rules) if k - 1 > before + 1]
    return [block[a:b] for a, b in zip(starts, [*starts[1:], len(block)], strict=True)]
