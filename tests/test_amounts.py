"""Printed amounts become exact decimals; blank, 0.00, "——" and text stay apart."""

from decimal import Decimal

import pytest

from ingestion.amounts import YUAN_TO_WAN_YUAN, parse_amount, unit_factor
from ingestion.records import AmountState


@pytest.mark.parametrize(
    ("printed", "state", "value"),
    [
        ("1,710.18", AmountState.VALUE, Decimal("1710.18")),
        ("692.99", AmountState.VALUE, Decimal("692.99")),
        ("0.00", AmountState.VALUE, Decimal("0.00")),
        ("10,724.43", AmountState.VALUE, Decimal("10724.43")),
        ("-3.50", AmountState.VALUE, Decimal("-3.50")),
        ("１，７１０．１８", AmountState.VALUE, Decimal("1710.18")),  # full-width digits
        (" 1,710.18\n", AmountState.VALUE, Decimal("1710.18")),
        ("", AmountState.BLANK, None),
        (None, AmountState.BLANK, None),
        ("——", AmountState.NOT_APPLICABLE, None),
        ("—", AmountState.NOT_APPLICABLE, None),
        ("-", AmountState.NOT_APPLICABLE, None),
        ("本表无数据", AmountState.UNREADABLE, None),
        ("1,71.18", AmountState.UNREADABLE, None),  # misplaced separator: not guessed
        ("12.3.4", AmountState.UNREADABLE, None),
        ("2011301 行政运行", AmountState.UNREADABLE, None),
    ],
)
def test_parse_amount_states(printed, state, value):
    parsed = parse_amount(printed)
    assert parsed.state == state
    assert parsed.value == value
    if value is not None:
        assert isinstance(parsed.value, Decimal)


def test_zero_and_blank_are_different():
    assert parse_amount("0.00").value == 0
    assert parse_amount("").value is None


def test_yuan_amounts_convert_exactly_to_wan_yuan():
    parsed = parse_amount("17,101,812.34", YUAN_TO_WAN_YUAN)
    assert parsed.value == Decimal("1710.181234")
    assert parsed.printed == "17,101,812.34"


@pytest.mark.parametrize(
    ("unit", "factor"),
    [("万元", Decimal(1)), ("元", Decimal("0.0001")), ("单位：万元", Decimal(1)), ("个", None)],
)
def test_unit_factor(unit, factor):
    assert unit_factor(unit) == factor
