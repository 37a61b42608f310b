"""Parsing one bulletin file into its metadata, tasks, progress items, figures and identities."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date

from .figures import Figure, extract_figures
from .identities import find_identities
from .layout import ROLE_PROGRESS, ROLE_TASK, ROLE_UNIT, Cell, Table, iter_lines, parse_flat_table
from .text import RejectedFile, decode_bytes, normalize_text

PERIOD_ENDS = {
    "一季度": (3, 31),
    "上半年": (6, 30),
    "前三季度": (9, 30),
    "全年": (12, 31),
}
_TITLE_PERIOD = re.compile(
    r"(第?一季度|1季度|上半年|二季度|第二季度|前三季度|三季度|第三季度|1-9月|四季度|全年|年度|\d{1,2}月份?)"
)
_PERIOD_ALIASES = {
    "第一季度": "一季度",
    "1季度": "一季度",
    "二季度": "上半年",
    "第二季度": "上半年",
    "三季度": "前三季度",
    "第三季度": "前三季度",
    "1-9月": "前三季度",
    "四季度": "全年",
    "年度": "全年",
}
_PUBLISHED = re.compile(
    r"(发布日期|发布时间|发文日期|日期|时间)\s*[:：]?\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})"
)
_PLAN_TITLE = re.compile(r"(责任分解|责任分工|分工方案|任务分解|重点工作清单|任务清单|分工)")
_ITEM_NUMBER = re.compile(r"^\s*(?:(\d{1,2})\s*[.、．]|[(（](\d{1,2})[)）]|([①-⑳]))\s*")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_CN_ORDINAL_ITEM = re.compile(r"([一二三四五六七八九十]+)是")
_CN_DIGITS = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}


@dataclass
class Item:
    item_no: int | None
    text: str
    char_start: int
    char_end: int


@dataclass
class Task:
    seq: int
    text: str
    title: str
    char_start: int
    char_end: int
    progress_text: str
    progress_start: int | None
    progress_end: int | None
    group_label: str | None = None
    responsible_units: str | None = None
    items: list[Item] = field(default_factory=list)


@dataclass
class ParsedFigure:
    task_seq: int
    section: str  # 'task' | 'progress'
    item_no: int | None
    figure: Figure


@dataclass
class ParsedIdentity:
    task_seq: int
    section: str
    whole: int  # index into ParsedBulletin.figures
    parts: list[int]
    relation: str
    rule: str
    holds: bool


@dataclass
class ParsedBulletin:
    bulletin_id: str
    content_sha256: str
    encoding: str
    title: str
    year: int | None
    period_label: str | None
    period_end: date | None
    published_at: date | None
    kind: str  # 'progress' | 'plan'
    body_text: str
    tasks: list[Task]
    figures: list[ParsedFigure]
    identities: list[ParsedIdentity]


def bulletin_id_for(content_sha256: str) -> str:
    return content_sha256[:16]


def task_title(text: str) -> str:
    """A task's short title: its first sentence, or its first clause when the sentence is long."""
    first = re.split(r"[。;；]", text, maxsplit=1)[0].strip()
    if len(first) <= 24:
        return first
    return re.split(r"[,，:：]", first, maxsplit=1)[0].strip()[:60]


def _metadata(body: str) -> tuple[str, int | None, str | None, date | None, date | None]:
    lines = iter_lines(body)
    title = ""
    for line in lines[:15]:
        text = line.text
        if len(text) >= 6 and re.search(r"(情况|通报|清单|分解|分工|进展|报告|计划|任务)", text):
            title = text
            break
    if not title and lines:
        title = lines[0].text
    year = None
    ym = re.search(r"((?:19|20)\d{2})\s*年", title)
    if ym:
        year = int(ym.group(1))
    period = None
    pm = _TITLE_PERIOD.search(title)
    if pm:
        period = _PERIOD_ALIASES.get(pm.group(1), pm.group(1))
        mm = re.fullmatch(r"(\d{1,2})月份?", period)
        if mm:
            period = f"1-{int(mm.group(1))}月"
    published = None
    dm = _PUBLISHED.search(body[:3000])
    if dm:
        try:
            published = date(int(dm.group(2)), int(dm.group(3)), int(dm.group(4)))
        except ValueError:
            published = None
    if year is None and published is not None:
        year = published.year
    period_end = None
    if year and period in PERIOD_ENDS:
        month, day = PERIOD_ENDS[period]
        period_end = date(year, month, day)
    elif year and period:
        mm = re.fullmatch(r"1-(\d{1,2})月", period)
        if mm:
            month = int(mm.group(1))
            nxt = date(year + (month == 12), month % 12 + 1, 1)
            period_end = date.fromordinal(nxt.toordinal() - 1)
    return title, year, period, period_end, published


def _join_cells(body: str, cells: list[Cell]) -> tuple[str, int | None, int | None]:
    if not cells:
        return "", None, None
    return body[cells[0].start : cells[-1].end], cells[0].start, cells[-1].end


def _number_of(m: re.Match) -> int:
    if m.group(1):
        return int(m.group(1))
    if m.group(2):
        return int(m.group(2))
    return _CIRCLED.index(m.group(3)) + 1


def split_items(body: str, cells: list[Cell]) -> list[Item]:
    """Numbered progress items (1. / 1、 / (1) / ① / 一是…二是…) of a progress cell."""
    items: list[Item] = []
    expected = 1
    for cell in cells:
        m = _ITEM_NUMBER.match(cell.text)
        number = _number_of(m) if m else None
        decimal_like = bool(
            m
            and m.group(1)
            and cell.text[m.end() - 1 : m.end()] == "."
            and cell.text[m.end() : m.end() + 1].isdigit()
        )
        if m and (
            number == expected
            or (
                not decimal_like
                and number is not None
                and items
                and items[-1].item_no is not None
                and number == items[-1].item_no + 1
            )
        ):
            start = cell.start + m.end()
            items.append(Item(number, body[start : cell.end], start, cell.end))
            expected = number + 1
        elif items:
            last = items[-1]
            last.char_end = cell.end
            last.text = body[last.char_start : cell.end]
        else:
            items.append(Item(None, cell.text, cell.start, cell.end))
    if len(items) == 1 and items[0].item_no is None:
        inline = _split_inline_ordinals(body, items[0])
        if inline:
            return inline
    return items


def _split_inline_ordinals(body: str, item: Item) -> list[Item]:
    """一是……;二是……;三是…… inside one paragraph."""
    marks = [m for m in _CN_ORDINAL_ITEM.finditer(body, item.char_start, item.char_end)]
    seq = []
    for m in marks:
        n = _CN_DIGITS.get(m.group(1))
        if n == len(seq) + 1:
            seq.append(m)
    if len(seq) < 2:
        return []
    out = []
    if seq[0].start() > item.char_start and body[item.char_start : seq[0].start()].strip(" ,，:："):
        out.append(
            Item(None, body[item.char_start : seq[0].start()], item.char_start, seq[0].start())
        )
    for k, m in enumerate(seq):
        end = seq[k + 1].start() if k + 1 < len(seq) else item.char_end
        out.append(Item(k + 1, body[m.start() : end], m.start(), end))
    return out


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
        task_cells = row.role_cells(ROLE_TASK)
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
        ptext, pstart, pend = _join_cells(body, progress_cells)
        task = Task(
            seq=row.seq or len(tasks) + 1,
            text=text,
            title=task_title(text),
            char_start=start,
            char_end=end,
            progress_text=ptext,
            progress_start=pstart,
            progress_end=pend,
            group_label=row.group_label,
            responsible_units=units,
        )
        task.items = split_items(body, progress_cells) if progress_cells else []
        tasks.append(task)
    return tasks


def parse_text(body: str, content_sha256: str, encoding: str = "utf-8") -> ParsedBulletin:
    """Parse normalised bulletin text. Raise RejectedFile if it holds no task table."""
    title, year, period, period_end, published = _metadata(body)
    table = parse_flat_table(body)
    if table is None or not table.rows:
        raise RejectedFile(
            "no task table was found (no header with a task column and numbered rows)"
        )
    kind = "progress" if table.has_progress else "plan"
    tasks = _build_tasks(body, table)

    figures: list[ParsedFigure] = []
    identities: list[ParsedIdentity] = []
    for task in tasks:
        sections = [("task", task.char_start, task.char_end)]
        if kind == "progress" and task.progress_start is not None:
            sections.append(("progress", task.progress_start, task.progress_end))
        for section, lo, hi in sections:
            found = extract_figures(body, lo, hi)
            offset = len(figures)
            for f in found:
                item_no = None
                if section == "progress":
                    for item in task.items:
                        if item.char_start <= f.char_start < item.char_end + 1:
                            item_no = item.item_no
                figures.append(ParsedFigure(task.seq, section, item_no, f))
            for ident in find_identities(body, found, lo, hi):
                identities.append(
                    ParsedIdentity(
                        task_seq=task.seq,
                        section=section,
                        whole=offset + ident.whole,
                        parts=[offset + p for p in ident.parts],
                        relation=ident.relation,
                        rule=ident.rule,
                        holds=ident.holds(found),
                    )
                )
    return ParsedBulletin(
        bulletin_id=bulletin_id_for(content_sha256),
        content_sha256=content_sha256,
        encoding=encoding,
        title=title,
        year=year,
        period_label=period,
        period_end=period_end,
        published_at=published,
        kind=kind,
        body_text=body,
        tasks=tasks,
        figures=figures,
        identities=identities,
    )


def parse_bytes(data: bytes) -> ParsedBulletin:
    """Decode, normalise and parse a bulletin file's bytes. Raise RejectedFile with a reason."""
    decoded = decode_bytes(data)
    body = normalize_text(decoded.text)
    digest = hashlib.sha256(data).hexdigest()
    return parse_text(body, digest, decoded.encoding)
