"""Hedges: how sure a sentence is, and whether the rewrite changed it.

Hedge words come from ``rules/lexicons/<lang>/hedges.toml`` by category (reported: "allegedly",
"soll"; possibility: "could", "pourrait"; likelihood: "is expected to", "voraussichtlich";
estimate: "estimated"; closeness: "close to"), plus the conditional mood where a language uses
it as a hedge ("aurait", "serait": verbs with the listed endings). Words inside quotes do not
count: a changed quote is the quote analyser's business.

Per aligned pair:

* H100 hedge-dropped: the source sentence the article sentence renders best hedges and the
  article does not (the article is surer than its source), or a number's qualifier is dropped
  ("at least 40" -> "40", "up to" -> none);
* H101 hedge-added: the article hedges a claim the source states plainly (weaker), or adds a
  qualifier to a number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..findings import make
from ..models import Finding
from ..rules import lexicon, phrase_pattern
from .numbers import compare, extract, norm, number_lexicon
from .speech import THAT, cues, mask_quotes


@dataclass(frozen=True)
class Hedge:
    category: str
    text: str


@cache
def hedge_patterns(language: str):
    data = lexicon(language).get("hedges", {})
    cats = {cat: phrase_pattern(words) for cat, words in data.get("hedges", {}).items()}
    cond = data.get("conditional", {})
    suffixes = cond.get("suffixes", [])
    conditional = (
        re.compile(
            r"(?<![\w’'-])[^\W\d_]{2,}(?:" + "|".join(map(re.escape, suffixes)) + r")(?![\w’'-])",
            re.I,
        )
        if suffixes
        else None
    )
    return (
        {k: v for k, v in cats.items() if v is not None},
        conditional,
        {w.lower() for w in cond.get("exclude", [])},
    )


def hedges(text: str, language: str) -> list[Hedge]:
    """The hedges of a sentence, outside its quotes."""
    masked = mask_quotes(text, language)
    cats, conditional, exclude = hedge_patterns(language)
    qualifiers = number_lexicon(language).qualifiers
    out = [
        Hedge(cat, m.group(0))
        for cat, pattern in cats.items()
        for m in pattern.finditer(masked)
        if (m.start() == 0 or not m.group(0)[:1].isupper())  # "May" the month is no hedge
        and not (norm(m.group(0)) in qualifiers and BEFORE_NUMBER.match(masked, m.end()))
    ]
    # ("close to 40": a number's qualifier, compared with the number)
    if conditional is not None:
        reported_from = reported_speech_start(masked, language)
        out += [
            Hedge("conditional", m.group(0))
            for m in conditional.finditer(masked)
            if m.group(0).lower() not in exclude
            and not any(h.text == m.group(0) for h in out)
            and (m.start() == 0 or not m.group(0)[:1].isupper())  # "Secretaría" is a noun
            and m.start() < reported_from
        ]
    return out


@cache
def mood_pattern(language: str) -> re.Pattern[str] | None:
    cond = lexicon(language).get("hedges", {}).get("conditional", {})
    words = list(cond.get("auxiliaries", []))
    suffixes = cond.get("suffixes", [])
    parts = []
    if words:
        parts.append(r"(?<![\w’'-])(?:" + "|".join(map(re.escape, words)) + r")(?![\w’'-])")
    if suffixes:
        parts.append(
            r"(?<![\w’'-])[^\W\d_]{2,}(?:" + "|".join(map(re.escape, suffixes)) + r")(?![\w’'-])"
        )
    return re.compile("|".join(parts), re.I) if parts else None


def conditional_mood(text: str, language: str) -> bool:
    """Whether the sentence is in the conditional mood anywhere ("would", "würde", a French or
    Spanish conditional), reported speech included: "would create" and « créerait » are one
    mood, so the translation hedges nothing the source did not."""
    pattern = mood_pattern(language)
    exclude = hedge_patterns(language)[2]
    return pattern is not None and any(
        m.group(0).lower() not in exclude for m in pattern.finditer(text)
    )


def reported_speech_start(text: str, language: str) -> int:
    """Where reported speech begins ("a annoncé que ..."): a conditional after it is the tense
    of reported speech (concordance), not a hedge. len(text) when there is none."""
    c = cues(language)
    for pattern in (c.verbs, c.verbs_that):
        if pattern is None:
            continue
        for m in pattern.finditer(text):
            that = THAT.match(text, m.end())
            if that and that.group(0).strip() not in (",", ":"):
                return m.end()
    return len(text)


BEFORE_NUMBER = re.compile(r"[\s\u00a0]*[£$€¥]?\d")
STRICT = {"min", "max", "gt", "lt", "approx"}


def findings(alignment) -> list[Finding]:
    art = {s.id: s for s in alignment.article}
    src = {s.id: s for s in alignment.source}
    row = {s.id: i for i, s in enumerate(alignment.article)}
    col = {s.id: j for j, s in enumerate(alignment.source)}
    out: list[Finding] = []
    for bead in alignment.beads:
        if not bead.article or not bead.source:
            continue
        a = art[bead.article[0]]
        ha = hedges(a.text, a.language)
        main = max(bead.source, key=lambda sid: alignment.score[row[a.id], col[sid]])
        hs = [(main, h) for h in hedges(src[main].text, src[main].language)]
        if (
            ha
            and all(h.category == "conditional" for h in ha)
            and conditional_mood(src[main].text, src[main].language)
        ):
            ha = []  # the same mood as the source's "would"
        if (
            hs
            and all(h.category == "conditional" for _, h in hs)
            and conditional_mood(a.text, a.language)
        ):
            hs = []
        if hs and not ha:
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
        elif ha and not hs:
            words = ", ".join(dict.fromkeys(x.text for x in ha))
            out.append(
                make(
                    "H101",
                    confidence="medium",
                    message=f"the article hedges this (“{words}”); the source states it plainly",
                    article_sentence=a.id,
                    source_sentence=main,
                    evidence=(
                        ("direction", "weaker"),
                        ("article_hedge", words),
                        ("source_hedge", "—"),
                    ),
                )
            )
        out += qualifier_changes(a, [src[sid] for sid in bead.source])
    return out


@cache
def duration_units(language: str) -> frozenset[str]:
    return frozenset(
        u.lower() for u in lexicon(language).get("numbers", {}).get("duration_units", [])
    )


def is_duration(q, text: str, language: str) -> bool:
    nxt = re.match(r"[\s\u00a0-]*([^\W\d_]+)", text[q.end :])
    return bool(nxt) and nxt.group(1).lower() in duration_units(language)  # type: ignore[union-attr]  # bool(nxt)


def qualifier_changes(a, sources) -> list[Finding]:
    """Numbers that kept their value but lost or gained a qualifier ("at least", "up to")."""
    pooled = [(s.id, q) for s in sources for q in extract(s.text, s.language)]
    cmp = compare(extract(a.text, a.language), tuple(q for _, q in pooled))
    owner = {id(q): sid for sid, q in pooled}
    out = []
    for qa, qs in cmp.matched:
        if qa.kind == "vague" or qs.kind == "vague" or qa.qualifier == qs.qualifier:
            continue
        if is_duration(qa, a.text, a.language) or any(
            is_duration(qs, s.text, s.language) for s in sources if s.id == owner[id(qs)]
        ):
            continue  # "over 12 months", "plus de 65 ans": a span of time or an age
        if qs.qualifier in STRICT and qa.qualifier is None:
            code, direction = "H100", "stronger"
        elif qa.qualifier in STRICT and qs.qualifier is None:
            code, direction = "H101", "weaker"
        else:
            continue
        out.append(
            make(
                code,
                confidence="high",
                message=(
                    f"the qualifier changed: “{qs.phrase}” in the source, “{qa.phrase}” in the "
                    f"article ({direction})"
                ),
                article_sentence=a.id,
                source_sentence=owner[id(qs)],
                span=(qa.start, qa.end),
                evidence=(("direction", direction), ("source", qs.phrase), ("article", qa.phrase)),
            )
        )
    return out
