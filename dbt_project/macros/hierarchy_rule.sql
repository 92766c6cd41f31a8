{#- The inputs of a hierarchy rule over the subject tables `tables`, each table on its own: per
    column, 合计 = Σ 类; 类 = Σ its 款; 款 = Σ its 项, for every printed parent with printed
    children (HIER for the 决算 tables, B-HIER for the budget's). -#}
{% macro hierarchy_rule(rule_id, tables) -%}
with

-- coded and 合计 rows of the subject tables (parent_key: the row each sums into)
subject_cells as (
    select * from {{ ref('int_rule_cells') }}
    where table_code in ({% for t in tables %}'{{ t }}'{{ ', ' if not loop.last }}{% endfor %})
        and row_kind in ('total', 'subject')
),

hier_parents as (
    select distinct p.document_id, p.table_code, p.row_key
    from subject_cells as p
    inner join subject_cells as c
        on c.document_id = p.document_id
        and c.table_code = p.table_code
        and c.parent_key = p.row_key
)

select
    '{{ rule_id }}' as rule_id, c.document_id, c.table_code as tables,
    case when c.row_key = hp.row_key then c.row_key else c.parent_key end as row_key,
    case when c.row_key = hp.row_key then c.row_label end as row_label,
    c.column_key,
    case when c.row_key = hp.row_key then 'actual' else 'term' end as role,
    c.table_code, c.page, c.amount, c.amount_state, c.printed_text,
    c.row_key as cell_row, c.column_key as cell_column, c.column_label,
    cast(null as varchar) as doubt
from subject_cells as c
inner join hier_parents as hp
    on hp.document_id = c.document_id
    and hp.table_code = c.table_code
    and (hp.row_key = c.row_key or hp.row_key = c.parent_key)
{%- endmacro %}
