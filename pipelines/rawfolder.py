"""The raw folder: which files are bulletins, in which order, and their metadata sidecars.

Plain Python (no Dagster), shared by the fetch step that writes sidecars, the inventory that says
whether anything changed, the partition plan and the raw asset.
"""

from __future__ import annotations

from pathlib import Path

from . import settings

SIDECAR_SUFFIX = ".meta.json"


def sidecar_path(path: Path) -> Path:
    """Where a bulletin's metadata sidecar (issuer, url, …) is: ``<file>.meta.json``."""
    return path.with_name(path.name + SIDECAR_SUFFIX)


def read_sidecar(path: Path) -> str | None:
    """The JSON text of a bulletin's sidecar, if it has one."""
    sidecar = sidecar_path(path)
    if not sidecar.is_file():
        return None
    return sidecar.read_text(encoding="utf-8", errors="replace")


def bulletin_files(raw_dir: Path) -> list[Path]:
    """The bulletin files under the raw folder, in the order copies are resolved: shallowest first,
    then by path (the first of identical copies is the one loaded)."""
    if not raw_dir.is_dir():
        raise FileNotFoundError(
            f"raw bulletin folder {raw_dir} does not exist (set {settings.RAW_DIR_ENV})"
        )
    files = [
        p
        for p in raw_dir.rglob("*")
        if p.is_file() and p.suffix.lower() in settings.BULLETIN_SUFFIXES
    ]
    return sorted(files, key=lambda p: (len(p.relative_to(raw_dir).parts), str(p)))
