"""The JSON report: a stable document that other programs rely on (``schema_version`` 1).

Deterministic: the same inputs give the same bytes.
The schema is described in docs/json-report.md.
"""

from __future__ import annotations

import json
from dataclasses import asdict

from ..models import Finding, Report, Segmented
from ..version import __version__

SCHEMA_VERSION = 1


def document(seg: Segmented) -> dict:
    doc = seg.document
    return {
        "url": doc.url,
        "final_url": doc.final_url,
        "title": doc.title,
        "language": doc.language,
        "published": doc.published,
        "site": doc.site,
        "retrieved": doc.how,
        "archived_at": doc.archived_at,
        "citations": [{"url": c.url, "how": c.how} for c in doc.citations],
        "sentences": [
            {
                "id": s.id,
                "text": s.text,
                "kind": s.kind,
                "paragraph": s.paragraph,
                "start": s.start,
                "end": s.end,
            }
            for s in seg.sentences
        ],
    }


def finding(f: Finding) -> dict:
    return {
        "kind": f.kind,
        "rule": f.rule,
        "name": f.name,
        "severity": f.severity,
        "confidence": f.confidence,
        "grade": f.grade or f.confidence,
        "message": f.message,
        "article_sentence": f.article_sentence,
        "source_sentence": f.source_sentence,
        "source_sentences": list(f.source_sentences),
        "span": list(f.span) if f.span else None,
        "evidence": dict(f.evidence),
        "fingerprint": f.fingerprint,
    }


def summary(report: Report) -> dict:
    severities = {"error": 0, "warning": 0, "info": 0}
    for f in report.findings:
        severities[f.severity] += 1
    src_total = report.stat("source_sentences")
    art_total = report.stat("article_sentences")
    return {
        "source_coverage": round(report.stat("source_carried") / src_total, 3)
        if src_total
        else None,
        "article_support": round(report.stat("article_supported") / art_total, 3)
        if art_total
        else None,
        "counts": dict(sorted(report.counts().items())),
        "severities": severities,
    }


def as_dict(report: Report) -> dict:
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "factcheck", "version": __version__},
        "article": document(report.article),
        "sources": [document(s) for s in report.sources],
        "source_status": [
            {
                "target": s.target,
                "ok": s.ok,
                "reason": s.reason or None,
                "message": s.message or None,
            }
            for s in report.source_status
        ],
        "summary": summary(report),
        "alignments": [
            {
                "article": list(b.article),
                "source": list(b.source),
                "score": round(b.score, 3),
                "method": b.method,
            }
            for b in report.alignments
        ],
        "findings": [finding(f) for f in report.findings],
        "quotes": [
            {
                "sentence": q.sentence,
                "start": q.start,
                "end": q.end,
                "text": q.text,
                "speaker": q.speaker,
                "verb": q.verb,
                "reporter": q.reporter,
                "resolved_from": q.resolved_from,
                "closed": q.closed,
            }
            for q in report.quotes
        ],
        "statements": [asdict(s) for s in report.statements],
    }


def render(report: Report, **_: object) -> str:
    return json.dumps(as_dict(report), ensure_ascii=False, indent=2) + "\n"
