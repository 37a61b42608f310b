{#- Models with a custom schema (staging views: "staging") go to that schema as named; marts stay in
    the target schema (main), where analysts find them without a prefix. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
