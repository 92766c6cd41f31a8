{#-
  One row per rule outcome that is not a silent pass: a comparison whose difference is not 0
  (a rounding tail inside tolerance: outcome 'pass', severity 'info'; beyond it: 'fail' with the
  catalogue's severity) or whose inputs are insufficient (outcome 'insufficient_data', severity
  'warning'). The arithmetic and the verdict (outcome) are int_reconciliation_comparisons', as
  the Great Expectations suite reports them; the words are the catalogue's.
-#}

with

findings as (
    select
        c.*, r.family, r.severity as rule_severity, r.description_zh, r.description_en,
        r.tolerance_kind
    from {{ ref('int_reconciliation_comparisons') }} as c
    inner join {{ ref('reconciliation_rules') }} as r on r.rule_id = c.rule_id
    where c.input_state <> 'ok' or c.abs_difference > 0
),

-- a failed money comparison whose two figures differ by a power of 10⁴ (元 / 万元 / 亿元): the
-- smaller one, widened by half a unit of its last decimal, times 10⁴ or 10⁸ covers the larger
slips as (
    select
        *,
        least(abs(expected), abs(actual)) as small,
        greatest(abs(expected), abs(actual)) as big,
        cast(0.5 as decimal(20,6)) / pow(10, length(regexp_extract(
            rtrim(cast(least(abs(expected), abs(actual)) as varchar), '0'), '\.([0-9]*)$', 1
        ))) as half_unit
    from findings
),

slipped as (
    select
        s.* exclude (small, big, half_unit),
        case
            when s.outcome = 'fail' and s.tolerance_kind in ('same_figure', 'sum', 'upper_bound')
                and s.small > 0
            then (
                select max(f.factor)
                from (values (10000), (100000000)) as f (factor)
                where s.big between (s.small - s.half_unit) * f.factor
                    and (s.small + s.half_unit) * f.factor
            )
        end as unit_slip_factor
    from slips as s
),

worded as (
    select
        *,
        case
            when row_key = '*' then '(whole table)'
            when row_label is null then row_key
            when row_key = 'TOTAL' or strpos(row_label, row_key) > 0 then row_label
            else row_key || ' ' || row_label
        end as row_text,
        coalesce(column_label, column_key) as column_text,
        {{ format_amount('expected') }} as expected_text,
        {{ format_amount('actual') }} as actual_text,
        {{ format_amount('difference') }} as difference_text,
        {{ format_amount('tolerance') }} as tolerance_text
    from slipped
)

select
    md5(concat_ws('|', w.rule_id, w.document_id, w.tables, w.row_key, w.column_key)) as finding_id,
    w.rule_id,
    w.family,
    case w.outcome
        when 'fail' then w.rule_severity
        when 'pass' then 'info'
        else 'warning'
    end as severity,
    w.outcome,
    d.department_key as department_id,
    d.department_name,
    d.fiscal_year,
    w.document_id,
    w.tables,
    w.row_key,
    w.row_label,
    w.column_key,
    w.expected,
    w.actual,
    w.difference,
    w.tolerance,
    case w.outcome
        when 'insufficient_data' then
            '[' || w.rule_id || '] ' || w.description_zh || '。' || w.tables || ' ' || w.row_text
            || '：无法核对（数据不足）：' || w.input_reason || '。'
        else
            '[' || w.rule_id || '] ' || w.description_zh || '。' || w.tables || ' ' || w.row_text
            || '，“' || w.column_text || '”：应为 ' || w.expected_text || '，印为 ' || w.actual_text
            || '，差额 ' || w.difference_text
            || case w.outcome
                when 'pass' then '，在容差 ' || w.tolerance_text || ' 以内（尾数误差）。'
                else '，超出容差 ' || w.tolerance_text
                    || coalesce('，相差约 ' || w.unit_slip_factor || ' 倍，疑为单位错误（元 / 万元 / 亿元）', '')
                    || '。'
            end
    end as message_zh,
    case w.outcome
        when 'insufficient_data' then
            '[' || w.rule_id || '] ' || w.description_en || '. ' || w.tables || ' ' || w.row_text
            || ': could not be checked (insufficient data): ' || w.input_reason || '.'
        else
            '[' || w.rule_id || '] ' || w.description_en || '. ' || w.tables || ' ' || w.row_text
            || ', column ' || w.column_key || ': expected ' || w.expected_text || ', printed '
            || w.actual_text || ', difference ' || w.difference_text
            || case w.outcome
                when 'pass' then ', within the tolerance of ' || w.tolerance_text
                    || ' (rounding tail).'
                else ', beyond the tolerance of ' || w.tolerance_text
                    || coalesce(', off by a factor of about ' || w.unit_slip_factor
                        || ': a unit slip (元 / 万元 / 亿元)?', '')
                    || '.'
            end
    end as message_en,
    cast(w.unit_slip_factor as integer) as unit_slip_factor,
    w.source_pages,
    -- a BI-friendly scalar twin: SQLAlchemy and most BI tools cannot type a list column
    array_to_string(w.source_pages, ', ') as source_pages_text
from worded as w
inner join {{ ref('stg_document') }} as d on d.document_id = w.document_id
