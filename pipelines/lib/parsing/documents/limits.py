"""Limits for opening Office and PDF files: what a bulletin can reasonably be, with room to spare.

Set by environment variables (read when a file is opened), so that an operator can widen them."""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class DocumentLimits:
    max_uncompressed_bytes: int  # a ZIP's (.docx/.xlsx) total uncompressed size
    max_compression_ratio: float  # uncompressed size / file size: beyond it, a ZIP bomb
    max_pdf_pages: int
    max_sheets: int
    max_cells: int  # cells of one spreadsheet
    reader_timeout_seconds: float  # an external reader (antiword) per file


def document_limits() -> DocumentLimits:
    env = os.environ.get
    return DocumentLimits(
        max_uncompressed_bytes=int(float(env("BULLETINS_MAX_UNCOMPRESSED_MB") or 100) * 1e6),
        max_compression_ratio=float(env("BULLETINS_MAX_COMPRESSION_RATIO") or 100),
        max_pdf_pages=int(env("BULLETINS_MAX_PDF_PAGES") or 200),
        max_sheets=int(env("BULLETINS_MAX_SHEETS") or 50),
        max_cells=int(env("BULLETINS_MAX_CELLS") or 200_000),
        reader_timeout_seconds=float(env("BULLETINS_READER_TIMEOUT") or 60),
    )
