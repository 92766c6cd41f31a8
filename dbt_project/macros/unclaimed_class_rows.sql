{#- 类 rows of a subject table with a figure that no line of a balance table was matched to:
    when a balance-table 类 name matches no code, it may be one of these, so that comparison is
    in doubt rather than a fail (X-T01-T03 and X-T04-T05). -#}
{% macro unclaimed_class_rows(class_rows, class_lines) -%}
    select t.document_id, string_agg(distinct t.row_key, ', ' order by t.row_key) as codes
    from {{ class_rows }} as t
    where t.column_key = 'total'
        and t.amount_state in ('value', 'unreadable')
        and not exists (
            select 1 from {{ class_lines }} as l
            where l.document_id = t.document_id and l.class_code = t.row_key
        )
    group by all
{%- endmacro %}
