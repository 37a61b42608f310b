"""Parsing one bulletin file into its metadata, tasks, progress items, figures and identities."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date

from .figures import Figure, extract_figures
from .html import Grid, looks_like_html, render_html
from .identities import find_identities
from .layout import (
    ROLE_PROGRESS,
    ROLE_TASK,
    ROLE_UNIT,
    Cell,
    GridCells,
    Table,
    chinese_number,
    delimited_grid,
    is_chrome,
    iter_lines,
    parse_flat_table,
    table_from_grid,
)
from .text import RejectedFile, decode_bytes, normalize_text, strip_readings

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
_TITLE_WORDS = re.compile(r"(情况|通报|清单|分解|分工|进展|报告|计划|任务|进度)")
_HEADER_LIKE = re.compile(r"^(序号|当前位置|首页)|[:：]\s*$")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


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
    issuer: str | None
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
    lines = [ln for ln in iter_lines(body)[:60] if not is_chrome(ln.text)]
    title = ""
    for line in lines:
        for part in _title_parts(line.text):
            if 6 <= len(part) <= 80 and _TITLE_WORDS.search(part) and not _HEADER_LIKE.search(part):
                title = part
                break
        if title:
            break
    if not title and lines:
        title = lines[0].text[:120]
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
            period_end = _month_end(year, int(mm.group(1)))
    return title, year, period, period_end, published


_ORG = re.compile(r"^\S{2,30}(人民政府|政府|厅|局|委员会|委|办公室|办|中心)$")
_HOST = re.compile(r"(主办单位|主办)\s*[:：]\s*([^\s|,，]{2,30})")


def _title_parts(line: str) -> list[str]:
    """A page title line split at its separators: 标题 - 青山县人民政府 -> [标题, 青山县人民政府]."""
    return [part.strip() for part in re.split(r"\s+[-_|—]+\s*|_|——", line)]


def _month_end(year: int, month: int) -> date:
    following = date(year + (month == 12), month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


def issuer_from_page(body: str) -> str | None:
    """The issuing body named on the page: the site name after the title (标题 - 青山县人民政府), or the
    footer's 主办单位. None for text dumps that name neither."""
    for line in iter_lines(body)[:60]:
        parts = _title_parts(line.text)
        if len(parts) >= 2 and _TITLE_WORDS.search(parts[0]):
            for part in parts[1:]:
                if _ORG.match(part):
                    return part
    m = _HOST.search(body)
    if m:
        return re.sub(r"办公室$", "", m.group(2)) or m.group(2)
    return None


_LABEL_MONTH = re.compile(r"(\d{1,2}|[一二三四五六七八九十]{1,3})月")


def period_from_figures(figures: list[ParsedFigure], year: int) -> tuple[str | None, date | None]:
    """A title without a period: the latest month the progress figures' period phrases reach (1-8月,
    截至8月末, 元至八月) gives the period, 1-N月, ending on the last day of month N."""
    months = []
    for pf in figures:
        label = pf.figure.period_label
        if pf.section != "progress" or not label:
            continue
        found = _LABEL_MONTH.findall(label)
        if found:
            month = int(found[-1]) if found[-1].isdigit() else chinese_number(found[-1])
            if month and 1 <= month <= 12:
                months.append(month)
    if not months:
        return None, None
    month = max(months)
    return f"1-{month}月", _month_end(year, month)


def _join_cells(body: str, cells: list[Cell]) -> tuple[str, int | None, int | None]:
    if not cells:
        return "", None, None
    return body[cells[0].start : cells[-1].end], cells[0].start, cells[-1].end


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


def _cells_of(body: str, grid: Grid) -> GridCells:
    return [[[Cell(body[a:b], a, b) for a, b in cell] for cell in row] for row in grid]


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
        grid = delimited_grid(body)
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
            merged.append(Table(roles=list(table.roles), rows=list(table.rows)))
        previous_end = end
    return merged


_GROUP_LINE = re.compile(r"^\s*([一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])\s*\S")


def parse_document(text: str, content_sha256: str, encoding: str = "utf-8") -> ParsedBulletin:
    """Parse a decoded bulletin (text or HTML). Raise RejectedFile if it holds no task table."""
    text = strip_readings(text)
    grids: list[Grid] = []
    if looks_like_html(text):
        text, grids = render_html(text)
    return parse_text(normalize_text(text), content_sha256, encoding, grids)


def parse_text(
    body: str, content_sha256: str, encoding: str = "utf-8", html_grids: list[Grid] | None = None
) -> ParsedBulletin:
    """Parse normalised bulletin text. Raise RejectedFile if it holds no task table."""
    title, year, period, period_end, published = _metadata(body)
    table = find_table(body, html_grids)
    if table is None or not table.rows:
        raise RejectedFile(
            "no task table was found: no header row with a task column (重点工作/主要工作任务/…) "
            "followed by numbered rows"
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
    if period is None and year is not None and kind == "progress":
        period, period_end = period_from_figures(figures, year)
    return ParsedBulletin(
        bulletin_id=bulletin_id_for(content_sha256),
        content_sha256=content_sha256,
        encoding=encoding,
        title=title,
        year=year,
        period_label=period,
        period_end=period_end,
        published_at=published,
        issuer=issuer_from_page(body),
        kind=kind,
        body_text=body,
        tasks=tasks,
        figures=figures,
        identities=identities,
    )


def parse_bytes(data: bytes) -> ParsedBulletin:
    """Decode, normalise and parse a bulletin file's bytes. Raise RejectedFile with a reason."""
    decoded = decode_bytes(data)
    return parse_document(decoded.text, hashlib.sha256(data).hexdigest(), decoded.encoding)
