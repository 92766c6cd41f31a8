{#- Which budget a narrative sentence ('sentence' = its SQL) names, as select columns:
    budget_named 年初 | 全年 (the wording of 完成年初预算 / 完成全年预算), and the figures it prints
    after 年初预算 and 全年预算 (initial_printed, full_year_printed, as printed). Shared by the
    TXT-BUDGET rule and fact_budget_execution. -#}
{% macro budget_wording(sentence='sentence') -%}
        regexp_extract({{ sentence }}, '完成(年初|全年)预算', 1) as budget_named,
        regexp_extract({{ sentence }}, '年初预算(?:数)?(?:为|是)?([0-9][0-9,]*(?:\.[0-9]+)?)万元', 1)
            as initial_printed,
        regexp_extract({{ sentence }}, '全年预算(?:数)?(?:为|是)?([0-9][0-9,]*(?:\.[0-9]+)?)万元', 1)
            as full_year_printed
{%- endmacro %}
