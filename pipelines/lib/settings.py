"""The project's configuration, in one place.

Two environment variables are the contract with tooling outside the repository:

- ``BULLETINS_RAW_DIR``: the folder of raw bulletins (default ``data/raw``).
- ``BULLETINS_WAREHOUSE``: the DuckDB warehouse file (default ``data/warehouse/warehouse.duckdb``).

Relative values are taken relative to the current directory; the defaults relative to the project
root. dbt is told which file to write with ``--vars`` (:func:`dbt_vars`), never through the
environment of this process.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from dataclasses import dataclass
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
    """BULLETINS_RAW_DIR; else the raw folder the warehouse was last published from (a UI or a
    sensor started for another warehouse reads that one's folder, not data/raw); else data/raw."""
    given = os.environ.get(RAW_DIR_ENV)
    if given:
        return _resolve(given, DEFAULT_RAW_DIR)
    return recorded_raw_dir(warehouse_path()) or DEFAULT_RAW_DIR


def raw_dir_given() -> bool:
    return bool(os.environ.get(RAW_DIR_ENV))


def _raw_dir_record(published: Path) -> Path:
    return published.parent / f".{published.stem}.raw_dir"


def recorded_raw_dir(published: Path) -> Path | None:
    """The raw folder ``published`` was last published from, if it records one."""
    record = _raw_dir_record(published)
    if not record.exists():
        return None
    return (published.parent / record.read_text(encoding="utf-8").strip()).resolve()


def record_raw_dir(published: Path, raw: Path) -> None:
    """Remember the raw folder a warehouse is published from (beside it; kept when a damaged
    warehouse is restored, as the raw folder is its source of truth). Relative to the warehouse's
    folder, so that the two moved or copied together stay together."""
    relative = os.path.relpath(raw.resolve(), published.parent.resolve())
    _raw_dir_record(published).write_text(relative, encoding="utf-8")


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
        # no sign-up dialog on the first visit to the UI
        "nux:\n  enabled: false\n"
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


def exports_path(warehouse_file: Path) -> Path:
    """Where `make export` and the asset warehouse/exports write the published marts: exports/
    beside the warehouse (data/warehouse/exports/, git-ignored)."""
    return warehouse_file.parent / "exports"


# the catalog of measures: the parser matches figures with it, dim_measure reads it
MEASURE_CATALOG = Path(__file__).resolve().parent / "parsing" / "meaning" / "measure_catalog.csv"


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
        "measure_catalog": str(MEASURE_CATALOG),
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


EXCEPTIONS_ENV = "BULLETINS_EXCEPTIONS"
DEFAULT_EXCEPTIONS = PROJECT_ROOT / "data" / "accepted_exceptions.yaml"


def exceptions_path() -> Path:
    """The reviewed list of bulletins published although a blocking check fails on them
    (``BULLETINS_EXCEPTIONS``, default data/accepted_exceptions.yaml; see pipelines/lib/quarantine.py)."""
    return _resolve(os.environ.get(EXCEPTIONS_ENV), DEFAULT_EXCEPTIONS)


MAX_HELD_BACK_ENV = "BULLETINS_MAX_HELD_BACK_SHARE"
# A quarter brings hundreds of bulletins, a few of them inconsistent at the source; a code change
# that breaks the parser makes many fail at once. Past this share of the warehouse's bulletins held
# back, a run publishes nothing (the circuit breaker), so a regression never passes as quarantine.
DEFAULT_MAX_HELD_BACK_SHARE = 0.25


def max_held_back_share() -> float:
    """The largest share of the warehouse's bulletins a run may hold back and still publish."""
    value = os.environ.get(MAX_HELD_BACK_ENV)
    if not value:
        return DEFAULT_MAX_HELD_BACK_SHARE
    share = float(value)
    if not 0 <= share <= 1:
        raise ValueError(f"{MAX_HELD_BACK_ENV}={value}: give a share between 0 and 1 (e.g. 0.25)")
    return share


# What one raw file may be: limits that refuse a file no bulletin resembles (a ZIP bomb, a table
# that lays out millions of cells, a text of a million lines) as a rejection of that file, before
# it takes the run's memory or time. Each is a setting, so that an operator can widen it.
MAX_UNCOMPRESSED_MB_ENV = "BULLETINS_MAX_UNCOMPRESSED_MB"
MAX_COMPRESSION_RATIO_ENV = "BULLETINS_MAX_COMPRESSION_RATIO"
MAX_PDF_PAGES_ENV = "BULLETINS_MAX_PDF_PAGES"
MAX_SHEETS_ENV = "BULLETINS_MAX_SHEETS"
MAX_CELLS_ENV = "BULLETINS_MAX_CELLS"
READER_TIMEOUT_ENV = "BULLETINS_READER_TIMEOUT"
PARSE_TIMEOUT_ENV = "BULLETINS_PARSE_TIMEOUT"
MAX_TEXT_CHARS_ENV = "BULLETINS_MAX_TEXT_CHARS"
MAX_LINES_ENV = "BULLETINS_MAX_LINES"
MAX_TABLE_CELLS_ENV = "BULLETINS_MAX_TABLE_CELLS"
# The largest real inputs (tests/fixtures and the seed in data/raw, measured when these were set):
# 5,935 characters and 244 lines of decoded text (the seed), 78 laid-out table cells in a page
# (s16_work_items_status_2023_h1_progress.html). Real bulletins of other issuers run longer, and a
# workbook is rendered as a page of tables (a line per row), so the defaults leave far more room
# than 20x and stay where parsing holds well under the run's memory:
# - 5,000,000 characters: ~840x the seed; also a workbook at the cell limit (200,000 cells) as
#   HTML, ~20 characters a cell. A text of 50 MB was stored whole as a 42-million-character body.
DEFAULT_MAX_TEXT_CHARS = 5_000_000
# - 50,000 lines: ~200x the seed's 244; a workbook at the cell limit has at most that many rows
#   of four cells. A million numbered lines took 2.4 GB of memory to parse (~2.4 KB a line), so
#   this bounds a file's parse at ~120 MB.
DEFAULT_MAX_LINES = 50_000
# - 200,000 laid-out table cells in a page: ~2,500x the 78 cells of the largest fixture, and the
#   same as a workbook's cell limit (its sheets are laid out as tables, so a workbook that limit
#   admits is never refused by this one). 60 rows of 1,000 colspan=1000 cells lay out 60 million.
DEFAULT_MAX_TABLE_CELLS = 200_000


@dataclass(frozen=True)
class InputLimits:
    """The limits of one raw file, read once from the environment by :func:`input_limits` and
    passed to the readers and the parser."""

    max_uncompressed_bytes: int = 100_000_000  # a ZIP's (.docx/.xlsx) total uncompressed size
    max_compression_ratio: float = 100  # uncompressed size / file size: beyond it, a ZIP bomb
    max_pdf_pages: int = 200
    max_sheets: int = 50
    max_cells: int = 200_000  # cells of one spreadsheet
    reader_timeout_seconds: float = 60  # an external reader (antiword) per file
    parse_seconds: float = 120  # reading and parsing one bulletin, whatever its format
    max_text_chars: int = DEFAULT_MAX_TEXT_CHARS  # the decoded text of one file
    max_lines: int = DEFAULT_MAX_LINES  # lines of the decoded text of one file
    max_table_cells: int = DEFAULT_MAX_TABLE_CELLS  # cells of a page's tables, spans laid out


def input_limits() -> InputLimits:
    """The limits of one raw file, with the operator's settings (read when called)."""
    env = os.environ.get
    default = InputLimits()
    return InputLimits(
        max_uncompressed_bytes=int(
            float(env(MAX_UNCOMPRESSED_MB_ENV) or default.max_uncompressed_bytes / 1e6) * 1e6
        ),
        max_compression_ratio=float(
            env(MAX_COMPRESSION_RATIO_ENV) or default.max_compression_ratio
        ),
        max_pdf_pages=int(env(MAX_PDF_PAGES_ENV) or default.max_pdf_pages),
        max_sheets=int(env(MAX_SHEETS_ENV) or default.max_sheets),
        max_cells=int(env(MAX_CELLS_ENV) or default.max_cells),
        reader_timeout_seconds=float(env(READER_TIMEOUT_ENV) or default.reader_timeout_seconds),
        parse_seconds=float(env(PARSE_TIMEOUT_ENV) or default.parse_seconds),
        max_text_chars=int(env(MAX_TEXT_CHARS_ENV) or default.max_text_chars),
        max_lines=int(env(MAX_LINES_ENV) or default.max_lines),
        max_table_cells=int(env(MAX_TABLE_CELLS_ENV) or default.max_table_cells),
    )


# how many runs' log files are kept beside a warehouse (the newest; a few KB each)
RUN_LOGS_KEPT = 20


def run_log_path(published: Path, run_id: str, name: str) -> Path:
    """A log file of a run (``dbt``: dbt's line per model and test), beside the warehouse it
    writes; the oldest are removed past RUN_LOGS_KEPT runs."""
    folder = published.parent / f".{published.stem}.logs"
    folder.mkdir(parents=True, exist_ok=True)
    logs = sorted(folder.glob("*.log"), key=lambda p: p.stat().st_mtime)
    for old in logs[: max(len(logs) - RUN_LOGS_KEPT, 0)]:
        old.unlink(missing_ok=True)
    return folder / f"{run_id}.{name}.log"


def dagster_home() -> Path:
    """The Dagster instance (run history, asset status) of the warehouse this process writes: the
    project's ``.dagster`` for the default warehouse, one folder under it per other warehouse, so a
    run on another raw folder and warehouse never paints the default warehouse's assets in the UI.
    A DAGSTER_HOME set elsewhere than the project's own is taken as it is."""
    default = PROJECT_ROOT / ".dagster"
    given = os.environ.get("DAGSTER_HOME")
    if given and Path(given).resolve() != default.resolve():
        return Path(given)
    warehouse = warehouse_path()
    if warehouse == DEFAULT_WAREHOUSE:
        return default
    digest = hashlib.sha256(str(warehouse).encode()).hexdigest()[:8]
    return default / "warehouses" / f"{warehouse.stem}-{digest}"


WORKERS_ENV = "BULLETINS_PARSE_WORKERS"


def parse_workers() -> int:
    """Processes parsing a run's bulletins (default: the machine's cores)."""
    return max(1, int(os.environ.get(WORKERS_ENV) or os.cpu_count() or 1))


REPORT_DIR_ENV = "BULLETINS_REPORT_DIR"
# ECharts, installed from the npm registry by `make report-deps` (package.json, package-lock.json)
ECHARTS_JS = PROJECT_ROOT / "node_modules" / "echarts" / "dist" / "echarts.min.js"


def report_dir(published: Path) -> Path:
    """Where the report site of the warehouse ``published`` is written: ``BULLETINS_REPORT_DIR``,
    else a folder beside the warehouse named after it (data/warehouse/warehouse.report/)."""
    return _resolve(os.environ.get(REPORT_DIR_ENV), published.with_name(published.stem + ".report"))
