"""The quarantine's statuses in the warehouse (schema ``quality``), kept from run to run.

``quality.bulletin_status`` has a row for each bulletin that is held back or published as
accepted, ``quality.bulletin_failures`` the failing rows behind it. The staging models leave out
the bulletins held back (dbt_project/macros/held_back.sql), so no mart shows their rows; the
``quarantined_bulletins`` mart shows them instead. A run that parses or reuses a bulletin checks
it again: its status is ``rechecking`` until the run's checks decide (:func:`start_recheck`).
"""

from __future__ import annotations

import datetime as dt

import duckdb

from pipelines.lib.quarantine import RECHECKING, Decision, Failure, Status
from pipelines.lib.warehouse import create_table, temp_table

SCHEMA = "quality"
STATUS_COLUMNS = {
    "bulletin_id": "varchar",
    "source_file": "varchar",
    "content_sha256": "varchar",
    "status": "varchar",
    "since": "timestamp",
    "checked_at": "timestamp",
    "exception": "varchar",
}
FAILURE_COLUMNS = {
    "bulletin_id": "varchar",
    "check_name": "varchar",
    "task": "varchar",
    "failure": "varchar",
    "sentence": "varchar",
}
TABLES = {"bulletin_status": STATUS_COLUMNS, "bulletin_failures": FAILURE_COLUMNS}


def ensure_tables(con) -> None:
    for name, columns in TABLES.items():
        create_table(con, SCHEMA, name, columns, if_missing=True)


def start_recheck(con) -> int:
    """The bulletins this run changed (parsed, reused, renumbered) are checked again: shown in the
    marts until the checks decide. Statuses of bulletins whose files are gone are dropped."""
    ensure_tables(con)
    con.execute(
        f"delete from {SCHEMA}.bulletin_status "
        "where bulletin_id not in (select bulletin_id from parsed.bulletins)"
    )
    con.execute(
        f"delete from {SCHEMA}.bulletin_failures "
        f"where bulletin_id not in (select bulletin_id from {SCHEMA}.bulletin_status)"
    )
    (n,) = con.execute(
        f"update {SCHEMA}.bulletin_status set status = ? "
        "where bulletin_id in (select bulletin_id from parsed.changed_bulletins)",
        [RECHECKING],
    ).fetchone()
    return n


def statuses(con) -> list[Status]:
    """Every bulletin that is not simply published, with its failing rows."""
    ensure_tables(con)
    failures: dict[str, list[Failure]] = {}
    for bulletin_id, check, task, failure, sentence, source_file, sha in con.execute(
        f"select f.bulletin_id, f.check_name, f.task, f.failure, f.sentence, s.source_file, "
        f"s.content_sha256 from {SCHEMA}.bulletin_failures f "
        f"join {SCHEMA}.bulletin_status s using (bulletin_id) order by all"
    ).fetchall():
        failures.setdefault(bulletin_id, []).append(
            Failure(bulletin_id, source_file, sha, check, task, failure, sentence)
        )
    return [
        Status(
            bulletin_id=b,
            source_file=f,
            content_sha256=sha,
            status=status,
            since=since,
            failures=tuple(failures.get(b, ())),
            exception=exception or "",
        )
        for b, f, sha, status, since, exception in con.execute(
            f"select bulletin_id, source_file, content_sha256, status, since, exception "
            f"from {SCHEMA}.bulletin_status order by bulletin_id"
        ).fetchall()
    ]


def write(con, decision: Decision, checked_at: dt.datetime) -> None:
    """Replace the statuses with the decision's (in one transaction)."""
    ensure_tables(con)
    rows = decision.statuses
    con.execute("begin")
    for name in TABLES:
        con.execute(f"delete from {SCHEMA}.{name}")
    _insert(
        con,
        "bulletin_status",
        [
            (s.bulletin_id, s.source_file, s.content_sha256, s.status, s.since, checked_at)
            + (s.exception or None,)
            for s in rows
        ],
    )
    _insert(
        con,
        "bulletin_failures",
        [(f.bulletin_id, f.check, f.task, f.failure, f.sentence) for s in rows for f in s.failures],
    )
    con.execute("commit")


def _insert(con, table: str, rows: list[tuple]) -> None:
    """Append ``rows`` (tuples in the table's column order) to a table of the schema."""
    columns = TABLES[table]
    temp_table(con, "_rows", columns, {c: [r[i] for r in rows] for i, c in enumerate(columns)})
    con.execute(f"insert into {SCHEMA}.{table} select * from _rows")


def keys_to_recheck(con) -> set[str]:
    """The bulletins every run checks again (held back or accepted): a fix of the parser, or an
    exceptions file edited, shows in the next run. Their partition key is their bulletin id."""
    try:
        return {
            r[0]
            for r in con.execute(f"select bulletin_id from {SCHEMA}.bulletin_status").fetchall()
        }
    except duckdb.CatalogException:  # a warehouse from before the quarantine: none held back
        return set()
