"""Parsing the raw bulletins into the staging tables that dbt reads as sources."""

import time

import dagster as dg

from ..parsing.corpus import CachedBulletin, RawRecord, parse_corpus
from ..parsing.tables import STAGING_SCHEMAS, frames
from ..resources import WarehouseResource
from ..warehouse import markdown_table, replace_table

STAGING_DESCRIPTIONS = {
    "bulletins": "One row per parsed bulletin: title, year, period, publication date, kind, issuer, body text.",
    "tasks": "One row per task row of a bulletin's table: row number, task id, task text, progress text.",
    "progress_items": "The numbered items of each task's progress cell.",
    "figures": "Every figure found in task and progress text, with its value, unit and span.",
    "identities": "Stated breakdowns: a whole figure and the figures the text says are its parts.",
    "target_links": "Each target figure and the progress figure (or completion ratio) that reports on it.",
    "rejected_files": "Files that could not be read as a bulletin, with the reason.",
}


BY_BULLETIN = ("tasks", "progress_items", "figures", "identities", "target_links")


def _rows(con, sql: str) -> list[dict]:
    cursor = con.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _previous_rows(warehouse: WarehouseResource) -> dict[str, CachedBulletin]:
    """The staging rows of the warehouse this run started from, by parse key: what was parsed before
    and has not changed is not parsed again."""
    with warehouse.connect(read_only=True) as con:
        tables = {
            r[0]
            for r in con.execute(
                "select table_name from information_schema.columns "
                "where table_schema = 'staging' and column_name = 'parse_key'"
            ).fetchall()
        }
        if not {"bulletins", "rejected_files"} <= tables:
            return {}
        existing = {
            r[0]
            for r in con.execute(
                "select table_name from information_schema.tables where table_schema = 'staging'"
            ).fetchall()
        }
        if not set(BY_BULLETIN) <= existing:
            return {}
        cached: dict[str, CachedBulletin] = {}
        by_id: dict[str, CachedBulletin] = {}
        for row in _rows(con, "select * from staging.bulletins where parse_key is not null"):
            entry = CachedBulletin(rows={"bulletins": [row], **{t: [] for t in BY_BULLETIN}})
            cached[row["parse_key"]] = entry
            by_id[row["bulletin_id"]] = entry
        for table in BY_BULLETIN:
            for row in _rows(con, f"select * from staging.{table}"):
                entry = by_id.get(row["bulletin_id"])
                if entry is not None:
                    entry.rows[table].append(row)
        for row in _rows(
            con,
            "select * from staging.rejected_files where stage = 'parse' and parse_key is not null",
        ):
            cached[row["parse_key"]] = CachedBulletin(rows={"rejected_files": [row]})
    return cached


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            key=["staging", name],
            deps=[dg.AssetKey(["raw", "bulletin_files"])],
            description=STAGING_DESCRIPTIONS[name],
            group_name="staging",
            kinds={"python", "duckdb"},
        )
        for name in STAGING_SCHEMAS
    ],
)
def staging_tables(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    """Parse every readable raw bulletin; byte-identical copies are parsed once."""
    with warehouse.connect(read_only=True) as con:
        raw = con.execute(
            "select source_file, content_sha256, encoding, decoded_text, read_error, sidecar "
            "from raw.bulletin_files"
        ).fetchall()
    records = [RawRecord(*row) for row in raw]
    cached = _previous_rows(warehouse)
    started = time.perf_counter()

    def progress(n: int, source_file: str) -> None:
        if n % 100 == 0:
            context.log.info(f"parsed {n}/{len(records)} files")

    result = parse_corpus(records, cached=cached, on_progress=progress)
    elapsed = time.perf_counter() - started
    rows = result.rows
    context.log.info(
        f"parsed {result.parsed} new or changed bulletins ({result.parsed_bytes / 1e6:.2f} MB) in "
        f"{elapsed:.2f}s, reused {result.reused} unchanged ones; "
        f"{len(rows['rejected_files'])} files rejected"
    )
    for rejected in rows["rejected_files"]:
        context.log.warning(f"rejected {rejected['source_file']}: {rejected['reason']}")
    tables = frames(rows)
    with warehouse.connect() as con:
        for name, df in tables.items():
            replace_table(con, "staging", name, df, STAGING_SCHEMAS[name])
    for name, df in tables.items():
        preview_cols = [c for c in df.columns if c not in ("body_text", "progress_text")][:8]
        metadata = {
            "dagster/row_count": len(df),
            "preview": dg.MetadataValue.md(markdown_table(df[preview_cols], max_rows=10)),
        }
        if name == "rejected_files":
            metadata["rejected"] = dg.MetadataValue.md(
                markdown_table(df[["source_file", "stage", "reason"]], max_rows=500, max_chars=200)
            )
            metadata["reasons"] = (
                "\n".join(f"{r.source_file}: {r.reason}" for r in df.itertuples()) or "none"
            )
        yield dg.MaterializeResult(asset_key=["staging", name], metadata=metadata)
