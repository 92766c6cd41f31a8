{#- The printed lines of the subject tables (功能分类科目表: 收入决算表, 支出决算表, 一般公共预算 /
    政府性基金 / 国有资本经营 支出表) as mart rows: one row per line, the 合计 line as subject_code
    'TOTAL' (level 0), each of `measures` ((column_key, column name) pairs) in its own column.
    Blank cells are NULL; '——' cells are NULL and named in na_flags, unreadable ones in
    unreadable_flags. `scopes` maps each table code read to the funding_scope it reports, or is
    none for a single table whose rows carry no scope. Shared by fact_expenditure,
    fact_income and the budget marts, so all say 类/款/项, leaf and provenance the same way. -#}
{% macro subject_lines(tables, measures, scopes=none) -%}
with

cells as (
    select *
    from {{ ref('stg_amount_cell') }}
    where table_code in ({% for t in tables %}'{{ t }}'{{ ", " if not loop.last }}{% endfor %})
        and row_kind in ('total', 'subject')
),

lines as (
    select
        document_id,
        table_code,
        row_index,
        case when row_kind = 'total' then 'TOTAL' else subject_code end as subject_code,
        min(row_label) as subject_name,
        min(page) as source_page,
        {%- for key, measure in measures %}
        max(amount) filter (where column_key = '{{ key }}' and amount_state = 'value')
            as {{ measure }},
        {%- endfor %}
        {%- for state, flags in [('not_applicable', 'na_flags'), ('unreadable', 'unreadable_flags')] %}
        list_sort(list(
            case column_key
            {%- for key, measure in measures %}
                when '{{ key }}' then '{{ measure }}'
            {%- endfor %}
            end
        ) filter (where amount_state = '{{ state }}')) as {{ flags }}{{ "," if not loop.last }}
        {%- endfor %}
    from cells
    group by document_id, table_code, row_index, row_kind, subject_code
)

select
    d.department_key as department_id,
    d.department_name,
    d.fiscal_year,
    {%- if scopes %}
    case l.table_code
        {%- for table, scope in scopes.items() %}
        when '{{ table }}' then '{{ scope }}'
        {%- endfor %}
    end as funding_scope,
    {%- endif %}
    l.subject_code,
    l.subject_name,
    case
        when l.subject_code = 'TOTAL' then 0
        when length(l.subject_code) = 3 then 1
        when length(l.subject_code) = 5 then 2
        when length(l.subject_code) = 7 then 3
    end as subject_level,
    case
        when l.subject_code = 'TOTAL' then null
        when length(l.subject_code) = 5 then left(l.subject_code, 3)
        when length(l.subject_code) = 7 then left(l.subject_code, 5)
    end as parent_code,
    l.subject_code <> 'TOTAL' and not exists (
        select 1 from lines as child
        where child.document_id = l.document_id
            and child.table_code = l.table_code
            and child.subject_code <> 'TOTAL'
            and length(child.subject_code) > length(l.subject_code)
            and starts_with(child.subject_code, l.subject_code)
    ) as is_leaf,
    {%- for key, measure in measures %}
    cast(l.{{ measure }} as decimal(20,6)) as {{ measure }},
    {%- endfor %}
    coalesce(l.na_flags, []) as na_flags,
    coalesce(l.unreadable_flags, []) as unreadable_flags,
    l.document_id,
    l.source_page,
    l.table_code as source_table,
    l.row_index as source_row,
    -- BI-friendly scalar twins of the list columns: SQLAlchemy and most BI tools cannot type a
    -- list.
    array_to_string(coalesce(l.na_flags, []), ', ') as na_flags_text,
    array_to_string(coalesce(l.unreadable_flags, []), ', ') as unreadable_flags_text
from lines as l
inner join {{ ref('stg_document') }} as d on d.document_id = l.document_id
{%- endmacro %}
