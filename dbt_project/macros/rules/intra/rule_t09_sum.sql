{#- T09-SUM: for 预算数 and 决算数 separately, 合计 = 因公出国（境）+ 公务用车小计 + 公务接待;
    公务用车小计 = 购置费 + 运行维护费 -#}
{% macro rule_t09_sum() -%}
{%- set specs = [] -%}
{%- for measure in ['budget', 'actual'] -%}
    {%- do specs.extend([
        (measure ~ '_total', measure ~ '_total', 'actual', 1),
        (measure ~ '_total', measure ~ '_overseas', 'term', 1),
        (measure ~ '_total', measure ~ '_vehicle_total', 'term', 1),
        (measure ~ '_total', measure ~ '_reception', 'term', 1),
        (measure ~ '_vehicle_total', measure ~ '_vehicle_total', 'actual', 1),
        (measure ~ '_vehicle_total', measure ~ '_vehicle_purchase', 'term', 1),
        (measure ~ '_vehicle_total', measure ~ '_vehicle_operation', 'term', 1),
    ]) -%}
{%- endfor -%}
{{ row_columns_rule('T09-SUM', 'T09', none, specs) }}
{%- endmacro %}
