"""Direct quotes: where they are in a sentence or a text.

Quote marks come in pairs (« », “ ”, „ “, ‹ ›, ‘ ’ and straight double quotes); a mark that
opens is matched with the next closing mark of its pair at the same depth. ‘ ’ count only when
they are not apostrophes (a ’ between two letters is an apostrophe). Unbalanced marks never
raise: an unclosed quote runs to the end of the text, a stray closing mark is ignored.
"""

from __future__ import annotations

from dataclasses import dataclass

OPEN_CLOSE = {"«": "»", "“": "”", "„": "“", "‹": "›", "‘": "’", '"': '"'}


@dataclass(frozen=True)
class Quote:
    start: int  # offset of the opening mark
    end: int  # offset after the closing mark (or len(text) when unclosed)
    text: str  # the words inside the marks, stripped
    closed: bool


def is_apostrophe(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before.isalnum() and after.isalnum()


def quotes(text: str) -> list[Quote]:
    """Top-level direct quotes in text, in order; nested quotes stay inside their parent."""
    out: list[Quote] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch in OPEN_CLOSE and not (ch in "‘’" and is_apostrophe(text, i)):
            if ch == '"' and i + 1 < n and text[i + 1].isspace() and i > 0 and not text[i - 1].isspace():
                i += 1  # a straight quote that closes, with nothing open
                continue
            close = OPEN_CLOSE[ch]
            depth = 0
            j = i + 1
            while j < n:
                c = text[j]
                if c == close and not (c == "’" and is_apostrophe(text, j)) and depth == 0:
                    break
                if c == ch and ch != close and not (c in "‘’" and is_apostrophe(text, j)):
                    depth += 1
                elif c == close and depth:
                    depth -= 1
                j += 1
            closed = j < n
            end = j + 1 if closed else n
            inner = text[i + 1:j].strip(" \u00a0\u202f,.")
            if inner:
                out.append(Quote(i, end, inner, closed))
            i = end
            continue
        i += 1
    return out


def quoted_share(text: str) -> float:
    """The share of a text's letters that stand inside direct quotes."""
    letters = sum(ch.isalnum() for ch in text)
    if not letters:
        return 0.0
    inside = sum(sum(ch.isalnum() for ch in text[q.start:q.end]) for q in quotes(text))
    return inside / letters
