{#- T03-ROW: each row, 本年支出合计 = 基本 + 项目 + 上缴上级 + 经营 + 对附属单位补助 -#}
{% macro rule_t03_row() -%}
{{ row_sum_rule('T03-ROW', 'T03',
    ['basic', 'project', 'remit_to_superior', 'operating', 'subsidiary_subsidy']) }}
{%- endmacro %}
