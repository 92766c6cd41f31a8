{#-
  Every figure derived from a 项目支出绩效自评表 (project performance self-evaluation form),
  computed once: the stated execution rate the rules check, its base, the rate recomputed from the
  amounts (exact, and rounded as the stated one is printed), the band of the total score and the
  blanks among the required fields. One row per form, read or not (is_read); the perf rules
  (int_rule_inputs_perf) and fact_project_performance both read it, so the mart shows the very
  figures the rules compared.
-#}

with

forms as (
    select
        *,
        cast(form_index as varchar) as form_key,
        status = 'extracted' as is_read
    from {{ ref('stg_performance_form') }}
),

-- every figure derived from a form, computed once
derived as (
    select
        *,
        -- the rate PERF-RATE checks against the amounts: the grid's (项目执行情况), or the
        -- conclusion's where the grid states none
        coalesce(execution_rate_grid, execution_rate_text) as stated_rate,
        case
            when execution_rate_grid is not null then execution_rate_grid_printed
            else execution_rate_text_printed
        end as stated_rate_printed,
        case
            when execution_rate_grid is not null then '预算执行率（项目执行情况）'
            else '预算执行率（自评结论）'
        end as stated_rate_label,
        -- the grid prints a percentage the reader could not bind to the rate
        execution_rate_grid is null
            and regexp_matches(coalesce(execution_rate_grid_printed, ''), '[%％]')
            as grid_rate_unread,
        -- 预算执行率 = 实际执行金额 / 实际到位金额, or / 预算金额 where 到位 is blank or 0
        case
            when received_total <> 0 then received_total
            when budget_total <> 0 then budget_total
        end as rate_base,
        case
            when received_total <> 0 then '实际到位金额'
            when budget_total <> 0 then '预算金额'
        end as rate_base_label,
        score_output + score_benefit + score_satisfaction as section_sum,
        (score_output is not null)::integer + (score_benefit is not null)::integer
            + (score_satisfaction is not null)::integer as sections_printed,
        case stated_grade when '优' then 4 when '良' then 3 when '中' then 2 when '差' then 1 end
            as stated_grade_code,
        -- 优 ≥ 90 > 良 ≥ 80 > 中 ≥ 60 > 差
        case
            when total_score >= 90 then 4
            when total_score >= 80 then 3
            when total_score >= 60 then 2
            when total_score is not null then 1
        end as band_code,
        concat_ws(
            '、',
            case when executed_total is null then '实际执行金额' end,
            case when total_score is null then '总分' end,
            case when stated_grade is null then '等级' end
        ) as missing_fields,
        (executed_total is null)::integer + (total_score is null)::integer
            + (stated_grade is null)::integer as missing_count
    from forms
),

figures as (
    select
        *,
        cast(executed_total * 100 / rate_base as decimal(20,6)) as computed_rate_exact,
        -- decimals of the stated rate as printed ("97.50%" has 2), else of its value
        least(4, coalesce(
            case
                when try_cast(
                    regexp_extract(stated_rate_printed, '([0-9]+(\.([0-9]+))?)\s*[%％]', 1)
                    as decimal(20,6)
                ) = stated_rate
                    then length(
                        regexp_extract(stated_rate_printed, '([0-9]+(\.([0-9]+))?)\s*[%％]', 3)
                    )
            end,
            length(regexp_extract(rtrim(cast(stated_rate as varchar), '0'), '\.([0-9]*)$', 1))
        )) as rate_decimals,
        -- the unprinted 预算执行率 section's score (at most 10 points), see PERF-SCORE
        case
            when total_score - section_sum < 0 then 0
            when total_score - section_sum > 10 then 10
            else total_score - section_sum
        end as rate_section_score,
        case stated_grade_code
            when 4 then '优' when 3 then '良' when 2 then '中' when 1 then '差'
        end as stated_grade_word,
        case band_code when 4 then '优' when 3 then '良' when 2 then '中' when 1 then '差' end
            as band_word
    from derived
),

rounded as (
    select
        *,
        -- the recomputed rate, rounded as the stated one is printed: a correctly rounded rate
        -- then differs by 0 (not by a rounding tail), a wrong one by its error to within half
        -- a unit of the last printed decimal
        cast(case rate_decimals
            when 0 then round(computed_rate_exact, 0)
            when 1 then round(computed_rate_exact, 1)
            when 2 then round(computed_rate_exact, 2)
            when 3 then round(computed_rate_exact, 3)
            else round(computed_rate_exact, 4)
        end as decimal(20,6)) as computed_rate
    from figures
)

select * from rounded
