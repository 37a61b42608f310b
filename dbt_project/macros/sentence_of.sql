{#- The sentence of the body text that the span [start, end) lies in (0-based offsets, as stored):
    from after the last sentence end (。!?！？ or a line break) before the span, at most 300
    characters back, to the next sentence end after it (kept), at most 300 characters on. -#}
{% macro sentence_of(body, start, end) -%}
    regexp_extract(
        substring({{ body }}, greatest({{ start }} - 299, 1), {{ start }} - greatest({{ start }} - 299, 1) + 1),
        '[^。！？!?\n]*$'
    )
    || substring({{ body }}, {{ start }} + 1, {{ end }} - {{ start }})
    || regexp_extract(substring({{ body }}, {{ end }} + 1, 300), '^[^。！？!?\n]*[。！？!?]?')
{%- endmacro %}
