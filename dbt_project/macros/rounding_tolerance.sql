{#-
  The rounding-aware tolerance of shared/spec/reconciliation-rules.md, in 万元, as DECIMAL(20,6).
  Amounts are printed with 2 decimals, each rounded from 元, so a printed total of n printed terms
  may differ from their sum by up to 0.005·(n+1) and still be right.

    kind             tolerance
    sum              max(0.01, 0.005·(n_terms + 1))     same-table sums (n_terms: printed terms)
    same_figure      0.01                               one figure printed in two places
    upper_bound      0.01                               a ≤ b, allowing the same rounding
    percentage       0.5 if n_terms = 0 else 0.01       percentage points; n_terms = printed decimals
    rate_half_point  0.5                                percentage points (PERF-RATE)
    exact            0                                  counts, grades, presence
    none             NULL                               no numeric comparison

  `kind` is either one of these names (resolved when compiling) or a SQL expression, e.g. the
  `tolerance_kind` column of the reconciliation_rules seed (resolved per row).
-#}
{% macro rounding_tolerance(kind, n_terms) -%}
    {%- set n = "coalesce(cast(" ~ n_terms ~ " as integer), 0)" -%}
    {%- set by_kind = {
        'sum': "greatest(cast(0.01 as decimal(20,6)), cast(0.005 * (" ~ n ~ " + 1) as decimal(20,6)))",
        'same_figure': "cast(0.01 as decimal(20,6))",
        'upper_bound': "cast(0.01 as decimal(20,6))",
        'percentage': "cast(case when " ~ n ~ " = 0 then 0.5 else 0.01 end as decimal(20,6))",
        'rate_half_point': "cast(0.5 as decimal(20,6))",
        'exact': "cast(0 as decimal(20,6))",
        'none': "cast(null as decimal(20,6))",
    } -%}
    {%- if kind in by_kind -%}
        {{ by_kind[kind] }}
    {%- else -%}
        case {{ kind }}
        {%- for name, expression in by_kind.items() %}
            when '{{ name }}' then {{ expression }}
        {%- endfor %}
        end
    {%- endif -%}
{%- endmacro %}
