"""The measure a figure takes from the text it sits in, when its own label names only a
stage or the place itself: the measure before a colon or on the line opening a list
(…教师数：小学5.62人、初中6.48人; …生均一般公共预算教育经费情况是： ⏎ （一）幼儿园为13268.41元),
a standard's clause (学前三年毛入园率国家标准≥85%，我县达到97.32%), or the heading of its
numbered item (（二）每百名学生拥有县级以上骨干教师数。…差异系数小学为0.41).

transforms.neighbours reads the figures beside a figure; these rules read the text's
structure. transforms.extract applies both, in order, after a figure's own resolution.
"""

from __future__ import annotations

import re
from dataclasses import replace

from transforms.catalog import Catalog
from transforms.indicators import PER_HEAD_WORDS, resolve
from transforms.metrics import STAGE_LABEL_TAIL, MetricMention
from transforms.regions import Gazetteer
from transforms.scopes import LIST_NUMBER, Layout
from transforms.stages import stage_matcher

# What a measure's name ends with (…教师数, …毛入园率, …面积, …设备值, …经费, 大班额比例)
MEASURE_HEAD = r"(?:数|率|面积|值|经费|额|比例|占比|比|班额)"

PEOPLE_HEAD = r"(?:教师|教职工|在校生|学生|幼儿|毕业生|招生)"

# 1.每百名学生拥有高于规定学历教师数：小学5.62人、初中6.48人: a measure, a colon, then its
# value for each stage (the opening list number aside)
# (or a kind of person counted, 专任教师：幼儿园1035人…, after 分学段 perhaps)
_LISTED_MEASURE = re.compile(
    rf"^[\s\u3000]*(?:{LIST_NUMBER}\s*)?(?:[全我][省市县区旗])?(?:分学段|按学段|分阶段|各学段)?"
    rf"(?P<measure>[^，。；：:,;]{{2,30}}?(?:{MEASURE_HEAD}|{PEOPLE_HEAD}))"
    r"(?:分别(?:为|是|达到?))?[：:]"  # (各学段毛入学(园)率分别为：学前三年89.2%、小学…)
    r"(?P<items>(?:[^，。；,;]|(?<=\d),(?=\d{3}))*)$"  # 小学2,684元、
)

_RESPECTIVE_TAIL = re.compile(rf"(?:分别|依次)?{STAGE_LABEL_TAIL.pattern}")


def item_of_listed_measure(
    m: MetricMention, text: str, lay: Layout, catalog: Catalog, gazetteer: Gazetteer
) -> MetricMention:
    """A figure labelled by a stage alone after «measure：» (…教师数：小学5.62人、初中6.48人)
    is that stage's measure; named as such when the catalog has no code for it. So is one
    labelled by a place alone (分县看，义务教育在校生分别为：原州区6.11万人、西吉县4.36万人)."""
    cues = stage_matcher(catalog).cues
    stage = m.label.removesuffix("学校") in cues
    places = gazetteer.find_spans(m.label)
    # (a place, perhaps with the list's measure already after it: 原州区义务教育在校生分别为)
    place = m.label[: places[0][1]] if len(places) == 1 and places[0][0] == 0 else ""
    if m.indicator is not None or not (stage or place):
        return m
    start, _ = lay.sentence_bounds(m.char_start)
    # …教师数：小学5.62人、初中5.91人；骨干教师数：小学1.24人…: each measure opens its part
    # (分县（区）看，义务教育在校生分别为：…: so does the clause before its colon)
    colon = max(text.rfind("：", start, m.char_start), text.rfind(":", start, m.char_start))
    start = max(start, *(text.rfind(mark, start, max(colon, start)) + 1 for mark in "；;，,"))
    found = _LISTED_MEASURE.match(text[start : m.char_start])
    # (the stage alone, or with its verb: 小学为0.382)
    if stage and found and STAGE_LABEL_TAIL.sub("", found["items"]).endswith(m.label):
        measure = found["measure"]
    elif stage:
        if (introduced := _introduced_measure(m, text, lay)) is None:
            return m
        measure = introduced
    elif (
        found
        and found["items"].endswith(place)
        and _RESPECTIVE_TAIL.sub("", m.label[len(place) :]) in ("", found["measure"])
    ):
        measure = found["measure"]
        return _measured(m, place + measure, f"«{measure}» listed by place", catalog)
    else:
        return m
    # 专任教师数：幼儿园1035人 → preschool_teachers
    return _measured(m, m.label + measure, f"«{measure}» listed by stage", catalog)


def _measured(m: MetricMention, label: str, evidence: str, catalog: Catalog) -> MetricMention:
    """The figure under the label its context gives it, with the code the catalog has for that
    label, or named by it when there is none."""
    found = resolve(label, m.unit, m.kind, m.sentence, "", catalog, None)
    return replace(
        m,
        label=label,
        indicator=found.code,
        stage=found.stage,
        evidence=evidence,
        nameable=found.code is None and m.kind in ("level", "ratio"),
    )


# An item of a list opened by a line naming the measure (…生均一般公共预算教育经费情况是： ⏎
# （一）幼儿园为13268.41元，…)
_INTRO_MEASURE = re.compile(
    rf"(?P<measure>[\u4e00-\u9fff]{{2,30}}?{MEASURE_HEAD})(?:情况)?(?:是|如下|为)?[：:]\s*$"
)
_INTRO_REACH = 8  # lines
_ITEM_START = re.compile(rf"[\s\u3000]*{LIST_NUMBER}\s*")  # （一）, 1., 一、 … opening a line


def _introduced_measure(m: MetricMention, text: str, lay: Layout) -> str | None:
    """The measure the line introducing the numbered item that holds `m` names, from its
    per-head word on (…、中等职业学校生均一般公共预算教育经费情况是：)."""
    line = lay.paragraph_start(m.char_start)
    item = _ITEM_START.match(text, line)
    if item is None or not text.startswith(m.label, item.end()):
        return None
    for _ in range(_INTRO_REACH):
        if line == 0:
            return None
        line = lay.paragraph_start(line - 1)
        end = text.find("\n", line)
        intro = text[line : len(text) if end < 0 else end]
        if found := _INTRO_MEASURE.search(intro):
            # the stages listed before the measure taken off (…中等职业学校生均…经费)
            measure = found.group("measure")
            per_head = [measure.rfind(w) for w in PER_HEAD_WORDS if w in measure]
            return measure[max(per_head) :] if per_head else measure
        if not _ITEM_START.match(intro):
            return None  # only the list's items between the figure and the line opening it
    return None


# A self-evaluation's own value set against a standard, its subject only the place itself
# and perhaps a stage (我县达到97.32%; 我区小学为5.46人), or a stage alone (初中为6.82人)
_OWN_VALUE = re.compile(
    r"^(?P<self>(?:我|本|全)(?:省|市|州|盟|县|区|旗))?(?P<stage>[\u4e00-\u9fff]{0,4}?)"
    r"(?:为|是|达到|达)?$"
)
_SELF_BEFORE = re.compile(r"(?:我|本|全)(?:省|市|州|盟|县|区|旗)(?:为|是|达到|达)?$")
# …the measure opening the standard's clause (学前三年毛入园率国家标准≥85%)…
_STANDARD_OF = re.compile(
    rf"(?P<measure>[\u4e00-\u9fff]{{2,30}}?{MEASURE_HEAD})(?:国家|省定|省级|市定)?(?:标准|要求)"
)
# …or heading its numbered item (1.每百名学生拥有高于规定学历教师数。国家要求…)
_ITEM_MEASURE = re.compile(
    rf"{_ITEM_START.pattern}(?P<measure>[\u4e00-\u9fff、（）()]{{4,30}}?{MEASURE_HEAD})[。：:]"
)


def measure_against_standard(
    m: MetricMention, text: str, lay: Layout, catalog: Catalog
) -> MetricMention:
    """A figure whose subject is only the place itself, or a stage, where a self-evaluation
    sets its value against a standard: it measures what the standard's clause or the numbered
    item's heading names (学前三年毛入园率国家标准≥85%，我县达到97.32%)."""
    own = _OWN_VALUE.match(m.label)
    if m.indicator is not None or own is None:
        return m
    # the label may have lost its place word (我县 opens a label only to be stripped)
    itself = own.group("self") or _SELF_BEFORE.search(text, max(0, m.char_start - 8), m.char_start)
    if not (itself or own.group("stage")):
        return m
    stage = own.group("stage")
    if stage and stage not in stage_matcher(catalog).cues:
        return m
    start, _ = lay.sentence_bounds(m.char_start)
    measures = [
        found.group("measure") for found in _STANDARD_OF.finditer(text, start, m.char_start)
    ]
    if measures and itself:
        measure, why = measures[-1], "the measure its standard's clause names"
    elif item := _ITEM_MEASURE.match(text, lay.paragraph_start(m.char_start)):
        measure, why = item.group("measure"), "the measure its numbered item names"
    else:
        return m
    return _measured(m, stage + measure, f"{why}: «{measure}»", catalog)


def coefficient_of_the_item(
    m: MetricMention, text: str, lay: Layout, catalog: Catalog
) -> MetricMention:
    """A bare 差异系数 in a numbered item about one resource (（二）每百名学生拥有县级以上骨干
    教师数。…差异系数小学为0.41，初中为0.33) is that resource's coefficient, not the stage's
    composite one."""
    ind = catalog.indicator(m.indicator or "")
    if ind is None or ind.measure != "balance_coefficient" or "综合" in m.label:
        return m
    item = _ITEM_MEASURE.match(text, lay.paragraph_start(m.char_start))
    if item is None or item.group("measure").endswith("系数"):
        return m
    stage = next((st.name for st in catalog.stages if st.code == ind.stage), "")
    label = f"{stage}{item.group('measure')}差异系数"
    why = f"the coefficient of the item's «{item.group('measure')}»"
    return replace(m, label=label, indicator=None, evidence=why, nameable=True)
