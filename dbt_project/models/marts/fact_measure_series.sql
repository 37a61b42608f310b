-- A measure as each issuer reports it, period by period: one row per issuer, measure and bulletin
-- period. Only the reported quantities count (role 'actual' or 'breakdown_whole': never a target,
-- a part of a breakdown, a ratio, a benchmark or a tally), a value restated in another task of the
-- same bulletin once. cumulative_value is the value as the bulletins state it (the year to date
-- for a flow, the level reached for a level); period_value what the period itself added: a flow's
-- or level's change since the previous period of the year (a flow's first period is its own
-- cumulative value). Rates are not added: a period whose figures state several rates has none.
{{ config(materialized='view') }}

with

metrics as (
    select * from {{ ref('fact_metric') }}
),

bulletins as (
    select * from {{ ref('dim_bulletin') }}
),

measures as (
    select * from {{ ref('dim_measure') }}
),

reported as (
    select distinct
        metrics.issuer,
        metrics.measure_id,
        metrics.bulletin_id,
        metrics.base_value,
        metrics.base_unit
    from metrics
    where metrics.role in ('actual', 'breakdown_whole')
),

per_bulletin as (
    select
        reported.issuer,
        reported.measure_id,
        reported.bulletin_id,
        reported.base_unit,
        count(*) as n_values,
        case
            when coalesce(measures.measure_type, '') != 'rate' then sum(reported.base_value)
            when count(*) = 1 then min(reported.base_value)
        end as cumulative_value
    from reported
    left join measures on reported.measure_id = measures.measure_id
    group by
        reported.issuer,
        reported.measure_id,
        reported.bulletin_id,
        reported.base_unit,
        measures.measure_type
),

final as (
    select
        per_bulletin.issuer,
        per_bulletin.measure_id,
        measures.name as measure_name,
        measures.measure_type,
        per_bulletin.base_unit,
        bulletins.year,
        bulletins.period_label,
        bulletins.period_end,
        per_bulletin.bulletin_id,
        per_bulletin.n_values,
        per_bulletin.cumulative_value,
        case
            when coalesce(measures.measure_type, '') = 'rate' then null
            when lag(per_bulletin.cumulative_value) over w is not null
                then per_bulletin.cumulative_value - lag(per_bulletin.cumulative_value) over w
            when measures.measure_type = 'flow' and row_number() over w = 1
                then per_bulletin.cumulative_value
        end as period_value,
        lag(bulletins.period_end) over w as previous_period_end
    from per_bulletin
    inner join bulletins on per_bulletin.bulletin_id = bulletins.bulletin_id
    left join measures on per_bulletin.measure_id = measures.measure_id
    window w as (
        partition by
            per_bulletin.issuer,
            per_bulletin.measure_id,
            per_bulletin.base_unit,
            bulletins.year
        order by bulletins.period_end
    )
)

select * from final
