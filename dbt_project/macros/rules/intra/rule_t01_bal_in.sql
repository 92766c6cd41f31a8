{#- T01-BAL-IN: 收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余 (T01, income side) -#}
{% macro rule_t01_bal_in() -%}
{{ fixed_lines_rule('T01-BAL-IN', 'T01', [
    ('income', '收入总计', 'amount', '总计', 'amount', 'actual'),
    ('income', '收入总计', 'amount', '本年收入合计', 'amount', 'term'),
    ('income', '收入总计', 'amount', '使用非财政拨款结余(和专用结余)?', 'amount', 'term'),
    ('income', '收入总计', 'amount', '年初结转和结余', 'amount', 'term'),
]) }}
{%- endmacro %}
