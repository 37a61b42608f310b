{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook="{{ delete_changed_rows('bulletin_id') }}"
) }}
-- depends_on: {{ changes_of('bulletin_id') }}
with

bulletins as (
    select * from {{ ref('stg_bulletins') }}
    {{ where_changed('bulletin_id') }}
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
