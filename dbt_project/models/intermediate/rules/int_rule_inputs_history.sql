{#- Input rows of the 'history' family's rules (see int_reconciliation_comparisons for the shape).
    None implemented yet: an empty relation of the right shape. -#}
select
    cast(null as varchar) as rule_id,
    cast(null as varchar) as document_id,
    cast(null as varchar) as tables,
    cast(null as varchar) as row_key,
    cast(null as varchar) as row_label,
    cast(null as varchar) as column_key,
    cast(null as varchar) as role,
    cast(null as varchar) as table_code,
    cast(null as integer) as page,
    cast(null as decimal(20,6)) as amount,
    cast(null as varchar) as amount_state,
    cast(null as varchar) as printed_text,
    cast(null as varchar) as cell_row,
    cast(null as varchar) as cell_column,
    cast(null as varchar) as column_label,
    cast(null as varchar) as doubt,
    cast(null as integer) as n_override
where false
