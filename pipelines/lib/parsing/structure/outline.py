"""The numbering of a prose bulletin read as an outline (一、 / (一) / 1. / (1) / ① / 一是).

A marker of a family already open closes the units below it and opens a sibling; a new family opens
a child. Unnumbered lines belong to the unit above them; the lines before the first numbered unit
are the lead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..figures.finder import has_figure
from ..model import Cell
from ..read.lines import LIST_BULLET, SUBSET_ENDS_LINE
from .items import line_marker, task_title


@dataclass
class Unit:
    family: str | None
    number: int
    level: int
    lines: list[Cell] = field(default_factory=list)  # first line starts after the marker
    children: list[Unit] = field(default_factory=list)
    parent: Unit | None = None

    @property
    def heading(self) -> str:
        return self.lines[0].text if self.lines else ""


# A number alone on its line numbers the line after it (a list or a table dumped one cell per line:
# "1" / "新增7069张公办养老床位…")
_NUMBER_LINE = re.compile(r"\d{1,2}")
NUMBER_LINE = "number_line"  # the family of such numbering
BULLET = "bullet"  # a bullet at the start of a line numbers it as the next of its list


def _marked_lines(body: str, lines: list[Cell]):
    """Each line with the marker that numbers it (family, number, where its text starts), or None;
    a number alone on its line is the marker of the line after it, and not a line of its own."""
    i = 0
    bullets = 0
    parts_of = None  # the line ending with 其中 whose bullet lines follow it
    while i < len(lines):
        line = lines[i]
        if (b := LIST_BULLET.match(line.text)) is not None:
            if parts_of is not None:
                # the parts of a 其中 ending the line above (其中——/■ 5个项目已完成/■ …): lines of
                # its paragraph, not units of the outline
                yield line, None
                i += 1
                continue
            bullets += 1  # bullets number their lines in order: the n-th bullet is number n
            yield line, (BULLET, bullets, line.start + b.end())
            i += 1
            continue
        if _NUMBER_LINE.fullmatch(line.text) and i + 1 < len(lines):
            following = lines[i + 1]
            if not _NUMBER_LINE.fullmatch(following.text):
                yield following, (NUMBER_LINE, int(line.text), following.start)
                i += 2
                continue
        marker = line_marker(body, line.start, line.end)
        parts_of = line if SUBSET_ENDS_LINE.search(line.text) else None
        yield line, marker
        i += 1


def outline(body: str, lines: list[Cell]) -> tuple[list[Cell], list[Unit]]:
    """The lines before the first numbered unit, and the numbered units as a tree."""
    lead: list[Cell] = []
    roots: list[Unit] = []
    stack: list[Unit] = []
    for line, marker in _marked_lines(body, lines):
        if marker is not None:
            family, number, text_start = marker
            depth = next((i for i, u in enumerate(stack) if u.family == family), None)
            siblings = (
                (stack[depth - 1].children if depth else roots) if depth is not None else None
            )
            last = siblings[-1].number if siblings else 0
            if depth is not None and 1 <= number <= last + 2:
                del stack[depth:]
            elif depth is None and number <= 2:
                pass  # a new, deeper list
            else:
                marker = None  # numbering out of sequence: a line that merely starts so
        if marker is None:
            (stack[-1].lines if stack else lead).append(line)
            continue
        family, number, text_start = marker
        parent = stack[-1] if stack else None
        unit = Unit(family, number, len(stack), parent=parent)
        unit.lines.append(Cell(body[text_start : line.end], text_start, line.end))
        (parent.children if parent else roots).append(unit)
        stack.append(unit)
    return lead, roots


def leaves_and_leads(units: list[Unit]):
    """Depth first: (unit, lines of the task, group label) for each task the outline holds."""
    for unit in units:
        if unit.children:
            if any(has_figure(line.text) for line in unit.lines):
                yield unit, unit.lines, _label_of(unit.parent)
            yield from leaves_and_leads(unit.children)
        else:
            yield unit, unit.lines, _label_of(unit.parent)


def _label_of(unit: Unit | None) -> str | None:
    if unit is None:
        return None
    return _heading_text(unit)


def _heading_text(unit: Unit) -> str:
    """A heading as written, with its numbering (一、主要经济指标), up to its first sentence's end."""
    first = unit.lines[0]
    text = task_title(first.text) if len(first.text) > 40 else first.text.rstrip("。")
    marker = _MARKER_TEXT.get(unit.family, "{}")
    return marker.format(_numeral(unit)) + text


_MARKER_TEXT = {
    "arabic": "{}.",
    "paren": "({})",
    "circled": "{}",
    "cn": "{}、",
    "cnparen": "({})",
    "shi": "{}是",
}
_CN = "一二三四五六七八九十"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _numeral(unit: Unit) -> str:
    n = unit.number
    if unit.family in ("arabic", "paren"):
        return str(n)
    if unit.family == "circled":
        return _CIRCLED[n - 1] if n <= 20 else str(n)
    if n <= 10:
        return _CN[n - 1]
    return ("" if n < 20 else _CN[n // 10 - 1]) + "十" + (_CN[n % 10 - 1] if n % 10 else "")
