{#- Building blocks of the within-one-table rules (rules/intra/): each returns a whole query in
    the rule-input shape over int_rule_cells, for one rule. A line or column a comparison needs
    that is not printed gives a role 'none' row with the reason (insufficient_data, never a fail);
    a table the document lacks or did not read is int_rule_inputs' business. -#}

{#- A list of tuples as the rows of a VALUES list: strings quoted, none as NULL. -#}
{% macro sql_values(rows) -%}
    {%- for row in rows %}
        ({% for value in row %}{% if value is none %}null{% elif value is number %}{{ value }}{% else %}'{{ value | replace("'", "''") }}'{% endif %}{% if not loop.last %}, {% endif %}{% endfor %}){% if not loop.last %},{% endif %}
    {%- endfor %}
{%- endmacro %}

{#- The CTE body of the tables that have cells and are not declared empty: a line they lack is
    a doubt. -#}
{% macro tables_with_cells() -%}
    select distinct c.document_id, c.table_code
    from {{ ref('int_rule_cells') }} as c
    inner join {{ ref('stg_disclosure_table') }} as t
        on t.document_id = c.document_id and t.table_code = c.table_code
    where not t.declared_empty
{%- endmacro %}

{#- Fixed lines: each comparison's printed total ('actual') and the lines summed into it
    ('term'), found by label (a regular expression over the whole unprefixed label, line_key)
    on their side. specs: (side, row_key, column_key, line_pattern, cell_column, role). -#}
{% macro fixed_lines_rule(rule_id, table_code, specs) -%}
with

cells as (
    select * from {{ ref('int_rule_cells') }} where table_code = '{{ table_code }}'
),

tables_with_cells as (
    {{ tables_with_cells() }}
),

line_specs (side, row_key, column_key, line_pattern, cell_column, role) as (
    values {{ sql_values(specs) }}
),

line_spec_cells as (
    select
        c.document_id, s.side, s.row_key, s.column_key, s.role,
        s.line_pattern, c.page, c.row_label, c.cell_row, c.column_key as cell_column,
        c.column_label, c.amount, c.amount_state, c.printed_text,
        count(*) over (partition by c.document_id, s.row_key, s.side, s.line_pattern)
            as n_matches
    from line_specs as s
    inner join cells as c
        on c.side = s.side
        and c.column_key = s.cell_column
        and regexp_full_match(c.line_key, s.line_pattern)
)

select
    '{{ rule_id }}' as rule_id, document_id, '{{ table_code }}' as tables, row_key,
    case when role = 'actual' then row_label end as row_label, column_key, role,
    '{{ table_code }}' as table_code, page, amount, amount_state, printed_text, cell_row,
    cell_column, column_label,
    case when role = 'term' and n_matches > 1 then
        '{{ table_code }} ' || side || ' line ' || regexp_replace(line_pattern, '\(.*\)\?$', '')
            || ' printed ' || n_matches || ' times'
    end as doubt
from line_spec_cells
union all
-- a line the comparison needs that is not printed
select
    '{{ rule_id }}', t.document_id, '{{ table_code }}', s.row_key, null, s.column_key, 'none',
    null, null, null, null, null, null, null, null,
    '{{ table_code }} ' || s.side || ' line ' || regexp_replace(s.line_pattern, '\(.*\)\?$', '')
        || ' not found (未找到该行)'
from line_specs as s
inner join tables_with_cells as t on t.table_code = '{{ table_code }}'
where not exists (
    select 1 from line_spec_cells as c
    where c.document_id = t.document_id and c.row_key = s.row_key
        and c.side = s.side and c.line_pattern = s.line_pattern
)
{%- endmacro %}

{#- A line sum: the printed total (its unprefixed label matching total_pattern, on `side`, in
    column cell_column) and the numbered lines of its side and unit printed above it
    (terms_position 'above') or below it ('below'). -#}
{% macro line_sum_rule(rule_id, table_code, side, row_key, cell_column, total_pattern, terms_position) -%}
with

cells as (
    select * from {{ ref('int_rule_cells') }}
    where table_code = '{{ table_code }}' and side = '{{ side }}'
        and column_key = '{{ cell_column }}'
),

tables_with_cells as (
    {{ tables_with_cells() }}
),

totals as (
    select document_id, row_index, measure_unit
    from cells
    where regexp_full_match(line_key, '{{ total_pattern }}')
),

line_sum_cells as (
    -- the total
    select
        s.document_id, 'actual' as role,
        c.page, c.row_label, c.cell_row, c.column_key, c.column_label, c.amount, c.amount_state,
        c.printed_text
    from totals as s
    inner join cells as c on c.document_id = s.document_id and c.row_index = s.row_index
    union all
    -- its numbered lines
    select
        s.document_id, 'term',
        c.page, c.row_label, c.cell_row, c.column_key, c.column_label, c.amount, c.amount_state,
        c.printed_text
    from totals as s
    inner join cells as c
        on c.document_id = s.document_id
        and c.is_numbered
        and c.measure_unit is not distinct from s.measure_unit
        and c.row_index {{ '<' if terms_position == 'above' else '>' }} s.row_index
)

select
    '{{ rule_id }}' as rule_id, document_id, '{{ table_code }}' as tables,
    '{{ row_key }}' as row_key, case when role = 'actual' then row_label end as row_label,
    column_key, role, '{{ table_code }}' as table_code, page, amount, amount_state,
    printed_text, cell_row, column_key as cell_column, column_label,
    cast(null as varchar) as doubt
from line_sum_cells
union all
-- a total that is not printed, or printed with no numbered line to sum
select
    '{{ rule_id }}', t.document_id, '{{ table_code }}', '{{ row_key }}', null,
    '{{ cell_column }}', 'none', null, null, null, null, null, null, null, null,
    case
        when not exists (select 1 from totals as lt where lt.document_id = t.document_id)
            then '{{ table_code }} {{ side }} line {{ row_key }} not found (未找到该行)'
        else '{{ table_code }} {{ side }} line {{ row_key }}: no numbered line to sum found'
    end
from tables_with_cells as t
where t.table_code = '{{ table_code }}'
    and not exists (
        select 1 from line_sum_cells as c where c.document_id = t.document_id and c.role = 'term'
    )
{%- endmacro %}

{#- A row rule: in every printed row of the table (on `side`; none: rows without a side), a
    printed column ('actual') and the columns summed into it ('term', sign −1 for a
    subtraction). specs: (column_key, cell_column, role, sign); row_key is the subject code,
    TOTAL, or the unprefixed label. -#}
{% macro row_columns_rule(rule_id, table_code, side, specs) -%}
with

cells as (
    select * from {{ ref('int_rule_cells') }}
    where table_code = '{{ table_code }}'
        and side {% if side is none %}is null{% else %}= '{{ side }}'{% endif %}
),

row_specs (column_key, cell_column, role, sign) as (
    values {{ sql_values(specs) }}
),

spec_rows as (
    select distinct
        c.document_id, c.row_index, coalesce(c.row_key, c.line_key) as row_key, c.row_label,
        c.cell_row
    from cells as c
)

select
    '{{ rule_id }}' as rule_id, r.document_id, '{{ table_code }}' as tables, r.row_key,
    case when s.role = 'actual' then r.row_label end as row_label, s.column_key,
    case when c.document_id is null then 'none' else s.role end as role,
    c.table_code, c.page, s.sign * c.amount as amount, c.amount_state, c.printed_text,
    r.cell_row, c.column_key as cell_column, c.column_label,
    case when c.document_id is null then
        '{{ table_code }} column ' || s.cell_column || ' not printed (未印该栏)'
    end as doubt
from spec_rows as r
cross join row_specs as s
left join cells as c
    on c.document_id = r.document_id
    and c.row_index = r.row_index
    and c.column_key = s.cell_column
{%- endmacro %}
