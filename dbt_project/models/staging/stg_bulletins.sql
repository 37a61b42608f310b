with

source as (
    select * from {{ source('parsed', 'bulletins') }} as parsed_rows
    where {{ not_held_back('parsed_rows.bulletin_id') }}
),

renamed as (
    select
        bulletin_id,
        source_file,
        page_file,
        duplicate_files,
        content_sha256,
        encoding,
        trim(title) as title,
        year,
        period_label,
        period_end,
        published_at,
        kind,
        layout,
        source_format,
        issuer,
        n_tasks,
        body_text
    from source
)

select * from renamed
