"""What the quote, attribution and hedge analysers share: where the quote marks are (and the
text with quoted words blanked out), and the speech cues of a language (speech verbs,
"according to"-type phrases, pronouns, roles) from ``rules/lexicons/<lang>/attribution.toml``.

``quotes``, ``attribution`` and ``hedges`` import this module, never each other in a circle;
the names stay importable from where they used to live (``quotes.mask_quotes``,
``attribution.cues``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..rules import lexicon, phrase_pattern

DEFAULT_PAIRS = {"«": "»", "“": "”", "„": "“", "‹": "›", "‘": "’", '"': '"'}


@dataclass(frozen=True)
class Quote:
    start: int  # offset of the opening mark (in the text given)
    end: int  # offset after the closing mark (or len(text) when unclosed)
    text: str  # the words inside the marks, stripped
    closed: bool


@cache
def pairs_for(language: str | None) -> dict[str, str]:
    if language is None:
        return DEFAULT_PAIRS
    found = lexicon(language).get("quotes", {}).get("pairs")
    return {o: c for o, c in found} if found else DEFAULT_PAIRS


def is_apostrophe(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before.isalnum() and after.isalnum()


def quotes(text: str, language: str | None = None) -> list[Quote]:
    """Top-level direct quotes in text, in order; nested quotes stay inside their parent."""
    pairs = pairs_for(language)
    out: list[Quote] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch in pairs and not (ch in "‘’‚" and is_apostrophe(text, i)):
            if (
                ch == '"'
                and i + 1 < n
                and text[i + 1].isspace()
                and i > 0
                and not text[i - 1].isspace()
            ):
                i += 1  # a straight quote that closes, with nothing open
                continue
            close = pairs[ch]
            depth = 0
            j = i + 1
            while j < n:
                c = text[j]
                if c == close and not (c in "’‘" and is_apostrophe(text, j)) and depth == 0:
                    break
                if c == ch and ch != close and not (c in "‘’‚" and is_apostrophe(text, j)):
                    depth += 1
                elif c == close and depth:
                    depth -= 1
                j += 1
            closed = j < n
            end = j + 1 if closed else n
            inner = text[i + 1 : j].strip(" \u00a0\u202f,.")
            if inner:
                out.append(Quote(i, end, inner, closed))
            i = end
            continue
        i += 1
    return out


def quoted_share(text: str, language: str | None = None) -> float:
    """The share of a text's letters that stand inside direct quotes."""
    letters = sum(ch.isalnum() for ch in text)
    if not letters:
        return 0.0
    inside = sum(sum(ch.isalnum() for ch in text[q.start : q.end]) for q in quotes(text, language))
    return inside / letters


def mask_quotes(text: str, language: str | None = None) -> str:
    """The text with every quoted passage blanked out (same length, offsets kept)."""
    chars = list(text)
    for q in quotes(text, language):
        for k in range(q.start, q.end):
            chars[k] = " "
    return "".join(chars)


# -- speech cues ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Cues:
    verbs: re.Pattern[str] | None  # always speech
    verbs_that: re.Pattern[str] | None  # speech when followed by that/que/a quote, or inverted
    according: re.Pattern[str] | None
    after_source: re.Pattern[str] | None
    vague: re.Pattern[str] | None
    vague_speakers: re.Pattern[str] | None
    inverted: re.Pattern[str] | None
    pronouns: frozenset[str]
    impersonal: frozenset[str]
    auxiliaries: frozenset[str]
    leading: frozenset[str]
    not_name_after: frozenset[str]
    roles: dict[str, re.Pattern[str]]


@cache
def cues(language: str) -> Cues:
    data = lexicon(language).get("attribution", {})
    according = data.get("according_to", [])
    roles = {role: phrase_pattern(words) for role, words in data.get("roles", {}).items()}
    inverted = data.get("inverted", [])
    return Cues(
        verbs=phrase_pattern([v for v in data.get("verbs", []) if v not in according]),
        verbs_that=phrase_pattern(data.get("verbs_that", [])),
        according=phrase_pattern(according),
        after_source=phrase_pattern(data.get("after_source", [])),
        vague=phrase_pattern(data.get("vague", [])),
        vague_speakers=phrase_pattern(data.get("vague_speakers", [])),
        inverted=re.compile(r"(?<![\w-])(?:" + "|".join(inverted) + r")(?![\w-])", re.I)
        if inverted
        else None,
        pronouns=frozenset(p.lower() for p in data.get("pronouns", [])),
        impersonal=frozenset(p.lower() for p in data.get("impersonal", [])),
        auxiliaries=frozenset(p.lower() for p in data.get("auxiliaries", [])),
        leading=frozenset(p.lower() for p in data.get("leading", [])),
        not_name_after=frozenset(p.lower() for p in data.get("not_name_after", [])),
        roles={k: v for k, v in roles.items() if v},
    )


THAT = re.compile(r"\s*(?:that\b|que\b|qu’|qu'|dass\b|de que\b|:|,|«|“|„|\")", re.I)
