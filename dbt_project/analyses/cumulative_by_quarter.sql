-- A measure side by side across the quarters of a year (e.g. 5G base stations at the half year and
-- at the third quarter).
select
    issuer,
    task_title,
    series,
    period_label,
    raw_text,
    base_value,
    change_since_previous
from fact_metric_timeline
order by issuer, task_title, series, period_end;
