{#- B03-ROW (支出预算表): each row's 合计 = 基本支出 + 项目支出 (+ 单位预留机动经费 + 结转下年资金 where printed). -#}
{% macro rule_b03_row() -%}
{{ row_sum_rule('B03-ROW', 'B03', ['basic', 'project', 'reserve', 'carry_forward']) }}
{%- endmacro %}
