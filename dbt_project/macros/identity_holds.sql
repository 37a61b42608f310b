{% macro identity_holds(relation, whole, parts_sum) -%}
{#- Whether a stated whole and the sum of its parts satisfy the relation: 'equals' within a
    relative tolerance of 1e-9, 'at_most' (a 其中 list) not above the whole. The same rule as
    Identity.holds in pipelines/lib/parsing/identities.py; tests/test_identities.py checks that
    both agree. -#}
case {{ relation }}
    when 'equals'
        then abs({{ whole }} - {{ parts_sum }}) <= 1e-9 * greatest(abs({{ whole }}), 1)
    else {{ parts_sum }} <= {{ whole }} + 1e-9 * greatest(abs({{ whole }}), 1)
end
{%- endmacro %}
