{#-
  One row per rule outcome that is not a silent pass: a comparison whose difference is not 0
  (a rounding tail inside tolerance: outcome 'pass', severity 'info'; beyond it: 'fail' with the
  catalogue's severity) or whose inputs are insufficient (outcome 'insufficient_data', severity
  'warning'). The arithmetic is int_reconciliation_comparisons'; the words are the catalogue's.
-#}

with

findings as (
    select c.*, r.family, r.severity as rule_severity, r.description_zh, r.description_en
    from {{ ref('int_reconciliation_comparisons') }} as c
    inner join {{ ref('reconciliation_rules') }} as r on r.rule_id = c.rule_id
    where c.input_state <> 'ok' or c.abs_difference > 0
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
    from findings
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
                else '，超出容差 ' || w.tolerance_text || '。'
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
                else ', beyond the tolerance of ' || w.tolerance_text || '.'
            end
    end as message_en,
    w.source_pages
from worded as w
inner join {{ ref('stg_document') }} as d on d.document_id = w.document_id
