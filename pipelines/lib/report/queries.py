"""Every query the report makes of the published warehouse, in one place: the marts as the same
dbt project built them in the same run (the report is an asset downstream of the publish), so a
figure's role, subject, measure, issuer and sentence are read from ``fact_metric`` and
``dim_measure``, and a measure's series from ``fact_measure_series``."""

from __future__ import annotations

import duckdb

from pipelines.lib.parsing.meaning.roles import ROLES

__all__ = ["ROLES"]  # the order the review page lists the roles in


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> list[dict]:
    cursor = con.execute(sql, params or [])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def bulletins(con: duckdb.DuckDBPyConnection) -> list[dict]:
    return _rows(
        con,
        """select bulletin_id, source_file, title, year, period_label, period_end, published_at,
                  issuer, kind, layout, n_tasks, body_text
           from dim_bulletin order by period_end desc nulls last, issuer, source_file""",
    )


def periods(con: duckdb.DuckDBPyConnection) -> list[dict]:
    return _rows(
        con,
        "select period_id, year, quarter, period_label, period_end, share_of_year_elapsed "
        "from dim_period order by period_end desc",
    )


def figures(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """Every figure of the published bulletins with its role, measure, issuer and breakdown."""
    rows = _rows(
        con,
        """select m.metric_id, m.bulletin_id, m.task_id, m.task_seq, m.item_no, m.section,
                   m.raw_text, m.value, m.unit, m.base_value, m.base_unit, m.qualifier,
                   m.direction, m.metric_kind, m.label, m.period_label, m.char_start, m.char_end,
                   m.role, coalesce(d.name, m.label) as measure, m.measure_id, m.subject,
                   m.issuer, m.sentence,
                   b.year, b.period_label as bulletin_period, b.period_end, b.source_file
            from fact_metric m
            join dim_bulletin b on m.bulletin_id = b.bulletin_id
            left join dim_measure d on m.measure_id = d.measure_id
            order by b.period_end desc nulls last, m.bulletin_id, m.char_start""",
    )
    breakdowns = _breakdowns_by_figure(con)
    for row in rows:
        row["breakdowns"] = breakdowns.get(row["metric_id"], [])
    return rows


def identities(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """Every stated breakdown, its whole and parts as written, and whether it holds."""
    return _rows(
        con,
        """select i.identity_id, i.bulletin_id, i.task_seq, i.whole_metric_id, i.part_metric_ids,
                  i.whole_raw_text, i.base_unit, i.whole_value, i.parts_sum, i.difference,
                  i.relation, i.rule, i.holds, i.is_near_miss,
                  w.label as whole_label, w.qualifier as whole_qualifier,
                  list(p.raw_text order by p.char_start) as part_raw_texts,
                  list(p.label order by p.char_start) as part_labels,
                  b.issuer, b.year, b.period_label, b.period_end, b.source_file,
                  t.task_title
           from fact_metric_identity i
           join dim_bulletin b on i.bulletin_id = b.bulletin_id
           join fact_metric w on i.whole_metric_id = w.metric_id
           left join fact_metric p on list_contains(i.part_metric_ids, p.metric_id)
           left join dim_task t on w.task_id = t.task_id
           group by all
           order by b.period_end desc nulls last, i.bulletin_id, i.identity_id""",
    )


def _breakdowns_by_figure(con: duckdb.DuckDBPyConnection) -> dict[str, list[dict]]:
    by_figure: dict[str, list[dict]] = {}
    for row in identities(con):
        entry = {
            "identity_id": row["identity_id"],
            "whole": row["whole_raw_text"],
            "parts": row["part_raw_texts"],
            "relation": row["relation"],
            "holds": row["holds"],
            "whole_metric_id": row["whole_metric_id"],
            "part_metric_ids": row["part_metric_ids"],
        }
        by_figure.setdefault(row["whole_metric_id"], []).append({**entry, "as": "whole"})
        for part in row["part_metric_ids"]:
            by_figure.setdefault(part, []).append({**entry, "as": "part"})
    return by_figure


def attainment(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """Every target of every bulletin, its evidence and status, with the task's text and progress."""
    return _rows(
        con,
        """select a.target_metric_id, a.actual_metric_id, a.completion_ratio_metric_id,
                  a.bulletin_id, a.task_id, a.task_seq, a.target_raw_text, a.target_label,
                  a.target_section, a.target_qualifier, a.metric_kind, a.target_base_value,
                  a.evidence_raw_text, a.actual_base_value, a.base_unit, a.evidence,
                  a.attainment, a.period_end, a.share_of_year_elapsed, a.status,
                  tm.unit as target_unit, tm.value as target_value,
                  em.qualifier as evidence_qualifier,
                  b.issuer, b.year, b.period_label, b.source_file,
                  t.task_title, t.task_text, p.progress_text, p.status as stated_status
           from fact_target_attainment a
           join dim_bulletin b on a.bulletin_id = b.bulletin_id
           left join fact_metric tm on a.target_metric_id = tm.metric_id
           left join fact_metric em
               on coalesce(a.actual_metric_id, a.completion_ratio_metric_id) = em.metric_id
           left join dim_task t on a.task_id = t.task_id
           left join fact_task_progress p
               on a.bulletin_id = p.bulletin_id and a.task_seq = p.task_seq
           order by b.period_end desc nulls last, b.issuer, a.bulletin_id, a.task_seq,
                    a.target_metric_id""",
    )


def tasks(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """Every task of every bulletin with its stated status and progress text."""
    return _rows(
        con,
        """select p.bulletin_id, p.task_id, p.task_seq, p.group_label, p.status as stated_status,
                  p.progress_text, t.task_title, t.task_text, b.issuer, b.period_end
           from fact_task_progress p
           join dim_bulletin b on p.bulletin_id = b.bulletin_id
           left join dim_task t on p.task_id = t.task_id
           order by b.period_end desc nulls last, p.bulletin_id, p.task_seq""",
    )


def measure_series(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """Measures across the periods: one row per issuer, measure and period (value in base units;
    ``is_catalog``: a measure of the catalog of indicators the genre reports most)."""
    return _rows(
        con,
        """select s.issuer, s.measure_id, s.measure_name as measure, s.base_unit, s.year,
                  s.period_label, s.period_end, s.cumulative_value as base_value,
                  s.period_value as change_since_previous, s.bulletin_id,
                  null as raw_text, null as task_title, d.source = 'catalog' as is_catalog
           from fact_measure_series s
           left join dim_measure d on s.measure_id = d.measure_id
           order by s.issuer, s.measure_name, s.period_end""",
    )


def quarantined(con: duckdb.DuckDBPyConnection) -> list[dict]:
    return _rows(
        con,
        """select bulletin_id, source_file, title, issuer, period_label, status, check_name, task,
                  failure, sentence, since, exception
           from quarantined_bulletins order by status, source_file, task""",
    )


def rejected(con: duckdb.DuckDBPyConnection) -> list[dict]:
    return _rows(con, "select source_file, stage, reason from rejected_files order by source_file")
