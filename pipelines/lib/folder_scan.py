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
from pipelines.lib.raw_links import link_refusal, refused_sha256
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
    # why the file is listed but never read (a link out of the folder); such a stat never
    # equals a recorded one, so the refusal is judged again on every run
    refused: str | None = None


@dataclass
class Known:
    content_sha256: str
    sidecar: str | None


def stat_files(raw_dir: Path) -> list[tuple[Path, FileStat]]:
    """Every file under the raw folder but the pipeline's own, with its stat, in copy order (one
    directory listing per folder; a sidecar is found among its file's neighbours). A symbolic
    link that is not read (see raw_links) is listed with the reason; a link to a folder inside
    the folder is not followed, as that folder is listed where it is."""
    if not raw_dir.is_dir():
        raise FileNotFoundError(
            f"raw bulletin folder {raw_dir} does not exist (set {settings.RAW_DIR_ENV})"
        )
    log = str(fetch_log_path(raw_dir))
    root = str(raw_dir)
    real_root = os.path.realpath(root)
    seen = {real_root}  # folders listed, by real path: no folder is listed twice, none forever
    out = []
    pending = [root]
    while pending:
        folder = pending.pop()
        entries = _listing(folder)
        for name, entry in entries.items():
            rel = os.path.relpath(entry.path, root).replace(os.sep, "/")
            refused = link_refusal(entry.path, real_root) if entry.is_symlink() else None
            if refused is not None:
                # the link itself is listed, never its target
                stat = _stat(entry, follow_symlinks=False)
                if stat is not None:
                    rel_stat = FileStat(rel, stat.st_size, stat.st_mtime_ns, None, refused)
                    out.append((Path(entry.path), rel_stat))
                continue
            if entry.is_dir(follow_symlinks=False):
                real = os.path.realpath(entry.path)
                if real not in seen:
                    seen.add(real)
                    pending.append(entry.path)
                continue
            if is_bookkeeping(name, entry.path, log) or not _is_file(entry):
                continue
            stat = _stat(entry)
            if stat is None:
                continue
            sidecar_ns = _sidecar_ns(entries.get(name + SIDECAR_SUFFIX), real_root)
            out.append(
                (Path(entry.path), FileStat(rel, stat.st_size, stat.st_mtime_ns, sidecar_ns))
            )
    return sorted(out, key=lambda item: copy_order(item[1].source_file))


def _listing(folder: str) -> dict[str, os.DirEntry]:
    try:
        with os.scandir(folder) as listing:
            return {entry.name: entry for entry in listing}
    except FileNotFoundError:
        return {}  # removed since its parent was listed


def _is_file(entry: os.DirEntry) -> bool:
    """A regular file, or a link inside the folder to one."""
    try:
        return entry.is_file()
    except OSError:
        return False


def _stat(entry: os.DirEntry, follow_symlinks: bool = True) -> os.stat_result | None:
    try:
        return entry.stat(follow_symlinks=follow_symlinks)
    except FileNotFoundError:
        return None  # removed since the folder was listed: it is not there


def _sidecar_ns(sidecar: os.DirEntry | None, real_root: str) -> int | None:
    """The modification time of a file's sidecar, or None: no sidecar, or one that is not read
    (a link out of the folder, listed with its reason on its own)."""
    if sidecar is None or (sidecar.is_symlink() and link_refusal(sidecar.path, real_root)):
        return None
    stat = _stat(sidecar)
    return stat.st_mtime_ns if stat is not None else None


def read_listed(path: Path) -> bytes | None:
    """The bytes of a listed file, or None if it was removed since the folder was listed."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def sidecar_of(path: Path, stat: FileStat) -> str | None:
    """A listed file's sidecar text, if the listing found one that may be read."""
    return read_sidecar(path) if stat.sidecar_modified_ns is not None else None


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


def content_sha256(stat: FileStat, data: bytes | None) -> str:
    """A listed file's content hash: of its bytes, or of its refusal (``data`` None) for a file
    that is not read."""
    if stat.refused is not None:
        return refused_sha256(stat.source_file, stat.refused)
    return hashlib.sha256(data).hexdigest()


def content_of(path: Path, stat: FileStat, known: dict[FileStat, Known]) -> Known | None:
    """A file's content hash and sidecar: as recorded if the file is unchanged, else read now
    (None if it was removed since the folder was listed)."""
    hit = known.get(stat)
    if hit is not None:
        return hit
    if stat.refused is not None:
        return Known(content_sha256(stat, None), None)
    data = read_listed(path)
    if data is None:
        return None
    return Known(content_sha256(stat, data), sidecar_of(path, stat))
