"""The side-by-side view of one check, as HTML: article sentences on one side, the source
sentences they render on the other, additions and omissions marked, changed words and numbers
highlighted, and each finding next to the sentence it concerns.

One renderer, two inputs: :func:`from_report` builds the view from a
:class:`~factcheck.models.Report` (``--format html``: one self-contained file, inline CSS, no
script, no external asset) and :func:`from_rows` from the rows that
:func:`factcheck.store.load_run` reads back (the page that ``factcheck serve`` shows).

Every piece of text that comes from a page, a database or a rule file is escaped before any
markup is added around it; attribute values are escaped too, and only http(s) addresses become
links.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from ..models import Report, Segmented

RuleHref = Callable[[str], str]


# -- the view model ------------------------------------------------------------------------------


@dataclass(frozen=True)
class DocView:
    url: str
    final_url: str
    title: str | None
    site: str | None
    language: str | None
    published: str | None
    retrieved: str | None  # http | file | archive
    archived_at: str | None = None


@dataclass(frozen=True)
class SentView:
    id: str  # the report's id: A3, S15
    text: str
    kind: str
    language: str | None

    @property
    def checkable(self) -> bool:
        return self.kind in ("body", "bullet")


@dataclass(frozen=True)
class FindingView:
    kind: str
    rule: str
    name: str
    severity: str
    confidence: str
    message: str
    article_sentence: str | None
    source_sentence: str | None
    source_sentences: tuple[str, ...]
    span: tuple[int, int] | None
    evidence: dict[str, str]
    fingerprint: str


@dataclass(frozen=True)
class BeadView:
    article: tuple[str, ...]
    source: tuple[str, ...]
    score: float | None
    method: str


@dataclass(frozen=True)
class StatusView:
    target: str
    ok: bool
    reason: str | None
    message: str | None


@dataclass
class View:
    article: DocView
    article_sentences: list[SentView]
    sources: list[tuple[DocView, list[SentView]]]
    statuses: list[StatusView]
    beads: list[BeadView]
    findings: list[FindingView]
    coverage: float | None = None
    support: float | None = None
    run: dict[str, Any] = field(default_factory=dict)  # id, started_at when read from a database


def _doc_view(seg: Segmented) -> DocView:
    d = seg.document
    return DocView(
        d.url,
        d.final_url,
        d.title,
        d.site,
        d.language,
        d.published,
        d.how,
        getattr(d, "archived_at", None),
    )


def _sent_views(seg: Segmented) -> list[SentView]:
    return [SentView(s.id, s.text, s.kind, s.language) for s in seg.sentences]


def from_report(report: Report) -> View:
    src_total = report.stat("source_sentences")
    art_total = report.stat("article_sentences")
    return View(
        article=_doc_view(report.article),
        article_sentences=_sent_views(report.article),
        sources=[(_doc_view(seg), _sent_views(seg)) for seg in report.sources],
        statuses=[
            StatusView(s.target, s.ok, s.reason or None, s.message or None)
            for s in report.source_status
        ],
        beads=[
            BeadView(tuple(b.article), tuple(b.source), b.score, b.method)
            for b in report.alignments
        ],
        findings=[
            FindingView(
                f.kind,
                f.rule,
                f.name,
                f.severity,
                f.confidence,
                f.message,
                f.article_sentence,
                f.source_sentence,
                tuple(f.source_sentences),
                tuple(f.span) if f.span else None,  # type: ignore[arg-type]  # two offsets
                dict(f.evidence),
                f.fingerprint,
            )
            for f in report.findings
        ],
        coverage=report.stat("source_carried") / src_total if src_total else None,
        support=report.stat("article_supported") / art_total if art_total else None,
    )


def _stored_doc(row: dict | None, fallback_url: str = "") -> DocView:
    row = row or {}
    return DocView(
        row.get("url") or fallback_url,
        row.get("final_url") or fallback_url,
        row.get("title"),
        row.get("site"),
        row.get("language"),
        row.get("published"),
        row.get("retrieved"),
        row.get("archived_at"),
    )


def from_rows(data: dict[str, Any]) -> View:
    """The view of one stored run, from :func:`factcheck.store.load_run`'s rows."""
    run = data["run"]
    docs = data["documents"]
    by_doc: dict[str, list[dict]] = {}
    for s in data["sentences"]:
        by_doc.setdefault(s["document_id"], []).append(s)
    label: dict[str, str] = {}  # stored sentence id -> the run's id (A3, S15)

    def sents(doc_id: str, prefix: str, first: int) -> list[SentView]:
        out = []
        for s in sorted(by_doc.get(doc_id, []), key=lambda s: s["position"]):
            sid = f"{prefix}{first + s['position'] - 1}"
            label[s["id"]] = sid
            out.append(SentView(sid, s["text"], s["kind"], s.get("language")))
        return out

    article_id = run["article_id"]
    article_sentences = sents(article_id, "A", 1)
    sources = []
    for rs in data["run_sources"]:
        if rs["ok"] and rs["source_id"] and rs["source_id"] != article_id:
            sources.append(
                (
                    _stored_doc(docs.get(rs["source_id"]), rs["target"]),
                    sents(rs["source_id"], "S", rs["first_sentence"] or 1),
                )
            )
    beads: dict[int, tuple[list[str], list[str], float | None, str]] = {}
    for a in data["alignments"]:
        art, src, _, _ = beads.setdefault(a["bead"], ([], [], a["score"], a["method"]))
        for sid, side in ((a["article_sentence_id"], art), (a["source_sentence_id"], src)):
            if sid and sid in label and label[sid] not in side:
                side.append(label[sid])
    findings = []
    for f in data["findings"]:
        evidence = json.loads(f["evidence"] or "{}")
        span = (f["span_start"], f["span_end"]) if f["span_start"] is not None else None
        findings.append(
            FindingView(
                f["kind"],
                f["rule"],
                f["name"] or "",
                f["severity"],
                f["confidence"] or "",
                f["message"] or "",
                f["article_sentence"],
                f["source_sentence"],
                tuple(json.loads(f["source_sentences"] or "[]")),
                span,
                {str(k): str(v) for k, v in evidence.items()},
                f["fingerprint"] or "",
            )
        )
    return View(
        article=_stored_doc(docs.get(article_id), run.get("article_target") or ""),
        article_sentences=article_sentences,
        sources=sources,
        statuses=[
            StatusView(rs["target"], bool(rs["ok"]), rs["reason"], rs["message"])
            for rs in data["run_sources"]
        ],
        beads=[
            BeadView(tuple(a), tuple(s), score, method)
            for _, (a, s, score, method) in sorted(beads.items())
        ],
        findings=findings,
        coverage=run.get("source_coverage"),
        support=run.get("article_support"),
        run={"id": run["id"], "started_at": run.get("started_at")},
    )


# -- rows of the side-by-side table --------------------------------------------------------------


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    tag: str  # ins | del | mark
    cls: str
    title: str


@dataclass
class Row:
    kind: str  # pair | addition | omission | carried | heading | unchecked
    article: SentView | None
    sources: list[SentView]
    bead: BeadView | None = None
    findings: list[FindingView] = field(default_factory=list)
    marks: dict[str, list[Mark]] = field(default_factory=dict)


def _number(sid: str) -> int:
    digits = re.sub(r"\D", "", sid)
    return int(digits) if digits else 0


def rows(view: View) -> tuple[list[Row], list[FindingView]]:
    """The table rows in article order, source-only rows (omissions, and source sentences
    carried only by a clause or a split pair) placed after the row that renders the closest
    earlier source sentence; and the findings that belong to no row (source errors)."""
    source_by_id = {s.id: s for _, sents in view.sources for s in sents}
    bead_of = {a: b for b in view.beads for a in b.article}
    compared = any(sents for _, sents in view.sources)
    main: list[Row] = []
    for s in view.article_sentences:
        if not s.checkable:
            main.append(Row("heading", s, []))
            continue
        bead = bead_of.get(s.id)
        srcs = [source_by_id[x] for x in (bead.source if bead else ()) if x in source_by_id]
        # with no source read nothing was compared: no sentence is an addition
        main.append(Row("pair" if srcs else "addition" if compared else "unchecked", s, srcs, bead))
    in_beads = {x for b in view.beads for x in b.source}
    omitted = {x for b in view.beads if not b.article for x in b.source}
    extra = [
        Row(
            "omission" if s.id in omitted else "carried",
            None,
            [s],
            next((b for b in view.beads if not b.article and s.id in b.source), None),
        )
        for _, sents in view.sources
        for s in sents
        if s.checkable and (s.id in omitted or s.id not in in_beads)
    ]
    anchored: dict[int, list[Row]] = {}
    for row in extra:
        k = _number(row.sources[0].id)
        best, best_n = -1, -1
        for i, r in enumerate(main):
            for s in r.sources:
                n = _number(s.id)
                if best_n < n < k:
                    best, best_n = i, n
        anchored.setdefault(best, []).append(row)
    out = list(anchored.get(-1, []))
    for i, r in enumerate(main):
        out.append(r)
        out += anchored.get(i, [])
    loose = _attach(view, out)
    for r in out:
        _mark(view, r)
    return out, loose


def _attach(view: View, table: list[Row]) -> list[FindingView]:
    by_article = {r.article.id: r for r in table if r.article}
    source_only = {r.sources[0].id: r for r in table if r.article is None and r.sources}
    loose = []
    for f in view.findings:
        row = by_article.get(f.article_sentence or "")
        if row is None:
            for sid in (f.source_sentence, *f.source_sentences):
                row = source_only.get(sid or "") or next(
                    (r for r in table if any(s.id == sid for s in r.sources)), None
                )
                if row is not None:
                    break
        if row is None:
            loose.append(f)
        else:
            row.findings.append(f)
    return loose


TOKEN = re.compile(r"\w+")  # words and numbers; punctuation and quote marks are not compared


def _locate(text: str, needle: str) -> tuple[int, int] | None:
    if not needle:
        return None
    i = text.find(needle)
    if i < 0:
        i = text.lower().find(needle.lower())
    return (i, i + len(needle)) if i >= 0 else None


def _mark(view: View, row: Row) -> None:
    marks: dict[str, list[Mark]] = {}

    def add(sid: str, span: tuple[int, int] | None, tag: str, cls: str, title: str) -> None:
        if span:
            marks.setdefault(sid, []).append(Mark(span[0], span[1], tag, cls, title))

    shown = {s.id: s for s in row.sources}
    for f in row.findings:
        title = f"{f.rule} {f.name}: {f.message}"
        if f.article_sentence and row.article and f.span:
            tag, cls = ("ins", "fc-added") if f.kind == "addition" else ("mark", "fc-changed")
            add(f.article_sentence, f.span, tag, cls, title)
        src = shown.get(f.source_sentence or "")
        if src is None:
            continue
        if "dropped" in f.evidence:
            add(src.id, _locate(src.text, f.evidence["dropped"]), "del", "fc-dropped", title)
        elif "source" in f.evidence and f.kind != "source_error":
            add(src.id, _locate(src.text, f.evidence["source"]), "mark", "fc-changed", title)
    # changed words between a sentence and its single source in the same language
    if row.kind == "pair" and row.article and len(row.sources) == 1:
        a, s = row.article, row.sources[0]
        if a.language and a.language == s.language:
            for sid, span, tag, cls in _word_diff(a.text, s.text, a.id, s.id):
                add(
                    sid,
                    span,
                    tag,
                    cls,
                    "not in the source" if tag == "ins" else "not in the article",
                )
    row.marks = marks


def _word_diff(
    a: str, s: str, aid: str, sid: str
) -> Iterable[tuple[str, tuple[int, int], str, str]]:
    at = [(m.start(), m.end(), m.group().lower()) for m in TOKEN.finditer(a)]
    st = [(m.start(), m.end(), m.group().lower()) for m in TOKEN.finditer(s)]
    sm = difflib.SequenceMatcher(None, [t[2] for t in at], [t[2] for t in st], autojunk=False)
    if sm.ratio() < 0.5:
        return  # a paraphrase: a word diff would mark everything
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op in ("replace", "insert") and j2 > j1:
            yield sid, (st[j1][0], st[j2 - 1][1]), "del", "fc-diff"
        if op in ("replace", "delete") and i2 > i1:
            yield aid, (at[i1][0], at[i2 - 1][1]), "ins", "fc-diff"


# -- HTML ----------------------------------------------------------------------------------------


def _cls(value: Any) -> str:
    """A value safe in a class name or data attribute: letters, digits, - and _ only."""
    return re.sub(r"[^A-Za-z0-9_-]", "", str(value or ""))[:40]


def _link(url: str | None) -> Markup:
    if not url:
        return Markup("")
    if re.match(r"https?://", url, re.IGNORECASE):
        return Markup('<a href="{0}" rel="noopener noreferrer nofollow">{0}</a>').format(url)
    return Markup('<span class="fc-url">{}</span>').format(url)


def marked(text: str, marks: Iterable[Mark]) -> Markup:
    """TEXT escaped, with the non-overlapping MARKS (earlier ones win) wrapped in their tags."""
    accepted: list[Mark] = []
    for m in marks:
        if not (0 <= m.start < m.end <= len(text)) or m.tag not in ("ins", "del", "mark"):
            continue
        if all(m.end <= o.start or m.start >= o.end for o in accepted):
            accepted.append(m)
    out, pos = [], 0
    for m in sorted(accepted, key=lambda m: m.start):
        out.append(escape(text[pos : m.start]))
        out.append(
            Markup('<{0} class="{1}" title="{2}">{3}</{0}>').format(
                Markup(m.tag), _cls(m.cls), m.title, text[m.start : m.end]
            )
        )
        pos = m.end
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def _sentence(s: SentView, row: Row) -> Markup:
    return Markup(
        '<p class="fc-sentence fc-{kind}" data-sentence="{id}" id="{side}-{id}">'
        '<span class="fc-id">{id}</span> {text}</p>'
    ).format(
        kind=_cls(s.kind),
        id=_cls(s.id),
        side="art" if s.id.startswith("A") else "src",
        text=marked(s.text, row.marks.get(s.id, ())),
    )


def _speakers(evidence: dict[str, str]) -> Markup:
    """The two speakers of a quote or attribution finding, next to each other."""
    if "article_speaker" not in evidence and "source_speaker" not in evidence:
        return Markup("")
    return Markup(
        '<span class="fc-speakers"><span class="fc-who">article: {a}</span> '
        '<span class="fc-who">source: {s}</span></span>'
    ).format(a=evidence.get("article_speaker", "—"), s=evidence.get("source_speaker", "—"))


def _finding(f: FindingView, rule_href: RuleHref) -> Markup:
    return Markup(
        '<li class="fc-finding fc-{sev}" data-rule="{rule}" data-kind="{kind}" id="finding-{fp}">'
        '<a class="fc-rule" href="{href}" title="{summary}">{rule_text}</a> '
        '<span class="fc-name">{name}</span> <span class="fc-sev">{severity}</span>'
        '<span class="fc-conf">confidence {confidence}</span>'
        '<span class="fc-msg">{message}</span>{speakers}</li>'
    ).format(
        speakers=_speakers(f.evidence),
        sev=_cls(f.severity),
        rule=_cls(f.rule),
        kind=_cls(f.kind),
        fp=_cls(f.fingerprint),
        href=rule_href(f.rule),
        summary=f"{f.rule} {f.name}",
        rule_text=f.rule,
        name=f.name,
        severity=f.severity,
        confidence=f.confidence,
        message=f.message,
    )


EMPTY = {
    "addition": "nothing in the sources supports this sentence",
    "omission": "not in the article",
    "unchecked": "not compared: no source could be read",
}


def _row(row: Row, rule_href: RuleHref) -> Markup:
    if row.kind == "heading" and row.article:
        return Markup(
            '<tr class="fc-row fc-row-heading"><td class="fc-article">{}</td>'
            '<td class="fc-source"></td><td class="fc-findings"></td></tr>'
        ).format(_sentence(row.article, row))
    art = (
        _sentence(row.article, row)
        if row.article
        else Markup('<p class="fc-none">{}</p>').format(EMPTY.get(row.kind, ""))
    )
    if row.sources:
        src = Markup("").join(_sentence(s, row) for s in row.sources)
    else:
        src = Markup('<p class="fc-none">{}</p>').format(EMPTY.get(row.kind, ""))
    how = ""
    if row.bead is not None and row.bead.score is not None:
        # the score adds evidence (shared names, numbers) to a similarity: shown as one, at
        # most 1.00
        how = Markup('<span class="fc-how">{} · {:.2f}</span>').format(
            row.bead.method, min(row.bead.score, 1.0)
        )
    found = (
        Markup("<ul>{}</ul>").format(Markup("").join(_finding(f, rule_href) for f in row.findings))
        if row.findings
        else ""
    )
    return Markup(
        '<tr class="fc-row fc-row-{kind}"><td class="fc-article">{art}</td>'
        '<td class="fc-source">{src}{how}</td><td class="fc-findings">{found}</td>'
        "</tr>"
    ).format(kind=_cls(row.kind), art=art, src=src, how=how, found=found)


def _doc_line(role: str, d: DocView) -> Markup:
    archived = f"archived {d.archived_at}" if d.archived_at else None
    bits = [x for x in (d.site, d.language, d.published, d.retrieved, archived) if x]
    return Markup(
        '<div class="fc-doc"><span class="fc-role">{role}</span> '
        '<strong class="fc-title">{title}</strong> {link} '
        '<span class="fc-meta">{meta}</span></div>'
    ).format(
        role=role,
        title=d.title or "(no title)",
        link=_link(d.final_url if re.match(r"https?://", d.final_url or "", re.I) else d.url),
        meta=" · ".join(bits),
    )


def _verdict(view: View) -> Markup:
    sev = {"error": 0, "warning": 0, "info": 0}
    for f in view.findings:
        sev[f.severity] = sev.get(f.severity, 0) + 1
    total = len(view.findings)
    parts = [Markup("<strong>{} finding{}</strong>").format(total, "" if total == 1 else "s")]
    parts += [
        Markup('<span class="fc-count fc-{0}">{1} {2}</span>').format(
            _cls(k), n, k if n == 1 or k == "info" else f"{k}s"
        )
        for k, n in sev.items()
        if n
    ]
    if view.coverage is not None:
        parts.append(Markup("source coverage {:.0%}").format(view.coverage))
    if view.support is not None:
        parts.append(Markup("article support {:.0%}").format(view.support))
    return Markup('<p class="fc-verdict">{}</p>').format(Markup(" · ").join(parts))


LEGEND = Markup(
    '<p class="fc-legend"><ins class="fc-added">added clause</ins> '
    '<mark class="fc-changed">changed number or date</mark> '
    '<del class="fc-dropped">dropped detail</del> '
    '<ins class="fc-diff">word not in the source</ins> '
    '<del class="fc-diff">word not in the article</del> '
    '<span class="fc-key fc-row-addition">addition</span> '
    '<span class="fc-key fc-row-omission">omission</span></p>'
)


def fragment(view: View, rule_href: RuleHref) -> Markup:
    """The view as an HTML fragment (a <div>), for a page or for a whole document."""
    table, loose = rows(view)
    head = [_doc_line("article", view.article)]
    head += [_doc_line("source", d) for d, _ in view.sources]
    head += [
        Markup(
            '<div class="fc-doc fc-failed"><span class="fc-role">source</span> '
            '<span class="fc-url">{}</span> <span class="fc-meta">not read: {}</span>'
            "</div>"
        ).format(s.target, s.reason or "")
        for s in view.statuses
        if not s.ok
    ]
    run = ""
    if view.run:
        run = Markup('<p class="fc-run">run {} · {}</p>').format(
            view.run.get("id"), view.run.get("started_at") or ""
        )
    loose_html = (
        Markup('<ul class="fc-loose">{}</ul>').format(
            Markup("").join(_finding(f, rule_href) for f in loose)
        )
        if loose
        else ""
    )
    langs = (
        view.article.language or "",
        ", ".join(sorted({d.language or "" for d, _ in view.sources})),
    )
    return Markup(
        '<div class="fc">{run}<div class="fc-docs">{head}</div>{verdict}{loose}{legend}'
        '<table class="fc-pairs"><thead><tr><th>article {alang}</th><th>source {slang}</th>'
        "<th>findings</th></tr></thead><tbody>{rows}</tbody></table></div>"
    ).format(
        run=run,
        head=Markup("").join(head),
        verdict=_verdict(view),
        loose=loose_html,
        legend=LEGEND,
        alang=langs[0],
        slang=langs[1],
        rows=Markup("").join(_row(r, rule_href) for r in table),
    )


def rule_doc_html(code: str) -> Markup:
    """A rule's documentation as HTML: Markdown rendered with raw HTML turned off (so anything
    that looks like a tag in the doc is shown, not run)."""
    from markdown_it import MarkdownIt

    from ..errors import ConfigError
    from ..rules import rule, rule_doc

    try:
        text = rule_doc(code)
    except ConfigError:  # a rule whose doc is not written yet: its summary
        try:
            r = rule(code)
            text = f"# {r.code} {r.name}\n\n{r.summary}\n"
        except ConfigError:
            text = f"# {code}\n"
    md = MarkdownIt("commonmark", {"html": False})
    return Markup(md.render(text))


CSS = """
.fc{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d1d1f}
.fc-docs{margin:.5em 0}.fc-doc{margin:.2em 0}.fc-role{display:inline-block;min-width:4.5em;
font-size:.8em;text-transform:uppercase;letter-spacing:.05em;color:#666}
.fc-meta,.fc-run,.fc-how,.fc-conf,.fc-url{color:#666;font-size:.85em}
.fc-failed .fc-meta{color:#b00020}.fc-verdict{font-size:1.05em}
.fc-count.fc-error{color:#b00020}.fc-count.fc-warning{color:#8a5a00}.fc-count.fc-info{color:#0b5c8a}
.fc-legend{font-size:.85em;color:#444}.fc-key{padding:0 .4em;border-left:4px solid}
.fc-pairs{border-collapse:collapse;width:100%;table-layout:fixed}
.fc-pairs th{text-align:left;border-bottom:2px solid #ccc;padding:.3em .5em}
.fc-pairs th:nth-child(1),.fc-pairs th:nth-child(2){width:37%}
.fc-pairs td{vertical-align:top;border-bottom:1px solid #e5e5e5;padding:.35em .5em}
.fc-index{table-layout:auto}.fc-index th{white-space:nowrap;width:auto!important}
.fc-index td:nth-child(n+3){white-space:nowrap}
.fc-sentence{margin:0 0 .3em}.fc-id{font:11px ui-monospace,monospace;color:#888}
.fc-row-heading .fc-sentence{font-weight:600;color:#555}
.fc-row-addition .fc-article,.fc-key.fc-row-addition{background:#e9f7ec;border-color:#2e7d32}
.fc-row-addition .fc-article{border-left:4px solid #2e7d32}
.fc-row-omission .fc-source,.fc-key.fc-row-omission{background:#fdecea;border-color:#c62828}
.fc-row-omission .fc-source{border-left:4px solid #c62828}
.fc-row-carried .fc-source{color:#666}
.fc-none{margin:0;color:#888;font-style:italic;font-size:.9em}
ins.fc-added{background:#c8ecd0;text-decoration:none;border-bottom:2px solid #2e7d32}
mark.fc-changed{background:#ffe08a;font-weight:600}
del.fc-dropped{background:#f9c9c4;text-decoration:line-through}
ins.fc-diff{background:#e3f4e6;text-decoration:none}del.fc-diff{background:#fbe3e0}
.fc-findings ul,.fc-loose{list-style:none;margin:0;padding:0}
.fc-finding{margin:0 0 .45em;padding:.2em .4em;border-left:4px solid #999;background:#f7f7f7;
font-size:.88em}.fc-finding.fc-error{border-color:#b00020}.fc-finding.fc-warning{border-color:#e0a000}
.fc-finding.fc-info{border-color:#0b5c8a}.fc-speakers{display:block;color:#444}
.fc-who{margin-right:1em}.fc-rule{font-weight:700;font-family:ui-monospace,monospace}
.fc-name{color:#444}.fc-sev{margin-left:.4em;text-transform:uppercase;font-size:.75em;color:#555}
.fc-conf{margin-left:.4em}.fc-msg{display:block}
.fc-rules pre{white-space:pre-wrap}
.fc-page{max-width:1400px;margin:0 auto;padding:0 1em}
.fc-h1{font:600 1.4em system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:.6em 0 .2em}
.fc-rules,.fc-rule-doc{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
.fc-rule-doc{border-top:1px solid #ddd;margin-top:1.5em}
.fc-rule-doc ul{list-style:disc;padding-left:1.5em;margin:.5em 0}.fc-rule-doc ol{list-style:decimal;padding-left:1.5em;margin:.5em 0}
.fc-rule-doc li{display:list-item;margin:.2em 0}
"""


def document(title: str, body: Markup) -> str:
    """A whole HTML document: inline CSS, no script, and a policy that forbids scripts and
    outside requests even if something slipped through."""
    return str(
        Markup(
            '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
            "style-src 'unsafe-inline'; img-src data:\">"
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            "<title>{title}</title><style>{css}</style></head>"
            '<body><main class="fc-page">{body}</main></body></html>\n'
        ).format(title=title, css=Markup(CSS), body=body)
    )


def render(report: Report, **_: object) -> str:
    """``--format html``: the side-by-side view as one self-contained file, the docs of the
    rules it mentions at the end (rule links point there)."""
    view = from_report(report)
    codes = sorted({f.rule for f in view.findings})
    docs = Markup("").join(
        Markup('<section class="fc-rule-doc" id="rule-{}">{}</section>').format(
            _cls(c), rule_doc_html(c)
        )
        for c in codes
    )
    rules = (
        Markup('<section class="fc-rules"><h2>Rules</h2>{}</section>').format(docs) if codes else ""
    )
    title = f"factcheck: {view.article.title or view.article.url}"
    body = Markup('<h1 class="fc-h1">{}</h1>{}{}').format(
        title, fragment(view, lambda c: f"#rule-{_cls(c)}"), rules
    )
    return document(title, body)
