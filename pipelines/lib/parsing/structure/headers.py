"""What every table reader shares: column roles from headers and from what cells hold, rows of
cells, group headings, page chrome.

The input is the normalised body text; every cell keeps its character span in that text, so figures
found later can point back at exactly what was written.
"""

from __future__ import annotations

import re

from ..figures.finder import unit_of_header
from ..model import (
    ROLE_MEASURE,
    ROLE_OTHER,
    ROLE_PROGRESS,
    ROLE_ROW_UNIT,
    ROLE_SCHEDULE,
    ROLE_SEQ,
    ROLE_STATUS,
    ROLE_TASK,
    ROLE_UNIT,
    Table,
)

# Header vocabulary. Headers can be spaced out (主 要 工 作 任 务): spaces are removed before matching.
# Known words first; then what a header ends with (…事项, …任务, …情况): tables name their columns in
# many ways, and the words that end a header say what the column holds.
_SEQ_HEADERS = re.compile(r"^(序号|编号|序|号|项次|排序)$")
_STATUS_HEADERS = re.compile(r"^.{0,6}(状态|是否完成|进度评价|完成与否|亮灯|评价|等次|类别)$")
_SCHEDULE_HEADERS = re.compile(
    r"^.{0,6}(进度安排|时间节点|完成时限|时间安排|计划完成时间|完成时间|时限|时间要求|节点安排|"
    r"序时进度|节点目标|推进计划|工作计划|时序安排)$"
)
_UNIT_HEADERS = re.compile(
    r"^(牵头|责任|牵头责任|配合|主办|协办|承办|责任牵头|协同责任|牵头负责|主责|协同|参与)(单位|部门|科室)$|"
    r"^部门分工$"
)
_OTHER_HEADERS = re.compile(
    r"^(备注|分管(市长|领导|副市长|县长|副县长|区长|副区长|省领导)|(责任|牵头|包抓|联系|分管)领导|"
    r"(具体)?责任人|联系人|存在问题|下步打算|下一步(工作)?(措施|计划|打算))$|"
    # a task's number in another list (市折子号, 任务编号): a reference, not this table's order
    r"^.{1,6}(折子号|编号|清单号)$"
)
_PROGRESS_HEADERS = re.compile(
    r"^.{0,12}(完成情况|进展情况|推进情况|落实情况|进度情况|执行情况|工作进展|进展|完成进度|"
    r"推进落实情况|当前进度|形象进度|工作进度|进度|落实结果|完成结果|工作成效|成效|办理情况)$"
)
# A column of the year to date (1-3月, 上半年, 前三季度, 截至6月底, 1-6月完成): what was reached by
# then, its progress (a 全年 or 2024年 column is the year's target)
_TO_DATE_HEADERS = re.compile(
    r"^(1\s?[-—–~至]\s?\d{1,2}月份?|前?[一二三]季度|上半年|前三季度|"
    r"截至\d{1,2}月(底|末|\d{1,2}日)?)(?P<done>(累计)?(完成|完成数|完成值|实绩|实际))?$"
)
# … which, named bare (上半年), is a milestone of the plan in a table that states the year's target
_TARGET_HEADER = re.compile(r"目标|计划|任务|节点|安排")


def header_row_roles(texts: list[str]) -> list[str | None]:
    """The roles of a header row's cells (:func:`classify_header`), a bare period column (上半年,
    1-3月) read as a plan's milestone, not progress, when another column names a target (全年目标 |
    上半年 | 责任单位)."""
    roles = [classify_header(t) for t in texts]
    if not any(_TARGET_HEADER.search(t) for t in texts):
        return roles
    return [
        None
        if role == ROLE_PROGRESS
        and (m := _TO_DATE_HEADERS.match(re.sub(r"\s+", "", t)))
        and not m.group("done")
        else role
        for t, role in zip(texts, roles, strict=True)
    ]


_TASK_HEADERS = re.compile(
    r"^((\d{4}年)?(度)?(重点工作|重点任务|重点工作任务|主要工作任务|主要任务|工作任务|目标任务|"
    r"内容与要求|承担的重点工作|重点工作内容|工作内容|任务内容|具体任务|工作目标|目标要求|任务)"
    r"(内容)?)$|"
    r"^.{0,14}(事项|任务|工作|内容|目标|名称|项目|举措|措施|要求|指标|实事|工程)(内容|名称|清单)?$|"
    # the task's name and more it says of it: 项目内容及居民受益面, 工作任务和完成时限
    r"^(项目|工作|任务|建设|实事|民生实事)(内容|名称|任务)[及和与、].{1,12}$"
)
# A measure column: its header names the unit (完成投资(万元), 完成率(%), 新增就业(人)).
_MEASURE_HEADER = re.compile(
    r"^(?P<measure>[^()（）]{1,24}?)\s*[(（](?P<unit>[^()（）]{1,8})[)）]$"
)

# An indicator table's unit column (单位, 计量单位): the unit of each row's numbers, not its bodies
_ROW_UNIT_HEADERS = re.compile(r"^(计量|计算)?单位$")
# … and the columns whose bare numbers are in that unit: the target (工作目标, 目标任务, 年度目标,
# 计划) and what is done (已完成数, 完成数, 累计完成, 实际完成)
_ROW_QUANTITY_HEADERS = re.compile(r"^.{0,6}(目标|计划|任务|完成|完成数|完成量|完成值)$")


def _row_quantity_header(cell: str) -> bool:
    """Whether a header names a target or a quantity done without naming its unit."""
    text = re.sub(r"\s+", "", cell)
    return (
        len(text) <= 10
        and bool(_ROW_QUANTITY_HEADERS.match(text) or _TO_DATE_HEADERS.match(text))
        and not measure_header(text)
    )


def row_quantity_columns(
    headers: list[str], roles: list[str | None], replaceable: tuple[str | None, ...]
) -> list[int]:
    """The columns after an indicator table's unit column (单位) whose headers name a target or a
    quantity done (工作目标, 已完成数) and whose role, one of ``replaceable``, gives way to a measure:
    their bare numbers are in each row's unit."""
    at = roles.index(ROLE_ROW_UNIT)
    return [
        i
        for i in range(at + 1, len(roles))
        if roles[i] in replaceable and _row_quantity_header(headers[i])
    ]


# Numbered headings and sentences are never column headers (二、重点项目 heads a group of rows).
_NOT_A_HEADER = re.compile(r"^([一二三四五六七八九十]+、|[(（]|\d+[.、])|[,，。;；:：!！?？]")
# A header that names the progress first and more after it: 进展情况、存在问题及下一步打算
_PROGRESS_FIRST = re.compile(r"^(完成情况|进展情况|推进情况|落实情况|工作进展|进展)[、及和]")


# A rate's header names no unit: its unit is the percent (完成率, 完成比例, 占比).
_RATE_HEADER = re.compile(r"^[^()（）]{0,12}(率|比例|比重|占比|之比)$")


def measure_header(cell: str) -> tuple[str, str] | None:
    """(measure, unit) of a header that names its unit: 完成投资(万元) -> (完成投资, 万元); a rate's
    header its percent: 完成率 -> (完成率, %)."""
    text = re.sub(r"\s+", "", cell)
    if _RATE_HEADER.match(text):
        return text, "%"
    m = _MEASURE_HEADER.match(text)
    if not m:
        return None
    unit = unit_of_header(m.group("unit"))
    return (m.group("measure"), unit) if unit else None


# A header's qualifier in brackets that names no unit: 落实情况(全年), 完成情况(截至6月底),
# 进展情况(截至6月底,含工作量,投资额)
_QUALIFIER = re.compile(r"[(（][^()（）]{1,24}[)）]$")


# A header names its columns in a few words (and a note in brackets: 进展情况(截至6月底,含…)); a cell
# of a sentence (long, or ending one with 。, or with clauses) is a data row's, whatever words it
# shares with a header (已完成二季度任务 beside 项目位于…,预计2024年5月完工…)
HEADER_CELL_CHARS = 40
_SENTENCE_CELL = re.compile(r"。|[,，].*[,，]")
_BRACKETED = re.compile(r"[(（][^()（）]*[)）]")


def is_sentence_cell(text: str) -> bool:
    """A cell that is a sentence, not a column's name (its notes in brackets aside)."""
    words = _BRACKETED.sub("", text)
    return len(words) > HEADER_CELL_CHARS or bool(_SENTENCE_CELL.search(words))


def classify_header(cell: str) -> str | None:
    """The role of a header cell, or None if the text is not a known column header."""
    text = re.sub(r"\s+", "", cell)
    if _QUALIFIER.search(text) and not measure_header(text):
        text = _QUALIFIER.sub("", text)
    if _PROGRESS_FIRST.match(text) and len(text) <= 30:
        return ROLE_PROGRESS
    if not text or len(text) > 24 or _NOT_A_HEADER.search(text):
        return None
    if _SEQ_HEADERS.match(text):
        return ROLE_SEQ
    if _ROW_UNIT_HEADERS.match(text):
        return ROLE_ROW_UNIT
    if measure_header(text):
        return ROLE_MEASURE
    if _UNIT_HEADERS.match(text):
        return ROLE_UNIT
    if _OTHER_HEADERS.match(text):
        return ROLE_OTHER
    if _SCHEDULE_HEADERS.match(text):
        return ROLE_SCHEDULE
    if _STATUS_HEADERS.match(text):
        return ROLE_STATUS
    if _PROGRESS_HEADERS.match(text) or _TO_DATE_HEADERS.match(text):
        return ROLE_PROGRESS
    if _TASK_HEADERS.match(text):
        return ROLE_TASK
    return None


_GROUP_HEADING = re.compile(
    r"^\s*([一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])\s*\S"
)
_BARE_INT = re.compile(r"^\s*(\d{1,3})\s*[.、]?\s*$")


# --- what a cell holds ---------------------------------------------------------------------------

_STATUS_WORDS = re.compile(
    r"(完成|办结|推进|进度|序时|时序|滞后|缓慢|偏慢|较快|正常|顺利|有序|稳步|持续|进行|正在|启动|开工|"
    r"落后|超前|超额|提前|调整|达标|未达|良好|[红黄绿蓝橙](灯|码|牌|色)?)"
)
_UNIT_NAME = re.compile(
    r"(局|委|办|厅|院|中心|政府|公司|街道|镇|乡|部|会|所|队|站|集团|管委会|园区|开发区|银行|单位|处|科|室|"
    r"分局|馆|台|社|团|区|县|市)$"
)


def looks_like_status(text: str) -> bool:
    """Short status words: 顺利推进, 已完成, 序时推进, 滞后 (no figures, no sentence)."""
    text = text.strip(" 。.")
    return (
        0 < len(text) <= 12
        and not re.search(r"\d", text)
        and not re.search(r"[,，;；。]", text)
        and bool(_STATUS_WORDS.search(text))
    )


def looks_like_units(text: str) -> bool:
    """A list of responsible bodies: 市财政局、市税务局 / 市发改委(牵头) / ★市教育局."""
    names = [n for n in re.split(r"[、,，;；<>《》()（）\s★*]+", text) if n]
    if not names or len(text) > 80 or re.search(r"[。]|\d", text):
        return False
    return sum(bool(_UNIT_NAME.search(n)) or n in ("牵头", "配合") for n in names) >= len(names) / 2


def looks_like_measurement_unit(text: str) -> bool:
    """A unit of measurement written alone (万人, 公里, 万元, 元/月/人), as an indicator table's unit
    cell holds it; a unit per something counts as one even when the figures cannot take it."""
    text = text.strip()
    if unit_of_header(text):
        return True
    parts = text.split("/")
    return (
        len(parts) > 1
        and len(text) <= 10
        and all(unit_of_header(p) or p in _PER_WORDS for p in parts)
    )


_PER_WORDS = {"年", "月", "日", "天", "人", "户", "次", "亩", "吨", "人次", "小时"}


def looks_like_seq(text: str) -> bool:
    return bool(_BARE_INT.match(text))


def relabel_status_columns(table: Table, texts_of: dict[str, list[str]]) -> None:
    """A column headed as progress (完成情况) whose cells are short status words is a status column:
    its words are the task's status, never its progress. ``texts_of``: each role's cell texts."""
    for role in (ROLE_PROGRESS, ROLE_OTHER):
        texts = [t for t in texts_of.get(role, []) if t]
        if len(texts) < 2 or ROLE_STATUS in table.roles:
            continue
        if sum(looks_like_status(t) for t in texts) >= 0.7 * len(texts):
            table.roles = [ROLE_STATUS if r == role else r for r in table.roles]
            for row in table.rows:
                if role in row.cells:
                    row.cells[ROLE_STATUS] = row.cells.pop(role)
