"""What a figure is about (主题): the words before it, read against the vocabulary by scope.

A subject is named by the words a figure's clause ends with once its measure words, fillers,
remarks and years are taken off; the longest match wins, and a match counts only in the scopes
its words are read in (:data:`ingestion.narrative.vocabulary.TERMS`). A clause that names
nothing inherits the subject of the figure before it (:func:`names_nothing`).
"""

from __future__ import annotations

from dataclasses import dataclass

from ingestion.narrative.figures import (
    SKIP_COUNTED_NOUN,
    SKIP_NO_SUBJECT,
    Figure,
    read_measure,
)
from ingestion.narrative.sentences import ITEM_MARKER
from ingestion.narrative.vocabulary import (
    CLASS_PATH,
    CLASS_PREFIX,
    CLAUSE_BREAK,
    COUNT_SUFFIX,
    ECONOMIC_CLASSES,
    FILLER,
    FUNCTIONAL_CLASSES,
    FUNDS_OF,
    GRADE_AFTER,
    GRADE_BEFORE,
    NO_SUBJECT,
    REMARK,
    TERMS,
    YEAR,
)


@dataclass(frozen=True, slots=True)
class Context:
    """The subject a figure establishes, inherited by the figures that follow it."""

    subjects: tuple[str, ...]
    counted: bool = False
    base: str | None = None


def _class_code(name: str) -> str | None:
    """The 类 code of a name that ends with a 类 name (longest name first)."""
    for known in sorted(FUNCTIONAL_CLASSES, key=len, reverse=True):
        if name.endswith(known):
            return FUNCTIONAL_CLASSES[known]
    return None


def find_subject(words: str, scope: str) -> tuple[int, Context] | None:
    """The subject the words end with, and where it starts; the longest match wins."""
    found: list[tuple[int, Context]] = []
    for term in TERMS:
        if term.scopes and scope not in term.scopes:
            continue
        match = term.pattern.search(words)
        if match:
            base = term.base if term.counted else term.subjects[0]
            if len(term.subjects) > 1:
                base = None
            found.append((match.start(), Context(term.subjects, term.counted, base)))
    prefix = CLASS_PREFIX.get(scope)
    if prefix:
        path = CLASS_PATH.search(words)
        if path:
            code = _class_code(path["cls"])
            if code:
                parts = [p for p in (path["kuan"], path["xiang"]) if p]
                if parts:
                    subject = f"{prefix}.item:{code}/" + "/".join(parts)
                else:
                    subject = f"{prefix}.class:{code}"
                found.append((path.start(), Context((subject,), base=subject)))
        for name, code in FUNCTIONAL_CLASSES.items():
            if _ends_with_class(words, name):
                subject = f"{prefix}.class:{code}"
                found.append((len(words) - len(name), Context((subject,), base=subject)))
    if scope == "basic":
        for name, code in ECONOMIC_CLASSES.items():
            if _ends_with_class(words, name):
                subject = f"basic.econ:{code}"
                found.append((len(words) - len(name), Context((subject,), base=subject)))
    grade = GRADE_BEFORE.search(words)
    if grade:
        subject = f"performance.grade:{grade_of(grade['grade'])}"
        found.append((grade.start(), Context((subject,), counted=True)))
    if not found:
        return None
    return min(found, key=lambda pair: pair[0])


def _ends_with_class(words: str, name: str) -> bool:
    """The words end with a 类 name, and not with a 款 named after it (其他商业服务业等支出)."""
    return words.endswith(name) and not words[: -len(name)].endswith("其他")


def grade_of(printed: str) -> str:
    """The grade a subject is named by: 优秀 and 优 are one grade."""
    return "优" if printed == "优秀" else printed


def subject_words_of(words: str) -> str:
    """The words left for the subject once fillers, remarks and years are taken off."""
    words = YEAR.sub("", words)
    while True:
        trimmed = REMARK.sub("", FILLER.sub("", words))
        if trimmed == words:
            return words
        words = trimmed


def names_nothing(text: str) -> bool:
    """Every clause of ``text`` is only measure words, fillers, years and connectives."""
    text = ITEM_MARKER.sub("", text, count=1)
    for clause in CLAUSE_BREAK.split(text):
        measure_start = read_measure(clause)[3]
        if not NO_SUBJECT.fullmatch(subject_words_of(clause[:measure_start])):
            return False
    return True


def subjects_for(
    kind: str,
    figure: Figure,
    source: Context,
    own: bool,
    trailing: str,
    measure: str | None,
    funds: str | None,
) -> tuple[str, ...] | str:
    """The subjects a figure is about, or the reason it has none."""
    if measure == "funds":
        funded = FUNDS_OF.get(source.subjects[0]) if source.counted else None
        return (funded,) if funded else SKIP_NO_SUBJECT
    if kind == "count":
        if trailing not in ("", "车") and not GRADE_AFTER.match(trailing):
            return SKIP_COUNTED_NOUN
        if own and source.counted:
            return source.subjects
        if source.base:
            return (f"{source.base}.{COUNT_SUFFIX[figure.unit]}",)
        return SKIP_NO_SUBJECT
    if source.counted:
        return (source.base,) if source.base else SKIP_NO_SUBJECT
    return source.subjects
