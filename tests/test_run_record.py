"""The lock file's record of a run, and stopping what a dead run left running."""

import shutil
import subprocess
import sys
import time
from pathlib import Path

from pipelines.lib.run_record import RunRecord, process_alive, stop_group, stop_left_behind


def test_a_record_reads_back_and_an_older_lock_file_names_its_run():
    record = RunRecord("abc", 123, [456])
    assert RunRecord.loads(record.dumps()) == record
    assert RunRecord.loads("") is None
    older = RunRecord.loads("run-holding-it")  # the run id alone, as runs wrote it before
    assert (older.run_id, older.pid, older.describe()) == ("run-holding-it", 0, "run-holding-it")
    assert record.describe() == "abc (process 123)"


def _wait_for_exec(pid: int, word: str, seconds: float = 5.0) -> None:
    """Until the forked child has become the program it runs (its command line names ``word``)."""
    deadline = time.monotonic() + seconds
    while word not in Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace"):
        assert time.monotonic() < deadline, f"process {pid} did not start {word}"
        time.sleep(0.01)


def test_stop_group_stops_a_dbt_group_and_leaves_another_process_alone(tmp_path):
    sleep = shutil.which("sleep")
    (tmp_path / "dbt").symlink_to(sleep)  # a process whose command names dbt
    dbt = subprocess.Popen([str(tmp_path / "dbt"), "30"], start_new_session=True)
    other = subprocess.Popen([sleep, "30"], start_new_session=True)
    _wait_for_exec(dbt.pid, "dbt")  # a dead run's dbt has long run; this one has just forked
    try:
        assert not stop_group(other.pid)  # not dbt: a reused id is left alone
        assert stop_group(dbt.pid)
        dbt.wait(timeout=5)
        assert not process_alive(dbt.pid) or dbt.returncode is not None
        assert other.poll() is None
    finally:
        other.kill()
        dbt.kill()
        other.wait()
        dbt.wait()
    assert not stop_group(dbt.pid)  # gone


def test_a_dbt_building_the_dead_runs_file_is_stopped_even_if_it_was_not_recorded(tmp_path):
    """A run killed between starting dbt and recording its group leaves a dbt nobody recorded:
    it is found by the build file its command names, and waited for (its locks go with it)."""
    script = tmp_path / "dbt"  # a process whose command names dbt and the file it builds
    # Python sleeps in its own process: a shell would fork its sleep, a child that carries the
    # shell's command line (naming the build file) for a moment
    script.write_text(f"#!{sys.executable}\nimport time\ntime.sleep(30)\n")
    script.chmod(0o755)
    build = tmp_path / ".w.build.duckdb"
    dbt = subprocess.Popen([str(script), "build", str(build)], start_new_session=True)
    other = subprocess.Popen(
        [str(script), "build", str(tmp_path / "o.duckdb")], start_new_session=True
    )
    try:
        assert stop_left_behind([], build) == 1
        assert not process_alive(dbt.pid)
        assert other.poll() is None  # a dbt building another file is left alone
    finally:
        for process in (dbt, other):
            process.kill()
            process.wait()
