{{ select_raw('narrative_claim') }}
