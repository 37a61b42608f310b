{% test unique_combination_of_columns(model, combination_of_columns) %}
{#- Fails with the duplicated key combinations: the grain of a table made of several columns. -#}
with grouped as (
    select
        {{ combination_of_columns | join(', ') }},
        count(*) as n_rows
    from {{ model }}
    group by {{ combination_of_columns | join(', ') }}
)

select * from grouped
where n_rows > 1
{% endtest %}
