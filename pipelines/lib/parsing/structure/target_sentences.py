"""The sentences of a task that state the year's goal (its targets, section ``task``): those that say
so (目标 / 计划 / 力争 / 年度任务 / 预期 …), a target in brackets after the figure that reports on it,
and the task as restated from the work report when the paragraph goes on to report on it
(``新建学校3所。上半年,已开工2所``)."""

from __future__ import annotations

import re

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


def sentences(body: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of the sentences of ``body[start:end]``, each without its leading blanks."""
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
    found = sentences(body, start, end)
    ranges = []
    for a, b in found:
        text = body[a:b]
        if _TARGET_WORDS.search(text) and not _REPORTS_PROGRESS.search(text):
            ranges.append((a, b))
    ranges += [m.span() for m in _BRACKETED_TARGET.finditer(body, start, end)]
    if restated:
        opener = next(
            (i for i, (a, b) in enumerate(found) if i and _PROGRESS_OPENER.match(body[a:b])),
            None,
        )
        if opener is not None:
            lead = found[:opener]
            if not any(
                _REPORTS_PROGRESS.search(body[a:b]) or _PROGRESS_OPENER.match(body[a:b])
                for a, b in lead
            ):
                ranges.extend(lead)
    return sorted(set(ranges))
