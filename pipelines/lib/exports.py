"""The published marts written out for people who do not use SQL: Parquet and CSV (DuckDB's own
COPY, no extension), and an Excel workbook written by openpyxl.

The workbook has one sheet per mart, a header row in Chinese with each column's name beside it
(``指标值 value``), numbers as numbers and dates as dates; fact_metric and fact_measure_series carry
their money in the unit the bulletins state it (亿元, 万元: fact_metric's value and unit as written,
the series in its measure's display unit), and the sheet 列说明 describes every column from the
dbt docs (the manifest). Excel holds at most 32,767 characters a cell: a longer text (a bulletin's
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

from pipelines.lib.warehouse import MARTS

EXCEL_CELL_LIMIT = 32767
EXCEL_ROW_LIMIT = 1_048_576  # a sheet's rows, its header included
WORKBOOK = "bulletins.xlsx"
COLUMNS_SHEET = "列说明"
# control characters Excel refuses in a cell (openpyxl's ILLEGAL_CHARACTERS_RE)
_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")

# 亿元 = 1e8 元, 万元 = 1e4 元 …: a value in base units shown in a stated unit
DISPLAY_SCALES = {
    "亿元": 1e8,
    "万元": 1e4,
    "元": 1.0,
    "亿美元": 1e8,
    "万美元": 1e4,
    "美元": 1.0,
    "万人": 1e4,
    "万个": 1e4,
    "万台": 1e4,
    "万户": 1e4,
    "万亩": 1e4,
}

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
    "description": "说明",
    "mart_doc": "数据表说明",
    # columns the workbook adds: a series in its measure's display unit
    "cumulative_value_display": "累计值(公报单位)",
    "period_value_display": "本期值(公报单位)",
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

# The workbook's sheet of a mart: its query when it adds columns to the mart's own.
_DISPLAY_SCALE_SQL = " ".join(f"when '{u}' then {s}" for u, s in DISPLAY_SCALES.items())
WORKBOOK_QUERIES = {
    "fact_measure_series": f"""
        select s.*,
            s.cumulative_value / (case m.display_unit {_DISPLAY_SCALE_SQL} else 1 end)
                as cumulative_value_display,
            s.period_value / (case m.display_unit {_DISPLAY_SCALE_SQL} else 1 end)
                as period_value_display,
            case when m.display_unit in ({", ".join(f"'{u}'" for u in DISPLAY_SCALES)})
                then m.display_unit else s.base_unit end as display_unit
        from fact_measure_series as s left join dim_measure as m using (measure_id)
    """,
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
            cursor = con.execute(WORKBOOK_QUERIES.get(mart, f"select * from main.{mart}"))
            columns = [d[0] for d in cursor.description]
            sheet = book.create_sheet(sheet_name(mart))
            sheet.append([header(c) for c in columns])
            n = 0
            while batch := cursor.fetchmany(2000):
                batch = batch[: EXCEL_ROW_LIMIT - 1 - n]
                for row in batch:
                    sheet.append([_cell(v) for v in row])
                n += len(batch)
                if n >= EXCEL_ROW_LIMIT - 1:  # Parquet and CSV hold the rest
                    result.cut.append(mart)
                    break
            result.rows[mart] = n
            model_doc, col_docs = docs.get(mart, ("", {}))
            for column in columns:
                described.append(
                    (
                        sheet_name(mart),
                        mart,
                        column,
                        HEADERS_ZH.get(column, ""),
                        col_docs.get(column, "") or _added_column_doc(column),
                        model_doc,
                    )
                )
    finally:
        con.close()
    sheet = book.create_sheet(COLUMNS_SHEET)
    sheet.append(
        [header(c) for c in ("sheet", "mart", "column", "column_zh", "description", "mart_doc")]
    )
    for row in described:
        sheet.append([_cell(v) for v in row])
    path = folder / WORKBOOK
    book.save(path)
    result.files.append(path)
    return result


def _added_column_doc(column: str) -> str:
    if column.endswith("_display"):
        base = column.removesuffix("_display")
        return f"{base} in the measure's display unit (display_unit), as the bulletins state it."
    if column == "display_unit":
        return "The unit the *_display columns are in (the measure's display unit)."
    return ""
