"""The whole check, stage by stage. :func:`check` is the library's entry point::

    1. fetch     the article (URL or file) -> bytes            factcheck.fetch
    2. extract   bytes -> clean text, language, cited sources  factcheck.extract
    3. sources   the given ones, else the article's citations; each fetched and extracted;
                 a source that cannot be fetched or read becomes a finding (S1xx), not an error
    4. segment   sentences with ids: A1.. for the article, S1.. across all sources
    5. align     every checkable article sentence against every source sentence
    6. analyse   coverage (additions, omissions), numbers and dates
    7. findings  fingerprints, reading order -> Report

Only a bad ARTICLE (or a local --source file that does not exist, or text in an unsupported
language) raises; see factcheck.errors.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from . import fetch as fetch_stage
from .align import align
from .analyse import coverage, numbers
from .errors import ExtractionError, FetchError, InputError, UnsupportedLanguageError
from .extract import extract
from .findings import finalise, make
from .models import Finding, Report, Segmented, SourceStatus
from .segment import segment


@dataclass(frozen=True)
class Options:
    timeout: tuple[float, float] = fetch_stage.DEFAULT_TIMEOUT
    max_bytes: int = fetch_stage.DEFAULT_MAX_BYTES
    max_sources: int = 3  # cited sources checked when none are given


def load_document(target: str, options: Options):
    fetched = fetch_stage.load(target, timeout=options.timeout, max_bytes=options.max_bytes)
    return extract(fetched)


def resolve_citation(url: str, article_target: str) -> str:
    """A citation that is a relative path is relative to the article file."""
    if fetch_stage.is_url(url) or url.startswith("file://") or fetch_stage.is_url(article_target):
        return url
    return str((Path(article_target).parent / url))


def check(article: str, sources: Sequence[str] | None = None, *, options: Options | None = None) -> Report:
    """Check ARTICLE (a URL or a file path) against SOURCES (URLs or paths; default: the sources
    the article cites). Returns a :class:`~factcheck.models.Report`."""
    options = options or Options()
    doc = load_document(article, options)  # 1-2
    art = segment(doc, "A")  # 4

    targets = list(sources or [])  # 3
    if not targets:
        targets = [resolve_citation(c.url, article) for c in doc.citations][: options.max_sources]
    problems: list[Finding] = []
    statuses: list[SourceStatus] = []
    segs: list[Segmented] = []
    next_id = 1
    for target in targets:
        try:
            sdoc = load_document(target, options)
        except UnsupportedLanguageError:
            raise
        except InputError as err:
            if not fetch_stage.is_url(target):
                raise  # a local --source file that cannot be read is a usage error
            problems.append(make("S102", confidence="high", message=str(err),
                                 evidence=(("source", target),)))
            statuses.append(SourceStatus(target, False, "not-article", str(err)))
            continue
        except FetchError as err:
            problems.append(make("S100", confidence="high", message=str(err),
                                 evidence=(("source", target), ("reason", err.reason))))
            statuses.append(SourceStatus(target, False, err.reason, str(err)))
            continue
        except ExtractionError as err:
            problems.append(make("S102", confidence="high", message=str(err),
                                 evidence=(("source", target),)))
            statuses.append(SourceStatus(target, False, "not-article", str(err)))
            continue
        seg = segment(sdoc, "S", next_id)
        next_id += len(seg.sentences)
        segs.append(seg)
        statuses.append(SourceStatus(target, True))
    if not targets:
        problems.append(make("S103", confidence="high",
                             message="the article cites no source; give one with --source"))

    found: list[Finding] = list(problems)
    beads = ()
    stats: list[tuple[str, float]] = []
    if segs:
        a_sents = [s for s in art.sentences if s.checkable]
        s_sents = [s for seg in segs for s in seg.sentences if s.checkable]
        al = align(a_sents, s_sents)  # 5
        beads = al.beads
        found += coverage.additions(al) + coverage.partial_additions(al)  # 6
        found += coverage.omissions(al) + numbers.findings(al)
        stats = [
            ("source_sentences", float(len(s_sents))),
            ("source_carried", float(sum(al.carried))),
            ("article_sentences", float(len(a_sents))),
            ("article_supported", float(sum(al.supported))),
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
    )
