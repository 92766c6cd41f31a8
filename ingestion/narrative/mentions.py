"""Where the text names its department (部门名称): part headings and narrative openers.

DOC-IDENTITY compares these names with the cover's, so a document filed under the wrong
department is caught by its own words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingestion.narrative.sentences import (
    CN_NUMERAL,
    LEVEL1,
    PART_HEADING,
    NarrativePage,
    document_lines,
)
from ingestion.records import NarrativeClaim

# A heading or sentence that names the department: 第N部分 <name>[年度][部门]决算… / 概况, or
# <name>20XX年度… at the start of a narrative line. The name has no digits and no punctuation.
_NAME = r"(?P<name>[^\d，。；;:：、,\s]{3,40}?)"
_YEAR_WORDS = r"(?:(?:20\d{2}|[〇零一二三四五六七八九]{4})年度?)"
# A heading is the whole line (a table of contents adds dots and a page number; a wrapped one
# may lose its last characters): "…年度部门决算编制范围" inside a sentence is none.
_NAMED_HEADING = re.compile(
    rf"^(?:第[{CN_NUMERAL}]+部分)?{_NAME}{_YEAR_WORDS}?(?:部门|单位)?"
    r"(?:决算(?:表|情况(?:说明)?|公开)?|概况)[.…·\s\d]*$"
)
# Words that make the name the object of a sentence (反映<name>…, 纳入<name>…), not its subject.
_GOVERNING_VERB = re.compile(r"^(?:反映|纳入|包括|根据|按照|依据|关于)")
_NAMED_OPENER = re.compile(rf"^{_NAME}{_YEAR_WORDS}(?:收入|支出|财政拨款|一般公共预算)")
_OWN_LEVEL = re.compile(r"[（(]本级[)）]$")
_ORGANISATION = re.compile(
    r"(?:局|部|厅|委|委员会|办|办公室|院|会|中心|所|站|馆|队|处|室|校|学|园|社|团|府|署|宫|台|库|场|行)$"
)


def department_mentions(pages: Sequence[NarrativePage], document_id: str) -> list[NarrativeClaim]:
    """Where the text names the department (部门名称): part headings and narrative openers.

    "第一部分 中共上海市普陀区委社会工作部概况", "…2024年度部门决算情况说明" and a sentence that
    opens with the name before its year ("阳泉市商务局2023年度收入总计…") name the department the
    document is about. Each becomes a claim of kind ``department_name`` (subject
    ``document.department``, no value, the name as ``printed``) that DOC-IDENTITY compares with
    the cover's. Only names that end like an organisation (局, 部, 委员会, 中心 …) are kept: a
    heading that names no one ("第一部分 概况") or a table of contents line gives nothing.
    """
    mentions: list[NarrativeClaim] = []
    seen: set[tuple[int, bool, str]] = set()
    lines = document_lines(pages)
    for index, line in enumerate(lines):
        heading = _NAMED_HEADING.match(line.key)
        # A sentence opener only where a sentence starts: "纳入<name>2024年度…" inside one names
        # the department as the object of something else.
        previous = lines[index - 1].key if index else "。"
        opens = previous.endswith(("。", ";")) or bool(
            PART_HEADING.match(previous) or LEVEL1.match(previous)
        )
        match = heading or (_NAMED_OPENER.match(line.key) if opens else None)
        if match is None:
            continue
        name = _OWN_LEVEL.sub("", line.text[match.start("name") : match.end("name")])
        if not _ORGANISATION.search(name) or _GOVERNING_VERB.match(name):
            continue
        if (line.page, bool(heading), name) in seen:
            continue
        seen.add((line.page, bool(heading), name))
        mentions.append(
            NarrativeClaim(
                document_id=document_id,
                page=line.page,
                section="heading" if heading else "narrative",
                sentence=line.text,
                claim_kind="department_name",
                subject="document.department",
                value=None,
                unit="",
                direction=None,
                printed=name,
                refers_table=None,
                refers_row=None,
                refers_column=None,
            )
        )
    return mentions
