{#-
  The budget's basic expenditure by economic classification (基本支出预算经济分类), one row per
  printed line of 一般公共预算基本支出表 (B08, general_public_budget) and 财政拨款基本支出预算表
  (B06, fiscal_appropriation): each 类 (3-digit) and 款 (5-digit) code and the 合计 line
  (economic_code 'TOTAL'), with 合计, 人员经费 and 公用经费 where the table prints them (Jiangsu
  prints one 金额 column: total only).
-#}

select
    department_id,
    department_name,
    fiscal_year,
    funding_scope,
    subject_code as economic_code,
    subject_name as economic_name,
    subject_level as economic_level,
    parent_code,
    is_leaf,
    total_amount,
    personnel_amount,
    public_amount,
    na_flags,
    unreadable_flags,
    na_flags_text,
    unreadable_flags_text,
    document_id,
    source_page,
    source_table,
    source_row
from (
{{ subject_lines(
    tables=['B06', 'B08'],
    scopes={'B06': 'fiscal_appropriation', 'B08': 'general_public_budget'},
    measures=[
        ('total', 'total_amount'),
        ('personnel', 'personnel_amount'),
        ('public', 'public_amount'),
    ],
) }}
) as lines
