"""Stage 6, findings: rule lookup, stable fingerprints, ordering and selection.

Analysers call :func:`make` with a rule code and the grade of their evidence; the rule's kind,
name and default severity come from ``rules/rules.toml``. The confidence a finding shows is the
precision measured for its rule and grade on the development set (``rules/calibration.toml``,
written by ``factcheck eval --calibrate``): high means at least 0.95 of such findings were true,
medium at least 0.85, low less; a low-confidence finding is shown as info. A fingerprint hashes the rule and the texts concerned (not positions),
so it survives edits elsewhere in the article; suppressions and the database key on it.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace

from .models import Finding
from .rules import calibrated
from .rules import rule as lookup_rule

VOLATILE_EVIDENCE = ("closest", "score", "clause_similarity")  # change when sentences shift
SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1}
CONFIDENCE_RANK = {"high": 3, "medium": 2, "low": 1}


def make(
    code: str,
    *,
    confidence: str,
    message: str,
    article_sentence: str | None = None,
    source_sentence: str | None = None,
    source_sentences: tuple[str, ...] = (),
    span: tuple[int, int] | None = None,
    evidence: tuple[tuple[str, str], ...] = (),
) -> Finding:
    r = lookup_rule(code)
    measured = calibrated(r.code, confidence)
    return Finding(
        kind=r.kind,
        rule=r.code,
        name=r.name,
        severity=shown_severity(r.severity, measured),
        confidence=measured,
        grade=confidence,
        message=message,
        article_sentence=article_sentence,
        source_sentence=source_sentence,
        source_sentences=source_sentences or ((source_sentence,) if source_sentence else ()),
        span=span,
        evidence=evidence,
    )


def shown_severity(severity: str, confidence: str) -> str:
    """A low-confidence finding is shown as info whatever its rule's default: low means a
    measured precision under 0.85 (rules/calibration.toml), below what a warning or an error
    must reach (docs/quality.md)."""
    return "info" if confidence == "low" else severity


def fingerprint(finding: Finding, texts: dict[str, str]) -> str:
    """A stable id: rule + normalised texts of the sentences concerned + the evidence (without
    the scores and neighbouring ids, which move when other sentences change)."""
    parts = [finding.rule]
    for sid in (finding.article_sentence, *finding.source_sentences):
        if sid:
            parts.append(" ".join(texts.get(sid, sid).lower().split()))
    parts += [f"{k}={v}" for k, v in finding.evidence if k not in VOLATILE_EVIDENCE]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def finalise(
    findings: list[Finding], texts: dict[str, str], order: dict[str, int]
) -> tuple[Finding, ...]:
    """Add fingerprints, drop exact duplicates, sort in reading order (article first)."""
    out: dict[str, Finding] = {}
    for f in findings:
        fp = fingerprint(f, texts)
        if fp not in out:
            out[fp] = replace(f, fingerprint=fp)

    def key(f: Finding) -> tuple:
        where = order.get(f.article_sentence or "", None)
        src = order.get(f.source_sentence or "", 10**6)
        return (
            0 if where is not None else 1,
            where if where is not None else src,
            -SEVERITY_RANK[f.severity],
            f.rule,
            f.fingerprint,
        )

    return tuple(sorted(out.values(), key=key))


def reaches(finding: Finding, fail_on: str) -> bool:
    """Whether a finding's severity is at or above the --fail-on level ("never": none is)."""
    if fail_on == "never":
        return False
    return SEVERITY_RANK[finding.severity] >= SEVERITY_RANK[fail_on]
