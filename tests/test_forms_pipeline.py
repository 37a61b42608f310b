"""End to end on the forms beyond numbered tables: what analysts find in the warehouse."""

import dagster as dg
import duckdb
import pytest

from pipelines.lib.settings import build_files

from .conftest import FIXTURES, make_raw_folder, run_in_process

pytestmark = pytest.mark.e2e  # runs the pipeline (or a browser): not in make check

Q1_PAGE = """<html><head><title>2023年重点工作一季度推进情况 - 青山县人民政府</title></head><body>
<h1>2023年重点工作一季度推进情况</h1><div>发布日期:2023-04-20</div>
<table><tr><td>序号</td><td>工作事项</td><td>进展情况</td><td>推进状态</td></tr>
<tr><td>1</td><td>城镇登记失业率不超过4%。</td><td>一季度城镇登记失业率3.1%。</td><td>顺利推进</td></tr>
<tr><td>2</td><td>新建学校3所。</td><td>已开工1所。</td><td>序时推进</td></tr>
<tr><td>3</td><td>新增就业1万人。</td><td>新增就业2100人。</td><td>滞后</td></tr>
</table></body></html>"""

# the same issuer's next bulletin, as a text dump that names no issuer
H1_TEXT = """2023年重点工作上半年推进情况

发布日期:2023-07-20

| 序号 | 工作事项 | 进展情况 | 推进状态 |
| 1 | 城镇登记失业率不超过4%。 | 上半年城镇登记失业率3.3%。 | 顺利推进 |
| 2 | 新建学校3所。 | 已开工3所。 | 序时推进 |
| 3 | 新增就业1万人。 | 新增就业5400人。 | 序时推进 |
"""


@pytest.fixture(scope="module")
def forms_run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("forms")
    raw = make_raw_folder(
        tmp / "raw",
        FIXTURES / "s13_tallies_2022_h1_progress.txt",
        FIXTURES / "cms_prose_page_2021_semiannual.html",
        extra={"county_2023_q1.html": Q1_PAGE.encode(), "county_2023_h1.txt": H1_TEXT.encode()},
    )
    warehouse = tmp / "warehouse.duckdb"
    result = run_in_process(raw, warehouse)
    path = warehouse if warehouse.exists() else build_files(warehouse)[0]
    con = duckdb.connect(str(path), read_only=True)
    yield result, con
    con.close()


def test_prose_and_table_bulletins_load_with_their_metadata(forms_run):
    result, con = forms_run
    assert result.success
    rows = con.execute(
        "select source_file, layout, source_format, issuer, period_label, n_tasks "
        "from dim_bulletin order by source_file"
    ).fetchall()
    assert rows == [
        ("cms_prose_page_2021_semiannual.html", "prose", "html", "榆川市人民政府", "上半年", 7),
        ("county_2023_h1.txt", "table", "text", "青山县人民政府", "上半年", 3),
        ("county_2023_q1.html", "table", "html", "青山县人民政府", "一季度", 3),
        ("s13_tallies_2022_h1_progress.txt", "prose", "text", "澄岭县人民政府", "上半年", 14),
    ]


def test_a_status_column_is_the_status_of_each_task(forms_run):
    _, con = forms_run
    rows = con.execute(
        "select p.task_seq, p.status, p.progress_text from fact_task_progress p "
        "join dim_bulletin b using (bulletin_id) where b.source_file = 'county_2023_q1.html' "
        "order by 1"
    ).fetchall()
    assert [(seq, status) for seq, status, _ in rows] == [
        (1, "顺利推进"),
        (2, "序时推进"),
        (3, "滞后"),
    ]
    assert all("推进" not in text and "滞后" not in text for _, _, text in rows)


def test_a_bulletin_naming_no_issuer_keeps_the_task_ids_of_its_issuer(forms_run):
    _, con = forms_run
    tasks = con.execute(
        "select issuer, n_bulletins from dim_task where year = 2023 order by task_title"
    ).fetchall()
    assert tasks == [("青山县人民政府", 2)] * 3


def test_an_at_most_target_below_its_ceiling_is_met(forms_run):
    _, con = forms_run
    rows = con.execute(
        "select a.target_raw_text, a.target_qualifier, a.evidence_raw_text, a.status "
        "from fact_target_attainment a join dim_bulletin b using (bulletin_id) "
        "where b.source_file = 'county_2023_h1.txt' and a.task_seq = 1"
    ).fetchall()
    assert rows == [("4%", "at_most", "3.3%", "met")]


def test_a_subset_list_that_nearly_adds_up_is_a_warning_with_whole_sum_and_difference(forms_run):
    result, _ = forms_run
    (evaluation,) = [
        e
        for e in result.get_asset_check_evaluations()
        if e.check_name == "subset_lists_are_not_near_misses"
    ]
    assert not evaluation.passed
    assert evaluation.severity == dg.AssetCheckSeverity.WARN
    assert evaluation.metadata["failed_rows"].value == 1
    table = evaluation.metadata["failing_rows"].value
    assert "42.6亿元" in table and "25.8亿元 + 16.6亿元" in table and "20000000" in table
    blocking = [
        e for e in result.get_asset_check_evaluations() if e.check_name == "identities_hold"
    ]
    assert blocking[0].passed  # an at_most list below its whole still holds


def test_tallies_and_headline_figures_are_figures_of_their_own_task(forms_run):
    _, con = forms_run
    rows = con.execute(
        "select m.raw_text from fact_metric m join dim_bulletin b using (bulletin_id) "
        "where b.source_file = 's13_tallies_2022_h1_progress.txt' and m.task_seq = 1 "
        "order by m.char_start"
    ).fetchall()
    assert [r[0] for r in rows][-2:] == ["17个", "7.7%"]
