"""The grid-table reader: tables given as rows of cells — HTML tables (rowspan and colspan laid out
by :mod:`.html`) and rows written one per line with ``|`` or tabs between cells. The roles of the
columns are read by :mod:`.grid_columns`."""

from __future__ import annotations

import re

from ..figures.finder import has_figure
from ..model import (
    ROLE_MEASURE,
    ROLE_OTHER,
    ROLE_PROGRESS,
    ROLE_SCHEDULE,
    ROLE_SEQ,
    ROLE_TASK,
    ROLE_UNIT,
    ROW_UNIT,
    Cell,
    Row,
    Table,
)
from ..read.html import MergedFromAbove
from ..read.lines import is_chrome, iter_lines
from ..read.numerals import chinese_number
from .grid_columns import (
    GridCells,
    align,
    cell_text,
    header_roles,
    roles_by_content,
    row_unit_roles,
)
from .headers import _BARE_INT, _GROUP_HEADING, measure_header, relabel_status_columns

# A row that is a note under the table, not a task: 注:… / 备注:… / 说明:… / 数据来源:…
_NOTE = re.compile(r"^(注|备注|说明|数据来源|资料来源|填报说明)\s*[:：\d]")
# Columns whose cells carry over to the rows of a merged group (a 分管领导 or a unit written once).
_CARRIED = (ROLE_UNIT, ROLE_OTHER)


def _seq_of(seq_text: str, by_role: dict[str, list[Cell]]) -> int | None:
    m = re.fullmatch(r"\s*(\d{1,3})\s*[.、]?\s*", seq_text)
    if m:
        return int(m.group(1))
    cn = re.fullmatch(r"\s*[(（]?([一二三四五六七八九十]{1,3})[)）]?\s*[、.]?\s*", seq_text)
    if cn and chinese_number(cn.group(1)) and by_role.get(ROLE_PROGRESS, by_role.get(ROLE_TASK)):
        return chinese_number(cn.group(1))  # rows numbered 一、二、三
    return None


def _is_group_row(row: list[list[Cell]], filled: list[str]) -> bool:
    """A row whose only text is a heading: 一、民生实事, or a short title across the table (a
    single cell with figures in it is the rest of the row above, written on a line of its own)."""
    if len(filled) != 1 or _BARE_INT.match(filled[0]):
        return False
    if _GROUP_HEADING.match(filled[0]):
        return True
    return (len(row) == 1 or _spans_the_row(row)) and not has_figure(filled[0])


def _is_continuation(row: list[list[Cell]], filled: list[str], rows: list[Row]) -> bool:
    """A line holding only the rest of a cell of the row above (新增学位810个 | | | |)."""
    return (
        bool(rows) and len(filled) == 1 and not _BARE_INT.match(filled[0]) and has_figure(filled[0])
    )


def _spans_the_row(row: list[list[Cell]]) -> bool:
    # a colspan over the whole row leaves the cells after the first one empty
    return bool(row[0]) and not any(row[1:])


def table_from_grid(grid: GridCells) -> Table | None:
    """Read a table given as rows of cells: header row, data rows, group headings, merged cells.

    A row whose only text is a heading (一、…) labels the rows below it; a note under the table
    (注:…) and a repeated header are skipped. A row whose task cell is merged from the row above
    (rowspan) continues that task. A short row is aligned by what its cells hold; under a merged
    first column it takes the merged values from the row above.
    """
    found = _find_header(grid)
    if found is None:
        return None
    start, roles = found
    roles = roles_by_content(grid[start + 1 :], roles)
    roles = row_unit_roles(grid[start], grid[start + 1 :], roles)
    reader = _DataRows(roles)
    for row in grid[start + 1 :]:
        reader.add(row)
    if not reader.rows:
        return None
    return _table(grid[start], roles, reader.rows)


def _find_header(grid: GridCells) -> tuple[int, list[str]] | None:
    """The index of the header row and the roles of its columns."""
    for i, row in enumerate(grid):
        found = header_roles(row)
        if found:
            return i, found
    return None


class _DataRows:
    """The rows of a grid table under its header, read one grid row at a time."""

    def __init__(self, roles: list[str]):
        self.roles = roles
        self.rows: list[Row] = []
        self.group: str | None = None  # the heading the rows below it are labelled with
        self.previous: dict[str, list[Cell]] = {}  # the last row's cells, by role

    def add(self, row: list[list[Cell]]) -> None:
        texts = [cell_text(c) for c in row]
        filled = [t for t in texts if t]
        if not filled or header_roles(row) or (len(filled) == 1 and _NOTE.match(filled[0])):
            return
        if _is_continuation(row, filled, self.rows) and not _GROUP_HEADING.match(filled[0]):
            cells = [c for cell in row for c in cell]
            self.rows[-1].cells.setdefault(ROLE_TASK, []).extend(cells)
            return
        if _is_group_row(row, filled):
            self.group = filled[0]
            return
        aligned = align(row, self.roles)
        by_role, merged_task = self._cells_by_role(row, aligned)
        if merged_task and self.rows:
            _continue_row(self.rows[-1], row, aligned)
            return
        self._add_row(by_role)

    def _cells_by_role(
        self, row: list[list[Cell]], aligned: list[str]
    ) -> tuple[dict[str, list[Cell]], bool]:
        """A row's cells by role, and whether its task cell is merged from the row above."""
        by_role: dict[str, list[Cell]] = {}
        merged_task = False
        for role, cell in zip(aligned, row, strict=False):
            by_role.setdefault(role, []).extend(cell)
            if role == ROLE_TASK and isinstance(cell, MergedFromAbove) and cell:
                merged_task = True
        # under a merged first column (the row aligned from the right), the merged cells carry on
        for role in self.roles[: self.roles.index(aligned[0])] if aligned else []:
            if role in _CARRIED and role not in by_role:
                by_role[role] = self.previous.get(role, [])
        self.previous = by_role
        return by_role, merged_task

    def _add_row(self, by_role: dict[str, list[Cell]]) -> None:
        """A row of a task, numbered by its number cell or after the row above; a row with text
        where the number should be is a section heading instead."""
        if not by_role.get(ROLE_TASK) and not _seq_of(cell_text(by_role.get(ROLE_SEQ, [])), {}):
            # a total row (合计) written across the number and task columns
            by_role[ROLE_TASK], by_role[ROLE_SEQ] = by_role.pop(ROLE_SEQ, []), []
        if not by_role.get(ROLE_TASK):
            return
        seq_text = cell_text(by_role.get(ROLE_SEQ, []))
        seq = _seq_of(seq_text, by_role)
        if seq is None and ROLE_SEQ in self.roles and seq_text:
            self.group = seq_text  # a section row with text where the number should be (S10)
            return
        if seq is None:
            seq = (self.rows[-1].seq or len(self.rows)) + 1 if self.rows else 1
        out = Row(seq=seq, group_label=self.group)
        for role, cells in by_role.items():
            if role != ROLE_SEQ:
                out.cells[role] = cells
        self.rows.append(out)


def _table(header: list[list[Cell]], roles: list[str], rows: list[Row]) -> Table:
    """The table of the rows read, with its measure columns' headers and status columns."""
    measures = {}
    for role, cell in zip(roles, header, strict=False):
        if role.startswith(ROLE_MEASURE):
            # a target or done column of an indicator table takes each row's unit
            text = re.sub(r"\s+", "", cell_text(cell))
            measures[role] = measure_header(text) or (text, ROW_UNIT)
    data_roles = [r for r in roles if r != ROLE_SEQ]
    first = [c for cell in header for c in cell]
    table = Table(
        roles=data_roles, rows=rows, measures=measures, start=first[0].start if first else None
    )
    texts_of = {r: [cell_text(row.role_cells(r)) for row in rows] for r in data_roles}
    relabel_status_columns(table, texts_of)
    return table


def _continue_row(target: Row, row: list[list[Cell]], aligned: list[str]) -> None:
    """A row under a task cell merged over several rows: its own cells add to that task's row."""
    for role, cell in zip(aligned, row, strict=False):
        if isinstance(cell, MergedFromAbove) or not cell or role in (ROLE_SEQ, ROLE_TASK):
            continue
        target.cells.setdefault(role, []).extend(cell)


_SEPARATOR_ROW = re.compile(r"^[\s|:\-—+=]+$")


def delimited_grid(text: str) -> GridCells | None:
    """Rows written one per line with | or tab between cells (S4), as a grid with spans.

    A line without a delimiter continues the last cell of the row above (a cell written over several
    lines); so does the start of a line that does not open with the delimiter when the row above did
    not close with it, the rest of that line being the row's next cells.
    """
    lines = iter_lines(text)
    for delimiter in ("|", "\t"):
        if sum(1 for ln in lines if ln.text.count(delimiter) >= 2) < 3:
            continue
        grid: GridCells = []
        open_row = False  # the last row's line did not end with its closing delimiter
        for line in lines:
            if _SEPARATOR_ROW.match(line.text):
                continue
            continues = open_row and grid and len(grid[-1]) > 1 and not is_chrome(line.text)
            if line.text.count(delimiter) < 1:
                if continues or (
                    grid
                    and not _GROUP_HEADING.match(line.text)
                    and not is_chrome(line.text)
                    and len(grid[-1]) > 1
                ):
                    grid[-1][-1].append(line)  # a cell continued on the next line
                else:
                    grid.append([[line]])
                    open_row = False
                continue
            cells = _split_line(line, delimiter)
            if continues and delimiter == "|" and not line.text.startswith("|"):
                first, *more = cells
                grid[-1][-1].extend(first)
                grid[-1].extend(more)
            else:
                grid.append(cells)
            open_row = delimiter == "|" and not line.text.endswith("|")
        return grid
    return None


def _split_line(line: Cell, delimiter: str) -> list[list[Cell]]:
    cells: list[list[Cell]] = []
    pos = line.start
    parts = line.text.split(delimiter)
    if delimiter == "|" and parts and not parts[0].strip():
        pos += len(parts[0]) + 1
        parts = parts[1:]
    if delimiter == "|" and parts and not parts[-1].strip():
        parts = parts[:-1]
    for part in parts:
        lead = len(part) - len(part.lstrip())
        stripped = part.strip()
        cells.append([Cell(stripped, pos + lead, pos + lead + len(stripped))] if stripped else [])
        pos += len(part) + 1
    return cells


__all__ = ["ROLE_SCHEDULE", "delimited_grid", "table_from_grid"]
