"""Finding the figures in a piece of bulletin text and saying what each one means.

A figure is a number with a unit: a count with its classifier (家, 个, 项, 台(套) …), an amount of
money, a physical measure, a percent or percentage points. Years, month ranges, ordinals, ranks,
document numbers and names containing numbers are not figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .labels import bare_change_label, label_lists, label_of
from .text import INVISIBLE
from .vocabulary import (
    _PER_ALT,
    _UNIT_ALT,
    BASE_UNIT_ALIASES,
    COUNT_UNITS,
    KNOWN_BASE_UNITS,
    MONEY_UNITS,
    PERCENT_UNITS,
    PERIOD_PATTERN,
    SCALES,
)

__all__ = ["KNOWN_BASE_UNITS", "Figure", "column_figure", "extract_figures", "has_figure"]

_FIGURE = re.compile(
    r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)"
    r"\s?(?P<more1>多|余)?"
    r"(?P<scale>万亿|亿|万)?"
    r"(?P<more2>多|余)?"
    rf"(?P<unit>{_UNIT_ALT})?"
    rf"(?P<per>/(?:{_PER_ALT}))?"
)

_BEFORE_MORE = re.compile(r"(超过|超出|突破|逾|多于|大于|超)\s?$")
_BEFORE_APPROX = re.compile(r"(大约|将近|接近|约|近)\s?$")
_BEFORE_LESS = re.compile(r"(不到|不足|低于|少于|小于)\s?$")
# 不少于3个 is three or more, not fewer than three; 不超过5% is five or less
_BEFORE_AT_LEAST = re.compile(r"(不少于|不低于|不小于|至少|最少|不得少于|不得低于)\s?$")
_BEFORE_AT_MOST = re.compile(r"(不超过|不高于|不大于|至多|最多|不多于|不得超过|不得高于)\s?$")
_AFTER_QUALIFIER = re.compile(r"^(以上|左右|以内|以下|之内)")

_INCREASE = re.compile(r"(增长|提高|上升|新增|增加(?!值)|扩大|上涨|增收|攀升)")
_DECREASE = re.compile(r"(下降|减少|降低|收窄|回落|下滑|缩小|下跌|缩减)")

_COMPLETION = re.compile(
    r"(完成(全年|年度|年初)?[\u4e00-\u9fff]{0,4}?(目标|任务|计划|预算)(任务|数)?的|"
    r"占(全年|年度|年)?(?!总)[\u4e00-\u9fff]{0,3}?(目标|计划|任务|预算)[\u4e00-\u9fff]{0,3}?的|"
    r"为年度预算数的|"
    r"完成率(为|达|达到)?|完成进度(为|达)?|序时进度(为|达)?)\s?$"
)

# "较一季度" / "比上年" name the base of a comparison, not the period of the figure
_COMPARISON_BEFORE = re.compile(r"(较|比|同比|与|相比)\s?$")

_TARGET_AFTER_QUOTE = re.compile(r"(的)?(全年|年度|年初)?(目标|任务|计划)")
_CLAUSE_BREAK = re.compile(r"[,，;；。:：!！?？\n()（）、]")
_SENTENCE_BREAK = re.compile(r"[;；。!！?？\n]")


@dataclass
class Figure:
    raw_text: str
    value: float
    unit: str
    scale: float
    base_value: float
    base_unit: str
    qualifier: str | None
    direction: str | None
    metric_kind: str
    label: str
    period_label: str | None
    char_start: int
    char_end: int
    in_quote: bool = False
    is_cumulative: bool = False  # 累计… : a running total since the start of the year (or ever)
    is_quoted_target: bool = False  # “全年减负3150亿元”的目标: a target quoted in progress text


_QUOTED = re.compile(r"“[^”]*”|《[^》]*》|\"[^\"\n]*\"")


def _quote_spans(text: str) -> list[tuple[int, int, str]]:
    """Spans of “quoted” and 《titled》 text."""
    return [
        (m.start(), m.end(), "title" if m.group(0)[0] == "《" else "quote")
        for m in _QUOTED.finditer(text)
    ]


def _inside(pos: int, spans: list[tuple[int, int, str]], kind: str | None = None) -> bool:
    return any(s < pos < e and (kind is None or k == kind) for s, e, k in spans)


# What stands before the minus sign of a negative figure (增长-17.5%, 为-2.1%); after a digit or a
# unit the dash is a range (1-8月, 5%-8%)
_NOT_A_RANGE = re.compile(r"[长降为达是率值幅:：,，(（\s]")
_RANGE_UPPER = re.compile(
    rf"\s?[-—–－~至到]\s?\d+(?:\.\d+)?\s?(?P<scale>万亿|亿|万)?(?P<unit>{_UNIT_ALT})"
)


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
    return text[m.end() : m.end() + 1] == "级" or before.endswith(("×", "*", "x", "X"))


def _metric_kind(base_unit: str, prefix: str) -> str:
    if base_unit in ("%", "‰"):
        return "completion_ratio" if _COMPLETION.search(prefix) else "percent"
    if base_unit == "百分点":
        return "pct_point"
    money = base_unit.split("/")[0]
    if money in MONEY_UNITS:
        return "amount"
    if base_unit in COUNT_UNITS:
        return "count"
    return "other"


def _clause_start(text: str, pos: int) -> int:
    i = pos
    while i > 0 and not _CLAUSE_BREAK.match(text[i - 1]):
        i -= 1
    return i


def _period(text: str, start: int, quotes: list[tuple[int, int, str]], lower: int) -> str | None:
    """The last period phrase before the figure in its paragraph, ignoring quoted text elsewhere."""
    best = None
    own_quote = [(s, e) for s, e, k in quotes if s < start < e]
    for m in PERIOD_PATTERN.finditer(text, lower, start):
        if _inside(m.start(), quotes) and not any(s < m.start() < e for s, e in own_quote):
            continue
        if _COMPARISON_BEFORE.search(text[max(lower, m.start() - 2) : m.start()]):
            continue
        best = m.group(0)
    return re.sub(r"\s", "", best) if best else None


def _paragraph_start(text: str, pos: int) -> int:
    i = text.rfind("\n", 0, pos)
    return i + 1


_BRACKET_TARGET_LEAD = re.compile(
    r"^\s?[(（](全年|年度)?(预期|控制|计划)?目标(为|是|控制在)?\s?(增长|下降|提高|降低|达到|达)?\s?(约|超过|不低于|不少于)?$"
)


def _bracketed_target_of_previous(text: str, previous_end: int, start: int) -> bool:
    """Whether the figure at ``start`` is a target in brackets right after the figure that ends at
    ``previous_end``: 增长13.2%(目标8%左右)."""
    return start - previous_end <= 16 and bool(_BRACKET_TARGET_LEAD.match(text[previous_end:start]))


_LIST_JOIN = re.compile(r"^\s?(、|和|及|与|,|，)\s?$")


def _list_kind(figures: list[Figure], text: str, start: int, base_unit: str) -> str | None:
    """The next item of a list of figures (分别完成年度目标的57.5%、60%) is the same kind of figure."""
    if not figures or figures[-1].base_unit != base_unit:
        return None
    previous = figures[-1]
    if (
        _LIST_JOIN.match(text[previous.char_end : start])
        and previous.metric_kind == "completion_ratio"
    ):
        return previous.metric_kind
    return None


def extract_figures(text: str, lower: int = 0, upper: int | None = None) -> list[Figure]:
    """All figures in ``text[lower:upper]``, with spans relative to ``text``. An invisible
    character (normalised to U+200B) never splits a number or its unit: the figures are read on
    the text without them, and their spans put back on the text as written."""
    upper = len(text) if upper is None else upper
    if INVISIBLE not in text[lower:upper]:
        return _extract_figures(text, lower, upper)
    kept = [i for i in range(lower, upper) if text[i] != INVISIBLE]
    visible = "".join(text[i] for i in kept)
    figures = _extract_figures(visible, 0, len(visible))
    for f in figures:
        f.char_start, f.char_end = kept[f.char_start], kept[f.char_end - 1] + 1
        f.raw_text = text[f.char_start : f.char_end]
    return figures


def _extract_figures(text: str, lower: int, upper: int) -> list[Figure]:
    """The figures of ``text[lower:upper]`` (a text without invisible characters)."""
    upper = len(text) if upper is None else upper
    quotes = _quote_spans(text[lower:upper])
    quotes = [(s + lower, e + lower, k) for s, e, k in quotes]
    figures: list[Figure] = []
    prev_end = lower
    pos = lower
    while True:
        m = _FIGURE.search(text, pos, upper)
        if not m:
            break
        pos = m.end() if m.end() > m.start() else m.start() + 1
        start, end = m.start(), m.end()
        if start > 0 and (text[start - 1].isdigit() or text[start - 1] == "."):
            continue
        unit_core = m.group("unit")
        scale_word = m.group("scale")
        if (
            not unit_core
            and not scale_word
            and (rng := _RANGE_UPPER.match(text, m.end("num"), upper))
        ):
            # a range's lower bound written without its unit (5-8%, 3-5万人): the upper bound's
            unit_core, scale_word, end = rng.group("unit"), rng.group("scale"), m.end("num")
        elif not unit_core and scale_word == "亿":
            unit_core = ""  # "100亿" on its own is money in Chinese government text
        elif not unit_core:
            continue
        if _is_excluded(text, start, end, m):
            continue
        if _inside(start, quotes, "title"):
            continue
        num = float(m.group("num").replace(",", ""))
        if unit_core in ("年", "月"):
            continue
        sign = 1
        if (
            start > lower
            and text[start - 1] in "-−－"
            and _NOT_A_RANGE.match(text[max(lower, start - 2) : start - 1] or " ")
        ):
            start, sign = start - 1, -1  # 增长-17.5%: a negative figure, not a range
        scale = SCALES.get(scale_word or "", 1.0)
        per = m.group("per") or ""
        base_unit = BASE_UNIT_ALIASES.get(unit_core, unit_core or "元") + per
        unit = (scale_word or "") + (unit_core or "") + per
        if unit_core in PERCENT_UNITS and scale_word:
            continue
        qualifier = None
        head = text[max(lower, start - 4) : start]
        tail = text[end : end + 2]
        if m.group("more1") or m.group("more2"):
            qualifier = "more_than"
        elif _BEFORE_AT_LEAST.search(text[max(lower, start - 5) : start]):
            qualifier = "at_least"
        elif _BEFORE_AT_MOST.search(text[max(lower, start - 5) : start]):
            qualifier = "at_most"
        elif _BEFORE_MORE.search(head):
            qualifier = "more_than"
        elif _BEFORE_APPROX.search(head):
            qualifier = "approx"
        elif _BEFORE_LESS.search(head):
            qualifier = "less_than"
        am = _AFTER_QUALIFIER.match(tail)
        if am and qualifier is None:
            qualifier = {"以上": "more_than", "左右": "approx"}.get(am.group(1), "less_than")
        clause_left = max(_clause_start(text, start), lower)
        prefix = text[clause_left:start]
        direction = None
        last_inc = [x.end() for x in _INCREASE.finditer(prefix)]
        last_dec = [x.end() for x in _DECREASE.finditer(prefix)]
        if last_inc or last_dec:
            direction = "increase" if max(last_inc or [-1]) > max(last_dec or [-1]) else "decrease"
        base_value = sign * float(Decimal(m.group("num").replace(",", "")) * Decimal(int(scale)))
        para = max(_paragraph_start(text, start), lower)
        quote = next(((qs, qe) for qs, qe, k in quotes if k == "quote" and qs < start < qe), None)
        label_left = max(prev_end, quote[0] + 1) if quote else prev_end
        quoted_target = bool(quote and _TARGET_AFTER_QUOTE.match(text, quote[1], upper))
        label = label_of(text, start, end, label_left, quote is not None, unit_core or "")
        previous = figures[-1] if figures and figures[-1].char_end > lower else None
        if previous and not _SENTENCE_BREAK.search(text, previous.char_end, start):
            label = bare_change_label(label, previous.label)
        if previous and _bracketed_target_of_previous(text, previous.char_end, start):
            # 增长13.2%(目标8%左右): the target of the measure just reported
            label = previous.label + "目标"
        figures.append(
            Figure(
                raw_text=text[start:end],
                value=sign * num,
                unit=unit,
                scale=scale,
                base_value=base_value,
                base_unit=base_unit,
                qualifier=qualifier,
                direction=direction,
                metric_kind=_list_kind(figures, text, start, base_unit)
                or _metric_kind(base_unit, text[max(lower, start - 12) : start]),
                label=label,
                period_label=_period(text, start, quotes, para),
                char_start=start,
                char_end=end,
                in_quote=quote is not None,
                is_cumulative="累计" in prefix,
                is_quoted_target=quoted_target,
            )
        )
        prev_end = end
    label_lists(text, figures)
    return figures


def has_figure(text: str) -> bool:
    """Whether the text states at least one figure."""
    return bool(extract_figures(text))


_HEADER_UNIT = re.compile(rf"^(?P<scale>万亿|亿|万)?(?P<unit>{_UNIT_ALT})$")


def unit_of_header(text: str) -> str | None:
    """The unit a column header names in brackets (万元, %, 人, 公里), or None if it is not one."""
    text = text.strip()
    m = _HEADER_UNIT.match(text)
    if not m or (m.group("scale") and m.group("unit") in PERCENT_UNITS):
        return None
    return text


_RATIO_MEASURE = re.compile(r"(完成率|完成比例|完成进度|占.{0,6}(计划|目标|任务)|序时)")


def column_figure(text: str, start: int, end: int, measure: str, unit: str) -> Figure:
    """A bare number in an indicator table (``12.5`` under ``完成投资(亿元)``) as a figure of the unit
    its column header names; the measure (without its period phrase) is its label."""
    raw = text[start:end]
    number = raw.removesuffix(unit).replace(",", "")
    m = _HEADER_UNIT.match(unit)
    scale_word, core = (m.group("scale") or "", m.group("unit")) if m else ("", unit)
    scale = SCALES.get(scale_word, 1.0)
    base_unit = BASE_UNIT_ALIASES.get(core, core)
    period = PERIOD_PATTERN.search(measure)
    kind = _metric_kind(base_unit, "")
    if kind == "percent" and _RATIO_MEASURE.search(measure):
        kind = "completion_ratio"
    return Figure(
        raw_text=raw,
        value=float(number),
        unit=unit,
        scale=scale,
        base_value=float(Decimal(number) * Decimal(int(scale))),
        base_unit=base_unit,
        qualifier=None,
        direction="increase" if _INCREASE.search(measure) else None,
        metric_kind=kind,
        label=PERIOD_PATTERN.sub("", measure).strip() or measure,
        period_label=re.sub(r"\s", "", period.group(0)) if period else None,
        char_start=start,
        char_end=end,
    )
