"""The exports read back equal to the published marts: Parquet and CSV row for row, the workbook
cell for cell (numbers as numbers), and its sheet of columns describing every column."""

import shutil

import duckdb
import pytest
from openpyxl import load_workbook

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
from pipelines.lib.warehouse import MARTS

from .conftest import FIXTURES, SEED, run_in_process

pytestmark = pytest.mark.e2e  # runs the pipeline: not in make check


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("exports")
    raw = tmp / "raw"
    shutil.copytree(FIXTURES / "quarters", raw)
    shutil.copy(SEED, raw / SEED.name)
    warehouse = tmp / "warehouse.duckdb"
    assert run_in_process(raw, warehouse).success
    folder = tmp / "exports"
    result = export_marts(warehouse, folder, dbt_manifest.PREPARED / "manifest.json")
    con = duckdb.connect(str(warehouse), read_only=True)
    yield con, folder, result
    con.close()


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
    series = list(book[sheet_name("fact_measure_series")].iter_rows(values_only=True))
    head = [h.split()[-1] for h in series[0]]
    jobs = [
        dict(zip(head, r, strict=True))
        for r in series[1:]
        if r[head.index("measure_id")] == "urban_new_jobs"
    ]
    assert {(r["cumulative_value_display"], r["display_unit"]) for r in jobs} == {
        (2.1, "万人"),
        (3.3, "万人"),
    }


def test_a_sheet_describes_every_column_from_the_dbt_docs(exported):
    _, folder, _ = exported
    book = load_workbook(folder / WORKBOOK, read_only=True)
    rows = list(book[COLUMNS_SHEET].iter_rows(values_only=True))
    head = [h.split()[-1] for h in rows[0]]
    described = [dict(zip(head, r, strict=True)) for r in rows[1:]]
    assert {d["mart"] for d in described} == set(MARTS)
    for d in described:
        assert d["description"], d
        assert d["column_zh"], d  # every column has a Chinese header


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
