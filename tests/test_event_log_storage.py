"""The instance's event log writes a run's partition materializations in batches, and what it
stores is what Dagster's SQLite storage stores one by one."""

from collections import Counter

import dagster as dg
import pytest
from dagster._core.storage.event_log.sqlite.sqlite_event_log import SqliteEventLogStorage

from pipelines.defs.event_log_storage import BatchedSqliteEventLogStorage
from pipelines.lib.settings import write_dagster_home

PARTITIONS = dg.StaticPartitionsDefinition([f"p{i:02}" for i in range(30)])


@dg.asset(partitions_def=PARTITIONS, backfill_policy=dg.BackfillPolicy.single_run())
def numbers(context: dg.AssetExecutionContext) -> dg.MaterializeResult:
    return dg.MaterializeResult(metadata={"partitions": len(context.partition_keys)})


def _materialize_all(home, monkeypatch) -> tuple[dict, Counter]:
    """Materialize every partition in one run; what the instance then says about them, and how
    many asset events were stored one by one."""
    one_by_one = Counter()
    store_event = SqliteEventLogStorage.store_event

    def counting(self, event):
        if event.dagster_event and event.dagster_event.is_step_materialization:
            one_by_one[event.dagster_event.partition] += 1
        store_event(self, event)

    monkeypatch.setattr(SqliteEventLogStorage, "store_event", counting)
    with dg.DagsterInstance.from_config(str(home)) as instance:
        tags = {
            "dagster/asset_partition_range_start": "p00",
            "dagster/asset_partition_range_end": "p29",
        }
        result = dg.materialize([numbers], instance=instance, tags=tags)
        assert result.success
        key = numbers.key
        logs = instance.all_logs(result.run_id, of_type=dg.DagsterEventType.ASSET_MATERIALIZATION)
        latest = {
            p: instance.fetch_materializations(
                dg.AssetRecordsFilter(asset_key=key, asset_partitions=[p]), limit=2
            ).records
            for p in PARTITIONS.get_partition_keys()
        }
        seen = {
            "storage": type(instance.event_log_storage).__name__,
            "materialized": sorted(instance.get_materialized_partitions(key)),
            "events": sorted(e.dagster_event.partition for e in logs),
            "latest": {
                p: [
                    (
                        r.run_id,
                        r.partition_key,
                        r.asset_materialization.metadata["partitions"].value,
                    )
                    for r in records
                ]
                for p, records in latest.items()
            },
            "last": instance.get_latest_materialization_event(key).run_id == result.run_id,
        }
    return seen, one_by_one


def test_the_batched_event_log_stores_what_dagster_stores_one_by_one(tmp_path, monkeypatch):
    monkeypatch.setenv("DAGSTER_EVENT_BATCH_SIZE", "1000")
    default_home = tmp_path / "default"
    default_home.mkdir()
    (default_home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    batched_home = tmp_path / "batched"
    write_dagster_home(batched_home)

    default, default_one_by_one = _materialize_all(default_home, monkeypatch)
    batched, batched_one_by_one = _materialize_all(batched_home, monkeypatch)

    assert default.pop("storage") == "SqliteEventLogStorage"
    assert batched.pop("storage") == BatchedSqliteEventLogStorage.__name__
    run_of = {h["latest"]["p00"][0][0]: name for name, h in (("d", default), ("b", batched))}
    for seen in (default, batched):  # the same rows but for each home's own run id
        seen["latest"] = {
            p: [(run_of[r], *rest) for r, *rest in rows] for p, rows in seen["latest"].items()
        }
    assert default["materialized"] == PARTITIONS.get_partition_keys()
    assert len(default["events"]) == 30 and default["last"]
    assert {k: v for k, v in batched.items() if k != "latest"} == {
        k: v for k, v in default.items() if k != "latest"
    }
    assert [[row[1:] for row in rows] for rows in batched["latest"].values()] == [
        [row[1:] for row in rows] for rows in default["latest"].values()
    ]
    assert sum(default_one_by_one.values()) == 30  # Dagster's storage: one write per partition
    assert not batched_one_by_one  # this one: none, the run's partitions in one batch


@pytest.mark.parametrize(
    ("before", "rewritten"),
    [
        (None, True),  # a new home
        ("telemetry:\n  enabled: false\n", True),  # what earlier versions of the pipeline wrote
        ("storage:\n  postgres: {}\n", False),  # someone's own settings
    ],
)
def test_the_dagster_home_settings_are_written_unless_someone_edited_them(
    tmp_path, before, rewritten
):
    home = tmp_path / "home"
    home.mkdir()
    if before is not None:
        (home / "dagster.yaml").write_text(before)
    text = write_dagster_home(home).read_text()
    assert (f'base_dir: "{(home / "storage").as_posix()}"' in text) is rewritten
    assert (text == before) is not rewritten
    moved = tmp_path / "moved"
    (home / "dagster.yaml").rename(home / "kept.yaml")
    moved.mkdir()
    (moved / "dagster.yaml").write_text((home / "kept.yaml").read_text())
    # a home copied elsewhere gets its own storage path, if the pipeline wrote its settings
    assert (f'"{(moved / "storage").as_posix()}"' in write_dagster_home(moved).read_text()) is (
        rewritten
    )
