"""Excel (.xlsx by openpyxl; .xls and WPS .et by xlrd): every sheet as a table, merged ranges as
rowspan and colspan, numbers as the sheet shows them (a percent-formatted 0.869 is 86.9%)."""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import TYPE_CHECKING

import xlrd

from ...model import RejectedFile
from .archive import check_zip
from .html_out import HtmlCell, HtmlPage

if TYPE_CHECKING:
    from pipelines.lib.settings import InputLimits


def _number(value: float, number_format: str = "") -> str:
    """A number as the sheet shows it: its number format's decimals, and a percent format's %."""
    percent = "%" in number_format
    if percent:
        value = value * 100
    decimals = re.search(r"\.(0+)", number_format)
    if decimals:
        text = f"{value:.{len(decimals.group(1))}f}"
    elif float(value).is_integer():
        text = str(int(value))
    else:
        text = f"{value:.10g}"
    return text + ("%" if percent else "")


def _grid_html(
    page: HtmlPage,
    values: dict[tuple[int, int], str],
    merges: list[tuple[int, int, int, int]],
    n_rows: int,
    n_cols: int,
) -> None:
    """Cells (row, col) -> text, merged ranges (first row, last row, first col, last col)."""
    covered: set[tuple[int, int]] = set()
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    for r1, r2, c1, c2 in merges:
        spans[(r1, c1)] = (r2 - r1 + 1, c2 - c1 + 1)
        covered.update((r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1))
        covered.discard((r1, c1))
    rows = []
    for r in range(n_rows):
        cells = []
        for c in range(n_cols):
            if (r, c) in covered:
                continue
            rowspan, colspan = spans.get((r, c), (1, 1))
            text = values.get((r, c), "")
            cells.append(HtmlCell(text.split("\n") if text else [], rowspan, colspan))
        if any(cell.paragraphs for cell in cells):
            rows.append(cells)
    page.table(rows)


def _check_size(sheets: int, cells: int, limits: InputLimits) -> None:
    if sheets > limits.max_sheets or cells > limits.max_cells:
        raise RejectedFile(
            f"the workbook has {sheets} sheets and {cells} cells: more than a bulletin "
            f"(limits: {limits.max_sheets} sheets, {limits.max_cells} cells)"
        )


def render_xlsx(data: bytes, limits: InputLimits) -> str:
    # imported with the first .xlsx (about 140 ms in each parse worker), which a run of web pages
    # and text never pays
    import openpyxl

    check_zip(data, limits)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # noqa: BLE001 — openpyxl raises many kinds on a broken file
        raise RejectedFile(f"the Excel file cannot be read: {exc}") from None
    sheets = book.worksheets
    _check_size(len(sheets), sum(s.max_row * s.max_column for s in sheets), limits)
    page = HtmlPage(title=(book.properties.title or "").strip())
    for sheet in sheets:
        values = {}
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is None:
                    continue
                values[(cell.row - 1, cell.column - 1)] = _xlsx_text(cell)
        merges = [
            (m.min_row - 1, m.max_row - 1, m.min_col - 1, m.max_col - 1)
            for m in sheet.merged_cells.ranges
        ]
        _grid_html(page, values, merges, sheet.max_row, sheet.max_column)
    return page.html()


def _xlsx_text(cell) -> str:
    value = cell.value
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return _number(value, cell.number_format or "")
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%Y-%m-%d")
    return str(value).strip()


def render_xls(data: bytes, limits: InputLimits) -> str:
    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True)
    except xlrd.biffh.XLRDError as exc:
        if "encrypt" in str(exc).lower():
            raise RejectedFile(
                "the file is password-protected or encrypted: it cannot be read"
            ) from None
        raise RejectedFile(f"the Excel file cannot be read: {exc}") from None
    except Exception as exc:  # noqa: BLE001 — a damaged BIFF stream
        raise RejectedFile(f"the Excel file cannot be read: {exc}") from None
    sheets = [book.sheet_by_index(i) for i in range(book.nsheets)]
    _check_size(len(sheets), sum(s.nrows * s.ncols for s in sheets), limits)
    page = HtmlPage()
    for sheet in sheets:
        values = {}
        for r in range(sheet.nrows):
            for c in range(sheet.ncols):
                text = _xls_text(book, sheet, r, c)
                if text:
                    values[(r, c)] = text
        merges = [(r1, r2 - 1, c1, c2 - 1) for r1, r2, c1, c2 in sheet.merged_cells]
        _grid_html(page, values, merges, sheet.nrows, sheet.ncols)
    return page.html()


def _xls_text(book, sheet, r: int, c: int) -> str:
    cell = sheet.cell(r, c)
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return ""
    if cell.ctype == xlrd.XL_CELL_NUMBER:
        fmt = book.format_map.get(book.xf_list[cell.xf_index].format_key)
        return _number(cell.value, fmt.format_str if fmt else "")
    if cell.ctype == xlrd.XL_CELL_DATE:
        return xlrd.xldate.xldate_as_datetime(cell.value, book.datemode).strftime("%Y-%m-%d")
    return str(cell.value).strip()
