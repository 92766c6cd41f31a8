{#- The "missing or insufficient table" mechanism of the rule inputs: a model's CTE table_doubts
    holds (rule_id, document_id, <tables_column>, doubt) for each rule whose table(s) a document
    lacks or did not read (its message and which statuses block are the model's own); that rule's
    input rows are then dropped (whole_table_doubt_filter) and replaced by one whole-table row
    ('*', role 'none': insufficient_data) carrying the reason (whole_table_doubt_rows). -#}

{#- A where-condition on the input rows aliased `alias`: their rule is not blocked on the
    document. With tables_column, only the blocked table set of the rule is matched. -#}
{% macro whole_table_doubt_filter(alias, tables_column='tables') -%}
not exists (
    select 1 from table_doubts as b
    where b.rule_id = {{ alias }}.rule_id and b.document_id = {{ alias }}.document_id
    {%- if tables_column %} and b.{{ tables_column }} = {{ alias }}.tables{% endif %}
)
{%- endmacro %}

{#- The whole-table rows, in the column order of the rule-input shape. -#}
{% macro whole_table_doubt_rows(tables_column='tables') -%}
select
    rule_id, document_id, {{ tables_column }}, '*', '(whole table)', '*', 'none',
    null, null, null, null, null, null, null, null, doubt, null
from table_doubts
{%- endmacro %}
