"""The figures of a sentence (句中的数字): numbers with their units and the words before them.

A figure is a number with its unit. Its *measure* is read from the words right before it
(年初预算 / 支出决算 / 占比 / 增加 / 下降 / 完成年初预算的 …). "与上年相同" is a figure too, a
change of 0. What is never a figure (a year, a date, a 行次 or list number, an amount in 元, a
threshold, a score) is told here, and every reason a number is left out is named by a ``SKIP_``
constant, recorded in :class:`ingestion.narrative.SkippedFigure`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ingestion.narrative.sentences import Sentence
from ingestion.narrative.vocabulary import (
    DATE_UNITS,
    DIRECTIONS,
    MEASURES,
    MONEY_UNITS,
    SAME,
    UNITS,
)

# Reasons a number is not a claim (SkippedFigure.reason).
SKIP_DATE = "year or date"
SKIP_LIST_MARKER = "list or ordinal number"
SKIP_YUAN = "amount in 元 in the prose"
SKIP_THRESHOLD = "threshold, not an amount"
SKIP_SCORE = "score"
SKIP_NO_UNIT = "no unit"
SKIP_EXPLANATION = "inside an explanation (主要原因 / 主要是)"
SKIP_NO_SUBJECT = "subject not stated in its sentence"
SKIP_UNCLEAR_SUBJECT = "words before the figure name no known subject"
SKIP_COUNTED_NOUN = "counted noun after the number not recognised"
SKIP_MEASURE = "measure and unit disagree"
SKIP_BARE_PERCENT = "percentage without a measure"

# Only an ASCII comma groups thousands: the fold keeps "，", so "1,710.18万元，支出" stays two.
_FIGURE = re.compile(
    rf"(?<![\d.,])(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<unit>{UNITS})?"
)


@dataclass(frozen=True, slots=True)
class Figure:
    """A number with its unit as it stands in a sentence (offsets into the folded key)."""

    start: int
    end: int
    printed: str
    value: Decimal
    unit: str  # folded; "" when the number has none
    same: bool = False  # 与上年相同: a stated change of zero


def find_figures(sentence: Sentence) -> list[Figure]:
    """Every number of the sentence, and every 与上年相同, in printed order."""
    key = sentence.key
    found = [
        Figure(
            m.start(),
            m.end(),
            sentence.text[m.start("num") : m.end("num")],
            Decimal(m["num"].replace(",", "")),
            m["unit"] or "",
        )
        for m in _FIGURE.finditer(key)
    ]
    found += [
        Figure(m.start(), m.end(), sentence.text[m.start() : m.end()], Decimal(0), "", True)
        for m in SAME.finditer(key)
    ]
    return sorted(found, key=lambda f: f.start)


def skip_reason(figure: Figure, key: str) -> str | None:
    """Why a number is no figure at all (a date, a list number, an amount in 元 …), or None."""
    if figure.same:
        return None
    unit = figure.unit
    after = key[figure.end :]
    if unit in DATE_UNITS:
        return SKIP_DATE
    if not unit:
        before = key[: figure.start]
        if after[:1] in ("、", ".", ")") or before.endswith(("第", "(")):
            return SKIP_LIST_MARKER
        return SKIP_NO_UNIT
    if unit == "元":
        return SKIP_YUAN
    if unit == "分":
        return SKIP_SCORE
    if unit in MONEY_UNITS and re.match(r"(?:\(含\))?(?:及)?以[上下]", after):
        return SKIP_THRESHOLD
    return None


def read_measure(words: str) -> tuple[str | None, str | None, str | None, int]:
    """(measure, direction, funds wording, where it starts) of the words before a number."""
    for name, pattern in MEASURES:
        match = pattern.search(words)
        if match:
            groups = match.groupdict()
            direction = DIRECTIONS.get(groups.get("direction") or "")
            return name, direction, groups.get("what"), match.start()
    return None, None, None, len(words)


def counted_noun(key: str, figure: Figure) -> str:
    """The words right after a count, up to the next break: "项目自评等级为“优”", "车", ""."""
    return re.split(r"[，,:;、。()\d]", key[figure.end :], maxsplit=1)[0]
