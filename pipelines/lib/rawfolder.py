"""The raw folder: which files are bulletins, in which order, and their metadata sidecars.

Plain Python (no Dagster), shared by the fetch step that writes sidecars, the inventory that says
whether anything changed, the partition plan and the raw asset.
"""

from __future__ import annotations

from pathlib import Path

from pipelines.lib import settings

SIDECAR_SUFFIX = ".meta.json"
FETCH_LOG_NAME = "fetch_log.jsonl"


def sidecar_path(path: Path) -> Path:
    """Where a bulletin's metadata sidecar (issuer, url, …) is: ``<file>.meta.json``."""
    return path.with_name(path.name + SIDECAR_SUFFIX)


def read_sidecar(path: Path) -> str | None:
    """The JSON text of a bulletin's sidecar, if it has one."""
    sidecar = sidecar_path(path)
    if not sidecar.is_file():
        return None
    return sidecar.read_text(encoding="utf-8", errors="replace")


def fetch_log_path(raw_dir: Path) -> Path:
    return raw_dir / "fetched" / FETCH_LOG_NAME


def is_bookkeeping(path: Path, raw_dir: Path) -> bool:
    """The pipeline's own files in the raw folder: metadata sidecars and the fetch log."""
    return path.name.endswith(SIDECAR_SUFFIX) or path == fetch_log_path(raw_dir)


def copy_order(source_file: str) -> tuple[int, str]:
    """Which of byte-identical copies is the bulletin: the one nearest the top of the raw folder,
    then the first by path (``source_file`` relative to the folder)."""
    return source_file.count("/"), source_file


def page_of(path: Path) -> str | None:
    """The page a fetched attachment came from (its sidecar's ``page``, relative to the raw
    folder), or None for a file that is not an attachment."""
    import json

    text = read_sidecar(path)
    if not text:
        return None
    try:
        page = json.loads(text).get("page")
    except (ValueError, AttributeError):
        return None
    return str(page) if page else None


def bulletin_files(raw_dir: Path) -> list[Path]:
    """Every file under the raw folder but the pipeline's own (sidecars, the fetch log): each is a
    bulletin or a rejected file, never skipped. In the order copies are resolved: shallowest first,
    then by path (the first of identical copies is the one loaded)."""
    if not raw_dir.is_dir():
        raise FileNotFoundError(
            f"raw bulletin folder {raw_dir} does not exist (set {settings.RAW_DIR_ENV})"
        )
    from pipelines.lib.folder_scan import stat_files

    return [path for path, _ in stat_files(raw_dir)]
