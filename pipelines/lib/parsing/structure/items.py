"""The numbered items of a stretch of text: 1. / 1、 / (1) / ① / 一、 / (一) / 一是…二是….

Used for a table's progress cell and for a prose task's paragraphs alike.
"""

from __future__ import annotations

import re

from ..model import Cell, Item
from ..read.numerals import chinese_number

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# Numbering families of progress items. Each pattern's group 1 is the number.
_ITEM_FAMILIES: dict[str, re.Pattern] = {
    "arabic": re.compile(r"(\d{1,2})\s?[.、．]"),
    "paren": re.compile(r"[(（](\d{1,2})[)）]"),
    "circled": re.compile(r"([①-⑳])"),
    "cn": re.compile(r"([一二三四五六七八九十]{1,3})、"),
    "cnparen": re.compile(r"[(（]([一二三四五六七八九十]{1,3})[)）]"),
    "shi": re.compile(r"([一二三四五六七八九十]{1,3})是"),
}
# Where an inline marker may stand: after the end of a sentence (or a clause, for 一是/二是).
_INLINE_BEFORE = {
    "arabic": "。;；!！?？",
    "paren": "。;；!！?？",
    "circled": "。;；,，!！?？ ",
    "shi": "。;；,，:：!！?？",
    "cn": "。;；",
    "cnparen": "。;；",
}


def _marker_number(family: str, token: str) -> int | None:
    if family in ("arabic", "paren"):
        return int(token)
    if family == "circled":
        return _CIRCLED.index(token) + 1
    return chinese_number(token)


def _family_marks(body: str, cells: list[Cell], family: str) -> list[tuple[int, int, int]]:
    """Accepted markers (start, text_start, number) of one family, numbered 1, 2, 3 … in order."""
    pattern = _ITEM_FAMILIES[family]
    candidates: list[tuple[int, int, int, bool]] = []
    for cell in cells:
        m = pattern.match(body, cell.start, cell.end)
        if m:
            n = _marker_number(family, m.group(1))
            if n is not None:
                candidates.append((m.start(), m.end(), n, True))
        for m in pattern.finditer(body, cell.start + 1, cell.end):
            prev = body[m.start() - 1]
            if prev not in _INLINE_BEFORE[family]:
                continue
            if family == "arabic" and body[m.end() : m.end() + 1].isdigit():
                continue  # 。2.5亿元 is a decimal, not item 2
            n = _marker_number(family, m.group(1))
            if n is not None:
                candidates.append((m.start(), m.end(), n, False))
    candidates.sort()
    accepted: list[tuple[int, int, int]] = []
    for start, text_start, n, _ in candidates:
        if n == len(accepted) + 1:
            accepted.append((start, text_start, n))
    if len(accepted) == 1 and not (cells and accepted[0][0] == cells[0].start):
        return []
    return accepted


def split_items(body: str, cells: list[Cell]) -> list[Item]:
    """The items of a progress cell: 1. / 1、 / (1) / ① / 一、 / (一) / 一是…二是…, or none.

    Of the numbering families present, the one that starts first is the item level, so nested lists
    (一、 … 1. … 2. … 二、) split at the outer level. Unnumbered text before the first item is an
    item of its own with no number.
    """
    if not cells:
        return []
    best: list[tuple[int, int, int]] = []
    for family in _ITEM_FAMILIES:
        marks = _family_marks(body, cells, family)
        if marks and (not best or marks[0][0] < best[0][0]):
            best = marks
    end = cells[-1].end
    if not best:
        return [Item(None, body[cells[0].start : end], cells[0].start, end)]
    items: list[Item] = []
    lead = body[cells[0].start : best[0][0]].strip()
    if lead:
        items.append(Item(None, lead, cells[0].start, cells[0].start + len(lead)))
    for k, (_, text_start, n) in enumerate(best):
        stop = best[k + 1][0] if k + 1 < len(best) else end
        text = body[text_start:stop].rstrip()
        items.append(Item(n, text, text_start, text_start + len(text)))
    return items


def task_title(text: str, seq: int | None = None) -> str:
    """A task's short title: its first sentence, or its first clause when the sentence is long; a
    task stating no words of its own (a row whose task cell is empty) is named by its number."""
    first = re.split(r"[。;；]", text, maxsplit=1)[0].strip()
    if len(first) > 24:
        first = re.split(r"[,，:：]", first, maxsplit=1)[0].strip()[:60]
    return first or (f"第{seq}项" if seq is not None else "")


def line_marker(body: str, start: int, end: int) -> tuple[str, int, int] | None:
    """The numbering that opens the line ``body[start:end]``: (family, number, where its text
    starts), or None. ``2.5亿元`` opening a line is a decimal, not item 2."""
    for family, pattern in _ITEM_FAMILIES.items():
        m = pattern.match(body, start, end)
        if not m:
            continue
        if family == "arabic" and body[m.end() : m.end() + 1].isdigit():
            continue
        n = _marker_number(family, m.group(1))
        if n is None:
            continue
        text_start = m.end()
        while text_start < end and body[text_start] in " ,，、:：":
            text_start += 1
        return family, n, text_start
    return None
