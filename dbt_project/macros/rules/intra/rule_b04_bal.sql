{#- B04-BAL (财政拨款收支预算总表): 收入总计 = 支出总计 (its 合计 column). -#}
{% macro rule_b04_bal() -%}
{{ fixed_lines_rule('B04-BAL', 'B04', [
    ('income', '总计', 'amount', '收入(总计|合计)', 'amount', 'actual'),
    ('expenditure', '总计', 'amount', '支出(总计|合计)', 'total', 'term'),
]) }}
{%- endmacro %}
