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
from functools import cache

import numpy as np

from .. import embed
from ..align import Alignment
from ..findings import make
from ..models import Finding, Sentence
from ..rules import lexicon

CLAUSE_MIN_WORDS = 4
CLAUSE_GAIN = 0.02  # removing an added clause must raise similarity to the source this much
CLAUSE_UNRELATED = {"same": 0.42, "cross": 0.33}  # the clause alone resembles no source sentence


@cache
def clause_re(language: str) -> re.Pattern[str]:
    markers = lexicon(language)["segment"].get("clause_markers", [])
    alts = "|".join(sorted((re.escape(m) for m in markers), key=len, reverse=True))
    return re.compile(rf"\s*[,;:—–]\s+|\s+[—–]\s+|\s+(?=(?:{alts})\b)", re.IGNORECASE)


def clauses(sentence: Sentence) -> list[tuple[int, int]]:
    """Candidate clause spans (start, end) in the sentence text, not the whole sentence."""
    text = sentence.text
    cuts = [0]
    for m in clause_re(sentence.language).finditer(text):
        if not inside_quote(text, m.start()):
            cuts.append(m.end() if m.group(0).strip() else m.end())
    cuts.append(len(text))
    spans = []
    for k in range(len(cuts) - 1):
        start, end = cuts[k], cuts[k + 1]
        piece = text[start:end]
        stripped = piece.rstrip(" ,;:—–.")
        end = start + len(stripped)
        if len(stripped.split()) >= CLAUSE_MIN_WORDS and (start, end) != (0, len(text.rstrip(". "))):
            spans.append((start, end))
    # a clause runs to the end of the sentence when the last cut opens it
    return spans


def inside_quote(text: str, pos: int) -> bool:
    before = text[:pos]
    return before.count("«") > before.count("»") or before.count("“") > before.count("”") \
        or before.count('"') % 2 == 1


def additions(al: Alignment) -> list[Finding]:
    out: list[Finding] = []
    for i, sentence in enumerate(al.article):
        if al.supported[i]:
            continue
        if not al.source:
            continue
        j = al.best_source(i)
        best = float(al.score[i, j])
        related = best >= float(al.weak[i, j])
        confidence = "low" if related else ("high" if best < al.weak[i, j] - 0.1 else "medium")
        near = al.source[j]
        out.append(make(
            "C100", confidence=confidence,
            message=(f"no source sentence supports this sentence (closest: {near.id}, "
                     f"similarity {best:.2f}, needed {al.support[i, j]:.2f})"),
            article_sentence=sentence.id,
            evidence=(("closest", near.id), ("score", f"{best:.2f}")),
        ))
    return out


def partial_additions(al: Alignment) -> list[Finding]:
    """Supported sentences that carry an added clause."""
    jobs: list[tuple[int, tuple[int, int], list[int]]] = []
    for i, sentence in enumerate(al.article):
        if not al.supported[i] or sentence.kind != "body":
            continue
        src = source_indices(al, i)
        for span in clauses(sentence):
            jobs.append((i, span, src))
    if not jobs:
        return []
    texts = []
    for i, (start, end), _ in jobs:
        text = al.article[i].text
        texts.append(text[start:end])
        texts.append((text[:start] + " " + text[end:]).strip(" ,;"))
    vectors = embed.encode(texts)
    out: list[Finding] = []
    flagged: set[int] = set()
    for n, (i, (start, end), src) in enumerate(jobs):
        if i in flagged:
            continue
        clause_v, rest_v = vectors[2 * n], vectors[2 * n + 1]
        target = embed.combine(al.source_vectors[src])
        whole = float(al.article_vectors[i] @ target)
        rest = float(rest_v @ target)
        alone = float(np.max(al.source_vectors @ clause_v))
        same = all(al.article[i].language == al.source[j].language for j in src)
        limit = CLAUSE_UNRELATED["same" if same else "cross"]
        if rest - whole >= CLAUSE_GAIN and alone < limit:
            flagged.add(i)
            clause = al.article[i].text[start:end]
            out.append(make(
                "C101", confidence="high" if alone < limit - 0.1 else "medium",
                message=(f"the clause “{clause}” is not in the source: the rest of the sentence "
                         f"matches {', '.join(al.source[j].id for j in src)}"),
                article_sentence=al.article[i].id,
                source_sentence=al.source[src[0]].id,
                source_sentences=tuple(al.source[j].id for j in src),
                span=(start, end),
                evidence=(("added", clause), ("clause_similarity", f"{alone:.2f}")),
            ))
    return out


def source_indices(al: Alignment, i: int) -> list[int]:
    ids = {s.id: k for k, s in enumerate(al.source)}
    for bead in al.beads:
        if bead.article == (al.article[i].id,) and bead.source:
            return [ids[sid] for sid in bead.source]
    return [al.best_source(i)]


def omissions(al: Alignment) -> list[Finding]:
    out: list[Finding] = []
    for j, sentence in enumerate(al.source):
        if al.carried[j] or sentence.kind not in ("body", "bullet"):
            continue
        if not al.article:
            continue
        i = al.best_article(j)
        best = float(al.score[i, j])
        related = best >= float(al.weak[i, j])
        confidence = "low" if related else ("high" if best < al.weak[i, j] - 0.1 else "medium")
        out.append(make(
            "C200", confidence=confidence,
            message=(f"the article does not carry this source sentence (closest: "
                     f"{al.article[i].id}, similarity {best:.2f})"),
            source_sentence=sentence.id,
            evidence=(("closest", al.article[i].id), ("score", f"{best:.2f}")),
        ))
    return out
