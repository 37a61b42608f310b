{#- The quarantine's one rule in the models: a bulletin held back (a blocking check failed on its
    rows and no accepted exception covers it; pipelines/lib/quarantine.py) is left out of every
    staging model, so no mart shows its rows. Its parsed rows stay; while a run checks it again its
    status is 'rechecking' and it is shown, so the checks can judge it. -#}
{% macro not_held_back(column='bulletin_id') -%}
    {{ column }} not in (
        select held.bulletin_id from {{ source('quality', 'bulletin_status') }} as held
        where held.status = 'held_back'
    )
{%- endmacro %}
