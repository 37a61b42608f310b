"""Finding the figures in a piece of bulletin text and saying what each one means.

A figure is a number with a unit: a count with its classifier (家, 个, 项, 台(套) …), an amount of
money, a physical measure, a percent or percentage points. Years, month ranges, ordinals, ranks,
document numbers and names containing numbers are not figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

SCALES = {"万亿": 1e12, "亿": 1e8, "万": 1e4}
BASE_UNIT_ALIASES = {"个百分点": "百分点", "台套": "台(套)"}

MONEY_UNITS = ["美元", "欧元", "港元", "日元", "元"]
PERCENT_UNITS = ["个百分点", "百分点", "%", "‰"]
COUNT_UNITS = [
    "台(套)",
    "台套",
    "人次",
    "台次",
    "场次",
    "辆次",
    "项次",
    "件次",
    "家次",
    "户次",
    "批次",
    "架次",
    "车次",
    "个",
    "家",
    "项",
    "台",
    "套",
    "条",
    "款",
    "支",
    "名",
    "人",
    "份",
    "次",
    "场",
    "座",
    "所",
    "件",
    "宗",
    "批",
    "部",
    "辆",
    "艘",
    "户",
    "只",
    "头",
    "张",
    "间",
    "栋",
    "幢",
    "处",
    "篇",
    "本",
    "册",
    "种",
    "类",
    "门",
    "株",
    "棵",
    "块",
    "枚",
    "颗",
    "道",
    "口",
    "根",
    "片",
    "组",
    "期",
    "轮",
    "单",
    "笔",
    "起",
    "例",
    "对",
    "所",
    "村",
    "镇",
]
MEASURE_UNITS = [
    "平方公里",
    "平方米",
    "立方米",
    "千瓦时",
    "万千瓦",
    "千瓦",
    "兆瓦",
    "公里",
    "千米",
    "公顷",
    "亩",
    "吨",
    "标箱",
    "米",
    "倍",
    "天",
    "小时",
    "个月",
    "个工作日",
    "工作日",
    "微克/立方米",
    "分钟",
    "公斤",
    "千克",
    "毫克/升",
    "万千瓦时",
]
_ALL_UNITS = sorted(
    set(MONEY_UNITS + PERCENT_UNITS + COUNT_UNITS + MEASURE_UNITS), key=len, reverse=True
)
_UNIT_ALT = "|".join(re.escape(u) for u in _ALL_UNITS)

KNOWN_BASE_UNITS = frozenset(
    ["%", "‰", "百分点"]
    + MONEY_UNITS
    + COUNT_UNITS
    + MEASURE_UNITS
    + [f"{m}/{d}" for m in MONEY_UNITS for d in ("亩", "人", "平方米", "吨", "户", "个")]
)

_FIGURE = re.compile(
    r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)"
    r"\s?(?P<more1>多|余)?"
    r"(?P<scale>万亿|亿|万)?"
    r"(?P<more2>多|余)?"
    rf"(?P<unit>{_UNIT_ALT})?"
    r"(?P<per>/(?:亩|人|平方米|吨|户|个))?"
)

_BEFORE_MORE = re.compile(r"(超过|超出|突破|逾|多于|大于|超)\s?$")
_BEFORE_APPROX = re.compile(r"(大约|将近|接近|约|近)\s?$")
_BEFORE_LESS = re.compile(r"(不到|不足|低于|少于|小于)\s?$")
_AFTER_QUALIFIER = re.compile(r"^(以上|左右|以内|以下|之内)")

_INCREASE = re.compile(r"(增长|提高|上升|新增|增加(?!值)|扩大|上涨|增收|攀升)")
_DECREASE = re.compile(r"(下降|减少|降低|收窄|回落|下滑|缩小|下跌|缩减)")

_COMPLETION = re.compile(
    r"(完成(全年|年度|年初)?(目标|任务|计划|预算)(任务)?的|占(全年|年度)?(目标|计划|任务)的|"
    r"完成率(为|达|达到)?|完成进度(为|达)?|序时进度(为|达)?)\s?$"
)

PERIOD_PATTERN = re.compile(
    r"(\d{1,2}\s?[-—–－~至到]\s?\d{1,2}月(份)?|元至[一二三四五六七八九十]+月|"
    r"截至\d{1,2}月(末|底|份)?|截至\d{4}年\d{1,2}月(末|底)?|截至目前|"
    r"[一二三四1-4]季度|第[一二三四]季度|上半年|下半年|前三季度|全年(?!目标|计划|任务|预算)|年内|"
    r"(?<!\d)(19|20)\d{2}年(度)?)"
)
# "较一季度" / "比上年" name the base of a comparison, not the period of the figure
_COMPARISON_BEFORE = re.compile(r"(较|比|同比|与|相比)\s?$")

_BARE_CHANGE = re.compile(
    r"(同比|比上年|较上年|比去年同期|较去年同期)?(增长|下降|提高|降低|减少|增加|回落|上升)?"
)
_DIRECTION_WORDS = re.compile(r"(同比)?(增长|下降|提高|降低|减少|增加(?!值)|回落|上升)$")
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


def _is_excluded(text: str, start: int, end: int, m: re.Match) -> bool:
    before = text[max(0, start - 3) : start]
    after = text[end : end + 3]
    if before.endswith(("第", "+", "〔", "[", "No.", "NO.")):
        return True
    if before and (before[-1].isascii() and before[-1].isalpha()):
        return True  # part of a code or name: G20, APP2
    if before.endswith((".", "-")) and before[:-1][-1:].isdigit():
        return True
    if after.startswith(("+", "版", "号", "届", "大")) and not m.group("unit"):
        return True
    if text[m.end() : m.end() + 1] == "级" or before.endswith(("×", "*", "x", "X")):
        return True  # a grade or a name: 5A级, 10亿级, 7×24小时
    # A range's lower bound written without its unit (5-8%): the unit belongs to the upper bound.
    return bool(
        re.match(r"\s?[-—–－~]\s?\d", text[m.end("num") : m.end("num") + 3]) and not m.group("unit")
    )


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


_LABEL_LEAD = re.compile(
    r"^(\d{1,2}\s?[.、]|[(（]?\d{1,2}[)）]|[①-⑳]|[一二三四五六七八九十]{1,3}[是、]|其中|同比|全省|全市|全区|全县|累计|共计|共有|总计|合计|目前|已经|已|共|并|及|和|与|其|"
    r"达到|达|为|是|有|约|超过|超|近|实现|力争|确保|争取|全年|截至\S{0,6}?[末底])+"
)
_LABEL_CLAUSE_BREAK = re.compile(r"[,，;；。:：!！?？\n、]")
_LABEL_TRAIL = re.compile(
    r"(达到|达|为|是|有|共|共计|合计|总计|约|超过|超|突破|近|同比|比上年|较上年)+$"
)


_QUALIFIER_TRAIL = re.compile(r"(超过|超|约|近|突破|逾)$")
_COUNTED_NOUN = re.compile(r"[\u4e00-\u9fff A-Za-z0-9]{1,10}")
_NOT_A_NOUN = re.compile(r"^(以上|左右|以内|以下|的|次|后|前|内|外|中|里|间|余)")


def _counted_noun(text: str, end: int, inside_quote: bool) -> str:
    """The noun a count classifier counts, written right after it (17项平台指标 -> 平台指标): the
    characters up to the clause's end, if few and not a direction or comparison."""
    m = _COUNTED_NOUN.match(text, end)
    if not m or _NOT_A_NOUN.match(m.group(0)):
        return ""
    tail = text[m.end() : m.end() + 1]
    if tail and not (
        _LABEL_CLAUSE_BREAK.match(tail) or tail in "。(（" or (inside_quote and tail in '”"')
    ):
        return ""  # a longer phrase follows: not just the counted noun
    if re.search(r"\d", m.group(0)):
        return ""
    return m.group(0).strip()


def _label(
    text: str, start: int, end: int, prev_end: int, inside_quote: bool = False, unit: str = ""
) -> str:
    """What the figure measures: the words of its clause before it, completed by those after it
    when the words before are only a verb (下达4.4亿元省级财政专项资金 -> 下达省级财政专项资金),
    or when a count classifier is followed by the noun it counts (包含17项平台指标)."""
    left = start
    while left > prev_end and not _LABEL_CLAUSE_BREAK.match(text[left - 1]):
        left -= 1
    before = text[left:start]
    before = PERIOD_PATTERN.sub("", before)
    before = _LABEL_LEAD.sub("", before.strip(" ,，、()（）")).strip(" ,，、")
    trimmed = _LABEL_TRAIL.sub("", before).strip(" ,，、(（")
    counted = _counted_noun(text, end, inside_quote) if unit in COUNT_UNITS else ""
    if len(trimmed) >= 4:
        return (trimmed + counted)[-40:]
    stop = end
    while (
        stop < len(text)
        and not _LABEL_CLAUSE_BREAK.match(text[stop])
        and not text[stop].isdigit()
        and text[stop] not in "(（"
        and not (inside_quote and text[stop] in '”"')
    ):
        stop += 1
    after = re.sub(r"^[)）]?(以上|左右|以内|以下|的|等)*", "", text[end:stop]).strip()
    # a qualifier before the number is not what is measured (服务超10万家工业企业)
    label = (_QUALIFIER_TRAIL.sub("", before) + after)[:40]
    return label or text[left:start].strip(" ,，、")[-40:]


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


def extract_figures(text: str, lower: int = 0, upper: int | None = None) -> list[Figure]:
    """All figures in ``text[lower:upper]``, with spans relative to ``text``."""
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
        if not unit_core and scale_word == "亿":
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
        base_value = float(Decimal(m.group("num").replace(",", "")) * Decimal(int(scale)))
        para = max(_paragraph_start(text, start), lower)
        quote = next(((qs, qe) for qs, qe, k in quotes if k == "quote" and qs < start < qe), None)
        label_left = max(prev_end, quote[0] + 1) if quote else prev_end
        quoted_target = bool(quote and _TARGET_AFTER_QUOTE.match(text, quote[1], upper))
        label = _label(text, start, end, label_left, quote is not None, unit_core or "")
        if (
            _BARE_CHANGE.fullmatch(label)
            and figures
            and figures[-1].char_end > lower
            and not _SENTENCE_BREAK.search(text, figures[-1].char_end, start)
        ):
            # 完成1234.5亿元,同比增长9.6%: the rate is of the figure before it
            label = _DIRECTION_WORDS.sub("", figures[-1].label) + label
        figures.append(
            Figure(
                raw_text=text[start:end],
                value=num,
                unit=unit,
                scale=scale,
                base_value=base_value,
                base_unit=base_unit,
                qualifier=qualifier,
                direction=direction,
                metric_kind=_metric_kind(base_unit, text[max(lower, start - 12) : start]),
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
    return figures
