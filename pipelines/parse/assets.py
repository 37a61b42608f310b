"""Parsing the raw bulletins into the staging tables that dbt reads as sources."""

import time

import dagster as dg

from ..parsing.corpus import RawRecord, parse_corpus
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
    started = time.perf_counter()

    def progress(n: int, source_file: str) -> None:
        if n % 100 == 0:
            context.log.info(f"parsed {n}/{len(records)} files")

    result = parse_corpus(records, on_progress=progress)
    elapsed = time.perf_counter() - started
    rows = result.rows
    context.log.info(
        f"parsed {len(rows['bulletins'])} bulletins ({result.parsed_bytes / 1e6:.2f} MB) in "
        f"{elapsed:.2f}s; {len(rows['rejected_files'])} rejected"
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
