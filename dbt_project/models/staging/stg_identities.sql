with

source as (
    select * from {{ source('parsed', 'identities') }} as parsed_rows
    where {{ not_held_back('parsed_rows.bulletin_id') }}
),

renamed as (
    select
        bulletin_id || '-' || lpad(identity_no::varchar, 3, '0') as identity_id,
        bulletin_id,
        identity_no,
        task_seq,
        section,
        bulletin_id || '-' || lpad(whole_figure_no::varchar, 4, '0') as whole_metric_id,
        list_transform(
            part_figure_nos, n -> bulletin_id || '-' || lpad(n::varchar, 4, '0')
        ) as part_metric_ids,
        relation,
        rule,
        holds
    from source
)

select * from renamed
