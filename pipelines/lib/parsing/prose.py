"""The prose reader: a bulletin written as text whose structure is its numbering.

An 通报 / 落实情况 / 进展情况 without a table numbers its sections and paragraphs 一、 / (一) / 1. /
(1) / ① / 一是. The numbering is read as an outline: a marker of a family already open closes the
units below it and opens a sibling; a new family opens a child. Unnumbered paragraphs belong to the
unit above them.

The unit of a task is the innermost numbered unit — the one that holds a measure's target and its
progress together (``(三)固定资产投资。目标:增长8%左右。上半年完成…,同比增长6.2%``). A unit with
numbered units inside it is a heading: it becomes their ``group_label``, and its own text before the
first of them, when it holds figures, is a task of its own. So is the text before the first numbered
unit (a headline paragraph of main indicators, a tally of tasks by status) when it holds figures.
Numbering inside a paragraph (一是…;二是…) splits a task into items, not into tasks.

Within a task, the sentences that state the year's goal are its targets (section ``task``): those
that say so (目标 / 计划 / 力争 / 年度任务 / 预期 …), and the task as restated from the work report
when the paragraph goes on to report on it (``新建学校3所。上半年,已开工2所``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .figures import has_figure
from .items import line_marker, split_items, task_title
from .layout import Cell, is_chrome, iter_lines
from .metadata import is_breadcrumb, is_date_line, is_signature_line
from .model import SECTION_PROGRESS, Span, Task

# Lines of the page's head: info blocks and their labels.
_HEAD_LINE = re.compile(
    r"^(发布日期|发布时间|信息来源|来源|文章来源|浏览次数|点击数|作者|字号|索引号|发布机构|成文日期|"
    r"文号|主题分类|公文种类|生效日期|有效性|体裁分类|发文机关|【字体|字体)|(发布日期|浏览次数|信息来源)\s*[:：]"
)
# Where the bulletin's text ends: the page's tail, a signature's date, the attachment list.
_END_LINE = re.compile(
    r"^(上一篇|下一篇|相关链接|相关文章|相关阅读|相关新闻|相关稿件|附件\s*[:：]?|附件\d|【打印|打印本页|"
    r"关闭窗口|分享到|扫一扫|责任编辑|编辑\s*[:：]|审核\s*[:：]|校对\s*[:：])"
)
_PLAN_TITLE = re.compile(r"(分解|分工|清单|计划|安排|要点|方案|任务书)")
_PROGRESS_TITLE = re.compile(r"(情况|进展|进度|通报|汇报|督查|成效|完成|落实)")


# The vocabulary of the genre: a page without any of it (a notice, a news item) is not a bulletin.
_GENRE_WORDS = re.compile(
    r"(重点工作|工作报告|目标任务|重点任务|工作任务|民生实事|为民办实事|民生工程|重点项目|重点建设项目|"
    r"重点工程|完成情况|进展情况|推进情况|落实情况|执行情况|进度情况|工作情况|序时进度|时序进度|时间进度|"
    r"督查|督办|任务分解|责任分工|工作要点|完成投资|投资计划|年度计划|年计划|年度目标|全年目标|进度报告|"
    r"工作进度|确定事项|最新进展)"
)
# A title that says the text reports progress: enough for a bulletin with no figures at all.
_REPORT_TITLE = re.compile(
    r"(完成情况|进展情况|推进情况|落实情况|执行情况|进度情况|工作情况|通报|督查)"
)


def reads_as_bulletin(title: str, body: str) -> bool:
    """Whether a page speaks of tasks and their progress at all (its title, or its text)."""
    return bool(_GENRE_WORDS.search(title) or _GENRE_WORDS.search(body))


def is_plan_title(title: str) -> bool:
    """A title of a plan (责任分解 / 分工 / 清单 / 工作要点) rather than of a progress report."""
    return bool(_PLAN_TITLE.search(title)) and not _PROGRESS_TITLE.search(title)


# --- targets within a task -------------------------------------------------------------------------

# A sentence that states the year's goal.
_TARGET_WORDS = re.compile(
    r"(^|[,，:：。;；\s])(全年|年度|今年)?(目标|计划|任务|预期)(任务|目标)?(是|为|[:：])|力争|确保|"
    r"年度任务|年度目标|全年目标|预期目标|目标任务|计划(全年)?(完成|实现|新增|新建|建成|投资|改造)|"
    r"全年(要|将|需|计划|预计)"
)
# ... unless it reports how far the goal is reached (完成全年目标的52%) or what was done.
_REPORTS_PROGRESS = re.compile(
    r"(完成|占)(全年|年度|年初)?(目标|计划|任务|预算)(任务)?的|完成率|已(经)?|累计|同比|实际(完成)?|"
    r"序时进度|超额完成|提前完成"
)
# A sentence that opens a report on the task: a period or a report word first.
_PROGRESS_OPENER = re.compile(
    r"^(\d{4}年)?(今年以来|年初以来|上半年|一季度|二季度|三季度|前三季度|全年[,，]|\d{1,2}\s?[-—–至]\s?\d{1,2}月|"
    r"截[至止]|目前|至\d{1,2}月|\d{1,2}月(份|底|末)|实际|完成情况|进展情况|推进情况|落实情况|工作进展)"
)
# A target in brackets after the figure that reports on it: 增长9.1%(目标8%)
_BRACKETED_TARGET = re.compile(r"[(（](全年|年度)?(预期|控制|计划)?目标[^()（）]{0,24}[)）]")
_SENTENCE = re.compile(r"[^。;；!！?？\n]+[。;；!！?？]?")


@dataclass
class _Unit:
    family: str | None
    number: int
    level: int
    lines: list[Cell] = field(default_factory=list)  # first line starts after the marker
    children: list[_Unit] = field(default_factory=list)
    parent: _Unit | None = None

    @property
    def heading(self) -> str:
        return self.lines[0].text if self.lines else ""


def _sentences(body: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    for m in _SENTENCE.finditer(body, start, end):
        a, b = m.start(), m.end()
        while a < b and body[a] in " \n":
            a += 1
        if a < b:
            out.append((a, b))
    return out


def target_ranges(body: str, start: int, end: int, restated: bool = True) -> list[tuple[int, int]]:
    """The sentences of ``body[start:end]`` that state the year's goal.

    Those that say so (目标:增长8%左右; 力争全年…); and, when a later sentence opens a report on the
    task (上半年… / 截至6月底… / 目前…) and nothing before it reports anything, the sentences before
    it: the task as restated from the work report (``restated``).
    """
    sentences = _sentences(body, start, end)
    ranges = []
    for a, b in sentences:
        text = body[a:b]
        if _TARGET_WORDS.search(text) and not _REPORTS_PROGRESS.search(text):
            ranges.append((a, b))
    ranges += [m.span() for m in _BRACKETED_TARGET.finditer(body, start, end)]
    if restated:
        opener = next(
            (i for i, (a, b) in enumerate(sentences) if i and _PROGRESS_OPENER.match(body[a:b])),
            None,
        )
        if opener is not None:
            lead = sentences[:opener]
            if not any(
                _REPORTS_PROGRESS.search(body[a:b]) or _PROGRESS_OPENER.match(body[a:b])
                for a, b in lead
            ):
                ranges.extend(lead)
    return sorted(set(ranges))


# --- the outline -----------------------------------------------------------------------------------


# In text whose line breaks were lost, a numbered heading still follows a space: 。 一、完成情况 (一)…
_RUN_IN_HEADING = re.compile(
    r"(?<=\s)(?=[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[.、](?!\d))"
)


def _broken_lines(body: str) -> list[Cell]:
    """The text's lines; a very long line is broken before the numbered headings inside it."""
    out: list[Cell] = []
    for line in iter_lines(body):
        if len(line.text) < 300:
            out.append(line)
            continue
        cuts = [line.start] + [
            m.start() for m in _RUN_IN_HEADING.finditer(body, line.start, line.end)
        ]
        for a, b in zip(cuts, cuts[1:] + [line.end], strict=True):
            text = body[a:b].strip()
            if text:
                lead = len(body[a:b]) - len(body[a:b].lstrip())
                out.append(Cell(text, a + lead, a + lead + len(text)))
    return out


def _content_lines(body: str, title: str) -> list[Cell]:
    """The lines of the bulletin's own text: after its title and info block, before the page's tail."""
    lines = _broken_lines(body)
    start = 0
    for i, line in enumerate(lines[:80]):
        text = line.text
        if (
            (title and (text == title or (title in text and len(text) <= len(title) + 30)))
            or _HEAD_LINE.search(text)
            or is_breadcrumb(text)
        ):
            start = i + 1
        elif len(text) > 100:
            break  # the text has begun: a source line after it is its tail, not the page's head
    content: list[Cell] = []
    for line in lines[start:]:
        # chrome words can stand in a sentence (经主办单位分解): only a short line is the page's tail
        if _END_LINE.match(line.text) or (is_chrome(line.text) and content and len(line.text) < 60):
            break
        if (is_chrome(line.text) and len(line.text) < 60) or _HEAD_LINE.match(line.text):
            continue
        if not content and (is_date_line(line.text) or is_signature_line(line.text)):
            continue  # a masthead before the text: the issuing office and the date
        content.append(line)
    # a signature at the end: the issuing office's name and the date
    while content and (is_date_line(content[-1].text) or is_signature_line(content[-1].text)):
        content.pop()
    return content


def _outline(body: str, lines: list[Cell]) -> tuple[list[Cell], list[_Unit]]:
    """The lines before the first numbered unit, and the numbered units as a tree."""
    lead: list[Cell] = []
    roots: list[_Unit] = []
    stack: list[_Unit] = []
    for line in lines:
        marker = line_marker(body, line.start, line.end)
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
        unit = _Unit(family, number, len(stack), parent=parent)
        unit.lines.append(Cell(body[text_start : line.end], text_start, line.end))
        (parent.children if parent else roots).append(unit)
        stack.append(unit)
    return lead, roots


def _leaves_and_leads(units: list[_Unit]):
    """Depth first: (unit, lines of the task, group label) for each task the outline holds."""
    for unit in units:
        if unit.children:
            if any(has_figure(line.text) for line in unit.lines):
                yield unit, unit.lines, _label_of(unit.parent)
            yield from _leaves_and_leads(unit.children)
        else:
            yield unit, unit.lines, _label_of(unit.parent)


def _label_of(unit: _Unit | None) -> str | None:
    if unit is None:
        return None
    return _heading_text(unit)


def _heading_text(unit: _Unit) -> str:
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


def _numeral(unit: _Unit) -> str:
    n = unit.number
    if unit.family in ("arabic", "paren"):
        return str(n)
    if unit.family == "circled":
        return _CIRCLED[n - 1] if n <= 20 else str(n)
    if n <= 10:
        return _CN[n - 1]
    return ("" if n < 20 else _CN[n // 10 - 1]) + "十" + (_CN[n % 10 - 1] if n % 10 else "")


def _task(body: str, seq: int, lines: list[Cell], group: str | None, plan: bool) -> Task:
    start, end = lines[0].start, lines[-1].end
    targets = [] if plan else target_ranges(body, start, end)
    # the task as stated: its leading target sentences, else its first sentence (its heading)
    sentences = _sentences(body, start, end)
    task_end = sentences[0][1] if sentences else end  # a numbered line with nothing after it
    for a, b in targets:
        if a <= task_end + 1 and b > task_end:
            task_end = b
    task_end = min(task_end, lines[0].end) if not targets else task_end
    text = body[start:task_end].rstrip()
    rest_start = task_end
    while rest_start < end and body[rest_start] in " \n":
        rest_start += 1
    progress = (rest_start, end) if rest_start < end else (start, end)
    task = Task(
        seq=seq,
        text=text,
        title=task_title(text),
        char_start=start,
        char_end=start + len(text),
        progress_text=body[progress[0] : progress[1]],
        progress_start=progress[0],
        progress_end=progress[1],
        group_label=group,
    )
    task.items = split_items(body, lines)
    task.spans = [Span(SECTION_PROGRESS, start, end)]
    task.target_ranges = targets
    return task


def read_prose(body: str, title: str, plan: bool = False) -> list[Task]:
    """The tasks of a bulletin written as numbered prose, in reading order (empty if it has none).

    Without numbering, the text is one task. A bulletin with neither numbering nor figures is one
    only if its title says it reports progress (a 督查 通报 in words alone)."""
    lines = _content_lines(body, title)
    if not lines or not reads_as_bulletin(title, body):
        return []
    lead, roots = _outline(body, lines)
    lead = _without_intro(lead)
    blocks: list[tuple[list[Cell], str | None]] = []
    if lead and (any(has_figure(line.text) for line in lead) or not roots):
        blocks.append((lead, None))
    for _, unit_lines, group in _leaves_and_leads(roots):
        blocks.append((unit_lines, group))
    blocks = [(ls, g) for ls, g in blocks if ls]
    has_figures = any(has_figure(line.text) for ls, _ in blocks for line in ls)
    if not blocks or (not roots and not has_figures and not _REPORT_TITLE.search(title)):
        return []
    return [_task(body, seq, ls, g, plan) for seq, (ls, g) in enumerate(blocks, start=1)]


def lead_before(body: str, title: str, end: int, plan: bool = False) -> Task | None:
    """The text before a bulletin's table, as a task of its own (seq 0) when it states figures:
    a tally of the tasks by status, a headline paragraph of the main indicators."""
    lines = _without_intro([ln for ln in _content_lines(body, title) if ln.end <= end])
    if not any(has_figure(line.text) for line in lines):
        return None
    return _task(body, 0, lines, None, plan)


def tasks_have_figures(tasks: list[Task], body: str) -> bool:
    return any(t.column_figures for t in tasks) or any(
        has_figure(body[s.start : s.end]) for t in tasks for s in t.spans
    )


_INTRO = re.compile(r"(通报如下|报告如下|汇报如下|情况如下|如下[:：]\s*$)")


def _without_intro(lines: list[Cell]) -> list[Cell]:
    """The lead text without an introduction that only announces what follows (现将…通报如下:),
    nor an addressee line (各乡镇人民政府,县政府各部门:)."""
    return [
        line
        for line in lines
        if has_figure(line.text)
        or not (_INTRO.search(line.text) or re.match(r"^各.{0,40}[:：]$", line.text))
    ]
