"""The published marts written out for people who do not use SQL: Parquet and CSV (DuckDB's own
COPY, no extension), and an Excel workbook written by openpyxl.

The workbook has one sheet per mart, a bold header row in Chinese with each column's name beside
it (``指标值 value``), frozen and filtered, in columns sized to fit it; numbers as numbers, each with
an explicit number format, and dates as dates. Money and counts are shown as the bulletins state
them: fact_metric's value and unit as written (3252 亿元, 2100 个), and the marts holding base units
(元, 个) add those columns again in the unit their bulletins stated (``*_display`` and
``display_unit``, exports_format). The sheet 列说明 describes every column from the dbt docs (the
manifest), with each column's header and Chinese name beside its description. Excel holds at most 32,767 characters a cell: a longer text (a bulletin's
body) is cut there in the workbook only, with … at its end, and a sheet holds at most 1,048,575
rows (the rest of a longer mart is in its Parquet and CSV files, which hold everything).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import duckdb

from pipelines.lib.exports_format import (
    DISPLAY_SUFFIX,
    column_width,
    display_value,
    number_format,
    workbook_query,
)
from pipelines.lib.warehouse import MARTS

EXCEL_CELL_LIMIT = 32767
EXCEL_ROW_LIMIT = 1_048_576  # a sheet's rows, its header included
WORKBOOK = "bulletins.xlsx"
COLUMNS_SHEET = "列说明"
# control characters Excel refuses in a cell (openpyxl's ILLEGAL_CHARACTERS_RE)
_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")

HEADERS_ZH = {
    "actual_base_value": "实际值(基本单位)",
    "actual_metric_id": "实际数编号",
    "attainment": "完成程度",
    "base_unit": "基本单位",
    "base_units": "可用基本单位",
    "base_value": "数值(基本单位)",
    "body_text": "正文",
    "bulletin_id": "通报编号",
    "change_since_previous": "较上期变化",
    "char_end": "结束位置",
    "char_start": "起始位置",
    "check_name": "检查",
    "checked_at": "检查时间",
    "completion_ratio_metric_id": "完成比例编号",
    "content_sha256": "内容哈希",
    "cumulative_value": "累计值(基本单位)",
    "difference": "差额",
    "direction": "增减方向",
    "display_unit": "公报单位",
    "duplicate_files": "重复文件",
    "encoding": "编码",
    "evidence": "依据",
    "evidence_raw_text": "依据原文",
    "exception": "例外说明",
    "failure": "未通过内容",
    "group_label": "分组",
    "holds": "是否成立",
    "identity_id": "分解编号",
    "is_cumulative": "是否累计",
    "is_full_year": "是否全年",
    "is_near_miss": "是否接近",
    "issuer": "发布单位",
    "item_no": "条目序号",
    "kind": "类型",
    "label": "指标名称",
    "label_similarity": "名称相似度",
    "layout": "版式",
    "measure_id": "度量编号",
    "measure_name": "度量名称",
    "measure_type": "度量类型",
    "metric_id": "数据编号",
    "metric_kind": "数据种类",
    "months_elapsed": "已过月数",
    "n_bulletins": "通报数",
    "n_figures": "数据个数",
    "n_items": "条目数",
    "n_parts": "部分数",
    "n_progress_figures": "进展数据个数",
    "n_target_figures": "目标数据个数",
    "n_tasks": "任务数",
    "n_values": "数值个数",
    "name": "名称",
    "page_file": "所在网页",
    "part_metric_ids": "部分编号",
    "parts_sum": "部分合计",
    "period_end": "截止日期",
    "period_id": "期间编号",
    "period_label": "期间",
    "period_start": "起始日期",
    "period_value": "本期值(基本单位)",
    "previous_base_value": "上期值",
    "previous_period_end": "上期截止日期",
    "progress_text": "进展情况",
    "published_at": "发布日期",
    "qualifier": "限定词",
    "quarter": "季度",
    "raw_text": "原文",
    "reason": "原因",
    "relation": "关系",
    "relative_difference": "相对差异",
    "responsible_units": "责任单位",
    "role": "数据角色",
    "rule": "规则",
    "scale": "倍数",
    "section": "部分",
    "sentence": "所在句子",
    "series": "序列",
    "share_of_year_elapsed": "全年已过比例",
    "since": "起始时间",
    "source": "来源",
    "source_file": "源文件",
    "source_format": "文件格式",
    "stage": "阶段",
    "status": "状态",
    "subject": "指标对象",
    "synonyms": "同义词",
    "target_attainment_id": "目标完成编号",
    "target_base_value": "目标值(基本单位)",
    "target_label": "目标名称",
    "target_metric_id": "目标编号",
    "target_qualifier": "目标限定词",
    "target_raw_text": "目标原文",
    "target_section": "目标所在部分",
    "task": "任务",
    "task_id": "任务编号",
    "task_progress_id": "任务进展编号",
    "task_seq": "任务序号",
    "task_text": "任务内容",
    "task_title": "任务标题",
    "title": "标题",
    "unit": "公报单位",
    "value": "数值(公报单位)",
    "whole_metric_id": "总数编号",
    "whole_raw_text": "总数原文",
    "whole_value": "总数",
    "year": "年度",
    # the sheet describing the columns
    "sheet": "工作表",
    "mart": "数据表",
    "column": "列",
    "column_zh": "中文列名",
    "header": "表头",
    "description": "说明",
    "mart_doc": "数据表说明",
    # columns the workbook adds: base values in the unit the bulletin stated (exports_format)
    "cumulative_value_display": "累计值(公报单位)",
    "period_value_display": "本期值(公报单位)",
    "base_value_display": "数值(公报单位)",
    "previous_base_value_display": "上期值(公报单位)",
    "change_since_previous_display": "较上期变化(公报单位)",
    "target_base_value_display": "目标值(公报单位)",
    "actual_base_value_display": "实际值(公报单位)",
    "whole_value_display": "总数(公报单位)",
    "parts_sum_display": "部分合计(公报单位)",
    "difference_display": "差额(公报单位)",
}

SHEET_NAMES_ZH = {
    "dim_bulletin": "通报",
    "dim_task": "任务",
    "dim_period": "期间",
    "fact_task_progress": "任务进展",
    "fact_metric": "数据",
    "fact_metric_identity": "分解",
    "fact_target_attainment": "目标完成",
    "fact_metric_timeline": "时间序列",
    "dim_measure": "度量",
    "fact_measure_series": "度量序列",
    "rejected_files": "未采用文件",
    "quarantined_bulletins": "暂缓发布",
}


@dataclass
class ExportResult:
    folder: Path
    files: list[Path] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)  # rows of each sheet
    cut: list[str] = field(default_factory=list)  # marts longer than a sheet holds


def header(column: str) -> str:
    """A column's header in the workbook: its Chinese name and its name beside it."""
    zh = HEADERS_ZH.get(column)
    return f"{zh} {column}" if zh else column


def sheet_name(mart: str) -> str:
    return SHEET_NAMES_ZH.get(mart, mart)[:31]


def _cell(value):
    """A value as the workbook holds it: numbers as numbers, dates as dates, lists joined."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 2**53:
        return str(value)
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    if isinstance(value, str):
        text = _ILLEGAL.sub("", value)
        if len(text) > EXCEL_CELL_LIMIT:
            text = text[: EXCEL_CELL_LIMIT - 1] + "…"
        return text
    return value


def column_docs(manifest: Path | None) -> dict[str, tuple[str, dict[str, str]]]:
    """Each mart's description and its columns' descriptions, from the dbt manifest."""
    if manifest is None or not manifest.exists():
        return {}
    nodes = json.loads(manifest.read_text(encoding="utf-8"))["nodes"].values()
    return {
        n["name"]: (
            " ".join((n.get("description") or "").split()),
            {c: " ".join((d.get("description") or "").split()) for c, d in n["columns"].items()},
        )
        for n in nodes
        if n["resource_type"] == "model" and n["name"] in MARTS
    }


def export_marts(
    warehouse: Path, folder: Path, manifest: Path | None = None, marts: tuple[str, ...] = MARTS
) -> ExportResult:
    """Write every mart of ``warehouse`` into ``folder``: parquet/<mart>.parquet,
    csv/<mart>.csv and bulletins.xlsx."""
    from openpyxl import Workbook  # imported when a workbook is written: 0.2 s

    result = ExportResult(folder)
    (folder / "parquet").mkdir(parents=True, exist_ok=True)
    (folder / "csv").mkdir(parents=True, exist_ok=True)
    docs = column_docs(manifest)
    book = Workbook(write_only=True)
    described: list[tuple] = []
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        for mart in marts:
            for fmt, options in (("parquet", "format parquet"), ("csv", "header, delimiter ','")):
                path = folder / fmt / f"{mart}.{fmt}"
                con.execute(f"copy (select * from main.{mart}) to '{path}' ({options})")
                result.files.append(path)
            cursor = con.execute(workbook_query(mart))
            columns = [d[0] for d in cursor.description]
            n = _write_sheet(book.create_sheet(sheet_name(mart)), columns, cursor)
            if n >= EXCEL_ROW_LIMIT - 1:  # Parquet and CSV hold the rest
                result.cut.append(mart)
            result.rows[mart] = n
            model_doc, col_docs = docs.get(mart, ("", {}))
            for column in columns:
                described.append(
                    (
                        sheet_name(mart),
                        mart,
                        column,
                        header(column),
                        HEADERS_ZH.get(column, ""),
                        col_docs.get(column, "") or _added_column_doc(column),
                        model_doc,
                    )
                )
    finally:
        con.close()
    _write_columns_sheet(book.create_sheet(COLUMNS_SHEET), described)
    path = folder / WORKBOOK
    book.save(path)
    result.files.append(path)
    return result


def _write_sheet(sheet, columns: list[str], cursor) -> int:
    """A mart's rows into ``sheet`` under a bold header row, frozen and filtered, in columns
    sized to their headers and first rows, every number with its format; its rows' count."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    first = cursor.fetchmany(2000)
    shown = [c.endswith(DISPLAY_SUFFIX) for c in columns]
    headers = [header(c) for c in columns]
    for i, (column, head) in enumerate(zip(columns, headers, strict=True)):
        values = (_cell(row[i]) for row in first)
        sheet.column_dimensions[get_column_letter(i + 1)].width = column_width(head, column, values)
    sheet.freeze_panes = "A2"  # before the first row: the sheet is written as it goes
    bold = Font(bold=True)
    sheet.append([_styled(WriteOnlyCell(sheet, h), font=bold) for h in headers])
    n = 0
    batch = first
    while batch:
        batch = batch[: EXCEL_ROW_LIMIT - 1 - n]
        for row in batch:
            out = []
            for column, is_shown, value in zip(columns, shown, row, strict=True):
                value = _cell(display_value(value) if is_shown else value)
                if isinstance(value, int | float) and not isinstance(value, bool):
                    cell = WriteOnlyCell(sheet, value)
                    cell.number_format = number_format(column, value)
                    value = cell
                out.append(value)
            sheet.append(out)
        n += len(batch)
        if n >= EXCEL_ROW_LIMIT - 1:
            break
        batch = cursor.fetchmany(2000)
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{n + 1}"
    return n


# 列说明: (column, width, wrapped)
_COLUMNS_SHEET_LAYOUT = (
    ("sheet", 12, False),
    ("mart", 24, False),
    ("column", 28, False),
    ("header", 36, False),
    ("column_zh", 20, False),
    ("description", 80, True),
    ("mart_doc", 50, False),
)


def _write_columns_sheet(sheet, described: list[tuple]) -> None:
    """The sheet 列说明: a row per column of every sheet, its header as the sheet shows it and its
    Chinese name beside the dbt docs' description (wrapped), header row frozen and filtered."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    for i, (_, width, _) in enumerate(_COLUMNS_SHEET_LAYOUT):
        sheet.column_dimensions[get_column_letter(i + 1)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    sheet.append(
        [_styled(WriteOnlyCell(sheet, header(c)), font=bold) for c, _, _ in _COLUMNS_SHEET_LAYOUT]
    )
    top = Alignment(vertical="top")
    wrapped = Alignment(vertical="top", wrap_text=True)
    for row in described:
        sheet.append(
            [
                _styled(WriteOnlyCell(sheet, _cell(v)), alignment=wrapped if wrap else top)
                for v, (_, _, wrap) in zip(row, _COLUMNS_SHEET_LAYOUT, strict=True)
            ]
        )
    last = get_column_letter(len(_COLUMNS_SHEET_LAYOUT))
    sheet.auto_filter.ref = f"A1:{last}{len(described) + 1}"


def _styled(cell, **style):
    for name, value in style.items():
        setattr(cell, name, value)
    return cell


def _added_column_doc(column: str) -> str:
    if column.endswith(DISPLAY_SUFFIX):
        base = column.removesuffix(DISPLAY_SUFFIX)
        return (
            f"{base} in the unit the bulletin stated it in (display_unit): the figure's own unit,"
            " or for a row of several figures the smallest unit they were stated in (2100个 stays"
            " 2100 个, 5.4万个 is 5.4 万个). Added by the workbook; the mart holds base units."
        )
    if column == "display_unit":
        return "The unit the *_display columns are in, as the bulletin stated it (亿元, 万个, 个)."
    return ""
