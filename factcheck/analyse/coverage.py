"""Additions and omissions from the alignment.

* ``C100 unsupported-sentence``: an article sentence that no source sentence (or adjacent pair)
  supports.
* ``C101 unsupported-clause``: a supported sentence with a clause the source does not support.
  A clause is a stretch between commas, dashes or semicolons, or opened by a clause marker from
  the language's ``segment.toml`` ("soulignant", "afin de", "which"). It is added when taking it
  out brings the sentence closer to its source AND the clause on its own resembles no source
  sentence: both tests are relative to the pair at hand, not a fixed cut on one case.
* ``C200 dropped-claim``: a source sentence that no article sentence (or adjacent pair) carries.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

import numpy as np

from .. import embed
from ..align import Alignment, anchor_bonus
from ..annotate.cues import cues
from ..annotate.statements import fold
from ..findings import make
from ..models import Finding, Sentence
from ..rules import lexicon
from . import numbers

CLAUSE_GAIN = 0.02  # removing an added clause must raise similarity to the source this much
CLAUSE_UNRELATED = {"same": 0.55, "cross": 0.50}  # the clause alone resembles no source sentence


def unrelated_confidence(best: float, weak: float) -> str:
    """How sure "nothing renders this" is: high well below the "unrelated" threshold, medium
    just below it, low when the best match is related but under the support threshold."""
    if best >= weak:
        return "low"
    return "high" if best < weak - 0.1 else "medium"


def additions(al: Alignment) -> list[Finding]:
    out: list[Finding] = []
    for i, sentence in enumerate(al.article):
        if al.supported[i]:
            continue
        if not al.source:
            continue
        if al.notes[sentence.id].refers_back:
            continue  # « Ainsi s'est exprimé l'élu »: who said the sentence before, no claim
        if summary_bullet(al, sentence):
            continue  # "Mindestens drei Tote, 41 Verletzte": a key point restating figures
        if split_detail(al, i):
            continue  # "He was 86." after the death it was told with: a detail split off
        j = al.best_source(i)
        best = float(al.score[i, j])
        confidence = unrelated_confidence(best, float(al.weak[i, j]))
        near = al.source[j]
        out.append(
            make(
                "C100",
                confidence=confidence,
                message=(
                    f"no source sentence supports this sentence (closest: {near.id}, "
                    f"similarity {best:.2f}, needed {al.support[i, j]:.2f})"
                ),
                article_sentence=sentence.id,
                evidence=(("closest", near.id), ("score", f"{best:.2f}")),
            )
        )
    return out


SUMMARY_WORDS = 12
SPLIT_DETAIL_WORDS = 12  # a detail split off its sentence is short
SPLIT_DETAIL_FIGURE = 10  # a smaller count alone is no evidence of where the words come from
SPLIT_DETAIL_REACH = 2  # sentences either side where the rest of that sentence is told


def split_detail(al: Alignment, i: int) -> bool:
    """A short sentence whose figures are all those of a source sentence that a neighbouring
    article sentence renders ("... est mort jeudi à l'âge de 86 ans" -> "X died on Thursday.
    He was 86."): the detail was split off that sentence, not added; its words are too few for
    the similarity to find it."""
    sentence = al.article[i]
    mine = al.notes[sentence.id].quantities
    if not mine or len(sentence.text.split()) > SPLIT_DETAIL_WORDS:
        return False
    if all(q.kind == "count" and q.value < SPLIT_DETAIL_FIGURE for q in mine):
        return False  # "Two people were arrested": a small count is in many sentences
    near = {
        j
        for k in range(
            max(0, i - SPLIT_DETAIL_REACH), min(len(al.article), i + SPLIT_DETAIL_REACH + 1)
        )
        if k != i and al.supported[k]
        for j in al.sources_of(k)
    }
    return any(
        len(numbers.compare(mine, al.notes[al.source[j].id].quantities).matched) == len(mine)
        for j in near
    )


def summary_bullet(al: Alignment, sentence: Sentence) -> bool:
    """A short bullet of key points whose every figure is a figure of the source: a summary
    of what the article goes on to tell, not an added claim (its words are too few for the
    similarity to find the sentence it sums up)."""
    if sentence.kind != "bullet" or len(sentence.text.split()) > SUMMARY_WORDS:
        return False
    mine = [q for q in al.notes[sentence.id].quantities if q.kind in ("count", "percent")]
    if not mine:
        return False
    pooled = tuple(q for s in al.source for q in al.notes[s.id].quantities)
    cmp = numbers.compare(tuple(mine), pooled)
    return len(cmp.matched) == len(mine)


def partial_additions(al: Alignment) -> list[Finding]:
    """Supported sentences that carry an added clause (one finding per added clause)."""
    clauses = al.article_clauses
    jobs = [
        n
        for n, i in enumerate(clauses.owner)
        if al.supported[i]
        and not is_attribution(al.article[i], clauses.spans[n])
        and not speaker_tag(al, i, clauses.spans[n])
        and not crosses_quote(al, i, clauses.spans[n])
    ]
    if not jobs:
        return []
    rests = []
    for n in jobs:
        text = al.article[clauses.owner[n]].text
        start, end = clauses.spans[n]
        rests.append((text[:start] + " " + text[end:]).strip(" ,;"))
    rest_vectors = embed.encode(rests)
    pool = np.vstack([al.source_vectors, al.source_clauses.vectors])
    # shared rare names and numbers are evidence for a clause as for a sentence
    pieces = [
        replace(
            al.article[clauses.owner[n]],
            text=al.article[clauses.owner[n]].text[slice(*clauses.spans[n])],
        )
        for n in jobs
    ]
    bonus = anchor_bonus(
        pieces,
        list(al.source),
        [
            tuple(
                q
                for q in al.notes[al.article[clauses.owner[n]].id].quantities
                if clauses.spans[n][0] <= q.start and q.end <= clauses.spans[n][1]
            )
            for n in jobs
        ],
        [al.notes[s.id].quantities for s in al.source],
    )
    out: list[Finding] = []
    for row, (rest_v, n) in enumerate(zip(rest_vectors, jobs, strict=False)):
        i = clauses.owner[n]
        start, end = clauses.spans[n]
        src = al.sources_of(i)
        target = embed.combine(al.source_vectors[src])
        whole = float(al.article_vectors[i] @ target)
        rest = float(rest_v @ target)
        alone = max(
            float(np.max(pool @ clauses.vectors[n])),
            float(np.max(al.source_vectors @ clauses.vectors[n] + bonus[row])),
        )
        same = all(al.article[i].language == al.source[j].language for j in src)
        limit = CLAUSE_UNRELATED["same" if same else "cross"]
        if renders_other(al, i, n, src):
            continue  # the clause is what carries a further source sentence (a merge)
        if quoted_clause(al, i, (start, end)) and any(
            al.notes[al.source[j].id].quotes for j in src
        ):
            continue  # a quote the source sentence quotes too: the quote analysers compare it
        own = [
            q
            for q in al.notes[al.article[i].id].quantities
            if start <= q.start and q.end <= end and not (q.kind == "count" and q.value < 3)
        ]
        near = {k for j in src for k in (j - 1, j, j + 1) if 0 <= k < len(al.source)}
        if any(
            numbers.same(q, qs)
            for q in own
            for k in near
            for qs in al.notes[al.source[k].id].quantities
        ):
            continue  # "künftig soll es 96 Planstellen geben": the figure is the source's
        if rest - whole >= CLAUSE_GAIN and alone < limit:
            clause = al.article[i].text[start:end]
            out.append(
                make(
                    "C101",
                    confidence="high" if alone < limit - 0.1 else "medium",
                    message=(
                        f"the clause “{clause}” is not in the source (closest source wording "
                        f"{alone:.2f}); the rest of the sentence matches "
                        f"{', '.join(al.source[j].id for j in src)}"
                    ),
                    article_sentence=al.article[i].id,
                    source_sentence=al.source[src[0]].id,
                    source_sentences=tuple(al.source[j].id for j in src),
                    span=(start, end),
                    evidence=(("added", clause), ("clause_similarity", f"{alone:.2f}")),
                )
            )
    return out


def renders_other(al: Alignment, i: int, n: int, bead: list[int]) -> bool:
    """Whether clause n of article sentence i is the part of it that renders a source sentence
    it carries besides its bead's, through a clause or a merge the beads did not take ("…, and
    an appeal for witnesses has been issued" carrying « Un appel à témoins a été lancé. »): of
    the sentence's clauses, the closest to that source sentence and related to it, or one whose
    words that source sentence holds, in the same language (« au cœur de l'enquête »)."""
    sid = al.article[i].id
    mine = al.article_clauses.of(i)
    start, end = al.article_clauses.spans[n]
    words = set(content_words(al.article[i].text[start:end]))
    for k, s in enumerate(al.source):
        if k in bead or sid not in al.carriers.get(s.id, ()):
            continue
        sims = {c: float(al.article_clauses.vectors[c] @ al.source_vectors[k]) for c in mine}
        if max(sims, key=sims.__getitem__) == n and sims[n] >= al.weak[i, k]:
            return True
        if words and s.language == al.article[i].language and words <= set(content_words(s.text)):
            return True
    return False


TAG_LEFTOVER = 1  # content words a speaker tag may hold besides its cue and speaker
APPOSITION_WORDS = 5  # content words of a role set off by a comma next to the speaker's name


def content_words(text: str) -> list[str]:
    """The words of text longer than three letters, folded, elisions cut (« l'opposition »)."""
    out = []
    for w in re.findall(r"[^\W\d_][\w’'-]*", text):
        w = re.sub(r"^\w{1,2}['’]", "", w)
        if len(w) > 3:
            out.append(fold(w))
    return out


def crosses_quote(al: Alignment, i: int, span: tuple[int, int]) -> bool:
    """A clause cut across a quote's marks ("describing him as a 'melancholic" of "… a
    'melancholic, popular, secretive' figure"): a piece of the quote, which the quote analysis
    compares with the source's, not a clause of the article's own."""
    start, end = span
    return any(
        (start < q.start < end) != (start < q.end <= end) for q in al.notes[al.article[i].id].quotes
    )


def speaker_tag(al: Alignment, i: int, span: tuple[int, int]) -> bool:
    """A clause that only says who speaks: the cue and the speaker of a statement of the
    sentence (« », declaró la directora dimisionaria), or a role set off by a comma next to the
    speaker's name ("El presidente del patronato, Roland Pettifer, afirmó"). Who speaks is the
    attribution analysers' question, not a claim the source lacks."""
    note = al.notes[al.article[i].id]
    atts = [a for a in (*note.attributions, note.speaker) if a is not None and a.speaker]
    if not atts:
        return False
    text = al.article[i].text
    masked = note.masked[slice(*span)]
    words = content_words(masked)
    if not words:
        return False
    said = {w for a in atts for w in content_words(f"{a.cue} {a.speaker} {a.resolved_from}")}
    if sum(w not in said for w in words) <= TAG_LEFTOVER:
        return True
    if (
        len(words) > APPOSITION_WORDS
        or any(span[0] <= q.start < span[1] for q in note.quantities)
        or marker_re(al.article[i].language).match(text, span[0])
    ):
        return False  # a figure, or a clause of its own ("um den Standort zu stärken")
    for a in atts:
        for m in re.finditer(rf"\b{re.escape(a.speaker)}\b", text):
            before = m.start() >= span[1] and re.fullmatch(
                r"[\s,]*(?:\w{1,3}\s+)?", text[span[1] : m.start()]
            )
            after = m.end() <= span[0] and re.fullmatch(r"[\s,]*", text[m.end() : span[0]])
            if before or after:
                return True
    return False


QUOTED_CLAUSE = 0.6  # share of a clause's letters inside quote marks that makes it a quote


def quoted_clause(al: Alignment, i: int, span: tuple[int, int]) -> bool:
    """Whether a clause of article sentence i stands mostly inside quote marks."""
    text = al.article[i].text[slice(*span)]
    masked = al.notes[al.article[i].id].masked[slice(*span)]
    letters = sum(ch.isalnum() for ch in text)
    outside = sum(ch.isalnum() for ch in masked)
    return letters > 0 and (letters - outside) / letters >= QUOTED_CLAUSE


@cache
def marker_re(language: str) -> re.Pattern[str]:
    from ..rules import phrase_pattern

    markers = lexicon(language)["segment"].get("clause_markers", [])
    return phrase_pattern(markers) or re.compile(r"(?!)")


@cache
def opener_re(language: str) -> re.Pattern[str] | None:
    from ..rules import phrase_pattern

    return phrase_pattern(lexicon(language)["segment"].get("attribution_openers", []))


def is_attribution(sentence: Sentence, span: tuple[int, int]) -> bool:
    """A clause that opens with an attribution ("selon X", "according to X"), or that is what
    a speech verb right before it reports ("sagte aber, man werde nicht zahlen")."""
    pattern = opener_re(sentence.language)
    if pattern and pattern.match(sentence.text, span[0]):
        return True
    before = sentence.text[max(0, span[0] - 30) : span[0]].rstrip(" ,:")
    c = cues(sentence.language)
    last = before.split()[-3:]
    tail = " ".join(last)
    return any(
        p is not None and any(m.end() >= len(tail) - 6 for m in p.finditer(tail))
        for p in (c.verbs, c.verbs_that)
    )


INTRO_WORDS = 8  # a line this short that ends with a colon introduces what follows


def introduces(text: str) -> bool:
    """'This is what they are saying:', 'Key facts:': a short line ending with a colon opens a
    list or a quote; its claim, if any, is in what follows."""
    return text.rstrip().endswith(":") and len(text.split()) <= INTRO_WORDS


def omissions(al: Alignment) -> list[Finding]:
    out: list[Finding] = []
    for j, sentence in enumerate(al.source):
        if al.carried[j] or sentence.kind not in ("body", "bullet"):
            continue
        if not al.article:
            continue
        if al.notes[sentence.id].refers_back and j > 0 and al.carried[j - 1]:
            # „Das teilte die Familie am Dienstag mit.“ after a carried sentence: who said it,
            # no claim of its own (whether the article kept the attribution is A101's question)
            continue
        if introduces(sentence.text):
            continue  # "This is what they are saying:": it opens what follows
        i = al.best_article(j)
        best = float(al.score[i, j])
        confidence = unrelated_confidence(best, float(al.weak[i, j]))
        out.append(
            make(
                "C200",
                confidence=confidence,
                message=(
                    f"the article does not carry this source sentence (closest: "
                    f"{al.article[i].id}, similarity {best:.2f})"
                ),
                source_sentence=sentence.id,
                evidence=(("closest", al.article[i].id), ("score", f"{best:.2f}")),
            )
        )
    return out
