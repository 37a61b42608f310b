"""The code location loads, and its assets form one lineage graph raw -> parsed -> staging -> marts."""

import dagster as dg

from pipelines.definitions import defs


def test_definitions_validate():
    dg.Definitions.validate_loadable(defs)


def test_one_lineage_graph_from_raw_files_to_marts():
    graph = defs.resolve_asset_graph()
    keys = {k.to_user_string() for k in graph.get_all_asset_keys()}
    assert {
        "raw/bulletin_files",
        "parsed/figures",
        "staging/stg_figures",
        "fact_metric",
        "dim_task",
    } <= keys
    upstream = graph.get(dg.AssetKey(["fact_metric"])).parent_keys
    assert dg.AssetKey(["staging", "stg_figures"]) in upstream
    assert (
        dg.AssetKey(["parsed", "figures"])
        in graph.get(dg.AssetKey(["staging", "stg_figures"])).parent_keys
    )
    assert (
        dg.AssetKey(["parsed", "by_bulletin"])
        in graph.get(dg.AssetKey(["parsed", "figures"])).parent_keys
    )
    parsed = graph.get(dg.AssetKey(["parsed", "by_bulletin"]))
    assert dg.AssetKey(["raw", "bulletin_files"]) in parsed.parent_keys
    # parsing is partitioned by bulletin, and a run's partitions are parsed in one step
    assert parsed.partitions_def.name == "bulletins"
    assert parsed.backfill_policy == dg.BackfillPolicy.single_run()


def test_quality_checks_guard_the_marts():
    checks = {k.to_user_string() for k in defs.resolve_asset_graph().asset_check_keys}
    assert "fact_metric_identity:identities_hold" in checks
    assert "rejected_files:no_rejected_files" in checks
    assert "fact_metric:units_are_known" in checks


def test_quarterly_schedule_fetches_and_the_fetch_sensor_runs_whatever_is_new():
    schedule = defs.resolve_schedule_def("quarterly_refresh_schedule")
    assert schedule.cron_schedule == "0 6 1 1,4,7,10 *"
    assert schedule.execution_timezone == "Asia/Shanghai"
    assert schedule.job.name == "fetch_job"
    after_fetch = defs.resolve_sensor_def("after_fetch_sensor")
    assert after_fetch.job.name == "bulletins_job"
    # bulletins_job is every asset but the fetch
    job = defs.resolve_job_def("bulletins_job")
    keys = {k.to_user_string() for k in job.asset_layer.selected_asset_keys}
    assert "raw/fetched_pages" not in keys
    assert {"raw/bulletin_files", "parsed/by_bulletin", "fact_metric"} <= keys


def test_every_check_states_its_property():
    from pipelines.defs.transform.assets import dbt_models

    specs = list(dbt_models.check_specs)
    for checks_def in defs.asset_checks or []:
        specs.extend(checks_def.check_specs)
    assert len(specs) > 60
    missing = [s.name for s in specs if not s.description]
    assert not missing, missing


def test_the_marts_list_names_every_mart_dbt_builds():
    from pipelines.lib.settings import DBT_PROJECT_DIR
    from pipelines.lib.warehouse import MARTS

    models = {p.stem for p in (DBT_PROJECT_DIR / "models" / "marts").glob("*.sql")}
    assert set(MARTS) == models


def test_plain_libraries_do_not_import_dagster():
    """pipelines/lib is plain Python: everything Dagster loads lives in pipelines/defs."""
    import ast
    from pathlib import Path

    lib = Path(__file__).resolve().parents[1] / "pipelines" / "lib"
    for path in lib.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = [
            alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.Import | ast.ImportFrom)
            for alias in (
                node.names if isinstance(node, ast.Import) else [ast.alias(node.module or "")]
            )
        ]
        assert not any(n.split(".")[0] in ("dagster", "dagster_dbt") for n in names), path
        assert not any(n.startswith("pipelines.defs") for n in names), path


def test_loading_the_code_location_writes_nothing_into_the_repository(tmp_path):
    """`dagster dev` and the tests load the code location: with the manifest `make setup`
    prepared, loading it only reads (no dbt parse into dbt_project/target)."""
    import os
    import subprocess
    import sys

    from pipelines.lib import settings

    def files() -> dict[str, float]:
        out = {}
        for root, dirs, names in os.walk(settings.PROJECT_ROOT):
            dirs[:] = [d for d in dirs if d not in {".venv", ".git", "__pycache__", ".dagster"}]
            for name in names:
                path = os.path.join(root, name)
                out[path] = os.stat(path).st_mtime_ns
        return out

    before = files()
    subprocess.run(
        [sys.executable, "-c", "import pipelines.definitions"],
        check=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    after = files()
    assert {p for p in after if after[p] != before.get(p)} == set()
