{#- B01-BAL (收支预算总表): 收入总计 = 支出总计 (收入合计 / 支出合计 where that is the last line). -#}
{% macro rule_b01_bal() -%}
{{ fixed_lines_rule('B01-BAL', 'B01', [
    ('income', '总计', 'amount', '收入(总计|合计)', 'amount', 'actual'),
    ('expenditure', '总计', 'amount', '支出(总计|合计)', 'amount', 'term'),
]) }}
{%- endmacro %}
