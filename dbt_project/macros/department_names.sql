{#- A department name as DOC-IDENTITY compares it ('expr' = its SQL): full-width letters, digits
    and brackets folded to ASCII (the NFKC forms names are printed in), then every space,
    punctuation mark and symbol removed, and a trailing 本级 (the department's own level, printed
    “（本级）”) dropped. -#}
{% macro department_name_key(expr) -%}
    regexp_replace(regexp_replace(translate({{ expr }},
        'ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ０１２３４５６７８９',
        'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'),
        '[\s\p{P}\p{S}]', '', 'g'), '本级$', '')
{%- endmacro %}

{#- The same department named in other words ('key' = the SQL of a department_name_key): 与 and
    及 read as 和, and a leading 中共 (the Party committee's department) left out. -#}
{% macro department_variant_key(key) -%}
    regexp_replace(translate({{ key }}, '与及', '和和'), '^中共', '')
{%- endmacro %}
