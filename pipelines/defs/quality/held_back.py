"""The bulletins a run holds back: taken out of the marts before the build is published.

The checks decided the quarantine (:mod:`pipelines.lib.quarantine_run`); the marts that are views
already leave the held-back bulletins out (the staging models read ``quality.bulletin_status``).
The marts that are tables were built while the checks still had to see those bulletins: their
rows of the bulletins held back now are rebuilt without them, by the same incremental dbt models.
"""

import contextlib
import json
import shutil
import tempfile
from pathlib import Path

import dagster as dg
import pandas as pd
from dagster_dbt import DbtCliResource

from pipelines.defs.resources import WarehouseResource
from pipelines.defs.transform.assets import MANIFEST
from pipelines.lib import quarantine, quarantine_run, quarantine_store, settings
from pipelines.lib.quarantine import ACCEPTED, HELD_BACK
from pipelines.lib.warehouse import MARTS, markdown_table, temp_table

HELD_BACK_KEY = dg.AssetKey(["warehouse", "held_back"])


def _table_marts() -> list[str]:
    """The marts stored as tables (incremental or not), from the dbt manifest: a new one is
    rebuilt without the held-back bulletins as these are."""
    nodes = json.loads(Path(MANIFEST).read_text(encoding="utf-8"))["nodes"].values()
    return sorted(
        n["name"]
        for n in nodes
        if n["resource_type"] == "model"
        and n["fqn"][1] == "marts"
        and n["config"]["materialized"] in ("table", "incremental")
    )


@dg.asset(
    key=HELD_BACK_KEY,
    deps=[dg.AssetKey([name]) for name in MARTS],
    group_name="publish",
    kinds={"duckdb", "dbt"},
    description=(
        "The bulletins held back from publication: a blocking check failed on their rows and no "
        "accepted exception covers it (data/accepted_exceptions.yaml). Their parsed rows are kept "
        "and checked again by every run; the published marts leave them out, and the mart "
        "quarantined_bulletins lists them with the failing rows in words."
    ),
)
def held_back_bulletins(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource, dbt: DbtCliResource
) -> dg.MaterializeResult:
    with warehouse.connect() as con:
        statuses = quarantine_store.statuses(con)
        changed = {
            r[0] for r in con.execute("select bulletin_id from parsed.changed_bulletins").fetchall()
        }
        now = [
            s.bulletin_id for s in statuses if s.status == HELD_BACK and s.bulletin_id in changed
        ]
        if now:
            _rebuild_scope(con, now)
    if now:
        context.log.info(f"{len(now)} bulletins held back: the marts that are tables rebuilt")
        _rebuild_table_marts(warehouse, dbt, context.run_id)
    return dg.MaterializeResult(metadata=_metadata(statuses))


def _stale(statuses) -> str:
    try:
        stale = quarantine_run.stale_now(statuses)
    except quarantine.ExceptionsFileError as exc:
        return str(exc)
    return "\n".join(e.describe() for e in stale) or "none"


def _rebuild_scope(con, bulletin_ids: list[str]) -> None:
    """The incremental marts' change tables name the bulletins held back now, and their tasks."""
    temp_table(con, "_held", {"bulletin_id": "varchar"}, {"bulletin_id": bulletin_ids})
    con.execute("begin")
    con.execute("delete from parsed.changed_bulletins")
    con.execute("insert into parsed.changed_bulletins select bulletin_id from _held")
    con.execute("delete from parsed.changed_tasks")
    con.execute(
        "insert into parsed.changed_tasks select distinct task_id from parsed.tasks "
        "where bulletin_id in (select bulletin_id from _held) and task_id is not null"
    )
    con.execute("commit")


def _rebuild_table_marts(warehouse: WarehouseResource, dbt: DbtCliResource, run_id: str) -> None:
    target = Path(tempfile.mkdtemp(prefix="bulletins-dbt-held-back-"))
    args = ["run", "--select", " ".join(_table_marts()), *settings.dbt_vars(warehouse.build_path)]
    invocation = dbt.cli(args, manifest=MANIFEST, target_path=target, raise_on_error=False)
    warehouse.started_process_group(invocation.process.pid)
    log = settings.run_log_path(warehouse.published_path, run_id, "dbt")
    try:
        # dbt's lines to the run's dbt log, as the dbt step's (dagster-dbt echoes them to stdout)
        with open(log, "a", encoding="utf-8") as out, contextlib.redirect_stdout(out):
            invocation.wait()
    finally:
        warehouse.finished_process_group(invocation.process.pid)
        shutil.rmtree(target, ignore_errors=True)
    if not invocation.is_successful():
        error = invocation.get_error()
        raise dg.Failure(
            f"dbt could not rebuild the marts without the held-back bulletins: {error or 'see the dbt log'}"
        )


def _metadata(statuses) -> dict:
    rows = [
        {
            "status": s.status,
            "file": s.source_file,
            "check": f.check,
            "task": f.task,
            "failure": f.failure,
            "sentence": f.sentence,
            "since": s.since.strftime("%Y-%m-%d %H:%M"),
            "accepted as": s.exception,
        }
        for s in statuses
        for f in s.failures
    ]
    return {
        "held_back": sum(s.status == HELD_BACK for s in statuses),
        "accepted": sum(s.status == ACCEPTED for s in statuses),
        "dagster/row_count": len(statuses),
        "stale_exceptions": _stale(statuses),
        "bulletins": dg.MetadataValue.md(
            markdown_table(pd.DataFrame(rows), max_rows=200, max_chars=1000)
        ),
    }
