"""What ``python -m pipelines run`` prints when the run ends: the marts loaded, what the checks
found, what failed, and whether the warehouse was published."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Findings:
    """What a run's events say went wrong, or was checked."""

    checks: list
    step_failures: list
    # errors outside any step: a resource that could not start (another run holds the warehouse)
    run_errors: list

    @classmethod
    def of(cls, result) -> Findings:
        return cls(
            checks=result.get_asset_check_evaluations(),
            step_failures=[e for e in result.all_events if e.event_type_value == "STEP_FAILURE"],
            run_errors=[
                e
                for e in result.all_events
                if e.event_type_value == "RESOURCE_INIT_FAILURE"
                and getattr(e.event_specific_data, "error", None) is not None
            ],
        )


def report(result, findings: Findings, elapsed: float) -> int:
    """What the run loaded, what its checks found, what failed and whether the warehouse was
    published; 0 if the run succeeded, else 1."""
    import dagster as dg

    from pipelines.lib import settings

    warehouse = settings.warehouse_path()
    build = settings.build_path(warehouse)
    published = any(
        e.asset_key == dg.AssetKey(["warehouse", "published"])
        for e in result.get_asset_materialization_events()
    )
    print()
    _print_tables(warehouse if published else build)
    _print_checks(findings.checks)
    _print_failures(findings.step_failures, findings.run_errors)
    _print_publication(published, warehouse, build)
    status = "succeeded" if result.success else "FAILED"
    print(f"\nrun {result.run_id} {status} in {elapsed:.1f}s (details: make ui)")
    return 0 if result.success else 1


def _print_checks(checks: list) -> None:
    failed_checks = [c for c in checks if not c.passed]
    print(f"\nchecks: {len(checks) - len(failed_checks)} passed, {len(failed_checks)} failed")
    for c in sorted(failed_checks, key=lambda c: c.check_name):
        level = c.severity.value if c.severity else "ERROR"
        counts = c.metadata.get("failed_rows")
        detail = f" ({counts.value} rows)" if counts is not None else ""
        print(f"  {level:5} {c.asset_key.to_user_string()}:{c.check_name}{detail}")


def _print_failures(step_failures: list, run_errors: list) -> None:
    for event in step_failures:
        error = getattr(event.event_specific_data, "error", None)
        reason = error.message.strip() if error is not None else event.message
        print(f"\nstep failed: {event.step_key}: {reason}")
    for event in run_errors:
        error = event.event_specific_data.error
        while error.cause is not None:  # the user's exception, not Dagster's wrappers
            error = error.cause
        reason = re.sub(r"^[\w.]+: ", "", error.message.strip())  # without the exception's class
        print(f"\nrun failed: {event.message} {reason}")


def _print_publication(published: bool, warehouse: Path, build: Path) -> None:
    if published:
        print(f"\nwarehouse published: {warehouse}")
    else:
        print(f"\nwarehouse NOT published: {warehouse} is unchanged", end="")
        print(" (it does not exist yet)." if not warehouse.exists() else ".")
        if build.exists():
            print(f"  this run's build, kept for inspection: {build}")


def _print_tables(path: Path) -> None:
    import duckdb

    from pipelines.lib.warehouse import MARTS, relation_kinds, row_count

    if not path.exists():
        return
    with duckdb.connect(str(path), read_only=True) as con:
        kinds = relation_kinds(con)
        for table in MARTS:
            n = row_count(con, "main", table, kinds)
            shown = n if n is not None else "view" if ("main", table) in kinds else "missing"
            print(f"  {table:22} {shown}")
        counts = [row_count(con, "parsed", t, kinds) for t in ("figures", "tasks", "bulletins")]
        if None not in counts:
            print("  {} figures in {} tasks of {} bulletins".format(*counts))
