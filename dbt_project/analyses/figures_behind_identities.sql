-- The figures behind each stated breakdown: the whole, each part, and whether they add up.
select
    i.issuer,
    i.identity_id,
    i.whole_raw_text as whole,
    p.raw_text as part,
    p.label as part_label,
    i.relation,
    i.holds
from fact_metric_identity as i
inner join fact_metric as p on list_contains(i.part_metric_ids, p.metric_id)
order by i.identity_id, p.char_start;
