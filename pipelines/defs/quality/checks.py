"""Dagster asset checks that run the Great Expectations suites of :mod:`.suites` on the marts.

All suites run in one step (a step per check costs more in Dagster's bookkeeping than the checks
themselves); each check still has its own spec, result, severity and blocking flag in the UI.

A run checks the rows of the bulletins it changed (its cost grows with what is new); a run tagged
``bulletins/full_checks`` (``--force``, ``--full-checks``, the quarterly schedule's runs) checks
every row of the marts.
"""

import dagster as dg
import pandas as pd

from pipelines.defs.partitions import FULL_CHECKS_TAG
from pipelines.defs.resources import WarehouseResource
from pipelines.lib import quarantine_run
from pipelines.lib.check_batches import checked_bulletins, run_checks
from pipelines.lib.process_memory import release_freed_memory
from pipelines.lib.quality_suites import CHECKS, CheckOutcome, QualityCheck, failure_summary
from pipelines.lib.quarantine import Decision
from pipelines.lib.warehouse import MARTS, markdown_table

# on a run: whether it published the warehouse, and how many bulletins it held back
PUBLISHED_TAG = "bulletins/published"
HELD_BACK_TAG = "bulletins/held_back"


def _spec(check: QualityCheck) -> dg.AssetCheckSpec:
    return dg.AssetCheckSpec(
        name=check.name,
        asset=dg.AssetKey([check.table]),
        description=check.description,
        blocking=check.blocking,
        metadata={"suite": f"{check.table} (Great Expectations)", "severity": check.severity},
    )


def _severity(check: QualityCheck, decision: Decision) -> dg.AssetCheckSeverity:
    """A blocking check that fails on particular bulletins holds back those bulletins, not the
    publication (WARN lets the steps after it run); only the circuit breaker blocks (ERROR)."""
    if check.severity != "error":
        return dg.AssetCheckSeverity.WARN
    if check.blocking and decision.breaker is None:
        return dg.AssetCheckSeverity.WARN
    return dg.AssetCheckSeverity.ERROR


def _quarantine_metadata(check: QualityCheck, decision: Decision) -> dict:
    """What the quarantine did with this check's failures: the bulletins held back or published
    as accepted, each failing row in words and its sentence whole."""
    rows = [
        {
            "status": s.status,
            "file": f.source_file,
            "task": f.task,
            "failure": f.failure,
            "sentence": f.sentence,
            "since": s.since.strftime("%Y-%m-%d %H:%M"),
        }
        for s in decision.statuses
        for f in s.failures
        if f.check == check.name
    ]
    held = sorted({r["file"] for r in rows if r["status"] == "held_back"})
    accepted = sorted({r["file"] for r in rows if r["status"] == "accepted"})
    metadata = {
        "held_back": ", ".join(held) or "none",
        "accepted": ", ".join(accepted) or "none",
        "quarantine": dg.MetadataValue.md(
            markdown_table(pd.DataFrame(rows), max_rows=100, max_chars=1000)
        ),
    }
    if decision.breaker:
        metadata["nothing_published"] = decision.breaker
    return metadata


def _result(
    check: QualityCheck, outcome: CheckOutcome, scope: str, decision: Decision
) -> dg.AssetCheckResult:
    severity = _severity(check, decision)
    metadata = {
        "scope": scope,
        "rows_checked": outcome.rows_checked,
        "failed_rows": outcome.failed_rows,
        "failed_percent": outcome.failed_percent,
        "expectation": outcome.expectation,
    }
    if not outcome.passed:
        metadata["summary"] = failure_summary(outcome.failures, outcome.failed_rows)
        metadata["failing_rows"] = dg.MetadataValue.md(markdown_table(outcome.failures))
        if check.blocking:
            metadata.update(_quarantine_metadata(check, decision))
    return dg.AssetCheckResult(
        asset_key=dg.AssetKey([check.table]),
        check_name=check.name,
        passed=outcome.passed,
        severity=severity,
        metadata=metadata,
    )


@dg.multi_asset_check(
    name="great_expectations_suites",
    specs=[_spec(check) for check in CHECKS],
    description="Every Great Expectations suite of the marts, one check result each.",
)
def great_expectations_suites(context: dg.AssetCheckExecutionContext, warehouse: WarehouseResource):
    full = context.run.tags.get(FULL_CHECKS_TAG) == "true"
    scope = "every row of the marts" if full else "the rows of the bulletins this run changed"
    context.log.info(f"checks on {scope}")
    release_freed_memory()  # what the steps before held, before the checks' batches
    with warehouse.connect(read_only=True) as con:
        outcomes = run_checks(con, every_row=full)
        checked = checked_bulletins(con, every_row=full)
    with warehouse.connect() as con:
        decision = quarantine_run.judge(con, outcomes, checked)
    if decision.breaker:
        context.log.error(f"nothing will be published: {decision.breaker}")
        context.instance.add_run_tags(context.run.run_id, {PUBLISHED_TAG: "false"})
        _mark_not_published(context, decision.breaker)
    for status in decision.held_back:
        context.log.warning(
            f"held back {status.source_file}: "
            + "; ".join(f"{f.check}: {f.failure}" for f in status.failures[:3])
        )
    for check in CHECKS:
        result = _result(check, outcomes[check.name], scope, decision)
        if not result.passed:
            context.log.warning(
                f"{check.table}:{check.name} failed: {result.metadata['summary'].value}"
            )
        yield result
    if decision.breaker:
        # a breaker may trip with no failing check to carry it (an unusable exceptions file)
        raise CircuitBreakerTripped(f"nothing published: {decision.breaker}")


class CircuitBreakerTripped(dg.Failure):
    """The run publishes nothing: the checks found what a code change would cause (told in the
    summary in words, as the reason nothing was published)."""


def _mark_not_published(context: dg.AssetCheckExecutionContext, reason: str) -> None:
    """The marts this run built stay in its build file: say so on each, so that the UI does not
    show them as the published warehouse."""
    for mart in MARTS:
        context.op_execution_context.log_event(
            dg.AssetObservation(
                asset_key=dg.AssetKey([mart]),
                metadata={
                    "published": False,
                    "status": f"NOT PUBLISHED: this run's build was held back ({reason}); the "
                    "published warehouse is as the last published run left it",
                },
            )
        )


quality_checks = [great_expectations_suites]
