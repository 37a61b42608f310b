"""What the words around a figure say about it: a qualifier (超过, 左右, 不少于), a direction (增长,
下降), the kind of measure (a completion ratio: 完成年度目标的52%), the period it is of, whether it
stands in quotes, and its label. Read on the text the figure stands in, before and after it."""

from __future__ import annotations

import re

from ..model import Figure
from .labels import bare_change_label, label_of
from .vocabulary import COUNT_UNITS, MONEY_UNITS, PERIOD_PATTERN

# The words that bound a figure, before it and after it
_MORE = "超过|超出|突破|逾|多于|大于|超"
_APPROX = "大约|将近|接近|约为|约|近"
_LESS = "不到|不足|低于|少于|小于"
# 不少于3个 is three or more, not fewer than three; 不超过5% is five or less
_AT_LEAST = "不少于|不低于|不小于|至少|最少|不得少于|不得低于"
_AT_MOST = "不超过|不高于|不大于|至多|最多|不多于|不得超过|不得高于"
BOUND_AFTER = "以上|左右|以内|以下|之内"
BOUND_BEFORE = "|".join(
    sorted(
        {w for ws in (_MORE, _APPROX, _LESS, _AT_LEAST, _AT_MOST) for w in ws.split("|")},
        key=len,
        reverse=True,
    )
)
_BEFORE_MORE = re.compile(rf"({_MORE})\s?$")
_BEFORE_APPROX = re.compile(rf"({_APPROX})\s?$")
_BEFORE_LESS = re.compile(rf"({_LESS})\s?$")
_BEFORE_AT_LEAST = re.compile(rf"({_AT_LEAST})\s?$")
_BEFORE_AT_MOST = re.compile(rf"({_AT_MOST})\s?$")
_AFTER_QUALIFIER = re.compile(rf"^({BOUND_AFTER})")

INCREASE = re.compile(r"(增长|提高|上升|新增|增加(?!值)|扩大|上涨|增收|攀升)")
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

_QUOTED = re.compile(r"“[^”]*”|《[^》]*》|\"[^\"\n]*\"")


def quote_spans(text: str) -> list[tuple[int, int, str]]:
    """Spans of “quoted” and 《titled》 text."""
    return [
        (m.start(), m.end(), "title" if m.group(0)[0] == "《" else "quote")
        for m in _QUOTED.finditer(text)
    ]


def inside(pos: int, spans: list[tuple[int, int, str]], kind: str | None = None) -> bool:
    return any(s < pos < e and (kind is None or k == kind) for s, e, k in spans)


def qualifier(text: str, start: int, end: int, lower: int, more: bool) -> str | None:
    """How the figure at ``text[start:end]`` bounds its measure: more_than, at_least, at_most,
    approx or less_than, by the words before it or after it (``more``: 多 or 余 in the figure)."""
    bound = None
    head = text[max(lower, start - 4) : start]
    tail = text[end : end + 2]
    if more:
        bound = "more_than"
    elif _BEFORE_AT_LEAST.search(text[max(lower, start - 5) : start]):
        bound = "at_least"
    elif _BEFORE_AT_MOST.search(text[max(lower, start - 5) : start]):
        bound = "at_most"
    elif _BEFORE_MORE.search(head):
        bound = "more_than"
    elif _BEFORE_APPROX.search(head):
        bound = "approx"
    elif _BEFORE_LESS.search(head):
        bound = "less_than"
    am = _AFTER_QUALIFIER.match(tail)
    if am and bound is None:
        bound = {"以上": "more_than", "左右": "approx"}.get(am.group(1), "less_than")
    return bound


def direction(prefix: str) -> str | None:
    """increase or decrease: the last such word of the figure's clause before it, if any."""
    last_inc = [x.end() for x in INCREASE.finditer(prefix)]
    last_dec = [x.end() for x in _DECREASE.finditer(prefix)]
    if last_inc or last_dec:
        return "increase" if max(last_inc or [-1]) > max(last_dec or [-1]) else "decrease"
    return None


def metric_kind(base_unit: str, prefix: str) -> str:
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


def clause_start(text: str, pos: int) -> int:
    i = pos
    while i > 0 and not _CLAUSE_BREAK.match(text[i - 1]):
        i -= 1
    return i


def period_before(
    text: str, start: int, quotes: list[tuple[int, int, str]], lower: int
) -> str | None:
    """The last period phrase before the figure in its paragraph, ignoring quoted text elsewhere."""
    best = None
    own_quote = [(s, e) for s, e, k in quotes if s < start < e]
    for m in PERIOD_PATTERN.finditer(text, lower, start):
        if inside(m.start(), quotes) and not any(s < m.start() < e for s, e in own_quote):
            continue
        if _COMPARISON_BEFORE.search(text[max(lower, m.start() - 2) : m.start()]):
            continue
        best = m.group(0)
    return re.sub(r"\s", "", best) if best else None


def paragraph_start(text: str, pos: int) -> int:
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


def list_kind(figures: list[Figure], text: str, start: int, base_unit: str) -> str | None:
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


def figure_label(
    text: str,
    start: int,
    end: int,
    label_left: int,
    quote: tuple[int, int] | None,
    unit_core: str,
    previous: Figure | None,
) -> str:
    """What the figure at ``text[start:end]`` measures, from the words before it back to
    ``label_left``; a bare change (增长8%) or a bracketed target takes the figure before it in the
    sentence (``previous``) as its subject."""
    label = label_of(text, start, end, label_left, quote is not None, unit_core)
    if previous and not _SENTENCE_BREAK.search(text, previous.char_end, start):
        label = bare_change_label(label, previous.label)
    if previous and _bracketed_target_of_previous(text, previous.char_end, start):
        # 增长13.2%(目标8%左右): the target of the measure just reported
        label = previous.label + "目标"
    return label


def quotes_a_target(text: str, quote_end: int, upper: int) -> bool:
    """A quoted figure that is a target: “全年减负3150亿元”的目标."""
    return bool(_TARGET_AFTER_QUOTE.match(text, quote_end, upper))


# Between the size of a set and the count of what was done within it (全县100个重点项目已开工68个,
# 100个项目中有68个): words only, one of them saying what was done
_SET_BETWEEN = re.compile(r"[\u4e00-\u9fff“”\"]{1,20}")
_DONE_WITHIN = re.compile(r"已|中|有|开工|竣工|完工|建成|投产|完成|启动|开业|签约|落地|办结|到位")


def counts_within_set(between: str) -> bool:
    """Whether the words between two figures of a unit make the first the size of a set and the
    second the count within it (so the first is neither a part nor a reported quantity)."""
    return bool(_SET_BETWEEN.fullmatch(between)) and bool(_DONE_WITHIN.search(between))
