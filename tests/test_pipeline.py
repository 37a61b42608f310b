"""End to end: raw files -> staging -> dbt marts -> Great Expectations checks, in a temporary warehouse."""

import os
import subprocess
import sys

import dagster as dg
import duckdb
import pytest

from pipelines.evaluation import score_figures

from .conftest import FIXTURES, ROOT, SEED, make_raw_folder

BINARY_DOC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 4


@pytest.fixture(scope="module")
def mixed_run(tmp_path_factory):
    """One run over the seed, two fixtures, a copy of the seed, a page without a table and a binary file."""
    tmp = tmp_path_factory.mktemp("mixed")
    raw = make_raw_folder(
        tmp / "raw",
        SEED,
        FIXTURES / "s1_city_2021_q1_progress.txt",
        FIXTURES / "s1_wrong_sum_2021_h1_progress.txt",
        FIXTURES / "no_table_notice.html",
        extra={"copies/seed_again.txt": SEED.read_bytes(), "report.txt": BINARY_DOC},
    )
    warehouse = tmp / "warehouse.duckdb"
    mp = pytest.MonkeyPatch()
    mp.setenv("BULLETINS_RAW_DIR", str(raw))
    mp.setenv("BULLETINS_WAREHOUSE", str(warehouse))
    from pipelines.definitions import build_definitions

    defs = build_definitions()
    job = defs.get_job_def("bulletins_job")
    with dg.instance_for_test() as instance:
        result = job.execute_in_process(instance=instance, raise_on_error=False)
    mp.undo()
    con = duckdb.connect(str(warehouse), read_only=True)
    yield result, con
    con.close()


def _check(result, name):
    (evaluation,) = [e for e in result.get_asset_check_evaluations() if e.check_name == name]
    return evaluation


def test_seed_has_19_tasks(mixed_run):
    _, con = mixed_run
    (n,) = con.execute(
        "select count(*) from fact_task_progress join dim_bulletin using (bulletin_id) "
        "where source_file = 'zhejiang_jingxin_2020_q3_progress.txt'"
    ).fetchone()
    assert n == 19
    assert con.execute("select count(*) from dim_task where year = 2020").fetchone()[0] == 19


def test_identical_copy_is_loaded_once(mixed_run):
    _, con = mixed_run
    rows = con.execute(
        "select source_file, duplicate_files from dim_bulletin order by source_file"
    ).fetchall()
    assert len(rows) == 3
    assert ("zhejiang_jingxin_2020_q3_progress.txt", "copies/seed_again.txt") in rows


def test_seed_identities_found_and_holding(mixed_run):
    _, con = mixed_run
    rows = con.execute(
        """
        select i.whole_raw_text, i.n_parts, i.holds
        from fact_metric_identity i join dim_bulletin b using (bulletin_id)
        where b.source_file = 'zhejiang_jingxin_2020_q3_progress.txt'
        order by i.identity_id
        """
    ).fetchall()
    assert rows == [("156家", 2, True), ("83家", 2, True), ("3252亿元", 4, True)]


def test_warehouse_matches_gold_for_seed_tasks_1_to_10(mixed_run, gold):
    _, con = mixed_run
    predicted = [
        {"task_seq": t, "part": s, "raw": r, "base_value": v, "base_unit": u}
        for t, s, r, v, u in con.execute(
            """
            select m.task_seq, m.section, m.raw_text, m.base_value, m.base_unit
            from fact_metric m join dim_bulletin b using (bulletin_id)
            where b.source_file = 'zhejiang_jingxin_2020_q3_progress.txt'
            """
        ).fetchall()
    ]
    score = score_figures(predicted, gold)
    assert score.precision >= 0.95 and score.recall >= 0.95, score.report()


def test_figure_spans_point_into_body_text(mixed_run):
    _, con = mixed_run
    bad = con.execute(
        """
        select count(*) from fact_metric m join dim_bulletin b using (bulletin_id)
        where substring(b.body_text, m.char_start + 1, m.char_end - m.char_start) <> m.raw_text
        """
    ).fetchone()[0]
    assert bad == 0
    row = con.execute(
        "select raw_text, value, unit, base_value, base_unit, qualifier from fact_metric "
        "where raw_text = '5.4万个'"
    ).fetchone()
    assert row == ("5.4万个", 5.4, "万个", 54000.0, "个", "more_than")


def test_wrong_sum_fails_the_identity_check_and_names_the_row(mixed_run):
    result, _ = mixed_run
    evaluation = _check(result, "identities_hold")
    assert not evaluation.passed
    assert evaluation.severity == dg.AssetCheckSeverity.ERROR
    assert evaluation.metadata["failed_rows"].value == 1
    table = evaluation.metadata["failing_rows"].value
    assert "s1_wrong_sum_2021_h1_progress.txt" in table
    assert "156家" in table and "73家 + 80家" in table and "153" in table
    assert not result.success  # the check is blocking: the run fails


def test_rejected_files_have_reasons(mixed_run):
    result, con = mixed_run
    rows = dict(con.execute("select source_file, reason from rejected_files").fetchall())
    assert set(rows) == {"no_table_notice.html", "report.txt"}
    assert "no task table" in rows["no_table_notice.html"]
    assert "Microsoft Office" in rows["report.txt"]
    evaluation = _check(result, "no_rejected_files")
    assert not evaluation.passed and evaluation.severity == dg.AssetCheckSeverity.WARN
    assert "report.txt" in evaluation.metadata["failing_rows"].value


def test_other_checks_pass(mixed_run):
    result, _ = mixed_run
    for name in (
        "figure_spans_match_body_text",
        "units_are_known",
        "base_values_are_value_times_scale",
        "figures_belong_to_a_task_of_their_bulletin",
        "bulletins_have_tasks",
    ):
        assert _check(result, name).passed, name


def _cli_run(tmp_path, raw):
    env = {
        **os.environ,
        "BULLETINS_RAW_DIR": str(raw),
        "BULLETINS_WAREHOUSE": str(tmp_path / "w.duckdb"),
        "DAGSTER_HOME": str(tmp_path / "dagster_home"),
    }
    (tmp_path / "dagster_home").mkdir()
    return subprocess.run(
        [sys.executable, "-m", "pipelines", "run"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_run_command_on_another_folder_succeeds(tmp_path):
    raw = make_raw_folder(tmp_path / "x", SEED)
    proc = _cli_run(tmp_path, raw)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "checks:" in proc.stdout and " 0 failed" in proc.stdout
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        assert con.execute("select count(*) from dim_task").fetchone()[0] == 19
        assert (
            con.execute("select count(*) from fact_metric_identity where holds").fetchone()[0] == 3
        )


def test_run_command_exits_non_zero_when_a_blocking_check_fails(tmp_path):
    raw = make_raw_folder(tmp_path / "x", FIXTURES / "s1_wrong_sum_2021_h1_progress.txt")
    proc = _cli_run(tmp_path, raw)
    assert proc.returncode == 1
    assert "fact_metric_identity:identities_hold" in proc.stdout
