{#- T01-SUM-OUT: 本年支出合计 = Σ the numbered 类 expenditure lines printed above it -#}
{% macro rule_t01_sum_out() -%}
{{ line_sum_rule('T01-SUM-OUT', 'T01', 'expenditure', '本年支出合计', 'amount', '本年支出合计', 'above') }}
{%- endmacro %}
