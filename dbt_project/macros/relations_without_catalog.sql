{#- Models name what they read without its catalog (schema.table): DuckDB binds a view's names in
    the catalog the view is in, so the views (staging, and the marts keyed by bulletin) read from
    the file they are in whatever name it is opened under: a copy of the warehouse, or an
    `ATTACH ... AS` alias. With the catalog in them they would read from a catalog named after the
    file dbt built, and fail anywhere else. (dbt's unit tests hand ref() their fixtures, which have
    no catalog to drop.) -#}

{% macro ref() -%}
    {%- if builtins is not defined -%}  {#- templated without dbt (sqlfluff): the name -#}
        {{ return(varargs[-1]) }}
    {%- endif -%}
    {%- set version = kwargs.get('version') or kwargs.get('v') -%}
    {%- if varargs | length == 1 -%}
        {%- set relation = builtins.ref(varargs[0], version=version) -%}
    {%- else -%}
        {%- set relation = builtins.ref(varargs[0], varargs[1], version=version) -%}
    {%- endif -%}
    {{ return(_without_catalog(relation)) }}
{%- endmacro %}

{% macro source(source_name, table_name) -%}
    {%- if builtins is not defined -%}  {#- templated without dbt (sqlfluff): the name -#}
        {{ return(source_name ~ '.' ~ table_name) }}
    {%- endif -%}
    {{ return(_without_catalog(builtins.source(source_name, table_name))) }}
{%- endmacro %}

{% macro _without_catalog(relation) -%}
    {%- if relation.include is defined -%}
        {{ return(relation.include(database=False)) }}
    {%- endif -%}
    {{ return(relation) }}
{%- endmacro %}
