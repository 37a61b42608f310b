"""Publishing the audited build as the warehouse analysts read."""

import json

import dagster as dg

from pipelines.defs.resources import WarehouseResource
from pipelines.lib import inventory
from pipelines.lib.warehouse import MARTS, markdown_table


@dg.asset(
    key=["warehouse", "published"],
    deps=[dg.AssetKey([name]) for name in MARTS],
    group_name="publish",
    kinds={"duckdb"},
    description=(
        "The warehouse analysts open: this run's build file, moved atomically over "
        "data/warehouse/warehouse.duckdb once the marts are built and their blocking checks passed. "
        "When a blocking check fails this asset does not run and the previous warehouse stays as it was."
    ),
)
def published_warehouse(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    build = warehouse.build_path
    with warehouse.connect(read_only=True) as con:
        (snapshot,) = con.execute("select inventory from raw.folder_inventory").fetchone()
    path = warehouse.publish()
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
            "marts": dg.MetadataValue.md(markdown_table(counts)),
        }
    )
