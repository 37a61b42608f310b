"""Parsing the raw bulletins into the parsed tables that dbt reads as sources."""

import time
import warnings

import dagster as dg
import pandas as pd

from pipelines.defs.partitions import BULLETINS, REPARSE_TAG, key_of
from pipelines.defs.resources import WarehouseResource
from pipelines.lib import changes
from pipelines.lib.parse_batches import parse_in_batches, workers
from pipelines.lib.parsing.bulletin import KEY_LENGTH
from pipelines.lib.parsing.corpus import CachedBulletin, CorpusResult, RawRecord
from pipelines.lib.parsing.tables import PARSED_SCHEMAS, frames
from pipelines.lib.warehouse import create_table, insert_rows, markdown_table

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


# this run's bulletins, among the rows of a table with content_sha256
_IN_RUN = f"left(content_sha256, {KEY_LENGTH}) in (select partition_key from run_keys)"

BY_BULLETIN = ("tasks", "progress_items", "figures", "identities", "target_links")


def _rows(con, sql: str, params=None) -> list[dict]:
    cursor = con.execute(sql, params or [])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _ensure_parsed_tables(con) -> list[str]:
    """Create the parsed tables that do not exist. If any table's columns changed, the parser
    changed with them: every parsed table is created anew (empty) and every partition parsed
    again, so that no row of the older parser stays beside the new ones. Returns the changed ones."""
    changed = ["every table (older schema names)"] if _drop_layers_of_older_versions(con) else []
    for name, columns in PARSED_SCHEMAS.items():
        existing = [
            r[0]
            for r in con.execute(
                "select column_name from information_schema.columns where table_schema = 'parsed' "
                "and table_name = ? order by ordinal_position",
                [name],
            ).fetchall()
        ]
        if existing and existing != list(columns):
            changed.append(name)
        if not existing:
            create_table(con, "parsed", name, columns)
    if changed:
        for name, columns in PARSED_SCHEMAS.items():
            create_table(con, "parsed", name, columns)
    changes.ensure_tables(con)
    return changed


def _drop_layers_of_older_versions(con) -> bool:
    """Warehouses built before the layers had their names kept the parsed tables in schema
    ``staging`` (now the schema of dbt's views) and dbt's views in ``stg``. Drop both: the parse
    step fills ``parsed`` again and dbt rebuilds its views, so no stale copy stays behind."""
    (tables,) = con.execute(
        "select count(*) from information_schema.tables "
        "where table_schema = 'staging' and table_type = 'BASE TABLE'"
    ).fetchone()
    if tables:
        con.execute("drop schema staging cascade")
    con.execute("drop schema if exists stg cascade")
    return bool(tables)


def _previous_rows(con) -> dict[str, CachedBulletin]:
    """The parsed rows of this run's bulletins as parsed by an earlier run, by parse key: what was
    parsed before and has not changed is not parsed again."""
    cached: dict[str, CachedBulletin] = {}
    by_id: dict[str, CachedBulletin] = {}
    for row in _rows(
        con,
        f"select * from parsed.bulletins where parse_key is not null and {_IN_RUN}",
    ):
        entry = CachedBulletin(rows={"bulletins": [row], **{t: [] for t in BY_BULLETIN}})
        cached[row["parse_key"]] = entry
        by_id[row["bulletin_id"]] = entry
    if by_id:
        for table in BY_BULLETIN:
            for row in _rows(
                con,
                f"select * from parsed.{table} where bulletin_id in "
                "(select bulletin_id from parsed.bulletins "
                f" where {_IN_RUN})",
            ):
                by_id[row["bulletin_id"]].rows[table].append(row)
    for row in _rows(
        con,
        "select * from parsed.rejected_files where stage = 'parse' and parse_key is not null "
        f"and {_IN_RUN}",
    ):
        cached[row["parse_key"]] = CachedBulletin(rows={"rejected_files": [row]})
    return cached


# a run's bulletin partitions parsed in one step (single-run backfill policy): relied on knowingly
warnings.filterwarnings("ignore", message="Parameter `backfill_policy`", category=dg.BetaWarning)

PARSED_KEY = dg.AssetKey(["parsed", "by_bulletin"])
PREVIEW_MAX_FILES = 50


def _set_run_keys(con, keys: list[str]) -> None:
    con.execute("create or replace temp table run_keys (partition_key varchar primary key)")
    con.executemany("insert into run_keys values (?)", [[k] for k in keys])


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
        recreated = _ensure_parsed_tables(con)
        if recreated:
            context.log.warning(
                f"parsed tables with new columns ({', '.join(recreated)}): every parsed table "
                "created anew, every bulletin of the run parsed again"
            )
        _set_run_keys(con, keys)
        raw = con.execute(
            "select f.source_file, f.content_sha256, f.encoding, f.decoded_text, f.read_error, "
            "f.sidecar, f.source_format, f.page_file, f.is_page, p.decoded_text "
            "from raw.bulletin_files f "
            "left join (select distinct source_file, decoded_text from raw.bulletin_files) p "
            "on p.source_file = f.page_file "
            "where f.partition_key in (select partition_key from run_keys)"
        ).fetchall()
        reparse = context.run.tags.get(REPARSE_TAG) == "true"
        cached = {} if reparse else _previous_rows(con)
    records = [RawRecord(*row) for row in raw]
    context.log.info(
        f"{len(keys)} bulletin partitions in this run: {len(records)} files, parsed in batches "
        f"on {workers()} cores"
    )
    total = CorpusResult()
    preview = None
    with warehouse.connect() as con:
        _set_run_keys(con, keys)
        con.execute("begin")
        changes.start(con)
        in_run = f"select bulletin_id from parsed.bulletins where {_IN_RUN}"
        changes.record_bulletins(con, in_run)  # their rows as they were
        _delete_bulletins(con, f"where {_IN_RUN}")
        con.execute(f"delete from parsed.rejected_files where {_IN_RUN}")
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


def _delete_bulletins(con, where: str) -> int:
    """Delete the parsed rows of the bulletins that ``where`` selects from parsed.bulletins."""
    con.execute(
        f"create or replace temp table _outgoing as select bulletin_id from parsed.bulletins {where}"
    )
    for name in BY_BULLETIN:
        con.execute(
            f"delete from parsed.{name} where bulletin_id in (select bulletin_id from _outgoing)"
        )
    con.execute(
        "delete from parsed.bulletins where bulletin_id in (select bulletin_id from _outgoing)"
    )
    (n,) = con.execute("select count(*) from _outgoing").fetchone()
    return n


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
    with warehouse.connect() as con:
        _ensure_parsed_tables(con)
        con.execute("begin")
        gone = "where content_sha256 not in (select content_sha256 from raw.bulletin_files)"
        changes.record_bulletins(con, f"select bulletin_id from parsed.bulletins {gone}")
        removed = _delete_bulletins(con, gone)
        con.execute(f"delete from parsed.rejected_files {gone}")
        renamed = changes.reassign_task_ids(con)
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
        f"{renamed} task ids assigned or changed"
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
