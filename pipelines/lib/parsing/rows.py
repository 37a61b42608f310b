"""Parsed bulletins as the rows of the parsed tables (plain pandas, no Dagster)."""

from __future__ import annotations

from dataclasses import fields

import pandas as pd

from .model import Figure, FigureMeaning, ParsedBulletin

# The DuckDB type of each type a model field is annotated with (the module uses postponed annotations)
_DUCKDB_TYPES = {"str": "varchar", "float": "double", "int": "integer", "bool": "boolean"}
# Fields of a figure that say how the parser read it, not what the bulletin states: not stored
_PARSER_ONLY = {"in_quote"}


def _columns(model) -> dict[str, str]:
    """A model's fields as columns, in the model's order: a field added to the model is a column."""
    return {
        f.name: _DUCKDB_TYPES[str(f.type).removesuffix(" | None")]
        for f in fields(model)
        if f.name not in _PARSER_ONLY
    }


FIGURE_COLUMNS = _columns(Figure)  # what the figure stage reads of a figure
MEANING_COLUMNS = _columns(FigureMeaning)  # what the meaning stage decides of it

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
        **FIGURE_COLUMNS,
        **MEANING_COLUMNS,
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
    return [
        {
            "bulletin_id": bulletin.bulletin_id,
            "figure_no": number,
            "task_seq": pf.task_seq,
            "section": pf.section,
            "item_no": pf.item_no,
            **{name: getattr(pf.figure, name) for name in FIGURE_COLUMNS},
            **{name: getattr(meaning, name) for name in MEANING_COLUMNS},
        }
        for number, (pf, meaning) in enumerate(
            zip(bulletin.figures, bulletin.meanings, strict=True), start=1
        )
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
