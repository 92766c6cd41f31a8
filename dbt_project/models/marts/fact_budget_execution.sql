{#-
  Budget execution as the narrative states it (一般公共预算财政拨款支出决算具体情况): per
  department and year, for the whole general public budget (subject_code TOTAL), each 类 and each
  项 the text names, the 年初预算 and 全年预算 it states, the 决算 it states and the one T05 prints,
  the completion rate stated and recomputed, the change against last year (signed) and the
  reasons given. A figure stated differently by two sentences is NULL (the text rules report the
  contradiction); a 项 named by 类/款名/项名 is resolved to its code in the same document's T05.
-#}

with

claims as (
    select
        *,
        {{ budget_wording('sentence') }},
        replace(printed, ',', '') as printed_plain
    from {{ ref('stg_narrative_claim') }}
    where subject = 'gpb.expenditure_total'
        or subject like 'gpb.class:%'
        or subject like 'gpb.item:%'
),

subjects as (
    select document_id, subject, min(page) as source_page
    from claims
    group by all
    having count(*) filter (
        where claim_kind in ('budget', 'completion', 'change_amount', 'change_percent')
    ) > 0
),

-- the sentences that state a budget or a completion rate: the 决算 they state is the executed one
budget_sentences as (
    select distinct document_id, subject, sentence
    from claims
    where claim_kind in ('budget', 'completion')
),

typed as (
    select
        c.*,
        c.claim_kind = 'budget' and replace(c.initial_printed, ',', '') = c.printed_plain
            as is_initial_budget,
        c.claim_kind = 'budget' and replace(c.full_year_printed, ',', '') = c.printed_plain
            as is_full_year_budget,
        b.sentence is not null as in_budget_sentence,
        case c.direction when 'decrease' then -c.value when 'same' then 0 else c.value end
            as signed_value
    from claims as c
    left join budget_sentences as b
        on b.document_id = c.document_id and b.subject = c.subject and b.sentence = c.sentence
),

figures as (
    select
        document_id,
        subject,
        {%- for name, condition, value in [
            ('initial_budget_amount', 'is_initial_budget', 'value'),
            ('full_year_budget_amount', 'is_full_year_budget', 'value'),
            ('final_amount', "claim_kind = 'amount' and in_budget_sentence", 'value'),
            ('stated_completion_rate', "claim_kind = 'completion'", 'value'),
            ('change_amount', "claim_kind = 'change_amount'", 'signed_value'),
            ('change_percent', "claim_kind = 'change_percent'", 'signed_value'),
        ] %}
        case when count(distinct {{ value }}) filter (where {{ condition }}) = 1
            then min({{ value }}) filter (where {{ condition }}) end as {{ name }},
        {%- endfor %}
        case when count(distinct budget_named) filter (where claim_kind = 'completion') = 1
            then min(budget_named) filter (where claim_kind = 'completion') end
            as completion_basis,
        string_agg(distinct regexp_extract(sentence, '(主要用于[^。；]*)', 1), '；')
            filter (where in_budget_sentence and sentence like '%主要用于%') as usage_text,
        string_agg(distinct regexp_extract(sentence, '(主要原因[^。]*)', 1), '；')
            filter (where claim_kind like 'change_%' and sentence like '%主要原因%')
            as reason_text
    from typed
    group by all
),

t05 as (
    select document_id, subject_code, row_label, amount, amount_state,
        {{ normalised_label('row_label') }} as label_key
    from {{ ref('stg_amount_cell') }}
    where table_code = 'T05' and column_key = 'total' and row_kind in ('subject', 'total')
),

keyed as (
    select
        s.*,
        split_part(s.subject, ':', 2) as path,
        case
            when s.subject = 'gpb.expenditure_total' then 'TOTAL'
            when s.subject like 'gpb.class:%' then split_part(s.subject, ':', 2)
        end as direct_code
    from subjects as s
),

-- 类/款名/项名: the 7-digit T05 row named 项名 under the 5-digit row named 款名 of that 类
resolved_items as (
    select k.document_id, k.subject, min(i.subject_code) as subject_code
    from keyed as k
    inner join t05 as kuan
        on kuan.document_id = k.document_id
        and length(kuan.subject_code) = 5
        and left(kuan.subject_code, 3) = split_part(k.path, '/', 1)
        and kuan.label_key = {{ normalised_label("split_part(k.path, '/', 2)") }}
    inner join t05 as i
        on i.document_id = k.document_id
        and length(i.subject_code) = 7
        and left(i.subject_code, 5) = kuan.subject_code
        and i.label_key = {{ normalised_label("split_part(k.path, '/', 3)") }}
    where k.direct_code is null
    group by all
    having count(distinct i.subject_code) = 1
),

lines as (
    select
        k.document_id,
        k.subject,
        k.source_page,
        coalesce(k.direct_code, r.subject_code) as subject_code,
        case
            when k.subject = 'gpb.expenditure_total' then 0
            when k.direct_code is not null then 1
            else 3
        end as subject_level,
        split_part(k.path, '/', 3) as item_name
    from keyed as k
    left join resolved_items as r on r.document_id = k.document_id and r.subject = k.subject
),

joined as (
    select
        l.*,
        f.* exclude (document_id, subject),
        coalesce(t.row_label, nullif(l.item_name, '')) as subject_name,
        case when t.amount_state = 'value' then t.amount end as table_final_amount
    from lines as l
    inner join figures as f on f.document_id = l.document_id and f.subject = l.subject
    left join t05 as t
        on t.document_id = l.document_id
        and (
            (l.subject_code = 'TOTAL' and t.subject_code is null)
            or t.subject_code = l.subject_code
        )
)

select
    d.department_key as department_id,
    d.department_name,
    d.fiscal_year,
    cast('general_public_budget' as varchar) as funding_scope,
    j.subject as subject_key,
    j.subject_code,
    j.subject_name,
    j.subject_level,
    cast(j.initial_budget_amount as decimal(20,6)) as initial_budget_amount,
    cast(j.full_year_budget_amount as decimal(20,6)) as full_year_budget_amount,
    cast(j.final_amount as decimal(20,6)) as final_amount,
    cast(j.table_final_amount as decimal(20,6)) as table_final_amount,
    cast(j.stated_completion_rate as decimal(20,6)) as stated_completion_rate,
    nullif(j.completion_basis, '') as completion_basis,
    cast(round(
        coalesce(j.final_amount, j.table_final_amount) * 100 / nullif(
            case nullif(j.completion_basis, '')
                when '年初' then j.initial_budget_amount
                when '全年' then j.full_year_budget_amount
                else coalesce(j.initial_budget_amount, j.full_year_budget_amount)
            end, 0),
        2
    ) as decimal(20,6)) as computed_completion_rate,
    cast(j.change_amount as decimal(20,6)) as change_amount,
    cast(j.change_percent as decimal(20,6)) as change_percent,
    j.usage_text,
    j.reason_text,
    j.document_id,
    j.source_page,
    cast('narrative' as varchar) as source_table
from joined as j
inner join {{ ref('stg_document') }} as d on d.document_id = j.document_id
