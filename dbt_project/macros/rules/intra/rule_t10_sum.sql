{#- T10-SUM: 政府采购 合计 = 货物 + 工程 + 服务; 车辆数合计 = Σ the vehicle categories 1. … 8.
    printed below it (counts, 辆) -#}
{% macro rule_t10_sum() -%}
select * from (
    {{ fixed_lines_rule('T10-SUM', 'T10', [
        ('procurement', '政府采购', 'value', '合计', 'value', 'actual'),
        ('procurement', '政府采购', 'value', '货物', 'value', 'term'),
        ('procurement', '政府采购', 'value', '工程', 'value', 'term'),
        ('procurement', '政府采购', 'value', '服务', 'value', 'term'),
    ]) | indent(4) }}
)
union all by name
select * from (
    {{ line_sum_rule('T10-SUM', 'T10', 'assets', '车辆数合计', 'value',
        '车辆数合计(\\(辆\\)|（辆）)?', 'below') }}
)
{%- endmacro %}
