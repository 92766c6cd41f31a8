{#-
  One row per printed line of 支出决算表 (T03, funding_scope all_sources), 一般公共预算财政拨款
  支出决算表 (T05, general_public_budget), 政府性基金预算财政拨款收入支出决算表 (T07,
  government_fund) and 国有资本经营预算财政拨款支出决算表 (T08, state_capital): the 合计 row
  (subject_code 'TOTAL', level 0) and every 类/款/项 row. Blank cells are NULL; '——' cells are
  NULL and named in na_flags.
-#}

{{ subject_lines(
    tables=['T03', 'T05', 'T07', 'T08'],
    scopes={
        'T03': 'all_sources',
        'T05': 'general_public_budget',
        'T07': 'government_fund',
        'T08': 'state_capital',
    },
    measures=[
        ('total', 'total_amount'),
        ('basic', 'basic_amount'),
        ('project', 'project_amount'),
        ('remit_to_superior', 'remit_to_superior_amount'),
        ('operating', 'operating_amount'),
        ('subsidiary_subsidy', 'subsidiary_subsidy_amount'),
        ('opening_balance', 'opening_balance_amount'),
        ('income', 'income_amount'),
        ('closing_balance', 'closing_balance_amount'),
    ],
) }}
