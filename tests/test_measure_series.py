"""fact_measure_series on invented bulletins: the view's SQL (dbt_project/models/marts/
fact_measure_series.sql) run by DuckDB on the parser's rows, without a pipeline run. It adds exactly
the reported quantities (role 'actual' or 'breakdown_whole'): a lone part after 其中, the size of a
set and a figure restated in a second task are not added; a rate of change carries its sign."""

import re

import duckdb
import pytest

from pipelines.lib.parsing import parse_bytes
from pipelines.lib.parsing.meaning.measures import catalog

from .conftest import ROOT

MODEL = ROOT / "dbt_project" / "models" / "marts" / "fact_measure_series.sql"


def _sql() -> str:
    text = MODEL.read_text(encoding="utf-8")
    text = re.sub(r"\{\{\s*config\(.*?\)\s*\}\}", "", text)
    return re.sub(r"\{\{\s*ref\('(\w+)'\)\s*\}\}", r"\1", text)


def _bulletin(con, title: str, body: str, issuer: str = "南湖区人民政府") -> None:
    parsed = parse_bytes((title + "\n\n" + body).encode(), "")
    con.execute(
        "insert into dim_bulletin values (?, ?, ?, ?, ?)",
        [parsed.bulletin_id, parsed.year, parsed.period_label, parsed.period_end, parsed.body_text],
    )
    for pf, m in zip(parsed.figures, parsed.meanings, strict=True):
        f = pf.figure
        con.execute(
            "insert into fact_metric values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                issuer,
                parsed.bulletin_id,
                f.raw_text,
                f.base_value,
                f.base_unit,
                f.direction,
                f.char_start,
                m.role,
                m.measure_id,
                pf.task_seq,
            ],
        )


@pytest.fixture
def series():
    con = duckdb.connect()
    con.execute(
        "create table dim_bulletin (bulletin_id varchar, year int, period_label varchar, "
        "period_end date, body_text varchar)"
    )
    con.execute(
        "create table fact_metric (issuer varchar, bulletin_id varchar, raw_text varchar, "
        "base_value double, base_unit varchar, direction varchar, char_start int, role varchar, "
        "measure_id varchar, task_seq int)"
    )
    con.execute("create table dim_measure (measure_id varchar, name varchar, measure_type varchar)")
    con.executemany(
        "insert into dim_measure values (?, ?, ?)",
        [(m.measure_id, m.name, m.measure_type) for m in catalog()],
    )
    _bulletin(
        con,
        "南湖区2023年重点工作一季度推进情况通报",
        "1.数字基建。截至3月底,全区累计建成5G基站650个,其中一季度新建5G基站90个。\n\n"
        "2.财政收支。一季度一般公共预算收入同比下降2.3%。\n\n"
        "3.项目建设。全区80个市级重点项目已开工41个。\n\n"
        "4.智慧城市。截至3月底,全区累计建成5G基站650个。\n",
    )
    _bulletin(
        con,
        "南湖区2023年重点工作上半年推进情况通报",
        "1.数字基建。截至6月底,全区累计建成5G基站860个,其中二季度新建5G基站210个。\n\n"
        "2.财政收支。上半年一般公共预算收入同比增长1.2%。\n\n"
        "3.项目建设。全区80个市级重点项目已开工57个。\n\n"
        "4.就业。城镇登记失业率下降到2.6%。\n",
    )
    con.execute(f"create view fact_measure_series as {_sql()}")

    def rows(measure_id: str) -> list[tuple]:
        return con.execute(
            "select period_label, n_values, cumulative_value, period_value "
            "from fact_measure_series where measure_id = ? order by period_end",
            [measure_id],
        ).fetchall()

    yield rows
    con.close()


def test_a_stock_and_the_flow_detailing_it_are_not_added_nor_a_restatement(series):
    # 650 stated in tasks 1 and 4, with 90 new after 其中: 650, not 650 + 90 + 650
    assert series("base_stations_5g") == [("一季度", 1, 650.0, None), ("上半年", 1, 860.0, 210.0)]


def test_the_size_of_a_set_is_not_added_to_what_is_counted_in_it(series):
    assert series("key_projects_started") == [("一季度", 1, 41.0, 41.0), ("上半年", 1, 57.0, 16.0)]
    assert series("key_projects") == []  # 80个 is the set's size (scope): no reported quantity


def test_a_rate_of_change_carries_the_sign_of_its_direction(series):
    assert series("general_budget_revenue_growth") == [
        ("一季度", 1, -2.3, None),
        ("上半年", 1, 1.2, None),
    ]
    # a rate reached (下降到2.6%: direction decrease) is the rate, not a change
    assert series("registered_unemployment_rate") == [("上半年", 1, 2.6, None)]
