{#-
  One row per indicator line (绩效指标) of a 项目支出绩效自评表: the three levels, the target and
  the value achieved as printed and, where each states one number, parsed with its unit (the
  target with its comparison, ≥ / ≤ / > / < / =), the score and the reason for a shortfall. A
  section's 自评得分 is printed once, on its first line (a merged cell): score is NULL on the others.
-#}

select
    d.department_key as department_id,
    d.department_name,
    d.fiscal_year,
    i.form_index,
    i.row_index as indicator_index,
    f.project_name,
    i.level1,
    i.level2,
    i.level3,
    i.target_printed,
    i.target_comparator,
    cast(i.target_value as decimal(20,6)) as target_value,
    i.target_unit,
    i.actual_printed,
    cast(i.actual_value as decimal(20,6)) as actual_value,
    i.actual_unit,
    i.score_printed,
    try_cast(
        regexp_extract(regexp_replace(i.score_printed, '\s', '', 'g'), '^([0-9]+(\.[0-9]+)?)分?$', 1)
        as decimal(20,6)
    ) as score,
    i.shortfall_reason,
    i.document_id,
    i.page as source_page,
    cast('performance_form' as varchar) as source_table
from {{ ref('stg_performance_indicator') }} as i
inner join {{ ref('stg_document') }} as d on d.document_id = i.document_id
left join {{ ref('stg_performance_form') }} as f
    on f.document_id = i.document_id and f.form_index = i.form_index
