"""The whole check, stage by stage. :func:`check` is the library's entry point::

    1. fetch     the article (URL or file) -> bytes            factcheck.fetch
    2. extract   bytes -> clean text, language, cited sources  factcheck.extract
    3. sources   the given ones, else the article's citations (best first, at most three);
                 each fetched (cache, address guard, robots.txt for cited ones, web archive
                 copy when gone) and extracted; a source that cannot be fetched, is refused
                 or holds no article becomes a finding (S100, S101, S102), not an error
    4. segment   sentences with ids: A1.. for the article, S1.. across all sources
    4b. annotate each sentence once, as frozen data: its quantities, quotes, statements
                 (speaker resolved through pronouns and roles, reporter, cue) and hedges;
                 each document's quotes and statements            factcheck.annotate
    5. align     every checkable article sentence against every source sentence (a sentence
                 two sources share counted once), the leftovers decided together
    6. analyse   coverage (additions, omissions), numbers and dates, quotes, attribution,
                 hedges; one finding per problem, which may be of two kinds (an invented
                 quote is an addition and an unsourced quote); a text that ends early is one
                 S105 and what lies past it is not reported line by line
    7. findings  confidence as measured per rule and grade, fingerprints, reading order ->
                 Report

Only a bad ARTICLE (or a local --source file that does not exist, text in an unsupported
language, or texts above the size limits) raises; see factcheck.errors.

Size limits: every article sentence is compared with every source sentence, so time grows
with the product of the two counts (and somewhat faster). Above :data:`MAX_PAIRS` checkable
sentence pairs, or :data:`MAX_SENTENCES` sentences on one side, the check is refused before
the alignment starts (TooLargeError), rather than running for minutes; the measurements behind
the limits are in docs/errors.md (``benchmarks/size_bench.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from . import fetch as fetch_stage
from .align import align
from .analyse import attribution, coverage, hedges, numbers, quotes
from .annotate import Annotated, annotate, merge
from .errors import ExtractionError, FetchError, InputError, TooLargeError, UnsupportedLanguageError
from .extract import extract
from .findings import finalise, make
from .models import Bead, Document, Finding, Report, Segmented, SourceStatus
from .segment import segment

#: the most article x source sentence pairs compared (checkable sentences; None: no limit)
MAX_PAIRS: int | None = 250_000
#: the most checkable sentences of the article, or of its sources together (None: no limit)
MAX_SENTENCES: int | None = 5_000


def check_size(article: str, n_article: int, n_source: int) -> None:
    """Refuse texts above the size limits with one line (TooLargeError)."""
    sizes = f"{n_article} article sentences x {n_source} source sentences"
    if MAX_SENTENCES is not None and max(n_article, n_source) > MAX_SENTENCES:
        side = "article" if n_article > MAX_SENTENCES else "sources"
        raise TooLargeError(
            f"{article}: too large to check ({sizes}; the {side} may have at "
            f"most {MAX_SENTENCES:,} sentences)",
            target=article,
            article=n_article,
            source=n_source,
        )
    if MAX_PAIRS is not None and n_article * n_source > MAX_PAIRS:
        raise TooLargeError(
            f"{article}: too large to check ({sizes} = "
            f"{n_article * n_source:,} pairs; the limit is {MAX_PAIRS:,})",
            target=article,
            article=n_article,
            source=n_source,
        )


@dataclass(frozen=True)
class Options:
    timeout: tuple[float, float] = fetch_stage.DEFAULT_TIMEOUT
    max_bytes: int = fetch_stage.DEFAULT_MAX_BYTES
    max_sources: int = 3  # cited sources checked when none are given
    # fetching (factcheck.fetch.Fetcher); None: from the environment
    respect_robots: bool = True  # robots.txt, for sources found in the article
    allow_private: bool | None = None  # loopback/private addresses (FACTCHECK_ALLOW_PRIVATE)
    allow_loopback: bool = False  # loopback only (a server on this machine)
    cache: bool = True  # the HTTP cache on disk
    cache_dir: str | None = None  # FACTCHECK_CACHE_DIR, else the user cache folder
    offline: bool = False  # answer from the cache only
    refresh: bool = False  # bypass the cache (and update it)
    archive: bool = True  # web archive fallback for sources that are gone
    wayback_url: str | None = None  # FACTCHECK_WAYBACK_URL, else https://web.archive.org
    retries: int = fetch_stage.DEFAULT_RETRIES
    backoff: float = fetch_stage.DEFAULT_BACKOFF
    max_redirects: int = fetch_stage.DEFAULT_MAX_REDIRECTS


def load_document(target: str, options: Options, fetcher: fetch_stage.Fetcher | None = None):
    fetched = fetch_stage.load(
        target, timeout=options.timeout, max_bytes=options.max_bytes, fetcher=fetcher
    )
    return extract(fetched)


def load_source(
    target: str,
    options: Options,
    fetcher: fetch_stage.Fetcher,
    *,
    cited: bool,
    published: str | None = None,
):
    """One source. A cited one (found in the article) must be an http(s) address and is
    subject to robots.txt; a web source falls back to its web archive copy."""
    if not fetch_stage.is_url(target):
        if cited:
            raise FetchError(
                f"{target}: refused: a source cited by the article must be an http "
                "or https address (pass a local copy with --source)",
                url=target,
                reason="blocked",
            )
        return load_document(target, options, fetcher)
    return fetcher.source(target, extract, robots=cited and options.respect_robots, when=published)


def load_or_report(
    target: str, options: Options, fetcher: fetch_stage.Fetcher, cited: bool, published: str | None
):
    """(document, None, None) for a source that was read; (None, finding, status) for one that
    could not be: S100 unreachable, S101 refused, S102 not an article. A local --source file
    that cannot be read, and text in an unsupported language, raise."""
    try:
        return load_source(target, options, fetcher, cited=cited, published=published), None, None
    except UnsupportedLanguageError:
        raise
    except InputError as err:
        if not fetch_stage.is_url(target):
            raise  # a local --source file that cannot be read is a usage error
        reason, rule, message = "not-article", "S102", str(err)
    except FetchError as err:
        reason, rule, message = err.reason, fetch_stage.RULES.get(err.reason, "S100"), str(err)
    except ExtractionError as err:
        reason, rule, message = "not-article", "S102", str(err)
    evidence = (("source", target),) if rule == "S102" else (("source", target), ("reason", reason))
    finding = make(rule, confidence="high", message=message, evidence=evidence)
    return None, finding, SourceStatus(target, False, reason, message)


def supersede(found: list[Finding]) -> list[Finding]:
    """One finding per problem: a number changed inside an altered quote is the quote's finding
    (Q100), not a number mismatch; a sentence gets one attribution finding. A sentence invented
    whole with its quote is both an addition (C100) and an unsourced quote (Q101): one problem
    of two kinds, each a filter users rely on; reported speech put in quote marks (Q102) is
    supported, so it is no addition. A hedge inside a clause the article added came with that
    clause's claim (C101), which is the addition, not a claim of the source made less sure."""
    quoted = {f.article_sentence for f in found if f.rule == "Q102"}
    added = [(f.article_sentence, f.span) for f in found if f.rule == "C101" and f.span]
    misquoted_numbers = {
        f.article_sentence
        for f in found
        if f.rule == "Q100" and "number" in dict(f.evidence).get("changes", "")
    }
    out: list[Finding] = []
    seen: set[tuple[str, str | None]] = set()
    for f in found:
        if f.rule == "C100" and f.article_sentence in quoted:
            continue
        if f.rule == "H101" and f.span and within(f.article_sentence, f.span, added):
            continue
        if f.kind == "number_mismatch" and f.article_sentence in misquoted_numbers:
            continue  # a number changed inside a quote is the quote's alteration
        if f.kind == "attribution_change":
            key = (f.kind, f.article_sentence)
            if key in seen:
                continue
            seen.add(key)
        out.append(f)
    return out


def within(sentence: str | None, span: tuple[int, int], spans: list) -> bool:
    """Whether span lies inside one of spans given for the same sentence."""
    return any(sid == sentence and s[0] <= span[0] and span[1] <= s[1] for sid, s in spans if s)


REPEAT_RATIO = 85  # rapidfuzz ratio at which two source sentences are one sentence twice


def distinct_sentences(segs: list[Segmented], notes: Annotated) -> tuple[list, int]:
    """The checkable source sentences, a sentence that an earlier source already has (near
    word for word: the same wire story at two outlets) counted once, so that rendering it
    through either copy carries it; two copies that state different numbers are both kept (the
    article may follow either). Returns (sentences, how many repeats were left out)."""
    import numpy as np
    from rapidfuzz import fuzz
    from rapidfuzz.process import cdist
    from rapidfuzz.utils import default_process

    from .align import numbers

    kept: list = []
    repeated = 0
    for seg in segs:
        mine = [s for s in seg.sentences if s.checkable]
        if kept and mine:
            texts = ([s.text for s in mine], [s.text for s in kept])
            # the same words in another order count too ("Es sollte ursprünglich ..." and
            # "Ursprünglich sollte es ...": one agency copy edited)
            ratio = np.maximum(
                cdist(*texts, scorer=fuzz.ratio, processor=default_process),
                cdist(*texts, scorer=fuzz.token_sort_ratio, processor=default_process),
            )
            fresh = [
                s
                for s, row in zip(mine, ratio, strict=False)
                if not any(
                    r >= REPEAT_RATIO
                    and numbers(notes[s.id].quantities) == numbers(notes[kept[k].id].quantities)
                    for k, r in enumerate(row)
                )
            ]
            repeated += len(mine) - len(fresh)
            mine = fresh
        kept += mine
    return kept, repeated


def targets_of(segs: list[Segmented], targets: list[str], loaded: list) -> list[str]:
    """The name each read source was given (its address or file), in the order of segs."""
    return [t for t, (doc, _, _) in zip(targets, loaded, strict=False) if doc is not None][
        : len(segs)
    ]


ENDS_EARLY = {
    "paywall": "behind a paywall",
    "cut": "cut mid-sentence",
    "teaser": "it stops at a link to the rest",
    "short": "much shorter than the article, which goes on past its last sentence",
}
SHORT_SOURCE = 0.5  # a source with less than half the article's text may be an excerpt
SHORT_TAIL = 3  # ... when at least this many article sentences come after all it covers


def rendered_at(al) -> dict[str, list[int]]:
    """Source sentence id -> the positions of the article sentences that render it."""
    order = {s.id: n for n, s in enumerate(al.article)}
    at: dict[str, list[int]] = {}
    for bead in al.beads:
        for sid in bead.source:
            at.setdefault(sid, []).extend(order[a] for a in bead.article if a in order)
    return at


def reached(ids: list[str], at: dict[str, list[int]]) -> tuple[int, int]:
    """Where the article reaches the end of what a source holds (its sentence ids, in order):
    the last position rendering one of the source's last two sentences, and the last position
    rendering any of them; -1 when none does."""
    end = [p for sid in ids[-2:] for p in at.get(sid, ())]
    covered = [p for sid in ids for p in at.get(sid, ())]
    last = max(end, default=-1)
    if last >= 0:
        # the article renders the source in order past that point (the source's last line
        # matched the article's lead, a recap repeating it): the line moves to the end of the
        # longest run that renders the source in its order; a stray match of an earlier
        # sentence further down is out of order and moves nothing
        last = max(last, in_order_end(ids, at))
    return last, max(covered, default=-1)


UNREAD_TAIL = 2  # source sentences left unrendered after the article's last rendering


def unread_after(ids: list[str], at: dict[str, list[int]], last: int) -> int:
    """How many of the source's sentences come after the last one the article renders up to
    position ``last`` (in the source's order) and are rendered nowhere after it."""
    pairs = sorted((p, n) for n, sid in enumerate(ids) for p in set(at.get(sid, ())) if p <= last)
    if not pairs:
        return 0
    top = pairs[-1][1]  # the source sentence the last rendering renders
    return sum(1 for sid in ids[top + 1 :] if not any(p > last for p in at.get(sid, ())))


def in_order_end(ids: list[str], at: dict[str, list[int]]) -> int:
    """The article position where the longest run of renderings in the source's own order
    ends (positions and source sentences both rising); -1 when nothing is rendered."""
    pairs = sorted((p, n) for n, sid in enumerate(ids) for p in set(at.get(sid, ())))
    if not pairs:
        return -1
    best = [1] * len(pairs)
    for i, (p, n) in enumerate(pairs):
        for j in range(i):
            if pairs[j][0] < p and pairs[j][1] <= n and best[j] + 1 > best[i]:
                best[i] = best[j] + 1
    longest = max(best)
    return max(p for (p, _), b in zip(pairs, best, strict=True) if b == longest)


def quiet_when_nothing_unchecked(finding: Finding, past: list[str]) -> Finding:
    """A text that ends early where the other goes no further leaves nothing unchecked: said,
    but as info (a warning is for what the reader must check by hand)."""
    return finding if past or finding.severity == "info" else replace(finding, severity="info")


def short_source(found: list[Finding], al, segs: list[Segmented], at: dict[str, list[int]]) -> bool:
    """A source that ends cleanly but holds much less than the article, which renders it up to
    its last sentence and then goes on with sentences no source supports: an excerpt of a longer
    story (a teaser, the first paragraphs of a wire copy), not a story the article padded. Only
    for a single source that is not cut otherwise."""
    if len(segs) != 1 or segs[0].document.truncated or not al.article:
        return False
    source = [s for s in segs[0].sentences if s.checkable]
    if sum(len(s.text) for s in source) >= SHORT_SOURCE * sum(len(s.text) for s in al.article):
        return False
    last, _ = reached([s.id for s in source], at)
    if last < 0:
        return False
    tail = [s.id for s in al.article[last + 1 :]]
    unsupported = {f.article_sentence for f in found if f.rule == "C100"}
    return len(tail) >= SHORT_TAIL and sum(t in unsupported for t in tail) * 3 >= len(tail) * 2


def truncation(
    found: list[Finding], al, art: Segmented, segs: list[Segmented], names: list[str]
) -> list[Finding]:
    """S105 for a text that ends early, and what it implies: article sentences past what a
    truncated source covers are not additions (when every source is truncated); source
    sentences past what a truncated article renders are not dropped; a cut sentence is not
    dropped."""
    order = {s.id: n for n, s in enumerate(al.article)}
    at = rendered_at(al)
    out = list(found)
    unchecked: set[str] = set()
    ignored_sources: set[str] = set()
    unfinished: set[str] = set()
    short = short_source(found, al, segs, at)
    cut_all = bool(segs) and (short or all(seg.document.truncated for seg in segs))
    for seg, name in zip(segs, names, strict=False):
        reason = seg.document.truncated or ("short" if short else None)
        if not reason:
            continue
        ids = [s.id for s in seg.sentences if s.checkable]
        # where the article reaches the end of what the source holds: its rendering of the
        # source's last sentences (a stray match of an earlier sentence further down the
        # article must not push the line)
        end, covered = reached(ids, at)
        last = end if end >= 0 else covered
        past = [s.id for s in al.article if order[s.id] > last]
        if past and unread_after(ids, at, last) >= UNREAD_TAIL:
            # the source goes on past the article's last rendering of it, with sentences the
            # article never uses: what the article says after that was checked against them
            past = []
        if len(segs) > 1:
            # another source renders them: they were checked against that one
            own = set(ids)
            elsewhere = {
                a for b in al.beads for a in b.article if any(x not in own for x in b.source)
            }
            past = [p for p in past if p not in elsewhere]
        if cut_all:
            unchecked.update(past)
        if reason == "cut" and ids:
            ignored_sources.add(ids[-1])
        span = f" ({past[0]} to {past[-1]})" if len(past) > 1 else (f" ({past[0]})" if past else "")
        unchecked_part = (
            f"{len(past)} article sentence{'s' if len(past) != 1 else ''} after what it covers{span} "
            f"{'were' if len(past) != 1 else 'was'} not checked against it"
            if past
            else "the article goes no further than what it covers"
        )
        out.append(
            quiet_when_nothing_unchecked(
                make(
                    "S105",
                    # a source that is only much shorter shows no cut: a guess, graded low
                    confidence={"paywall": "high", "short": "low"}.get(reason, "medium"),
                    message=f"{name}: the source ends early ({ENDS_EARLY[reason]}); {unchecked_part}",
                    evidence=(("source", name), ("reason", reason), ("unchecked", str(len(past)))),
                ),
                past,
            )
        )
    if art.document.truncated == "cut" and al.article:
        # the article's last sentence stops mid-word: its quote and its attribution are cut
        # off, not changed
        unfinished.add(al.article[-1].id)
    if art.document.truncated and al.source:
        carried = [n for n, s in enumerate(al.source) if al.carried[n]]
        last = max(carried, default=-1)
        past = [s.id for n, s in enumerate(al.source) if n > last]
        ignored_sources.update(past)
        rest = (
            f"{len(past)} source sentence{'s' if len(past) != 1 else ''} after what it renders "
            f"{'were' if len(past) != 1 else 'was'} not checked"
            if past
            else "it renders the sources to their end"
        )
        out.append(
            quiet_when_nothing_unchecked(
                make(
                    "S105",
                    confidence="high" if art.document.truncated == "paywall" else "medium",
                    message=f"the article ends early ({ENDS_EARLY[art.document.truncated]}); {rest}",
                    evidence=(
                        ("source", "article"),
                        ("reason", art.document.truncated),
                        ("unchecked", str(len(past))),
                    ),
                ),
                past,
            )
        )
    return [
        # a figure of a sentence past the cut may be a detail the source never reaches ("246
        # seriously injured" after a source cut before its toll's breakdown): no error
        # and any comparison of such a sentence rests on a match with what the source does
        # hold, made for want of the rest: weak ground
        replace(f, severity="info", confidence="low")
        if f.rule in PAST_CUT_WEAK and f.article_sentence in unchecked
        else f
        for f in out
        if not (f.rule in ("C100", "C101", "Q101") and f.article_sentence in unchecked)
        and not (f.rule in CUT_OFF and f.article_sentence in unfinished)
        and not (f.rule in ("C200", "C201") and f.source_sentence in ignored_sources)
    ]


CUT_OFF = ("Q100", "Q101", "A100", "A101", "A102", "A103", "C101", "H100", "H101")
PAST_CUT_WEAK = ("N100", "N101", "A100", "A101", "A102", "A103", "Q100", "H100", "H101")

EXPLICIT = ("front-matter", "source-line", "via")  # the article names its source


def chosen_citations(doc: Document, limit: int) -> list[str]:
    """The sources to check: those the article names as its source (a "source:" line, front
    matter, a "via" credit) when it has any, else its best other citations; never itself."""
    from .discover import same_page_key

    own = {same_page_key(u) for u in (doc.url, doc.final_url, doc.canonical) if u}
    cites = [c for c in doc.citations if same_page_key(c.url) not in own]
    explicit = [c for c in cites if c.how in EXPLICIT]
    return [c.url for c in (explicit or cites)][:limit]


def check(
    article: str,
    sources: Sequence[str] | None = None,
    *,
    options: Options | None = None,
    fetcher: fetch_stage.Fetcher | None = None,
    document: Document | None = None,
) -> Report:
    """Check ARTICLE (a URL or a file path) against SOURCES (URLs or paths; default: the sources
    the article cites). Returns a :class:`~factcheck.models.Report`.

    ``fetcher``: a Fetcher to use (and leave open), e.g. one shared by the files of a scan;
    ``document``: ARTICLE already extracted, so it is not read again."""
    options = options or Options()
    for given in sources or ():
        problem = fetch_stage.url_problem(given) if fetch_stage.is_url(given) else None
        if problem:
            raise InputError(f"{given}: not a valid address ({problem})", target=given)
    own = fetcher is None
    fetcher = fetcher or fetch_stage.Fetcher.from_options(options)
    try:
        doc = document or load_document(article, options, fetcher)  # 1-2
        cited = not sources
        targets = list(dict.fromkeys(sources or chosen_citations(doc, options.max_sources)))  # 3
        loaded = [load_or_report(t, options, fetcher, cited, doc.published) for t in targets]
    finally:
        if own:
            fetcher.close()
    art = segment(doc, "A")  # 4

    problems: list[Finding] = []
    statuses: list[SourceStatus] = []
    segs: list[Segmented] = []
    next_id = 1
    for target, (sdoc, problem, status) in zip(targets, loaded, strict=False):
        if sdoc is None:
            problems.append(problem)
            statuses.append(status)
            continue
        seg = segment(sdoc, "S", next_id)
        next_id += len(seg.sentences)
        segs.append(seg)
        statuses.append(SourceStatus(target, True))
    if not targets:
        problems.append(
            make(
                "S103",
                confidence="high",
                message="the article cites no source; give one with --source",
            )
        )

    found: list[Finding] = list(problems)
    beads: tuple[Bead, ...] = ()
    stats: list[tuple[str, float]] = []
    notes = merge([annotate(art), *(annotate(seg) for seg in segs)])  # 4b
    if segs:
        a_sents = [s for s in art.sentences if s.checkable]
        check_size(article, len(a_sents), sum(s.checkable for seg in segs for s in seg.sentences))
        s_sents, repeated = distinct_sentences(segs, notes)
        al = align(a_sents, s_sents, notes)  # 5
        beads = al.beads
        found += coverage.additions(al) + coverage.partial_additions(al)  # 6
        found += coverage.omissions(al) + numbers.findings(al)
        found += quotes.findings(art, segs, al.beads, notes)
        found += attribution.findings(al) + hedges.findings(al)
        found = supersede(found)
        found = truncation(found, al, art, segs, targets_of(segs, targets, loaded))
        stats = [
            ("source_sentences", float(len(s_sents))),
            ("source_carried", float(sum(al.carried))),
            ("article_sentences", float(len(a_sents))),
            ("article_supported", float(sum(al.supported))),
            ("source_repeats", float(repeated)),
        ]
    texts = {s.id: s.text for seg in [art, *segs] for s in seg.sentences}
    order = {sid: n for n, sid in enumerate(texts)}
    return Report(  # 7
        article=art,
        sources=tuple(segs),
        source_status=tuple(statuses),
        alignments=tuple(beads),
        findings=finalise(found, texts, order),
        stats=tuple(stats),
        quotes=quotes.records(notes.quotes),
        statements=notes.statements,
    )
