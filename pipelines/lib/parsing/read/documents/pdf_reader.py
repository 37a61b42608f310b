"""PDF with a text layer (pdfplumber): per page, the tables it detects and the text lines outside
them, in reading order. A PDF without a text layer is a scan and is refused as such."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from ...model import RejectedFile
from .html_out import HtmlCell, HtmlPage

if TYPE_CHECKING:
    from pipelines.lib.settings import InputLimits


def render_pdf(data: bytes, limits: InputLimits) -> str:
    # imported with the first PDF (about 75 ms in each parse worker), which a run of web pages and
    # text never pays
    import pdfplumber

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pages = pdf.pages
    except Exception as exc:  # noqa: BLE001 — pdfminer raises many kinds
        if "password" in repr(exc).lower() or "encrypt" in repr(exc).lower():
            raise RejectedFile(
                "the file is password-protected or encrypted: it cannot be read"
            ) from None
        raise RejectedFile(f"the PDF cannot be read: {exc!r}") from None
    if len(pages) > limits.max_pdf_pages:
        raise RejectedFile(
            f"the PDF has {len(pages)} pages: more than a bulletin (limit {limits.max_pdf_pages})"
        )
    page_out = HtmlPage(title=str((pdf.metadata or {}).get("Title") or "").strip())
    n_chars = 0
    try:
        for page in pages:
            n_chars += len(page.chars)
            _render_page(page, page_out)
    except Exception as exc:  # noqa: BLE001
        raise RejectedFile(f"the PDF cannot be read: {exc!r}") from None
    finally:
        pdf.close()
    if n_chars == 0:
        raise RejectedFile("the PDF has no text layer — a scan: its pages are images of text")
    return page_out.html()


def _render_page(page, out: HtmlPage) -> None:
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]

    def outside(obj) -> bool:
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    blocks: list[tuple[float, object]] = []
    text_page = page.filter(outside) if boxes else page
    for line in text_page.extract_text_lines():
        blocks.append((line["top"], line["text"]))
    for table in tables:
        rows = [[HtmlCell(_cell_lines(cell)) for cell in row] for row in table.extract()]
        blocks.append((table.bbox[1], rows))
    for _, block in sorted(blocks, key=lambda b: b[0]):
        if isinstance(block, str):
            out.paragraph(block)
        else:
            out.table(block)


def _cell_lines(text: str | None) -> list[str]:
    return [line for line in (text or "").split("\n") if line.strip()]
