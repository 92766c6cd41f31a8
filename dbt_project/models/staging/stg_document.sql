{{ select_raw('document') }}
