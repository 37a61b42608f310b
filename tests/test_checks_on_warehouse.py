"""Each Great Expectations check's SQL, run on a real warehouse: it passes on the seed's (warnings
aside), and a row that breaks its rule makes it fail and shows that row."""

import shutil

import duckdb
import pytest

from pipelines.lib.quality_suites import CHECKS, run_check
from pipelines.lib.warehouse import MARTS

from .conftest import FIXTURES, SEED, make_raw_folder, run_in_process

pytestmark = pytest.mark.e2e  # builds a warehouse with the pipeline

BY_NAME = {c.name: c for c in CHECKS}

# check -> (SQL that breaks its rule in a copy of the warehouse, text the failing rows show). A
# mart that is a view (dim_bulletin, fact_metric, fact_task_progress) is broken in the parsed rows
# it shows, a mart that is a table in its own rows.
BREAKS = {
    "identities_hold": (
        "update fact_metric_identity set holds = false, parts_sum = parts_sum - 3 "
        "where whole_raw_text = '156家'",
        "156家",
    ),
    "subset_lists_are_not_near_misses": (
        "update fact_metric_identity set is_near_miss = true where whole_raw_text = '83家'",
        "83家",
    ),
    "figure_spans_match_body_text": (
        "update parsed.figures set char_start = char_start + 1 where raw_text = '1528家'",
        "1528家",
    ),
    "figures_belong_to_a_task_of_their_bulletin": (
        "update parsed.figures set task_seq = 99 where raw_text = '1528家'",
        "1528家",
    ),
    "units_are_known": (
        "update parsed.figures set base_unit = '斤' where raw_text = '1528家'",
        "1528家",
    ),
    "base_values_are_value_times_scale": (
        "update parsed.figures set base_value = base_value * 10 where raw_text = '5.4万个'",
        "5.4万个",
    ),
    "percentages_are_plausible": (
        "update parsed.figures set value = 5000 where raw_text = '12.7%'",
        "12.7%",
    ),
    "bulletins_have_tasks": ("update parsed.bulletins set n_tasks = 0", "zhejiang"),
    "tasks_have_progress": (
        "update parsed.tasks set progress_text = null where task_seq = 1",
        "稳企业",
    ),
    "tasks_have_figures": ("delete from parsed.figures where task_seq = 1", "稳企业"),
    "text_months_within_title_period": (
        "update parsed.figures set period_label = '1-11月' where raw_text = '12.7%'",
        "前三季度",
    ),
    "cumulative_figures_do_not_fall": None,  # needs two quarters: tested in test_pipeline
    "no_rejected_files": (
        "insert into rejected_files values ('bad.txt', 'x', 'read', 'the file is empty')",
        "bad.txt",
    ),
}


@pytest.fixture(scope="module")
def seed_warehouse(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("checks")
    raw = make_raw_folder(tmp / "raw", SEED, FIXTURES / "s1_city_2021_q1_progress.txt")
    warehouse = tmp / "warehouse.duckdb"
    assert run_in_process(raw, warehouse).success
    return warehouse


def test_every_check_has_a_row_that_breaks_it():
    assert set(BREAKS) == set(BY_NAME)


@pytest.mark.parametrize("name", sorted(n for n, b in BREAKS.items() if b))
def test_a_row_that_breaks_the_rule_fails_the_check(name, seed_warehouse, tmp_path):
    check = BY_NAME[name]
    copy = tmp_path / "w.duckdb"
    shutil.copy(seed_warehouse, copy)
    with duckdb.connect(str(copy)) as con:
        before = run_check(check, con.execute(check.sql).df())
        breaking, shown = BREAKS[name]
        con.execute(breaking)
        after = run_check(check, con.execute(check.sql).df())
    if check.severity == "error":
        assert before.passed, before.failures
    assert not after.passed
    assert after.failed_rows > before.failed_rows
    assert shown in after.failures.to_string()


def test_the_marts_read_the_same_from_a_copy_and_under_another_name(seed_warehouse, tmp_path):
    """The marts keyed by bulletin and the staging layer are views: they read from the file they
    are in, whether it is a copy with another name or attached under an alias."""
    copy = tmp_path / "my_copy.duckdb"
    shutil.copy(seed_warehouse, copy)
    with duckdb.connect(str(seed_warehouse), read_only=True) as con:
        views = con.execute("select view_name from duckdb_views() where not internal").fetchall()
        expected = {m: con.execute(f"select * from {m} order by all").fetchall() for m in MARTS}
    assert {"dim_bulletin", "fact_metric", "stg_figures"} <= {v for (v,) in views}
    with duckdb.connect(str(copy), read_only=True) as con:
        assert {m: con.execute(f"select * from {m} order by all").fetchall() for m in MARTS} == (
            expected
        )
    with duckdb.connect() as con:
        con.execute(f"attach '{seed_warehouse}' as analyst (read_only)")
        assert {
            m: con.execute(f"select * from analyst.main.{m} order by all").fetchall() for m in MARTS
        } == expected
    assert expected["fact_metric"]  # there is something to compare
