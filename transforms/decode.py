"""Decoded text from raw bytes: charset choice and HTML → plain text."""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Protocol

from charset_normalizer import from_bytes

from transforms.records import QuarantineRow

# Encodings worth trying on Chinese pages, in the order a tie is broken.
CANDIDATES: tuple[str, ...] = ("utf-8", "gb18030", "big5")
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "big5-hkscs": "big5"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.I)
_HTML_HINT = re.compile(r"<(?:html|body|div|p|br|head|meta|title)\b", re.I)
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Decoded:
    """Text of one raw item and how it was obtained."""

    text: str
    encoding: str
    title: str | None = None
    is_html: bool = False


class DecodeError(ValueError):
    """The bytes are not text in any encoding we accept."""


def normalize_charset(name: str | None) -> str | None:
    """Python codec name for a declared charset, widening GB2312/GBK to GB18030."""
    if not name:
        return None
    name = name.strip().lower()
    name = _ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _cjk_share(text: str) -> float:
    return len(_CJK.findall(text)) / max(1, len(text))


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
        title, body = html_to_text(text)
        return Decoded(text=body, encoding=encoding, title=title, is_html=True)
    return Decoded(text=text, encoding=encoding)


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
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
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

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title = (self.title or "") + data.strip()
        elif not self._skip:
            self.parts.append(data)


def html_to_text(html: str) -> tuple[str | None, str]:
    """Page title and visible text of an HTML page, one line per block element."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    lines = (line.strip() for line in "".join(parser.parts).splitlines())
    return parser.title, "\n".join(line for line in lines if line)


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
        try:
            result = decode_bytes(item.data, declared_charset(item.headers))
        except DecodeError as exc:
            failed.append(QuarantineRow(item.uri, "decode", "undecodable", str(exc), now))
            continue
        digest = hashlib.sha256(item.data).hexdigest()
        decoded.append(DecodedItem(item.uri, item.fetched_at, digest, result))
    return decoded, failed
