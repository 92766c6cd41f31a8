{#-
  One row per printed line of 支出决算表 (T03, funding_scope all_sources) and 一般公共预算财政拨款
  支出决算表 (T05, general_public_budget): the 合计 row (subject_code 'TOTAL', level 0) and every
  类/款/项 row. Blank cells are NULL; '——' cells are NULL and named in na_flags.
-#}

{%- set measures = [
    ('total', 'total_amount'),
    ('basic', 'basic_amount'),
    ('project', 'project_amount'),
    ('remit_to_superior', 'remit_to_superior_amount'),
    ('operating', 'operating_amount'),
    ('subsidiary_subsidy', 'subsidiary_subsidy_amount'),
] %}

with

cells as (
    select *
    from {{ ref('stg_amount_cell') }}
    where table_code in ('T03', 'T05') and row_kind in ('total', 'subject')
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
        list_sort(list(
            case column_key
            {%- for key, measure in measures %}
                when '{{ key }}' then '{{ measure }}'
            {%- endfor %}
            end
        ) filter (where amount_state = 'not_applicable')) as na_flags,
        list_sort(list(
            case column_key
            {%- for key, measure in measures %}
                when '{{ key }}' then '{{ measure }}'
            {%- endfor %}
            end
        ) filter (where amount_state = 'unreadable')) as unreadable_flags
    from cells
    group by document_id, table_code, row_index, row_kind, subject_code
)

select
    d.department_key as department_id,
    d.department_name,
    d.fiscal_year,
    case l.table_code
        when 'T03' then 'all_sources'
        when 'T05' then 'general_public_budget'
    end as funding_scope,
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
    l.row_index as source_row
from lines as l
inner join {{ ref('stg_document') }} as d on d.document_id = l.document_id
