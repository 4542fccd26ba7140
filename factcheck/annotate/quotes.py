"""The direct quotes of a text: where the quote marks are, whether each quote is closed, and
the text with its quoted words blanked out (offsets kept).

Quote marks come in pairs, per language (``rules/lexicons/<lang>/quotes.toml``: « », “ ”,
„ “, ‹ ›, ‘ ’, straight double quotes); an opening mark is matched with the next closing mark
of its pair at the same depth. ‘ ’ count only where they are not apostrophes (a ’ between two
letters is an apostrophe). Unbalanced marks never raise: an unclosed quote runs to the end of
the text, a stray closing mark is ignored, and so is an opening single mark that never closes
(‘ and ‹ open short quotes and scare quotes, and an unclosed one is a moved or stray mark more
often than a long quotation: "the Showtime ‘tradition of ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..rules import lexicon

# a quote opened with one kind of double mark and closed with another ("…” or “…")
MIXED = {'"': {"”"}, "“": {'"'}, "‘": {"'"}}
SINGLE = "‘‹‚"  # opening single marks: unclosed, they are no quote

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


STRAIGHT_SINGLE_REACH = 300  # characters: a quote in straight single marks closes within this


def opens_straight_single(text: str, i: int) -> bool:
    """A straight single mark that opens a quote: at the start of a word ("as a 'melancholic,
    secretive' star", "said: 'We will not give up.'"), not inside or at the end of one."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isalnum() and after.isalpha()


POSSESSIVE_REACH = 8  # words of a quote in single marks past which "Jones' passing" is no end


def closes_straight_single(text: str, j: int, start: int = -1) -> bool:
    """A straight single mark that closes a quote: at the end of a word or after its
    punctuation, with no letter after it; not the apostrophe of a plural or a name in "s"
    ("... our father Quincy Jones' passing.") well inside a long quote opened at ``start``."""
    before = text[j - 1] if j > 0 else " "
    after = text[j + 1] if j + 1 < len(text) else " "
    if before.isspace() or after.isalnum():
        return False
    if before == "s" and after == " " and text[j + 2 : j + 3].islower() and start >= 0:
        return len(text[start:j].split()) <= POSSESSIVE_REACH
    return True


TITLE_WORDS = 4  # a title in quote marks has at most this many words
TITLE_LINKS = frozenset("de du des la le el del y of the and und für am im di &".split())


@cache
def title_leads(language: str | None) -> tuple[frozenset[str], tuple[str, ...]]:
    if language is None:
        return frozenset(), ()
    q = lexicon(language).get("quotes", {})
    return (
        frozenset(w.casefold() for w in q.get("title_after", ())),
        tuple(w.casefold() for w in q.get("title_after_endings", ())),
    )


WORK_YEAR = re.compile(r"\s?\((?:19|20)\d\d\)")
WORK_WORDS = 8  # words of a work's title in quote marks


@cache
def work_list(language: str | None) -> re.Pattern[str] | None:
    """What stands before a title in a list of works: a plural work noun, a lead ("novels such
    as", „Romane wie“), then any titles already listed, each followed by a comma or a join."""
    if language is None:
        return None
    q = lexicon(language).get("quotes", {})
    works, leads, joins = (q.get(k, []) for k in ("works", "work_list_leads", "work_list_joins"))
    if not (works and leads):
        return None

    def alt(items: list[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(items, key=len, reverse=True))

    listed = r"(?:[«“„\"‹][^«»“”„\"]{1,80}[»”“\"›]\s*(?:,|" + alt(joins or [","]) + r")?\s*)*"
    return re.compile(
        r"(?<![\w-])(?:" + alt(works) + r")\s+(?:" + alt(leads) + r")\s+" + listed + r"$", re.I
    )


def listed_work(text: str, i: int, language: str | None) -> bool:
    """Whether the quote opening at i is a title in a list of works (“The Feast of the Goat”
    after "novels including “The Time of the Hero”, “Aunt Julia ...” and")."""
    pattern = work_list(language)
    return pattern is not None and pattern.search(text[max(0, i - 300) : i]) is not None


def work_title(text: str, i: int, end: int, inner: str) -> bool:
    """The title of a work, capitalised like a sentence as Spanish and French write them: in
    quote marks with its year in brackets after it (“Cien años de soledad” (1967)), or alone in
    brackets after the name of its author (Cervantes ("Don Quijote de la Mancha"))."""
    words = inner.split()
    if not 1 <= len(words) <= WORK_WORDS or not inner[:1].isupper():
        return False
    if any(ch in inner for ch in ".;:!?…"):
        return False
    if WORK_YEAR.match(text, end):
        return True
    before = text[:i].rstrip()
    return (
        before.endswith("(") and text[end : end + 1] == ")" and before[:-1].rstrip()[-1:].isalpha()
    )


def is_title(text: str, i: int, inner: str, language: str | None) -> bool:
    """A name in quote marks ("the “Daily Courier”", « selon « Le Figaro » », „wie die
    „Nordwest-Zeitung“ berichtet“): a run of at most four capitalised words, no sentence
    punctuation, after a determiner or an outlet noun. A title is no quotation: it is neither
    checked as one nor blanked out of the words that name a speaker."""
    words = inner.split()
    if not 1 <= len(words) <= TITLE_WORDS or any(ch in inner for ch in '.,;:!?…«»“”„"'):
        return False
    if not all(
        w[0].isupper() or w[0].isdigit() or (0 < k < len(words) - 1 and w in TITLE_LINKS)
        for k, w in enumerate(words)
    ):
        return False
    leads, endings = title_leads(language)
    before = text[:i].rstrip().split()
    if not before:
        return False
    prev = before[-1].casefold()
    # „des Magazins „Spiegelblick““: an outlet noun in the genitive leads a title too
    stems = (prev, prev.removesuffix("s"), prev.removesuffix("es"))
    return prev in leads or (bool(endings) and any(w.endswith(endings) for w in stems))


def quotes(text: str, language: str | None = None) -> list[Quote]:
    """Top-level direct quotes in text, in order; nested quotes stay inside their parent."""
    return scan(text, language)[0]


def scan(text: str, language: str | None = None) -> tuple[list[Quote], list[Quote]]:
    """The top-level quotes of a text, and the titles in quote marks (« Le Figaro »)."""
    pairs = pairs_for(language)
    out: list[Quote] = []
    titles: list[Quote] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "'" and ch in pairs and not opens_straight_single(text, i):
            i += 1  # "it's", "the players' union", "'90s": an apostrophe
            continue
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
            closers = {close} | MIXED.get(ch, set())  # "…” typed with two kinds of mark
            depth = 0
            j = i + 1
            while j < n:
                c = text[j]
                if (
                    c in closers
                    and not (c in "’‘" and is_apostrophe(text, j))
                    and not (c == "'" and not closes_straight_single(text, j, i))
                    and depth == 0
                ):
                    break
                if c == ch and ch != close and not (c in "‘’‚" and is_apostrophe(text, j)):
                    depth += 1
                elif c == close and depth:
                    depth -= 1
                j += 1
            closed = j < n
            if ch == "'" and (not closed or j - i > STRAIGHT_SINGLE_REACH):
                i += 1  # a straight single mark that closes nowhere near: an apostrophe
                continue
            if not closed and ch in SINGLE:
                i += 1  # a stray single mark
                continue
            end = j + 1 if closed else n
            inner = text[i + 1 : j].strip(" \u00a0\u202f,.")
            if closed and (
                is_title(text, i, inner, language)
                or work_title(text, i, end, inner)
                or listed_work(text, i, language)
            ):
                titles.append(Quote(i, end, inner, closed))
                i = end  # « Le Figaro »: a title, no quote
                continue
            if inner:
                out.append(Quote(i, end, inner, closed))
            i = end
            continue
        i += 1
    return out, titles


def quoted_share(text: str, language: str | None = None) -> float:
    """The share of a text's letters that stand inside direct quotes."""
    letters = sum(ch.isalnum() for ch in text)
    if not letters:
        return 0.0
    inside = sum(sum(ch.isalnum() for ch in text[q.start : q.end]) for q in quotes(text, language))
    return inside / letters


def mask_quotes(text: str, language: str | None = None, found: list[Quote] | None = None) -> str:
    """The text with every quoted passage blanked out (same length, offsets kept), and the marks
    around a title (« Le Figaro ») with them; ``found``: its quotes, when already known."""
    chars = list(text)
    pairs = pairs_for(language)
    if found is None or any(ch in pairs for ch in text):
        found_quotes, titles = scan(text, language)
        found = found_quotes if found is None else found
        for t in titles:
            chars[t.start] = chars[t.end - 1] = " "
    for q in found:
        for k in range(q.start, q.end):
            chars[k] = " "
    return "".join(chars)
