{#- B07-ROW (一般公共预算支出表): each row's 合计 = 基本支出 + 项目支出 (+ 单位预留机动经费 + 结转下年资金 where printed). -#}
{% macro rule_b07_row() -%}
{{ row_sum_rule('B07-ROW', 'B07', ['basic', 'project', 'reserve', 'carry_forward']) }}
{%- endmacro %}
