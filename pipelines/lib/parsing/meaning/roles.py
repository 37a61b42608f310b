"""The role of each figure in what its bulletin states, so that summing the reported quantities of
a measure never counts one twice and never adds a target to an actual.

Roles (fact_metric.role), decided in this order, the first that applies:

- ``target``: a figure of the task as set for the year (section 'task': a task cell, a target
  sentence of prose, a plan's figures);
- ``quoted_target``: a target quoted in the progress text (提前完成“全年减负3150亿元”的目标任务);
- ``status_tally``: a count of tasks by status, or its share (已完成36个,占16.3%;超进度的有29个 …):
  the counts and shares of a sentence where two or more counts are stated right after a status;
- ``completion_ratio``: how far a target is reached (完成全年目标的52%, 占年计划的38.5%);
- ``benchmark``: a threshold or benchmark that is not a quantity of the task (10亿元以上项目), or a
  gap to one (高于全国平均0.5个百分点, 高出规模以上工业10.9个百分点, 低于序时进度11.5个百分点);
- ``breakdown_part``: a part of a stated breakdown (减税1740亿元 of 3252亿元), at any depth;
- ``breakdown_whole``: the whole of a stated breakdown that is no part of another (3252亿元);
- ``actual``: any other figure the progress reports.

The reported quantities of a measure are the rows of role ``actual`` and ``breakdown_whole``;
``breakdown_part`` rows detail a whole and are never added to it.
"""

from __future__ import annotations

import re

from ..model import SECTION_TASK, ParsedBulletin

TARGET = "target"
QUOTED_TARGET = "quoted_target"
ACTUAL = "actual"
BREAKDOWN_WHOLE = "breakdown_whole"
BREAKDOWN_PART = "breakdown_part"
COMPLETION_RATIO = "completion_ratio"
BENCHMARK = "benchmark"
STATUS_TALLY = "status_tally"
ROLES = (
    TARGET,
    QUOTED_TARGET,
    ACTUAL,
    BREAKDOWN_WHOLE,
    BREAKDOWN_PART,
    COMPLETION_RATIO,
    BENCHMARK,
    STATUS_TALLY,
)
# the roles whose figures are the reported quantities of their measure
REPORTED = (ACTUAL, BREAKDOWN_WHOLE)

_STATUS = re.compile(
    r"(已全部完成|全面完成|已完成|超进度|超序时|达进度|达序时|欠进度|滞后|序时推进|按序时|正常推进|"
    r"顺利推进|未启动|未完成|进展缓慢|未达序时)"
)
_TALLY_UNITS = ("项", "个", "件", "条", "%")
_STATUS_BEFORE = re.compile(_STATUS.pattern + r"(?:的有|的|有|为)?$")
_SENTENCE_END = re.compile(r"[。!！?？\n]")
# 10亿元以上项目, 5000万元以上的企业: a bound of a class of things, not a quantity
_THRESHOLD_AFTER = re.compile(r"(?:及)?(?:以上|以下)(?:的)?(?=[\u4e00-\u9fff])(?!的?(?:目标|任务))")
# a gap to a reference: 高于全国平均, 高出规模以上工业, 低于序时进度, 比全国平均高
_GAP_BEFORE = re.compile(
    r"(?:高于|低于|高出|低出|快于|慢于|领先|落后于|超出)[^,，;；。、\d]{0,12}$"
    r"|比(?:全国|全省|全市|全县|全区|平均|序时)[^,，;；。、\d]{0,8}(?:高|低|快|慢)$"
)


def _sentence_bounds(body: str, start: int, end: int) -> tuple[int, int]:
    lower = start
    while lower > 0 and not _SENTENCE_END.match(body, lower - 1):
        lower -= 1
    upper = end
    while upper < len(body) and not _SENTENCE_END.match(body, upper):
        upper += 1
    return lower, upper


def _tally_sentences(bulletin: ParsedBulletin) -> set[tuple[int, int]]:
    """Sentences counting tasks by status: two or more counts each stated right after a status
    (已完成36个, 超进度的有29个, 按序时推进的7件), not a count of things done (已完成改造6个)."""
    body = bulletin.body_text
    tied: dict[tuple[int, int], int] = {}
    for pf in bulletin.figures:
        figure = pf.figure
        if figure.unit not in _TALLY_UNITS:
            continue
        if _STATUS_BEFORE.search(body, max(0, figure.char_start - 12), figure.char_start):
            bounds = _sentence_bounds(body, figure.char_start, figure.char_end)
            tied[bounds] = tied.get(bounds, 0) + 1
    return {bounds for bounds, n in tied.items() if n >= 2}


def _clause_before(body: str, start: int) -> str:
    return body[max(0, start - 20) : start]


def _is_benchmark(body: str, figure) -> bool:
    if _THRESHOLD_AFTER.match(body, figure.char_end):
        return True
    return bool(_GAP_BEFORE.search(_clause_before(body, figure.char_start)))


def roles(bulletin: ParsedBulletin) -> list[str]:
    """The role of each of the bulletin's figures, in order."""
    body = bulletin.body_text
    parts = {p for ident in bulletin.identities for p in ident.parts}
    wholes = {ident.whole for ident in bulletin.identities}
    tallies = _tally_sentences(bulletin)
    out = []
    for index, pf in enumerate(bulletin.figures):
        figure = pf.figure
        bounds = _sentence_bounds(body, figure.char_start, figure.char_end)
        if pf.section == SECTION_TASK:
            role = TARGET
        elif figure.is_quoted_target:
            role = QUOTED_TARGET
        elif bounds in tallies and figure.unit in _TALLY_UNITS:
            role = STATUS_TALLY
        elif figure.metric_kind == "completion_ratio":
            role = COMPLETION_RATIO
        elif _is_benchmark(body, figure):
            role = BENCHMARK
        elif index in parts:
            role = BREAKDOWN_PART
        elif index in wholes:
            role = BREAKDOWN_WHOLE
        else:
            role = ACTUAL
        out.append(role)
    return out
