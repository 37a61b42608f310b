"""The raw folder: which files are bulletins, in which order, and their metadata sidecars.

Plain Python (no Dagster), shared by the fetch step that writes sidecars, the inventory that says
whether anything changed, the partition plan and the raw asset.
"""

from __future__ import annotations

import json
from pathlib import Path

SIDECAR_SUFFIX = ".meta.json"
FETCH_LOG_NAME = "fetch_log.jsonl"
FETCHED_DIR = "fetched"  # where the fetch step saves, one folder per host, and logs


def sidecar_path(path: Path) -> Path:
    """Where a bulletin's metadata sidecar (issuer, url, …) is: ``<file>.meta.json``."""
    return path.with_name(path.name + SIDECAR_SUFFIX)


def read_sidecar(path: Path) -> str | None:
    """The JSON text of a bulletin's sidecar, if it has one."""
    try:
        return sidecar_path(path).read_text(encoding="utf-8", errors="replace")
    except (FileNotFoundError, IsADirectoryError):
        return None  # none, or removed since the folder was listed


def fetched_dir(raw_dir: Path) -> Path:
    return raw_dir / FETCHED_DIR


def fetch_log_path(raw_dir: Path) -> Path:
    return fetched_dir(raw_dir) / FETCH_LOG_NAME


def is_bookkeeping(name: str, path: str, fetch_log: str) -> bool:
    """The pipeline's own files in the raw folder: metadata sidecars and the fetch log."""
    return name.endswith(SIDECAR_SUFFIX) or path == fetch_log


def copy_order(source_file: str) -> tuple[int, str]:
    """Which of byte-identical copies is the bulletin: the one nearest the top of the raw folder,
    then the first by path (``source_file`` relative to the folder)."""
    return source_file.count("/"), source_file


def sidecar_field(sidecar: str | None, name: str):
    """A field of a sidecar's JSON text, or None (no sidecar, not JSON, no such field)."""
    if not sidecar:
        return None
    try:
        return json.loads(sidecar).get(name)
    except (ValueError, AttributeError):
        return None


def page_in(sidecar: str | None) -> str | None:
    """The page a fetched attachment came from (its sidecar's ``page``, relative to the raw
    folder), or None for a file that is not an attachment."""
    page = sidecar_field(sidecar, "page")
    return str(page) if page else None
