"""The code location loads, and its assets form one lineage graph raw -> staging -> marts."""

import dagster as dg

from pipelines.definitions import defs


def test_definitions_validate():
    dg.Definitions.validate_loadable(defs)


def test_one_lineage_graph_from_raw_files_to_marts():
    graph = defs.resolve_asset_graph()
    keys = {k.to_user_string() for k in graph.get_all_asset_keys()}
    assert {
        "raw/bulletin_files",
        "staging/figures",
        "stg/stg_figures",
        "fact_metric",
        "dim_task",
    } <= keys
    upstream = graph.get(dg.AssetKey(["fact_metric"])).parent_keys
    assert dg.AssetKey(["stg", "stg_figures"]) in upstream
    assert (
        dg.AssetKey(["staging", "figures"])
        in graph.get(dg.AssetKey(["stg", "stg_figures"])).parent_keys
    )
    assert (
        dg.AssetKey(["raw", "bulletin_files"])
        in graph.get(dg.AssetKey(["staging", "figures"])).parent_keys
    )


def test_quality_checks_guard_the_marts():
    checks = {k.to_user_string() for k in defs.resolve_asset_graph().asset_check_keys}
    assert "fact_metric_identity:identities_hold" in checks
    assert "rejected_files:no_rejected_files" in checks
    assert "fact_metric:units_are_known" in checks


def test_quarterly_schedule_runs_every_asset():
    schedule = defs.resolve_schedule_def("quarterly_refresh_schedule")
    assert schedule.cron_schedule == "0 6 1 1,4,7,10 *"
    assert schedule.job.name == "bulletins_job"


def test_raw_folder_sensor_requests_a_run_only_when_something_changed(tmp_path, monkeypatch):
    from pipelines.ingest import inventory
    from pipelines.ingest.sensors import raw_folder_sensor

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text("序号", encoding="utf-8")
    warehouse = tmp_path / "w.duckdb"
    monkeypatch.setenv("BULLETINS_RAW_DIR", str(raw))
    monkeypatch.setenv("BULLETINS_WAREHOUSE", str(warehouse))

    context = dg.build_sensor_context()
    first = raw_folder_sensor(context)
    assert isinstance(first, dg.RunRequest)
    assert isinstance(
        raw_folder_sensor(dg.build_sensor_context(cursor=context.cursor)), dg.SkipReason
    )

    warehouse.write_bytes(b"published")  # as the publish step leaves it
    inventory.record(warehouse, raw)
    assert isinstance(raw_folder_sensor(dg.build_sensor_context()), dg.SkipReason)
    (raw / "b.txt").write_text("新的", encoding="utf-8")
    assert isinstance(raw_folder_sensor(dg.build_sensor_context()), dg.RunRequest)


def test_every_check_states_its_property():
    from pipelines.transform.assets import dbt_models

    specs = list(dbt_models.check_specs)
    for checks_def in defs.asset_checks or []:
        specs.extend(checks_def.check_specs)
    assert len(specs) > 60
    missing = [s.name for s in specs if not s.description]
    assert not missing, missing
