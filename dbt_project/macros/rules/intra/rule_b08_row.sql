{#- B08-ROW (一般公共预算基本支出表): each row's 合计 = 人员经费 + 公用经费. -#}
{% macro rule_b08_row() -%}
{{ row_sum_rule('B08-ROW', 'B08', ['personnel', 'public']) }}
{%- endmacro %}
