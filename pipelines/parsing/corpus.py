"""Parsing a whole folder of bulletins into staging rows: duplicates, issuers, task ids across bulletins."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from .bulletin import ParsedBulletin, parse_document
from .tables import STAGING_SCHEMAS, bulletin_rows
from .tasks import TaskRef, assign_task_ids
from .text import RejectedFile


@dataclass
class RawRecord:
    source_file: str
    content_sha256: str
    encoding: str | None
    decoded_text: str | None
    read_error: str | None
    sidecar: str | None = None  # JSON of <file>.meta.json, if any (issuer, url, …)


@dataclass
class CorpusResult:
    rows: dict[str, list] = field(default_factory=lambda: {name: [] for name in STAGING_SCHEMAS})
    parsed_bytes: int = 0


def _sidecar_issuer(sidecar: str | None) -> str | None:
    if not sidecar:
        return None
    try:
        value = json.loads(sidecar).get("issuer")
    except (ValueError, AttributeError):
        return None
    return str(value).strip() or None if value else None


def parse_corpus(
    records: Iterable[RawRecord], on_progress: Callable[[int, str], None] | None = None
) -> CorpusResult:
    """Parse every readable record; byte-identical copies once (the one nearest the top of the
    folder); every file that is not a bulletin becomes a rejected_files row with its reason."""
    result = CorpusResult()
    ordered = sorted(records, key=lambda r: (r.source_file.count("/"), r.source_file))
    parsed: list[tuple[RawRecord, ParsedBulletin, str | None]] = []
    copies: dict[str, list[str]] = {}
    for n, record in enumerate(ordered, start=1):
        if record.read_error:
            result.rows["rejected_files"].append(
                {
                    "source_file": record.source_file,
                    "content_sha256": record.content_sha256,
                    "stage": "read",
                    "reason": record.read_error,
                }
            )
            continue
        if record.content_sha256 in copies:
            copies[record.content_sha256].append(record.source_file)
            continue
        copies[record.content_sha256] = []
        try:
            bulletin = parse_document(
                record.decoded_text or "", record.content_sha256, record.encoding or ""
            )
        except RejectedFile as exc:
            result.rows["rejected_files"].append(
                {
                    "source_file": record.source_file,
                    "content_sha256": record.content_sha256,
                    "stage": "parse",
                    "reason": exc.reason,
                }
            )
            continue
        result.parsed_bytes += len((record.decoded_text or "").encode("utf-8"))
        issuer = _sidecar_issuer(record.sidecar) or bulletin.issuer
        parsed.append((record, bulletin, issuer))
        if on_progress:
            on_progress(n, record.source_file)

    # task ids across the bulletins of an issuer's year, in period order
    in_order = sorted(parsed, key=lambda p: (p[1].period_end or date.max, p[1].bulletin_id))
    task_ids = assign_task_ids(
        [
            (issuer, b.year, [TaskRef(b.bulletin_id, t.seq, t.text) for t in b.tasks])
            for _, b, issuer in in_order
        ]
    )
    for record, bulletin, issuer in parsed:
        rows = bulletin_rows(
            bulletin, record.source_file, copies[record.content_sha256], issuer, task_ids
        )
        for name, new in rows.items():
            result.rows[name].extend(new)
    return result
