"""Finding the task table in a bulletin's text: header, rows, cells, group headings, page chrome.

The input is the normalised body text; every cell keeps its character span in that text, so figures
found later can point back at exactly what was written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Header vocabulary. Headers can be spaced out (主 要 工 作 任 务): spaces are removed before matching.
_SEQ_HEADERS = re.compile(r"^(序号|编号|序|号)$")
_TASK_HEADERS = re.compile(
    r"^((\d{4}年)?(度)?(重点工作|重点任务|重点工作任务|主要工作任务|主要任务|工作任务|目标任务|"
    r"内容与要求|承担的重点工作|重点工作内容|工作内容|任务内容|具体任务|工作目标|目标要求|任务)"
    r"(内容)?)$"
)
_PROGRESS_HEADERS = re.compile(
    r"^(.{0,8}(完成情况|进展情况|推进情况|落实情况|进度情况|工作进展|进展|完成进度|推进落实情况))$"
)
_UNIT_HEADERS = re.compile(r"^(牵头|责任|牵头责任|配合|主办|协办|承办|责任牵头)(单位|部门)$")
_STATUS_HEADERS = re.compile(
    r"^(完成状态|状态|进度|是否完成|备注|完成时限|时间节点|分管(市长|领导|副市长))$"
)

ROLE_SEQ, ROLE_TASK, ROLE_PROGRESS, ROLE_UNIT, ROLE_OTHER = (
    "seq",
    "task",
    "progress",
    "unit",
    "other",
)


def classify_header(cell: str) -> str | None:
    """The role of a header cell, or None if the text is not a known column header."""
    text = re.sub(r"\s+", "", cell)
    if not text or len(text) > 20:
        return None
    if _SEQ_HEADERS.match(text):
        return ROLE_SEQ
    if _PROGRESS_HEADERS.match(text):
        return ROLE_PROGRESS
    if _TASK_HEADERS.match(text):
        return ROLE_TASK
    if _UNIT_HEADERS.match(text):
        return ROLE_UNIT
    if _STATUS_HEADERS.match(text):
        return ROLE_OTHER
    return None


# Page chrome that ends the table or must never become part of a cell.
_CHROME = re.compile(
    r"(Produced\s+By|大汉网络|版权所有|ICP备|网站标识码|主办单位|承办单位|联系我们|网站地图|"
    r"^当前位置|浏览次数|打印本页|关闭窗口|扫一扫|分享到|^上一篇|^下一篇|^Baidu$|^map$|"
    r"公网安备|技术支持|^【|^\[?打印\]?$|^字号|^返回顶部)",
    re.IGNORECASE,
)
_GROUP_HEADING = re.compile(
    r"^\s*([一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])\s*\S"
)
_BARE_INT = re.compile(r"^\s*(\d{1,3})\s*[.、]?\s*$")


@dataclass
class Cell:
    text: str
    start: int
    end: int


@dataclass
class Row:
    seq: int | None
    cells: dict[str, list[Cell]] = field(default_factory=dict)
    group_label: str | None = None

    def role_cells(self, role: str) -> list[Cell]:
        return self.cells.get(role, [])


@dataclass
class Table:
    roles: list[str]
    rows: list[Row]

    @property
    def has_progress(self) -> bool:
        return ROLE_PROGRESS in self.roles


def iter_lines(text: str) -> list[Cell]:
    """Non-blank lines with their spans (the span covers the stripped line)."""
    out: list[Cell] = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            out.append(Cell(stripped, pos + lead, pos + lead + len(stripped)))
        pos += len(raw) + 1
    return out


def is_chrome(line: str) -> bool:
    return bool(_CHROME.search(line.strip()))


def _find_header(lines: list[Cell]) -> tuple[int, list[str], str | None] | None:
    """Index just after the header, the column roles, and a group heading standing just above it,
    for headers written one cell per line."""
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
        if ROLE_TASK in roles and (len(roles) >= 2):
            above = lines[i - 1].text if i > 0 and _GROUP_HEADING.match(lines[i - 1].text) else None
            return j, roles, above
    return None


def parse_flat_table(text: str) -> Table | None:
    """Parse a table flattened to one cell per paragraph (the text dump of an HTML table).

    Rows start with a bare row number that continues the count; a group heading (一、…) before a row is
    kept as the row's group label; a repeated header (grouped sub-tables) is skipped; page chrome ends
    the table.
    """
    lines = iter_lines(text)
    found = _find_header(lines)
    if found is None:
        return None
    start, roles, group = found
    has_seq = ROLE_SEQ in roles
    data_roles = [r for r in roles if r != ROLE_SEQ]

    rows: list[Row] = []
    current: list[Cell] = []
    current_seq: int | None = None
    pending_group: str | None = None
    expected = 1
    i = start

    def flush() -> None:
        if current_seq is not None and current:
            rows.append(_assign_cells(current_seq, list(current), data_roles, group))

    while i < len(lines):
        line = lines[i]
        if is_chrome(line.text):
            break
        header_role = classify_header(line.text)
        if header_role in (ROLE_SEQ, ROLE_TASK) and i + 1 < len(lines):
            # a repeated header row of a grouped sub-table
            k, repeated = i, []
            while k < len(lines) and classify_header(lines[k].text):
                repeated.append(classify_header(lines[k].text))
                k += 1
            if len(repeated) >= 2:
                if i > 0 and _GROUP_HEADING.match(lines[i - 1].text):
                    pending_group = lines[i - 1].text
                i = k
                continue
        m = _BARE_INT.match(line.text)
        if has_seq and m and _plausible_row_start(int(m.group(1)), expected, current_seq):
            flush()
            current = []
            current_seq = int(m.group(1))
            expected = current_seq + 1
            if pending_group is not None:
                group, pending_group = pending_group, None
            i += 1
            continue
        if _GROUP_HEADING.match(line.text) and _next_is_row_start(lines, i + 1, expected):
            pending_group = line.text
            i += 1
            continue
        if not has_seq and current_seq is None:
            current_seq = 1
        current.append(line)
        i += 1
    flush()
    if not rows:
        return None
    return Table(roles=data_roles, rows=rows)


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
    Without a progress column (plan documents) the task column takes what is left.
    """
    row = Row(seq=seq, group_label=group)
    if ROLE_PROGRESS in roles:
        p = roles.index(ROLE_PROGRESS)
        before, after = roles[:p], roles[p + 1 :]
    else:
        t = roles.index(ROLE_TASK)
        before, after = roles[:t], roles[t + 1 :]
    rest = list(cells)
    for role in before:
        if rest:
            row.cells.setdefault(role, []).append(rest.pop(0))
    tail: list[tuple[str, Cell]] = []
    for role in reversed(after):
        if len(rest) > 1 and _looks_like_short_cell(rest[-1].text, role):
            tail.append((role, rest.pop()))
    for role, cell in reversed(tail):
        row.cells.setdefault(role, []).append(cell)
    middle = ROLE_PROGRESS if ROLE_PROGRESS in roles else ROLE_TASK
    if rest:
        row.cells.setdefault(middle, []).extend(rest)
    return row


def _looks_like_short_cell(text: str, role: str) -> bool:
    if role == ROLE_UNIT:
        return len(text) <= 60 and not re.search(r"[。;；]", text.rstrip("。"))
    return len(text) <= 30


# --- tables given as grids of cells (HTML tables, pipe- or tab-delimited rows) -----------------------

GridCells = list[list[list[Cell]]]  # rows -> cells -> paragraphs


def _cell_text(cell: list[Cell]) -> str:
    return " ".join(p.text for p in cell).strip()


def _header_roles(row: list[list[Cell]]) -> list[str] | None:
    roles = [classify_header(_cell_text(c)) for c in row]
    if ROLE_TASK in roles and sum(r is not None for r in roles) >= 2:
        return [r or ROLE_OTHER for r in roles]
    return None


def table_from_grid(grid: GridCells) -> Table | None:
    """Read a table given as rows of cells: header row, data rows, group headings, merged columns.

    A row with fewer cells than the header (a merged first column, e.g. 分管市长 written once per
    group) is aligned from the right and takes the merged values from the row above. A row whose only
    text is a heading (一、…) labels the rows below it. A repeated header row is skipped.
    """
    start = None
    roles: list[str] = []
    for i, row in enumerate(grid):
        found = _header_roles(row)
        if found:
            start, roles = i, found
            break
    if start is None:
        return None
    rows: list[Row] = []
    group: str | None = None
    previous: dict[str, list[Cell]] = {}
    for row in grid[start + 1 :]:
        texts = [_cell_text(c) for c in row]
        filled = [t for t in texts if t]
        if not filled or _header_roles(row):
            continue
        if (
            len(filled) == 1
            and (len(row) == 1 or _GROUP_HEADING.match(filled[0]))
            and not re.fullmatch(r"\d{1,3}", filled[0])
        ):
            if len(row) == 1 or not _BARE_INT.match(filled[0]):
                group = filled[0]
                continue
        if len(row) < len(roles):
            aligned = roles[len(roles) - len(row) :]
            cells = dict(previous)
            for role in roles[: len(roles) - len(row)]:
                cells.setdefault(role, previous.get(role, []))
        else:
            aligned = roles + [ROLE_OTHER] * (len(row) - len(roles))
            cells = {}
        by_role: dict[str, list[Cell]] = {}
        for role, cell in zip(aligned, row, strict=False):
            by_role.setdefault(role, []).extend(cell)
        merged = {r: v for r, v in cells.items() if r not in by_role}
        by_role.update({r: v for r, v in merged.items() if r in (ROLE_UNIT, ROLE_OTHER)})
        previous = by_role
        if not by_role.get(ROLE_TASK):
            continue
        seq = None
        seq_text = _cell_text(by_role.get(ROLE_SEQ, []))
        m = re.fullmatch(r"\s*(\d{1,3})\s*[.、]?\s*", seq_text)
        cn = re.fullmatch(r"\s*[(（]?([一二三四五六七八九十]{1,3})[)）]?\s*[、.]?\s*", seq_text)
        if m:
            seq = int(m.group(1))
        elif (
            cn
            and chinese_number(cn.group(1))
            and by_role.get(ROLE_PROGRESS, by_role.get(ROLE_TASK))
        ):
            seq = chinese_number(cn.group(1))  # rows numbered 一、二、三
        elif ROLE_SEQ in roles and seq_text:
            # a section row with text where the number should be (S10)
            group = seq_text
            continue
        if seq is None:
            seq = (rows[-1].seq or len(rows)) + 1 if rows else 1
        out = Row(seq=seq, group_label=group)
        for role, cell in by_role.items():
            if role != ROLE_SEQ:
                out.cells[role] = cell
        rows.append(out)
    if not rows:
        return None
    data_roles = [r for r in roles if r != ROLE_SEQ]
    return Table(roles=data_roles, rows=rows)


def chinese_number(text: str) -> int | None:
    """一 -> 1, 十二 -> 12, 二十三 -> 23 (up to 99); None for anything else."""
    digits = "一二三四五六七八九"
    if text in digits:
        return digits.index(text) + 1
    m = re.fullmatch(r"([二三四五六七八九])?十([一二三四五六七八九])?", text)
    if not m:
        return None
    tens = digits.index(m.group(1)) + 1 if m.group(1) else 1
    return tens * 10 + (digits.index(m.group(2)) + 1 if m.group(2) else 0)


_SEPARATOR_ROW = re.compile(r"^[\s|:\-—+=]+$")


def delimited_grid(text: str) -> GridCells | None:
    """Rows written one per line with | or tab between cells (S4), as a grid with spans."""
    lines = iter_lines(text)
    for delimiter in ("|", "\t"):
        if sum(1 for ln in lines if ln.text.count(delimiter) >= 2) < 3:
            continue
        grid: GridCells = []
        for line in lines:
            if _SEPARATOR_ROW.match(line.text):
                continue
            if line.text.count(delimiter) < 1:
                if (
                    grid
                    and not _GROUP_HEADING.match(line.text)
                    and not is_chrome(line.text)
                    and len(grid[-1]) > 1
                ):
                    grid[-1][-1].append(line)  # a cell continued on the next line
                else:
                    grid.append([[line]])
                continue
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
                cells.append(
                    [Cell(stripped, pos + lead, pos + lead + len(stripped))] if stripped else []
                )
                pos += len(part) + 1
            grid.append(cells)
        return grid
    return None
