"""How the workbook shows the marts' numbers: in the unit the bulletins stated them, with an
explicit number format each (never Excel's General, which turns 1.2567e12 元 into 1.2567E+12),
in columns wide enough for their Chinese headers.

A value in base units (元, 个, 人) is shown again beside the mart's own column, in a ``*_display``
column, in the unit its bulletin stated: a figure's own ``unit`` and ``scale`` (fact_metric), and
for a row that adds or compares several figures the smallest scale among them, so a stated 2100个
stays 2100 个 beside another issuer's 5.4万个, and a stated 个 is never turned into 万个. The
mart's own columns are written as they are.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal

# figures whose unit is the one a row is shown in: the smallest scale, then the unit's name
_STATED = "first(f.unit order by f.scale, f.unit) as unit, min(f.scale) as scale"

# mart: (a query of each row's stated unit and scale, how it joins the mart `m`, the columns
# in base units shown again in that unit)
STATED_UNITS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    # the figures a series row adds (the same roles as the mart's)
    "fact_measure_series": (
        f"""select f.bulletin_id, f.measure_id, f.base_unit, {_STATED}
            from main.fact_metric as f where f.role in ('actual', 'breakdown_whole')
            group by all""",
        "s.bulletin_id = m.bulletin_id and s.measure_id = m.measure_id"
        " and s.base_unit is not distinct from m.base_unit",
        ("cumulative_value", "period_value"),
    ),
    "fact_metric_timeline": (
        "select f.metric_id, f.unit, f.scale from main.fact_metric as f",
        "s.metric_id = m.metric_id",
        ("base_value", "previous_base_value", "change_since_previous"),
    ),
    # the target and the actual compared in one unit
    "fact_target_attainment": (
        f"""select a.target_attainment_id, {_STATED}
            from main.fact_target_attainment as a
            inner join main.fact_metric as f
                on f.metric_id in (a.target_metric_id, a.actual_metric_id)
            group by all""",
        "s.target_attainment_id = m.target_attainment_id",
        ("target_base_value", "actual_base_value"),
    ),
    # the whole and its parts
    "fact_metric_identity": (
        f"""select i.identity_id, {_STATED}
            from (
                select identity_id, unnest(list_prepend(whole_metric_id, part_metric_ids))
                    as metric_id
                from main.fact_metric_identity
            ) as i
            inner join main.fact_metric as f on f.metric_id = i.metric_id
            group by all""",
        "s.identity_id = m.identity_id",
        ("whole_value", "parts_sum", "difference"),
    ),
}

DISPLAY_SUFFIX = "_display"


def workbook_query(mart: str) -> str:
    """The query of a mart's sheet: the mart's columns, then its base values in the stated unit
    (``<column>_display``) and that unit (``display_unit``)."""
    if mart not in STATED_UNITS:
        return f"select * from main.{mart}"
    stated, on, columns = STATED_UNITS[mart]
    shown = ", ".join(f"m.{c} / coalesce(s.scale, 1) as {c}{DISPLAY_SUFFIX}" for c in columns)
    return f"""
        select m.*, {shown}, coalesce(s.unit, m.base_unit) as display_unit
        from main.{mart} as m left join ({stated}) as s on {on}
    """


def display_value(value):
    """A value divided into its stated unit, without the division's last-digit noise."""
    return value if value is None else float(f"{value:.15g}")


# Number formats. Codes and ordinals are shown without thousands separators (2023, not 2,023).
PLAIN_INTEGER_COLUMNS = frozenset(
    {"year", "quarter", "task_seq", "item_no", "char_start", "char_end", "months_elapsed"}
)
RATIO_FORMATS = {
    "attainment": "0.0%",
    "share_of_year_elapsed": "0.0%",
    "relative_difference": "0.00%",
    "label_similarity": "0.000",
}
MAX_DECIMALS = 6


def number_format(column: str, value: int | float) -> str:
    """The format a number is shown in: thousands separators and the decimals it has (up to
    six), never scientific notation: 325200000000 → 325,200,000,000; 2.1 → 2.1; 0.21 → 0.21."""
    if column in RATIO_FORMATS:
        return RATIO_FORMATS[column]
    if isinstance(value, int):
        return "0" if column in PLAIN_INTEGER_COLUMNS else "#,##0"
    decimals = _decimals(value)
    return "#,##0." + "0" * decimals if decimals else "#,##0"


def _decimals(value: float) -> int:
    if value != value or value in (float("inf"), float("-inf")):
        return 0
    exponent = Decimal(f"{value:.15g}").normalize().as_tuple().exponent
    return min(max(0, -int(exponent)), MAX_DECIMALS)


# Column widths, in Excel's units (about one Latin character; a Chinese character takes two).
MIN_WIDTH, MAX_WIDTH = 8, 60


def text_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def shown_text(column: str, value) -> str:
    """About what a cell shows, to size its column."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "FALSE"
    if isinstance(value, int | float):
        if column in RATIO_FORMATS:
            return f"{value * 100:.2f}%"
        decimals = 0 if isinstance(value, int) else _decimals(value)
        return f"{value:,.{decimals}f}"
    if hasattr(value, "year"):
        return "yyyy-mm-dd hh:mm:ss" if hasattr(value, "hour") else "yyyy-mm-dd"
    return str(value)


def column_width(header: str, column: str, values) -> float:
    """A column wide enough for its header (Chinese characters count double) and its values, up
    to MAX_WIDTH (a longer text is cut on screen, whole in its cell)."""
    widest = max(
        [text_width(header), *(text_width(shown_text(column, v)[:MAX_WIDTH]) for v in values)]
    )
    return float(min(max(widest + 2, MIN_WIDTH), MAX_WIDTH))
