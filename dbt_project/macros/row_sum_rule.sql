{#- The inputs of a within-row rule (e.g. T03-ROW): in each coded or 合计 row of one table, the
    printed 'total' cell is the actual and the term columns are summed into the expected. A
    table that prints none of the term columns (a budget's one-column 金额 table) has nothing
    to add up: its rows are not compared. -#}
{% macro row_sum_rule(rule_id, table_code, term_columns) -%}
    {%- set terms -%}
        {% for column in term_columns %}'{{ column }}'{{ ", " if not loop.last }}{% endfor %}
    {%- endset %}
    select
        '{{ rule_id }}' as rule_id, c.document_id, '{{ table_code }}' as tables, c.row_key,
        c.row_label, 'total' as column_key,
        case when c.column_key = 'total' then 'actual' else 'term' end as role,
        c.table_code, c.page, c.amount, c.amount_state, c.printed_text,
        c.row_key as cell_row, c.column_key as cell_column, c.column_label,
        cast(null as varchar) as doubt
    from {{ ref('int_rule_cells') }} as c
    where c.table_code = '{{ table_code }}' and c.row_kind in ('total', 'subject')
        and c.column_key in ('total', {{ terms }})
        and exists (
            select 1 from {{ ref('int_rule_cells') }} as t
            where t.document_id = c.document_id and t.table_code = c.table_code
                and t.column_key in ({{ terms }})
        )
{%- endmacro %}
