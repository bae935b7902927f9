"""Decoded text from raw bytes: charset choice and HTML → plain (main) text."""

from __future__ import annotations

import bisect
import codecs
import hashlib
import re
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Literal, Protocol

from charset_normalizer import from_bytes

from transforms.dates import DATE_IN_TEXT, first_date, valid_iso
from transforms.html_tables import (
    MAX_TABLE_CELL_CHARS,
    RenderedTable,
    TableBuilder,
    replace_markdown_tables,
)
from transforms.ngrams import cjk_count
from transforms.records import QuarantineRow, failure_row
from transforms.scopes import YEARBOOK_CRUMB, is_heading
from transforms.tables import IDEOGRAPHIC_GAP

# Encodings worth trying on Chinese pages, in the order a tie is broken.
CANDIDATES: tuple[str, ...] = ("utf-8", "gb18030", "big5hkscs")
# Declared charsets whose real-world use is a superset: decode with the superset (what sites
# really send). The one table for every path bytes take (crawl and decode).
_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "big5": "big5hkscs",
    "cp950": "big5hkscs",
    "big5-hkscs": "big5hkscs",
    "ascii": "utf-8",
    "us-ascii": "utf-8",
}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.I)
_HTML_HINT = re.compile(r"<(?:html|body|div|p|br|head|meta|title)\b", re.I)
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Decoded:
    """Text of one raw item and how it was obtained."""

    text: str
    encoding: str
    title: str | None = None  # an HTML page's <title>, its site's name included
    is_html: bool = False
    published_date: str | None = None  # ISO date the page says it was published, if found
    source_url: str | None = None  # where a saved page came from (canonical link, 原文链接)


class DecodeError(ValueError):
    """The bytes are not text in any encoding we accept."""


def normalize_charset(name: str | None) -> str | None:
    """Python codec name for a declared charset, widened to its superset (GB2312/GBK to
    GB18030, Big5 to Big5-HKSCS), or None when unknown."""
    if not name:
        return None
    name = name.strip().strip("\"'").lower()
    name = _SUPERSETS.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _cjk_share(text: str) -> float:
    return cjk_count(text) / max(1, len(text))


def detect_encoding(data: bytes, declared: str | None = None) -> str:
    """Charset of `data`: BOM, then a declared charset that decodes cleanly, then detection."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    for name in (normalize_charset(declared), _meta_charset(data)):
        if name and _decodes(data, name):
            return name
    if _decodes(data, "utf-8"):
        return "utf-8"
    scored = [(name, data.decode(name)) for name in CANDIDATES[1:] if _decodes(data, name)]
    if scored:
        # GB18030 decodes almost any byte string; prefer whichever yields more common CJK text.
        return max(scored, key=lambda pair: _common_share(pair[1]))[0]
    best = from_bytes(data).best()
    if best is None:
        raise DecodeError("no encoding decodes these bytes")
    return normalize_charset(best.encoding) or best.encoding


COMMON_CHARS_FILE = Path(__file__).with_name("common_chars.txt")


@cache
def _common_chars() -> frozenset[str]:
    lines = COMMON_CHARS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset("".join(line for line in lines if not line.startswith("#")))


def _common_share(text: str) -> float:
    cjk = _CJK.findall(text)
    if not cjk:
        return 0.0
    common = _common_chars()
    return sum(ch in common for ch in cjk) / len(cjk)


def _decodes(data: bytes, name: str) -> bool:
    try:
        data.decode(name)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    return normalize_charset(match.group(1).decode("ascii", "ignore")) if match else None


def decode_bytes(data: bytes, declared: str | None = None) -> Decoded:
    """Text of a raw item; HTML pages become plain text with one line per block."""
    if not data.strip():
        raise DecodeError("empty file")
    encoding = detect_encoding(data, declared)
    text = data.decode(encoding)
    if encoding == "utf-8-sig":
        encoding = "utf-8"
    if _cjk_share(text) == 0 and len(text) > 200:
        raise DecodeError(f"decoded as {encoding} but holds no Chinese text")
    if _HTML_HINT.search(text[:2000]):
        page = html_main_text(text)
        return Decoded(
            text=page.text,
            encoding=encoding,
            title=page.title,
            is_html=True,
            published_date=page.published_date,
            source_url=source_url(text),
        )
    return Decoded(text=text, encoding=encoding, source_url=source_url(text))


_SOURCE_URL = (
    re.compile(r"<link[^>]+rel=[\"']canonical[\"'][^>]*href=[\"'](https?://[^\"']+)", re.I),
    re.compile(r"<link[^>]+href=[\"'](https?://[^\"']+)[\"'][^>]*rel=[\"']canonical", re.I),
    re.compile(r"<meta[^>]+property=[\"']og:url[\"'][^>]*content=[\"'](https?://[^\"']+)", re.I),
    re.compile(r"<!--\s*saved from url=\(\d+\)(https?://\S+?)\s*-->", re.I),
    re.compile(
        r"(?:原文链接|原文地址|本文链接|本文地址|文章来源|来源|网址|链接|URL|url)\s*[:：]\s*"
        r"(https?://[A-Za-z0-9.\-]+(?::\d+)?(?:/[^\s<>\"'，。）)]*)?)"
    ),
)


def source_url(text: str) -> str | None:
    """The URL a saved page names as its own: canonical link, og:url, a browser's
    'saved from' comment, or a 原文链接/来源 line (local copies of web pages)."""
    head, tail = text[:20000], text[-4000:]
    for pattern in _SOURCE_URL:
        for chunk in (head, tail):
            if m := pattern.search(chunk):
                return m.group(1)
    return None


_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    ]
)
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "head"})


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: str | None = None
        self.tables: list[RenderedTable] = []  # data tables, rendered as ' | ' rows
        self._open_tables: list[TableBuilder] = []
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        if not self._skip:
            self._table_start(tag, attrs)
        if tag in _SKIP_TAGS:
            self._skip += 1
        elif tag == "li":
            self.parts.append("\n• ")  # list items keep a bullet: menus are runs of them
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")
        if not self._skip:
            self._table_end(tag)

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title = (self.title or "") + data.strip()
        elif not self._skip:
            self.parts.append(data)
            if self._open_tables:
                self._open_tables[-1].add_text(data)

    def _table_start(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Cells of the innermost open table, kept to render it as rows if it holds figures."""
        tables = self._open_tables
        if tag == "table":
            if tables:
                tables[-1].nested = True
            tables.append(TableBuilder(start=len(self.parts)))
        elif not tables:
            return
        elif tag == "tr":
            tables[-1].start_row()
        elif tag in ("td", "th"):
            tables[-1].start_cell(attrs)
        elif tag == "caption":
            tables[-1].in_caption = True
        elif tag == "br":
            tables[-1].line_break()

    def _table_end(self, tag: str) -> None:
        tables = self._open_tables
        if not tables:
            return
        if tag in ("td", "th"):
            tables[-1].end_cell()
        elif tag == "tr":
            tables[-1].end_row()
        elif tag == "caption":
            tables[-1].in_caption = False
        elif tag == "table":
            table = tables.pop()
            rendered = table.render()
            if rendered is not None:  # a data table: its rows replace its cells' lines
                del self.parts[table.start :]
                self.parts.append("\n" + "\n".join(rendered.lines) + "\n")
                self.tables.append(rendered)


def _parse_html(html: str) -> tuple[str | None, str, list[RenderedTable]]:
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    lines = (line.strip() for line in "".join(parser.parts).splitlines())
    return parser.title, "\n".join(line for line in lines if line), parser.tables


def html_to_text(html: str) -> tuple[str | None, str]:
    """Page title and visible text of an HTML page, one line per block element.

    Data tables (cells mostly figures) come out one row per line, cells separated by ' | '.
    """
    title, text, _ = _parse_html(html)
    return title, text


# --- HTML → main text -------------------------------------------------------------------
#
# trafilatura finds the article block and drops site chrome (menus, breadcrumbs, footers);
# html_to_text above keeps every block and is the fallback when trafilatura finds nothing or
# clearly too little. Everything works on the string: no URL is ever given to trafilatura or
# htmldate, so neither can fetch anything.

# trafilatura's text is trusted when it holds at least this share of the page's Chinese
# characters, or at least this many of them (a short article inside heavy chrome).
MAIN_TEXT_MIN_SHARE = 0.3
MAIN_TEXT_MIN_CJK = 200
# At most this many lines between the page's headline and the start of the main text are kept
# in front of it (headline, 发布时间/来源 line): trafilatura leaves them out of the article.
# A 公众号 article has five under its headline: 原创, the account, its nickname, the time and
# the place of posting.
_MAX_LEAD_LINES = 6
_MAX_LEAD_LINE_CHARS = 120
_TITLE_SEPARATORS = re.compile(r"\s*(?:_|\||｜|--|\s-|-\s| — |——)\s*")
_DATE_LABEL = re.compile(r"(?:发布|发表|成文|印发|发文|更新)?(?:时间|日期)|发表于|发布于")
_WS = re.compile(r"\s+")

HtmlMethod = Literal["trafilatura", "trafilatura_recall", "fallback"]
_ATTEMPTS: tuple[tuple[bool, HtmlMethod], ...] = (
    (False, "trafilatura"),
    (True, "trafilatura_recall"),
)


@dataclass(frozen=True)
class HtmlText:
    """Main text of an HTML page with its title, publication date and how it was found."""

    text: str
    title: str | None
    published_date: str | None
    method: HtmlMethod


def _trafilatura(html: str, *, favor_recall: bool) -> Any:
    """trafilatura's Document for `html`, or None; never raises."""
    from trafilatura import bare_extraction  # heavy import, only needed for HTML pages

    try:
        return bare_extraction(
            html,
            url=None,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            favor_recall=favor_recall,
            deduplicate=False,
            with_metadata=True,
            # no opportunistic text search: it turns a copyright year into a YYYY-01-01 "date"
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # a third-party heuristic on arbitrary markup: any failure → fallback
        return None


def _layout_table(lines: list[str]) -> bool:
    """Whether trafilatura rendered a layout table (whole paragraphs in cells) as table rows.

    Old government sites nest the whole page in tables; trafilatura then returns the page as
    `| cell |` rows, out of order and with the paragraph breaks lost.
    """
    cells = [cell for line in lines if line.startswith("|") for cell in line.split("|")]
    return any(len(cell) > MAX_TABLE_CELL_CHARS for cell in cells)


def _lines(text: str) -> list[str]:
    return [line for line in (_WS.sub(" ", raw).strip() for raw in text.splitlines()) if line]


def _labelled_date(lines: list[str]) -> str | None:
    """ISO date from a 发布时间/日期 line, if one of `lines` is such a line."""
    for line in lines:
        label = _DATE_LABEL.search(line)
        if label and (found := first_date(line, label.end())):
            return found
    return None


def _title_candidates(*titles: str | None) -> set[str]:
    found: set[str] = set()
    for title in titles:
        if title and (title := _WS.sub(" ", title).strip()):
            found.add(title)
            found.update(part for part in _TITLE_SEPARATORS.split(title) if len(part) >= 4)
    return found


def _main_start(page_lines: list[str], first_main_line: str) -> int | None:
    """Index of the page line where the main text begins, if it can be located."""
    key = _ANY_SPACE.sub("", first_main_line)[:16]
    if len(key) < 4:
        return None
    for i, line in enumerate(page_lines):
        if key in _ANY_SPACE.sub("", line):
            return i
    return None


_ANY_SPACE = re.compile(r"\s")  # the main text's spaces may be other ones (　→ ' ')


def _lead_lines(page_lines: list[str], main_lines: list[str], titles: set[str]) -> list[str]:
    """Headline and byline lines just above the main text that trafilatura left out."""
    start = _main_start(page_lines, main_lines[0])
    if start is None:
        return []
    lead: list[str] = []
    first = start  # the first line kept above the main text
    for i in range(start - 1, max(-1, start - _MAX_LEAD_LINES - 1), -1):
        if _a_title(page_lines[i], titles) or _names_title(page_lines[i], titles):
            lead, first = page_lines[i:start], i
            if any(len(line) > _MAX_LEAD_LINE_CHARS for line in lead):
                lead = [page_lines[i]]
            break
    if (
        not lead
        and start
        and _UNIT_NOTE.match(page_lines[start])
        and _caption(page_lines, start - 1)
    ):
        # 表14-1 山阳县各级各类学校基本情况 over the unit note the main text opens with: the
        # table's caption, which names its place and years
        lead, first = [page_lines[start - 1]], start - 1
    # 石嘴山统计年鉴—2023 > 十八、教育… above a yearbook table's headline (perhaps over a line
    # of 上一表/下一表 links): its place and year
    above = page_lines[max(0, first - _CRUMB_LINES) : first][::-1]
    crumbs = next((line for line in above if YEARBOOK_CRUMB.search(line)), "")
    yearbooks = [m for m in YEARBOOK_CRUMB.finditer(crumbs) if m["name"] != "统计"]
    if yearbooks:  # (a place's yearbook: 统计年鉴 > 2017 names none)
        # (首页 » 统计年鉴 » 亳州统计年鉴2024 » 十八、教育…: from the yearbook's own name)
        named = max(crumbs.rfind(mark, 0, yearbooks[-1].start()) for mark in ">＞›»")
        lead = [crumbs[named + 1 :].strip(), *lead]
    return lead


def _a_title(line: str, titles: set[str]) -> bool:
    """Whether a page line is one of the titles, however it is spaced (18-3　主要年份…)."""
    line = _WS.sub(" ", line).strip()
    return line in titles or line.translate(_HALF_WIDTH) in {
        t.translate(_HALF_WIDTH) for t in titles
    }


def _names_title(line: str, titles: set[str]) -> bool:
    """Whether a headline writes out a shorter page title in full (正定县人民政府关于县域义务教育
    优质均衡发展的自评报告 for <title>正定县义务教育优质均衡发展自评报告-…</title>): every
    character of the title, in order, within a line at most twice as long."""
    line = _ANY_SPACE.sub("", line).translate(_HALF_WIDTH)  # (表18-1　2016年… for 18-1 2016年…)
    for title in (
        _ANY_SPACE.sub("", part).translate(_HALF_WIDTH)
        for t in titles
        for part in _SITE_SUFFIX.split(t)
    ):
        if len(title) < _MIN_TITLE_CHARS or len(line) > 2 * len(title):
            continue
        rest = iter(line)
        if all(ch in rest for ch in title):
            return True
    return False


# a headline and the <title> may write its brackets in either width (（2016年） and (2016年))
_HALF_WIDTH = str.maketrans("（）：，", "():,")
_SITE_SUFFIX = re.compile(r"\s*[-_|｜]\s*(?=[^\d])")  # 自评报告-正定县人民政府 (not 2019-2020)

_MIN_TITLE_CHARS = 8
_CRUMB_LINES = 2


def _with_headings(page_lines: list[str], main_lines: list[str], titles: set[str]) -> list[str]:
    """The main text with the headline and section headings trafilatura left out between its
    paragraphs (an index block, <h1>关于…的反馈意见</h1>, <h2>一、主要成绩</h2> … <h2>三、
    整改意见</h2>: what the page is, what is a result and what a plan): a page line that is
    a heading or the page's title, or a table's caption, and sits between two main-text lines
    of the page."""
    where: dict[str, list[int]] = {}
    for i, page_line in enumerate(page_lines):
        where.setdefault(_ANY_SPACE.sub("", page_line), []).append(i)
    out: list[str] = []
    at = -1  # the page line of the last main line found
    for line in main_lines:
        places = where.get(_ANY_SPACE.sub("", line)) or []
        k = bisect.bisect_right(places, at)
        found = places[k] if k < len(places) else None
        # a table row the page writes one cell per line (a table the page's own parse did not
        # render): its cells are the row, no headings between two main lines
        last = found
        if found is None and " | " in line and (cells := _cell_lines(line, where, at)):
            found, last = cells
        if found is not None and last is not None:
            # before the first line found, when main lines the page renders otherwise (an
            # index table) come first: the headline just above it
            lo = at + 1 if at >= 0 or not out else max(0, found - _MAX_LEAD_LINES)
            if at >= 0 or out:
                out.extend(
                    page_lines[i]
                    for i in range(lo, found)
                    if (
                        (
                            is_heading(page_lines[i])
                            or _a_title(page_lines[i], titles)
                            or (at >= 0 and _caption(page_lines, i))
                        )
                        and "|" not in page_lines[i]
                        and (at >= 0 or _a_title(page_lines[i], titles))
                    )
                    # a table the page writes as text rows (指标 | 标准 | 小学均值 | …) in a
                    # block trafilatura took for no paragraph
                    # (bars as the renderer writes them, or as the page does: 序号｜指标｜…)
                    or (at >= 0 and len(_ROW_BAR.findall(page_lines[i])) >= _ROW_BARS)
                )
            at = last
        if found is not None and last == found and IDEOGRAPHIC_GAP.search(page_lines[found]):
            # 1　每百名学生…（人）　≥4.2/≥5.3　6.18: a row whose cells the page separates with
            # ideographic spaces, which the main text made plain ones (see clean)
            line = page_lines[found].strip()
        out.append(line)
    return out


_CELL_GAP = 2  # a row's next cell at most this many page lines below the one before
_ROW_BARS = 2  # a line of three cells or more
# (bars, or one ideographic space between cells: 序号　指标　国家标准（小学/初中）　小学　初中)
_ROW_BAR = re.compile(rf" \| |｜|{IDEOGRAPHIC_GAP.pattern}")


def _cell_lines(row: str, where: dict[str, list[int]], at: int) -> tuple[int, int] | None:
    """The page lines of a table row's first and last cells when the page has them one per
    line after `at` (指标 ⏎ 小学标准 ⏎ … for | 指标 | 小学标准 | …), else None."""
    first: int | None = None
    last = at
    for cell in row.strip("| ").split(" | "):
        key = _ANY_SPACE.sub("", cell)
        if not key:
            continue
        places = where.get(key) or []
        k = bisect.bisect_right(places, last)
        if k == len(places) or (first is not None and places[k] > last + _CELL_GAP):
            return None
        last = places[k]
        first = last if first is None else first
    return (first, last) if first is not None else None


def _caption(page_lines: list[str], i: int) -> bool:
    """Whether page_lines[i] is a table's caption: a short line right above its rows (17-2
    各县教育基本情况（2016年）)."""
    line = page_lines[i].strip()
    k = i + 1
    if k < len(page_lines) and _UNIT_NOTE.match(page_lines[k]):
        k += 1  # (单位：所、人 between: the table's unit note)
    below = page_lines[k] if k < len(page_lines) else ""
    return " | " in below and 0 < len(line) <= _MAX_HEADLINE_CHARS and "。" not in line


_UNIT_NOTE = re.compile(r"\s*(?:计量)?单位\s*[:：]")


# A news list (县区动态): headline, its date on a line of its own, the story's first lines.
_DATE = rf"\(?{DATE_IN_TEXT.pattern}日?\)?"
_DATE_ALONE = re.compile(rf"^{_DATE}$")
# a headline with its date at the end of its line (<a>…</a><span>2023-06-12</span>)
_DATED_LINE = re.compile(rf"^(?P<head>[•·\s]*[^\s•·].{{3,39}}?)\s*(?P<date>{_DATE})$")
_MIN_LIST_ITEMS = 3
_MAX_HEADLINE_CHARS = 40


def _dated_headlines(page_lines: list[str]) -> list[str]:
    """Page lines with each headline's date on a line of its own after it."""
    out: list[str] = []
    for line in page_lines:
        m = _DATED_LINE.match(line)
        out.extend([m["head"].strip(" \t•·"), m["date"]] if m else [line])
    return out


def _news_list(page_lines: list[str], main_lines: list[str]) -> bool:
    """Whether the page lists at least three dated headlines and the main text lost most of
    them (each item's headline names its place: 阳谷县：今年新建…)."""
    heads = [
        page_lines[i - 1]
        for i in range(1, len(page_lines))
        if _DATE_ALONE.match(page_lines[i].strip())
        and 4 <= len(page_lines[i - 1]) <= _MAX_HEADLINE_CHARS
    ]
    if len(heads) < _MIN_LIST_ITEMS:
        return False
    main = "\n".join(main_lines)
    return sum(head in main for head in heads) < len(heads) / 2


def html_main_text(html: str) -> HtmlText:
    """Main text of a page, site chrome dropped, one line per paragraph.

    trafilatura (balanced, then favouring recall) picks the article; when it returns nothing
    or much less Chinese text than the page holds, every block of the page is kept instead
    (html_to_text). The page's headline and 发布时间 line, when they sit just above the
    article, are kept in front of it. The publication date comes from a 发布时间/日期 line
    near the article, else from the page's metadata (htmldate, markup only).
    """
    page_title, page_text, tables = _parse_html(html)
    page_lines = page_text.splitlines()
    page_cjk = cjk_count(page_text)
    doc: Any = None
    main_lines: list[str] = []
    method: HtmlMethod = "fallback"
    for recall, name in _ATTEMPTS:
        candidate = _trafilatura(html, favor_recall=recall)
        lines = _lines(getattr(candidate, "text", None) or "")
        cjk = cjk_count("".join(lines))
        trusted = cjk >= MAIN_TEXT_MIN_SHARE * page_cjk or cjk >= MAIN_TEXT_MIN_CJK
        if cjk and trusted and not _layout_table(lines):
            doc, main_lines, method = candidate, replace_markdown_tables(lines, tables), name
            break
        if doc is None:
            doc = candidate  # the metadata of a rejected extraction is still good
    if method != "fallback" and _news_list(listed := _dated_headlines(page_lines), main_lines):
        method = "fallback"  # a list of dated headlines: trafilatura keeps only their summaries
        page_lines = listed
    meta_title: str | None = getattr(doc, "title", None) or None
    if method == "fallback":
        body = page_lines
        near = page_lines[:15] + page_lines[-15:]
    else:
        titles = _title_candidates(meta_title, page_title)
        lead = _lead_lines(page_lines, main_lines, titles)
        body = lead + _with_headings(page_lines, main_lines, titles)
        start = _main_start(page_lines, main_lines[0]) or 0
        near = lead + page_lines[max(0, start - _MAX_LEAD_LINES) : start] + main_lines[:3]
    published = _labelled_date(near) or valid_iso(getattr(doc, "date", None))
    # trafilatura's title drops what follows a dash (15-3 各级各类学校基本情况 of <title>15-3
    # 各级各类学校基本情况 - 焉耆回族自治县统计年鉴2021</title>), which may be the only place
    # that names the page's place: the whole <title> when it holds trafilatura's
    whole = page_title if page_title and meta_title and meta_title in page_title else None
    return HtmlText("\n".join(body), whole or meta_title or page_title, published, method)


ORIGINAL_SHA_HEADER = "x-original-sha256"
"""Header of an item whose bytes were converted (a PDF's text): the hash of the bytes as
acquired, which identifies the document's content."""


class RawLike(Protocol):
    """What the decode stage needs of an acquired item."""

    uri: str
    data: bytes
    fetched_at: datetime
    headers: dict[str, str]


@dataclass(frozen=True)
class DecodedItem:
    """A raw item's decoded text with its provenance."""

    uri: str
    fetched_at: datetime
    content_sha256: str
    decoded: Decoded


def declared_charset(headers: dict[str, str]) -> str | None:
    """Charset named in a Content-Type header, if any."""
    content_type = {k.lower(): v for k, v in headers.items()}.get("content-type", "")
    match = re.search(r"charset=([\w\-]+)", content_type, re.I)
    return match.group(1) if match else None


def decode_items(
    items: list[RawLike], now: datetime
) -> tuple[list[DecodedItem], list[QuarantineRow]]:
    """Decoded items, and a quarantine row for each item that could not be decoded."""
    decoded: list[DecodedItem] = []
    failed: list[QuarantineRow] = []
    for item in items:
        digest = item.headers.get(ORIGINAL_SHA_HEADER) or hashlib.sha256(item.data).hexdigest()
        try:
            result = decode_bytes(item.data, declared_charset(item.headers))
        except DecodeError as exc:
            failed.append(QuarantineRow(item.uri, "decode", "undecodable", str(exc), now, digest))
            continue
        except Exception as exc:  # one page's failure costs only that page
            failed.append(failure_row(item.uri, "decode", exc, now, digest))
            continue
        decoded.append(DecodedItem(item.uri, item.fetched_at, digest, result))
    return decoded, failed
