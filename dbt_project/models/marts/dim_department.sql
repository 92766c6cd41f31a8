{#-
  One row per department (部门/单位) as disclosed, over the loaded documents: the name as printed
  in its latest year, the region its name begins with, whether it reports as a 部门 (with its
  units) or a 单位, and the years loaded. The key is the partition key, the NFKC-normalised
  whitespace-free name, which carries the region as the department prints it (阳泉市商务局).
-#}

with

documents as (
    select
        *,
        -- the administrative divisions the name opens with: 省 / 市 / 区县, as far as printed
        nullif(regexp_extract(
            regexp_replace(department_name, '^中共', ''),
            '^((\p{Han}{2,7}?(省|自治区))?(\p{Han}{2,7}?(市|自治州|地区|盟))?(\p{Han}{2,4}?(区|县|旗))?)',
            1
        ), '') as region_printed
    from {{ ref('stg_document') }}
)

select
    department_key as department_id,
    first(department_name order by fiscal_year desc, extracted_at desc) as department_name,
    first(region_printed order by fiscal_year desc, extracted_at desc) as region,
    first(unit_kind order by fiscal_year desc, extracted_at desc) as unit_kind,
    min(fiscal_year) as first_fiscal_year,
    max(fiscal_year) as last_fiscal_year,
    cast(count(distinct document_id) as integer) as documents_loaded,
    list_sort(list(distinct department_name)) as name_variants,
    -- a BI-friendly scalar twin: SQLAlchemy and most BI tools cannot type a list column
    array_to_string(list_sort(list(distinct department_name)), ', ') as name_variants_text
from documents
group by department_key
