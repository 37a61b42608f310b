"""The dbt project as Dagster assets: staging views and marts, with dbt tests as asset checks."""

import dagster as dg
from dagster_dbt import DbtCliResource, DbtProject, dbt_assets

from .. import settings
from ..resources import WarehouseResource

dbt_project = DbtProject(project_dir=settings.DBT_PROJECT_DIR)


def manifest_is_stale() -> bool:
    """True if manifest.json is missing or older than any file that shapes it."""
    manifest = dbt_project.manifest_path
    if not manifest.exists():
        return True
    built = manifest.stat().st_mtime
    root = settings.DBT_PROJECT_DIR
    sources = [root / "dbt_project.yml", root / "profiles.yml"]
    for folder in ("models", "macros", "tests", "analyses"):
        sources.extend(p for p in (root / folder).rglob("*") if p.is_file())
    return any(p.stat().st_mtime > built for p in sources if p.exists())


def ensure_manifest() -> None:
    """Parse the dbt project when its manifest is missing or stale (a few seconds, once)."""
    if manifest_is_stale():
        settings.export_for_dbt()
        DbtCliResource(project_dir=dbt_project, dbt_executable=settings.DBT_EXECUTABLE).cli(
            ["parse", "--quiet"], target_path=dbt_project.target_path
        ).wait()


ensure_manifest()


@dbt_assets(manifest=dbt_project.manifest_path, project=dbt_project)
def dbt_models(
    context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: WarehouseResource
):
    """Build (run + test) the dbt models: staging views over the parsed tables, then the marts."""
    with warehouse.connect():
        pass  # the run's build file exists before dbt opens it
    settings.export_for_dbt(warehouse.build_path)
    # dbt holds the build file while it runs: collect its events, then add each model's row count
    # and column schema (read from the file dbt just wrote) before handing them to Dagster.
    events = list(dbt.cli(["build"], context=context).stream())
    with warehouse.connect(read_only=True) as con:
        for event in events:
            key = getattr(event, "asset_key", None)
            if key is None and isinstance(event, dg.Output):
                key = context.asset_key_for_output(event.output_name)
            if isinstance(event, dg.Output | dg.AssetMaterialization) and key is not None:
                event = event.with_metadata({**(event.metadata or {}), **_table_metadata(con, key)})
            yield event


def _table_metadata(con, key: dg.AssetKey) -> dict:
    schema, table = (key.path[0], key.path[-1]) if len(key.path) > 1 else ("main", key.path[0])
    columns = con.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_schema = ? and table_name = ? order by ordinal_position",
        [schema, table],
    ).fetchall()
    if not columns:
        return {}
    (rows,) = con.execute(f'select count(*) from "{schema}"."{table}"').fetchone()
    return {
        "dagster/row_count": rows,
        "dagster/column_schema": dg.TableSchema(
            columns=[dg.TableColumn(name=name, type=type_) for name, type_ in columns]
        ),
    }
