{#- What a run changed: the parse steps list the bulletins a run parsed, removed or gave other
    task ids (parsed.changed_bulletins) and the task ids they had or have (parsed.changed_tasks);
    see pipelines/lib/changes.py. An incremental mart keyed by either (dim_task) deletes the rows
    of those keys (pre-hook) and inserts them again from its query, which reads only those keys;
    `dbt build --full-refresh` rebuilds it from every row. dbt's tests read the changed keys' rows
    of every model keyed by them (the marts keyed by bulletin are views). -#}

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

{#- The key each model's rows are changed by. Every row key of these models starts with its
    bulletin id (dim_task's is the task id), so a test on the changed keys' rows sees every row a
    run could have broken: a duplicate or a dangling reference needs a changed row. -#}
{% macro changed_key_of(model_name) -%}
    {%- set keys = {
        'dim_task': 'task_id',
        'dim_bulletin': 'bulletin_id',
        'fact_metric': 'bulletin_id',
        'fact_task_progress': 'bulletin_id',
        'fact_metric_identity': 'bulletin_id',
        'fact_target_attainment': 'bulletin_id',
        'stg_bulletins': 'bulletin_id',
        'stg_tasks': 'bulletin_id',
        'stg_progress_items': 'bulletin_id',
        'stg_figures': 'bulletin_id',
        'stg_identities': 'bulletin_id',
        'stg_target_links': 'bulletin_id',
    } -%}
    {{ return(keys.get(model_name)) }}
{%- endmacro %}

{#- dbt's tests read their model through this macro (dbt's own adds a test's `where`). A run
    that rebuilt only the changed rows (the pipeline passes --vars '{"tests_on": "changes"}')
    tests those rows; a full refresh, or dbt run by hand, tests every row. -#}
{% macro get_where_subquery(relation) -%}
    {%- set where = config.get('where', '') -%}
    {%- set key = changed_key_of(relation.identifier) -%}
    {%- if var('tests_on', 'all') == 'changes' and not flags.FULL_REFRESH and key -%}
        {%- set changes = changes_of(key) -%}
        {%- set scope = key ~ ' in (select ' ~ key ~ ' from ' ~ changes ~ ')' -%}
        {%- set where = scope ~ (' and (' ~ where ~ ')' if where else '') -%}
    {%- endif -%}
    {%- if where -%}
        {%- do return('(select * from ' ~ relation ~ ' where ' ~ where ~ ') dbt_subquery') -%}
    {%- else -%}
        {%- do return(relation) -%}
    {%- endif -%}
{%- endmacro %}
