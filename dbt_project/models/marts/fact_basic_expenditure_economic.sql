{#-
  一般公共预算财政拨款基本支出决算明细表 (T06) by economic classification: one row per printed
  line, the 类 (3-digit) and 款 (5-digit) codes and the two group totals 人员经费合计 /
  公用经费合计 (economic_code 'TOTAL'). The cost group is the side of the table the line is
  printed on; a layout that prints one list for both (Shanghai) leaves it to the class, as the
  classification defines it: 工资福利支出 (301) and 对个人和家庭的补助 (303) are 人员经费, every
  other class 公用经费. Blank and '——' cells are NULL, told apart by amount_state.
-#}

with

cells as (
    select
        *,
        case
            when row_kind = 'total' then 'TOTAL'
            else subject_code
        end as economic_code
    from {{ ref('stg_amount_cell') }}
    where table_code = 'T06' and row_kind in ('total', 'subject')
),

lines as (
    select
        *,
        coalesce(
            side,
            case
                when row_kind = 'total' and regexp_matches(row_label, '人员') then 'personnel'
                when row_kind = 'total' and regexp_matches(row_label, '公用') then 'public'
                when left(subject_code, 3) in ('301', '303') then 'personnel'
                when subject_code is not null then 'public'
            end
        ) as cost_group
    from cells
)

select
    d.department_key as department_id,
    d.department_name,
    d.fiscal_year,
    l.cost_group,
    l.economic_code,
    l.row_label as economic_name,
    case
        when l.economic_code = 'TOTAL' then 0
        when length(l.economic_code) = 3 then 1
        when length(l.economic_code) = 5 then 2
    end as economic_level,
    case
        when l.economic_code <> 'TOTAL' and length(l.economic_code) = 5
            then left(l.economic_code, 3)
    end as parent_code,
    l.economic_code <> 'TOTAL' and not exists (
        select 1 from lines as child
        where child.document_id = l.document_id
            and child.economic_code <> 'TOTAL'
            and length(child.economic_code) > length(l.economic_code)
            and starts_with(child.economic_code, l.economic_code)
    ) as is_leaf,
    cast(case when l.amount_state = 'value' then l.amount end as decimal(20,6)) as amount,
    l.amount_state,
    l.printed_text,
    l.document_id,
    l.page as source_page,
    l.table_code as source_table,
    l.row_index as source_row
from lines as l
inner join {{ ref('stg_document') }} as d on d.document_id = l.document_id
