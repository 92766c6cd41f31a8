{{ select_raw('file_outcome') }}
