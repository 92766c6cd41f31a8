{#-
  部门决算公开相关信息统计表 (T10) and the narrative's figures of the same items: 政府采购
  (goods, works, services; the shares awarded to small and medium enterprises), 机关运行经费,
  vehicles by category, equipment of 1 million yuan or more. One row per document and item that
  the table prints or the narrative states (the Shanghai layout has no 统计表: its figures come
  from the narrative alone). The table's figure and the narrative's are kept side by side;
  value takes the table's where the table prints the line.
-#}

with

items as (
    select *, {{ normalised_label('t10_label') }} as label_key
    from {{ ref('disclosure_stat_items') }}
),

table_lines as (
    select
        c.document_id,
        i.item_key,
        c.amount,
        c.amount_state,
        c.page
    from {{ ref('stg_amount_cell') }} as c
    inner join items as i
        on i.t10_side = c.side and i.label_key = {{ normalised_label('c.row_label') }}
    where c.table_code = 'T10'
    qualify count(*) over (partition by c.document_id, i.item_key) = 1
),

-- what the narrative states of an item, when every sentence that states it says the same
stated as (
    select
        c.document_id,
        c.subject as item_key,
        case when count(distinct c.value) filter (where c.claim_kind <> 'share') = 1
            then min(c.value) filter (where c.claim_kind <> 'share') end as stated_value,
        case when count(distinct c.value) filter (where c.claim_kind = 'share') = 1
            then min(c.value) filter (where c.claim_kind = 'share') end as stated_share_percent,
        min(c.page) as page
    from {{ ref('stg_narrative_claim') }} as c
    inner join items as i on i.item_key = c.subject
    where c.claim_kind in ('amount', 'count', 'budget', 'share')
    group by all
),

rows as (
    select
        coalesce(t.document_id, s.document_id) as document_id,
        coalesce(t.item_key, s.item_key) as item_key,
        t.amount as table_cell,
        t.amount_state as table_cell_state,
        t.page as table_page,
        s.stated_value,
        s.stated_share_percent,
        s.page as narrative_page
    from table_lines as t
    full outer join stated as s on s.document_id = t.document_id and s.item_key = t.item_key
)

select
    d.department_key as department_id,
    d.department_name,
    d.fiscal_year,
    r.item_key,
    i.item_group,
    i.name_zh as item_name_zh,
    i.name_en as item_name_en,
    i.unit,
    cast(case when r.table_cell_state = 'value' then r.table_cell end as decimal(20,6))
        as table_value,
    coalesce(r.table_cell_state, 'not_printed') as table_state,
    cast(r.stated_value as decimal(20,6)) as stated_value,
    cast(r.stated_share_percent as decimal(20,6)) as stated_share_percent,
    cast(
        case
            when r.table_cell_state is not null
                then case when r.table_cell_state = 'value' then r.table_cell end
            else r.stated_value
        end as decimal(20,6)
    ) as value,
    case when r.table_cell_state is not null then 'T10' else 'narrative' end as value_source,
    r.document_id,
    coalesce(r.table_page, r.narrative_page) as source_page,
    case when r.table_cell_state is not null then 'T10' else 'narrative' end as source_table,
    r.narrative_page
from rows as r
inner join items as i on i.item_key = r.item_key
inner join {{ ref('stg_document') }} as d on d.document_id = r.document_id
