{#- HIER (T02, T03, T05, T07, T08, each table on its own): per column, 合计 = Σ 类; 类 = Σ its
    款; 款 = Σ its 项, for every printed parent with printed children. -#}
{% macro rule_hier() -%}
{{ hierarchy_rule('HIER', ['T02', 'T03', 'T05', 'T07', 'T08']) }}
{%- endmacro %}
