"""Stage 4, align: article sentences x source sentences -> beads.

Alignment is retrieval plus verification, not an ordered path: rewrites reorder, merge, split
and summarise. Every article sentence is scored against every source sentence:

* meaning: cosine of multilingual sentence embeddings; for pairs in the same language a
  near-verbatim rapidfuzz token-set ratio replaces it when higher (below ``FUZZY_FLOOR`` the
  ratio only measures shared function words, so it is not used);
* anchors: numbers and names shared by both sentences raise the score a little, weighted by how
  rare the anchor is among the source sentences (a name on every line proves nothing);
* merges and splits: an article sentence is also scored against each pair of adjacent source
  sentences, and a source sentence against each pair of adjacent article sentences of one
  paragraph (the normalised sum of two embeddings stands in for their concatenation);
* clauses: a source sentence is also carried when a clause of an article sentence renders it
  clearly better than anything else (a rewrite folds a short source sentence into a longer
  one: "..., adding that picket lines would be manned"), unless both state numbers or dates
  and share none;
* numbers against weak evidence: support that rests only on a merge, a split or a mutual best
  match is withdrawn when the article sentence states a number or date that no source has and
  shares none with the sentences it would render;
* relative evidence: a mutual best match that stands clearly above every other candidate on
  both sides counts as support even below the absolute threshold (short translated sentences
  score low against their own original).

Scores are judged against a threshold for the language pair (same or cross language), lowered
for short sentences. The constants below were calibrated on the whole development set
(``fixtures/dev``), never on one case; see ``docs/alignment.md``.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.process import cdist
from rapidfuzz.utils import default_process

from . import embed
from .annotate import Annotated
from .annotate.quantities import FAMILY, Quantity
from .models import Bead, Sentence
from .segment import clauses

SUPPORT = {"same": 0.62, "cross": 0.50}  # an article sentence is supported / a source carried
WEAK = {"same": 0.45, "cross": 0.36}  # below this, no relation at all
SHORT_WORDS = 9  # sentences shorter than this get the short-sentence allowance
SHORT_ALLOWANCE = 0.06
FUZZY_FLOOR = 0.75  # token-set ratio that means near-verbatim wording
ANCHOR_WEIGHT = 0.05  # per shared rare anchor
ANCHOR_CAP = 0.12
ROW_DELTA = 0.08  # further source sentences rendered must score this close to the best
ADJACENT_DELTA = 0.16  # ... or this close, for the best's neighbour in the source
PAIR_GAIN = 0.02  # a merged/split pair must beat the single match by this much
MUTUAL_MARGIN = 0.12  # a mutual best match this far above the runners-up counts as support
CLAUSE_SHARE = 0.6  # a clause and a source sentence mutually best: this far towards "supported"
CLAUSE_MARGIN = 0.05  # a clause carries a source sentence it matches this far above any other
WEAK_METHODS = (
    "merge",
    "split",
    "clause",
    "mutual",
    "leftover",
)  # evidence that a number no source has overrides

NAME_RE = re.compile(r"(?<![\w])([A-ZÀ-ÖØ-Þ][\w’'-]{2,}(?:\s+[A-ZÀ-ÖØ-Þ][\w’'-]{2,})*)")


@dataclass(frozen=True)
class Clauses:
    """Clause spans of a list of sentences and their embeddings."""

    owner: tuple[int, ...]  # index of the sentence each clause belongs to
    spans: tuple[tuple[int, int], ...]
    vectors: np.ndarray

    def of(self, i: int) -> list[int]:
        return [n for n, o in enumerate(self.owner) if o == i]


@dataclass(frozen=True)
class Alignment:
    """Everything the analysers need about how two sentence lists relate."""

    article: tuple[Sentence, ...]  # checkable article sentences, in order
    source: tuple[Sentence, ...]  # source sentences, in order (all sources together)
    score: np.ndarray  # combined single-pair scores, shape (len(article), len(source))
    cosine: np.ndarray  # raw embedding cosine, same shape
    support: np.ndarray  # threshold per pair, same shape as score
    weak: np.ndarray  # "unrelated" threshold per pair
    beads: tuple[Bead, ...]
    supported: tuple[bool, ...]  # per article sentence
    carried: tuple[bool, ...]  # per source sentence
    article_vectors: np.ndarray
    source_vectors: np.ndarray
    article_clauses: Clauses
    source_clauses: Clauses
    carriers: dict[str, tuple[str, ...]]  # source sentence id -> the article sentences carrying it
    notes: Annotated  # the annotations of the sentences (factcheck.annotate)

    def best_source(self, i: int) -> int:
        return int(np.argmax(self.score[i]))

    def best_article(self, j: int) -> int:
        return int(np.argmax(self.score[:, j]))

    def sources_of(self, i: int) -> list[int]:
        """Indices of the source sentences that article sentence i renders (its bead)."""
        ids = {s.id: k for k, s in enumerate(self.source)}
        for bead in self.beads:
            if bead.article == (self.article[i].id,) and bead.source:
                return [ids[sid] for sid in bead.source]
        return [self.best_source(i)]


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


def names(sentence: Sentence, speaker: str = "") -> set[str]:
    """Capitalised words that are not the sentence's first word, folded (no accents, lower),
    but for the words of its speaker: who says a claim is the attribution's business, and a
    name shared by two sentences of one speaker says nothing of which claim is rendered."""
    out: set[str] = set()
    for m in NAME_RE.finditer(sentence.text):
        words = m.group(1).split()[1:] if m.start() == 0 else m.group(1).split()
        out.update(fold(w) for w in words if len(w) > 2)
    return out - {fold(w) for w in speaker.split()}


def note_speaker(note) -> str:
    """The speaker a sentence's annotation names, "" when none."""
    return note.speaker.speaker if note.speaker is not None else ""


def numbers(quantities: tuple[Quantity, ...]) -> set[tuple[str, float]]:
    """Quantities as (family, value) anchors: "May" and "mayo" agree, 5 and May do not."""
    return {
        (FAMILY[q.kind], q.value)
        for q in quantities
        if q.kind != "vague" and not (q.kind == "count" and q.value < 3)
    }


def anchor_bonus(
    article: list[Sentence],
    source: list[Sentence],
    a_quantities: list[tuple[Quantity, ...]],
    s_quantities: list[tuple[Quantity, ...]],
    a_speakers: list[str] | None = None,
    s_speakers: list[str] | None = None,
) -> np.ndarray:
    """Bonus for shared rare names and numbers (the quantities and speakers of each sentence
    given, as annotated), shape (len(article), len(source))."""
    a_names = [names(s, a_speakers[k] if a_speakers else "") for k, s in enumerate(article)]
    s_names = [names(s, s_speakers[k] if s_speakers else "") for k, s in enumerate(source)]
    a_nums = [numbers(q) for q in a_quantities]
    s_nums = [numbers(q) for q in s_quantities]
    n = max(len(source), 1)
    df: dict[str, int] = {}
    for group in s_names:
        for name in group:
            df[name] = df.get(name, 0) + 1
    bonus = np.zeros((len(article), len(source)), dtype=np.float32)
    for i in range(len(article)):
        for j in range(len(source)):
            total = 0.0
            for an in a_names[i]:
                for sn in s_names[j]:
                    if an == sn or (len(an) > 4 and fuzz.ratio(an, sn) >= 80):
                        total += ANCHOR_WEIGHT * (1 - math.log1p(df[sn]) / math.log1p(n + 1))
                        break
            total += ANCHOR_WEIGHT * len(a_nums[i] & s_nums[j])
            bonus[i, j] = min(total, ANCHOR_CAP)
    return bonus


def thresholds(
    article: list[Sentence], source: list[Sentence], table: dict[str, float]
) -> np.ndarray:
    out = np.zeros((len(article), len(source)), dtype=np.float32)
    for i, a in enumerate(article):
        for j, s in enumerate(source):
            base = table["same" if a.language == s.language else "cross"]
            short = min(len(a.text.split()), len(s.text.split())) < SHORT_WORDS
            out[i, j] = base - (SHORT_ALLOWANCE if short else 0.0)
    return out


def pair_vectors(vectors: np.ndarray) -> np.ndarray:
    if len(vectors) < 2:
        return np.zeros((0, embed.DIM), dtype=np.float32)
    return np.stack([embed.combine(vectors[k : k + 2]) for k in range(len(vectors) - 1)])


def split_pair(article: list[Sentence], k: int) -> bool:
    """Sentences k and k+1 may be the two halves of one split sentence: same paragraph."""
    return article[k].paragraph == article[k + 1].paragraph


def clause_table(sentences: list[Sentence]) -> tuple[list[int], list[tuple[int, int]], list[str]]:
    owner, spans, texts = [], [], []
    for i, s in enumerate(sentences):
        for start, end in clauses(s):
            owner.append(i)
            spans.append((start, end))
            texts.append(s.text[start:end])
    return owner, spans, texts


def conflicting(a: set, b: set) -> bool:
    """Both sentences state numbers or dates of one family (counts, times, years) and share
    none: evidence against a weak match ("6 Uhr" against « 6 heures », read as a count, is
    none)."""
    return bool(a) and bool(b) and not a & b and bool({k for k, _ in a} & {k for k, _ in b})


def runner_up(row: np.ndarray, j: int) -> float:
    """The best value of a row other than column j."""
    rest = np.delete(row, j)
    return float(rest.max()) if rest.size else 0.0


def mutual(score: np.ndarray, i: int, j: int) -> bool:
    """i and j are each other's best match, clearly above the runners-up on both sides."""
    row = np.delete(score[i], j)
    col = np.delete(score[:, j], i)
    return (
        int(np.argmax(score[i])) == j
        and int(np.argmax(score[:, j])) == i
        and (row.size == 0 or score[i, j] - row.max() >= MUTUAL_MARGIN)
        and (col.size == 0 or score[i, j] - col.max() >= MUTUAL_MARGIN)
    )


def align(article: list[Sentence], source: list[Sentence], notes: Annotated) -> Alignment:
    """Score all pairs, decide which article sentences are supported and which source sentences
    are carried, and build the beads (``notes``: the annotations of both sides)."""
    a_owner, a_spans, a_texts = clause_table(article)
    s_owner, s_spans, s_texts = clause_table(source)
    texts = [s.text for s in article] + [s.text for s in source] + a_texts + s_texts
    vectors = embed.encode(texts)
    na, ns, nc = len(article), len(source), len(a_texts)
    av, sv = vectors[:na], vectors[na : na + ns]
    a_clauses = Clauses(tuple(a_owner), tuple(a_spans), vectors[na + ns : na + ns + nc])
    s_clauses = Clauses(tuple(s_owner), tuple(s_spans), vectors[na + ns + nc :])

    cosine = av @ sv.T if na and ns else np.zeros((na, ns), dtype=np.float32)
    score = cosine.copy()
    if any(a.language == s.language for a in article for s in source):
        fuzzy = (
            cdist(
                [s.text for s in article],
                [s.text for s in source],
                scorer=fuzz.token_set_ratio,
                processor=default_process,
                dtype=np.float32,
            )
            / 100.0
        )
        for i, a in enumerate(article):
            for j, s in enumerate(source):
                if a.language == s.language and fuzzy[i, j] >= FUZZY_FLOOR:
                    score[i, j] = max(score[i, j], fuzzy[i, j])
    if na and ns:
        score = score + anchor_bonus(
            article,
            source,
            [notes[s.id].quantities for s in article],
            [notes[s.id].quantities for s in source],
            [note_speaker(notes[s.id]) for s in article],
            [note_speaker(notes[s.id]) for s in source],
        )
    support = thresholds(article, source, SUPPORT)
    weak = thresholds(article, source, WEAK)
    merge = av @ pair_vectors(sv).T if ns > 1 and na else np.zeros((na, 0), dtype=np.float32)
    split = pair_vectors(av) @ sv.T if na > 1 and ns else np.zeros((0, ns), dtype=np.float32)

    supported = [False] * na
    carried = [False] * ns
    carriers: dict[int, list[int]] = {}
    beads: list[Bead] = []
    if ns:
        colbest = score.max(axis=0)
        source_numbers = set().union(*(numbers(notes[s.id].quantities) for s in source))
        source_clause_cos = av @ s_clauses.vectors.T if len(s_owner) else None
        body_renders: dict[int, list[int]] = {}  # body sentence -> what its bead renders
        # body sentences first, then summary bullets, which render what the body left over
        for i in sorted(range(na), key=lambda i: article[i].kind == "bullet"):
            found = article_bead(
                i,
                article,
                source,
                score,
                cosine,
                merge,
                split,
                support,
                weak,
                source_clause_cos,
                s_owner,
            )
            if found is None:
                continue
            chosen, best, method = found
            if (
                method in WEAK_METHODS
                and numbers(notes[article[i].id].quantities) - source_numbers
                and not numbers(notes[article[i].id].quantities)
                & set().union(*(numbers(notes[source[k].id].quantities) for k in chosen))
            ):
                continue  # weak evidence, and a number that no source has: not supported
            if (
                article[i].kind == "bullet"
                and method in WEAK_METHODS
                and not any(score[i, k] >= colbest[k] - 1e-6 or carried[k] for k in chosen)
            ):
                # a bullet resting on weak evidence for sentences nothing else carries: it is a
                # key point restating the article's body, or nothing
                body = restated(i, article, av, body_renders)
                if body is None:
                    continue
                chosen, method = body, "summary"
            supported[i] = True
            if article[i].kind != "bullet":
                body_renders[i] = list(chosen)
            if article[i].kind == "bullet":
                # a summary bullet renders a source sentence only as its closest rendering or
                # one the body already carries (so a bullet that sums up five sentences hides no
                # omission), and at least its best
                closest = [k for k in chosen if score[i, k] >= colbest[k] - 1e-6 or carried[k]]
                chosen = closest or [max(chosen, key=lambda k: score[i, k])]
            beads.append(
                Bead(
                    (article[i].id,),
                    tuple(source[k].id for k in chosen),
                    round(float(best), 3),
                    method,
                )
            )
            for k in chosen:
                carried[k] = True  # what a bead renders is carried: the two never disagree
                carriers.setdefault(k, []).append(i)
        beads = trim_merges(beads, article, source, score, weak, carriers)
    clause_cos = a_clauses.vectors @ sv.T if nc and ns else np.zeros((nc, ns), dtype=np.float32)
    a_numbers = [numbers(notes[x.id].quantities) for x in article]
    s_numbers = [numbers(notes[x.id].quantities) for x in source]
    for j in range(ns):
        if not na:
            continue
        by_clause = [
            a_owner[c]
            for c in range(nc)
            if supported[a_owner[c]]
            and clause_cos[c, j] >= support[a_owner[c], j]
            and clause_cos[c, j] - runner_up(clause_cos[c], j) >= CLAUSE_MARGIN
            and not conflicting(a_numbers[a_owner[c]], s_numbers[j])
        ]
        if carried[j]:
            carriers[j] = carriers.get(j, []) + by_clause  # a clause renders it too
        elif by_clause:
            carried[j] = True
            carriers[j] = sorted(set(by_clause))
    # then the leftovers are paired, one for one; a leftover sentence may render a leftover
    # source sentence in one of its clauses (« En l'état actuel des connaissances, aucune donnée
    # de patient n'a fuité, selon la directrice » for „Patientendaten seien … nicht abgeflossen,
    # fügte sie hinzu“)
    by_part = score.copy()
    for c in range(nc):
        by_part[a_owner[c]] = np.maximum(by_part[a_owner[c]], clause_cos[c])
    for i, j in leftover_pairs(
        article, source, by_part, weak, support, supported, carried, carriers, a_numbers, s_numbers
    ):
        supported[i] = carried[j] = True
        carriers[j] = [i]
        beads.append(
            Bead((article[i].id,), (source[j].id,), round(float(score[i, j]), 3), "leftover")
        )
    # what is left is carried by two article sentences that split it, or by the supported
    # sentence it is mutually closest to
    for j in range(ns):
        if not na or carried[j]:
            continue
        by_split = [
            h
            for p in range(split.shape[0])
            if split_pair(article, p)
            and split[p, j] >= support[p, j]
            and split[p, j] > max(cosine[p, j], cosine[p + 1, j]) + PAIR_GAIN
            and min(cosine[p, j], cosine[p + 1, j]) >= weak[p, j]
            and all(score[h, j] >= score[h].max() - ROW_DELTA for h in (p, p + 1))
            for h in (p, p + 1)
        ]
        best = int(np.argmax(score[:, j]))
        by_mutual = (
            [best]
            if supported[best] and mutual(score, best, j) and score[best, j] >= weak[best, j]
            else []
        )
        by_clause_mutual = []
        if not (by_split or by_mutual) and nc:
            # a clause of a supported sentence and the source sentence are each other's best
            # match, clearly above the other clauses ("El Tribunal de Cuentas ha criticado con
            # dureza la rehabilitación ..." for „Der Landesrechnungshof hat die Sanierung ...
            # scharf kritisiert“, merged into a sentence that renders the next one)
            col = clause_cos[:, j]
            c = int(np.argmax(col))
            i = a_owner[c]
            if (
                supported[i]
                and int(np.argmax(clause_cos[c])) == j
                and toward_support(float(col[c]), weak[i, j], support[i, j]) >= CLAUSE_SHARE
                and col[c] - runner_up(col, c) >= MUTUAL_MARGIN
                and not conflicting(a_numbers[i], s_numbers[j])
            ):
                by_clause_mutual = [i]
        found = by_split or by_mutual or by_clause_mutual
        if found:
            carried[j] = True
            carriers[j] = sorted(set(found))
    for j, i in merged_into(article, source, score, weak, support, carried, supported, notes):
        carried[j] = True
        carriers[j] = [i]
    for i, ok in enumerate(supported):
        if not ok:
            beads.append(
                Bead((article[i].id,), (), round(float(score[i].max()) if ns else 0.0, 3), "none")
            )
    for j, ok in enumerate(carried):
        if not ok:
            beads.append(
                Bead((), (source[j].id,), round(float(score[:, j].max()) if na else 0.0, 3), "none")
            )
    order = {s.id: n for n, s in enumerate(list(article) + list(source))}
    beads.sort(key=lambda b: order[(b.article or b.source)[0]] + (0 if b.article else len(order)))
    return Alignment(
        tuple(article),
        tuple(source),
        score,
        cosine,
        support,
        weak,
        tuple(beads),
        tuple(supported),
        tuple(carried),
        av,
        sv,
        a_clauses,
        s_clauses,
        {
            source[j].id: tuple(article[i].id for i in dict.fromkeys(found))
            for j, found in carriers.items()
        },
        notes,
    )


def trim_merges(beads, article, source, score, weak, carriers) -> list[Bead]:
    """A merge is weak evidence: when one of its two source sentences is clearly rendered by
    another article sentence (a single match that scores higher), the merge renders only the
    other one ("Ferrand said the system was upgraded in 2022" renders S9; "The thieves knew the
    building, Ferrand said" merged S9 and S10 and renders S10 alone)."""
    a_index = {x.id: n for n, x in enumerate(article)}
    s_index = {x.id: n for n, x in enumerate(source)}
    single = {
        s_index[b.source[0]]: a_index[b.article[0]]
        for b in beads
        if len(b.source) == 1 and b.method not in WEAK_METHODS
    }
    out = []
    for b in beads:
        if b.method != "merge" or len(b.source) != 2:
            out.append(b)
            continue
        i = a_index[b.article[0]]
        ks = [s_index[sid] for sid in b.source]
        taken = [
            k for k in ks if k in single and single[k] != i and score[single[k], k] > score[i, k]
        ]
        kept = [k for k in ks if k not in taken]
        if len(taken) != 1 or score[i, kept[0]] < weak[i, kept[0]]:
            out.append(b)
            continue
        carriers[taken[0]] = [x for x in carriers.get(taken[0], []) if x != i]
        out.append(
            Bead(b.article, (source[kept[0]].id,), round(float(score[i, kept[0]]), 3), "merge")
        )
    return out


def restated(i, article, av, body_renders) -> list[int] | None:
    """The source sentences a summary bullet renders through the body sentence it restates: its
    closest supported body sentence, when clearly related (as a leftover pair must be), or None."""
    if not body_renders:
        return None
    body = max(body_renders, key=lambda b: float(av[i] @ av[b]))
    needed = WEAK["same"] + LEFTOVER_SHARE * (SUPPORT["same"] - WEAK["same"])
    return list(body_renders[body]) if float(av[i] @ av[body]) >= needed else None


ORDER_PRIOR = 0.04  # a leftover pair in the place the order of its neighbours predicts
LEFTOVER_SHARE = 0.6  # a leftover pair must score this far from "unrelated" towards "supported"
LEFTOVER_FIGURE_SHARE = 0.8  # ... and this far, when only a figure's value differs
LEFTOVER_SLOT_SHARE = -0.6  # ... or this far below "unrelated", in the story's same slot


def leftover_pairs(
    article, source, score, weak, support, supported, carried, carriers, a_numbers, s_numbers
):
    """The decision over the whole pair: once every clear rendering is found, the article
    sentences nothing supports and the source sentences nothing carries are matched with each
    other. A rewrite renders most source sentences once, so an unsupported sentence that is
    related to an uncarried one, each the other's best among the leftovers, renders it
    (typically a claim reworded with its attribution changed: "analysts said the fine would cut
    profit" -> "the fine will cut profit"). The pair must be clearly related (well above the
    "unrelated" threshold: an invented sentence and a dropped one on the same topic must not
    cancel out). Order is a weak prior: a pair that sits where its neighbours' renderings put
    it needs a little less. Numbers that contradict forbid a pair."""
    rows = [i for i, ok in enumerate(supported) if not ok and article[i].kind != "bullet"]  # a
    # summary bullet sums up; it is no rendering of one leftover sentence
    cols = [j for j, ok in enumerate(carried) if not ok]
    if not rows or not cols:
        return []
    position: dict[int, list[int]] = {}
    for j, found in carriers.items():
        for i in found:
            position.setdefault(i, []).append(j)

    def expected(i: int, j: int) -> bool:
        before = [k for a in range(i - 1, -1, -1) if a in position for k in position[a]][:1]
        after = [k for a in range(i + 1, len(article)) if a in position for k in position[a]][:1]
        return bool(before or after) and all(k < j for k in before) and all(k > j for k in after)

    sub = np.array(
        [[score[i, j] + (ORDER_PRIOR if expected(i, j) else 0.0) for j in cols] for i in rows],
        dtype=np.float32,
    )
    pairs = []
    for r, i in enumerate(rows):
        c = int(np.argmax(sub[r]))
        j = cols[c]
        if int(np.argmax(sub[:, c])) != r:
            continue
        share = toward_support(sub[r, c], weak[i, j], support[i, j])
        if share >= LEFTOVER_SHARE and not conflicting(a_numbers[i], s_numbers[j]):
            pairs.append((i, j))
        elif share >= LEFTOVER_FIGURE_SHARE and changed_figure(a_numbers[i], s_numbers[j]):
            # "the strike costs 190,000 euros a day" for "90,000 euros a day", reworded: the
            # same sentence with its figure changed, not an invented one and a dropped one
            pairs.append((i, j))
    return pairs + slot_pairs(
        rows,
        cols,
        pairs,
        position,
        len(article),
        len(source),
        score,
        weak,
        support,
        a_numbers,
        s_numbers,
    )


def slot_pairs(
    rows, cols, pairs, position, n_article, n_source, score, weak, support, a_numbers, s_numbers
):
    """Leftovers in the same slot of the story: a run of article sentences nothing supports
    between two sentences that render each other (or an end of both texts), against a run of
    as many source sentences nothing carries between the same two, are rendered one for one,
    in order, when each pair is related even loosely (« La direction juge cette revendication
    impossible à satisfaire » for „Die Geschäftsführung nennt die Forderung unerfüllbar“, a
    sentence reworded with another actor). A run of different lengths is left alone: there a
    sentence was added or dropped, and which one cannot be told."""
    linked = {i: list(js) for i, js in position.items()}
    for i, j in pairs:
        linked.setdefault(i, []).append(j)
    free_rows = sorted(set(rows) - {i for i, _ in pairs})
    free_cols = set(cols) - {j for _, j in pairs}
    out = []
    k = 0
    while k < len(free_rows):
        start = end = free_rows[k]
        while k + 1 < len(free_rows) and free_rows[k + 1] == end + 1:
            k += 1
            end = free_rows[k]
        k += 1
        before = -1 if start == 0 else max(linked.get(start - 1, []), default=None)
        after = n_source if end == n_article - 1 else min(linked.get(end + 1, []), default=None)
        if before is None or after is None or (start == 0 and end == n_article - 1):
            continue
        gap = list(range(before + 1, after))
        if len(gap) != end - start + 1 or not all(j in free_cols for j in gap):
            continue
        run = list(zip(range(start, end + 1), gap, strict=True))
        if all(
            toward_support(score[i, j], weak[i, j], support[i, j]) >= LEFTOVER_SLOT_SHARE
            and not conflicting(a_numbers[i], s_numbers[j])
            for i, j in run
        ):
            out += run
    return out


MERGED_SHARE = 1.5  # a source sentence this far above "supported" by one article sentence is in it


def rare_figures(quantities) -> set[tuple[str, float]]:
    """The rare figures of a sentence ("£380,000", "95.000 viajeros", "3.75 %")."""
    return {(q.kind, q.value) for q in quantities if q.rare}


def merged_into(article, source, score, weak, support, carried, supported, notes):
    """Source sentences left over that an article sentence rendering something else carries
    too (a merge the beads did not take: "Nobody was hurt, but 200 residents were evacuated and
    told to keep their windows shut" for "... were evacuated." and "Residents were told to keep
    windows and doors closed."): in the same language, the closest article sentence renders it
    clearly (1.5 times as far above "unrelated" as "supported" is); in any language, it holds
    the same rare figure and is related at least as much as "unrelated" ("anyone breaking it
    could be fined up to £1,000"). Pairs (source index, article index)."""
    out = []
    for j, ok in enumerate(carried):
        if ok or not len(article):
            continue
        i = int(np.argmax(score[:, j]))
        if not supported[i]:
            continue  # a leftover sentence is decided with the leftovers
        share = toward_support(score[i, j], weak[i, j], support[i, j])
        figure = rare_figures(notes[article[i].id].quantities) & rare_figures(
            notes[source[j].id].quantities
        )
        same_language = article[i].language == source[j].language
        # across languages the encoder ranks a sentence on the same topic that high too (Kim's
        # « partage du sang » against "Putin praised the heroic role"): only a shared figure
        if (same_language and share >= MERGED_SHARE) or (figure and share >= 0):
            out.append((j, i))
            continue
        # a short sentence whose words, but for who said it, a neighbour's rendering holds
        # ("Verletzt wurde nach Angaben der Polizei niemand." + "Zwei Fahrgäste kamen ins
        # Krankenhaus." -> "Verletzt wurde niemand, zwei Fahrgäste kamen ins Krankenhaus.")
        for k in (j - 1, j + 1):
            if not 0 <= k < len(source) or not carried[k]:
                continue
            near = int(np.argmax(score[:, k]))
            if article[near].language == source[j].language and words_held(
                source[j], article[near], notes[source[j].id]
            ):
                out.append((j, near))
                break
    return out


HELD_SHARE = 0.8  # of a sentence's own words (not its attribution's) another sentence holds
HELD_MIN = 2  # ... of at least this many words of four letters or more


def words_held(sentence: Sentence, other: Sentence, note) -> bool:
    """Whether another sentence, in the same language, holds nearly all the words of four
    letters or more of a sentence, leaving out those of its speaker and speech cue."""

    def content(text: str) -> set[str]:
        return {w.casefold() for w in re.findall(r"[^\W\d_]{4,}", text)}

    said = note.speaker
    own = content(sentence.text) - (content(said.speaker + " " + said.cue) if said else set())
    if len(own) < HELD_MIN:
        return False
    return len(own & content(other.text)) >= HELD_SHARE * len(own)


def toward_support(value: float, weak: float, support: float) -> float:
    """How far a score stands from the "unrelated" threshold towards the "supported" one: 0 at
    unrelated, 1 at supported (negative below unrelated)."""
    return (value - weak) / max(support - weak, 1e-6)


def changed_figure(a: set, b: set) -> bool:
    """Numbers that differ in value only: the same kinds of quantity on both sides (a count
    for a count, a date for a date), none of them shared."""
    return conflicting(a, b) and {k for k, _ in a} == {k for k, _ in b}


SPLIT_COVER = 0.8  # a split source sentence has at least this share of its halves' words


def long_enough_to_split(source: Sentence, first: Sentence, second: Sentence) -> bool:
    """A source sentence split in two is about as long as its two halves together: an invented
    sentence next to a faithful one does not make the pair a split of the faithful one's
    source."""
    return len(source.text.split()) >= SPLIT_COVER * (
        len(first.text.split()) + len(second.text.split())
    )


def article_bead(
    i,
    article,
    source,
    score,
    cosine,
    merge,
    split,
    support,
    weak,
    source_clause_cos=None,
    source_clauses_owner=(),
):
    """The source sentences article sentence i renders, with the score and method, or None
    when it is unsupported.

    Single pairs first; then a merge (i renders two adjacent source sentences, each related on
    its own); then a split (i and its neighbour in the paragraph render one source sentence);
    then one clause of a source sentence (i renders part of a longer sentence); then a clear
    mutual best match. Besides the best, every source sentence that scores above
    the threshold and within ROW_DELTA of the best is rendered too (a sentence that sums up
    two facts).
    """
    j = int(np.argmax(score[i]))
    best = float(score[i, j])
    chosen = [j]
    method = "fuzzy" if score[i, j] > cosine[i, j] + 0.05 else "embedding"
    ok = best >= support[i, j]
    if merge.shape[1]:
        k = int(np.argmax(merge[i]))
        bonus = min(score[i, k] - cosine[i, k], score[i, k + 1] - cosine[i, k + 1])
        pair_score = float(merge[i, k]) + max(float(bonus), 0.0)
        if (
            pair_score >= support[i, k]
            and merge[i, k] > max(cosine[i, k], cosine[i, k + 1]) + PAIR_GAIN
            and min(cosine[i, k], cosine[i, k + 1]) >= weak[i, k]
            # a pair that leaves out the sentence rendered best on its own replaces it only
            # when that one is not rendered clearly either
            and (not ok or (pair_score > best and j in (k, k + 1)))
        ):
            chosen, method, best, ok = [k, k + 1], "merge", pair_score, True
    if not ok:
        for pair in (i - 1, i):
            if not (0 <= pair < split.shape[0] and split_pair(article, pair)):
                continue
            js = int(np.argmax(split[pair]))
            other = pair + 1 if pair == i else pair
            if (
                split[pair, js] >= support[i, js]
                and split[pair, js] > cosine[i, js] + PAIR_GAIN
                and min(cosine[i, js], cosine[other, js]) >= weak[i, js]
                and long_enough_to_split(source[js], article[i], article[other])
            ):
                chosen, method, best, ok = [js], "split", float(split[pair, js]), True
                break
    if not ok and source_clause_cos is not None and source_clause_cos.shape[1]:
        c = int(np.argmax(source_clause_cos[i]))
        k = source_clauses_owner[c]
        if source_clause_cos[i, c] + (score[i, k] - cosine[i, k]) >= support[i, k]:
            chosen, method, best, ok = [k], "clause", float(source_clause_cos[i, c]), True
    if not ok and best >= weak[i, j] and mutual(score, i, j):
        method, ok = "mutual", True
    if not ok:
        return None
    if method in ("merge", "split", "clause", "mutual"):
        return chosen, best, method  # weak evidence renders what it names, nothing more
    extra = [
        k
        for k in range(len(source))
        if k not in chosen
        and score[i, k] >= support[i, k]
        and (
            score[i, k] >= best - ROW_DELTA
            # a neighbour of the best, clearly rendered and by this sentence most of all: two
            # adjacent source sentences merged into one ("X, 31, stood ..." + "He had pleaded
            # not guilty ..." -> "X, who had pleaded not guilty, stood ...")
            or (
                abs(k - j) == 1
                # near-verbatim wording of the best says nothing against a second sentence
                # merged in: compared by meaning alone
                and min(score[i, k], cosine[i, k]) >= min(best, cosine[i, j]) - ADJACENT_DELTA
                and int(np.argmax(score[:, k])) == i
            )
        )
    ]
    return sorted(set(chosen) | set(extra)), best, method
