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
    yield from dbt.cli(["build"], context=context).stream()
