{#- The models that contribute input rows to int_reconciliation_comparisons, one per rule family
    (see that model for the row shape). Add a family's model here once it exists. -#}
{% macro rule_input_models() -%}
    {{ return([]) }}
{%- endmacro %}
