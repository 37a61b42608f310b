"""Stage 4, figures: every figure of the texts the structure found (a number with its unit), and
what the words around it say; each figure placed in its task, as a target or as progress."""

from __future__ import annotations

from ..model import SECTION_PROGRESS, SECTION_TASK, FigureSpan, ParsedFigure, Task
from .finder import column_figure, extract_figures, has_figure, unit_of_header

__all__ = ["extract_figures", "has_figure", "read_figures", "unit_of_header"]


def read_figures(
    body: str, tasks: list[Task], kind: str
) -> tuple[list[ParsedFigure], list[FigureSpan]]:
    """The figures of every task's spans, then of its indicator columns, in that order; and where
    each span's figures are in that list (the breakdowns stage reads a span's figures together)."""
    figures: list[ParsedFigure] = []
    spans: list[FigureSpan] = []
    for task in tasks:
        for span in task.spans:
            found = extract_figures(body, span.start, span.end)
            spans.append(FigureSpan(task.seq, span.start, span.end, len(figures), len(found)))
            for f in found:
                section = _section(task, span.section, f.char_start, kind)
                figures.append(
                    ParsedFigure(task.seq, section, _item_no(task, section, f.char_start), f)
                )
        for cf in task.column_figures:
            figure = column_figure(body, cf.start, cf.end, cf.measure, cf.unit, cf.cell_start)
            section = SECTION_TASK if kind == "plan" else cf.section
            figures.append(ParsedFigure(task.seq, section, None, figure))
    return figures, spans


def _section(task: Task, section: str, start: int, kind: str) -> str:
    """A plan states only targets; so does a sentence of a task's prose that states its goal."""
    if kind == "plan" or any(a <= start < b for a, b in task.target_ranges):
        return SECTION_TASK
    return section


def _item_no(task: Task, section: str, start: int) -> int | None:
    """The numbered item of the task's progress (or of a prose task's text) the figure is in."""
    item_no = None
    if section == SECTION_PROGRESS or task.target_ranges:
        for item in task.items:
            if item.char_start <= start < item.char_end + 1:
                item_no = item.item_no
    return item_no
