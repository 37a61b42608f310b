{{ config(materialized='view') }}
-- a view: the bulletins a blocking check failed on, as the latest run's checks left them (the
-- check step writes quality.bulletin_status). Read from the parsed rows, which the other marts
-- leave out for a bulletin held back
with

statuses as (
    select * from {{ source('quality', 'bulletin_status') }}
),

failures as (
    select * from {{ source('quality', 'bulletin_failures') }}
),

bulletins as (
    select * from {{ source('parsed', 'bulletins') }}
),

final as (
    select
        statuses.bulletin_id,
        statuses.source_file,
        statuses.content_sha256,
        bulletins.title,
        bulletins.issuer,
        bulletins.period_label,
        statuses.status,
        failures.check_name,
        failures.task,
        failures.failure,
        failures.sentence,
        statuses.since,
        statuses.checked_at,
        statuses.exception
    from statuses
    inner join failures on statuses.bulletin_id = failures.bulletin_id
    left join bulletins on statuses.bulletin_id = bulletins.bulletin_id
)

select * from final
