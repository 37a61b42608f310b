{{ config(materialized='view') }}
-- a view: the parsed rows as they are, joined on the bulletin's own keys. What it shows is
-- stored once, in the parsed tables; a query for some bulletins reads only theirs
with

tasks as (
    select * from {{ ref('stg_tasks') }}
),

figures as (
    select * from {{ ref('stg_figures') }}
),

figure_counts as (
    select
        bulletin_id,
        task_seq,
        count(*) filter (where section = 'progress') as n_progress_figures,
        count(*) filter (where section = 'task') as n_target_figures
    from figures
    group by bulletin_id, task_seq
),

final as (
    select
        tasks.bulletin_id || '-' || lpad(tasks.task_seq::varchar, 3, '0') as task_progress_id,
        tasks.bulletin_id,
        tasks.issuer,
        tasks.task_id,
        tasks.task_seq,
        tasks.group_label,
        tasks.responsible_units,
        tasks.status,
        tasks.progress_text,
        tasks.n_items,
        coalesce(figure_counts.n_target_figures, 0) as n_target_figures,
        coalesce(figure_counts.n_progress_figures, 0) as n_progress_figures
    from tasks
    left join figure_counts
        on
            tasks.bulletin_id = figure_counts.bulletin_id
            and tasks.task_seq = figure_counts.task_seq
)

select * from final
