-- Every figure whose label mentions a word (here 企业), across all bulletins and tasks.
select
    m.issuer,
    b.period_label,
    m.task_seq,
    m.section,
    m.raw_text,
    m.base_value,
    m.base_unit,
    m.label
from fact_metric as m
inner join dim_bulletin as b on m.bulletin_id = b.bulletin_id
where m.label like '%企业%'
order by m.issuer, b.period_end, m.task_seq, m.char_start;
