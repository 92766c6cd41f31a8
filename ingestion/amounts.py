"""Printed amounts to exact decimals (金额解析).

A cell is one of: a number ("1,710.18", "0.00", "-3.50"), blank, "——" (not applicable) or
text that is not an amount. Blank and "——" and 0.00 mean different things in a 决算 table and
are kept apart; nothing here ever guesses a number from unreadable text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ingestion.records import AmountState
from ingestion.text import normalise

# Dash runs used for "not applicable" across producers: em dashes, full-width hyphen, hyphens.
_NOT_APPLICABLE = re.compile(r"^[—―－\-–]+$")
_NUMBER = re.compile(r"^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")

WAN_YUAN = Decimal(1)
YUAN_TO_WAN_YUAN = Decimal("0.0001")


@dataclass(frozen=True, slots=True)
class ParsedAmount:
    """A printed cell read as an amount: ``value`` is set only when ``state`` is ``value``."""

    printed: str
    state: AmountState
    value: Decimal | None


def parse_amount(cell: str | None, unit_to_wan_yuan: Decimal = WAN_YUAN) -> ParsedAmount:
    """Read one printed amount cell, converting it exactly into 万元.

    >>> parse_amount("1,710.18").value
    Decimal('1710.18')
    """
    printed = cell if cell is not None else ""
    text = normalise(printed)
    if text == "":
        return ParsedAmount(printed, AmountState.BLANK, None)
    if _NOT_APPLICABLE.match(text):
        return ParsedAmount(printed, AmountState.NOT_APPLICABLE, None)
    if not _NUMBER.match(text):
        return ParsedAmount(printed, AmountState.UNREADABLE, None)
    try:
        value = Decimal(text.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern already excludes this
        return ParsedAmount(printed, AmountState.UNREADABLE, None)
    return ParsedAmount(printed, AmountState.VALUE, value * unit_to_wan_yuan)


def unit_factor(unit_text: str) -> Decimal | None:
    """The factor that turns an amount printed in ``unit_text`` (单位：万元 / 元) into 万元."""
    text = normalise(unit_text)
    if "万元" in text:
        return WAN_YUAN
    if text.endswith("元"):
        return YUAN_TO_WAN_YUAN
    return None
