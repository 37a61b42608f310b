"""Numbers as a reader of the bulletins writes them: 3252亿元, 5.4万个, 超过5.4万个, 108.0%."""

from __future__ import annotations

import math

# the qualifier's word, put before a figure whose text does not already say it (4000多万台)
QUALIFIER_WORDS = {
    "more_than": "超过",
    "at_least": "不少于",
    "approx": "约",
    "less_than": "不到",
    "at_most": "不超过",
}
_SAID_IN_TEXT = ("多", "余", "以上", "左右", "以下", "以内", "近", "约", "超")

ROLE_NAMES = {
    "target": "目标",
    "quoted_target": "引述目标",
    "actual": "实际完成",
    "breakdown_whole": "分项合计",
    "breakdown_part": "分项",
    "completion_ratio": "完成比例",
    "benchmark": "参照值",
    "status_tally": "任务计数",
    "scope": "范围总数",
    "restated": "重复引述",
}

STATUS_NAMES = {
    "met": "已完成",
    "on_track": "序时推进",
    "behind": "滞后",
    "not_reported": "未报告",
    "no_target": "无量化目标",
}
STATUS_ORDER = ("met", "on_track", "behind", "not_reported")
STATUS_COLOURS = {
    "met": "#2e7d32",
    "on_track": "#1565c0",
    "behind": "#c62828",
    "not_reported": "#9e9e9e",
}

NO_PERIOD = "期间未注明"  # a bulletin that states neither its year nor its period
NO_ISSUER = "未注明发布机关"


def number(x: float, digits: int = 2) -> str:
    """``x`` with at most ``digits`` decimals, trailing zeros dropped: 5.40 → 5.4, 3000.0 → 3000."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return ""
    text = f"{x:,.{digits}f}".replace(",", "")
    return text.rstrip("0").rstrip(".") if "." in text else text


def figure(raw_text: str, qualifier: str | None) -> str:
    """A figure as written with its qualifier: 5.4万个 more_than → 超过5.4万个."""
    word = QUALIFIER_WORDS.get(qualifier or "")
    if not word or any(w in raw_text for w in _SAID_IN_TEXT):
        return raw_text
    return word + raw_text


def scale_for(base_value: float | None, base_unit: str | None) -> tuple[float, str]:
    """The divisor and display unit of a value in base units: 3.252e11 元 → (1e8, 亿元),
    54000 个 → (1e4, 万个), 52.3 % → (1, %)."""
    unit = base_unit or ""
    if unit in ("%", "百分点") or base_value is None:
        return 1.0, "个百分点" if unit == "百分点" else unit
    size = abs(base_value)
    if size >= 1e8:
        return 1e8, "亿" + unit
    if size >= 1e4:
        return 1e4, "万" + unit
    return 1.0, unit


def amount(base_value: float | None, base_unit: str | None, qualifier: str | None = None) -> str:
    """A value in base units in display units: 3.252e11 元 → 3252亿元; 54000 个 → 5.4万个."""
    if base_value is None or (isinstance(base_value, float) and math.isnan(base_value)):
        return ""
    divisor, unit = scale_for(base_value, base_unit)
    text = number(base_value / divisor) + unit
    word = QUALIFIER_WORDS.get(qualifier or "")
    return (word + text) if word else text


def percent(ratio: float | None, digits: int = 1) -> str:
    """A ratio as a percentage: 1.08 → 108.0%."""
    if ratio is None or (isinstance(ratio, float) and math.isnan(ratio)):
        return ""
    return f"{ratio * 100:.{digits}f}%"


def issuer(name: str | None) -> str:
    return name or NO_ISSUER


def period(year: int | None, label: str | None) -> str:
    return f"{year}年{label}" if year and label else (label or str(year or "") or NO_PERIOD)
