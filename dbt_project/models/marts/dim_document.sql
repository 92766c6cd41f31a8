-- One row per loaded disclosure document (决算公开文件).
select
    document_id,
    file_name,
    department_key as department_id,
    department_name,
    fiscal_year,
    layout,
    page_count,
    producer,
    tables_found,
    tables_missing,
    cast('loaded' as varchar) as status,
    cast(null as varchar) as status_reason,
    extracted_at as loaded_at
from {{ ref('stg_document') }}
