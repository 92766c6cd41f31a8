"""Sentences of the narrative (情况说明的句子): its lines, where the part is, its sections.

The narrative part is found by its heading (第X部分 …情况说明 / 部门决算情况说明), never by
page; a 目录 entry is told apart because the part it opens holds no sentence (no "。"). It ends
at the next part heading, 名词解释, 附件, a table title or a 绩效自评表 title.

Lines are joined before anything is matched (人员\\n经费), then cut into sentences at 。；; and
at every line that opens a list item (1、 / （一） …). Headings 一、… and （一）… set the section,
and the section sets the *scope* that short words are read in: 支出总计 is T01's in
一、收入支出决算总体情况, T04's in 四、财政拨款收支决算总体情况.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from ingestion.locate import title_kind
from ingestion.pdf import TextLine
from ingestion.text import compact


class NarrativePage(Protocol):
    """What the narrative reader needs of a page: :class:`ingestion.pdf.PageContent` has it."""

    number: int

    @property
    def lines(self) -> list[TextLine]: ...


# Matching runs on a folded copy of the printed text, of the same length so offsets carry over:
# full-width digits, letters, ％ （ ） ： ； fold to ASCII. The full-width comma "，" is kept so
# that only an ASCII comma can be a thousands separator ("1,710.18万元，支出" stays two clauses).
_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F) if c != 0xFF0C}

CN_NUMERAL = "一二三四五六七八九十"
PART_HEADING = re.compile(rf"^第[{CN_NUMERAL}]+部分")
LEVEL1 = re.compile(rf"^[{CN_NUMERAL}]+、")
_LEVEL2 = re.compile(rf"^\([{CN_NUMERAL}]+\)")
ITEM_MARKER = re.compile(
    rf"^(?:\d{{1,2}}(?:、|\.(?!\d))|\(\d{{1,2}}\)|[{CN_NUMERAL}]+、|\([{CN_NUMERAL}]+\))"
)
_FOOTER = re.compile(r"^(?:[-—\s]*\d{1,3}[-—\s]*|第\d+页(?:共\d+页)?)$")
_PUNCTUATION = re.compile(r"[。，,;:：、]")
_DIGIT_NOT_YEAR = re.compile(r"\d(?!\d*年)")


@dataclass(frozen=True, slots=True)
class Line:
    """One printed line, kept both as printed and folded for matching."""

    page: int
    text: str  # as printed, whitespace removed
    key: str  # folded copy for matching


def fold(text: str) -> str:
    """The matching copy of ``text``: full-width forms to ASCII, of the same length."""
    return text.translate(_FOLD)


def document_lines(pages: Sequence[NarrativePage]) -> list[Line]:
    """Every text line of the document in reading order, without page-number footers."""
    lines: list[Line] = []
    for page in pages:
        texts = [compact(line.text) for line in page.lines]
        for index, text in enumerate(texts):
            if not text:
                continue
            # A bare number as the first or last line of a page is its page number.
            if index in (0, len(texts) - 1) and _FOOTER.match(fold(text)):
                continue
            lines.append(Line(page.number, text, fold(text)))
    return lines


def _narrative_title(lines: list[Line], index: int) -> tuple[str, int] | None:
    """The narrative part's heading starting at ``index`` and the lines it takes, or None."""
    key = lines[index].key
    taken = 1
    # A long part heading wraps its last word: "…部门决算情况" / "说明".
    if key.endswith("情况") and index + 1 < len(lines) and lines[index + 1].key == "说明":
        key += "说明"
        taken = 2
    if PART_HEADING.match(key):
        if "情况说明" in key or key.endswith("决算情况"):
            return key, taken
        return None
    if (
        len(key) <= 40
        and key.endswith("情况说明")
        and not ITEM_MARKER.match(key)
        and not _PUNCTUATION.search(key)
    ):
        return key, taken
    return None


def _ends_narrative(line: Line, title: str) -> bool:
    key = line.key
    if key == title:
        return False  # the title repeated as a running page header
    if PART_HEADING.match(key):
        return True
    if _PUNCTUATION.search(key) or len(key) > 40:
        return False
    if key.endswith("名词解释") or re.fullmatch(r"附件\d*|附表\d*", key):
        return True
    if key.endswith("绩效自评表") or key.endswith("绩效自评报告"):
        return True
    # Layouts that print the tables after the narrative: a table title ends it.
    return title_kind(line.text) is not None


def narrative_span(lines: list[Line]) -> tuple[int, int, str] | None:
    """(first line, end line, title) of the narrative part; a 目录 entry is passed over."""
    index = 0
    while index < len(lines):
        found = _narrative_title(lines, index)
        if found is None:
            index += 1
            continue
        title, taken = found
        start = index + taken
        end = next(
            (j for j in range(start, len(lines)) if _ends_narrative(lines[j], title)), len(lines)
        )
        # A 目录 entry opens a "part" of headings only; the real one has sentences.
        if any("。" in line.key for line in lines[start:end]):
            return start, end, title
        index = start
    return None


# The scope a section heading sets, by its words; the first match wins (三公 before 财政拨款).
_SCOPES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("three_public", ("三公",)),
    ("performance", ("绩效",)),
    ("gov_fund", ("政府性基金",)),
    ("soe_capital", ("国有资本经营",)),
    ("running_cost", ("机关运行经费",)),
    ("procurement", ("政府采购",)),
    ("assets", ("国有资产", "资产占用", "资产占有")),
    ("basic", ("基本支出",)),
    ("gpb", ("一般公共预算",)),
    ("appropriation", ("财政拨款收",)),
    ("overall", ("收入支出决算总体", "收支决算总体", "收入支出总体")),
    ("income", ("收入决算",)),
    ("expenditure", ("支出决算",)),
)


def _scope_of(heading: str) -> str:
    return next((scope for scope, words in _SCOPES if any(w in heading for w in words)), "other")


@dataclass(slots=True)
class Sentence:
    """One sentence of the narrative, with where it stands (section, scope, numbered item)."""

    text: str  # as printed, lines joined
    key: str  # folded copy
    pages: list[int]  # page of each character
    section: str
    scope: str
    item: int | None  # numbered item (1、 …) the sentence belongs to
    first_in_item: bool


def _heading_level(key: str) -> int | None:
    """1 for 一、…, 2 for （一）…: a heading line has no sentence punctuation and no figure."""
    for level, marker in ((1, LEVEL1), (2, _LEVEL2)):
        match = marker.match(key)
        if match:
            rest = key[match.end() :]
            if len(key) > 45 or _PUNCTUATION.search(rest) or _DIGIT_NOT_YEAR.search(rest):
                return None
            return level
    return None


def split_sentences(lines: list[Line], title: str) -> list[Sentence]:
    """The narrative's sentences, each with its section, scope and numbered item."""
    widest = max((len(line.key) for line in lines), default=0)
    sentences: list[Sentence] = []
    level1 = level2 = ""
    item: int | None = None
    items = 0
    item_sentences = 0
    text: list[str] = []
    pages: list[int] = []

    def flush() -> None:
        nonlocal item_sentences
        joined = "".join(text)
        key = fold(joined)
        start = 0
        for match in re.finditer(r"[。;]|$", key):
            end = match.end()
            if key[start:end].strip("。;，,:"):
                scope = _scope_of(level2) if level2 and _scope_of(level2) != "other" else ""
                sentences.append(
                    Sentence(
                        text=joined[start:end],
                        key=key[start:end],
                        pages=pages[start:end],
                        section=f"{level1} / {level2}" if level2 else level1,
                        scope=scope or _scope_of(level1),
                        item=item,
                        first_in_item=item is not None and item_sentences == 0,
                    )
                )
                if item is not None:
                    item_sentences += 1
            start = end
        text.clear()
        pages.clear()

    for line in lines:
        key = line.key
        if key == title:
            continue  # the part title repeated as a running page header
        level = _heading_level(key)
        if level is not None:
            flush()
            level1, level2 = (line.text, "") if level == 1 else (level1, line.text)
            item = None
            continue
        if key.startswith("附件:"):
            flush()  # "附件：项目绩效自评表" points to the forms; it is no sentence
            continue
        marker = ITEM_MARKER.match(key)
        if marker:
            flush()
            items += 1
            item, item_sentences = items, 0
        text.append(line.text)
        pages.extend([line.page] * len(line.text))
        # A short numbered line without punctuation is the item's own heading
        # ("1、预算绩效管理工作开展情况"): it ends where the line ends.
        rest = key[marker.end() :] if marker else ""
        if (
            marker
            and not _PUNCTUATION.search(rest)
            and not _DIGIT_NOT_YEAR.search(rest)
            and len(key) < 0.7 * widest
        ):
            flush()
    flush()
    return sentences
