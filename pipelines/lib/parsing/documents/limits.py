"""Limits for opening Office and PDF files: what a bulletin can reasonably be, with room to spare.

Set by environment variables (read when a file is opened), so that an operator can widen them."""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass(frozen=True)
class DocumentLimits:
    max_uncompressed_bytes: int  # a ZIP's (.docx/.xlsx) total uncompressed size
    max_compression_ratio: float  # uncompressed size / file size: beyond it, a ZIP bomb
    max_pdf_pages: int
    max_sheets: int
    max_cells: int  # cells of one spreadsheet
    reader_timeout_seconds: float  # an external reader (antiword) per file
    parse_seconds: float  # reading and parsing one bulletin, whatever its format


def document_limits() -> DocumentLimits:
    env = os.environ.get
    return DocumentLimits(
        max_uncompressed_bytes=int(float(env("BULLETINS_MAX_UNCOMPRESSED_MB") or 100) * 1e6),
        max_compression_ratio=float(env("BULLETINS_MAX_COMPRESSION_RATIO") or 100),
        max_pdf_pages=int(env("BULLETINS_MAX_PDF_PAGES") or 200),
        max_sheets=int(env("BULLETINS_MAX_SHEETS") or 50),
        max_cells=int(env("BULLETINS_MAX_CELLS") or 200_000),
        reader_timeout_seconds=float(env("BULLETINS_READER_TIMEOUT") or 60),
        parse_seconds=float(env("BULLETINS_PARSE_TIMEOUT") or 120),
    )


@contextmanager
def time_limit(seconds: float, what: str) -> Iterator[None]:
    """Refuse ``what`` (a RejectedFile with the reason) if it takes longer than ``seconds``. The limit
    is a timer signal, so it holds only in the main thread; elsewhere the work runs unlimited."""
    from ..text import RejectedFile

    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise RejectedFile(
            f"{what} took longer than {seconds:g} s (setting BULLETINS_PARSE_TIMEOUT): refused"
        )

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
