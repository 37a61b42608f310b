{#- What a run changed: the parse steps list the bulletins a run parsed, removed or gave other
    task ids (parsed.changed_bulletins) and the task ids they had or have (parsed.changed_tasks);
    see pipelines/lib/changes.py. An incremental mart keyed by either deletes the rows of those
    keys (pre-hook) and inserts them again from its query, which reads only those keys;
    `dbt build --full-refresh` rebuilds it from every row. dbt's tests read the changed keys' rows
    of every model keyed by them, views included. -#}

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

{#- The rows of ``relation`` a run's tests read, as a predicate ('' for all): a run that rebuilt
    only the changed rows (the pipeline passes --vars '{"tests_on": "changes"}') tests those rows;
    a full refresh, or dbt run by hand, tests every row. -#}
{% macro changed_scope(relation) -%}
    {%- set key = changed_key_of(relation.identifier) -%}
    {%- if var('tests_on', 'all') == 'changes' and not flags.FULL_REFRESH and key -%}
        {{ return(key ~ ' in (select ' ~ key ~ ' from ' ~ changes_of(key) ~ ')') }}
    {%- endif -%}
    {{ return('') }}
{%- endmacro %}

{#- dbt's tests read their model through this macro (dbt's own adds a test's `where`). -#}
{% macro get_where_subquery(relation) -%}
    {%- set where = config.get('where', '') -%}
    {%- set scope = changed_scope(relation) -%}
    {%- if scope -%}
        {%- set where = scope ~ (' and (' ~ where ~ ')' if where else '') -%}
    {%- endif -%}
    {%- if where -%}
        {%- do return('(select * from ' ~ relation ~ ' where ' ~ where ~ ') dbt_subquery') -%}
    {%- else -%}
        {%- do return(relation) -%}
    {%- endif -%}
{%- endmacro %}

{#- dbt's relationships test, with the parent read in the changed scope too: a changed row can only
    refer to a row of its own bulletin (every id starts with it) or to a task id its bulletin has,
    and both are in the scope, so nothing is missed; a parent read whole would make each such
    test cost what the whole mart costs (a view's whole join). -#}
{% macro default__test_relationships(model, column_name, to, field) %}
    {%- set scope = changed_scope(to) %}

    with child as (
        select {{ column_name }} as from_field
        from {{ model }}
        where {{ column_name }} is not null
    ),

    parent as (
        select {{ field }} as to_field
        from {{ to }}
        {%- if scope %}
        where {{ scope }}
        {%- endif %}
    )

    select from_field
    from child
    left join parent
        on child.from_field = parent.to_field
    where parent.to_field is null
{% endmacro %}
