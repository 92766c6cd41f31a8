{{ select_raw('quarantine') }}
