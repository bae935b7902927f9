from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime

import pytest

from sources.attachments import (
    AttachmentError,
    attachment_kind,
    attachment_text,
    docx_text,
    pdf_text,
)
from sources.items import RawItem

PAGE_1 = [
    "某市2022年教育事业发展统计公报",
    "全市学前教育普惠率达到93.10%，新增普通高中学位近1.4万个。",
    "全市共有各级各类学校1257所，比上年减少37所。",
]
PAGE_2 = ["九年义务教育巩固率达到98.6%，专任教师4.21万人。"]
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def make_pdf(pages: list[list[str]], *, encrypt: str | None = None) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, encrypt=encrypt)
    for lines in pages:
        pdf.setFont("STSong-Light", 12)
        for i, line in enumerate(lines):
            pdf.drawString(50, 780 - 24 * i, line)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def make_scanned_pdf(n_pages: int = 2) -> bytes:
    """Pages holding only a picture (and a page number), as a scanner produces them."""
    from PIL import Image, ImageDraw
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    picture = Image.new("RGB", (400, 200), "white")
    ImageDraw.Draw(picture).rectangle((20, 20, 380, 180), outline="black", width=4)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    for n in range(n_pages):
        pdf.drawImage(ImageReader(picture), 50, 400, width=500, height=250)
        pdf.setFont("Helvetica", 9)
        pdf.drawString(290, 30, str(n + 1))
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def make_docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("某县关于义务教育“双减”工作情况的报告", level=1)
    document.add_paragraph("全县共有校外培训机构1610家，比上年减少120家。")
    table = document.add_table(rows=3, cols=2)
    for row, (name, value) in zip(
        table.rows,
        [("指标", "数值"), ("课后服务参与率", "95.3%"), ("学校数", "126所")],
        strict=True,
    ):
        row.cells[0].text = name
        row.cells[1].text = value
    merged = document.add_table(rows=1, cols=3)
    merged.cell(0, 0).merge(merged.cell(0, 2)).text = "合计：全县学校126所"
    document.add_paragraph("")
    document.add_paragraph("下一步，我们将持续巩固“双减”成果。")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def text_pdf() -> bytes:
    return make_pdf([PAGE_1, PAGE_2])


@pytest.fixture(scope="module")
def report_docx() -> bytes:
    return make_docx()


def test_pdf_text_comes_back_with_its_figures(text_pdf: bytes) -> None:
    text = pdf_text(text_pdf)
    for line in PAGE_1 + PAGE_2:
        assert line in text, line
    assert "93.10%" in text and "1.4万个" in text
    assert text.index(PAGE_1[-1]) < text.index(PAGE_2[0])  # pages in order, joined by "\n"
    assert text.splitlines() == PAGE_1 + PAGE_2


def test_a_scanned_pdf_has_no_text_layer() -> None:
    with pytest.raises(AttachmentError) as info:
        pdf_text(make_scanned_pdf())
    assert info.value.reason == "no_text_layer"


def test_a_pdf_of_empty_pages_has_no_text_layer() -> None:
    with pytest.raises(AttachmentError) as info:
        pdf_text(make_pdf([[], []]))
    assert info.value.reason == "no_text_layer"


def test_a_password_protected_pdf_is_refused_as_encrypted() -> None:
    with pytest.raises(AttachmentError) as info:
        pdf_text(make_pdf([PAGE_1], encrypt="secret"))
    assert info.value.reason == "encrypted"


def test_docx_paragraphs_and_table_cells_come_in_document_order(report_docx: bytes) -> None:
    assert docx_text(report_docx).splitlines() == [
        "某县关于义务教育“双减”工作情况的报告",
        "全县共有校外培训机构1610家，比上年减少120家。",
        "指标",
        "数值",
        "课后服务参与率",
        "95.3%",
        "学校数",
        "126所",
        "合计：全县学校126所",  # a merged cell once, not once per column
        "下一步，我们将持续巩固“双减”成果。",
    ]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "not_a_pdf"),
        (b"\x00\x01garbage" * 50, "not_a_pdf"),
        (b"%PDF-1.7\n" + b"\x00garbage\xff" * 100, "corrupt"),
        (
            b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
            "corrupt",
        ),
    ],
)
def test_garbage_is_refused_as_a_pdf(data: bytes, reason: str) -> None:
    with pytest.raises(AttachmentError) as info:
        pdf_text(data)
    assert info.value.reason == reason


def test_a_truncated_pdf_is_refused(text_pdf: bytes) -> None:
    with pytest.raises(AttachmentError) as info:
        pdf_text(text_pdf[: len(text_pdf) // 3])
    assert info.value.reason in {"corrupt", "no_text_layer"}


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "not_a_docx"),
        (b"\x00\x01garbage" * 50, "not_a_docx"),
        (_zip({"xl/workbook.xml": b"<workbook/>"}), "not_a_docx"),  # an .xlsx
        (_zip({"word/document.xml": b"<not-a-word-document"}), "corrupt"),
    ],
)
def test_garbage_is_refused_as_a_docx(data: bytes, reason: str) -> None:
    with pytest.raises(AttachmentError) as info:
        docx_text(data)
    assert info.value.reason == reason


def test_a_truncated_docx_is_refused(report_docx: bytes) -> None:
    with pytest.raises(AttachmentError):
        docx_text(report_docx[: len(report_docx) // 2])


PDF_MAGIC = b"%PDF-1.4\n..."
HTML_PAGE = b"<!DOCTYPE html><html><body>404</body></html>"


@pytest.mark.parametrize(
    ("url", "content_type", "data", "kind"),
    [
        # magic bytes win over everything
        ("http://h/a.pdf", "application/pdf", PDF_MAGIC, "pdf"),
        ("http://h/download?id=7", "application/octet-stream", PDF_MAGIC, "pdf"),
        ("http://h/a.docx", "text/html", PDF_MAGIC, "pdf"),
        ("http://h/a.pdf", "application/pdf", "DOCX", "docx"),
        ("http://h/file", None, "DOCX", "docx"),
        # then the content type
        ("http://h/download?id=7", "application/pdf", b"", "pdf"),
        ("http://h/download?id=7", "Application/PDF; name=a.pdf", b"???", "pdf"),
        ("http://h/download?id=7", DOCX_MIME, b"???", "docx"),
        # then the extension of the URL path (not the query)
        ("http://h/files/2022%E5%B9%B4.PDF", None, b"???", "pdf"),
        ("http://h/files/report.docx?v=2", "application/octet-stream", b"???", "docx"),
        ("/data/report.docx", None, b"???", "docx"),
        ("http://h/get?name=report.pdf", None, b"???", None),
        # not attachments
        ("http://h/a.html", "text/html", b"<html></html>", None),
        ("http://h/a.doc", "application/msword", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", None),
        ("http://h/a.xlsx", None, "XLSX", None),
        # an HTML error page served at a .pdf link is not a PDF
        ("http://h/a.pdf", "application/pdf", HTML_PAGE, None),
    ],
)
def test_attachment_kind(
    url: str, content_type: str | None, data: bytes | str, kind: str | None
) -> None:
    if data == "DOCX":
        data = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
    elif data == "XLSX":
        data = _zip({"xl/workbook.xml": b"<workbook/>"})
    assert isinstance(data, bytes)
    assert attachment_kind(url, content_type, data) == kind


def _item(uri: str, data: bytes, **headers: str) -> RawItem:
    return RawItem(uri, data, datetime(2023, 1, 12, tzinfo=UTC), dict(headers))


def test_attachment_text_dispatches_on_the_kind(text_pdf: bytes, report_docx: bytes) -> None:
    assert "93.10%" in attachment_text(_item("http://h/download?id=1", text_pdf))
    docx_item = _item("http://h/download?id=2", report_docx, **{"Content-Type": DOCX_MIME})
    assert "1610家" in attachment_text(docx_item)


@pytest.mark.parametrize(
    ("uri", "data", "headers", "reason"),
    [
        ("http://h/a.html", "<html><body>报告</body></html>".encode(), {}, "unsupported"),
        ("http://h/a.pdf", b"\x00garbage", {}, "not_a_pdf"),
        ("http://h/a", b"\x00garbage", {"content-type": DOCX_MIME}, "not_a_docx"),
    ],
)
def test_attachment_text_refuses_anything_else(
    uri: str, data: bytes, headers: dict[str, str], reason: str
) -> None:
    with pytest.raises(AttachmentError) as info:
        attachment_text(_item(uri, data, **headers))
    assert info.value.reason == reason
    assert isinstance(info.value, ValueError)
