"""Stage 3, segment: :class:`Document` -> :class:`Sentence` spans.

sentencex finds the boundaries; two repairs follow, driven by the language's
``segment.toml``: a full stop after a listed abbreviation ("M.", "Dr.", "P.-D.G.") does not end
a sentence, and a sentence never ends inside an open quotation (« », “ ”, „ “, or straight
double quotes). Headings, titles and list items are one unit each.
"""

from __future__ import annotations

import re
from functools import cache

import sentencex

from .models import Document, Segmented, Sentence
from .rules import lexicon

PAIRS = {"«": "»", "“": "”", "„": "“", "‹": "›"}
CLAUSE_MIN_WORDS = 4
MAX_SENTENCE_WORDS = 80


@cache
def abbreviation_re(language: str) -> re.Pattern[str]:
    abbrevs = lexicon(language)["segment"].get("abbreviations", [])
    alts = "|".join(sorted((re.escape(a) for a in abbrevs), key=len, reverse=True))
    return re.compile(rf"(?:^|[\s(«“\"'])(?:{alts})\.$")


@cache
def final_abbreviations(language: str) -> tuple[re.Pattern[str] | None, frozenset[str]]:
    seg = lexicon(language)["segment"]
    words = seg.get("final_abbreviations", [])
    alts = "|".join(sorted((re.escape(a) for a in words), key=len, reverse=True))
    pattern = re.compile(rf"(?:^|\s)(?:{alts})\.$") if words else None
    return pattern, frozenset(seg.get("sentence_openers", []))


def ends_sentence(prev: str, following: str, language: str) -> bool:
    """An abbreviation that may end a sentence ("at 9.30 a.m.") ends it when the next words
    open a sentence ("The museum ...", "It ..."): a determiner or a pronoun, not a name."""
    pattern, openers = final_abbreviations(language)
    first = following.split()[0] if following.split() else ""
    return pattern is not None and bool(pattern.search(prev)) and first in openers


# guillemets the other way round (»…«), as German print sets them; the other pairs as they are
GUILLEMETS = "«‹"
REVERSED_PAIRS = {
    (close if open_ in GUILLEMETS else open_): (open_ if open_ in GUILLEMETS else close)
    for open_, close in PAIRS.items()
}


def pairs_of(text: str) -> dict[str, str]:
    """The quote pairs a text uses: « » unless its first guillemet is a » (»Wir …«, sagte er)."""
    first = re.search(r"[«»]", text)
    return REVERSED_PAIRS if first and first.group(0) == "»" else PAIRS


def open_quote(text: str) -> bool:
    """Whether text leaves a quotation open."""
    stack: list[str] = []
    pairs = pairs_of(text)
    for ch in text:
        if stack and ch == pairs[stack[-1]]:
            stack.pop()
        elif ch in pairs:
            stack.append(ch)
    if stack:
        return True
    return text.count('"') % 2 == 1


@cache
def month_re(language: str) -> re.Pattern[str] | None:
    months = lexicon(language).get("numbers", {}).get("months", [])
    if not months:
        return None
    return re.compile(r"\s*(?:" + "|".join(map(re.escape, months)) + r")\b", re.IGNORECASE)


@cache
def ordinal_re(language: str) -> re.Pattern[str] | None:
    words = lexicon(language)["segment"].get("ordinal_before", [])
    if not words:
        return None
    alts = "|".join(map(re.escape, words))
    return re.compile(rf"(?:^|\s)(?:{alts})\s+\d{{1,3}}\.$", re.IGNORECASE)


def ordinal_date(prev: str, following: str, language: str) -> bool:
    """'am Samstag, dem 27. September': a day number with its ordinal full stop before a month
    name does not end a sentence; nor does a number after a word that asks for an ordinal
    (the lexicon's ``ordinal_before``: „auf dem 16. Tabellenplatz“, „zum 3. Mal“)."""
    months = month_re(language)
    ordinal = ordinal_re(language)
    return (
        bool(months)
        and bool(re.search(r"(?:^|\s)\d{1,2}\.$", prev))
        and bool(months.match(following))  # type: ignore[union-attr]  # bool(months) above
    ) or (ordinal is not None and ordinal.search(prev) is not None)


def split_spans(text: str, language: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) in text, whitespace trimmed, no characters lost between them."""
    bounds = [
        (b["start_index"], b["end_index"])
        for b in sentencex.get_sentence_boundaries(language, text)
    ]
    if not bounds:
        return [(0, len(text))] if text.strip() else []
    bounds = opening_marks_forward(text, bounds)
    merged: list[list[int]] = []
    abbr = abbreviation_re(language)
    for start, end in bounds:
        if merged:
            prev = text[merged[-1][0] : merged[-1][1]].rstrip()
            if (
                (abbr.search(prev) and not ends_sentence(prev, text[start:end], language))
                or open_quote(prev)
                or not text[start:end].strip()
                or ordinal_date(prev, text[start:end], language)
            ):
                merged[-1][1] = end
                continue
        merged.append([start, end])
    merged[0][0] = 0
    merged[-1][1] = len(text)
    spans = []
    for start, end in merged:
        for a, b in cap_length(text, start, end):
            piece = text[a:b]
            lead = len(piece) - len(piece.lstrip())
            trail = len(piece) - len(piece.rstrip())
            if b - trail > a + lead:
                spans.append((a + lead, b - trail))
    return spans


def opening_marks_forward(text: str, bounds: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A boundary placed after an opening quote mark ('... debidamente. «Vinieron ...') moves
    before it: the mark opens the next sentence, it does not leave this one open."""
    out = list(bounds)
    for k in range(len(out) - 1):
        start, end = out[k]
        piece = text[start:end].rstrip()
        cut = start + len(piece)
        while cut > start and (
            text[cut - 1] in PAIRS or (text[cut - 1] == '"' and text[start:cut].count('"') % 2 == 1)
        ):
            cut -= 1
        if (
            start < cut < start + len(piece)
            and text[start:cut].strip()
            and open_quote(piece)
            and not open_quote(text[start:cut])
        ):
            out[k] = (start, cut)
            out[k + 1] = (cut, out[k + 1][1])
    return out


def cap_length(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A run of text with no sentence end (a list pasted as prose, a long caption) is cut into
    pieces of at most MAX_SENTENCE_WORDS words, at a comma or semicolon when there is one:
    alignment and clause analysis grow with sentence length."""
    out: list[tuple[int, int]] = []
    while True:
        words = list(re.finditer(r"\S+", text[start:end]))
        if len(words) <= MAX_SENTENCE_WORDS:
            out.append((start, end))
            return out
        limit = start + words[MAX_SENTENCE_WORDS - 1].end()
        floor = start + words[MAX_SENTENCE_WORDS // 2].start()
        cut = max((m.end() for m in re.finditer(r"[,;:]\s", text[floor:limit])), default=None)
        cut = floor + cut if cut is not None else start + words[MAX_SENTENCE_WORDS].start()
        out.append((start, cut))
        start = cut


def segment(document: Document, prefix: str, first: int = 1) -> Segmented:
    """Split a document into sentences with ids ``{prefix}{n}`` numbered from ``first``."""
    out: list[Sentence] = []
    number = first
    for paragraph, block in enumerate(document.blocks):
        text = document.text[block.start : block.end]
        if block.kind == "paragraph":
            spans = split_spans(text, document.language)
            kind = "body"
        else:
            spans = [(0, len(text))]
            kind = block.kind
        for start, end in spans:
            out.append(
                Sentence(
                    id=f"{prefix}{number}",
                    text=text[start:end],
                    start=block.start + start,
                    end=block.start + end,
                    kind=kind,
                    paragraph=paragraph,
                    language=document.language,
                )
            )
            number += 1
    return Segmented(document=document, sentences=tuple(out))


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
        if len(stripped.split()) >= CLAUSE_MIN_WORDS and (start, end) != (
            0,
            len(text.rstrip(". ")),
        ):
            spans.append((start, end))
    # a clause runs to the end of the sentence when the last cut opens it
    return spans


def inside_quote(text: str, pos: int) -> bool:
    before = text[:pos]
    pairs = pairs_of(text)
    opening = "»" if "»" in pairs else "«"
    closing = pairs[opening]
    return (
        before.count(opening) > before.count(closing)
        or before.count("“") > before.count("”")
        or before.count('"') % 2 == 1
    )
