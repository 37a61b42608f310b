-- One row per target per bulletin, with the figure that reports on it.
-- status: met (attainment >= 1; for a "less than" target, actual <= target), on_track (a level
-- target whose attainment is at least the share of the year elapsed at period_end), behind, or
-- not_reported. Rates (percent, percentage points) are compared as they stand, not pro rata.
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook="{{ delete_changed_rows('bulletin_id') }}"
) }}
-- depends_on: {{ changes_of('bulletin_id') }}
with

links as (
    select * from {{ ref('stg_target_links') }}
    {{ where_changed('bulletin_id') }}
),

figures as (
    select * from {{ ref('stg_figures') }}
    {{ where_changed('bulletin_id') }}
),

tasks as (
    select * from {{ ref('stg_tasks') }}
    {{ where_changed('bulletin_id') }}
),

periods as (
    select * from {{ ref('dim_period') }}
),

bulletins as (
    select * from {{ ref('stg_bulletins') }}
    {{ where_changed('bulletin_id') }}
),

joined as (
    select
        links.target_metric_id as target_attainment_id,
        links.bulletin_id,
        bulletins.issuer,
        tasks.task_id,
        links.task_seq,
        links.target_metric_id,
        case when links.evidence = 'actual' then links.evidence_metric_id end as actual_metric_id,
        case when links.evidence = 'completion_ratio' then links.evidence_metric_id end
            as completion_ratio_metric_id,
        target.raw_text as target_raw_text,
        target.label as target_label,
        target.section as target_section,
        target.qualifier as target_qualifier,
        target.metric_kind,
        target.base_value as target_base_value,
        evidence.raw_text as evidence_raw_text,
        case when links.evidence = 'actual' then evidence.base_value end as actual_base_value,
        target.base_unit,
        links.evidence,
        links.label_similarity,
        case
            when links.evidence = 'actual' and target.base_value <> 0
                then evidence.base_value / target.base_value
            when links.evidence = 'completion_ratio'
                then evidence.base_value / 100
        end as attainment,
        bulletins.period_end,
        periods.share_of_year_elapsed
    from links
    inner join figures as target on links.target_metric_id = target.metric_id
    left join figures as evidence on links.evidence_metric_id = evidence.metric_id
    inner join tasks
        on
            links.bulletin_id = tasks.bulletin_id
            and links.task_seq = tasks.task_seq
    inner join bulletins on links.bulletin_id = bulletins.bulletin_id
    left join periods
        on
            bulletins.year = periods.year
            and bulletins.period_end = periods.period_end
),

final as (
    select
        *,
        case
            when attainment is null then 'not_reported'
            when target_qualifier in ('less_than', 'at_most')
                then case when attainment <= 1 then 'met' else 'behind' end
            when attainment >= 1 then 'met'
            when metric_kind in ('percent', 'pct_point') then 'behind'
            when attainment >= coalesce(share_of_year_elapsed, 1) then 'on_track'
            else 'behind'
        end as status
    from joined
)

select * from final
