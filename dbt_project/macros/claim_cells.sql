{#- Matching a narrative claim (or a figure request) to the table cell it refers to, shared by
    int_rule_inputs_text and int_rule_inputs_history. -#}

{#- A row label normalised for matching ('expr' = the SQL of the label): whitespace removed,
    full-width brackets made half-width, the ordinal prefix (一、 / (一) / 1.) and a trailing
    unit ((辆) / (台(套)) / (万元) …) dropped. -#}
{% macro normalised_label(expr) -%}
    {%- set template = "regexp_replace(regexp_replace(translate(regexp_replace(%s, '\\s', '', 'g'), '（）', '()'), "
        ~ "'^([一二三四五六七八九十百零〇]+、|\\([一二三四五六七八九十百零〇]+\\)|[0-9]+[、.．])', ''), "
        ~ "'\\((辆|台\\(套\\)|台|套|个|万元|元)\\)$', '')" -%}
    {{- template | format(expr) -}}
{%- endmacro %}

{#- The row keys of a request (want_row: a subject code, a label, or 类/款名/项名 of a
    gpb.item), normalised for matching; select columns, to follow `*`. -#}
{% macro claim_request_keys() -%}
        {{ normalised_label('want_row') }} as want_key,
        {{ normalised_label("split_part(want_row, '/', 2)") }} as want_kuan_key,
        {{ normalised_label("split_part(want_row, '/', 3)") }} as want_item_key
{%- endmacro %}

{#- Two CTEs, `cells` and `request_cells`: the candidate cells of each row of `requests` (a CTE
    with want_table, want_row, want_column, want_side and the claim_request_keys() columns), looked
    up in the document named by its column `document_column`. A request row may match 0, 1 or
    several cells; the caller resolves that (and a missing / insufficient table). -#}
{% macro claim_request_cells(requests, document_column) -%}
-- the cells of the tables and columns requested, their labels normalised for matching
cells as (
    select
        c.document_id, c.table_code, c.page, c.row_kind, c.subject_code, c.row_label, c.side,
        c.column_key, c.column_label, c.amount, c.amount_state, c.printed_text,
        coalesce(c.subject_code, c.row_label) as cell_row,
        {{ normalised_label('c.row_label') }} as label_key
    from {{ ref('stg_amount_cell') }} as c
    semi join (select distinct {{ document_column }}, want_table, want_column from {{ requests }}) as r
        on r.{{ document_column }} = c.document_id
        and r.want_table = c.table_code
        and r.want_column = c.column_key
),

-- candidate cells of each request
request_cells as (
    select r.*, c.* exclude (document_id)
    from {{ requests }} as r
    inner join cells as c
        on c.document_id = r.{{ document_column }}
        and c.table_code = r.want_table
        and c.column_key = r.want_column
        and (r.want_side is null or c.side is null or c.side = r.want_side)
        and (c.subject_code = r.want_row or c.label_key = r.want_key)
    where r.want_row not like '%/%'
    union all
    -- gpb.item:201/款名/项名: the 7-digit row named 项名 under the 5-digit row named 款名
    select r.*, c.* exclude (document_id)
    from {{ requests }} as r
    inner join (
        select distinct document_id, table_code, subject_code, label_key
        from cells
        where length(subject_code) = 5
    ) as k
        on k.document_id = r.{{ document_column }}
        and k.table_code = r.want_table
        and left(k.subject_code, 3) = split_part(r.want_row, '/', 1)
        and k.label_key = r.want_kuan_key
    inner join cells as c
        on c.document_id = r.{{ document_column }}
        and c.table_code = r.want_table
        and c.column_key = r.want_column
        and length(c.subject_code) = 7
        and left(c.subject_code, 5) = k.subject_code
        and c.label_key = r.want_item_key
    where r.want_row like '%/%'
)
{%- endmacro %}
