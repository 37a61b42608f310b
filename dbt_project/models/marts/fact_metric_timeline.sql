-- The same measure of a task across the bulletins of a year, lined up by period_end: the figure
-- reporting on each target (series 'target: …'), and cumulative figures (累计…) by their label
-- (series 'cumulative: …'). change_since_previous compares with the previous period of the series.
{{ config(materialized='view') }}

with

attainment as (
    select * from {{ ref('fact_target_attainment') }}
),

metrics as (
    select * from {{ ref('fact_metric') }}
),

bulletins as (
    select * from {{ ref('dim_bulletin') }}
),

tasks as (
    select * from {{ ref('dim_task') }}
),

target_series as (
    select
        attainment.task_id,
        'target: ' || attainment.target_raw_text || ' ' || attainment.target_label as series,
        attainment.actual_metric_id as metric_id
    from attainment
    where attainment.actual_metric_id is not null
),

cumulative_series as (
    select
        metrics.task_id,
        'cumulative: ' || metrics.label as series,
        metrics.metric_id
    from metrics
    where metrics.is_cumulative and metrics.section = 'progress'
),

series as (
    select * from target_series
    union
    select * from cumulative_series
),

final as (
    select
        series.task_id,
        tasks.task_title,
        series.series,
        bulletins.issuer,
        bulletins.year,
        bulletins.period_label,
        bulletins.period_end,
        metrics.metric_id,
        metrics.raw_text,
        metrics.base_value,
        metrics.base_unit,
        lag(metrics.base_value) over w as previous_base_value,
        metrics.base_value - lag(metrics.base_value) over w as change_since_previous
    from series
    inner join metrics on series.metric_id = metrics.metric_id
    inner join bulletins on metrics.bulletin_id = bulletins.bulletin_id
    inner join tasks on series.task_id = tasks.task_id
    window w as (
        partition by series.task_id, series.series, metrics.base_unit, bulletins.year
        order by bulletins.period_end
    )
)

select * from final
