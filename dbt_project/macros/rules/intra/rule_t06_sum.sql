{#- T06-SUM: each economic 类 (301 … 399) = Σ its 款; 人员经费合计 = 301 + 303; 公用经费合计 =
    Σ the other 类. '——' is not applicable, not 0: a 类 whose cells are all '——' is not
    compared, and a 类 printed '——' over 款 with figures cannot be. -#}
{% macro rule_t06_sum() -%}
with

tables_with_cells as (
    {{ tables_with_cells() }}
),

t06_cells as (
    select
        *,
        case when length(subject_code) = 5 then left(subject_code, 3) end as class_code,
        case
            when row_kind = 'total' and line_key = '人员经费合计' then 'personnel'
            when row_kind = 'total' and line_key = '公用经费合计' then 'public'
        end as group_total,
        case
            when length(subject_code) = 3 and subject_code in ('301', '303') then 'personnel'
            when length(subject_code) = 3 then 'public'
        end as class_group
    from {{ ref('int_rule_cells') }}
    where table_code = 'T06'
),

t06_classes as (
    -- printed 类 with printed 款
    select distinct k.document_id, k.subject_code, k.column_key
    from t06_cells as k
    inner join t06_cells as i
        on i.document_id = k.document_id
        and i.class_code = k.subject_code
        and i.column_key = k.column_key
    where k.class_group is not null
),

t06_groups (group_key, row_key) as (
    values ('personnel', '人员经费合计'), ('public', '公用经费合计')
)

-- a 类 and its 款
select
    'T06-SUM' as rule_id, c.document_id, 'T06' as tables, k.subject_code as row_key,
    case when c.subject_code = k.subject_code then c.row_label end as row_label,
    c.column_key,
    case when c.subject_code = k.subject_code then 'actual' else 'term' end as role,
    c.table_code, c.page, c.amount, c.amount_state, c.printed_text,
    c.cell_row, c.column_key as cell_column, c.column_label,
    case
        when c.subject_code = k.subject_code and c.amount_state = 'not_applicable'
            and exists (
                select 1 from t06_cells as i
                where i.document_id = k.document_id and i.class_code = k.subject_code
                    and i.column_key = k.column_key and i.amount <> 0
            )
            then 'T06 类 ' || k.subject_code || ' is printed ——, its 款 carry figures'
    end as doubt
from t06_classes as k
inner join t06_cells as c
    on c.document_id = k.document_id
    and c.column_key = k.column_key
    and k.subject_code in (c.subject_code, c.class_code)
union all
-- 人员经费合计 / 公用经费合计 and their 类
select
    'T06-SUM', c.document_id, 'T06', g.row_key,
    case when c.group_total is not null then c.row_label end, c.column_key,
    case when c.group_total is not null then 'actual' else 'term' end,
    c.table_code, c.page, c.amount, c.amount_state, c.printed_text,
    c.cell_row, c.column_key, c.column_label, null
from t06_cells as c
inner join t06_groups as g on g.group_key in (c.group_total, c.class_group)
where exists (
    select 1 from t06_cells as t
    where t.document_id = c.document_id and t.group_total = g.group_key
        and t.column_key = c.column_key
)
union all
-- a group total that is not printed
select
    'T06-SUM', t.document_id, 'T06', g.row_key, null, 'amount', 'none',
    null, null, null, null, null, null, null, null,
    'T06 line ' || g.row_key || ' not found (未找到该行)'
from tables_with_cells as t
cross join t06_groups as g
where t.table_code = 'T06'
    and not exists (
        select 1 from t06_cells as c
        where c.document_id = t.document_id and c.group_total = g.group_key
    )
{%- endmacro %}
