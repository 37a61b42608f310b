"""Reporting periods: the period a title names (上半年, 1-8月, 截至9月14日), the latest cut-off the
figures' period phrases reach, and the last day of a period."""

from __future__ import annotations

import re
from datetime import date

from ..read.numerals import chinese_number
from .dates import calendar_date

PERIOD_ENDS = {"一季度": (3, 31), "上半年": (6, 30), "前三季度": (9, 30), "全年": (12, 31)}
_CN_MONTH = r"(?:1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])"
_OF_YEAR = r"(?:(?:19|20)\d{2}\s?年)?"
# Period words of a title, most specific first: "2021年度重点工作上半年完成情况" is 上半年.
_TITLE_PERIODS: list[tuple[re.Pattern, str | None]] = [
    # (with the year or without: 截至2021年12月17日)
    (re.compile(rf"截[至止]\s?{_OF_YEAR}({_CN_MONTH})月\s?(\d{{1,2}})日"), "day"),
    (re.compile(rf"截[至止]\s?{_OF_YEAR}({_CN_MONTH})月(?:末|底|份)?"), "month"),
    # (a PDF's text may space the month from its word: 1 —8 月份; the first month may say 月:
    # 1月至5月, 1月-10月份)
    (
        re.compile(rf"(?<![\d十])(?:1|一|元)\s?月?\s?[-—–－~至到]\s?({_CN_MONTH})\s?月(?:份)?"),
        "month",
    ),
    # (not a time before something: 提前一个月, 超前, 年底前两个月, 春节前, 汛期前)
    (re.compile(rf"(?<![提超之以底节期末初中旬周天日])前\s?({_CN_MONTH}|两)个?月"), "month"),
    (re.compile(r"前三季度|第?三季度|三季度"), "前三季度"),
    (re.compile(r"(?:第?一|1|首)季度"), "一季度"),
    (re.compile(r"上半年|半年度|第?二季度|2季度|年中|(?<![下上])半年"), "上半年"),
    # … but 全年目标 / 年度计划 / 年度投资 name the year's goal, not the period (提前完成全年目标,
    # 提前完成年度自治区为民办实事…任务: what is done is the year's goal, whenever it is done;
    # 累计完成年度投资371亿元), nor does a year's work one issue of a series reports (2020年度政务
    # 督查(通报第8期): its period is the issue's)
    # … and a year's summary (工作总结, 一年来), or all of a year's projects done, is of the year
    (
        re.compile(
            r"第?四季度|(?<!提前完成)(全年|年度|全年度)(?!目标|计划|任务|预算|投资|[^。]{0,20}第\s?\d{1,3}\s?期|"
            # (the year's tasks counted: 推进年度100项重点任务)
            r"\d{1,4}\s?[项件个]|"
            # (a share of the year's work: 完成年度建设任务的85%, 年度工作量八成, 年度进度的78%)
            r"[^。]{0,12}?(?:的\s?\d|[一二三四五六七八九]成|进度))|年终|年底|工作总结|一年来|"
            # (the projects themselves done, not another task of theirs: 项目全部完成开工任务)
            r"过去的?一年|(?:实事|项目)\S{0,4}全[部面](?:如期)?完成(?=[。,，!！;；]|$|啦|了|情况)"
        ),
        "全年",
    ),
    # a report on a year's plan (计划执行情况) that names no other period is of the whole year
    (_PLAN_REPORT := re.compile(r"计划执行情况"), "全年"),
    (re.compile(rf"(?<![\d-])({_CN_MONTH})月份"), "month"),
]


def _month(token: str) -> int | None:
    value = int(token) if token.isdigit() else chinese_number(token.replace("两", "二"))
    return value if value and 1 <= value <= 12 else None


def month_end(year: int, month: int) -> date:
    following = date(year + (month == 12), month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


def month_period(year: int | None, month: int) -> tuple[str, date | None]:
    """The period that runs from January to the end of ``month`` (1-N月)."""
    return f"1-{month}月", month_end(year, month) if year else None


# A period a goal is set for (确保一季度…“开门红”, 力争上半年…): not the one the text reports
_GOAL_BEFORE = re.compile(r"(?:确保|力争|争取|力促|冲刺)\s?$")


def _a_goals(text: str, m: re.Match) -> bool:
    return bool(_GOAL_BEFORE.search(text, max(0, m.start() - 4), m.start()))


def period_of_title(title: str, year: int | None) -> tuple[str | None, date | None]:
    """The reporting period a title names, with its end date (when the year is known): the most
    specific its words name (2021年度重点工作上半年完成情况 is 上半年)."""
    for pattern, kind in _TITLE_PERIODS:
        for m in pattern.finditer(title):
            period = None if _a_goals(title, m) else _period(m, kind, year)
            if period is not None:
                return period
    return None, None


def period_of_opening(text: str, year: int | None) -> tuple[str | None, date | None]:
    """The reporting period the opening of a text names first (省政府通报1-10月份…进展情况。截至11月14日,
    …: 1-10月): the sentence that says what the text reports on comes before its other dates."""
    found = []
    for order, (pattern, kind) in enumerate(_TITLE_PERIODS):
        if pattern is _PLAN_REPORT and found:
            continue  # (…计划执行情况的报告》。上半年计划执行情况: another period named)
        for m in pattern.finditer(text):
            period = None if _a_goals(text, m) else _period(m, kind, year)
            if period is not None:
                found.append((m.start(), order, period))
                break
    return min(found)[2] if found else (None, None)


def _period(m: re.Match, kind: str | None, year: int | None) -> tuple[str, date | None] | None:
    if kind == "day":
        month, day = _month(m.group(1)), int(m.group(2))
        if month is None:
            return None
        label = f"截至{month}月{day}日"
        try:
            return label, date(year, month, day) if year else None
        except ValueError:
            return label, None
    if kind == "month":
        month = _month(m.group(1))
        return None if month is None else month_period(year, month)
    month, day = PERIOD_ENDS[kind]
    return kind, date(year, month, day) if year else None


# The cut-off dates of the figures in the text: 1-8月, 截至8月末, 截至9月14日, 元至八月, 上半年 …
_TEXT_CUTOFF = re.compile(
    rf"(?:(?<![\d十])(?:1|一|元)\s?月?\s?[-—–－~至到]\s?({_CN_MONTH})月|截[至止](?:\d{{4}}年)?\s?({_CN_MONTH})月"
    r"(?:(\d{1,2})日)?|(一季度|上半年|前三季度))"
)
_PERIOD_MONTH = {"一季度": 3, "上半年": 6, "前三季度": 9}


def latest_cutoff(texts: list[str]) -> tuple[int, int | None] | None:
    """The latest (month, day) the figures' period phrases reach (1-8月, 截至9月14日, 上半年)."""
    found = []
    for text in texts:
        for m in _TEXT_CUTOFF.finditer(text):
            if m.group(4):
                found.append((_PERIOD_MONTH[m.group(4)], None))
                continue
            month = _month(m.group(1) or m.group(2))
            if month:
                found.append((month, int(m.group(3)) if m.group(3) else None))
    if not found:
        return None
    return max(found, key=lambda md: (md[0], md[1] or 32))


def cutoff_period(year: int | None, cutoff: tuple[int, int | None]) -> tuple[str, date | None]:
    month, day = cutoff
    if day is None:
        return month_period(year, month)
    try:
        return f"截至{month}月{day}日", date(year, month, day) if year else None
    except ValueError:
        return month_period(year, month)


def end_of_period(period: str | None, year: int | None) -> date | None:
    """The last day of a period label (一季度, 1-8月, 截至9月14日) in ``year``."""
    if period is None or year is None:
        return None
    if period in PERIOD_ENDS:
        month, day = PERIOD_ENDS[period]
        return date(year, month, day)
    m = re.fullmatch(r"截至(\d{1,2})月(\d{1,2})日", period)
    if m:
        return calendar_date(str(year), m.group(1), m.group(2))
    m = re.fullmatch(r"1-(\d{1,2})月", period)
    return month_end(year, int(m.group(1))) if m else None
