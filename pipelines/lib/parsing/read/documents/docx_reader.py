"""Word 2007+ (.docx): paragraphs and tables in the order of the document, merged cells kept."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from ...model import RejectedFile
from .archive import check_zip
from .html_out import HtmlCell, HtmlPage

if TYPE_CHECKING:
    from pipelines.lib.settings import InputLimits

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def render_docx(data: bytes, limits: InputLimits) -> str:
    # imported with the first Word file (about 50 ms in each parse worker), which a run of web
    # pages and text never pays
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    check_zip(data, limits)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 — python-docx raises many kinds on a broken file
        raise RejectedFile(f"the Word file cannot be read: {exc}") from None
    page = HtmlPage(title=(document.core_properties.title or "").strip())
    for child in document.element.body.iterchildren():
        if child.tag == f"{_W}p":
            page.paragraph(Paragraph(child, document).text)
        elif child.tag == f"{_W}tbl":
            page.table(_table_rows(Table(child, document)))
    return page.html()


def _table_rows(table) -> list[list[HtmlCell]]:
    """The table's rows with each cell's colspan (gridSpan) and rowspan (vMerge) from the XML."""
    from docx.table import _Cell  # the optional Word reader, imported with the first Word file

    grid = []  # per row: (column, cell, colspan, vmerge)
    for tr in table._tbl.tr_lst:
        col, row = 0, []
        for tc in tr.tc_lst:
            span = tc.grid_span or 1
            row.append((col, _Cell(tc, table), span, tc.vMerge))
            col += span
        grid.append(row)
    out = []
    for r, row in enumerate(grid):
        cells = []
        for col, cell, span, vmerge in row:
            if vmerge == "continue":
                continue  # covered by the cell above
            rowspan = 1
            if vmerge == "restart":
                for below in grid[r + 1 :]:
                    if any(c == col and v == "continue" for c, _, _, v in below):
                        rowspan += 1
                    else:
                        break
            paragraphs = [p.text for p in cell.paragraphs]
            cells.append(HtmlCell(paragraphs, rowspan=rowspan, colspan=span))
        out.append(cells)
    return out
