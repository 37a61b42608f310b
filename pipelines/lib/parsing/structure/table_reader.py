"""The table reader: a bulletin whose tasks are the rows of a table (序号 | 重点工作 | 完成情况 …).

The table comes from the page's HTML tables, pipe- or tab-delimited rows, or text flattened one
cell per paragraph (:mod:`.layout` reads each into rows of cells by column role); here its rows
become tasks with their task cell, progress cell, responsible units and status.
"""

from __future__ import annotations

import re

from ..figures import unit_of_header
from ..figures.context import BOUND_AFTER, BOUND_BEFORE
from ..model import (
    ROLE_PROGRESS,
    ROLE_ROW_UNIT,
    ROLE_SCHEDULE,
    ROLE_STATUS,
    ROLE_TASK,
    ROLE_UNIT,
    ROW_UNIT,
    SECTION_PROGRESS,
    SECTION_TASK,
    Cell,
    ColumnFigure,
    Row,
    Span,
    Table,
    Task,
    section_of_measure,
)
from ..read.html import Grid
from ..read.lines import iter_lines
from .flat_table import parse_flat_table
from .grid_table import GridCells, delimited_grid, table_from_grid
from .items import split_items, task_title
from .spaced_table import spaced_grid


def _join_cells(body: str, cells: list[Cell]) -> tuple[str, int | None, int | None]:
    if not cells:
        return "", None, None
    return body[cells[0].start : cells[-1].end], cells[0].start, cells[-1].end


def _runs(body: str, cells: list[Cell]) -> list[list[Cell]]:
    """A cell's paragraphs in runs that follow one another in the text (a cell's last line written
    on a row of its own, after the row's other cells, is a run of its own)."""
    runs: list[list[Cell]] = []
    for cell in cells:
        if runs and not body[runs[-1][-1].end : cell.start].strip():
            runs[-1].append(cell)
        else:
            runs.append([cell])
    return runs


_UNIT_IN_TASK = re.compile(r"(责任单位|牵头单位|责任部门|牵头部门)\s*[:：]\s*(.+)$")


def _units_text(raw: str) -> str:
    """'市财政局<市税务局>★' style unit lists -> '市财政局; 市税务局', lead unit first."""
    names = [n.strip(" ★*") for n in re.split(r"[、,，;；<>《》()（）\s]+", raw) if n.strip(" ★*")]
    lead = [n for n in re.split(r"[、,，;；<>()（）\s]+", raw) if "★" in n]
    ordered = [x.strip(" ★") for x in lead] + [
        n for n in names if n not in [x.strip(" ★") for x in lead]
    ]
    return "; ".join(dict.fromkeys(ordered))


def _build_tasks(body: str, table: Table) -> list[Task]:
    tasks: list[Task] = []
    for row in table.rows:
        task_runs = _runs(body, row.role_cells(ROLE_TASK))
        task_cells = task_runs[0] if task_runs else []
        text, start, end = _join_cells(body, task_cells)
        if start is None or end is None:
            continue
        units = None
        um = _UNIT_IN_TASK.search(text)
        if um:
            units = _units_text(um.group(2))
            end = start + um.start()
            text = body[start:end].rstrip()
            end = start + len(text)
        unit_cells = row.role_cells(ROLE_UNIT)
        if unit_cells and units is None:
            units = _units_text(" ".join(c.text for c in unit_cells))
        progress_cells = row.role_cells(ROLE_PROGRESS)
        column_figures = _column_figures(row, table)
        if not progress_cells:
            progress_cells = [
                Cell(body[f.start : f.end], f.start, f.end)
                for f in column_figures
                if f.section == SECTION_PROGRESS
            ]
        ptext, pstart, pend = _join_cells(body, progress_cells)
        status = " ".join(c.text for c in row.role_cells(ROLE_STATUS)).strip() or None
        seq = row.seq or len(tasks) + 1
        task = Task(
            seq=seq,
            text=text,
            title=task_title(text, seq),
            char_start=start,
            char_end=end,
            progress_text=ptext,
            progress_start=pstart,
            progress_end=pend,
            group_label=row.group_label,
            responsible_units=units,
            status=status,
            column_figures=column_figures,
        )
        task.items = split_items(body, progress_cells) if row.role_cells(ROLE_PROGRESS) else []
        task.spans = [Span(SECTION_TASK, start, end)]
        task.spans += [Span(SECTION_TASK, run[0].start, run[-1].end) for run in task_runs[1:]]
        # the schedule sets out the plan's milestones: its figures are targets
        task.spans += [Span(SECTION_TASK, c.start, c.end) for c in row.role_cells(ROLE_SCHEDULE)]
        task.spans += _text_cells(row, table)
        progress = row.role_cells(ROLE_PROGRESS)
        if table.has_progress and progress:
            task.spans.append(Span(SECTION_PROGRESS, progress[0].start, progress[-1].end))
        tasks.append(task)
    return tasks


_NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"
_BOUND_AFTER = rf"(?:{BOUND_AFTER})?"
# A measure cell of numbers only: a number, bounded or not (5左右, 约5, 20000以上: the words that
# bound a figure anywhere), a range (12-15), a number and the same at comparable prices in brackets
# (10.9(可比7.0)): each number a figure of the column. Another number in brackets (7.2(目标6.5),
# 4.8(全市5.6)) is not this row's: the cell is text, read for figures.
_NUMBERS_CELL = re.compile(
    rf"(?:{BOUND_BEFORE})?(?P<a>-?{_NUMBER}){_BOUND_AFTER}"
    rf"(?:\s*[-~～—至]\s*(?P<b>{_NUMBER}){_BOUND_AFTER})?"
    rf"(?:\s*[(（](?:按)?可比价?(?:计算)?[:：]?(?P<c>{_NUMBER})[)）])?"
)


def _cell_numbers(cell: Cell, unit: str) -> list[tuple[int, int]]:
    """The spans of the numbers a measure cell holds when it holds numbers only (with the column's
    unit after it, 55% under 完成率, in the span of the last): empty for text to read for figures
    (不低于60元, 达到目标)."""
    text = cell.text.removesuffix(unit) if unit else cell.text
    m = _NUMBERS_CELL.fullmatch(text)
    if not m:
        return []
    spans = [(cell.start + m.start(g), cell.start + m.end(g)) for g in "abc" if m.group(g)]
    if text != cell.text and spans[-1][1] == cell.start + len(text):
        spans[-1] = (spans[-1][0], cell.end)
    return spans


def _column_figures(row: Row, table: Table) -> list[ColumnFigure]:
    """The numbers of a row's measure columns, with the measure and unit of their headers; in a
    column whose unit is each row's (工作目标 beside 单位), with the unit of the number's own line
    and that line's indicator as the measure."""
    out = []
    for role, (measure, unit) in table.measures.items():
        section = section_of_measure(measure)
        for cell in row.role_cells(role):
            if unit == ROW_UNIT:
                found = _row_unit(row, cell)
                if found is None:
                    continue  # the number's line leaves the unit column empty
                label, cell_unit = found
                numbers = _cell_numbers(cell, "")
            else:
                label, cell_unit = measure, unit
                numbers = _cell_numbers(cell, unit)
            out += [ColumnFigure(section, a, b, label, cell_unit, cell.start) for a, b in numbers]
    return sorted(out, key=lambda f: f.start)


def _row_unit(row: Row, cell: Cell) -> tuple[str, str] | None:
    """The indicator a number of an indicator table measures (the row's last indicator before it)
    and its unit: the unit cell between that indicator and the number, a unit figures can take.
    None when the number's line leaves the unit column empty (a bare number, not a figure)."""
    indicators = [c for c in row.role_cells(ROLE_TASK) if c.end <= cell.start]
    if not indicators:
        return None
    indicator = indicators[-1]
    units = [
        c for c in row.role_cells(ROLE_ROW_UNIT) if indicator.end <= c.start and c.end <= cell.start
    ]
    if not units or not unit_of_header(units[-1].text):
        return None
    return indicator.text, units[-1].text.strip()


def _text_cells(row: Row, table: Table) -> list[Span]:
    """A measure column's cells that are not numbers only (不低于60元, 达到目标): text read for its
    figures, as targets or progress by the column's header."""
    spans = []
    for role, (measure, unit) in table.measures.items():
        for cell in row.role_cells(role):
            # (in a column of each row's unit, a share written with its %, 102.2%, is a number)
            if not _cell_numbers(cell, unit or "%"):
                spans.append(Span(section_of_measure(measure), cell.start, cell.end))
    return spans


def read_table(
    body: str, html_grids: list[Grid] | None = None
) -> tuple[list[Task], bool, int | None] | None:
    """The tasks of the bulletin's task table, whether it reports progress, and where its header
    begins in the text; None without a table."""
    table = find_table(body, html_grids)
    if table is None or not table.rows:
        return None
    return _build_tasks(body, table), table.has_progress, table.start


def _cells_of(body: str, grid: Grid) -> GridCells:
    """A grid of spans as a grid of cells (a cell merged from above stays marked as such)."""
    return [[type(cell)(Cell(body[a:b], a, b) for a, b in cell) for cell in row] for row in grid]


def find_table(body: str, html_grids: list[Grid] | None = None) -> Table | None:
    """The task table of a bulletin: the readable table with the most rows among its HTML tables,
    its pipe- or tab-delimited rows, and its text read as a flattened table."""
    candidates: list[Table] = []
    html_tables = []
    for grid in html_grids or []:
        table = table_from_grid(_cells_of(body, grid))
        spans = [span for row in grid for cell in row for span in cell]
        if table and spans:
            html_tables.append((min(a for a, _ in spans), max(b for _, b in spans), table))
    candidates.extend(_merge_grouped_tables(body, sorted(html_tables, key=lambda t: t[0])))
    if not candidates:
        grid = delimited_grid(body) or spaced_grid(body)
        if grid:
            table = table_from_grid(grid)
            if table:
                candidates.append(table)
        flat = parse_flat_table(body)
        if flat:
            candidates.append(flat)
    if not candidates:
        return None
    return max(candidates, key=lambda t: len(t.rows))


def _merge_grouped_tables(body: str, tables: list[tuple[int, int, Table]]) -> list[Table]:
    """Consecutive tables with the same columns are one table in groups (S5): the heading written
    between them (一、市长主抓重点工作) labels the rows of the table below it."""
    merged: list[Table] = []
    previous_end = 0
    for start, end, table in tables:
        heading = None
        between = [ln.text for ln in iter_lines(body[previous_end:start])]
        if between and _GROUP_LINE.match(between[-1]):
            heading = between[-1]
        if heading:
            for row in table.rows:
                row.group_label = row.group_label or heading
        if merged and merged[-1].roles == table.roles and start - previous_end < 400:
            merged[-1].rows.extend(table.rows)
        else:
            merged.append(
                Table(roles=list(table.roles), rows=list(table.rows), measures=table.measures)
            )
        previous_end = end
    return merged


_GROUP_LINE = re.compile(r"^\s*([一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])\s*\S")
