{#- T04-BAL: 收入总计 = 支出总计 (its 合计 column); 本年收入合计 = 一般公共预算 + 政府性基金 +
    国有资本经营 财政拨款 (the numbered income lines above it) -#}
{% macro rule_t04_bal() -%}
select * from (
    {{ fixed_lines_rule('T04-BAL', 'T04', [
        ('income', '总计', 'amount', '总计', 'amount', 'actual'),
        ('expenditure', '总计', 'amount', '总计', 'total', 'term'),
    ]) | indent(4) }}
)
union all by name
select * from (
    {{ line_sum_rule('T04-BAL', 'T04', 'income', '本年收入合计', 'amount', '本年收入合计', 'above') }}
)
{%- endmacro %}
