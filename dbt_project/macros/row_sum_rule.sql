{#- The inputs of a within-row rule (e.g. T03-ROW): in each coded or 合计 row of one table, the
    printed 'total' cell is the actual and the term columns are summed into the expected. -#}
{% macro row_sum_rule(rule_id, table_code, term_columns) -%}
    select
        '{{ rule_id }}' as rule_id, document_id, '{{ table_code }}' as tables, row_key, row_label,
        'total' as column_key,
        case when column_key = 'total' then 'actual' else 'term' end as role,
        table_code, page, amount, amount_state, printed_text,
        row_key as cell_row, column_key as cell_column, column_label,
        cast(null as varchar) as doubt
    from {{ ref('int_rule_cells') }}
    where table_code = '{{ table_code }}' and row_kind in ('total', 'subject')
        and column_key in ('total'{% for column in term_columns %}, '{{ column }}'{% endfor %})
{%- endmacro %}
