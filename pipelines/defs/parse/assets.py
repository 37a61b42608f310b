"""Parsing the raw bulletins into the parsed tables that dbt reads as sources."""

import time
import warnings

import dagster as dg
import pandas as pd

from pipelines.defs.partitions import BULLETINS, REPARSE_TAG, key_of
from pipelines.defs.resources import WarehouseResource
from pipelines.lib import changes, parsed_store, quarantine_store
from pipelines.lib.parse_batches import parse_in_batches
from pipelines.lib.parsing.corpus import CorpusResult, RawRecord
from pipelines.lib.parsing.rows import PARSED_SCHEMAS, frames
from pipelines.lib.process_memory import release_freed_memory
from pipelines.lib.raw_table import RECORDS_SQL
from pipelines.lib.settings import parse_workers
from pipelines.lib.warehouse import insert_rows, markdown_table

STAGING_DESCRIPTIONS = {
    "bulletins": "One row per parsed bulletin: title, year, period, publication date, kind, issuer, body text.",
    "tasks": "One row per task row of a bulletin's table: row number, task id, task text, progress text.",
    "progress_items": "The numbered items of each task's progress cell.",
    "figures": "Every figure found in task and progress text, with its value, unit and span.",
    "identities": "Stated breakdowns: a whole figure and the figures the text says are its parts.",
    "target_links": "Each target figure and the progress figure (or completion ratio) that reports on it.",
    "rejected_files": "Files that could not be read as a bulletin, with the reason.",
}


CHANGE_DESCRIPTIONS = {
    "changed_bulletins": (
        "The bulletins this run parsed, removed, or gave other task ids or an issuer: the "
        "incremental marts rebuild their rows and the checks read them."
    ),
    "changed_tasks": "The task ids those bulletins had or have: dim_task rebuilds their rows.",
}


# a run's bulletin partitions parsed in one step (single-run backfill policy): relied on knowingly
warnings.filterwarnings("ignore", message="Parameter `backfill_policy`", category=dg.BetaWarning)

PARSED_KEY = dg.AssetKey(["parsed", "by_bulletin"])
PREVIEW_MAX_FILES = 50


@dg.asset(
    key=PARSED_KEY,
    deps=[dg.AssetKey(["raw", "bulletin_files"])],
    partitions_def=BULLETINS,
    # the partitions of a run are parsed in one step, whatever their number
    backfill_policy=dg.BackfillPolicy.single_run(),
    group_name="parsed",
    kinds={"python", "duckdb"},
    description=(
        "Parsing, one partition per bulletin (the first 16 hex digits of its content's SHA-256): "
        "the bulletins of the run's partitions are parsed and their rows replace their earlier rows "
        "in the parsed tables; the rows of the other bulletins stay. A bulletin parsed before by "
        "the same parser, with the same sidecar issuer, is not parsed again."
    ),
)
def parsed_bulletins(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    keys = sorted(set(context.partition_keys))
    started = time.perf_counter()
    with warehouse.connect() as con:
        recreated = parsed_store.ensure_parsed_tables(con)
        if recreated:
            context.log.warning(
                f"parsed tables with new columns ({', '.join(recreated)}): every parsed table "
                "created anew, every bulletin of the run parsed again"
            )
        parsed_store.set_run_keys(con, keys)
        raw = con.execute(
            f"{RECORDS_SQL} where f.partition_key in (select partition_key from run_keys)"
        ).fetchall()
        reparse = context.run.tags.get(REPARSE_TAG) == "true"
        cached = {} if reparse else parsed_store.previous_rows(con)
    records = [RawRecord(*row) for row in raw]
    context.log.info(
        f"{len(keys)} bulletin partitions in this run: {len(records)} files, parsed in batches "
        f"on {parse_workers()} cores"
    )
    total = CorpusResult()
    preview = None
    with warehouse.connect() as con:
        parsed_store.set_run_keys(con, keys)
        con.execute("begin")
        changes.start(con)
        in_run = f"select bulletin_id from parsed.bulletins where {parsed_store.IN_RUN}"
        changes.record_bulletins(con, in_run)  # their rows as they were
        parsed_store.delete_bulletins(con, f"where {parsed_store.IN_RUN}")
        con.execute(f"delete from parsed.rejected_files where {parsed_store.IN_RUN}")
        con.execute("commit")
        done = 0
        # a transaction per batch: DuckDB holds a transaction's new rows in memory until it
        # commits (the run as a whole is still published or not, by the build file)
        for result, n in parse_in_batches(records, cached):
            tables = frames(result.rows)
            con.execute("begin")
            for name, df in tables.items():
                insert_rows(con, "parsed", name, df, PARSED_SCHEMAS[name])
            con.execute("commit")
            total.add(result)
            preview = tables["figures"] if preview is None else preview
            done += n
            context.log.info(f"parsed {done}/{len(records)} files")
        con.execute("begin")
        changes.record_bulletins(con, in_run)  # and as they are
        if recreated:
            changes.request_full_refresh(con, "the parsed tables were created anew")
        con.execute("commit")
    figures = preview if preview is not None else frames(total.rows)["figures"]
    return _parse_report(context, total, records, figures, time.perf_counter() - started)


def _parse_report(context, result, records, figures, elapsed: float) -> dg.MaterializeResult:
    """What the parse did, in the log (each rejected file with its reason) and as metadata."""
    rejected = result.rows["rejected_files"]
    context.log.info(
        f"parsed {result.parsed} new or changed bulletins ({result.parsed_bytes / 1e6:.2f} MB) in "
        f"{elapsed:.2f}s, reused {result.reused} unchanged ones; {len(rejected)} files rejected"
    )
    for r in rejected:
        context.log.warning(f"rejected {r['source_file']}: {r['reason']}")
    metadata = {
        "bulletins_parsed": result.parsed,
        "bulletins_reused": result.reused,
        "files_rejected": len(rejected),
        "parse_seconds": round(elapsed, 2),
    }
    # Dagster records the metadata once per partition of the run: the tables only for a run of a
    # few bulletins (a backfill of thousands would store thousands of copies of them)
    if len(records) <= PREVIEW_MAX_FILES:
        preview = ["bulletin_id", "task_seq", "raw_text", "base_value", "base_unit", "label"]
        # which file each partition key of the run stands for
        metadata["bulletins"] = dg.MetadataValue.md(markdown_table(_partition_files(records)))
        metadata["figures"] = dg.MetadataValue.md(markdown_table(figures[preview], max_rows=10))
    return dg.MaterializeResult(metadata=metadata)


def _partition_files(records: list[RawRecord]) -> pd.DataFrame:
    rows = [
        {
            "partition": key_of(r.content_sha256),
            "source_file": r.source_file,
            "read_error": r.read_error or "",
        }
        for r in records
    ]
    return pd.DataFrame(rows, columns=["partition", "source_file", "read_error"]).sort_values(
        ["partition", "source_file"]
    )


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            key=["parsed", name],
            deps=[PARSED_KEY],
            description=STAGING_DESCRIPTIONS[name],
            group_name="parsed",
            kinds={"duckdb"},
        )
        for name in PARSED_SCHEMAS
    ]
    + [
        dg.AssetSpec(
            key=["parsed", name],
            deps=[PARSED_KEY],
            description=CHANGE_DESCRIPTIONS[name],
            group_name="parsed",
            kinds={"duckdb"},
        )
        for name in CHANGE_DESCRIPTIONS
    ],
)
def parsed_tables(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    """The parsed tables across every bulletin: rows of bulletins whose files are gone removed,
    task ids assigned across the bulletins of each issuer's year the run touched."""
    release_freed_memory()  # the parse step's records
    with warehouse.connect() as con:
        parsed_store.ensure_parsed_tables(con)
        con.execute("begin")
        gone = "where content_sha256 not in (select content_sha256 from raw.bulletin_files)"
        changes.record_bulletins(con, f"select bulletin_id from parsed.bulletins {gone}")
        removed = parsed_store.delete_bulletins(con, gone)
        con.execute(f"delete from parsed.rejected_files {gone}")
        renamed = changes.reassign_task_ids(con)
        rechecked = quarantine_store.start_recheck(con)
        con.execute("commit")
        tables = {
            name: con.execute(f"select * exclude (body_text) from parsed.{name} limit 10").df()
            if name == "bulletins"
            else con.execute(f"select * from parsed.{name} limit 10").df()
            for name in PARSED_SCHEMAS
        }
        totals = {
            name: con.execute(f"select count(*) from parsed.{name}").fetchone()[0]
            for name in PARSED_SCHEMAS
        }
        rejected = con.execute(
            "select source_file, stage, reason from parsed.rejected_files order by source_file"
        ).df()
    context.log.info(
        f"{totals['bulletins']} bulletins staged; {removed} removed (files gone), "
        f"{renamed} task ids assigned or changed; {rechecked} held-back or accepted bulletins "
        "checked again"
    )
    for name, df in tables.items():
        preview_cols = [c for c in df.columns if c != "progress_text"][:8]
        metadata = {
            "dagster/row_count": totals[name],
            "preview": dg.MetadataValue.md(markdown_table(df[preview_cols], max_rows=10)),
        }
        if name == "rejected_files":
            metadata["rejected"] = dg.MetadataValue.md(
                markdown_table(rejected, max_rows=500, max_chars=200)
            )
            metadata["reasons"] = (
                "\n".join(f"{r.source_file}: {r.reason}" for r in rejected.itertuples()) or "none"
            )
        yield dg.MaterializeResult(asset_key=["parsed", name], metadata=metadata)
    yield from _change_results(warehouse)


def _change_results(warehouse: WarehouseResource):
    """What the run changed, for the incremental marts: counts, and whether dbt must rebuild all."""
    with warehouse.connect(read_only=True) as con:
        counts = {
            name: con.execute(f"select count(*) from parsed.{name}").fetchone()[0]
            for name in CHANGE_DESCRIPTIONS
        }
        (refresh,) = con.execute(
            "select string_agg(reason, '; ') from parsed.full_refresh"
        ).fetchone()
    for name, n in counts.items():
        yield dg.MaterializeResult(
            asset_key=["parsed", name],
            metadata={"dagster/row_count": n, "full_refresh_requested": refresh or "no"},
        )
