{#- The models that contribute input rows to int_reconciliation_comparisons, one per rule family
    (models/intermediate/rules/; see int_reconciliation_comparisons for the row shape). -#}
{% macro rule_input_models() -%}
    {{ return([
        'int_rule_inputs_intra',
        'int_rule_inputs_cross',
        'int_rule_inputs_text',
        'int_rule_inputs_perf',
        'int_rule_inputs_history',
    ]) }}
{%- endmacro %}
