{#- T02-ROW: each row, 本年收入合计 = Σ the source columns (those printed) -#}
{% macro rule_t02_row() -%}
{{ row_sum_rule('T02-ROW', 'T02', [
    'fiscal_appropriation', 'superior_subsidy', 'business', 'operating', 'subsidiary_remit',
    'other'
]) }}
{%- endmacro %}
