{#-
  Input rows of the 'history' family's rules (across documents), in the shape of
  int_reconciliation_comparisons (role 'actual' = the figure printed, 'term' = summed into
  expected, 'none' = a doubt: insufficient_data).

  - HIST-YOY (warning): a change against last year that the narrative states (change_amount,
    signed: 减少 negative, 与上年相同 0) and that names a table cell equals this year's cell
    minus the same cell of last year's loaded document of the same department (department_key,
    fiscal_year − 1). Keyed like the text rules: row_key = subject, column_key =
    'change_amount@p<page>' (#n when repeated on a page). Only documents whose previous year is
    loaded are compared: without it the rule has nothing to say (no row, no finding), so a
    warehouse of single years is not flooded with insufficient_data. A cell missing in either
    year is a doubt. Cells are matched as in int_rule_inputs_text (table, column, subject code or
    normalised label, side for T01/T04, gpb.item:类/款名/项名 under its 款); a table declared
    empty reads as 0. The previous year's cell is listed with table_code '<table>(<year>)'.
  - DOC-IDENTITY (error): the department name and fiscal year of the cover (stg_document) agree
    with those printed above each table (department_printed / year_printed, where printed), with
    each 绩效自评表's 主管部门 (where printed; forms print no year field) and with the names the
    part headings and narrative sentences give (claims of kind department_name). Years compare as
    numbers (expected = cover year, actual = printed year). Names compare after normalisation
    (macro department_name_key: full-width forms, spaces, punctuation, a trailing 本级) as 1 =
    "the same department": expected 1 (the cover), actual 1 or 0; row_label quotes both names and
    their pages. A name in a cell that is the start of the cover's was cut by the cell: a doubt
    (insufficient_data), never an error.
  - DOC-NAME (warning): a source that names the same department in other words — 与 or 及 for
    和, 中共 or the region left out (macro department_variant_key, or one name ending the other)
    — is not a DOC-IDENTITY error but this warning, quoting both names and their pages.
  - DOC-COMPLETE (error): every table the layout requires (tables_found ∪ tables_missing of the
    document record) is present: expected 1, actual 1 when found (a table declared empty, 本表
    无数据, is found), 0 when missing.
-#}

with

documents as (
    select document_id, document_kind, department_key, department_name, fiscal_year, layout,
        tables_found, tables_missing
    from {{ ref('stg_document') }}
),

tables as (
    select * from {{ ref('stg_disclosure_table') }}
),

-- ---------------------------------------------------------------------------------------------
-- HIST-YOY

previous_documents as (
    select d.document_id, p.document_id as previous_id, p.fiscal_year as previous_year
    from documents as d
    inner join documents as p
        on p.department_key = d.department_key and p.fiscal_year = d.fiscal_year - 1
        -- last year's document of the same kind: a 决算 changes against last year's 决算
        and p.document_kind = d.document_kind
),

changes as (
    select
        c.*,
        pd.previous_id, pd.previous_year,
        c.claim_kind || '@p' || c.page
            || case when count(*) over same_place > 1
                then '#' || row_number() over (same_place order by section, sentence, printed, value)
                else '' end as claim_key,
        case
            when c.subject like 'income.%' or c.subject like 'appropriation.income%'
                or c.subject = 'appropriation.gpb_income' then 'income'
            when c.subject like 'expenditure.%' or c.subject like 'appropriation.expenditure%'
                then 'expenditure'
        end as side_hint
    from {{ ref('stg_narrative_claim') }} as c
    inner join previous_documents as pd on pd.document_id = c.document_id
    where c.claim_kind = 'change_amount' and c.refers_table is not null
    window same_place as (partition by c.document_id, c.subject, c.claim_kind, c.page)
),

-- the cell of each change, in this year's document ('current') and last year's ('previous')
cell_requests as (
    select
        *,
        {{ claim_request_keys() }}
    from (
        select distinct
            y.year_of, case y.year_of when 'current' then c.document_id else c.previous_id end
                as look_in,
            c.refers_table as want_table, c.refers_row as want_row,
            c.refers_column as want_column, c.side_hint as want_side
        from changes as c
        cross join (values ('current'), ('previous')) as y (year_of)
    )
),

{{ claim_request_cells('cell_requests', 'look_in') }},

resolved_cells as (
    select
        r.year_of, r.look_in, r.want_table, r.want_row, r.want_column, r.want_side,
        case
            when t.document_id is null or t.status = 'insufficient_data' then 'doubt'
            when count(c.table_code) = 1 then 'cell'
            when count(c.table_code) = 0 and t.declared_empty then 'empty_table'
            else 'doubt'
        end as state,
        case when count(c.table_code) = 1 then any_value(c.page) else t.first_page end as page,
        case
            when count(c.table_code) = 1 then any_value(c.amount)
            when count(c.table_code) = 0 and t.declared_empty then 0
        end as amount,
        case
            when count(c.table_code) = 1 then any_value(c.amount_state)
            when count(c.table_code) = 0 and t.declared_empty then 'value'
        end as amount_state,
        case
            when count(c.table_code) = 1 then any_value(c.printed_text)
            when count(c.table_code) = 0 and t.declared_empty then '本表无数据'
        end as printed_text,
        coalesce(any_value(c.cell_row), r.want_row) as cell_row,
        any_value(c.column_label) as column_label,
        case
            when t.document_id is null
                then r.year_of || ' year: table ' || r.want_table || ' not found (未找到该表)'
            when t.status = 'insufficient_data'
                then r.year_of || ' year: table ' || r.want_table || ' is insufficient_data'
                    || coalesce(': ' || t.reason, '')
            when count(c.table_code) > 1
                then r.year_of || ' year: ' || count(c.table_code) || ' cells of ' || r.want_table
                    || ' match row "' || r.want_row || '" column ' || r.want_column
            when count(c.table_code) = 0 and not t.declared_empty
                then r.year_of || ' year: no cell of ' || r.want_table || ' matches row "'
                    || r.want_row || '" column ' || r.want_column
        end as doubt
    from cell_requests as r
    left join tables as t on t.document_id = r.look_in and t.table_code = r.want_table
    left join request_cells as c
        on c.look_in = r.look_in
        and c.want_table = r.want_table
        and c.want_row = r.want_row
        and c.want_column = r.want_column
        and c.want_side is not distinct from r.want_side
    group by
        r.year_of, r.look_in, r.want_table, r.want_row, r.want_column, r.want_side,
        t.document_id, t.status, t.reason, t.declared_empty, t.first_page
),

hist_yoy as (
    -- the change the narrative states, signed
    select
        'HIST-YOY' as rule_id, document_id, 'narrative,' || refers_table as tables,
        subject as row_key, sentence as row_label, claim_key as column_key, 'actual' as role,
        'narrative' as table_code, page,
        case when direction = 'decrease' then -value else value end as amount,
        case when value is null then 'unreadable' else 'value' end as amount_state,
        printed as printed_text, subject as cell_row, claim_kind as cell_column,
        section || ' (vs ' || previous_year || ')' as column_label,
        cast(null as varchar) as doubt
    from changes
    union all
    -- this year's cell, plus last year's cell negated
    select
        'HIST-YOY', c.document_id, 'narrative,' || c.refers_table, c.subject, null, c.claim_key,
        case when r.state in ('cell', 'empty_table') then 'term' else 'none' end,
        case r.year_of
            when 'current' then c.refers_table
            else c.refers_table || '(' || c.previous_year || ')'
        end,
        r.page,
        case r.year_of when 'current' then r.amount else -r.amount end,
        r.amount_state, r.printed_text, r.cell_row, c.refers_column, r.column_label,
        case when r.state = 'doubt' then r.doubt end
    from changes as c
    inner join resolved_cells as r
        on r.look_in = case r.year_of when 'current' then c.document_id else c.previous_id end
        and r.want_table = c.refers_table
        and r.want_row = c.refers_row
        and r.want_column = c.refers_column
        and r.want_side is not distinct from c.side_hint
),

-- ---------------------------------------------------------------------------------------------
-- DOC-IDENTITY and DOC-NAME

identity_sources as (
    -- tables: the department and the year printed above them
    select
        d.document_id, d.department_name as cover_name, d.fiscal_year as cover_year,
        t.table_code as row_key, t.label_printed, t.title_printed,
        t.table_code as source_table, t.first_page as page,
        t.department_printed as printed_name, t.year_printed as printed_year, true as in_cell
    from documents as d
    inner join tables as t on t.document_id = d.document_id
    union all
    -- forms: 主管部门
    select
        d.document_id, d.department_name, d.fiscal_year,
        'form ' || f.form_index, null, f.project_name, 'performance_form', f.first_page,
        f.department_in_charge, null, true
    from documents as d
    inner join {{ ref('stg_performance_form') }} as f on f.document_id = d.document_id
    union all
    -- the part headings and narrative sentences that name the department
    select
        d.document_id, d.department_name, d.fiscal_year,
        n.section || ' p' || n.page
            || case when count(*) over (partition by n.document_id, n.section, n.page) > 1
                then '#' || row_number() over (
                    partition by n.document_id, n.section, n.page order by n.printed)
                else '' end,
        null, n.sentence, 'narrative', n.page, n.printed, null, false
    from documents as d
    inner join (
        select distinct document_id, section, page, sentence, printed
        from {{ ref('stg_narrative_claim') }}
        where claim_kind = 'department_name'
    ) as n on n.document_id = d.document_id
),

identity_keys as (
    select
        *,
        coalesce(label_printed || ' ', '') || coalesce(title_printed, '') as source_text,
        {{ department_name_key('printed_name') }} as printed_key,
        {{ department_name_key('cover_name') }} as cover_key
    from identity_sources
    where nullif(trim(printed_name), '') is not null and nullif(trim(cover_name), '') is not null
),

-- how the printed name relates to the cover's, after normalisation (NFKC forms, spaces,
-- punctuation, a trailing 本级): the same; the start of it, where a cell cut the name (a doubt);
-- a variant of the same department (与 for 和, 中共 or the region left out: DOC-NAME, a
-- warning); or another department (DOC-IDENTITY, an error)
identity_checks as (
    select
        *,
        case
            when printed_key = cover_key then 'same'
            when in_cell and starts_with(cover_key, printed_key) then 'cut'
            when {{ department_variant_key('printed_key') }} = {{ department_variant_key('cover_key') }}
                or ends_with({{ department_variant_key('cover_key') }}, {{ department_variant_key('printed_key') }})
                or ends_with({{ department_variant_key('printed_key') }}, {{ department_variant_key('cover_key') }})
                or (not in_cell and starts_with(cover_key, printed_key))
                then 'variant'
            else 'other'
        end as relation
    from identity_keys
),

doc_identity as (
    -- department: the cover's name (1) against the printed one (1 = the same department)
    select
        case when relation = 'variant' then 'DOC-NAME' else 'DOC-IDENTITY' end as rule_id,
        document_id, 'document' as tables, row_key,
        source_text || '：封面 “' || cover_name || '”（第1页） / 印 “' || printed_name
            || '”（第' || page || '页）' as row_label,
        'department' as column_key, 'actual' as role, source_table as table_code, page,
        case when relation = 'same' then 1 else 0 end as amount, 'value' as amount_state,
        printed_name as printed_text, row_key as cell_row, 'department_printed' as cell_column,
        '部门名称与封面一致（1 = 一致）' as column_label, cast(null as varchar) as doubt
    from identity_checks
    where relation <> 'cut'
    union all
    select
        case when relation = 'variant' then 'DOC-NAME' else 'DOC-IDENTITY' end,
        document_id, 'document', row_key, null, 'department', 'term', 'cover',
        1, 1, 'value', cover_name, 'cover', 'department_name', null, null
    from identity_checks
    where relation <> 'cut'
    union all
    -- a name cut by its cell cannot be compared: insufficient_data, never an error
    select
        'DOC-IDENTITY', document_id, 'document', row_key,
        source_text || '：封面 “' || cover_name || '” / 印 “' || printed_name || '”',
        'department', 'none', source_table, page, null, null, printed_name, row_key,
        'department_printed', null,
        '印 “' || printed_name || '”（第' || page || '页）是封面 “' || cover_name
            || '” 的开头：名称被单元格截断 (the printed name is the start of the cover''s: '
            || 'cut by its cell)'
    from identity_checks
    where relation = 'cut'
    union all
    -- fiscal year: the cover's year against the year printed
    select
        'DOC-IDENTITY', document_id, 'document', row_key,
        coalesce(label_printed || ' ', '') || coalesce(title_printed, '')
            || '：封面 ' || cover_year || '年度 / 印 ' || printed_year || '年度',
        'fiscal_year', 'actual', source_table, page, printed_year, 'value',
        printed_year || '年度', row_key, 'year_printed', '年度', null
    from identity_sources
    where printed_year is not null and cover_year is not null
    union all
    select
        'DOC-IDENTITY', document_id, 'document', row_key, null, 'fiscal_year', 'term', 'cover',
        1, cover_year, 'value', cover_year || '年度', 'cover', 'fiscal_year', null, null
    from identity_sources
    where printed_year is not null and cover_year is not null
),

-- ---------------------------------------------------------------------------------------------
-- DOC-COMPLETE

table_names (table_code, table_name) as (
    values
        ('T01', '收入支出决算总表'),
        ('T02', '收入决算表'),
        ('T03', '支出决算表'),
        ('T04', '财政拨款收入支出决算总表'),
        ('T05', '一般公共预算财政拨款支出决算表'),
        ('T06', '一般公共预算财政拨款基本支出决算明细表'),
        ('T07', '政府性基金预算财政拨款收入支出决算表'),
        ('T08', '国有资本经营预算财政拨款支出决算表'),
        ('T09', '财政拨款“三公”经费支出决算表'),
        ('T10', '部门决算公开相关信息统计表'),
        ('B01', '收支预算总表'),
        ('B02', '收入预算表'),
        ('B03', '支出预算表'),
        ('B04', '财政拨款收支预算总表'),
        ('B05', '财政拨款支出预算表'),
        ('B06', '财政拨款基本支出预算表'),
        ('B07', '一般公共预算支出表'),
        ('B08', '一般公共预算基本支出表'),
        ('B09', '政府性基金预算支出表'),
        ('B10', '国有资本经营预算支出表'),
        ('B11', '“三公”经费支出预算表'),
        ('B12', '机关运行经费支出预算表'),
        ('B13', '政府采购预算表')
),

required_tables as (
    select distinct d.document_id, d.layout, d.tables_found, r.table_code
    from documents as d,
        unnest(list_concat(coalesce(d.tables_found, []), coalesce(d.tables_missing, [])))
            as r (table_code)
),

doc_complete as (
    select
        'DOC-COMPLETE' as rule_id, r.document_id, 'document' as tables,
        r.table_code as row_key,
        coalesce(t.title_printed, n.table_name, r.table_code)
            || case
                when t.document_id is null then '（未找到，版式 ' || r.layout || ' 要求此表）'
                when t.declared_empty then '（本表无数据）'
                else ''
            end as row_label,
        'present' as column_key, 'actual' as role, r.table_code as table_code,
        t.first_page as page,
        case when t.document_id is not null or list_contains(r.tables_found, r.table_code)
            then 1 else 0 end as amount,
        'value' as amount_state, coalesce(t.label_printed, t.title_printed) as printed_text,
        r.table_code as cell_row, 'present' as cell_column, '表存在（1 = 存在）' as column_label,
        cast(null as varchar) as doubt
    from required_tables as r
    left join tables as t on t.document_id = r.document_id and t.table_code = r.table_code
    left join table_names as n on n.table_code = r.table_code
    union all
    select
        'DOC-COMPLETE', document_id, 'document', table_code, null, 'present', 'term', 'layout',
        null, 1, 'value', layout, table_code, 'required', null, null
    from required_tables
),

unioned as (
    select * from hist_yoy
    union all by name
    select * from doc_identity
    union all by name
    select * from doc_complete
)

{{ rule_input_select('unioned', n_override='null') }}
