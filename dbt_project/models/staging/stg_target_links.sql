with

source as (
    select * from {{ source('parsed', 'target_links') }} as parsed_rows
    where {{ not_held_back('parsed_rows.bulletin_id') }}
),

renamed as (
    select
        bulletin_id,
        task_seq,
        bulletin_id || '-' || lpad(target_figure_no::varchar, 4, '0') as target_metric_id,
        case
            when actual_figure_no is not null
                then bulletin_id || '-' || lpad(actual_figure_no::varchar, 4, '0')
        end as evidence_metric_id,
        evidence,
        label_similarity
    from source
)

select * from renamed
