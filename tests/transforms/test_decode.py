from __future__ import annotations

import pytest

from transforms.decode import DecodeError, declared_charset, decode_bytes, html_to_text

SIMPLIFIED = "全市学前教育普惠率达到93.10%，新增普通高中学位近1.4万个。"
TRADITIONAL = "某市關於義務教育情況的報告，全市共有1610家校外培訓機構。"


@pytest.mark.parametrize(
    ("text", "encoding", "expected"),
    [
        (SIMPLIFIED, "utf-8", "utf-8"),
        (SIMPLIFIED, "gbk", "gb18030"),
        (SIMPLIFIED, "gb2312", "gb18030"),
        (SIMPLIFIED, "gb18030", "gb18030"),
        (TRADITIONAL, "utf-8", "utf-8"),
        (TRADITIONAL, "big5", "big5"),
        (TRADITIONAL, "gb18030", "gb18030"),
    ],
)
def test_decodes_chinese_encodings_without_being_told(
    text: str, encoding: str, expected: str
) -> None:
    decoded = decode_bytes(text.encode(encoding))
    assert decoded.text == text
    assert decoded.encoding == expected


def test_utf8_bom_is_dropped() -> None:
    decoded = decode_bytes(b"\xef\xbb\xbf" + SIMPLIFIED.encode())
    assert decoded.text == SIMPLIFIED
    assert decoded.encoding == "utf-8"


def test_declared_charset_wins_when_it_decodes() -> None:
    data = TRADITIONAL.encode("big5")
    assert decode_bytes(data, declared="big5").encoding == "big5"


def test_meta_charset_of_an_html_page_is_used() -> None:
    page = f'<html><head><meta charset="gbk"><title>报告</title></head><body><p>{SIMPLIFIED}</p></body></html>'
    decoded = decode_bytes(page.encode("gbk"))
    assert decoded.encoding == "gb18030"
    assert decoded.is_html
    assert decoded.title == "报告"
    assert decoded.text == SIMPLIFIED


def test_html_blocks_become_lines_and_scripts_vanish() -> None:
    title, text = html_to_text(
        "<html><head><title>T</title><script>var x = 1;</script></head>"
        "<body><div>第一段</div><p>第二段<br>第三行</p><style>p{}</style></body></html>"
    )
    assert title == "T"
    assert text == "第一段\n第二段\n第三行"


def test_content_type_header_names_the_charset() -> None:
    assert declared_charset({"Content-Type": "text/html; charset=GB2312"}) == "GB2312"
    assert declared_charset({}) is None


@pytest.mark.parametrize("data", [b"", b"   \n", bytes(range(128, 256)) * 10])
def test_empty_or_non_chinese_bytes_are_refused(data: bytes) -> None:
    with pytest.raises(DecodeError):
        decode_bytes(data)
