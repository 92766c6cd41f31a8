{{ select_raw('performance_indicator') }}
