{#-
  Input rows of the 'perf' family's rules: the 项目支出绩效自评表 (project performance
  self-evaluation forms) of each document, compared with themselves. See
  int_reconciliation_comparisons for the row shape and the aggregation, and
  seeds/reconciliation_rules.csv for each rule's tolerance.

  Every comparison names its form: tables 'PERF', row_key the form's 1-based index in the
  document, row_label its 项目名称, page its first page. Amounts are 万元, rates percent, scores
  points. A figure the form does not print (a recomputed rate, the band of a score, the score of
  the unprinted 预算执行率 section) is a 'term' row with amount_state 'value' whose printed_text
  says how it was computed.

  Doubts, never fails: a form read as insufficient_data gives one doubt row per rule (column
  '*'); a blank figure a comparison needs makes it insufficient_data (the record keeps a blank
  and an unreadable cell alike as NULL). A rule whose condition is not printed at all (no split
  of the amounts, no section score, no rate) makes no comparison.

  Grades are compared as codes: 优 = 4, 良 = 3, 中 = 2, 差 = 1 (printed_text keeps the word).
-#}

with

forms as (
    select * from {{ ref('int_performance_form_figures') }}
),

-- each section's maximum as its 一级指标 label prints it: 产出指标(50分) → 50
section_maxima as (
    select
        document_id,
        form_index,
        case
            when label like '产出%' then 'output'
            when label like '效益%' then 'benefit'
            when label like '满意%' then 'satisfaction'
        end as section,
        min(maximum) as maximum,
        max(maximum) as other_maximum,
        min(label) as maximum_label
    from (
        select
            *,
            regexp_replace(level1, '\s', '', 'g') as label,
            try_cast(
                regexp_extract(
                    regexp_replace(level1, '\s', '', 'g'), '[（(]([0-9]+(\.[0-9]+)?)分[)）]', 1
                ) as decimal(20,6)
            ) as maximum
        from {{ ref('stg_performance_indicator') }}
    )
    where maximum is not null
    group by all
    having section is not null
),

read_forms as (
    select * from forms where is_read
),

-- a form read as insufficient_data: every perf rule is insufficient_data on it
perf_rules (rule_id) as (
    values ('PERF-FUNDS'), ('PERF-RATE'), ('PERF-SCORE'), ('PERF-GRADE'), ('PERF-MISSING')
),

unread_forms as (
    select
        r.rule_id, f.document_id, f.form_key as row_key, nullif(f.project_name, '') as row_label,
        '*' as column_key, 'none' as role, f.first_page as page,
        '绩效自评表 ' || f.form_key || ' not read with confidence: '
            || coalesce(f.reason, f.status) as doubt
    from forms as f
    cross join perf_rules as r
    where not f.is_read
),

-- PERF-FUNDS 预算/到位/执行：合计 = 中央省 + 市 + 县区 + 其它（印有分项时）
fund_cells as (
    select
        *,
        split_part(name, '_', 1) as measure,
        substr(name, length(split_part(name, '_', 1)) + 2) as part
    from (
        select
            document_id, form_key, project_name, first_page,
            budget_total, budget_central_provincial, budget_city, budget_county, budget_other,
            received_total, received_central_provincial, received_city, received_county,
            received_other,
            executed_total, executed_central_provincial, executed_city, executed_county,
            executed_other
        from read_forms
    ) unpivot include nulls (
        amount for name in (
            budget_total, budget_central_provincial, budget_city, budget_county, budget_other,
            received_total, received_central_provincial, received_city, received_county,
            received_other,
            executed_total, executed_central_provincial, executed_city, executed_county,
            executed_other
        )
    )
),

fund_split_printed as (
    select distinct document_id, form_key, measure
    from fund_cells
    where part <> 'total' and amount is not null
),

perf_funds as (
    select
        'PERF-FUNDS' as rule_id, c.document_id, c.form_key as row_key,
        c.project_name as row_label, c.measure as column_key,
        case
            when c.part <> 'total' then 'term'
            when c.amount is null then 'none'
            else 'actual'
        end as role,
        c.first_page as page, c.amount,
        case when c.amount is null then 'blank' else 'value' end as amount_state,
        cast(null as varchar) as printed_text,
        case c.part
            when 'total' then '合计'
            when 'central_provincial' then '中央、省财政'
            when 'city' then '市财政'
            when 'county' then '县（区）财政'
            when 'other' then '其它'
        end as cell_row,
        c.measure as cell_column,
        case c.measure
            when 'budget' then '项目预算金额'
            when 'received' then '实际到位金额'
            when 'executed' then '实际执行金额'
        end as column_label,
        case
            when c.part = 'total' and c.amount is null then
                c.measure || ' 合计 is blank or unreadable while its split is printed'
        end as doubt
    from fund_cells as c
    inner join fund_split_printed as p
        on p.document_id = c.document_id and p.form_key = c.form_key and p.measure = c.measure
),

-- PERF-RATE 所述预算执行率 = 实际执行金额 / 实际到位金额（或 / 预算金额），误差0.5个百分点内；
-- 同一执行率两处表述须一致
perf_rate as (
    -- (a) the stated rate against the amounts
    select
        'PERF-RATE' as rule_id, document_id, form_key as row_key, project_name as row_label,
        'execution_rate' as column_key, 'actual' as role, first_page as page,
        stated_rate as amount, 'value' as amount_state, stated_rate_printed as printed_text,
        case when execution_rate_grid is not null then '项目执行情况' else '自评结论' end
            as cell_row,
        'execution_rate' as cell_column, stated_rate_label as column_label,
        cast(null as varchar) as doubt
    from read_forms
    where stated_rate is not null and not grid_rate_unread
    union all
    select
        'PERF-RATE', document_id, form_key, project_name, 'execution_rate', 'term', first_page,
        computed_rate, 'value',
        '实际执行金额 ' || {{ format_amount('executed_total') }} || ' / ' || rate_base_label
            || ' ' || {{ format_amount('rate_base') }} || ' × 100 = '
            || {{ format_amount('computed_rate_exact') }} || '%, rounded to '
            || rate_decimals || ' decimal(s) as the stated rate is printed',
        '实际执行金额 / ' || rate_base_label, 'computed_rate', null, null
    from read_forms
    where stated_rate is not null and executed_total is not null and rate_base is not null
    union all
    select
        'PERF-RATE', document_id, form_key, project_name, 'execution_rate', 'none', first_page,
        null, null, null, null, null, null,
        concat_ws(
            '; ',
            case when grid_rate_unread then
                '项目执行情况 prints a rate that was not read: "'
                || execution_rate_grid_printed || '"'
            end,
            case when executed_total is null then
                '实际执行金额 is blank: the rate cannot be recomputed'
            end,
            case when rate_base is null then
                '实际到位金额 and 预算金额 are blank or 0: the rate cannot be recomputed'
            end
        )
    from read_forms
    where (stated_rate is not null or grid_rate_unread)
        and (grid_rate_unread or executed_total is null or rate_base is null)
    union all
    -- (b) the rate the conclusion (自评结论) restates against the grid's
    select
        'PERF-RATE', document_id, form_key, project_name, 'execution_rate_text', 'actual',
        first_page, execution_rate_text, 'value', execution_rate_text_printed,
        '自评结论', 'execution_rate_text', '预算执行率（自评结论）', null
    from read_forms
    where execution_rate_text is not null and execution_rate_grid is not null
    union all
    select
        'PERF-RATE', document_id, form_key, project_name, 'execution_rate_text', 'term',
        first_page, execution_rate_grid, 'value', execution_rate_grid_printed,
        '项目执行情况', 'execution_rate', '预算执行率（项目执行情况）', null
    from read_forms
    where execution_rate_text is not null and execution_rate_grid is not null
),

-- PERF-SCORE 总分 = 各部分得分之和（印有时）；各部分不超过其满分
-- The 预算执行率 section (10 of the 100 points: 总分设置为100分：预算执行率10分、产出指标50分、
-- 效益指标30分、满意度指标10分) is scored on the 项目执行情况 line but its score is not printed.
-- So where 产出, 效益 and 满意度 are all printed, 总分 must lie in [Σ sections, Σ sections + 10]:
-- the missing term is 总分 − Σ sections taken within [0, 10]; outside that range the
-- difference is by how much 总分 leaves it.
section_scores as (
    select document_id, form_index, form_key, project_name, first_page, section, score
    from (
        select
            document_id, form_index, form_key, project_name, first_page,
            score_output as output, score_benefit as benefit,
            score_satisfaction as satisfaction
        from read_forms
    ) unpivot (score for section in (output, benefit, satisfaction))
),

perf_score as (
    -- 总分 against the sections
    select
        'PERF-SCORE' as rule_id, document_id, form_key as row_key, project_name as row_label,
        'total_score' as column_key, 'actual' as role, first_page as page,
        total_score as amount, 'value' as amount_state, total_score_printed as printed_text,
        '总分' as cell_row, 'score' as cell_column, '总分' as column_label,
        cast(null as varchar) as doubt, sections_printed as n_override
    from read_forms
    where sections_printed > 0 and total_score is not null
    union all
    select
        'PERF-SCORE', s.document_id, s.form_key, s.project_name, 'total_score', 'term',
        s.first_page, s.score, 'value', null,
        case s.section
            when 'output' then '产出指标' when 'benefit' then '效益指标' else '满意度指标'
        end,
        'score', null, null, f.sections_printed
    from section_scores as s
    inner join read_forms as f on f.document_id = s.document_id and f.form_key = s.form_key
    union all
    select
        'PERF-SCORE', document_id, form_key, project_name, 'total_score', 'term', first_page,
        rate_section_score, 'value',
        '预算执行率 section, not printed: 总分 ' || {{ format_amount('total_score') }}
            || ' − Σ sections ' || {{ format_amount('section_sum') }}
            || ', taken within [0, 10]',
        '预算执行率', 'score', null, null, sections_printed
    from read_forms
    where sections_printed = 3 and total_score is not null
    union all
    select
        'PERF-SCORE', document_id, form_key, project_name, 'total_score', 'none', first_page,
        null, null, null, null, null, null,
        concat_ws(
            '; ',
            case when total_score is null then '总分 is blank' end,
            case when sections_printed < 3 then
                'a section score (产出/效益/满意度) is blank: 总分 cannot be checked'
            end
        ),
        null
    from read_forms
    where sections_printed > 0 and (total_score is null or sections_printed < 3)
    union all
    -- each section against its maximum, where the 一级指标 label prints one: the expected
    -- figure is the score capped at the maximum
    select
        'PERF-SCORE', s.document_id, s.form_key, s.project_name, 'score_' || s.section,
        'actual', s.first_page, s.score, 'value', null, m.maximum_label, 'score',
        m.maximum_label || ' 得分', null, null
    from section_scores as s
    inner join section_maxima as m
        on m.document_id = s.document_id and m.form_index = s.form_index
        and m.section = s.section
    union all
    select
        'PERF-SCORE', s.document_id, s.form_key, s.project_name, 'score_' || s.section,
        'term', s.first_page, least(s.score, m.maximum), 'value',
        'the score capped at the maximum ' || {{ format_amount('m.maximum') }}
            || ' printed in ' || m.maximum_label,
        m.maximum_label, 'maximum', null,
        case when m.other_maximum <> m.maximum then
            m.maximum_label || ' prints different maxima for the same section'
        end,
        null
    from section_scores as s
    inner join section_maxima as m
        on m.document_id = s.document_id and m.form_index = s.form_index
        and m.section = s.section
),

-- PERF-GRADE 所述等级符合分档：优 ≥ 90 > 良 ≥ 80 > 中 ≥ 60 > 差
perf_grade as (
    select
        'PERF-GRADE' as rule_id, document_id, form_key as row_key, project_name as row_label,
        'grade' as column_key, 'actual' as role, first_page as page,
        stated_grade_code as amount, 'value' as amount_state,
        stated_grade_word || ' (stated in 自评结论)' as printed_text,
        '自评结论' as cell_row, 'grade' as cell_column,
        '等级（优=4 良=3 中=2 差=1）' as column_label, cast(null as varchar) as doubt
    from read_forms
    where stated_grade_code is not null
    union all
    select
        'PERF-GRADE', document_id, form_key, project_name, 'grade', 'term', first_page,
        band_code, 'value',
        '总分 ' || {{ format_amount('total_score') }} || ' → ' || band_word
            || ' (优 ≥ 90 > 良 ≥ 80 > 中 ≥ 60 > 差)',
        '总分', 'band', null, null
    from read_forms
    where band_code is not null
    union all
    select
        'PERF-GRADE', document_id, form_key, project_name, 'grade', 'none', first_page,
        null, null, null, null, null, null,
        concat_ws(
            '; ',
            case
                when stated_grade is null then '等级 is not stated in 自评结论'
                when stated_grade_code is null then
                    '等级 "' || stated_grade || '" is none of 优/良/中/差'
            end,
            case when total_score is null then '总分 is blank' end
        )
    from read_forms
    where stated_grade_code is null or band_code is null
),

-- PERF-MISSING 必填项（执行金额、总分、等级）为空: the count of blank ones, expected 0
perf_missing as (
    select
        'PERF-MISSING' as rule_id, document_id, form_key as row_key, project_name as row_label,
        'required_fields' as column_key, 'actual' as role, first_page as page,
        missing_count as amount, 'value' as amount_state,
        case
            when missing_count = 0 then 'none blank'
            else 'blank: ' || missing_fields
        end as printed_text,
        '实际执行金额、总分、等级' as cell_row, 'blank_count' as cell_column,
        '必填项空缺数（实际执行金额、总分、等级）' as column_label, cast(null as varchar) as doubt
    from read_forms
),

perf_inputs as (
    select * from unread_forms
    union all by name select * from perf_funds
    union all by name select * from perf_rate
    union all by name select * from perf_score
    union all by name select * from perf_grade
    union all by name select * from perf_missing
)

{{ rule_input_select('perf_inputs', tables="'PERF'", table_code="'PERF'") }}
