"""What ``python -m pipelines run`` prints when the run ends, and the status it exits with.

The summary says what was published, which bulletins were held back and why (the file, the task,
the failing row in words and its sentence), which were published as accepted, which exceptions are
stale, and, when nothing was published, why in one line. A data failure is told in words; a stack
trace only where the code itself failed.

Exit status (also in the README, "When a check fails"):

- 0: published, nothing held back (or nothing new in a warehouse that holds none back);
- 3: published, some bulletins held back (listed in the summary and in quarantined_bulletins), or
  nothing new in a warehouse that holds some back;
- 1: nothing published (the previous warehouse is unchanged), with the reason in one line;
- 2: the run could not start (no raw folder, a setting that cannot be used).

Dagster's and the warehouse's modules are imported inside the functions that read a finished run:
the "nothing new" summary is printed without them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# published, nothing held back (or nothing new to do)
EXIT_PUBLISHED = 0
# nothing published: the circuit breaker tripped, a step failed, or the run could not start
EXIT_NOT_PUBLISHED = 1
# published, some bulletins held back
EXIT_PUBLISHED_WITH_HELD_BACK = 3
# the run could not start (no raw folder, a setting that cannot be used)
EXIT_CANNOT_START = 2
# published, but a step after publishing failed (the report): what analysts read is new, the
# report of it is not
EXIT_PUBLISHED_STEP_FAILED = 4
SENTENCE_SHOWN = 160  # characters of a failing row's sentence in the console (whole in the UI)


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

    def breaker(self) -> str | None:
        """Why the checks stopped the publication, if they did."""
        for c in self.checks:
            reason = c.metadata.get("nothing_published")
            if reason is not None:
                return reason.value
        for event in self.step_failures:  # a breaker that no failing check carried
            cause = _cause(event)
            if cause is not None and cause.cls_name in _NOTHING_PUBLISHED:
                return _without_class(cause.message).removeprefix("nothing published: ")
        return None


def report(result, findings: Findings, elapsed: float) -> int:
    """What the run loaded, what its checks found, what it held back and whether the warehouse was
    published; returns the exit status."""
    import dagster as dg

    from pipelines.lib import settings

    warehouse = settings.warehouse_path()
    build = settings.build_path(warehouse)
    published = any(
        e.asset_key == dg.AssetKey(["warehouse", "published"])
        for e in result.get_asset_materialization_events()
    )
    shown = warehouse if published else build
    print()
    if not published and build.exists():
        print("this run's build (not published):")
    _print_tables(shown)
    _print_checks(findings.checks)
    held_back = _print_quarantine(shown, published)
    _print_failures(findings.step_failures, findings.run_errors)
    _print_publication(published, warehouse, build, findings.breaker(), held_back)
    if any(
        e.asset_key == dg.AssetKey(["report", "site"])
        for e in result.get_asset_materialization_events()
    ):
        report_index = settings.report_dir(warehouse) / "index.html"
        print(f"report written: {report_index} (make report serves it)")
    dbt_log = settings.run_log_path(warehouse, result.run_id, "dbt")
    if dbt_log.exists():
        print(f"dbt's line per model and test: {dbt_log}")
    status = "succeeded" if result.success else "FAILED"
    print(f"\nrun {result.run_id} {status} in {elapsed:.1f}s (details: make ui)")
    if not published:
        return EXIT_NOT_PUBLISHED
    if findings.step_failures:
        print("published, but a step after publishing failed (see above)")
        return EXIT_PUBLISHED_STEP_FAILED
    return EXIT_PUBLISHED_WITH_HELD_BACK if held_back else EXIT_PUBLISHED


def published_status(warehouse: Path) -> int:
    """The exit status of a published warehouse left as it is: whether bulletins are held back in
    it (said in one line)."""
    held = [s for s in _statuses(warehouse) if s.status == "held_back"]
    if not held:
        return EXIT_PUBLISHED
    print(f"{len(held)} bulletins held back in it (mart quarantined_bulletins)")
    return EXIT_PUBLISHED_WITH_HELD_BACK


def _statuses(path: Path) -> list:
    import duckdb

    from pipelines.lib import quarantine_store

    if not path.exists():
        return []
    try:
        with duckdb.connect(str(path), read_only=True) as con:
            return quarantine_store.statuses(con)
    except duckdb.Error:  # a warehouse from before the quarantine
        return []


def _print_checks(checks: list) -> None:
    failed_checks = [c for c in checks if not c.passed]
    print(f"\nchecks: {len(checks) - len(failed_checks)} passed, {len(failed_checks)} failed")
    for c in sorted(failed_checks, key=lambda c: c.check_name):
        level = c.severity.value if c.severity else "ERROR"
        counts = c.metadata.get("failed_rows")
        detail = f" ({counts.value} rows)" if counts is not None else ""
        print(f"  {level:5} {c.asset_key.to_user_string()}:{c.check_name}{detail}")


def _print_quarantine(path: Path, published: bool) -> int:
    """The bulletins held back or accepted, each failing row in words; stale exceptions. Returns
    the number held back."""
    from pipelines.lib import quarantine, quarantine_run, settings

    statuses = _statuses(path)
    held = [s for s in statuses if s.status == quarantine.HELD_BACK]
    accepted = [s for s in statuses if s.status == quarantine.ACCEPTED]
    titles = ("held back", "published as accepted")
    if not published:  # the build's statuses: what this run would have published
        titles = ("that would be held back", "that would be published as accepted")
    for title, group in zip(titles, (held, accepted), strict=True):
        if not group:
            continue
        print(f"\nbulletins {title}: {len(group)} (mart quarantined_bulletins)")
        for s in group:
            print(f"  {s.source_file}  (since {s.since:%Y-%m-%d})")
            for f in s.failures:
                task = f"task {f.task}: " if f.task else ""
                print(f"    {f.check}: {task}{f.failure}")
                sentence = f.sentence[:SENTENCE_SHOWN] + (
                    "…" if len(f.sentence) > SENTENCE_SHOWN else ""
                )
                print(f"      「{sentence}」")
            if s.exception:
                print(f"    accepted: {s.exception}")
    try:
        stale = quarantine_run.stale_now(statuses)
    except quarantine.ExceptionsFileError:
        stale = []  # the run said so, as the reason it did not start or publish
    if stale:
        print(f"\nstale exceptions in {settings.exceptions_path()} (they match no failure now):")
        for e in stale:
            print(f"  {e.describe()}")
    return len(held)


def _print_failures(step_failures: list, run_errors: list) -> None:
    for event in step_failures:
        cause = _cause(event)
        if cause is None:
            print(f"\nstep failed: {event.step_key}: {event.message}")
            continue
        if cause.cls_name in _DATA_FAILURES:
            continue  # told above, in words (the checks, and why nothing was published)
        print(f"\nstep failed: {event.step_key}: {_without_class(cause.message)}")
        if cause.cls_name != "Failure":  # the code itself failed: where
            print("".join(cause.stack).rstrip())
    for event in run_errors:
        error = event.event_specific_data.error
        while error.cause is not None:
            error = error.cause
        print(f"\nrun failed: {event.message} {_without_class(error.message)}")


# Step failures that are the data's, not the code's: a blocking check that failed
# and those that say, in words, why nothing was published
_NOTHING_PUBLISHED = {"CircuitBreakerTripped", "DbtBuildFailed"}
_DATA_FAILURES = {"DagsterAssetCheckFailedError", *_NOTHING_PUBLISHED}


def _cause(event):
    """The user's exception behind a step failure, not Dagster's wrappers (None if it has none)."""
    error = getattr(event.event_specific_data, "error", None)
    while error is not None and error.cause is not None:
        error = error.cause
    return error


def _without_class(message: str) -> str:
    return re.sub(r"^[\w.]+: ", "", message.strip())


def _print_publication(
    published: bool, warehouse: Path, build: Path, breaker: str | None, held_back: int
) -> None:
    if published:
        held = f", {held_back} bulletins held back" if held_back else ""
        print(f"\nwarehouse published{held}: {warehouse}")
        return
    print(f"\nwarehouse NOT published: {warehouse} is unchanged", end="")
    print(" (it does not exist yet)." if not warehouse.exists() else ".")
    if breaker:
        print(f"  why: {breaker}")
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
            print("  parsed: {} figures in {} tasks of {} bulletins".format(*counts))
