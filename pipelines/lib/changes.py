"""What a run changed in the parsed tables: the bulletins and task ids a run's dbt and checks read.

The incremental marts rebuild the rows of the bulletins a run parsed, removed or gave new task
ids (``fact_metric_identity``, ``fact_target_attainment``), and the ``dim_task`` rows of the task
ids they had or have, nothing else; dbt's tests and the checks read the changed bulletins' rows. The parse
steps record those here, in two tables beside the parsed tables; dbt reads them as sources. They
are emptied when a run starts writing, so they always hold the changes of the latest run.

Task ids are assigned per issuer's year, so only the (issuer, year) groups a changed bulletin
belongs to are assigned again (:func:`reassign_task_ids`).
"""

from __future__ import annotations

from pipelines.lib.parsing.task_ids import TaskRef, assign_task_ids, infer_issuers
from pipelines.lib.warehouse import create_table, temp_table

SCHEMA = "parsed"
CHANGE_TABLES: dict[str, dict[str, str]] = {
    "changed_bulletins": {"bulletin_id": "varchar"},
    "changed_tasks": {"task_id": "varchar"},
    "changed_groups": {"issuer": "varchar", "year": "integer"},  # issuer's years, for task ids
    "full_refresh": {"reason": "varchar"},  # why every mart must be rebuilt in full, if it must
}
# kept from run to run: the dbt project the marts were last built with
STATE_TABLE = "built_with"


def ensure_tables(con) -> None:
    for name, columns in {**CHANGE_TABLES, STATE_TABLE: {"dbt_project": "varchar"}}.items():
        create_table(con, SCHEMA, name, columns, if_missing=True)


def start(con) -> None:
    """A run starts writing: forget the changes of the previous run (already in the marts)."""
    ensure_tables(con)
    for name in CHANGE_TABLES:
        con.execute(f"delete from {SCHEMA}.{name}")


def record_bulletins(con, bulletin_ids_sql: str, params=None) -> None:
    """The bulletins that ``bulletin_ids_sql`` selects (one column) changed, with their tasks as
    they are now in the parsed tables (their old task ids, before a delete; their new ones, after)."""
    con.execute(
        f"create or replace temp table _changing as select distinct * from ({bulletin_ids_sql})",
        params or [],
    )
    con.execute(
        f"insert into {SCHEMA}.changed_bulletins select * from _changing "
        f"except select bulletin_id from {SCHEMA}.changed_bulletins"
    )
    con.execute(
        f"insert into {SCHEMA}.changed_groups select distinct issuer, year from {SCHEMA}.bulletins "
        "where bulletin_id in (select * from _changing) "
        f"except select issuer, year from {SCHEMA}.changed_groups"
    )
    con.execute(
        f"insert into {SCHEMA}.changed_tasks select distinct task_id from {SCHEMA}.tasks "
        "where bulletin_id in (select * from _changing) and task_id is not null "
        f"except select task_id from {SCHEMA}.changed_tasks"
    )


def request_full_refresh(con, reason: str) -> None:
    """Every mart must be rebuilt in full (say, the parsed tables were created anew)."""
    con.execute(f"insert into {SCHEMA}.full_refresh values (?)", [reason])


def full_refresh_reasons(con, dbt_project: str) -> list[str]:
    """Why this run's dbt must rebuild every mart in full: a request of the run, or a dbt project
    other than the one the marts were built with (a model's SQL changed; rows built by the older
    SQL would stay beside the new)."""
    ensure_tables(con)
    reasons = [r for (r,) in con.execute(f"select reason from {SCHEMA}.full_refresh").fetchall()]
    built = con.execute(f"select dbt_project from {SCHEMA}.{STATE_TABLE}").fetchone()
    if built is None or built[0] != dbt_project:
        reasons.append("the dbt project differs from the one the marts were built with")
    return reasons


def record_build(con, dbt_project: str) -> None:
    """The marts are now built with this dbt project."""
    con.execute(f"delete from {SCHEMA}.{STATE_TABLE}")
    con.execute(f"insert into {SCHEMA}.{STATE_TABLE} values (?)", [dbt_project])


def _by_bulletin(rows) -> list[tuple[str | None, int | None, list[TaskRef]]]:
    """Task rows (bulletin id, seq, text, issuer, year), in bulletin order, as the bulletins
    infer_issuers and assign_task_ids take: (issuer, year, tasks)."""
    bulletins: list[tuple[str | None, int | None, list[TaskRef]]] = []
    last = None
    for bulletin_id, seq, text, issuer, year in rows:
        if bulletin_id != last:
            bulletins.append((issuer, year, []))
            last = bulletin_id
        bulletins[-1][2].append(TaskRef(bulletin_id, seq, text))
    return bulletins


def _name_unnamed_bulletins(con) -> None:
    """A bulletin of a touched year that names no issuer takes the issuer whose bulletins of that
    year list its tasks (:func:`infer_issuers`); it is then a changed bulletin of that issuer's
    year. Only the years with such a bulletin are read."""
    rows = con.execute(
        f"""
        with years as (
            select distinct b.year from {SCHEMA}.bulletins b
            where b.issuer is null and b.year in (select year from {SCHEMA}.changed_groups)
        )
        select t.bulletin_id, t.task_seq, t.task_text, b.issuer, b.year
        from {SCHEMA}.tasks t join {SCHEMA}.bulletins b using (bulletin_id)
        where b.year in (select year from years)
        order by b.period_end nulls last, b.bulletin_id, t.task_seq
        """
    ).fetchall()
    bulletins = _by_bulletin(rows)
    named = [
        (b[2][0].bulletin_id, issuer)
        for b, issuer in zip(bulletins, infer_issuers(bulletins), strict=True)
        if issuer != b[0]
    ]
    for bulletin_id, issuer in named:
        record_bulletins(con, "select ?", [bulletin_id])  # its old task ids
        con.execute(
            f"update {SCHEMA}.bulletins set issuer = ? where bulletin_id = ?", [issuer, bulletin_id]
        )
        con.execute(
            f"update {SCHEMA}.tasks set issuer = ? where bulletin_id = ?", [issuer, bulletin_id]
        )
        record_bulletins(con, "select ?", [bulletin_id])  # and its issuer's year, now touched


def _touched_rows(con) -> list[tuple]:
    """The tasks of the (issuer, year) groups a changed bulletin belongs to, in period order."""
    return con.execute(
        f"""
        select t.bulletin_id, t.task_seq, t.task_text, t.task_id, b.issuer, b.year
        from {SCHEMA}.tasks t join {SCHEMA}.bulletins b using (bulletin_id)
        where exists (
            select 1 from {SCHEMA}.changed_groups g
            where g.issuer is not distinct from b.issuer and g.year is not distinct from b.year
        )
        order by b.period_end nulls last, b.bulletin_id, t.task_seq
        """
    ).fetchall()


def reassign_task_ids(con) -> int:
    """Task ids across the bulletins of each issuer's year the run touched (a new bulletin can
    continue the tasks of earlier ones, and a removed one can change which text an id keeps).
    Bulletins whose issuer or task ids change are recorded as changed. Returns how many tasks
    changed id."""
    _name_unnamed_bulletins(con)
    rows = _touched_rows(con)
    current = {(bulletin_id, seq): task_id for bulletin_id, seq, _, task_id, _, _ in rows}
    bulletins = _by_bulletin(
        [(b, seq, text, issuer, year) for b, seq, text, _, issuer, year in rows]
    )
    ids = assign_task_ids(bulletins)
    changed = [(b, s, i) for (b, s), i in ids.items() if current.get((b, s)) != i]
    temp_table(
        con,
        "_task_ids",
        {"bulletin_id": "varchar", "task_seq": "integer", "task_id": "varchar"},
        {
            name: [row[i] for row in changed]
            for i, name in enumerate(["bulletin_id", "task_seq", "task_id"])
        },
    )
    record_bulletins(con, "select bulletin_id from _task_ids")  # with their old task ids
    con.execute(
        f"update {SCHEMA}.tasks t set task_id = n.task_id from _task_ids n "
        "where t.bulletin_id = n.bulletin_id and t.task_seq = n.task_seq"
    )
    # the new task ids of every changed bulletin
    con.execute(
        f"insert into {SCHEMA}.changed_tasks select distinct task_id from {SCHEMA}.tasks "
        f"where bulletin_id in (select bulletin_id from {SCHEMA}.changed_bulletins) "
        f"and task_id is not null except select task_id from {SCHEMA}.changed_tasks"
    )
    return len(changed)
