{{ config(materialized='view') }}
-- a view: the parsed rows as they are, joined on the bulletin's own keys. What it shows is
-- stored once, in the parsed tables; a query for some bulletins reads only theirs
with

figures as (
    select * from {{ ref('stg_figures') }}
),

tasks as (
    select * from {{ ref('stg_tasks') }}
),

final as (
    select
        figures.metric_id,
        figures.bulletin_id,
        tasks.task_id,
        figures.task_seq,
        figures.item_no,
        figures.section,
        figures.raw_text,
        figures.value,
        figures.unit,
        figures.scale,
        figures.base_value,
        figures.base_unit,
        figures.qualifier,
        figures.direction,
        figures.metric_kind,
        figures.is_cumulative,
        figures.label,
        figures.period_label,
        figures.char_start,
        figures.char_end
    from figures
    left join tasks
        on
            figures.bulletin_id = tasks.bulletin_id
            and figures.task_seq = tasks.task_seq
)

select * from final
