{#- T01-SUM-IN: 本年收入合计 = Σ the numbered income lines 一 … 八 printed above it -#}
{% macro rule_t01_sum_in() -%}
{{ line_sum_rule('T01-SUM-IN', 'T01', 'income', '本年收入合计', 'amount', '本年收入合计', 'above') }}
{%- endmacro %}
