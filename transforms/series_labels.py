"""The series name of a figure the catalog has no code for: the page's own label, cleaned.

County self-evaluations and city work reports state many figures no statistical bulletin
has (名师工作室44个, 教学点31个, 自然减员45人). They still answer "what did each region
report, year by year" when the pages name them alike, so such a figure joins the series
`label:<name>` when its label is a name — a noun phrase that says what is counted — and not a
clause (已制定工作方案), a bare kind (学校, 资金) or a place. Scope words (全市, 其中) and
places are taken off the front. The rules are data: series_labels.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from transforms.catalog import unquoted
from transforms.data_files import read_yaml
from transforms.regions import Gazetteer
from transforms.segment import Tag

RULES_FILE = Path(__file__).with_name("series_labels.yaml")
PREFIX = "label:"
"""indicator_series names these series `label:<name>`; catalog codes never contain a colon."""
# Chinese characters only (a year is no part of a name: 发展到2019年; nor a count: 辖9镇4乡),
# but for a number of at most three digits before its unit: an age band (35岁以下教师, 36至50岁),
# a class size (56人以上大班额), hours of training (教师5年360学时培训完成率)
_NAME = re.compile(r"^(?:[\u4e00-\u9fff]|\d{1,3}(?=[人岁年班周天分]|学时|课时|小时|至\d))+$")


@dataclass(frozen=True)
class LabelRules:
    scope_prefixes: tuple[str, ...]
    generic: frozenset[str]
    heads: tuple[str, ...]
    works_heads: tuple[str, ...]
    noun_tags: frozenset[str]
    clause_words: tuple[str, ...]
    cut_openings: tuple[str, ...]
    min_chars: int
    max_chars: int
    max_chars_any: int
    spending_labels: frozenset[str]
    purpose_units: frozenset[str]
    purpose_verbs: tuple[str, ...]
    reach_verbs: tuple[str, ...]
    survey_copies: tuple[tuple[str, str], ...]


@cache
def load_label_rules(path: Path = RULES_FILE) -> LabelRules:
    raw: dict[str, Any] = read_yaml(path)
    return LabelRules(
        scope_prefixes=tuple(sorted(raw["scope_prefixes"], key=len, reverse=True)),
        generic=frozenset(raw["generic"]),
        heads=tuple(raw["heads"]),
        works_heads=tuple(raw["works_heads"]),
        noun_tags=frozenset(raw["noun_tags"]),
        clause_words=tuple(raw["clause_words"]),
        cut_openings=tuple(raw["cut_openings"]),
        min_chars=int(raw["min_chars"]),
        max_chars=int(raw["max_chars"]),
        max_chars_any=int(raw["max_chars_any"]),
        spending_labels=frozenset(raw["spending_labels"]),
        purpose_units=frozenset(raw["purpose_units"]),
        purpose_verbs=tuple(sorted(raw["purpose_verbs"], key=len, reverse=True)),
        reach_verbs=tuple(raw["reach_verbs"]),
        survey_copies=tuple((word, name) for word, name in raw["survey_copies"]),
    )


def _strip_front(label: str, rules: LabelRules, gazetteer: Gazetteer) -> str:
    """The label without the scope words and place names that open it."""
    while True:
        before = label
        for word in rules.scope_prefixes:
            if label.startswith(word):
                label = label[len(word) :]
                break
        for start, end, _ in gazetteer.find_spans(label):
            if start == 0 and end < len(label):
                label = label[end:]
                break
        if label == before:
            return label


def series_name(
    label: str, rules: LabelRules, gazetteer: Gazetteer, tag: Tag, unit: str = ""
) -> str | None:
    """The name of the series a figure with this label joins, or None when the label is not
    a name (see the module docstring). A share of a whole (普惠性幼儿园占全国幼儿园的比例)
    is named by its part: 普惠性幼儿园占比. A count of schools (`unit` 所) may end with the
    work done on them (农村薄弱学校改造)."""
    share = _SHARE_OF.match(label.strip())
    if share:
        part = series_name(share.group(1), rules, gazetteer, tag)
        return share_name(part) if part else None
    # an aside in brackets is no part of the name: its unit (生均教学及辅助用房面积（㎡）) or
    # what a word covers (体育、艺术（美术、音乐）专任教师数)
    name = _strip_front(_ASIDE.sub("", label).strip(), rules, gazetteer)
    name = unquoted(name)  # “智慧课堂”教学研讨活动: a quoted term
    if "、" in name and all(len(part) >= 2 for part in name.split("、")):
        name = name.replace("、", "")  # 中小学、幼儿园 → 中小学幼儿园
    if not (rules.min_chars <= len(name) <= rules.max_chars) or not _NAME.match(name):
        return None
    if len(name) > rules.max_chars_any and not name.endswith(rules.heads):
        return None  # a long label is a name when it ends in a measure (…专业技术职务教师数)
    if name.startswith(("占", *rules.cut_openings)) or name in rules.generic:
        return None  # 以下学校: the size it was cut from is lost (100人以下学校)
    if gazetteer.find_spans(name):
        return None  # names a place: a figure of that place, not a kind of thing
    tokens = tag(name)
    per_unit = _PER_UNIT.search(name) is not None  # 生均…: 均 here makes a per-pupil measure
    if not tokens or any(
        word in rules.clause_words and not (per_unit and word == "均") for word, _ in tokens
    ):
        return None  # a clause, not a name: 已制定…, 体艺活动的师生
    last_tag = tokens[-1][1]
    heads = (*rules.heads, *rules.works_heads) if unit == "所" else rules.heads
    if not name.endswith(heads) and last_tag not in rules.noun_tags:
        return None  # ends with a verb: 县政府拨付, 没有发生死亡
    if tokens[0][1] == "v" and name[len(tokens[0][0]) :] in rules.generic:
        return None  # 投入资金, 发放金额: an action and a bare kind
    if name.endswith("占比") and series_name(name[:-2], rules, gazetteer, tag) is None:
        return None  # 学校占比: the share of what?
    return name


def spending_name(
    label: str,
    neighbours: Sequence[tuple[str, str]],
    rules: LabelRules,
    gazetteer: Gazetteer,
    tag: Tag,
    sentence: str = "",
) -> str | None:
    """The series of a sum named only by how it was spent (投入资金3260万元): that of what it
    paid for, the label of the first count in `neighbours` ((label, unit) of the figures
    beside it in its sentence, the one after it first), its leading verb off, with 投入 after
    it (…实施薄弱学校改造项目14个 → 薄弱学校改造项目投入), or else the one programme its
    `sentence` names (…营养改善计划…), when that is a name; None when it is no such sum."""
    if _strip_front(label.strip(), rules, gazetteer) not in rules.spending_labels:
        return None
    purpose = _purpose(neighbours, sentence, rules)
    return series_name(purpose + "投入", rules, gazetteer, tag) if purpose else None


def _purpose(
    neighbours: Sequence[tuple[str, str]],
    sentence: str,
    rules: LabelRules,
    skip: tuple[str, ...] = (),
) -> str | None:
    """What a programme's figure is of: the label of the first count in `neighbours` ((label,
    unit)) that does not open with one of `skip`, its leading verb off (实施薄弱学校改造项目 →
    薄弱学校改造项目), or else the one programme `sentence` names (落实农村义务教育学生营养改善
    计划，… → 农村义务教育学生营养改善计划)."""
    for purpose, unit in neighbours:
        if unit in rules.purpose_units and purpose and not purpose.startswith(skip):
            for verb in rules.purpose_verbs:
                purpose = purpose.removeprefix(verb)
            return purpose
    named = [m["programme"] or m["opening"] for m in _PROGRAMME.finditer(sentence)]
    return named[0] if len(named) == 1 else None


def reach_name(
    label: str,
    before: Sequence[tuple[str, str]],
    rules: LabelRules,
    gazetteer: Gazetteer,
    tag: Tag,
    sentence: str = "",
) -> str | None:
    """The series of a count named only by whom a programme reached (覆盖学校96所): the label
    of the count before it in its sentence ((label, unit) in `before`, the nearest first), its
    leading verb off, with the label after it (组建教育集团23个 → 教育集团覆盖学校), or else the
    one programme its `sentence` names; None when it is no such count."""
    name = _strip_front(label.strip(), rules, gazetteer)
    verb = next((v for v in rules.reach_verbs if name.startswith(v)), None)
    if verb is None or name[len(verb) :] not in rules.generic:
        return None
    purpose = _purpose(before, sentence, rules, skip=rules.reach_verbs)
    return series_name(purpose + name, rules, gazetteer, tag) if purpose else None


def survey_name(label: str, rules: LabelRules) -> str | None:
    """The series of a count of a survey's copies (回收有效问卷4712份 → 有效问卷; 发放调查问卷
    → 发放问卷), or None when the label names no questionnaire."""
    if "问卷" not in label:
        return None
    return next((name for word, name in rules.survey_copies if word in label), None)


def attendance_name(label: str, rules: LabelRules, gazetteer: Gazetteer, tag: Tag) -> str | None:
    """The series of a count of attendances (人次) whose label names only the activity, a
    verb (组织各级各类培训1.2万人次 → 培训人次; not 学生, a generic kind)."""
    tokens = tag(_strip_front(label.strip(), rules, gazetteer))
    if not tokens or not tokens[-1][1].startswith("v"):
        return None
    return series_name(label + "人次", rules, gazetteer, tag)


def share_name(base: str) -> str:
    """The series of a share stated right after a figure (普惠性幼儿园1.2万所，占总数的73%):
    the share of that figure's kind."""
    return f"{base}占比"


# A programme a sentence names after the verb that carries it out (落实…营养改善计划)
_PROGRAMME_NAME = r"[\u4e00-\u9fff]{2,18}?(?:计划|工程|项目|行动)"
# (or opening its clause, before whom it reached: 其中，…营养改善计划惠及学生9415人)
_PROGRAMME = re.compile(
    rf"(?:落实|实施|推进|开展|启动|完成)(?P<programme>{_PROGRAMME_NAME})(?![\u4e00-\u9fff])"
    rf"|(?:^|(?<=[，,；;。]))(?P<opening>{_PROGRAMME_NAME})(?=惠及|覆盖|受益)"
)
_ASIDE = re.compile(r"[（(][^（）()]{1,8}[）)]")
_PER_UNIT = re.compile(r"[生人校班户]均")
_SHARE_OF = re.compile(r"^(.{2,}?)(?:所)?占(?:[^占]{1,16}?)(?:的)?(?:比例|比重|比率)(?:为|达到?)?$")
_SHARE = re.compile(r"^(?:所?占|占比|比重|比例)")


def is_share_label(label: str) -> bool:
    """Whether a label only says "a share of" (占总数的, 占比, 占全区的) without its subject."""
    return _SHARE.match(label.strip()) is not None
