with

rejected as (
    select * from {{ ref('stg_rejected_files') }}
),

final as (
    select
        source_file,
        content_sha256,
        stage,
        reason
    from rejected
)

select * from final
