with

source as (
    select * from {{ source('parsed', 'progress_items') }}
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
