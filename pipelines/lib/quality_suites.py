"""Running the quality checks of :mod:`pipelines.lib.quality_checks` with Great Expectations.

Nothing here knows about Dagster: :func:`run_check` takes a DataFrame and returns the outcome, so the
suites can be tested and run on their own.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from pipelines.lib.quality_checks import CHECKS, QUARANTINE_COLUMNS, QualityCheck, _gx

__all__ = ["CHECKS", "CheckOutcome", "QualityCheck", "failure_summary", "run_check"]


@dataclass
class CheckOutcome:
    passed: bool
    rows_checked: int
    failed_rows: int
    failed_percent: float
    failures: pd.DataFrame
    expectation: str
    # every failing row of a check that names its bulletin (QUARANTINE_COLUMNS, with the file
    # and the task), for the quarantine; ``failures`` holds the first rows, to show
    by_bulletin: pd.DataFrame | None = None


_CONTEXT_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _cached_batch_definition():
    gx = _gx()
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    source = context.data_sources.add_pandas(name="warehouse")
    asset = source.add_dataframe_asset(name="mart_rows")
    return asset.add_batch_definition_whole_dataframe("all_rows")


def _batch_definition():
    with _CONTEXT_LOCK:  # the warm-up thread and the first check may ask at once
        return _cached_batch_definition()


def warm_up_great_expectations() -> None:
    """Import Great Expectations and build its context ahead of the first check."""
    _batch_definition()


def run_check(check: QualityCheck, df: pd.DataFrame) -> CheckOutcome:
    """Validate ``df`` with the check's expectation; the failing rows come back as a frame."""
    expectation = check.expectation()
    batch = _batch_definition().get_batch(batch_parameters={"dataframe": df.reset_index(drop=True)})
    result = batch.validate(expectation, result_format={"result_format": "COMPLETE"})
    details = result.result or {}
    if "unexpected_index_list" in details:
        index = details.get("unexpected_index_list") or []
        failures = df.reset_index(drop=True).iloc[list(index)]
        failed = int(details.get("unexpected_count", len(failures)))
        checked = int(details.get("element_count", len(df)))
    else:
        failures = df if not result.success else df.iloc[0:0]
        failed = 0 if result.success else max(len(df), 1)
        checked = len(df)
    columns = [c for c in check.show_columns if c in failures.columns] or list(failures.columns)
    attributed = ("bulletin", "task", *QUARANTINE_COLUMNS)
    by_bulletin = failures[list(attributed)] if set(attributed) <= set(failures.columns) else None
    return CheckOutcome(
        passed=bool(result.success),
        rows_checked=checked,
        failed_rows=failed,
        failed_percent=round(100.0 * failed / checked, 2) if checked else 0.0,
        failures=failures[columns],
        expectation=describe_expectation(expectation),
        by_bulletin=by_bulletin,
    )


def failure_summary(failures: pd.DataFrame, failed_rows: int, limit: int = 3) -> str:
    """The first failing rows in one line each, readable without opening the markdown table."""
    if failures.empty:
        return f"{failed_rows} rows failed"
    lines = []
    for row in failures.head(limit).itertuples(index=False):
        values = [
            f"{k}={v}"
            for k, v in zip(failures.columns, row, strict=True)
            if v is not None and v == v
        ]
        lines.append("; ".join(values)[:300])
    more = failed_rows - min(limit, len(failures))
    if more > 0:
        lines.append(f"… and {more} more (see failing_rows)")
    return "\n".join(lines)


def describe_expectation(expectation) -> str:
    """``ExpectColumnValuesToBeInSet(column=holds, value_set=[True])``: what was asked, in one line."""
    fields = ("column", "column_A", "column_B", "value_set", "min_value", "max_value", "value")
    parts = []
    for name in fields:
        value = getattr(expectation, name, None)
        if value is None:
            continue
        if isinstance(value, list | tuple | set) and len(value) > 6:
            value = f"[{len(value)} values]"
        parts.append(f"{name}={value}")
    return f"{type(expectation).__name__}({', '.join(parts)})"
