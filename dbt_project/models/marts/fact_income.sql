{#-
  One row per printed line of 收入决算表 (T02): the 合计 row (subject_code 'TOTAL', level 0) and
  every 类/款/项 row, each income source in its own column. Blank cells are NULL; '——' cells are
  NULL and named in na_flags.
-#}

-- BI-friendly scalar twins of the list columns: SQLAlchemy and most BI tools cannot type a list.
select
    lines.*,
    array_to_string(lines.na_flags, ', ') as na_flags_text,
    array_to_string(lines.unreadable_flags, ', ') as unreadable_flags_text
from (
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
) as lines
