with

bulletins as (
    select * from {{ ref('stg_bulletins') }}
),

periods as (
    select distinct
        year,
        period_label,
        period_end
    from bulletins
    where period_end is not null
),

final as (
    select
        year || '-' || strftime(period_end, '%m') as period_id,
        year,
        quarter(period_end) as quarter,
        period_label,
        make_date(year, 1, 1) as period_start,
        period_end,
        month(period_end) as months_elapsed,
        round(month(period_end) / 12, 4) as share_of_year_elapsed,
        month(period_end) = 12 as is_full_year
    from periods
)

select * from final
