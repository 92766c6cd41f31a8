{#-
  One row per (rule_id, document_id, tables, row_key, column_key): a compared figure.
  row_key is the subject code, 'TOTAL' for a 合计 row, a T01 类 name that matches no code, or '*'
  (with column_key '*') for a rule whose tables are missing or insufficient in the document.
  Every implemented rule's arithmetic lives here, and only here: each rule lists its input cells
  with a role ('actual' = the printed total/figure, 'term' = a cell summed into `expected`,
  'none' = a doubt that makes the comparison insufficient_data); one aggregation then computes
  expected, actual, difference, tolerance and outcome for all rules alike.

  Sums: blank and '——' cells count as 0; a comparison whose cells are all blank is not made;
  an unreadable cell, or a missing / insufficient_data table, makes it insufficient_data.
  Rules here: T03-ROW, T05-ROW, HIER (T02, T03, T05, T07, T08), X-T01-T03; the other families' input rows
  come from the models named by the rule_input_models() macro, in the same shape (plus an
  optional n_override: the n of the tolerance when it is not the count of printed terms, e.g.
  the printed decimals of a percentage). Their catalogue rows: seeds/reconciliation_rules.csv
  (tolerance_kind decides the tolerance).
-#}

with

documents as (
    select document_id from {{ ref('stg_document') }}
),

tables as (
    select * from {{ ref('stg_disclosure_table') }}
),

cells as (
    select
        document_id,
        table_code,
        page,
        row_kind,
        case when row_kind = 'total' then 'TOTAL' else subject_code end as row_key,
        row_label,
        side,
        column_key,
        amount,
        column_label,
        amount_state,
        printed_text
    from {{ ref('stg_amount_cell') }}
),

-- coded rows of the subject tables, with the key of the row they sum into
subject_cells as (
    select
        *,
        case
            when row_kind = 'total' then null
            when length(row_key) = 3 then 'TOTAL'
            when length(row_key) = 5 then left(row_key, 3)
            when length(row_key) = 7 then left(row_key, 5)
        end as parent_key
    from cells
    where table_code in ('T02', 'T03', 'T05', 'T07', 'T08') and row_kind in ('total', 'subject')
),

-- which tables each rule reads; a rule on a document lacking one of them is insufficient_data
rule_tables (rule_id, tables, table_code) as (
    values
        ('T03-ROW', 'T03', 'T03'),
        ('T05-ROW', 'T05', 'T05'),
        ('HIER', 'T02', 'T02'),
        ('HIER', 'T03', 'T03'),
        ('HIER', 'T05', 'T05'),
        ('HIER', 'T07', 'T07'),
        ('HIER', 'T08', 'T08'),
        ('X-T01-T03', 'T01,T03', 'T01'),
        ('X-T01-T03', 'T01,T03', 'T03')
),

table_doubts as (
    select
        rt.rule_id,
        d.document_id,
        rt.tables,
        string_agg(
            case
                when t.document_id is null then 'table ' || rt.table_code || ' not found (未找到该表)'
                else 'table ' || rt.table_code || ' is insufficient_data'
                    || coalesce(': ' || t.reason, '')
            end,
            '; ' order by rt.table_code
        ) as doubt
    from documents as d
    cross join rule_tables as rt
    left join tables as t
        on t.document_id = d.document_id and t.table_code = rt.table_code
    where t.document_id is null or t.status = 'insufficient_data'
    group by all
),

-- T03-ROW: 本年支出合计 = 基本 + 项目 + 上缴上级 + 经营 + 对附属单位补助, each row
t03_row as (
    {{ row_sum_rule('T03-ROW', 'T03',
        ['basic', 'project', 'remit_to_superior', 'operating', 'subsidiary_subsidy']) }}
),

-- T05-ROW: 小计 = 基本支出 + 项目支出, each row
t05_row as (
    {{ row_sum_rule('T05-ROW', 'T05', ['basic', 'project']) }}
),

-- HIER: per column, 合计 = Σ 类; 类 = Σ its 款; 款 = Σ its 项 (printed parents with children)
hier_parents as (
    select distinct p.document_id, p.table_code, p.row_key
    from subject_cells as p
    inner join subject_cells as c
        on c.document_id = p.document_id
        and c.table_code = p.table_code
        and c.parent_key = p.row_key
),

hier as (
    select
        'HIER' as rule_id, c.document_id, c.table_code as tables,
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
),

-- X-T01-T03: T01 本年支出合计 = T03 合计; each T01 类 line = the T03 类 row of the same name
t01_expenditure as (
    select
        *,
        regexp_replace(row_label, '^([一二三四五六七八九十百零〇]+|[0-9]+)[、．.，,]', '') as class_name,
        regexp_matches(row_label, '^([一二三四五六七八九十百零〇]+|[0-9]+)[、．.，,]') as is_class_line
    from cells
    where table_code = 'T01' and side = 'expenditure' and column_key = 'amount'
),

t03_class_rows as (
    select * from subject_cells where table_code = 'T03' and length(row_key) = 3
),

dictionary_class_names as (
    {{ dictionary_class_names() }}
),

t01_class_lines as (
    select
        l.*,
        coalesce(
            (
                select min(t.row_key) from t03_class_rows as t
                where t.document_id = l.document_id and t.row_label = l.class_name
            ),
            (select min(n.code) from dictionary_class_names as n where n.name = l.class_name)
        ) as class_code
    from t01_expenditure as l
    where l.is_class_line
),

-- T03 类 rows with a figure that no T01 line claims: an unmatched T01 name may be one of them
t03_unclaimed as (
    {{ unclaimed_class_rows('t03_class_rows', 't01_class_lines') }}
),

x_t01_t03 as (
    -- the totals
    select
        'X-T01-T03' as rule_id, document_id, 'T01,T03' as tables, 'TOTAL' as row_key,
        row_label, 'total' as column_key, 'actual' as role,
        table_code, page, amount, amount_state, printed_text,
        row_label as cell_row, column_key as cell_column, column_label,
        cast(null as varchar) as doubt
    from t01_expenditure
    where row_label = '本年支出合计'
    union all
    select
        'X-T01-T03', document_id, 'T01,T03', 'TOTAL', null, 'total', 'term',
        table_code, page, amount, amount_state, printed_text, row_key, column_key, column_label,
        null
    from subject_cells
    where table_code = 'T03' and row_key = 'TOTAL' and column_key = 'total'
    union all
    -- a total line that was not found is a doubt, not a 0 (unless T03 is declared empty)
    select
        'X-T01-T03', d.document_id, 'T01,T03', 'TOTAL', '本年支出合计', 'total', 'none',
        null, null, null, null, null, null, null, null,
        concat_ws('; ',
            case when not exists (
                select 1 from t01_expenditure as l
                where l.document_id = d.document_id and l.row_label = '本年支出合计'
            ) then 'T01 本年支出合计 line not found' end,
            case when not exists (
                select 1 from subject_cells as s
                where s.document_id = d.document_id and s.table_code = 'T03'
                    and s.row_key = 'TOTAL' and s.column_key = 'total'
            ) and not exists (
                select 1 from tables as t
                where t.document_id = d.document_id and t.table_code = 'T03' and t.declared_empty
            ) then 'T03 合计 row not found' end
        )
    from documents as d
    union all
    -- the 类 lines matched to a code, and the T03 类 row of that code (absent: compared with 0)
    select
        'X-T01-T03', document_id, 'T01,T03', class_code, row_label, 'total', 'actual',
        table_code, page, amount, amount_state, printed_text, row_label, column_key,
        column_label, null
    from t01_class_lines
    where class_code is not null
    union all
    select
        'X-T01-T03', t.document_id, 'T01,T03', t.row_key, null, 'total', 'term',
        t.table_code, t.page, t.amount, t.amount_state, t.printed_text, t.row_key, t.column_key,
        t.column_label, null
    from t03_class_rows as t
    where t.column_key = 'total'
        and exists (
            select 1 from t01_class_lines as l
            where l.document_id = t.document_id and l.class_code = t.row_key
        )
    union all
    -- a 类 line with a figure whose name matches no code: compared with 0, unless T03 has
    -- unclaimed 类 rows it may be (then the match is in doubt: insufficient_data)
    select
        'X-T01-T03', l.document_id, 'T01,T03', l.class_name, l.row_label, 'total', 'actual',
        l.table_code, l.page, l.amount, l.amount_state, l.printed_text, l.row_label, l.column_key,
        l.column_label,
        'T01 line ' || l.row_label || ' matches no 类 code, and T03 has unmatched 类 rows '
            || u.codes
    from t01_class_lines as l
    left join t03_unclaimed as u on u.document_id = l.document_id
    where l.class_code is null and l.amount_state in ('value', 'unreadable')
),

inputs as (
    select *, cast(null as integer) as n_override
    from (
        select * from t03_row
        union all select * from t05_row
        union all select * from hier
        union all select * from x_t01_t03
    )
    {%- for model in rule_input_models() %}
    union all by name select * from {{ ref(model) }}
    {%- endfor %}
),

blocked_or_ok as (
    -- inputs of a rule on a document whose tables are missing or insufficient are replaced by
    -- one whole-table row ('*') carrying the reason
    select i.*
    from inputs as i
    where {{ whole_table_doubt_filter('i') | indent(4) }}
    union all
    {{ whole_table_doubt_rows() | indent(4) }}
),

compared as (
    select
        rule_id,
        document_id,
        tables,
        row_key,
        column_key,
        coalesce(
            max(row_label) filter (where role = 'actual'), max(row_label)
        ) as row_label,
        coalesce(
            max(column_label) filter (where role = 'actual'), max(column_label)
        ) as column_label,
        case
            when bool_or(role = 'term' and amount_state = 'unreadable') then null
            else coalesce(
                sum(amount) filter (where role = 'term' and amount_state = 'value'), 0
            )
        end as expected,
        case
            when bool_or(role = 'actual' and amount_state = 'unreadable') then null
            else coalesce(
                sum(amount) filter (where role = 'actual' and amount_state = 'value'), 0
            )
        end as actual,
        coalesce(
            max(n_override),
            count(*) filter (where role = 'term' and amount_state = 'value')
        ) as n_terms,
        count(*) filter (where role = 'actual') as n_actual_cells,
        string_agg(
            distinct coalesce(
                nullif(doubt, ''),
                case when amount_state = 'unreadable' then
                    'unreadable cell ' || table_code || ' p' || page || ' ' || cell_row
                    || '/' || cell_column || ': "' || printed_text || '"'
                end
            ),
            '; '
        ) as input_reason,
        bool_or(amount_state in ('value', 'unreadable') or nullif(doubt, '') is not null)
            as has_input,
        coalesce(
            list_sort(list_distinct(list(page) filter (where page is not null))), []
        ) as source_pages,
        -- every input cell, so that a report can point at the printed cells
        list(
            {
                'table_code': table_code, 'page': page, 'cell_row': cell_row,
                'cell_column': cell_column, 'role': role
            }
            order by role, table_code, page, cell_row, cell_column
        ) filter (where table_code is not null and page is not null) as input_cells
    from blocked_or_ok
    group by rule_id, document_id, tables, row_key, column_key
),

with_state as (
    select
        c.*,
        r.tolerance_kind,
        case
            when c.input_reason is not null then 'insufficient_data'
            when c.n_actual_cells > 1 then 'insufficient_data'
            else 'ok'
        end as input_state,
        coalesce(
            c.input_reason,
            case when c.n_actual_cells > 1 then 'the compared figure is printed more than once' end
        ) as reason
    from compared as c
    inner join {{ ref('reconciliation_rules') }} as r on r.rule_id = c.rule_id
    where c.has_input
)

select
    rule_id,
    document_id,
    tables,
    row_key,
    row_label,
    column_key,
    column_label,
    cast(case when input_state = 'ok' then expected end as decimal(20,6)) as expected,
    cast(case when input_state = 'ok' then actual end as decimal(20,6)) as actual,
    cast(case when input_state = 'ok' then actual - expected end as decimal(20,6)) as difference,
    cast(case when input_state = 'ok' then abs(actual - expected) end as decimal(20,6))
        as abs_difference,
    cast(case when input_state = 'ok' then n_terms end as integer) as n_terms,
    tolerance_kind,
    case when input_state = 'ok' then {{ rounding_tolerance('tolerance_kind', 'n_terms') }} end
        as tolerance,
    input_state,
    reason as input_reason,
    case
        when input_state <> 'ok' then 'insufficient_data'
        when abs(actual - expected) <= {{ rounding_tolerance('tolerance_kind', 'n_terms') }}
            then 'pass'
        else 'fail'
    end as outcome,
    cast(source_pages as integer[]) as source_pages,
    coalesce(input_cells, []) as input_cells
from with_state
