"""The report's one query module and its display units, on small in-memory marts (no pipeline run).

Roles, measures, issuers and sentences are read from fact_metric and dim_measure as the dbt project
builds them.
"""

import duckdb
import pytest

from pipelines.lib.report import display, queries

MARTS = """
create table dim_bulletin as select * from (values
    ('b', 'b.txt', '2020年前三季度完成情况', 2020, '前三季度', date '2020-09-30',
     null::date, null::varchar, 'progress', 'table', 1,
     '建成5G基站5万个。累计建成交付5G基站超过5.4万个。共为企业减负降本3252亿元,其中减税1740亿元、'
     || '减费1512亿元。提前完成"全年减负3150亿元"的目标任务,完成全年目标的52%。')
) t(bulletin_id, source_file, title, year, period_label, period_end, published_at, issuer, kind,
    layout, n_tasks, body_text);
create table fact_metric as select * from (values
    ('b-1', 'b', 't', 1, null, 'task', '5万个', 5.0, '万个', 5e4, '个', null, null, 'count',
     '建成5G基站', null, 6, 9),
    ('b-2', 'b', 't', 1, 1, 'progress', '5.4万个', 5.4, '万个', 5.4e4, '个', 'more_than', null,
     'count', '建成交付5G基站', null, 20, 25),
    ('b-3', 'b', 't', 1, 1, 'progress', '3252亿元', 3252.0, '亿元', 3.252e11, '元', null, null,
     'amount', '企业减负降本', null, 32, 38),
    ('b-4', 'b', 't', 1, 1, 'progress', '1740亿元', 1740.0, '亿元', 1.74e11, '元', null, null,
     'amount', '减税', null, 43, 49),
    ('b-5', 'b', 't', 1, 1, 'progress', '1512亿元', 1512.0, '亿元', 1.512e11, '元', null, null,
     'amount', '减费', null, 52, 58),
    ('b-6', 'b', 't', 1, 1, 'progress', '3150亿元', 3150.0, '亿元', 3.15e11, '元', null, null,
     'amount', '减负', null, 66, 72),
    ('b-7', 'b', 't', 1, 1, 'progress', '52%', 52.0, '%', 52.0, '%', null, null,
     'completion_ratio', '完成全年目标', null, 85, 88)
) t(metric_id, bulletin_id, task_id, task_seq, item_no, section, raw_text, value, unit,
    base_value, base_unit, qualifier, direction, metric_kind, label, period_label, char_start,
    char_end);
create table fact_metric_identity as select 'b-001' as identity_id, 'b' as bulletin_id,
    1 as task_seq, 'b-3' as whole_metric_id, ['b-4', 'b-5'] as part_metric_ids,
    '3252亿元' as whole_raw_text, '元' as base_unit, 3.252e11 as whole_value,
    3.252e11 as parts_sum, 0.0 as difference, 'equals' as relation, 'breakdown' as rule,
    true as holds, false as is_near_miss;
create table fact_target_attainment as select 'b-6' as target_metric_id, 'progress' as target_section;
create table dim_task as select 't' as task_id, '建成5G基站5万个' as task_title;
"""


@pytest.fixture
def con():
    con = duckdb.connect()
    con.execute(MARTS)
    yield con
    con.close()


def test_roles_and_measures_are_read_from_the_marts_that_have_them(con):
    """Once fact_metric has role, measure_id, issuer and sentence and dim_measure exists (issue 24),
    the same query reads them."""
    con.execute("""
        alter table fact_metric add column role varchar;
        alter table fact_metric add column measure_id varchar;
        alter table fact_metric add column issuer varchar;
        alter table fact_metric add column sentence varchar;
        alter table fact_metric add column subject varchar;
        update fact_metric set role = 'benchmark', measure_id = 'base_stations_5g',
            issuer = '某市人民政府', sentence = '一句话。', subject = '5G基站';
        create table dim_measure as
            select 'base_stations_5g' as measure_id, '5G基站' as name, 'level' as measure_type;
    """)
    figures = queries.figures(con)
    assert {f["role"] for f in figures} == {"benchmark"}
    assert {f["measure"] for f in figures} == {"5G基站"}
    assert {f["issuer"] for f in figures} == {"某市人民政府"}
    assert {f["sentence"] for f in figures} == {"一句话。"}
    assert {f["subject"] for f in figures} == {"5G基站"}
    figure = next(f for f in figures if f["raw_text"] == "1740亿元")
    (breakdown,) = figure["breakdowns"]
    assert breakdown["as"] == "part" and breakdown["parts"] == ["1740亿元", "1512亿元"]


@pytest.mark.parametrize(
    ("base_value", "base_unit", "qualifier", "shown"),
    [
        (3.252e11, "元", None, "3252亿元"),
        (54000.0, "个", "more_than", "超过5.4万个"),
        (3000.0, "个", None, "3000个"),
        (4.1e6, "元", "approx", "约410万元"),
        (52.3, "%", None, "52.3%"),
        (0.8, "百分点", None, "0.8个百分点"),
        (None, "个", None, ""),
    ],
)
def test_values_are_shown_in_display_units_with_their_qualifier(
    base_value, base_unit, qualifier, shown
):
    assert display.amount(base_value, base_unit, qualifier) == shown


def test_a_figure_keeps_its_text_and_gains_a_qualifier_it_does_not_state():
    assert display.figure("5.4万个", "more_than") == "超过5.4万个"
    assert display.figure("4000多万台", "more_than") == "4000多万台"
    assert display.figure("5.5%", "less_than") == "不到5.5%"
    assert display.percent(1.08) == "108.0%"


def test_a_period_without_one_value_is_left_out_of_the_series():
    """fact_measure_series has no value for a period stating several rates of a measure: the report
    charts and tabulates the other periods and does not fail."""
    from pipelines.lib.report.site import _series

    rows = [
        {
            "issuer": "东澜市人民政府",
            "measure_id": "gdp_growth",
            "base_unit": "%",
            "base_value": v,
            "period_end": d,
            "measure": "地区生产总值增速",
            "is_catalog": True,
            "task_title": None,
            "period_label": label,
            "change_since_previous": None,
            "raw_text": None,
            "year": 2021,
            "bulletin_id": b,
        }
        for v, d, label, b in [
            (None, "2021-03-31", "一季度", "b1"),
            (6.1, "2021-06-30", "上半年", "b2"),
            (6.4, "2021-09-30", "前三季度", "b3"),
        ]
    ]
    charts, table = _series(rows)
    assert [[p["value"] for p in c["points"]] for c in charts] == [[6.1, 6.4]]
    assert [r["review"] for r in table] == ["review/b2.html", "review/b3.html"]
