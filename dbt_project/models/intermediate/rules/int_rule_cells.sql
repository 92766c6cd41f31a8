{#-
  The keyed cells every table rule reads: one row per amount cell of stg_amount_cell with the
  keys the rules match on, derived once here rather than in each rule.

  row_key     'TOTAL' for a 合计 row, else the subject code (NULL for an uncoded line)
  cell_row    how a report finds the printed cell: its code, else its label
  parent_key  for a coded row, the key of the row it sums into: 类 → TOTAL, 款 → its 类,
              项 → its 款
  line_key    the label without its ordinal prefix 一、 / 十五、 / 1. / (一)
  line_name   the label without a numeral prefix 一、 / 1. (a bracketed (一) kept)
  is_numbered the label starts with a numeral prefix 一、 / 1. (a 本年 line of a 收支总表)
-#}

select
    c.document_id,
    c.table_code,
    c.page,
    c.row_index,
    c.row_kind,
    c.subject_code,
    case when c.row_kind = 'total' then 'TOTAL' else c.subject_code end as row_key,
    c.row_label,
    coalesce(c.subject_code, c.row_label) as cell_row,
    case
        when c.row_kind <> 'subject' then null
        when length(c.subject_code) = 3 then 'TOTAL'
        when length(c.subject_code) = 5 then left(c.subject_code, 3)
        when length(c.subject_code) = 7 then left(c.subject_code, 5)
    end as parent_key,
    regexp_replace(
        c.row_label, '^(([一二三四五六七八九十百零〇]+|[0-9]+)[、．.，,]|[（(][一二三四五六七八九十]+[)）])', ''
    ) as line_key,
    regexp_replace(c.row_label, '^([一二三四五六七八九十百零〇]+|[0-9]+)[、．.，,]', '')
        as line_name,
    regexp_matches(c.row_label, '^([一二三四五六七八九十百零〇]+|[0-9]+)[、．.，,]') as is_numbered,
    c.side,
    c.column_key,
    c.column_label,
    c.amount,
    c.amount_state,
    c.printed_text,
    c.measure_unit
from {{ ref('stg_amount_cell') }} as c
