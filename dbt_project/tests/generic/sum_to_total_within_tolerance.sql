{#-
  PUDL-style consistency check: per group, the sum of the part rows' `column_name` equals the
  total row's, within the rounding tolerance of a sum of n printed terms (macro
  rounding_tolerance('sum', n): max(0.01, 0.005·(n+1))). Blank (NULL) parts count as 0 and are
  not terms. Returns each group that does not add up. Meant with severity warn: a published
  disclosure that does not add up is a finding, not a broken build.
-#}
{% test sum_to_total_within_tolerance(model, column_name, group_by, part_condition, total_condition) %}
with parts as (
    select
        {{ group_by | join(', ') }},
        coalesce(sum({{ column_name }}), 0) as parts_sum,
        count({{ column_name }}) as n_terms
    from {{ model }}
    where {{ part_condition }}
    group by {{ group_by | join(', ') }}
),

totals as (
    select {{ group_by | join(', ') }}, coalesce(sum({{ column_name }}), 0) as total
    from {{ model }}
    where {{ total_condition }}
    group by {{ group_by | join(', ') }}
)

select
    {% for c in group_by %}coalesce(t.{{ c }}, p.{{ c }}) as {{ c }}, {% endfor %}
    t.total,
    p.parts_sum,
    coalesce(t.total, 0) - coalesce(p.parts_sum, 0) as difference,
    {{ rounding_tolerance('sum', 'coalesce(p.n_terms, 0)') }} as tolerance
from totals as t
full outer join parts as p
    on {% for c in group_by %}t.{{ c }} = p.{{ c }}{{ " and " if not loop.last }}{% endfor %}
where abs(coalesce(t.total, 0) - coalesce(p.parts_sum, 0))
    > {{ rounding_tolerance('sum', 'coalesce(p.n_terms, 0)') }}
{% endtest %}
