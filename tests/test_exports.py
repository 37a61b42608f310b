"""The exports read back equal to the published marts: Parquet and CSV row for row (pandas reads
the Parquet), the workbook cell for cell (numbers as numbers, each with its number format, counts
and money also in the unit each bulletin stated), and its sheet of columns describing every
column."""

import shutil

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from pipelines.lib import dbt_manifest
from pipelines.lib.exports import (
    COLUMNS_SHEET,
    EXCEL_CELL_LIMIT,
    WORKBOOK,
    _cell,
    export_marts,
    header,
    sheet_name,
)
from pipelines.lib.exports_format import STATED_UNITS, number_format, text_width
from pipelines.lib.warehouse import MARTS

pytestmark = pytest.mark.e2e  # runs the pipeline: not in make check


@pytest.fixture(scope="module")
def exported(quarters_run, tmp_path_factory):
    """The exports of the seed and the quarterly fixtures' run (conftest's, shared)."""
    con, warehouse = quarters_run
    folder = tmp_path_factory.mktemp("exports")
    result = export_marts(warehouse, folder, dbt_manifest.PREPARED / "manifest.json")
    return con, folder, result


@pytest.mark.parametrize("mart", MARTS)
def test_parquet_and_csv_read_back_equal_to_the_mart(exported, mart):
    con, folder, _ = exported
    mart_rows = con.execute(f"select * from main.{mart} order by all").fetchall()
    parquet = con.execute(
        f"select * from read_parquet('{folder / 'parquet' / f'{mart}.parquet'}') order by all"
    ).fetchall()
    assert parquet == mart_rows
    columns = [d[0] for d in con.execute(f"select * from main.{mart} limit 0").description]
    as_text = ", ".join(f'"{c}"::varchar' for c in columns)
    csv_path = folder / "csv" / f"{mart}.csv"
    csv = con.execute(
        f"select {as_text} from read_csv('{csv_path}', header = true, all_varchar = true, "
        "auto_detect = false, columns = $columns) order by all",
        {"columns": {c: "VARCHAR" for c in columns}},
    ).fetchall()
    mart_text = con.execute(f"select {as_text} from main.{mart} order by all").fetchall()
    assert csv == mart_text


def test_the_workbook_holds_every_mart_as_a_sheet_of_numbers(exported):
    con, folder, result = exported
    book = load_workbook(folder / WORKBOOK, read_only=True)
    assert book.sheetnames == [sheet_name(m) for m in MARTS] + [COLUMNS_SHEET]
    for mart in MARTS:
        cursor = con.execute(f"select * from main.{mart}")
        columns = [d[0] for d in cursor.description]
        rows = [[_cell(v) for v in row] for row in cursor.fetchall()]
        sheet = list(book[sheet_name(mart)].iter_rows(values_only=True))
        shown = list(sheet[0])
        assert shown[: len(columns)] == [header(c) for c in columns], mart
        # a row's empty cells at its end are not stored
        body = [(list(r) + [None] * len(columns))[: len(columns)] for r in sheet[1:]]
        assert len(body) == len(rows) == result.rows[mart], mart
        # views have no order: both sides sorted, each cell as a comparable text
        assert sorted(map(_comparable, body)) == sorted(map(_comparable, rows)), mart
        for got in body:  # numbers as numbers
            for g, c in zip(got, columns, strict=True):
                if c in ("value", "base_value", "cumulative_value") and g is not None:
                    assert isinstance(g, int | float), (mart, c, g)
    # Chinese headers with the column names beside them
    metric_header = next(book[sheet_name("fact_metric")].iter_rows(values_only=True))
    assert "数值(公报单位) value" in metric_header and "数据角色 role" in metric_header


def _comparable(row) -> list[str]:
    out = []
    for v in row:
        if isinstance(v, bool) or v is None:
            out.append(repr(v))
        elif isinstance(v, int | float):
            out.append(f"{float(v):.9g}")
        elif hasattr(v, "year"):
            out.append(f"{v.year:04d}-{v.month:02d}-{v.day:02d}")
        else:
            out.append(str(v))
    return out


def test_money_is_in_the_unit_the_bulletins_state(exported):
    _, folder, _ = exported
    book = load_workbook(folder / WORKBOOK, read_only=True)
    rows = list(book[sheet_name("fact_metric")].iter_rows(values_only=True))
    head = [h.split()[-1] for h in rows[0]]
    burden = [
        dict(zip(head, r, strict=True)) for r in rows[1:] if r[head.index("raw_text")] == "3252亿元"
    ]
    assert [(r["value"], r["unit"], r["base_value"]) for r in burden] == [(3252, "亿元", 3.252e11)]
    series = _records(book, "fact_measure_series")
    jobs = [r for r in series if r["measure_id"] == "urban_new_jobs"]
    assert {(r["cumulative_value_display"], r["display_unit"]) for r in jobs} == {
        (2.1, "万人"),
        (3.3, "万人"),
    }


def _records(book, mart: str) -> list[dict]:
    rows = list(book[sheet_name(mart)].iter_rows(values_only=True))
    head = [h.split()[-1] for h in rows[0]]
    return [
        dict(zip(head, (list(r) + [None] * len(head))[: len(head)], strict=True)) for r in rows[1:]
    ]


def test_counts_and_money_are_shown_in_the_unit_each_bulletin_stated(exported):
    """The seed's 5.4万个 in 万个, the city's 2100个 in 个 (never 0.21 万个), 83.2万元/亩 in
    万元/亩 (not 832000 元/亩), 3252亿元 in 亿元; the mart's own columns stay in base units."""
    _, folder, _ = exported
    book = load_workbook(folder / WORKBOOK, read_only=True)
    shown = {
        (r["issuer"], r["measure_id"], r["period_end"].date().isoformat()): (
            r["cumulative_value"],
            r["cumulative_value_display"],
            r["period_value_display"],
            r["display_unit"],
        )
        for r in _records(book, "fact_measure_series")
    }
    assert shown[(None, "base_stations_5g", "2020-09-30")] == (54000, 5.4, None, "万个")
    assert shown[("示例市人民政府", "base_stations_5g", "2023-06-30")] == (2100, 2100, None, "个")
    assert shown[("示例市人民政府", "base_stations_5g", "2023-09-30")] == (3050, 3050, 950, "个")
    assert shown[(None, "label:亩均增加值[元/亩]", "2020-09-30")] == (832000, 83.2, None, "万元/亩")
    assert shown[(None, "burden_reduction", "2020-09-30")][1:] == (3252, 3252, "亿元")
    # a target and its actual in one unit, the smaller of the two they were stated in
    attained = {
        r["evidence_raw_text"]: (r["target_base_value_display"], r["actual_base_value_display"])
        + (r["display_unit"],)
        for r in _records(book, "fact_target_attainment")
    }
    assert attained["2100个"] == (3000, 2100, "个")
    assert attained["2.1万人"] == (4, 2.1, "万人")
    identity = {r["whole_raw_text"]: r for r in _records(book, "fact_metric_identity")}
    assert (identity["3252亿元"]["whole_value_display"], identity["3252亿元"]["display_unit"]) == (
        3252,
        "亿元",
    )


@pytest.mark.parametrize("mart", sorted(STATED_UNITS))
def test_a_value_shown_in_its_stated_unit_equals_the_marts(exported, mart):
    """Every *_display value times its unit's scale is the mart's value in base units."""
    con, folder, _ = exported
    book = load_workbook(folder / WORKBOOK, read_only=True)
    scales = dict(con.execute("select distinct unit, scale from main.fact_metric").fetchall())
    records = _records(book, mart)
    assert records, mart
    for r in records:
        for column in STATED_UNITS[mart][2]:
            base, shown = r[column], r[column + "_display"]
            assert (base is None) == (shown is None), (mart, column, r)
            if base is not None:
                scale = scales.get(r["display_unit"], 1.0)
                assert shown * scale == pytest.approx(base, rel=1e-12, abs=1e-9), (mart, r)


def test_every_number_has_an_explicit_format_and_every_sheet_a_frozen_filtered_header(exported):
    _, folder, _ = exported
    book = load_workbook(folder / WORKBOOK)  # not read-only: panes, filters and widths
    for mart in MARTS:
        sheet = book[sheet_name(mart)]
        assert sheet.freeze_panes == "A2", mart
        assert sheet.auto_filter.ref == f"A1:{get_column_letter(sheet.max_column)}{sheet.max_row}"
        heads = [c.value for c in sheet[1]]
        for i, head in enumerate(heads, start=1):
            width = sheet.column_dimensions[get_column_letter(i)].width
            assert width >= text_width(head), (mart, head, width)  # Chinese characters count two
        for row in sheet.iter_rows(min_row=2):
            for head, cell in zip(heads, row, strict=True):
                if isinstance(cell.value, int | float) and not isinstance(cell.value, bool):
                    assert cell.number_format != "General", (mart, head, cell.value)
                    assert "E" not in cell.number_format, (mart, head, cell.number_format)
    metric = {c.value.split()[-1]: i for i, c in enumerate(book[sheet_name("fact_metric")][1])}
    burden = next(
        r
        for r in book[sheet_name("fact_metric")].iter_rows(min_row=2)
        if r[metric["raw_text"]].value == "3252亿元"
    )
    assert burden[metric["base_value"]].value == 325200000000
    assert burden[metric["base_value"]].number_format == "#,##0"  # 325,200,000,000
    assert burden[metric["value"]].number_format == "#,##0"
    assert burden[metric["year"] if "year" in metric else metric["task_seq"]].number_format == "0"
    assert number_format("value", 2.1) == "#,##0.0"
    assert number_format("cumulative_value_display", 0.21) == "#,##0.00"
    assert number_format("year", 2023) == "0"
    assert number_format("n_tasks", 12567) == "#,##0"
    assert number_format("base_value", 1.2567e12) == "#,##0"
    assert number_format("attainment", 0.525) == "0.0%"


def test_a_sheet_describes_every_column_from_the_dbt_docs(exported):
    _, folder, _ = exported
    book = load_workbook(folder / WORKBOOK)
    sheet = book[COLUMNS_SHEET]
    rows = list(sheet.iter_rows(values_only=True))
    head = [h.split()[-1] for h in rows[0]]
    # the header as the sheet shows it and its Chinese name right beside the description
    assert head == ["sheet", "mart", "column", "header", "column_zh", "description", "mart_doc"]
    described = [dict(zip(head, r, strict=True)) for r in rows[1:]]
    assert {d["mart"] for d in described} == set(MARTS)
    for d in described:
        assert d["description"], d  # the dbt docs, in English
        assert d["column_zh"], d  # every column has a Chinese header
        assert d["header"] == header(d["column"]), d
    value = next(d for d in described if d["mart"] == "fact_metric" and d["column"] == "value")
    assert value["header"] == "数值(公报单位) value"
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == f"A1:G{len(rows)}"
    assert sheet["F2"].alignment.wrap_text  # descriptions wrap
    assert sheet.column_dimensions["F"].width >= 60


def test_pandas_reads_the_parquet_files(exported):
    """pyarrow is among the locked dependencies: pandas.read_parquet works in .venv."""
    import pandas as pd

    con, folder, _ = exported
    frame = pd.read_parquet(folder / "parquet" / "fact_metric.parquet")
    mart = con.execute("select * from main.fact_metric").df()
    assert list(frame.columns) == list(mart.columns)
    assert len(frame) == len(mart)
    burden = frame.loc[frame["raw_text"] == "3252亿元", ["value", "unit", "base_value"]]
    assert burden.values.tolist() == [[3252.0, "亿元", 3.252e11]]


def test_a_text_longer_than_a_cell_is_cut_in_the_workbook_only():
    assert len(_cell("字" * (EXCEL_CELL_LIMIT + 10))) == EXCEL_CELL_LIMIT
    assert _cell("a\x01b") == "ab"
    assert _cell([1, 2]) == "1, 2"


def test_the_exports_asset_writes_beside_the_published_warehouse(exported, tmp_path):
    """warehouse/exports, downstream of warehouse/published, run on its own (export_job)."""
    import dagster as dg

    from pipelines.defs.publish.assets import exported_marts
    from pipelines.defs.resources import WarehouseResource

    con, folder, _ = exported
    (path,) = [r[2] for r in con.execute("pragma database_list").fetchall() if r[1] == "warehouse"]
    copy = tmp_path / "warehouse.duckdb"
    shutil.copy(path, copy)
    result = dg.materialize(
        [exported_marts], resources={"warehouse": WarehouseResource(path=str(copy))}
    )
    assert result.success
    assert (tmp_path / "exports" / WORKBOOK).exists()
    assert (tmp_path / "exports" / "parquet" / "fact_metric.parquet").exists()
