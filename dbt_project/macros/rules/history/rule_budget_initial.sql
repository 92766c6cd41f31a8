{#- BUDGET-INITIAL (across documents): the 年初预算 a 决算 narrative states for the general public
    budget and each subject it names equals what the budget document (部门预算) of the same
    department and year publishes in its 一般公共预算支出表 (B07). Compared only where that budget
    is loaded; a budget whose B07 was not read makes the comparison insufficient_data, and a
    subject the budget does not print is budgeted at 0 there. The budget's cell is listed with
    table_code 'B07(预算)': it is printed in the other document. -#}
{% macro rule_budget_initial() -%}
with

stated as (
    select e.document_id, e.subject_code, e.subject_name, e.initial_budget_amount,
        e.source_page, d.department_key, d.fiscal_year
    from {{ ref('fact_budget_execution') }} as e
    inner join {{ ref('stg_document') }} as d on d.document_id = e.document_id
    -- on 决算 documents only: the catalogue's document_kinds (int_rule_inputs) says so
    where e.initial_budget_amount is not null and e.subject_code is not null
),

budgets as (
    select d.document_id as budget_id, d.department_key, d.fiscal_year, t.status, t.reason
    from {{ ref('stg_document') }} as d
    left join {{ ref('stg_disclosure_table') }} as t
        on t.document_id = d.document_id and t.table_code = 'B07'
    where d.document_kind = '预算'
),

paired as (
    select s.*, b.budget_id, b.status, b.reason
    from stated as s
    inner join budgets as b
        on b.department_key = s.department_key and b.fiscal_year = s.fiscal_year
),

budget_cells as (
    select * from {{ ref('int_rule_cells') }}
    where table_code = 'B07' and column_key = 'total' and row_kind in ('total', 'subject')
)

select
    'BUDGET-INITIAL' as rule_id, p.document_id, 'narrative,B07' as tables,
    p.subject_code as row_key, p.subject_name as row_label, 'initial_budget' as column_key,
    'actual' as role, 'narrative' as table_code, p.source_page as page,
    p.initial_budget_amount as amount, 'value' as amount_state,
    cast(p.initial_budget_amount as varchar) as printed_text,
    p.subject_code as cell_row, '年初预算' as cell_column, '年初预算' as column_label,
    cast(null as varchar) as doubt
from paired as p

union all by name

select
    'BUDGET-INITIAL' as rule_id, p.document_id, 'narrative,B07' as tables,
    p.subject_code as row_key, c.row_label, 'initial_budget' as column_key,
    case when p.status = 'extracted' then 'term' else 'none' end as role,
    'B07(预算)' as table_code, c.page, c.amount, c.amount_state, c.printed_text,
    c.row_key as cell_row, c.column_key as cell_column, c.column_label,
    case when p.status is distinct from 'extracted' then
        'the budget document has no readable 一般公共预算支出表 (B07 '
        || coalesce(p.status, 'not found') || coalesce(': ' || p.reason, '') || ')'
    end as doubt
from paired as p
left join budget_cells as c
    on c.document_id = p.budget_id and c.row_key = p.subject_code
where c.document_id is not null or p.status is distinct from 'extracted'
{%- endmacro %}
