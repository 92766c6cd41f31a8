-- One row per disclosure document (决算公开文件): loaded, or quarantined with its reason and,
-- where identification got that far, its kind (a budget is quarantined as one).
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
    document_kind,
    identified_from,
    cast('loaded' as varchar) as status,
    cast(null as varchar) as status_reason,
    extracted_at as loaded_at
from {{ ref('stg_document') }}

union all

select
    coalesce(q.document_id, 'unhashed:' || md5(q.path)) as document_id,
    q.file_name,
    cast(null as varchar) as department_id,
    cast(null as varchar) as department_name,
    cast(null as integer) as fiscal_year,
    cast(null as varchar) as layout,
    cast(null as integer) as page_count,
    cast(null as varchar) as producer,
    cast(null as varchar[]) as tables_found,
    cast(null as varchar[]) as tables_missing,
    -- what identification found the file to be (a budget, a 决算 it could not place); NULL when
    -- it could not be read that far
    q.document_kind,
    cast(null as varchar) as identified_from,
    cast('quarantined' as varchar) as status,
    q.reason || ': ' || q.message as status_reason,
    q.detected_at as loaded_at
from {{ ref('stg_quarantine') }} as q
where q.document_id is null
   or q.document_id not in (select document_id from {{ ref('stg_document') }})
qualify row_number() over (partition by coalesce(q.document_id, q.path) order by q.path) = 1
