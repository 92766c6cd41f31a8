{#-
  One row per 项目支出绩效自评表 (project performance self-evaluation form): the amounts with their
  funding split, the execution rate as the form states it (in the grid and in the conclusion)
  and as recomputed from the amounts, the scores, and the grade as stated and as the total score
  bands it. The derived figures are the ones the perf rules compare
  (int_performance_form_figures), so a BI user can filter the contradictions; the verdicts stay
  in fact_reconciliation_finding.
-#}

with

indicator_counts as (
    select document_id, form_index, count(*) as indicator_count
    from {{ ref('stg_performance_indicator') }}
    group by all
)

select
    d.department_key as department_id,
    d.department_name,
    d.fiscal_year,
    f.form_index,
    f.project_name,
    f.department_in_charge,
    f.implementing_unit,
    f.period_printed,
    f.filled_date_printed,
    {%- for measure in ['budget', 'received', 'executed'] %}
    cast(f.{{ measure }}_total as decimal(20,6)) as {{ measure }}_amount,
    {%- for part in ['central_provincial', 'city', 'county', 'other'] %}
    cast(f.{{ measure }}_{{ part }} as decimal(20,6)) as {{ measure }}_{{ part }}_amount,
    {%- endfor %}
    {%- endfor %}
    cast(f.stated_rate as decimal(20,6)) as stated_execution_rate,
    cast(f.execution_rate_grid as decimal(20,6)) as stated_execution_rate_grid,
    f.execution_rate_grid_printed,
    cast(f.execution_rate_text as decimal(20,6)) as stated_execution_rate_text,
    f.execution_rate_text_printed,
    f.rate_base_label as execution_rate_base,
    cast(f.computed_rate_exact as decimal(20,6)) as computed_execution_rate,
    cast(f.computed_rate as decimal(20,6)) as computed_execution_rate_as_printed,
    cast(f.score_output as decimal(20,6)) as score_output,
    cast(f.score_benefit as decimal(20,6)) as score_benefit,
    cast(f.score_satisfaction as decimal(20,6)) as score_satisfaction,
    cast(f.total_score as decimal(20,6)) as total_score,
    f.total_score_printed,
    f.stated_grade,
    f.band_word as derived_grade,
    cast(coalesce(i.indicator_count, 0) as integer) as indicator_count,
    f.status,
    f.reason as status_reason,
    f.document_id,
    f.first_page as source_page,
    f.last_page as source_last_page,
    cast('performance_form' as varchar) as source_table
from {{ ref('int_performance_form_figures') }} as f
inner join {{ ref('stg_document') }} as d on d.document_id = f.document_id
left join indicator_counts as i on i.document_id = f.document_id and i.form_index = f.form_index
