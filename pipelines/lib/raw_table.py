"""``raw.bulletin_files``: one row per file of the raw folder, kept up to date file by file.

A run reads only the files that are new or changed since the table last recorded them (path, size,
modification time, the sidecar's too) or that an older decoder read; the rows of the others stay as
they are, and the rows of files gone are deleted. The cost of a run's first step follows what is
new in the folder, not its size. The files are read a batch at a time, each batch's rows written
before the next is read, and a file that cannot be read, for whatever reason, is a row with the
reason (``read_error``), never the run's failure.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from pipelines.lib.folder_scan import (
    FileStat,
    content_sha256,
    known_in,
    read_listed,
    sidecar_of,
    stat_files,
)
from pipelines.lib.parsing.bulletin import bulletin_id_for
from pipelines.lib.parsing.corpus import PARSER_VERSION
from pipelines.lib.parsing.failures import INTERNAL_ERROR, internal_error
from pipelines.lib.parsing.model import RejectedFile
from pipelines.lib.parsing.read.documents.limits import time_limit
from pipelines.lib.parsing.read.text import read_file
from pipelines.lib.rawfolder import page_in
from pipelines.lib.settings import InputLimits, input_limits
from pipelines.lib.warehouse import create_table, insert_rows, temp_table

RAW_SCHEMA = {
    "source_file": "varchar",
    "file_name": "varchar",
    "size_bytes": "bigint",
    "modified_ns": "bigint",
    "sidecar_modified_ns": "bigint",
    "content_sha256": "varchar",
    "partition_key": "varchar",
    "encoding": "varchar",
    "source_format": "varchar",
    "decoded_text": "varchar",
    "read_error": "varchar",
    "sidecar": "varchar",
    "page_file": "varchar",
    "is_page": "boolean",
    "decoder_version": "varchar",
    "loaded_at": "timestamp",
}

# The raw rows as the parse step takes them, in the fields of RawRecord: an attachment with the
# decoded text of the page it came from (a page whose attachment is the bulletin gives what the
# attachment lacks). The parse step adds which partitions; the parsed-rows snapshot
# (pipelines/devtools/parsed_snapshot.py) takes every row, so that it reads the files as a run does.
RECORDS_SQL = (
    "select f.source_file, f.content_sha256, f.encoding, f.decoded_text, f.read_error, "
    "f.sidecar, f.source_format, f.page_file, f.is_page, p.decoded_text "
    "from raw.bulletin_files f "
    "left join (select distinct source_file, decoded_text from raw.bulletin_files) p "
    "on p.source_file = f.page_file"
)

# The new or changed files are read this many at a time, or this many bytes (whichever comes
# first; a larger file is a batch alone), and each batch's rows are written before the next is
# read: memory holds one batch's bytes and decoded texts, not those of a first run over thousands
# of files or of a folder of large attachments. 200 files of a typical bulletin (tens of KB) are
# a few MB, so the bytes bound is what holds for large files.
READ_BATCH_FILES = 200
READ_BATCH_BYTES = 64_000_000


@dataclass
class RawUpdate:
    files: int  # in the folder now
    read: int  # new or changed files read this run
    decoded: int  # of which decoded (the others' bytes were decoded before, under another name)
    removed: int  # rows of files gone or changed
    errors: list[tuple[str, str]]  # (file, reason) of the files read now that cannot be read
    vanished: list[str]  # files listed but removed before they were read: no row


def _current_rows(con) -> dict[str, FileStat]:
    """The files the table holds, read by this decoder, by path (empty for an older layout)."""
    columns = [
        r[0]
        for r in con.execute(
            "select column_name from information_schema.columns where table_schema = 'raw' "
            "and table_name = 'bulletin_files' order by ordinal_position"
        ).fetchall()
    ]
    if columns != list(RAW_SCHEMA):
        create_table(con, "raw", "bulletin_files", RAW_SCHEMA)  # an older layout: read it all
        return {}
    known = known_in(con)
    fresh = {  # a file the reader failed on is read again: the fault may be gone
        f
        for (f,) in con.execute(
            "select source_file from raw.bulletin_files where decoder_version = ? "
            "and not starts_with(coalesce(read_error, ''), ?)",
            [PARSER_VERSION, INTERNAL_ERROR],
        ).fetchall()
    }
    return {stat.source_file: stat for stat in known if stat.source_file in fresh}


def _decodes_of(con, shas: list[str]) -> dict[str, tuple]:
    """Earlier decodes (this decoder's) of the given contents: a copy or a renamed file."""
    if not shas:
        return {}
    temp_table(con, "_shas", {"sha": "varchar"}, {"sha": shas})
    rows = con.execute(
        "select content_sha256, any_value(encoding), any_value(source_format), "
        "any_value(decoded_text), any_value(read_error) from raw.bulletin_files "
        "where decoder_version = ? and content_sha256 in (select sha from _shas) "
        "and not starts_with(coalesce(read_error, ''), ?) group by 1",
        [PARSER_VERSION, INTERNAL_ERROR],
    ).fetchall()
    return {sha: rest for sha, *rest in rows}


def _new_row(
    path: Path,
    stat: FileStat,
    data: bytes | None,
    previous: dict,
    loaded_at,
    limits: InputLimits,
) -> dict:
    """The row of a file read now (``data`` None: a file listed as not to be read)."""
    sha = content_sha256(stat, data)
    sidecar = sidecar_of(path, stat)
    row = {
        "source_file": stat.source_file,
        "file_name": path.name,
        "size_bytes": stat.size if data is None else len(data),
        "modified_ns": stat.modified_ns,
        "sidecar_modified_ns": stat.sidecar_modified_ns,
        "content_sha256": sha,
        "partition_key": bulletin_id_for(sha),
        "encoding": None,
        "source_format": None,
        "decoded_text": None,
        "read_error": None,
        "sidecar": sidecar,
        "page_file": page_in(sidecar),
        "is_page": False,  # set for every row once all rows are in
        "decoder_version": PARSER_VERSION,
        "loaded_at": loaded_at,
    }
    if stat.refused is not None:  # the same path as a file that cannot be read: a rejection
        row["read_error"] = stat.refused
        return row
    if sha in previous:
        row["encoding"], row["source_format"], row["decoded_text"], row["read_error"] = previous[
            sha
        ]
        return row
    try:
        with time_limit(limits.parse_seconds, "reading the file"):
            decoded = read_file(data, path.name, limits)
        row["encoding"], row["decoded_text"] = decoded.encoding, decoded.text
        row["source_format"] = decoded.source_format
    except RejectedFile as exc:
        row["read_error"] = exc.reason
    except Exception as exc:  # noqa: BLE001 — one file's fault (MemoryError too) is its rejection
        row["read_error"] = internal_error(stat.source_file, "reading the file", exc)
    return row


def read_batches(changed: list[tuple[Path, FileStat]]) -> Iterator[list[tuple[Path, FileStat]]]:
    """The files in batches of at most READ_BATCH_FILES files and READ_BATCH_BYTES bytes."""
    batch: list[tuple[Path, FileStat]] = []
    size = 0
    for path, stat in changed:
        if batch and (len(batch) >= READ_BATCH_FILES or size + stat.size > READ_BATCH_BYTES):
            yield batch
            batch, size = [], 0
        batch.append((path, stat))
        size += stat.size
    if batch:
        yield batch


def _read_changed(
    changed: list[tuple[Path, FileStat]],
) -> tuple[list[tuple[Path, FileStat, bytes | None]], list[str]]:
    """The bytes of the new or changed files (None for a file not to be read: one the listing
    refused, or one the system will not let be read, refused with the reason), and the files
    removed since the folder was listed: those are gone, like files removed before it, and
    their earlier rows go with them."""
    contents, vanished = [], []
    for path, stat in changed:
        try:
            data = None if stat.refused is not None else read_listed(path)
        except OSError as exc:  # not allowed, a folder in its place …: this file's rejection
            stat, data = replace(stat, refused=f"the file cannot be read: {exc}"), None
        if data is None and stat.refused is None:
            vanished.append(stat.source_file)
        else:
            contents.append((path, stat, data))
    return contents, vanished


@dataclass
class _Written:
    """What the batches wrote so far."""

    files: list[str] = field(default_factory=list)  # every file with a row written now
    decoded: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)
    vanished: list[str] = field(default_factory=list)


def _write_batch(con, batch, loaded_at, limits: InputLimits, written: _Written) -> None:
    """Read one batch of files and replace their rows."""
    contents, vanished = _read_changed(batch)
    written.vanished.extend(vanished)
    previous = _decodes_of(con, [content_sha256(stat, data) for _, stat, data in contents])
    rows = [
        _new_row(path, stat, data, previous, loaded_at, limits) for path, stat, data in contents
    ]
    names = [row["source_file"] for row in rows]
    temp_table(con, "_batch", {"source_file": "varchar"}, {"source_file": names})
    con.execute("delete from raw.bulletin_files where source_file in (select * from _batch)")
    insert_rows(
        con, "raw", "bulletin_files", pd.DataFrame(rows, columns=list(RAW_SCHEMA)), RAW_SCHEMA
    )
    written.files.extend(names)
    written.decoded += sum(
        1
        for row, (_, _, data) in zip(rows, contents, strict=True)
        if data is not None and row["content_sha256"] not in previous
    )
    written.errors.extend((r["source_file"], r["read_error"]) for r in rows if r["read_error"])


def update_raw_table(
    con, raw_dir: Path, on_progress: Callable[[int, int], None] | None = None
) -> RawUpdate:
    """Bring ``raw.bulletin_files`` up to date with the folder (in one transaction), reading the
    new or changed files a batch at a time."""
    files = stat_files(raw_dir)
    current = _current_rows(con)
    changed = [(path, stat) for path, stat in files if current.get(stat.source_file) != stat]
    keep = {stat.source_file for _, stat in files} - {stat.source_file for _, stat in changed}
    limits = input_limits()
    loaded_at = datetime.now(UTC).replace(tzinfo=None)
    con.execute("begin")
    temp_table(con, "_keep", {"source_file": "varchar"}, {"source_file": sorted(keep)})
    (removed,) = con.execute(
        "select count(*) from raw.bulletin_files where source_file not in (select * from _keep)"
    ).fetchone()
    written = _Written()
    done = 0
    for batch in read_batches(changed):
        # the earlier rows of files gone stay until every batch is in: a renamed file's earlier
        # decode is found by its content
        _write_batch(con, batch, loaded_at, limits, written)
        done += len(batch)
        if on_progress:
            on_progress(done, len(changed))
    present = sorted(keep | set(written.files))
    temp_table(con, "_present", {"source_file": "varchar"}, {"source_file": present})
    con.execute("delete from raw.bulletin_files where source_file not in (select * from _present)")
    # a page whose attachment holds the bulletin: the attachment's companion, not a bulletin
    con.execute(
        "create or replace temp table _pages as select distinct page_file from raw.bulletin_files "
        "where page_file is not null"
    )
    con.execute(  # only the rows whose flag changes are rewritten
        "update raw.bulletin_files set is_page = not is_page "
        "where is_page is distinct from (source_file in (select page_file from _pages))"
    )
    con.execute("commit")
    return RawUpdate(
        files=len(files) - len(written.vanished),
        read=len(written.files),
        decoded=written.decoded,
        removed=removed,
        errors=written.errors,
        vanished=written.vanished,
    )
