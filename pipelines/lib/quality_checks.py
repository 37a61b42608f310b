"""The quality checks of the marts, grouped by the table they guard: what each states, the query that
lays out the rows to judge (with the columns a person needs to act on a failure), and the Great
Expectations 1.x expectation that judges them. :mod:`pipelines.lib.quality_suites` runs them.

Which layer owns which rule: dbt tests own the shape of the tables (unique and not-null keys, the
grain of fact_task_progress, references between marts, accepted values of enumerations). These
checks own the meaning of the data: identities add up, figures sit inside their task and their
text, units are known, base values are value × scale, percentages are plausible, bulletins have
tasks and tasks have progress, no file was rejected.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pipelines.lib.parsing.figures.finder import KNOWN_BASE_UNITS


@dataclass(frozen=True)
class QualityCheck:
    name: str
    table: str  # the mart it guards (its Dagster asset key)
    description: str
    sql: str  # rows to judge; selected from the warehouse's marts
    expectation: Callable[[], Any]  # builds the GX expectation
    blocking: bool = False
    severity: str = "error"  # 'error' | 'warn'
    show_columns: tuple[str, ...] = field(default_factory=tuple)
    # judged bulletin by bulletin (a run checks its changed bulletins' rows, a batch at a time);
    # False for a check of the whole table at once
    per_bulletin: bool = True


def _gx():
    import great_expectations as gx  # imported on first use: it is slow to import

    return gx


_CONTEXT = """
    substring(b.body_text, greatest(m.char_start - 15, 0) + 1,
              least(m.char_end + 15, length(b.body_text)) - greatest(m.char_start - 15, 0))
"""


# A number as a person writes it: 26, 26.5 (not 26.0000).
def _number(expr: str) -> str:
    return f"rtrim(rtrim(printf('%.4f', {expr}), '0'), '.')"


# The columns a blocking check's rows carry for the quarantine (pipelines/lib/quarantine.py): the
# bulletin a failing row belongs to, the failure in words and where in the text it is.
QUARANTINE_COLUMNS = ("bulletin_id", "content_sha256", "failure", "char_start", "char_end")


def _expect(name: str, **kwargs) -> Callable[[], Any]:
    def build():
        return getattr(_gx().expectations, name)(**kwargs)

    return build


# Each stated identity's parts as written (73家 + 83家), for the checks that show identities.
_IDENTITY_PARTS = """parts as (
                select i.identity_id, string_agg(f.raw_text, ' + ' order by f.metric_id) as parts
                from fact_metric_identity i, unnest(i.part_metric_ids) as u(metric_id)
                join fact_metric f on f.metric_id = u.metric_id
                group by i.identity_id
            )"""

CHECKS: list[QualityCheck] = [
    QualityCheck(
        name="identities_hold",
        table="fact_metric_identity",
        description=(
            "Every stated whole equals the sum of its parts (共156家 = 出清73家 + 剩余83家); for a "
            "其中 list the parts may not exceed the whole."
        ),
        sql=f"""
            with {_IDENTITY_PARTS}
            select i.identity_id, b.source_file as bulletin, i.task_seq as task,
                   i.whole_raw_text as whole, parts.parts,
                   i.relation, i.whole_value as expected, i.parts_sum as found, i.difference,
                   {_CONTEXT} as source_text, i.holds,
                   b.bulletin_id, b.content_sha256, m.char_start, m.char_end,
                   i.whole_raw_text || case when i.relation = 'equals' then ' ≠ ' else ' < ' end
                       || parts.parts || ' = ' || {_number("i.parts_sum / m.scale")} || m.unit
                       as failure
            from fact_metric_identity i
            join parts using (identity_id)
            join dim_bulletin b using (bulletin_id)
            join fact_metric m on m.metric_id = i.whole_metric_id
            order by i.identity_id
        """,
        expectation=_expect("ExpectColumnValuesToBeInSet", column="holds", value_set=[True]),
        blocking=True,
        show_columns=(
            "bulletin",
            "task",
            "whole",
            "parts",
            "relation",
            "expected",
            "found",
            "difference",
            "source_text",
        ),
    ),
    QualityCheck(
        name="subset_lists_are_not_near_misses",
        table="fact_metric_identity",
        description=(
            "A 其中 list whose parts sum to within 1% of the whole without equalling it (615亿元 "
            "against parts summing to 612亿元) is likely a typing error in the bulletin: listed with "
            "the whole, the sum and the difference."
        ),
        sql=f"""
            with {_IDENTITY_PARTS}
            select i.identity_id, b.source_file as bulletin, i.task_seq as task,
                   i.whole_raw_text as whole, parts.parts, i.whole_value as expected,
                   i.parts_sum as found, i.difference, round(100 * i.relative_difference, 2)
                       as difference_percent,
                   {_CONTEXT} as source_text, i.is_near_miss
            from fact_metric_identity i
            join parts using (identity_id)
            join dim_bulletin b using (bulletin_id)
            join fact_metric m on m.metric_id = i.whole_metric_id
            where i.rule = 'subset'
            order by i.identity_id
        """,
        expectation=_expect(
            "ExpectColumnValuesToBeInSet", column="is_near_miss", value_set=[False]
        ),
        severity="warn",
        show_columns=(
            "bulletin",
            "task",
            "whole",
            "parts",
            "expected",
            "found",
            "difference",
            "difference_percent",
            "source_text",
        ),
    ),
    QualityCheck(
        name="figure_spans_match_body_text",
        table="fact_metric",
        description="Each figure's char_start/char_end point at exactly its raw_text in the bulletin's body_text.",
        sql="""
            with spans as (
                select m.metric_id, b.source_file as bulletin, m.task_seq as task, m.raw_text,
                       substring(b.body_text, m.char_start + 1, m.char_end - m.char_start)
                           as text_at_span,
                       m.char_start, m.char_end, b.bulletin_id, b.content_sha256
                from fact_metric m join dim_bulletin b using (bulletin_id)
            )
            select *,
                   'figure ' || raw_text || ' at characters ' || char_start || '-' || char_end
                       || ' of the text, which reads ' || coalesce(text_at_span, '(nothing)')
                       || ' there' as failure
            from spans
        """,
        expectation=_expect(
            "ExpectColumnPairValuesToBeEqual", column_A="raw_text", column_B="text_at_span"
        ),
        blocking=True,
        show_columns=("bulletin", "task", "raw_text", "text_at_span", "char_start", "char_end"),
    ),
    QualityCheck(
        name="figures_belong_to_a_task_of_their_bulletin",
        table="fact_metric",
        description="Every figure is written under a task row of its own bulletin.",
        sql="""
            select m.metric_id, b.source_file as bulletin, m.task_seq as task, m.raw_text,
                   p.task_progress_id is not null as has_task,
                   m.bulletin_id, b.content_sha256, m.char_start, m.char_end,
                   'figure ' || m.raw_text || ' of task ' || m.task_seq
                       || ' is under no task row of its bulletin' as failure
            from fact_metric m
            left join dim_bulletin b using (bulletin_id)
            left join fact_task_progress p
              on p.bulletin_id = m.bulletin_id and p.task_seq = m.task_seq and p.task_id = m.task_id
        """,
        expectation=_expect("ExpectColumnValuesToBeInSet", column="has_task", value_set=[True]),
        blocking=True,
        show_columns=("bulletin", "task", "raw_text", "metric_id"),
    ),
    QualityCheck(
        name="units_are_known",
        table="fact_metric",
        description="Every figure's base unit is one the project knows how to compare and sum.",
        sql=f"""
            select m.metric_id, b.source_file as bulletin, m.task_seq as task, m.raw_text, m.unit,
                   m.base_unit, {_CONTEXT} as source_text,
                   b.bulletin_id, b.content_sha256, m.char_start, m.char_end,
                   'figure ' || m.raw_text || ': its unit ' || coalesce(m.base_unit, '(none)')
                       || ' is not one the project can compare or sum' as failure
            from fact_metric m join dim_bulletin b using (bulletin_id)
        """,
        expectation=_expect(
            "ExpectColumnValuesToBeInSet", column="base_unit", value_set=sorted(KNOWN_BASE_UNITS)
        ),
        blocking=True,
        show_columns=("bulletin", "task", "raw_text", "base_unit", "source_text"),
    ),
    QualityCheck(
        name="base_values_are_value_times_scale",
        table="fact_metric",
        description="base_value = value × scale (万 = 1e4, 亿 = 1e8, 万亿 = 1e12).",
        sql=f"""
            select m.metric_id, b.source_file as bulletin, m.task_seq as task, m.raw_text, m.value,
                   m.scale, m.base_value as found, m.value * m.scale as expected,
                   abs(m.base_value - m.value * m.scale) / greatest(abs(m.value * m.scale), 1)
                       as relative_error,
                   b.bulletin_id, b.content_sha256, m.char_start, m.char_end,
                   'figure ' || m.raw_text || ': base value ' || {_number("m.base_value")}
                       || ' ≠ ' || {_number("m.value")} || ' × ' || {_number("m.scale")} as failure
            from fact_metric m join dim_bulletin b using (bulletin_id)
        """,
        expectation=_expect(
            "ExpectColumnValuesToBeBetween", column="relative_error", min_value=0, max_value=1e-9
        ),
        blocking=True,
        show_columns=("bulletin", "task", "raw_text", "expected", "found"),
    ),
    QualityCheck(
        name="percentages_are_plausible",
        table="fact_metric",
        description=(
            "Percentages lie within ±1000 (completion ratios above 100% are normal, a fall may be "
            "written as negative growth) and "
            "percentage-point figures within ±100."
        ),
        sql=f"""
            select m.metric_id, b.source_file as bulletin, m.task_seq as task, m.raw_text,
                   m.metric_kind, m.value,
                   abs(m.value) / case when m.base_unit = '百分点' then 100 else 1000 end
                       as share_of_ceiling,
                   {_CONTEXT} as source_text
            from fact_metric m join dim_bulletin b using (bulletin_id)
            where m.base_unit in ('%', '百分点')
        """,
        expectation=_expect(
            "ExpectColumnValuesToBeBetween", column="share_of_ceiling", min_value=0, max_value=1
        ),
        severity="warn",
        show_columns=("bulletin", "task", "raw_text", "metric_kind", "source_text"),
    ),
    QualityCheck(
        name="bulletins_have_tasks",
        table="dim_bulletin",
        description="Every loaded bulletin has at least one task row.",
        sql="select bulletin_id, source_file as bulletin, title, kind, n_tasks from dim_bulletin",
        expectation=_expect("ExpectColumnValuesToBeBetween", column="n_tasks", min_value=1),
        show_columns=("bulletin", "title", "kind", "n_tasks"),
    ),
    QualityCheck(
        name="tasks_have_progress",
        table="fact_task_progress",
        description="Every task of a bulletin has progress text.",
        sql="""
            select p.task_progress_id, b.source_file as bulletin, p.task_seq as task,
                   t.task_title, p.progress_text
            from fact_task_progress p
            join dim_bulletin b using (bulletin_id)
            join dim_task t using (task_id)
        """,
        expectation=_expect("ExpectColumnValuesToNotBeNull", column="progress_text"),
        severity="warn",
        show_columns=("bulletin", "task", "task_title"),
    ),
    QualityCheck(
        name="tasks_have_figures",
        table="fact_task_progress",
        description="Every task of a progress bulletin has at least one figure (a target or a reported figure).",
        sql="""
            select p.task_progress_id, b.source_file as bulletin, p.task_seq as task, t.task_title,
                   p.n_target_figures + p.n_progress_figures as n_figures
            from fact_task_progress p
            join dim_bulletin b using (bulletin_id)
            join dim_task t using (task_id)
        """,
        expectation=_expect("ExpectColumnValuesToBeBetween", column="n_figures", min_value=1),
        severity="warn",
        show_columns=("bulletin", "task", "task_title", "n_figures"),
    ),
    QualityCheck(
        name="text_months_within_title_period",
        table="dim_bulletin",
        description=(
            "The months the figures speak of (1-8月, 截至8月末) do not run past the period in the "
            "bulletin's title (前三季度 ends in September). Figures covering less than the title's "
            "period are normal (data lag) and pass."
        ),
        sql="""
            with months as (
                select m.bulletin_id,
                       max(try_cast(regexp_extract(m.period_label, '(\\d{1,2})月', 1) as integer))
                           as last_month_in_text
                from fact_metric m
                where regexp_matches(m.period_label, '\\d{1,2}月')
                group by m.bulletin_id
            )
            select b.bulletin_id, b.source_file as bulletin, b.title, b.period_label,
                   month(b.period_end) as expected, months.last_month_in_text as found,
                   greatest(months.last_month_in_text - month(b.period_end), 0) as months_beyond
            from dim_bulletin b join months using (bulletin_id)
            where b.period_end is not null
        """,
        expectation=_expect(
            "ExpectColumnValuesToBeBetween", column="months_beyond", min_value=0, max_value=0
        ),
        severity="warn",
        show_columns=("bulletin", "title", "period_label", "expected", "found"),
    ),
    QualityCheck(
        name="cumulative_figures_do_not_fall",
        table="fact_metric_timeline",
        description=(
            "A cumulative figure (累计…, or the figure reporting on a target) does not go down from "
            "one period to the next within a year."
        ),
        sql="""
            select t.task_title, t.series, t.period_label, t.raw_text, t.previous_base_value as expected,
                   t.base_value as found, t.change_since_previous, t.year, t.period_end
            from fact_metric_timeline t
            where t.previous_base_value is not null
        """,
        expectation=_expect(
            "ExpectColumnValuesToBeBetween", column="change_since_previous", min_value=0
        ),
        severity="warn",
        show_columns=("task_title", "series", "period_label", "expected", "found"),
    ),
    QualityCheck(
        name="no_rejected_files",
        table="rejected_files",
        description="Every file in the raw folder was read as a bulletin; rejected files are listed with the reason.",
        sql="select source_file, stage, reason from rejected_files order by source_file",
        expectation=_expect("ExpectTableRowCountToEqual", value=0),
        severity="warn",
        show_columns=("source_file", "stage", "reason"),
        per_bulletin=False,
    ),
]
