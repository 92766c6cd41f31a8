"""Reading the narrative (情况说明) of one document: its sentences, figure by figure, to claims.

Each figure's subject is read inside its own clause (between ，：、 and the previous figure). A
clause that names no subject and says nothing else (", 占比48.52%", "，下降84.05%",
"比2022年减少…") takes the subject of the figure before it in the same sentence, and only if
every word in between names nothing either (after "其中：某某资金500万元，" a bare "占比…" is
about that unknown thing, so it is left out). The first sentence of a numbered item
(1、一般公共服务支出 … / 1、…（类）…（款）…（项）。) names the subject of the item's later
sentences ("。较2022年决算减少95.05万元" is the 类's change). Nothing after 主要原因 / 原因是 /
主要是 in a sentence is read: explanations cite other things (两笔公务接待费，合计980元 …).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ingestion.narrative.binding import build_claim, claim_kind
from ingestion.narrative.figures import (
    SKIP_BARE_PERCENT,
    SKIP_EXPLANATION,
    SKIP_MEASURE,
    SKIP_NO_SUBJECT,
    SKIP_UNCLEAR_SUBJECT,
    Figure,
    counted_noun,
    find_figures,
    read_measure,
    skip_reason,
)
from ingestion.narrative.sentences import (
    ITEM_MARKER,
    NarrativePage,
    Sentence,
    document_lines,
    narrative_span,
    split_sentences,
)
from ingestion.narrative.subjects import (
    Context,
    find_subject,
    grade_of,
    names_nothing,
    subject_words_of,
    subjects_for,
)
from ingestion.narrative.vocabulary import CLAUSE_BREAK, EXPLANATION, GRADE_AFTER, NO_SUBJECT
from ingestion.records import NarrativeClaim


@dataclass(frozen=True, slots=True)
class SkippedFigure:
    """A number in the narrative that is deliberately not a claim, with the reason."""

    page: int
    section: str
    sentence: str
    printed: str
    reason: str


@dataclass(slots=True)
class NarrativeReading:
    """The narrative part of one document: its claims and the numbers left out."""

    found: bool  # a narrative part (情况说明) was recognised
    claims: list[NarrativeClaim] = field(default_factory=list)
    skipped: list[SkippedFigure] = field(default_factory=list)


def parse_narrative(pages: Sequence[NarrativePage], document_id: str) -> list[NarrativeClaim]:
    """Every figure the 情况说明 states, one :class:`NarrativeClaim` each, in printed order.

    An empty list when the document has no recognisable narrative part.
    """
    return read_narrative(pages, document_id).claims


def read_narrative(pages: Sequence[NarrativePage], document_id: str) -> NarrativeReading:
    """The claims of :func:`parse_narrative` together with the numbers left out and why."""
    lines = document_lines(pages)
    span = narrative_span(lines)
    if span is None:
        return NarrativeReading(found=False)
    start, end, title = span
    reading = NarrativeReading(found=True)
    leads: dict[int, Context] = {}
    for sentence in split_sentences(lines[start:end], title):
        _read_sentence(sentence, document_id, leads, reading)
    return reading


def _read_sentence(
    sentence: Sentence,
    document_id: str,
    leads: dict[int, Context],
    reading: NarrativeReading,
) -> None:
    key = sentence.key
    explanation = EXPLANATION.search(key)
    stop = explanation.start() if explanation else len(key)
    context: Context | None = None
    context_end = 0  # where the figure that established the context ends
    clause_start = 0  # where the words of the next figure may start

    def skip(figure: Figure, reason: str) -> None:
        reading.skipped.append(
            SkippedFigure(
                page=sentence.pages[figure.start],
                section=sentence.section,
                sentence=sentence.text,
                printed=figure.printed + figure.unit,
                reason=reason,
            )
        )

    figures = find_figures(sentence)
    if sentence.first_in_item and sentence.item is not None:
        # "1、一般公共服务支出（类）社会工作事务（款）行政运行（项）。": a first sentence that is
        # only a subject names the subject of the item's later sentences.
        words = subject_words_of(ITEM_MARKER.sub("", key, count=1).rstrip("。;"))
        found = find_subject(words, sentence.scope)
        if found and found[0] == 0:
            leads[sentence.item] = found[1]
    for figure in figures:
        reason = skip_reason(figure, key)
        if reason is None and figure.start >= stop:
            reason = SKIP_EXPLANATION
        if reason is not None:
            skip(figure, reason)
            continue  # a skipped number does not end the words of the next figure
        breaks = [m.end() for m in CLAUSE_BREAK.finditer(key, clause_start, figure.start)]
        words = key[max([clause_start, *breaks]) : figure.start]
        clause_start = figure.end
        if figure.same:
            measure, direction, funds, measure_start = "change", "same", None, len(words)
            kind: str | None = "change_amount"
        else:
            measure, direction, funds, measure_start = read_measure(words)
            kind = claim_kind(measure, funds, figure.unit)
            if kind is None:
                bare = figure.unit == "%" and measure is None
                skip(figure, SKIP_BARE_PERCENT if bare else SKIP_MEASURE)
                continue
        subject_words = subject_words_of(words[:measure_start])
        # "13个项目自评等级为“优”": a count can name what it counts after the number.
        trailing = counted_noun(key, figure) if kind == "count" else ""
        grade = GRADE_AFTER.match(trailing)
        if grade:
            subject = f"performance.grade:{grade_of(grade['grade'])}"
            own: Context | None = Context((subject,), counted=True)
        else:
            found = find_subject(subject_words, sentence.scope)
            own = found[1] if found else None
        if own is None and not NO_SUBJECT.fullmatch(subject_words):
            skip(figure, SKIP_UNCLEAR_SUBJECT)
            continue
        inherited = context
        if inherited is None and sentence.item is not None and not sentence.first_in_item:
            inherited = leads.get(sentence.item)
        # Inherit only across words that name nothing: after "某某专项资金500万元，" or
        # "公务接待费支出决算为零，", a bare "占比…" is about that, not the subject before it.
        if own is None and not names_nothing(key[context_end : figure.start]):
            inherited = None
        source = own or inherited
        if source is None:
            skip(figure, SKIP_NO_SUBJECT)
            continue
        subjects = subjects_for(kind, figure, source, own is not None, trailing, measure, funds)
        if isinstance(subjects, str):
            skip(figure, subjects)
            continue
        context_end = figure.end + len(trailing)
        if own is not None:
            context = own
            if sentence.item is not None and sentence.item not in leads:
                leads[sentence.item] = own
        for subject in subjects:
            reading.claims.append(
                build_claim(document_id, sentence, figure, kind, subject, direction)
            )
