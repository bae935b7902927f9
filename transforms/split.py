"""Report spans of a page (several reports in one page) and sentence spans of a report."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from transforms.numerals import parse_chinese_numeral
from transforms.scopes import WORDED

_NUMERALS = "一二三四五六七八九十"
# A line that is only a series heading: 范文（一）, 篇二, 总结 第2篇 …
_SERIES_HEADING = re.compile(
    rf"^(?P<prefix>.{{2,40}}?)\s*(?:[（(](?P<paren>[{_NUMERALS}]{{1,3}}|\d{{1,2}})[）)]"
    rf"|篇(?P<pian>[{_NUMERALS}]{{1,3}}|\d{{1,2}})[:：]?"
    rf"|第(?P<di>[{_NUMERALS}]{{1,3}}|\d{{1,2}})篇)$"
)
# …or a piece number opening the line of the report's own title: 【篇一】巫山县教委2019年
# 工作总结, 篇二：蓟州区教育局2019年工作总结, 范文二：德化县教育局2020年工作总结 (the title is
# what follows it)
_PIECE_MARK = re.compile(
    # a sharing site's paragraph number may come first (3、篇二：桐柏县…)
    rf"^(?:\d{{1,2}}[、.．]\s*)?(?:[【\[]篇(?P<lead>[{_NUMERALS}]{{1,3}}|\d{{1,2}})[】\]]"
    rf"|篇(?P<lead2>[{_NUMERALS}]{{1,3}}|\d{{1,2}})[:：]"
    rf"|第(?P<lead3>[{_NUMERALS}]{{1,3}}|\d{{1,2}})篇[:：]"
    rf"|范文(?P<lead4>[{_NUMERALS}]{{1,3}}|\d{{1,2}})[:：]"
    # …or after the collection's own name (教育局2018年工作总结篇二：忻城县教育局2018年工作总结)
    rf"|[^\s。，：:]{{2,30}}?(?:总结|报告|范文|汇报|计划)篇(?P<lead5>[{_NUMERALS}]{{1,3}}|\d{{1,2}})[:：])"
    r"\s*(?=\S)"
)
# …or a piece number on a line of its own, the report's title on the next (范文二： ⏎ 乐都区
# 教育局2016年教育工作总结): that title opens a report however short its first line
_PIECE_ALONE = re.compile(
    rf"^(?:[【\[](?:篇|范文)(?:[{_NUMERALS}]{{1,3}}|\d{{1,2}})[】\]]"
    rf"|篇(?:[{_NUMERALS}]{{1,3}}|\d{{1,2}})[:：]?"
    rf"|第(?:[{_NUMERALS}]{{1,3}}|\d{{1,2}})篇[:：]?|范文(?:[{_NUMERALS}]{{1,3}}|\d{{1,2}})[:：]?)$"
)
_SENTENCE = re.compile(r"[^。！？；!?;\n]*(?:[。！？；!?;]+[”’」』）)]*|\n|$)")
_SENTENCE_THROUGH_SEMICOLONS = re.compile(r"[^。！？!?\n]*(?:[。！？!?]+[”’」』）)]*|\n|$)")
# A preamble this short before the first heading is the page's own title, not a report.
MAX_PREAMBLE = 120
BODY_LINE = 60
"""A line this long is running text."""
MIN_SENTENCE = 20
"""A line this long ended by 。 is a sentence of running text."""

# A report's own title standing alone: no clause punctuation or numbering, a year, a
# report's name (青铜峡市教育局2021年工作总结; 2020年全县教育事业发展统计公报)
_TITLE_WORDS = (
    r"^[^\s。，；：:,;！？、.．]{0,30}(?:19|20)\d{2}\s*年[^\s。，；：:,;！？、]{0,24}?"
    r"(?:报告|总结|公报|简况|快报)"
)
_REPORT_TITLE = re.compile(_TITLE_WORDS + "$")


_PIECE_GROUPS = ("lead", "lead2", "lead3", "lead4", "lead5")
# …or an appendix's mark (附：湘阴县2016年教育工作总结, 附件2：…)
_APPENDIX = re.compile(r"^附(?:件\s*\d{0,2})?\s*[:：]\s*")


# A related story's marker (【相关阅读】): a headline with its text after it is another story
_RELATED = re.compile(r"^[【\[]?(?:相关阅读|相关新闻|延伸阅读|相关链接)[】\]]?[:：]?$")


def _story_under(lines: list[str], at: int) -> bool:
    """Whether lines[at] is a headline (short, no full stop) over running text: a story, not a
    list of links."""
    headline = lines[at].strip()
    if not headline or len(headline) > BODY_LINE // 2 or "。" in headline:
        return False
    body = _text_after(lines, at)
    return "。" in body and len(body) >= MIN_SENTENCE


def _text_after(lines: list[str], at: int) -> str:
    """The next line after lines[at] that has words (a rule of ━━━ between is none, nor is
    the date it was published on: 发布日期：2022-04-07)."""
    return next(
        (
            line.strip()
            for line in lines[at + 1 :]
            if WORDED.search(line) and not _DATED_ONLY.fullmatch(line.strip())
        ),
        "",
    )


# a line giving only when it was published (发布日期：2022-04-07, 时间：2021年3月5日)
_DATED_ONLY = re.compile(
    r"(?:发布|发表|成文|更新)?(?:日期|时间)\s*[:：]\s*\d{4}(?:[-./年]\d{1,2}){1,2}日?(?:\s+\d{1,2}:\d{2})?"
)


# …or a piece number closing the report's own title (尖扎县2018年教育工作总结（二）), or a
# note that it is cut (浮梁县2019年教育工作总结（节选）)
_PIECE_AFTER = re.compile(
    rf"\s*[（(](?:[{_NUMERALS}]{{1,3}}|\d{{1,2}}|节选|摘要|摘编|摘登|全文|精选)[）)]$"
)


def _own_title(line: str) -> str:
    """A line's report title without the piece number or appendix mark before it, or the
    piece number after it."""
    return _PIECE_AFTER.sub("", _PIECE_MARK.sub("", _APPENDIX.sub("", line.strip())))


def opens_report(lines: list[str], at: int) -> bool:
    """Whether lines[at] is a report's title standing alone (perhaps after its piece number:
    第二篇：…), with running text as the next line that has words (a rule of ━━━ between
    them is no line of text): a sentence of BODY_LINE characters or more, or a shorter one
    ended by its full stop (2023年，我局围绕…扎实推进各项工作。)."""
    if not _REPORT_TITLE.match(_own_title(lines[at])):
        return False
    body = _text_after(lines, at)
    if "。" not in body:
        return False
    return len(body) >= BODY_LINE or (len(body) >= MIN_SENTENCE and body.endswith("。"))


def _announced_after_a_report(lines: list[str], at: int, before: list[str]) -> bool:
    """Whether lines[at] is a report's title over an opening that announces what follows
    (和平县教育局2017年工作总结 ⏎ 2017年，xx县教育局在…领导下……现将一年来工作总结如下：),
    after a report with figures of its own (not a page's header over its first report)."""
    if not _REPORT_TITLE.match(_own_title(lines[at])):
        return False
    body = _text_after(lines, at)
    return (
        len(body) >= MIN_SENTENCE
        and _AS_FOLLOWS.search(body) is not None
        and _A_FIGURE_SENTENCE.search("\n".join(before)) is not None
    )


# a report's opening sentence announcing what follows (现将…总结如下：)
_AS_FOLLOWS = re.compile(r"如下[:：]$")
_A_FIGURE_SENTENCE = re.compile(r"\d\s*(?:万|亿)?(?:所|人|名|个|元|%|％)[^\n。]{0,80}。")


@dataclass(frozen=True)
class ReportSpan:
    """One report inside a cleaned page."""

    seq: int
    title: str | None
    text: str


def _numeral_value(token: str) -> int:
    return int(token) if token.isdigit() else parse_chinese_numeral(token) or 0


def find_series_headings(lines: list[str]) -> list[int]:
    """Line indexes of a numbered series of headings sharing one prefix, numbered 1, 2, 3 …"""
    groups: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for i, line in enumerate(lines):
        if m := _SERIES_HEADING.match(line.strip()):
            number = _numeral_value(m.group("paren") or m.group("pian") or m.group("di"))
            groups[m.group("prefix").strip()].append((i, number))
        elif m := _PIECE_MARK.match(line.strip()):
            piece = next(m.group(g) for g in _PIECE_GROUPS if m.group(g))
            groups["【篇】"].append((i, _numeral_value(piece)))
    best: list[int] = []
    for members in groups.values():
        numbers = [n for _, n in members]
        is_series = len(members) >= 2 and numbers == list(range(1, len(members) + 1))
        if is_series and len(members) > len(best):
            best = [i for i, _ in members]
    return best


def split_reports(text: str, page_title: str | None = None) -> list[ReportSpan]:
    """Reports of a page: one per numbered heading of a series, else the whole page; and
    within each, a report appended after the first one's text under a title of its own
    (…高中阶段毛入学率94.6%。⏎ 青铜峡市教育局2021年工作总结 ⏎ 2021年，青铜峡市…)."""
    spans: list[ReportSpan] = []
    for span in _series_reports(text, page_title):
        for title, body in _appended_reports(span.title, span.text):
            spans.append(ReportSpan(seq=len(spans) + 1, title=title, text=body))
    return spans


def _appended_reports(title: str | None, text: str) -> list[tuple[str | None, str]]:
    """(title, text) of the report `text` holds first and of each one appended after it: a
    title standing alone (opens_report) once MAX_PREAMBLE characters of the first are read."""
    lines = text.split("\n")
    parts: list[tuple[str | None, str]] = []
    start, read = 0, 0
    for i, line in enumerate(lines):
        numbered = i > 0 and _PIECE_ALONE.match(lines[i - 1].strip()) is not None
        related = i > 0 and _RELATED.match(lines[i - 1].strip()) is not None
        if read > MAX_PREAMBLE and (
            opens_report(lines, i)
            or _announced_after_a_report(lines, i, lines[start:i])
            or (numbered and _REPORT_TITLE.match(line.strip()))
            or (related and _story_under(lines, i))
        ):
            parts.append((title, "\n".join(lines[start:i]).strip()))
            title, start, read = _own_title(line), i + 1, 0
            continue
        read += len(line)
    parts.append((title, "\n".join(lines[start:]).strip() if parts else text))
    return parts


def _series_reports(text: str, page_title: str | None) -> list[ReportSpan]:
    """Reports of a page: one per numbered heading of a series, else the whole page."""
    lines = text.split("\n")
    heads = find_series_headings(lines)
    if not heads:
        return [ReportSpan(seq=1, title=page_title, text=text)]
    spans: list[ReportSpan] = []
    preamble = "\n".join(lines[: heads[0]]).strip()
    if len(preamble) > MAX_PREAMBLE:
        spans.append(ReportSpan(seq=1, title=page_title, text=preamble))
    for k, start in enumerate(heads):
        end = heads[k + 1] if k + 1 < len(heads) else len(lines)
        # 【篇二】蓟州区教育局2019年工作总结: the report's own title, without the piece number
        title = _PIECE_MARK.sub("", lines[start].strip()) or lines[start].strip()
        title, glued = _title_and_text(title)
        body = "\n".join([glued, *lines[start + 1 : end]]).strip()
        if body:
            spans.append(ReportSpan(seq=len(spans) + 1, title=title, text=body))
    return spans


# …or opening a heading line that goes on with the report's text (a sharing site's copy
# that lost its line breaks: 南江县教育局2019年工作总结2019年，在县委…)
_TITLE_OPENING = re.compile(_TITLE_WORDS)


def _title_and_text(line: str) -> tuple[str, str]:
    """A series heading's title and the running text glued after it, if any: the text is
    the report's own, not its title's."""
    if len(line) <= BODY_LINE and "。" not in line:
        return line, ""
    if m := _TITLE_OPENING.match(line):
        return m.group(0), line[m.end() :]
    return line[:BODY_LINE], line


def split_sentences(text: str, semicolons: bool = True) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of `text`, surrounding whitespace excluded: split
    at 。！？ (with the closing quote or bracket after them), line breaks and, unless
    `semicolons` is False, at ；. Figure extraction reads a sentence through its semicolons
    (…学校200所；在校生…: one subject)."""
    pattern = _SENTENCE if semicolons else _SENTENCE_THROUGH_SEMICOLONS
    spans: list[tuple[int, int]] = []
    for m in pattern.finditer(text):
        start, end = m.start(), m.end()
        while end > start and text[end - 1].isspace():
            end -= 1
        while start < end and text[start].isspace():
            start += 1
        if end > start:
            spans.append((start, end))
    return spans
