{#- T05-ROW: each row, 小计 = 基本支出 + 项目支出 -#}
{% macro rule_t05_row() -%}
{{ row_sum_rule('T05-ROW', 'T05', ['basic', 'project']) }}
{%- endmacro %}
