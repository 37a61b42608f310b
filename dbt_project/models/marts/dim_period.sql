with

bulletins as (
    select * from {{ ref('stg_bulletins') }}
),

-- one row per period end: bulletins that name the same period differently (上半年, 1-6月) share it
periods as (
    select
        year,
        period_end,
        min(period_label) as period_label
    from bulletins
    where period_end is not null
    group by year, period_end
),

final as (
    select
        strftime(period_end, '%Y-%m-%d') as period_id,
        year,
        quarter(period_end) as quarter,
        period_label,
        make_date(year, 1, 1) as period_start,
        period_end,
        month(period_end) as months_elapsed,
        -- months elapsed, a month-end being a whole month (截至9月14日: 8 months and 14/30)
        round((month(period_end) - 1 + day(period_end) / day(last_day(period_end))) / 12, 4)
            as share_of_year_elapsed,
        period_end = make_date(year, 12, 31) as is_full_year
    from periods
)

select * from final
