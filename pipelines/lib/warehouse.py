"""Writing frames into DuckDB tables with the declared column types."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pandas as pd

# The marts analysts read (dbt models in dbt_project/models/marts/), in the order they are listed.
MARTS = (
    "dim_bulletin",
    "dim_task",
    "dim_period",
    "fact_task_progress",
    "fact_metric",
    "fact_metric_identity",
    "fact_target_attainment",
    "fact_metric_timeline",
    "dim_measure",
    "fact_measure_series",
    "rejected_files",
    "quarantined_bulletins",
)


def atomic_replace(source: Path, target: Path) -> None:
    """Move ``source`` over ``target`` so that a crash leaves one or the other, whole: the file's
    bytes reach the disk before the rename, and the rename before this returns."""
    with open(source, "rb+") as f:
        os.fsync(f.fileno())
    os.replace(source, target)
    folder = os.open(target.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def create_table(
    con: duckdb.DuckDBPyConnection,
    schema: str,
    table: str,
    columns: dict[str, str],
    if_missing: bool = False,
) -> None:
    """Create (or replace) the empty table ``schema.table`` with the declared column types;
    ``if_missing``: only if it does not exist (a table kept from run to run; a read-only connection
    may ask, as DuckDB refuses even a `create … if not exists` there)."""
    if if_missing:
        (exists,) = con.execute(
            "select count(*) from information_schema.tables where table_schema = ? "
            "and table_name = ? and table_catalog = current_database()",
            [schema, table],
        ).fetchone()
        if exists:
            return
    con.execute(f"create schema if not exists {schema}")
    ddl = ", ".join(f'"{name}" {type_}' for name, type_ in columns.items())
    create = "create table if not exists" if if_missing else "create or replace table"
    con.execute(f"{create} {schema}.{table} ({ddl})")


def insert_rows(
    con: duckdb.DuckDBPyConnection,
    schema: str,
    table: str,
    df: pd.DataFrame,
    columns: dict[str, str],
) -> int:
    """Append the rows of ``df`` to ``schema.table``, cast to ``columns``; return the row count."""
    if len(df):
        con.register("_incoming", df[list(columns)])
        select = ", ".join(f'cast("{name}" as {type_})' for name, type_ in columns.items())
        con.execute(f"insert into {schema}.{table} select {select} from _incoming")
        con.unregister("_incoming")
    return len(df)


def temp_table(
    con: duckdb.DuckDBPyConnection, name: str, columns: dict[str, str], values: dict[str, list]
) -> None:
    """A temporary table ``name`` of ``columns`` (name -> DuckDB type) holding ``values`` (name ->
    list): how a list from Python joins a query (inserting a row at a time is far slower)."""
    con.register("_temp_source", pd.DataFrame(values, columns=list(columns), dtype="object"))
    select = ", ".join(f'cast("{c}" as {t}) as "{c}"' for c, t in columns.items())
    con.execute(f"create or replace temp table {name} as select {select} from _temp_source")
    con.unregister("_temp_source")


def replace_table(
    con: duckdb.DuckDBPyConnection,
    schema: str,
    table: str,
    df: pd.DataFrame,
    columns: dict[str, str],
) -> int:
    """Replace ``schema.table`` with the rows of ``df``, typed as ``columns``; return the row count."""
    create_table(con, schema, table, columns)
    return insert_rows(con, schema, table, df, columns)


def relation_kinds(con: duckdb.DuckDBPyConnection) -> dict[tuple[str, str], str]:
    """Every table and view of the open database by (schema, name): 'BASE TABLE' or 'VIEW'."""
    rows = con.execute(
        "select table_schema, table_name, table_type from information_schema.tables "
        "where table_catalog = current_database()"
    ).fetchall()
    return {(schema, name): kind for schema, name, kind in rows}


def row_count(
    con: duckdb.DuckDBPyConnection, schema: str, name: str, kinds: dict[tuple[str, str], str]
) -> int | None:
    """The rows of a table; None for a view or a relation that is not there. A view's rows are
    computed when it is read (fact_metric_timeline's over every figure: 15 s at 100,000
    bulletins), so a run's report and metadata count tables only."""
    if kinds.get((schema, name)) != "BASE TABLE":
        return None
    return con.execute(f'select count(*) from "{schema}"."{name}"').fetchone()[0]


def markdown_table(df: pd.DataFrame, max_rows: int = 20, max_chars: int = 80) -> str:
    """A small markdown table for Dagster metadata (no extra dependency)."""
    if df.empty:
        return "_no rows_"
    shown = df.head(max_rows)

    def cell(v) -> str:
        if v is None or (isinstance(v, float) and pd.isna(v)):
            return ""
        text = str(v).replace("\n", " ").replace("|", "\\|")
        return text if len(text) <= max_chars else text[: max_chars - 1] + "…"

    lines = ["| " + " | ".join(map(str, shown.columns)) + " |", "|" + "---|" * len(shown.columns)]
    for row in shown.itertuples(index=False):
        lines.append("| " + " | ".join(cell(v) for v in row) + " |")
    if len(df) > max_rows:
        lines.append(f"\n_{len(df) - max_rows} more rows not shown_")
    return "\n".join(lines)
