{#- T07-ROW: each row, 年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出小计; 本年支出小计 =
    基本支出 + 项目支出 -#}
{% macro rule_t07_row() -%}
{{ row_columns_rule('T07-ROW', 'T07', none, [
    ('closing_balance', 'closing_balance', 'actual', 1),
    ('closing_balance', 'opening_balance', 'term', 1),
    ('closing_balance', 'income', 'term', 1),
    ('closing_balance', 'total', 'term', -1),
    ('total', 'total', 'actual', 1),
    ('total', 'basic', 'term', 1),
    ('total', 'project', 'term', 1),
]) }}
{%- endmacro %}
