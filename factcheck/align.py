"""Stage 4, align: article sentences x source sentences -> beads.

Alignment is retrieval plus verification, not an ordered path: rewrites reorder, merge, split
and summarise. Every article sentence is scored against every source sentence:

* meaning: cosine of multilingual sentence embeddings (all pairs), and for pairs in the same
  language the rapidfuzz token-set ratio, whichever is higher;
* anchors: numbers and names shared by both sentences raise the score a little, weighted by how
  rare the anchor is among the source sentences (a name on every line proves nothing);
* merges and splits: an article sentence is also scored against each pair of adjacent source
  sentences, and a source sentence against each pair of adjacent article sentences (the
  normalised sum of the two embeddings stands in for their concatenation).

A score is then judged against a threshold for the language pair (same or cross language),
lowered for short sentences, whose embeddings score lower against their own translation.
The thresholds are module constants, calibrated on the whole development set
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
from .analyse.numbers import extract as extract_quantities
from .models import Bead, Sentence

# Thresholds on the combined score (calibrated on fixtures/dev; see docs/alignment.md).
SUPPORT = {"same": 0.62, "cross": 0.50}  # an article sentence is supported / a source carried
WEAK = {"same": 0.45, "cross": 0.36}  # below this, no relation at all (high confidence)
SHORT_WORDS = 9  # sentences shorter than this get the short-sentence allowance
SHORT_ALLOWANCE = 0.06
ANCHOR_WEIGHT = 0.05  # per shared rare anchor
ANCHOR_CAP = 0.12
ROW_DELTA = 0.08  # other source sentences rendered must score this close to the best
PAIR_GAIN = 0.02  # a merged/split pair must beat the single match by this much
FUZZY_WEIGHT = 0.95

NAME_RE = re.compile(r"(?<![\w])([A-ZÀ-ÖØ-Þ][\w’'-]{2,}(?:\s+[A-ZÀ-ÖØ-Þ][\w’'-]{2,})*)")


@dataclass(frozen=True)
class Alignment:
    """Everything the analysers need about how two sentence lists relate."""

    article: tuple[Sentence, ...]  # checkable article sentences, in order
    source: tuple[Sentence, ...]  # source sentences, in order (all sources together)
    score: np.ndarray  # combined single-pair scores, shape (len(article), len(source))
    cosine: np.ndarray  # raw embedding cosine, same shape
    merge: np.ndarray  # article i vs source pair (j, j+1), shape (len(article), len(source)-1)
    split: np.ndarray  # article pair (i, i+1) vs source j, shape (len(article)-1, len(source))
    support: np.ndarray  # threshold per pair, same shape as score
    weak: np.ndarray  # "unrelated" threshold per pair
    beads: tuple[Bead, ...]
    supported: tuple[bool, ...]  # per article sentence
    carried: tuple[bool, ...]  # per source sentence
    article_vectors: np.ndarray
    source_vectors: np.ndarray

    def best_source(self, i: int) -> int | None:
        return int(np.argmax(self.score[i])) if self.score.shape[1] else None

    def best_article(self, j: int) -> int | None:
        return int(np.argmax(self.score[:, j])) if self.score.shape[0] else None


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


def names(sentence: Sentence) -> set[str]:
    """Capitalised words that are not the sentence's first word, folded (no accents, lower)."""
    out = set()
    for m in NAME_RE.finditer(sentence.text):
        if m.start() == 0:
            words = m.group(1).split()[1:]
        else:
            words = m.group(1).split()
        out.update(fold(w) for w in words if len(w) > 2)
    return out


def numbers(sentence: Sentence) -> set[float]:
    return {q.value for q in extract_quantities(sentence.text, sentence.language)
            if q.kind in ("count", "percent", "year", "date")}


def anchor_bonus(article: list[Sentence], source: list[Sentence]) -> np.ndarray:
    """Bonus for shared rare names and numbers, shape (len(article), len(source))."""
    a_names = [names(s) for s in article]
    s_names = [names(s) for s in source]
    a_nums = [numbers(s) for s in article]
    s_nums = [numbers(s) for s in source]
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


def thresholds(article: list[Sentence], source: list[Sentence], table: dict[str, float]) -> np.ndarray:
    out = np.zeros((len(article), len(source)), dtype=np.float32)
    for i, a in enumerate(article):
        for j, s in enumerate(source):
            base = table["same" if a.language == s.language else "cross"]
            short = min(len(a.text.split()), len(s.text.split())) < SHORT_WORDS
            out[i, j] = base - (SHORT_ALLOWANCE if short else 0.0)
    return out


def pair_vectors(vectors: np.ndarray) -> np.ndarray:
    if len(vectors) < 2:
        return np.zeros((0, vectors.shape[1] if vectors.ndim == 2 else embed.DIM), dtype=np.float32)
    return np.stack([embed.combine(vectors[k:k + 2]) for k in range(len(vectors) - 1)])


def split_pair(article: list[Sentence], k: int) -> bool:
    """Sentences k and k+1 may be the two halves of one split sentence: same paragraph."""
    return article[k].paragraph == article[k + 1].paragraph


def article_bead(i, article, source, score, cosine, merge, split, support, weak):
    """The source sentences article sentence i renders, or None when it is unsupported.

    Single pairs first; then a merge (i renders two adjacent source sentences, each related on
    its own); then a split (i and its neighbour in the paragraph render one source sentence).
    Besides the best, every source sentence that scores above the threshold and within
    ROW_DELTA of the best is rendered too (a sentence summarising two facts).
    """
    j = int(np.argmax(score[i]))
    best = float(score[i, j])
    chosen = [j]
    method = "fuzzy" if article[i].language == source[j].language and score[i, j] > cosine[i, j] + 1e-6 \
        else "embedding"
    ok = best >= support[i, j]
    if merge.shape[1]:
        k = int(np.argmax(merge[i]))
        pair_score = float(merge[i, k]) + min(score[i, k] - cosine[i, k], score[i, k + 1] - cosine[i, k + 1])
        if pair_score >= support[i, k] and merge[i, k] > max(cosine[i, k], cosine[i, k + 1]) + PAIR_GAIN \
                and min(cosine[i, k], cosine[i, k + 1]) >= weak[i, k] and (pair_score > best or not ok):
            chosen, method, best, ok = [k, k + 1], "merge", pair_score, True
    if not ok:
        for pair in (i - 1, i):
            if not (0 <= pair < split.shape[0] and split_pair(article, pair)):
                continue
            js = int(np.argmax(split[pair]))
            other = pair + 1 if pair == i else pair
            if split[pair, js] >= support[i, js] and split[pair, js] > cosine[i, js] + PAIR_GAIN \
                    and min(cosine[i, js], cosine[other, js]) >= weak[i, js]:
                chosen, method, best, ok = [js], "split", float(split[pair, js]), True
                break
    if not ok:
        return None
    extra = [k for k in range(len(source)) if k not in chosen and score[i, k] >= support[i, k]
             and score[i, k] >= best - ROW_DELTA]
    return sorted(set(chosen) | set(extra)), best, method


def align(article: list[Sentence], source: list[Sentence]) -> Alignment:
    """Score all pairs and decide which article sentences are supported and which source
    sentences are carried; build the beads."""
    vectors = embed.encode([s.text for s in article] + [s.text for s in source])
    av, sv = vectors[: len(article)], vectors[len(article):]
    cosine = av @ sv.T if len(article) and len(source) else np.zeros((len(article), len(source)))
    score = cosine.copy()
    same_lang = [(i, j) for i, a in enumerate(article) for j, s in enumerate(source)
                 if a.language == s.language]
    if same_lang:
        fuzzy = cdist([s.text for s in article], [s.text for s in source],
                      scorer=fuzz.token_set_ratio, processor=default_process,
                      dtype=np.float32) / 100.0
        for i, j in same_lang:
            score[i, j] = max(score[i, j], FUZZY_WEIGHT * fuzzy[i, j])
    score = score + anchor_bonus(article, source)
    support = thresholds(article, source, SUPPORT)
    weak = thresholds(article, source, WEAK)

    merge = av @ pair_vectors(sv).T if len(source) > 1 and len(article) else np.zeros((len(article), 0))
    split = pair_vectors(av) @ sv.T if len(article) > 1 and len(source) else np.zeros((0, len(source)))

    supported = [False] * len(article)
    carried = [False] * len(source)
    beads: list[Bead] = []
    if len(source):
        colbest = score.max(axis=0)
        for i in range(len(article)):
            bead = article_bead(i, article, source, score, cosine, merge, split, support, weak)
            if bead is None:
                continue
            chosen, best, method = bead
            supported[i] = True
            beads.append(Bead((article[i].id,), tuple(source[k].id for k in chosen), round(float(best), 3), method))
            for k in chosen:
                # a summary bullet carries a source sentence only as its closest rendering
                if article[i].kind != "bullet" or score[i, k] >= colbest[k] - 1e-6:
                    carried[k] = True
    for j in range(len(source)):
        if carried[j] or not len(article):
            continue
        for pair in range(split.shape[0]):
            if split_pair(article, pair) and split[pair, j] >= support[pair, j] \
                    and split[pair, j] > max(cosine[pair, j], cosine[pair + 1, j]) + PAIR_GAIN \
                    and min(cosine[pair, j], cosine[pair + 1, j]) >= weak[pair, j]:
                carried[j] = True
                break
    for i, ok in enumerate(supported):
        if not ok:
            beads.append(Bead((article[i].id,), (), round(float(score[i].max()) if len(source) else 0.0, 3), "none"))
    for j, ok in enumerate(carried):
        if not ok:
            beads.append(Bead((), (source[j].id,), round(float(score[:, j].max()) if len(article) else 0.0, 3), "none"))
    order = {s.id: n for n, s in enumerate(list(article) + list(source))}
    beads.sort(key=lambda b: order[(b.article or b.source)[0]] + (0 if b.article else len(order)))
    return Alignment(tuple(article), tuple(source), score, cosine, merge, split, support, weak,
                     tuple(beads), tuple(supported), tuple(carried), av, sv)
