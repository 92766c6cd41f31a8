{#-
  Input rows of the 'intra' family's rules, those within one table (see
  int_reconciliation_comparisons for the shape): T01-BAL-IN, T01-BAL-OUT, T01-BAL, T01-SUM-IN,
  T01-SUM-OUT, T02-ROW, T03-ROW, T04-ROW, T04-BAL, T05-ROW, T06-SUM, T07-ROW, T09-SUM, T10-SUM,
  HIER. Cells and their keys: int_rule_cells; a table the document lacks: int_rule_inputs.

  Lines of the balance tables (T01, T04) and of T10 are found by their printed label without its
  ordinal prefix (一、 / 1. / (一)), on their side; the lines summed into 本年收入合计 / 本年支出合计
  are the numbered lines printed above it. A line or column a rule needs that is not printed
  gives a role 'none' row with the reason (the comparison is then insufficient_data, never a
  fail). Blank and '——' cells count as 0 in sums.
-#}

with

tables as (
    select * from {{ ref('stg_disclosure_table') }}
),

cells as (
    select * from {{ ref('int_rule_cells') }}
),

-- tables that have cells and are not declared empty: a line they lack is a doubt
tables_with_cells as (
    select distinct c.document_id, c.table_code
    from cells as c
    inner join tables as t on t.document_id = c.document_id and t.table_code = c.table_code
    where not t.declared_empty
),

-- coded rows of the subject tables (parent_key: the row each sums into)
subject_cells as (
    select * from cells
    where table_code in ('T02', 'T03', 'T05', 'T07', 'T08') and row_kind in ('total', 'subject')
),

-- Fixed lines: each comparison's printed total ('actual') and the lines summed into it ('term'),
-- found by label (a regular expression over the whole unprefixed label) on their side
line_specs (rule_id, table_code, side, row_key, column_key, line_pattern, cell_column, role) as (
    values
        -- T01-BAL-IN: 收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余
        ('T01-BAL-IN', 'T01', 'income', '收入总计', 'amount', '总计', 'amount', 'actual'),
        ('T01-BAL-IN', 'T01', 'income', '收入总计', 'amount', '本年收入合计', 'amount', 'term'),
        ('T01-BAL-IN', 'T01', 'income', '收入总计', 'amount', '使用非财政拨款结余(和专用结余)?', 'amount', 'term'),
        ('T01-BAL-IN', 'T01', 'income', '收入总计', 'amount', '年初结转和结余', 'amount', 'term'),
        -- T01-BAL-OUT: 支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余
        ('T01-BAL-OUT', 'T01', 'expenditure', '支出总计', 'amount', '总计', 'amount', 'actual'),
        ('T01-BAL-OUT', 'T01', 'expenditure', '支出总计', 'amount', '本年支出合计', 'amount', 'term'),
        ('T01-BAL-OUT', 'T01', 'expenditure', '支出总计', 'amount', '结余分配', 'amount', 'term'),
        ('T01-BAL-OUT', 'T01', 'expenditure', '支出总计', 'amount', '年末结转和结余', 'amount', 'term'),
        -- T01-BAL: 收入总计 = 支出总计
        ('T01-BAL', 'T01', 'income', '总计', 'amount', '总计', 'amount', 'actual'),
        ('T01-BAL', 'T01', 'expenditure', '总计', 'amount', '总计', 'amount', 'term'),
        -- T04-BAL (1): 收入总计 = 支出总计 (its 合计 column)
        ('T04-BAL', 'T04', 'income', '总计', 'amount', '总计', 'amount', 'actual'),
        ('T04-BAL', 'T04', 'expenditure', '总计', 'amount', '总计', 'total', 'term'),
        -- T10-SUM (1): 政府采购 合计 = 货物 + 工程 + 服务
        ('T10-SUM', 'T10', 'procurement', '政府采购', 'value', '合计', 'value', 'actual'),
        ('T10-SUM', 'T10', 'procurement', '政府采购', 'value', '货物', 'value', 'term'),
        ('T10-SUM', 'T10', 'procurement', '政府采购', 'value', '工程', 'value', 'term'),
        ('T10-SUM', 'T10', 'procurement', '政府采购', 'value', '服务', 'value', 'term')
),

line_spec_cells as (
    select
        s.rule_id, c.document_id, s.table_code, s.side, s.row_key, s.column_key, s.role,
        s.line_pattern, c.page, c.row_label, c.cell_row, c.column_key as cell_column,
        c.column_label, c.amount, c.amount_state, c.printed_text,
        count(*) over (partition by s.rule_id, c.document_id, s.row_key, s.side, s.line_pattern)
            as n_matches
    from line_specs as s
    inner join cells as c
        on c.table_code = s.table_code
        and c.side = s.side
        and c.column_key = s.cell_column
        and regexp_full_match(c.line_key, s.line_pattern)
),

fixed_lines as (
    select
        rule_id, document_id, table_code as tables, row_key,
        case when role = 'actual' then row_label end as row_label, column_key, role,
        table_code, page, amount, amount_state, printed_text, cell_row, cell_column, column_label,
        case when role = 'term' and n_matches > 1 then
            table_code || ' ' || side || ' line ' || regexp_replace(line_pattern, '\(.*\)\?$', '')
                || ' printed ' || n_matches || ' times'
        end as doubt
    from line_spec_cells
    union all
    -- a line the comparison needs that is not printed
    select
        s.rule_id, t.document_id, s.table_code, s.row_key, null, s.column_key, 'none',
        null, null, null, null, null, null, null, null,
        s.table_code || ' ' || s.side || ' line ' || regexp_replace(s.line_pattern, '\(.*\)\?$', '')
            || ' not found (未找到该行)'
    from line_specs as s
    inner join tables_with_cells as t on t.table_code = s.table_code
    where not exists (
        select 1 from line_spec_cells as c
        where c.document_id = t.document_id and c.rule_id = s.rule_id and c.row_key = s.row_key
            and c.side = s.side and c.line_pattern = s.line_pattern
    )
),

-- Line sums: a printed total and the numbered lines of its side and unit printed above
-- (or, for T10's 车辆数合计, below) it
line_sum_specs (rule_id, table_code, side, row_key, cell_column, total_pattern, terms_position) as (
    values
        -- T01-SUM-IN: 本年收入合计 = Σ income lines 一 … 八
        ('T01-SUM-IN', 'T01', 'income', '本年收入合计', 'amount', '本年收入合计', 'above'),
        -- T01-SUM-OUT: 本年支出合计 = Σ 类 expenditure lines
        ('T01-SUM-OUT', 'T01', 'expenditure', '本年支出合计', 'amount', '本年支出合计', 'above'),
        -- T04-BAL (2): 本年收入合计 = 一般公共预算 + 政府性基金 + 国有资本经营 财政拨款
        ('T04-BAL', 'T04', 'income', '本年收入合计', 'amount', '本年收入合计', 'above'),
        -- T10-SUM (2): 车辆数合计 = Σ vehicle categories 1. … 8. (counts, 辆)
        ('T10-SUM', 'T10', 'assets', '车辆数合计', 'value', '车辆数合计(\(辆\)|（辆）)?', 'below')
),

line_sum_totals as (
    select s.*, c.document_id, c.row_index, c.measure_unit
    from line_sum_specs as s
    inner join cells as c
        on c.table_code = s.table_code
        and c.side = s.side
        and c.column_key = s.cell_column
        and regexp_full_match(c.line_key, s.total_pattern)
),

line_sum_cells as (
    -- the total
    select
        s.rule_id, s.document_id, s.table_code, s.row_key, 'actual' as role,
        c.page, c.row_label, c.cell_row, c.column_key, c.column_label, c.amount, c.amount_state,
        c.printed_text
    from line_sum_totals as s
    inner join cells as c
        on c.document_id = s.document_id
        and c.table_code = s.table_code
        and c.side = s.side
        and c.column_key = s.cell_column
        and c.row_index = s.row_index
    union all
    -- its numbered lines
    select
        s.rule_id, s.document_id, s.table_code, s.row_key, 'term',
        c.page, c.row_label, c.cell_row, c.column_key, c.column_label, c.amount, c.amount_state,
        c.printed_text
    from line_sum_totals as s
    inner join cells as c
        on c.document_id = s.document_id
        and c.table_code = s.table_code
        and c.side = s.side
        and c.column_key = s.cell_column
        and c.is_numbered
        and c.measure_unit is not distinct from s.measure_unit
        and case s.terms_position
            when 'above' then c.row_index < s.row_index
            else c.row_index > s.row_index
        end
),

line_sums as (
    select
        rule_id, document_id, table_code as tables, row_key,
        case when role = 'actual' then row_label end as row_label, column_key, role,
        table_code, page, amount, amount_state, printed_text,
        cell_row, column_key as cell_column, column_label,
        cast(null as varchar) as doubt
    from line_sum_cells
    union all
    -- a total that is not printed, or printed with no numbered line to sum
    select
        s.rule_id, t.document_id, s.table_code, s.row_key, null, s.cell_column, 'none',
        null, null, null, null, null, null, null, null,
        case
            when not exists (
                select 1 from line_sum_totals as lt
                where lt.document_id = t.document_id and lt.rule_id = s.rule_id
            ) then s.table_code || ' ' || s.side || ' line ' || s.row_key
                || ' not found (未找到该行)'
            else s.table_code || ' ' || s.side || ' line ' || s.row_key
                || ': no numbered line to sum found'
        end
    from line_sum_specs as s
    inner join tables_with_cells as t on t.table_code = s.table_code
    where not exists (
        select 1 from line_sum_cells as c
        where c.document_id = t.document_id and c.rule_id = s.rule_id and c.role = 'term'
    )
),

-- Row rules: in every row of the table, a printed column ('actual') and the columns summed
-- into it ('term', sign −1 for a subtraction)
row_specs (rule_id, table_code, side, column_key, cell_column, role, sign) as (
    values
        -- T04-ROW: each expenditure row, 合计 = 一般公共预算 + 政府性基金 + 国有资本经营
        ('T04-ROW', 'T04', 'expenditure', 'total', 'total', 'actual', 1),
        ('T04-ROW', 'T04', 'expenditure', 'total', 'general_public_budget', 'term', 1),
        ('T04-ROW', 'T04', 'expenditure', 'total', 'government_fund', 'term', 1),
        ('T04-ROW', 'T04', 'expenditure', 'total', 'state_capital', 'term', 1),
        -- T07-ROW (1): 年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出小计
        ('T07-ROW', 'T07', null, 'closing_balance', 'closing_balance', 'actual', 1),
        ('T07-ROW', 'T07', null, 'closing_balance', 'opening_balance', 'term', 1),
        ('T07-ROW', 'T07', null, 'closing_balance', 'income', 'term', 1),
        ('T07-ROW', 'T07', null, 'closing_balance', 'total', 'term', -1),
        -- T07-ROW (2): 本年支出小计 = 基本支出 + 项目支出
        ('T07-ROW', 'T07', null, 'total', 'total', 'actual', 1),
        ('T07-ROW', 'T07', null, 'total', 'basic', 'term', 1),
        ('T07-ROW', 'T07', null, 'total', 'project', 'term', 1),
        -- T09-SUM: for 预算数 and 决算数 separately, 合计 = 因公出国（境）+ 公务用车小计 + 公务接待;
        -- 公务用车小计 = 购置费 + 运行维护费
        ('T09-SUM', 'T09', null, 'budget_total', 'budget_total', 'actual', 1),
        ('T09-SUM', 'T09', null, 'budget_total', 'budget_overseas', 'term', 1),
        ('T09-SUM', 'T09', null, 'budget_total', 'budget_vehicle_total', 'term', 1),
        ('T09-SUM', 'T09', null, 'budget_total', 'budget_reception', 'term', 1),
        ('T09-SUM', 'T09', null, 'budget_vehicle_total', 'budget_vehicle_total', 'actual', 1),
        ('T09-SUM', 'T09', null, 'budget_vehicle_total', 'budget_vehicle_purchase', 'term', 1),
        ('T09-SUM', 'T09', null, 'budget_vehicle_total', 'budget_vehicle_operation', 'term', 1),
        ('T09-SUM', 'T09', null, 'actual_total', 'actual_total', 'actual', 1),
        ('T09-SUM', 'T09', null, 'actual_total', 'actual_overseas', 'term', 1),
        ('T09-SUM', 'T09', null, 'actual_total', 'actual_vehicle_total', 'term', 1),
        ('T09-SUM', 'T09', null, 'actual_total', 'actual_reception', 'term', 1),
        ('T09-SUM', 'T09', null, 'actual_vehicle_total', 'actual_vehicle_total', 'actual', 1),
        ('T09-SUM', 'T09', null, 'actual_vehicle_total', 'actual_vehicle_purchase', 'term', 1),
        ('T09-SUM', 'T09', null, 'actual_vehicle_total', 'actual_vehicle_operation', 'term', 1)
),

-- the printed rows of the row rules' tables: a subject code, TOTAL, or the unprefixed label
spec_rows as (
    select distinct
        s.rule_id, s.table_code, s.side, c.document_id, c.row_index,
        coalesce(c.row_key, c.line_key) as row_key, c.row_label, c.cell_row
    from (select distinct rule_id, table_code, side from row_specs) as s
    inner join cells as c
        on c.table_code = s.table_code and c.side is not distinct from s.side
),

row_rules as (
    select
        r.rule_id, r.document_id, r.table_code as tables, r.row_key,
        case when s.role = 'actual' then r.row_label end as row_label, s.column_key,
        case when c.document_id is null then 'none' else s.role end as role,
        c.table_code, c.page, s.sign * c.amount as amount, c.amount_state, c.printed_text,
        r.cell_row, c.column_key as cell_column,
        c.column_label,
        case when c.document_id is null then
            r.table_code || ' column ' || s.cell_column || ' not printed (未印该栏)'
        end as doubt
    from spec_rows as r
    inner join row_specs as s
        on s.rule_id = r.rule_id and s.table_code = r.table_code
        and s.side is not distinct from r.side
    left join cells as c
        on c.document_id = r.document_id
        and c.table_code = r.table_code
        and c.row_index = r.row_index
        and c.side is not distinct from r.side
        and c.column_key = s.cell_column
),

-- T02-ROW: each row, 本年收入合计 = Σ source columns (those printed)
t02_row as (
    {{ row_sum_rule('T02-ROW', 'T02', [
        'fiscal_appropriation', 'superior_subsidy', 'business', 'operating',
        'subsidiary_remit', 'other'
    ]) }}
),

-- T06-SUM: each economic 类 (301 … 399) = Σ its 款; 人员经费合计 = 301 + 303;
-- 公用经费合计 = Σ the other 类. '——' is not applicable, not 0: a 类 whose cells are all '——'
-- is not compared, and a 类 printed '——' over 款 with figures cannot be
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
    from cells
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
),

t06_sum as (
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

inputs as (
    select * from fixed_lines
    union all by name select * from line_sums
    union all by name select * from row_rules
    union all by name select * from t02_row
    union all by name select * from t03_row
    union all by name select * from t05_row
    union all by name select * from hier
    union all by name select * from t06_sum
)

{{ rule_input_select('inputs', n_override='null') }}
