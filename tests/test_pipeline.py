"""End to end: raw files -> parsed tables -> dbt staging views and marts -> Great Expectations checks, in a temporary warehouse."""

import json
import os
import subprocess
import sys

import dagster as dg
import duckdb
import pytest

from pipelines.devtools.evaluation import score_figures
from pipelines.lib.settings import build_files

from .conftest import (
    FIXTURES,
    ROOT,
    SEED,
    make_raw_folder,
    run_in_process,
    run_pipeline,
    shown_as,
)

pytestmark = pytest.mark.e2e  # runs the pipeline (or a browser): not in make check

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
    result = run_in_process(raw, warehouse)
    # a blocking check fails on one bulletin (the wrong sum): it is held back, the others published
    assert result.success and warehouse.exists() and not build_files(warehouse)
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
    assert len(rows) == 2  # and the wrong sum, held back
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
    result, con = mixed_run
    evaluation = _check(result, "identities_hold")
    assert not evaluation.passed
    # it holds back its bulletin, not the run: WARN lets the publication go on
    assert evaluation.severity == dg.AssetCheckSeverity.WARN
    assert evaluation.metadata["held_back"].value == "s1_wrong_sum_2021_h1_progress.txt"
    assert "156家 ≠ 73家 + 80家 = 153家" in evaluation.metadata["quarantine"].value
    assert evaluation.metadata["failed_rows"].value == 1
    table = evaluation.metadata["failing_rows"].value
    assert "s1_wrong_sum_2021_h1_progress.txt" in table
    assert "156家" in table and "73家 + 80家" in table and "153" in table
    assert result.success
    assert con.execute("select source_file, status from quarantined_bulletins").fetchall() == [
        ("s1_wrong_sum_2021_h1_progress.txt", "held_back")
    ]


def test_rejected_files_have_reasons(mixed_run):
    result, con = mixed_run
    rows = dict(con.execute("select source_file, reason from rejected_files").fetchall())
    assert set(rows) == {"no_table_notice.html", "report.txt"}
    assert "does not read as a progress bulletin" in rows["no_table_notice.html"]
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
    return run_pipeline(raw, tmp_path / "w.duckdb", tmp_path / "dagster_home")


def test_write_audit_publish_with_a_reader_holding_the_warehouse(tmp_path):
    """`python -m pipelines run` publishes only audited builds, and never waits for readers."""
    raw = make_raw_folder(tmp_path / "x", SEED)
    warehouse = tmp_path / "w.duckdb"

    first = _cli_run(tmp_path, raw)
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-3000:]
    assert "warehouse published" in first.stdout
    assert not build_files(warehouse)  # the build became the warehouse; no copy is left behind
    assert "  ERROR " not in first.stdout  # warnings only (the seed has tasks without figures)
    assert "  WARN  fact_task_progress:tasks_have_figures (3 rows)" in first.stdout
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("select count(*) from dim_task").fetchone()[0] == 19
        assert (
            con.execute("select count(*) from fact_metric_identity where holds").fetchone()[0] == 3
        )

    # nothing new: no work at all, the warehouse stays byte-identical
    before = warehouse.read_bytes()
    again = _cli_run(tmp_path, raw)
    assert again.returncode == 0 and "nothing new" in again.stdout
    assert warehouse.read_bytes() == before

    # an analyst holds the published file open (read-only) while the next run writes
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(warehouse)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert reader.stdout.readline().strip() == "19"
        make_raw_folder(raw, FIXTURES / "s1_city_2021_q1_progress.txt")
        second = _cli_run(tmp_path, raw)
        assert second.returncode == 0, second.stdout[-3000:] + second.stderr[-3000:]
        # only the new bulletin's partition is in the run; the seed's rows stay as they were
        assert "2 bulletins: 1 to process, 1 new partitions" in second.stdout
        (parse_line,) = [
            line for line in second.stdout.splitlines() if "parse the bulletins" in line
        ]
        assert "parsed 1 new or changed bulletins" in parse_line
        assert "reused 0 unchanged" in parse_line
        assert reader.poll() is None  # the reader was not disturbed
    finally:
        reader.kill()
        reader.wait()
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("select count(*) from dim_bulletin").fetchone()[0] == 2
    published_bytes = warehouse.read_bytes()

    # a run whose blocking check fails on one bulletin publishes the others and holds it back
    make_raw_folder(raw, FIXTURES / "s1_wrong_sum_2021_h1_progress.txt")
    third = _cli_run(tmp_path, raw)
    assert third.returncode == 3
    assert "WARN  fact_metric_identity:identities_hold" in third.stdout
    assert "warehouse published, 1 bulletins held back" in third.stdout
    assert warehouse.read_bytes() != published_bytes and not build_files(warehouse)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("select count(*) from dim_bulletin").fetchone()[0] == 2


READER = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
print(con.execute("select count(*) from dim_task").fetchone()[0], flush=True)
time.sleep(600)
"""


def test_a_task_keeps_its_id_across_quarters(quarters_run):
    con, _ = quarters_run
    rows = con.execute(
        """
        select t.task_title, t.issuer, t.n_bulletins, list(p.task_seq order by b.period_end)
        from dim_task t
        join fact_task_progress p using (task_id)
        join dim_bulletin b using (bulletin_id)
        where t.year = 2023
        group by all order by 1
        """
    ).fetchall()
    # the title is that of the latest wording (全年新增… in the third quarter)
    assert rows == [
        ("全年新增城镇就业4万人", "示例市人民政府", 2, [2, 3]),
        ("建成5G基站3000个,实现重点场所全覆盖", "示例市人民政府", 2, [1, 1]),
        ("改造老旧小区60个", "示例市人民政府", 2, [3, 2]),
    ]


def test_target_attainment_matches_gold_links_for_the_seed(quarters_run, gold):
    con, _ = quarters_run
    found = {
        (seq, target): actual
        for seq, target, actual in con.execute(
            """
            select a.task_seq, a.target_raw_text, m.raw_text
            from fact_target_attainment a
            join dim_bulletin b using (bulletin_id)
            left join fact_metric m on m.metric_id = a.actual_metric_id
            where b.source_file = 'zhejiang_jingxin_2020_q3_progress.txt'
            """
        ).fetchall()
    }
    certain = [g for g in gold["target_links"] if not g["uncertain"]]
    linked = [g for g in certain if g["actual_raw"]]
    correct = [g for g in linked if found.get((g["task_seq"], g["target_raw"])) == g["actual_raw"]]
    ours = [k for k, v in found.items() if v and k[0] <= 10]
    assert len(correct) / len(linked) >= 0.9
    assert len(correct) / len(ours) >= 0.9
    status = dict(
        con.execute(
            "select target_raw_text, status from fact_target_attainment join dim_bulletin using (bulletin_id) "
            "where task_seq in (3, 9, 17) and source_file = 'zhejiang_jingxin_2020_q3_progress.txt'"
        ).fetchall()
    )
    assert status == {"2700亿元": "met", "3150亿元": "met", "10万台": "on_track", "5万个": "met"}


def test_attainment_of_a_level_target_is_judged_against_the_share_of_the_year(quarters_run):
    con, _ = quarters_run
    rows = con.execute(
        """
        select b.period_label, a.evidence, a.attainment, a.status
        from fact_target_attainment a join dim_bulletin b using (bulletin_id)
        where a.target_raw_text = '4万人' order by b.period_end
        """
    ).fetchall()
    assert rows == [
        ("上半年", "actual", 0.525, "on_track"),
        ("前三季度", "actual", 0.825, "on_track"),
    ]
    statuses = con.execute(
        "select period_label, status from fact_target_attainment join dim_bulletin using (bulletin_id) "
        "where target_raw_text = '60个' order by dim_bulletin.period_end"
    ).fetchall()
    # 18 of 60 at mid-year is behind the pace (0.3 < 0.5); 47 of 60 at Q3 is on track (0.78 >= 0.75)
    assert statuses == [("上半年", "behind"), ("前三季度", "on_track")]


def test_cumulative_figures_line_up_by_quarter(quarters_run):
    con, _ = quarters_run
    rows = con.execute(
        """
        select period_label, raw_text, change_since_previous from fact_metric_timeline
        where series = 'target: 3000个 建成5G基站' order by period_end
        """
    ).fetchall()
    assert rows == [("上半年", "2100个", None), ("前三季度", "3050个", 950.0)]
    periods = con.execute(
        "select period_label, quarter, share_of_year_elapsed from dim_period order by period_end"
    ).fetchall()
    assert periods == [("前三季度", 3, 0.75), ("上半年", 2, 0.5), ("前三季度", 3, 0.75)]


@pytest.mark.parametrize(
    "query", sorted((ROOT / "dbt_project" / "analyses").glob("*.sql")), ids=lambda p: p.stem
)
def test_example_queries_answer(quarters_run, query):
    con, _ = quarters_run
    rows = con.execute(query.read_text(encoding="utf-8")).fetchall()
    assert rows, f"{query.name} returned no rows"


def _readme_example_output() -> dict[str, list[list[str]]]:
    """The rows the README shows under "Output on the seed plus…", by query file."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("Output on the seed plus", 1)[1].split("```", 2)[1]
    shown: dict[str, list[list[str]]] = {}
    query = None
    for line in block.splitlines():
        if line.strip().endswith(".sql"):
            query = line.strip()
            shown[query] = []
        elif line.startswith("│"):
            shown[query].append([cell.strip() for cell in line.strip("│").split("│")])
    return shown


def _row_shows(row: tuple, cells: list[str]) -> bool:
    """The README's cells are the row's values in order (an id may be shortened to …-001)."""
    values = [shown_as(v) for v in row]
    return len(values) == len(cells) and all(
        v == c or (c.startswith("…") and v.endswith(c[1:]))
        for v, c in zip(values, cells, strict=True)
    )


def test_the_readme_shows_what_the_example_queries_return(quarters_run):
    """Every row the README shows under an example query is a row the query returns, in the
    query's order: the documentation cannot drift from the warehouse."""
    con, _ = quarters_run
    shown = _readme_example_output()
    assert len(shown) >= 3
    for query, cells in shown.items():
        rows = con.execute(
            (ROOT / "dbt_project" / "analyses" / query).read_text(encoding="utf-8")
        ).fetchall()
        position = 0
        for expected in cells:
            while position < len(rows) and not _row_shows(rows[position], expected):
                position += 1
            assert position < len(rows), (query, expected, rows)
            position += 1


def test_make_docs_describes_every_mart(quarters_run, tmp_path):
    _, warehouse = quarters_run
    target = tmp_path / "docs"  # a test never writes into the repository
    env = {**os.environ, "BULLETINS_WAREHOUSE": str(warehouse)}
    proc = subprocess.run(
        ["make", "-s", "docs", f"DOCS_DIR={target}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    catalog = json.loads((target / "catalog.json").read_text())
    manifest = json.loads((target / "manifest.json").read_text())
    tables = {node["metadata"]["name"] for node in catalog["nodes"].values()}
    assert {"fact_metric", "fact_target_attainment", "dim_period", "dim_task"} <= tables
    for key, node in manifest["nodes"].items():
        if node["resource_type"] == "model" and node["fqn"][1] == "marts":
            assert node["description"], node["name"]
            described = {name for name, c in node["columns"].items() if c["description"]}
            in_table = {c.lower() for c in catalog["nodes"][key]["columns"]}
            assert in_table <= described, (node["name"], in_table - described)


def test_a_missing_raw_folder_is_a_clear_error(tmp_path):
    missing = tmp_path / "no_such_folder"
    run = run_pipeline(missing, tmp_path / "w.duckdb", tmp_path / "dagster_home")
    assert run.returncode == 2
    assert f"raw bulletin folder {missing} does not exist" in run.stderr
    assert "Traceback" not in run.stderr
    assert not (tmp_path / "w.duckdb").exists()


def test_runs_take_turns_on_a_warehouse(tmp_path):
    """A run waits while another holds the warehouse, and gives up with a clear message."""
    import fcntl

    raw = make_raw_folder(tmp_path / "raw", SEED)
    warehouse = tmp_path / "w.duckdb"
    lock = tmp_path / ".w.lock"
    fd = os.open(lock, os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.write(fd, b"run-holding-it")
        run = run_pipeline(raw, warehouse, tmp_path / "dagster_home", BULLETINS_LOCK_TIMEOUT="1")
    finally:
        os.close(fd)
    assert run.returncode == 1
    assert "another run (run-holding-it) is writing the warehouse" in run.stdout
    assert "waiting for run run-holding-it to finish" in run.stdout
    assert not warehouse.exists() and not build_files(warehouse)
