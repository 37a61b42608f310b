"""Dagster asset checks that run the Great Expectations suites of :mod:`.suites` on the marts."""

import dagster as dg

from ..resources import WarehouseResource
from ..warehouse import markdown_table
from .suites import CHECKS, QualityCheck, failure_summary, run_check


def _build(check: QualityCheck) -> dg.AssetChecksDefinition:
    severity = (
        dg.AssetCheckSeverity.ERROR if check.severity == "error" else dg.AssetCheckSeverity.WARN
    )

    @dg.asset_check(
        asset=dg.AssetKey([check.table]),
        name=check.name,
        description=check.description,
        blocking=check.blocking,
        metadata={"suite": f"{check.table} (Great Expectations)", "severity": check.severity},
    )
    def _check(warehouse: WarehouseResource) -> dg.AssetCheckResult:
        df = warehouse.query_df(check.sql)
        outcome = run_check(check, df)
        metadata = {
            "rows_checked": outcome.rows_checked,
            "failed_rows": outcome.failed_rows,
            "failed_percent": outcome.failed_percent,
            "expectation": outcome.expectation,
        }
        if not outcome.passed:
            metadata["summary"] = failure_summary(outcome.failures, outcome.failed_rows)
            metadata["failing_rows"] = dg.MetadataValue.md(markdown_table(outcome.failures))
        return dg.AssetCheckResult(passed=outcome.passed, severity=severity, metadata=metadata)

    return _check


quality_checks = [_build(check) for check in CHECKS]
