"""Finding the figures in a piece of bulletin text and saying what each one means.

A figure is a number with a unit: a count with its classifier (家, 个, 项, 台(套) …), an amount of
money, a physical measure, a percent or percentage points. Years, month ranges, ordinals, ranks,
document numbers and names containing numbers are not figures.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from ..model import Figure
from ..read.text import INVISIBLE
from .context import (
    INCREASE,
    clause_start,
    direction,
    figure_label,
    inside,
    list_kind,
    metric_kind,
    paragraph_start,
    period_before,
    qualifier,
    quote_spans,
    quotes_a_target,
)
from .labels import label_lists
from .vocabulary import (
    _PER_ALT,
    _UNIT_ALT,
    BASE_UNIT_ALIASES,
    KNOWN_BASE_UNITS,
    PERCENT_UNITS,
    PERIOD_PATTERN,
    SCALES,
)

__all__ = ["KNOWN_BASE_UNITS", "column_figure", "extract_figures", "has_figure"]

FIGURE_PATTERN = re.compile(
    r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)"
    r"\s?(?P<more1>多|余)?"
    r"(?P<scale>万亿|亿|万)?"
    r"(?P<more2>多|余)?"
    rf"(?:(?<=[万亿])\s(?={_UNIT_ALT}))?"  # a scale word and its unit a space apart (41.04万 平方米)
    rf"(?P<unit>{_UNIT_ALT})?"
    rf"(?P<per>/(?:{_PER_ALT}))?"
)


# What stands before the minus sign of a negative figure (增长-17.5%, 为-2.1%); after a digit or a
# unit the dash is a range (1-8月, 5%-8%)
_NOT_A_RANGE = re.compile(r"[长降为达是率值幅:：,，(（\s]")
_RANGE_UPPER = re.compile(
    rf"\s?[-—–－~至到]\s?\d+(?:\.\d+)?\s?(?P<scale>万亿|亿|万)?(?P<unit>{_UNIT_ALT})"
)


# A list of percentage points that writes the unit once, after its last item: 分别提高10.8个、7.9个百分点;
# 提高1.7和0.3个百分点. Each item before the last is of that unit too.
_POINTS_LIST_TAIL = re.compile(
    r"(?:\s?[、和及与]\s?\d+(?:\.\d+)?个?)*\s?[、和及与]\s?\d+(?:\.\d+)?\s?个?百分点"
)
# 前8个月: a period (the first eight months), not a duration
_PERIOD_MONTHS = re.compile(r"前\s?$")
# A production capacity that names a project is part of its name: 年产40000吨…项目, 年产高档磨具
# 3500吨生产线项目 (the capacity word earlier in the name), 126兆瓦风力发电项目, 200万吨石英砂制备
# 生产线, 2台66万千瓦超临界燃煤发电机组 (a plant's capacity right before what it is); the name runs to
# what the project is (项目, 工程, 生产线, 机组 …), through a list of names (、)
_CAPACITY = re.compile(
    r"(年产(?!值)|年处理|年加工|日处理|年存栏|年出栏|年吞吐)[^\d,，。;；、:：]{0,10}$"
)
_PROJECT = r"(?:项目|工程|生产线|机组|电厂|基地)"
# … a name, not a clause: none of what is done with a plant runs through it (并网发电, 保障电厂运行,
# 用于焚烧发电, 标准提升工程)
_NOT_IN_A_NAME = r"并网|实现|保障|确保|用于|带动|满发|运行|提升|推进|达到|完成|全部"
_NAME_ENDS_IN_PROJECT = re.compile(
    rf"(?:(?!{_NOT_IN_A_NAME})[^,，。;；:：!！?？()（）]){{0,40}}?{_PROJECT}"
)
_PLANT_CAPACITY = re.compile(r"^(万千瓦|千瓦|兆瓦|吉瓦|千伏|万吨|吨)$")
_PLANT_NAME = re.compile(rf"(?:(?!{_NOT_IN_A_NAME})[\u4e00-\u9fff]){{2,12}}?(?:{_PROJECT}|发电)")


# A service circle named by its radius in minutes (15分钟便民生活圈, 15 分钟就业服务圈): a name
_CIRCLE = re.compile(r"(?:(?!融入|形成|进入|构建|打造)[\u4e00-\u9fff“”\"]){0,10}?圈")
# A rank among others (进入前3名, 居前4位): a place in a list, not a quantity
_RANK_UNITS = ("名", "位")
_RANK_BEFORE = re.compile(r"(?<![目当此节年之以提空日])前\s?$")  # not 目前200名, 春节前300名


def _is_excluded(text: str, start: int, end: int, m: re.Match) -> bool:
    before = text[max(0, start - 3) : start]
    after = text[end : end + 3]
    if before.endswith(("第", "+", "〔", "[", "No.", "NO.")):
        return True
    if before and (before[-1].isascii() and before[-1].isalpha()):
        return True  # part of a code or name: G20, APP2
    if before.endswith(".") and before[:-1][-1:].isdigit():
        return True
    if re.search(r"\d{4}-$|\d-\d{1,2}-$", text[max(0, start - 8) : start]):
        return True  # a date (2020-12-21) or a code, not a range
    if after.startswith(("+", "版", "号", "届", "大")) and not m.group("unit"):
        return True
    if m.group("unit") == "个月" and _PERIOD_MONTHS.search(text, max(0, start - 2), start):
        return True
    if m.group("unit") == "分钟" and _CIRCLE.match(text, end):
        return True
    if m.group("unit") in _RANK_UNITS and _RANK_BEFORE.search(text, max(0, start - 3), start):
        return True
    if _CAPACITY.search(text, max(0, start - 16), start) and _NAME_ENDS_IN_PROJECT.match(text, end):
        return True
    unit = (m.group("scale") or "") + (m.group("unit") or "")
    if _PLANT_CAPACITY.match(unit) and _PLANT_NAME.match(text, end):
        return True
    return text[m.end() : m.end() + 1] == "级" or before.endswith(("×", "*", "x", "X"))


def extract_figures(text: str, lower: int = 0, upper: int | None = None) -> list[Figure]:
    """All figures in ``text[lower:upper]``, with spans relative to ``text``. An invisible
    character (normalised to U+200B) never splits a number or its unit: the figures are read on
    the text without them, and their spans put back on the text as written."""
    upper = len(text) if upper is None else upper
    if INVISIBLE not in text[lower:upper]:
        return _extract_figures(text, lower, upper)
    kept = [i for i in range(lower, upper) if text[i] != INVISIBLE]
    visible = "".join(text[i] for i in kept)
    return [
        replace(
            f,
            char_start=kept[f.char_start],
            char_end=kept[f.char_end - 1] + 1,
            raw_text=text[kept[f.char_start] : kept[f.char_end - 1] + 1],
        )
        for f in _extract_figures(visible, 0, len(visible))
    ]


def _extract_figures(text: str, lower: int, upper: int) -> list[Figure]:
    """The figures of ``text[lower:upper]`` (a text without invisible characters)."""
    upper = len(text) if upper is None else upper
    quotes = quote_spans(text[lower:upper])
    quotes = [(s + lower, e + lower, k) for s, e, k in quotes]
    figures: list[Figure] = []
    prev_end = lower
    pos = lower
    while True:
        m = FIGURE_PATTERN.search(text, pos, upper)
        if not m:
            break
        pos = m.end() if m.end() > m.start() else m.start() + 1
        figure = _figure_at(text, m, lower, upper, quotes, figures, prev_end)
        if figure is not None:
            figures.append(figure)
            prev_end = figure.char_end
    label_lists(text, figures)
    return figures


def _unit_words(text: str, m: re.Match, upper: int) -> tuple[str, str | None, int] | None:
    """The unit and scale words of a number matched by ``m``, and where the figure ends; None for a
    number without a unit."""
    unit_core = m.group("unit")
    scale_word = m.group("scale")
    if (
        not scale_word
        and unit_core in (None, "个")
        and _POINTS_LIST_TAIL.match(text, m.end(), upper)
    ):
        # an item of a list of percentage points written with the unit once, at its end
        return ("个百分点" if unit_core else "百分点"), None, m.end()
    if not unit_core and not scale_word and (rng := _RANGE_UPPER.match(text, m.end("num"), upper)):
        # a range's lower bound written without its unit (5-8%, 3-5万人): the upper bound's
        return rng.group("unit"), rng.group("scale"), m.end("num")
    if not unit_core and scale_word == "亿":
        return "", scale_word, m.end()  # "100亿" on its own is money in Chinese government text
    if not unit_core:
        return None
    return unit_core, scale_word, m.end()


def _signed_start(text: str, start: int, lower: int) -> tuple[int, int]:
    """Where a figure starts and its sign: 增长-17.5% is a negative figure, not a range."""
    if (
        start > lower
        and text[start - 1] in "-−－"
        and _NOT_A_RANGE.match(text[max(lower, start - 2) : start - 1] or " ")
    ):
        return start - 1, -1
    return start, 1


def _figure_at(
    text: str,
    m: re.Match,
    lower: int,
    upper: int,
    quotes: list[tuple[int, int, str]],
    figures: list[Figure],
    prev_end: int,
) -> Figure | None:
    """The figure a number matched by ``m`` states, read with the words around it (``figures``:
    those before it); None if the number is not a figure."""
    start = m.start()
    if start > 0 and (text[start - 1].isdigit() or text[start - 1] == "."):
        return None
    words = _unit_words(text, m, upper)
    if words is None:
        return None
    unit_core, scale_word, end = words
    if _is_excluded(text, start, end, m) or inside(start, quotes, "title"):
        return None
    num = float(m.group("num").replace(",", ""))
    if unit_core in ("年", "月"):
        return None
    start, sign = _signed_start(text, start, lower)
    scale = SCALES.get(scale_word or "", 1.0)
    per = m.group("per") or ""
    base_unit = BASE_UNIT_ALIASES.get(unit_core, unit_core or "元") + per
    if unit_core in PERCENT_UNITS and scale_word:
        return None
    prefix = text[max(clause_start(text, start), lower) : start]
    quote = next(((qs, qe) for qs, qe, k in quotes if k == "quote" and qs < start < qe), None)
    previous = figures[-1] if figures and figures[-1].char_end > lower else None
    return Figure(
        raw_text=text[start:end],
        value=sign * num,
        unit=(scale_word or "") + (unit_core or "") + per,
        scale=scale,
        base_value=sign * float(Decimal(m.group("num").replace(",", "")) * Decimal(int(scale))),
        base_unit=base_unit,
        qualifier=qualifier(text, start, end, lower, bool(m.group("more1") or m.group("more2"))),
        direction=direction(prefix),
        metric_kind=list_kind(figures, text, start, base_unit)
        or metric_kind(base_unit, text[max(lower, start - 12) : start]),
        label=figure_label(
            text,
            start,
            end,
            max(prev_end, quote[0] + 1) if quote else prev_end,
            quote,
            unit_core or "",
            previous,
        ),
        period_label=period_before(text, start, quotes, max(paragraph_start(text, start), lower)),
        char_start=start,
        char_end=end,
        in_quote=quote is not None,
        is_cumulative="累计" in prefix,
        is_quoted_target=bool(quote and quotes_a_target(text, quote[1], upper)),
    )


def has_figure(text: str) -> bool:
    """Whether the text states at least one figure."""
    return bool(extract_figures(text))


_HEADER_UNIT = re.compile(
    rf"^(?P<scale>万亿|亿|万)?(?P<unit>{_UNIT_ALT})(?P<per>/(?:{_PER_ALT}))?$"
)


def unit_of_header(text: str) -> str | None:
    """The unit a column header names in brackets (万元, %, 人, 公里), or None if it is not one."""
    text = text.strip()
    m = _HEADER_UNIT.match(text)
    if not m or (m.group("scale") and m.group("unit") in PERCENT_UNITS):
        return None
    return text


_RATIO_MEASURE = re.compile(r"(完成率|完成比例|完成进度|占.{0,6}(计划|目标|任务)|序时)")


def column_figure(
    text: str, start: int, end: int, measure: str, unit: str, cell_start: int | None = None
) -> Figure:
    """A number in an indicator table (``12.5`` under ``完成投资(亿元)``) as a figure of the unit its
    column header names, bounded by the words of its cell (``cell_start``: 约5, 5左右); the measure
    (without its period phrase) is its label."""
    raw = text[start:end]
    number = raw.removesuffix(unit).replace(",", "")
    m = _HEADER_UNIT.match(unit)
    scale_word, core = (m.group("scale") or "", m.group("unit")) if m else ("", unit)
    scale = SCALES.get(scale_word, 1.0)
    base_unit = BASE_UNIT_ALIASES.get(core, core) + ((m.group("per") or "") if m else "")
    period = PERIOD_PATTERN.search(measure)
    kind = metric_kind(base_unit, "")
    if kind == "percent" and _RATIO_MEASURE.search(measure):
        kind = "completion_ratio"
    return Figure(
        raw_text=raw,
        value=float(number),
        unit=unit,
        scale=scale,
        base_value=float(Decimal(number) * Decimal(int(scale))),
        base_unit=base_unit,
        qualifier=qualifier(text, start, end, start if cell_start is None else cell_start, False),
        direction="increase" if INCREASE.search(measure) else None,
        metric_kind=kind,
        label=PERIOD_PATTERN.sub("", measure).strip() or measure,
        period_label=re.sub(r"\s", "", period.group(0)) if period else None,
        char_start=start,
        char_end=end,
    )
