"""The raw folder's files as the pipeline last saw them: unchanged files are not read again.

A file whose path, size and modification time (and its sidecar's) are those recorded in
``raw.bulletin_files`` has the content hash and sidecar recorded there. Reading and hashing every
file of a large folder on every run would make a run's cost grow with the folder, not with what is
new in it.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import duckdb

from pipelines.lib import settings
from pipelines.lib.rawfolder import (
    SIDECAR_SUFFIX,
    copy_order,
    fetch_log_path,
    is_bookkeeping,
    read_sidecar,
)


@dataclass(frozen=True)
class FileStat:
    source_file: str  # relative to the raw folder
    size: int
    modified_ns: int
    sidecar_modified_ns: int | None  # None: no sidecar


@dataclass
class Known:
    content_sha256: str
    sidecar: str | None


def stat_files(raw_dir: Path) -> list[tuple[Path, FileStat]]:
    """Every file under the raw folder but the pipeline's own, with its stat, in copy order (one
    directory listing per folder; a sidecar is found among its file's neighbours)."""
    if not raw_dir.is_dir():
        raise FileNotFoundError(
            f"raw bulletin folder {raw_dir} does not exist (set {settings.RAW_DIR_ENV})"
        )
    log = str(fetch_log_path(raw_dir))
    root = str(raw_dir)
    out = []
    pending = [root]
    while pending:
        folder = pending.pop()
        with os.scandir(folder) as listing:
            entries = {entry.name: entry for entry in listing}
        for name, entry in entries.items():
            if entry.is_dir(follow_symlinks=True):
                pending.append(entry.path)
                continue
            if is_bookkeeping(name, entry.path, log) or not entry.is_file():
                continue
            sidecar = entries.get(name + SIDECAR_SUFFIX)
            rel = os.path.relpath(entry.path, root).replace(os.sep, "/")
            stat = entry.stat()
            sidecar_ns = sidecar.stat().st_mtime_ns if sidecar is not None else None
            out.append(
                (Path(entry.path), FileStat(rel, stat.st_size, stat.st_mtime_ns, sidecar_ns))
            )
    return sorted(out, key=lambda item: copy_order(item[1].source_file))


def known_files(warehouse: Path) -> dict[FileStat, Known]:
    """What ``raw.bulletin_files`` of a warehouse recorded of each file, by its stat."""
    if not warehouse.exists():
        return {}
    try:
        with duckdb.connect(str(warehouse), read_only=True) as con:
            return known_in(con)
    except duckdb.Error:
        return {}


def known_in(con) -> dict[FileStat, Known]:
    """The same, on an open connection (empty if the table has no stats: an older layout)."""
    try:
        rows = con.execute(
            "select source_file, size_bytes, modified_ns, sidecar_modified_ns, "
            "content_sha256, sidecar from raw.bulletin_files where modified_ns is not null"
        ).fetchall()
    except duckdb.Error:
        return {}
    return {FileStat(f, s, m, sm): Known(sha, sidecar) for f, s, m, sm, sha, sidecar in rows}


def content_of(path: Path, stat: FileStat, known: dict[FileStat, Known]) -> Known:
    """A file's content hash and sidecar: as recorded if the file is unchanged, else read now."""
    hit = known.get(stat)
    if hit is not None:
        return hit
    return Known(hashlib.sha256(path.read_bytes()).hexdigest(), read_sidecar(path))
