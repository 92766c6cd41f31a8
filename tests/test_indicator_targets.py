"""年度指标值 (indicator targets) read as bounds: comparison, number and unit, or nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ingestion.performance import target_bound


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("≥6次", ("≥", Decimal("6"), "次")),
        ("≤1.5万元/次", ("≤", Decimal("1.5"), "万元/次")),
        ("≤180元/人*天", ("≤", Decimal("180"), "元/人*天")),
        ("100%", ("=", Decimal("100"), "%")),
        ("不低于90%", ("≥", Decimal("90"), "%")),
        ("不超过 5 万元", ("≤", Decimal("5"), "万元")),
        ("6次以上", ("≥", Decimal("6"), "次")),
        ("＞6000人", (">", Decimal("6000"), "人")),
        ("1,200户", ("=", Decimal("1200"), "户")),
    ],
)
def test_a_target_with_one_number_is_a_bound(printed, expected):
    assert target_bound(printed) == expected


@pytest.mark.parametrize(
    "printed",
    [
        None,
        "",
        "有效提高",  # words
        "按计划准时参加",
        "2023年8月底前",  # a date
        "1000-6000元/辆",  # a range
        "≥6次以下",  # two comparisons that disagree
        "10余次",  # a qualified number is not a bound
    ],
)
def test_a_target_that_is_not_one_bound_stays_text(printed):
    assert target_bound(printed) == (None, None, None)
