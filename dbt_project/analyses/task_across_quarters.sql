-- One task's progress bulletin by bulletin (the task keeps its task_id across quarters).
select
    p.issuer,
    t.task_title,
    b.period_label,
    b.period_end,
    p.task_seq,
    p.n_items,
    p.n_progress_figures,
    p.progress_text
from fact_task_progress as p
inner join dim_bulletin as b on p.bulletin_id = b.bulletin_id
inner join dim_task as t on p.task_id = t.task_id
where t.task_id in (
    select task_id from dim_task order by n_bulletins desc, task_id limit 1
)
order by b.period_end;
