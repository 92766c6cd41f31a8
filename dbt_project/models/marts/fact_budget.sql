{#-
  The published budget (部门预算) by department × fiscal_year × subject_code × funding_scope, one
  row per printed line of a budget document's expenditure tables: 支出预算表 (B03, all_sources),
  财政拨款支出预算表 (B05, fiscal_appropriation), 一般公共预算支出表 (B07,
  general_public_budget), 政府性基金预算支出表 (B09, government_fund) and 国有资本经营预算支出表
  (B10, state_capital): the 合计 row (subject_code 'TOTAL', level 0) and every 类/款/项 row, its
  budgeted total, basic and project amounts. The same line shape as fact_expenditure (macro
  subject_lines), so a budget and a 决算 line join on the same keys.
-#}

{{ subject_lines(
    tables=['B03', 'B05', 'B07', 'B09', 'B10'],
    scopes={
        'B03': 'all_sources',
        'B05': 'fiscal_appropriation',
        'B07': 'general_public_budget',
        'B09': 'government_fund',
        'B10': 'state_capital',
    },
    measures=[
        ('total', 'total_amount'),
        ('basic', 'basic_amount'),
        ('project', 'project_amount'),
    ],
) }}
