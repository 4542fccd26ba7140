"""What changed in the numbers, quantities and dates between an article sentence and the
source sentences it renders (the quantities themselves are annotations:
:mod:`factcheck.annotate.quantities`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache

from ..annotate.cues import cues
from ..annotate.quantities import FAMILY, RANGE_WORDS, Quantity, number_lexicon, time_zone
from ..annotate.statements import cue_end
from ..rules import lexicon, phrase_pattern

# -- comparison -----------------------------------------------------------------------------


def vague_range(q: Quantity) -> tuple[float, float]:
    return q.value, q.value * 1000 if q.value >= 1000 else q.value * 10


def same(a: Quantity, b: Quantity) -> bool:
    """Whether two quantities state the same thing (qualifiers aside)."""
    if a.kind == b.kind == "vague":
        return a.value == b.value
    if {a.kind, b.kind} == {"vague", "count"}:
        vague, count = (a, b) if a.kind == "vague" else (b, a)
        low, high = vague_range(vague)
        return low <= count.value < high
    if a.kind == b.kind:
        if a.kind in ("count", "percent"):
            if a.value == b.value:
                return True
            tolerance = 0.1 if "approx" in (a.qualifier, b.qualifier) else 0.005
            return abs(a.value - b.value) <= tolerance * max(abs(a.value), abs(b.value))
        return a.value == b.value
    if {a.kind, b.kind} == {"year", "count"}:
        return a.value == b.value
    if {a.kind, b.kind} == {"date", "month"}:
        date, month = (a, b) if a.kind == "date" else (b, a)
        return int(date.value) // 100 == month.value
    return False


FAR = 3.0  # values more than e**3 (about 20) times apart are different facts, not one changed


def distance(a: Quantity, b: Quantity) -> float:
    """How far apart two comparable quantities are: 0 for the same, larger further apart; a
    different kind (vague against a count) counts a little more."""
    kind = 0.0 if a.kind == b.kind else 0.5
    if transposed(a, b):
        return 0.5  # "since 1964" -> "depuis 1946": the same digits in another order
    if a.kind in ("count", "percent", "vague") and a.value > 0 and b.value > 0:
        return abs(math.log(a.value / b.value)) + kind
    if a.kind == b.kind == "year":
        return min(abs(a.value - b.value) / 5, FAR)
    return 1.0 + kind  # months, dates, weekdays, times: changed or not


def near_variant(q: Quantity, matched) -> bool:
    """Whether a count lies within two (or 5%) of another count of its sentence that matches
    the source exactly ("62 passengers at first, then 61")."""
    return q.kind == "count" and any(
        a.kind == "count" and 0 < abs(q.value - a.value) <= max(2.0, 0.05 * a.value)
        for a, _ in matched
    )


def transposed(a: Quantity, b: Quantity) -> bool:
    """Two figures of one kind written with the same digits in another order (1964 and 1946,
    12 and 21): a slip or a change of one fact, never two facts."""
    if a.kind != b.kind or a.kind not in ("count", "year") or a.value == b.value:
        return False
    da, db = re.sub(r"\D", "", a.text), re.sub(r"\D", "", b.text)
    return len(da) >= 2 and da != db and sorted(da) == sorted(db)


def small_word(q: Quantity) -> bool:
    """'the two nations', 'one of', 'les deux pays': a number word below three, which is more
    often a determiner than a count anyone would change."""
    return q.kind == "count" and q.value < 3 and not any(ch.isdigit() for ch in q.text)


def far(a: Quantity, b: Quantity) -> float:
    """How far apart two values may be and still be one changed fact: a small number word
    pairs only with a value of its size (two -> three, never two -> 27)."""
    if small_word(a) or small_word(b):
        return math.log(3)
    if a.kind in ("count", "percent") and b.kind in ("count", "percent"):
        return COUNT_FAR
    return FAR


# two exact figures more than six times apart are two facts ("a 736-seat parliament" and "47
# seats above the majority"); every changed figure labelled in the development set, and on the
# real pages read, is within a factor of three; vague amounts ("thousands" -> "hundreds") may
# move further
COUNT_FAR = math.log(6)


def comparable(a: Quantity, b: Quantity) -> bool:
    """Of one family, and measuring the same thing: 170 km is no changed count of 290 dead."""
    return FAMILY[a.kind] == FAMILY[b.kind] and a.dimension == b.dimension


@dataclass(frozen=True)
class Comparison:
    matched: tuple[tuple[Quantity, Quantity], ...]  # (article, source), same value
    changed: tuple[tuple[Quantity, Quantity], ...]  # (article, source), different value
    dropped: tuple[Quantity, ...]  # source quantities with no counterpart
    added: tuple[Quantity, ...]  # article quantities with no counterpart


def compare(article: tuple[Quantity, ...], source: tuple[Quantity, ...]) -> Comparison:
    left = list(article)
    right = list(source)
    matched = []
    # equal values pair first with the one that has the same qualifier and unit ("etwa zwei
    # Kilometer" with "about two kilometres", not with "the two wolves" before it), and a figure
    # with a figure before a vague quantity ("killing 36" with "at least 36", not with "dozens")
    for exact, alike in ((True, True), (True, False), (False, True), (False, False)):
        for a in list(left):
            for s in right:
                if (
                    same(a, s)
                    and (not exact or (a.kind == "vague") == (s.kind == "vague"))
                    and (not alike or (a.qualifier == s.qualifier and a.dimension == s.dimension))
                ):
                    matched.append((a, s))
                    left.remove(a)
                    right.remove(s)
                    break
    matched.sort(key=lambda p: p[0].start)
    changed = []
    pairs = sorted(
        (
            (distance(a, s), n, m)
            for n, a in enumerate(left)
            for m, s in enumerate(right)
            if comparable(a, s)
            and distance(a, s) < far(a, s)
            and converts(a) == converts(s)  # a sum with a sum, its conversion with a conversion
        ),
        key=lambda x: x[:2],
    )
    used_a: set[int] = set()
    used_s: set[int] = set()
    for _, n, m in pairs:  # the closest values pair first: 9 -> 12 rather than 9 -> 2,000
        if n not in used_a and m not in used_s:
            used_a.add(n)
            used_s.add(m)
            changed.append((left[n], right[m]))
    changed.sort(key=lambda p: p[0].start)
    left = [a for n, a in enumerate(left) if n not in used_a]
    right = [s for m, s in enumerate(right) if m not in used_s]
    return Comparison(tuple(matched), tuple(changed), tuple(right), tuple(left))


BETTER_RENDERING = 0.1  # a bead this much stronger renders a source sentence in its own right


def other_rendering(beads, bead, sid: str) -> float:
    """The best score with which another bead renders source sentence sid; -1 when none
    does."""
    return max(
        (other.score for other in beads if other is not bead and sid in other.source),
        default=-1.0,
    )


BARELY = 0.03  # a rendering this close to the "supported" threshold is barely one


def converts(q: Quantity) -> bool:
    """Whether a quantity gives the one before it in other units ("(around $20,500)")."""
    return 0 <= q.twin < q.start


def sum_of_parts(
    qa: Quantity, qs: Quantity, article: tuple[Quantity, ...], source: tuple[Quantity, ...]
) -> bool:
    """A count given in parts on one side and as their sum on the other ("367 passengers and
    twelve crew" against "379 passengers and crew"): no changed number. The other part is one
    the other side lacks (``article``: the article's unpaired quantities, ``source``: the
    source's), not a figure both give ("11 against, two abstained" is no "13")."""
    if qa.kind != "count" or qs.kind != "count":
        return False
    return any(
        q is not qa and q.kind == "count" and qa.value + q.value == qs.value for q in article
    ) or any(q is not qs and q.kind == "count" and qs.value + q.value == qa.value for q in source)


# -- findings -------------------------------------------------------------------------------

DETAIL_KINDS = ("count", "percent", "date", "vague", "time", "month", "year", "weekday")


def findings(alignment) -> list:
    """N100/N101 for quantities changed between an article sentence and the source sentences it
    renders; C201 for quantities of a carried source sentence that none of its renderings has."""
    from ..findings import make

    art = {s.id: s for s in alignment.article}
    notes = alignment.notes
    article_q = {s.id: notes[s.id].quantities for s in alignment.article}
    source_q = {s.id: notes[s.id].quantities for s in alignment.source}
    out = []
    changed_source: set[tuple[str, int]] = set()
    changed_values: set[tuple[str, float]] = set()  # a changed value is not also a dropped one
    renderers: dict[str, list[str]] = {}
    rows = {s.id: i for i, s in enumerate(alignment.article)}
    col = {s.id: j for j, s in enumerate(alignment.source)}
    src = {s.id: s for s in alignment.source}
    for bead in alignment.beads:
        if not bead.article or not bead.source:
            continue
        a = art[bead.article[0]]
        for sid in bead.source:
            renderers.setdefault(sid, []).append(a.id)
        pooled = [(sid, q) for sid in bead.source for q in source_q[sid]]
        cmp = compare(article_q[a.id], tuple(q for _, q in pooled))
        owner = {id(q): sid for sid, q in pooled}
        row = rows[a.id]
        for qa, qs in cmp.changed:
            changed_source.add((owner[id(qs)], qs.start))
            changed_values.add((FAMILY[qs.kind], qs.value))
            if sum_of_parts(qa, qs, cmp.added, cmp.dropped):
                continue  # "367 passengers and 12 crew" for "379 passengers and crew"
            if converts(qa):
                continue  # "(NZ$54,679)" for "(around $32,350)": a conversion, not a figure
            if year_of_date(qs, source_q[owner[id(qs)]], cmp.matched) and not dated(
                qa, article_q[a.id]
            ):
                continue  # "26/09/2019" for "Thursday (Sep 26)": the date kept, its year unsaid
            code = "N101" if qa.is_date or qs.is_date else "N100"
            j = col[owner[id(qs)]]
            other = other_rendering(alignment.beads, bead, owner[id(qs)])
            # in a merge, a source sentence that alone does not render the article sentence is
            # weak ground for a changed number ("one of three men" against "two finals")
            weak = (
                (len(bead.source) > 1 and alignment.score[row, j] < alignment.support[row, j])
                # a leftover pair, related but below support: the figure may be another fact
                or (
                    bead.method == "leftover"
                    and alignment.score[row, j] < alignment.support[row, j] + LEFTOVER_MARGIN
                )
                # the source sentence is rendered far better by another article sentence: this
                # one may tell another event of the story (the launch, not the landing)
                or other > bead.score + BETTER_RENDERING
                # barely a rendering of a source sentence another article sentence renders
                # better: « une autre fraude présumée en 2018 » against the 2023 trial
                or (
                    alignment.score[row, j] < alignment.support[row, j] + BARELY
                    and other > bead.score
                )
                or counts_apart(qa, a, qs, src[owner[id(qs)]])
                or chronology(qa, article_q[a.id], pooled)
                # "las dos mayores entidades" against "1 UBS share": a number word that is more
                # often a determiner, against a figure
                or (small_word(qa) or small_word(qs))
                and qa.text[:1].isdigit() != qs.text[:1].isdigit()
                # "am Dienstag verhängt" against "voted Wednesday to lift the law imposed the
                # evening before": two days in one sentence
                or qa.kind in ("weekday", "date")
                and (
                    day_apart(a.text, a.language)
                    or day_apart(src[owner[id(qs)]].text, src[owner[id(qs)]].language)
                )
                # "15h20 GMT" against "12:20am" (Japan's time): the same moment, other clocks
                or time_zone(a.text, qa) != time_zone(src[owner[id(qs)]].text, qs)
                or listed_elsewhere(qa, article_q[a.id], qs, tuple(q for _, q in pooled))
                or in_range(qa, article_q[a.id], a.text)
                != in_range(qs, source_q[owner[id(qs)]], src[owner[id(qs)]].text)
                # "the website said on Thursday" against "found Wednesday": when it was told,
                # not when it happened
                or said_when(qa, notes[a.id], a.language)
                != said_when(qs, notes[owner[id(qs)]], src[owner[id(qs)]].language)
                # "won the Oscar in 1981" against "Ordinary People (1980)": a work's year
                or work_year(qa, a.text) != work_year(qs, src[owner[id(qs)]].text)
                # "20%" against "higher than 10%": a figure within the other's bound is
                # unsupported, not contradicted
                or within_bound(qa, qs)
                or within_bound(qs, qa)
                # "62 on board at first, 61 dead after": the article's figure is a near variant
                # of one it gives as the source does, not a change of a third figure
                or near_variant(qa, cmp.matched)
            )
            out.append(
                make(
                    code,
                    confidence="low" if weak else "high" if qa.kind == qs.kind else "medium",
                    message=f"“{qa.text}” in the article, “{qs.text}” in the source",
                    article_sentence=a.id,
                    source_sentence=owner[id(qs)],
                    span=(qa.start, qa.end),
                    evidence=(("article", qa.text), ("source", qs.text)),
                )
            )
    everywhere = [(i, q) for i, a in enumerate(alignment.article) for q in article_q[a.id]]
    for j, sentence in enumerate(alignment.source):
        if not alignment.carried[j]:
            continue  # a dropped sentence is an omission of its own
        readers = (
            list(alignment.carriers.get(sentence.id, ()))
            or renderers.get(sentence.id)
            or [alignment.article[alignment.best_article(j)].id]
        )
        dropped = []
        read = [qa for r in readers for qa in article_q.get(r, ())]
        lead = dateline_end(sentence.text)
        for qs in source_q[sentence.id]:
            if qs.start < lead:
                continue  # "PUERTO LEVA, Sept 8 -": the dateline, not a detail of the story
            if any(same(qa, qs) for qa in read):
                continue  # the sentence that renders it has it
            twin = next((q for q in source_q[sentence.id] if q.start == qs.twin), None)
            if twin is not None and any(same(qa, twin) for qa in read):
                continue  # "50 miles (80 km)" rendered as "80 km": the measure is kept
            if (
                qs.kind not in DETAIL_KINDS
                or (sentence.id, qs.start) in changed_source
                or (FAMILY[qs.kind], qs.value) in changed_values
            ):
                continue
            if qs.kind == "count" and qs.value < 3:
                continue  # "the two companies", "one of": rendered without the number word
            # judged against the whole article: a detail given in another sentence that
            # speaks of the same thing is kept (a month that merely recurs is not)
            if any(
                same(qa, qs)
                for i, qa in everywhere
                if distinctive(qs)
                or alignment.score[i, j] >= (alignment.weak[i, j] + alignment.support[i, j]) / 2
                or same_words(alignment.article[i], qa, sentence, qs)
            ):
                continue  # a figure as particular as "212" anywhere in the article is kept
            if any(figure_written(qs, art[r].text, art[r].language) for r in readers if r in art):
                continue  # "16th" for "16.", "reactor 3" for "n° 3", "dreifach" for "three times"
            if qs.kind == "weekday" and any(
                relative_day(art[r].text, art[r].language) for r in readers if r in art
            ):
                continue  # "on Monday" told the next day as "yesterday", « ayer »
            if qs.kind == "weekday" and any(
                q.kind == "date" for r in readers for q in article_q.get(r, ())
            ):
                continue  # "on Thursday" given as "on 30 May": the day said by its date
            dropped.append(qs)
        for fact in facts(dropped, sentence.text):
            text = sentence.text[fact[0].start : fact[-1].end]
            out.append(
                make(
                    "C201",
                    confidence="medium",
                    message=f"“{text}” in the source is not in the article",
                    article_sentence=readers[0],
                    source_sentence=sentence.id,
                    evidence=(("dropped", text),),
                )
            )
    return out


DATE_GAP = 3  # characters between a date and its year ("26/09/2019", "26 septembre 2019")
CHRONOLOGY = 3  # years in one sentence that make it a chronology


def dated(q: Quantity, quantities: tuple[Quantity, ...]) -> Quantity | None:
    """The date a year completes ("26 septembre 2019": the 26 September), else None."""
    if q.kind != "year":
        return None
    return next(
        (d for d in quantities if d.kind == "date" and 0 <= q.start - d.end <= DATE_GAP), None
    )


def year_of_date(qs: Quantity, quantities: tuple[Quantity, ...], matched) -> bool:
    """A source year that completes a date the article gives too: its year is left unsaid."""
    date = dated(qs, quantities)
    return date is not None and any(s is date for _, s in matched)


def chronology(qa: Quantity, article: tuple[Quantity, ...], pooled) -> bool:
    """Two years of a sentence that lists several ("prime minister in 1974-76 and 1986-88 and
    mayor from 1977-1995"): a year left over there is as likely a fact added as one changed."""
    if qa.kind != "year":
        return False
    years = sum(q.kind == "year" for q in article), sum(q.kind == "year" for _, q in pooled)
    return max(years) >= CHRONOLOGY


# what joins the two years of a period ("from 1977 to 1981", « de 1977 à 1981 », „1977 bis 1981“)
RANGE_JOIN = re.compile(r"\s*" + RANGE_WORDS + r"\s*", re.I)


BOUNDS = {
    "gt": lambda v, b: v > b,
    "min": lambda v, b: v >= b,
    "lt": lambda v, b: v < b,
    "max": lambda v, b: v <= b,
}


def within_bound(q: Quantity, bound: Quantity) -> bool:
    """Whether q, given without a bound, lies within the bound the other figure states ("20%"
    within "higher than 10%", "12 Tote" within "mindestens neun")."""
    test = BOUNDS.get(bound.qualifier or "")
    return test is not None and q.qualifier is None and test(q.value, bound.value)


RANGED = frozenset({"year", "percent"})  # kinds whose ranges are told apart from single values


LIST_FIGURES = 3  # figures of one family in a sentence that make it a list of figures


def listed_elsewhere(
    qa: Quantity, article: tuple[Quantity, ...], qs: Quantity, source: tuple[Quantity, ...]
) -> bool:
    """Two figures paired out of lists of figures at different places ("2.3% this year and 2.1%
    in 2025, while unemployment ... 4.4%" against "4.4% ..., against 4.0 and 4.2%, ... GDP 2.0%"):
    the pairing is a guess, weak ground for a changed figure. A figure changed in place ("10%,
    25% and 30%" for "10%, 20% and 30%") keeps its place in the list."""
    family = FAMILY[qa.kind]
    ours = [q for q in article if FAMILY[q.kind] == family]
    theirs = [q for q in source if FAMILY[q.kind] == family]
    if len(ours) < LIST_FIGURES and len(theirs) < LIST_FIGURES:
        return False
    place = next((k for k, q in enumerate(ours) if q is qa), -1)
    return place != next((k for k, q in enumerate(theirs) if q is qs), -1)


def in_range(q: Quantity, quantities: tuple[Quantity, ...], text: str) -> bool:
    """A year or a share that is one end of a range ("president from 1977 to 1981", « entre
    2,75 % et 3 % »): against a value alone (« élu en 1976 », "2.3%") it is as likely another
    fact (the term, not the election; the rate, not the inflation) as the same fact changed."""
    if q.kind not in RANGED:
        return False
    for other in quantities:
        if other.kind != q.kind or other is q:
            continue
        a, b = (q, other) if q.start < other.start else (other, q)
        if RANGE_JOIN.fullmatch(text[a.end : b.start]):
            return True
    return False


SAID_GAP = 3  # words between a speech cue and the day it names ("said late on Thursday")
SAID_THAT = re.compile(
    r"(?:^|\s)(?:(?:that|que|dass|it|he|she|they|we)(?:\s|$)|qu[’'])", re.I
)  # what follows the cue is what was said, not when


LEFTOVER_MARGIN = 0.05  # a leftover pair this close to support is weak ground for a changed figure


def said_when(q: Quantity, note, language: str) -> bool:
    """A day or date that says when the words were said, next after a speech cue ("police said
    on Thursday", « a indiqué jeudi », „teilte die Polizei am Donnerstag mit“), not when the
    story's event happened."""
    if q.kind not in ("weekday", "date"):
        return False
    if reported_on(q, note.masked, language):
        return True
    for att in note.attributions:
        if not (att.named or att.pronoun or att.vague):
            continue  # "El fuego se declaró el sábado": no one speaks
        end = cue_end(note.masked, att.cue)
        if end < 0 or q.start < end:
            continue
        gap = note.masked[end : q.start]
        if (
            not re.search(r"[,;:.]", gap)
            and not SAID_THAT.search(gap)  # "said it would decide by Friday": what was said
            and len(gap.split()) <= SAID_GAP
        ):
            return True
    return False


LEAD_WORDS = 2  # words before a day that opens a sentence ("On", "Le", „Am“)
REPORTED_GAP = 8  # words between such a day and the verb of telling that follows it


def reported_on(q: Quantity, masked: str, language: str) -> bool:
    """A day that opens the sentence before a verb of telling ("On Wednesday, Lebanon's Health
    Minister confirmed the updated toll", « Mercredi, le ministre a annoncé »): the day the news
    was given, not the day of the event."""
    if len(masked[: q.start].split()) > LEAD_WORDS:
        return False
    c = cues(language)
    after = " ".join(masked[q.end :].split()[:REPORTED_GAP])
    return any(p is not None and p.search(after) for p in (c.verbs, c.verbs_that))


# a title, then its year in brackets: "Ordinary People (1980)", « Out of Africa (1985) »
WORK_YEAR = re.compile(r"[A-ZÀ-ÖØ-Þ][\w’'-]*[”\"»“]?\s*\($")


def work_year(q: Quantity, text: str) -> bool:
    """A year in brackets after a title, the year of a work, not of the event told."""
    return (
        q.kind == "year"
        and text[q.end : q.end + 1] == ")"
        and WORK_YEAR.search(text[: q.start]) is not None
    )


@cache
def day_phrases(language: str, key: str) -> re.Pattern[str] | None:
    """The phrases of the numbers lexicon under ``key`` ("relative_days", "day_apart")."""
    return phrase_pattern(lexicon(language).get("numbers", {}).get(key, []))


def day_apart(text: str, language: str) -> bool:
    """A second day told relative to the one named ("the evening before", « la veille »)."""
    pattern = day_phrases(language, "day_apart")
    return pattern is not None and pattern.search(text) is not None


def relative_day(text: str, language: str) -> bool:
    """A day said relative to the day of publication ("yesterday", « hier », „gestern“)."""
    pattern = day_phrases(language, "relative_days")
    return pattern is not None and pattern.search(text) is not None


SMALL_FIGURE = 20  # a figure up to this may be written as a word ("three", "drei", "tres")


def figure_written(qs: Quantity, text: str, language: str) -> bool:
    """Whether the figure a source quantity opens with stands in the sentence in some form the
    quantity reader did not pair with it: its digits as a number of their own ("16th", "10 am",
    "reactor 3"), or, when small, a word of the language for it or built on one ("tres de la
    tarde", "um das Dreifache")."""
    digits = re.match(r"\d+", qs.text)
    value = int(digits.group(0)) if digits else qs.value if qs.kind == "count" else None
    if value is None or value != int(value):
        return False
    if re.search(rf"(?<![\d.,]){int(value)}(?![\d]|[.,]\d)", text):
        return True
    if value > SMALL_FIGURE:
        return False
    stems = [w for w, v in number_lexicon(language).words.items() if v == value and len(w) >= 3]
    words = re.findall(r"[^\W\d_]+", text.lower())
    return any(w.startswith(stem) for w in words for stem in stems)


CONTEXT_WORDS = 3  # words on each side of a number that say what it counts


def context(sentence, q: Quantity) -> set[str]:
    """The content words next to a number (three before it, three after), folded."""
    before = re.findall(r"[^\W\d_]{3,}", sentence.text[: q.start])[-CONTEXT_WORDS:]
    after = re.findall(r"[^\W\d_]{3,}", sentence.text[q.end :])[:CONTEXT_WORDS]
    return {w.lower() for w in before + after}


def same_words(a, qa: Quantity, s, qs: Quantity) -> bool:
    """The same figure with a word in common right after it, in one language ("96 Planstellen"
    in another sentence of the article): the same thing counted."""
    if a.language != s.language:
        return False
    after_a = re.findall(r"[^\W\d_]{4,}", a.text[qa.end :])[:2]
    after_s = re.findall(r"[^\W\d_]{4,}", s.text[qs.end :])[:2]
    return bool({w.lower() for w in after_a} & {w.lower() for w in after_s})


def counts_apart(qa: Quantity, a, qs: Quantity, s) -> bool:
    """Two counts (or years) in the same language with no word in common around them count different
    things ("one of three people to have won" against "reaching two finals"): weak ground for
    a changed number. Across languages the words cannot be compared."""
    if a.language != s.language or qa.kind != qs.kind or qa.kind not in ("count", "year"):
        return False  # two years too: "la muerte del líder en 1975" against "en Chile en 1973"
    return not context(a, qa) & context(s, qs)


def distinctive(q: Quantity) -> bool:
    """A figure particular enough that finding it anywhere in the article means it was kept:
    a count or a share of 100 or more, or with decimals ("212 years", "3.75 percent"), or a
    weekday (a short story has one); not a small count, a date or a year, which recur for other
    things."""
    if q.kind == "weekday":
        return True  # a story's weekday, given in another sentence („am Sonntagabend“)
    return q.rare


DATELINE = re.compile(
    r"^[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ .'’-]{2,40},\s*[A-Z][a-zé]{2,8}\.?\s+\d{1,2}\s*(?:\([^)]*\)\s*)?[-–—]\s"
)


def dateline_end(text: str) -> int:
    """Where a wire dateline at the start of a sentence ends ("PUERTO LEVA, Sept 8 - "), else 0."""
    m = DATELINE.match(text)
    return m.end() if m else 0


def facts(quantities: list[Quantity], text: str) -> list[list[Quantity]]:
    """Dropped quantities grouped into the facts they state: the parts of one date ("Saturday,
    September 27", "August 2025") are one fact, so one finding."""
    groups: list[list[Quantity]] = []
    for q in sorted(quantities, key=lambda q: q.start):
        prev = groups[-1][-1] if groups else None
        if (
            prev is not None
            and prev.is_date
            and q.is_date
            and len(text[prev.end : q.start].strip(" ,.-/")) <= 3
        ):
            groups[-1].append(q)
        else:
            groups.append([q])
    return groups
