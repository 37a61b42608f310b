with

source as (
    select * from {{ source('parsed', 'rejected_files') }}
),

renamed as (
    select
        source_file,
        content_sha256,
        stage,
        reason
    from source
)

select * from renamed
