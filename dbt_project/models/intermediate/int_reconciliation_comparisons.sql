{#-
  One row per (rule_id, document_id, tables, row_key, column_key): a compared figure.
  row_key is the subject code, 'TOTAL' for a 合计 row, a T01 类 name that matches no code, or '*'
  (with column_key '*') for a rule whose tables are missing or insufficient in the document.

  This model only aggregates: every rule's input cells come from int_rule_inputs (each listed
  with a role: 'actual' = the printed total/figure, 'term' = a cell summed into `expected`,
  'none' = a doubt that makes the comparison insufficient_data; plus an optional n_override,
  the n of the tolerance when it is not the count of printed terms, e.g. the printed decimals
  of a percentage). One aggregation computes expected, actual, difference, tolerance and the
  verdict (outcome: pass / fail / insufficient_data) for all rules alike; the findings mart and
  the Great Expectations suite report that outcome and decide nothing again. The tolerance kind
  is the catalogue's (seeds/reconciliation_rules.csv).

  Sums: blank and '——' cells count as 0; a comparison whose cells are all blank is not made;
  an unreadable cell, or a missing / insufficient_data table, makes it insufficient_data.
-#}

with

compared as (
    select
        rule_id,
        document_id,
        tables,
        row_key,
        column_key,
        coalesce(
            max(row_label) filter (where role = 'actual'), max(row_label)
        ) as row_label,
        coalesce(
            max(column_label) filter (where role = 'actual'), max(column_label)
        ) as column_label,
        case
            when bool_or(role = 'term' and amount_state = 'unreadable') then null
            else coalesce(
                sum(amount) filter (where role = 'term' and amount_state = 'value'), 0
            )
        end as expected,
        case
            when bool_or(role = 'actual' and amount_state = 'unreadable') then null
            else coalesce(
                sum(amount) filter (where role = 'actual' and amount_state = 'value'), 0
            )
        end as actual,
        coalesce(
            max(n_override),
            count(*) filter (where role = 'term' and amount_state = 'value')
        ) as n_terms,
        count(*) filter (where role = 'actual') as n_actual_cells,
        string_agg(
            distinct coalesce(
                nullif(doubt, ''),
                case when amount_state = 'unreadable' then
                    'unreadable cell ' || table_code || ' p' || page || ' ' || cell_row
                    || '/' || cell_column || ': "' || printed_text || '"'
                end
            ),
            '; '
        ) as input_reason,
        bool_or(amount_state in ('value', 'unreadable') or nullif(doubt, '') is not null)
            as has_input,
        coalesce(
            list_sort(list_distinct(list(page) filter (where page is not null))), []
        ) as source_pages,
        -- every input cell, so that a report can point at the printed cells
        list(
            {
                'table_code': table_code, 'page': page, 'cell_row': cell_row,
                'cell_column': cell_column, 'role': role
            }
            order by role, table_code, page, cell_row, cell_column
        ) filter (where table_code is not null and page is not null) as input_cells
    from {{ ref('int_rule_inputs') }}
    group by rule_id, document_id, tables, row_key, column_key
),

with_state as (
    select
        c.*,
        r.tolerance_kind,
        case
            when c.input_reason is not null then 'insufficient_data'
            when c.n_actual_cells > 1 then 'insufficient_data'
            else 'ok'
        end as input_state,
        coalesce(
            c.input_reason,
            case when c.n_actual_cells > 1 then 'the compared figure is printed more than once' end
        ) as reason
    from compared as c
    inner join {{ ref('reconciliation_rules') }} as r on r.rule_id = c.rule_id
    where c.has_input
)

select
    rule_id,
    document_id,
    tables,
    row_key,
    row_label,
    column_key,
    column_label,
    cast(case when input_state = 'ok' then expected end as decimal(20,6)) as expected,
    cast(case when input_state = 'ok' then actual end as decimal(20,6)) as actual,
    cast(case when input_state = 'ok' then actual - expected end as decimal(20,6)) as difference,
    cast(case when input_state = 'ok' then abs(actual - expected) end as decimal(20,6))
        as abs_difference,
    cast(case when input_state = 'ok' then n_terms end as integer) as n_terms,
    tolerance_kind,
    case when input_state = 'ok' then {{ rounding_tolerance('tolerance_kind', 'n_terms') }} end
        as tolerance,
    input_state,
    reason as input_reason,
    case
        when input_state <> 'ok' then 'insufficient_data'
        when abs(actual - expected) <= {{ rounding_tolerance('tolerance_kind', 'n_terms') }}
            then 'pass'
        else 'fail'
    end as outcome,
    cast(source_pages as integer[]) as source_pages,
    coalesce(input_cells, []) as input_cells
from with_state
