{#-
  One row per printed line of 收入决算表 (T02): the 合计 row (subject_code 'TOTAL', level 0) and
  every 类/款/项 row, each income source in its own column. Blank cells are NULL; '——' cells are
  NULL and named in na_flags.
-#}

{{ subject_lines(
    tables=['T02'],
    measures=[
        ('total', 'total_amount'),
        ('fiscal_appropriation', 'fiscal_appropriation_amount'),
        ('superior_subsidy', 'superior_subsidy_amount'),
        ('business', 'business_amount'),
        ('operating', 'operating_amount'),
        ('subsidiary_remit', 'subsidiary_remit_amount'),
        ('other', 'other_amount'),
    ],
) }}
