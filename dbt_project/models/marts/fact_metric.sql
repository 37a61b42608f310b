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

bulletins as (
    select * from {{ ref('stg_bulletins') }}
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
        figures.char_end,
        figures.role,
        figures.subject,
        figures.measure_id,
        bulletins.issuer,
        {{ sentence_of('bulletins.body_text', 'figures.char_start', 'figures.char_end') }}
            as sentence
    from figures
    left join tasks
        on
            figures.bulletin_id = tasks.bulletin_id
            and figures.task_seq = tasks.task_seq
    left join bulletins
        on figures.bulletin_id = bulletins.bulletin_id
)

select * from final
