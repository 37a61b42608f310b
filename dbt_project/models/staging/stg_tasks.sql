with

source as (
    select * from {{ source('parsed', 'tasks') }} as parsed_rows
    where {{ not_held_back('parsed_rows.bulletin_id') }}
),

renamed as (
    select
        bulletin_id,
        task_id,
        task_seq,
        issuer,
        year,
        task_title,
        task_text,
        task_char_start,
        task_char_end,
        progress_text,
        n_items,
        group_label,
        responsible_units,
        status
    from source
)

select * from renamed
