{#-
  Every implemented rule's input rows, in one shape (see int_reconciliation_comparisons, which
  aggregates them): the rows of each rule file (macros/rules/<family>/rule_<id>.sql, found by
  macro rule_files) and of the family models not yet split into rule files (macro
  rule_input_models), except where the document lacks a table the rule needs.

  Which tables a rule needs, and what their absence blocks, is the catalogue's (seed
  reconciliation_rules, columns tables and missing_table), written nowhere else: a table the
  document does not have, or read as insufficient_data, replaces the rule's inputs on that
  document (missing_table = rule; tables = the rule's tables) or those of that table
  (missing_table = table; tables = the table) by one whole-table row ('*', role 'none')
  carrying the reason, so that the comparison is insufficient_data and never a fail.

  A rule is evaluated only on the kinds of document the catalogue names (column
  document_kinds: 决算, 预算): a budget lacks every 决算 table, and that is no finding.
-#}

with

-- the (rule, document) pairs the catalogue allows: the rule applies to the document's kind
applicable as (
    select r.rule_id, d.document_id
    from {{ ref('reconciliation_rules') }} as r
    inner join {{ ref('stg_document') }} as d
        on list_contains(string_split(r.document_kinds, ','), d.document_kind)
),

rule_tables as (
    select
        r.rule_id,
        case when r.missing_table = 'table' then t.table_code else r.tables end as tables,
        t.table_code
    from {{ ref('reconciliation_rules') }} as r,
        unnest(string_split(r.tables, ',')) as t (table_code)
    where r.implemented and r.missing_table in ('rule', 'table')
),

table_doubts as (
    select
        rt.rule_id,
        d.document_id,
        rt.tables,
        string_agg(
            case
                when t.document_id is null then 'table ' || rt.table_code || ' not found (未找到该表)'
                else 'table ' || rt.table_code || ' is ' || t.status
                    || coalesce(': ' || t.reason, '')
            end,
            '; ' order by rt.table_code
        ) as doubt
    from {{ ref('stg_document') }} as d
    cross join rule_tables as rt
    semi join applicable as a on a.rule_id = rt.rule_id and a.document_id = d.document_id
    left join {{ ref('stg_disclosure_table') }} as t
        on t.document_id = d.document_id and t.table_code = rt.table_code
    where t.document_id is null or t.status <> 'extracted'
    group by all
),

inputs as (
    {%- for name in rule_files() %}
    -- {{ rule_file_rule_id(name) }}
    {{ rule_input_select('(\n' ~ context[name]() ~ '\n) as ' ~ name, n_override='null') | indent(4) }}
    union all by name
    {%- endfor %}
    {%- for model in rule_input_models() %}
    {% if not loop.first %}union all by name {% endif %}select * from {{ ref(model) }}
    {%- endfor %}
)

select i.*
from inputs as i
semi join applicable as a on a.rule_id = i.rule_id and a.document_id = i.document_id
where {{ whole_table_doubt_filter('i') }}
union all
{{ whole_table_doubt_rows() }}
