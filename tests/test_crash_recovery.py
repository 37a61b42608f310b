"""A run killed with kill -9 at the parse, dbt and check steps: the published warehouse is
byte-identical, and the next run marks the dead run failed in Dagster saying what happened, stops
the dbt it left running, removes its build file and proceeds."""

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import dagster as dg
import pytest

from pipelines.devtools.bench import _write, generate
from pipelines.lib.run_record import processes_naming
from pipelines.lib.settings import build_path

from .conftest import ROOT, SEED, make_raw_folder, pipeline_env, run_pipeline

pytestmark = pytest.mark.e2e  # runs the pipeline: not in make check


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """A folder with the seed, published; and 150 more bulletins for the run to be killed."""
    base = tmp_path_factory.mktemp("crash")
    raw = make_raw_folder(base / "raw", SEED)
    run = run_pipeline(raw, base / "w.duckdb", base / "home")
    assert run.returncode == 0, run.stdout + run.stderr
    for item in generate(150):
        _write(raw, item)
    return base


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _dbt_processes(warehouse: Path) -> list[int]:
    """The dbt processes building this warehouse's build file (found by their --vars)."""
    return processes_naming("dbt", " build ", str(build_path(warehouse)))


def _runs(home: Path) -> set[str]:
    with dg.DagsterInstance.from_config(str(home)) as instance:
        return {run.run_id for run in instance.get_runs()}


def _started(home: Path, step: str, earlier: set[str]) -> str | None:
    """The id of the latest run, not one of ``earlier``, if it has started ``step``."""
    with dg.DagsterInstance.from_config(str(home)) as instance:
        runs = instance.get_runs(limit=1)
        if not runs or runs[0].run_id in earlier:
            return None
        records = instance.get_records_for_run(
            runs[0].run_id, of_type=dg.DagsterEventType.STEP_START
        ).records
        steps = {r.event_log_entry.step_key for r in records}
        return runs[0].run_id if step in steps else None


@pytest.mark.parametrize("step", ["parsed__by_bulletin", "dbt_models", "great_expectations_suites"])
def test_a_run_killed_at_a_step_is_recovered_by_the_next(published, tmp_path, step):
    shutil.copytree(published, tmp_path, dirs_exist_ok=True)
    raw, warehouse, home = tmp_path / "raw", tmp_path / "w.duckdb", tmp_path / "home"
    before = _digest(warehouse)
    earlier = _runs(home)
    run = subprocess.Popen(
        [sys.executable, "-m", "pipelines", "run"],
        cwd=ROOT,
        env=pipeline_env(raw, warehouse, home),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 300
    dead_run = None
    while dead_run is None or (step == "dbt_models" and not _dbt_processes(warehouse)):
        assert run.poll() is None, f"the run ended before it reached {step}"
        assert time.monotonic() < deadline, f"the run did not reach {step}"
        dead_run = dead_run or _started(home, step, earlier)
        time.sleep(0.05)
    os.kill(run.pid, signal.SIGKILL)  # the run's process only, as a crash would
    run.wait()
    assert _digest(warehouse) == before  # the published warehouse is untouched

    after = run_pipeline(raw, warehouse, home)
    assert after.returncode == 0, after.stdout + after.stderr
    assert f"run {dead_run} stopped without finishing" in after.stdout
    assert f"during step {step}" in after.stdout
    assert not _dbt_processes(warehouse)  # the dead run's dbt was stopped
    assert not build_path(warehouse).exists()
    with dg.DagsterInstance.from_config(str(home)) as instance:
        assert instance.get_run_by_id(dead_run).status == dg.DagsterRunStatus.FAILURE
        (failure,) = instance.all_logs(dead_run, of_type=dg.DagsterEventType.RUN_FAILURE)
    assert "kill -9" in failure.message and f"during step {step}" in failure.message
    assert _digest(warehouse) != before  # and the next run published the new bulletins
