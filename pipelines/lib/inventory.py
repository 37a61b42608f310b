"""What a run read: the raw folder's files (name, size, modification time) and the pipeline's code.

Written beside the published warehouse when it is published; a run that finds the same inventory
has nothing new to do, and says so without starting Dagster or dbt.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from pipelines.lib import settings
from pipelines.lib.folder_scan import stat_files
from pipelines.lib.rawfolder import sidecar_path

_CODE_ROOTS = ("pipelines", "dbt_project/models", "dbt_project/macros", "dbt_project/tests")


def inventory_path(published: Path) -> Path:
    return published.parent / f".{published.stem}.inventory.json"


def code_version() -> str:
    digest = hashlib.sha256()
    for root in _CODE_ROOTS:
        for path in sorted((settings.PROJECT_ROOT / root).rglob("*")):
            if path.is_file() and path.suffix in (".py", ".sql", ".yml"):
                digest.update(str(path.relative_to(settings.PROJECT_ROOT)).encode())
                digest.update(path.read_bytes())
    digest.update((settings.DBT_PROJECT_DIR / "dbt_project.yml").read_bytes())
    return digest.hexdigest()[:16]


def inventory(raw_dir: Path) -> dict:
    """The bulletin files and their sidecars: path, size and modification time of each."""
    files = []
    if raw_dir.is_dir():
        for path, stat in stat_files(raw_dir):
            files.append([stat.source_file, stat.size, stat.modified_ns])
            if stat.sidecar_modified_ns is not None:
                sidecar = sidecar_path(path)
                try:
                    size = sidecar.stat().st_size
                except FileNotFoundError:
                    continue  # removed since the folder was listed
                rel = str(sidecar.relative_to(raw_dir))
                files.append([rel, size, stat.sidecar_modified_ns])
    return {
        "raw_dir": str(raw_dir),
        "code": code_version(),
        "exceptions": _exceptions_version(),
        "files": files,
    }


def _exceptions_version() -> str | None:
    """The accepted exceptions: an entry added or removed changes what a run publishes."""
    path = settings.exceptions_path()
    if not path.exists():
        return None
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def record(published: Path, snapshot: dict) -> None:
    """Remember what the published warehouse was built from (the inventory its run read)."""
    inventory_path(published).write_text(json.dumps(snapshot), encoding="utf-8")


def unchanged_since_publish(published: Path, raw_dir: Path) -> int | None:
    """The number of files if the published warehouse was built from exactly what is there now."""
    path = inventory_path(published)
    if not published.exists() or not path.exists():
        return None
    try:
        previous = json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        return None
    current = inventory(raw_dir)
    return len(current["files"]) if previous == current else None


def fingerprint(raw_dir: Path) -> str:
    """A short digest of the folder's inventory and the code (same state, same digest)."""
    return hashlib.sha256(json.dumps(inventory(raw_dir), sort_keys=True).encode()).hexdigest()[:16]
