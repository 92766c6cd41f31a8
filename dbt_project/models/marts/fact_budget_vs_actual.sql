{#-
  The budget against the final accounts (预算与决算对比), per department, fiscal year and subject
  of the general public budget (一般公共预算财政拨款支出): the amount the budget document
  (部门预算, B07) publishes, the 年初预算 the 决算 narrative states (fact_budget_execution), the
  amount the 决算 prints (一般公共预算财政拨款支出决算表, T05), the difference (决算 − 预算) and the
  execution rate (决算 / 预算, percent). One row per subject any of the three names: a subject
  budgeted but never spent, or spent without a budget line, has NULL on the side that lacks it.
  The rate is NULL where the budget is absent or 0.
-#}

with

budget as (
    select * from {{ ref('fact_budget') }}
    where funding_scope = 'general_public_budget'
),

actual as (
    select * from {{ ref('fact_expenditure') }}
    where funding_scope = 'general_public_budget'
),

stated as (
    select * from {{ ref('fact_budget_execution') }}
    where subject_code is not null
),

keys as (
    select department_id, fiscal_year, subject_code from budget
    union
    select department_id, fiscal_year, subject_code from actual
    union
    select department_id, fiscal_year, subject_code from stated
),

joined as (
    select
        k.department_id,
        coalesce(a.department_name, b.department_name, s.department_name) as department_name,
        k.fiscal_year,
        k.subject_code,
        coalesce(a.subject_name, b.subject_name, s.subject_name) as subject_name,
        coalesce(a.subject_level, b.subject_level, s.subject_level) as subject_level,
        b.total_amount as budget_amount,
        b.basic_amount as budget_basic_amount,
        b.project_amount as budget_project_amount,
        s.initial_budget_amount as stated_initial_budget_amount,
        a.total_amount as final_amount,
        a.basic_amount as final_basic_amount,
        a.project_amount as final_project_amount,
        b.document_id as budget_document_id,
        b.source_page as budget_source_page,
        a.document_id as final_document_id,
        a.source_page as final_source_page,
        s.source_page as stated_source_page
    from keys as k
    left join budget as b
        on b.department_id = k.department_id and b.fiscal_year = k.fiscal_year
        and b.subject_code = k.subject_code
    left join actual as a
        on a.department_id = k.department_id and a.fiscal_year = k.fiscal_year
        and a.subject_code = k.subject_code
    left join stated as s
        on s.department_id = k.department_id and s.fiscal_year = k.fiscal_year
        and s.subject_code = k.subject_code
)

select
    department_id,
    department_name,
    fiscal_year,
    subject_code,
    subject_name,
    subject_level,
    cast(budget_amount as decimal(20,6)) as budget_amount,
    cast(budget_basic_amount as decimal(20,6)) as budget_basic_amount,
    cast(budget_project_amount as decimal(20,6)) as budget_project_amount,
    cast(stated_initial_budget_amount as decimal(20,6)) as stated_initial_budget_amount,
    cast(final_amount as decimal(20,6)) as final_amount,
    cast(final_basic_amount as decimal(20,6)) as final_basic_amount,
    cast(final_project_amount as decimal(20,6)) as final_project_amount,
    cast(final_amount - budget_amount as decimal(20,6)) as difference_amount,
    cast(round(final_amount * 100 / nullif(budget_amount, 0), 2) as decimal(20,6))
        as execution_rate,
    -- the 决算 narrative's 年初预算 against the budget document: NULL where either is absent
    stated_initial_budget_amount = budget_amount as stated_equals_budget,
    budget_document_id,
    budget_source_page,
    final_document_id,
    final_source_page,
    stated_source_page
from joined
