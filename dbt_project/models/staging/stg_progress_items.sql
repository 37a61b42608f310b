with

source as (
    select * from {{ source('parsed', 'progress_items') }} as parsed_rows
    where {{ not_held_back('parsed_rows.bulletin_id') }}
),

renamed as (
    select
        bulletin_id,
        task_seq,
        item_index,
        item_no,
        item_text,
        char_start,
        char_end
    from source
)

select * from renamed
