"""Rendering a bulletin's HTML page to text, keeping the cells of its tables.

The rendered text is the bulletin's body text: block elements (p, br, div, tr, td, li, headings) start
new lines, scripts and styles are dropped, entities are decoded. Every table becomes a grid of rows of
cells, each cell a list of paragraph spans in the rendered text. Nested layout tables are kept apart:
text belongs to the innermost table cell that holds it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import TYPE_CHECKING

from .size_limits import check_table_cells, laid_out_cells

if TYPE_CHECKING:
    from pipelines.lib.settings import InputLimits

Span = tuple[int, int]


class MergedFromAbove(list):
    """A cell that a rowspan carries down from the row above: the same paragraph spans, repeated in
    every row it covers (a 分管领导 cell merged over its group belongs to each row of the group)."""


Grid = list[list[list[Span]]]  # rows -> cells -> paragraph spans, rowspan and colspan laid out

_BLOCK = {
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "dd",
    "dt",
    "dl",
    "title",
    "blockquote",
    "pre",
    "hr",
    "form",
    "caption",
}
_SKIP = {"script", "style", "noscript", "template", "iframe", "select", "option", "button"}
_WS = re.compile(r"\s+")
_LOOKS_LIKE_HTML = re.compile(r"<\s*(html|body|table|td|tr|p|div|br)\b", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    return len(_LOOKS_LIKE_HTML.findall(text[:200000])) >= 2


@dataclass
class _Table:
    rows: list[list[tuple[list[Span], int, int]]] = field(default_factory=list)
    row: list[tuple[list[Span], int, int]] | None = None
    cell: list[Span] | None = None
    span: tuple[int, int] = (1, 1)  # rowspan, colspan of the open cell
    para_start: int | None = None


def _span_attr(attrs, name: str) -> int:
    value = dict(attrs).get(name) or "1"
    try:
        return max(1, min(int(str(value).strip() or 1), 1000))
    except ValueError:
        return 1


def lay_out(rows: list[list[tuple[list[Span], int, int]]]) -> Grid:
    """Rows of (paragraphs, rowspan, colspan) as a grid: a cell spanning rows is repeated (as
    :class:`MergedFromAbove`) in the rows below it, a cell spanning columns is followed by empty
    cells, so every cell stands in its own column."""
    grid: Grid = []
    carried: dict[int, tuple[list[Span], int]] = {}  # column -> (paragraphs, rows still covered)
    for row in rows:
        out: list[list[Span]] = []
        col = 0
        cells = iter(row)
        pending = next(cells, None)
        while pending is not None or any(c >= col for c in carried):
            if col in carried:
                paragraphs, left = carried[col]
                out.append(MergedFromAbove(paragraphs))
                if left <= 1:
                    del carried[col]
                else:
                    carried[col] = (paragraphs, left - 1)
                col += 1
                continue
            if pending is None:
                out.append([])
                col += 1
                continue
            paragraphs, rowspan, colspan = pending
            out.append(paragraphs)
            if rowspan > 1:
                carried[col] = (paragraphs, rowspan - 1)
            for extra in range(1, colspan):
                out.append([])
                if rowspan > 1:
                    carried[col + extra] = ([], rowspan - 1)
            col += colspan
            pending = next(cells, None)
        grid.append(out)
    return grid


class _Renderer(HTMLParser):
    def __init__(self, limits: InputLimits) -> None:
        super().__init__(convert_charrefs=True)
        self.limits = limits
        self.cells = 0  # laid out in the page's tables so far
        self.parts: list[str] = []
        self.pos = 0
        self.skip_depth = 0
        self.tables: list[_Table] = []
        self.grids: list[Grid] = []
        self.tags: dict[str, str] = {}  # <meta name=… content=…>, lower-case names; <title> text
        self.in_title = False

    def _lay_out(self, table: _Table) -> None:
        """The table's grid, refused before it is built if the page's tables would lay out more
        cells than a bulletin's (a few rows of colspan=1000 cells lay out millions)."""
        self.cells += laid_out_cells([[(r, c) for _, r, c in row] for row in table.rows])
        check_table_cells(self.cells, self.limits)
        self.grids.append(lay_out(table.rows))

    # output
    def _emit(self, s: str) -> None:
        self.parts.append(s)
        self.pos += len(s)

    def _last_char(self) -> str:
        for part in reversed(self.parts):
            if part:
                return part[-1]
        return "\n"

    def _newline(self) -> None:
        self._end_paragraph()
        if self._last_char() != "\n":
            self._emit("\n")

    # paragraphs of the innermost open cell
    def _end_paragraph(self) -> None:
        if not self.tables:
            return
        t = self.tables[-1]
        if t.cell is not None and t.para_start is not None:
            end = self.pos
            # trailing spaces are not part of the paragraph
            while end > t.para_start and self._char_at(end - 1) == " ":
                end -= 1
            if end > t.para_start:
                t.cell.append((t.para_start, end))
        t.para_start = None

    def _char_at(self, index: int) -> str:
        # only used for the last few characters: walk back from the end
        offset = self.pos
        for part in reversed(self.parts):
            offset -= len(part)
            if offset <= index < offset + len(part):
                return part[index - offset]
        return ""

    def _close_cell(self) -> None:
        t = self.tables[-1]
        if t.cell is not None:
            self._end_paragraph()
            if t.row is None:
                t.row = []
            t.row.append((t.cell, *t.span))
            t.cell = None

    def _close_row(self) -> None:
        t = self.tables[-1]
        self._close_cell()
        if t.row is not None:
            t.rows.append(t.row)
            t.row = None

    # parser callbacks
    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self.skip_depth += 1
            return
        if self.skip_depth:
            return
        if tag == "meta":
            values = {k.lower(): (v or "") for k, v in attrs}
            name = (values.get("name") or values.get("property") or "").strip().lower()
            if name and values.get("content", "").strip():
                self.tags.setdefault(name, values["content"].strip())
            return
        if tag == "title":
            self.in_title = True
        if tag == "table":
            self._newline()
            self.tables.append(_Table())
        elif tag == "tr" and self.tables:
            self._close_row()
            self.tables[-1].row = []
            self._newline()
        elif tag in ("td", "th") and self.tables:
            self._close_cell()
            if self.tables[-1].row is None:
                self.tables[-1].row = []
            self._newline()
            self.tables[-1].cell = []
            self.tables[-1].span = (_span_attr(attrs, "rowspan"), _span_attr(attrs, "colspan"))
        elif tag in _BLOCK:
            self._newline()

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in ("td", "th", "tr", "table"):
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
            return
        if self.skip_depth:
            return
        if tag == "title":
            self.in_title = False
        if tag == "table" and self.tables:
            self._close_row()
            self._lay_out(self.tables.pop())
            self._newline()
        elif tag in ("td", "th") and self.tables:
            self._close_cell()
            self._newline()
        elif tag == "tr" and self.tables:
            self._close_row()
            self._newline()
        elif tag in _BLOCK:
            self._newline()

    def handle_data(self, data):
        if self.skip_depth:
            return
        text = _WS.sub(" ", data.replace("\xa0", " "))
        if self._last_char() in ("\n", " "):
            text = text.lstrip(" ")
        if not text:
            return
        if self.in_title:
            self.tags["title"] = (self.tags.get("title", "") + text).strip()
        if self.tables:
            t = self.tables[-1]
            if t.cell is not None and t.para_start is None and text.strip():
                t.para_start = self.pos
        self._emit(text)


@dataclass
class RenderedPage:
    text: str
    grids: list[Grid]  # innermost tables first
    tags: dict[str, str]  # meta tags by lower-case name, and the <title> text as "title"


def render_html(html: str, limits: InputLimits) -> RenderedPage:
    """The page's text, the grids of its tables and its meta tags; a RejectedFile if its tables
    lay out more cells than ``limits`` allow."""
    renderer = _Renderer(limits)
    renderer.feed(html)
    renderer.close()
    while renderer.tables:  # unclosed tables
        renderer._close_row()
        renderer._lay_out(renderer.tables.pop())
    return RenderedPage("".join(renderer.parts), renderer.grids, renderer.tags)
