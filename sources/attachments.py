"""Text of PDF and DOCX attachments (reports are often published as files, not pages)."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from sources.items import RawItem

if TYPE_CHECKING:
    from docx.table import Table

PDF_TYPES = frozenset({"application/pdf", "application/x-pdf", "application/acrobat"})
DOCX_TYPES = frozenset({"application/vnd.openxmlformats-officedocument.wordprocessingml.document"})
# A page of a text PDF holds hundreds of characters; a scan holds at most a page number.
MIN_CHARS_PER_PAGE = 10
_SIGNIFICANT = re.compile(r"[\u4e00-\u9fff\w]")
_HTML_START = re.compile(rb"^\s*(?:<!doctype\s+html|<html|<head|<body)", re.I)
_BLANK_LINES = re.compile(r"[ \t\u3000]*\n[\s\u3000]*")


class AttachmentError(ValueError):
    """An attachment whose text cannot be extracted."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = (
            reason  # no_text_layer, not_a_pdf, not_a_docx, encrypted, corrupt, unsupported
        )
        self.detail = detail


def _is_docx_zip(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def attachment_kind(url: str, content_type: str | None, data: bytes) -> str | None:
    """'pdf', 'docx' or None: by magic bytes first, then content type, then URL extension.

    Bytes that are plainly an HTML page (an error or login page served at a .pdf link) are
    never an attachment, whatever the URL or header claims.
    """
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04") and _is_docx_zip(data):
        return "docx"
    if _HTML_START.match(data[:512]):
        return None
    mime = (content_type or "").split(";", 1)[0].strip().lower()
    if mime in PDF_TYPES:
        return "pdf"
    if mime in DOCX_TYPES:
        return "docx"
    path = urlsplit(url).path.lower() if "://" in url else url.lower()
    if path.endswith(".pdf"):
        return "pdf"
    if path.endswith(".docx"):
        return "docx"
    return None


def _tidy(text: str) -> str:
    return _BLANK_LINES.sub("\n", text).strip()


def pdf_text(data: bytes) -> str:
    """Text of a PDF, pages joined by a newline; a PDF without a text layer is refused."""
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError

    if b"%PDF-" not in data[:1024]:
        raise AttachmentError("not_a_pdf", "no %PDF- header")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise AttachmentError("encrypted", "the PDF needs a password")
        pages = [page.extract_text() or "" for page in reader.pages]
    except AttachmentError:
        raise
    except FileNotDecryptedError as exc:
        raise AttachmentError("encrypted", str(exc)) from exc
    except Exception as exc:  # pypdf raises many kinds of exception on broken files
        if "crypt" in str(exc).lower():  # AES without the cryptography package, etc.
            raise AttachmentError("encrypted", str(exc)) from exc
        raise AttachmentError("corrupt", f"{type(exc).__name__}: {exc}") from exc
    text = "\n".join(_tidy(page) for page in pages)
    significant = len(_SIGNIFICANT.findall(text))
    if significant < MIN_CHARS_PER_PAGE * max(1, len(pages)):
        raise AttachmentError(
            "no_text_layer",
            f"{significant} characters on {len(pages)} page(s): a scan needs OCR",
        )
    return _tidy(text)


def _table_lines(table: Table) -> Iterator[str]:
    seen: set[Any] = set()  # the cells' XML elements, kept alive so lxml proxies stay unique
    for row in table.rows:
        for cell in row.cells:
            if cell._tc in seen:  # a merged cell is returned once per grid column
                continue
            seen.add(cell._tc)
            yield from _block_lines(cell.iter_inner_content())


def _block_lines(blocks: Iterator[Any]) -> Iterator[str]:
    from docx.table import Table

    for block in blocks:
        if isinstance(block, Table):
            yield from _table_lines(block)
        else:
            yield from block.text.splitlines()


def docx_text(data: bytes) -> str:
    """Text of a DOCX: paragraphs and table cells in document order, one per line."""
    import docx

    if not (data.startswith(b"PK\x03\x04") and _is_docx_zip(data)):
        raise AttachmentError("not_a_docx", "not a zip holding word/document.xml")
    try:
        document = docx.Document(io.BytesIO(data))
        lines = [line.strip() for line in _block_lines(document.iter_inner_content())]
    except Exception as exc:  # python-docx/lxml on a damaged package
        raise AttachmentError("corrupt", f"{type(exc).__name__}: {exc}") from exc
    return "\n".join(line for line in lines if line)


def attachment_text(item: RawItem) -> str:
    """Text of a PDF or DOCX raw item; AttachmentError for anything else."""
    headers = {k.lower(): v for k, v in item.headers.items()}
    kind = attachment_kind(item.uri, headers.get("content-type"), item.data)
    if kind == "pdf":
        return pdf_text(item.data)
    if kind == "docx":
        return docx_text(item.data)
    raise AttachmentError("unsupported", f"{item.uri} is neither a PDF nor a DOCX")
