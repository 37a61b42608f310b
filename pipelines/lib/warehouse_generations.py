"""The published warehouse and the generation before it: verified before it is trusted, restored
when it is damaged.

A published file that no longer opens (truncated by a full disk, damaged by a copy) must not make
every later run fail, nor pass for "nothing new". Publishing keeps the previous generation beside
the warehouse (``.warehouse.previous.duckdb``, a hard link to the file being replaced: no copy, and
one warehouse's size on disk while the two differ). A run that finds the published file damaged
moves it aside for inspection (``warehouse.damaged-<time>.duckdb``) and puts the previous generation
in its place if that one is sound; if neither is, it rebuilds from the raw folder, which is always
the source of truth.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import duckdb

from pipelines.lib import inventory


def previous_path(published: Path) -> Path:
    return published.parent / f".{published.stem}.previous{published.suffix}"


def damage(path: Path) -> str | None:
    """Why the warehouse file cannot be trusted, or None if it opens and every table reads."""
    try:
        with duckdb.connect(str(path), read_only=True) as con:
            tables = con.execute(
                "select schema_name, table_name from duckdb_tables() "
                "where database_name = current_database()"
            ).fetchall()
            for schema, table in tables:
                con.execute(f'select count(*) from "{schema}"."{table}"').fetchone()
    except (duckdb.Error, OSError) as exc:
        return str(exc).splitlines()[0]
    return None


def keep_previous(published: Path) -> None:
    """Before a new generation replaces ``published``: keep the current one as the previous."""
    if not published.exists():
        return
    previous = previous_path(published)
    staging = previous.with_name(previous.name + ".new")
    staging.unlink(missing_ok=True)
    try:
        os.link(
            published, staging
        )  # the same bytes, no copy: the rename gives published a new file
    except OSError:  # a file system without hard links
        shutil.copy2(published, staging)
    os.replace(staging, previous)


def restore(published: Path, now: dt.datetime | None = None) -> str | None:
    """If the published warehouse is damaged: move it aside and restore the previous generation
    (or none: the run rebuilds it from the raw folder). Returns what was done, in words, or None
    if it is sound (or absent)."""
    if not published.exists():
        return None
    reason = damage(published)
    if reason is None:
        return None
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    aside = published.with_name(f"{published.stem}.damaged-{stamp}{published.suffix}")
    os.replace(published, aside)
    published.with_name(published.name + ".wal").unlink(missing_ok=True)
    # what the damaged file was built from no longer describes the warehouse
    inventory.inventory_path(published).unlink(missing_ok=True)
    said = f"the published warehouse {published} is damaged ({reason}); moved aside to {aside}"
    previous = previous_path(published)
    if previous.exists() and damage(previous) is None:
        shutil.copy2(previous, published)  # the previous stays a generation of its own
        return (
            f"{said}; the previous generation restored in its place (this run brings it up to date)"
        )
    return f"{said}; no sound earlier generation: the warehouse is rebuilt from the raw folder"
