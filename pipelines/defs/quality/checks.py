"""Dagster asset checks that run the Great Expectations suites of :mod:`.suites` on the marts.

All suites run in one step (a step per check costs more in Dagster's bookkeeping than the checks
themselves); each check still has its own spec, result, severity and blocking flag in the UI.

A run checks the rows of the bulletins it changed (its cost grows with what is new); a run tagged
``bulletins/full_checks`` (``--force``, ``--full-checks``, the quarterly schedule's runs) checks
every row of the marts.
"""

import dagster as dg

from pipelines.defs.partitions import FULL_CHECKS_TAG
from pipelines.defs.resources import WarehouseResource
from pipelines.lib.check_batches import run_checks
from pipelines.lib.process_memory import release_freed_memory
from pipelines.lib.quality_suites import CHECKS, CheckOutcome, QualityCheck, failure_summary
from pipelines.lib.warehouse import markdown_table


def _spec(check: QualityCheck) -> dg.AssetCheckSpec:
    return dg.AssetCheckSpec(
        name=check.name,
        asset=dg.AssetKey([check.table]),
        description=check.description,
        blocking=check.blocking,
        metadata={"suite": f"{check.table} (Great Expectations)", "severity": check.severity},
    )


def _result(check: QualityCheck, outcome: CheckOutcome, scope: str) -> dg.AssetCheckResult:
    severity = (
        dg.AssetCheckSeverity.ERROR if check.severity == "error" else dg.AssetCheckSeverity.WARN
    )
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
    for check in CHECKS:
        result = _result(check, outcomes[check.name], scope)
        if not result.passed:
            context.log.warning(
                f"{check.table}:{check.name} failed: {result.metadata['summary'].value}"
            )
        yield result


quality_checks = [great_expectations_suites]
