"""Bulletins as Dagster partitions: one dynamic partition per distinct bulletin content.

A bulletin's partition key is the first 16 hex digits of the SHA-256 of its bytes: byte-identical
copies share one partition, and a changed page (a new version saved by the fetch step) is a new
partition. :func:`plan_run` brings the registered partitions in line with the raw folder and says
which of them a run must process, as one partition range for a single run: those whose parsed rows
are not in the published warehouse (new content, a new parser, another sidecar issuer) or whose
files differ from the ones it was built from (a copy added or removed).

Used by the command line (`python -m pipelines run`), the sensors and the tests alike.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

import dagster as dg
import duckdb

from pipelines.lib import inventory, settings
from pipelines.lib.folder_scan import content_of, known_files, stat_files
from pipelines.lib.parsing.bulletin import bulletin_id_for
from pipelines.lib.parsing.corpus import parse_key

BULLETINS = dg.DynamicPartitionsDefinition(name="bulletins")

log = logging.getLogger(__name__)

# The tags that make a run cover a range of partitions (processed together, in one step each).
RANGE_START_TAG = "dagster/asset_partition_range_start"
RANGE_END_TAG = "dagster/asset_partition_range_end"
PARTITION_TAG = "dagster/partition"
# on a run: parse its bulletins again even where rows parsed by the same parser exist
REPARSE_TAG = "bulletins/reparse"
# dbt rebuilds every mart in full (instead of the changed bulletins' rows)
FULL_REFRESH_TAG = "bulletins/full_refresh"
# the checks read every row of the marts (instead of the changed bulletins' rows)
FULL_CHECKS_TAG = "bulletins/full_checks"
# on a run: the raw folder it read and the warehouse it wrote (shown in the UI's runs list)
RAW_DIR_TAG = "bulletins/raw_dir"
WAREHOUSE_TAG = "bulletins/warehouse"


# A bulletin's partition key is its bulletin id.
key_of = bulletin_id_for


@dataclass(frozen=True)
class FolderFile:
    source_file: str  # path relative to the raw folder
    content_sha256: str
    sidecar: str | None  # JSON text of <file>.meta.json, if any

    @property
    def key(self) -> str:
        return key_of(self.content_sha256)


def scan(raw_dir: Path, published: Path | None = None) -> list[FolderFile]:
    """Every bulletin file with its content hash and sidecar. Files unchanged since the published
    warehouse recorded them (path, size, modification time, sidecar's) are not read again."""
    known = known_files(published) if published else {}
    out = []
    for path, stat in stat_files(raw_dir):
        content = content_of(path, stat, known)
        if content is None:
            log.warning(
                f"{stat.source_file}: removed from the raw folder while it was read: skipped"
            )
            continue
        out.append(FolderFile(stat.source_file, content.content_sha256, content.sidecar))
    return out


@dataclass
class Published:
    """What the published warehouse was built from: parse keys, and the files of each partition."""

    parse_keys: set[str] = field(default_factory=set)
    files: dict[str, set[tuple[str, str | None]]] = field(default_factory=dict)


def published_state(published: Path) -> Published:
    state = Published()
    if not published.exists():
        return state
    try:
        with duckdb.connect(str(published), read_only=True) as con:
            state.parse_keys = {
                r[0]
                for r in con.execute(
                    "select parse_key from parsed.bulletins where parse_key is not null "
                    "union select parse_key from parsed.rejected_files where parse_key is not null"
                ).fetchall()
            }
            for key, source_file, sidecar in con.execute(
                "select partition_key, source_file, sidecar from raw.bulletin_files"
            ).fetchall():
                state.files.setdefault(key, set()).add((source_file, sidecar))
    except duckdb.Error:
        return Published()  # an older layout: everything is processed again
    return state


@dataclass
class RunPlan:
    """What a run over the raw folder has to do."""

    keys: list[str]  # every bulletin partition, in partition order
    added: list[str] = field(default_factory=list)  # partitions registered now
    removed: list[str] = field(default_factory=list)  # partitions whose files are gone
    pending: list[str] = field(default_factory=list)  # partitions to process (not current)
    stale: bool = False  # the published warehouse differs from the folder or the code (or
    # partitions are pending, which also makes it differ)
    force: bool = False  # every partition, parsed again
    raw_dir: Path | None = None
    warehouse: Path | None = None

    @property
    def run_keys(self) -> list[str]:
        """The partitions the run covers: from the first to the last pending one (those in
        between whose rows are current are reused, not parsed). When nothing is to be parsed but the
        warehouse is stale (files removed, copies added, dbt models changed), the newest partition:
        its rows are reused and the marts rebuilt."""
        if self.pending:
            first, last = self.keys.index(self.pending[0]), self.keys.index(self.pending[-1])
            return self.keys[first : last + 1]
        if self.stale and self.keys:
            return self.keys[-1:]
        return []

    def tags(self) -> dict[str, str]:
        keys = self.run_keys
        if not keys:
            return {}
        where = {RAW_DIR_TAG: str(self.raw_dir), WAREHOUSE_TAG: str(self.warehouse)}
        tags = {k: v for k, v in where.items() if v != "None"}
        # forced: everything parsed again, every mart rebuilt in full and checked in full
        if self.force:
            tags |= {REPARSE_TAG: "true", FULL_REFRESH_TAG: "true", FULL_CHECKS_TAG: "true"}
        if len(keys) == 1:
            return {**tags, PARTITION_TAG: keys[0]}
        return {**tags, RANGE_START_TAG: keys[0], RANGE_END_TAG: keys[-1]}

    def summary(self) -> str:
        return (
            f"{len(self.keys)} bulletins: {len(self.pending)} to process, "
            f"{len(self.added)} new partitions, {len(self.removed)} removed"
        )


def plan_run(
    instance: dg.DagsterInstance,
    raw_dir: Path | None = None,
    published: Path | None = None,
    force: bool = False,
) -> RunPlan:
    """Register the folder's bulletins as partitions (and drop those whose files are gone), and say
    which partitions a run must process (``force``: all of them, parsed again)."""

    raw_dir = raw_dir or settings.raw_dir()
    published = published or settings.warehouse_path()
    files = scan(raw_dir, None if force else published)
    primary: dict[str, FolderFile] = {}
    for f in files:
        primary.setdefault(f.key, f)
    registered = instance.get_dynamic_partitions(BULLETINS.name)
    removed = [k for k in registered if k not in primary]
    for key in removed:
        instance.delete_dynamic_partition(BULLETINS.name, key)
    known = set(registered)
    added = [k for k in primary if k not in known]
    if added:
        instance.add_dynamic_partitions(BULLETINS.name, added)
    order = [k for k in instance.get_dynamic_partitions(BULLETINS.name) if k in primary]
    state = Published() if force else published_state(published)
    copies: dict[str, set[tuple[str, str | None]]] = {}
    for f in files:
        copies.setdefault(f.key, set()).add((f.source_file, f.sidecar))
    pending = [
        k
        for k in order
        if parse_key(primary[k].content_sha256, primary[k].sidecar) not in state.parse_keys
        or copies[k] != state.files.get(k)
    ]
    # whether anything else changed matters only when no bulletin is to be parsed (an inventory
    # of the folder costs a listing of every file)
    stale = force or bool(pending) or inventory.unchanged_since_publish(published, raw_dir) is None
    return RunPlan(
        keys=order,
        added=added,
        removed=removed,
        pending=pending,
        stale=stale,
        force=force,
        raw_dir=raw_dir,
        warehouse=published,
    )
