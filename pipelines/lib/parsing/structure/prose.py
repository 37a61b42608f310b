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

The text's own lines are found by :mod:`.content_lines`, read as an outline by :mod:`.outline`;
the target sentences are found by :mod:`.target_sentences`.
"""

from __future__ import annotations

import re

from ..figures.finder import has_figure
from ..metadata.titles import REPORT_NAMES
from ..model import SECTION_PROGRESS, Cell, Span, Task
from .content_lines import content_lines
from .items import split_items, task_title
from .outline import leaves_and_leads, outline
from .target_sentences import sentences, target_ranges

_PLAN_TITLE = re.compile(r"(分解|分工|清单|计划|安排|要点|方案|任务书)")
_PROGRESS_TITLE = re.compile(r"(情况|进展|进度|通报|汇报|督查|成效|完成|落实)")


# The vocabulary of the genre: a page without any of it (a notice, a news item) is not a bulletin.
_GENRE_WORDS = re.compile(
    r"(重点工作|工作报告|目标任务|重点任务|工作任务|民生实事|为民办实事|民生工程|重点项目|重点建设项目|"
    r"重点工程|完成情况|进展情况|推进情况|落实情况|执行情况|进度情况|工作情况|序时进度|时序进度|时间进度|"
    r"督查|督办|任务分解|责任分工|工作要点|完成投资|投资计划|年度计划|年计划|年度目标|全年目标|进度报告|"
    r"工作进度|确定事项|最新进展|占计划|为计划的|完成计划)"
)
# A title that says the text reports progress: enough for a bulletin with no figures at all.
_REPORT_TITLE = re.compile(REPORT_NAMES)


# What a text that reports progress says somewhere: something done, a cut-off date, a change on
# the year before, or a period of this year with what was done in it
_SOMETHING_DONE = re.compile(
    r"已完成|累计完成|已建成|已开工|完成投资|截至|截止|同比(?:增长|下降|提高|减少)|"
    r"(?:上半年|前三季度|[一二三]季度|1\s?[-—至]\s?\d{1,2}月)[^。\n]{0,16}?(?:完成|实现|新增|增长|建成)"
)


def reports_done(body: str) -> bool:
    """Whether a text says anywhere that something was done (已完成, 累计完成, 截至 …)."""
    return bool(_SOMETHING_DONE.search(body))


# Work done, stated with its figure (已办结296件, 新建2处坡道, 完成投资26.7亿元, 开工18个): not a date
# alone (截至, 截止: a census or a tender notice has them) nor a change alone (同比增长: statistics)
_WORK_DONE = re.compile(
    r"(?:完成|建成|开工|竣工|完工|办结|新增|新建|改造|投入|开通|交付|惠及|签约)"
    r"[^。\n,，;；:：]{0,12}?\d|"
    # projects started again, counted (开复工247个; not a policy on 复工后3个月内…)
    r"(?:开复工|复工)[^。\n,，;；:：\d]{0,6}?\d+(?:\.\d+)?\s?[个项家座处](?!月)"
)


def states_work_done(body: str) -> bool:
    """Whether a text states, with its figure, work that was done (新建2处, 完成投资26.7亿元)."""
    return bool(_WORK_DONE.search(body))


# Marks of progress a plan's announcement does not carry: what has been done (已有29个开工建设,
# 已竣工9个, 目前已…), money arrived (实际到位), a share of the year's target reached (为年度计划的73%)
_PROGRESS_MARKS = re.compile(
    r"已(?:有|经)?[^。\n,，;；]{0,8}?(?:竣工|完工|开工|建成|完成|办结|落地|投用|投产|开通)|目前已|"
    r"实际到位|为(?:年度|全年)(?:计划|目标|任务)的|占(?:年度|全年)(?:计划|目标|任务)的"
)


def reports_work_done(body: str) -> bool:
    """Whether a text says anywhere that something was done, in words a plan's announcement does not
    use (已完成, 截至 …; 已竣工9个, 目前已…, 实际到位, 为年度计划的73%)."""
    return reports_done(body) or bool(_PROGRESS_MARKS.search(body))


def reads_as_bulletin(title: str, body: str) -> bool:
    """Whether a page speaks of tasks and their progress at all: it names them (its title, or its
    text), or it states work done with its figures (a news report of how far the year's projects
    have come names no 重点工作 or 完成情况, but says what was finished: 已办结296件)."""
    return bool(_GENRE_WORDS.search(title) or _GENRE_WORDS.search(body) or states_work_done(body))


def is_plan_title(title: str) -> bool:
    """A title of a plan (责任分解 / 分工 / 清单 / 工作要点) rather than of a progress report."""
    return bool(_PLAN_TITLE.search(title)) and not is_progress_title(title)


def is_progress_title(title: str) -> bool:
    """A title that names a report of progress (情况, 进展, 通报, 完成 …)."""
    return bool(_PROGRESS_TITLE.search(title))


def _task(body: str, seq: int, lines: list[Cell], group: str | None, plan: bool) -> Task:
    # a number alone on its line (1. / 一、) heads the lines after it: the first of them is its text
    lines = [line for line in lines if line.text.strip()] or lines
    start, end = lines[0].start, lines[-1].end
    targets = [] if plan else target_ranges(body, start, end)
    # the task as stated: its leading target sentences, else its first sentence (its heading)
    task_sentences = sentences(body, start, end)
    # without a sentence: a numbered line with nothing after it
    task_end = task_sentences[0][1] if task_sentences else end
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
        title=task_title(text, seq),
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
    lines = content_lines(body, title)
    if not lines or not reads_as_bulletin(title, body):
        return []
    lead, roots = outline(body, lines)
    lead = _without_intro(lead)
    blocks: list[tuple[list[Cell], str | None]] = []
    if lead and (any(has_figure(line.text) for line in lead) or not roots):
        blocks.append((lead, None))
    for _, unit_lines, group in leaves_and_leads(roots):
        blocks.append((unit_lines, group))
    blocks = [(ls, g) for ls, g in blocks if ls]
    has_figures = any(has_figure(line.text) for ls, _ in blocks for line in ls)
    if not blocks or (not roots and not has_figures and not _REPORT_TITLE.search(title)):
        return []
    return [_task(body, seq, ls, g, plan) for seq, (ls, g) in enumerate(blocks, start=1)]


def lead_before(body: str, title: str, end: int, plan: bool = False) -> Task | None:
    """The text before a bulletin's table, as a task of its own (seq 0) when it states figures:
    a tally of the tasks by status, a headline paragraph of the main indicators."""
    lines = _without_intro([ln for ln in content_lines(body, title) if ln.end <= end])
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
