-- Every rule the comparisons compute is in the catalogue and marked implemented there.
select distinct c.rule_id
from {{ ref('int_reconciliation_comparisons') }} as c
left join {{ ref('reconciliation_rules') }} as r on r.rule_id = c.rule_id
where r.rule_id is null or not r.implemented
