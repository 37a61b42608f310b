import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from pipelines.lib.settings import write_dagster_home

# Hypothesis keeps its files in a temporary folder: a test never writes into the repository
try:
    import tempfile

    from hypothesis import configuration as _hypothesis_configuration

    _hypothesis_configuration.set_hypothesis_home_dir(tempfile.mkdtemp(prefix="hypothesis-"))
except ImportError:  # pragma: no cover — hypothesis is a dev dependency
    pass

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
SEED = ROOT / "data" / "raw" / "zhejiang_jingxin_2020_q3_progress.txt"


def gold_path() -> Path:
    """The hand-checked gold file for seed tasks 1-10 (BULLETINS_GOLD may point at another copy)."""
    return Path(
        os.environ.get("BULLETINS_GOLD") or Path(__file__).parent / "gold" / "seed_tasks_1_10.json"
    )


@pytest.fixture
def seed_bytes() -> bytes:
    return SEED.read_bytes()


@pytest.fixture
def gold() -> dict:
    from pipelines.devtools.evaluation import load_gold

    path = gold_path()
    if not path.exists():
        pytest.fail(f"gold file {path} is missing: the seed regression test needs it")
    return load_gold(path)


@pytest.fixture
def fixture_bytes():
    def read(name: str) -> bytes:
        return (FIXTURES / name).read_bytes()

    return read


def make_raw_folder(dest: Path, *files: Path, extra: dict[str, bytes] | None = None) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for f in files:
        shutil.copy(f, dest / f.name)
    for name, data in (extra or {}).items():
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return dest


def pipeline_env(raw: Path, warehouse: Path, home: Path) -> dict:
    """The environment of a `python -m pipelines run` on another folder, warehouse and DAGSTER_HOME."""
    write_dagster_home(home)
    return {
        **os.environ,
        "BULLETINS_RAW_DIR": str(raw),
        "BULLETINS_WAREHOUSE": str(warehouse),
        "DAGSTER_HOME": str(home),
    }


def run_pipeline(raw: Path, warehouse: Path, home: Path, **env: str) -> subprocess.CompletedProcess:
    """`python -m pipelines run`, as `make run` calls it (``env``: more environment variables)."""
    return subprocess.run(
        [sys.executable, "-m", "pipelines", "run"],
        cwd=ROOT,
        env={**pipeline_env(raw, warehouse, home), **env},
        capture_output=True,
        text=True,
        timeout=600,
    )


def execute_bulletins_job(instance, force: bool = False):
    """Register the raw folder's bulletins as partitions and run bulletins_job in process over the
    partitions to process, as `python -m pipelines run` does (folder and warehouse from the env)."""
    from pipelines.definitions import build_definitions
    from pipelines.defs.partitions import plan_run

    plan = plan_run(instance, force=force)
    job = build_definitions().resolve_job_def("bulletins_job")
    return job.execute_in_process(instance=instance, tags=plan.tags(), raise_on_error=False)


def run_in_process(raw: Path, warehouse: Path):
    """bulletins_job in process over the folder ``raw`` into ``warehouse``, in a test instance."""
    import dagster as dg

    mp = pytest.MonkeyPatch()
    mp.setenv("BULLETINS_RAW_DIR", str(raw))
    mp.setenv("BULLETINS_WAREHOUSE", str(warehouse))
    try:
        with dg.instance_for_test() as instance:
            return execute_bulletins_job(instance)
    finally:
        mp.undo()


def shown_as(value) -> str:
    """A value as the DuckDB shell prints it."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


@pytest.fixture(scope="session")
def quarters_run(tmp_path_factory):
    """The seed and one city's half-year and third-quarter bulletins (with issuer sidecars)."""
    tmp = tmp_path_factory.mktemp("quarters")
    raw = tmp / "raw"
    shutil.copytree(FIXTURES / "quarters", raw)
    shutil.copy(SEED, raw / SEED.name)
    warehouse = tmp / "warehouse.duckdb"
    result = run_in_process(raw, warehouse)
    assert result.success
    con = duckdb.connect(str(warehouse), read_only=True)
    yield con, warehouse
    con.close()
