"""Region, year and status of each figure, from the scopes around it.

A figure is its report's unless a nearer scope says otherwise:

* region: a clause that opens with another place (其中，郑州市…; 全省…，其中农村…) or a
  place in the figure's label gives the figure that place until the end of the sentence;
  a whole-region word (全省, 全市 …) at a clause start gives it back to the report, or to
  the report's ancestor at that level (全省 in a city's report is the province);
* year: a year right before the figure (由2015年的75%提高到2018年的88%), else a year
  opening its sentence (2019年，…), else the report's;
* status: target (到2025年…, 力争, 目标) or planned (计划新建, 拟, 将) from the clause, or
  from a section whose heading announces plans (二、2021年工作打算); else achieved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from transforms.dates import DATE_IN_TEXT
from transforms.metrics import ARROW, REACHED, YEAR_IN_BRACKETS
from transforms.regions import (
    HONOUR_NAME,
    LEVEL_RANK,
    TOWN,
    WHOLE_REGION_WORDS,
    Gazetteer,
    Place,
    Region,
    ancestors,
    speaks_at,
    towns_ending,
    whole_at,
)
from transforms.scopes import (
    CLAUSE_OPENERS,
    CRUMB_TRAIL,
    HEADING,
    Anchor,
    Anchors,
    Layout,
    clause_start,
)
from transforms.years import (
    COMPARED_YEAR,
    HEADING_YEAR,
    THIS_YEAR,
    figure_year,
    last_period,
    of_previous_year,
    plan_period_end,
    year_anchors,
)

# What may come before a place or whole-region word that opens a clause (其中，郑州市…;
# 到2025年全省…)
_LEAD = re.compile(rf"(?:{CLAUSE_OPENERS})*")
# 全省 opening a clause scopes it to the whole province; 全国职业院校技能大赛 names an event
_WHOLE_RE = re.compile(f"(?:{'|'.join(WHOLE_REGION_WORDS)}){HONOUR_NAME}")
# 由86.9%提高到95.4%: the figure after 由 (or 从) is where a change started
# 由86.9%…, 由年初的342家…, 由“双减”前的143家…, 从88.6%提升至96.3%
_FROM_VALUE = re.compile(r"[由从](?:[^，,。；;]{0,8}?的)?\s*$")
_TO_VALUE = re.compile(rf"[\d.]+\s*(?:%|％|万|亿)?[^\d，,。；;]{{0,4}}?{REACHED.pattern}")
# …58.2% → 76.9%: an infographic's arrow from the value a change started from
_ARROW_AFTER = re.compile(rf"[\d.]+\s*(?:%|％|万|亿)?[\u4e00-\u9fff]{{0,2}}\s*{ARROW}\s*\d")
# 91.2%（2020年）, 3.38万人（2025年）: the year in brackets right after a figure is its own
_YEAR_AFTER = re.compile(
    rf"[\d.,]+\s*(?:%|％|‰)?[^\s\d（()）。，；;,]{{0,4}}?\s*{YEAR_IN_BRACKETS}"
)
_CLAUSE_STOP = re.compile(r"[，,；;。]")
_CLAUSE_STOP_ITEM = re.compile(r"[；;]")
# 由2011年的47.3% / 提高到2015年的86.2%: the years a change runs between, written once
_FROM_YEAR = re.compile(r"由((?:19|20)\d{2})年(?:底|末)?的")
_TO_YEAR = re.compile(r"(?<!截)(?:到|至)((?:19|20)\d{2})年(?:底|末)?的")
_REACHED_BEFORE = re.compile(rf"{REACHED.pattern}\s*$")
# A line naming an office (a site's header: 天津市静海区教育局) heads no section of a place
_OFFICE_END = re.compile(r"(?:局|委|厅|政府|办公室|中心|委员会)$")
# What says a sentence speaks of several years: 五年来, 近三年, “十四五”以来, 十三五期间,
# 前四年, 2019—2021年
_SEVERAL_YEARS = re.compile(
    r"(?:[两三四五六七八九十]|\d{1,2})年(?:来|间|以来|累计)|近(?:[两三四五六七八九十]|\d{1,2})年|以来|期间"
    r"|前[两三四五六七八九]年|(?:19|20)\d{2}\s*年?\s*[-—–~～至到]\s*(?:19|20)\d{2}"
)
# 全市平均水平（89.6%）, 承德市平均水平(84.1%), 比全国(94.8%)高…: a place's figure (its average)
# given in brackets right after its name
_AVERAGE_OF = re.compile(r"(?:平均(?:水平|值|数)?)?[（(](?=[^（）()]{0,8}\d)")
# A list page's news item opened by its place in brackets (【沂水县】沂水县秋季新增学位…): the
# place is the item's region until the next bracketed tag opens a line.
_PLACE_TAG = re.compile(r"^[ \t\u3000]*[【\[]([^】\]\n]{2,12})[】\]]", re.M)
# …or by a headline naming its place, its date on the next line (阳谷县：今年新建… ⏎ 2023-06-12)
_DATED_HEADLINE = re.compile(
    rf"^[ \t\u3000•·]*([^\n]{{4,40}})\n[ \t\u3000]*\(?{DATE_IN_TEXT.pattern}日?\)?[ \t\u3000]*$",
    re.M,
)
# …小学生师比, …中学生, 柳江区小学在校生4.12万人, 肇州县幼儿园63所: the place's pupils, the stage's
# measure or count, not a school of its name
_STAGE_MEASURE = r"(?:生|在校|专任|教职|教师|学生|学校|招生|毕业|阶段|入学|巩固|班额|生均|校数)"
_INSTITUTION_AFTER = re.compile(
    rf"(?:市|省|县|区)?(?:大学|学院|师范|职业|中学(?!{_STAGE_MEASURE}|\d)|小学(?!{_STAGE_MEASURE}|\d)"
    rf"|幼儿园(?!在园|{_STAGE_MEASURE}|\d)|一中|二中|三中|实验|第|附属|外国语|教育局|教育厅|政府|人民政府"
    r"|市委|县委|电视台|日报"
    r"|中心(?:幼儿园|小学|学校|校)|完小"  # 栋川镇中心幼儿园: a town's school
    r"|分校|校区)"
)
_TARGET = re.compile(
    # (not another's target a figure is measured against, 高于市下达的97%目标任务, nor funds
    # secured, 争取和落实教育资金5.37亿元, 争取上级资金, 争取并投入资金4860万元)
    r"力争|(?<![\d%％])目标|(?:19|20)\d{2}年(?:底|末)?前|确保|预计"
    r"|争取(?![和及、并]?(?:落实|到位|投入|上级|中央|省级|国家|各类|项目|资金|专项|债券))"
    r"|将达到|将提高|将实现|规划(?![司局院处办科所])|远景|要达到"
)
# a goal the work went after (围绕“创建教育强区”目标, 紧盯目标, 朝着…目标): no target figure
_AIMED_AT = re.compile(
    r"(?:围绕|紧扣|聚焦|紧盯|锚定|瞄准|朝着|向着|按照|对标|对照)[^，,。；;]{0,20}?目标(?!是|为|[:：])"
)
# 计划 as a verb (计划新建, 今年计划…), not in a programme's name (攻坚计划建设项目) or 按计划
_PLANNED = re.compile(
    r"(?:^|[\s，,、]|将|拟|今年|明年|年内|还|预|年|期间)计划(?!内|外|书)"
    r"|拟|将(?!近)|准备|筹建|谋划|启动建设|开工建设|下一步|明年|今后"
)
# A sentence that opens with a plan (计划完成126所…，新增学位10.8万个) plans all of it.
_PLAN_OPENING = re.compile(
    r"^\s*(?:[0-9]{4}年|[“\"]?十[一二三四五六七]五[”\"]?(?:期间|时期)?)?[，,]?\s*"
    r"(?:计划|将|拟|准备|预计|力争)"
)
_PLAN_HEADING = re.compile(
    # (not a programme's name: 学前教育三年行动计划, 特岗计划, 营养改善计划)
    r"(?<!行动)(?<!提升)(?<!攻坚)(?<!改善)(?<!振兴)(?<!特岗)(?<!培养)计划|打算|思路|安排|展望|下一步|重点工作|工作要点|主要任务|工作重点|怎么干|这样干"
    # an inspectorate's requirements (四、督导意见, 整改要求): what the county must reach
    r"|督导意见|整改要求|整改意见|整改建议"
    r"|(?:\d{4}年|年度|工作|发展|主要|总体|奋斗)目标|目标任务"
)
# 重点工作完成情况, (一)紧盯目标，狠抓落实…取得成效: a heading over results, whatever words
# …but not one that reports progress (上半年我市教育重点工作稳步推进, 二、重点工作推进情况)
# the year's main work: done in a report that sets out its plans under a later heading
_EITHER_WORK = re.compile(r"重点工作|工作重点|主要任务|工作要点")
_RESULT_HEADING = re.compile(
    r"完成情况|进展|落实情况|推进情况|开展情况|取得|成效|成绩|回顾|总结|紧盯|对标|围绕|上半年|前三季度"
    r"|现状"  # ▌主要指标进展（2020年基期→2023年现状→2025年目标）: where things stand
    r"|稳步推进|进展顺利|有序推进|扎实推进|深入推进|持续推进|顺利推进"
)


# A heading of the year ahead opens with it (2024年：办好…, 【2024这样干】) or looks out to it
# (【展望2025】), unlike a speech's title line (在2022年全市教育工作会议上的讲话)
def _heads_year(heading: str, year: int | None) -> bool:
    if year is None:
        return False
    looks_out = _LOOKS_OUT_TO.match(heading)
    return heading.startswith(str(year)) or (looks_out is not None and looks_out[1] == str(year))


_LOOKS_OUT_TO = re.compile(r"(?:展望|迈向|奋进|谋划|聚焦)\s*((?:19|20)\d{2})")


# 到2025年…: a target when the year is after the report's (截至2019年底 and 提高到2020年的
# in a 2020 report are what was reached)
_TARGET_YEAR = re.compile(r"(?<!截)(?:到|至)((?:19|20)\d{2})年")


@dataclass(frozen=True)
class FigureScope:
    """Where a figure belongs: region, year, status, and which scopes said so."""

    region: Region
    year: int | None
    status: str
    evidence: str


@dataclass
class ReportScopes:
    """The scopes of one report that figures look up."""

    text: str
    layout: Layout
    region: Region
    year: int | None
    regions: Anchors[Region]
    years: Anchors[int]
    plan_sections: Anchors[str]


def _names_institution(text: str, end: int, spans: list[tuple[int, int, str]]) -> bool:
    """Whether the place ending at `end` starts an institution's name: 郑州大学, and through
    a chain of places, 扬州邗江区教育局."""
    starts = {s: e for s, e, _ in spans}
    while end in starts:
        end = starts[end]
    return _INSTITUTION_AFTER.match(text, end) is not None


def _region_of(place: Place) -> Region:
    return Region(place.name, place.code, place.level, False)


def _ancestor_at(region: Region, level: str, gazetteer: Gazetteer) -> Region | None:
    if level == "national":
        return Region("全国", None, "national", False)
    place = gazetteer.by_name.get(region.name or "")
    seen: set[str] = set()
    while place is not None and place.name not in seen:
        seen.add(place.name)
        if whole_at(place.name, place.level, level):
            return _region_of(place)
        place = gazetteer.by_name.get(place.parent) if place.parent else None
    return None


def _named_before(
    text: str,
    spans: list[tuple[int, int, str]],
    lo: int,
    pos: int,
    level: str,
    gazetteer: Gazetteer,
) -> Region | None:
    """The place of `level` named last before `pos` in its paragraph: what 全市 means in a
    province's news on its cities (济南市2022年…。全市新建、改扩建幼儿园52所)."""
    for s_start, _, name in reversed(spans):
        if s_start >= pos:
            continue
        if s_start < lo:
            break
        place = gazetteer.by_name[name]
        if whole_at(place.name, place.level, level):
            return _region_of(place)
    return None


def _bracket_end(text: str, start: int) -> int:
    """Where the bracket open at `start` closes, or -1."""
    return min((i for i in (text.find(c, start) for c in "）)") if i >= 0), default=-1)


def _opens_clause(text: str, start: int, lay: Layout) -> int | None:
    """Where the scope of a place opening a clause at `start` ends: the end of its sentence,
    or of its bracket (高于全国平均水平（全国为95.2%）); None when it opens no clause."""
    if start and text[start - 1] in "（(" and (close := _bracket_end(text, start)) >= 0:
        return close
    if start and text[start - 1] == "、" and _ITEM_BEFORE.search(text, max(0, start - 12), start):
        # 肇州县幼儿园63所、肇源县幼儿园58所: the next place's item of a list of figures
        return lay.sentence_bounds(start)[1]
    clause = clause_start(text, start, lay.paragraph_start(start))
    # fullmatch: 2024年 read as list numbers 202 and 4 leaves 年 over, so a first match that
    # stops short is no answer
    if _LEAD.fullmatch(text, clause, start) is None:
        return None
    end = lay.sentence_bounds(start)[1]
    if text.endswith("其中", 0, start):
        # …新增学位2.35万个，其中澧县新增学位4260个；学前三年毛入园率…: a part of the figure
        # before it, named in passing, to the end of its item
        semicolon = text.find("；", start, end)
        return end if semicolon < 0 else semicolon
    return end


# what follows a town's name to make a place within it, or one of a list (西安镇园河村、…)
_IN_THE_TOWN = re.compile(r"[\u4e00-\u9fff]{1,4}(?:村|社区|居委会)|、")
_ITEM_BEFORE = re.compile(r"\d\s*(?:万|亿)?[\u4e00-\u9fff%％]{0,2}、$")
_TOPIC_END = re.compile(r"\s*[，,：:]")
_MAX_TOPIC = 16
_DIGIT = re.compile(r"\d")
# What a place is compared with follows these (高于全市, 比全省, 高于台州全市平均水平)
# (…高于台州全市平均水平（全市98.65%）: the whole in the average's bracket too)
_COMPARED_WITH = re.compile(
    r"(?:(?:高于|低于|超过|超出|比|较)[\u4e00-\u9fff]{0,3}|平均(?:水平|值|数)?[（(])$"
)
# …高于全国91.1%的平均水平: the whole's figure right after its name, of its average
_WHOLES_FIGURE = re.compile(r"\s*\d+(?:\.\d+)?\s*[%％](?=的?(?:平均)?水平)")
# 全国为95.4%, 全省是88%: the whole's own figure right after its name
_STATED_AS = re.compile(r"(?:为|是)\s*\d")


def _topic_clause(text: str, start: int, end: int, lay: Layout) -> int | None:
    """Where the scope of a place that ends a clause of its own ends (同处六安市的霍山县，学前
    教育毛入园率已达到95.6%…): the end of its sentence; None when the place is no such topic."""
    topic = _TOPIC_END.match(text, end)
    if topic is None:
        return None
    clause = clause_start(text, start, lay.paragraph_start(start))
    if end - clause > _MAX_TOPIC or _DIGIT.search(text, clause, end):
        return None
    # the place alone or with a modifier (…的霍山县), not a list's item or a clause's object
    # (眉县隶属宝鸡市，辖8个镇)
    before = text[clause:start].strip()
    if (before and not before.endswith("的")) or text[clause - 1 : clause] in ("、", "和", "及"):
        return None
    return lay.sentence_bounds(start)[1]


def _list_items(text: str, gazetteer: Gazetteer) -> list[tuple[int, int, Place, str]]:
    """(start, end, place, evidence) of a list page's items that name their place: a
    bracketed tag opening a line (【沂水县】), or a dated headline opening with the place.
    Each item ends where the next item of either kind opens."""
    heads: list[tuple[int, Place | None, str]] = []
    for m in _PLACE_TAG.finditer(text):
        heads.append((m.start(), gazetteer.by_name.get(m.group(1)), m.group(0).strip()))
    for m in _DATED_HEADLINE.finditer(text):
        headline = m.group(1)
        spans = gazetteer.find_spans(headline)
        opening = spans[0] if spans and spans[0][0] == 0 else None
        # (泰州市海陵区教育局: the last of the places written one after another, the most local)
        for span in spans[1:]:
            if opening is None or span[0] != opening[1]:
                break
            opening = span
        place = gazetteer.by_name.get(opening[2]) if opening else None
        heads.append((m.start(1), place, headline[:20]))
    heads.sort(key=lambda h: h[0])
    items = []
    for k, (start, place, evidence) in enumerate(heads):
        if place is not None:
            end = heads[k + 1][0] if k + 1 < len(heads) else len(text)
            items.append((start, end, place, evidence))
    return items


def report_scopes(
    text: str,
    lay: Layout,
    region: Region,
    year: int | None,
    gazetteer: Gazetteer,
    this_year: int | None = None,
) -> ReportScopes:
    """Region, year and plan scopes of a report (`this_year`: see years.year_anchors)."""
    regions: Anchors[Region] = Anchors()
    for start, end, place, evidence in _list_items(text, gazetteer):
        if place.name != region.name:
            regions.add(Anchor(start, end, _region_of(place), "item", evidence))
    for h in lay.sections:
        # 二、同心县反馈意见: a section headed by a place is about it (a page on two counties)
        heading = text[h.start : h.end]
        number = HEADING.match(heading)
        title = heading[number.end() if number else 0 :].strip()
        named = gazetteer.find_spans(title)
        opening = named[:1]
        if (
            opening
            and opening[0][0] == 0
            and opening[0][1] < len(title)
            and region.name not in {n for _, _, n in named}  # 天津市静海区教育局 over 静海区's
            and not _OFFICE_END.search(title)
            and not CRUMB_TRAIL.search(title)  # 莆田网 > 教育 > 正文: the site, not a section
        ):
            place = gazetteer.by_name[opening[0][2]]
            if place.name != region.name and not _names_institution(title, opening[0][1], opening):
                where = _region_of(place)
                regions.add(Anchor(h.start, lay.section_end(h.start), where, "heading", title[:20]))
    spans = gazetteer.find_spans(text)
    for k, (start, end, name) in enumerate(spans):
        if k + 1 < len(spans) and spans[k + 1][0] == end:
            inner = gazetteer.by_name[spans[k + 1][2]]
            if gazetteer.by_name[name] in ancestors(inner, gazetteer):
                continue  # 截至2024年底，吴忠市利通区共有…: the place within it, written after it
        s_start, s_end = start, _opens_clause(text, start, lay)
        if average := _AVERAGE_OF.match(text, end):
            # 高于承德市平均水平(84.1%): the bracket holds that place's figure
            s_start, s_end = average.end(), _bracket_end(text, average.end())
            s_end = None if s_end < 0 else s_end
        if s_end is None:
            s_end = _topic_clause(text, start, end, lay)
        if s_end is None or _names_institution(text, end, spans):
            continue
        place = gazetteer.by_name[name]
        if place.name == region.name:
            continue
        regions.add(Anchor(s_start, s_end, _region_of(place), "clause", text[start:end]))
    taken = [(a, b) for a, b, _ in spans]
    for end, starts in towns_ending(text):
        # 其中周溪镇公办园在园幼儿占比仅31.2%, 倴城镇：共有幼儿园21所: a town opening its clause
        # (the longest name a clause's lead leaves: 周溪镇, not 中周溪镇)
        if _names_institution(text, end, []) or _IN_THE_TOWN.match(text, end):
            continue  # 科尔沁镇第一小学, 西安镇园河村、三河镇…: a school's or a village's name
        for start in starts:
            if any(a < end and start < b for a, b in taken):
                break  # a listed place's name (九江 in 九江市…)
            s_end = _opens_clause(text, start, lay)
            if s_end is not None:
                # to its sentence's end or its item's (…城关镇部分小学班额偏大；二是…)
                item = _CLAUSE_STOP_ITEM.search(text, end, s_end)
                s_end = item.start() if item else s_end
                town = Region(text[start:end], None, TOWN, False)
                regions.add(Anchor(start, s_end, town, "clause", town.name or ""))
                break
    for m in _WHOLE_RE.finditer(text):
        s_end = _opens_clause(text, m.start(), lay)
        start = m.start()
        if average := _AVERAGE_OF.match(text, m.end()):
            # 高于全市平均水平（89.6%）: the bracket holds the whole's figure
            start, s_end = average.end(), _bracket_end(text, average.end())
            s_end = None if s_end < 0 else s_end
        elif (
            s_end is None
            and (figure := _WHOLES_FIGURE.match(text, m.end()))
            and _COMPARED_WITH.search(text, max(0, m.start() - 6), m.start())
        ):
            # 高于全国91.1%的平均水平: the whole's figure, right after its name
            start, s_end = m.end(), figure.end()
        if s_end is None:
            continue
        if (text.startswith("平均", m.end()) or _STATED_AS.match(text, m.end())) and (
            digit := _DIGIT.search(text, m.end(), s_end)
        ):
            # …普惠性幼儿园覆盖率88.3%，全市平均为86.1%；公办园…: the average's own clause;
            # …巩固率98.63%，全国为95.4%；高中阶段毛入学率…: the whole's figure, compared with
            stop = _CLAUSE_STOP.search(text, digit.end(), s_end)
            s_end = stop.start() if stop else s_end
        level = WHOLE_REGION_WORDS[m.group(0)]
        # 二、同心县反馈意见 … 全县: the whole of the place the section is about
        section = regions.at(start)
        own = region
        if section is not None and section.scope == "heading" and section.value is not None:
            own = section.value
        # 高于全市（99.81%）in a county-level city's report: the city it is in, not itself
        above = own.level != level and _COMPARED_WITH.search(text, max(0, m.start() - 6), m.start())
        if own.name is None or (level in speaks_at(own.name, own.level) and not above):
            target: Region | None = own
        else:
            target = _ancestor_at(own, level, gazetteer) or _named_before(
                text, spans, lay.paragraph_start(start), start, level, gazetteer
            )
        if target is None:
            continue
        regions.add(Anchor(start, s_end, target, "clause", m.group(0)))
    plans: Anchors[str] = Anchors()
    planned = []
    for h in lay.sections:
        heading = text[h.start : h.end].strip()
        heading_years = [int(y) for y in HEADING_YEAR.findall(heading)]
        if (
            _PLAN_HEADING.search(heading)
            and not _RESULT_HEADING.search(heading)
            # 【2023年，这样干】 in a report on 2023: how that year went, not a plan
            and not (heading_years and year is not None and max(heading_years) <= year)
        ):
            # (三、重点工作 before 四、2023年工作思路: the year's main work, done)
            plain = bool(heading_years) or bool(_PLAN_HEADING.search(_EITHER_WORK.sub("", heading)))
            planned.append((h, heading, plain))
    for k, (h, heading, plain) in enumerate(planned):
        if plain or not any(later for _, _, later in planned[k + 1 :]):
            plans.add(Anchor(h.start, lay.section_end(h.start), "planned", "heading", heading[:30]))
    years = year_anchors(text, lay, this_year, year)
    return ReportScopes(text, lay, region, year, regions, years, plans)


_DESTINATION = re.compile(
    r"赴|前往|奔赴|远赴|(?<![达提升增降])到(?=[\u4e00-\u9fff]{2,8}(?:省|市|县|区|州))"
)


def figure_scope(scopes: ReportScopes, start: int, label: str, gazetteer: Gazetteer) -> FigureScope:
    """Region, year and status of the figure at `start` with this label."""
    text = scopes.text
    why: list[str] = []
    region = scopes.region
    spans = gazetteer.find_spans(label)
    # (选派42名骨干教师赴西宁、北京跟岗研修: where they went, not whose teachers they are)
    went = _DESTINATION.search(label)
    label_places = [
        n
        for s, e, n in spans
        if not _names_institution(label, e, spans) and (went is None or s < went.start())
    ]
    anchor = scopes.regions.at(start)
    if label_places:
        # 四川凉山州雷波县入园率: the most local place the label names
        place = max((gazetteer.by_name[n] for n in label_places), key=lambda p: LEVEL_RANK[p.level])
        if place.name != region.name:
            region = _region_of(place)
            why.append(f"region from label «{label}»")
    elif anchor is not None and anchor.value is not None:
        region = anchor.value
        if region != scopes.region:
            why.append(f"region from {anchor.scope} «{anchor.evidence}»")
    s_start, _ = scopes.layout.sentence_bounds(start)
    c_start = clause_start(text, start, s_start)
    before_clause = text[c_start:start]
    before_sentence = text[s_start:start]
    year = scopes.year
    after = _YEAR_AFTER.match(text, start)
    own = int(after[1]) if after else figure_year(text[max(s_start, start - 24) : start])
    y_anchor = scopes.years.at(start)
    if own is not None:
        year = own
        where = f"«{own}» in brackets after it" if after else f"«{own}年» before it"
        why.append(f"year from {where}")
    elif y_anchor is not None and y_anchor.value is not None:
        year = y_anchor.value
        if year != scopes.year:
            why.append(f"year from sentence «{y_anchor.evidence}»")
    if own is None and year is not None and of_previous_year(text[s_start:start]):
        year -= 1
        why.append("year before its sentence's: «上年的»")
    elif own is None and (
        (_FROM_VALUE.search(before_clause) and _TO_VALUE.match(text, start))
        or _ARROW_AFTER.match(text, start)  # 公办园在园幼儿占比 58.2% → 76.9%
    ):
        # 毛入学率由86.9%提高到95.4%: the value it rose from, of the year the sentence compares
        # with (与2020年相比，…由0.536下降到0.418) or of the period it opens with (2020年至2024年，
        # …由97.6%提高到99.3%), else of no year it gives
        compared = COMPARED_YEAR.findall(before_sentence)
        period = last_period(before_sentence)
        # …由2011年的47.3%提高到2015年的86.2%；巩固率由89.6%…: the same years as the one before
        parallel = _FROM_YEAR.findall(before_sentence)
        year = (
            int(compared[-1])
            if compared
            else (period[0] if period else (int(parallel[-1]) if parallel else None))
        )
        why.append(f"the value a change started from (由…到…), year {year or 'not given'}")
    elif (
        own is None
        and _REACHED_BEFORE.search(before_clause)
        and (parallel := _TO_YEAR.findall(before_sentence))
    ):
        # …提高到2015年的86.2%；义务教育巩固率由89.6%提高到94.1%: the year the change before
        # reached, the sentence's
        year = int(parallel[-1])
        why.append(f"the year the change before it reached «{year}年»")
    if own is None and "累计" in before_clause and _SEVERAL_YEARS.search(before_sentence):
        # 五年来，全市累计投入教育资金212亿元: a total over several years, no one year's figure
        year = None
        why.append("a total over several years (…年来…累计)")
    status = "achieved"
    ahead = own is None and scopes.year is not None and year is not None and year > scopes.year
    future = [
        int(m.group(1))
        for m in _TARGET_YEAR.finditer(before_sentence)
        if scopes.year is not None and int(m.group(1)) > scopes.year
    ]
    # (紧紧围绕“创建教育强区”目标，全区…毛入园率达到90.5%: the goal the work served)
    aimed = [_AIMED_AT.sub("", before) for before in (before_sentence, before_clause)]
    if future or any(_TARGET.search(before) for before in aimed):
        status = "target"
        if future and future[-1] != year:
            year = future[-1]
            why.append(f"target year «{year}年»")
    elif _PLANNED.search(before_clause) or _PLAN_OPENING.match(before_sentence):
        status = "planned"
        if (end := plan_period_end(before_sentence)) and scopes.year and end > scopes.year:
            year = end  # “十四五”期间计划新建…40所: by the end of the period
            why.append(f"planned for the period ending {end}")
    elif ahead and _PLANNED.search(before_sentence):
        # 关于2023年的工作，报告提出，将新建…25所，新增学位1.2万个: the whole list is planned
        status = "planned"
    elif own is None and y_anchor is not None and y_anchor.scope == THIS_YEAR:
        # 二、今年重点…: in a report given as a year opens, what it says of that year is a plan
        status = "planned"
    elif (
        ahead
        and y_anchor is not None
        and y_anchor.scope == "heading"
        and _heads_year(y_anchor.evidence.lstrip("【["), year)
    ):
        # 2024年：办好人民满意的教育, in a report on 2023: the part on the year ahead (not the
        # title line 在2022年全市教育工作会议上的讲话 of a speech on 2021)
        status = "planned"
        why.append(f"heading of a later year «{y_anchor.evidence}»")
    else:
        plan = scopes.plan_sections.at(start)
        if plan is not None and plan.value:
            status = "planned"
            why.append(f"plan section «{plan.evidence}»")
    return FigureScope(region, year, status, "; ".join(why))
