{#- Every (from_columns) tuple of the model, where `where` holds, exists as (to_columns) in `to`. -#}
{% test relationships_composite(model, to, from_columns, to_columns) %}
with child as (
    select * from {{ model }}
)

select {% for c in from_columns %}child.{{ c }}{{ ", " if not loop.last }}{% endfor %}
from child
where not exists (
    select 1 from {{ to }} as parent
    where {% for i in range(from_columns | length) -%}
        parent.{{ to_columns[i] }} = child.{{ from_columns[i] }}{{ " and " if not loop.last }}
    {%- endfor %}
)
{% endtest %}
