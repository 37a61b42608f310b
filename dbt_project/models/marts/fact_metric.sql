{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook="{{ delete_changed_rows('bulletin_id') }}"
) }}
-- depends_on: {{ changes_of('bulletin_id') }}
with

figures as (
    select * from {{ ref('stg_figures') }}
    {{ where_changed('bulletin_id') }}
),

tasks as (
    select * from {{ ref('stg_tasks') }}
    {{ where_changed('bulletin_id') }}
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
