{#- T01-BAL: 收入总计 = 支出总计 (T01 prints 总计 on both sides) -#}
{% macro rule_t01_bal() -%}
{{ fixed_lines_rule('T01-BAL', 'T01', [
    ('income', '总计', 'amount', '总计', 'amount', 'actual'),
    ('expenditure', '总计', 'amount', '总计', 'amount', 'term'),
]) }}
{%- endmacro %}
