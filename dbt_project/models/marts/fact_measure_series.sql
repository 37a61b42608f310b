-- A measure as each issuer reports it, period by period: one row per issuer, measure and bulletin
-- period. Only the reported quantities count (role 'actual' or 'breakdown_whole': never a target,
-- a part of a breakdown, a set's size ('scope'), a ratio, a benchmark, a tally, or a figure
-- restated in another task of the same bulletin ('restated')), so the series adds exactly what
-- "sum the reported quantities" adds. cumulative_value is the value as the bulletins state it (the
-- year to date for a flow, the level reached for a level); a rate in % is signed by its direction
-- (fact_metric.direction): 同比下降1.5% is -1.5, while a rate that states the level reached
-- (降至2.9%, 下降到2.9%) keeps its value (a rate is a rate measure's figure, or any figure in %, ‰
-- or 百分点: percentage points are not signed). period_value is what the period itself
-- added: a flow's or level's change since the previous period of the year (a flow's first period
-- is its own cumulative value). Rates are not added: a period whose figures state several rates
-- has none.
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
    select
        metrics.issuer,
        metrics.measure_id,
        metrics.bulletin_id,
        metrics.base_unit,
        coalesce(measures.measure_type, '') = 'rate'
        or metrics.base_unit in ('%', '‰', '百分点') as is_rate,
        case
            when
                metrics.direction = 'decrease'
                and metrics.base_unit in ('%', '‰')
                -- 降至2.9%: the rate reached, not a change
                and substring(bulletins.body_text, metrics.char_start, 1) not in ('至', '到')
                then -metrics.base_value
            else metrics.base_value
        end as signed_base_value,
        metrics.base_value
    from metrics
    left join measures on metrics.measure_id = measures.measure_id
    left join bulletins on metrics.bulletin_id = bulletins.bulletin_id
    where metrics.role in ('actual', 'breakdown_whole')
),

per_bulletin as (
    select
        issuer,
        measure_id,
        bulletin_id,
        base_unit,
        bool_or(is_rate) as is_rate,
        count(*) as n_values,
        case
            when not bool_or(is_rate) then sum(base_value)
            when count(*) = 1 then min(signed_base_value)
        end as cumulative_value
    from reported
    group by
        issuer,
        measure_id,
        bulletin_id,
        base_unit
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
            when per_bulletin.is_rate then null
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
