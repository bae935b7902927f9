"""Figures from table cells: indicator from the row and column headers, region and year from
the header that names one (transforms/tables.py finds the cells)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from transforms.catalog import Catalog
from transforms.indicators import Resolution, measure_of, resolve
from transforms.metrics import MetricMention
from transforms.regions import TOWN, WHOLE_REGION_WORDS, Gazetteer, Region, is_town
from transforms.scopes import Anchor
from transforms.stages import stage_matcher
from transforms.table_headers import WORDED_NUMBER
from transforms.tables import Table, TableCell


@dataclass(frozen=True)
class TableFigure:
    """A table cell as a figure, with the region and year its headers give."""

    mention: MetricMention
    region: Region
    year: int | None
    evidence: str
    status: str = "achieved"
    """'target' for a column of targets (2020年规划目标, 2025年（目标）, 预期值)."""


def _town(header: str | None) -> Region | None:
    """A town's or a sub-district's row (东台镇, 东华街道; not 其他乡镇): that place's."""
    return Region(header, None, TOWN, False) if header and is_town(header, prose=False) else None


def _region(header: str | None, gazetteer: Gazetteer) -> Region | None:
    if not header:
        return None
    if header in ("全国", "全国合计", "全国总计"):
        return Region("全国", None, "national", False)
    spans = gazetteer.find_spans(header)
    if not spans:
        return None
    _, _, name = spans[0]  # (唐山镇 is found as no place: regions.names_a_town)
    place = gazetteer.by_name[name]
    return Region(place.name, place.code, place.level, False)


# A total row of the table's own region: 全市 (WHOLE_REGION_WORDS), 合计, 全县总计
# 注：本表不含普通高等学校 (said of this table; a bulletin's 数据不含驻淄高校 is its convention)
_EXCLUDING = re.compile(
    r"(?:本表|该表|表中)[^。；\n]{0,10}?(?:不含|不包括|未含|未包括)[^。；\n]{0,20}"
)
_NOTE_REACH = 120  # a note this far above a table's header speaks of it…
# …unless it is the note under the table before it
_NOTE_BELOW = re.compile(r"\s*(?:注|说明|备注)[^\n]*")
_TOTAL_ROW = re.compile(r"(?:合计|总计|小计|总)$")
_UNIT_NOTE = re.compile(r"[（(][^（）()]{0,8}[）)]\s*$")


def _measure_header(row: str, col: str, cell: TableCell) -> str:
    """The header naming what is measured when the other one names a region or a year
    (幼儿园（所） in a table with one column per county)."""
    if cell.region_from == "column" or cell.year_from == "column":
        header = row
    elif cell.region_from == "row" or cell.year_from == "row":
        header = col
    else:
        return ""
    return _UNIT_NOTE.sub("", header or "").strip()


def _stage_measured(
    label: str,
    found: Resolution,
    measured: str,
    unit: str,
    title: str,
    catalog: Catalog,
    title_stage: Anchor[str] | None,
) -> tuple[str, Resolution]:
    """A stage's cell under the measure its block or its table's title names (小学 under
    在校学生数合计 → 小学在校学生数): that label and its code, when the catalog has one and the
    bare label's does not fit the cell's unit; else the label and code it had."""
    again = resolve(measured, unit, "level", title, "", catalog, title_stage)
    fits = catalog.indicator(found.code) if found.code else None
    if again.code and (fits is None or unit not in fits.accepted_units):
        return measured, again
    return label, found


def table_figures(
    text: str,
    tables: list[Table],
    catalog: Catalog,
    gazetteer: Gazetteer,
    region: Region,
    year: int | None,
) -> list[TableFigure]:
    """One figure per numeric cell of the aligned tables."""
    out: list[TableFigure] = []
    stages = stage_matcher(catalog)
    above = 0  # where the text above a table starts: after the table before it
    for table in tables:
        title = table.title or ""
        # 注：本表不含普通高等学校 above its header: the table's total row is not the region's
        # all-stage total (a note under the table before it speaks of that one; a note under
        # a table is mostly of minor parts, 不含技工学校, and is not read)
        excluding = _EXCLUDING.search(title) or _EXCLUDING.search(
            text, max(above, table.span[0] - _NOTE_REACH), table.span[0]
        )
        below = _NOTE_BELOW.match(text, table.span[1])
        above = below.end() if below else table.span[1]
        # 各市州普通小学基本情况: the stage of the title line nearest the table is the stage of
        # every cell (a yearbook's part title above it, 基础教育, is wider)
        named = [part for part in title.split() if stages.find(part)]
        stage, _ = stages.stage_of(named[-1]) if named else (None, False)
        title_stage = Anchor(0, len(text), stage, "table title", title) if stage else None
        # 表2 资源配置七项指标达标情况（初中）: the stage names the series of its stageless rows
        cue = next((st.name for st in catalog.stages if st.code == stage), "")
        coded: set[tuple[str, str | None, int | None, str]] = set()
        group: tuple[str, str] | None = None  # (measure, unit) of the last 合计 row
        for cell in table.cells:
            # the header that is not the county or year one (幼儿园（所）), else the tables
            # module's label (row and column headers joined)
            header = _measure_header(cell.row_header, cell.col_header, cell)
            # the tables module's label when it is the header and more: the section above the
            # row (普通中学 under 专任教师 → 普通中学专任教师), the stage of the column before it
            # (小学 over 当阳市 × 生均教学仪器设备值 → 小学生均教学仪器设备值)
            first = (
                (cell.label, header)
                if header
                and (
                    cell.label.startswith(header)
                    or (
                        cell.label.endswith(header)
                        and stages.alone(cell.label[: -len(header)]) != ""
                    )
                )
                else (header, cell.label)
            )
            labels = [x for x in dict.fromkeys(first) if x] or [""]
            # a column without a unit (学校数, 毛入学率) takes its indicator's unit
            tried = [
                (x, resolve(x, cell.unit, "change_pct", title, "", catalog, title_stage))
                for x in labels
            ]
            label, found = next(((x, f) for x, f in tried if f.code), tried[0])
            row_head = _UNIT_NOTE.sub("", cell.row_header or "").strip()
            total_row = _TOTAL_ROW.search(row_head)
            of_total = cell.row_header[: total_row.start()] if total_row and cell.row_header else ""
            if WORDED_NUMBER.match(text[cell.row_span[0] : cell.row_span[1]].lstrip()):
                # 二、在校学生数 | 人 | 28463 over 小学 | 人 | 12361: a numbered block's total row
                of_total = row_head
            if found.code and of_total and (group is None or group[0] != of_total):
                # 在校学生数合计（含在园幼儿） 人: the rows below it are its parts, by stage (the
                # unit of its first figure: not that of a growth column after it, 1.5 %)
                group = (of_total, cell.unit)
            elif group and group[1] == cell.unit and stages.alone(label):
                #   小学  人  53218 under it: 小学在校学生数
                measured = stages.alone(label) + group[0]
                label, found = _stage_measured(
                    label, found, measured, cell.unit, title, catalog, title_stage
                )
            elif label and stages.alone(label) == label and (measure := measure_of(title, catalog)):
                # 19-3 历年中小学在校学生数 | 年份 | 小学 | 普通中学: the title names what its stage
                # columns count (a bare 小学 in 人 is no count of schools)
                measured = label + title[measure[1] : measure[2]]
                label, found = _stage_measured(
                    label, found, measured, cell.unit, title, catalog, title_stage
                )
            if cue and label and not found.code and not stages.find(label):
                label = cue + label
            ind = catalog.indicator(found.code) if found.code else None
            unit = cell.unit
            code = None
            if ind is not None:
                if not unit:
                    unit = ind.unit
                if unit in ind.accepted_units:
                    code = ind.code
                    unit = ind.unit
            why = [f"table cell «{label}»"]
            # (a town's whole name first: 银河南路街道 holds 河南 but is no province)
            row_place = _town(cell.region) or _region(cell.region, gazetteer)
            where = row_place or region
            # a row of a place the gazetteer lacks (开发区, 高新区): its figures are kept, but they
            # are not the report's region's, so they name no series of it
            row_head = cell.region or ""
            total = row_head in WHOLE_REGION_WORDS or _TOTAL_ROW.search(row_head) is not None
            elsewhere = row_place is None and bool(row_head) and not total
            if where != region:
                why.append(f"region from the {cell.region_from} header «{cell.region}»")
            cell_year = cell.year or year
            if cell.year and cell.year != year:
                why.append(f"year from the {cell.year_from} header")
            row = text[cell.row_span[0] : cell.row_span[1]]
            value = cell.value
            plausible, reason = True, None
            if ind is not None and code and value is not None:
                reason = ind.range_reason(value, where.level)
                plausible = reason is None
            if elsewhere:
                code = None
                why.append(f"a row of «{cell.region}», a place the gazetteer lacks")
            elif excluding and where == region and ind is not None and ind.stage == "all" and code:
                code = None
                why.append(f"a table «{excluding.group(0)}…»: not every stage's total")
            mention = MetricMention(
                label=label,
                value=value,
                unit=unit,
                value_text=cell.value_text,
                kind="level",
                qualifier=None,
                masked=cell.masked,
                sentence=row,
                char_start=cell.char_start,
                char_end=cell.char_end,
                indicator=code,
                plausible=plausible,
                plausibility_reason=reason,
                evidence=found.evidence,
                stage=found.stage,
                nameable=found.nameable and code is None and not elsewhere,
            )
            status = "achieved"
            if cell.target:
                status = "target"
                why.append("a column of targets")
            key = (code or "", where.name, cell_year, status)
            if code is not None and key in coded:
                # 中等职业学校 … ⏎ #普通中专 / 技工学校 …: a row of a part of the stage after the
                # stage's own row gives the same code again; the first row holds it
                mention = replace(mention, indicator=None, nameable=True)
                why.append(f"a part of the row above with {code}")
            elif code is not None:
                coded.add(key)
            out.append(TableFigure(mention, where, cell_year, "; ".join(why), status))
    return out
