{#- The "missing or insufficient table" mechanism of int_rule_inputs: its CTE table_doubts holds
    (rule_id, document_id, tables, doubt) for each rule whose table(s) a document lacks or did
    not read (from the catalogue); that rule's input rows are then dropped
    (whole_table_doubt_filter) and replaced by one whole-table row ('*', role 'none':
    insufficient_data) carrying the reason (whole_table_doubt_rows). -#}

{#- A where-condition on the input rows aliased `alias`: their rule is not blocked on the
    document for their set of tables. -#}
{% macro whole_table_doubt_filter(alias) -%}
not exists (
    select 1 from table_doubts as b
    where b.rule_id = {{ alias }}.rule_id and b.document_id = {{ alias }}.document_id
        and b.tables = {{ alias }}.tables
)
{%- endmacro %}

{#- The whole-table rows, in the column order of the rule-input shape. -#}
{% macro whole_table_doubt_rows() -%}
select
    rule_id, document_id, tables, '*', '(whole table)', '*', 'none',
    null, null, null, null, null, null, null, null, doubt, null
from table_doubts
{%- endmacro %}
