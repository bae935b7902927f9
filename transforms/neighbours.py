"""Which indicator a figure takes from the figures beside it: a list item that names only a
place or a stage (其中郑州市1420所; 在校学生5406人，其中小学2745人), pupils right after a
count of one kind of school (公办幼儿园633所，在园幼儿17.0万人), a part in brackets
(152所（中小学83所，幼儿园69所）).

Each rule reads one figure and the ones before it in its sentence; transforms.extract
applies them in order after the figure's own resolution (transforms.indicators).
"""

from __future__ import annotations

import re
from dataclasses import replace

from transforms.catalog import Catalog, Indicator
from transforms.indicators import measure_named, measure_of
from transforms.metrics import DECREASE, INCREASE, STAGE_LABEL_TAIL, MetricMention
from transforms.regions import WHOLE_REGION_WORDS, Gazetteer
from transforms.scopes import clause_start
from transforms.stages import stage_matcher

_PLACE_LABEL_TAIL = re.compile(r"^(?:为|是|有|达|共有|分别为)?$")


_BREAKDOWN = re.compile(
    r"\s*(?:其中|分(?:县|区|地区|县区|区县|县市区|县（市）区|县（市、区）|旗县|市州)看?"
    # 专任教师中：幼儿园1207人，小学2346人 (not 普通高中：12所)
    r"|(?P<head>[\u4e00-\u9fff]{2,8})(?<![高初集])中\s*[：:，,])"
)

# a sentence's first clause naming only what its figures measure, before they are listed
_TOPIC_OPENING = re.compile(r"\s*(?P<head>[^，,：:。；;！？\n]{2,30}?)\s*[，,]")


def _lists_after(m: MetricMention, previous: MetricMention | None) -> bool:
    """Whether an uncoded figure continues a coded one of its sentence, in the same unit and
    kind: a list item that may measure what that figure measures (see the two below)."""
    return (
        m.indicator is None
        and previous is not None
        and previous.indicator is not None
        # …在校学生160765人。其中，幼儿26374人 / …总投入41.7亿元。分县看，富锦市投入6.35亿元:
        # a breakdown continues the sentence before
        and (previous.sentence == m.sentence or _BREAKDOWN.match(m.sentence) is not None)
        and previous.unit == m.unit
        and previous.kind == m.kind
    )


def place_only_label(
    m: MetricMention, previous: MetricMention | None, gazetteer: Gazetteer
) -> MetricMention:
    """A figure whose subject is only a place (全省幼儿园2.06万所，其中郑州市1420所) measures
    what the figure before it in the sentence measures, for that place."""
    if previous is None or not _lists_after(m, previous):
        return m
    names = gazetteer.find(m.label)
    rest = m.label
    for name in names:
        rest = rest.replace(name, "")
    # 新增学前教育学位8.6万个，郑州市新增2.1万个: the place's part of the same measure
    repeats = 0 < len(rest) <= 4 and rest in previous.label
    if not names or not (_PLACE_LABEL_TAIL.match(rest) or repeats):
        return m
    evidence = f"measure of the figure before it («{previous.label}»)"
    return replace(m, indicator=previous.indicator, evidence=evidence)


# What a label may be and still have no subject of its own: a pronoun for the figure before
# (2019年该指标为88.9%) or an adverb (2021年进一步达到86.9%)
_POINTERS = r"该指标|该比例|该项指标|这一比例|这一指标"
_NO_SUBJECT = rf"(?:{_POINTERS}|进一步|又|再|继续|稳步|持续|平均(?:水平|值|数)?|水平)"
_NO_SUBJECT_LABEL = re.compile(rf"{_NO_SUBJECT}+")
_POINTER = re.compile(_POINTERS)
# Between such a figure and the one before it: a clause break, then at most a year and a verb
_NEXT_VALUE = re.compile(
    rf"\s*[，,；;、]\s*(?:其中)?\s*(?:(?:19|20)\d{{2}}年(?:底|末)?的?)?{_NO_SUBJECT}*"
    r"(?:为|是|达到|达|增至|增加到|提高到|提升到|降至|下降到|减少到|减至)?\s*$"
    # …高于全国平均水平（全国为95.2%）: the same measure of the whole it is compared with
    r"|[^。；;（(]{0,40}[（(]\s*(?:全国|全省|全市|全县|全区|我国)(?:平均(?:水平)?)?(?:为|是)?\s*$"
    r"|[^。；;（(]{0,40}(?:全国|全省|全市|全县|全区|我国)平均(?:水平|值|数)?[（(]\s*$"
    # …毛入学率50.9%，比上年提高3.1个百分点；全国为51.6%: the whole's, after the change
    r"|[^。；;（(]{0,30}[，,；;]\s*(?:全国|全省|全市|我国)(?:平均(?:水平|值)?)?(?:为|是)\s*$"
    # …高于承德市平均水平(84.1%), …比全国(94.8%)高0.3个百分点: what it is compared with
    r"|[^。；;（(]{0,40}(?:比|较|高于|低于|超过|略高于|略低于)[\u4e00-\u9fff]{1,10}?"
    r"(?:平均(?:水平|值|数)?)?[（(]\s*$"
    # …93.5%，高于全国91.1%的平均水平: the whole's, written before the words for it
    r"|[^。；;（(]{0,40}(?:高于|低于|超过|略高于|略低于|好于)(?:全国|全省|全市|全县|全区|我国)\s*$"
    # 毛入园率达到93.8%，较2021年的92.5%…: the same measure in the year it is compared with
    r"|\s*[，,]?\s*(?:较|比|与|同)\s*(?:(?:19|20)\d{2}年(?:底|末)?|上年|去年|上一年)的?\s*$"
    # …毛入园率87.6%，比上年提高2.1个百分点，比2015年的76.3%…: so too after its change
    r"|\s*[，,][^。；;，,]{1,20}[，,]\s*(?:较|比|与|同)\s*(?:19|20)\d{2}年(?:底|末)?的?\s*$"
)
# Between a value and its change: only the verb (较2021年的92.5%提高1.3个百分点)
_CHANGE_AFTER = re.compile(rf"\s*(?:{INCREASE.pattern}|{DECREASE.pattern})")
_CHANGE_KINDS = frozenset({"change_abs", "change_pct", "change_pp"})


def unlabelled_after(m: MetricMention, before: list[MetricMention], text: str) -> MetricMention:
    """A figure with no subject of its own measures what a figure before it in its sentence
    measures, in the same unit and kind (at the year its own clause names):
    - right after it, only a year and a verb between (巩固率2016年为91.3%，2019年为94.7%;
      首次突破1000人，达到1046人); not a list (分别为：0.312、0.405): what its items measure is
      said before the list;
    - anywhere after it when the label points back (…毛入学率92.8%，比上年提高2.1个百分点；
      2019年该指标为88.9%);
    and a change right after a value, only its verb between (较2021年的92.5%提高1.3个百分点),
    is that value's measure's change."""
    if (
        (m.label and not _NO_SUBJECT_LABEL.fullmatch(m.label))
        or m.indicator is not None
        # 首次超过50%: a milestone passed, not the figure (达1086人 is the figure reached)
        or m.qualifier not in (None, "达")
    ):
        return m
    last = before[-1] if before else None
    if (
        m.kind in _CHANGE_KINDS
        and last is not None
        and last.label
        and last.kind == "level"
        and last.sentence == m.sentence
        and _CHANGE_AFTER.fullmatch(text, last.char_end, m.char_start)
    ):
        return _measured_as(m, last, f"the change of the figure before it («{last.label}»)")
    same = [
        f
        for f in before
        if f.label and f.sentence == m.sentence and f.unit == m.unit and f.kind == m.kind
    ]
    if not same:
        return m
    previous = same[-1]
    pointer = _POINTER.search(m.label) is not None
    if not pointer and not _NEXT_VALUE.fullmatch(text, previous.char_end, m.char_start):
        return m
    why = f"no subject of its own: that of the figure before it («{previous.label}»)"
    return _measured_as(m, previous, why)


def _measured_as(m: MetricMention, other: MetricMention, evidence: str) -> MetricMention:
    """`m` measuring what `other` measures (its label, indicator, stage, nameability)."""
    return replace(
        m,
        label=other.label,
        indicator=other.indicator,
        stage=other.stage,
        nameable=other.nameable,
        evidence=evidence,
    )


# What a stage-only label may hold besides its stage (全国普通小学为…, 其中初中…; 中等职业学校241人
# in a list of teachers: its schools' teachers).
_STAGE_LABEL_REST = re.compile(
    r"^(?:其中|含|包括)?(?:全国|全省|全市|全县|全区|我省|我市|我县|我区)?"
    r"(?:普通|学生|在校生)?(?:学校)?(?:为|是|达到?)?$"
)


def of_the_schools_before(
    m: MetricMention, previous: MetricMention | None, catalog: Catalog
) -> MetricMention:
    """A bare measure right after a count of one kind of school counts those schools'
    pupils (公办幼儿园633所，在园幼儿17.00万人 → 公办幼儿园在园幼儿; 中等职业学校12所、在校生
    1.86万人 → 中等职业学校在校生), not all of the stage's or the region's."""
    if (
        previous is None
        or previous.sentence != m.sentence
        or previous.unit != "所"
        or previous.kind != "level"
        or m.kind != "level"
        or not any(previous.value_text + sep + m.label in m.sentence for sep in "，,、")
        or any(w in m.label for w in catalog.subset_words)
    ):
        return m
    found = measure_of(m.label, catalog)
    if found is None or (found[1], found[2]) != (0, len(m.label)) or found[0] == "schools":
        return m  # only a bare measure of people (在园幼儿, 在校生) continues the count
    own = catalog.indicator(m.indicator or "")
    schools = catalog.by_stage_measure(own.stage, "schools") if own else None
    if schools is not None and schools.code == previous.indicator:
        return m  # 民办学校1.86万所，在校生…: the schools of the stage the figure is already of
    at = next(
        (
            i
            for i in (m.sentence.find(previous.value_text + sep + m.label) for sep in "，,、")
            if i >= 0
        ),
        -1,
    )
    clause = m.sentence[clause_start(m.sentence, at, 0) : at] if at >= 0 else ""
    subset = any(w in previous.label for w in catalog.subset_words)  # 其中民办幼儿园286所
    item = at - len(previous.label)  # 小学86所、初中31所、九年一贯制学校9所: a list's last item
    listed = item > 0 and m.sentence[item - 1] == "、" and _DIGIT.search(m.sentence, 0, item)
    if listed:
        # 民办小学19所、民办初中14所，在校生3.72万人: the pupils of the kind every item is
        # (民办在校生), else of the list's whole (pupils_of_the_listed_schools)
        earlier = clause[: -len(previous.label)]
        shared = next((w for w in catalog.subset_words if w in previous.label and w in earlier), "")
        if not shared:
            return m
        label = shared + m.label
    elif not subset and ("其中" in clause or _DIGIT.search(clause)):
        # 学校196所，其中幼儿园88所，在校生6.94万人 / 中小学318所、幼儿园146所，在校生17.6万人:
        # after a part or a list of counts, the bare measure is the whole's
        return m
    else:
        label = previous.label + m.label
    code = catalog.match(label, m.sentence, m.unit, m.kind)
    if code is None and own is not None and own.stage != "all" and not subset:
        return m  # 幼教园所58所，在园儿童1.14万人: already its stage's, in words the catalog lacks
    evidence = f"a measure of the schools before it: «{label}»"
    return replace(m, label=label, indicator=code, evidence=evidence, nameable=code is None)


def pupils_of_the_listed_schools(
    m: MetricMention, before: list[MetricMention], catalog: Catalog
) -> MetricMention:
    """A bare measure of people right after a list of two or more stages' school counts
    (全县有普通高中5所、中职学校2所，在校生2.21万人) counts the pupils of the stage holding them
    all (高中阶段在校生), not every stage's; with no such stage (中小学318所、幼儿园146所，
    在校生…) or after the whole's count (学校196所，其中幼儿园88所，在校生…) it stays the
    whole's."""
    own = catalog.indicator(m.indicator or "")
    if own is None or own.stage != "all" or m.kind != "level":
        return m
    found = measure_of(m.label, catalog)
    if found is None or (found[1], found[2]) != (0, len(m.label)) or found[0] == "schools":
        return m
    counts: list[MetricMention] = []
    for i in range(len(before) - 1, -1, -1):
        f = before[i]
        if i and _in_bracket_after(before[i - 1], f):
            continue  # 初中31所（含九年一贯制学校9所）: a part of the item before, in passing
        if f.sentence != m.sentence or f.unit != "所" or f.kind != "level":
            break
        if f.indicator:  # (…、九年一贯制学校9所: an item of no stage of its own)
            counts.append(f)
    stages = {ind.stage for f in counts if (ind := catalog.indicator(f.indicator or ""))}
    if len(counts) < 2 or "all" in stages:
        return m
    holder = _holding_stage(stages, catalog)
    ind = catalog.by_stage_measure(holder, found[0]) if holder else None
    if ind is None:
        return m
    names = "、".join(f.label for f in reversed(counts))
    return replace(m, indicator=ind.code, evidence=f"the pupils of the schools listed: {names}")


def _holding_stage(stages: set[str], catalog: Catalog) -> str | None:
    """The narrowest stage whose parts (and theirs) hold every one of `stages`."""
    parts = {st.code: st.parts for st in catalog.stages}

    def within(code: str) -> set[str]:
        return {code}.union(*(within(p) for p in parts.get(code, ())))

    holding = [(len(within(c)), c) for c in parts if c != "all" and stages <= within(c)]
    return min(holding)[1] if holding else None


_DIGIT = re.compile(r"\d")


def kind_in_brackets(
    m: MetricMention, before: list[MetricMention], catalog: Catalog
) -> MetricMention:
    """A count in brackets right after a count of schools, or listed after its 其中, labelled
    only by a kind of them (幼儿园178所（公办58所、民办120所）; 幼儿园54所，其中公办47所，民办7所),
    counts that kind of those schools (公办幼儿园)."""
    word = m.label.removeprefix("其中")
    if m.indicator is not None or m.kind != "level" or word not in catalog.subset_words:
        return m
    if word.endswith(("小", "校", "园", "点", "学")):
        return m  # 小学81所（村小16所）, 其中完全中学2所: already a kind of school
    for prev in reversed(before):
        if prev.sentence != m.sentence or prev.unit != m.unit or prev.kind != "level":
            continue
        bracket = _bracket_after(m.sentence, prev.value_text)
        if not (
            (bracket is not None and _holds(m.sentence, bracket, m.value_text))
            or _kinds_listed_after(m.sentence, prev.value_text, m.value_text, catalog)
        ):
            continue
        label = word + prev.label
        code = catalog.match(label, m.sentence, m.unit, m.kind)
        if code == prev.indicator:
            code = None  # 大班额12个，其中城区11个: a part, not another value of the whole's
        evidence = f"a kind of the «{prev.label}» before it: «{label}»"
        return replace(m, label=label, indicator=code, evidence=evidence, nameable=code is None)
    return m


_KINDS_OPEN = re.compile(r"[，,]\s*其中\s*[，,：:]?\s*")
_KIND_ITEM = re.compile(r"([\u4e00-\u9fff]{1,4}?)\s*\d+(?:\.\d+)?\s*[\u4e00-\u9fff]?[，,、；;]\s*")


def _kinds_listed_after(text: str, whole: str, part: str, catalog: Catalog) -> bool:
    """Whether `part` is one of the kinds listed after 其中 right after `whole`, each a kind
    word and its count (幼儿园54所，其中公办47所，民办7所)."""
    at = text.find(whole)
    if at < 0 or (opening := _KINDS_OPEN.match(text, at + len(whole))) is None:
        return False
    pos = opening.end()
    while item := _KIND_ITEM.match(text, pos):
        if text.startswith(part, item.end(1)) or item[1] not in catalog.subset_words:
            break
        pos = item.end()
    word = text[pos:].split(part, 1)[0].strip()
    return word in catalog.subset_words and text.startswith(word + part, pos)


def part_in_brackets(m: MetricMention, before: list[MetricMention]) -> MetricMention:
    """A figure in brackets right after a figure (152所（中小学83所，幼儿园69所）) is a part of
    it: not another value of the same indicator."""
    if m.indicator is None:
        return m
    text = m.sentence
    for prev in before:
        if prev.sentence != text or prev.indicator != m.indicator or prev.kind != m.kind:
            continue
        bracket = _bracket_after(text, prev.value_text)
        if bracket is None or text.startswith(_WHOLE_WORDS, bracket[0]):
            continue  # 毛入学率91.3%（全国为89.5%）: the whole it is compared with
        if _holds(text, bracket, m.value_text):
            why = f"a part of «{prev.value_text}» before it"
            return replace(m, indicator=None, evidence=why, nameable=True)
    return m


def _bracket_after(text: str, value_text: str) -> tuple[int, int] | None:
    """(where its text starts, where it closes or -1) of the bracket right after a figure
    (152所（中小学83所…）), or None."""
    for bracket, close in (("（", "）"), ("(", ")")):
        at = text.find(value_text + bracket)
        if at >= 0:
            return at + len(value_text) + 1, text.find(close, at)
    return None


def _in_bracket_after(prev: MetricMention, m: MetricMention) -> bool:
    """Whether `m` is written in the bracket right after `prev` (31所（含…9所）)."""
    if prev.sentence != m.sentence:
        return False
    bracket = _bracket_after(m.sentence, prev.value_text)
    return bracket is not None and _holds(m.sentence, bracket, m.value_text)


def _holds(text: str, bracket: tuple[int, int], value_text: str) -> bool:
    """Whether a figure is written inside the bracket."""
    opens, close = bracket
    inside = text.find(value_text, opens)
    return inside >= 0 and (close < 0 or inside < close)


_WHOLE_WORDS = tuple(WHOLE_REGION_WORDS)
_PART_OPENS = re.compile(r"[，,；;]\s*其中\s*[，,：:]?\s*$")


def whole_and_part(
    whole: MetricMention,
    part: MetricMention,
    text: str,
    catalog: Catalog,
    gazetteer: Gazetteer,
) -> tuple[MetricMention, MetricMention]:
    """A figure and the part of it named right after 其中 (教育经费投入24.36亿元，其中一般公共预算
    教育支出18.26亿元) are not one indicator's two values: the part keeps the indicator when its
    label is the indicator's own name, the whole otherwise. A place's part (其中郑州市1420所)
    is the same measure of another region: both keep it."""
    ind = catalog.indicator(part.indicator or "")
    if (
        ind is None
        or gazetteer.find(part.label)
        or whole.indicator != part.indicator
        or (whole.kind, whole.unit) != (part.kind, part.unit)
        or whole.sentence != part.sentence
        or not _PART_OPENS.search(text, whole.char_end, part.char_start - len(part.label))
    ):
        return whole, part
    if part.label.endswith(ind.name) and not whole.label.endswith(ind.name):
        why = f"the whole of which «{part.label}» is the part"
        return replace(whole, indicator=None, evidence=why, nameable=True), part
    why = f"a part of «{whole.value_text}» before it"
    return whole, replace(part, indicator=None, evidence=why, nameable=True)


def stage_only_label(
    m: MetricMention, previous: MetricMention | None, catalog: Catalog
) -> MetricMention:
    """A figure whose subject is only a stage, listed after a figure of a measure
    (在校学生5406人，其中小学2745人，初中1688人), measures that for the stage."""
    # 在校生198人。全市专任教师中，幼儿园1103人: the breakdown's own opening names its measure
    parent = _breakdown_measure(m, catalog)
    if parent is not None:
        if m.indicator is not None:
            return m
        said = named.name if (named := catalog.measure(parent.measure)) else parent.name
        source = f"the measure its breakdown opens with («{said}»)"
    else:
        if previous is None or not _lists_after(m, previous):
            return m
        parent = catalog.indicator(previous.indicator or "")
        said, source = previous.label, f"the measure of the figure before it («{previous.label}»)"
    if parent is None or not parent.measure:
        return m
    found = stage_matcher(catalog).find(m.label)
    stages = {stage for _, _, stage in found}
    if len(stages) != 1:
        return m
    if parent.stage not in ("all", "private") and stages == {"private"}:
        return m  # 幼儿园173所（81所民办）: the private part of one stage, not all private schools
    rest = m.label
    for start, end, _ in reversed(found):
        rest = rest[:start] + rest[end:]
    # 专任教师12243人，其中幼儿园教师1100人: the rest repeats the parent's measure
    # (招聘教师348人，其中小学219人 → 招聘小学: the verb the list carries on)
    repeats = len(rest) >= 2 and (
        said.endswith(rest) or said.startswith(rest) or rest in ("教师", "老师")
    )
    if not (_STAGE_LABEL_REST.match(rest) or repeats):
        return m
    if "学校" in rest and parent.dimension != "count":
        return m  # 巩固率98%，50%以上的义务教育学校…: a share of the schools, not their rate
    ind = catalog.by_stage_measure(stages.pop(), parent.measure)
    if ind is None and m.indicator is None and parent.stage == "all" and (not rest or repeats):
        if m.unit not in parent.accepted_units:
            return m
        # 招聘教师348人，其中小学、初中分别为219人、129人: a stage's part of a measure the
        # catalog has for all stages only, named by the stage and the measure's words
        stage_words = "".join(m.label[start:end] for start, end, _ in found)
        # (学前教育 + 教育支出: 学前教育支出)
        label = stage_words + (
            said[2:] if stage_words.endswith("教育") and said.startswith("教育") else said
        )
        evidence = f"stage «{m.label}» of {source}, no indicator of its own"
        return replace(m, label=label, evidence=evidence, nameable=True)
    if ind is None or m.unit not in ind.accepted_units:
        return m
    evidence = f"stage «{m.label}» of {source}"
    return replace(m, indicator=ind.code, evidence=evidence, nameable=False)


def _breakdown_measure(m: MetricMention, catalog: Catalog) -> Indicator | None:
    """An indicator of the measure a breakdown opening the figure's sentence names (全市专任
    教师中，…), if the figure is in that sentence's list: the all-stage one, else any (no
    stage has all stages' 差异系数)."""
    opening = _BREAKDOWN.match(m.sentence)
    measure = measure_of(opening["head"], catalog) if opening and opening["head"] else None
    topic = _TOPIC_OPENING.match(m.sentence)
    if measure is None and topic:
        # 资源配置7项指标校际差异系数，小学为0.368，初中为0.297: a clause naming the measure
        # alone, and ending in it (with a colon: transforms.item_measures)
        measure = measure_named(topic["head"], catalog)
        if measure is not None and measure[2] != len(topic["head"]):
            measure = None
    if measure is None:
        return None
    return catalog.by_stage_measure("all", measure[0]) or next(
        (i for i in catalog.indicators if i.measure == measure[0]), None
    )


def stage_of_the_name_before(
    m: MetricMention, previous: MetricMention | None, catalog: Catalog
) -> MetricMention:
    """A figure labelled by a stage alone right after an uncoded figure named for another
    stage (普通小学生均公用经费为3125.60元，普通初中为4318.27元) is that name for its stage."""
    if (
        previous is None
        or m.indicator is not None
        or previous.indicator is not None
        or not previous.nameable
        or previous.sentence != m.sentence
        or (previous.unit, previous.kind) != (m.unit, m.kind)
    ):
        return m
    matcher = stage_matcher(catalog)
    stage = STAGE_LABEL_TAIL.sub("", m.label)
    if stage not in matcher.cues:
        return m
    before = matcher.opening(previous.label)
    if before is None or before == stage:
        return m
    # 义务教育阶段建档立卡贫困家庭学生11562人，其中小学7318人: 小学建档立卡贫困家庭学生
    rest = previous.label[len(before) :].removeprefix("阶段")
    if len(rest) < 2 or matcher.find(rest):
        return m  # 义务教育阶段生均公用经费小学达到710元、初中…: the stage is the other's
    label = stage + rest
    evidence = f"«{previous.label}» for stage «{stage}»"
    return replace(m, label=label, evidence=evidence, nameable=True)
