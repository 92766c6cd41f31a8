{#- Reading the raw layer. Its columns and types (raw_columns, macros/raw_columns.sql) are
    generated from ingestion/records.py: `uv run python -m ingestion.dbt_schema --write`. -#}


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
        {%- set found = run_query("select count(*) from glob(getvariable('juesuan_raw_dir') || '/" ~ raw_glob(record) ~ "')") -%}
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
