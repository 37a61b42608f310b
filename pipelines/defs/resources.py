"""Dagster resources: the warehouse and the raw folder, configured from :mod:`pipelines.lib.settings`."""

from __future__ import annotations

import fcntl
import os
import shutil
import time
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb
import pandas as pd
from pydantic import PrivateAttr

from pipelines.lib import settings, warehouse_generations
from pipelines.lib.run_record import RunRecord, process_alive, stop_left_behind
from pipelines.lib.warehouse import atomic_replace


def _unfinished_step(instance: dg.DagsterInstance, run_id: str) -> str | None:
    """The step a run started and never finished (where its process died)."""
    started, finished = [], set()
    for record in instance.get_records_for_run(
        run_id,
        of_type={
            dg.DagsterEventType.STEP_START,
            dg.DagsterEventType.STEP_SUCCESS,
            dg.DagsterEventType.STEP_FAILURE,
        },
    ).records:
        entry = record.event_log_entry
        if entry.dagster_event.event_type == dg.DagsterEventType.STEP_START:
            started.append(entry.step_key)
        else:
            finished.add(entry.step_key)
    unfinished = [step for step in started if step not in finished]
    return unfinished[-1] if unfinished else None


class WarehouseResource(dg.ConfigurableResource):
    """The DuckDB warehouse, written the write-audit-publish way.

    During a run every write goes to a build file of that run beside the published warehouse,
    started as a copy of the published one. Checks read the build file. Only the
    ``published_warehouse`` asset, which runs after the blocking checks passed, moves the build file
    over the published one, atomically (``os.replace``): analysts never see a half-built warehouse,
    and a reader holding the published file open never blocks a run. Outside a run, reads go to the
    published file.
    """

    path: str
    _run_id: str | None = PrivateAttr(default=None)
    _lock_fd: int | None = PrivateAttr(default=None)
    _published: bool = PrivateAttr(default=False)

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        self._run_id = context.dagster_run.run_id if context.dagster_run else None
        if self._run_id:
            previous = self._take_turn(context.log)
            if previous is not None and previous.run_id != self._run_id:
                self._recover_from(previous, context)
            restored = warehouse_generations.restore(self.published_path)
            if restored:
                context.log.warning(restored)

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # releases the lock
            self._lock_fd = None

    @property
    def lock_path(self) -> Path:
        return self.published_path.with_name(f".{self.published_path.stem}.lock")

    def _take_turn(self, log) -> RunRecord | None:
        """Runs take turns on a warehouse (DuckDB has one writer, and a run's build file is its
        own): wait, up to BULLETINS_LOCK_TIMEOUT seconds, while another run holds the lock.
        Returns the record of the run that held it last."""
        self.lock_path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        timeout = settings.lock_timeout()
        started = time.monotonic()
        next_log = 0.0
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                record = RunRecord.loads(os.pread(fd, 4096, 0).decode(errors="replace"))
                holder = record.describe() if record else "unknown"
                waited = time.monotonic() - started
                if waited >= timeout:
                    os.close(fd)
                    raise dg.Failure(
                        f"another run ({holder}) is writing the warehouse {self.published_path}; "
                        f"waited {timeout:.0f}s for it to finish (BULLETINS_LOCK_TIMEOUT). Nothing "
                        "was written by this run."
                    ) from None
                if log is not None and waited >= next_log:
                    log.info(f"waiting for run {holder} to finish writing the warehouse")
                    next_log = waited + 30
                time.sleep(0.5)
        previous = RunRecord.loads(os.pread(fd, 4096, 0).decode(errors="replace"))
        self._lock_fd = fd
        self._write_record(RunRecord(self._run_id or "", os.getpid()))
        return previous

    def _write_record(self, record: RunRecord) -> None:
        os.ftruncate(self._lock_fd, 0)
        os.pwrite(self._lock_fd, record.dumps().encode(), 0)
        os.fsync(self._lock_fd)  # the next run must find it even after a crash of the machine

    def started_process_group(self, pgid: int) -> None:
        """Record a process group this run started (dbt's), for the next run to stop if this one
        dies while it runs."""
        record = RunRecord.loads(os.pread(self._lock_fd, 4096, 0).decode(errors="replace"))
        record.process_groups.append(pgid)
        self._write_record(record)

    def finished_process_group(self, pgid: int) -> None:
        record = RunRecord.loads(os.pread(self._lock_fd, 4096, 0).decode(errors="replace"))
        record.process_groups = [g for g in record.process_groups if g != pgid]
        self._write_record(record)

    def _recover_from(self, previous: RunRecord, context: dg.InitResourceContext) -> None:
        """The run that held the lock before this one: if Dagster still has it running, its process
        died (it held the lock until then). Stop what it left running, remove its build file and
        mark it failed, saying what happened."""
        instance = context.instance
        run = instance.get_run_by_id(previous.run_id) if instance else None
        if run is None or run.status not in (
            dg.DagsterRunStatus.STARTED,
            dg.DagsterRunStatus.STARTING,
        ):
            return  # it finished (or is unknown to this instance): nothing to recover
        if previous.pid <= 0 or previous.pid == os.getpid() or process_alive(previous.pid):
            return  # its process is unknown, is this one, or still runs
        stopped = stop_left_behind(
            previous.process_groups, settings.build_path(self.published_path)
        )
        removed = self._remove_build_of(previous.run_id)
        step = _unfinished_step(instance, previous.run_id)
        message = (
            f"run {previous.run_id} stopped without finishing: its process {previous.pid} died "
            f"{f'during step {step}' if step else 'before its first step'} (killed, e.g. kill -9, "
            "or the machine stopped). Found by run "
            f"{self._run_id}, which stopped {stopped} process group(s) it left running "
            f"{'(dbt) ' if stopped else ''}and removed its unpublished build file"
            f"{f' {removed}' if removed else ' (there was none)'}. The published warehouse "
            f"{self.published_path} was not changed by it."
        )
        instance.report_run_failed(run, message=message)
        context.log.warning(message)

    def _remove_build_of(self, run_id: str) -> Path | None:
        """Remove the build file (and its WAL and owner file) if ``run_id`` owns it."""
        build = settings.build_path(self.published_path)
        owner = build.with_name(build.name + ".run")
        if not (owner.exists() and owner.read_text() == run_id):
            return None
        for path in (build, build.with_name(build.name + ".wal"), owner):
            path.unlink(missing_ok=True)
        return build

    @property
    def published_path(self) -> Path:
        return Path(self.path)

    @property
    def build_path(self) -> Path:
        if not self._run_id:
            return self.published_path
        return settings.build_path(self.published_path)

    @property
    def _owner_file(self) -> Path:
        return self.build_path.with_name(self.build_path.name + ".run")

    def _ensure_build_file(self) -> Path:
        """The run's build file: on the run's first write, a fresh copy of the published warehouse
        (a build left by an earlier run that was not published is replaced)."""
        build = self.build_path
        if build == self.published_path or self._published:
            return self.published_path  # outside a run, or after this run published
        build.parent.mkdir(parents=True, exist_ok=True)
        owner = self._owner_file
        if not (build.exists() and owner.exists() and owner.read_text() == self._run_id):
            build.unlink(missing_ok=True)
            build.with_name(build.name + ".wal").unlink(missing_ok=True)
            if self.published_path.exists():
                shutil.copy2(self.published_path, build)
            owner.write_text(self._run_id or "")
        return build

    @contextmanager
    def connect(self, read_only: bool = False):
        path = self._ensure_build_file()
        if read_only and not path.exists():
            path = self.published_path
        con = duckdb.connect(
            str(path),
            read_only=read_only,
            config={"memory_limit": settings.duckdb_memory_limit()},
        )
        try:
            yield con
        finally:
            con.close()

    def query_df(self, sql: str) -> pd.DataFrame:
        with self.connect(read_only=True) as con:
            return con.execute(sql).df()

    def publish(self) -> Path:
        """Move this run's build file over the published warehouse; drop older unpublished builds."""
        build = self._ensure_build_file()
        if build == self.published_path:
            return build
        with duckdb.connect(str(build)) as con:
            con.execute("checkpoint")
        warehouse_generations.keep_previous(self.published_path)
        atomic_replace(build, self.published_path)
        self._owner_file.unlink(missing_ok=True)
        self._published = True  # the run's later reads go to what it published
        return self.published_path


class RawFolderResource(dg.ConfigurableResource):
    """The folder the raw bulletins are read from."""

    path: str


def default_resources() -> dict:
    return {
        "warehouse": WarehouseResource(path=str(settings.warehouse_path())),
        "raw_folder": RawFolderResource(path=str(settings.raw_dir())),
    }
