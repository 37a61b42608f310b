"""The columns of a grid table: their roles from the header row (measure columns keyed by their
position), a status column found by what its cells hold, and the columns of a short row's cells."""

from __future__ import annotations

import re

from ..model import (
    ROLE_MEASURE,
    ROLE_OTHER,
    ROLE_PROGRESS,
    ROLE_ROW_UNIT,
    ROLE_SEQ,
    ROLE_STATUS,
    ROLE_TASK,
    ROLE_UNIT,
    Cell,
)
from .headers import (
    header_row_roles,
    is_sentence_cell,
    looks_like_measurement_unit,
    looks_like_seq,
    looks_like_status,
    looks_like_units,
    row_quantity_columns,
)

GridCells = list[list[list[Cell]]]  # rows -> cells -> paragraphs


def cell_text(cell: list[Cell]) -> str:
    return " ".join(p.text for p in cell).strip()


def header_roles(row: list[list[Cell]]) -> list[str] | None:
    """The roles of a header row's columns (measure columns keyed by their position), or None."""
    texts = [cell_text(c) for c in row]
    if any(is_sentence_cell(t) for t in texts):
        return None
    roles = header_row_roles(texts)
    if sum(r is not None for r in roles) < 2:
        return None
    if ROLE_TASK not in roles:
        # a task column named in words of its own, beside a numbered and a progress column
        others = [i for i, r in enumerate(roles) if r is None and texts[i]]
        if not (ROLE_SEQ in roles and others and (ROLE_PROGRESS in roles or ROLE_MEASURE in roles)):
            return None
        roles[others[0]] = ROLE_TASK
    return [
        f"{ROLE_MEASURE}:{i}" if r == ROLE_MEASURE else (r or ROLE_OTHER)
        for i, r in enumerate(roles)
    ]


def _fit(role: str, text: str) -> int:
    """How well a cell's text fits a column of this role (for aligning short rows)."""
    if not text:
        return 0
    if role == ROLE_SEQ:
        return 2 if looks_like_seq(text) else -2
    if role == ROLE_STATUS:
        return 1 if looks_like_status(text) else -2
    if role == ROLE_UNIT:
        return 1 if looks_like_units(text) else -1
    if role == ROLE_ROW_UNIT:
        return 1 if looks_like_measurement_unit(text) else -2
    if role.startswith(ROLE_MEASURE):
        return 1 if re.fullmatch(r"[\d.,%\s\-—–]+", text) else -2
    if role in (ROLE_TASK, ROLE_PROGRESS):
        return -1 if looks_like_status(text) or looks_like_seq(text) else 1
    return 0


def align(row: list[list[Cell]], roles: list[str]) -> list[str]:
    """The role of each cell of a row. A row with fewer cells than the header is either a row under
    a merged first column (分管市长 written once per group: align from the right) or a row cut short
    at its end (a missing last cell: align from the left), whichever its cells fit better."""
    if len(row) >= len(roles):
        return roles + [ROLE_OTHER] * (len(row) - len(roles))
    texts = [cell_text(c) for c in row]
    right = roles[len(roles) - len(row) :]
    left = roles[: len(row)]
    score_right = sum(_fit(r, t) for r, t in zip(right, texts, strict=True))
    score_left = sum(_fit(r, t) for r, t in zip(left, texts, strict=True))
    return left if score_left > score_right else right


def roles_by_content(grid: GridCells, roles: list[str]) -> list[str]:
    """A column headed as progress or left unnamed whose cells are short status words (顺利推进,
    已完成, 滞后) is a status column: its words are the task's status, never its progress."""
    if ROLE_STATUS in roles:
        return roles
    width = len(roles)
    out = list(roles)
    for i, role in enumerate(roles):
        if role not in (ROLE_PROGRESS, ROLE_OTHER):
            continue
        texts = [cell_text(row[i]) for row in grid if len(row) == width and cell_text(row[i])]
        if len(texts) >= 2 and sum(looks_like_status(t) for t in texts) >= 0.7 * len(texts):
            out[i] = ROLE_STATUS
            break
    return out


def row_unit_roles(header: list[list[Cell]], rows: GridCells, roles: list[str]) -> list[str]:
    """An indicator table's unit column (单位) whose cells are units of measurement (万人, 公里)
    gives the unit of the bare numbers in the target and done columns after it (工作目标, 已完成数):
    those are measure columns, in each row's unit. A 单位 column holding anything else (the bodies
    responsible) is a column like any other."""
    if ROLE_ROW_UNIT not in roles:
        return roles
    at = roles.index(ROLE_ROW_UNIT)
    texts = [p.text for row in rows if len(row) > at for p in row[at] if p.text.strip()]
    if not texts or sum(looks_like_measurement_unit(t) for t in texts) < 0.5 * len(texts):
        return [ROLE_OTHER if r == ROLE_ROW_UNIT else r for r in roles]
    out = list(roles)
    headers = [cell_text(cell) for cell in header]
    for i in row_quantity_columns(headers, roles, (ROLE_TASK, ROLE_OTHER, ROLE_PROGRESS)):
        out[i] = f"{ROLE_MEASURE}:{i}"
    return out
