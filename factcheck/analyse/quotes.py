"""Direct quotes: whether the article quotes the source faithfully, and gives the quote to
the same speaker.

The quotes themselves, per paragraph and with their speakers, are annotations
(:mod:`factcheck.annotate`): a quote may span several sentences; a quote interrupted by its
attribution ("We will stay," he said, "until the end.") is two quotes with one speaker.

Matching an article quote to the source:

* within a language, word by word (rapidfuzz), also when the article quotes a fragment;
* across languages, by multilingual embeddings of the quoted words.

A matched quote is altered (Q100) when, within a language, words changed (the report shows the
word diff), or, across languages, when the elements that carry meaning differ: negation,
possibility (could), condition (would, if), intensifiers, numbers. A quote that
matches no source quote is reported speech turned into a quote (Q102) when a source sentence
says it without quote marks, and unsourced (Q101) otherwise. A matched quote given to another
speaker is an attribution change (A100).
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache

import numpy as np
from rapidfuzz import fuzz

from .. import embed
from ..annotate import MIN_QUOTE_WORDS as MIN_WORDS
from ..annotate import Annotated, Attribution, DocQuote
from ..annotate.cues import ARTICLES
from ..annotate.hedges import hedge_patterns
from ..annotate.quantities import extract as extract_quantities
from ..annotate.statements import fold
from ..findings import make
from ..models import Finding, Segmented, Sentence
from ..models import Quote as Quote_
from ..rules import lexicon, phrase_pattern
from .attribution import alike, different
from .numbers import compare as compare_quantities

UNSOURCED_MIN_WORDS = 4
SPLIT_GAP = 60  # characters between the two parts of a quote split by its speaker tag
SHORT_WORDS = 2  # a quote this short is compared only when it has a speaker
SAME_MATCH = 0.62  # rapidfuzz ratio (0-1) for the same quote within a language
CROSS_MATCH = 0.50  # embedding cosine for the same quote across languages
ALTERED_FLOOR = {"same": 0.45, "cross": 0.36}  # a reworded quote of the sentence's own source
REWORDED_LENGTH = 4  # ... at most this many times shorter than the quote it rewords
SPEECH_MATCH = {"same": 0.62, "cross": 0.50}  # quote vs a source sentence without quote marks
# an unmatched quote this like its speaker's unrendered source quote (embedding cosine) may be
# that quote said otherwise: above the median of unrelated quote pairs across languages (0.08)
UNRENDERED_FLOOR = 0.10
WORD_RE = re.compile(r"[\w’'-]+", re.UNICODE)


# « œuvres » = "oeuvres"; a hyphen typed as a dash of another width is a hyphen
LIGATURES = str.maketrans(
    {"œ": "oe", "Œ": "Oe", "æ": "ae", "Æ": "Ae", "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-"}
)


def words(text: str) -> list[str]:
    """The words of a text, lower case; a dash standing alone is punctuation, not a word."""
    return [
        w.lower().replace("'", "’")
        for w in WORD_RE.findall(text.translate(LIGATURES))
        if w.strip("-")
    ]


def verbatim_in(quote: str, texts: list[str]) -> bool:
    """Whether a quote's words stand in this order in the texts, one of them or several in a
    row (a quote of three sentences): quoted there with marks the scanner could not pair ("sad
    “to see “a part of us on fire.”", a closing mark copied to the start of the next line), or
    not marked."""
    # without diacritics: a copy writes "Banska Bystrica" for "Banská Bystrica"
    mine = fold(" ".join(words(quote)))
    return bool(mine) and (
        mine in fold(" ".join(w for t in texts for w in words(t))) or cut_in(quote, texts)
    )


NEAR_VERBATIM = 78  # rapidfuzz partial ratio of a quote's words in one sentence of the source
NEAR_VERBATIM_WORDS = 6  # ... for a quote of at least this many words


def nearly_in(quote: str, texts: list[str]) -> bool:
    """Whether a quote's words stand nearly as they are in one of the texts (in the same
    language), unmarked: a copy that lost its quote marks, or a transcription that differs by a
    word ("you are found guilty" for "you have been found guilty")."""
    mine = fold(" ".join(words(quote)))
    if len(mine.split()) < NEAR_VERBATIM_WORDS:
        return False
    return any(fuzz.partial_ratio(mine, fold(" ".join(words(t)))) >= NEAR_VERBATIM for t in texts)


CUT_PREFIX = 8  # words of a quote that a source cut in the middle of it must hold


def cut_in(quote: str, texts: list[str]) -> bool:
    """Whether a text ends inside the quote: a source cut short (a teaser, a paywall) in the
    middle of these words ("... l’avaient obligé à être hospi"), with the words before the cut
    those of the quote, at least eight of them and half of the quote."""
    q = [fold(w) for w in words(quote)]
    for t in texts:
        tw = [fold(w) for w in words(t)]
        for n in range(max(CUT_PREFIX, (len(q) + 1) // 2), min(len(q), len(tw)) + 1):
            head, last = q[:n], tw[-n:]
            if head[:-1] == last[:-1] and head[-1].startswith(last[-1]) and n < len(q):
                return True
    return False


# -- comparing two quotes -------------------------------------------------------------------


def words_and_patterns(words: list[str], patterns: list[str]) -> re.Pattern[str] | None:
    """One pattern for a lexicon's phrases and its regular expressions of the same thing."""
    phrases = phrase_pattern(words)
    if not (phrases or patterns):
        return None
    return re.compile("|".join(([phrases.pattern] if phrases else []) + patterns), re.I)


@cache
def quote_lexicon(language: str):
    data = lexicon(language).get("quotes", {})
    modals = {cat: phrase_pattern(items) for cat, items in data.get("modals", {}).items()}
    negation = words_and_patterns(data.get("negations", []), data.get("negation_patterns", []))
    units = {unit: phrase_pattern(items) for unit, items in data.get("units", {}).items()}
    not_possibility = words_and_patterns(
        data.get("not_possibility", []), data.get("not_possibility_patterns", [])
    )
    return (
        negation,
        phrase_pattern(data.get("intensifiers", [])),
        {k: v for k, v in modals.items() if v is not None},
        phrase_pattern(data.get("not_negations", [])),
        not_possibility,
        {k: v for k, v in units.items() if v is not None},
        phrase_pattern(data.get("absolutes", [])),
        phrase_pattern(data.get("not_conditional", [])),
        phrase_pattern(data.get("maybe_conditional", [])),
    )


def elements(text: str, language: str) -> dict[str, bool]:
    """What carries meaning in a quote, comparable across languages: negation, intensifiers,
    and two kinds of uncertainty: possibility (could, pourrait, podría, könnte) and the
    conditional (would, if; si, serait; sería; würde, wenn). Tenses differ too much between
    languages to compare more finely, so the future and the present count alike."""
    (
        negation,
        intensifier,
        modals,
        not_negation,
        not_possibility,
        _,
        absolute,
        not_conditional,
        maybe_conditional,
    ) = quote_lexicon(language)
    text = text.replace("'", "’")
    # "as if", „als würde“: a comparison, no condition
    text = not_conditional.sub(" ", text) if not_conditional else text
    obligation = modals.get("obligation")
    duty = {m.group(0).lower() for m in obligation.finditer(text)} if obligation else set()
    plain = not_negation.sub(" ", text) if not_negation else text
    sure = not_possibility.sub(" ", text) if not_possibility else text  # "could not": past ability
    _, suffix, exclude = hedge_patterns(language)
    possibility = modals.get("possibility")
    possible_words = (
        {m.group(0).lower() for m in possibility.finditer(sure)} if possibility else set()
    )
    conditional = bool(modals.get("conditional") and modals["conditional"].search(text)) or bool(
        suffix
        and any(
            m.group(0).lower() not in exclude | possible_words | duty for m in suffix.finditer(text)
        )
    )
    return {
        "negation": bool(negation and negation.search(plain)),
        "intensifier": bool(intensifier and intensifier.search(text)),
        "absolute": bool(absolute and absolute.search(text)),
        "possibility": bool(possible_words),
        "conditional": conditional,
        # "wenn", "when": a condition or a time, as a translation reads it
        "maybe_conditional": bool(maybe_conditional and maybe_conditional.search(text)),
    }


def time_units(text: str, language: str) -> frozenset[str]:
    """The units of time a quote speaks in (keys shared by the languages: "month", "year")."""
    units = quote_lexicon(language)[5]
    return frozenset(unit for unit, pattern in units.items() if pattern.search(text))


def element_changes(a: DocQuote, s_text: str, s_lang: str) -> list[str]:
    """What changed in meaning between a quote and its source in another language. Where the
    article marks words as left out ("…", "[...]"), what it drops may be in the gap: only
    what it adds counts."""
    ea, es = elements(a.text, a.language), elements(s_text, s_lang)
    # a quote cut short at a sentence end ("... continuar el camino." of a four-sentence quote)
    # leaves out whole sentences as an ellipsis leaves out words
    elided = bool(ELLIPSIS.search(a.text)) or len(quote_sentences(a.text)) < len(
        quote_sentences(s_text)
    )
    if elided:
        es = {k: v and ea[k] for k, v in es.items()}
    out = []
    if ea["negation"] != es["negation"]:
        out.append("negation " + ("added" if ea["negation"] else "dropped"))
    for key, word in (("possibility", "possibility"), ("conditional", "condition")):
        if key == "conditional" and (
            (ea[key] and es["maybe_conditional"]) or (es[key] and ea["maybe_conditional"])
        ):
            continue  # "If things carry on like this" for „Wenn es so weitergeht“
        if ea[key] != es[key]:
            out.append(
                f"{word} {'added' if ea[key] else 'dropped'}: made "
                + ("less" if ea[key] else "more")
                + " certain"
            )
    if ea["intensifier"] != es["intensifier"]:
        out.append("intensifier " + ("added" if ea["intensifier"] else "dropped"))
    if ea["absolute"] != es["absolute"]:
        out.append("absolute word " + ("added" if ea["absolute"] else "dropped"))
    qa_, qs_ = extract_quantities(a.text, a.language), extract_quantities(s_text, s_lang)
    cmp = compare_quantities(qa_, qs_)
    out += [f"number {qs.text} -> {qa.text}" for qa, qs in cmp.changed]
    # a number on one side only: "back to target" -> "auf null"
    # a number on one side of quotes that state none on the other ("uno" is not read as one:
    # a quote with numbers of its own is compared number by number only)
    if not qs_:
        out += [f"number added: {q.text}" for q in cmp.added if stated(q)]
    if not qa_ and not elided:
        out += [f"number dropped: {q.text}" for q in cmp.dropped if stated(q)]
    ua, us = time_units(a.text, a.language), time_units(s_text, s_lang)
    if ua and us and ua != us:
        out.append(f"span of time changed: {', '.join(sorted(us))} -> {', '.join(sorted(ua))}")
    return out


FIGURE_WORDS = 6  # a quoted figure ("„mehr als zwei Milliarden Dollar“") is this short


def quoted_figure(qa, rendered, notes: Annotated) -> bool:
    """A few words in quote marks that give a figure of the source sentences the article
    sentence renders, and are that figure more than anything said: the source's figure set off,
    not an invented quote."""
    if len(qa.text.split()) > FIGURE_WORDS:
        return False
    figures = extract_quantities(qa.text, qa.language)
    figure_chars = sum(len(q.text) + len(q.qualifier_text or "") for q in figures)
    if qa.speaker is not None and 2 * figure_chars < len(qa.text):
        return False  # words someone is said to have said, with a number in them
    pool = tuple(q for sid in rendered for q in notes[sid].quantities)
    cmp = compare_quantities(figures, pool)
    return bool(figures) and not cmp.changed and not cmp.added


def quote_sentences(text: str) -> list[str]:
    return [p for p in re.split(r"(?<=[.!?…])\s+(?=[^\W\d_])", text.strip()) if p]


def stated(q) -> bool:
    """A quantity that no faithful translation leaves out: zero, or a number in digits."""
    return q.kind in ("count", "percent") and (q.value == 0 or any(ch.isdigit() for ch in q.text))


ELLIPSIS = re.compile(
    r"\s*(?:\[\s*(?:…|(?:\.\s*){2,})\s*\]|\(\s*(?:…|(?:\.\s*){2,})\s*\)|…|\.{3})\s*"
)  # "…", "...", "[...]", "[…]", "(...)", "(…)"
BRACKETED = re.compile(r"\[([^\]]*)\]")
# articles and determiners: a quote that differs from its source only by one of these ("The
# union" for "union", "le" for "la" after a change of case) is not altered
DETERMINERS = ARTICLES | {"de", "l’", "una"}


def word_diff(article: str, source: str, open_end: bool = False) -> str | None:
    """The changed words between two quotes in one language, or None when the article quotes
    the source verbatim (or a contiguous fragment of it). What an editor marks is no change:
    an ellipsis ("…", "[...]") leaves words out, a bracketed insertion ("[the president]")
    stands for the words it replaces; nor is a changed article or determiner. ``open_end``: the
    article's quote is unclosed, so words after the source's are not part of it."""
    elided = bool(ELLIPSIS.search(article))
    inserted: set[str] = set()
    for m in BRACKETED.finditer(ELLIPSIS.sub(" ", article)):
        inserted.update(words(m.group(1)))
    a = words(BRACKETED.sub(lambda m: " " + m.group(1) + " ", ELLIPSIS.sub(" ", article)))
    # where the source's own quote leaves words out ("died today...in the monastery"), words
    # the article has there are the ones left out, not added
    pieces = ELLIPSIS.split(source)
    s = [w for piece in pieces for w in words(piece)]
    gaps = {sum(len(words(p)) for p in pieces[: k + 1]) for k in range(len(pieces) - 1)}
    if not a:
        return None
    ops = difflib.SequenceMatcher(a=s, b=a, autojunk=False).get_opcodes()
    # the article may quote a fragment: ignore what it leaves out at either end
    while ops and ops[0][0] == "delete":
        ops = ops[1:]
    while ops and ops[-1][0] == "delete":
        ops = ops[:-1]
    while open_end and ops and ops[-1][0] == "insert":
        ops = ops[:-1]  # an unclosed quote: what follows the source's words is no quote
    parts = []
    changed = False
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            parts.append(" ".join(a[j1:j2]))
            continue
        gone, added = s[i1:i2], a[j1:j2]
        if (
            (tag == "delete" and elided)
            or (tag == "insert" and i1 in gaps)
            or (added and set(added) <= inserted)
            or set(gone + added) <= DETERMINERS
            or (tag == "replace" and spelled_alike(gone, added))
        ):
            parts.append(" ".join(added))
            continue
        changed = True
        if i2 > i1:
            parts.append("[-" + " ".join(gone) + "-]")
        if j2 > j1:
            parts.append("{+" + " ".join(added) + "+}")
    return " ".join(p for p in parts if p) if changed else None


# British and American spellings of one word: "neighbourhood", "organise", "centre",
# "travelled", "analyse", "catalogue", "defence" read as "neighborhood", "organize", ...
SPELLINGS = (
    ("our", "or"),
    ("isation", "ization"),
    ("ise", "ize"),  # "organised" too
    ("ising", "izing"),
    ("yse", "yze"),
    ("tre", "ter"),
    ("ll", "l"),
    ("ogue", "og"),
    ("ence", "ense"),
)


def spelling(word: str) -> str:
    for british, american in SPELLINGS:
        word = word.replace(british, american)
    return word


def spelled_alike(gone: list[str], added: list[str]) -> bool:
    """Words replaced one for one by the same words in the other spelling of English
    ("neighbourhood" for "neighborhood"), not by other words."""
    return len(gone) == len(added) and all(
        spelling(g) == spelling(a) for g, a in zip(gone, added, strict=True)
    )


# -- findings -------------------------------------------------------------------------------


def records(quotes_found: tuple[DocQuote, ...] | list[DocQuote]) -> tuple[Quote_, ...]:
    """The quotes as report records (models.Quote)."""
    return tuple(
        Quote_(
            q.sentence.id,
            q.start,
            q.end,
            q.text,
            (q.speaker.speaker or None) if q.speaker else None,
            q.speaker.cue if q.speaker else None,
            (q.speaker.reporter or None) if q.speaker else None,
            (q.speaker.resolved_from or None) if q.speaker else None,
            q.closed,
        )
        for q in quotes_found
    )


def findings(
    article: Segmented, sources: list[Segmented], beads, notes: Annotated
) -> list[Finding]:
    """Q100 quote-altered, Q101 quote-unsourced, Q102 speech-quoted, A100 (quote's speaker)."""
    # an unclosed quote is compared too (it runs to the end of its paragraph); unmatched, it
    # is not reported as unsourced: where it ends cannot be told
    # a quote of two words counts when someone is said to have said it (scare quotes and
    # terms have no speaker)
    a_quotes = [
        q
        for q in interrupted(notes.quotes_of("A"))
        if q.words >= MIN_WORDS or (q.words == SHORT_WORDS and q.speaker is not None)
    ]
    if not a_quotes:
        return []
    reopened = reopened_before(sources)
    s_quotes = [q for q in notes.quotes_of("S") if q.closed or q.sentence.id in reopened]
    bundles = quote_bundles(s_quotes)
    s_sentences = [s for seg in sources for s in seg.sentences if s.kind in ("body", "bullet")]
    parts = quote_parts(s_quotes)
    texts = [q.text for q in a_quotes] + [b.text for b in bundles] + [s.text for s in s_sentences]
    vectors = embed.encode(texts) if texts else np.zeros((0, embed.DIM))
    av = vectors[: len(a_quotes)]
    bv = vectors[len(a_quotes) : len(a_quotes) + len(bundles)]
    sv = vectors[len(a_quotes) + len(bundles) :]
    # encoded only when a quote is left unmatched
    parts_v = encoded_later(parts)
    clauses_of = clause_parts(s_quotes)
    clauses_v = encoded_later(clauses_of)

    rendered = {b.article[0]: b.source for b in beads if b.article and b.source}
    order = [s.id for s in article.sentences]
    nearby = {
        sid: tuple(
            x for j in (k - 1, k, k + 1) if 0 <= j < len(order) for x in rendered.get(order[j], ())
        )
        for k, sid in enumerate(order)
    }

    out: list[Finding] = []
    matched: set[str] = set()  # source sentences whose quote an article quote renders
    pending: list[tuple[int, DocQuote, float]] = []  # quotes in no source, judged at the end
    for n, qa in enumerate(a_quotes):
        best, score = best_quote(qa, av[n], bundles, bv, rendered.get(qa.sentence.id, ()))
        via_alignment = False
        if best is None:
            best, score = aligned_quote(qa, av[n], bundles, bv, rendered.get(qa.sentence.id, ()))
            via_alignment = best is not None
        if best is None and parts:
            # “We are not closing it. We are making sure it has a future,” quoted in two: one
            # sentence of a source quote. A short part alone matches too loosely: only a part
            # that this article sentence or the one next to it renders, and that no other
            # article quote matches better
            pv = parts_v()
            near = [
                k
                for k, b in enumerate(parts)
                if b.first.sentence.id in nearby.get(qa.sentence.id, ())
                and int(np.argmax(av @ pv[k])) == n
            ]
            best, score = best_quote(qa, av[n], [parts[k] for k in near], pv[near])
        if best is not None:
            found = compare_quotes(qa, best, score, via_alignment)
            if found is not None:
                out += found
                matched.update(q.sentence.id for q in best.quotes)
                continue
        if clauses_of:
            # “Wir hoffen jedoch, dass Sie …” for the second clause of a long source quote
            # (“His departure will sadden …, but we hope that …”): matched as a quote would be
            best, score = best_quote(qa, av[n], clauses_of, clauses_v())
            found = compare_quotes(qa, best, score, False) if best is not None else None
            if found is not None:
                out += found
                matched.update(q.sentence.id for q in best.quotes)
                continue
        if not qa.closed:
            continue  # unmatched and unclosed: where the quote ends cannot be told
        if ELLIPSIS.search(qa.text) and pieces_quoted(
            qa, bundles + parts, np.vstack([bv, parts_v()]) if parts else bv
        ):
            continue  # “... uno (…) Pero ...”: each part of an elided quote is in the source
        words_n = len(qa.text.split())
        # not quoted in the source: said there without quote marks?
        j, speech = best_sentence(qa, av[n], s_sentences, sv, notes)
        if j is not None:
            s = s_sentences[j]
            out.append(
                make(
                    "Q102",
                    confidence="medium",
                    message=(
                        f"the quote “{qa.text}” is not a quote in the source: "
                        f"{s.id} reports it without quote marks"
                    ),
                    article_sentence=qa.sentence.id,
                    source_sentence=s.id,
                    evidence=(
                        ("article_quote", qa.text),
                        ("source_text", s.text),
                        ("article_speaker", speaker_text(qa.speaker)),
                    ),
                )
            )
        elif (
            words_n >= UNSOURCED_MIN_WORDS
            and not verbatim_in(
                qa.text, same := [s.text for s in s_sentences if s.language == qa.language]
            )
            and not nearly_in(qa.text, same)
            and not quoted_figure(qa, rendered.get(qa.sentence.id, ()), notes)
        ):
            pending.append((n, qa, speech))
    for n, qa, speech in pending:
        own = unrendered_quote_of(qa, av[n], s_quotes, matched)
        if own is not None:
            # the speaker's own quote in the source is rendered by no article quote: the
            # article's is more likely that quote said otherwise than one made up
            out.append(
                make(
                    "Q100",
                    confidence="low",
                    message=(
                        f"the quote “{qa.text}” is in no source, and no article quote renders "
                        f"{qa.speaker.speaker if qa.speaker else 'the speaker'}'s quote in "
                        f"{own.sentence.id}: it may be that quote, said otherwise"
                    ),
                    article_sentence=qa.sentence.id,
                    source_sentence=own.sentence.id,
                    evidence=(
                        ("article_quote", qa.text),
                        ("source_quote", own.text),
                        ("changes", "another wording"),
                        ("article_speaker", speaker_text(qa.speaker)),
                        ("source_speaker", speaker_text(own.speaker)),
                    ),
                )
            )
            continue
        out.append(
            make(
                "Q101",
                confidence="high" if speech < 0.3 else "medium",
                message=f"the quote “{qa.text}” is in no source",
                article_sentence=qa.sentence.id,
                evidence=(
                    ("article_quote", qa.text),
                    ("article_speaker", speaker_text(qa.speaker)),
                ),
            )
        )
    return out


QUOTE_OPENERS = "\"“«„»‘'"


def reopened_before(sources: list[Segmented]) -> set[str]:
    """The sentences whose next sentence opens a quote mark again: an unclosed quote in one is a
    quote over several paragraphs, each opened and only the last closed ("said: “We are deeply
    saddened …" / "“He was a great scientist …”"), so each paragraph's part ends with it."""
    out = set()
    for seg in sources:
        body = [s for s in seg.sentences if s.kind in ("body", "bullet")]
        out |= {
            s.id for s, nxt in itertools.pairwise(body) if nxt.text.lstrip()[:1] in QUOTE_OPENERS
        }
    return out


def unrendered_quote_of(
    qa: DocQuote, vector: np.ndarray, s_quotes: list[DocQuote], matched: set[str]
) -> DocQuote | None:
    """The quote most like qa of the same named speaker in a source sentence whose quotes no
    article quote renders, in another language (across languages a changed quote may resemble
    its source too little to be matched), when it is more like qa than most unrelated quotes
    are; None when there is none."""
    if qa.speaker is None or not qa.speaker.names:
        return None
    candidates = [
        qs
        for qs in s_quotes
        if qs.language != qa.language
        and qs.sentence.id not in matched
        and qs.words >= MIN_WORDS
        and qs.speaker is not None
        and qs.speaker.names
        and not different(qa.speaker, qs.speaker)
    ]
    if not candidates:
        return None
    scores = embed.encode([qs.text for qs in candidates]) @ vector
    k = int(np.argmax(scores))
    return candidates[k] if scores[k] >= UNRENDERED_FLOOR else None


@dataclass(frozen=True)
class Bundle:
    """A source quote, or all the quotes of one source sentence joined (the article may merge
    the parts of an interrupted quote)."""

    text: str
    quotes: tuple[DocQuote, ...]
    whole_sentence: bool = False

    @property
    def first(self) -> DocQuote:
        return self.quotes[0]


def quote_bundles(s_quotes: list[DocQuote]) -> list[Bundle]:
    """Each source quote; the quotes of one sentence joined; and the whole sentence around its
    quotes (the article may quote the reported part too: « désormais personne ne peut briser
    les relations » for: now no one can break" the bonds)."""
    out = [Bundle(q.text, (q,)) for q in s_quotes]
    by_sentence: dict[str, list[DocQuote]] = {}
    for q in s_quotes:
        by_sentence.setdefault(q.sentence.id, []).append(q)
    for group in by_sentence.values():
        if len(group) > 1:
            out.append(Bundle(" ".join(q.text for q in group), tuple(group)))
        out.append(Bundle(group[0].sentence.text, tuple(group), whole_sentence=True))
    # a quote split by its speaker tag across two sentences (“No words can describe it,” he
    # said. “Each of us ...”): the article may quote both parts as one
    for first, second in zip(s_quotes, s_quotes[1:], strict=False):
        if (
            first.sentence.id != second.sentence.id
            and first.language == second.language
            and 0 < second.start - first.end <= SPLIT_GAP
        ):
            out.append(Bundle(first.text + " " + second.text, (first, second)))
    return out


def similarity(
    qa: DocQuote, qb: DocQuote, va: np.ndarray, vb: np.ndarray, b_text: str
) -> tuple[float, float]:
    """(score, threshold) for two quotes."""
    if qa.language == qb.language:
        a, b = " ".join(words(qa.text)), " ".join(words(b_text))
        ratio = fuzz.ratio(a, b) / 100
        short = len(a.split()) < NEAR_VERBATIM_WORDS
        if len(a) < len(b) and not (short and len(a.split()) * REWORDED_LENGTH < len(b.split())):
            # (a few words match some stretch of any long quote: "earn and win")
            ratio = max(ratio, fuzz.partial_ratio(a, b) / 100 - 0.05)
        elif not qa.closed:
            # an unclosed quote runs to the end of its paragraph: the source quote is in it
            ratio = max(ratio, fuzz.partial_ratio(b, a) / 100 - 0.05)
        return ratio, SAME_MATCH
    return float(va @ vb), CROSS_MATCH


def interrupted(quotes) -> list[DocQuote]:
    """The article's quotes, the parts of one quote interrupted by its speaker tag joined
    (“If we are left without a pool,” warned the president, “we could lose a third of our
    swimmers.”): compared part by part, each part would lack what the other holds."""
    out: list[DocQuote] = []
    for q in quotes:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.sentence.id == q.sentence.id
            and prev.closed
            and q.closed
            and prev.speaker is not None
            and q.speaker is not None
            and prev.speaker.speaker == q.speaker.speaker
            and speaker_tag_between(prev, q)
        ):
            out[-1] = replace(prev, text=f"{prev.text} {q.text}", end=q.end)
        else:
            out.append(q)
    return out


TAG_WORDS = 10  # a speaker tag between the parts of one quote is short
MARKS = ' \u00a0«»“”„"‚‘’‹›'  # quote marks and the spaces around them


def speaker_tag_between(prev: DocQuote, q: DocQuote) -> bool:
    """Whether what stands between two quotes of a sentence is only a speaker tag set off by
    commas (“If we ...,” warned the president, Marc Olivier, “we could ...”), not reported
    speech with quoted fragments (said he was “extremely disappointed” ... but added he will
    “cooperate”)."""
    text, base = prev.sentence.text, prev.sentence.start
    gap = text[prev.end - base : q.start - base].strip(MARKS)
    raw = text[prev.start - base : prev.end - base].rstrip(MARKS)
    opened = raw.endswith(",") or gap.startswith(",")  # “If we ...,” or „…“, sagte er, „…“
    return opened and gap.rstrip().endswith((",", ":")) and len(gap.split()) <= TAG_WORDS


ELIDED_PIECE_WORDS = 3  # the parts of an elided quote this long are matched one by one


def pieces_quoted(qa: DocQuote, candidates: list[Bundle], cv: np.ndarray) -> bool:
    """Whether every part of a quote the article elides (“A […] B”, “A (…) B”) matches a
    source quote or a sentence of one: the source says the whole with the middle that the
    article leaves out."""
    pieces = [p for p in ELLIPSIS.split(qa.text) if len(words(p)) >= ELIDED_PIECE_WORDS]
    if len(pieces) < 2 or not candidates:
        return False
    cross = all(b.first.language != qa.language for b in candidates)
    floor = ALTERED_FLOOR["cross" if cross else "same"]
    found = [
        best_quote(replace(qa, text=piece), vp, candidates, cv)
        for piece, vp in zip(pieces, embed.encode(pieces), strict=True)
    ]
    # one part as the source says it, the others at least as close as a reworded quote
    return any(best is not None for best, _ in found) and all(
        best is not None or score >= floor for best, score in found
    )


def quote_parts(s_quotes: list[DocQuote]) -> list[Bundle]:
    """Each sentence of the source quotes that hold several: the article may quote one."""
    return [
        Bundle(text, (q,))
        for q in s_quotes
        if len(sentences := quote_sentences(q.text)) > 1
        for text in sentences
    ]


def encoded_later(bundles: list[Bundle]) -> Callable[[], np.ndarray]:
    """The vectors of the bundles' texts, encoded at the first call only."""
    return cache(lambda: embed.encode([b.text for b in bundles]))


def clause_parts(s_quotes: list[DocQuote]) -> list[Bundle]:
    """Each clause of a long source quote ("..., but we hope that they will find comfort ..."):
    the article may quote, and translate, one clause of it."""
    return [
        Bundle(text, (q,))
        for q in s_quotes
        for sentence in quote_sentences(q.text)
        for text in clauses(sentence, q.language)
    ]


CLAUSE_WORDS = 6  # the shortest clause of a quote that is matched on its own
MAX_CLAUSES = 5  # a quote cut into more clauses is not matched clause by clause


@cache
def clause_split(language: str) -> re.Pattern[str] | None:
    """A comma or semicolon before a word that opens a clause (", but", « , mais »)."""
    openers = lexicon(language).get("quotes", {}).get("clause_openers", [])
    if not openers:
        return None
    return re.compile(r"[,;]\s+(?=(?:" + "|".join(map(re.escape, openers)) + r")\s)", re.I)


def clauses(text: str, language: str) -> list[str]:
    """The clauses of a long quote sentence, each long enough to be matched alone; [] for one
    of a single clause."""
    pattern = clause_split(language)
    if pattern is None:
        return []
    cuts = [0] + [m.start() for m in pattern.finditer(text)] + [len(text)]
    if len(cuts) < 3 or len(cuts) > MAX_CLAUSES + 1:
        return []
    # every run of consecutive clauses but the whole ("but we hope ..., and leaves ...")
    spans = [
        text[cuts[i] : cuts[j]].strip(" ,;")
        for i in range(len(cuts) - 1)
        for j in range(i + 1, len(cuts))
        if (i, j) != (0, len(cuts) - 1)
    ]
    return [p for p in spans if len(words(p)) >= CLAUSE_WORDS]


def best_quote(
    qa: DocQuote,
    va: np.ndarray,
    bundles: list[Bundle],
    bv: np.ndarray,
    rendered: tuple[str, ...] = (),
):
    """The source quote that matches best; on a tie (the same quote in a standfirst and in the
    body), the one in a sentence the article sentence renders."""
    best, best_score, best_key = None, 0.0, (-1.0, False)
    for k, b in enumerate(bundles):
        score, threshold = similarity(qa, b.first, va, bv[k], b.text)
        key = (round(score - threshold, 3), b.first.sentence.id in rendered)
        if key > best_key:
            best, best_score, best_key = b, score, key
    return (best, best_score) if best is not None and best_key[0] >= 0 else (None, best_score)


def aligned_quote(
    qa: DocQuote, va: np.ndarray, bundles: list[Bundle], bv: np.ndarray, source_ids: tuple[str, ...]
):
    """A heavily reworded quote: the article sentence renders a source sentence whose quote
    resembles it, though less than a faithful quote would (ALTERED_FLOOR)."""
    best, best_score = None, 0.0
    n = len(words(qa.text))
    for k, b in enumerate(bundles):
        if b.first.sentence.id not in source_ids:
            continue
        if max(n, 1) * REWORDED_LENGTH < len(words(b.text)):
            continue  # "earn and win" is no rewording of a quote of fifty words: another quote
        score, threshold = similarity(qa, b.first, va, bv[k], b.text)
        floor = threshold - (
            SAME_MATCH - ALTERED_FLOOR["same"]
            if qa.language == b.first.language
            else CROSS_MATCH - ALTERED_FLOOR["cross"]
        )
        if score >= floor and score > best_score:
            best, best_score = b, score
    return best, best_score


def best_sentence(
    qa: DocQuote, va: np.ndarray, sentences: list[Sentence], sv: np.ndarray, notes: Annotated
):
    """A source sentence that says the quoted words without quote marks."""
    if not sentences:
        return None, 0.0
    scores = sv @ va
    j = int(np.argmax(scores))
    s = sentences[j]
    if s.language == qa.language:
        score = (
            fuzz.partial_ratio(" ".join(words(qa.text)), " ".join(words(notes[s.id].masked))) / 100
        )
        threshold = SPEECH_MATCH["same"]
    else:
        score, threshold = float(scores[j]), SPEECH_MATCH["cross"]
    note = notes[s.id]
    ok = score >= threshold and note.quoted_share < 0.5 and bool(note.attributions)
    return (j if ok else None), float(scores[j])


def speaker_text(a: Attribution | None) -> str:
    if a is None or not a.speaker:
        return "—"
    return f"{a.speaker} (by a pronoun, from an earlier sentence)" if a.resolved else a.speaker


def compare_quotes(
    qa: DocQuote, b: Bundle, score: float, via_alignment: bool = False
) -> list[Finding] | None:
    """Findings for an article quote matched to a source quote. A match found only through the
    sentence alignment (a low similarity) stands only when an element of meaning changed;
    otherwise it is another quote, and None is returned."""
    out: list[Finding] = []
    qs = b.first
    if qa.language == qs.language:
        diff = word_diff(qa.text, b.text, open_end=not qa.closed)
        changes = [diff] if diff else []
    else:
        diff = None
        changes = element_changes(qa, b.text, qs.language)
    if via_alignment and not changes:
        # the sentence's own quote, rendered together with its reported part, is faithful;
        # a bare quote this far from the article's is another quote (or that quote said
        # otherwise: a loose translation and a reworded quote score alike, 0.47 against 0.47)
        return [] if b.whole_sentence else None
    if changes:
        # the same words in another order ("donde se debaten los temas" -> "donde los temas
        # se debaten"): not verbatim, but nothing said differently
        reordered = diff is not None and sorted(words(qa.text)) == sorted(words(b.text))
        grade = "high" if diff is None or sensitive(diff, qa.language) else "medium"
        out.append(
            make(
                "Q100",
                confidence="low" if reordered else grade,
                message=(
                    "the quote differs from the source: "
                    + ("only the order of its words: " if reordered else "")
                    + "; ".join(changes)
                    + ("" if qa.closed else " (the closing quote mark is missing)")
                ),
                article_sentence=qa.sentence.id,
                source_sentence=qs.sentence.id,
                evidence=(
                    ("article_quote", qa.text),
                    ("source_quote", b.text),
                    ("changes", "; ".join(changes)),
                    ("article_speaker", speaker_text(qa.speaker)),
                    ("source_speaker", speaker_text(qs.speaker)),
                ),
            )
        )
    if (
        qa.speaker is not None
        and qs.speaker is not None
        and qa.words >= MIN_WORDS  # two words may come from several speakers
        and different(qa.speaker, qs.speaker)
        and not alike(qa.speaker.speaker, qs.speaker.speaker)
        and not (qa.speaker.resolved or qs.speaker.resolved)
    ):
        out.append(
            make(
                "A100",
                confidence="high",
                message=(
                    f"the quote is given to {qa.speaker.speaker}; the source gives it to "
                    f"{qs.speaker.speaker}"
                ),
                article_sentence=qa.sentence.id,
                source_sentence=qs.sentence.id,
                evidence=(
                    ("article_quote", qa.text),
                    ("source_quote", b.text),
                    ("article_speaker", qa.speaker.speaker),
                    ("source_speaker", qs.speaker.speaker),
                ),
            )
        )
    return out


def sensitive(diff: str, language: str) -> bool:
    """Whether a word diff touches negation, modality, intensity or numbers."""
    changed = " ".join(
        x for pair in re.findall(r"\[-(.*?)-\]|\{\+(.*?)\+\}", diff) for x in pair if x
    )
    e = elements(changed, language)
    return bool(
        e["negation"]
        or e["intensifier"]
        or e["possibility"]
        or e["conditional"]
        or extract_quantities(changed, language)
    )
