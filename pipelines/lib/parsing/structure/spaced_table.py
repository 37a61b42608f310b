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

from ..model import ROLE_PROGRESS, ROLE_TASK, ROLE_UNIT, Cell
from ..read.lines import is_chrome, iter_lines
from .grid_columns import GridCells
from .headers import _GROUP_HEADING, classify_header, looks_like_units

MIN_COLUMNS = 3
_WORD = re.compile(r"\S+")
_ROW_START = re.compile(r"^\d{1,3}(?=\s)")


def spaced_grid(text: str) -> GridCells | None:
    """The table as a grid of cells (header row first), or None if the text has no such header."""
    lines = iter_lines(text)
    for k, line in enumerate(lines):
        roles = _header_roles(line.text)
        if roles is None:
            continue
        grid: GridCells = [[[cell] for cell in _words(line)]]
        for row_line in lines[k + 1 :]:
            if is_chrome(row_line.text):
                break
            if _ROW_START.match(row_line.text):
                grid.append(_row_cells(row_line, len(roles)))
            elif _GROUP_HEADING.match(row_line.text):
                grid.append([[row_line]])  # 二、民生实事: a heading over the rows below
            elif len(grid) > 1:
                _continue_row(grid[-1], roles, row_line)
        return grid if len(grid) > 2 else None
    return None


def _header_roles(text: str) -> list[str | None] | None:
    words = text.split()
    if len(words) < MIN_COLUMNS:
        return None
    roles = [classify_header(w) for w in words]
    if None in roles or ROLE_TASK not in roles or ROLE_PROGRESS not in roles:
        return None
    return roles


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
        last = words[columns - 1 :]
        words = words[: columns - 1] + [
            Cell(
                line.text[last[0].start - line.start : last[-1].end - line.start],
                last[0].start,
                last[-1].end,
            )
        ]
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
