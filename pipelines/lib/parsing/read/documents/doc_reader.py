"""Word 97–2003 (.doc) and WPS Writer (.wps) files, read by antiword (Debian's package, installed by
``make setup``). antiword lays a table out as pipe-delimited lines, wrapping a cell's text over
several lines at fixed widths (43.2 | 亿元 on the next line): those lines are joined back into one
row, cell by cell, and the document rendered as a page with real tables."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from ...model import RejectedFile
from .html_out import HtmlCell, HtmlPage

if TYPE_CHECKING:
    from pipelines.lib.settings import InputLimits


def render_doc(data: bytes, limits: InputLimits) -> str:
    antiword = shutil.which("antiword")
    if antiword is None:
        raise RejectedFile(
            "no reader for Word 97–2003 files here: antiword is not installed (make setup "
            "installs it with apt-get)"
        )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bulletin.doc"
        path.write_bytes(data)
        try:
            done = subprocess.run(
                [antiword, "-w", "0", "-m", "UTF-8.txt", str(path)],
                capture_output=True,
                timeout=limits.reader_timeout_seconds,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise RejectedFile("the Word file took too long to read (antiword timed out)") from None
    text = done.stdout.decode("utf-8", errors="replace")
    if done.returncode != 0 or not text.strip():
        reason = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
        why = reason[-1] if reason else f"antiword exit code {done.returncode}"
        raise RejectedFile(f"the Word 97–2003 file cannot be read: {why}")
    return _page_of(text)


def _page_of(text: str) -> str:
    """antiword's text as a page: paragraphs, and its pipe-drawn tables as tables."""
    page = HtmlPage()
    table: list[list[str]] = []

    def flush() -> None:
        if table:
            width = max(len(row) for row in table)
            page.table(
                [
                    [HtmlCell([c] if c else [], colspan=width if len(row) == 1 else 1) for c in row]
                    for row in table
                ]
            )
            table.clear()

    for line in text.split("\n"):
        stripped = line.strip()
        if not (stripped.startswith("|") and stripped.endswith("|")):
            flush()
            page.paragraph(stripped)
            continue
        cells = [c.strip() for c in stripped[1:-1].split("|")]
        continues = table and len(cells) == len(table[-1]) > 1 and not cells[0]
        if continues:  # the same row, wrapped onto the next line
            table[-1] = [a + b for a, b in zip(table[-1], cells, strict=True)]
        else:
            table.append(cells)
    flush()
    return page.html()
