{#-
  支出功能分类 by (edition_year, subject_code): the dictionary seed, one row per year it was seen,
  extended with (fiscal year, code) pairs printed in loaded documents that the dictionary lacks
  for that year (name_source 'observed', named as most often printed).
-#}

with

dictionary as (
    select
        cast(trim(year) as integer) as edition_year,
        code as subject_code,
        name as subject_name,
        parent_code,
        name_variants_seen
    from (
        select *, unnest(string_split(years_seen, '|')) as year
        from {{ ref('functional_subjects') }}
    )
    where trim(year) <> ''
),

printed as (
    select
        d.fiscal_year as edition_year,
        c.subject_code,
        c.row_label as printed_name,
        count(distinct c.document_id) as n_documents
    from {{ ref('stg_amount_cell') }} as c
    inner join {{ ref('stg_document') }} as d on d.document_id = c.document_id
    where c.row_kind = 'subject' and c.subject_code is not null
    group by all
),

observed as (
    select
        p.edition_year,
        p.subject_code,
        first(p.printed_name order by p.n_documents desc, p.printed_name) as subject_name,
        case length(p.subject_code)
            when 5 then left(p.subject_code, 3)
            when 7 then left(p.subject_code, 5)
        end as parent_code
    from printed as p
    where not exists (
        select 1 from dictionary as k
        where k.edition_year = p.edition_year and k.subject_code = p.subject_code
    )
    group by p.edition_year, p.subject_code
),

subjects as (
    select edition_year, subject_code, subject_name, parent_code, 'dictionary' as name_source
    from dictionary
    union all
    select edition_year, subject_code, subject_name, parent_code, 'observed'
    from observed
),

variants as (
    select edition_year, subject_code, trim(unnest(string_split(name_variants_seen, ';'))) as variant
    from dictionary
    union
    select edition_year, subject_code, printed_name
    from printed
),

variant_lists as (
    select
        s.edition_year,
        s.subject_code,
        list_sort(list(distinct v.variant)) as observed_name_variants
    from subjects as s
    inner join variants as v
        on v.edition_year = s.edition_year and v.subject_code = s.subject_code
    where v.variant <> '' and v.variant <> s.subject_name
    group by all
)

select
    s.edition_year,
    s.subject_code,
    s.subject_name,
    case length(s.subject_code) when 3 then 1 when 5 then 2 when 7 then 3 end as subject_level,
    s.parent_code,
    left(s.subject_code, 3) as class_code,
    case when length(s.subject_code) >= 5 then left(s.subject_code, 5) end as section_code,
    s.name_source,
    coalesce(vl.observed_name_variants, []) as observed_name_variants,
    -- a BI-friendly scalar twin: SQLAlchemy and most BI tools cannot type a list column
    array_to_string(coalesce(vl.observed_name_variants, []), ', ') as observed_name_variants_text
from subjects as s
left join variant_lists as vl
    on vl.edition_year = s.edition_year and vl.subject_code = s.subject_code
