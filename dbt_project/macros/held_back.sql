{#- The quarantine's one rule in the models: a bulletin held back (a blocking check failed on its
    rows and no accepted exception covers it; pipelines/lib/quarantine.py) is left out of every
    staging model, so no mart shows its rows. Its parsed rows stay; while a run checks it again
    (`rechecking`) it is shown, so that the checks can judge it. -#}
{#- ``column``: the bulletin id of the rows filtered, qualified by their table's alias (the
    subquery has a bulletin_id of its own). -#}
{% macro not_held_back(column) -%}
    not exists (
        select 1 from {{ source('quality', 'bulletin_status') }} as held
        where
            held.bulletin_id = {{ column }}
            and held.status = 'held_back'
            and not held.rechecking
    )
{%- endmacro %}
