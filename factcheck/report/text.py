"""The text report for people: the verdict first, then each finding with its evidence.

Colour (ANSI) only when asked (the CLI asks when stdout is a terminal and NO_COLOR is unset).
"""

from __future__ import annotations

import textwrap

from ..models import Finding, Report, Segmented
from .json import summary

STYLE = {
    "error": "\033[1;31m",
    "warning": "\033[33m",
    "info": "\033[36m",
    "dim": "\033[2m",
    "bold": "\033[1m",
    "mark": "\033[4;35m",
    "reset": "\033[0m",
}
KIND_ORDER = (
    "addition",
    "omission",
    "number_mismatch",
    "attribution_change",
    "quote_altered",
    "quote_unsourced",
    "hedge_changed",
    "source_error",
)


class Painter:
    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, style: str, text: str) -> str:
        return f"{STYLE[style]}{text}{STYLE['reset']}" if self.color else text


def describe(seg: Segmented) -> str:
    doc = seg.document
    body = sum(1 for s in seg.sentences if s.checkable)
    archived = (
        f", web archive copy of {(doc.archived_at or '?')[:10]}" if doc.how == "archive" else ""
    )
    return f"{doc.url}  ({doc.language}, {body} sentence{'' if body == 1 else 's'}{archived})"


def wrap(label: str, text: str, width: int) -> list[str]:
    lines = textwrap.wrap(text, width=max(width - 13, 30)) or [""]
    return [f"    {label:<8} {lines[0]}"] + [f"    {'':<8} {line}" for line in lines[1:]]


def marked(text: str, span: tuple[int, int] | None, paint: Painter) -> str:
    if not span:
        return text
    start, end = span
    inner = text[start:end]
    return text[:start] + (paint("mark", inner) if paint.color else f"[+{inner}+]") + text[end:]


def render(report: Report, *, color: bool = False, width: int = 100, **_: object) -> str:
    paint = Painter(color)
    texts = {s.id: s for seg in (report.article, *report.sources) for s in seg.sentences}
    out = [f"{paint('bold', 'article')}  {describe(report.article)}"]
    for seg in report.sources:
        out.append(f"{paint('bold', 'source ')}  {describe(seg)}")
    for status in report.source_status:
        if not status.ok:
            out.append(
                f"{paint('bold', 'source ')}  {status.target}  ({paint('error', status.reason)})"
            )
    out.append("")

    s = summary(report)
    sev = s["severities"]
    total = len(report.findings)
    verdict = (
        "no findings"
        if not total
        else (
            f"{total} finding{'s' if total != 1 else ''}: "
            + ", ".join(
                f"{n} {k}{'s' if n != 1 and k != 'info' else ''}" for k, n in sev.items() if n
            )
        )
    )
    out.append(f"{paint('bold', 'verdict')}  {verdict}")
    if s["source_coverage"] is not None:
        out.append(
            f"  source coverage  {s['source_coverage']:.0%}  "
            f"({report.stat('source_carried'):.0f} of {report.stat('source_sentences'):.0f} "
            "source sentences carried)"
        )
        out.append(
            f"  article support  {s['article_support']:.0%}  "
            f"({report.stat('article_supported'):.0f} of {report.stat('article_sentences'):.0f} "
            "article sentences supported)"
        )
    counts = s["counts"]
    if counts:
        kinds = sorted(counts, key=lambda k: KIND_ORDER.index(k) if k in KIND_ORDER else 99)
        out.append("  " + " · ".join(f"{k} {counts[k]}" for k in kinds))
    for f in report.findings:
        out.append("")
        out += finding_lines(f, texts, paint, width)
    return "\n".join(out) + "\n"


def finding_lines(f: Finding, texts: dict, paint: Painter, width: int) -> list[str]:
    where = f.article_sentence or (f.source_sentences[0] if f.source_sentences else "—")
    head = (
        f"{where:<4} {paint(f.severity, f'{f.severity:<7}')} {f.kind}  "
        f"{paint('dim', f'{f.rule} {f.name}')}  (confidence {f.confidence})"
    )
    lines = [head]
    if f.article_sentence and f.article_sentence in texts:
        art = texts[f.article_sentence]
        lines += wrap("article", f"{art.id}: {marked(art.text, f.span, paint)}", width)
    elif f.kind != "source_error":
        lines += wrap("article", "—", width)
    for sid in f.source_sentences:
        if sid in texts:
            lines += wrap("source", f"{sid}: {texts[sid].text}", width)
    if not f.source_sentences and f.kind != "source_error":
        lines += wrap("source", "—", width)
    lines += side_by_side(f, width)
    lines += wrap("why", f.message, width)
    return lines


def side_by_side(f: Finding, width: int) -> list[str]:
    """For quotes and attributions: the two quotes or speakers, each with its speaker."""
    ev = dict(f.evidence)
    out: list[str] = []
    if "article_quote" in ev:
        who = ev.get("article_speaker", "—")
        out += wrap("says", f"« {ev['article_quote']} » — {who}", width)
        if "source_quote" in ev:
            out += wrap("was", f"« {ev['source_quote']} » — {ev.get('source_speaker', '—')}", width)
    elif "article_speaker" in ev or "source_speaker" in ev:
        out += wrap(
            "speaker",
            f"{ev.get('article_speaker', '—')}  (source: {ev.get('source_speaker', '—')})",
            width,
        )
    if "changes" in ev:
        is_diff = "[-" in ev["changes"] or "{+" in ev["changes"]
        out += wrap("diff" if is_diff else "changed", ev["changes"], width)
    if "direction" in ev:
        hedge = ev.get("article_hedge") or ev.get("article")
        source = ev.get("source_hedge") or ev.get("source")
        out += wrap("hedge", f"{source} -> {hedge}  ({ev['direction']} than the source)", width)
    return out
