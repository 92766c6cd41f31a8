{#- Where int_rule_inputs finds the rules' input rows (see int_reconciliation_comparisons for the
    row shape). -#}

{#- The rule files: one macro per rule, named rule_<rule id> (lower case, '-' as '_'), in
    macros/rules/<family>/<its name>.sql, returning the rule's input rows. Found by their
    path, so a new rule is its catalogue row and its file, listed nowhere else. -#}
{% macro rule_files() -%}
    {%- set names = [] -%}
    {%- for name, item in context.items() -%}
        {%- if item.macro is defined
            and item.macro.original_file_path.startswith('macros/rules/') -%}
            {%- do names.append(name) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(names | sort) }}
{%- endmacro %}

{#- The rule id a rule file's macro is named after: rule_x_t01_t03 → X-T01-T03. -#}
{% macro rule_file_rule_id(name) -%}
    {{ return(name[5:] | upper | replace('_', '-')) }}
{%- endmacro %}

{#- The family models not yet split into rule files, one per rule family
    (models/intermediate/rules/). -#}
{% macro rule_input_models() -%}
    {{ return([
        'int_rule_inputs_cross',
        'int_rule_inputs_text',
        'int_rule_inputs_perf',
        'int_rule_inputs_history',
    ]) }}
{%- endmacro %}
