"""Which department and year a PDF discloses, and what kind of document it is (文件识别).

Identification weighs all the evidence a real disclosure prints, never one pattern. Each
*source* reads department, fiscal year and kind (决算 / 预算) in its own way:

============  ======  =====================================================================
source        weight  what it reads
============  ======  =====================================================================
cover         3       the first page's title lines, joined in any order and over any line
                      breaks (年度部门决算 / 2024), years in digits or 二〇二四, and a label
                      printed on it (预算主管部门：…, 预算单位：…)
tables        3       the 部门名称：/单位名称：/部门：/预算主管部门：/预算单位：/编制部门：/
                      编制单位： lines above the tables, and the tables' titles: 决算 tables as
                      :func:`ingestion.locate.locate_tables` recognises them (with a grid),
                      budget tables by their …预算表 / …预算总表 titles
headings      2       第X部分 <department> <year>年度部门决算表, <department>概况 / 主要职能 /
                      机构设置, and a document-title line (<department><year>年度部门决算表)
narrative     2       sentences that open with <department><year>年度… and go on to a
                      部门决算 / 决算总计 / 总预算 … (the narrative's opening sentence)
title         1       the PDF metadata /Title
file_name     1       the file name
============  ======  =====================================================================

The rule (decide by agreement; weak sources confirm, never decide):

* Each source votes once per fact, for the value it prints most (the first one on a tie).
* A fact is decided by the value the non-weak sources (cover, tables, headings, narrative) give
  the most weight, if no other value has as much, and if the sources that agree with it weak
  ones included weigh at least 3: a strong source alone, or a medium one confirmed by another.
* The metadata Title and the file name can add to a value's weight but never decide it nor
  break a tie: real metadata is junk often enough ("离婚协议书", "附件2：预算主管部门公开样张",
  a 2015 title on a 2017 document), and a file name is whatever the downloader chose.
* A name must look like a department's: no digits or sentence punctuation, not a bare region
  (上海市普陀区), not 部门 / 本单位, not a template's placeholder (上海市XX局, which is kept
  apart so the quarantine message can say the file is a template).

The kind is taken from titles only (部门决算 / 单位决算 / 决算公开 / …决算表 against 部门预算 /
单位预算 / 预算公开 / …预算表), never from how often 预算 occurs: a 决算 prints 年初预算 and
一般公共预算财政拨款 on every page. A document is ``other`` when neither kind is established.

Pages are read in order only until every fact is *settled* (decided with a weight of 5 or more,
so by two sources at least, and no other value from a non-weak source) or up to
:data:`MAX_PAGES_READ`: an inbox of thousands stays cheap to survey. Extraction runs the same
reading, so the scan and the extraction always agree on the partition.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from ingestion.errors import DisclosureRejected, RejectionReason
from ingestion.locate import LocatedTable, locate_tables, title_kind
from ingestion.pdf import OpenedDocument, PageContent, open_disclosure
from ingestion.text import arabic_years, department_key, normalise

MAX_PAGES_READ = 60  # a 决算公开 prints its tables by page ~20; past 60 more reading seldom helps
_SCAN_CHECK_PAGES = 3  # pages that must show a text layer before anything else is read
_COVER_PAGES = 2  # the cover is the first page with text, on page 1 or (after a blank) page 2
_COVER_MAX_LINES = 6
DECIDING_WEIGHT = 3
SETTLED_WEIGHT = 5
_NO_EVIDENCE = "no source names it"


class Source(StrEnum):
    """Where a piece of identifying evidence was read, strongest first."""

    COVER = "cover"
    TABLES = "tables"
    HEADINGS = "headings"
    NARRATIVE = "narrative"
    TITLE = "title"  # PDF metadata /Title
    FILE_NAME = "file_name"


WEIGHTS: dict[Source, int] = {
    Source.COVER: 3,
    Source.TABLES: 3,
    Source.HEADINGS: 2,
    Source.NARRATIVE: 2,
    Source.TITLE: 1,
    Source.FILE_NAME: 1,
}
WEAK = frozenset({Source.TITLE, Source.FILE_NAME})
_ORDER = list(Source)


class DocumentKind(StrEnum):
    FINAL_ACCOUNTS = "决算"
    BUDGET = "预算"
    OTHER = "other"  # neither 决算 nor 预算 could be established


@dataclass(frozen=True, slots=True)
class Clue:
    """What one line (or the metadata, or the file name) says about the document."""

    source: Source
    page: int | None  # None for the metadata Title and the file name
    department: str | None = None  # normalised name
    fiscal_year: int | None = None
    kind: DocumentKind | None = None
    unit: str | None = None  # 部门 | 单位, as printed before 决算 / 预算
    placeholder: str | None = None  # a template's stand-in name (上海市XX局)


@dataclass(frozen=True, slots=True)
class Finding:
    """The decision on one fact: the value, or None with the reason in ``note``."""

    value: str | int | None
    sources: tuple[Source, ...] = ()  # sources that agree with ``value``, strongest first
    weight: int = 0
    rivals: tuple[str | int, ...] = ()  # other values non-weak sources gave
    note: str | None = None

    @property
    def settled(self) -> bool:
        """Decided by enough agreement that reading further pages cannot be needed."""
        return self.value is not None and self.weight >= SETTLED_WEIGHT and not self.rivals


@dataclass(frozen=True, slots=True)
class Identification:
    """Department, fiscal year and kind as decided from the evidence, with its sources."""

    department: Finding
    fiscal_year: Finding
    kind: Finding
    unit_kind: str | None
    tables_recognised: tuple[str, ...]  # 决算 table codes located on the pages read
    pages_read: int

    @property
    def document_kind(self) -> DocumentKind:
        value = self.kind.value
        return DocumentKind(value) if isinstance(value, str) else DocumentKind.OTHER

    @property
    def settled(self) -> bool:
        return self.department.settled and self.fiscal_year.settled and self.kind.settled

    @property
    def identified_from(self) -> str:
        """Which sources agreed on each decided fact, e.g. ``department: cover, tables; …``."""
        facts = (
            ("department", self.department),
            ("fiscal_year", self.fiscal_year),
            ("document_kind", self.kind),
        )
        return "; ".join(
            f"{name}: {', '.join(f.sources)}" for name, f in facts if f.value is not None
        )


@dataclass(frozen=True, slots=True)
class DocumentIdentity:
    """The partition a document belongs to, and the facts read on the way."""

    document_id: str
    department_name: str
    department_key: str
    fiscal_year: int
    page_count: int
    producer: str | None
    document_kind: str
    unit_kind: str | None  # 部门 (部门决算, a department with its units) | 单位 (单位决算)
    identified_from: str


def identify(path: Path, accept_budgets: bool = False) -> DocumentIdentity:
    """Open ``path`` and identify it, or raise :class:`DisclosureRejected` (see
    :func:`identify_opened`)."""
    with open_disclosure(path) as document:
        return identify_opened(document, accept_budgets)


def identify_opened(document: OpenedDocument, accept_budgets: bool = False) -> DocumentIdentity:
    """Identify an opened PDF as a 决算 (or, with ``accept_budgets``, a 预算) of one department
    and year, or raise :class:`DisclosureRejected`."""
    first_pages = document.pages[:_SCAN_CHECK_PAGES]
    if not any(page.lines for page in first_pages):
        raise DisclosureRejected(
            RejectionReason.SCANNED,
            f"no text layer on the first {len(first_pages)} page(s): a scan needs OCR first",
        )
    found = read_identification(document)
    kind = found.document_kind
    if kind is DocumentKind.BUDGET and not accept_budgets:
        raise DisclosureRejected(
            RejectionReason.BUDGET,
            f"budget document (预算) {_who(found)}: budgets are not supported yet",
            kind.value,
        )
    if kind is DocumentKind.OTHER:
        raise DisclosureRejected(
            RejectionReason.NOT_A_DISCLOSURE, _not_a_disclosure(found), kind.value
        )
    name, year = found.department.value, found.fiscal_year.value
    if not isinstance(name, str) or not isinstance(year, int):
        raise DisclosureRejected(RejectionReason.UNIDENTIFIED, _unidentified(found), kind.value)
    return _identity(document, found, name, year)


def review_identity(document: OpenedDocument) -> DocumentIdentity:
    """What identification found of a document it could not place (待核查), for review.

    An unknown department is an empty name (and key) and an unknown year is 0, so nothing
    that reads the records can take them for a department's; a known one is kept.
    """
    found = read_identification(document)
    name, year = found.department.value, found.fiscal_year.value
    return _identity(
        document, found, name if isinstance(name, str) else "", year if isinstance(year, int) else 0
    )


def _identity(
    document: OpenedDocument, found: Identification, name: str, year: int
) -> DocumentIdentity:
    return DocumentIdentity(
        document_id=document.document_id,
        department_name=name,
        department_key=department_key(name) if name else "",
        fiscal_year=year,
        page_count=document.page_count,
        producer=document.producer,
        document_kind=found.document_kind.value,
        unit_kind=found.unit_kind,
        identified_from=found.identified_from,
    )


def read_identification(document: OpenedDocument) -> Identification:
    """Gather evidence page by page until it settles every fact (or pages run out)."""
    clues = [*clues_from_metadata(document.title), *clues_from_file_name(document.path.name)]
    tables: list[str] = []
    cover_seen = False
    found = decide(clues, tables, 0)
    for page in document.pages[:MAX_PAGES_READ]:
        lines = [normalise(arabic_years(line.text)) for line in page.lines]
        if not cover_seen and page.number <= _COVER_PAGES and any(map(_is_content, lines)):
            cover_seen = True
            cover, lines = split_cover(lines)
            clues += clues_from_cover(cover, page.number)
        located = _recognised_tables(page)
        tables += [t.kind.code.value for t in located if t.kind.code.value not in tables]
        clues += clues_from_tables(located, page.number)
        clues += [clue for line in lines if (clue := clue_from_line(line, page.number))]
        found = decide(clues, tables, page.number)
        if found.settled:
            break
    return found


# --------------------------------------------------------------------------- decision


def decide(clues: Sequence[Clue], tables: Sequence[str], pages_read: int) -> Identification:
    """Department, year and kind by agreement of the sources (see the module docstring)."""
    department = decide_fact(_votes(clues, "department"))
    if department.value is None:
        department = _with_placeholders(department, clues)
    kind = decide_fact(_votes(clues, "kind"))
    return Identification(
        department=department,
        fiscal_year=decide_fact(_votes(clues, "fiscal_year")),
        kind=kind,
        unit_kind=_unit_kind(clues, kind),
        tables_recognised=tuple(tables),
        pages_read=pages_read,
    )


def decide_fact(votes: dict[Source, str | int]) -> Finding:
    """One fact from each source's vote: weak sources confirm but do not decide."""
    if not votes:
        return Finding(None, note=_NO_EVIDENCE)
    deciding: Counter[str | int] = Counter()
    for source, value in votes.items():
        if source not in WEAK:
            deciding[value] += WEIGHTS[source]
    if not deciding:
        return Finding(
            None,
            note=f"only {_said(votes)}: the metadata Title and the file name cannot decide alone",
        )
    (best, best_weight), *others = deciding.most_common()
    if any(weight == best_weight for _, weight in others):
        return Finding(None, note=f"the evidence disagrees: {_said(votes)}")
    agreeing = tuple(sorted((s for s, v in votes.items() if v == best), key=_ORDER.index))
    weight = sum(WEIGHTS[s] for s in agreeing)
    if weight < DECIDING_WEIGHT:
        return Finding(None, note=f"only {_said(votes)}: one medium source needs another")
    return Finding(best, agreeing, weight, tuple(value for value, _ in others))


def _votes(clues: Iterable[Clue], attribute: str) -> dict[Source, str | int]:
    """Each source's value for ``attribute``: the one it prints most, the first on a tie."""
    counts: dict[Source, Counter[str | int]] = {}
    for clue in clues:
        value = getattr(clue, attribute)
        if value is not None:
            value = value.value if isinstance(value, DocumentKind) else value
            counts.setdefault(clue.source, Counter())[value] += 1
    # most_common keeps first-seen order among equal counts.
    return {source: c.most_common(1)[0][0] for source, c in counts.items()}


def _said(votes: dict[Source, str | int]) -> str:
    by_value: dict[str | int, list[str]] = {}
    for source in sorted(votes, key=_ORDER.index):
        by_value.setdefault(votes[source], []).append(source.value)
    return "; ".join(f"{value} from {', '.join(s)}" for value, s in by_value.items())


def _with_placeholders(department: Finding, clues: Iterable[Clue]) -> Finding:
    """An unknown department, explained by the template placeholder printed, if any."""
    seen: dict[str, list[str]] = {}
    for clue in clues:
        if clue.placeholder and clue.source.value not in seen.setdefault(clue.placeholder, []):
            seen[clue.placeholder].append(clue.source.value)
    if not seen:
        return department
    printed = "; ".join(f"{name} in {', '.join(sources)}" for name, sources in seen.items())
    note = f"a template: it prints the placeholder {printed}, not a department"
    if department.note and department.note != _NO_EVIDENCE:
        note += f" ({department.note})"
    return Finding(None, note=note)


def _unit_kind(clues: Iterable[Clue], kind: Finding) -> str | None:
    """部门 / 单位 as the strongest source printing the decided kind says it."""
    printed = [c for c in clues if c.unit and c.kind is not None and c.kind.value == kind.value]
    printed.sort(key=lambda c: _ORDER.index(c.source))  # stable: page order within a source
    return printed[0].unit if printed else None


# --------------------------------------------------------------------------- messages


def _fact(name: str, finding: Finding) -> str:
    if finding.value is None:
        return f"{name} unknown ({finding.note})"
    return f"{name} {finding.value} from {', '.join(finding.sources)}"


def _who(found: Identification) -> str:
    return "; ".join((_fact("department", found.department), _fact("year", found.fiscal_year)))


def _tables(found: Identification) -> str:
    if not found.tables_recognised:
        return f"no 决算 table recognised on the {found.pages_read} page(s) read"
    return "tables recognised: " + ", ".join(found.tables_recognised)


def _unidentified(found: Identification) -> str:
    facts = [("department", found.department), ("year", found.fiscal_year)]
    facts.sort(key=lambda fact: fact[1].value is not None)  # the unknown one first
    parts = [_fact(name, finding) for name, finding in facts]
    return "; ".join([*parts, _fact("kind", found.kind), _tables(found)])


def _not_a_disclosure(found: Identification) -> str:
    message = (
        "nothing identifies a 决算 (final accounts) disclosure: no 部门决算 / 单位决算 / 决算公开 "
        "title on the cover or in the headings and no 决算 table recognised"
    )
    if found.kind.note and found.kind.note != _NO_EVIDENCE:
        message += f" (kind: {found.kind.note})"
    return message


# --------------------------------------------------------------------------- reading text

_YEAR_TOKEN = re.compile(r"(?<!\d)(20\d{2})(?!\d)(?:年度|年)?")
# A publication date is not the fiscal year (a 2024 决算 is published in 2025).
_DATE = re.compile(
    r"(?<!\d)20\d{2}(?:年\d{1,2}月(?:\d{1,2}日)?|[-./]\d{1,2}[-./]\d{1,2}"
    r"|年[一二三四五六七八九十]{1,2}月(?:[一二三四五六七八九十]{1,3}日)?)"
)
# The genre words: (区级)部门决算公开, 单位预算, 决算表… Never 预决算, never 预算 inside a
# longer word (预算主管部门, 一般公共预算财政拨款): a kind counts only with 部门/单位 before it,
# a title word after it, or at the end of the title.
_KIND_PHRASE = re.compile(
    r"(?:[省市区县]级)?(?P<unit>部门|单位)?(?P<kind>(?<!预)决算|预算(?!决))"
    r"(?P<tail>(?:公开|报告|信息|安排|情况|编制|说明|总表|表)*)"
)
_TITLE_END = re.compile(r"[(（][^)）]*[)）]$|\.pdf$", re.IGNORECASE)
_EDGES = re.compile(r"^(?:年度|年|附件\d*|[-—_·:：,，.。、])+|(?:年度|年|[-—_·:：,，.。、])+$")
_BRACKETED_NOTE = re.compile(r"[(（【\[][^)）】\]]*(?:公开|版|稿|草案|附件)[^)）】\]]*[)）】\]]")
_PLACEHOLDER = re.compile(r"[Xx×＊*○〇某_＿]{2,}")
_NOT_IN_NAME = re.compile(
    r"[0-9A-Za-z,，。；;:：、!！?？%％“”\"'‘’…|/\\《》<>=+*]|的|年度"
    # the words of table titles: 一般公共预算财政拨款支出决算表 is no department (but a
    # 非税收入管理局 is one, so 收入 alone is allowed)
    r"|一般公共预算|财政拨款|政府性基金|国有资本经营|三公经费"
)
_NOT_NAME_START = ("本", "关于", "纳入", "根据", "按照", "其中", "我", "从", "经", "对", "与", "较")
_GENERIC_END = ("级", "部门", "单位", "概况")
_REGION_ONLY = re.compile(
    r"(?:[\u4e00-\u9fff]{1,7}?(?:省|自治区|特别行政区|市|地区|自治州|州|盟|新区|区|县|旗))+"
)
_PAGE_NUMBER = re.compile(r"^[-—–第]*\d{1,3}[-—–页]*$")
_PART = re.compile(r"^第[一二三四五六七八九十\d]{1,3}部分(?P<rest>.*)$")
_NUMBERING = re.compile(
    r"^(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[、.．])"
)
_TOC_TAIL = re.compile(r"(?:[.．…·—-]{2,}.*|(?<=[\u4e00-\u9fff)）])\d{1,3})$")
_TABLE_LABEL = re.compile(r"^公开\d{1,2}表")
_SENTENCE = re.compile(r"[,，。；;:：]")
_ABOUT = re.compile(r"^(?P<name>.+?)(?:概况|主要职能|主要职责|机构设置(?:情况)?)$")
_DOCUMENT_TITLE = re.compile(
    r"(?:部门|单位)(?:(?<!预)决算|预算(?!决))(?:公开|表|编制说明|情况说明|说明)?$"
)
_LABEL_LINE = re.compile(
    r"^(?:公开\d{1,2}表)?(?:部门名称|单位名称|预算主管部门|预算单位|编制部门|编制单位|部门)"
    r"[:：](?P<rest>.+)$"
)
_LABEL_END = re.compile(r"(?<!\d)20\d{2}年度?|[(（]?(?:金额)?单位[:：]|[(（]?万?元[)）]?$")
_BUDGET_TABLE = re.compile(
    r"^(?:(?P<year>20\d{2})年度?)?[^,，。；;:：…]{0,40}?预算(?:总表|表|明细表)$"
)
_NARRATIVE = re.compile(
    r"^(?:本表反映|反映|纳入)?(?P<name>[^\d,，。；;:：、()（）]{0,40}?)(?P<year>20\d{2})年度?"
    r"[^。；;]{0,14}?(?:(?P<unit>部门|单位)(?:汇总)?(?P<k1>(?<!预)决算|预算(?!决))"
    r"|(?P<k2>(?<!预)决算|预算(?!决))总计|总(?P<k3>(?<!预)决算|预算(?!决)))"
)
_ASCII_KINDS = (
    (re.compile(r"budget|yusuan", re.IGNORECASE), DocumentKind.BUDGET),
    (re.compile(r"final[-_ ]?accounts?|juesuan", re.IGNORECASE), DocumentKind.FINAL_ACCOUNTS),
)
_QUOTES = re.compile("[\"'“”‘’「」『』]")


@dataclass(frozen=True, slots=True)
class TitleParts:
    """What a title-like text (cover, heading, metadata Title, file name) says."""

    name: str | None = None
    placeholder: str | None = None
    year: int | None = None
    kind: DocumentKind | None = None
    unit: str | None = None


def parse_title(text: str) -> TitleParts:
    """Name, year and kind of a normalised title such as ``2018年度江苏省高级人民法院预算公开``.

    The name is what is left once the year and the genre words are taken out, so the pieces
    may come in any order; it is read only when the text has a genre word (a title names a
    disclosure), and only if exactly one plausible name is left.
    """
    text = _DATE.sub("|", _TITLE_END.sub("", text))
    years = {int(m.group(1)) for m in _YEAR_TOKEN.finditer(text)}
    year = years.pop() if len(years) == 1 else None
    phrases = [m for m in _KIND_PHRASE.finditer(text) if _is_genre(m, text)]
    if not phrases:
        return TitleParts(year=year)
    last = phrases[-1]
    kind = DocumentKind(last.group("kind"))
    residue = _YEAR_TOKEN.sub("|", text[: last.start()] + "|" + text[last.end() :])
    name, placeholder = _name_in(residue.split("|"))
    return TitleParts(name, placeholder, year, kind, last.group("unit"))


def _is_genre(match: re.Match[str], text: str) -> bool:
    return bool(match.group("unit") or match.group("tail") or match.end() == len(text))


def _name_in(fragments: Iterable[str]) -> tuple[str | None, str | None]:
    """The one plausible name among the fragments, and a placeholder name if one is printed."""
    cleaned = [_clean(f) for f in fragments]
    placeholders = [f for f in cleaned if f and _PLACEHOLDER.search(f)]
    names = {f for f in cleaned if f and f not in placeholders and plausible_name(f)}
    name = names.pop() if len(names) == 1 else None
    return name, (placeholders[0] if placeholders else None)


def _clean(fragment: str) -> str:
    return _EDGES.sub("", _BRACKETED_NOTE.sub("", fragment))


def plausible_name(name: str) -> bool:
    """Whether ``name`` (normalised) can be a department's name as printed."""
    return (
        3 <= len(name) <= 40
        and not _NOT_IN_NAME.search(name)
        and not name.startswith(_NOT_NAME_START)
        and not name.endswith(_GENERIC_END)
        and not _REGION_ONLY.fullmatch(name)
    )


def _named(
    name: str,
    source: Source,
    page: int | None,
    year: int | None = None,
    kind: DocumentKind | None = None,
    unit: str | None = None,
) -> Clue:
    """A clue naming ``name`` if plausible, or its placeholder if it is a template's."""
    name = _clean(name)
    if _PLACEHOLDER.search(name):
        return Clue(source, page, None, year, kind, unit, placeholder=name)
    return Clue(source, page, name if plausible_name(name) else None, year, kind, unit)


def _is_content(line: str) -> bool:
    return bool(line) and not _PAGE_NUMBER.match(line)


def _stops_cover(line: str) -> bool:
    """The cover ends at the 目录, the first 第X部分 heading, a table, or body text."""
    return (
        line == "目录"
        or bool(_PART.match(line) or _TABLE_LABEL.match(line))
        or title_kind(line) is not None
        or _budget_table(line) is not None
        or len(line) > 40
    )


def split_cover(lines: list[str]) -> tuple[list[str], list[str]]:
    """The first page's title lines and the rest; no cover unless they name a kind."""
    content = [line for line in lines if _is_content(line)]
    end = next((i for i, line in enumerate(content) if _stops_cover(line)), len(content))
    cover = content[:end]
    titles = "".join(line for line in cover if not _LABEL_LINE.match(line))
    if not cover or end > _COVER_MAX_LINES or parse_title(titles).kind is None:
        return [], lines
    return cover, content[end:]


def clues_from_cover(cover: list[str], page: int) -> list[Clue]:
    """The cover's title (joined: pieces may be in any order) and any label on it."""
    if not cover:
        return []
    labels = [clue for line in cover if (clue := _label_clue(line, Source.COVER, page))]
    title = parse_title("".join(line for line in cover if not _LABEL_LINE.match(line)))
    # A label (预算主管部门：X) names the department; the title beside it may name the
    # collection (上海市普陀区2025年区级部门预算), so it gives only year and kind then.
    name = None if labels else title.name
    placeholder = None if labels else title.placeholder
    return [
        *labels,
        Clue(Source.COVER, page, name, title.year, title.kind, title.unit, placeholder),
    ]


def clues_from_metadata(title: str | None) -> list[Clue]:
    """The PDF metadata Title, as weak evidence."""
    if not title:
        return []
    parts = parse_title(normalise(arabic_years(title)))
    return [_title_clue(parts, Source.TITLE)]


def clues_from_file_name(file_name: str) -> list[Clue]:
    """The file name, as weak evidence: a Chinese title, or an ASCII name with a year."""
    stem = normalise(arabic_years(Path(file_name).stem))
    parts = parse_title(stem)
    kind = parts.kind or next((k for pattern, k in _ASCII_KINDS if pattern.search(stem)), None)
    parts = TitleParts(parts.name, parts.placeholder, parts.year, kind, parts.unit)
    return [_title_clue(parts, Source.FILE_NAME)]


def _title_clue(parts: TitleParts, source: Source) -> Clue:
    return Clue(source, None, parts.name, parts.year, parts.kind, parts.unit, parts.placeholder)


def clues_from_tables(located: Iterable[LocatedTable], page: int) -> list[Clue]:
    """Each recognised 决算 table: its kind, and a department and year printed before its title
    (阳泉市商务局2023年度收入决算表)."""
    clues = []
    for table in located:
        title = _QUOTES.sub("", normalise(arabic_years(table.title_printed)))
        title = _TABLE_LABEL.sub("", title)
        prefix = next((title[: -len(t)] for t in table.kind.titles if title.endswith(t)), "")
        match = re.fullmatch(r"(?P<name>.*?)(?P<year>20\d{2})年度?", prefix)
        if match and match.group("name"):
            name, year = match.group("name"), int(match.group("year"))
            clues.append(_named(name, Source.TABLES, page, year, DocumentKind.FINAL_ACCOUNTS))
        else:
            year = int(match.group("year")) if match else None
            clues.append(Clue(Source.TABLES, page, None, year, DocumentKind.FINAL_ACCOUNTS))
    return clues


def clue_from_line(line: str, page: int) -> Clue | None:
    """What a normalised body line says: a table label, a heading, a budget table's title, or a
    narrative sentence naming the department and year; None for any other line."""
    if not line:
        return None
    return (
        _label_clue(line, Source.TABLES, page)
        or _heading_clue(line, page)
        or _budget_table(line, page)
        or _narrative_clue(line, page)
    )


def _label_clue(line: str, source: Source, page: int) -> Clue | None:
    """部门名称：阳泉市商务局 2023年度 金额单位：万元, 部门：江苏省政协办公厅 单位：万元 …"""
    match = _LABEL_LINE.match(line)
    if match is None:
        return None
    rest = match.group("rest")
    end = _LABEL_END.search(rest)
    year = _YEAR_TOKEN.search(rest)
    name = rest[: end.start()] if end else rest
    return _named(name, source, page, int(year.group(1)) if year else None)


def _heading_clue(line: str, page: int) -> Clue | None:
    """第二部分 X 2024 年度部门决算表, X概况 / 主要职能 / 机构设置, X2024年度部门决算表."""
    text = _TOC_TAIL.sub("", line)
    part = _PART.match(text)
    if part:
        text = part.group("rest")
    else:
        text = _NUMBERING.sub("", text)
    if about := _ABOUT.match(text):
        clue = _named(about.group("name"), Source.HEADINGS, page)
        return clue if clue.department or clue.placeholder else None
    # Outside a 第X部分 heading, only a short title line (no sentence) names the document.
    is_title = len(text) <= 40 and not _SENTENCE.search(text) and _DOCUMENT_TITLE.search(text)
    if not part and not is_title:
        return None
    title = parse_title(text)
    if title.kind is None:
        return None
    return Clue(
        Source.HEADINGS, page, title.name, title.year, title.kind, title.unit, title.placeholder
    )


def _budget_table(line: str, page: int = 0) -> Clue | None:
    """A budget table's title: 收支预算总表, 2018年政府采购预算表, 一、收支预算总表 …"""
    if "…" in line or "...." in line or line.startswith(("本表", "反映")):
        return None
    text = _TITLE_END.sub("", _TABLE_LABEL.sub("", _NUMBERING.sub("", line)))
    match = _BUDGET_TABLE.match(_QUOTES.sub("", text))
    if match is None:
        return None
    year = int(match.group("year")) if match.group("year") else None
    return Clue(Source.TABLES, page, None, year, DocumentKind.BUDGET)


def _narrative_clue(line: str, page: int) -> Clue | None:
    """江苏省政协办公厅 2019 年度收入、支出预算总计…, 纳入X 2024 年度部门决算编制范围…"""
    if _TOC_TAIL.search(line):  # a 目录 entry, not a sentence
        return None
    match = _NARRATIVE.match(_NUMBERING.sub("", line))
    if match is None:
        return None
    kind = DocumentKind(match.group("k1") or match.group("k2") or match.group("k3"))
    year, unit = int(match.group("year")), match.group("unit")
    if not match.group("name"):
        return Clue(Source.NARRATIVE, page, None, year, kind, unit)
    clue = _named(match.group("name"), Source.NARRATIVE, page, year, kind, unit)
    # A sentence that opens with something else than a name ("较2022年度决算") is not read.
    return clue if clue.department or clue.placeholder else None


def _recognised_tables(page: PageContent) -> list[LocatedTable]:
    """The 决算 tables this page prints (a title and its grid, or 本表无数据), as extraction
    finds them."""
    return [t for t in locate_tables([page]) if t.parts or t.declared_empty]
