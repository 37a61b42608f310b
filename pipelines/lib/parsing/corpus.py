"""Parsing a whole folder of bulletins into parsed rows: duplicates, issuers, task ids across bulletins."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pipelines.lib.settings import InputLimits, input_limits

from ..rawfolder import copy_order, sidecar_field
from .bulletin import parse_document
from .failures import internal_error, is_internal_error
from .model import ParsedBulletin, RejectedFile
from .read.documents.limits import time_limit
from .rows import PARSED_SCHEMAS, bulletin_rows


@dataclass
class RawRecord:
    source_file: str
    content_sha256: str
    encoding: str | None
    decoded_text: str | None
    read_error: str | None
    sidecar: str | None = None  # JSON of <file>.meta.json, if any (issuer, url, …)
    source_format: str | None = None  # a document's format (docx, pdf …); None for text
    page_file: str | None = None  # the page an attachment came from
    is_page: bool = False  # a page whose attachment is the bulletin: read with it, not alone
    page_text: str | None = None  # that page's decoded text, for what the attachment lacks


@dataclass
class CorpusResult:
    rows: dict[str, list] = field(default_factory=lambda: {name: [] for name in PARSED_SCHEMAS})
    parsed: int = 0  # bulletins parsed in this run
    reused: int = 0  # bulletins whose rows were reused from an earlier run
    parsed_bytes: int = 0
    pages: int = 0  # pages read only as the companion of their attachment

    def add(self, other: CorpusResult) -> None:
        """Count another batch's bulletins; keep its rejections (its other rows are written
        as they come, not kept)."""
        self.rows["rejected_files"].extend(other.rows["rejected_files"])
        self.parsed += other.parsed
        self.reused += other.reused
        self.parsed_bytes += other.parsed_bytes
        self.pages += other.pages

    def merge(self, other: CorpusResult) -> None:
        """Take in another part of the same batch: its rows of every table, and its counts."""
        for name, rows in other.rows.items():
            if name != "rejected_files":  # add() takes those
                self.rows[name].extend(rows)
        self.add(other)


def _sidecar_issuer(sidecar: str | None) -> str | None:
    value = sidecar_field(sidecar, "issuer")
    return str(value).strip() or None if value else None


def _parser_version() -> str:
    """Changes whenever the parsing code changes, so that bulletins parsed by older code are parsed again."""
    digest = hashlib.sha256()
    root = Path(__file__).parent
    # every parsing module, the document readers too, and the measure catalog (data the parser reads)
    for path in sorted([*root.rglob("*.py"), *root.rglob("*.csv")]):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


PARSER_VERSION = _parser_version()


def parse_key(content_sha256: str, sidecar: str | None) -> str:
    """What a bulletin's parsed rows depend on: its bytes, its sidecar issuer and the parser."""
    return f"{content_sha256}|{_sidecar_issuer(sidecar) or ''}|{PARSER_VERSION}"


def record_parse_key(record: RawRecord) -> str:
    return parse_key(record.content_sha256, record.sidecar)


@dataclass
class CachedBulletin:
    """The parsed rows of a bulletin parsed by an earlier run, by table (or its rejection)."""

    rows: dict[str, list[dict]]


def rejection(record: RawRecord, stage: str, reason: str) -> dict:
    return {
        "source_file": record.source_file,
        "content_sha256": record.content_sha256,
        "stage": stage,
        "reason": reason,
        "parse_key": record_parse_key(record),
    }


@dataclass(frozen=True)
class Entry:
    """A bulletin of the run: parsed now, or its rows reused from an earlier parse."""

    record: RawRecord
    bulletin: ParsedBulletin | None  # parsed now
    issuer: str | None  # the one it names, or its sidecar's
    cached: CachedBulletin | None  # reused


def parse_corpus(
    records: Iterable[RawRecord],
    cached: dict[str, CachedBulletin] | None = None,
    on_progress: Callable[[int, str], None] | None = None,
    limits: InputLimits | None = None,
) -> CorpusResult:
    """Parse every readable record; byte-identical copies once (the one nearest the top of the
    folder); every file that is not a bulletin becomes a rejected_files row with its reason.

    Records whose parse key is in ``cached`` are not parsed again: their rows are reused, with
    their file name, copies and task ids brought up to date. ``limits``: the settings' if not
    given. A fault of the pipeline on one record is that record's rejection (see failures.py).

    Issuers a bulletin does not name, and task ids, are not decided here but in the warehouse, among
    all the bulletins of an issuer's year (pipelines/lib/changes.py), by a full run and an
    incremental one alike: a batch of files does not see the bulletins of the other batches.
    """
    result = CorpusResult()
    entries, copies = _read_records(
        records, cached or {}, result, on_progress, limits or input_limits()
    )
    for entry in entries:
        record = entry.record
        try:
            rows = _rows_of(entry, copies[record.content_sha256])
        except Exception as exc:  # noqa: BLE001 — one bulletin's fault is its rejection
            reason = internal_error(record.source_file, "building its parsed rows", exc)
            result.rows["rejected_files"].append(rejection(record, "parse", reason))
            if entry.bulletin is not None:
                result.parsed -= 1
            else:
                result.reused -= 1
            continue
        for name, new in rows.items():
            result.rows[name].extend(new)
    return result


def _read_records(
    records: Iterable[RawRecord],
    cached: dict[str, CachedBulletin],
    result: CorpusResult,
    on_progress: Callable[[int, str], None] | None,
    limits: InputLimits,
) -> tuple[list[Entry], dict[str, list[str]]]:
    """Each record parsed, reused from ``cached``, counted as a copy or rejected with its reason;
    returns the bulletins (record, parse or None, issuer, cached rows or None) and each content's
    copies."""
    entries: list[Entry] = []
    copies: dict[str, list[str]] = {}
    for n, record in enumerate(sorted(records, key=lambda r: copy_order(r.source_file)), start=1):
        if record.is_page and not record.read_error:
            result.pages += 1  # its attachment is the bulletin; the page gives what it lacks
            continue
        if record.read_error:
            result.rows["rejected_files"].append(rejection(record, "read", record.read_error))
            continue
        if record.content_sha256 in copies:
            copies[record.content_sha256].append(record.source_file)
            continue
        copies[record.content_sha256] = []
        hit = cached.get(record_parse_key(record))
        if hit is not None and hit.rows.get("rejected_files"):
            if is_internal_error(hit.rows["rejected_files"][0]["reason"]):
                hit = None  # a fault of the pipeline is not kept: parsed again
        if hit is not None and hit.rows.get("rejected_files"):
            reason = hit.rows["rejected_files"][0]["reason"]
            result.rows["rejected_files"].append(rejection(record, "parse", reason))
        elif hit is not None:
            result.reused += 1
            entries.append(Entry(record, None, hit.rows["bulletins"][0]["issuer"], hit))
        else:
            entry = _parse_record(record, result, limits)
            if entry is not None:
                entries.append(entry)
            if on_progress:
                on_progress(n, record.source_file)
    return entries, copies


def _parse_record(record: RawRecord, result: CorpusResult, limits: InputLimits) -> Entry | None:
    """One record parsed within the limits, or its rejection added to ``result``: a file that
    is not a bulletin, or one the parser failed on (MemoryError included), which is logged."""
    try:
        with time_limit(limits.parse_seconds, "parsing the bulletin"):
            bulletin = parse_document(
                record.decoded_text or "",
                record.content_sha256,
                record.encoding,
                record.source_format,
                companion=record.page_text,
                limits=limits,
                source_name=record.source_file,
            )
    except RejectedFile as exc:
        result.rows["rejected_files"].append(rejection(record, "parse", exc.reason))
        return None
    except Exception as exc:  # noqa: BLE001 — one bulletin's fault is its rejection
        reason = internal_error(record.source_file, "parsing the bulletin", exc)
        result.rows["rejected_files"].append(rejection(record, "parse", reason))
        return None
    result.parsed += 1
    result.parsed_bytes += len((record.decoded_text or "").encode("utf-8"))
    return Entry(record, bulletin, _sidecar_issuer(record.sidecar) or bulletin.issuer, None)


def _rows_of(entry: Entry, dupes: list[str]) -> dict[str, list[dict]]:
    """The parsed rows of one bulletin: built from its parse, or its earlier rows brought up to
    date (file name, copies)."""
    record, hit = entry.record, entry.cached
    if entry.bulletin is not None:
        rows = bulletin_rows(entry.bulletin, record.source_file, dupes, entry.issuer)
        rows["bulletins"][0]["page_file"] = record.page_file
        rows["bulletins"][0]["parse_key"] = record_parse_key(record)
        return rows
    rows = {name: [dict(r) for r in table] for name, table in hit.rows.items()}
    rows["bulletins"][0].update(
        source_file=record.source_file, duplicate_files="; ".join(dupes) or None
    )
    return rows
