"""The project's configuration, in one place.

Two environment variables are the contract with tooling outside the repository:

- ``BULLETINS_RAW_DIR``: the folder of raw bulletins (default ``data/raw``).
- ``BULLETINS_WAREHOUSE``: the DuckDB warehouse file (default ``data/warehouse/warehouse.duckdb``).

Relative values are taken relative to the current directory; the defaults relative to the project
root. dbt is told which file to write with ``--vars`` (:func:`dbt_vars`), never through the
environment of this process.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"
RAW_DIR_ENV = "BULLETINS_RAW_DIR"
WAREHOUSE_ENV = "BULLETINS_WAREHOUSE"
DEFAULT_RAW_DIR = PROJECT_ROOT / "data" / "raw"
DEFAULT_WAREHOUSE = PROJECT_ROOT / "data" / "warehouse" / "warehouse.duckdb"
SOURCES_ENV = "BULLETINS_SOURCES"
DEFAULT_SOURCES = PROJECT_ROOT / "pipelines" / "sources.yaml"
# What the raw folder is expected to hold; every other file is read too, and rejected with its
# reason if it is not a bulletin (never skipped).
BULLETIN_SUFFIXES = (
    ".txt",
    ".html",
    ".htm",
    ".docx",
    ".doc",
    ".xlsx",
    ".xls",
    ".pdf",
    ".wps",
    ".et",
)

# A run over many bulletin partitions records one "materialization planned" event per asset with
# the run's partition subset, instead of one per partition (about 10 ms each in the SQLite event
# log: 10 s for 1,000 bulletins). Set by `python -m pipelines run` and by the Makefile for `make ui`.
PLANNED_EVENTS_AS_SUBSET = ("DAGSTER_EMIT_PARTITION_SUBSET_IN_PLANNED_EVENTS", "1")
# And the materializations of a run's partitions handed to the event log in batches, which the
# instance's storage (pipelines/defs/event_log_storage.py) writes in one transaction: 9 ms a
# partition one by one, 90 s of a 10,000-bulletin backfill. Set with the one above.
EVENTS_IN_BATCHES = ("DAGSTER_EVENT_BATCH_SIZE", "1000")
# dbt from the same environment as this interpreter, whether or not that environment is activated.
DBT_EXECUTABLE = str(Path(sys.executable).parent / "dbt")


def _resolve(value: str | None, default: Path) -> Path:
    if not value:
        return default
    return Path(value).expanduser().resolve()


def raw_dir() -> Path:
    return _resolve(os.environ.get(RAW_DIR_ENV), DEFAULT_RAW_DIR)


def sources_path() -> Path:
    """The list of bulletin URLs to fetch (``BULLETINS_SOURCES``, default pipelines/sources.yaml)."""
    return _resolve(os.environ.get(SOURCES_ENV), DEFAULT_SOURCES)


def warehouse_path() -> Path:
    return _resolve(os.environ.get(WAREHOUSE_ENV), DEFAULT_WAREHOUSE)


_DAGSTER_YAML_MARK = "# written by the pipeline (pipelines/lib/settings.py); edit to take it over\n"
_DAGSTER_YAML_BEFORE = "telemetry:\n  enabled: false\n"  # what earlier versions wrote


def write_dagster_home(home: Path) -> Path:
    """A DAGSTER_HOME with the project's instance settings: telemetry off, and the SQLite event log
    that writes a run's partitions in batches, in the folder Dagster's default storage uses (so
    the runs recorded before stay). Written if missing, or rewritten if the project wrote it (the
    storage path is absolute: a home moved or copied elsewhere gets its own path again); a
    ``dagster.yaml`` someone edited is left as it is."""
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    storage = (home.resolve() / "storage").as_posix()
    wanted = (
        f"{_DAGSTER_YAML_MARK}telemetry:\n  enabled: false\n"
        "event_log_storage:\n"
        "  module: pipelines.defs.event_log_storage\n"
        "  class: BatchedSqliteEventLogStorage\n"
        "  config:\n"
        f"    base_dir: {json.dumps(storage)}\n"
    )
    current = config.read_text(encoding="utf-8") if config.exists() else None
    if current != wanted and (
        current in (None, _DAGSTER_YAML_BEFORE) or current.startswith(_DAGSTER_YAML_MARK)
    ):
        config.write_text(wanted, encoding="utf-8")
    return config


def build_path(published: Path) -> Path:
    """The file a run writes before it is published.

    It lies beside the warehouse, so publishing is an atomic rename, and its name makes DuckDB give
    it the same catalog name as the published file (``.warehouse.build.duckdb`` -> ``warehouse``):
    views, which name their catalog, stay valid after the rename. The path is the same for every run
    (runs take turns: DuckDB has one writer), which also keeps dbt's partial parsing valid.
    """
    return published.parent / f".{published.stem}.build{published.suffix}"


def build_files(published: Path) -> list[Path]:
    """The unpublished build file, if a run left one (kept for inspection until the next run)."""
    build = build_path(published)
    return [build] if build.exists() else []


def dbt_vars(warehouse_file: Path) -> list[str]:
    """The arguments that make dbt (run from dbt_project/) write ``warehouse_file``: profiles.yml
    reads the ``warehouse_path`` var. ``tests_on: changes`` makes dbt's tests read only the rows of
    the run's changes unless the build is a full refresh (dbt_project/macros/changed_rows.sql).
    The vars are the same for every run on a warehouse, so dbt's partial parsing stays valid from
    one run to the next."""
    values = {
        "warehouse_path": str(warehouse_file),
        "tests_on": "changes",
        "memory_limit": duckdb_memory_limit(),
    }
    return ["--vars", json.dumps(values)]


DUCKDB_MEMORY_ENV = "BULLETINS_DUCKDB_MEMORY"


def duckdb_memory_limit() -> str:
    """How much memory DuckDB may hold for a run's queries (DuckDB's own default is 80% of the
    machine's, which it takes as a cache on a large warehouse); it spills to disk beyond it."""
    return os.environ.get(DUCKDB_MEMORY_ENV) or "512MB"


LOCK_TIMEOUT_ENV = "BULLETINS_LOCK_TIMEOUT"


def lock_timeout() -> float:
    """How long a run waits for another run on the same warehouse to finish (seconds)."""
    return float(os.environ.get(LOCK_TIMEOUT_ENV) or 3600)
