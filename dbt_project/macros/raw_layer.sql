{#- The raw layer's columns and types, as ingestion/records.py writes them (change together). -#}
{% macro raw_columns(record) -%}
    {%- set columns = {
        'document': [
            ('document_id', 'varchar'), ('file_name', 'varchar'), ('department_name', 'varchar'),
            ('department_key', 'varchar'), ('fiscal_year', 'integer'), ('page_count', 'integer'),
            ('producer', 'varchar'), ('layout', 'varchar'), ('tables_found', 'varchar[]'),
            ('tables_missing', 'varchar[]'), ('extracted_at', 'timestamp'),
        ],
        'disclosure_table': [
            ('document_id', 'varchar'), ('table_code', 'varchar'), ('label_printed', 'varchar'),
            ('title_printed', 'varchar'), ('first_page', 'integer'), ('last_page', 'integer'),
            ('unit_printed', 'varchar'), ('unit_to_wan_yuan', 'decimal(20,6)'),
            ('declared_empty', 'boolean'), ('status', 'varchar'), ('reason', 'varchar'),
        ],
        'amount_cell': [
            ('document_id', 'varchar'), ('table_code', 'varchar'), ('page', 'integer'),
            ('row_index', 'integer'), ('row_kind', 'varchar'), ('subject_code', 'varchar'),
            ('row_label', 'varchar'), ('line_number', 'integer'), ('side', 'varchar'),
            ('column_key', 'varchar'), ('column_label', 'varchar'), ('column_number', 'integer'),
            ('printed_text', 'varchar'), ('amount', 'decimal(20,6)'), ('amount_state', 'varchar'),
            ('code_kind', 'varchar'), ('measure_unit', 'varchar'),
        ],
        'quarantine': [
            ('path', 'varchar'), ('file_name', 'varchar'), ('document_id', 'varchar'),
            ('reason', 'varchar'), ('message', 'varchar'), ('detected_at', 'timestamp'),
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
