"""The flat-table reader: a table flattened to one cell per paragraph (the text dump of an HTML
table, the seed's layout). Empty cells have vanished, so paragraphs are given to columns by what
they hold, not only by their position."""

from __future__ import annotations

from ..model import (
    ROLE_OTHER,
    ROLE_PROGRESS,
    ROLE_SEQ,
    ROLE_STATUS,
    ROLE_TASK,
    ROLE_UNIT,
    Cell,
    Row,
    Table,
)
from ..read.lines import is_chrome, iter_lines
from .headers import (
    _BARE_INT,
    _GROUP_HEADING,
    classify_header,
    looks_like_status,
    looks_like_units,
    relabel_status_columns,
)


def _find_header(lines: list[Cell]) -> tuple[int, list[str], str | None] | None:
    """Index just after the header, the column roles, and a group heading standing just above it,
    for headers written one cell per line (each header cell on a line, or split over lines)."""
    for i, line in enumerate(lines):
        role = classify_header(line.text)
        if role not in (ROLE_SEQ, ROLE_TASK):
            continue
        roles = [role]
        j = i + 1
        while j < len(lines):
            nxt = classify_header(lines[j].text)
            if nxt is None:
                break
            roles.append(nxt)
            j += 1
        if role == ROLE_SEQ and j < len(lines) and not _BARE_INT.match(lines[j].text):
            split = _split_header(lines, i)
            if split is not None:
                j, roles = split
        if ROLE_TASK in roles and (len(roles) >= 2):
            above = lines[i - 1].text if i > 0 and _GROUP_HEADING.match(lines[i - 1].text) else None
            return j, roles, above
    return None


MAX_HEADER_LINES = 16  # the lines a header split over may take …
MAX_HEADER_PART = 3  # … and the lines one of its cells may be split over


def _split_header(lines: list[Cell], i: int) -> tuple[int, list[str]] | None:
    """A header whose cells are split over lines (牵头责任 / 单位, 第二季度 / 完成情况, 落实情况 /
    (全年)), from the 序号 at ``lines[i]`` to the first row's number: as many cells as the first row
    has (its number and the lines up to the next number), each one to three lines, the split that
    names the most columns. Index after the header and the roles (a cell naming none: other)."""
    end = i
    while (
        end < len(lines)
        and not _BARE_INT.match(lines[end].text)
        and not _GROUP_HEADING.match(lines[end].text)  # a group's heading before its first row
    ):
        if (
            end - i >= MAX_HEADER_LINES
            or classify_header(lines[end].text) is None
            and (len(lines[end].text) > 24)
        ):
            return None
        end += 1
    if end >= len(lines) or not _BARE_INT.match(lines[end].text):
        return None
    after = end + 1
    while after < len(lines) and not _BARE_INT.match(lines[after].text):
        after += 1
    if after >= len(lines):
        return None
    texts = [c.text.strip() for c in lines[i:end]]
    # the first row's cells, or fewer when a cell of it runs over several lines (a progress cell of
    # two paragraphs): the most cells of a split that names every column, else the row's count with
    # one cell naming none
    roles = next(
        (
            split
            for cells in range(after - end, 1, -1)
            if (split := _best_split(texts, cells)) is not None and None not in split
        ),
        None,
    ) or _best_split(texts, after - end)
    if roles is None or ROLE_TASK not in roles or roles[0] != ROLE_SEQ:
        return None
    return end, [r or ROLE_OTHER for r in roles]


def _best_split(texts: list[str], cells: int) -> list[str | None] | None:
    """``texts`` cut into ``cells`` runs of 1 to 3 lines, the runs joined, naming the most columns
    (of equal splits, the first found); None when there is no such cut or it names too few."""
    best: dict[tuple[int, int], tuple[int, list[str | None]]] = {(0, 0): (0, [])}
    for at in range(len(texts)):
        for taken in range(cells):
            if (at, taken) not in best:
                continue
            score, roles = best[(at, taken)]
            for size in range(1, MAX_HEADER_PART + 1):
                if at + size > len(texts):
                    break
                role = classify_header("".join(texts[at : at + size]))
                key = (at + size, taken + 1)
                candidate = (score + (role is not None), [*roles, role])
                if key not in best or candidate[0] > best[key][0]:
                    best[key] = candidate
    found = best.get((len(texts), cells))
    if found is None or found[0] < cells - 1:
        return None  # at most one cell that names no column
    return found[1]


def parse_flat_table(text: str) -> Table | None:
    """Parse a table flattened to one cell per paragraph (the text dump of an HTML table).

    Rows start with a bare row number that continues the count; a group heading (一、…) before a row is
    kept as the row's group label; a repeated header (grouped sub-tables) is skipped; page chrome ends
    the table.
    """
    lines = [_without_closing_bar(line) for line in iter_lines(text)]
    found = _find_header(lines)
    if found is None:
        return None
    start, roles, group = found
    data_roles = [r for r in roles if r != ROLE_SEQ]
    rows = _FlatRows(data_roles, ROLE_SEQ in roles, group).read(lines, start)
    if not rows:
        return None
    table = Table(roles=data_roles, rows=rows, start=lines[start - len(roles)].start)
    texts = {
        role: [" ".join(c.text for c in r.role_cells(role)) for r in rows] for role in data_roles
    }
    relabel_status_columns(table, texts)
    return table


def _without_closing_bar(line: Cell) -> Cell:
    """A cell dumped on its line with the table's delimiter after it (`预期目标 |`): the cell. A bar
    alone on its line is an empty cell, kept so that the cells after it stay in their columns."""
    if line.text.endswith("|") and line.text.count("|") == 1:
        text = line.text[:-1].rstrip()
        start = line.start if text else line.end  # (an empty cell: no text of the bar's)
        return Cell(text, start, start + len(text))
    return line


class _FlatRows:
    """The rows of a flat table, read paragraph by paragraph after its header."""

    def __init__(self, roles: list[str], has_seq: bool, group: str | None):
        self.roles = roles
        self.has_seq = has_seq
        self.group = group  # the group label of the row being read
        self.rows: list[Row] = []
        self.current: list[Cell] = []  # the paragraphs of the row being read
        self.current_seq: int | None = None
        self.pending_group: str | None = None  # a heading read, for the next row
        self.expected = 1  # the number the next row should have

    def read(self, lines: list[Cell], start: int) -> list[Row]:
        i = start
        while i < len(lines):
            if is_chrome(lines[i].text):
                break
            header_end = _repeated_header_end(lines, i)
            if header_end is not None:
                # a repeated header row of a grouped sub-table
                if i > 0 and _GROUP_HEADING.match(lines[i - 1].text):
                    self.pending_group = lines[i - 1].text
                i = header_end
                continue
            self._take(lines, i)
            i += 1
        self._flush()
        return self.rows

    def _take(self, lines: list[Cell], i: int) -> None:
        """A paragraph: the number that starts a row, a group heading before one, or a cell."""
        line = lines[i]
        m = _BARE_INT.match(line.text)
        if (
            self.has_seq
            and m
            and _plausible_row_start(int(m.group(1)), self.expected, self.current_seq)
        ):
            self._flush()
            self.current = []
            self.current_seq = int(m.group(1))
            self.expected = self.current_seq + 1
            if self.pending_group is not None:
                self.group, self.pending_group = self.pending_group, None
            return
        if _GROUP_HEADING.match(line.text) and _next_is_row_start(lines, i + 1, self.expected):
            self.pending_group = line.text
            return
        if not self.has_seq and self.current_seq is None:
            self.current_seq = 1
        self.current.append(line)

    def _flush(self) -> None:
        if self.current_seq is not None and self.current:
            self.rows.append(
                _assign_cells(self.current_seq, list(self.current), self.roles, self.group)
            )


def _repeated_header_end(lines: list[Cell], i: int) -> int | None:
    """Where a header repeated at ``lines[i]`` ends (grouped sub-tables), if one is there."""
    if classify_header(lines[i].text) not in (ROLE_SEQ, ROLE_TASK) or i + 1 >= len(lines):
        return None
    k, repeated = i, []
    while k < len(lines) and classify_header(lines[k].text):
        repeated.append(classify_header(lines[k].text))
        k += 1
    return k if len(repeated) >= 2 else None


def _plausible_row_start(number: int, expected: int, current_seq: int | None) -> bool:
    if current_seq is None:
        return number in (1, expected) or number <= 3
    return number == expected


def _next_is_row_start(lines: list[Cell], j: int, expected: int) -> bool:
    while j < len(lines):
        role = classify_header(lines[j].text)
        if role is None:
            m = _BARE_INT.match(lines[j].text)
            return bool(m) and int(m.group(1)) == expected
        j += 1
    return False


def _assign_cells(seq: int, cells: list[Cell], roles: list[str], group: str | None) -> Row:
    """Distribute a row's paragraphs over its columns.

    Columns before the progress column take one paragraph each from the front, columns after it one
    each from the back, and the progress column (which often holds several paragraphs) takes the rest.
    A unit or status column takes a paragraph only if it holds units or status words: an empty cell
    leaves no paragraph behind, and the next column's text must not be read as its content. Without a
    progress column (plan documents) the task column takes what is left.
    """
    row = Row(seq=seq, group_label=group)
    middle = ROLE_PROGRESS if ROLE_PROGRESS in roles else ROLE_TASK
    m = roles.index(middle)
    before, after = roles[:m], roles[m + 1 :]
    rest = list(cells)
    for role in before:
        if rest and (role == ROLE_TASK or (len(rest) > 1 and _fits(rest[0].text, role, False))):
            row.cells.setdefault(role, []).append(rest.pop(0))
    tail: list[tuple[str, Cell]] = []
    for role in reversed(after):
        if len(rest) > 1 and _fits(rest[-1].text, role, True):
            tail.append((role, rest.pop()))
    for role, cell in reversed(tail):
        row.cells.setdefault(role, []).append(cell)
    if rest:
        row.cells.setdefault(middle, []).extend(rest)
    return row


def _fits(text: str, role: str, from_back: bool) -> bool:
    """Whether a paragraph can be the cell of a column of this role (``from_back``: a column after
    the progress column, whose long paragraphs belong to the progress)."""
    if role == ROLE_UNIT:
        return looks_like_units(text)
    if role == ROLE_STATUS:
        return looks_like_status(text)
    return not from_back or len(text) <= 30
