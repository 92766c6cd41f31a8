{#-
  Input rows of the 'text' family's rules (table against narrative 情况说明), in the shape of
  int_reconciliation_comparisons (one row per input figure: role 'actual' = the figure the
  narrative prints, 'term' = summed into expected, 'none' = a doubt (doubt set: the comparison
  is insufficient_data) or, with no doubt and no amount, a provenance row that only lends its
  page to source_pages / input_cells).

  Every comparison is keyed by the claim it checks: row_key = the claim's subject (e.g.
  expenditure.basic), column_key = '<claim_kind>@p<page>' (with '#n' when the same subject and
  kind are stated more than once on a page), row_label = the sentence, column_label = the section.

  How a claim finds its figures (the spec's pitfalls: nothing is guessed):
  - table cell: the claim's refers_table / refers_row / refers_column, matched to
    stg_amount_cell by table_code, column_key and subject_code or row label (labels normalised
    on both sides: whitespace, full-width brackets, ordinal prefixes 一、 (一) 1. and a unit
    suffix (辆) removed); T01/T04 print 总计 on both sides, so the subject's word (income /
    expenditure) picks the side; gpb.item:201/款名/项名 is resolved to the 7-digit T05 row
    under the named 款. A table declared empty (本表无数据) with no such cell reads as 0. A
    cell that cannot be found, or is found more than once, is a doubt, never a 0.
  - narrative figure: the claim of the wanted subject and kind in the same sentence; if the
    sentence has none, the same section's claims when they all state one value; else the
    subject's table cell (above). Two different values are a doubt.

  Rules:
  - TXT-AMOUNT: every amount / count / budget claim that names a table cell equals that cell.
    Claims naming a table the document does not have make one whole-table row ('*') per table.
  - TXT-SHARE: share = numerator / base × 100; the numerator is the subject's amount, the base
    the total of its section (income.* → income.year_total, expenditure.* →
    expenditure.year_total, gpb.* → gpb.expenditure_total, gpb.expenditure_total (占本年支出合计)
    → expenditure.year_total, basic.* → basic.total, procurement.* → procurement.total (授予小微
    企业 … 占 … 中小企业 → procurement.sme), three_public.* → three_public.total).
  - TXT-YOY: a change_amount X and change_percent Y of one subject in one sentence:
    Y = X / (current − X) × 100, signed (减少/下降 negative), current = the subject's amount.
    A last-year figure of 0 (a new department's 增长100%) makes the percentage undefined: doubt.
  - TXT-BUDGET: 完成…预算的Z% = 决算 / 预算 × 100. The budget is the subject's budget claim in
    the sentence; where the sentence states two (年初预算 and 全年预算), the one the wording
    names (完成年初预算 / 完成全年预算); with none stated, the 三公 table's 预算数 cell. A
    budget of 0 makes the rate undefined: insufficient_data with the reason (the catalogue's
    "where 年初预算 is 0 that wording is a warning": insufficient_data is reported as a warning).
  - TXT-PERF-COUNT: 项目绩效自评个数 N个 = number of forms; 涉及资金 M万元 = Σ 实际执行金额 of
    the forms (涉及预算金额 = Σ 项目预算金额). A form whose 实际执行金额 is blank counts its 成本指标
    actual value in 万元 when it prints exactly one (the seed's 更新会议室设备 form: 2.9937);
    otherwise it is a doubt. A document without forms is insufficient_data.
  - TXT-PERF-PROJECT (tolerance none: every comparison is a warning showing the gap): T03 合计
    项目支出 (actual) vs Σ 实际执行金额 of the forms (expected, same fallback), for documents
    with forms.
  Percentages use the catalogue's 'percentage' tolerance with n_override = the decimals printed.
-#}

{#- SQL templates ('%s' = the argument): the decimals of a printed percentage, a change signed
    by its direction. (A row label normalised for matching: the normalised_label() macro.) -#}
{%- set decimals = "length(coalesce(regexp_extract(%s, '[.．]([0-9]+)', 1), ''))" -%}
{%- set signed = "case when %s = 'decrease' then -%s else %s end" -%}

with

tables as (
    select document_id, table_code, first_page, declared_empty, status, reason
    from {{ ref('stg_disclosure_table') }}
),


-- every claim with a key that is unique within its document: subject + kind@page(#n)
claims as (
    select
        *,
        claim_kind || '@p' || page
            || case when count(*) over same_place > 1
                then '#' || row_number() over (same_place order by section, sentence, printed, value)
                else '' end as claim_key,
        case
            when subject like 'income.%' or subject like 'appropriation.income%'
                or subject = 'appropriation.gpb_income' then 'income'
            when subject like 'expenditure.%' or subject like 'appropriation.expenditure%'
                then 'expenditure'
        end as side_hint
    from {{ ref('stg_narrative_claim') }}
    window same_place as (partition by document_id, subject, claim_kind, page)
),

-- share claims with the subject of their base (the section's total)
share_bases as (
    select
        *,
        case
            when subject = 'procurement.small_micro' and sentence like '%占%中小企业%'
                then 'procurement.sme'
            when subject like 'income.%'
                and subject not in ('income.total', 'income.year_total', 'income.opening_balance')
                then 'income.year_total'
            when subject like 'expenditure.%'
                and subject not in (
                    'expenditure.total', 'expenditure.year_total', 'expenditure.closing_balance'
                )
                then 'expenditure.year_total'
            when subject = 'gpb.expenditure_total' then 'expenditure.year_total'
            when subject like 'gpb.%' then 'gpb.expenditure_total'
            when subject like 'basic.%' and subject <> 'basic.total' then 'basic.total'
            when subject like 'procurement.%' and subject <> 'procurement.total'
                then 'procurement.total'
            when subject like 'three_public.%' and subject <> 'three_public.total'
                then 'three_public.total'
        end as base_subject
    from claims
    where claim_kind = 'share'
),

base_cells (base_subject, base_table, base_row, base_column, base_side) as (
    values
        ('income.year_total', 'T02', '合计', 'total', null),
        ('expenditure.year_total', 'T03', '合计', 'total', null),
        ('gpb.expenditure_total', 'T05', '合计', 'total', null),
        ('basic.total', 'T05', '合计', 'basic', null),
        ('procurement.total', 'T10', '合计', 'value', null),
        ('procurement.sme', null, null, null, null),
        ('three_public.total', 'T09', '三公经费', 'actual_total', null)
),

completions as (
    select
        *,
        {{ budget_wording('sentence') }}
    from claims
    where claim_kind = 'completion'
),

requested as (
    -- the cell a claim names
    select document_id, refers_table as want_table, refers_row as want_row,
        refers_column as want_column, side_hint as want_side
    from claims
    where refers_table is not null
    union
    -- the base of a share
    select s.document_id, b.base_table, b.base_row, b.base_column, b.base_side
    from share_bases as s
    inner join base_cells as b on b.base_subject = s.base_subject
    where b.base_table is not null
    union
    -- the 三公 budget of a completion rate
    select document_id, refers_table, refers_row, replace(refers_column, 'actual_', 'budget_'),
        null
    from completions
    where refers_table = 'T09'
),

-- each requested cell with its row normalised (类/款名/项名 of a gpb.item split)
cell_requests as (
    select
        *,
        {{ claim_request_keys() }}
    from requested
),

{{ claim_request_cells('cell_requests', 'document_id') }},

-- each request resolved: state cell | empty_table | missing_table | doubt
resolved_cells as (
    select
        r.document_id, r.want_table, r.want_row, r.want_column, r.want_side,
        case
            when t.document_id is null then 'missing_table'
            when t.status = 'insufficient_data' then 'doubt'
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
        r.want_column as cell_column,
        any_value(c.column_label) as column_label,
        case
            when t.document_id is null
                then 'table ' || r.want_table || ' not found (未找到该表)'
            when t.status = 'insufficient_data'
                then 'table ' || r.want_table || ' is insufficient_data'
                    || coalesce(': ' || t.reason, '')
            when count(c.table_code) > 1
                then count(c.table_code) || ' cells of ' || r.want_table || ' match row "'
                    || r.want_row || '" column ' || r.want_column
            when count(c.table_code) = 0 and not t.declared_empty
                then 'no cell of ' || r.want_table || ' matches row "' || r.want_row
                    || '" column ' || r.want_column
        end as doubt
    from cell_requests as r
    left join tables as t on t.document_id = r.document_id and t.table_code = r.want_table
    left join request_cells as c
        on c.document_id = r.document_id
        and c.want_table = r.want_table
        and c.want_row = r.want_row
        and c.want_column = r.want_column
        and c.want_side is not distinct from r.want_side
    group by
        r.document_id, r.want_table, r.want_row, r.want_column, r.want_side,
        t.document_id, t.status, t.reason, t.declared_empty, t.first_page
),

-- the narrative's own figure of a subject and kind, near a claim: same sentence first, then
-- the same section when it states one value
figure_requests as (
    select document_id, subject, claim_key, 'numerator' as purpose, section, sentence,
        subject as want_subject, 'amount' as want_kind
    from share_bases
    union all
    select document_id, subject, claim_key, 'base', section, sentence, base_subject, 'amount'
    from share_bases
    where base_subject is not null
    union all
    select document_id, subject, claim_key, 'current', section, sentence, subject, 'amount'
    from claims
    where claim_kind = 'change_percent'
    union all
    select document_id, subject, claim_key, 'actual', section, sentence, subject, 'amount'
    from completions
    union all
    select document_id, subject, claim_key, 'budget', section, sentence, subject, 'budget'
    from completions
),

figure_picks as (
    select
        f.document_id, f.subject, f.claim_key, f.purpose,
        count(distinct c.value) filter (where c.sentence = f.sentence) as n_sentence,
        count(distinct c.value) as n_section,
        min(c.value) filter (where c.sentence = f.sentence) as sentence_value,
        min(c.page) filter (where c.sentence = f.sentence) as sentence_page,
        min(c.printed) filter (where c.sentence = f.sentence) as sentence_printed,
        min(c.value) as section_value,
        min(c.page) as section_page,
        min(c.printed) as section_printed,
        string_agg(distinct c.printed, ' / ') filter (where c.sentence = f.sentence)
            as sentence_values,
        string_agg(distinct c.printed, ' / ') as section_values
    from figure_requests as f
    left join claims as c
        on c.document_id = f.document_id
        and c.section = f.section
        and c.subject = f.want_subject
        and c.claim_kind = f.want_kind
    group by all
),

figures as (
    select
        document_id, subject, claim_key, purpose,
        case
            when n_sentence = 1 then 'sentence'
            when n_sentence = 0 and n_section = 1 then 'section'
            when n_section = 0 then 'absent'
            else 'ambiguous'
        end as found,
        case when n_sentence = 1 then sentence_value when n_section = 1 then section_value end
            as value,
        case when n_sentence = 1 then sentence_page when n_section = 1 then section_page end
            as page,
        case when n_sentence = 1 then sentence_printed when n_section = 1 then section_printed end
            as printed,
        case when n_sentence > 1 then sentence_values else section_values end as candidates
    from figure_picks
),

-- ---------------------------------------------------------------------------------------------
-- TXT-AMOUNT

amount_claims as (
    select c.*, r.state, r.page as cell_page, r.amount as cell_amount,
        r.amount_state as cell_state, r.printed_text as cell_printed, r.cell_row,
        r.cell_column, r.column_label as cell_column_label, r.doubt as cell_doubt
    from claims as c
    inner join resolved_cells as r
        on r.document_id = c.document_id
        and r.want_table = c.refers_table
        and r.want_row = c.refers_row
        and r.want_column = c.refers_column
        and r.want_side is not distinct from c.side_hint
    where c.claim_kind in ('amount', 'count', 'budget')
),

txt_amount as (
    -- the figure the narrative prints
    select
        'TXT-AMOUNT' as rule_id, document_id, 'narrative,' || refers_table as tables,
        subject as row_key, sentence as row_label, claim_key as column_key, 'actual' as role,
        'narrative' as table_code, page, value as amount,
        case when value is null then 'unreadable' else 'value' end as amount_state,
        printed as printed_text, subject as cell_row, claim_kind as cell_column,
        section as column_label, cast(null as varchar) as doubt
    from amount_claims
    where state <> 'missing_table'
    union all
    -- the table cell it names (or why it could not be read)
    select
        'TXT-AMOUNT', document_id, 'narrative,' || refers_table, subject, null, claim_key,
        case when state in ('cell', 'empty_table') then 'term' else 'none' end,
        refers_table, cell_page, cell_amount, cell_state, cell_printed, cell_row, cell_column,
        cell_column_label,
        case when state = 'doubt' then cell_doubt end
    from amount_claims
    where state <> 'missing_table'
    union all
    -- claims naming a table the document does not have: one whole-table row per table
    select
        'TXT-AMOUNT', document_id, 'narrative,' || refers_table, '*', '(whole table)', '*',
        'none', 'narrative', min(page), null, null, null, null, null, null,
        'table ' || refers_table || ' not found (未找到该表): ' || count(*)
            || ' narrative figure(s) name it (' || string_agg(distinct subject, ', ' order by subject)
            || ')'
    from amount_claims
    where state = 'missing_table'
    group by document_id, refers_table
),

-- ---------------------------------------------------------------------------------------------
-- TXT-SHARE

share_parts as (
    select
        s.*,
        n.found as num_found, n.value as num_fig, n.page as num_fig_page,
        n.printed as num_fig_printed, n.candidates as num_candidates,
        nc.state as num_cell_state, nc.amount as num_cell, nc.amount_state as num_cell_amount_state,
        nc.page as num_cell_page, nc.printed_text as num_cell_printed, nc.cell_row as num_cell_row,
        nc.cell_column as num_cell_column, nc.doubt as num_cell_doubt,
        d.found as den_found, d.value as den_fig, d.page as den_fig_page,
        d.printed as den_fig_printed, d.candidates as den_candidates,
        b.base_table,
        dc.state as den_cell_state, dc.amount as den_cell, dc.amount_state as den_cell_amount_state,
        dc.page as den_cell_page, dc.printed_text as den_cell_printed, dc.cell_row as den_cell_row,
        dc.cell_column as den_cell_column, dc.doubt as den_cell_doubt
    from share_bases as s
    left join figures as n
        on n.document_id = s.document_id and n.subject = s.subject
        and n.claim_key = s.claim_key and n.purpose = 'numerator'
    left join resolved_cells as nc
        on nc.document_id = s.document_id
        and nc.want_table = s.refers_table
        and nc.want_row = s.refers_row
        and nc.want_column = s.refers_column
        and nc.want_side is not distinct from s.side_hint
    left join figures as d
        on d.document_id = s.document_id and d.subject = s.subject
        and d.claim_key = s.claim_key and d.purpose = 'base'
    left join base_cells as b on b.base_subject = s.base_subject
    left join resolved_cells as dc
        on dc.document_id = s.document_id
        and dc.want_table = b.base_table
        and dc.want_row = b.base_row
        and dc.want_column = b.base_column
        and dc.want_side is not distinct from b.base_side
),

share_inputs as (
    select
        *,
        -- numerator: the narrative's amount, else the subject's cell
        case
            when num_found in ('sentence', 'section') then num_fig
            when num_found = 'absent' and num_cell_state in ('cell', 'empty_table')
                and num_cell_amount_state in ('value', 'blank', 'not_applicable')
                then coalesce(num_cell, 0)
        end as numerator,
        case
            when num_found in ('sentence', 'section') then num_fig_printed
            else num_cell_printed
        end as numerator_printed,
        case
            when den_found in ('sentence', 'section') then den_fig
            when den_found = 'absent' and den_cell_state in ('cell', 'empty_table')
                and den_cell_amount_state = 'value' then den_cell
        end as denominator,
        case
            when den_found in ('sentence', 'section') then den_fig_printed
            else den_cell_printed
        end as denominator_printed,
        concat_ws('; ',
            case when base_subject is null then 'no base known for a share of ' || subject end,
            case when num_found = 'ambiguous'
                then 'the section states different amounts of ' || subject || ': ' || num_candidates
            end,
            case when num_found = 'absent' and refers_table is null
                then 'the narrative states no amount of ' || subject end,
            case when num_found = 'absent' and refers_table is not null
                and num_cell_state not in ('cell', 'empty_table')
                then num_cell_doubt end,
            case when num_found = 'absent' and num_cell_state = 'cell'
                and num_cell_amount_state = 'unreadable'
                then 'unreadable cell ' || refers_table || ' ' || num_cell_row || '/'
                    || num_cell_column || ': "' || num_cell_printed || '"' end,
            case when den_found = 'ambiguous'
                then 'the section states different amounts of ' || base_subject || ': '
                    || den_candidates
            end,
            case when base_subject is not null and den_found = 'absent' and base_table is null
                then 'the narrative states no amount of ' || base_subject end,
            case when den_found = 'absent' and base_table is not null
                and den_cell_state not in ('cell', 'empty_table')
                then den_cell_doubt end,
            case when den_found = 'absent' and den_cell_state in ('cell', 'empty_table')
                and den_cell_amount_state <> 'value'
                then 'the base ' || base_subject || ' is printed "' || coalesce(den_cell_printed, '')
                    || '" in ' || base_table end
        ) as problems
    from share_parts
),

share_checked as (
    select
        *,
        coalesce(
            nullif(problems, ''),
            case when numerator is not null and denominator = 0
                then 'the base ' || base_subject || ' is 0: a share of it is undefined' end
        ) as doubt
    from share_inputs
),

txt_share as (
    {{ narrative_percent_claim('TXT-SHARE', 'share_checked', 'value', n_override=decimals | format('printed')) }}
    union all
    -- the recomputed share (numerator / base × 100), or the doubt that prevents it
    select
        'TXT-SHARE', document_id, 'narrative', subject, null, claim_key,
        case when doubt is null then 'term' else 'none' end,
        'narrative', page,
        case when doubt is null
            then cast(cast(numerator as double) / cast(denominator as double) * 100
                as decimal(20,6))
        end,
        case when doubt is null then 'value' end,
        numerator_printed || ' / ' || denominator_printed, subject, 'recomputed_share',
        null, doubt, {{ decimals | format('printed') }}
    from share_checked
    union all
    -- where the numerator and the base were read (pages only)
    {{ narrative_amount_read_at('TXT-SHARE', 'share_checked', 'num', 'refers_table',
        'numerator_printed', 'subject', n_override=decimals | format('printed'), where='numerator is not null') }}
    union all
    {{ narrative_amount_read_at('TXT-SHARE', 'share_checked', 'den', 'base_table',
        'denominator_printed', 'base_subject', n_override=decimals | format('printed'), where='denominator is not null') }}
),

-- ---------------------------------------------------------------------------------------------
-- TXT-YOY

yoy_pairs as (
    select
        p.*,
        count(*) over (partition by p.document_id, p.sentence, p.subject) as n_percents,
        (
            select count(*) from claims as a
            where a.document_id = p.document_id and a.sentence = p.sentence
                and a.subject = p.subject and a.claim_kind = 'change_amount'
        ) as n_amounts,
        a.value as change_value, a.direction as change_direction, a.page as change_page,
        a.printed as change_printed
    from claims as p
    left join claims as a
        on a.document_id = p.document_id
        and a.sentence = p.sentence
        and a.subject = p.subject
        and a.claim_kind = 'change_amount'
    where p.claim_kind = 'change_percent'
),

yoy_parts as (
    select
        y.*,
        f.found as cur_found, f.value as cur_fig, f.page as cur_fig_page,
        f.printed as cur_fig_printed, f.candidates as cur_candidates,
        r.state as cur_cell_state, r.amount as cur_cell, r.amount_state as cur_cell_amount_state,
        r.page as cur_cell_page, r.printed_text as cur_cell_printed, r.cell_row as cur_cell_row,
        r.cell_column as cur_cell_column, r.doubt as cur_cell_doubt
    from yoy_pairs as y
    left join figures as f
        on f.document_id = y.document_id and f.subject = y.subject
        and f.claim_key = y.claim_key and f.purpose = 'current'
    left join resolved_cells as r
        on r.document_id = y.document_id
        and r.want_table = y.refers_table
        and r.want_row = y.refers_row
        and r.want_column = y.refers_column
        and r.want_side is not distinct from y.side_hint
    -- a percentage alone (no amount in its sentence) is not a pair to check
    where y.n_amounts > 0
),

yoy_inputs as (
    select
        *,
        case
            when cur_found in ('sentence', 'section') then cur_fig
            when cur_found = 'absent' and cur_cell_state in ('cell', 'empty_table')
                and cur_cell_amount_state in ('value', 'blank', 'not_applicable')
                then coalesce(cur_cell, 0)
        end as current_value,
        case when cur_found in ('sentence', 'section') then cur_fig_printed else cur_cell_printed end
            as current_printed,
        {{ signed | format('change_direction', 'change_value', 'change_value') }} as signed_change,
        {{ signed | format('direction', 'value', 'value') }} as signed_percent
    from yoy_parts
),

yoy_checked as (
    select
        *,
        nullif(concat_ws('; ',
            case when n_percents > 1 or n_amounts > 1
                then 'the sentence states ' || n_amounts || ' changes and ' || n_percents
                    || ' percentages of ' || subject end,
            case when cur_found = 'ambiguous'
                then 'the section states different amounts of ' || subject || ': '
                    || cur_candidates end,
            case when cur_found = 'absent' and refers_table is null
                then 'the narrative states no current amount of ' || subject end,
            case when cur_found = 'absent' and refers_table is not null
                and cur_cell_state not in ('cell', 'empty_table') then cur_cell_doubt end,
            case when cur_found = 'absent' and cur_cell_state = 'cell'
                and cur_cell_amount_state = 'unreadable'
                then 'unreadable cell ' || refers_table || ' ' || cur_cell_row || '/'
                    || cur_cell_column || ': "' || cur_cell_printed || '"' end,
            case when current_value is not null and current_value - signed_change = 0
                then 'last year''s figure (current ' || current_printed || ' − change '
                    || change_printed || ') is 0: a percentage change is undefined' end
        ), '') as doubt
    from yoy_inputs
),

txt_yoy as (
    {{ narrative_percent_claim('TXT-YOY', 'yoy_checked', 'signed_percent', n_override=decimals | format('printed')) }}
    union all
    -- change / (current − change) × 100, signed
    select
        'TXT-YOY', document_id, 'narrative', subject, null, claim_key,
        case when doubt is null then 'term' else 'none' end,
        'narrative', change_page,
        case when doubt is null
            then cast(cast(signed_change as double)
                / cast(current_value - signed_change as double) * 100 as decimal(20,6))
        end,
        case when doubt is null then 'value' end,
        change_printed || ' / (' || current_printed || ' ∓ ' || change_printed || ')',
        subject, 'change_amount', null, doubt, {{ decimals | format('printed') }}
    from yoy_checked
    union all
    -- where the current amount was read (pages only)
    {{ narrative_amount_read_at('TXT-YOY', 'yoy_checked', 'cur', 'refers_table',
        'current_printed', 'subject', n_override=decimals | format('printed'), where='current_value is not null') }}
),

-- ---------------------------------------------------------------------------------------------
-- TXT-BUDGET

budget_candidates as (
    -- the budget claims of the subject in the completion's own sentence
    select
        c.document_id, c.subject, c.claim_key,
        count(distinct b.value) as n_budgets,
        min(b.value) as only_value, min(b.printed) as only_printed, min(b.page) as only_page,
        min(b.value) filter (
            where replace(b.printed, ',', '') = replace(
                case c.budget_named when '年初' then c.initial_printed
                    when '全年' then c.full_year_printed end, ',', '')
        ) as named_value,
        min(b.printed) filter (
            where replace(b.printed, ',', '') = replace(
                case c.budget_named when '年初' then c.initial_printed
                    when '全年' then c.full_year_printed end, ',', '')
        ) as named_printed,
        min(b.page) filter (
            where replace(b.printed, ',', '') = replace(
                case c.budget_named when '年初' then c.initial_printed
                    when '全年' then c.full_year_printed end, ',', '')
        ) as named_page
    from completions as c
    left join claims as b
        on b.document_id = c.document_id
        and b.sentence = c.sentence
        and b.subject = c.subject
        and b.claim_kind = 'budget'
    group by all
),

budget_parts as (
    select
        c.*,
        bc.n_budgets, bc.only_value, bc.only_printed, bc.only_page,
        bc.named_value, bc.named_printed, bc.named_page,
        fb.found as bud_found, fb.value as bud_fig, fb.page as bud_fig_page,
        fb.printed as bud_fig_printed, fb.candidates as bud_candidates,
        tb.state as bud_cell_state, tb.amount as bud_cell, tb.amount_state as bud_cell_amount_state,
        tb.page as bud_cell_page, tb.printed_text as bud_cell_printed,
        tb.cell_row as bud_cell_row, tb.cell_column as bud_cell_column,
        tb.column_label as bud_cell_label, tb.doubt as bud_cell_doubt,
        fa.found as act_found, fa.value as act_fig, fa.page as act_fig_page,
        fa.printed as act_fig_printed, fa.candidates as act_candidates,
        ra.state as act_cell_state, ra.amount as act_cell, ra.amount_state as act_cell_amount_state,
        ra.page as act_cell_page, ra.printed_text as act_cell_printed,
        ra.cell_row as act_cell_row, ra.cell_column as act_cell_column, ra.doubt as act_cell_doubt
    from completions as c
    left join budget_candidates as bc
        on bc.document_id = c.document_id and bc.subject = c.subject
        and bc.claim_key = c.claim_key
    left join figures as fb
        on fb.document_id = c.document_id and fb.subject = c.subject
        and fb.claim_key = c.claim_key and fb.purpose = 'budget'
    left join resolved_cells as tb
        on tb.document_id = c.document_id
        and c.refers_table = 'T09'
        and tb.want_table = c.refers_table
        and tb.want_row = c.refers_row
        and tb.want_column = replace(c.refers_column, 'actual_', 'budget_')
        and tb.want_side is null
    left join figures as fa
        on fa.document_id = c.document_id and fa.subject = c.subject
        and fa.claim_key = c.claim_key and fa.purpose = 'actual'
    left join resolved_cells as ra
        on ra.document_id = c.document_id
        and ra.want_table = c.refers_table
        and ra.want_row = c.refers_row
        and ra.want_column = c.refers_column
        and ra.want_side is not distinct from c.side_hint
),

budget_inputs as (
    select
        *,
        -- which budget: the sentence's only one; of two, the one the wording names; none in
        -- the sentence: the section's, then the 三公 table's 预算数
        case
            when n_budgets = 1 then 'sentence'
            when n_budgets > 1 and named_value is not null then 'named'
            when n_budgets > 1 then 'ambiguous'
            when bud_found = 'section' then 'section'
            when bud_found = 'ambiguous' then 'ambiguous'
            when bud_cell_state in ('cell', 'empty_table') then 'cell'
            else 'absent'
        end as budget_source
    from budget_parts
),

budget_values as (
    select
        *,
        case budget_source
            when 'sentence' then only_value
            when 'named' then named_value
            when 'section' then bud_fig
            when 'cell' then case
                when bud_cell_amount_state in ('value', 'blank', 'not_applicable')
                    then coalesce(bud_cell, 0) end
        end as budget_value,
        case budget_source
            when 'sentence' then only_printed
            when 'named' then named_printed
            when 'section' then bud_fig_printed
            when 'cell' then coalesce(nullif(bud_cell_printed, ''), '(blank)')
        end as budget_printed,
        case budget_source
            when 'sentence' then only_page
            when 'named' then named_page
            when 'section' then bud_fig_page
            when 'cell' then bud_cell_page
        end as budget_page,
        case
            when act_found in ('sentence', 'section') then act_fig
            when act_found = 'absent' and act_cell_state in ('cell', 'empty_table')
                and act_cell_amount_state in ('value', 'blank', 'not_applicable')
                then coalesce(act_cell, 0)
        end as actual_value,
        case when act_found in ('sentence', 'section') then act_fig_printed else act_cell_printed end
            as actual_printed,
        coalesce(budget_named, '') || '预算' as budget_word,
        case budget_named when '年初' then '全年' when '全年' then '年初' end as other_word,
        case budget_named
            when '年初' then full_year_printed when '全年' then initial_printed end as other_printed
    from budget_inputs
),

budget_checked as (
    select
        *,
        nullif(concat_ws('; ',
            case when budget_source = 'ambiguous'
                then 'the sentence states several budgets of ' || subject
                    || ' and the wording names none of them' end,
            case when budget_source = 'absent'
                then 'the narrative states no budget of ' || subject
                    || coalesce(' (' || bud_cell_doubt || ')', '') end,
            case when budget_source = 'cell' and budget_value is null
                then 'unreadable budget cell ' || refers_table || ' ' || bud_cell_row || '/'
                    || bud_cell_column || ': "' || bud_cell_printed || '"' end,
            case when act_found = 'ambiguous'
                then 'the section states different amounts of ' || subject || ': '
                    || act_candidates end,
            case when actual_value is null and act_found <> 'ambiguous'
                then coalesce(act_cell_doubt, 'the narrative states no 决算 amount of ' || subject)
            end,
            case when budget_value = 0
                then budget_word || ' is 0 (printed ' || budget_printed || ' on p'
                    || budget_page || '): 完成' || budget_word || '的' || printed
                    || ' cannot be computed (预算为0时完成率无意义, wording to correct)'
                    || case
                        when other_printed is not null and actual_value is not null
                            and try_cast(replace(other_printed, ',', '') as decimal(20,6)) > 0
                        then '; against ' || other_word || '预算 ' || other_printed || ' it is '
                            || cast(cast(cast(actual_value as double) * 100
                                / try_cast(replace(other_printed, ',', '') as double)
                                as decimal(20,2)) as varchar) || '%'
                        else '' end
            end
        ), '') as doubt
    from budget_values
),

txt_budget as (
    {{ narrative_percent_claim('TXT-BUDGET', 'budget_checked', 'value', n_override=decimals | format('printed')) }}
    union all
    -- 决算 / 预算 × 100
    select
        'TXT-BUDGET', document_id, 'narrative', subject, null, claim_key,
        case when doubt is null then 'term' else 'none' end,
        'narrative', page,
        case when doubt is null
            then cast(cast(actual_value as double) / cast(budget_value as double) * 100
                as decimal(20,6))
        end,
        case when doubt is null then 'value' end,
        actual_printed || ' / ' || budget_printed, subject, 'recomputed_completion', null, doubt,
        {{ decimals | format('printed') }}
    from budget_checked
    union all
    -- where the budget and the 决算 amount were read (pages only)
    select
        'TXT-BUDGET', document_id, 'narrative', subject, null, claim_key, 'none',
        case when budget_source = 'cell' then refers_table else 'narrative' end, budget_page,
        null, null, budget_printed,
        case when budget_source = 'cell' then bud_cell_row else subject end,
        case when budget_source = 'cell' then bud_cell_column else 'budget' end,
        null, null, {{ decimals | format('printed') }}
    from budget_checked
    where budget_page is not null
    union all
    {{ narrative_amount_read_at('TXT-BUDGET', 'budget_checked', 'act', 'refers_table',
        'actual_printed', 'subject', n_override=decimals | format('printed'), where='actual_value is not null') }}
),

-- ---------------------------------------------------------------------------------------------
-- TXT-PERF-COUNT and TXT-PERF-PROJECT

forms as (
    select * from {{ ref('stg_performance_form') }}
),

-- the 成本指标 actual value in 万元 of a form, when it prints exactly one
cost_indicators as (
    select
        document_id, form_index,
        count(*) as n_cost, min(actual_value) as cost_value, min(actual_printed) as cost_printed,
        min(page) as cost_page
    from {{ ref('stg_performance_indicator') }}
    where level2 like '%成本指标%' and actual_unit = '万元' and actual_value is not null
    group by all
),

form_amounts as (
    select
        f.document_id, f.form_index, f.first_page, f.project_name, f.status, f.reason,
        f.budget_total,
        case
            when f.executed_total is not null then 'printed'
            when ci.n_cost = 1 then 'cost_indicator'
            else 'blank'
        end as executed_source,
        coalesce(f.executed_total, case when ci.n_cost = 1 then ci.cost_value end)
            as executed_amount,
        case when f.executed_total is null and ci.n_cost = 1 then ci.cost_page else f.first_page end
            as executed_page,
        case when f.executed_total is null and ci.n_cost = 1 then ci.cost_printed end
            as cost_printed
    from forms as f
    left join cost_indicators as ci
        on ci.document_id = f.document_id and ci.form_index = f.form_index
),

form_notes as (
    select
        document_id,
        count(*) as n_forms,
        string_agg(
            '表' || form_index || ' ' || project_name || ' 实际执行金额空白，取成本指标 '
                || cost_printed,
            '；' order by form_index
        ) filter (where executed_source = 'cost_indicator') as cost_notes
    from form_amounts
    group by all
),

-- a form's figure as a term of a sum ('executed' or 'budget'), or why it cannot be one
form_terms as (
    select
        a.*, m.measure,
        case
            when a.status = 'insufficient_data' then
                'form ' || a.form_index || ' (' || a.project_name || ') is insufficient_data'
                    || coalesce(': ' || a.reason, '')
            when m.measure = 'executed' and a.executed_amount is null then
                'form ' || a.form_index || ' (' || a.project_name || ') leaves 实际执行金额 blank '
                    || 'and prints no single 成本指标 in 万元'
            when m.measure = 'budget' and a.budget_total is null then
                'form ' || a.form_index || ' (' || a.project_name || ') leaves 项目预算金额 blank'
        end as doubt
    from form_amounts as a
    cross join (values ('executed'), ('budget')) as m (measure)
),

perf_claims as (
    select
        c.*,
        case
            when c.subject = 'performance.forms' then 'count'
            when c.claim_kind = 'budget' then 'budget'
            else 'executed'
        end as measure
    from claims as c
    where (c.subject = 'performance.forms' and c.claim_kind = 'count')
        or (c.subject = 'performance.amount' and c.claim_kind in ('amount', 'budget'))
),

txt_perf_count as (
    select
        'TXT-PERF-COUNT' as rule_id, p.document_id, 'narrative,performance_form' as tables,
        p.subject as row_key,
        p.sentence || coalesce('（' || n.cost_notes || '）', '') as row_label,
        p.claim_key as column_key, 'actual' as role, 'narrative' as table_code, p.page,
        p.value as amount,
        case when p.value is null then 'unreadable' else 'value' end as amount_state,
        p.printed as printed_text, p.subject as cell_row, p.claim_kind as cell_column,
        p.section as column_label, cast(null as varchar) as doubt
    from perf_claims as p
    left join form_notes as n on n.document_id = p.document_id
    union all
    -- one term per form: 1 for the count, its 实际执行金额 (or 项目预算金额) for the amount
    select
        'TXT-PERF-COUNT', p.document_id, 'narrative,performance_form', p.subject, null,
        p.claim_key,
        case when p.measure = 'count' or t.doubt is null then 'term' else 'none' end,
        'performance_form',
        case when p.measure = 'executed' then t.executed_page else t.first_page end,
        case
            when p.measure = 'count' then 1
            when p.measure = 'executed' then t.executed_amount
            else t.budget_total
        end,
        case when p.measure = 'count' or t.doubt is null then 'value' end,
        case
            when p.measure = 'count' then t.project_name
            when t.executed_source = 'cost_indicator' then t.cost_printed
        end,
        'form ' || t.form_index,
        case
            when p.measure = 'count' then 'form'
            when p.measure = 'budget' then 'budget_total'
            when t.executed_source = 'cost_indicator' then 'cost_indicator_actual'
            else 'executed_total'
        end,
        case when p.measure = 'count' then '绩效自评表' end,
        case when p.measure <> 'count' then t.doubt end
    from perf_claims as p
    inner join form_terms as t
        on t.document_id = p.document_id
        and t.measure = case when p.measure = 'budget' then 'budget' else 'executed' end
    union all
    -- a document that holds no form cannot confirm the narrative's count or amount
    select
        'TXT-PERF-COUNT', p.document_id, 'narrative,performance_form', p.subject, null,
        p.claim_key, 'none', null, null, null, null, null, null, null, null,
        'the document holds no 项目支出绩效自评表 (published separately?)'
    from perf_claims as p
    where not exists (select 1 from forms as f where f.document_id = p.document_id)
),

t03_project as (
    select c.*, coalesce(c.subject_code, c.row_label) as cell_row
    from {{ ref('stg_amount_cell') }} as c
    where c.table_code = 'T03' and c.row_kind = 'total' and c.column_key = 'project'
),

txt_perf_project as (
    -- the printed T03 合计 项目支出
    select
        'TXT-PERF-PROJECT' as rule_id, n.document_id, 'T03,performance_form' as tables,
        'TOTAL' as row_key,
        '合计 项目支出 vs Σ 实际执行金额 of ' || n.n_forms || ' 绩效自评表'
            || coalesce('（' || n.cost_notes || '）', '') as row_label,
        'project' as column_key,
        case when c.document_id is not null then 'actual' else 'none' end as role,
        'T03' as table_code, c.page, c.amount, c.amount_state, c.printed_text,
        c.cell_row, c.column_key as cell_column, c.column_label,
        case when c.document_id is null then coalesce(
            (select 'table T03 is insufficient_data' || coalesce(': ' || t.reason, '')
                from tables as t
                where t.document_id = n.document_id and t.table_code = 'T03'
                    and t.status = 'insufficient_data'),
            (select 'table T03 is declared empty (本表无数据)' from tables as t
                where t.document_id = n.document_id and t.table_code = 'T03' and t.declared_empty),
            'T03 合计 项目支出 not found'
        ) end as doubt
    from form_notes as n
    left join t03_project as c on c.document_id = n.document_id
    union all
    -- each form's 实际执行金额
    select
        'TXT-PERF-PROJECT', t.document_id, 'T03,performance_form', 'TOTAL', null, 'project',
        case when t.doubt is null then 'term' else 'none' end,
        'performance_form', t.executed_page, t.executed_amount,
        case when t.doubt is null then 'value' end,
        t.cost_printed, 'form ' || t.form_index,
        case when t.executed_source = 'cost_indicator' then 'cost_indicator_actual'
            else 'executed_total' end,
        null, t.doubt
    from form_terms as t
    where t.measure = 'executed'
),

unioned as (
    select *, cast(null as integer) as n_override from txt_amount
    union all by name
    select * from txt_share
    union all by name
    select * from txt_yoy
    union all by name
    select * from txt_budget
    union all by name
    select *, cast(null as integer) as n_override from txt_perf_count
    union all by name
    select *, cast(null as integer) as n_override from txt_perf_project
)

{{ rule_input_select('unioned') }}
