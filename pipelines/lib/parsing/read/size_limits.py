"""How big a file may be to be read as a bulletin: its decoded text's characters and lines, and
the cells its tables lay out. A file past a limit is refused (a RejectedFile naming the limit and
its setting) before it is stored or parsed: parsing costs memory in proportion to these."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from pipelines.lib.settings import MAX_LINES_ENV, MAX_TABLE_CELLS_ENV, MAX_TEXT_CHARS_ENV

from ..model import RejectedFile

if TYPE_CHECKING:
    from pipelines.lib.settings import InputLimits

# No text encoding takes more than 4 bytes a character (UTF-8, GB18030, UTF-16 pairs), so bytes
# past 4 per allowed character are a text over the limit, known before it is decoded.
MAX_BYTES_PER_CHAR = 4


def check_text_bytes(data: bytes, limits: InputLimits) -> None:
    """Refuse a text file whose bytes make more characters than the limit, without decoding it."""
    if len(data) > MAX_BYTES_PER_CHAR * limits.max_text_chars:
        _too_long(f"at least {len(data) // MAX_BYTES_PER_CHAR:,}", limits)


def check_text(text: str, limits: InputLimits) -> None:
    """Refuse a decoded text longer than a bulletin (characters, then lines)."""
    if len(text) > limits.max_text_chars:
        _too_long(f"{len(text):,}", limits)
    lines = text.count("\n") + 1
    if lines > limits.max_lines:
        raise RejectedFile(
            f"the text has {lines:,} lines: more than a bulletin (limit {limits.max_lines:,} "
            f"lines, setting {MAX_LINES_ENV})"
        )


def _too_long(length: str, limits: InputLimits) -> None:
    raise RejectedFile(
        f"the text is {length} characters long: more than a bulletin (limit "
        f"{limits.max_text_chars:,} characters, setting {MAX_TEXT_CHARS_ENV})"
    )


def laid_out_cells(spans: Sequence[Sequence[tuple[int, int]]]) -> int:
    """How many cells a table lays out (html.lay_out) at most, from each row's (rowspan, colspan)
    alone, before any grid is built. A row lays out its own cells' columns and those carried down
    into it by rowspans from above; where a column is carried, the row is filled with empty cells
    up to it, so it may be as wide as the widest row before it."""
    ending = [0] * (len(spans) + 1)  # columns that rows above stop carrying at each row
    carried = widest = total = 0
    for i, row in enumerate(spans):
        carried -= ending[i]
        width = sum(colspan for _, colspan in row) + carried
        if carried:
            width = max(width, widest)
        widest = max(widest, width)
        total += width
        for rowspan, colspan in row:
            if rowspan > 1:
                carried += colspan
                ending[min(i + rowspan, len(spans))] += colspan
    return total


def check_table_cells(cells: int, limits: InputLimits) -> None:
    """Refuse a page whose tables lay out more cells than a bulletin's (``cells``: so far)."""
    if cells > limits.max_table_cells:
        raise RejectedFile(
            f"the tables lay out {cells:,} cells: more than a bulletin (limit "
            f"{limits.max_table_cells:,} cells, setting {MAX_TABLE_CELLS_ENV})"
        )
