{#- An amount as text for messages: 2 decimals, more only where the value has them. -#}
{% macro format_amount(amount) -%}
    case
        when {{ amount }} is null then '—'
        when {{ amount }} = round({{ amount }}, 2) then cast(cast({{ amount }} as decimal(20,2)) as varchar)
        else regexp_replace(cast({{ amount }} as varchar), '0+$', '')
    end
{%- endmacro %}
