{{ config(materialized='view') }}
-- a view: the parsed rows as they are, joined on the bulletin's own keys. What it shows is
-- stored once, in the parsed tables; a query for some bulletins reads only theirs
with

bulletins as (
    select * from {{ ref('stg_bulletins') }}
),

final as (
    select
        bulletin_id,
        source_file,
        page_file,
        duplicate_files,
        content_sha256,
        encoding,
        title,
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
    from bulletins
)

select * from final
