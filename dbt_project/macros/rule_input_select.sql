{#- The final select of a rule family's input model: the columns of the rule-input row shape
    (see int_reconciliation_comparisons), typed alike so the families union. -#}
{#- tables / table_code / n_override: the SQL of those columns when the relation lacks them. -#}
{% macro rule_input_select(relation, tables='tables', table_code='table_code', n_override='n_override') -%}
select
    cast(rule_id as varchar) as rule_id,
    cast(document_id as varchar) as document_id,
    cast({{ tables }} as varchar) as tables,
    cast(row_key as varchar) as row_key,
    cast(row_label as varchar) as row_label,
    cast(column_key as varchar) as column_key,
    cast(role as varchar) as role,
    cast({{ table_code }} as varchar) as table_code,
    cast(page as integer) as page,
    cast(amount as decimal(20,6)) as amount,
    cast(amount_state as varchar) as amount_state,
    cast(printed_text as varchar) as printed_text,
    cast(cell_row as varchar) as cell_row,
    cast(cell_column as varchar) as cell_column,
    cast(column_label as varchar) as column_label,
    cast(doubt as varchar) as doubt,
    cast({{ n_override }} as integer) as n_override
from {{ relation }}
{%- endmacro %}
