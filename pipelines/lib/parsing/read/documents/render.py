"""Which reader a file needs, by what its bytes are (not by its name): ZIP-based Office files,
OLE compound files (Word 97–2003, Excel 97–2003, WPS), PDF."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import TYPE_CHECKING

import olefile

from ...model import RejectedFile
from . import doc_reader, docx_reader, pdf_reader, sheet_reader

if TYPE_CHECKING:
    from pipelines.lib.settings import InputLimits

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP = b"PK\x03\x04"
PDF = b"%PDF"


@dataclass(frozen=True)
class RenderedDocument:
    text: str  # an HTML page (tables as tables), or plain text for .doc
    source_format: str  # docx, xlsx, xls, doc, pdf, wps, et


def document_format(data: bytes, name: str = "") -> str | None:
    """The document format of a file's bytes, or None for text (a page, a text dump)."""
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if data.startswith(PDF):
        return "pdf"
    if data.startswith(ZIP):
        return _zip_format(data, suffix)
    if data.startswith(OLE):
        return _ole_format(data, suffix)
    if suffix in ("docx", "xlsx", "xls", "doc", "pdf", "wps", "et"):
        return suffix  # named as a document but not one: its reader says why
    return None


def _zip_format(data: bytes, suffix: str) -> str:
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except zipfile.BadZipFile:
        return suffix if suffix in ("docx", "xlsx") else "zip"
    if any(n.startswith("word/") for n in names):
        return "docx"
    if any(n.startswith("xl/") for n in names):
        return "xlsx"
    return "zip"


def _ole_format(data: bytes, suffix: str) -> str:
    try:
        streams = {"/".join(s) for s in olefile.OleFileIO(io.BytesIO(data)).listdir()}
    except Exception:  # noqa: BLE001 — a damaged container is reported by its reader
        return suffix if suffix in ("doc", "xls", "wps", "et") else "ole"
    if "EncryptionInfo" in streams or "EncryptedPackage" in streams:
        return "encrypted"
    if "WordDocument" in streams:
        return "wps" if suffix == "wps" else "doc"
    if "Workbook" in streams or "Book" in streams:
        return "et" if suffix == "et" else "xls"
    return suffix if suffix in ("doc", "xls", "wps", "et") else "ole"


def render_document(data: bytes, fmt: str, limits: InputLimits) -> RenderedDocument:
    """Render a document of format ``fmt`` (see :func:`document_format`) for the parser."""
    if fmt == "encrypted":
        raise RejectedFile("the file is password-protected or encrypted: it cannot be read")
    readers = {
        "docx": docx_reader.render_docx,
        "xlsx": sheet_reader.render_xlsx,
        "xls": sheet_reader.render_xls,
        "et": sheet_reader.render_xls,
        "pdf": pdf_reader.render_pdf,
        "doc": doc_reader.render_doc,
        "wps": doc_reader.render_doc,
    }
    reader = readers.get(fmt)
    if reader is None:
        what = {
            "zip": "a ZIP archive that is not a Word or Excel file",
            "ole": "a binary Microsoft Office file (.doc/.xls)",
        }
        raise RejectedFile(f"the file is {what.get(fmt, fmt)} that no reader handles")
    return RenderedDocument(reader(data, limits), fmt)
