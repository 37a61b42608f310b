"""What an operator sees around a run: one line per step, and one run history per warehouse."""

import io
import logging
from types import SimpleNamespace

import pytest

from pipelines.lib import settings
from pipelines.run_progress import StepLines


def _record(step, event_type=None, message=""):
    record = logging.LogRecord("x", logging.DEBUG, "", 0, message, None, None)
    event = SimpleNamespace(event_type_value=event_type) if event_type else None
    record.dagster_meta = {"step_key": step, "dagster_event": event, "orig_message": message}
    return record


def test_a_step_prints_one_line_with_its_last_progress():
    out = io.StringIO()  # not a terminal: a line when a step ends
    lines = StepLines(out)
    for record in (
        _record("parsed__by_bulletin", "STEP_START"),
        _record("parsed__by_bulletin", message="parsed 500/1000 files"),
        _record("parsed__by_bulletin", message="a detail for the event log only"),
        _record("parsed__by_bulletin", message="parsed 1000/1000 files"),
        _record("parsed__by_bulletin", "STEP_SUCCESS"),
        _record("dbt_models", "STEP_START"),
        _record("dbt_models", "STEP_FAILURE"),
        _record("warehouse__published", "STEP_SKIPPED"),
        _record(None, message="waiting for run abc to finish writing the warehouse"),
    ):
        lines.emit(record)
    printed = out.getvalue().splitlines()
    assert printed[0].startswith("  parse the bulletins ") and printed[0].endswith(
        ": parsed 1000/1000 files"
    )
    assert " done (" in printed[0]
    assert printed[1].startswith("  build the marts (dbt)") and " FAILED (" in printed[1]
    assert printed[2] == "  publish the warehouse          skipped"
    assert printed[3] == "  waiting for run abc to finish writing the warehouse"
    assert len(printed) == 4


def test_each_warehouse_has_its_own_run_history(monkeypatch, tmp_path):
    project_home = settings.PROJECT_ROOT / ".dagster"
    monkeypatch.setenv("DAGSTER_HOME", str(project_home))  # as the Makefile sets it
    monkeypatch.delenv(settings.WAREHOUSE_ENV, raising=False)
    assert settings.dagster_home() == project_home
    monkeypatch.setenv(settings.WAREHOUSE_ENV, str(tmp_path / "x.duckdb"))
    other = settings.dagster_home()
    assert other.parent == project_home / "warehouses" and other.name.startswith("x-")
    monkeypatch.setenv(settings.WAREHOUSE_ENV, str(tmp_path / "y" / "x.duckdb"))
    assert settings.dagster_home() != other
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "home"))  # set elsewhere: taken as it is
    assert settings.dagster_home() == tmp_path / "home"


def test_the_instance_opens_the_ui_on_no_sign_up_dialog(tmp_path):
    import yaml

    config = yaml.safe_load(settings.write_dagster_home(tmp_path).read_text())
    assert config["nux"] == {"enabled": False} and config["telemetry"] == {"enabled": False}


def test_a_warehouse_remembers_its_raw_folder(monkeypatch, tmp_path):
    warehouse = tmp_path / "w.duckdb"
    monkeypatch.setenv(settings.WAREHOUSE_ENV, str(warehouse))
    monkeypatch.delenv(settings.RAW_DIR_ENV, raising=False)
    assert settings.raw_dir() == settings.DEFAULT_RAW_DIR
    settings.record_raw_dir(warehouse, tmp_path / "raw")
    # a UI or sensor started for this warehouse, without BULLETINS_RAW_DIR, reads its folder
    assert settings.raw_dir() == tmp_path / "raw"
    monkeypatch.setenv(settings.RAW_DIR_ENV, str(tmp_path / "other"))
    assert settings.raw_dir() == tmp_path / "other"


@pytest.mark.e2e
def test_a_run_on_another_raw_folder_does_not_empty_a_warehouse(tmp_path):
    from .conftest import SEED, make_raw_folder, run_pipeline

    raw = make_raw_folder(tmp_path / "raw", SEED)
    warehouse, home = tmp_path / "w.duckdb", tmp_path / "home"
    assert run_pipeline(raw, warehouse, home).returncode == 0
    before = warehouse.read_bytes()
    other = make_raw_folder(tmp_path / "other")
    run = run_pipeline(other, warehouse, home)
    assert run.returncode == 2
    assert f"{warehouse} was built from the raw folder {raw}; this run reads {other}" in run.stderr
    assert warehouse.read_bytes() == before


def test_a_warehouse_copied_with_its_raw_folder_keeps_it(monkeypatch, tmp_path):
    import shutil

    first = tmp_path / "a"
    (first / "raw").mkdir(parents=True)
    settings.record_raw_dir(first / "w.duckdb", first / "raw")
    shutil.copytree(first, tmp_path / "b")
    assert settings.recorded_raw_dir(tmp_path / "b" / "w.duckdb") == (tmp_path / "b" / "raw")
