"""Which indicator a figure is: named forms, else measure from the label × stage in context.

The catalog (indicators.yaml) is stage × measure. A figure's label names a whole indicator
(学前三年毛入园率) or only a measure (在校生, 专任教师); then the stage comes from the label
(小学专任教师) or from the nearest stage scope before the figure (transforms/stages.py), and
with no stage anywhere the figure is about all stages (students_total is 各级各类在校生).

A figure is left uncoded rather than forced when its unit or kind does not fit the
indicator (a % never fills a count; 个 never fills 所), when its label narrows the stage to a
part of it (农村, 民办, 新增 …: `subset_words`), or when it is about a named institution
(山东大学青岛校区在校生6000人 is the campus's, not 青岛市's students).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ahocorasick_rs import AhoCorasick

from transforms.catalog import UNIT_BOUND_KINDS, Catalog, Indicator, per_catalog
from transforms.regions import load_gazetteer
from transforms.scopes import Anchor, Anchors
from transforms.stages import stage_matcher

# A named institution: a university, a college, a campus, one numbered or named school.
INSTITUTION = re.compile(
    r"(?<!普通)(?<!高等)(?<!各)(?:[\u4e00-\u9fff]{2,8}(?:大学|学院)(?!生)|校区|分校|附属(?:中学|小学|幼儿园)"
    r"|附中|附小|(?:第[一二三四五六七八九十\d]{1,3}|[一二三四五六七八九十\d]{1,2}|实验)(?:中学|小学|幼儿园)"
    r"|[\u4e00-\u9fff]{2,4}(?:一|二|三|四|五|六|七|八|九|十|\d{1,2})中(?![学小等职心国华层级])"
    r")"
)
# Words that say a figure covers the whole region again after an institution was named.
_WHOLE_REGION = re.compile(r"全国|全省|全市|全县|全区|全州|全旗|全盟|我省|我市|我县|我区|本市|本县")
_GENERIC_COLLEGE = re.compile(
    r"高等学校|高等院校|高职院校|普通高校|师范院校|职业院校|技工院校|各类院校"
)

RATE_DIMENSIONS = frozenset({"rate"})
# Measure words too generic to stand without a stage in the label (普通高中学生 is a count of
# pupils; 学生 alone may be any group of them).
_NEEDS_STAGE = frozenset({"学生"})
# Words that leave a measure whole (在编教职工, 全部在校生, 普通小学 …).
_NEUTRAL_WORDS = (
    "各级各类", "各类", "全部", "全体", "现有", "共有", "总计", "合计", "总", "在编", "在职",
    "学历教育", "普通", "阶段", "教育", "教育系统", "、", "和", "及", "数", "数量", "人数",
    "规模", "学校", "在校", "在学", "学生", "各级", "全市", "全省", "全县", "全区", "全国",
    "驻地", "当年", "全年", "本年", "各种形式的", "共", "共计",
)  # fmt: skip
_TOTAL = re.compile(r"总数|总计|合计|总规模|总人数")
_SHARE = re.compile(r"比|比例|占比|比重|率|之比")
_INTAKE_VERB = re.compile(r"(?:招收|招生|录取|新招)(?:了)?$")
# measures of the spread or ratio of something else (生师比, 差异系数)
_RATIO_DIMENSIONS = frozenset({"ratio", "coefficient"})
PER_HEAD_WORDS = ("每百名", "每千名", "每万名", "每名", "每生", "生均", "人均", "校均", "班均")
"""Words that make a figure a measure per pupil (or per 100 pupils, per school …)."""
_PER_HEAD = re.compile("|".join(PER_HEAD_WORDS))
_TOTAL_DIMENSIONS = frozenset({"count", "area", "money"})


@dataclass(frozen=True)
class Resolution:
    """An indicator code for a figure, and why."""

    code: str | None
    stage: str | None
    evidence: str
    nameable: bool = False
    """No code, but the label names what is counted (transforms.series_labels may name a
    series after it): no measure the catalog knows, a kind of the measure, a share."""


@dataclass(frozen=True)
class _MeasureMatcher:
    forms: tuple[str, ...]
    measures: tuple[str, ...]
    matcher: AhoCorasick


@per_catalog
def _measure_matcher(catalog: Catalog) -> _MeasureMatcher:
    pairs = [(form, m.code) for m in catalog.measures for form in m.forms]
    forms = tuple(f for f, _ in pairs) or ("\x00",)
    measures = tuple(m for _, m in pairs) or ("",)
    return _MeasureMatcher(forms, measures, AhoCorasick(list(forms)))


def measure_of(label: str, catalog: Catalog) -> tuple[str, int, int] | None:
    """(measure, start, end) named by a label: the head noun, i.e. the form that ends last
    (普通高中在校生 → 在校生, not 普通高中), the longest of those."""
    mm = _measure_matcher(catalog)
    found = [
        (mm.measures[i], s, e)
        for i, s, e in mm.matcher.find_matches_as_indexes(label, overlapping=True)
    ]
    if not found:
        return None
    return max(found, key=lambda f: (f[2], f[2] - f[1]))


def measure_named(phrase: str, catalog: Catalog) -> tuple[str, int, int] | None:
    """The measure a phrase names, if it names nothing else beside stages, places and
    neutral words (全市专任教师, 各学段毛入学(园)率; not 各学段资助学生: students aided, a kind of
    them). A coefficient's own words (资源配置7项指标校际差异系数) say which one it is."""
    measure = measure_of(phrase, catalog)
    if measure is None:
        return None
    named = catalog.measure(measure[0])
    if named is not None and named.dimension == "coefficient":
        return measure
    cues = stage_matcher(catalog).cues
    rest = _uncovered(phrase, (measure[1], measure[2]), (*cues, "各学段", "各阶段"))
    return None if _SPEAKER.sub("", rest) else measure


# how a report names its own place (我旗, 我县) and its stages as a whole (各学段)
_SPEAKER = re.compile(r"^我[省市县区旗州盟]|各")


def is_institution(phrase: str) -> bool:
    """Whether a phrase names one institution (山东大学青岛校区, 青岛6中, 实验小学)."""
    phrase = _GENERIC_COLLEGE.sub("", phrase)
    return bool(INSTITUTION.search(phrase))


def about_institution(label: str, before: str) -> bool:
    """Whether a figure is about a named institution: named in its label, or earlier in
    its sentence with no whole-region word (全市 …) between the name and the figure."""
    if is_institution(label):
        return True
    tail = re.split(r"[；;。]", before[-60:])[-1]
    cleaned = _GENERIC_COLLEGE.sub("", tail)
    last = None
    for last in INSTITUTION.finditer(cleaned):  # noqa: B007 - the last one matters
        pass
    return last is not None and not _WHOLE_REGION.search(cleaned, last.end())


def _fits(ind: Indicator, unit: str, kind: str) -> bool:
    """Whether a figure of this unit and kind can be a value of the indicator."""
    if kind == "ratio":
        return ind.dimension == "ratio"
    if ind.dimension == "ratio":
        return False
    if kind == "multiplier":
        return False
    if kind == "change_pp":
        return ind.dimension in RATE_DIMENSIONS
    if kind in UNIT_BOUND_KINDS:
        return unit in ind.accepted_units
    return True  # change_pct: a relative change of any measure


def _uncovered(label: str, measure: tuple[int, int], cues: tuple[str, ...]) -> str:
    """The characters of a label that are neither its measure, a stage cue, a neutral word
    nor the places it opens with (中小学校 → ''; 教师进修学校 → 教师进修; 和龙市普通高中在校生
    → '', though 和 alone is a neutral word)."""
    covered = [False] * len(label)
    spans = [measure, (0, _leading_places(label))]
    for word in (*cues, *_NEUTRAL_WORDS):
        start = label.find(word)
        while start >= 0:
            spans.append((start, start + len(word)))
            start = label.find(word, start + 1)
    for a, b in spans:
        covered[a:b] = [True] * (b - a)
    return "".join(ch for ch, c in zip(label, covered, strict=True) if not c)


def _leading_places(label: str) -> int:
    """Where the places a label opens with end (费县普通高中招生 → 2): the place is the
    figure's region (attribution reads it from the label), not a narrower measure; and the
    有 that may follow them (法库县有小学26所, as 全县有小学)."""
    end = 0
    while end < len(label):
        spans = load_gazetteer().find_spans(label[end:])
        if not spans or spans[0][0] != 0:
            break
        end += spans[0][1]
    return end + 1 if end and label.startswith("有", end) else end


def _subset_word(label: str, stage_cues: tuple[str, ...], catalog: Catalog) -> str | None:
    """A word of the label that narrows it to part of its stage (农村小学, 新增学位)."""
    for word in catalog.subset_words:
        if word in label and not any(word in cue for cue in stage_cues):
            return word
    return None


def _all_stage_form(
    ind: Indicator,
    label: str,
    unit: str,
    kind: str,
    catalog: Catalog,
    stage_at: Anchor[str] | None,
) -> Resolution:
    """A named form of an all-stage rate (专任教师学历合格率) in a paragraph about one stage
    (――小学。…专任教师学历合格率99.99%) is that stage's rate when the catalog has one; an
    indicator bulletins state per stage (仪器设备值, `by_stage`) without a code for the stage
    is left uncoded there; one with `stage_sibling` (新增学位) is the stage's where there is one."""
    named = Resolution(ind.code, ind.stage, f"named form in label «{label}»")
    staged = ind.by_stage or ind.stage_sibling
    if not ind.measure:
        return named
    stage = stage_matcher(catalog).stage_of(label)[0]
    if ind.dimension != "rate" and not staged:
        # 幼儿园教职工总数: a total's named form (教职工总数) in a label of one stage is that
        # stage's count, not every stage's (中小学, 民办: several stages, the total's form)
        if stage is None or stage in _ONE_STAGE_NOT:
            return named
        sibling = catalog.by_stage_measure(stage, ind.measure)
        if sibling is not None and sibling.code != ind.code and _fits(sibling, unit, kind):
            return Resolution(sibling.code, stage, f"«{label}» of one stage")
        return Resolution(None, stage, f"«{label}» of one stage", nameable=True)
    why = f"stage from label «{label}»"
    scopes = ("paragraph", "label", "heading") if staged else ("paragraph", "label")
    if stage is None and stage_at is not None and stage_at.scope in scopes:
        stage = stage_at.value
        why = f"stage from {stage_at.scope} «{stage_at.evidence}»"
    if stage in (None, "all"):
        return named
    sibling = catalog.by_stage_measure(stage, ind.measure)
    if sibling is None and ind.by_stage:
        return Resolution(None, stage, f"«{label}» of one stage: {why}", nameable=True)
    if sibling is None or sibling.code == ind.code or not _fits(sibling, unit, kind):
        return named
    return Resolution(sibling.code, stage, f"«{label}» of the stage: {why}")


# stages a label may name and still count every stage's (中小学教职工, 民办学校教职工总数)
_ONE_STAGE_NOT = frozenset({"all", "basic", "private"})


def _headed_by_another_ratio(label: str, ind: Indicator | None, catalog: Catalog) -> bool:
    """Whether the label ends in a ratio or coefficient (its head noun) that is not the
    named indicator's measure: the figure measures the spread or ratio of what it names."""
    head = measure_of(label, catalog)
    if ind is None or head is None or head[2] != len(label) or head[0] == ind.measure:
        return False
    named = catalog.measure(head[0])
    return named is not None and named.dimension in _RATIO_DIMENSIONS


def _per_head_of(label: str, ind: Indicator | None) -> bool:
    """Whether the label counts a total per pupil or per 100 pupils (每百名学生拥有计算机台数,
    生均图书) while the named indicator is the total itself (计算机)."""
    if ind is None or ind.dimension not in _TOTAL_DIMENSIONS:
        return False
    words = set(_PER_HEAD.findall(label))
    return bool(words) and not any(w in f.text for w in words for f in ind.forms)


_CLAUSE_MARKS = "，,。；;：:"


def resolve(
    label: str,
    unit: str,
    kind: str,
    context: str,
    before: str,
    catalog: Catalog,
    stage_at: Anchor[str] | None,
    named_only: bool = False,
    at: int | None = None,
) -> Resolution:
    """The indicator of a figure with this label, unit and kind.

    `context` is text around the figure (for context-bound forms; the figure starts at `at`
    in it), `before` the text of its sentence before it (for institutions), `stage_at` the
    stage scope in force there.
    """
    if not label:
        return Resolution(None, None, "no label")
    sm = stage_matcher(catalog)
    head, of, tail = label.partition("的")
    if of and head in sm.cues:
        label = head + tail  # 小学的净入学率: the stage's measure
    if is_institution(label):
        return Resolution(None, None, f"about a named institution: «{label}»")
    named = catalog.match(label, context, unit, kind, at)
    if named and _headed_by_another_ratio(label, catalog.indicator(named), catalog):
        named = None  # 每百名学生拥有网络多媒体教室数差异系数: a coefficient, not the classrooms
    # the clause before the figure: 每百名学生拥有 | 计算机台数, the verb cut the label off
    clause = before[max(map(before.rfind, _CLAUSE_MARKS)) + 1 :]  # (from the end: long lists)
    if named and _per_head_of(clause if label in clause else label, catalog.indicator(named)):
        return Resolution(None, None, f"a per-head figure of «{label}»", nameable=True)
    if named:
        ind = catalog.indicator(named)
        if ind is not None and _fits(ind, unit, kind):
            if ind.stage == "all":
                # 新建幼儿园6所、小学2所，新增学位4800个: places for both, no one stage's
                several = ind.stage_sibling and sm.stage_of(before)[1]
                return _all_stage_form(
                    ind, label, unit, kind, catalog, None if several else stage_at
                )
            return Resolution(named, ind.stage, f"named form in label «{label}»")
    if about_institution(label, before):
        return Resolution(None, None, "about an institution named before it")
    if named_only:
        return Resolution(None, None, f"subject after the figure, no named form: «{label}»")
    found = measure_of(label, catalog)
    # 共招收特殊教育学生756人, 共招收研究生124.25万人: an intake, whatever the noun after the verb
    verb_end = len(before) - len(label)  # (the verb is at most three characters)
    recruited = before.endswith(label) and bool(
        _INTAKE_VERB.search(before, max(0, verb_end - 3), verb_end)
    )
    if found is None and recruited:
        found = ("intake", len(label), len(label))
    if found is None:
        return Resolution(None, None, f"no measure in «{label}»", nameable=True)
    measure, m_start, m_end = found
    found_form = label[m_start:m_end]
    if measure == "enrolment" and recruited:
        measure = "intake"
    kind_of_measure = measured.dimension if (measured := catalog.measure(measure)) else ""
    if kind_of_measure == "count" and (_SHARE.search(label, m_end) or label.startswith("占")):
        return Resolution(None, None, f"a share or ratio of {measure}: «{label}»", nameable=True)
    if "的" in label.replace("各种形式的", ""):
        return Resolution(None, None, f"a qualified noun: «{label}»")
    stage, mixed = sm.stage_of(label)
    if mixed:
        return Resolution(None, None, f"several stages in «{label}»", nameable=True)
    evidence = f"stage from label «{label}»"
    if stage is None and _TOTAL.search(label):
        stage, evidence = "all", f"a total: «{label}»"  # 全县学生总数: every stage's
    if stage is None:
        if stage_at is not None and stage_at.value is not None:
            stage = stage_at.value
            evidence = f"stage from {stage_at.scope} «{stage_at.evidence}»"
        else:
            stage = "all"
            evidence = "no stage named: all stages"
    rest = _uncovered(label, (m_start, m_end), sm.cues)
    if rest:
        # 教师进修学校, 寄宿制学校, 参与学生: a kind of the measure, not the stage's total
        return Resolution(None, stage, f"«{rest}» narrows «{label}»", nameable=True)
    if found_form in _NEEDS_STAGE and not evidence.startswith(("stage from label", "a total")):
        return Resolution(None, stage, f"«{found_form}» without a stage in the label")
    cues = next((st.cues for st in catalog.stages if st.code == stage), ())
    subset = _subset_word(label, (*cues, found_form), catalog)
    if subset:
        return Resolution(None, stage, f"«{subset}» narrows «{label}»", nameable=True)
    ind = catalog.by_stage_measure(stage, measure)
    if ind is None:
        return Resolution(None, stage, f"no indicator for {stage} × {measure}", nameable=True)
    if not _fits(ind, unit, kind):
        return Resolution(None, stage, f"{unit or 'no unit'} ({kind}) does not fit {ind.code}")
    if any(w in label for w in ind.exclude):
        return Resolution(None, stage, f"excluded word in «{label}»", nameable=True)
    return Resolution(ind.code, stage, evidence)


def record_label_stage(
    anchors: Anchors[str], pos: int, end: int, label: str, catalog: Catalog, first: bool
) -> None:
    """A figure whose label names a stage sets it for the rest of its paragraph
    (全国共有普通小学15.80万所，…；招生…；在校生…), unless it is a later item of a list."""
    stage, mixed = stage_matcher(catalog).stage_of(label)
    if stage and not mixed and first:
        anchors.add(Anchor(pos, end, stage, "label", label))
