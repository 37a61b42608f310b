with

tasks as (
    select * from {{ ref('stg_tasks') }}
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
