"""Publishing the audited build as the warehouse analysts read."""

import json
from pathlib import Path

import dagster as dg

from pipelines.defs.quality.checks import HELD_BACK_TAG, PUBLISHED_TAG
from pipelines.defs.quality.held_back import HELD_BACK_KEY
from pipelines.defs.resources import WarehouseResource
from pipelines.lib import dbt_manifest, inventory, quarantine_store, settings
from pipelines.lib.exports import export_marts
from pipelines.lib.quarantine import HELD_BACK
from pipelines.lib.warehouse import MARTS, markdown_table


@dg.asset(
    key=["warehouse", "published"],
    deps=[dg.AssetKey([name]) for name in MARTS] + [HELD_BACK_KEY],
    group_name="publish",
    kinds={"duckdb"},
    description=(
        "The warehouse analysts open: this run's build file, moved atomically over "
        "data/warehouse/warehouse.duckdb once the marts are built, their blocking checks judged and "
        "the bulletins they failed on held back. When the circuit breaker trips (a blocking check "
        "failed on rows of no particular bulletin, or too many bulletins would be held back) this "
        "asset does not run and the previous warehouse stays as it was."
    ),
)
def published_warehouse(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    build = warehouse.build_path
    with warehouse.connect(read_only=True) as con:
        (snapshot,) = con.execute("select inventory from raw.folder_inventory").fetchone()
        held_back = sum(s.status == HELD_BACK for s in quarantine_store.statuses(con))
        unchecked = quarantine_store.unchecked(con)
    if unchecked:  # a run started without the checks (from the UI, say) cannot publish them
        raise dg.Failure(
            f"{len(unchecked)} bulletins held back or accepted were not checked again by this run "
            f"({', '.join(unchecked[:5])}): run the checks (great_expectations_suites) with it"
        )
    path = warehouse.publish()
    settings.record_raw_dir(path, Path(json.loads(snapshot)["raw_dir"]))
    context.instance.add_run_tags(
        context.run_id, {PUBLISHED_TAG: "true", HELD_BACK_TAG: str(held_back)}
    )
    inventory.record(path, json.loads(snapshot))
    context.log.info(f"published {build.name} as {path}")
    counts = warehouse.query_df(
        "select table_name as mart, estimated_size as rows from duckdb_tables() "
        "where schema_name = 'main' order by table_name"
    )
    return dg.MaterializeResult(
        metadata={
            "path": str(path),
            "size_bytes": path.stat().st_size,
            "bulletins_held_back": held_back,
            "marts": dg.MetadataValue.md(markdown_table(counts)),
        }
    )


EXPORTS_KEY = dg.AssetKey(["warehouse", "exports"])


@dg.asset(
    key=EXPORTS_KEY,
    deps=[dg.AssetKey(["warehouse", "published"])],
    group_name="publish",
    kinds={"parquet", "csv", "excel"},
    description=(
        "The published marts written out beside the warehouse (exports/): Parquet and CSV, one "
        "file per mart, and bulletins.xlsx, one sheet per mart with Chinese headers and a sheet "
        "describing every column (pipelines/lib/exports.py). Run by export_job (the UI, or "
        "`make export` without Dagster), not by every bulletins_job run."
    ),
)
def exported_marts(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource
) -> dg.MaterializeResult:

    published = warehouse.published_path
    folder = settings.exports_path(published)
    result = export_marts(published, folder, dbt_manifest.PREPARED / "manifest.json")
    context.log.info(f"exported {published} to {folder}")
    return dg.MaterializeResult(
        metadata={
            "folder": dg.MetadataValue.path(str(folder)),
            "workbook": dg.MetadataValue.path(str(result.files[-1])),
            "rows": dg.MetadataValue.json(result.rows),
        }
    )
