{#- The raw layer's columns and types, as ingestion/records.py writes them (change together). -#}
{% macro raw_columns(record) -%}
    {%- set columns = {
        'document': [
            ('document_id', 'varchar'), ('file_name', 'varchar'), ('department_name', 'varchar'),
            ('department_key', 'varchar'), ('fiscal_year', 'integer'), ('page_count', 'integer'),
            ('producer', 'varchar'), ('layout', 'varchar'), ('tables_found', 'varchar[]'),
            ('tables_missing', 'varchar[]'), ('extracted_at', 'timestamp'), ('unit_kind', 'varchar'),
            ('document_kind', 'varchar'), ('identified_from', 'varchar'),
        ],
        'disclosure_table': [
            ('document_id', 'varchar'), ('table_code', 'varchar'), ('label_printed', 'varchar'),
            ('title_printed', 'varchar'), ('first_page', 'integer'), ('last_page', 'integer'),
            ('unit_printed', 'varchar'), ('unit_to_wan_yuan', 'decimal(20,6)'),
            ('declared_empty', 'boolean'), ('status', 'varchar'), ('reason', 'varchar'),
            ('department_printed', 'varchar'), ('year_printed', 'integer'),
        ],
        'amount_cell': [
            ('document_id', 'varchar'), ('table_code', 'varchar'), ('page', 'integer'),
            ('row_index', 'integer'), ('row_kind', 'varchar'), ('subject_code', 'varchar'),
            ('row_label', 'varchar'), ('line_number', 'integer'), ('side', 'varchar'),
            ('column_key', 'varchar'), ('column_label', 'varchar'), ('column_number', 'integer'),
            ('printed_text', 'varchar'), ('amount', 'decimal(20,6)'), ('amount_state', 'varchar'),
            ('code_kind', 'varchar'), ('measure_unit', 'varchar'), ('x0', 'double'),
            ('top', 'double'), ('x1', 'double'), ('bottom', 'double'),
        ],
        'narrative_claim': [
            ('document_id', 'varchar'), ('page', 'integer'), ('section', 'varchar'),
            ('sentence', 'varchar'), ('claim_kind', 'varchar'), ('subject', 'varchar'),
            ('value', 'decimal(20,6)'), ('unit', 'varchar'), ('direction', 'varchar'),
            ('printed', 'varchar'), ('refers_table', 'varchar'), ('refers_row', 'varchar'),
            ('refers_column', 'varchar'),
        ],
        'performance_form': [
            ('document_id', 'varchar'), ('form_index', 'integer'), ('first_page', 'integer'),
            ('last_page', 'integer'), ('project_name', 'varchar'),
            ('department_in_charge', 'varchar'), ('implementing_unit', 'varchar'),
            ('period_printed', 'varchar'), ('filled_date_printed', 'varchar'),
            ('budget_total', 'decimal(20,6)'), ('budget_central_provincial', 'decimal(20,6)'),
            ('budget_city', 'decimal(20,6)'), ('budget_county', 'decimal(20,6)'),
            ('budget_other', 'decimal(20,6)'), ('received_total', 'decimal(20,6)'),
            ('received_central_provincial', 'decimal(20,6)'), ('received_city', 'decimal(20,6)'),
            ('received_county', 'decimal(20,6)'), ('received_other', 'decimal(20,6)'),
            ('executed_total', 'decimal(20,6)'), ('executed_central_provincial', 'decimal(20,6)'),
            ('executed_city', 'decimal(20,6)'), ('executed_county', 'decimal(20,6)'),
            ('executed_other', 'decimal(20,6)'), ('execution_rate_grid', 'decimal(20,6)'),
            ('execution_rate_grid_printed', 'varchar'), ('execution_rate_text', 'decimal(20,6)'),
            ('execution_rate_text_printed', 'varchar'), ('score_output', 'decimal(20,6)'),
            ('score_benefit', 'decimal(20,6)'), ('score_satisfaction', 'decimal(20,6)'),
            ('total_score', 'decimal(20,6)'), ('total_score_printed', 'varchar'),
            ('stated_grade', 'varchar'), ('conclusion_text', 'varchar'), ('status', 'varchar'),
            ('reason', 'varchar'),
        ],
        'performance_indicator': [
            ('document_id', 'varchar'), ('form_index', 'integer'), ('row_index', 'integer'),
            ('page', 'integer'), ('level1', 'varchar'), ('level2', 'varchar'),
            ('level3', 'varchar'), ('target_printed', 'varchar'), ('actual_printed', 'varchar'),
            ('actual_value', 'decimal(20,6)'), ('actual_unit', 'varchar'),
            ('score_printed', 'varchar'), ('shortfall_reason', 'varchar'),
            ('target_comparator', 'varchar'), ('target_value', 'decimal(20,6)'),
            ('target_unit', 'varchar'),
        ],
        'file_outcome': [
            ('path', 'varchar'), ('file_name', 'varchar'), ('document_id', 'varchar'),
            ('fiscal_year', 'integer'), ('department_key', 'varchar'), ('status', 'varchar'),
            ('reason', 'varchar'), ('message', 'varchar'), ('related_document_id', 'varchar'),
            ('published_at', 'varchar'), ('decided_at', 'timestamp'),
            ('extractor_version', 'varchar'),
        ],
        'quarantine': [
            ('path', 'varchar'), ('file_name', 'varchar'), ('document_id', 'varchar'),
            ('reason', 'varchar'), ('message', 'varchar'), ('detected_at', 'timestamp'),
            ('document_kind', 'varchar'),
        ],
    } -%}
    {{ return(columns[record]) }}
{%- endmacro %}


{#- Where a record's files lie under the raw folder: per document partition, except the one
    quarantine list of the latest inbox scan. -#}
{% macro raw_glob(record) -%}
    {{ return('quarantine/*.parquet' if record == 'quarantine' else record ~ '/*/*/*.parquet') }}
{%- endmacro %}


{#- Select one raw record type with its columns typed. When no Parquet file of that record exists
    yet (a new warehouse), an empty relation of the same shape, so that a build on an empty raw
    layer succeeds. The file check runs only at execution; parsing needs no data. -#}
{% macro select_raw(record) -%}
    {%- set columns = raw_columns(record) -%}
    {%- set has_files = true -%}
    {%- if execute -%}
        {%- set pattern = env_var('JUESUAN_RAW_DIR') ~ '/' ~ raw_glob(record) -%}
        {%- set found = run_query("select count(*) from glob('" ~ pattern | replace("'", "''") ~ "')") -%}
        {%- set has_files = found.columns[0].values()[0] > 0 -%}
    {%- endif -%}
    select
    {%- for name, type in columns %}
        {% if has_files %}cast({{ name }} as {{ type }}){% else %}cast(null as {{ type }}){% endif %} as {{ name }}{{ "," if not loop.last }}
    {%- endfor %}
    {% if has_files -%}
    from {{ source('raw', record) }}
    {%- else -%}
    where false
    {%- endif %}
{%- endmacro %}
