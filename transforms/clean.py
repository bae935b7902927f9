"""Clean report text: chrome removed, pinyin repaired, Simplified, normalised.

Each helper does one normalisation and is testable alone; `clean_text` composes them
in a fixed order. Metadata the chrome carries (title, publication date) is read off
before the chrome is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cache, lru_cache
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit

import numpy as np

from transforms.data_files import read_yaml
from transforms.dates import DATE_IN_TEXT, first_date
from transforms.ngrams import code_points
from transforms.numerals import years_as_digits
from transforms.records import QuarantineRow, failure_row
from transforms.scopes import CRUMB_TRAIL, PART_GLYPHS, WORDED
from transforms.split import BODY_LINE, opens_report
from transforms.table_headers import ENGLISH_ONLY
from transforms.tables import IDEOGRAPHIC_GAP, looks_like_table_row

CHROME_FILE = Path(__file__).with_name("chrome.yaml")
CJK = "\u4e00-\u9fff\u3400-\u4dbf"
_PINYIN_LETTERS = "a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê"
_PINYIN_ANNOTATION = re.compile(rf"([{CJK}])\(([{_PINYIN_LETTERS}]{{1,6}})\)")
# Mojibake left where a page lost a byte: a '?' where a character could not be decoded,
# then a short mis-decoded run ending in an ASCII letter (a GBK trail byte), with or
# without the pinyin the page glued after the lost character.
_GARBLED_ANNOTATION = re.compile(
    rf"[?？][^\s。，；]{{0,12}}?[A-Za-z]\(([{_PINYIN_LETTERS}]{{1,6}})\)"
    rf"|[?？][,!！][^\s。，；]{{0,3}}?[A-Za-z](?=[{CJK}])"
)
_TRAD_SAMPLE = 4000


@dataclass(frozen=True)
class ChromeRules:
    """Compiled site-chrome patterns (see chrome.yaml)."""

    lines: tuple[re.Pattern[str], ...]
    footers: tuple[re.Pattern[str], ...]
    headers: tuple[re.Pattern[str], ...]
    site_names: tuple[str, ...]
    spam_words: tuple[str, ...] = ()
    page_numbers: tuple[re.Pattern[str], ...] = ()

    @property
    def site_name_pattern(self) -> re.Pattern[str] | None:
        """Site names pasted between CJK characters, longest first."""
        return _site_name_pattern(self.site_names)

    def is_page_number(self, line: str) -> bool:
        """Whether the line is a page number between a converted file's pages."""
        return any(p.match(line) for p in self.page_numbers)

    def is_chrome(self, line: str) -> bool:
        """Whether any of `lines` matches the line. The patterns anchored at the start are
        tried as one (a single match at the line's start); the others each search on their
        own, where the regex engine scans for their literal opening (joining those too made
        the test 4x slower, joining neither is 1.5x slower)."""
        anchored, others = _chrome_matchers(self.lines)
        if anchored is not None and anchored.match(line):
            return True
        return any(p.search(line) for p in others)


@lru_cache(maxsize=8)
def _site_name_pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    if not names:
        return None
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<=[{CJK}])(?:{alternatives})(?=[{CJK}])")


_BACKREFERENCE = re.compile(r"\\[1-9]|\(\?P=")


def _one_branch(pattern: str) -> bool:
    """Whether a pattern has no | outside its groups and classes (^a|b is anchored only in
    its first branch)."""
    depth, i = 0, 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":  # to the class's end: a ] first (or after ^) is one of its characters
            i += 2 if pattern[i + 1 : i + 2] == "^" else 1
            i += 1 if pattern[i : i + 1] == "]" else 0
            while i < len(pattern) and pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return False
        i += 1
    return True


@lru_cache(maxsize=8)
def _chrome_matchers(
    patterns: tuple[re.Pattern[str], ...],
) -> tuple[re.Pattern[str] | None, tuple[re.Pattern[str], ...]]:
    """(one pattern for those opening with ^, the rest as they are). A pattern that refers
    back to its own groups, or with a branch not anchored, is left as it is."""
    anchored = [
        p
        for p in patterns
        if p.pattern.startswith("^")
        and not p.flags & re.MULTILINE
        and not _BACKREFERENCE.search(p.pattern)
        and _one_branch(p.pattern)
    ]
    if anchored:
        try:
            joined = re.compile("|".join(f"(?:{p.pattern[1:]})" for p in anchored))
            return joined, tuple(p for p in patterns if p not in anchored)
        except re.error:  # e.g. a pattern's global flag, allowed only at the start of one
            pass
    return None, patterns


def load_chrome_rules(path: Path | None = None) -> ChromeRules:
    """Chrome rules from a YAML file (the packaged chrome.yaml by default)."""
    data = read_yaml(path or CHROME_FILE) or {}

    def compiled(key: str) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(p) for p in data.get(key) or ())

    return ChromeRules(
        lines=compiled("lines") + compiled("page_numbers"),
        footers=compiled("footers"),
        headers=compiled("headers"),
        site_names=tuple(data.get("site_names") or ()),
        spam_words=tuple(data.get("spam_words") or ()),
        page_numbers=compiled("page_numbers"),
    )


@dataclass(frozen=True)
class Cleaned:
    """A cleaned page: text plus what the chrome told us about it."""

    text: str
    script: str  # simplified | traditional
    title: str | None
    published_date: str | None
    chrome_lines: int
    body_lines: int
    garbled_spans: int
    traditional_share: float = 0.0
    spam_words: int = 0
    site: str | None = None
    removed: tuple[str, ...] = field(default=(), repr=False)


@dataclass(frozen=True)
class CleanedItem:
    """A cleaned page with its provenance."""

    uri: str
    fetched_at: datetime
    content_sha256: str
    encoding: str
    site: str | None
    cleaned: Cleaned
    page_url: str | None = None
    """The page's web address: its URI when fetched, else the one a saved copy names."""
    html_title: str | None = None
    """An HTML page's <title> (信阳统计年鉴2022 — 十四、教育和科技 — 信阳市统计局), which the
    text may not hold: one more title candidate of its first report."""


# --- character-level helpers -------------------------------------------------------------


@cache
def _readings(char: str) -> frozenset[str]:
    from pypinyin import Style, pinyin

    tones = pinyin(char, style=Style.TONE, heteronym=True)[0]
    plain = pinyin(char, style=Style.NORMAL, heteronym=True)[0]
    return frozenset(r.lower() for r in (*tones, *plain))


def strip_pinyin(text: str) -> tuple[str, int]:
    """Text without pinyin glued after characters (關(guān) → 關); real parentheses stay.

    Returns the text and how many garbled annotations (mojibake + pinyin) were cut.
    """

    def repl(m: re.Match[str]) -> str:
        char, syllable = m.group(1), m.group(2)
        return char if syllable.lower() in _readings(char) else m.group(0)

    text = _PINYIN_ANNOTATION.sub(repl, text)
    text, garbled = _GARBLED_ANNOTATION.subn("。", text)
    return text, garbled


@cache
def _t2s() -> object:
    from opencc import OpenCC

    return OpenCC("t2s")


def _convert(text: str) -> str:
    converter = _t2s()
    return str(converter.convert(text))  # type: ignore[attr-defined]


_NOT_CJK = re.compile(rf"[^{CJK}]+")


def traditional_share(text: str) -> float:
    """Share of a sample's CJK characters that Traditional → Simplified conversion changes."""
    sample = _NOT_CJK.sub("", text[: _TRAD_SAMPLE * 3])[:_TRAD_SAMPLE]
    if not sample:
        return 0.0
    converted = _convert(sample)
    if converted == sample:
        return 0.0
    if len(converted) != len(sample):
        return 1.0
    changed = np.count_nonzero(code_points(sample) != code_points(converted))
    return int(changed) / len(sample)


def detect_script(text: str) -> str:
    """'traditional' when converting a sample to Simplified changes many characters."""
    return "traditional" if traditional_share(text) > TRADITIONAL_SHARE else "simplified"


TRADITIONAL_SHARE = 0.05
"""A text (or a line) whose characters t2s changes by more than this share is Traditional."""


def to_simplified(text: str) -> str:
    """Traditional characters converted to Simplified (OpenCC t2s)."""
    return _convert(text)


def simplified_paragraphs(text: str) -> str:
    """A Simplified page with its Traditional paragraphs converted (a copy pasted together
    from two sources: 二、學前教育普及普惠水平穩步提升 ⏎ 全縣新建公辦幼兒園4所…); a line
    that is Simplified stays as written."""
    converted = _convert(text)
    if converted == text:
        return text
    lines, done = text.split("\n"), converted.split("\n")
    if len(lines) != len(done):
        done = [_convert(line) for line in lines]
    return "\n".join(
        new if new != old and traditional_share(old) > TRADITIONAL_SHARE else old
        for old, new in zip(lines, done, strict=True)
    )


_WIDTH_TABLE = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
# Full-width punctuation that Chinese text keeps; everything else in the block goes ASCII.
for _keep in "，；：？！（）":
    _WIDTH_TABLE.pop(ord(_keep), None)
_WIDTH_TABLE.update({0x3000: 0x20, 0x2009: 0x20, 0x202F: 0x20, 0x00A0: 0x20, 0xFF0E: 0x2E})


# The same mapping over the Basic Multilingual Plane, indexed by code point: one array
# lookup per character instead of str.translate's dictionary lookup (4x faster on a page).
_WIDTH_MAP = np.arange(0x10000, dtype=np.uint32)
_WIDTH_MAP[list(_WIDTH_TABLE)] = list(_WIDTH_TABLE.values())


# A table pasted as text with one ideographic space between its cells (序号　指标　小学　初中 ⏎
# 1　生均教学仪器设备值（元）　2000/2500　3126　4258): normalize_width would make that a single
# space, which separates no columns, so such rows get tabs first.
_WIDE_NUMBER = r"[≥≤<>＞＜]?\d[\d.,]*(?:[%％㎡]|[\u4e00-\u9fff]{1,2})?"
_WIDE_NUMERIC_CELL = re.compile(rf"{_WIDE_NUMBER}(?:/{_WIDE_NUMBER})*")
_WIDE_MIN_GAPS = 2  # three cells or more
_WIDE_MIN_ROWS = 2  # rows with two numeric cells or more


def tab_wide_spaced_rows(text: str) -> str:
    """Consecutive lines whose cells one ideographic space separates, two or more of them rows
    of figures, with tabs between their cells (one character for one: offsets hold)."""
    if "\u3000" not in text:
        return text
    lines = text.split("\n")
    cells = [IDEOGRAPHIC_GAP.split(line.strip(" \u3000")) for line in lines]
    out = list(lines)
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and len(cells[j]) > _WIDE_MIN_GAPS:
            j += 1
        numeric = sum(
            sum(1 for c in row if _WIDE_NUMERIC_CELL.fullmatch(c)) >= 2 for row in cells[i:j]
        )
        if numeric >= _WIDE_MIN_ROWS:
            for k in range(i, j):
                out[k] = IDEOGRAPHIC_GAP.sub("\t", lines[k])
        i = max(j, i + 1)
    return "\n".join(out)


def normalize_width(text: str) -> str:
    """Full-width digits, letters, % and . as ASCII; odd spaces as plain spaces."""
    points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    if points.max(initial=0) >= 0x10000:
        return text.translate(_WIDTH_TABLE)
    return _WIDTH_MAP[points].tobytes().decode("utf-32-le", "surrogatepass")


# A thin space groups digits (1\u2009122); a plain one only when a unit follows (1 122个): in a
# table row, 286 262 is two cells.
# (Each pattern opens with the character it removes and checks the digit before it after
# it, so that the regex engine scans for that character: see transforms.metrics.)
_SPACED_NUMBER = re.compile(
    r"[\u2009\u202f ](?<=\d[\u2009\u202f ])"
    r"(?:(?<=[\u2009\u202f])(?=\d{3}(?!\d))|(?<= )(?=\d{3}(?:\.\d+)?[^\d\s.]))"
)
_ASCII_TO_CJK_PUNCT = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
_CJK_PUNCT_NEIGHBOUR = re.compile(rf"(?<=[{CJK}”“）\)%])\s*([,;:?!])|([,;:?!])\s*(?=[{CJK}“”（])")
_PAREN_GROUP = re.compile(rf"\(([^()\n]{{0,80}}[{CJK}][^()\n]{{0,80}}|[^()\n]{{0,20}})\)")
_CJK_CHAR = re.compile(rf"[{CJK}]")


# Copied and press texts put a space between a number and its unit (幼儿园 28.92 万所,
# 提高 1.6 个百分点) and write a decimal point as 。(91。5%); the unit after it says which.
_UNIT_START = r"(?:万|亿|千)?(?:所|人|个|名|元|%|％|平方|册|台|倍|辆|班|间|家|项|座|余|多)"
_SPACE_BEFORE_UNIT = re.compile(rf"[ \u3000](?<=\d[ \u3000])[ \u3000]*(?={_UNIT_START})")
_STOP_AS_POINT = re.compile(rf"。(?<=\d。)(?=\d{{1,3}}{_UNIT_START})")


# A yearbook row whose columns are runs of spaces groups digits with single ones:
# 小学  所  4 669  4 860  …  1 202 491
_COLUMN_GAP = re.compile(r"[ \u3000]{2,}|\t")
_NUMERIC_CELL = re.compile(r"[\d .]+")
_GROUPED = re.compile(r"\d{1,3}(?: \d{3})+(?:\.\d+)?")


def _join_grouped_cells(line: str) -> str:
    gaps = _COLUMN_GAP.findall(line)
    if len(gaps) < 2 or not _GROUPED.search(line):
        return line
    cells = _COLUMN_GAP.split(line)
    numeric = [c for c in cells if c.strip() and _NUMERIC_CELL.fullmatch(c.strip())]
    if len(numeric) < 2:
        return line  # Regular Secondary Schools   539 551: two columns, one space apart
    joined = [c.replace(" ", "") if _GROUPED.fullmatch(c.strip()) else c for c in cells]
    out = joined[0]
    for gap, cell in zip(gaps, joined[1:], strict=True):
        out += gap + cell
    return out


def normalize_numbers(text: str) -> str:
    """Spaces inside numbers and before their units removed (1 122个 → 1122个, 28.92 万所 →
    28.92万所; 1 202 491 in a row of space-aligned columns), and a full stop between a
    number's digits read as its point (91。5% → 91.5%)."""
    if "  " in text or "\t" in text:
        text = "\n".join(_join_grouped_cells(line) for line in text.split("\n"))
    text = _SPACED_NUMBER.sub("", text)
    text = _SPACE_BEFORE_UNIT.sub("", text)
    return _STOP_AS_POINT.sub(".", text)


def normalize_punctuation(text: str) -> str:
    """ASCII , ; : ? ! ( ) next to Chinese text as their full-width forms."""

    def punct(m: re.Match[str]) -> str:
        mark = m.group(1) or m.group(2)
        return _ASCII_TO_CJK_PUNCT[mark]

    text = _CJK_PUNCT_NEIGHBOUR.sub(punct, text)

    def paren(m: re.Match[str]) -> str:
        inner = m.group(1)
        before = text[m.start() - 1] if m.start() else ""
        if _CJK_CHAR.search(inner) or _CJK_CHAR.match(before or " "):
            return f"（{inner}）"
        return m.group(0)

    return _PAREN_GROUP.sub(paren, text)


_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]"
)


# Terminal escape sequences (ANSI CSI and OSC): a page that carries them would colour or
# retitle the terminal of whoever prints a title; the whole sequence goes, not only ESC.
_ESCAPE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC: window titles, links
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
)


def remove_control_characters(text: str) -> str:
    """Text without terminal escape sequences, control and invisible format characters
    (newline and tab stay)."""
    return _CONTROL.sub("", _ESCAPE.sub("", text))


# --- line-level helpers -----------------------------------------------------------------

_BULLET = re.compile(r"^[-•·●▪]\s*")
_TITLE_LINE = re.compile(r"^标题[:：]\s*(.+?)\s*(\[打印本页\])?$")
_PAGE_SUFFIX = re.compile(r"_第\d+页$")
_DATE_LINE = re.compile(r"(时间|发布|日期)")
_DATE_ONLY = re.compile(
    r"^\s*[（(]?\s*(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"
    r"\s*(?:\d{1,2}:\d{2}(?::\d{2})?)?\s*[）)]?\s*$"
)
# a news byline opened by its time stamp (2022-03-08 10:15   来源:连云港日报   作者:…)
_DATE_BYLINE = re.compile(
    rf"^\s*{DATE_IN_TEXT.pattern}\s*日?\s*(?:\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?\s*[|｜]?\s*"
    r"(?:来源|作者|编辑|浏览|阅读)"
)
# a 公众号 article's numbered part (01 | 规模总量): a heading, not a two-cell table row
_PART_NUMBER = re.compile(r"^(\d{1,2})\s*[|｜]\s*([\u4e00-\u9fff][^|｜]{1,15})$")
# a 公众号 byline: account, date and time of posting (原创 晋江教育 晋江教育 2024-02-27 18:05 福建)
_DATE_STAMPED = re.compile(rf"{DATE_IN_TEXT.pattern}\s*日?\s+\d{{1,2}}:\d{{2}}")
_MAX_STAMPED_LINE = 60
_HEADING = re.compile(
    r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d{1,2}(?:、|\.(?!\d))"
    r"|第[一二三四五六七八九十]+[章节部分])"
)
_SENTENCE_END = re.compile(r"[。！？；：…!?;:][”」』）)]?$")


def read_title(lines: list[str], kept: list[str], rules: ChromeRules) -> str | None:
    """Page title: a forum 标题 line, else the first short line of the body, else of the page."""
    for line in lines[:40]:
        m = _TITLE_LINE.match(line)
        if m:
            return m.group(1)
    return _first_title_line([line for line in kept if line][:1], rules) or _first_title_line(
        lines, rules
    )


def _first_title_line(lines: list[str], rules: ChromeRules) -> str | None:
    for line in lines[:40]:
        candidate = _PAGE_SUFFIX.sub("", _BULLET.sub("", line))
        if not candidate or len(candidate) > 80 or not _CJK_CHAR.search(candidate):
            continue
        if candidate.startswith(("|", "｜")) or candidate.count("|") >= 2:
            continue  # a table's row (a 索引号 block, 指标 | 2019 | 2020), not a title
        if candidate.endswith(("：", ":")):
            continue  # a letter's addressee
        if candidate.startswith(("单位：", "单位:", "计量单位", "注：", "注:", "资料来源")):
            continue  # a table's unit line (单位：所、人) or note (注：1.…)
        if candidate in rules.site_names or "_" in candidate:
            continue
        if any(p.search(candidate) for p in (*rules.lines, *rules.headers, *rules.footers)):
            continue
        return candidate
    return None


def read_published_date(lines: Iterable[str]) -> str | None:
    """ISO date from a 时间/发布 line of the page chrome, or a line that is only a date (a
    time stamp 2017-05-24 14:22:51, a signing date （2019年8月31日）), if there is one."""
    for line in lines:
        dated = (
            _DATE_LINE.search(line)
            or _DATE_ONLY.match(line)
            or _DATE_BYLINE.match(line)
            or (len(line) <= _MAX_STAMPED_LINE and _DATE_STAMPED.search(line))
        )
        if dated and (found := first_date(line)):
            return found
    return None


def learned_site_names(lines: list[str], rules: ChromeRules) -> tuple[str, ...]:
    """Site names this page announces about itself (欢迎光临 X, first line X_Y)."""
    found: list[str] = []
    for line in lines:
        m = re.match(r"^欢迎光临\s*([^\s_(（]{2,12})", line)
        if m:
            found.append(m.group(1))
    if lines:
        m = re.match(rf"^([{CJK}]{{2,8}}(?:网|文库|文档))_", lines[0])
        if m:
            found.append(m.group(1))
    return tuple(dict.fromkeys(found))


def drop_chrome(
    lines: list[str], rules: ChromeRules, site_chrome: frozenset[str] = frozenset()
) -> tuple[list[str], list[str]]:
    """(kept, removed) lines: pattern lines, site-name lines, headers and footers dropped.

    `site_chrome` holds lines learned to repeat across one site's pages (learn_site_chrome).
    """
    bare = [_BULLET.sub("", line) for line in lines]
    start = 0
    for i, line in enumerate(bare[:30]):
        if any(p.search(line) for p in rules.headers):
            start = i + 1
    seen_body = False
    read = 0  # characters since the body (or a report after a footer) began
    cut: list[tuple[int, int]] = []  # [from, to) dropped after a footer
    i = start
    while i < len(lines):
        if seen_body and any(p.search(bare[i]) for p in rules.footers):
            resume = _report_after_footer(lines, bare, i)
            cut.append((i, resume))
            if resume == len(lines):
                break
            i, seen_body, read = resume, False, 0
            continue
        # a paragraph of running text, or a body of short lines (a 公众号 article's list)
        read += len(bare[i])
        seen_body = seen_body or len(bare[i]) >= BODY_LINE or read >= _BODY_CHARS
        i += 1
    menu = navigation_lines(lines)
    kept: list[str] = []
    removed = lines[:start] + [lines[k] for a, b in cut for k in range(a, b)]
    names = set(rules.site_names)
    dropped = {k for a, b in cut for k in range(a, b)}
    short: set[str] = set()  # the short lines kept so far (a title, a heading)
    after_page = False  # whether the last line with text was a page number
    for i in range(start, len(lines)):
        if i in dropped:
            continue
        line, plain = lines[i], bare[i]
        if not line:
            kept.append(line)
            continue
        if (
            i in menu
            or plain in site_chrome
            or _is_chrome_line(plain, rules, names)
            # — 1 — ⏎ 绥棱县人民政府关于2021年教育工作情况的报告: a PDF's running header, the
            # title again after a page number (the sentence it cut joins up again)
            or (after_page and plain in short)
        ):
            removed.append(line)
            after_page = rules.is_page_number(plain)
            continue
        kept.append(line)
        after_page = False
        if len(plain) <= _RUNNING_HEADER_CHARS and not _SENTENCE_END.search(plain):
            short.add(plain)
    return kept, removed


_RUNNING_HEADER_CHARS = 40


_FOOTER_LOOKAHEAD = 4
_BODY_CHARS = 300


def _report_after_footer(lines: list[str], bare: list[str], footer: int) -> int:
    """Where the page resumes after the footer at `footer`: a report's title just below it
    (within a few lines of words; the footer's bulleted links and rules do not count) followed
    by running text starts a report the page appends (相关阅读 ⏎ 青铜峡市教育局2021年工作总结 ⏎
    2021年，青铜峡市…; 相关文档： ⏎ · …工作总结 ⏎ ━━━ ⏎ 宁阳县教育和体育局2022年工作总结 ⏎ …). A
    list of headlines under the footer is no report: the page ends at the footer (len(lines))."""
    worded = 0
    for k in range(footer + 1, len(lines)):
        if opens_report(bare, k):
            return k
        if WORDED.search(lines[k]) and not _BULLET.match(lines[k]):
            worded += 1
            if worded >= _FOOTER_LOOKAHEAD:
                break
    return len(lines)


_MENU_ITEM = re.compile(r"^[-•·●▪]\s*[^\s，。；：,.;:!?！？\d]{1,12}$")


def navigation_lines(lines: list[str]) -> set[int]:
    """Indexes of navigation menus: runs of three or more short bulleted lines."""
    menu: set[int] = set()
    run: list[int] = []
    for i, line in enumerate([*lines, ""]):
        if _MENU_ITEM.match(line):
            run.append(i)
            continue
        if line and run and len(run) >= 3:
            menu.update(run)
        if line or not run:
            if len(run) >= 3:
                menu.update(run)
            run = []
    return menu


def _is_chrome_line(line: str, rules: ChromeRules, names: set[str]) -> bool:
    if line in names or line.split("_")[0] in names:
        return True
    # a sharing site's running header, the document's name before the site's (…工作思路 -
    # 道客巴巴 http://www.doc88.com/), above each of its pages
    tail = _SITE_TAIL.search(line)
    if tail and tail["name"] in names and not _SENTENCE_END_ANYWHERE.search(line):
        return True
    return rules.is_chrome(line)


_SITE_TAIL = re.compile(r"\s[-—–|｜_]\s*(?P<name>[^\s\-—–|｜_]{2,12})\s*(?:https?://\S*)?$")
_SENTENCE_END_ANYWHERE = re.compile(r"[。！？!?]")


_VALUE_BROKEN = re.compile(
    r"(?:[为是达约共有至到]|达到)\n\s*[0-9]"
    r"|[0-9]\n\s*(?:万|亿)?(?:人|所|个|元|%|％|个百分点|平方米|名)"
)


# A page hard-wrapped at a fixed width (a PDF's text: 34 characters a line): at least this
# many lines, and this share of the long ones, have that length give or take one.
_WRAP_MIN_LINES = 5
_WRAP_MIN_SHARE = 0.3
_WRAP_MIN_WIDTH = 20
_WRAP_MAX_WIDTH = 60


# A line cut by the wrap ends inside a word, a number or a list (…比上, …幼儿园121所、)
_WRAPPED_END = re.compile(r"[\u4e00-\u9fff0-9、，,（(“%％]$")


def wrap_width(lines: list[str]) -> int | None:
    """The width a page's text was hard-wrapped at, if it was."""
    lengths = [len(line) for line in lines if len(line) >= _WRAP_MIN_WIDTH]
    if len(lengths) < _WRAP_MIN_LINES:
        return None
    width = max(set(lengths), key=lambda n: sum(abs(x - n) <= 1 for x in lengths))
    near = sum(abs(x - width) <= 1 for x in lengths)
    if width > _WRAP_MAX_WIDTH or near < _WRAP_MIN_LINES or near < _WRAP_MIN_SHARE * len(lengths):
        return None
    return width


def join_split_figures(lines: list[str]) -> list[str]:
    """An infographic's caption, number and unit on three lines (幼儿园 ⏎ 246 ⏎ 所) joined
    into one (幼儿园246所)."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        if (
            i + 2 < len(lines)
            and _CAPTION_LINE.fullmatch(lines[i])
            and _BARE_NUMBER.fullmatch(lines[i + 1])
            and _BARE_UNIT.fullmatch(lines[i + 2])
        ):
            out.append(lines[i] + lines[i + 1] + lines[i + 2])
            i += 3
            continue
        out.append(lines[i])
        i += 1
    return out


_CAPTION_LINE = re.compile(r"[\u4e00-\u9fff、（）()]{2,24}")
_BARE_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_BARE_UNIT = re.compile(r"[万亿千]?(?:[\u4e00-\u9fff]{1,3}|%|％)")


def join_broken_lines(lines: list[str]) -> list[str]:
    """Paragraphs re-joined where the page broke a sentence or a list across lines (and,
    on a page hard-wrapped at a fixed width, where a full-width line stops mid-sentence:
    比上 ⏎ 年增加4160人)."""
    width = wrap_width(lines)
    out: list[str] = []
    last = ""  # the previous line as the page had it
    for line in lines:
        if not line:
            continue
        wrapped = (
            width is not None
            and len(last) >= width - 1
            and not _SENTENCE_END.search(last)
            and _WRAPPED_END.search(last) is not None
            and "  " not in last + line  # spaced cells or columns, not prose
            and not _HEADING.match(line)
            and not _starts_item(line)
            and not looks_like_table_row(last)  # a table's rows share a width too
            and not looks_like_table_row(line)
            and not CRUMB_TRAIL.search(last)
        )
        if out and (wrapped or _continues(out[-1], line, last)):
            out[-1] += line
        else:
            out.append(line)
        last = line
    return out


def _starts_item(line: str) -> bool:
    """Whether a line opens a part or an item of its own, whatever the line before ends with:
    ▌总体规模 (a marked heading), ✅ 在园幼儿1.38万人 (an item marked by its emoji), 02 学前教育
    (an infographic's next part)."""
    return _MARKED_HEADING.match(line) is not None or _PART_LINE.fullmatch(line.strip()) is not None


_RULE_END = re.compile(r"[-─━=＝*＊_~—]{3,}\s*$")
_ADDRESS_END = re.compile(r"(?:https?://|www\.)[\w./-]+\s*$|\.(?:com|cn|net|org|top|cc)/?\s*$")


def _continues(previous: str, line: str, raw: str = "") -> bool:
    """Whether `line` goes on from `previous` (the paragraph so far; `raw`, its last line as
    the page had it)."""
    last = previous.rsplit("\n", 1)[-1]
    raw = raw or last
    if CRUMB_TRAIL.search(raw):
        return False  # 您现在的位置：首页 >> 统计数据 >> …: a breadcrumb is a line of its own
    if _starts_item(line) or _SYMBOL_END.search(raw):
        return False  # …一起来看👇: a line ended by its emoji
    if looks_like_table_row(last):
        return False  # table rows stay one per line (transforms.tables reads them)
    if _RULE_END.search(last):
        return False  # ---------- 相关文档 ----------: a rule between parts, no broken sentence
    if _ADDRESS_END.search(raw):
        return False  # …统计公报_优质范文网_www.yfwk-88.top: a page title and its site's address
    if _VALUE_BROKEN.search(last[-4:] + "\n" + line[:8]):
        return True  # 毛入学率为⏎91.4%, 招生905.0⏎万人: a figure broken from its label or unit
    if looks_like_table_row(line):
        return False
    if ENGLISH_ONLY.match(last) and _CJK_CHAR.match(line):
        return False  # a yearbook's English title or gloss, then the Chinese line after it
    if line[0] in "，。；：、）”!?,;:)":
        return True
    if _FIGURE_END.search(last) and (_LABEL_COLON.match(line) or _PART_LINE.match(line)):
        # …2025年目标95%以上 ⏎ 普惠性幼儿园覆盖率：2020年78.6% → …, ⏎ 【义务教育】, ⏎ 03 办学规模:
        # the next item or part of an infographic
        return False
    if _PART_LINE.fullmatch(raw.strip()):
        return False  # 【义务教育】 ⏎ 九年义务教育巩固率：…: a part's heading stands alone
    if _HEADING.match(line):
        return False
    if previous.endswith(("；", ";")):  # a list split one item per line
        return True
    if _HEADING.match(previous) and "。" not in previous:
        return False  # (not （二）义务教育。…发放寄宿生生活补助 ⏎ 28.6万元: its text goes on)
    return len(previous) >= 40 and not _SENTENCE_END.search(previous)


_SYMBOL = (
    "[\U0001f300-\U0001faff\u2600-\u27bf\u2190-\u21ff]"  # a pictograph or arrow: 📈, ✅, 👇, ↓
)
_MARKED_HEADING = re.compile(rf"[{PART_GLYPHS}▶►●]|{_SYMBOL}")
# an item's line: a label and its colon (学前三年毛入园率：…) after a line ending in a figure
_LABEL_COLON = re.compile(r"[\u4e00-\u9fff\d][\u4e00-\u9fff（）()\d]{1,23}[：:]")
_PART_LINE = re.compile(r"【[^】]{1,12}】|0[1-9][ \t\u3000]+[\u4e00-\u9fff]{2,12}")
_FIGURE_END = re.compile(r"(?:\d|%|％|以上|以下|左右|个|所|人|元)$")
_SYMBOL_END = re.compile(rf"{_SYMBOL}$")


@lru_cache(maxsize=8)
def _spam_pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    if not words:
        return None
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(alternatives, re.I)


def remove_spam(lines: list[str], rules: ChromeRules) -> tuple[list[str], int]:
    """Lines without spam words; link-farm lines (two or more, or mostly spam) dropped.

    Returns the kept lines and how many spam words were seen.
    """
    pattern = _spam_pattern(rules.spam_words)
    if pattern is None:
        return lines, 0
    kept: list[str] = []
    seen = 0
    for line in lines:
        hits = pattern.findall(line)
        if not hits:
            kept.append(line)
            continue
        seen += len(hits)
        rest = pattern.sub("", line).strip(" _-|")
        if len(_CJK_CHAR.findall(rest)) < max(6, sum(map(len, hits))):
            continue
        kept.append(rest)
    return kept, seen


def remove_site_names(text: str, rules: ChromeRules, extra: tuple[str, ...] = ()) -> str:
    """Site names pasted into report text removed (我老秘网市 → 我市)."""
    names = tuple(dict.fromkeys((*rules.site_names, *extra)))
    if not any(name in text for name in names):  # most pages: no pattern run over the text
        return text
    pattern = _site_name_pattern(names)
    return pattern.sub("", text) if pattern else text


# --- composition ------------------------------------------------------------------------


# A footnote marker after a word (各级各类学校[1]51.95万所, 毛入园率[注1]93.8%): it separates
# a figure from its subject.
_FOOTNOTE = re.compile(
    r"(?<=[\u4e00-\u9fff）)])(?:\[注?\d{1,2}\]|［注?\d{1,2}］|〔注?\d{1,2}〕|[¹²³⁴⁵⁶⁷⁸⁹])"
)
# The characters a footnote marker opens with: a text without any is not searched with
# _FOOTNOTE, whose opening look-behind is tried at every position.
_FOOTNOTE_OPEN = re.compile(r"[\[［〔¹²³⁴⁵⁶⁷⁸⁹]")


def clean_text(raw: str, rules: ChromeRules, site_chrome: frozenset[str] = frozenset()) -> Cleaned:
    """Report text as a person would have typed it, with page metadata."""
    text = remove_control_characters(raw.replace("\r\n", "\n").replace("\r", "\n"))
    text, garbled = strip_pinyin(text)
    trad_share = traditional_share(text)
    script = "traditional" if trad_share > TRADITIONAL_SHARE else "simplified"
    text = to_simplified(text) if script == "traditional" else simplified_paragraphs(text)
    text = years_as_digits(normalize_numbers(normalize_width(tab_wide_spaced_rows(text))))
    if _FOOTNOTE_OPEN.search(text):
        text = _FOOTNOTE.sub("", text)
    lines = [line.strip() for line in text.split("\n")]
    lines, spam = remove_spam(lines, rules)
    lines = [_PART_NUMBER.sub(r"\1 \2", line) for line in lines]
    kept, removed = drop_chrome(lines, rules, site_chrome)
    title = read_title(lines, kept, rules)
    published = read_published_date(lines[:15] + lines[-15:])
    site_names = learned_site_names(lines, rules)
    body = "\n".join(join_broken_lines(join_split_figures(kept)))
    body = remove_site_names(body, rules, site_names)
    body = normalize_punctuation(body)
    return Cleaned(
        text=body,
        script=script,
        title=title,
        published_date=published,
        chrome_lines=sum(1 for line in removed if line),
        body_lines=sum(1 for line in kept if line),
        garbled_spans=garbled,
        traditional_share=trad_share,
        spam_words=spam,
        site=site_names[0] if site_names else _known_site(removed, rules),
        removed=tuple(removed),
    )


def _known_site(removed: list[str], rules: ChromeRules) -> str | None:
    for line in removed:
        for name in rules.site_names:
            if name in line:
                return name
    return None


class DecodedLike(Protocol):
    """What the clean stage needs of a decoded item."""

    uri: str
    fetched_at: datetime
    content_sha256: str

    @property
    def decoded(self) -> DecodedText: ...


class DecodedText(Protocol):
    """Decoded text and its encoding."""

    text: str
    encoding: str


# Learned chrome: a line repeated on this many of a site's pages, and on this share of them,
# within the first or last EDGE_LINES lines of each page (where site chrome lives).
MIN_PAGES = 3
MIN_PAGE_SHARE = 0.5
EDGE_LINES = 15
MAX_CHROME_LINE = 120


def site_key(uri: str) -> str:
    """What groups pages of one site: the host of a web page, the folder of a local file."""
    parts = urlsplit(uri)
    if parts.scheme in ("http", "https"):
        return parts.hostname or ""
    return parts.path.rsplit("/", 1)[0]


def _edge_lines(text: str) -> set[str]:
    # normalize_width maps one character to one, a space to a space, and no other to a
    # line break: the page is normalised once, then split and stripped
    lines = [line.strip() for line in normalize_width(text).split("\n")]
    lines = [line for line in lines if line and len(line) <= MAX_CHROME_LINE]
    return {_BULLET.sub("", line) for line in lines[:EDGE_LINES] + lines[-EDGE_LINES:]}


def learn_site_chrome(pages: list[tuple[str, str]]) -> dict[str, frozenset[str]]:
    """Per site key, the header/footer lines that repeat across that site's pages."""
    by_site: dict[str, list[set[str]]] = {}
    for key, text in pages:
        by_site.setdefault(key, []).append(_edge_lines(text))
    learned: dict[str, frozenset[str]] = {}
    for key, page_lines in by_site.items():
        if len(page_lines) < MIN_PAGES:
            continue
        counts: dict[str, int] = {}
        for lines in page_lines:
            for line in lines:
                counts[line] = counts.get(line, 0) + 1
        need = max(MIN_PAGES, MIN_PAGE_SHARE * len(page_lines))
        repeated = frozenset(
            line for line, n in counts.items() if n >= need and not _HEADING.match(line)
        )
        if repeated:
            learned[key] = repeated
    return learned


def clean_items(
    items: list[DecodedLike], rules: ChromeRules, now: datetime
) -> tuple[list[CleanedItem], list[QuarantineRow]]:
    """Cleaned pages for a batch of decoded items, and a quarantine row for each page whose
    cleaning raised (the rest of the batch goes on); web pages are credited to their host.

    Lines that repeat at the top or bottom of one site's pages in the batch are dropped as
    chrome too, on top of the pattern file.
    """
    try:
        learned = learn_site_chrome([(site_key(i.uri), i.decoded.text) for i in items])
    except Exception:  # learned chrome is an extra: without it each page is still cleaned
        learned = {}
    out: list[CleanedItem] = []
    failed: list[QuarantineRow] = []
    for item in items:
        try:
            out.append(clean_item(item, rules, learned.get(site_key(item.uri), frozenset())))
        except Exception as exc:  # one page's failure costs only that page
            failed.append(failure_row(item.uri, "clean", exc, now, item.content_sha256))
    return out, failed


def clean_item(item: DecodedLike, rules: ChromeRules, chrome: frozenset[str]) -> CleanedItem:
    """One decoded page cleaned, with its provenance, site and the page URL it names."""
    cleaned = clean_text(item.decoded.text, rules, chrome)
    page_date = getattr(item.decoded, "published_date", None)
    if cleaned.published_date is None and page_date:
        cleaned = replace(cleaned, published_date=page_date)
    host = urlsplit(item.uri).hostname if item.uri.startswith("http") else None
    site = host or cleaned.site
    named = getattr(item.decoded, "source_url", None)
    page_url = item.uri if host else named
    if site is None and named:
        site = urlsplit(named).hostname
    return CleanedItem(
        item.uri,
        item.fetched_at,
        item.content_sha256,
        item.decoded.encoding,
        site,
        cleaned,
        page_url,
        getattr(item.decoded, "title", None),
    )
