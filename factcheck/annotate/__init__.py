"""Stage 4b, annotate: the facts of each sentence, found once, as frozen data.

Between segment and align, every sentence of the article and of each source is annotated with

* its quantities (numbers, dates, vague quantities, with their qualifiers and spans),
* its quotes (spans, closed or not) and its text with the quoted words blanked out,
* its attributions (every speech cue and the speaker next to it) and its main statement,
  the speaker resolved through pronouns and roles to the name given earlier, with the outlet
  that passes the words on kept apart as the reporter,
* its hedges and whether it is in the conditional mood;

and each document with its quotes found per paragraph (a quote may span sentences), each
with its speaker, and the list of its statements (every direct quote and every reported
statement with a speech cue), which the JSON report carries.

Alignment and the analysers read these annotations; none of them looks for a quote, a
number or a speaker again. The modules below depend only on the lexicons and on each other in
one direction: ``quotes`` and ``cues`` first, then ``quantities``, ``statements`` and
``hedges``; nothing here imports an analyser.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from ..models import Segmented, Sentence, Statement
from .hedges import Hedge, conditional_mood, hedges
from .quantities import Quantity, extract
from .quotes import Quote, mask_quotes, quotes
from .statements import (
    Attribution,
    attributions,
    document_speakers,
    refers_back,
    unmask_incises,
)

MIN_QUOTE_WORDS = 3  # shorter quoted phrases are terms or nicknames, not quotes to check


@dataclass(frozen=True)
class Annotation:
    """What one sentence says, beyond its words."""

    quantities: tuple[Quantity, ...]
    quotes: tuple[Quote, ...]  # quotes within the sentence (offsets in its text)
    masked: str  # the text with its quoted words blanked out (same length)
    attributions: tuple[Attribution, ...]  # every cue outside the quotes, in text order
    speaker: Attribution | None  # the main statement's speaker, resolved; None: no cue
    hedges: tuple[Hedge, ...]
    conditional: bool  # in the conditional mood anywhere ("would", « serait »)
    refers_back: bool = False  # only says who said the sentence before (« C'est ce qu'a dit X »)
    quoted_hedges: tuple[Hedge, ...] = ()  # hedges inside its quotes ("… could fail," she said)

    @property
    def quoted_share(self) -> float:
        """The share of the sentence's letters that stand inside its quotes."""
        letters = sum(ch.isalnum() for ch in self.masked) + sum(
            sum(ch.isalnum() for ch in q.text) for q in self.quotes
        )
        inside = sum(sum(ch.isalnum() for ch in q.text) for q in self.quotes)
        return inside / letters if letters else 0.0


@dataclass(frozen=True)
class DocQuote:
    """A quote in a document: its text, the sentence it starts in, its speaker."""

    sentence: Sentence
    text: str
    start: int  # offsets in the document text
    end: int
    speaker: Attribution | None
    language: str
    closed: bool = (
        True  # False: the closing mark is missing (the quote runs to the paragraph's end)
    )

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class Annotated:
    """The annotations of one or more segmented documents (sentence ids are unique)."""

    sentences: Mapping[str, Annotation]
    quotes: tuple[DocQuote, ...] = ()
    statements: tuple[Statement, ...] = ()

    def __getitem__(self, sentence_id: str) -> Annotation:
        return self.sentences[sentence_id]

    def quotes_of(self, prefix: str) -> tuple[DocQuote, ...]:
        """The quotes of the documents whose sentence ids start with prefix ("A", "S")."""
        return tuple(q for q in self.quotes if q.sentence.id.startswith(prefix))


def annotate_sentence(sentence: Sentence, speaker: Attribution | None = None) -> Annotation:
    """The annotation of one sentence on its own (its speaker, which depends on the sentences
    before it, given or None)."""
    text, lang = sentence.text, sentence.language
    found = quotes(text, lang)
    masked = unmask_incises(text, mask_quotes(text, lang, found), lang, found)
    atts = attributions(sentence, masked)
    outside = hedges(text, lang, masked)
    return Annotation(
        quantities=extract(text, lang),
        quotes=tuple(found),
        masked=masked,
        attributions=atts,
        speaker=speaker,
        hedges=tuple(outside),
        conditional=conditional_mood(text, lang),
        refers_back=refers_back(sentence, masked, atts),
        quoted_hedges=tuple(quoted_hedges(text, lang, outside)) if found else (),
    )


def quoted_hedges(text: str, lang: str, outside_quotes: list[Hedge]) -> list[Hedge]:
    """The hedges that stand inside a sentence's quotes (``outside_quotes``: those outside)."""
    outside = Counter(outside_quotes)
    out = []
    for h in hedges(text, lang, text):
        if outside[h]:
            outside[h] -= 1
        else:
            out.append(h)
    return out


def spoken(seg: Segmented) -> list[Sentence]:
    """The sentences that can hold statements: body text and bullets."""
    return [s for s in seg.sentences if s.kind in ("body", "bullet")]


def document_quotes(seg: Segmented, speakers: Mapping[str, Attribution]) -> list[DocQuote]:
    """Quotes of a document, found per block so that a quote may span sentences; each with the
    speaker of its sentence, else of the next sentence in the block ("…," he said.)."""
    doc = seg.document
    out: list[DocQuote] = []
    sentences = spoken(seg)
    for block in doc.blocks:
        if block.kind not in ("paragraph", "bullet"):
            continue
        text = doc.text[block.start : block.end]
        for q in quotes(text, doc.language):
            start, end = block.start + q.start, block.start + q.end
            owner = next((s for s in sentences if s.start <= start < s.end), None)
            if owner is None:
                continue
            speaker = speakers.get(owner.id)
            if speaker is None:
                nxt = next((s for s in sentences if s.start >= end and s.start < block.end), None)
                speaker = speakers.get(nxt.id) if nxt is not None else None
            out.append(DocQuote(owner, q.text, start, end, speaker, doc.language, q.closed))
    return out


def statements_of(
    seg: Segmented, notes: Mapping[str, Annotation], doc_quotes: Iterable[DocQuote]
) -> list[Statement]:
    """Every direct quote, and every reported statement (a sentence with a speech cue and no
    quote), in text order."""
    by_sentence: dict[str, list[DocQuote]] = {}
    for q in doc_quotes:
        by_sentence.setdefault(q.sentence.id, []).append(q)
    out: list[Statement] = []
    for s in spoken(seg):
        own = by_sentence.get(s.id, [])
        for q in own:
            a = q.speaker
            out.append(
                Statement(
                    sentence=s.id,
                    start=q.start - s.start,
                    end=min(q.end, s.end) - s.start,
                    direct=True,
                    quote=q.text,
                    speaker=(a.speaker or None) if a else None,
                    reporter=(a.reporter or None) if a else None,
                    cue=(a.cue or None) if a else None,
                    resolved_from=(a.resolved_from or None) if a else None,
                    closed=q.closed,
                )
            )
        a = notes[s.id].speaker
        if own or a is None or not a.cue:
            continue
        out.append(
            Statement(
                sentence=s.id,
                start=0,
                end=len(s.text),
                direct=False,
                quote=None,
                speaker=a.speaker or None,
                reporter=a.reporter or None,
                cue=a.cue,
                resolved_from=a.resolved_from or None,
            )
        )
    return out


def annotate(seg: Segmented) -> Annotated:
    """Annotate every sentence of a segmented document, and the document's quotes and
    statements."""
    alone = {s.id: annotate_sentence(s) for s in seg.sentences}
    speakers = document_speakers(
        spoken(seg), {sid: (n.attributions, n.masked) for sid, n in alone.items()}
    )
    notes = {sid: replace(n, speaker=speakers.get(sid)) for sid, n in alone.items()}
    doc_quotes = document_quotes(seg, speakers)
    return Annotated(
        notes,
        tuple(doc_quotes),
        tuple(statements_of(seg, notes, doc_quotes)),
    )


def merge(parts: Iterable[Annotated]) -> Annotated:
    """The annotations of several documents as one (their sentence ids never collide)."""
    parts = list(parts)
    sentences: dict[str, Annotation] = {}
    for p in parts:
        sentences.update(p.sentences)
    return Annotated(
        sentences,
        tuple(q for p in parts for q in p.quotes),
        tuple(st for p in parts for st in p.statements),
    )


__all__ = [
    "MIN_QUOTE_WORDS",
    "Annotated",
    "Annotation",
    "Attribution",
    "DocQuote",
    "Hedge",
    "Quantity",
    "Quote",
    "annotate",
    "annotate_sentence",
    "document_quotes",
    "merge",
]
