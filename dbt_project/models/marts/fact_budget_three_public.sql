{#-
  The 三公 budget (“三公”经费预算), one row per item a budget document's 三公 table (B11) prints:
  合计, 因公出国（境）费, 公务用车购置及运行费 and its 购置 / 运行, 公务接待费, and the items budget
  tables print beside them (机关运行经费, 会议费, 培训费). Beside each 三公 item, what the same
  year's 决算 prints for it (fact_three_public: its 预算数 and 决算数), so that the budget the
  department published can be read against the budget and the spending its 决算 reports.
-#}

with

cells as (
    select
        document_id,
        substr(column_key, length('budget_') + 1) as item_key,
        column_label,
        amount,
        amount_state,
        printed_text,
        page
    from {{ ref('stg_amount_cell') }}
    where table_code = 'B11' and column_key like 'budget\_%' escape '\'
),

final_accounts as (
    select * from {{ ref('fact_three_public') }}
)

select
    d.department_key as department_id,
    d.department_name,
    d.fiscal_year,
    c.item_key,
    c.column_label as item_label,
    cast(case when c.amount_state = 'value' then c.amount end as decimal(20,6)) as budget_amount,
    c.amount_state as budget_state,
    c.printed_text,
    f.budget_amount as final_accounts_budget_amount,
    f.actual_amount as final_amount,
    c.document_id,
    c.page as source_page,
    cast('B11' as varchar) as source_table
from cells as c
inner join {{ ref('stg_document') }} as d on d.document_id = c.document_id
left join final_accounts as f
    on f.department_id = d.department_key and f.fiscal_year = d.fiscal_year
    and f.item_key = c.item_key
