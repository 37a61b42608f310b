-- How far along is each target of the latest bulletin of each year?
select
    a.issuer,
    t.task_title,
    a.target_raw_text as target,
    a.evidence_raw_text as reported,
    round(a.attainment * 100, 1) as attainment_pct,
    a.status,
    a.period_end
from fact_target_attainment as a
inner join dim_task as t on a.task_id = t.task_id
where a.period_end = (
    select max(b.period_end) from dim_bulletin as b where b.year = t.year
)
order by a.issuer, a.status, a.task_seq, a.target_raw_text;
