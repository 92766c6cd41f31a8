-- The tolerance macro gives the spec's figures (reconciliation-rules.md, "Tolerance").
with cases (kind, n_terms, expected) as (
    values
        ('sum', 0, 0.01),
        ('sum', 1, 0.01),
        ('sum', 2, 0.015),
        ('sum', 3, 0.02),
        ('sum', 10, 0.055),
        ('same_figure', 5, 0.01),
        ('percentage', 0, 0.5),
        ('percentage', 2, 0.01)
)

select kind, n_terms, expected, {{ rounding_tolerance('kind', 'n_terms') }} as got
from cases
where {{ rounding_tolerance('kind', 'n_terms') }} <> cast(expected as decimal(20,6))
union all
select 'sum (literal kind)', 2, 0.015, {{ rounding_tolerance('sum', 2) }}
where {{ rounding_tolerance('sum', 2) }} <> 0.015
