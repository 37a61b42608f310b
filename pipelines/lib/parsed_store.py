"""The parsed tables in the warehouse: created (and rebuilt when the parser's columns change),
the earlier rows of a run's bulletins, and deleting a set of bulletins' rows. Plain DuckDB, no
Dagster: the parse assets (pipelines/defs/parse) call these."""

from __future__ import annotations

from pipelines.lib import changes
from pipelines.lib.parsing.bulletin import KEY_LENGTH
from pipelines.lib.parsing.corpus import CachedBulletin
from pipelines.lib.parsing.rows import PARSED_SCHEMAS
from pipelines.lib.warehouse import create_table

# this run's bulletins, among the rows of a table with content_sha256
IN_RUN = f"left(content_sha256, {KEY_LENGTH}) in (select partition_key from run_keys)"

BY_BULLETIN = ("tasks", "progress_items", "figures", "identities", "target_links")


def rows(con, sql: str, params=None) -> list[dict]:
    cursor = con.execute(sql, params or [])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def ensure_parsed_tables(con) -> list[str]:
    """Create the parsed tables that do not exist. If any table's columns changed, the parser
    changed with them: every parsed table is created anew (empty) and every partition parsed
    again, so that no row of the older parser stays beside the new ones. Returns the changed ones."""
    changed = ["every table (older schema names)"] if _drop_layers_of_older_versions(con) else []
    for name, columns in PARSED_SCHEMAS.items():
        existing = [
            r[0]
            for r in con.execute(
                "select column_name from information_schema.columns where table_schema = 'parsed' "
                "and table_name = ? order by ordinal_position",
                [name],
            ).fetchall()
        ]
        if existing and existing != list(columns):
            changed.append(name)
        if not existing:
            create_table(con, "parsed", name, columns)
    if changed:
        for name, columns in PARSED_SCHEMAS.items():
            create_table(con, "parsed", name, columns)
    changes.ensure_tables(con)
    return changed


def _drop_layers_of_older_versions(con) -> bool:
    """Warehouses built before the layers had their names kept the parsed tables in schema
    ``staging`` (now the schema of dbt's views) and dbt's views in ``stg``. Drop both: the parse
    step fills ``parsed`` again and dbt rebuilds its views, so no stale copy stays behind."""
    (tables,) = con.execute(
        "select count(*) from information_schema.tables "
        "where table_schema = 'staging' and table_type = 'BASE TABLE'"
    ).fetchone()
    if tables:
        con.execute("drop schema staging cascade")
    con.execute("drop schema if exists stg cascade")
    return bool(tables)


def previous_rows(con) -> dict[str, CachedBulletin]:
    """The parsed rows of this run's bulletins as parsed by an earlier run, by parse key: what was
    parsed before and has not changed is not parsed again."""
    cached: dict[str, CachedBulletin] = {}
    by_id: dict[str, CachedBulletin] = {}
    for row in rows(
        con,
        f"select * from parsed.bulletins where parse_key is not null and {IN_RUN}",
    ):
        entry = CachedBulletin(rows={"bulletins": [row], **{t: [] for t in BY_BULLETIN}})
        cached[row["parse_key"]] = entry
        by_id[row["bulletin_id"]] = entry
    if by_id:
        for table in BY_BULLETIN:
            for row in rows(
                con,
                f"select * from parsed.{table} where bulletin_id in "
                "(select bulletin_id from parsed.bulletins "
                f" where {IN_RUN})",
            ):
                by_id[row["bulletin_id"]].rows[table].append(row)
    for row in rows(
        con,
        "select * from parsed.rejected_files where stage = 'parse' and parse_key is not null "
        f"and {IN_RUN}",
    ):
        cached[row["parse_key"]] = CachedBulletin(rows={"rejected_files": [row]})
    return cached


def set_run_keys(con, keys: list[str]) -> None:
    con.execute("create or replace temp table run_keys (partition_key varchar primary key)")
    con.executemany("insert into run_keys values (?)", [[k] for k in keys])


def delete_bulletins(con, where: str) -> int:
    """Delete the parsed rows of the bulletins that ``where`` selects from parsed.bulletins."""
    con.execute(
        f"create or replace temp table _outgoing as select bulletin_id from parsed.bulletins {where}"
    )
    for name in BY_BULLETIN:
        con.execute(
            f"delete from parsed.{name} where bulletin_id in (select bulletin_id from _outgoing)"
        )
    con.execute(
        "delete from parsed.bulletins where bulletin_id in (select bulletin_id from _outgoing)"
    )
    (n,) = con.execute("select count(*) from _outgoing").fetchone()
    return n
