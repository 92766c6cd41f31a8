{{ select_raw('amount_cell') }}
