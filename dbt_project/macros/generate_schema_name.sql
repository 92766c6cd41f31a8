{#- Custom schemas are used as named (staging, intermediate, marts, seeds), not prefixed with the
    target schema as dbt does by default (main_marts). Without a custom schema: the target's. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
