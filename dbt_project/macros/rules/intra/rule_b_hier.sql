{#- B-HIER: HIER over a budget's subject tables (收入/支出/财政拨款/一般公共预算/政府性基金/国有资本
    经营预算支出表), each that is printed. Its catalogue row lists the three every budget layout
    prints (B02, B03, B07): only their absence makes it insufficient_data. -#}
{% macro rule_b_hier() -%}
{{ hierarchy_rule('B-HIER', ['B02', 'B03', 'B05', 'B07', 'B09', 'B10']) }}
{%- endmacro %}
