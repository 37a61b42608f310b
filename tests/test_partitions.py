"""Bulletins as dynamic partitions: registration from the raw folder, what a run covers, the
sensors' requests, and runs that process only what is new."""

import hashlib
import json
import shutil

import dagster as dg
import duckdb
import pytest

from pipelines.defs.partitions import (
    BULLETINS,
    PARTITION_TAG,
    RANGE_END_TAG,
    RANGE_START_TAG,
    RAW_DIR_TAG,
    WAREHOUSE_TAG,
    plan_run,
)
from pipelines.lib import inventory

from .conftest import FIXTURES, SEED, execute_bulletins_job, make_raw_folder

pytestmark = pytest.mark.e2e  # runs the pipeline (or a browser): not in make check

S1 = FIXTURES / "s1_city_2021_q1_progress.txt"
S2 = FIXTURES / "s2_county_2022_h1_progress.html"


def _key(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


@pytest.fixture
def env(tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    raw.mkdir()
    warehouse = tmp_path / "w.duckdb"
    monkeypatch.setenv("BULLETINS_RAW_DIR", str(raw))
    monkeypatch.setenv("BULLETINS_WAREHOUSE", str(warehouse))
    with dg.instance_for_test() as instance:
        yield raw, warehouse, instance


def _publish_state(warehouse, raw, rows):
    """A published warehouse holding ``rows`` (source_file, sha256, sidecar) as if a run built it."""
    from pipelines.lib.parsing.corpus import parse_key

    with duckdb.connect(str(warehouse)) as con:
        con.execute("create schema raw; create schema parsed")
        con.execute(
            "create table raw.bulletin_files (partition_key varchar, source_file varchar, "
            "sidecar varchar)"
        )
        con.execute("create table parsed.bulletins (parse_key varchar)")
        con.execute("create table parsed.rejected_files (parse_key varchar)")
        for source_file, sha, sidecar in rows:
            con.execute(
                "insert into raw.bulletin_files values (?, ?, ?)", [sha[:16], source_file, sidecar]
            )
            con.execute("insert into parsed.bulletins values (?)", [parse_key(sha, sidecar)])
    inventory.record(warehouse, inventory.inventory(raw))


def test_one_partition_per_content_and_a_run_over_the_new_ones(env):
    raw, warehouse, instance = env
    make_raw_folder(raw, SEED, S1, extra={"copies/seed.txt": SEED.read_bytes()})
    plan = plan_run(instance)
    # byte-identical copies share one partition, keyed by the content hash
    assert plan.keys == [_key(S1), _key(SEED)]  # in the folder's order
    assert instance.get_dynamic_partitions(BULLETINS.name) == plan.added == plan.keys
    assert plan.pending == plan.keys and plan.run_keys == plan.keys
    where = {RAW_DIR_TAG: str(raw), WAREHOUSE_TAG: str(warehouse)}
    assert plan.tags() == {**where, RANGE_START_TAG: plan.keys[0], RANGE_END_TAG: plan.keys[-1]}

    # the warehouse now holds both: nothing to do, no run
    sha = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (SEED, S1)}
    _publish_state(
        warehouse,
        raw,
        [(SEED.name, sha[SEED.name], None), ("copies/seed.txt", sha[SEED.name], None)]
        + [(S1.name, sha[S1.name], None)],
    )
    again = plan_run(instance)
    assert (again.added, again.pending, again.run_keys, again.tags()) == ([], [], [], {})

    # a new bulletin: only its partition is in the run
    shutil.copy(S2, raw / S2.name)
    new = plan_run(instance)
    assert new.added == new.pending == new.run_keys == [_key(S2)]
    assert new.tags() == {**where, PARTITION_TAG: _key(S2)}

    # an issuer given in a sidecar changes what the parsed rows depend on
    (raw / f"{S1.name}.meta.json").write_text(json.dumps({"issuer": "示例市"}), encoding="utf-8")
    assert plan_run(instance).pending == [_key(S1), _key(S2)]


def test_removed_files_lose_their_partition(env):
    raw, warehouse, instance = env
    make_raw_folder(raw, SEED, S1)
    plan_run(instance)
    (raw / S1.name).unlink()
    plan = plan_run(instance)
    assert plan.removed == [_key(S1)]
    assert instance.get_dynamic_partitions(BULLETINS.name) == [_key(SEED)]
    # nothing to parse, but the warehouse must drop the bulletin: the run covers one partition
    assert plan.stale and plan.run_keys == [_key(SEED)]


def test_raw_folder_sensor_registers_partitions_and_requests_one_run(env):
    from pipelines.defs.ingest.sensors import raw_folder_sensor

    raw, warehouse, instance = env
    make_raw_folder(raw, SEED, S1)
    request = raw_folder_sensor(dg.build_sensor_context(instance=instance))
    assert isinstance(request, dg.RunRequest)
    assert instance.get_dynamic_partitions(BULLETINS.name) == [_key(S1), _key(SEED)]
    assert request.tags[RANGE_START_TAG] == _key(S1)
    assert request.tags[RANGE_END_TAG] == _key(SEED)
    # the same folder asks for the same run (Dagster runs a run key once)
    same = raw_folder_sensor(dg.build_sensor_context(instance=instance))
    assert same.run_key == request.run_key

    sha = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (SEED, S1)}
    _publish_state(warehouse, raw, [(n, s, None) for n, s in sha.items()])
    skip = raw_folder_sensor(dg.build_sensor_context(instance=instance))
    assert isinstance(skip, dg.SkipReason) and "nothing new" in skip.skip_message


def test_after_fetch_sensor_requests_the_new_bulletins(env):
    from pipelines.defs.ingest.sensors import after_fetch_sensor

    raw, _, instance = env
    make_raw_folder(raw, S2)
    context = dg.build_run_status_sensor_context(
        sensor_name="after_fetch_sensor",
        dagster_event=dg.DagsterEvent(
            event_type_value="PIPELINE_SUCCESS", job_name="fetch_job", message="fetched"
        ),
        dagster_instance=instance,
        dagster_run=dg.DagsterRun(job_name="fetch_job", run_id="0123456789abcdef"),
    )
    request = after_fetch_sensor(context)
    assert isinstance(request, dg.RunRequest)
    assert request.tags[PARTITION_TAG] == _key(S2)


def test_runs_process_only_new_partitions_and_drop_removed_bulletins(env):
    raw, warehouse, instance = env
    make_raw_folder(raw, SEED, S1)
    first = execute_bulletins_job(instance)
    assert first.success
    parsed = dg.AssetKey(["parsed", "by_bulletin"])
    assert instance.get_materialized_partitions(parsed) == {_key(SEED), _key(S1)}

    shutil.copy(S2, raw / S2.name)
    second = execute_bulletins_job(instance)
    assert second.success
    (event,) = [e for e in second.get_asset_materialization_events() if e.asset_key == parsed]
    assert event.partition == _key(S2)  # the other two were not touched
    assert event.materialization.metadata["bulletins_parsed"].value == 1
    assert S2.name in event.materialization.metadata["bulletins"].value
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("select count(*) from dim_bulletin").fetchone()[0] == 3
        assert con.execute("select count(*) from dim_task where year = 2020").fetchone()[0] == 19

    (raw / S1.name).unlink()
    third = execute_bulletins_job(instance)
    assert third.success
    with duckdb.connect(str(warehouse), read_only=True) as con:
        files = {r[0] for r in con.execute("select source_file from dim_bulletin").fetchall()}
        assert files == {SEED.name, S2.name}
        (orphans,) = con.execute(
            "select count(*) from parsed.figures where bulletin_id not in "
            "(select bulletin_id from parsed.bulletins)"
        ).fetchone()
        assert orphans == 0
    assert _key(S1) not in instance.get_dynamic_partitions(BULLETINS.name)
    # unchanged input: no partition to process, no run
    assert plan_run(instance).tags() == {}
    # forced: every partition, parsed again
    forced = execute_bulletins_job(instance, force=True)
    events = [e for e in forced.get_asset_materialization_events() if e.asset_key == parsed]
    assert {e.partition for e in events} == {_key(SEED), _key(S2)}
    assert events[0].materialization.metadata["bulletins_parsed"].value == 2
    assert events[0].materialization.metadata["bulletins_reused"].value == 0


def test_parsed_tables_of_an_older_parser_are_rebuilt_not_appended_to(env):
    """A warehouse whose parsed tables have other columns (built by an older parser) is parsed
    again into new tables: no row of the older parser stays beside the new ones."""
    raw, warehouse, instance = env
    make_raw_folder(raw, SEED, S1)
    assert execute_bulletins_job(instance).success
    with duckdb.connect(str(warehouse), read_only=True) as con:
        (figures,) = con.execute("select count(*) from fact_metric").fetchone()
    with duckdb.connect(str(warehouse)) as con:
        # as an older parser wrote them
        con.execute("alter table parsed.bulletins drop column layout")
        con.execute("alter table parsed.tasks drop column status")
    result = execute_bulletins_job(instance, force=True)
    assert result.success
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("select count(*) from fact_metric").fetchone()[0] == figures
        (columns,) = con.execute(
            "select count(*) from information_schema.columns "
            "where table_schema = 'parsed' and table_name = 'tasks' and column_name = 'status'"
        ).fetchone()
    assert columns == 1


def test_a_warehouse_of_the_older_layer_names_is_rebuilt_without_stale_copies(env):
    """A warehouse built when the parsed tables lived in schema staging and dbt's views in stg: the
    next run leaves the parsed tables in ``parsed``, dbt's views in ``staging``, nothing in stg."""
    raw, warehouse, instance = env
    make_raw_folder(raw, S1)
    assert execute_bulletins_job(instance).success
    with duckdb.connect(str(warehouse)) as con:
        (figures,) = con.execute("select count(*) from fact_metric").fetchone()
        # the older layout: parsed tables in staging, views in stg
        con.execute("drop schema staging cascade; create schema staging; create schema stg")
        con.execute("create table staging.bulletins as select * from parsed.bulletins")
        con.execute("create view stg.stg_bulletins as select * from staging.bulletins")
        con.execute("drop schema parsed cascade")
    assert execute_bulletins_job(instance, force=True).success
    with duckdb.connect(str(warehouse), read_only=True) as con:
        kinds = dict(
            con.execute(
                "select table_schema || '.' || table_name, table_type from information_schema.tables "
                "where table_schema in ('parsed', 'staging', 'stg')"
            ).fetchall()
        )
        assert con.execute("select count(*) from fact_metric").fetchone()[0] == figures
    assert kinds["parsed.bulletins"] == "BASE TABLE"
    assert kinds["staging.stg_bulletins"] == "VIEW"
    assert {k for k, v in kinds.items() if k.startswith("staging.")} == {
        k for k, v in kinds.items() if v == "VIEW"
    }
    assert not [k for k in kinds if k.startswith("stg.")]


def test_a_later_quarter_added_to_a_published_warehouse_keeps_the_task_ids(env):
    """The half-year bulletin is published first; the third quarter's, added in a later run, continues
    its tasks: one task id each, listed by both bulletins."""
    raw, warehouse, instance = env
    quarters = FIXTURES / "quarters"
    make_raw_folder(raw, quarters / "city_2023_h1_progress.txt")
    shutil.copy(quarters / "city_2023_h1_progress.txt.meta.json", raw)
    assert execute_bulletins_job(instance).success
    with duckdb.connect(str(warehouse), read_only=True) as con:
        first = {r[0] for r in con.execute("select task_id from dim_task").fetchall()}
    make_raw_folder(raw, quarters / "city_2023_q3_progress.txt")
    shutil.copy(quarters / "city_2023_q3_progress.txt.meta.json", raw)
    assert execute_bulletins_job(instance).success
    with duckdb.connect(str(warehouse), read_only=True) as con:
        later = dict(con.execute("select task_id, n_bulletins from dim_task").fetchall())
        (bulletins,) = con.execute("select count(*) from dim_bulletin").fetchone()
    assert bulletins == 2
    assert first <= set(later)  # no task of the published half year got a new id
    assert all(later[task_id] == 2 for task_id in first)


MARTS_BY_KEY = {
    "dim_bulletin": "bulletin_id",
    "dim_task": "task_id",
    "dim_period": "period_id",
    "fact_metric": "metric_id",
    "fact_task_progress": "task_progress_id",
    "fact_metric_identity": "identity_id",
    "fact_target_attainment": "target_attainment_id",
    "rejected_files": "source_file",
}


def _marts(warehouse) -> dict[str, list[tuple]]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return {
            mart: con.execute(f"select * from {mart} order by {key}").fetchall()
            for mart, key in MARTS_BY_KEY.items()
        }


def _changed(warehouse) -> set[str]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return {
            r[0] for r in con.execute("select bulletin_id from parsed.changed_bulletins").fetchall()
        }


def test_incremental_marts_equal_a_full_refresh(env):
    """Runs that add a later quarter (which continues the tasks of the first), another bulletin,
    and then remove one rebuild only the rows of the bulletins they change; the marts they leave
    are those a full refresh builds from every bulletin, row for row."""
    raw, warehouse, instance = env
    quarters = FIXTURES / "quarters"
    make_raw_folder(raw, SEED, quarters / "city_2023_h1_progress.txt")
    shutil.copy(quarters / "city_2023_h1_progress.txt.meta.json", raw)
    assert execute_bulletins_job(instance).success
    first = _marts(warehouse)["dim_bulletin"]

    make_raw_folder(raw, quarters / "city_2023_q3_progress.txt", S1)
    shutil.copy(quarters / "city_2023_q3_progress.txt.meta.json", raw)
    assert execute_bulletins_job(instance).success
    changed = _changed(warehouse)
    second = _marts(warehouse)["dim_bulletin"]
    seed_id = next(r[0] for r in first if r[1] == SEED.name)
    s1_id = next(r[0] for r in second if r[1] == S1.name)
    assert len(second) == 4 and seed_id not in changed  # the seed's rows were not rebuilt

    (raw / S1.name).unlink()
    assert execute_bulletins_job(instance).success
    # the removed bulletin, and the newest partition, which a run with nothing to parse re-reads
    changed = _changed(warehouse)
    assert s1_id in changed and seed_id not in changed and len(changed) <= 2
    incremental = _marts(warehouse)

    assert execute_bulletins_job(instance, force=True).success  # every mart rebuilt in full
    assert _changed(warehouse) == {r[0] for r in incremental["dim_bulletin"]}
    full = _marts(warehouse)
    for mart in MARTS_BY_KEY:
        assert incremental[mart] == full[mart], mart


def test_a_run_reads_only_the_files_new_or_changed_since_the_last(env):
    """Files unchanged since the last run (path, size, modification time, the sidecar's) keep their
    rows in raw.bulletin_files, unread; a new file, a rewritten one and a changed sidecar are read."""
    raw, warehouse, instance = env
    make_raw_folder(raw, SEED, S1, S2)
    assert execute_bulletins_job(instance).success

    def rows():
        with duckdb.connect(str(warehouse), read_only=True) as con:
            return {
                r[0]: r[1:]
                for r in con.execute(
                    "select source_file, loaded_at, content_sha256, sidecar from raw.bulletin_files"
                ).fetchall()
            }

    before = rows()
    (raw / S1.name).write_bytes(S1.read_bytes() + b"\n")  # rewritten
    sidecar = json.dumps({"issuer": "某县人民政府"}, ensure_ascii=False)
    (raw / f"{S2.name}.meta.json").write_text(sidecar, "utf-8")
    make_raw_folder(raw, FIXTURES / "quarters" / "city_2023_h1_progress.txt")  # new
    assert execute_bulletins_job(instance).success
    after = rows()
    assert after[SEED.name] == before[SEED.name]  # not read again
    assert after[S1.name][1] != before[S1.name][1]  # its new content
    assert "某县人民政府" in after[S2.name][2]  # its new sidecar
    assert "city_2023_h1_progress.txt" in after and len(after) == 4
    with duckdb.connect(str(warehouse), read_only=True) as con:
        issuer = con.execute(
            "select issuer from dim_bulletin where source_file = ?", [S2.name]
        ).fetchone()[0]
    assert issuer == "某县人民政府"
