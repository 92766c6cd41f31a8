{{ select_raw('disclosure_table') }}
