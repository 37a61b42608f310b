{{ config(materialized='view') }}
-- a view over the parsed rows, keyed by bulletin: what it shows is stored once, in the parsed
-- tables, and a run that changes some bulletins has nothing here to rebuild
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
