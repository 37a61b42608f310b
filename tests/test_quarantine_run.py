"""A quarter is published whatever one bulletin does: `python -m pipelines run` (as `make run` calls
it) over good bulletins and inconsistent ones, with the exit status, the summary and the marts of
each case."""

import subprocess
import sys

import dagster as dg
import duckdb
import pytest

from pipelines.lib.settings import build_files

from .conftest import FIXTURES, ROOT, SEED, make_raw_folder, pipeline_env, run_pipeline

pytestmark = pytest.mark.e2e

WRONG_SUM = FIXTURES / "s1_wrong_sum_2021_h1_progress.txt"
GOOD = (
    SEED,
    FIXTURES / "s1_city_2021_q1_progress.txt",
    FIXTURES / "s2_county_2022_h1_progress.html",
)


def _wrong_sum_variant(whole: int) -> bytes:
    """The wrong-sum bulletin stating another whole: another file, just as inconsistent."""
    text = WRONG_SUM.read_text(encoding="utf-8").replace("共156家", f"共{whole}家")
    return text.encode("utf-8")


def _output(run) -> str:
    return run.stdout[-6000:] + run.stderr[-3000:]


@pytest.fixture(scope="module")
def quarter(tmp_path_factory):
    """Three good bulletins and one whose breakdown does not add up, run once."""
    tmp = tmp_path_factory.mktemp("quarantine")
    raw = make_raw_folder(tmp / "raw", *GOOD, WRONG_SUM)
    paths = {
        "raw": raw,
        "warehouse": tmp / "warehouse.duckdb",
        "home": tmp / "dagster_home",
        "exceptions": tmp / "accepted_exceptions.yaml",
    }
    first = _run(paths)
    return paths, first


def _run(paths, **env):
    return run_pipeline(
        paths["raw"],
        paths["warehouse"],
        paths["home"],
        BULLETINS_EXCEPTIONS=str(paths["exceptions"]),
        **env,
    )


def test_the_good_bulletins_are_published_and_the_wrong_sum_is_held_back(quarter):
    paths, run = quarter
    assert run.returncode == 3, _output(run)  # published, some held back
    out = run.stdout
    assert "bulletins held back: 1 (mart quarantined_bulletins)" in out
    assert "s1_wrong_sum_2021_h1_progress.txt" in out
    assert "identities_hold: task 1: 156家 ≠ 73家 + 80家 = 153家" in out
    assert "「1.排查安全隐患企业共156家,完成整改73家,剩余80家。」" in out
    assert f"warehouse published, 1 bulletins held back: {paths['warehouse']}" in out
    assert "Traceback" not in out + run.stderr and 'File "' not in out  # no stack trace
    # one line per step, dbt's lines in a log file the summary names
    assert "  build the marts (dbt)          done" in out
    assert " of 8" not in out and "START sql" not in out
    (log_line,) = [line for line in out.splitlines() if line.startswith("dbt's line per model")]
    assert "OK created sql" in open(log_line.split(": ", 1)[1], encoding="utf-8").read()

    with duckdb.connect(str(paths["warehouse"]), read_only=True) as con:
        published = {r[0] for r in con.execute("select source_file from dim_bulletin").fetchall()}
        assert published == {p.name for p in GOOD}
        held = con.execute(
            "select source_file, status, check_name, task, failure, sentence, since is not null "
            "from quarantined_bulletins"
        ).fetchall()
        assert held == [
            (
                WRONG_SUM.name,
                "held_back",
                "identities_hold",
                "1",
                "156家 ≠ 73家 + 80家 = 153家",
                "1.排查安全隐患企业共156家,完成整改73家,剩余80家。",
                True,
            )
        ]
        # its rows reach no mart, tables included; its parsed rows are kept
        (bulletin_id,) = con.execute(
            "select bulletin_id from parsed.bulletins where source_file = ?", [WRONG_SUM.name]
        ).fetchone()
        for mart in ("fact_metric", "fact_task_progress", "fact_metric_identity"):
            n = con.execute(f"select count(*) from {mart} where bulletin_id = ?", [bulletin_id])
            assert n.fetchone()[0] == 0, mart
        n = con.execute(
            "select count(*) from fact_target_attainment where bulletin_id = ?", [bulletin_id]
        )
        assert n.fetchone()[0] == 0
        assert (
            con.execute(
                "select count(*) from parsed.figures where bulletin_id = ?", [bulletin_id]
            ).fetchone()[0]
            > 0
        )
        orphan_tasks = con.execute(
            "select count(*) from dim_task where year = 2021 and task_id not in "
            "(select task_id from fact_task_progress)"
        ).fetchone()[0]
        assert orphan_tasks == 0


def test_an_accepted_exception_publishes_it_and_a_stale_one_is_reported(quarter):
    paths, _ = quarter
    paths["exceptions"].write_text(
        "exceptions:\n"
        f"  - file: {WRONG_SUM.name}\n"
        "    check: identities_hold\n"
        "    reason: the bulletin states 共156家 and lists 73家 + 80家; so printed\n"
        "    accepted_by: reviewer\n"
        "  - file: withdrawn_2020_q1.txt\n"
        "    check: identities_hold\n"
        "    reason: withdrawn since\n"
        "    accepted_by: reviewer\n",
        encoding="utf-8",
    )
    run = _run(paths)  # the exceptions file changed: not "nothing new"
    assert run.returncode == 0, _output(run)
    out = run.stdout
    assert "bulletins published as accepted: 1" in out
    assert (
        "accepted: s1_wrong_sum_2021_h1_progress.txt (identities_hold), accepted by reviewer" in out
    )
    assert "stale exceptions in" in out and "withdrawn_2020_q1.txt (identities_hold)" in out
    with duckdb.connect(str(paths["warehouse"]), read_only=True) as con:
        published = {r[0] for r in con.execute("select source_file from dim_bulletin").fetchall()}
        assert WRONG_SUM.name in published
        (status, exception) = con.execute(
            "select status, exception from quarantined_bulletins"
        ).fetchone()
        assert status == "accepted" and "so printed" in exception
        assert (
            con.execute(
                "select count(*) from fact_metric_identity i join dim_bulletin b using (bulletin_id) "
                "where b.source_file = ? and not i.holds",
                [WRONG_SUM.name],
            ).fetchone()[0]
            == 1
        )

    # without the entry it is held back again
    paths["exceptions"].write_text("exceptions: []\n", encoding="utf-8")
    again = _run(paths)
    assert again.returncode == 3, _output(again)
    assert "bulletins held back: 1" in again.stdout
    # nothing new: the warehouse is as it was published, with its bulletin held back
    unchanged = _run(paths)
    assert unchanged.returncode == 3 and "nothing new" in unchanged.stdout
    assert "1 bulletins held back in it" in unchanged.stdout


def test_a_run_in_which_most_bulletins_fail_publishes_nothing(tmp_path):
    raw = make_raw_folder(
        tmp_path / "raw",
        SEED,
        WRONG_SUM,
        extra={f"wrong_{n}.txt": _wrong_sum_variant(n) for n in (157, 158)},
    )
    warehouse = tmp_path / "w.duckdb"
    run = run_pipeline(raw, warehouse, tmp_path / "home")
    assert run.returncode == 1, _output(run)
    out = run.stdout
    assert "warehouse NOT published" in out and "(it does not exist yet)" in out
    assert (
        "  why: 3 of 4 bulletins (75%) would be held back, more than the 25% a run may hold back"
        in out
    )
    assert "bulletins that would be held back: 3" in out
    assert "ERROR fact_metric_identity:identities_hold" in out
    assert 'File "' not in out  # a data failure: no stack trace
    assert not warehouse.exists() and build_files(warehouse)
    # the UI shows the marts this run built as not published
    with dg.DagsterInstance.from_config(str(tmp_path / "home")) as instance:
        event = instance.get_latest_materialization_event(dg.AssetKey(["fact_metric"]))
        (observation,) = instance.fetch_observations(dg.AssetKey(["fact_metric"]), limit=1).records
        (run,) = instance.get_runs()
    assert event is not None  # built in the run's build file …
    metadata = observation.asset_observation.metadata
    assert metadata["published"].value is False  # … and said not to be the published warehouse
    assert metadata["status"].value.startswith("NOT PUBLISHED: this run's build was held back")
    assert run.tags["bulletins/published"] == "false"


PATCHED_RUN = """
import sys
from pipelines.lib import quarantine_run

found = quarantine_run.failures_of

def with_a_table_wide_failure(con, outcomes):
    failures, unattributed = found(con, outcomes)
    return failures, unattributed + ["units_are_known: 2 rows"]

quarantine_run.failures_of = with_a_table_wide_failure
from pipelines.cli import main
sys.exit(main(["run"]))
"""


def test_a_blocking_failure_of_no_particular_bulletin_publishes_nothing(tmp_path):
    """A failing blocking check whose rows name no bulletin (as a change of code or models would
    cause) keeps all-or-nothing: the run is given one, on good bulletins only."""
    raw = make_raw_folder(tmp_path / "raw", SEED)
    warehouse = tmp_path / "w.duckdb"
    run = subprocess.run(
        [sys.executable, "-c", PATCHED_RUN],
        cwd=ROOT,
        env=pipeline_env(raw, warehouse, tmp_path / "home"),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 1, _output(run)
    assert (
        "  why: a blocking check failed on rows of no particular bulletin, which a change of code "
        "or models causes, not a source: units_are_known: 2 rows"
    ) in run.stdout
    assert not warehouse.exists()


def test_a_failing_dbt_test_publishes_nothing_and_says_why(tmp_path):
    """A dbt test holds for a whole mart (its shape): a status no model accepts, put into the
    published warehouse by hand, fails accepted_values on quarantined_bulletins."""
    raw = make_raw_folder(tmp_path / "raw", SEED)
    warehouse, home = tmp_path / "w.duckdb", tmp_path / "home"
    assert run_pipeline(raw, warehouse, home).returncode == 0
    with duckdb.connect(str(warehouse)) as con:
        (bulletin_id,) = con.execute("select bulletin_id from dim_bulletin").fetchone()
        con.execute(
            "insert into quality.bulletin_status (bulletin_id, source_file, status, rechecking) "
            "values (?, 'x.txt', 'bogus', false)",
            [bulletin_id],
        )
        con.execute(
            "insert into quality.bulletin_failures (bulletin_id, check_name, failure) "
            "values (?, 'identities_hold', 'x')",
            [bulletin_id],
        )
    before = warehouse.read_bytes()
    run = subprocess.run(
        [sys.executable, "-m", "pipelines", "run", "--force"],
        cwd=ROOT,
        env=pipeline_env(raw, warehouse, home),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 1, _output(run)
    out = run.stdout
    assert (
        "  why: 1 dbt tests of the marts' shape failed (accepted_values_quarantined_bulletins_status"
        in out
    )
    assert 'File "' not in out
    assert warehouse.read_bytes() == before
