"""Hedges: how sure a sentence is, and whether the rewrite changed it.

The hedges of each sentence are annotations (:mod:`factcheck.annotate.hedges`); words inside
quotes do not count: a changed quote is the quote analyser's business.

Per aligned pair:

* H100 hedge-dropped: the source sentence the article sentence renders best hedges and the
  article does not (the article is surer than its source), or a number's qualifier is dropped
  ("at least 40" -> "40", "up to" -> none);
* H101 hedge-added: the article hedges a claim the source states plainly (weaker), or adds a
  qualifier to a number.
"""

from __future__ import annotations

import re
from functools import cache

from ..annotate.hedges import WEAK
from ..annotate.statements import fold
from ..findings import make
from ..models import Finding
from ..rules import lexicon
from .numbers import compare

STRICT = {"min", "max", "gt", "lt", "approx"}
ESTIMATES = {"estimate", "closeness"}  # sentence hedges that say what "about 8%" says


def findings(alignment) -> list[Finding]:
    notes = alignment.notes
    art = {s.id: s for s in alignment.article}
    src = {s.id: s for s in alignment.source}
    row = {s.id: i for i, s in enumerate(alignment.article)}
    col = {s.id: j for j, s in enumerate(alignment.source)}
    out: list[Finding] = []
    for bead in alignment.beads:
        if not bead.article or not bead.source:
            continue
        a = art[bead.article[0]]
        ha = list(notes[a.id].hedges)
        main = max(bead.source, key=lambda sid: alignment.score[row[a.id], col[sid]])
        hs = [(main, h) for h in notes[main].hedges]
        if ha and all(h.category == "conditional" for h in ha) and notes[main].conditional:
            ha = []  # the same mood as the source's "would"
        if hs and all(h.category == "conditional" for _, h in hs) and notes[a.id].conditional:
            hs = []
        strong_a = [h for h in ha if h.category != WEAK]
        hs = [(sid, h) for sid, h in hs if h.category != WEAK]
        kept = [  # the hedges of clauses the article renders
            (sid, h) for sid, h in hs if not clause_dropped(alignment, row[a.id], col[sid], h.text)
        ]
        if (
            kept
            and not ha
            and not a.text.rstrip().endswith("?")  # a question asserts nothing
            # "an estimated £2.3m": the article keeps the hedge as the figure's qualifier
            and not any(h.text.casefold() in a.text.casefold() for _, h in kept)
            and not (
                all(h.category in ESTIMATES for _, h in kept)
                and any(q.qualifier == "approx" for q in notes[a.id].quantities)
            )
        ):
            hs = kept
            sid, h = hs[0]
            words = ", ".join(dict.fromkeys(x.text for _, x in hs))
            out.append(
                make(
                    "H100",
                    confidence="medium",
                    message=f"the source hedges this (“{words}”); the article states it as certain",
                    article_sentence=a.id,
                    source_sentence=sid,
                    evidence=(
                        ("direction", "stronger"),
                        ("source_hedge", words),
                        ("article_hedge", "—"),
                    ),
                )
            )
        elif (
            strong_a
            and not notes[main].hedges
            and not qualified(notes[main])
            # "… our engineers say could fail," she said -> "… engineers said could fail": the
            # speaker's own hedge, quoted in the source, reported in the article
            and not {h.category for h in strong_a}
            <= {h.category for h in notes[main].quoted_hedges}
            and not attribution_made_vague(strong_a, notes[main], notes[a.id], a.text)
        ):
            # (a source with any hedge, a weak one too, does not state it plainly)
            words = ", ".join(dict.fromkeys(x.text for x in strong_a))
            out.append(
                make(
                    "H101",
                    confidence="medium",
                    message=f"the article hedges this (“{words}”); the source states it plainly",
                    article_sentence=a.id,
                    source_sentence=main,
                    span=hedge_span(a.text, [x.text for x in strong_a]),
                    evidence=(
                        ("direction", "weaker"),
                        ("article_hedge", words),
                        ("source_hedge", "—"),
                    ),
                )
            )
        out += qualifier_changes(a, [src[sid] for sid in bead.source], notes)
    return out


def attribution_made_vague(hedges_a, source_note, article_note, article_text: str) -> bool:
    """ "Reportedly" for "the minister said": the article's only hedges report, the source names
    its speaker, and the article names no speaker, nor that one in its words ("Nordbahn soll
    ... erzielt haben" for "Nordbahn reported revenue of" hedges the company's own figure): the
    attribution made vague (A101), no hedge added."""
    speaker = source_note.speaker
    return (
        all(h.category == "reported" for h in hedges_a)
        and speaker is not None
        and speaker.named
        and article_note.speaker is None
        and not any(name in fold(article_text) for name in speaker.names)
    )


def hedge_span(text: str, words: list[str]) -> tuple[int, int] | None:
    """The stretch of the sentence from its first hedge word to the end of its last."""
    low = text.lower()
    at = [(k, k + len(w)) for w in words if (k := low.find(w.lower())) >= 0]
    return (min(a for a, _ in at), max(b for _, b in at)) if at else None


def clause_dropped(alignment, i: int, j: int, word: str) -> bool:
    """Whether the clause of source sentence j that holds the hedge word is one article sentence
    i does not render ("..., but new variants could emerge" left out): then the hedge went with
    its claim, which is a partial omission, not a claim made more certain."""
    text = alignment.source[j].text
    at = text.lower().find(word.lower())
    if at < 0:
        return False
    clauses = alignment.source_clauses
    own = clauses.of(j)
    mine = [n for n in own if clauses.spans[n][0] <= at < clauses.spans[n][1]]
    if not mine or len(own) < 2:
        return False
    hedged = clauses.vectors[mine[0]]
    mine_a = alignment.article_clauses.of(i)
    related = max(
        [float(alignment.article_vectors[i] @ hedged)]
        + [float(alignment.article_clauses.vectors[n] @ hedged) for n in mine_a]
    )
    return related < alignment.weak[i, j]


def qualified(note) -> bool:
    """The sentence gives one of its numbers as an estimate ("an estimated 8%", "about 50"):
    not a plain statement that a hedge of the article's weakens ("at least nine" is a bound,
    and the claim stays plain)."""
    return any(q.qualifier == "approx" for q in note.quantities)


@cache
def duration_units(language: str) -> frozenset[str]:
    return frozenset(
        u.lower() for u in lexicon(language).get("numbers", {}).get("duration_units", [])
    )


def is_duration(q, text: str, language: str) -> bool:
    nxt = re.match(r"[\s\u00a0-]*([^\W\d_]+)", text[q.end :])
    return bool(nxt) and nxt.group(1).lower() in duration_units(language)  # type: ignore[union-attr]  # bool(nxt)


def replaced_qualifier(a, qa, source, qs) -> str:
    """The word that took the qualifier's place, in a rewrite in the same language ("a
    magnitude of about 6.8" -> "a magnitude of astir 6.8": a synonym the lexicon does not know,
    as a word spinner writes); "" when the qualifier is gone without a substitute."""
    if a.language != source.language or not qs.qualifier_text:
        return ""
    before_a = a.text[: qa.start].split()
    start = source.text.rfind(qs.qualifier_text, 0, qs.start)
    before_s = source.text[: max(start, 0)].split()
    if not before_a:
        return ""
    word = before_a[-1].strip(",;:")
    if not word.isalpha() or word.lower() == qs.qualifier_text.split()[-1].lower():
        return ""
    # the same word before the slot on both sides (or both open the sentence)
    lead_a = before_a[-2].lower().strip(",;:") if len(before_a) > 1 else ""
    lead_s = before_s[-1].lower().strip(",;:") if before_s else ""
    return word if lead_a == lead_s else ""


def qualifier_changes(a, sources, notes) -> list[Finding]:
    """Numbers that kept their value but lost or gained a qualifier ("at least", "up to")."""
    pooled = [(s.id, q) for s in sources for q in notes[s.id].quantities]
    cmp = compare(notes[a.id].quantities, tuple(q for _, q in pooled))
    owner = {id(q): sid for sid, q in pooled}
    out = []
    for qa, qs in cmp.matched:
        if qa.kind == "vague" or qs.kind == "vague" or qa.qualifier == qs.qualifier:
            continue
        if qa.is_date or qs.is_date:
            continue  # "weniger als 2015" compares with a year; no qualifier bounds a date
        if 0 <= qa.twin < qa.start or 0 <= qs.twin < qs.start:
            continue  # "unos 18 km (11 millas)": the conversion shares its measure's finding
        if is_duration(qa, a.text, a.language) or any(
            is_duration(qs, s.text, s.language) for s in sources if s.id == owner[id(qs)]
        ):
            continue  # "over 12 months", "plus de 65 ans": a span of time or an age
        if qs.qualifier in STRICT and qa.qualifier is None:
            if qs.qualifier == "approx" and any(
                h.category in ESTIMATES for h in notes[a.id].hedges
            ):
                continue  # "an estimated 8%" -> « Se estima que ... el 8 % »: the hedge moved
            code, direction = "H100", "stronger"
        elif qa.qualifier in STRICT and qs.qualifier is None:
            if qa.qualifier == "approx" and qa.value != qs.value:
                continue  # "about 35 km" for 34.8 km: a rounded figure said to be one
            if qa.qualifier == "approx" and any(
                h.category in ESTIMATES for s in sources for h in notes[s.id].hedges
            ):
                continue  # "an estimated cost of £2.3 million" -> "an estimated £2.3m"
            code, direction = "H101", "weaker"
        else:
            continue
        source = next(s for s in sources if s.id == owner[id(qs)])
        other = replaced_qualifier(a, qa, source, qs) if code == "H100" else ""
        out.append(
            make(
                code,
                # "about 18 km" for "18 km" only rounds the figure off: weak ground
                confidence="low"
                if other or (code == "H101" and qa.qualifier == "approx")
                else "high",
                message=(
                    f"the qualifier changed: “{qs.phrase}” in the source, “{qa.phrase}” in the "
                    f"article ({direction})"
                    + (f"; “{other}” stands where the qualifier stood" if other else "")
                ),
                article_sentence=a.id,
                source_sentence=owner[id(qs)],
                span=(qa.start, qa.end),
                evidence=(("direction", direction), ("source", qs.phrase), ("article", qa.phrase)),
            )
        )
    return out
