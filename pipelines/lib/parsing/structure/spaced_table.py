"""A table whose cells are separated by spaces, one row per line, as a page's text dump gives it:

    序号 目标任务 责任单位 上半年推进情况
    1 地区生产总值增长6%以上。 区发展改革委 地区生产总值同比增长2.9%。
    2 第一产业增加值增长5%。 区农业农村委
    区林业局
    第一产业增加值同比增长3.4%。

The header is a line whose every space-separated word is a column header (a task and a progress
column among them); a row opens with its sequence number. A line that opens no row belongs to the
row above: a list of responsible bodies to its units column, anything else to the first of its
columns still empty, or, when none is, to its last cell. Chinese text writes no spaces inside a
cell, so a space is a cell boundary."""

from __future__ import annotations

import re

from ..model import ROLE_MEASURE, ROLE_PROGRESS, ROLE_ROW_UNIT, ROLE_SEQ, ROLE_TASK, ROLE_UNIT, Cell
from ..read.lines import is_chrome, iter_lines
from .grid_columns import GridCells
from .headers import (
    _GROUP_HEADING,
    classify_header,
    header_row_roles,
    looks_like_measurement_unit,
    looks_like_units,
    row_quantity_columns,
)

MIN_COLUMNS = 3
MAX_HEADER_CHARS = 24  # the longest header classify_header reads
_WORD = re.compile(r"\S+")
_ROW_START = re.compile(r"^\d{1,3}(?=\s)")


def spaced_grid(text: str) -> GridCells | None:
    """The table as a grid of cells (header row first), or None if the text has no such header."""
    lines = iter_lines(text)
    for k, line in enumerate(lines):
        header = _header_words(line)
        roles = _header_roles([w.text for w in header])
        if roles is None:
            continue
        grid: GridCells = [[[cell] for cell in header]]
        rows = lines[k + 1 :]
        indicators = _is_indicator_table(rows, roles)
        for row_line in rows:
            if is_chrome(row_line.text):
                break
            if _ROW_START.match(row_line.text):
                if indicators:
                    grid.append(_indicator_cells(row_line, roles, numbered=True))
                else:
                    grid.append(_row_cells(row_line, len(roles)))
            elif _GROUP_HEADING.match(row_line.text):
                grid.append([[row_line]])  # 二、民生实事: a heading over the rows below
            elif len(grid) > 1 and indicators:
                _add_indicator(grid[-1], _indicator_cells(row_line, roles, numbered=False))
            elif len(grid) > 1:
                _continue_row(grid[-1], roles, row_line)
        return grid if len(grid) > 2 else None
    return None


def _header_words(line: Cell) -> list[Cell]:
    """A header line's words, a header spaced out over single characters (单 位, 主 要 任 务) taken
    as one word: the longest run of them that names a column."""
    words = _words(line)
    out: list[Cell] = []
    i = 0
    while i < len(words):
        run = i
        # (a header is at most 24 characters: no longer run of single characters can name one)
        while run < len(words) and run - i < MAX_HEADER_CHARS and len(words[run].text) == 1:
            run += 1
        taken = 1
        for j in range(run, i + 1, -1):
            if classify_header("".join(w.text for w in words[i:j])):
                taken = j - i
                break
        out.append(_joined(line, words[i : i + taken]))
        i += taken
    return out


def _header_roles(words: list[str]) -> list[str | None] | None:
    if len(words) < MIN_COLUMNS:
        return None
    roles = header_row_roles(words)
    if ROLE_ROW_UNIT in roles:
        # an indicator table: its target and done columns (已完成数) are measure columns
        for i in row_quantity_columns(words, roles, (None, ROLE_TASK, ROLE_PROGRESS)):
            roles[i] = ROLE_MEASURE
    if None in roles or ROLE_TASK not in roles:
        return None
    if ROLE_PROGRESS not in roles and not (ROLE_ROW_UNIT in roles and ROLE_MEASURE in roles):
        return None
    return roles


def _is_indicator_table(lines: list[Cell], roles: list[str | None]) -> bool:
    """A header with a unit column over rows of which at least a third name a unit of measurement
    (a unit column left empty on the others: their numbers are counts of nothing named)."""
    if ROLE_ROW_UNIT not in roles or ROLE_TASK not in roles:
        return False
    if roles.index(ROLE_TASK) > roles.index(ROLE_ROW_UNIT):
        return False
    numbered = [ln for ln in lines if _ROW_START.match(ln.text)]
    with_unit = [
        ln for ln in numbered if any(looks_like_measurement_unit(w) for w in ln.text.split())
    ]
    return bool(with_unit) and len(with_unit) >= len(numbered) / 3


_VALUE = re.compile(r"^([-—–]|-?\d+(?:,\d{3})*(?:\.\d+)?%?)$")


def _indicator_cells(line: Cell, roles: list[str | None], numbered: bool) -> list[list[Cell]]:
    """A line of an indicator table as cells: its number (when it opens a row), the indicator's
    words up to the first unit or value, the unit if one follows, then the values in the columns
    after the unit column, left to right; a last word naming bodies goes to the last column when
    the line has fewer words than columns."""
    words = _words(line)
    cells: list[list[Cell]] = [[] for _ in roles]
    if numbered and roles[0] == ROLE_SEQ:
        cells[0].append(words.pop(0))
    task, unit = roles.index(ROLE_TASK), roles.index(ROLE_ROW_UNIT)
    n = 0
    while (
        n < len(words)
        and not _VALUE.match(words[n].text)
        and not looks_like_measurement_unit(words[n].text)
    ):
        n += 1
    if n == 0 and words:
        n = 1  # a line that opens with a value still names its indicator first
    if n:
        cells[task].append(_joined(line, words[:n]))
    rest = words[n:]
    if rest and looks_like_measurement_unit(rest[0].text):
        cells[unit].append(rest.pop(0))
    columns = list(range(unit + 1, len(roles)))
    if rest and len(rest) < len(columns) and looks_like_units(rest[-1].text):
        cells[columns.pop()].append(rest.pop())
    for i, column in enumerate(columns):
        if i >= len(rest):
            break
        if i == len(columns) - 1:
            cells[column].append(_joined(line, rest[i:]))
        else:
            cells[column].append(rest[i])
    return cells


def _joined(line: Cell, words: list[Cell]) -> Cell:
    """Words of a line as one cell: the text from the first to the last, spaces inside kept."""
    first, last = words[0], words[-1]
    return Cell(line.text[first.start - line.start : last.end - line.start], first.start, last.end)


def _add_indicator(row: list[list[Cell]], cells: list[list[Cell]]) -> None:
    """A further indicator of the row above: each of its cells added to that row's column."""
    while len(row) < len(cells):
        row.append([])
    for column, cell in enumerate(cells):
        row[column].extend(cell)


def _words(line: Cell) -> list[Cell]:
    return [
        Cell(m.group(0), line.start + m.start(), line.start + m.end())
        for m in _WORD.finditer(line.text)
    ]


def _row_cells(line: Cell, columns: int) -> list[list[Cell]]:
    """A row's cells: its words, the last ones joined when the line has more words than the table
    has columns (a progress cell written with spaces inside)."""
    words = _words(line)
    if len(words) > columns:
        words = words[: columns - 1] + [_joined(line, words[columns - 1 :])]
    return [[w] for w in words]


def _continue_row(row: list[list[Cell]], roles: list[str | None], line: Cell) -> None:
    while len(row) < len(roles):
        row.append([])
    units = roles.index(ROLE_UNIT) if ROLE_UNIT in roles else None
    if units is not None and looks_like_units(line.text):
        row[units].append(line)
        return
    empty = next((i for i, cell in enumerate(row) if not cell), None)
    row[empty if empty is not None else -1].append(line)
