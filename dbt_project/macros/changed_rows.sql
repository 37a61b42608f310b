{#- Incremental marts: a run rebuilds only the rows its changes reach. The parse steps list the
    bulletins a run parsed, removed or gave other task ids (parsed.changed_bulletins) and the task
    ids they had or have (parsed.changed_tasks); see pipelines/lib/changes.py. A mart keyed by
    either deletes the rows of those keys (pre-hook) and inserts them again from its query, which
    reads only those keys. `dbt build --full-refresh` rebuilds a mart from every row. -#}

{% macro changes_of(key) -%}
    {%- if key == 'task_id' -%}
        {{ source('parsed', 'changed_tasks') }}
    {%- else -%}
        {{ source('parsed', 'changed_bulletins') }}
    {%- endif -%}
{%- endmacro %}

{% macro delete_changed_rows(key) -%}
    {%- if is_incremental() -%}
        delete from {{ this }} where {{ key }} in (select {{ key }} from {{ changes_of(key) }})
    {%- endif -%}
{%- endmacro %}

{% macro where_changed(key, column=none) -%}
    {%- if is_incremental() -%}
        where {{ column or key }} in (select {{ key }} from {{ changes_of(key) }})
    {%- endif -%}
{%- endmacro %}
