"""Plain frozen dataclasses passed between the pipeline stages.

fetch -> ``Fetched``; extract -> ``Document`` (with ``Block`` and ``Citation``);
segment -> ``Sentence``; align -> ``Bead``; analyse -> ``Finding``; the whole -> ``Report``.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Fetched:
    """Raw bytes of a page or file, and where they came from."""

    url: str  # what the user gave (URL or path)
    final_url: str  # after redirects; for files, a file:// URL
    status: int | None  # HTTP status, None for files
    content_type: str  # media type without parameters ("text/html", "text/plain", ...)
    body: bytes
    fetched_at: str | None = None  # ISO 8601 UTC, None for files
    charset: str | None = None  # charset the server declared, if any
    how: str = "file"  # "file" | "http" | "archive" (a web archive snapshot of ``url``)
    archived_at: str | None = None  # when the archive snapshot was taken (ISO 8601 UTC)


@dataclass(frozen=True)
class Link:
    url: str
    text: str = ""


@dataclass(frozen=True)
class Citation:
    """A source the article cites, and the evidence for it."""

    url: str  # normalised: tracking parameters removed, AMP and mobile variants undone
    how: str  # "front-matter" | "source-line" | "via" | "credit" | "text-url" | "body-link"
    evidence: str = ""  # the line or the words around the link
    outlet: str = ""  # the outlet the citation names (link text, source line), else the host
    also: tuple[str, ...] = ()  # other ways the same page was cited
    written: str = ""  # the address as written, when normalising changed it


@dataclass(frozen=True)
class Block:
    """A block of extracted text: its kind and its span in ``Document.text``."""

    kind: str  # "title" | "heading" | "paragraph" | "bullet"
    start: int
    end: int


@dataclass(frozen=True)
class Document:
    """An extracted article: clean text split into blocks, and its metadata."""

    url: str
    final_url: str
    text: str
    blocks: tuple[Block, ...]
    language: str
    title: str | None = None
    author: str | None = None
    published: str | None = None
    site: str | None = None
    links: tuple[Link, ...] = ()
    citations: tuple[Citation, ...] = ()  # best first (factcheck.discover)
    how: str = "file"  # "file" | "http" | "archive"
    archived_at: str | None = None  # for how="archive": when the snapshot was taken
    canonical: str | None = None  # <link rel=canonical> or og:url of the page
    truncated: str | None = None  # why the text ends early: "paywall" | "cut" | "teaser" | None


@dataclass(frozen=True)
class Sentence:
    """A sentence (or a list item, or a heading) with its span in ``Document.text``."""

    id: str
    text: str
    start: int
    end: int
    kind: str  # "title" | "heading" | "body" | "bullet"
    paragraph: int
    language: str

    @property
    def checkable(self) -> bool:
        """Whether the sentence carries claims that coverage analysis looks at."""
        return self.kind in ("body", "bullet")


@dataclass(frozen=True)
class Segmented:
    """A document with its sentences."""

    document: Document
    sentences: tuple[Sentence, ...]

    def by_id(self) -> dict[str, Sentence]:
        return {s.id: s for s in self.sentences}


@dataclass(frozen=True)
class Bead:
    """Article sentences aligned with source sentences; an empty side is an addition/omission."""

    article: tuple[str, ...]
    source: tuple[str, ...]
    score: float
    method: str  # "fuzzy" | "embedding" | "merge" | "split" | "clause" | "mutual" | "leftover" | "summary" | "none"


@dataclass(frozen=True)
class Finding:
    kind: str  # addition | omission | number_mismatch | attribution_change | quote_altered | ...
    rule: str  # stable rule code, e.g. "C100"
    name: str  # rule name, e.g. "unsupported-sentence"
    severity: str  # error | warning | info
    confidence: str  # high | medium | low
    message: str
    article_sentence: str | None = None
    source_sentence: str | None = None
    source_sentences: tuple[str, ...] = ()
    span: tuple[int, int] | None = None  # part of the article sentence concerned (offsets in it)
    evidence: tuple[tuple[str, str], ...] = ()  # (key, value) pairs, e.g. ("article", "nine")
    fingerprint: str = ""
    grade: str = ""  # the analyser's own strength of evidence; confidence is its measured precision


@dataclass(frozen=True)
class SourceStatus:
    """What happened to one cited source."""

    target: str
    ok: bool
    reason: str = ""  # short tag when not ok: "unreachable", "not-article", ...
    message: str = ""


@dataclass(frozen=True)
class Quote:
    """A direct quote found in a document, with its speaker as the text gives it."""

    sentence: str  # id of the sentence the quote starts in
    start: int  # offsets in the document text
    end: int
    text: str  # the quoted words
    speaker: str | None = None
    verb: str | None = None  # the attribution cue ("said", "a déclaré")
    reporter: str | None = None  # the outlet passing the words on ("according to Yonhap")
    resolved_from: str | None = None  # the pronoun or role the speaker was resolved from
    closed: bool = True  # False: the closing quote mark is missing


@dataclass(frozen=True)
class Statement:
    """A direct quote or a reported statement ("X said that ...", "selon X, ..."), with who
    says it as a reader would name them and the outlet passing it on."""

    sentence: str  # id of the sentence the statement is in (for a quote: where it opens)
    start: int  # offsets in that sentence's text (a reported statement: the whole sentence)
    end: int
    direct: bool  # a quote in quote marks
    quote: str | None  # the quoted words; None for reported speech
    speaker: str | None  # None: the text gives none
    reporter: str | None  # the outlet passing it on, else None
    cue: str | None  # the speech verb or phrase ("said", "selon")
    resolved_from: str | None  # the pronoun or role the speaker was resolved from, else None
    closed: bool = True  # a quote whose closing mark is missing: False


@dataclass(frozen=True)
class Report:
    article: Segmented
    sources: tuple[Segmented, ...]
    source_status: tuple[SourceStatus, ...]
    alignments: tuple[Bead, ...]
    findings: tuple[Finding, ...]
    stats: tuple[tuple[str, float], ...] = field(default=())
    quotes: tuple[Quote, ...] = ()  # quotes of the article and the sources
    statements: tuple[Statement, ...] = ()  # quotes and reported speech, article and sources

    def stat(self, key: str, default: float = 0.0) -> float:
        return dict(self.stats).get(key, default)

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for f in self.findings:
            out[f.kind] = out.get(f.kind, 0) + 1
        return out
