{#-
  财政拨款“三公”经费支出决算表 (T09): one row per item for every document whose 三公 table was
  recognised, declared 本表无数据 included, with the 预算数 (budget) and 决算数 (actual) side by
  side, and what the narrative states for the same item. A state says why an amount is NULL:
  blank, ——, unreadable, the table declared empty, or the column not printed.
-#}

with

items (item_key, item_name, parent_item_key, is_leaf, narrative_subject, sort_order) as (
    values
        ('total', '合计', null, false, 'three_public.total', 0),
        ('overseas', '因公出国（境）费', 'total', true, 'three_public.overseas', 1),
        ('vehicle_total', '公务用车购置及运行维护费', 'total', false, 'three_public.vehicle', 2),
        ('vehicle_purchase', '公务用车购置费', 'vehicle_total', true,
            'three_public.vehicle_purchase', 3),
        ('vehicle_operation', '公务用车运行维护费', 'vehicle_total', true,
            'three_public.vehicle_operation', 4),
        ('reception', '公务接待费', 'total', true, 'three_public.reception', 5)
),

tables as (
    select document_id, first_page, declared_empty
    from {{ ref('stg_disclosure_table') }}
    where table_code = 'T09'
),

cells as (
    select
        document_id,
        split_part(column_key, '_', 1) as measure,
        substr(column_key, length(split_part(column_key, '_', 1)) + 2) as item_key,
        amount,
        amount_state,
        page
    from {{ ref('stg_amount_cell') }}
    where table_code = 'T09'
),

-- the narrative's figure for an item, when every sentence that states it says the same
stated as (
    select
        document_id,
        subject,
        case when claim_kind = 'budget' then 'budget' else 'actual' end as measure,
        case when count(distinct value) = 1 then min(value) end as value
    from {{ ref('stg_narrative_claim') }}
    where subject like 'three_public.%' and claim_kind in ('amount', 'budget') and unit = '万元'
    group by all
),

rows as (
    select
        t.document_id,
        t.declared_empty,
        i.*,
        b.amount as budget_cell,
        b.amount_state as budget_cell_state,
        a.amount as actual_cell,
        a.amount_state as actual_cell_state,
        coalesce(a.page, b.page, t.first_page) as source_page
    from tables as t
    cross join items as i
    left join cells as b
        on b.document_id = t.document_id and b.item_key = i.item_key and b.measure = 'budget'
    left join cells as a
        on a.document_id = t.document_id and a.item_key = i.item_key and a.measure = 'actual'
)

select
    d.department_key as department_id,
    d.department_name,
    d.fiscal_year,
    r.item_key,
    r.item_name,
    r.parent_item_key,
    r.is_leaf,
    cast(case when r.budget_cell_state = 'value' then r.budget_cell end as decimal(20,6))
        as budget_amount,
    cast(case when r.actual_cell_state = 'value' then r.actual_cell end as decimal(20,6))
        as actual_amount,
    {%- for measure in ['budget', 'actual'] %}
    case
        when r.{{ measure }}_cell_state = 'value' then 'value'
        when r.declared_empty then 'declared_empty'
        when r.{{ measure }}_cell_state is null then 'not_printed'
        else r.{{ measure }}_cell_state
    end as {{ measure }}_state,
    {%- endfor %}
    r.declared_empty as table_declared_empty,
    cast(sb.value as decimal(20,6)) as stated_budget_amount,
    cast(sa.value as decimal(20,6)) as stated_actual_amount,
    r.document_id,
    r.source_page,
    cast('T09' as varchar) as source_table
from rows as r
inner join {{ ref('stg_document') }} as d on d.document_id = r.document_id
left join stated as sb
    on sb.document_id = r.document_id and sb.subject = r.narrative_subject and sb.measure = 'budget'
left join stated as sa
    on sa.document_id = r.document_id and sa.subject = r.narrative_subject and sa.measure = 'actual'
