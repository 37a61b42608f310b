{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook="{{ delete_changed_rows('task_id') }}"
) }}
-- depends_on: {{ changes_of('task_id') }}
with

tasks as (
    select * from {{ ref('stg_tasks') }}
    {{ where_changed('task_id') }}
),

bulletins as (
    select * from {{ ref('stg_bulletins') }}
),

ranked as (
    select
        tasks.task_id,
        tasks.issuer,
        tasks.year,
        tasks.task_title,
        tasks.task_text,
        count(*) over (partition by tasks.task_id) as n_bulletins,
        row_number() over (
            partition by tasks.task_id
            order by bulletins.period_end desc nulls last, bulletins.bulletin_id asc
        ) as recency_rank
    from tasks
    inner join bulletins on tasks.bulletin_id = bulletins.bulletin_id
),

final as (
    select
        task_id,
        issuer,
        year,
        task_title,
        task_text,
        n_bulletins
    from ranked
    where recency_rank = 1
)

select * from final
