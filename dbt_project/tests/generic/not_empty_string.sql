{% test not_empty_string(model, column_name) %}
{#- Fails with the rows whose text column is null or only white space. -#}
select *
from {{ model }}
where {{ column_name }} is null or trim({{ column_name }}) = ''
{% endtest %}
