{#- Input rows shared by the narrative percentage rules (TXT-SHARE, TXT-YOY, TXT-BUDGET of
    int_rule_inputs_text); each rule's own recomputation row stays in that model. `n_override` is
    the SQL of the tolerance's n (the decimals printed). -#}

{#- The printed percentage of the claim: the 'actual' row. -#}
{% macro narrative_percent_claim(rule_id, relation, amount, n_override) -%}
    select
        '{{ rule_id }}' as rule_id, document_id, 'narrative' as tables, subject as row_key,
        sentence as row_label, claim_key as column_key, 'actual' as role,
        'narrative' as table_code, page, {{ amount }} as amount,
        case when value is null then 'unreadable' else 'value' end as amount_state,
        printed as printed_text, subject as cell_row, claim_kind as cell_column,
        section as column_label, cast(null as varchar) as doubt,
        {{ n_override }} as n_override
    from {{ relation }}
{%- endmacro %}

{#- Where an amount the percentage is computed from was read (pages only, role 'none'): in the
    narrative (<found>_found 'sentence' / 'section': <found>_fig_page, the row `narrative_row`)
    or in a table cell (`table`, <found>_cell_page / _cell_row / _cell_column). -#}
{% macro narrative_amount_read_at(rule_id, relation, found, table, printed, narrative_row, n_override, where) -%}
    select
        '{{ rule_id }}', document_id, 'narrative', subject, null, claim_key, 'none',
        case when {{ found }}_found in ('sentence', 'section') then 'narrative' else {{ table }} end,
        case when {{ found }}_found in ('sentence', 'section') then {{ found }}_fig_page else {{ found }}_cell_page end,
        null, null, {{ printed }},
        case when {{ found }}_found in ('sentence', 'section') then {{ narrative_row }} else {{ found }}_cell_row end,
        case when {{ found }}_found in ('sentence', 'section') then 'amount' else {{ found }}_cell_column end,
        null, null, {{ n_override }}
    from {{ relation }}
    where {{ where }}
{%- endmacro %}
