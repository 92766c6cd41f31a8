{{ select_raw('performance_form') }}
