{#- T08-ROW: each row of the 国有资本经营预算财政拨款支出决算表, 本年支出合计 = 基本支出 +
    项目支出 -#}
{% macro rule_t08_row() -%}
{{ row_sum_rule('T08-ROW', 'T08', ['basic', 'project']) }}
{%- endmacro %}
