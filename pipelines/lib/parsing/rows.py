"""Parsed bulletins as the rows of the parsed tables (plain pandas, no Dagster)."""

from __future__ import annotations

import pandas as pd

from .model import ParsedBulletin

# Column name -> DuckDB type, in order. These are the parsed tables that dbt reads as sources.
PARSED_SCHEMAS: dict[str, dict[str, str]] = {
    "bulletins": {
        "bulletin_id": "varchar",
        "source_file": "varchar",
        "duplicate_files": "varchar",
        "content_sha256": "varchar",
        "encoding": "varchar",
        "title": "varchar",
        "year": "integer",
        "period_label": "varchar",
        "period_end": "date",
        "published_at": "date",
        "kind": "varchar",
        "layout": "varchar",
        "source_format": "varchar",
        "issuer": "varchar",
        "n_tasks": "integer",
        "body_text": "varchar",
        "parse_key": "varchar",
        "page_file": "varchar",
    },
    "tasks": {
        "bulletin_id": "varchar",
        "task_id": "varchar",
        "task_seq": "integer",
        "issuer": "varchar",
        "year": "integer",
        "task_title": "varchar",
        "task_text": "varchar",
        "task_char_start": "integer",
        "task_char_end": "integer",
        "progress_text": "varchar",
        "n_items": "integer",
        "group_label": "varchar",
        "responsible_units": "varchar",
        "status": "varchar",
    },
    "progress_items": {
        "bulletin_id": "varchar",
        "task_seq": "integer",
        "item_index": "integer",
        "item_no": "integer",
        "item_text": "varchar",
        "char_start": "integer",
        "char_end": "integer",
    },
    "figures": {
        "bulletin_id": "varchar",
        "figure_no": "integer",
        "task_seq": "integer",
        "section": "varchar",
        "item_no": "integer",
        "raw_text": "varchar",
        "value": "double",
        "unit": "varchar",
        "scale": "double",
        "base_value": "double",
        "base_unit": "varchar",
        "qualifier": "varchar",
        "direction": "varchar",
        "metric_kind": "varchar",
        "is_cumulative": "boolean",
        "is_quoted_target": "boolean",
        "label": "varchar",
        "period_label": "varchar",
        "char_start": "integer",
        "char_end": "integer",
        "role": "varchar",
        "subject": "varchar",
        "measure_id": "varchar",
    },
    "identities": {
        "bulletin_id": "varchar",
        "identity_no": "integer",
        "task_seq": "integer",
        "section": "varchar",
        "whole_figure_no": "integer",
        "part_figure_nos": "integer[]",
        "relation": "varchar",
        "rule": "varchar",
        "holds": "boolean",
    },
    "target_links": {
        "bulletin_id": "varchar",
        "task_seq": "integer",
        "target_figure_no": "integer",
        "actual_figure_no": "integer",
        "evidence": "varchar",
        "label_similarity": "double",
    },
    "rejected_files": {
        "source_file": "varchar",
        "content_sha256": "varchar",
        "stage": "varchar",
        "reason": "varchar",
        "parse_key": "varchar",
    },
}


def empty_frame(table: str) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object") for c in PARSED_SCHEMAS[table]})


def bulletin_rows(
    bulletin: ParsedBulletin,
    source_file: str,
    duplicates: list[str],
    issuer: str | None,
) -> dict[str, list]:
    """The parsed rows of one parsed bulletin, keyed by table name."""
    rows: dict[str, list] = {name: [] for name in PARSED_SCHEMAS}
    rows["bulletins"].append(_bulletin_row(bulletin, source_file, duplicates, issuer))
    rows["tasks"] = _task_rows(bulletin, issuer)
    rows["progress_items"] = _item_rows(bulletin)
    rows["figures"] = _figure_rows(bulletin)
    rows["target_links"] = _target_link_rows(bulletin)
    rows["identities"] = _identity_rows(bulletin)
    return rows


def _bulletin_row(
    bulletin: ParsedBulletin, source_file: str, duplicates: list[str], issuer: str | None
) -> dict:
    return {
        "bulletin_id": bulletin.bulletin_id,
        "source_file": source_file,
        "duplicate_files": "; ".join(duplicates) or None,
        "content_sha256": bulletin.content_sha256,
        "encoding": bulletin.encoding,
        "title": bulletin.title,
        "year": bulletin.year,
        "period_label": bulletin.period_label,
        "period_end": bulletin.period_end,
        "published_at": bulletin.published_at,
        "kind": bulletin.kind,
        "layout": bulletin.layout,
        "source_format": bulletin.source_format,
        "issuer": issuer,
        "n_tasks": len(bulletin.tasks),
        "body_text": bulletin.body_text,
    }


def _task_rows(bulletin: ParsedBulletin, issuer: str | None) -> list[dict]:
    bid = bulletin.bulletin_id
    return [
        {
            "bulletin_id": bid,
            "task_id": None,  # given in the warehouse, across the issuer's year (changes.py)
            "task_seq": task.seq,
            "issuer": issuer,
            "year": bulletin.year,
            "task_title": task.title,
            "task_text": task.text,
            "task_char_start": task.char_start,
            "task_char_end": task.char_end,
            "progress_text": task.progress_text or None,
            "n_items": len(task.items),
            "group_label": task.group_label,
            "responsible_units": task.responsible_units,
            "status": task.status,
        }
        for task in bulletin.tasks
    ]


def _item_rows(bulletin: ParsedBulletin) -> list[dict]:
    return [
        {
            "bulletin_id": bulletin.bulletin_id,
            "task_seq": task.seq,
            "item_index": index,
            "item_no": item.item_no,
            "item_text": item.text,
            "char_start": item.char_start,
            "char_end": item.char_end,
        }
        for task in bulletin.tasks
        for index, item in enumerate(task.items, start=1)
    ]


def _figure_rows(bulletin: ParsedBulletin) -> list[dict]:
    meanings = bulletin.meanings
    return [
        {
            "bulletin_id": bulletin.bulletin_id,
            "figure_no": number,
            "task_seq": pf.task_seq,
            "section": pf.section,
            "item_no": pf.item_no,
            "raw_text": pf.figure.raw_text,
            "value": pf.figure.value,
            "unit": pf.figure.unit,
            "scale": pf.figure.scale,
            "base_value": pf.figure.base_value,
            "base_unit": pf.figure.base_unit,
            "qualifier": pf.figure.qualifier,
            "direction": pf.figure.direction,
            "metric_kind": pf.figure.metric_kind,
            "is_cumulative": pf.figure.is_cumulative,
            "is_quoted_target": pf.figure.is_quoted_target,
            "label": pf.figure.label,
            "period_label": pf.figure.period_label,
            "char_start": pf.figure.char_start,
            "char_end": pf.figure.char_end,
            "role": meanings[number - 1].role,
            "subject": meanings[number - 1].subject,
            "measure_id": meanings[number - 1].measure_id,
        }
        for number, pf in enumerate(bulletin.figures, start=1)
    ]


def _target_link_rows(bulletin: ParsedBulletin) -> list[dict]:
    return [
        {
            "bulletin_id": bulletin.bulletin_id,
            "task_seq": link.task_seq,
            "target_figure_no": link.target + 1,
            "actual_figure_no": None if link.actual is None else link.actual + 1,
            "evidence": link.evidence,
            "label_similarity": link.label_similarity,
        }
        for link in bulletin.target_links
    ]


def _identity_rows(bulletin: ParsedBulletin) -> list[dict]:
    return [
        {
            "bulletin_id": bulletin.bulletin_id,
            "identity_no": number,
            "task_seq": ident.task_seq,
            "section": ident.section,
            "whole_figure_no": ident.whole + 1,
            "part_figure_nos": [p + 1 for p in ident.parts],
            "relation": ident.relation,
            "rule": ident.rule,
            "holds": ident.holds,
        }
        for number, ident in enumerate(bulletin.identities, start=1)
    ]


def frames(rows: dict[str, list]) -> dict[str, pd.DataFrame]:
    out = {}
    for name, columns in PARSED_SCHEMAS.items():
        data = rows.get(name) or []
        out[name] = pd.DataFrame(data, columns=list(columns)) if data else empty_frame(name)
    return out
