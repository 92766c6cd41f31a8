{#-
  One row per file seen (文件): the loaded document of each department and year (where each
  fact row came from), a file superseded by a later publication of the same department and
  year, a file that failed to extract (quarantined with its reason, displacing nothing), and
  every file the inbox scan refused — a copy of another file's bytes as a duplicate of it.
  Where identification got that far, the kind (a budget is quarantined as one).
-#}

with

outcomes as (
    select * from {{ ref('stg_file_outcome') }}
),

documents as (
    select d.*, o.path, o.published_at
    from {{ ref('stg_document') }} as d
    left join outcomes as o on o.document_id = d.document_id and o.status = 'loaded'
),

loaded as (
    select
        document_id,
        file_name,
        path as file_path,
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
        cast(null as varchar) as duplicate_of,
        cast(null as varchar) as superseded_by,
        published_at,
        extracted_at as loaded_at,
        0 as priority
    from documents
),

-- files of a partition that did not load: superseded by the one that did, or failed
not_loaded as (
    select
        o.document_id,
        o.file_name,
        o.path as file_path,
        o.department_key as department_id,
        cast(null as varchar) as department_name,
        o.fiscal_year,
        cast(null as varchar) as layout,
        cast(null as integer) as page_count,
        cast(null as varchar) as producer,
        cast(null as varchar[]) as tables_found,
        cast(null as varchar[]) as tables_missing,
        cast(null as varchar) as document_kind,
        cast(null as varchar) as identified_from,
        o.status,
        case
            when o.status = 'superseded' then o.message
            else o.reason || ': ' || o.message
        end as status_reason,
        cast(null as varchar) as duplicate_of,
        case when o.status = 'superseded' then o.related_document_id end as superseded_by,
        o.published_at,
        o.decided_at as loaded_at,
        1 as priority
    from outcomes as o
    where o.status <> 'loaded'
),

-- files the inbox scan refused; a copy of another file's bytes is that file's duplicate
refused as (
    select
        coalesce(q.document_id, 'unhashed:' || md5(q.path)) as document_id,
        q.file_name,
        q.path as file_path,
        cast(null as varchar) as department_id,
        cast(null as varchar) as department_name,
        cast(null as integer) as fiscal_year,
        cast(null as varchar) as layout,
        cast(null as integer) as page_count,
        cast(null as varchar) as producer,
        cast(null as varchar[]) as tables_found,
        cast(null as varchar[]) as tables_missing,
        q.document_kind,
        cast(null as varchar) as identified_from,
        case when q.reason = 'duplicate' then 'duplicate' else 'quarantined' end as status,
        q.reason || ': ' || q.message as status_reason,
        case when q.reason = 'duplicate' then q.document_id end as duplicate_of,
        cast(null as varchar) as superseded_by,
        cast(null as varchar) as published_at,
        q.detected_at as loaded_at,
        2 as priority
    from {{ ref('stg_quarantine') }} as q
),

files as (
    select * from loaded
    union all by name
    select * from not_loaded
    union all by name
    select * from refused
)

select
    * exclude (priority),
    -- BI-friendly scalar twins: SQLAlchemy and most BI tools cannot type a list column
    array_to_string(tables_found, ', ') as tables_found_text,
    array_to_string(tables_missing, ', ') as tables_missing_text
from files
-- a file is listed once: as loaded, else as its partition decided, else as the scan refused it
qualify row_number() over (
    partition by document_id, coalesce(file_path, '')
    order by priority, loaded_at desc
) = 1
