"""Who is writing a warehouse: the record a run keeps in the warehouse's lock file, and what the
next run does when that run died without finishing (killed, or the machine stopped).

The lock itself (``flock``) is released by the kernel when its process dies; this record says
which run held it, in which process, and which process groups it started (dbt runs in a process
group of its own), so that the run that takes the lock next can stop what the dead run left
running before it writes.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path


@dataclass
class RunRecord:
    run_id: str
    pid: int
    process_groups: list[int] = field(default_factory=list)

    def dumps(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def loads(cls, text: str) -> RunRecord | None:
        """The record; None for an empty lock file. A lock file holding a run id alone (as older
        runs wrote it) gives that run with an unknown process (0)."""
        text = text.strip()
        if not text:
            return None
        try:
            data = json.loads(text)
            return cls(str(data["run_id"]), int(data["pid"]), list(data.get("process_groups", [])))
        except (ValueError, KeyError, TypeError):
            return cls(text, 0)

    def describe(self) -> str:
        return f"{self.run_id} (process {self.pid})" if self.pid > 0 else self.run_id


def process_alive(pid: int) -> bool:
    """Whether ``pid`` still runs (an exited process nobody has reaped yet does not: it holds no
    files any more)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True  # no /proc here: trust the signal
    return stat.rpartition(")")[2].split()[:1] != ["Z"]


def _command_of(pid: int) -> str:
    try:
        return (
            Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        )
    except OSError:
        return ""


def stop_group(pgid: int, expect: str = "dbt") -> bool:
    """Kill the process group ``pgid`` (or the process, if it leads no group) if it still runs and
    is what the dead run started: its command names ``expect`` (a process id reused by an
    unrelated process is left alone)."""
    if pgid <= 1 or not process_alive(pgid) or expect not in _command_of(pgid):
        return False
    try:
        os.killpg(pgid, signal.SIGKILL)
    except ProcessLookupError:  # not a group leader (dbt started without the wrapper)
        try:
            os.kill(pgid, signal.SIGKILL)
        except ProcessLookupError:
            return False
    return True


def processes_naming(*words: str) -> list[int]:
    """The running processes whose command line names every one of ``words``."""
    found = []
    for entry in Path("/proc").iterdir() if Path("/proc").is_dir() else ():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            command = _command_of(int(entry.name))
            if command and all(word in command for word in words):
                found.append(int(entry.name))
    return found


def stop_left_behind(groups: list[int], build: Path, wait: float = 10.0) -> int:
    """Stop what a dead run left running: the process groups it recorded, and any dbt building its
    build file (found by the path in dbt's command line: a dbt the run started just before it died
    may not be recorded yet). Returns how many were stopped, once they are gone (a killed process
    holds its file locks until it exits)."""
    stopped = [g for g in groups if stop_group(g)]
    stopped += [
        p for p in processes_naming("dbt", str(build)) if p not in stopped and stop_group(p)
    ]
    deadline = time.monotonic() + wait
    while any(process_alive(p) for p in stopped) and time.monotonic() < deadline:
        time.sleep(0.05)
    return len(stopped)


# dbt in a process group of its own: `setsid` makes the process it starts the leader of a new
# group, so that a run that dies leaves nothing the next run cannot stop (os.killpg). Written
# beside dbt in the environment by `make setup` and before a run's first dbt command.
_WRAPPER = """#!/bin/sh
# dbt in a process group of its own (written by the pipeline: pipelines/lib/run_record.py)
exec setsid "$(dirname "$0")/dbt" "$@"
"""
DBT_IN_OWN_GROUP = Path(sys.executable).parent / "dbt-own-group"


def dbt_in_own_group() -> str:
    """The dbt executable to run: the wrapper above (written if missing), or dbt itself where the
    environment cannot hold the wrapper (then a dead run's dbt is stopped by its process id)."""
    try:
        if not DBT_IN_OWN_GROUP.exists() or DBT_IN_OWN_GROUP.read_text() != _WRAPPER:
            DBT_IN_OWN_GROUP.write_text(_WRAPPER)
            DBT_IN_OWN_GROUP.chmod(0o755)
    except OSError:
        return str(DBT_IN_OWN_GROUP.parent / "dbt")
    return str(DBT_IN_OWN_GROUP)
