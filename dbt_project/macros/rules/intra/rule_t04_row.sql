{#- T04-ROW: each expenditure row, 合计 = 一般公共预算 + 政府性基金 + 国有资本经营 -#}
{% macro rule_t04_row() -%}
{{ row_columns_rule('T04-ROW', 'T04', 'expenditure', [
    ('total', 'total', 'actual', 1),
    ('total', 'general_public_budget', 'term', 1),
    ('total', 'government_fund', 'term', 1),
    ('total', 'state_capital', 'term', 1),
]) }}
{%- endmacro %}
