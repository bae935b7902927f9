"""Numeric mentions in a cleaned report: value, unit, kind, subject phrase and indicator.

Figures are found with regular expressions on the text. A figure is a number (Arabic,
with decimals and thousand separators; Chinese numerals; a masked placeholder such as
``**`` / ``**.*`` / ``XX``; or a ``三分之一`` fraction), an optional multiplier (万 亿 …),
an optional 余/多 and, except for bare 万/亿 amounts, a unit from ``units.yaml``.

What is deliberately not a figure:

* numbers without a unit: years and dates (2017年, 10月21日, 2021-04-15), document
  numbers (〔2020〕14号), phone / QQ / ICP numbers, versions (2.0), heading numbers;
* durations: 年 月 天 小时 学时 are not units, so 近3年, 连续5年, 每天2个小时 and
  6个月 give no row (个 is refused before a time word);
* ordinals (第三期, 第13届, 第1位, 前三名) and names with digits (青岛6中, 5+2模式, 1+N);
* Chinese numerals that are list markers or idioms: only a Chinese numeral directly
  followed by a unit counts, never after 第 or an opening quote, never 一 alone, and a
  single digit below ten only with a "hard" unit (两所, 三名; not 三个课堂, 五项管理).

Ranges (3至5所, 3-5所) give one row whose value is the lower bound.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from transforms.catalog import Catalog, Indicator, UnitDef, per_catalog
from transforms.indicators import PER_HEAD_WORDS, record_label_stage, resolve
from transforms.numerals import CN_CHARS as _CN_CHARS
from transforms.numerals import parse_chinese_decimal
from transforms.regions import WHOLE_REGION_WORDS
from transforms.scopes import Anchors, Layout, layout
from transforms.split import split_sentences
from transforms.stages import StageMatcher, stage_anchors, stage_matcher

__all__ = ["MetricMention", "extract_metrics"]


@dataclass(frozen=True)
class MetricMention:
    """One numeric mention in a report, with its provenance (offsets into the text)."""

    label: str
    value: float | None
    unit: str
    value_text: str
    kind: str
    qualifier: str | None
    masked: bool
    sentence: str
    char_start: int
    char_end: int
    indicator: str | None
    plausible: bool
    plausibility_reason: str | None
    evidence: str = ""
    stage: str | None = None
    nameable: bool = False
    """No indicator, but the label names what is counted (see transforms.series_labels)."""


@dataclass(frozen=True)
class _Figure:
    """A figure found in the text, before its subject and kind are known."""

    start: int
    end: int
    value: float | None
    unit: str
    masked: bool
    inner_qualifier: str | None
    fraction: bool = False
    ratio: bool = False


# ---------------------------------------------------------------- fixed patterns

_CN_PURE_MULT = frozenset("十百千万亿")

# Patterns run over a whole report open with one character class and check what is before
# it after it ([0-9](?<![A-Z][0-9]) for (?<![A-Z])[0-9]): the regex engine then scans for
# that class instead of trying the pattern at every position.
# A number after its first digit (1,234.5 or 91.1): the first digit is matched, and checked,
# by the pattern using it.
_NUM_REST = r"[0-9]{0,2}(?:,[0-9]{3})+(?![0-9])(?:\.[0-9]+)?|[0-9]*(?:\.[0-9]+)?"
_MAX_NUMBER_CHARS = 24

_FRACTION = re.compile(
    rf"(?P<den>[0-9{_CN_CHARS}](?<![0-9{_CN_CHARS}][0-9{_CN_CHARS}])"
    rf"(?:(?<=[0-9])[0-9]{{0,5}}|(?<=[{_CN_CHARS}])[{_CN_CHARS}]{{0,5}}))分之"
    rf"(?P<num>[0-9]{{1,8}}(?:\.[0-9]{{1,6}})?|[{_CN_CHARS}]{{1,8}}(?:点[零〇一二三四五六七八九]{{1,4}})?)"
)
_BREAKS = '，,；;：:。！？!?\n（）()“”"《》「」【】[]'
_HARD_BREAK = re.compile(r"[。！？!?\n；;]")
_PARENTHETICAL = re.compile(r"（[^（）\n]{1,24}）|\([^()\n]{1,24}\)")
_LAST_BREAK = re.compile(rf"[{re.escape(_BREAKS)}][^{re.escape(_BREAKS)}]*$")
_FIRST_BREAK = re.compile(rf"[{re.escape(_BREAKS)}]")

# Context right before a figure that makes it an identifier, ordinal or code.
_NOT_FIGURE_BEFORE = re.compile(
    r"(?:第|QQ|qq|电话|手机|传真|邮编|ICP|备案号|编号|号码|代码|\+)\s*[:：]?\s*$"
)
_RANK_BEFORE = re.compile(r"(?:前|排名|排第|名列|位列)\s*$")
_CN_BAD_BEFORE = frozenset("第前初周期星拜“‘「《〈每数几")
_CN_BAD_AFTER = re.compile(r"(?:党代会|全会|代表大会|人代会|届)")

_PRE_QUALIFIER = re.compile(
    r"(?:将近|接近|近|大约|约|超过|逾|多达|高达|(?<![到抵])达|不低于|不少于|不超过|不足|"
    r"不到|至少|最多|最少|突破|低于|高于|(?<![赶])超)\s*$"
)
# 以上 / 以下 … after the figure, also written 及以上 (66人及以上).
_POST_QUALIFIER = re.compile(r"\s*及?(以上|以下|左右|之多|有余|上下)")
# Quotation marks around a name or slogan: a figure inside a short quotation is part of
# the name (“四个100%”达标, “每月同上1节思政课”活动), not a reported figure.
_OPEN_QUOTE = "“「『"
_CLOSE_QUOTE = "”」』"
_MAX_QUOTED = 12

INCREASE = re.compile(
    r"(?:(?:(?<!新)增加|增长|(?<!新)增多|提高|提升|上升|扩大|高出|多出|递增|(?<![新倍])增)了?"
    r"|(?:增幅|涨幅|增速|增长率)(?:为|达到|达)?)\s*$"
)
DECREASE = re.compile(
    r"(?:(?:减少|下降|降低|缩小|(?<!压)缩减|下滑|回落|(?<![压核裁削精缩])减)了?"
    r"|(?:降幅|减幅)(?:为|达到|达)?)\s*$"
)

_LIST_GAP = re.compile(r"\s*(?:[、，,]|和|及|与|以及|或)\s*")
_LIST_SPLIT = re.compile(r"、|以及|和|及|与|或")
_ENUM_SPLIT = re.compile(r"、")
_ENDS_WITH_LINK = re.compile(r"(?:和|及|与|以及|、)\s*$")
# 全县不足100人的学校有18所: a size before the subject makes it a part, not the stock
_THRESHOLD_BEFORE = re.compile(
    r"(?<![\d.万亿])\d+(?:人|岁|名)(?:及?以上|及?以下|以内|左右)?的(?![比较])[^，,。；;\d]{1,12}$"
)
_COMMA_GAP = re.compile(r"\s*[，,]\s*")
# A year as a label's time (2020年, 2019年底) and an arrow between two values (88.1% → 93.5%)
_A_YEAR = r"(?:19|20)[0-9]{2}年(?:底|末|度)?"
ARROW = r"(?:→|->|➡|—>|⟶|⇒)"
"""An infographic's arrow from a value to the one it became (58.2% → 76.9%)."""
_LATER_YEAR_GAP = re.compile(
    r"(?:以上|以下|左右)?[，,]\s*(?:到|至)?[0-9]{4}年(?:底|末)?(?:已|则|更是|进一步)?"
    r"(?:达到|达|为|提高到|提升到|提高至|提升至|增长到|增至|上升到|上升至)\s*"
)
# a value's own year in brackets after it (91.2%（2020年）→ 97.8%（2025年）)
YEAR_IN_BRACKETS = r"[（(]\s*((?:19|20)[0-9]{2})\s*年?(?:底|末|度)?\s*[)）]"
_BASE_GAP = re.compile(rf"\s*[（(]\s*{_A_YEAR}\s*(?:为|是)\s*")
_ARROW_GAP = re.compile(rf"\s*(?:{YEAR_IN_BRACKETS})?\s*{ARROW}\s*(?:{_A_YEAR})?\s*")

_LEAD = re.compile(
    # 和 joins two subjects, but opens the names of places (和平区, 和田, 和县 …)
    r"(?:\s+|[、，,及与的]|[—－-]{2,}|[•·▪■◆●▶►▸➤★☆✅✔▲△◇○◎□|｜]|和(?!平|田|龙|顺|政|静|硕|林格尔|布克|县)"
    r"|(?:全|我|本|该|各)(?:市|县|区|省|国|镇|乡|州|旗|盟)"
    r"|在(?=全|我|本)|(?:截至|截止到?|到)目前(?:为止)?|目前|当前|现在|今年|去年|本年|全年"
    r"|年内|年底|近年来|近年|其中|另外|此外|同时|另有|包括|含|先后|但仍|但|仍|而且|并且|并|且|确保"
    r"|有(?![效序关力机助益利线的])"
    r"|力争|争取|预计|计划|(?:市|县|区|省)内|[0-9]{4}[-—~至][0-9]{4}学?年度?|[0-9]{4}年(?:度|底|末)?"
    r"|[0-9]{4}(?=全年|年末|年底)"
    r"|[0-9]{1,2}月(?:份|底)?|共有|现有|拥有|共计|合计|总计|累计|共|已经|已|还|以上|左右"
    r"|[0-9]{1,2}[.．、](?![0-9])|[0-9]{1,2}[.．](?=[0-9]{4}年)|[（(][0-9一二三四五六七八九十]{1,2}[)）]|[一二三四五六七八九十]是"
    # 三、义务教育 全县普通小学38所: a part's heading run into its text (a flattened copy)
    r"|[一二三四五六七八九十]{1,3}、(?:[\u4e00-\u9fff]{2,12}\s+)?"
    r"|(?:驻|在)[\u4e00-\u9fff]{1,2}(?=(?:普通)?高(?:校|等学校|等院校))"
    r"|[\u4e00-\u9fff]{2,4}(?=全[省市县区](?:共|现)?有)|有(?=各类|各级))"
)
_TRAIL = re.compile(
    r"(?:\s+|[、，,：:]|了|的|分别|(?<![人平生])均|各|都|一共|共|共有|现有|拥有|有|共计|合计"
    r"|总计|累计|(?<![统会设估])计|达到|达|为|是|约为|约占|占|至|到|增加|增长|增多|提高|提升"
    r"|上升|扩大|高出|多出|下降|减少|降低|缩小|缩减|压减[至到]|压缩[至到]|下滑|回落|递增|降"
    r"|(?<![新递倍净])增|(?<![缩削核压净])减"  # 幼儿园增至17所, 民办园减至12所
    r"|比(?:上年度?|去年|上一年|[0-9]{4}年|同期)|较(?:上年度?|去年|上一年|[0-9]{4}年|同期)|同比|环比"
    r"|将近|接近|近|大约|约|超过|超|逾|多达|高达|不低于|不少于|不超过|不足|不到|低于|高于"
    r"|少于|多于|至少|最多|突破|仅|只|已经|已|就|又|再次|再|首次|率先|每年|每学年|每生|年均|和|及|与|以及"
    r"|仍然|依然|仍"
    r"|力争|争取|确保|预计|没有|没|控制|稳定|保持|维持|(?<![存现所实])在|(?:全|我|本|该)(?:市|县|区|省|国)"
    r"|(?:由|从)(?:[0-9]{4}年(?:底|末)?|上年|去年|上一年)?的?"
    rf"|{_A_YEAR}|{ARROW})$"
)
_CUT = re.compile(
    r"(?:命名|组织|完成|实现|举办|开展|评选出?|评出|发放|投入|安排|建成|建立|选派|招聘|选调"
    r"|分配|引进|组建|培育|确立|带动|评为|认定|设立|推出|创建|启动|支持|覆盖|接收|参加|参与"
    r"|获得|入选|提供|(?<![应需])配备|(?<!资源)配置|拨付|投资|提取|表彰|补充|开设|查处|责令|推选|承办|申报|获批"
    r"|打造|落实|遴选|组成|召开|任命|培养|惠及|解决|制定|出台|印发|收到|办理|招收|设置"
    r"|输送|走访|慰问|聘用|下放|清退|刊登|采用|帮助|确定|选拔|举行|进行|共有|现有|(?<![生人])拥有|建有"
    r"|设有|改扩建|新建扩建|推动|推进|全力推进|实施|建设|作为|带动|确立)了?"
    r"|(?<![作成认称更较最极以因])为(?![主期止])"
    r"|在(?![校园编岗读职线学])(?![\u4e00-\u9fff]{1,2}(?:普通)?高(?:校|等学校|等院校))"
    r"|(?<![针相绝面])对(?![口象于])|(?<![倾方导意动走转去偏志])向|给|按照|按|把|将|被|了"
    r"|(?<![中高初平同对均上])等(?![级次奖])"
    # 教育系统有教职工7425人: what follows a bare 有 names the figure
    r"|(?<![共现拥建设没具所占享只还都仍])有(?![效序关力机助益利线的些所])"
)
# A phrase ending like this names a measure, so it is the subject of the verb after it
# (网办率实现100% → 网办率); otherwise the text before the verb is its actor (市政府投入).
_MEASURE_END = re.compile(
    r"(?:率|比|比例|占比|数|数量|总数|人数|量|额|金额|度|规模|经费|资金|面积|收入|水平)$"
)
# What follows 项 in «N项…指标» (7项指标, 7项资源配置指标): over how many measures, no count
_OF_MEASURES = r"[\u4e00-\u9fff]{0,6}?指标"
_AFTER_STOP = re.compile(
    r"发放|获得|获批|参加|参与|进行|开展|通过|入选|享受|用于|纳入|列入|达到|推进|实施|实现|完成"
    r"|新增|开设|建成|创建|荣获|获|受|被|(?<![作成认称更较])为"
    rf"|(?:\d+|[一二三四五六七八九十]+)项{_OF_MEASURES}"  # 44所学校7项指标全部达标
)
# Verbs that, alone before a figure, are part of its subject with the noun after it.
_FLOW_VERB = re.compile(
    r"新增|新建|新认定|新创建|创建|新招|招聘|建成|认定|评选|培育|设立|推荐|选派|引进|遴选|组织|投入"
)
_STEADILY = re.compile(r"^(?:逐年|逐步|稳步|持续|不断|进一步)")
REACHED = re.compile(
    r"(?:增加|增长|提高|提升|上升|扩大|下降|减少|降低|缩小|回落|压减|压缩|降|增|升)(?:到|至)"
    r"(?:[0-9]{4}年(?:底|末)?)?的?"
)
_MAX_LABEL = 30
_MAX_PREFIX = 60  # how far back a figure's subject is looked for
_MAX_AFTER_LABEL = 16
_CONTEXT_BEFORE = 300


@dataclass(frozen=True)
class _Patterns:
    """Regular expressions built from a catalog's units and multipliers."""

    arabic: re.Pattern[str]
    masked: re.Pattern[str]
    chinese: re.Pattern[str]


def _unit_pattern(unit: UnitDef) -> str:
    if unit.regex:
        return f"(?:{unit.regex})"
    if not unit.not_before:
        return re.escape(unit.name)
    stops = "|".join(re.escape(s) for s in sorted(unit.not_before, key=len, reverse=True))
    return f"{re.escape(unit.name)}(?!{stops})"


@per_catalog
def _patterns(catalog: Catalog) -> _Patterns:
    """Figure patterns for one catalog."""
    ordered = sorted(catalog.units, key=lambda u: len(u.name), reverse=True)
    units = "|".join(f"(?:{_unit_pattern(u)})" for u in ordered)
    mult = "".join(re.escape(ch) for ch, _ in catalog.multipliers) or "万"
    tail = rf"(?P<q1>余|多)?(?P<mult>[{mult}]{{1,2}})?(?P<q2>余|多)?"
    arabic = re.compile(
        rf"(?P<num>[0-9](?<![0-9A-Za-z.+/_\-][0-9])(?:{_NUM_REST}))"
        rf"(?:[ \t]*(?:至|到|-|~|～|—|－)[ \t]*(?P<num2>[0-9]+(?:\.[0-9]+)?))?"
        rf"{tail}(?P<unit>{units})?"
    )
    masked = re.compile(
        rf"(?P<mask>[*Xx](?<![0-9A-Za-z*][*Xx])(?:(?<=\*)\**(?:\.\*+)?|(?<=[Xx])[Xx]{{0,2}}))"
        rf"(?![A-Za-z]){tail}(?P<unit>{units})"
    )
    chinese = re.compile(
        rf"(?P<cn>[{_CN_CHARS}](?<![{_CN_CHARS}][{_CN_CHARS}])[{_CN_CHARS}]{{0,11}}"
        rf"(?:点[零〇一二三四五六七八九]{{1,4}})?)"  # (二十七点三个百分点)
        rf"(?P<q1>余|多)?(?P<mult>[万亿])?(?P<unit>{units})"
    )
    return _Patterns(arabic=arabic, masked=masked, chinese=chinese)


# ---------------------------------------------------------------- numbers


def _decimal(number: str) -> Decimal | None:
    """The decimal value of an Arabic number as written (thousand separators allowed)."""
    if len(number) > _MAX_NUMBER_CHARS:
        return None
    try:
        return Decimal(number.replace(",", ""))
    except InvalidOperation:
        return None


def _scaled(value: Decimal, factors: tuple[float, ...]) -> float:
    """`value` times each factor, exact in decimal, as a float."""
    for f in factors:
        value *= Decimal(str(f))
    return float(value)


# ---------------------------------------------------------------- finding figures


def _inside_quote(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] lies inside a short quotation (“…”) on the same line."""
    for i in range(start - 1, max(-1, start - 1 - _MAX_QUOTED), -1):
        ch = text[i]
        if ch in _OPEN_QUOTE:
            break
        if ch in _CLOSE_QUOTE or ch in "。\n":
            return False
    else:
        return False
    for ch in text[end : end + _MAX_QUOTED]:
        if ch in _CLOSE_QUOTE:
            return True
        if ch in _OPEN_QUOTE or ch in "。\n":
            return False
    return False


def _refused_before(text: str, start: int) -> bool:
    """Whether the text right before `start` makes the number an identifier or ordinal."""
    return bool(_NOT_FIGURE_BEFORE.search(text, max(0, start - 8), start))


def _unit_of(catalog: Catalog, written: str | None) -> UnitDef | None:
    if written is None:
        return None
    unit = catalog.unit(written)
    if unit is None and written.startswith("分"):
        unit = catalog.unit("分")
    return unit


def _arabic_figures(text: str, catalog: Catalog, pat: re.Pattern[str]) -> list[_Figure]:
    """Figures written with Arabic digits."""
    out: list[_Figure] = []
    for m in pat.finditer(text):
        unit = _unit_of(catalog, m["unit"])
        mult = m["mult"] or ""
        if unit is None and not ({"万", "亿"} & set(mult)):
            continue
        if _refused_before(text, m.start()):
            continue
        if (
            unit
            and unit.name in {"名", "位"}
            and _RANK_BEFORE.search(text, max(0, m.start() - 4), m.start())
        ):
            continue
        number = _decimal(m["num"])
        if number is None:
            continue
        factors = (catalog.multiplier(mult), unit.factor if unit else 1.0)
        base = unit.base if unit else ""
        for start, end, listed in _listed_before(text, m.start()):
            # 分别为1.2、0.8万人; 分别比上年提高0.9、0.3和1.2个百分点: the unit written once
            out.append(_Figure(start, end, _scaled(listed, factors), base, False, None))
        out.append(
            _Figure(
                start=m.start(),
                end=m.end(),
                value=_scaled(number, factors),
                unit=base,
                masked=False,
                inner_qualifier=m["q1"] or m["q2"],
            )
        )
    return out


_LISTED_NUMBERS = re.compile(r"(?:(?<![\d.第])\d+(?:\.\d+)?\s*[、和及与]\s*)+$")
_LISTED_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_LIST_REACH = 48


def _listed_before(text: str, start: int) -> list[tuple[int, int, Decimal]]:
    """Bare numbers listed right before a figure, sharing its unit (0.9、0.3和1.2个百分点),
    as (start, end, number); none when one looks like a year (2019、2020年)."""
    lo = max(0, start - _LIST_REACH)
    m = _LISTED_NUMBERS.search(text, lo, start)
    if m is None or (m.start() > 0 and text[m.start() - 1] in "0123456789.:："):
        return []
    if m.start() == 0 or text[m.start() - 1] == "\n":
        return []  # 3、20人 opening a line: an item's number
    found = list(_LISTED_NUMBER.finditer(text, m.start(), m.end()))
    if any(len(n.group()) == 4 and n.group()[:2] in ("19", "20") for n in found):
        return []
    return [
        (n.start(), n.end(), number) for n in found if (number := _decimal(n.group())) is not None
    ]


def _masked_figures(text: str, catalog: Catalog, pat: re.Pattern[str]) -> list[_Figure]:
    """Figures whose digits were masked (**件, **.*%, XX个)."""
    out: list[_Figure] = []
    for m in pat.finditer(text):
        unit = _unit_of(catalog, m["unit"])
        if unit is None or _refused_before(text, m.start()):
            continue
        out.append(
            _Figure(
                start=m.start(),
                end=m.end(),
                value=None,
                unit=unit.base,
                masked=True,
                inner_qualifier=m["q1"] or m["q2"],
            )
        )
    return out


def _chinese_ok(text: str, m: re.Match[str], value: Decimal, unit: UnitDef) -> bool:
    """Whether a Chinese-numeral match is a figure rather than an idiom or ordinal."""
    before = text[m.start() - 1] if m.start() > 0 else ""
    if before in _CN_BAD_BEFORE or _refused_before(text, m.start()):
        return False
    if m["cn"] == "一" or value <= 0:
        return False
    if value < 10 and unit.soft and not m["q1"]:
        return False
    bare = _CN_PURE_MULT if unit.soft and not m["q1"] else _CN_PURE_MULT - {"十"}
    if set(m["cn"]) <= bare and not _PRE_QUALIFIER.search(text, max(0, m.start() - 4), m.start()):
        # 千家万户, 百校: a bare 百/千/万 counts only after 近/超过/约 …; so does a bare 十
        # before a soft unit (民生十件实事, 十项工程 name programmes; 十余个 is a count)
        return False
    return not _CN_BAD_AFTER.match(text, m.end())


def _chinese_figures(text: str, catalog: Catalog, pat: re.Pattern[str]) -> list[_Figure]:
    """Figures written in Chinese numerals (三十五所, 两万名, 十余个, 近千人)."""
    out: list[_Figure] = []
    for m in pat.finditer(text):
        unit = _unit_of(catalog, m["unit"])
        value = parse_chinese_decimal(m["cn"])
        if unit is None or value is None or not _chinese_ok(text, m, value, unit):
            continue
        factors = (catalog.multiplier(m["mult"] or ""), unit.factor)
        out.append(
            _Figure(
                start=m.start(),
                end=m.end(),
                value=_scaled(Decimal(value), factors),
                unit=unit.base,
                masked=False,
                inner_qualifier=m["q1"],
            )
        )
    return out


def _fraction_part(s: str) -> Decimal | None:
    if s[0].isascii():
        return _decimal(s)
    return parse_chinese_decimal(s)  # 百分之九十五点二


def _fraction_figures(text: str) -> list[_Figure]:
    """Fractions, as percentages (三分之一 → 33.33 %, 百分之九十 → 90 %)."""
    out: list[_Figure] = []
    for m in _FRACTION.finditer(text):
        den, num = _fraction_part(m["den"]), _fraction_part(m["num"])
        if not den or num is None or _refused_before(text, m.start()):
            continue
        out.append(
            _Figure(
                start=m.start(),
                end=m.end(),
                value=float(num / den * 100),
                unit="%",
                masked=False,
                inner_qualifier=None,
                fraction=True,
            )
        )
    return out


_RATIO = re.compile(
    r"(?<![0-9.:：∶])(?:(?P<a>[0-9]{1,3}(?:\.[0-9]{1,2})?)\s*[:：∶]\s*1|1\s*[:：∶]\s*(?P<b>[0-9]{1,3}(?:\.[0-9]{1,2})?))"
    r"(?![0-9.:：∶])"
)
_RATIO_CUE = re.compile(r"比")
_RATIO_REACH = 30
_CLAUSE_BREAK = re.compile(r"[，,。；;\n]")


def _ratio_figures(text: str) -> list[_Figure]:
    """Ratios written N:1 or 1:N (生师比18.63:1, 师生比1∶15), as N, only after a 比."""
    out: list[_Figure] = []
    for m in _RATIO.finditer(text):
        # the 比 of 生师比 earlier in the clause (生师比从2013年的23.4:1降低到2023年的13.3:1)
        window = text[max(0, m.start() - _RATIO_REACH) : m.start()]
        clause = _CLAUSE_BREAK.split(window)[-1]
        if not _RATIO_CUE.search(clause):
            continue
        number = _decimal(m["a"] or m["b"])
        if number is None:
            continue
        out.append(
            _Figure(
                start=m.start(),
                end=m.end(),
                value=float(number),
                unit="",
                masked=False,
                inner_qualifier=None,
                ratio=True,
            )
        )
    return out


# After a figure: the figure is a threshold in a definition (56人以上的班, 66人及以上大班额),
# or a page widget (3人参与, 1条评论), not a reported figure.
_NOT_FIGURE_AFTER = re.compile(
    r"(?:及?以上|以下|（含）|\(含\))?(?:的)?(?:班(?!主任)|大班额|超大班额|班额)"
    r"|参与|评论|阅读|浏览|收藏|点赞|转发|顶|踩"
)
_CLASS_SIZE = re.compile(r"班额|大班|每班|班级学生数|班容量|人的班|人班")
_BOUND_BEFORE = re.compile(
    r"(?:不超过|超过|不高于|控制在|低于|高于|少于|多于)(?:[0-9]{1,3}人、)?\s*$"
)
_BOUND_AFTER = re.compile(r"\s*(?:及?以上|以下|以内|及以下)")
_SHARING_BEFORE = re.compile(r"(?:精选|精编|范文|汇编|合集|大全|优选|通用|最新|共|[(（])\s*$")
_WIDGET_BEFORE = re.compile(
    r"(?:点击|浏览|阅读|访问|评论|人气)(?:量|数|次数|率)?\s*[:：]?\s*$"
    r"|(?:共印|印数|印发份数|印发|印)\s*[:：]?\s*$"  # (a document's print run: 共印80份)
)


# A figure that opens a line after a line ending in a bare decimal point (3.), page-number
# lines between: the second half of a number a page break split.
_SPLIT_NUMBER = re.compile(
    r"[0-9][.．]\s*\n(?:[^\n。]{0,30}第\s*\d+\s*页[^\n。]{0,20}\n|\s*\n)*\s*$"
)


# A standard the report measures itself against, not a measurement: a bound sign before the
# figure (初中≥5.3人), or a standard's name before it with nothing between but stages, other
# such values and bound words (标准为小学≥4.2人、初中≥5.3人; 低于国家规定的小学0.50、初中0.45;
# 国家基准定额（小学650元、初中850元）; 国家要求85%以上). 达到省定标准的学校占98% is measured.
_BOUND_SIGN = re.compile(r"[≥≤＞＜]\s*$")
_STANDARD_NAME = re.compile(r"(?:标准|规定|要求|定额|基准)(?:为|是|的|值)?[:：]?$")
_STANDARD_FILLER = re.compile(
    r"(?:小学|初中|普通高中|高中|幼儿园|中职|分别|均|为|是|达到|达|不低于|不少于|不超过|不高于|不大于|不小于"
    r"|\d+(?:\.\d+)?\s*(?:%|％|[\u4e00-\u9fff]{0,3}?)|[、和及与/\s（(≥≤])*$"
)
_STANDARD_REACH = 40


def _a_standard(text: str, fig: _Figure) -> bool:
    """Whether a figure states a standard (see _STANDARD_NAME) rather than a measurement."""
    window = text[max(0, fig.start - _STANDARD_REACH) : fig.start]
    if _BOUND_SIGN.search(window):
        return True
    clause = re.split(r"[，,。；;\n]", window)[-1]
    if _STANDARD_OPENS.search(clause):
        return True  # 国家标准要求：每百名学生拥有…小学、初中分别达到4.2人以上、5.3人以上
    m = _STANDARD_FILLER.search(clause)
    before = clause[: m.start()] if m else clause
    return _STANDARD_NAME.search(before) is not None


_STANDARD_OPENS = re.compile(r"(?:标准|要求|规定)[:：]")


_ITEMS_OF_MEASURES = re.compile(_OF_MEASURES)


def _widget_or_threshold(text: str, fig: _Figure) -> bool:
    """Whether a figure is a class-size threshold, a standard or a page widget's counter."""
    if fig.ratio or fig.fraction:
        return False
    if _a_standard(text, fig):
        return True
    if fig.unit == "人" and fig.value is not None and fig.value <= 100:
        # 大班额（56人以上）, 小学不超过45人, 班额控制在50人以下: a class-size bound
        near = text[max(0, fig.start - 16) : fig.end + 20]  # …不超过50人的标准班额
        # 控制在43人 is where a class size now stands; 控制在45人以内 is a bound
        before = _BOUND_BEFORE.search(text, max(0, fig.start - 10), fig.start)
        if before and before.group(0).startswith("控制在"):
            before = None
        bound = before or _BOUND_AFTER.match(text, fig.end)
        if bound and _CLASS_SIZE.search(near):
            return True
    if _WIDGET_BEFORE.search(text, max(0, fig.start - 8), fig.start):
        return True
    if fig.unit == "项" and _ITEMS_OF_MEASURES.match(text, fig.end):
        # 7项指标校际差异系数, 七项指标均达标, 对照7项资源配置指标: how many measures, a part
        # of a name
        return True
    if fig.unit in ("篇", "页") and _SHARING_BEFORE.search(text, max(0, fig.start - 8), fig.start):
        return True  # 自评报告（精选3篇）, (12页珍藏版): a sharing site's count of its copies
    if _SPLIT_NUMBER.search(text, max(0, fig.start - 80), fig.start):
        return True  # 增长3.⏎— 第 2 页 —⏎7%: the tail of a number a page break cut
    after = _NOT_FIGURE_AFTER.match(text, fig.end)
    if after is None:
        return False
    if after.group(0)[:1] in "参评阅浏收点转顶踩":
        return fig.unit in {"人", "条", "次", "人次"} and (fig.value or 0) < 1e6
    return fig.unit in {"人", "名"}


# A coefficient has no unit: the decimals after 系数 in its sentence (差异系数小学为0.54、初中0.38)
_COEFFICIENT = re.compile(r"系数")
_COEFFICIENT_VALUE = re.compile(r"(?<![\d.])\d\.\d{1,4}(?![\d.]|\s*[%％万亿个所人元名倍])")
_COEFFICIENT_REACH = 40
_COEFFICIENT_GAP = 12


def _coefficient_figures(text: str) -> list[_Figure]:
    out: list[_Figure] = []
    for m in _COEFFICIENT.finditer(text):
        end = min(
            (i for i in (text.find(ch, m.end()) for ch in "。；;\n") if i >= 0), default=len(text)
        )
        reach, pos = m.end() + _COEFFICIENT_REACH, m.end()
        while v := _COEFFICIENT_VALUE.search(text, pos, min(end, reach)):
            out.append(_Figure(v.start(), v.end(), float(v.group(0)), "", False, None))
            pos = v.end()
            reach = max(reach, pos + _COEFFICIENT_GAP)  # 分别为：0.312、0.405、…: a list goes on
    return out


def find_figures(text: str, catalog: Catalog) -> list[_Figure]:
    """All figures in the text, in order, without overlaps (the longest wins at a position)."""
    pats = _patterns(catalog)
    found = [
        *_ratio_figures(text),
        *_coefficient_figures(text),
        *_fraction_figures(text),
        *_arabic_figures(text, catalog, pats.arabic),
        *_masked_figures(text, catalog, pats.masked),
        *_chinese_figures(text, catalog, pats.chinese),
    ]
    found.sort(key=lambda f: (f.start, f.start - f.end))
    out: list[_Figure] = []
    for fig in found:
        if not out or fig.start >= out[-1].end:
            out.append(fig)
    for i in range(len(out) - 2, -1, -1):
        # 分别提高0.06个、2.56个百分点: the unit written once, at the end of the list
        a, b = out[i], out[i + 1]
        if a.unit == "个" and b.unit == "个百分点" and text[a.end : b.start] in ("、", "和", "，"):
            out[i] = replace(a, unit="个百分点")
    return [
        f
        for f in out
        if not _inside_quote(text, f.start, f.end) and not _widget_or_threshold(text, f)
    ]


# ---------------------------------------------------------------- subject, kind, qualifier


def _strip_lead(s: str) -> str:
    while s and (m := _LEAD.match(s)) and m.end() > 0:
        s = s[m.end() :]
    return s


# Every character a _TRAIL match can end with is written in its pattern (or is a space): a
# label ending in any other (在校生, 学校) is left as it is without running the pattern.
_TRAIL_CHARS = frozenset(_TRAIL.pattern)


def _strip_trail(s: str) -> str:
    while s and (s[-1] in _TRAIL_CHARS or s[-1].isspace()):
        m = _TRAIL.search(s)
        if m is None or m.start() >= len(s):
            break
        s = s[: m.start()]
    return s


def _cut_at_verb(s: str) -> str:
    """The noun phrase after the last verb or preposition (命名首批示范学校 → 首批示范学校)."""
    last: re.Match[str] | None = None
    for last in _CUT.finditer(s):  # noqa: B007 - we want the last match
        pass
    if last is None or s.startswith("率", last.end()):
        return s  # (覆盖率, 完成率: a rate, no verb; 毛入园率、普惠性幼儿园覆盖率、公办园…: a list)
    rest = _strip_trail(_strip_lead(s[last.end() :]))
    if not rest:
        before = _strip_trail(s[: last.start()])
        return before if _MEASURE_END.search(before) else ""
    if rest.startswith("占") and last.start() > 0:
        # 学前教育财政投入占财政性教育经费的比例: the share of what was put in, not the verb
        return _cut_at_verb(s[: last.start()]) + s[last.start() : last.end()] + rest
    return s if len(rest) <= 2 else rest


# A share with no subject but its whole (…1402人，占60.5%; 占全县的45.2%): "a share of" what
# the figure before it counts, for the series namer
_BARE_SHARE = re.compile(r"[，,、\s]*(?:约|大约|仅|只)?占(?:了|到)?(?:全[县市区省旗国州盟])?的?\s*")


def subject_before(prefix: str) -> str:
    """Subject phrase from the clause text before a figure (verbs, region, time removed)."""
    if _BARE_SHARE.fullmatch(prefix):
        return "占"
    s = _strip_trail(prefix)
    s = _cut_at_verb(s)
    s = _strip_trail(_strip_lead(_RUN_IN_HEADING.sub("", s)))
    return s[-_MAX_LABEL:]


# A section's name run in before its text, a space apart (义务教育　小学4168所; （二）初中　全省共有
# 初中3264所)
_RUN_IN_HEADING = re.compile(
    r"^(?:[\u4e00-\u9fff]{1,6}(?:教育|情况|概况)|[\u4e00-\u9fff]{2,6})\s+(?=[\u4e00-\u9fff])"
)


def _subject_after(text: str, end: int, stop: int) -> str:
    """Subject phrase right after a figure's unit (1610家校外培训机构 → 校外培训机构)."""
    m = _FIRST_BREAK.search(text, end, stop)
    s = _strip_lead(text[end : m.start() if m else stop])
    if _CHANGE_VERB_AFTER.match(s):
        return ""  # 较2018年的76.5%明显提升: a verb, no subject
    if verb := _AFTER_STOP.search(s):
        s = s[: verb.start()]
    return _AMONG.sub("", _strip_trail(s[:_MAX_AFTER_LABEL]))


_CHANGE_VERB_AFTER = re.compile(
    r"(?:明显|显著|大幅|稳步|持续|有所)?(?:提升|提高|增长|上升|下降|降低|减少|增加)"
)
# 全区201所义务教育学校中，…: what the figure counts, then "among them" (not 初中, 高中)
_AMONG = re.compile(r"(?<=[校园生师员构])中$")


def _prefix_qualifier(prefix: str) -> str | None:
    m = _PRE_QUALIFIER.search(prefix)
    return m.group(0).strip() if m else None


def _change_sign(prefix: str) -> int:
    """+1 after an increase verb, -1 after a decrease verb, 0 for a level."""
    if INCREASE.search(prefix):
        return 1
    if DECREASE.search(prefix):
        return -1
    return 0


def _kind(unit: str, sign: int, fraction: bool, ratio: bool = False) -> str:
    if ratio:
        return "ratio"
    if unit == "倍":
        return "multiplier"  # 增长30倍, 是2010年的3倍: a factor, never a level
    if unit == "个百分点":
        return "change_pp"
    if fraction or sign == 0:
        return "level"
    return "change_pct" if unit == "%" else "change_abs"


def _plausibility(
    value: float | None, unit: str, kind: str, indicator: Indicator | None, catalog: Catalog
) -> tuple[bool, str | None]:
    """Whether a value is believable for its indicator (or, without one, its unit)."""
    if value is None:
        return True, None
    if (
        indicator is not None
        and kind in ("level", "ratio")
        and (indicator.min is not None or indicator.max is not None)
    ):
        reason = indicator.range_reason(value)
        return reason is None, reason
    checked = abs(value) if kind == "change_abs" else value
    for lim in catalog.limits_for(unit, kind):
        if (lim.min is not None and checked < lim.min) or (
            lim.max is not None and checked > lim.max
        ):
            return False, lim.reason
    return True, None


# ---------------------------------------------------------------- assembling rows


@dataclass(frozen=True)
class _Sentence:
    start: int
    end: int


def _sentences(text: str) -> list[_Sentence]:
    """Sentence spans through their semicolons (transforms.split), without whitespace."""
    return [_Sentence(a, b) for a, b in split_sentences(text, semicolons=False)]


def _subject_start(text: str, lo: int, pos: int) -> int:
    """Where the subject of the figure at `pos` may start: the start of its clause, looking
    back at most _MAX_PREFIX characters, where a short parenthetical (入园（班）幼儿,
    教职工（含…）) does not end the clause. (Scopes use transforms.scopes.clause_start, which
    stops at any clause mark: a different question.)"""
    lo = max(lo, pos - _MAX_PREFIX)
    while True:
        m = _LAST_BREAK.search(text, lo, pos)
        if not m:
            return lo
        b = m.start()
        if (
            text[b] in "：:"
            and b > lo
            and _YEAR_ONLY.fullmatch(text, b + 1, pos)
            and not _RESPECTIVELY_END.search(text, lo, b)
        ):
            # 高中阶段毛入学率：93.5%, 在园幼儿：2020年8261人, 毛入园率：2020年为97.1%: an
            # infographic's label and colon
            pos = b
            continue
        if text[b] in "）)":
            opening = max(text.rfind("（", lo, b), text.rfind("(", lo, b))
            if opening >= 0 and b - opening <= 26 and not _HARD_BREAK.search(text, opening, b):
                pos = opening
                continue
        if text[b] == "”":
            # 由“双减”前的143家, “两免一补”资金4120万元, “双师型”教师占…比例为62.4%: a short
            # quoted term close before the figure, or opening its clause, is in its subject
            opening = text.rfind("“", lo, b)
            if (
                opening >= 0
                and b - opening <= _MAX_QUOTED_TERM
                and not _DIGIT_OR_BREAK.search(text, opening + 1, b)
                and (
                    pos - b <= _MAX_QUOTE_TAIL
                    or _WORD_AND_VERB.fullmatch(text, b + 1, pos)
                    or opening == lo
                    or text[opening - 1] in _CLAUSE_MARKS
                )
            ):
                pos = opening
                continue
        return b + 1


_CLAUSE_MARKS = frozenset("，,；;：:。！？!?\n")
_RESPECTIVELY_END = re.compile(r"(?:分别|依次)(?:为|是)?$")  # 差异系数分别为：0.312、0.405
_YEAR_ONLY = re.compile(
    rf"\s*(?:{_A_YEAR}\s*)?(?:(?<=年|底|末|度)(?:为|是)|达到|达|稳定在|保持在)?\s*"
)


_MAX_QUOTED_TERM = 8
_MAX_QUOTE_TAIL = 5  # characters from the closing quote to the figure
# …or a short word and its verb (“大班额”比例下降至3.8%)
_WORD_AND_VERB = re.compile(
    rf"[\u4e00-\u9fff]{{1,4}}?(?:{REACHED.pattern}|至|到|达到|稳定在|保持在|为|是|达)"
)
_DIGIT_OR_BREAK = re.compile(r"[\d。！？!?\n；;，,]")


def _groups(text: str, figs: list[_Figure]) -> list[list[_Figure]]:
    """Consecutive figures joined only by 、 , 和 及 与 (a list sharing one predicate)."""
    groups: list[list[_Figure]] = []
    for fig in figs:
        if groups:
            prev = groups[-1][-1]
            gap_start = prev.end
            if post := _POST_QUALIFIER.match(text, prev.end, fig.start):
                gap_start = post.end()
            comma = _COMMA_GAP.fullmatch(text, gap_start, fig.start)
            if (comma and prev.unit == fig.unit) or (
                not comma and _LIST_GAP.fullmatch(text, gap_start, fig.start)
            ):
                groups[-1].append(fig)
                continue
        groups.append([fig])
    return groups


@dataclass(frozen=True)
class _Row:
    """A figure with its subject and kind decided, ready to become a MetricMention."""

    fig: _Figure
    label: str
    kind: str
    qualifier: str | None
    sign: int = 0
    fallback: str = ""
    acted: bool = False  # subject read after the figure, object of a verb (配备2名专任教师)
    after: bool = False  # subject read after the figure (351所学校已参与…)


# a share in words right before the bracket that gives it in figures (九成以上（92.4%）,
# 近八成(78.6%), 过半（52.3%）): the bracket's figure is the subject's before the words
_WORDED_SHARE_BEFORE = re.compile(
    r"(?:近|超过|超|约|逾|过)?(?:[一二三四五六七八九两]成[一二三四五六七八九]?|半数?)"
    r"(?:以上|多|左右)?[（(]$"
)


def _qualifier(text: str, fig: _Figure, prefix: str) -> str | None:
    """The qualifier before, inside or after a figure; a plain 达 only when there is no other."""
    post = _POST_QUALIFIER.match(text, fig.end)
    pre = _prefix_qualifier(prefix)
    strong = pre if pre != "达" else None
    return strong or fig.inner_qualifier or (post.group(1) if post else None) or pre


def _group_rows(
    text: str, group: list[_Figure], lo: int, prev_end: int, stages: StageMatcher | None = None
) -> list[_Row]:
    """Rows for one list of figures: shared predicate, one subject each when they split."""
    head = group[0]
    subject_end = head.start
    if worded := _WORDED_SHARE_BEFORE.search(text, max(lo, head.start - 12), head.start):
        subject_end = worded.start()  # 毛入园率达到九成以上（92.4%）: the share's figure
    begin = max(_subject_start(text, lo, subject_end), prev_end)
    prefix = _after_closed_bracket(_PARENTHETICAL.sub("", text[begin:subject_end]))
    qual_free = _PRE_QUALIFIER.sub("", prefix)
    sign = _change_sign(qual_free)
    label = subject_before(prefix) or _topic_before(text, lo, prev_end, begin, prefix)
    if begin == prev_end and _ENDS_WITH_LINK.search(qual_free):
        label = ""  # 2名专任教师和1名保育员: the text before 和 belongs to the previous figure
    each = qual_free.rstrip().endswith("各") and len(group) == 1
    parts = [label]
    if each:
        parts = [p for p in (_strip_trail(_strip_lead(x)) for x in _ENUM_SPLIT.split(label)) if p]
        each = len(parts) > 1
    elif len(group) > 1:
        parts = _list_parts(label, len(group), stages)
    rows: list[_Row] = []
    split = len(group) > 1 and len(parts) == len(group)
    fallback = _strip_trail(_strip_lead(prefix))
    for i, fig in enumerate(group):
        kind = _kind(fig.unit, sign, fig.fraction, fig.ratio)
        before = prefix if i == 0 else text[max(group[i - 1].end, fig.start - 8) : fig.start]
        qual = _qualifier(text, fig, before)
        if each:
            rows += [_Row(fig, part, kind, qual, sign) for part in parts]
        else:
            sub = parts[i] if split else label
            rows.append(_Row(fig, sub, kind, qual, sign, fallback if i == 0 else ""))
    return rows


# The clause before a figure's bare verb that names its subject: a ranking (富锦市学前三年毛入园率
# 最高，达到91.6%), the next in one (其次是同江市，为88.9%) or a judgement (…持证率偏低，仅为72.5%)
_RANKED_TOPIC = re.compile(
    r"^\s*(?:其次(?:是|为)|再次(?:是|为)|第二(?:是|为))(?P<next>[^，,；;。\d]{2,12})\s*$"
    r"|^\s*(?P<top>[^，,；;。\d]{2,30}?)(?:全[市省县区])?(?:最高|最低|最大|最小|最多|最少|居首|居前"
    # …or a judgement of it (幼儿园专任教师持证率偏低，仅为72.5%), or of its trend (对口单招本科
    # 录取人数创历史新高，达到164人; 学前教育投入逐年增加，2024年达到6.38亿元)
    r"|偏低|偏高|较低|较高|过低|过高|不高|创历史新高|创新高|逐年(?:增加|增长|提高|上升)"
    r"|持续(?:增加|增长|提高|提升)|稳步(?:增加|增长|提高|提升)|大幅(?:增加|增长|提高|提升))\s*$"
    # 学前教育毛入园率最高的是运河区，为98.2%: that place's measure
    r"|^\s*(?P<measure>[^，,；;。\d]{2,20}?)(?:最高|最低|最大|最小|最多|最少)的(?:是|为)"
    r"(?P<who>[^，,；;。\d]{2,12})\s*$"
)
_BARE_VERB = re.compile(
    r"\s*(?:(?:19|20)\d{2}年(?:底|末)?)?\s*(?:为|达到|达|是|高达|仅为|只有|仅有|只占|仅占)\s*"
)


def _topic_before(text: str, lo: int, prev_end: int, begin: int, prefix: str) -> str:
    """The subject a ranking's clause gives a figure after only its verb (富锦市学前三年毛入园率
    最高，达到91.6% → 富锦市学前三年毛入园率; 其次是同江市，为88.9% → 同江市), else ''."""
    if not _BARE_VERB.fullmatch(prefix) or begin - 1 <= max(lo, prev_end):
        return ""
    start = _last_break(text, max(lo, prev_end), begin - 1)
    m = _RANKED_TOPIC.match(text[start : begin - 1])
    if m is None:
        return ""
    if m.group("who"):
        return m.group("who") + subject_before(m.group("measure"))
    # (a sum named by a verb, 区财政学前教育投入逐年增加: the whole subject, however it ends)
    return m.group("next") or subject_before(m.group("top")) or m.group("top").strip()


def _list_parts(label: str, n: int, stages: StageMatcher | None = None) -> list[str]:
    """The label split into list items (、 first, then 和 及 与 too) when there are n of them."""
    for splitter in (_ENUM_SPLIT, _LIST_SPLIT):
        parts = [p for p in (_strip_trail(_strip_lead(x)) for x in splitter.split(label)) if p]
        if len(parts) == n:
            return (
                stages and (_shared_measure(parts, stages) or _stage_heads(parts, stages))
            ) or _shared_head(parts)
    return [label]


def _shared_measure(parts: list[str], stages: StageMatcher) -> list[str] | None:
    """Stages listed after the measure they share (每百名学生拥有…教师数小学、初中分别为5.86人、
    6.12人 → 小学…教师数, 初中…教师数), or None when the parts are not so."""
    if not all(p in stages.cues for p in parts[1:]):
        return None
    first = stages.ending(parts[0])
    if first is None or len(parts[0]) < len(first) + 2:
        return None
    measure = parts[0][: -len(first)]
    if not _MEASURE_END.search(measure):
        return None  # 新建幼儿园、小学分别为5所、3所: a verb's objects, no shared measure
    return [first + measure, *(p + measure for p in parts[1:])]


_STAGE_SCOPE = re.compile(
    r"(?:到\d{4}年)?(?:义务教育(?:学校|阶段)?|全[县市区省旗]|县域内?|区域内?|所有)?"
)


def _stage_heads(parts: list[str], stages: StageMatcher) -> list[str] | None:
    """Stages listed before the measure they share, the first after a scope of its own
    (义务教育学校小学、初中生均公用经费分别… → 义务教育学校小学生均公用经费, 初中生均公用经费), or
    None."""
    *first, last = parts
    lead = stages.opening(last)
    head = last[len(lead) :] if lead else ""
    # (a stage may be written with 教育 after it: 高中阶段教育、高等教育毛入学率)
    ends = [stages.ending(p) or stages.ending(p.removesuffix("教育")) for p in first]
    ends = [e and p[p.rindex(e) :] for p, e in zip(first, ends, strict=True)]
    if len(head) < 2 or any(e is None for e in ends):
        return None
    # (a measure, or any noun after bare stages: 幼儿园、小学、初中、高中在校生)
    if not _MEASURE_END.search(head) and not all(p in stages.cues for p in first):
        return None
    # (only after a scope, not a place: 侯马市小学、初中… may be read as a school's name)
    if not all(_STAGE_SCOPE.fullmatch(p[: -len(e)]) for p, e in zip(first, ends, strict=True) if e):
        return None
    # (the first keeps what comes before its stage: a place, 新源县小学…, is the figure's)
    return [f"{p}{head}" for p in first] + [last]


def _shared_head(parts: list[str]) -> list[str]:
    """Parallel modifiers share the head noun written once after the last of them
    (小学、初中校际差异系数分别为… → 小学校际差异系数, 初中校际差异系数)."""
    size = len(parts[0])
    *first, last = parts
    if size > 4 or len(last) <= size + 1 or any(len(p) != size for p in first):
        return parts
    head = last[size:]
    return [p + head for p in first] + [last]


def _sentence_rows(
    text: str, sent: _Sentence, figs: list[_Figure], stages: StageMatcher | None = None
) -> list[_Row]:
    """Rows for the figures of one sentence, with subjects inherited where missing."""
    rows: list[_Row] = []
    prev_end = sent.start
    starts = [f.start for f in figs]
    listed: list[str] | None = None  # the stages the sentence's last list went through
    for group in _groups(text, figs):
        group_rows = _respectively(
            text, _group_rows(text, group, sent.start, prev_end, stages), rows
        )
        if stages is not None:
            group_rows = _stages_listed_before(group_rows, listed, stages)
            listed = _listed_stages(group_rows, stages)
        for row in group_rows:
            gap = text[rows[-1].fig.end : row.fig.start] if rows else ""
            # 压减 stays in a label (只压减40所: a cut of 40), but 压减至17家 reaches a level
            verb = _STEADILY.sub("", row.label)  # 逐年提高到2017年的: 提高到…
            reached = not verb or REACHED.fullmatch(verb + "至")
            arrow = not row.label and _ARROW_GAP.fullmatch(gap)
            # 巩固率稳定在97%以上，2025年达到97.8%: the same measure, the year it reached
            later = (
                not row.label
                and rows
                and rows[-1].fig.unit == row.fig.unit
                and _LATER_YEAR_GAP.fullmatch(gap)
            )
            # 毛入园率提高了16.4个百分点（2012年为78.8%）: the value the change is measured from,
            # in brackets after it, is the same measure
            base = (
                not row.label
                and rows
                and len(rows[-1].label) >= 3  # (not 与2015年相比 (2015年为…))
                and _names_a_measure(rows[-1].label)
                and _BASE_GAP.fullmatch(gap)
            )
            if rows and (
                REACHED.fullmatch(verb)
                or (reached and REACHED.search(gap))
                or arrow
                or later
                or base
            ):
                # 由2010年的5.2万人增加到2019年的8.68万人, 2020年88.1% → 2023年93.5%: the
                # second is the same measure
                kind = "ratio" if row.fig.ratio else "level"
                row = replace(row, label=rows[-1].label, kind=kind, sign=0)
            elif not row.label or _FLOW_VERB.fullmatch(row.label):
                row = _fill_label(text, sent, row, rows, starts)
            rows.append(row)
        prev_end = group[-1].end
    rows = _places_under_a_measure(text, sent, rows)
    return _stages_after_measure(rows, stages, text, sent.start) if stages else rows


def _listed_stages(rows: list[_Row], stages: StageMatcher) -> list[str] | None:
    """The stage each row of a list opens with (学前在校生, 小学在校生, …), or None."""
    if len(rows) < 2:
        return None
    opened = [stages.opening(row.label) for row in rows]
    return [o for o in opened if o] if all(opened) else None


def _stages_listed_before(
    rows: list[_Row], listed: list[str] | None, stages: StageMatcher
) -> list[_Row]:
    """A list whose one subject names no stage, after a list of as many stages in its sentence
    (…在校生分别为5182人、10347人、5036人和3735人；专任教师分别为356人、912人、538人和301人):
    the same stages, in order."""
    if listed is None or len(rows) != len(listed):
        return rows
    label = rows[0].label
    if not label or any(row.label != label for row in rows) or stages.find(label):
        return rows
    return [replace(row, label=stage + label) for row, stage in zip(rows, listed, strict=True)]


# 各县（市）普通高中在校生：龙井市3128人，和龙市2546人: a measure heading a list of places
_MEASURE_HEAD = re.compile(
    r"\s*(?:(?:各|分)(?:县|市|区|旗)[（(]?[市区县旗、]*[）)]?(?:看)?[，,]?)?"
    r"(?P<measure>[\u4e00-\u9fff]{2,14})[：:]"
)
_PLACE_ONLY = re.compile(r"[\u4e00-\u9fff]{1,8}[市县区旗州盟]")


def _places_under_a_measure(text: str, sent: _Sentence, rows: list[_Row]) -> list[_Row]:
    """Figures labelled only by a place under a measure that heads their sentence (各县（市）
    学前三年毛入园率：龙井市90.2%，和龙市86.9%): the place's measure (龙井市学前三年毛入园率)."""
    head = _MEASURE_HEAD.match(text, sent.start, sent.end)
    if head is None:
        return rows
    return [
        replace(row, label=row.label + head["measure"])
        if row.fig.start > head.end() and _PLACE_ONLY.fullmatch(row.label)
        else row
        for row in rows
    ]


def _stages_after_measure(
    rows: list[_Row], stages: StageMatcher, text: str, start: int
) -> list[_Row]:
    """A measure named once, then its value for each stage (生均公用经费小学650元、初中850元;
    平均班额小学43.2人、初中48.6人; 落实生均公用经费，小学每生每年820元、初中…): each figure is
    its stage's measure (小学生均公用经费, 初中生均公用经费), the measure taken from its per-head
    word on, or without the stage that opens it (义务教育阶段平均班额 → 平均班额)."""
    out = list(rows)
    i = 0
    while i < len(out) - 1:
        first = stages.ending(out[i].label)
        measure = out[i].label[: -len(first)] if first else ""
        if first and not measure:  # the measure the clause before the stage's ends with
            lead = text[out[i - 1].fig.end if i else start : out[i].fig.start]
            clauses = _CLAUSE_SPLIT.split(lead)
            clause = clauses[-2] if len(clauses) >= 2 else ""
            per_head = _PER_HEAD_WORD.search(clause)
            # (not 差异系数最大的是生均…面积: what ranks first; nor 生均公用经费足额落实: an act)
            if per_head and not _RANKED.search(clause, 0, per_head.start()):
                measure = clause[per_head.start() :]
                # (and a value, 生均教学仪器设备值)
                ends = _MEASURE_END.search(measure) or measure.endswith((*_MEASURE_WORDS, "值"))
                measure = measure if ends else ""
        following = i + 1
        while (
            following < len(out)
            and _bare_stage(out[following].label, stages)
            # (…教师数：小学5.62人、初中5.91人；…骨干教师数：小学1.24人: the next measure's)
            and not _LIST_SPLIT_HARD.search(
                text, out[following - 1].fig.end, out[following].fig.start
            )
        ):
            following += 1
        if first is None or following == i + 1 or not _names_a_measure(measure):
            i += 1
            continue
        core = _measure_core(measure, stages)
        out[i] = replace(out[i], label=first + core)
        for j in range(i + 1, following):
            out[j] = replace(out[j], label=_bare_stage(out[j].label, stages) + core)
        i = following
    return out


_CLAUSE_SPLIT = re.compile(r"[，,；;：:]")
_LIST_SPLIT_HARD = re.compile(r"[；;：:]")
_RANKED = re.compile(r"是|为|最")
_MEASURE_WORDS = ("系数", "图书", "班额")
"""Measures named by a word the measure suffixes do not end (校际差异系数, 生均图书, 平均班额)."""


def _bare_stage(label: str, stages: StageMatcher) -> str:
    """The stage a label is alone (初中, 初中为, 初中达到), or ""."""
    stage = STAGE_LABEL_TAIL.sub("", label)
    return stage if stage in stages.cues else ""


def _names_a_measure(label: str) -> bool:
    """Whether a label is a measure (生均图书, 平均班额, 校际差异系数), not an action or a
    count's verb (全县共有, 新建)."""
    return len(label) >= 2 and (
        _PER_HEAD_WORD.search(label) is not None
        or _MEASURE_END.search(label) is not None
        or label.endswith(_MEASURE_WORDS)
    )


def _measure_core(measure: str, stages: StageMatcher) -> str:
    """The measure from its per-head word on (农村义务教育学校生均公用经费 → 生均公用经费), else
    without the stage that opens it (义务教育阶段平均班额 → 平均班额); not the verb that ends
    it (生均公用经费标准提高到小学1100元 → 生均公用经费标准), nor the gap that separates it
    from the stages on a line of a table written out (生均教学仪器设备值｜小学2816元)."""
    measure = _REACHED_OR_STATED_END.sub("", measure.rstrip(_CELL_GAP))
    measure = _RESPECTIVELY_END.sub("", measure)  # (生均图书分别为小学…: not 分别)
    per_head = _PER_HEAD_WORD.search(measure)
    if per_head:
        return measure[per_head.start() :]
    opening = stages.opening(measure)
    if opening and len(measure) - len(opening) >= 2:
        return measure[len(opening) :].removeprefix("阶段").removeprefix("学校")
    return measure


_CELL_GAP = " \t|｜"
"""What separates a table's cells written on a line."""

STAGE_LABEL_TAIL = re.compile(r"(?:为|是|达到?)$")
"""What may follow a stage standing alone as a label (初中为, 初中达到)."""
# …or a measure named before its stages' values (生均公用经费标准提高到小学1100元)
_REACHED_OR_STATED_END = re.compile(rf"(?:{REACHED.pattern})$|{STAGE_LABEL_TAIL.pattern}")


_WHOLE_OPENS = re.compile(
    rf"\s*(?:[0-9]{{4}}年(?:底|末)?[，,]?)?(?:{'|'.join(WHOLE_REGION_WORDS)})"
)
_RESPECTIVELY = re.compile(r"分别[^，,；;。0-9]{0,12}$")


def _respectively(text: str, group: list[_Row], done: list[_Row]) -> list[_Row]:
    """Changes listed after 分别 without subjects (A 99.9%，B 92.3%，分别比上年提高0.06个、
    2.56个百分点) are the changes of the levels before them, in order."""
    n = len(group)
    if n < 2 or any(r.label or r.kind == "level" for r in group):
        return group
    head = group[0].fig.start
    if not _RESPECTIVELY.search(text, max(0, head - 16), head):
        return group
    levels = [r for r in done if r.kind in ("level", "ratio") and r.label]
    if len(levels) < n:
        return group
    return [
        _Row(r.fig, lv.label, r.kind, r.qualifier, r.sign, acted=lv.acted)
        for r, lv in zip(group, levels[-n:], strict=True)
    ]


def _after_closed_bracket(prefix: str) -> str:
    """The text after a bracket closed in it but opened before it (初中28所（含4所民办初中）、
    小学164所: the subject of 164所 is 小学, not the bracket's tail)."""
    close = max(prefix.rfind("）"), prefix.rfind(")"))
    if close < 0 or "（" in prefix[:close] or "(" in prefix[:close]:
        return prefix
    return prefix[close + 1 :].lstrip("、，, ")


_BRACKET = re.compile(r"[（()）]")


@functools.lru_cache(maxsize=4)
def _bracket_depths(text: str) -> tuple[list[int], list[int]]:
    """The text's brackets and the depth after each (opened minus closed so far), so that a
    figure's depth is a lookup: a long list of figures stays linear."""
    where: list[int] = []
    depth: list[int] = []
    d = 0
    for m in _BRACKET.finditer(text):
        d += 1 if m.group() in "（(" else -1
        where.append(m.start())
        depth.append(d)
    return where, depth


def _bracketed(text: str, lo: int, pos: int) -> bool:
    """Whether `pos` is inside brackets opened after `lo` (more opened than closed between)."""
    where, depth = _bracket_depths(text)
    i, j = bisect.bisect_left(where, lo), bisect.bisect_left(where, pos)
    return (depth[j - 1] if j else 0) > (depth[i - 1] if i else 0)


def _fill_label(text: str, sent: _Sentence, row: _Row, done: list[_Row], starts: list[int]) -> _Row:
    """A subject for a figure with none before it: inherited (changes) or read after it."""
    if not row.label and row.kind != "level" and done:
        # 普通初中436所（含九年一贯制学校109所），比上年增加14所: the change is of the figure
        # outside the brackets
        outside = [r for r in done if not _bracketed(text, sent.start, r.fig.start)]
        prev = (
            outside[-1] if outside and not _bracketed(text, sent.start, row.fig.start) else done[-1]
        )
        return _Row(row.fig, prev.label, row.kind, row.qualifier, row.sign, acted=prev.acted)
    i = bisect.bisect_left(starts, row.fig.end)
    nxt = starts[i] if i < len(starts) else sent.end
    end = row.fig.end
    if post := _POST_QUALIFIER.match(text, end, nxt):
        end = post.end()
    label = _subject_after(text, end, min(nxt, sent.end, end + 2 * _MAX_AFTER_LABEL))
    if not label and not row.label and (caption := _caption_line(text, sent, row.fig)):
        caption = _CAPTION_NOTE.sub("", caption)  # 在校学生（含在园幼儿）: as prose would say it
        if _CHANGE_CAPTION.fullmatch(caption) and (named := _changed_caption(text, row.fig)):
            # 各级各类学校 ⏎ 1.68万所 ⏎ 比上年减少 ⏎ 612所: a change of the figure above
            sign = _change_sign(caption)
            kind = _kind(row.fig.unit, sign, row.fig.fraction, row.fig.ratio)
            return _Row(row.fig, named, kind, row.qualifier, sign)
        flow = _FLOW_VERB_BEFORE.match(caption)
        if row.kind == "level" and flow and not _HIRING.fullmatch(flow.group(0)):
            return _Row(row.fig, caption, "change_abs", row.qualifier, 1)  # 2所 ⏎ 新建幼儿园
        return _Row(row.fig, caption, row.kind, row.qualifier, row.sign)  # a caption: a name
    if "每" in row.fallback and label:  # 每班配备2名专任教师: a per-unit figure
        label = row.fallback[row.fallback.index("每") :] + label
    if row.label:  # a bare flow verb: 新建三十五所学校 → 新建学校
        return _Row(row.fig, row.label + label, row.kind, row.qualifier, row.sign)
    acted = bool(label and row.fallback)
    after = bool(label)
    label = label or row.fallback
    return _Row(row.fig, label, row.kind, row.qualifier, row.sign, acted=acted, after=after)


_SAMPLING = re.compile(r"抽查|核查|查看|抽取|抽样|走访|暗访|听课|访谈|座谈")


def _sampled(text: str, lo: int, pos: int) -> bool:
    """Whether the clause of the figure at `pos` (or, inside brackets, the clause the bracket
    follows) says it was sampled: 随机抽查了幼儿园15所, 实地核查学校32所（其中小学21所）."""
    opening = max(text.rfind("（", lo, pos), text.rfind("(", lo, pos))
    closing = max(text.rfind("）", lo, pos), text.rfind(")", lo, pos))
    end = opening if opening > closing else pos
    start = max(text.rfind(ch, lo, end) for ch in "，,；;。：:") + 1
    return _SAMPLING.search(text, max(start, lo), end) is not None


_FALLS_SHORT = re.compile(
    r"未达到|未达标|不达标|没有达到|达不到|低于[^，,；;。]{0,10}标准|超过[^，,；;。]{0,10}标准|超标"
)


def _after_among(text: str, lo: int, pos: int, label: str) -> bool:
    """Whether the figure's clause follows one ending "among" the kind its label names
    (…义务教育学校中，有44所学校…; not …在校生中，随迁子女…, a kind of its own)."""
    start = max(text.rfind(ch, lo, pos) for ch in "，,；;")
    return (
        start > lo + 2
        and _AMONG.match(text, start - 1, start) is not None  # (the clause's last character)
        and text.endswith(label, lo, start - 1)
    )


def _falls_short(text: str, pos: int, stop: int) -> bool:
    """Whether the clause after a count says what it counts falls short of a standard."""
    end = min((i for i in (text.find(ch, pos, stop) for ch in "，,；;。") if i >= 0), default=stop)
    return _FALLS_SHORT.search(text, pos, end) is not None


_CAPTION = re.compile(r"[\u4e00-\u9fff、]{2,16}(?:[（(][\u4e00-\u9fff、]{1,10}[）)])?")
_CAPTION_NOTE = re.compile(r"[（(][^（）()]*[）)]$")  # …and its note in brackets
# a caption of the change written under a figure (比上年减少 ⏎ 612所), never the figure's name
_CHANGE_CAPTION = re.compile(r"(?:比|较)(?:上年|去年|上一年|同期|20\d{2}年)[\u4e00-\u9fff]{1,4}")
_DATED_LEAD = re.compile(rf"\s*{_A_YEAR}\s*[：:]\s*")
_FIGURE_LINE = re.compile(r"[↑↓▲▼+\-－]?\s*[\d.,]+\s*[^\d\s，,。；;：:]{0,4}")


def _changed_caption(text: str, fig: _Figure) -> str:
    """The caption of the figure a change caption follows (各级各类学校 ⏎ 1.68万所 ⏎ 比上年减少 ⏎
    612所 → 各级各类学校), else ''."""
    start = text.rfind("\n", 0, fig.start)  # the three lines above the figure's own
    for _ in range(3):
        if start < 0:
            return ""
        start = text.rfind("\n", 0, start)
    lines = text[start + 1 : text.rfind("\n", 0, fig.start)].split("\n")
    if not _FIGURE_LINE.fullmatch(lines[1].strip()):
        return ""
    caption = lines[0].strip()
    return caption if _CAPTION.fullmatch(caption) else ""


def _caption_line(text: str, sent: _Sentence, fig: _Figure) -> str:
    """The caption of a figure standing alone on its line in an infographic's transcription
    (218所 ⏎ 各级各类学校, or 新建幼儿园 ⏎ 2所 when its block puts captions first), else ''."""
    if text[fig.end : sent.end].strip():
        return ""
    dated = _DATED_LEAD.fullmatch(text, sent.start, fig.start)
    if text[sent.start : fig.start].strip() and not dated:
        return ""
    lines = text.split("\n")
    at = text.count("\n", 0, fig.start)
    if dated:
        # 学前三年毛入园率 ⏎ 2020年：87.5% ⏎ 2024年：93.2%: the caption over the dated lines
        while at > 0 and _DATED_LEAD.match(lines[at - 1].strip()):
            at -= 1
        above = lines[at - 1].strip() if at > 0 else ""
        return above if _CAPTION.fullmatch(above) else ""
    below = lines[at + 1].strip() if at + 1 < len(lines) else ""
    above = lines[at - 1].strip() if at > 0 else ""
    if _CHANGE_CAPTION.fullmatch(below) and _CAPTION.fullmatch(above):
        return above  # 各级各类学校 ⏎ 1.68万所 ⏎ 比上年减少 ⏎ 612所: the change's caption is below
    if not _CAPTION.fullmatch(above):
        return below if _CAPTION.fullmatch(below) else ""
    # both may be captions: the block's first line says which side they stand on
    first = at
    while first > 0 and (
        _CAPTION.fullmatch(lines[first - 1].strip())
        or _FIGURE_LINE.fullmatch(lines[first - 1].strip())
    ):
        first -= 1
    if _FIGURE_LINE.fullmatch(lines[first].strip()):
        return below if _CAPTION.fullmatch(below) else ""
    return above


# A figure whose subject is an addition (新增学位1200个, 新建幼儿园5所, 招聘教师146名) is a
# flow counted this period: a level of its own label (issue 4: 新增公办幼儿园11所 is a level),
# of an indicator of additions (new_school_places, new_kindergartens, new_teachers), never of
# the stock's (schools_total). 增加 and 扩建 without a noun of addition (比上年增加1.45万所)
# state a change.
_HIRING = re.compile(r"新招聘?|招聘|招录|补充|新进|引进")
_FLOW_VERB_BEFORE = re.compile(
    r"新建改扩建|新改扩建|新建扩建|改扩建|新增|新建|新招|招聘|招录|新开办|新认定|新创建|补充"
    r"|增加(?![到至])|新进|引进|扩建"
)
# ... unless the clause states a total after the verb (新建5所，全市共有幼儿园300所)
_TOTAL_AFTER_VERB = re.compile(
    r"共有|现有|总数|总量|达到|达|累计|总计|合计|共计|全市|全省|全县|全区"
)
_STOCK_BEFORE = re.compile(r"(?:共有|现有|拥有|共|有|总数|合计|共计|总计)\s*(?:各类|各级各类)?\s*$")


def _counts_additions(ind: Indicator | None) -> bool:
    """Whether an indicator counts additions (new_schools, new_places, new_teachers)."""
    return ind is not None and ind.measure.startswith("new_")


def _flow_verb(text: str, sent: _Sentence, fig: _Figure, catalog: Catalog) -> str | None:
    """The verb that makes a count an addition, or None for a stock.

    The verb is in the figure's clause (招聘教师215人; 新增学位1200个), or the figure continues
    a list whose first clause has it (新建改扩建中小学56所，幼儿园112所); a total stated
    after the verb (新建5所，全市共有幼儿园300所) is a stock."""
    if fig.fraction or fig.ratio or fig.unit in ("%", "个百分点", "倍", ""):
        return None
    if _bracketed(text, sent.start, fig.start):
        # 新建、扩建中小学及幼儿园共152所（中小学83所，幼儿园69所）: a breakdown of an
        # addition is additions
        bracket = max(
            text.rfind("（", sent.start, fig.start), text.rfind("(", sent.start, fig.start)
        )
        head = max(sent.start, _last_break(text, sent.start, bracket, "，,；;。"))
        verb = _last_flow_verb(text[head:bracket])
        if verb is not None and _ENDS_WITH_COUNT.search(text[head:bracket]):
            return verb.group(0)
    # 新建改扩建中小学校、幼儿园152所: nouns joined by 、 share the figure and its verb
    clause = max(sent.start, _last_break(text, sent.start, fig.start, "，,；;。"))
    own = text[clause : fig.start]
    verb = _last_flow_verb(own)
    if verb is not None:
        return None if _TOTAL_AFTER_VERB.search(own, verb.end()) else verb.group(0)
    if len(own) > _LIST_ITEM or _TOTAL_AFTER_VERB.search(own) or clause <= sent.start:
        return None
    if text[clause - 1] in "；;":
        return None  # 新建6所；在园幼儿37694人: a semicolon ends the list of additions
    prev_clause = max(sent.start, _last_break(text, sent.start, clause - 1))
    previous = text[prev_clause : clause - 1]
    verb = _last_flow_verb(previous)
    if verb is None or verb.group(0) in _CHANGE_VERBS or not _ENDS_WITH_COUNT.search(previous):
        return None  # 比上年增加1.45万所；在园幼儿…: a change, not a list of additions
    if _PER_HEAD_WORD.search(own) or (
        fig.unit in _NEVER_ADDED and _unit_before(previous, catalog) not in (None, fig.unit)
    ):
        # 新建校舍4.1万平方米，中小学生均图书35.2册; 招聘教师1200名，培训教师2万人次: another
        # measure, not the list's next addition (改造运动场41个 after 改造学校12所 is one)
        return None
    return None if _TOTAL_AFTER_VERB.search(previous, verb.end()) else verb.group(0)


_TIME_OF = re.compile(r"(?:[0-9]{4}年(?:底|末|初)?|上年|去年|上一年|年初|前)的$")
_NEVER_ADDED = frozenset({"人次", "元"})  # attendances and money are not built or hired
_PER_HEAD_WORD = re.compile("|".join(PER_HEAD_WORDS))
_UNIT_AT_END = re.compile(
    r"[0-9]\s*[万亿千]?(?P<unit>[^0-9，,；;。\s]{1,3}?)(?:以上|以下|余|多|左右)?$"
)


def _unit_before(clause: str, catalog: Catalog) -> str | None:
    """The base unit of the count a clause ends with (1200名以上 → 人), None when unknown."""
    m = _UNIT_AT_END.search(clause.rstrip())
    unit = catalog.unit(m["unit"]) if m else None
    return unit.base if unit is not None else None


_CHANGE_VERBS = frozenset({"增加", "扩建", "补充"})
_LIST_ITEM = 10  # a list item after the first: a short noun and its count (幼儿园112所)
_ENDS_WITH_COUNT = re.compile(r"[0-9零〇一二两三四五六七八九十百千万亿][^0-9，,；;。]{0,3}$")


def _last_break(text: str, lo: int, pos: int, marks: str = "，,；;。、") -> int:
    """Start of the clause holding `pos` (after the last of `marks` before it)."""
    return max(lo - 1, *(text.rfind(ch, lo, pos) for ch in marks)) + 1  # (lo when none)


def _last_flow_verb(s: str) -> re.Match[str] | None:
    last = None
    for last in _FLOW_VERB_BEFORE.finditer(s):  # noqa: B007 - the last verb matters
        pass
    return last


def _mention(
    text: str,
    sent: _Sentence,
    sentence: str,
    row: _Row,
    catalog: Catalog,
    stages: Anchors[str],
    unspun: Callable[[str], str] | None = None,
) -> MetricMention:
    fig = row.fig
    addition = False
    if row.kind == "level" and (verb := _flow_verb(text, sent, fig, catalog)):
        label = row.label if verb in row.label else verb + row.label
        addition = verb not in _CHANGE_VERBS or _HIRING.fullmatch(verb) is not None
        row = replace(row, kind="level" if addition else "change_abs", sign=1, label=label)
    context_start = max(0, fig.start - _CONTEXT_BEFORE)
    context = text[context_start : min(sent.end, fig.end + _MAX_PREFIX)]
    code = None
    evidence = "subject read after a verb" if row.acted else ""
    stage = None
    # 建立8个劳模工匠工作室: the object of the verb names the figure; 符合条件的8825所学校:
    # the words before 的 only qualify what follows the figure
    qualified = (
        text[fig.start - 1 : fig.start] == "的"
        and fig.unit not in ("%", "个百分点")
        # 由2021年的52.3人, 比上年的9784元: a time, not a qualifier of what is counted
        and not _TIME_OF.search(text, max(0, fig.start - 8), fig.start)
    )
    nameable = row.acted and not qualified
    if _sampled(text, sent.start, fig.start):
        # 随机抽查了幼儿园15所（其中公办园9所…）: what an inspection looked at, not the stock
        row = replace(row, acted=True)
        evidence = "a sample an inspection or survey took"
        # named as such (实地核查义务教育学校) it is a series of its own; 小学 in its brackets not
        nameable = _SAMPLING.search(row.label) is not None
    elif fig.unit in ("所", "个") and _falls_short(text, fig.end, sent.end):
        # 全区有9所小学、3所初中生均体育运动场馆面积未达到国家规定标准: the schools an
        # inspection found short of a standard, not the stage's schools
        row = replace(row, acted=True)
        evidence = "the ones falling short of a standard"
        nameable = False
    elif row.label and _after_among(text, sent.start, fig.start, row.label):
        # 全县46所义务教育学校中，有44所学校7项指标全部达标: a part of the whole before it
        row = replace(row, acted=True)
        evidence = "a part of the whole the clause before it names (…学校中，)"
    # N所学校已参与…: a subject after its figure is a stock only after 共有/现有/拥有
    named_only = row.after and not _STOCK_BEFORE.search(
        text, max(sent.start, fig.start - 6), fig.start
    )
    if not row.acted:
        res = resolve(
            row.label,
            fig.unit,
            row.kind,
            context,
            text[sent.start : fig.start],
            catalog,
            stages.at(fig.start),
            named_only=named_only,
            at=fig.start - context_start,
        )
        code, evidence, stage, nameable = res.code, res.evidence, res.stage, res.nameable
        if code and _THRESHOLD_BEFORE.search(text, max(sent.start, fig.start - 24), fig.start):
            code, evidence = None, f"{evidence}; a part a size before it sets (不足100人的…)"
        plain = _strip_trail(_strip_lead(unspun(row.label))) if unspun else row.label
        if code is None and plain != row.label and unspun is not None:
            # a spun page (幼儿院抵达1764所): its label read back in the report's own words
            at = fig.start - context_start
            plain_before = unspun(context[:at])
            again = resolve(
                plain,
                fig.unit,
                row.kind,
                plain_before + unspun(context[at:]),
                unspun(text[sent.start : fig.start]),
                catalog,
                stages.at(fig.start),
                named_only=named_only,
                at=len(plain_before),
            )
            if again.code is not None:
                code, stage, nameable = again.code, again.stage, False
                evidence = f"spun «{row.label}» read as «{plain}»: {again.evidence}"
    if addition and code is not None and not _counts_additions(catalog.indicator(code)):
        # 新增计算机2860台, 改扩建各级各类学校73所: what was added, not the stock (computers,
        # schools_total); a series of its own label
        evidence = f"an addition, not the stock of {code}"
        code, nameable = None, True
    value = fig.value
    if value is not None and row.kind not in ("level", "ratio") and row.sign < 0:
        value = -value
    ind = catalog.indicator(code) if code else None
    unit = fig.unit
    if ind is not None and unit != ind.unit and unit in ind.accepted_units:
        unit = ind.unit  # 名 counts people: one counting unit per indicator
    plausible, reason = _plausibility(value, unit, row.kind, ind, catalog)
    return MetricMention(
        label=row.label,
        value=value,
        unit=unit,
        value_text=text[fig.start : fig.end],
        kind=row.kind,
        qualifier=row.qualifier,
        masked=fig.masked,
        sentence=sentence,
        char_start=fig.start,
        char_end=fig.end,
        indicator=code,
        plausible=plausible,
        plausibility_reason=reason,
        evidence=evidence,
        stage=stage,
        nameable=nameable and code is None and row.kind in ("level", "ratio") and not qualified,
    )


def extract_metrics(
    text: str,
    catalog: Catalog,
    lay: Layout | None = None,
    unspun: Callable[[str], str] | None = None,
) -> list[MetricMention]:
    """Every numeric mention in one cleaned report, in text order.

    Values are in base units (40351万元 → 403510000 元); decreases are negative; masked
    figures have value None. Offsets always satisfy text[char_start:char_end] == value_text.
    A figure followed by 各 after a list of subjects (A、B、C各1所) gives one row per subject,
    all with the same offsets. `unspun` (for a spun page) puts a spinner's substitutes back
    in a label that names no indicator (transforms.spin).
    """
    figs = find_figures(text, catalog)
    if not figs:
        return []
    sentences = _sentences(text)
    starts = [s.start for s in sentences]
    by_sentence: dict[int, list[_Figure]] = {}
    for fig in figs:
        idx = bisect.bisect_right(starts, fig.start) - 1
        if idx >= 0:
            by_sentence.setdefault(idx, []).append(fig)
    lay = lay or layout(text)
    stages = stage_anchors(text, lay, catalog)
    out: list[MetricMention] = []
    for idx in sorted(by_sentence):
        sent = sentences[idx]
        sentence = text[sent.start : sent.end]
        prev_end = sent.start
        named: set[str] = set()
        if _WHOLE_OPENS.match(sentence):
            # …普通高校专任教师2540人。全市教职工数99750人: a sentence about the whole region
            # is not in the stage an earlier sentence's figure named
            stages.clip(lay.paragraph_start(sent.start), sent.start, "label")
        for i, row in enumerate(
            _sentence_rows(text, sent, by_sentence[idx], stage_matcher(catalog))
        ):
            mention = _mention(text, sent, sentence, row, catalog, stages, unspun)
            # the first figure of a clause run (after 。 or ；) may set the stage
            first = i == 0 or bool(_HARD_BREAK.search(text, prev_end, row.fig.start))
            prev_end = row.fig.end
            if not row.acted and row.label:
                record_label_stage(
                    stages,
                    row.fig.start,
                    lay.paragraph_end(row.fig.start),
                    row.label,
                    catalog,
                    first=first,
                )
            out.append(mention)
            if mention.stage and mention.evidence.startswith(("stage from label", "named form")):
                held = stages.at(row.fig.start)
                if (
                    held is not None
                    and held.scope in ("label", "paragraph")
                    and held.pos >= sent.start
                    and held.value is not None
                    and not catalog.within(mention.stage, held.value)
                ):
                    # 在校中小学生6.73万人，在园幼儿1.86万人；教职工5630人: once the sentence
                    # names another stage, no stage named before it in the paragraph holds
                    para = lay.paragraph_start(row.fig.start)
                    stages.clip(para, row.fig.start, "label")
                    stages.clip(para, row.fig.start, "paragraph")
                named.add(mention.stage)
        if len(named) > 1:
            # 其中幼儿园86所，小学89所，…特殊教育学校1所: a list across stages sets none of them
            # for the sentences after it
            stages.clip(sent.start, sent.end, "label")
    return out
