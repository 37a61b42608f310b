"""The role of each figure in what its bulletin states, so that summing the reported quantities of
a measure never counts one twice and never adds a target to an actual.

Roles (fact_metric.role), decided in this order, the first that applies:

- ``target``: a figure of the task as set for the year (section 'task': a task cell, a target
  sentence of prose, a plan's figures);
- ``quoted_target``: a target quoted in the progress text (提前完成“全年减负3150亿元”的目标任务), or
  named a target by the words around it: right after 全年 / 年度 + 目标任务 / 目标 / 任务 / 计划
  (完成全年目标任务5000人的84%) or before 的目标 / 的任务 (超额完成全年600张的目标); not a rate or a
  gap to a target;
- ``status_tally``: a count of tasks by status, or its share (已完成36个,占16.3%;超进度的有29个 …):
  the counts and shares of a sentence where two or more counts are stated right after a status;
- ``completion_ratio``: how far a target is reached (完成全年目标的52%, 占年计划的38.5%): a percentage
  right after 完成 / 占 / 为 / 是 / 达 + (全年 / 年度 …) 目标 / 任务 / 计划 + (a quoted figure) + 的
  (是年度任务的102.5%, 完成全年目标任务5000人的84%);
- ``benchmark``: a threshold or benchmark that is not a quantity of the task (10亿元以上项目), or a
  gap to one (高于全国平均0.5个百分点, 高出规模以上工业10.9个百分点, 低于序时进度11.5个百分点);
- ``scope``: the size of a set that the next figure of its clause counts a part of (全县100个重点项目
  已开工68个: 100个): the next figure follows with only words between them, among them one of progress
  (已, 中, 有, 开工, 建成 …), in the same unit and no larger;
- ``breakdown_part``: a part of a stated breakdown (减税1740亿元 of 3252亿元), at any depth; and any
  figure after 其中 in its sentence (as far as the breakdowns stage reads a 其中) of the unit of a
  reported figure before 其中 in that sentence, even when it is the only part (累计建成5G基站500个,
  其中一季度新建120个: 120个). Not percentages, percentage points or averages (人均, 平均), which are
  no parts of a sum;
- ``breakdown_whole``: the whole of a stated breakdown that is no part of another (3252亿元), and the
  last reported figure of a part's unit before its 其中 (500个);
- ``actual``: any other figure the progress reports;
- ``restated``: set after the measures are known (meaning/__init__.py): a reported figure
  (``actual`` or ``breakdown_whole``) whose raw text, measure and period a reported figure of an
  earlier task of the same bulletin already states (a figure restated in a second task).

The reported quantities of a measure are the rows of role ``actual`` and ``breakdown_whole``;
``breakdown_part`` rows detail a whole and are never added to it, ``scope`` rows count the set a
reported figure is part of, ``restated`` rows repeat one.
"""

from __future__ import annotations

import re

from ..figures.context import counts_within_set
from ..figures.vocabulary import AVERAGE_WORDS, RATE_BASE_UNITS
from ..model import SECTION_TASK, ParsedBulletin
from ..read.sentences import sentence_bounds

TARGET = "target"
QUOTED_TARGET = "quoted_target"
ACTUAL = "actual"
BREAKDOWN_WHOLE = "breakdown_whole"
BREAKDOWN_PART = "breakdown_part"
COMPLETION_RATIO = "completion_ratio"
BENCHMARK = "benchmark"
STATUS_TALLY = "status_tally"
SCOPE = "scope"
RESTATED = "restated"
ROLES = (
    TARGET,
    QUOTED_TARGET,
    ACTUAL,
    BREAKDOWN_WHOLE,
    BREAKDOWN_PART,
    COMPLETION_RATIO,
    BENCHMARK,
    STATUS_TALLY,
    SCOPE,
    RESTATED,
)
# the roles whose figures are the reported quantities of their measure
REPORTED = (ACTUAL, BREAKDOWN_WHOLE)

_STATUS = re.compile(
    r"(已全部完成|全面完成|已完成|超进度|超序时|达进度|达序时|欠进度|滞后|序时推进|按序时|正常推进|"
    r"顺利推进|未启动|未完成|进展缓慢|未达序时)"
)
_TALLY_UNITS = ("项", "个", "件", "条", "%")
_STATUS_BEFORE = re.compile(_STATUS.pattern + r"(?:的有|的|有|为)?$")
# 10亿元以上项目, 5000万元以上的企业: a bound of a class of things, not a quantity
_THRESHOLD_AFTER = re.compile(r"(?:及)?(?:以上|以下)(?:的)?(?=[\u4e00-\u9fff])(?!的?(?:目标|任务))")
# a gap to a reference: 高于全国平均, 高出规模以上工业, 低于序时进度, 比全国平均高
_GAP_BEFORE = re.compile(
    r"(?:高于|低于|高出|低出|快于|慢于|领先|落后于|超出)[^,，;；。、\d]{0,12}$"
    r"|比(?:全国|全省|全市|全县|全区|平均|序时)[^,，;；。、\d]{0,8}(?:高|低|快|慢)$"
)

# how far a target is reached: 是年度任务的102.5%, 完成全年目标任务5000人的84%, 为年计划的56%
_RATIO_BEFORE = re.compile(
    r"(?:完成|占|为|是|达到|达|相当于)(?:全年|年度|年初|今年|本年|年)?(?:目标任务|目标|任务|计划)"
    r"[^,，;；。:：]{0,12}?的$"
)
_PERCENT_UNITS = ("%", "‰")
# a target named by the words before it (完成全年目标任务5000人, 年度计划50亿元) or after it
# (超额完成全年600张的目标)
_TARGET_BEFORE = re.compile(r"(?:全年|年度|今年|本年)(?:目标任务|目标|任务|计划)[:：为是]?$")
_TARGET_AFTER = re.compile(r"的(?:全年|年度)?(?:目标任务|目标|任务)(?![\u4e00-\u9fff]*[率值])")
# a set and the part of it that the next figure counts: 100个重点项目已开工68个, 100个项目中有68个
_SUBSET = re.compile(r"其中")


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
            bounds = sentence_bounds(body, figure.char_start, figure.char_end)
            tied[bounds] = tied.get(bounds, 0) + 1
    return {bounds for bounds, n in tied.items() if n >= 2}


def _clause_before(body: str, start: int) -> str:
    return body[max(0, start - 20) : start]


def _is_benchmark(body: str, figure) -> bool:
    if _THRESHOLD_AFTER.match(body, figure.char_end):
        return True
    return bool(_GAP_BEFORE.search(_clause_before(body, figure.char_start)))


def _names_a_target(body: str, figure) -> bool:
    """A quantity of the progress text that the words around it call a target (not a rate, nor a
    gap to a target: 低于目标3.4个百分点)."""
    if figure.base_unit in RATE_BASE_UNITS or _is_benchmark(body, figure):
        return False
    if _TARGET_BEFORE.search(_clause_before(body, figure.char_start)):
        return True
    return bool(_TARGET_AFTER.match(body, figure.char_end))


def _is_completion_ratio(body: str, figure) -> bool:
    if figure.metric_kind == "completion_ratio":
        return True
    return figure.base_unit in _PERCENT_UNITS and bool(
        _RATIO_BEFORE.search(_clause_before(body, figure.char_start))
    )


def _counts_a_set(bulletin: ParsedBulletin, index: int) -> bool:
    """The figure counts a set the next figure counts a part of (全县100个重点项目已开工68个)."""
    if index + 1 >= len(bulletin.figures):
        return False
    pf, nxt = bulletin.figures[index], bulletin.figures[index + 1]
    figure, part = pf.figure, nxt.figure
    if nxt.task_seq != pf.task_seq or nxt.section != pf.section:
        return False
    if figure.base_unit in RATE_BASE_UNITS or part.base_unit != figure.base_unit:
        return False
    if part.base_value > figure.base_value:
        return False
    between = bulletin.body_text[figure.char_end : part.char_start]
    return counts_within_set(between)


def _whole_before_subset(bulletin: ParsedBulletin, index: int, out: list[str]) -> int | None:
    """The figure whose part this one is by a 其中 before it in its sentence: the last reported
    figure of its unit before the 其中."""
    body = bulletin.body_text
    figure = bulletin.figures[index].figure
    if (
        figure.base_unit in RATE_BASE_UNITS
        or figure.in_quote
        or AVERAGE_WORDS.search(figure.label or "")
    ):
        return None
    lower, _ = sentence_bounds(body, figure.char_start, figure.char_end)
    subset = None
    for m in _SUBSET.finditer(body, lower, figure.char_start):
        subset = m
    if subset is None:
        return None
    for j in range(index - 1, -1, -1):
        other = bulletin.figures[j]
        if other.figure.char_end <= lower or other.task_seq != bulletin.figures[index].task_seq:
            break
        if other.figure.char_end > subset.start():
            continue
        if (
            other.figure.base_unit == figure.base_unit
            and out[j] in (ACTUAL, BREAKDOWN_WHOLE, BREAKDOWN_PART)
            and not AVERAGE_WORDS.search(other.figure.label or "")
        ):
            return j
    return None


def roles(bulletin: ParsedBulletin) -> list[str]:
    """The role of each of the bulletin's figures, in order (all but ``restated``, which needs the
    measures: meaning/__init__.py)."""
    body = bulletin.body_text
    parts = {p for ident in bulletin.identities for p in ident.parts}
    wholes = {ident.whole for ident in bulletin.identities}
    tallies = _tally_sentences(bulletin)
    out: list[str] = []
    for index, pf in enumerate(bulletin.figures):
        figure = pf.figure
        bounds = sentence_bounds(body, figure.char_start, figure.char_end)
        whole = None
        if pf.section == SECTION_TASK:
            role = TARGET
        elif figure.is_quoted_target or _names_a_target(body, figure):
            role = QUOTED_TARGET
        elif bounds in tallies and figure.unit in _TALLY_UNITS:
            role = STATUS_TALLY
        elif _is_completion_ratio(body, figure):
            role = COMPLETION_RATIO
        elif _is_benchmark(body, figure):
            role = BENCHMARK
        elif index in parts:
            role = BREAKDOWN_PART
        elif _counts_a_set(bulletin, index):
            role = SCOPE
        elif (whole := _whole_before_subset(bulletin, index, out)) is not None:
            role = BREAKDOWN_PART
        elif index in wholes:
            role = BREAKDOWN_WHOLE
        else:
            role = ACTUAL
        if whole is not None and out[whole] == ACTUAL:
            out[whole] = BREAKDOWN_WHOLE
        out.append(role)
    return out
