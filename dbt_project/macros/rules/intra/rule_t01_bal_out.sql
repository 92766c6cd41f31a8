{#- T01-BAL-OUT: 支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余 (T01, expenditure side) -#}
{% macro rule_t01_bal_out() -%}
{{ fixed_lines_rule('T01-BAL-OUT', 'T01', [
    ('expenditure', '支出总计', 'amount', '总计', 'amount', 'actual'),
    ('expenditure', '支出总计', 'amount', '本年支出合计', 'amount', 'term'),
    ('expenditure', '支出总计', 'amount', '结余分配', 'amount', 'term'),
    ('expenditure', '支出总计', 'amount', '年末结转和结余', 'amount', 'term'),
]) }}
{%- endmacro %}
