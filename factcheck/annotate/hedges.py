"""The hedges of a sentence: how sure it is.

Hedge words come from ``rules/lexicons/<lang>/hedges.toml`` by category (reported: "allegedly",
"soll"; possibility: "could", "pourrait"; likelihood: "is expected to", "voraussichtlich";
estimate: "estimated"; closeness: "close to"), plus the conditional mood where a language uses
it as a hedge ("aurait", "serait": verbs with the listed endings). Words inside quotes do not
count; a number's qualifier ("close to 40") is the number's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..rules import lexicon, phrase_pattern
from .cues import THAT, cues
from .quantities import norm, number_lexicon
from .quotes import mask_quotes
from .statements import that_follows

WEAK = "weak"  # the category of a hedge word outside the construction it hedges in
# words that leave a claim open without hedging the sentence ("a possible carcinogen", « une
# possible présence », "ronda los 6 euros"): always weak
TENTATIVE = "tentative"


@dataclass(frozen=True)
class Hedge:
    category: str
    text: str


@cache
def hedge_patterns(language: str):
    data = lexicon(language).get("hedges", {})
    cats = {
        cat: phrase_pattern(words)
        for cat, words in data.get("hedges", {}).items()
        if isinstance(words, list)  # not the [hedges.when] table
    }
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


def hedges(text: str, language: str, masked: str | None = None) -> list[Hedge]:
    """The hedges of a sentence, outside its quotes (``masked``: the text with its quotes
    blanked, when already known)."""
    masked = mask_quotes(text, language) if masked is None else masked
    cats, conditional, exclude = hedge_patterns(language)
    qualifiers = number_lexicon(language).qualifiers
    conditions = hedge_conditions(language)
    # a word outside the construction it hedges in ("soll im Herbst beraten": a plan) is kept
    # as a weak hedge: it makes the sentence no more certain than a hedged source, but it adds
    # no hedge of its own
    out = [
        Hedge(
            cat
            if cat != TENTATIVE
            and holds(conditions.get(m.group(0).lower()), masked, m.end())
            and not in_question(masked, m.start(), language)
            else WEAK,
            m.group(0),
        )
        for cat, pattern in cats.items()
        for m in pattern.finditer(masked)
        if (m.start() == 0 or not m.group(0)[:1].isupper())  # "May" the month is no hedge
        and not (norm(m.group(0)) in qualifiers and BEFORE_NUMBER.match(masked, m.end()))
    ]
    # ("close to 40": a number's qualifier, compared with the number)
    if conditional is not None:
        reported_from = reported_speech_start(masked, language)
        out += [
            Hedge(WEAK if in_question(masked, m.start(), language) else "conditional", m.group(0))
            for m in conditional.finditer(masked)
            if m.group(0).lower() not in exclude
            and not any(h.text == m.group(0) for h in out)
            and (m.start() == 0 or not m.group(0)[:1].isupper())  # "Secretaría" is a noun
            and not noun_after_determiner(masked, m.start())  # "la refinería", "un portrait"
            and m.start() < reported_from
        ]
    return out


QUESTION_REACH = 8  # words: how far an indirect question's opening word reaches


@cache
def question_words(language: str) -> frozenset[str]:
    words = lexicon(language).get("hedges", {}).get("questions", {}).get("words", [])
    return frozenset(w.lower().replace("'", "’") for w in words)


def in_question(text: str, start: int, language: str) -> bool:
    """Whether the word at start stands in an indirect question ("would decide by Friday
    whether the order could be lifted", « si l'ordre pouvait être levé », "ob ... könnte"):
    it asks what may happen, it does not hedge the sentence's claim."""
    clause = re.split(r"[,.;:!?«»“”\"]", text[:start])[-1]
    words = [w.lower().replace("'", "’") for w in clause.split()][-QUESTION_REACH:]
    opening = question_words(language)
    return any(w in opening or w.split("’")[0] + "’" in opening for w in words)


def noun_after_determiner(text: str, start: int) -> bool:
    """Whether the word at start follows a determiner, so that it is a noun ("una refinería",
    "un portrait", "de la librería"), not a verb in the conditional. "le", "la", "lo", "les"
    are object pronouns as often ("il le ferait", "lo haría"): they count only after a
    preposition ("en la refinería")."""
    before = [w.lower() for w in text[:start].split()]
    if not before:
        return False
    last = before[-1]
    if last in NOUN_DETERMINERS:
        return True
    if last in CLITIC_ARTICLES or last.endswith(("l'", "l’")):
        return len(before) > 1 and before[-2] in PREPOSITIONS
    return False


# determiners that are never object pronouns
NOUN_DETERMINERS = frozenset(
    "el un una uno unos unas del al esta este estas estos su sus otra otro cada "
    "un une du des au aux ce cet cette son sa ses mon ma mes notre votre".split()
)
CLITIC_ARTICLES = frozenset("le la les lo los las l".split())
PREPOSITIONS = frozenset(
    "de en a con por para sobre desde hasta entre sin à dans sur pour par avec chez vers".split()
)


@cache
def hedge_conditions(language: str) -> dict[str, re.Pattern[str]]:
    """Hedge words that hedge only in one construction (``[hedges.when]``): German "soll"
    reports only with a perfect infinitive ("soll gesagt haben"; "soll im Herbst beraten" is a
    plan), Spanish "pudo" only before "haber" ("pudo haber causado"; "pudieron regresar" is
    what they were able to do). The pattern must match the rest of the clause."""
    when = lexicon(language).get("hedges", {}).get("hedges", {}).get("when", {})
    return {word.lower(): re.compile(pattern, re.I) for word, pattern in when.items()}


def holds(condition: re.Pattern[str] | None, text: str, end: int) -> bool:
    if condition is None:
        return True
    clause = re.split(r"[,.;:!?](?:\s|$)", text[end:], maxsplit=1)[0]  # not in "3,4"
    return condition.search(clause) is not None


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
            # "a annoncé mardi que", "warned the pilots that": after a short adverbial or
            # the addressee
            tell = m.group(0).lower() in c.tell_verbs
            if not that and that_follows(text, m.end(), c.that_gap, tell=tell):
                return m.end()
    return len(text)


BEFORE_NUMBER = re.compile(r"[\s\u00a0]*[£$€¥]?\d")
