"""Parsing the raw bulletins into the staging tables that dbt reads as sources."""

import time

import dagster as dg
import pandas as pd

from ..parsing.bulletin import parse_document
from ..parsing.tables import STAGING_SCHEMAS, bulletin_rows, frames
from ..parsing.text import RejectedFile
from ..resources import WarehouseResource
from ..warehouse import markdown_table, replace_table

STAGING_DESCRIPTIONS = {
    "bulletins": "One row per parsed bulletin: title, year, period, publication date, kind, body text.",
    "tasks": "One row per task row of a bulletin's table: row number, task text, progress text.",
    "progress_items": "The numbered items of each task's progress cell.",
    "figures": "Every figure found in task and progress text, with its value, unit and span.",
    "identities": "Stated breakdowns: a whole figure and the figures the text says are its parts.",
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
            "select source_file, content_sha256, encoding, decoded_text, read_error "
            "from raw.bulletin_files"
            # of byte-identical copies, the one nearest the top of the folder is loaded
            " order by length(source_file) - length(replace(source_file, '/', '')), source_file"
        ).df()
    rows: dict[str, list] = {name: [] for name in STAGING_SCHEMAS}
    copies: dict[str, list[str]] = {}
    started = time.perf_counter()
    parsed_bytes = 0
    for record in raw.itertuples(index=False):
        if record.read_error is not None and not pd.isna(record.read_error):
            rows["rejected_files"].append(
                {
                    "source_file": record.source_file,
                    "content_sha256": record.content_sha256,
                    "stage": "read",
                    "reason": record.read_error,
                }
            )
            continue
        if record.content_sha256 in copies:
            copies[record.content_sha256].append(record.source_file)
            continue
        copies[record.content_sha256] = []
        try:
            bulletin = parse_document(record.decoded_text, record.content_sha256, record.encoding)
        except RejectedFile as exc:
            context.log.warning(f"{record.source_file}: {exc.reason}")
            rows["rejected_files"].append(
                {
                    "source_file": record.source_file,
                    "content_sha256": record.content_sha256,
                    "stage": "parse",
                    "reason": exc.reason,
                }
            )
            continue
        parsed_bytes += len(record.decoded_text.encode("utf-8"))
        for name, new in bulletin_rows(
            bulletin, record.source_file, copies[record.content_sha256]
        ).items():
            rows[name].extend(new)
    for row in rows["bulletins"]:
        dupes = copies.get(row["content_sha256"]) or []
        row["duplicate_files"] = "; ".join(dupes) or None
    elapsed = time.perf_counter() - started
    context.log.info(
        f"parsed {len(rows['bulletins'])} bulletins ({parsed_bytes / 1e6:.2f} MB) in {elapsed:.2f}s; "
        f"{len(rows['rejected_files'])} rejected"
    )
    tables = frames(rows)
    with warehouse.connect() as con:
        for name, df in tables.items():
            replace_table(con, "staging", name, df, STAGING_SCHEMAS[name])
    for name, df in tables.items():
        preview_cols = [c for c in df.columns if c not in ("body_text", "progress_text")][:8]
        yield dg.MaterializeResult(
            asset_key=["staging", name],
            metadata={
                "dagster/row_count": len(df),
                "preview": dg.MetadataValue.md(markdown_table(df[preview_cols], max_rows=10)),
            },
        )
