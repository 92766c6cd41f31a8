{#- The 类 of the functional subject dictionary by each name they are printed under (the
    dictionary name and every variant seen): the (code, name) pairs a printed 类 line's name is
    matched against when no row of the detail table carries that name. -#}
{% macro dictionary_class_names() -%}
    select code, name from {{ ref('functional_subjects') }} where level = '类'
    union
    select code, name
    from (
        select code, trim(unnest(string_split(name_variants_seen, ';'))) as name
        from {{ ref('functional_subjects') }}
        where level = '类'
    )
    where name <> ''
{%- endmacro %}
