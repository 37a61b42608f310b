"""The quality checks on a run's slice of the marts, a batch of bulletins at a time.

A run checks the rows of the bulletins it changed (``parsed.changed_bulletins``); a full check
(``--full-checks``, the quarterly runs) every bulletin's. Either way the bulletins are taken a
batch at a time: on the checks' connection, temporary views named as the marts show only the
batch's rows, so each check's SQL runs unchanged and memory holds one batch's rows, whatever the
size of the warehouse. The outcomes of the batches add up to one outcome per check.
"""

from __future__ import annotations

import pandas as pd

from pipelines.lib.quality_suites import CHECKS, CheckOutcome, run_check
from pipelines.lib.warehouse import temp_table

BATCH_SIZE = 1000  # bulletins: a batch of rows in memory, whatever the warehouse size
MAX_FAILURES_SHOWN = 500

_BY_BULLETIN = ("dim_bulletin", "fact_metric", "fact_metric_identity", "fact_task_progress")
_BY_BULLETIN += ("fact_target_attainment",)


def _views(con) -> None:
    """The marts as the current batch shows them. A task's timeline is shown in one batch only:
    the one holding the first of its bulletins in scope."""
    catalog = con.execute("select current_database()").fetchone()[0]
    con.execute("create or replace temp table _check_bulletins (bulletin_id varchar)")
    con.execute("create or replace temp table _check_tasks (task_id varchar)")
    con.execute("create or replace temp table _check_series (task_id varchar)")
    for mart in _BY_BULLETIN:
        con.execute(
            f'create or replace temp view {mart} as select * from "{catalog}".main.{mart} '
            "where bulletin_id in (select bulletin_id from _check_bulletins)"
        )
    for mart, tasks in (("dim_task", "_check_tasks"), ("fact_metric_timeline", "_check_series")):
        con.execute(
            f'create or replace temp view {mart} as select * from "{catalog}".main.{mart} '
            f"where task_id in (select task_id from {tasks})"
        )


def _show_batch(con, catalog: str, batch: list[str], scope: str) -> None:
    for table in ("_check_bulletins", "_check_tasks", "_check_series"):
        con.execute(f"delete from {table}")
    temp_table(con, "_batch", {"bulletin_id": "varchar"}, {"bulletin_id": batch})
    con.execute("insert into _check_bulletins select bulletin_id::varchar from _batch")
    # the batch's tasks, from the parsed task rows (fact_task_progress adds figure counts to them,
    # counted over every figure)
    tasks = f'"{catalog}".parsed.tasks'
    con.execute(
        f"insert into _check_tasks select distinct task_id from {tasks} "
        "where bulletin_id in (select bulletin_id from _check_bulletins)"
    )
    con.execute(
        f"insert into _check_series select task_id from {tasks} "
        f"where bulletin_id in ({scope}) and task_id in (select task_id from _check_tasks) "
        "group by task_id having min(bulletin_id) in (select bulletin_id from _check_bulletins)"
    )


def _merge(a: CheckOutcome | None, b: CheckOutcome) -> CheckOutcome:
    if a is None:
        return b
    checked, failed = a.rows_checked + b.rows_checked, a.failed_rows + b.failed_rows
    failures = pd.concat([a.failures, b.failures]).head(MAX_FAILURES_SHOWN)
    return CheckOutcome(
        passed=a.passed and b.passed,
        rows_checked=checked,
        failed_rows=failed,
        failed_percent=round(100.0 * failed / checked, 2) if checked else 0.0,
        failures=failures,
        expectation=a.expectation,
        by_bulletin=None
        if a.by_bulletin is None or b.by_bulletin is None
        else pd.concat([a.by_bulletin, b.by_bulletin]),
    )


def checked_bulletins(con, every_row: bool) -> list[str]:
    """The bulletins a run checks: those it changed, or every bulletin."""
    catalog = con.execute("select current_database()").fetchone()[0]
    return [r[0] for r in con.execute(f"{_scope(catalog, every_row)} order by 1").fetchall()]


def _scope(catalog: str, every_row: bool) -> str:
    bulletins = f'"{catalog}".main.dim_bulletin'
    if every_row:
        return f"select bulletin_id from {bulletins}"
    return (
        f'select bulletin_id from "{catalog}".parsed.changed_bulletins '
        f"where bulletin_id in (select bulletin_id from {bulletins})"
    )


def run_checks(con, every_row: bool) -> dict[str, CheckOutcome]:
    """Every check's outcome on the run's changed bulletins (or on every bulletin)."""
    catalog = con.execute("select current_database()").fetchone()[0]
    scope = _scope(catalog, every_row)
    ids = checked_bulletins(con, every_row)
    outcomes: dict[str, CheckOutcome] = {}
    for check in CHECKS:
        if not check.per_bulletin:
            outcomes[check.name] = run_check(check, con.execute(check.sql).df())
    _views(con)
    for start in range(0, max(len(ids), 1), BATCH_SIZE):
        _show_batch(con, catalog, ids[start : start + BATCH_SIZE], scope)
        for check in (c for c in CHECKS if c.per_bulletin):
            outcome = run_check(check, con.execute(check.sql).df())
            outcomes[check.name] = _merge(outcomes.get(check.name), outcome)
    return outcomes
