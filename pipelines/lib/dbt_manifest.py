"""The dbt project's manifest, which the Dagster code location loads the dbt models from.

`make setup` prepares it (``python -m pipelines prepare``: ``dbt parse`` into dbt_project/target)
whenever a file of the dbt project is newer, so that loading the code location only reads it.
"""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

from pipelines.lib import settings

# dbt's target folder (dbt_project.yml: target-path), where dagster-dbt also looks for the
# partial-parse state it copies into each run's own target folder
PREPARED = settings.DBT_PROJECT_DIR / "target"


def _manifest_sources() -> list[Path]:
    root = settings.DBT_PROJECT_DIR
    sources = [root / "dbt_project.yml", root / "profiles.yml"]
    for folder in ("models", "macros", "tests", "analyses"):
        sources.extend(p for p in (root / folder).rglob("*") if p.is_file())
    return sources


def is_stale(manifest: Path) -> bool:
    """True if manifest.json is missing or older than any file that shapes it."""
    if not manifest.exists():
        return True
    built = manifest.stat().st_mtime
    return any(p.stat().st_mtime > built for p in _manifest_sources() if p.exists())


def parse_into(target: Path) -> Path:
    """``dbt parse`` into ``target``, with the profile a run uses (so that the run's dbt can reuse
    the parse); returns the manifest."""
    completed = subprocess.run(
        [
            settings.DBT_EXECUTABLE,
            "parse",
            "--quiet",
            "--profiles-dir",
            str(settings.DBT_PROJECT_DIR),
            "--target-path",
            str(target),
            "--log-path",
            str(target),
            *settings.dbt_vars(settings.build_path(settings.warehouse_path())),
        ],
        cwd=settings.DBT_PROJECT_DIR,
        capture_output=True,
        text=True,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"dbt parse failed:\n{completed.stdout}{completed.stderr}")
    return target / "manifest.json"


def prepare() -> Path:
    """Parse the dbt project into dbt_project/target if its manifest is missing or stale."""
    manifest = PREPARED / "manifest.json"
    return parse_into(PREPARED) if is_stale(manifest) else manifest


def project_hash() -> str:
    """A digest of every file that shapes the dbt project: the marts built with another need a
    full refresh (an incremental mart keeps the rows an older query built)."""
    digest = hashlib.sha256()
    for path in sorted(_manifest_sources()):
        if path.exists():
            digest.update(str(path.relative_to(settings.DBT_PROJECT_DIR)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
