with

source as (
    select * from {{ source('parsed', 'figures') }} as parsed_rows
    where {{ not_held_back('parsed_rows.bulletin_id') }}
),

renamed as (
    select
        bulletin_id || '-' || lpad(figure_no::varchar, 4, '0') as metric_id,
        bulletin_id,
        figure_no,
        task_seq,
        section,
        item_no,
        raw_text,
        value,
        unit,
        scale,
        base_value,
        base_unit,
        qualifier,
        direction,
        metric_kind,
        is_cumulative,
        is_quoted_target,
        label,
        period_label,
        char_start,
        char_end,
        role,
        subject,
        measure_id
    from source
)

select * from renamed
