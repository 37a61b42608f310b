"""The quarantine's statuses in the warehouse (schema ``quality``), kept from run to run.

``quality.bulletin_status`` has a row for each bulletin that is held back or published as
accepted, ``quality.bulletin_failures`` the failing rows behind it. The staging models leave out
the bulletins held back (dbt_project/macros/held_back.sql), so no mart shows their rows; the
``quarantined_bulletins`` mart shows them instead. Every run checks them again (recorded as changed,
:func:`start_recheck`): while it does, ``rechecking`` is set and the marts show them, so that the
checks judge them; the checks' decision clears it.
"""

from __future__ import annotations

import datetime as dt

from pipelines.lib import changes
from pipelines.lib.quarantine import Decision, Failure, Status
from pipelines.lib.warehouse import create_table, temp_table

SCHEMA = "quality"
STATUS_COLUMNS = {
    "bulletin_id": "varchar",
    "source_file": "varchar",
    "content_sha256": "varchar",
    "status": "varchar",
    "rechecking": "boolean",
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
    """Every bulletin held back or accepted is checked again by this run (recorded as changed, so
    the incremental marts rebuild its rows and the checks read them): a fixed parser or an edited
    exceptions file shows in the next run, whatever else it does. Statuses of bulletins whose files
    are gone are dropped. Returns how many are checked again."""
    ensure_tables(con)
    con.execute(
        f"delete from {SCHEMA}.bulletin_status "
        "where bulletin_id not in (select bulletin_id from parsed.bulletins)"
    )
    con.execute(
        f"delete from {SCHEMA}.bulletin_failures "
        f"where bulletin_id not in (select bulletin_id from {SCHEMA}.bulletin_status)"
    )
    changes.record_bulletins(con, f"select bulletin_id from {SCHEMA}.bulletin_status")
    (n,) = con.execute(f"update {SCHEMA}.bulletin_status set rechecking = true").fetchone()
    return n


def unchecked(con) -> list[str]:
    """Bulletins held back or accepted that this run has not judged yet (its checks did not run)."""
    ensure_tables(con)
    return [
        r[0]
        for r in con.execute(
            f"select source_file from {SCHEMA}.bulletin_status where rechecking order by 1"
        ).fetchall()
    ]


def held_back_now(con) -> list[str]:
    """The bulletins held back by the latest checks (this run's): the marts this run built hold
    their rows, which must go."""
    ensure_tables(con)
    return [
        r[0]
        for r in con.execute(
            f"select bulletin_id from {SCHEMA}.bulletin_status where status = 'held_back' "
            f"and checked_at = (select max(checked_at) from {SCHEMA}.bulletin_status)"
        ).fetchall()
    ]


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
            checked_at=checked_at,
        )
        for b, f, sha, status, since, exception, checked_at in con.execute(
            f"select bulletin_id, source_file, content_sha256, status, since, exception, "
            f"checked_at from {SCHEMA}.bulletin_status order by bulletin_id"
        ).fetchall()
    ]


def write(con, decision: Decision, checked_at: dt.datetime) -> None:
    """Replace the statuses with the decision's (in one transaction): those it judged now are
    stamped ``checked_at``, the others keep when they were last checked."""
    ensure_tables(con)
    rows = decision.statuses
    con.execute("begin")
    for name in TABLES:
        con.execute(f"delete from {SCHEMA}.{name}")
    _insert(
        con,
        "bulletin_status",
        [
            (s.bulletin_id, s.source_file, s.content_sha256, s.status, False, s.since)
            + (s.checked_at or checked_at, s.exception or None)
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
