{#-
  Input rows of the 'cross' family's rules (see int_reconciliation_comparisons for the shape and
  for the one aggregation that turns them into expected / actual / difference / outcome):
  X-T01-T02, X-T01-T03, X-T01-T04, X-T04-T05, X-T04-T07, X-T04-T08, X-T05-T06, X-T06-T10,
  X-T06-T09 and X-EMPTY. Cells and their keys: int_rule_cells.

  - 'actual' is the one printed figure a comparison checks; 'term' the cell(s) of the other table
    it must equal, summed (the three T01 财政拨款 lines against T02's one 财政拨款收入 column).
  - A side that is not printed at all (a missing line, column or 合计 row) is a doubt (role
    'none': insufficient_data) when the other side prints a non-zero figure; a side whose table
    says 本表无数据 is instead a blank stand-in at the table's page (0, and the page is cited).
    Rows of the subject tables (T05 类 rows, T06 economic codes) that are not printed are 0:
    those tables print only the rows that have figures.
  - A rule on a document lacking one of its tables, or whose table is insufficient_data, gets one
    whole-table row ('*') with the reason instead of its inputs: int_rule_inputs, from the
    catalogue's tables.
  row_key: 'TOTAL' for a 合计 / 本年…合计 figure, a 类 code, a fund name (一般公共预算财政拨款 …)
  for the income lines of the 收支总表, T06 economic code(s) for X-T06-T09, or a line label.
-#}

with

documents as (
    select document_id from {{ ref('stg_document') }}
),

tables as (
    select * from {{ ref('stg_disclosure_table') }}
),

cells as (
    select * from {{ ref('int_rule_cells') }}
),

-- the three 财政拨款 funds: the name keying their lines, and the table that details each
funds (fund, fund_name, fund_table) as (
    values
        ('general_public_budget', '一般公共预算财政拨款', 'T05'),
        ('government_fund', '政府性基金预算财政拨款', 'T07'),
        ('state_capital', '国有资本经营预算财政拨款', 'T08')
),

-- where the 本年 block of each side of a 收支总表 ends (本年收入合计 / 本年支出合计) and where
-- its 年初结转和结余 block starts
balance_marks as (
    select
        document_id,
        table_code,
        side,
        min(row_index) filter (where row_label in ('本年收入合计', '本年支出合计'))
            as year_total_index,
        min(row_index) filter (where row_label like '年初%结转%') as opening_index
    from cells
    where table_code in ('T01', 'T04')
    group by all
),

-- lines of the 收支总表 (T01, T04) with their block — 'year': the numbered 本年 lines above
-- 本年收入合计 / 本年支出合计; 'opening': the lines under 年初(财政拨款)结转和结余 — and, on the
-- income side, their source (a T02 column key, the three 财政拨款 funds apart)
balance_lines as (
    select
        c.*,
        case
            when m.opening_index is not null and c.row_index > m.opening_index then 'opening'
            when c.is_numbered and (m.year_total_index is null or c.row_index < m.year_total_index)
                then 'year'
        end as block,
        case
            when c.side <> 'income' then null
            when c.line_name like '%一般公共预算%' then 'general_public_budget'
            when c.line_name like '%政府性基金%' then 'government_fund'
            when c.line_name like '%国有资本经营%' then 'state_capital'
            when c.line_name like '%财政拨款%' then 'fiscal_appropriation'
            when c.line_name like '%上级补助%' then 'superior_subsidy'
            when c.line_name like '%附属单位上缴%' then 'subsidiary_remit'
            when c.line_name like '%事业收入%' then 'business'
            when c.line_name like '%经营收入%' then 'operating'
            when c.line_name like '%其他收入%' then 'other'
        end as source
    from cells as c
    left join balance_marks as m
        on m.document_id = c.document_id and m.table_code = c.table_code and m.side = c.side
    where c.table_code in ('T01', 'T04')
),

-- X-T01-T02: 公开01表本年收入合计 = 公开02表合计；财政拨款等各来源行 = 公开02表对应栏
-- The T02 合计 cell of each column is the actual; its terms are T01 本年收入合计 (column
-- total), the T01 财政拨款 lines (一般公共预算 + 政府性基金 + 国有资本经营, or one 财政拨款收入
-- line) for 财政拨款收入, and the T01 line of each other source for its column.
x_t01_t02 as (
    select
        'X-T01-T02' as rule_id, document_id, 'T01,T02' as tables, 'TOTAL' as row_key,
        row_label, column_key, 'actual' as role,
        table_code, page, amount, amount_state, printed_text,
        row_key as cell_row, column_key as cell_column, column_label,
        cast(null as varchar) as doubt
    from cells
    where table_code = 'T02' and row_kind = 'total'
        and column_key in (
            'total', 'fiscal_appropriation', 'superior_subsidy', 'business', 'operating',
            'subsidiary_remit', 'other'
        )
    union all
    select
        'X-T01-T02', document_id, 'T01,T02', 'TOTAL', null,
        case
            when row_label = '本年收入合计' then 'total'
            when source in ('general_public_budget', 'government_fund', 'state_capital')
                then 'fiscal_appropriation'
            else source
        end,
        'term', table_code, page, amount, amount_state, printed_text, row_label, column_key,
        column_label, null
    from balance_lines
    where table_code = 'T01' and side = 'income'
        and (row_label = '本年收入合计' or (block = 'year' and source is not null))
),

-- X-T01-T04: 公开04表收入一、二、三行 = 公开01表第1、2、3行 (the 本年 income line of each fund)
x_t01_t04 as (
    select
        'X-T01-T04' as rule_id, l.document_id, 'T01,T04' as tables, f.fund_name as row_key,
        l.row_label, 'amount' as column_key,
        case l.table_code when 'T04' then 'actual' else 'term' end as role,
        l.table_code, l.page, l.amount, l.amount_state, l.printed_text,
        l.row_label as cell_row, l.column_key as cell_column, l.column_label,
        cast(null as varchar) as doubt
    from balance_lines as l
    inner join funds as f on f.fund = l.source
    where l.side = 'income' and l.block = 'year'
),

-- X-T01-T03: T01 本年支出合计 = T03 合计; each T01 类 line = the T03 类 row of the same name
t01_expenditure as (
    select * from cells
    where table_code = 'T01' and side = 'expenditure' and column_key = 'amount'
),

t03_class_rows as (
    select * from cells
    where table_code = 'T03' and row_kind = 'subject' and length(row_key) = 3
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
                where t.document_id = l.document_id and t.row_label = l.line_name
            ),
            (select min(n.code) from dictionary_class_names as n where n.name = l.line_name)
        ) as class_code
    from t01_expenditure as l
    where l.is_numbered
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
    from cells
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
                select 1 from cells as s
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
        'X-T01-T03', l.document_id, 'T01,T03', l.line_name, l.row_label, 'total', 'actual',
        l.table_code, l.page, l.amount, l.amount_state, l.printed_text, l.row_label, l.column_key,
        l.column_label,
        'T01 line ' || l.row_label || ' matches no 类 code, and T03 has unmatched 类 rows '
            || u.codes
    from t01_class_lines as l
    left join t03_unclaimed as u on u.document_id = l.document_id
    where l.class_code is null and l.amount_state in ('value', 'unreadable')
),

-- X-T04-T05: 公开04表一般公共预算栏各类及合计 = 公开05表各类小计及合计
-- T04's 本年支出合计 and each 类 line (its name matched to a code, as X-T01-T03 does) in the
-- 一般公共预算财政拨款 column are the actuals; the T05 合计 / 类 row 小计 their terms.
t05_class_rows as (
    select * from cells
    where table_code = 'T05' and row_kind = 'subject' and length(row_key) = 3
),

t04_class_lines as (
    select
        l.*,
        coalesce(
            (
                select min(t.row_key) from t05_class_rows as t
                where t.document_id = l.document_id and t.row_label = l.line_name
            ),
            (select min(n.code) from dictionary_class_names as n where n.name = l.line_name)
        ) as class_code
    from balance_lines as l
    where l.table_code = 'T04' and l.side = 'expenditure' and l.block = 'year'
        and l.column_key = 'general_public_budget'
),

-- T05 类 rows with a figure that no T04 line claims: an unmatched T04 name may be one of them
t05_unclaimed as (
    {{ unclaimed_class_rows('t05_class_rows', 't04_class_lines') }}
),

x_t04_t05 as (
    select
        'X-T04-T05' as rule_id, document_id, 'T04,T05' as tables, 'TOTAL' as row_key,
        row_label, 'general_public_budget' as column_key, 'actual' as role,
        table_code, page, amount, amount_state, printed_text,
        row_label as cell_row, column_key as cell_column, column_label,
        cast(null as varchar) as doubt
    from balance_lines
    where table_code = 'T04' and side = 'expenditure' and row_label = '本年支出合计'
        and column_key = 'general_public_budget'
    union all
    select
        'X-T04-T05', document_id, 'T04,T05', row_key, row_label, 'general_public_budget',
        'term',
        table_code, page, amount, amount_state, printed_text, row_key, column_key, column_label,
        null
    from cells
    where table_code = 'T05' and column_key = 'total'
        and (row_kind = 'total' or (row_kind = 'subject' and length(row_key) = 3))
    union all
    select
        'X-T04-T05', document_id, 'T04,T05', class_code, row_label, 'general_public_budget',
        'actual', table_code, page, amount, amount_state, printed_text, row_label, column_key,
        column_label, null
    from t04_class_lines
    where class_code is not null
    union all
    -- a 类 line with a figure whose name matches no code: compared with 0, unless T05 has
    -- unclaimed 类 rows it may be (then the match is in doubt: insufficient_data)
    select
        'X-T04-T05', l.document_id, 'T04,T05', l.line_name, l.row_label, 'general_public_budget',
        'actual', l.table_code, l.page, l.amount, l.amount_state, l.printed_text, l.row_label,
        l.column_key, l.column_label,
        'T04 line ' || l.row_label || ' matches no 类 code, and T05 has unmatched 类 rows '
            || u.codes
    from t04_class_lines as l
    left join t05_unclaimed as u on u.document_id = l.document_id
    where l.class_code is null and l.amount_state in ('value', 'unreadable')
),

-- X-T04-T07: 公开04表政府性基金栏 = 公开07表合计; X-T04-T08: 公开04表国有资本经营栏 = 公开08表合计
-- T04's figure of the fund is the actual, the fund table's 合计 cell its term: 本年支出合计 ↔
-- 本年支出 (always); and where the fund table prints the column, the fund's 本年 income line ↔
-- 本年收入, its line under 年初财政拨款结转和结余 ↔ 年初结转和结余, 年末财政拨款结转和结余 ↔
-- 年末结转和结余.
fund_rules (rule_id, tables, fund, fund_table) as (
    values
        ('X-T04-T07', 'T04,T07', 'government_fund', 'T07'),
        ('X-T04-T08', 'T04,T08', 'state_capital', 'T08')
),

t04_fund_figures as (
    select
        r.rule_id,
        r.tables,
        r.fund_table,
        l.*,
        case
            when l.side = 'expenditure' and l.row_label = '本年支出合计' then 'total'
            when l.side = 'expenditure' and l.row_label like '年末%结转%' then 'closing_balance'
            when l.side = 'income' and l.block = 'year' then 'income'
            when l.side = 'income' and l.block = 'opening' then 'opening_balance'
        end as fund_column
    from balance_lines as l
    inner join fund_rules as r
        on (l.side = 'expenditure' and l.column_key = r.fund)
        or (l.side = 'income' and l.source = r.fund)
    where l.table_code = 'T04'
),

x_t04_funds as (
    select
        f.rule_id, f.document_id, f.tables, 'TOTAL' as row_key, f.row_label,
        f.fund_column as column_key, 'actual' as role,
        f.table_code, f.page, f.amount, f.amount_state, f.printed_text,
        f.row_label as cell_row, f.column_key as cell_column, f.column_label,
        cast(null as varchar) as doubt
    from t04_fund_figures as f
    where f.fund_column = 'total'
        or exists (
            select 1 from cells as c
            where c.document_id = f.document_id and c.table_code = f.fund_table
                and c.column_key = f.fund_column
        )
    union all
    select
        r.rule_id, c.document_id, r.tables, 'TOTAL', null, c.column_key, 'term',
        c.table_code, c.page, c.amount, c.amount_state, c.printed_text, c.row_key, c.column_key,
        c.column_label, null
    from cells as c
    inner join fund_rules as r on r.fund_table = c.table_code
    where c.row_kind = 'total'
        and c.column_key in ('total', 'income', 'opening_balance', 'closing_balance')
),

-- X-T05-T06: 公开05表合计基本支出 = 公开06表人员经费合计 + 公用经费合计
x_t05_t06 as (
    select
        'X-T05-T06' as rule_id, document_id, 'T05,T06' as tables, 'TOTAL' as row_key,
        row_label, 'basic' as column_key, 'actual' as role,
        table_code, page, amount, amount_state, printed_text,
        row_key as cell_row, column_key as cell_column, column_label,
        cast(null as varchar) as doubt
    from cells
    where table_code = 'T05' and row_kind = 'total' and column_key = 'basic'
    union all
    select
        'X-T05-T06', document_id, 'T05,T06', 'TOTAL', null, 'basic', 'term',
        table_code, page, amount, amount_state, printed_text,
        case when row_label like '%人员经费%' then '人员经费合计' else '公用经费合计' end,
        column_key, column_label, null
    from cells
    where table_code = 'T06' and row_kind = 'total'
        and (row_label like '%人员经费%' or row_label like '%公用经费%')
),

-- X-T06-T10 (warning): 公开10表机关运行经费 = 公开06表公用经费合计（行政单位和参公事业单位）
-- T06 公用经费合计 is the actual; T10 机关运行经费 — its printed total line where there is one,
-- else (一) 行政单位 + (二) 参照公务员法管理事业单位 — the terms. Only where T10 prints a
-- 机关运行经费 figure: a department whose lines are all blank reports no 行政 / 参公 unit, and
-- the rule does not apply to it.
t10_running_cost as (
    select c.*
    from cells as c
    where c.table_code = 'T10' and c.side = 'running_cost'
        and (
            c.row_label like '%机关运行经费%'
            or not exists (
                select 1 from cells as t
                where t.document_id = c.document_id and t.table_code = 'T10'
                    and t.side = 'running_cost' and t.row_label like '%机关运行经费%'
            )
        )
),

t10_reporting as (
    select distinct document_id
    from t10_running_cost
    where amount_state in ('value', 'unreadable')
),

x_t06_t10 as (
    select
        'X-T06-T10' as rule_id, document_id, 'T06,T10' as tables, '公用经费合计' as row_key,
        row_label, 'amount' as column_key, 'actual' as role,
        table_code, page, amount, amount_state, printed_text,
        row_label as cell_row, column_key as cell_column, column_label,
        cast(null as varchar) as doubt
    from cells
    where table_code = 'T06' and row_kind = 'total' and row_label like '%公用经费%'
        and document_id in (select document_id from t10_reporting)
    union all
    select
        'X-T06-T10', document_id, 'T06,T10', '公用经费合计', null, 'amount', 'term',
        table_code, page, amount, amount_state, printed_text, row_label, column_key,
        column_label, null
    from t10_running_cost
    where document_id in (select document_id from t10_reporting)
),

-- X-T06-T09 (warning): 公开06表30212/30217/30231/30913+31013 ≤ 公开09表对应决算数
-- The T09 决算数 cell is the actual, the T06 cells of its codes the terms. An upper bound in an
-- aggregation that tests |actual − expected| ≤ tolerance: a slack term max(0, T09 − ΣT06) joins
-- the T06 terms, so expected = max(ΣT06, T09) and difference = min(0, T09 − ΣT06): 0 (a silent
-- pass) whenever T06 ≤ T09, and beyond the upper_bound tolerance (0.01) only when T06 exceeds
-- T09 by more — then expected is ΣT06, the least the T09 figure should be.
three_public_items (item, codes, item_label) as (
    values
        ('overseas', ['30212'], '因公出国（境）费用'),
        ('reception', ['30217'], '公务接待费'),
        ('vehicle_operation', ['30231'], '公务用车运行维护费'),
        ('vehicle_purchase', ['30913', '31013'], '公务用车购置')
),

t06_t09_cells as (
    select
        'X-T06-T09' as rule_id, c.document_id, 'T06,T09' as tables,
        array_to_string(i.codes, '+') as row_key, i.item_label as row_label,
        c.column_key, 'actual' as role,
        c.table_code, c.page, c.amount, c.amount_state, c.printed_text,
        c.row_label as cell_row, c.column_key as cell_column, c.column_label,
        cast(null as varchar) as doubt
    from cells as c
    inner join three_public_items as i on c.column_key = 'actual_' || i.item
    where c.table_code = 'T09'
    union all
    select
        'X-T06-T09', c.document_id, 'T06,T09', array_to_string(i.codes, '+'), null,
        'actual_' || i.item, 'term',
        c.table_code, c.page, c.amount, c.amount_state, c.printed_text, c.row_key, c.column_key,
        c.column_label, null
    from cells as c
    inner join three_public_items as i on list_contains(i.codes, c.subject_code)
    where c.table_code = 'T06' and c.row_kind = 'subject'
),

t06_t09_slack as (
    select
        rule_id, document_id, tables, row_key, column_key,
        coalesce(sum(amount) filter (where role = 'actual' and amount_state = 'value'), 0)
        - coalesce(sum(amount) filter (where role = 'term' and amount_state = 'value'), 0)
            as slack
    from t06_t09_cells
    group by all
    having not bool_or(amount_state = 'unreadable')
),

x_t06_t09 as (
    select * from t06_t09_cells
    union all
    select
        rule_id, document_id, tables, row_key, null, column_key, 'term',
        null, null, cast(slack as decimal(20,6)), 'value', null,
        'upper bound: T09 − T06', null, null, null
    from t06_t09_slack
    where slack > 0
),

-- X-EMPTY: 无数据的表须注明（本表无数据），且公开01表对应行、公开04表对应栏为空或0
-- For the fund tables T07, T08 and the 三公 table T09 (its T01 / T04 counterparts: none):
-- (a) "says so": actual = 1 where the table prints 本表无数据, else 0; expected = 1 where it
--     prints no figure (every cell blank or ——, or no cell), 0 where it prints a non-zero one
--     (本表无数据 over printed figures contradicts them). A table printing only 0.00 may say
--     either: not compared; one with an unreadable cell: insufficient_data. The narrative's
--     本年度无此项支出 is not read (no such claim is extracted yet).
-- (b) where T07 / T08 prints no non-zero figure (and no unreadable cell), every T01 / T04
--     figure of its fund — the 本年 and 年初 income lines, and every row of T04's fund column —
--     must be blank or 0: actuals with no term (expected 0).
fund_tables_state as (
    select
        t.document_id,
        t.table_code,
        t.first_page,
        coalesce(t.declared_empty, false) as declared_empty,
        coalesce(bool_or(c.amount_state = 'value'), false) as prints_figures,
        coalesce(bool_or(c.amount_state = 'value' and c.amount <> 0), false) as prints_nonzero,
        coalesce(bool_or(c.amount_state = 'unreadable'), false) as has_unreadable
    from tables as t
    left join cells as c on c.document_id = t.document_id and c.table_code = t.table_code
    where t.table_code in ('T07', 'T08', 'T09') and t.status = 'extracted'
    group by all
),

x_empty as (
    select
        'X-EMPTY' as rule_id, document_id, table_code as tables, '本表无数据' as row_key,
        '说明：本表无数据' as row_label, 'declared_empty' as column_key, 'actual' as role,
        table_code, first_page as page,
        cast(case when declared_empty then 1 else 0 end as decimal(20,6)) as amount,
        'value' as amount_state,
        case when declared_empty then '本表无数据' else '' end as printed_text,
        '说明' as cell_row, 'declared_empty' as cell_column,
        '注明本表无数据（1 = 是）' as column_label, cast(null as varchar) as doubt
    from fund_tables_state
    where prints_nonzero or not prints_figures or has_unreadable
    union all
    select
        'X-EMPTY', document_id, table_code, '本表无数据', null, 'declared_empty', 'term',
        table_code, first_page,
        cast(case when prints_nonzero then 0 else 1 end as decimal(20,6)), 'value', null,
        case when prints_nonzero then 'figures printed' else 'no figure printed' end,
        'figures', null,
        case when has_unreadable then
            table_code || ' has unreadable cells: whether it prints figures is not known'
        end
    from fund_tables_state
    where prints_nonzero or not prints_figures or has_unreadable
    union all
    select
        'X-EMPTY', l.document_id, l.table_code || ',' || s.table_code,
        case
            when l.side = 'expenditure' then l.row_label
            when l.block = 'opening' then '年初结转和结余/' || f.fund_name
            else f.fund_name
        end,
        l.row_label, l.column_key, 'actual',
        l.table_code, l.page, l.amount, l.amount_state, l.printed_text, l.row_label,
        l.column_key, l.column_label, null
    from balance_lines as l
    inner join funds as f
        on (l.side = 'income' and l.source = f.fund and l.block is not null)
        or (l.table_code = 'T04' and l.side = 'expenditure' and l.column_key = f.fund)
    inner join fund_tables_state as s
        on s.document_id = l.document_id and s.table_code = f.fund_table
    where not s.prints_nonzero and not s.has_unreadable
),

rule_inputs as (
    select * from x_t01_t02
    union all select * from x_t01_t03
    union all select * from x_t01_t04
    union all select * from x_t04_t05
    union all select * from x_t04_funds
    union all select * from x_t05_t06
    union all select * from x_t06_t10
    union all select * from x_t06_t09
    union all select * from x_empty
),

-- the sides each comparison of a rule needs printed: a role read from a table (cell_row: one
-- particular cell of it; row_key: only the comparisons of that row)
required_sides (rule_id, role, table_code, cell_row, row_key, what) as (
    values
        ('X-T01-T02', 'actual', 'T02', null, null, 'the T02 合计 cell of this column'),
        ('X-T01-T02', 'term', 'T01', null, null, 'the T01 income line(s) of this source'),
        ('X-T01-T04', 'actual', 'T04', null, null, 'the T04 income line of this fund'),
        ('X-T01-T04', 'term', 'T01', null, null, 'the T01 income line of this fund'),
        ('X-T04-T05', 'actual', 'T04', null, null, 'the T04 line of this 类'),
        ('X-T04-T05', 'term', 'T05', null, 'TOTAL', 'the T05 合计 row'),
        ('X-T04-T07', 'actual', 'T04', null, null, 'the T04 政府性基金 figure'),
        ('X-T04-T07', 'term', 'T07', null, null, 'the T07 合计 cell'),
        ('X-T04-T08', 'actual', 'T04', null, null, 'the T04 国有资本经营 figure'),
        ('X-T04-T08', 'term', 'T08', null, null, 'the T08 合计 cell'),
        ('X-T05-T06', 'actual', 'T05', null, null, 'the T05 合计 基本支出 cell'),
        ('X-T05-T06', 'term', 'T06', '人员经费合计', null, 'the T06 人员经费合计 row'),
        ('X-T05-T06', 'term', 'T06', '公用经费合计', null, 'the T06 公用经费合计 row'),
        ('X-T06-T10', 'actual', 'T06', null, null, 'the T06 公用经费合计 row'),
        ('X-T06-T09', 'actual', 'T09', null, null, 'the T09 决算数 column')
),

comparison_groups as (
    select
        rule_id, document_id, tables, row_key, column_key,
        bool_or(
            amount_state = 'unreadable' or (amount_state = 'value' and amount <> 0)
        ) as has_figure
    from rule_inputs
    group by all
),

missing_sides as (
    select g.*, s.role, s.table_code, s.cell_row, s.what, t.declared_empty, t.first_page
    from comparison_groups as g
    inner join required_sides as s
        on s.rule_id = g.rule_id and (s.row_key is null or s.row_key = g.row_key)
    left join tables as t on t.document_id = g.document_id and t.table_code = s.table_code
    where not exists (
        select 1 from rule_inputs as i
        where i.rule_id = g.rule_id and i.document_id = g.document_id and i.tables = g.tables
            and i.row_key = g.row_key and i.column_key = g.column_key
            and i.role = s.role and i.table_code = s.table_code
            and (s.cell_row is null or i.cell_row = s.cell_row)
    )
),

-- a side of a table that says 本表无数据 is a blank (0) at the table's page; any other missing
-- side is a doubt when the comparison has a non-zero figure to check
missing_side_inputs as (
    select
        rule_id, document_id, tables, row_key, cast(null as varchar) as row_label, column_key,
        role, table_code, first_page as page, cast(null as decimal(20,6)) as amount,
        'blank' as amount_state, '本表无数据' as printed_text,
        coalesce(cell_row, row_key) as cell_row, column_key as cell_column,
        cast(null as varchar) as column_label, cast(null as varchar) as doubt
    from missing_sides
    where declared_empty
    union all
    select
        rule_id, document_id, tables, row_key, null, column_key, 'none',
        null, null, null, null, null, null, null, null,
        what || ' is not printed (未找到): ' || row_key || ' / ' || column_key
    from missing_sides
    where not coalesce(declared_empty, false) and has_figure
),

all_inputs as (
    select * from rule_inputs
    union all
    select * from missing_side_inputs
)

{{ rule_input_select('all_inputs', n_override='null') }}
