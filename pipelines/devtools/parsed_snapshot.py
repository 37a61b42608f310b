"""The parsed rows of the seed and of every test fixture: a snapshot the parser is compared with.

``tests/snapshots/parsed_rows.json`` holds what the parser produces from these files, and
tests/test_parsed_snapshot.py parses them again and compares, row for row, so that a change of
the parser's structure or speed that changes no row is seen to change none.

The files take a run's path, without Dagster: copied into a raw folder, read by the raw step's
code (raw_table.update_raw_table: the same listing, decoding, sidecars and pages) into an
in-memory DuckDB, parsed by the parse step's code (parse_in_batches), written to the parsed
tables with their declared types, and given task ids across them as the parsed/<table> asset
does (changes.reassign_task_ids). ``python -m pipelines snapshot --write PATH`` takes it anew,
``--check PATH`` compares (snapshot_diff.py says how rows differ).
"""

from __future__ import annotations

import json
import math
import shutil
import tempfile
from datetime import date, datetime
from pathlib import Path

import duckdb

from pipelines.lib import changes, parsed_store
from pipelines.lib.parse_batches import parse_in_batches
from pipelines.lib.parsing.corpus import PARSER_VERSION, RawRecord
from pipelines.lib.parsing.rows import PARSED_SCHEMAS, frames
from pipelines.lib.raw_table import RECORDS_SQL, update_raw_table
from pipelines.lib.warehouse import insert_rows

ROOT = Path(__file__).resolve().parents[2]
SNAPSHOT = ROOT / "tests" / "snapshots" / "parsed_rows.json"
# the seed by name, not data/raw/*: data/raw is the folder `make run` reads by default, where an
# operator may keep bulletins of their own, and the snapshot must be the same in every checkout
SEED = "data/raw/zhejiang_jingxin_2020_q3_progress.txt"
FIXTURES = "tests/fixtures"

# Each table's rows are sorted by these columns (then by the whole row), and a differing row is
# named by them.
KEYS: dict[str, tuple[str, ...]] = {
    "bulletins": ("bulletin_id",),
    "tasks": ("bulletin_id", "task_seq"),
    "progress_items": ("bulletin_id", "task_seq", "item_index"),
    "figures": ("bulletin_id", "figure_no"),
    "identities": ("bulletin_id", "identity_no"),
    "target_links": ("bulletin_id", "task_seq", "target_figure_no"),
    "rejected_files": ("source_file",),
}

# parse_key is "<content sha>|<sidecar issuer>|<parser version>", and the parser version is a
# hash of the parsing code (corpus.PARSER_VERSION): it changes with every edit of a parsing
# module, whatever the rows. It is written as this placeholder; the rest of the key is kept.
PARSER_VERSION_MARK = "<parser version>"


def snapshot_files(root: Path = ROOT) -> list[str]:
    """The files of the snapshot, relative to ``root``: the seed and every file under
    tests/fixtures (sidecars included: the raw step reads them with their file), but the
    fixtures' own generators (make_attachments.py: not input, and editing it is no parser change)
    and Python's byte-code caches."""
    fixtures = [
        p.relative_to(root).as_posix()
        for p in (root / FIXTURES).rglob("*")
        if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts
    ]
    return sorted([SEED, *fixtures])


def parsed_rows(root: Path = ROOT, files: list[str] | None = None) -> dict:
    """The snapshot of ``files`` (default: snapshot_files()): the files, and each parsed table's
    rows as plain JSON values, sorted."""
    files = snapshot_files(root) if files is None else files
    with tempfile.TemporaryDirectory(prefix="parsed-snapshot-") as folder:
        raw = Path(folder) / "raw"
        for name in files:
            # copied, not linked: the raw step refuses a link out of its folder
            (raw / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(root / name, raw / name)
        with duckdb.connect(":memory:") as con:
            tables = _parse_folder(con, raw)
    return {"files": files, "tables": tables}


def _parse_folder(con, raw: Path) -> dict[str, list[dict]]:
    """The raw step, the parse step and the task ids of a run on ``raw``, into ``con``."""
    update_raw_table(con, raw)
    records = [RawRecord(*row) for row in con.execute(RECORDS_SQL).fetchall()]
    parsed_store.ensure_parsed_tables(con)
    changes.start(con)
    for result, _ in parse_in_batches(records, cached={}):
        for name, df in frames(result.rows).items():
            insert_rows(con, "parsed", name, df, PARSED_SCHEMAS[name])
    # as the parsed/<table> asset does after the parse: every bulletin is new, so every
    # issuer's year is touched and gets its task ids (and a bulletin naming no issuer its issuer)
    changes.record_bulletins(con, "select bulletin_id from parsed.bulletins")
    changes.reassign_task_ids(con)
    return {name: _table_rows(con, name) for name in PARSED_SCHEMAS}


def _table_rows(con, name: str) -> list[dict]:
    """A parsed table's rows as stored (DuckDB's types), as JSON values, in KEYS order."""
    cursor = con.execute(f"select * from parsed.{name}")
    columns = [d[0] for d in cursor.description]
    rows = [
        {c: _plain(c, v) for c, v in zip(columns, row, strict=True)} for row in cursor.fetchall()
    ]
    return sorted(rows, key=lambda row: row_order(name, row))


def _plain(column: str, value):
    """A stored value as JSON writes and reads it back unchanged."""
    if column == "parse_key" and isinstance(value, str) and value.endswith(PARSER_VERSION):
        return value[: -len(PARSER_VERSION)] + PARSER_VERSION_MARK
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)  # JSON has no NaN, and NaN equals nothing, itself included
    if isinstance(value, list | tuple):
        return [_plain(column, v) for v in value]
    return value


def row_order(table: str, row: dict) -> tuple:
    """A row's place: its key (None first), then the whole row, for rows with the same key."""
    key = tuple((v is not None, v) if v is not None else (False, 0) for v in row_key(table, row))
    return key, json.dumps(row, sort_keys=True, ensure_ascii=False)


def row_key(table: str, row: dict) -> tuple:
    return tuple(row.get(column) for column in KEYS[table])


def write(snapshot: dict, path: Path) -> None:
    """The snapshot as JSON: keys sorted, a field a line (a change of rows is a readable diff),
    floats as json writes them (they read back the same)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(snapshot, sort_keys=True, ensure_ascii=False, indent=1)
    path.write_text(text + "\n", encoding="utf-8")


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def counts(snapshot: dict) -> dict[str, int]:
    return {name: len(rows) for name, rows in snapshot["tables"].items()}
