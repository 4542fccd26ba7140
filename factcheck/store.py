"""Reports in SQLite: :func:`save` writes one run into a database, :func:`load_run` reads it back.

The schema is described in docs/database.md. In short:

    documents    articles and sources, one row per page (id: hash of its final URL)
    sentences    their sentences (id: "<document id>:<position>"), searchable (sentences_fts)
    runs         one row per check, in order; a run never replaces another
    run_sources  the sources each run tried, whether they could be read, and how
    alignments   which article sentence renders which source sentence, per run
    findings     what each run found
    quotes       direct quotes and their speakers (filled when the report carries quotes)
    statements   every quote and reported statement: speaker, reporter, cue, resolution
    rules        the rule list, with each rule's documentation

Ids are stable: checking the same article again updates its document and sentences in place
and adds a run, so the history of findings stays while the pages are stored once. A save is one
transaction: if it fails or the process dies halfway, the database is as it was before.

The schema is versioned with ``PRAGMA user_version``; :func:`connect` migrates a database
written by an older version, step by step, in the same transaction as the write that follows.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from .errors import InputError
from .models import Report, Segmented
from .rules import all_rules, rule_doc
from .version import __version__

SCHEMA_VERSION = 3
BUSY_TIMEOUT_MS = 30_000
FTS_TOKENIZE = "unicode61 remove_diacritics 2"
KNOWN_FINDING_FIELDS = {
    "kind",
    "rule",
    "name",
    "severity",
    "confidence",
    "message",
    "article_sentence",
    "source_sentence",
    "source_sentences",
    "span",
    "evidence",
    "fingerprint",
}


# -- ids -----------------------------------------------------------------------------------------


def document_id(seg_or_url: Segmented | str) -> str:
    """16 hex digits of the SHA-256 of the document's final URL (its address after redirects;
    ``file://`` plus the absolute path for a file)."""
    if isinstance(seg_or_url, Segmented):
        doc = seg_or_url.document
        url = doc.final_url or doc.url
    else:
        url = seg_or_url
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]


def sentence_id(doc_id: str, position: int) -> str:
    """``<document id>:<position>``, position counting from 1 in the document."""
    return f"{doc_id}:{position}"


def now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


# -- schema and migrations -----------------------------------------------------------------------


def _v1_core(db: sqlite_utils.Database) -> None:
    """Version 1: pages, sentences, runs and what each run found."""
    db.execute("""
        CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            url TEXT NOT NULL,
            final_url TEXT NOT NULL,
            title TEXT,
            site TEXT,
            language TEXT,
            published TEXT,
            author TEXT,
            retrieved TEXT,
            retrieved_at TEXT,
            citations TEXT,
            text TEXT
        )""")
    db.execute("""
        CREATE TABLE sentences (
            id TEXT PRIMARY KEY,
            document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            kind TEXT NOT NULL,
            paragraph INTEGER,
            start INTEGER,
            "end" INTEGER,
            text TEXT NOT NULL,
            language TEXT
        )""")
    db.execute("""
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            started_at TEXT,
            finished_at TEXT,
            command TEXT,
            tool_version TEXT,
            article_id TEXT NOT NULL REFERENCES documents(id),
            article_target TEXT,
            source_coverage REAL,
            article_support REAL,
            finding_count INTEGER,
            error_count INTEGER,
            warning_count INTEGER,
            info_count INTEGER
        )""")
    db.execute("""
        CREATE TABLE run_sources (
            id INTEGER PRIMARY KEY,
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            target TEXT NOT NULL,
            source_id TEXT REFERENCES documents(id),
            ok INTEGER NOT NULL,
            reason TEXT,
            message TEXT,
            first_sentence INTEGER
        )""")
    db.execute("""
        CREATE TABLE alignments (
            id INTEGER PRIMARY KEY,
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            bead INTEGER NOT NULL,
            article_sentence_id TEXT REFERENCES sentences(id) ON DELETE SET NULL,
            source_sentence_id TEXT REFERENCES sentences(id) ON DELETE SET NULL,
            score REAL,
            method TEXT
        )""")
    db.execute("""
        CREATE TABLE findings (
            id INTEGER PRIMARY KEY,
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            article_id TEXT REFERENCES documents(id),
            kind TEXT NOT NULL,
            rule TEXT NOT NULL,
            name TEXT,
            severity TEXT NOT NULL,
            confidence TEXT,
            message TEXT,
            article_sentence TEXT,
            source_sentence TEXT,
            source_sentences TEXT,
            article_sentence_id TEXT REFERENCES sentences(id) ON DELETE SET NULL,
            source_sentence_id TEXT REFERENCES sentences(id) ON DELETE SET NULL,
            span_start INTEGER,
            span_end INTEGER,
            evidence TEXT,
            fingerprint TEXT
        )""")
    db.execute("CREATE UNIQUE INDEX idx_sentences_document ON sentences(document_id, position)")
    db.execute("CREATE INDEX idx_runs_article ON runs(article_id)")
    db.execute("CREATE INDEX idx_run_sources_run ON run_sources(run_id)")
    db.execute("CREATE INDEX idx_run_sources_source ON run_sources(source_id)")
    db.execute("CREATE INDEX idx_alignments_run ON alignments(run_id)")
    db.execute("CREATE INDEX idx_findings_run ON findings(run_id)")
    db.execute("CREATE INDEX idx_findings_kind ON findings(kind)")
    db.execute("CREATE INDEX idx_findings_severity ON findings(severity)")
    db.execute("CREATE INDEX idx_findings_fingerprint ON findings(fingerprint)")


VIEWS = {
    # one row per finding, with the texts and the article's site and language (for facets)
    "finding_details": """
        SELECT f.id AS finding_id, f.run_id, f.kind, f.rule, f.name, f.severity, f.confidence,
               f.message, f.article_sentence, a.text AS article_text, f.span_start, f.span_end,
               f.source_sentence, s.text AS source_text, f.evidence, f.fingerprint,
               d.id AS article_id, d.title AS article_title, d.url AS article_url, d.site,
               d.language, r.started_at, '/-/factcheck/run/' || f.run_id AS side_by_side
        FROM findings f
        JOIN runs r ON r.id = f.run_id
        JOIN documents d ON d.id = r.article_id
        LEFT JOIN sentences a ON a.id = f.article_sentence_id
        LEFT JOIN sentences s ON s.id = f.source_sentence_id""",
    # the latest run of every article
    "latest_runs": """
        SELECT d.id AS article_id, d.title, d.url, d.site, d.language, r.id AS run_id,
               r.started_at, r.finding_count, r.error_count, r.warning_count, r.info_count,
               r.source_coverage, r.article_support,
               '/-/factcheck/run/' || r.id AS side_by_side
        FROM runs r
        JOIN documents d ON d.id = r.article_id
        WHERE r.id = (SELECT max(r2.id) FROM runs r2 WHERE r2.article_id = r.article_id)""",
}


def _v2_browse(db: sqlite_utils.Database) -> None:
    """Version 2: documents' canonical address and archive date, findings' extra fields,
    rules (findings link to them), quotes, full-text search on sentences, the indexes behind the facets and the views
    that the browser pages use."""
    for column in ("canonical", "archived_at"):
        db.execute(f"ALTER TABLE documents ADD COLUMN {column} TEXT")
    db.execute("ALTER TABLE findings ADD COLUMN extra TEXT")
    db.execute("""
        CREATE TABLE rules (
            code TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            severity TEXT NOT NULL,
            status TEXT,
            summary TEXT,
            doc TEXT
        )""")
    _sync_rules(db, extra=[r[0] for r in db.execute("SELECT DISTINCT rule FROM findings")])
    db["findings"].transform(add_foreign_keys=[("rule", "rules", "code")])  # type: ignore[union-attr]  # a table
    db.execute("""
        CREATE TABLE quotes (
            id TEXT PRIMARY KEY,
            document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            sentence_id TEXT REFERENCES sentences(id) ON DELETE CASCADE,
            start INTEGER,
            "end" INTEGER,
            text TEXT NOT NULL,
            speaker TEXT,
            verb TEXT
        )""")
    db["sentences"].enable_fts(["text"], create_triggers=True, tokenize=FTS_TOKENIZE)  # type: ignore[union-attr]  # a table
    db["sentences"].populate_fts(["text"])  # type: ignore[union-attr]  # a table
    for sql in (
        "CREATE INDEX IF NOT EXISTS idx_findings_run ON findings(run_id)",
        "CREATE INDEX IF NOT EXISTS idx_findings_kind ON findings(kind)",
        "CREATE INDEX IF NOT EXISTS idx_findings_severity ON findings(severity)",
        "CREATE INDEX IF NOT EXISTS idx_findings_fingerprint ON findings(fingerprint)",
        "CREATE INDEX IF NOT EXISTS idx_findings_rule ON findings(rule)",
        "CREATE INDEX IF NOT EXISTS idx_findings_article ON findings(article_id)",
        "CREATE INDEX IF NOT EXISTS idx_documents_site ON documents(site)",
        "CREATE INDEX IF NOT EXISTS idx_documents_language ON documents(language)",
        "CREATE INDEX IF NOT EXISTS idx_run_sources_ok ON run_sources(ok)",
        "CREATE INDEX IF NOT EXISTS idx_quotes_document ON quotes(document_id)",
        "CREATE INDEX IF NOT EXISTS idx_quotes_sentence ON quotes(sentence_id)",
    ):
        db.execute(sql)
    for name, sql in VIEWS.items():
        db.execute(f"DROP VIEW IF EXISTS {name}")
        db.execute(f"CREATE VIEW {name} AS {sql}")


def _v3_statements(db: sqlite_utils.Database) -> None:
    """Version 3: who said what. Quotes gain the reporter, what the speaker was resolved from
    and whether the quote is closed; every quote and reported statement of a document in
    ``statements``."""
    for column, kind in (("reporter", "TEXT"), ("resolved_from", "TEXT"), ("closed", "INTEGER")):
        db.execute(f"ALTER TABLE quotes ADD COLUMN {column} {kind}")
    db.execute("""
        CREATE TABLE statements (
            id TEXT PRIMARY KEY,
            document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            sentence_id TEXT REFERENCES sentences(id) ON DELETE CASCADE,
            start INTEGER,
            "end" INTEGER,
            direct INTEGER NOT NULL,
            quote TEXT,
            speaker TEXT,
            reporter TEXT,
            cue TEXT,
            resolved_from TEXT,
            closed INTEGER
        )""")
    for sql in (
        "CREATE INDEX IF NOT EXISTS idx_statements_document ON statements(document_id)",
        "CREATE INDEX IF NOT EXISTS idx_statements_speaker ON statements(speaker)",
    ):
        db.execute(sql)


# MIGRATIONS[n] takes a database at version n to version n + 1; a new database runs them all.
MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [_v1_core, _v2_browse, _v3_statements]
assert len(MIGRATIONS) == SCHEMA_VERSION


def schema_version(db: sqlite_utils.Database) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def migrate(db: sqlite_utils.Database) -> int:
    """Bring the schema to :data:`SCHEMA_VERSION`; returns the version the database had.
    Runs inside the caller's transaction when one is open (then a failure undoes it all)."""
    with db.atomic():
        version = schema_version(db)
        if version > SCHEMA_VERSION:
            raise InputError(
                f"the database was written by a newer factcheck (schema {version}, this one "
                f"knows {SCHEMA_VERSION}); upgrade factcheck to use it"
            )
        if version == 0 and db.table_names():
            raise InputError(
                "the database holds tables that factcheck did not write; give a new file to --db"
            )
        for step in MIGRATIONS[version:]:
            step(db)
        if version != SCHEMA_VERSION:
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    return version


def connect(path: str | Path, *, migrate_schema: bool = True) -> sqlite_utils.Database:
    """Open (or create) a factcheck database with foreign keys on, migrated to the current
    schema. Raises :class:`~factcheck.errors.InputError` for a file that is not one."""
    path = Path(path)
    if path.is_dir():
        raise InputError(f"{path} is a directory, not a database file")
    if not path.exists() and not path.parent.is_dir():
        raise InputError(
            f"cannot create the database {path}: the folder {path.parent} does not exist"
        )
    try:
        db = sqlite_utils.Database(path)
    except sqlite3.DatabaseError as err:
        raise InputError(f"{path} is not a factcheck database: {err}") from err
    except sqlite3.Error as err:
        raise InputError(f"cannot open the database {path}: {err}") from err
    try:
        db.execute("PRAGMA foreign_keys = ON")
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()  # reads the header
        if migrate_schema:
            migrate(db)
    except sqlite3.OperationalError as err:  # locked, read-only, disk full, ...
        db.close()
        raise InputError(f"cannot use the database {path}: {err}") from err
    except sqlite3.DatabaseError as err:
        db.close()
        raise InputError(f"{path} is not a factcheck database: {err}") from err
    except BaseException:
        db.close()
        raise
    return db


@contextlib.contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """One write transaction, taken at once (BEGIN IMMEDIATE, so two writers wait for each
    other instead of failing halfway); committed at the end, rolled back on any exception.
    sqlite-utils calls inside it nest as savepoints."""
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    else:
        db.conn.execute("COMMIT")


# -- writing -------------------------------------------------------------------------------------


def save(
    report: Report,
    path: str | Path,
    *,
    command: str = "check",
    started_at: str | None = None,
    article_target: str | None = None,
) -> int:
    """Write REPORT into the database at PATH (created if missing) as a new run; returns the
    run id. The documents and sentences of the report are inserted or updated in place."""
    db = connect(path, migrate_schema=False)
    try:
        with transaction(db):
            migrate(db)
            return write(
                db, report, command=command, started_at=started_at, article_target=article_target
            )
    except sqlite3.OperationalError as err:  # read-only, locked past the busy timeout, full
        raise InputError(f"cannot write the database {path}: {err}") from err
    finally:
        db.close()


def write(
    db: sqlite_utils.Database,
    report: Report,
    *,
    command: str = "check",
    started_at: str | None = None,
    article_target: str | None = None,
) -> int:
    """The body of :func:`save`, inside the caller's transaction."""
    finished = now()
    _sync_rules(db)
    labels: dict[str, str] = {}  # report sentence id ("A3", "S15") -> stored sentence id
    article_id = _write_document(db, report.article, labels, finished)
    source_ids = [_write_document(db, seg, labels, finished) for seg in report.sources]
    run_id = _write_run(
        db,
        report,
        article_id,
        command=command,
        started_at=started_at or finished,
        finished_at=finished,
        article_target=article_target,
    )
    _write_run_sources(db, report, run_id, source_ids)
    _write_alignments(db, report, run_id, labels)
    _write_findings(db, report, run_id, article_id, labels)
    _write_quotes(db, report, labels)
    _write_statements(db, report, labels)
    return run_id


def _sync_rules(db: sqlite_utils.Database, extra: Sequence[str] = ()) -> None:
    rows = []
    for r in all_rules().values():
        try:
            doc = rule_doc(r.code)
        except Exception:  # noqa: BLE001 - a rule without a doc still gets a row
            doc = ""
        rows.append(
            {
                "code": r.code,
                "name": r.name,
                "kind": r.kind,
                "severity": r.severity,
                "status": r.status,
                "summary": r.summary,
                "doc": doc,
            }
        )
    known = {r["code"] for r in rows}
    for code in extra:  # rules found in old findings that this version no longer defines
        if code and code not in known:
            rows.append(
                {
                    "code": code,
                    "name": code,
                    "kind": "",
                    "severity": "",
                    "status": "retired",
                    "summary": "",
                    "doc": "",
                }
            )
    db["rules"].upsert_all(rows, pk="code")  # type: ignore[union-attr]  # a table


def _write_document(
    db: sqlite_utils.Database, seg: Segmented, labels: dict[str, str], when: str
) -> str:
    doc = seg.document
    doc_id = document_id(seg)
    db["documents"].upsert(  # type: ignore[union-attr]  # a table
        {
            "id": doc_id,
            "url": doc.url,
            "final_url": doc.final_url or doc.url,
            "title": doc.title,
            "site": doc.site,
            "language": doc.language,
            "published": doc.published,
            "author": doc.author,
            "retrieved": doc.how,
            "retrieved_at": getattr(doc, "fetched_at", None) or when,
            "archived_at": getattr(doc, "archived_at", None),
            "canonical": getattr(doc, "canonical", None),
            "citations": json.dumps(
                [{"url": c.url, "how": c.how} for c in doc.citations], ensure_ascii=False
            ),
            "text": doc.text,
        },
        pk="id",
    )
    rows = []
    for position, s in enumerate(seg.sentences, start=1):
        sid = sentence_id(doc_id, position)
        labels[s.id] = sid
        rows.append(
            {
                "id": sid,
                "document_id": doc_id,
                "position": position,
                "kind": s.kind,
                "paragraph": s.paragraph,
                "start": s.start,
                "end": s.end,
                "text": s.text,
                "language": s.language,
            }
        )
    if rows:
        db["sentences"].upsert_all(rows, pk="id")  # type: ignore[union-attr]  # a table
    # a page that became shorter: its old tail goes (findings of older runs keep their labels)
    db.execute("DELETE FROM sentences WHERE document_id = ? AND position > ?", [doc_id, len(rows)])
    return doc_id


def _write_run(
    db: sqlite_utils.Database,
    report: Report,
    article_id: str,
    *,
    command: str,
    started_at: str,
    finished_at: str,
    article_target: str | None,
) -> int:
    severities = {"error": 0, "warning": 0, "info": 0}
    for f in report.findings:
        severities[f.severity] = severities.get(f.severity, 0) + 1
    src_total = report.stat("source_sentences")
    art_total = report.stat("article_sentences")
    cursor = db.execute(
        "INSERT INTO runs (started_at, finished_at, command, tool_version, article_id, "
        "article_target, source_coverage, article_support, finding_count, error_count, "
        "warning_count, info_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            started_at,
            finished_at,
            command,
            __version__,
            article_id,
            article_target or report.article.document.url,
            round(report.stat("source_carried") / src_total, 3) if src_total else None,
            round(report.stat("article_supported") / art_total, 3) if art_total else None,
            len(report.findings),
            severities["error"],
            severities["warning"],
            severities["info"],
        ],
    )
    return cursor.lastrowid  # type: ignore[return-value]  # set by the INSERT


def _write_run_sources(
    db: sqlite_utils.Database, report: Report, run_id: int, source_ids: list[str]
) -> None:
    """One row per source tried; the sources read successfully appear in report.sources in the
    order of the successful statuses."""
    read = iter(zip(report.sources, source_ids, strict=False))
    rows = []
    for position, status in enumerate(report.source_status, start=1):
        source_id = first = None
        if status.ok:
            seg, source_id = next(read, (None, None))
            if seg is not None and seg.sentences:
                first = int(seg.sentences[0].id[1:])
        rows.append(
            {
                "run_id": run_id,
                "position": position,
                "target": status.target,
                "source_id": source_id,
                "ok": int(status.ok),
                "reason": status.reason or None,
                "message": status.message or None,
                "first_sentence": first,
            }
        )
    if rows:
        db["run_sources"].insert_all(rows)  # type: ignore[union-attr]  # a table


def _write_alignments(
    db: sqlite_utils.Database, report: Report, run_id: int, labels: dict[str, str]
) -> None:
    rows = []
    for bead_no, bead in enumerate(report.alignments, start=1):
        for a in bead.article or (None,):
            for s in bead.source or (None,):
                rows.append(
                    {
                        "run_id": run_id,
                        "bead": bead_no,
                        "article_sentence_id": labels.get(a) if a else None,
                        "source_sentence_id": labels.get(s) if s else None,
                        "score": round(bead.score, 3),
                        "method": bead.method,
                    }
                )
    if rows:
        db["alignments"].insert_all(rows)  # type: ignore[union-attr]  # a table


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    return str(value)


def _extra_fields(finding: Any) -> dict[str, Any]:
    """Fields a later version added to findings, kept as JSON so nothing is lost."""
    if not dataclasses.is_dataclass(finding):
        return {}
    out = {}
    for f in dataclasses.fields(finding):
        if f.name not in KNOWN_FINDING_FIELDS:
            value = getattr(finding, f.name)
            if value not in (None, "", (), []):
                out[f.name] = value
    return out


def _write_findings(
    db: sqlite_utils.Database, report: Report, run_id: int, article_id: str, labels: dict[str, str]
) -> None:
    rows = []
    for position, f in enumerate(report.findings, start=1):
        extra = _extra_fields(f)
        rows.append(
            {
                "run_id": run_id,
                "position": position,
                "article_id": article_id,
                "kind": f.kind,
                "rule": f.rule,
                "name": f.name,
                "severity": f.severity,
                "confidence": f.confidence,
                "message": f.message,
                "article_sentence": f.article_sentence,
                "source_sentence": f.source_sentence,
                "source_sentences": json.dumps(list(f.source_sentences)),
                "article_sentence_id": labels.get(f.article_sentence)
                if f.article_sentence
                else None,
                "source_sentence_id": labels.get(f.source_sentence) if f.source_sentence else None,
                "span_start": f.span[0] if f.span else None,
                "span_end": f.span[1] if f.span else None,
                "evidence": json.dumps(dict(f.evidence), ensure_ascii=False),
                "fingerprint": f.fingerprint,
                "extra": json.dumps(extra, ensure_ascii=False, default=_plain) if extra else None,
            }
        )
    if rows:
        db["findings"].insert_all(rows)  # type: ignore[union-attr]  # a table


def _quote_value(quote: Any, *names: str) -> Any:
    for name in names:
        if isinstance(quote, dict) and name in quote:
            return quote[name]
        if hasattr(quote, name):
            return getattr(quote, name)
    return None


def _write_quotes(db: sqlite_utils.Database, report: Report, labels: dict[str, str]) -> None:
    """Quotes of the report's documents replace the ones stored before (a quote belongs to a
    page, not to a run). Reports without quotes leave the table as it is."""
    quotes = getattr(report, "quotes", ()) or ()
    rows = []
    for q in quotes:
        label = _quote_value(q, "sentence", "sentence_id")
        sid = labels.get(label, label if label and ":" in str(label) else None)
        if not sid:
            continue
        doc_id = sid.rsplit(":", 1)[0]
        start = _quote_value(q, "start")
        rows.append(
            {
                "id": f"{sid}:{start if start is not None else 0}",
                "document_id": doc_id,
                "sentence_id": sid,
                "start": start,
                "end": _quote_value(q, "end"),
                "text": _quote_value(q, "text") or "",
                "speaker": _quote_value(q, "speaker"),
                "verb": _quote_value(q, "verb"),
                "reporter": _quote_value(q, "reporter"),
                "resolved_from": _quote_value(q, "resolved_from"),
                "closed": _quote_value(q, "closed"),
            }
        )
    if not rows:
        return
    docs = sorted({r["document_id"] for r in rows})
    db.execute(f"DELETE FROM quotes WHERE document_id IN ({','.join('?' * len(docs))})", docs)
    db["quotes"].upsert_all(rows, pk="id")  # type: ignore[union-attr]  # a table


def _write_statements(db: sqlite_utils.Database, report: Report, labels: dict[str, str]) -> None:
    """The statements of the report's documents replace the ones stored before (like quotes,
    they belong to a page, not to a run)."""
    rows = []
    for s in getattr(report, "statements", ()) or ():
        sid = labels.get(s.sentence)
        if not sid:
            continue
        row = dataclasses.asdict(s)
        del row["sentence"]
        row.update(
            id=f"{sid}:{s.start}:{'q' if s.direct else 'r'}",
            document_id=sid.rsplit(":", 1)[0],
            sentence_id=sid,
        )
        rows.append(row)
    if not rows:
        return
    docs = sorted({r["document_id"] for r in rows})
    db.execute(f"DELETE FROM statements WHERE document_id IN ({','.join('?' * len(docs))})", docs)
    db["statements"].upsert_all(rows, pk="id")  # type: ignore[union-attr]  # a table


# -- reading -------------------------------------------------------------------------------------


def _rows(conn: sqlite3.Connection, sql: str, params: list | tuple = ()) -> list[dict]:
    cursor = conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=False)) for row in cursor.fetchall()]


def load_run(conn: sqlite3.Connection, run_id: int) -> dict[str, Any] | None:
    """Everything the side-by-side view needs for one run, as plain rows (dicts); None when
    there is no such run. Takes a plain sqlite3 connection (Datasette hands one over)."""
    runs = _rows(conn, "SELECT * FROM runs WHERE id = ?", [run_id])
    if not runs:
        return None
    run = runs[0]
    sources = _rows(conn, "SELECT * FROM run_sources WHERE run_id = ? ORDER BY position", [run_id])
    doc_ids = [run["article_id"]] + [s["source_id"] for s in sources if s["source_id"]]
    marks = ",".join("?" * len(doc_ids))
    documents = {
        d["id"]: d
        for d in _rows(
            conn,
            f"SELECT id, url, final_url, title, site, language, published, retrieved, "
            f"retrieved_at, archived_at FROM documents WHERE id IN ({marks})",
            doc_ids,
        )
    }
    sentences = _rows(
        conn,
        f"SELECT id, document_id, position, kind, paragraph, text, language FROM sentences "
        f"WHERE document_id IN ({marks}) ORDER BY document_id, position",
        doc_ids,
    )
    return {
        "run": run,
        "run_sources": sources,
        "documents": documents,
        "sentences": sentences,
        "alignments": _rows(
            conn, "SELECT * FROM alignments WHERE run_id = ? ORDER BY bead, id", [run_id]
        ),
        "findings": _rows(
            conn, "SELECT * FROM findings WHERE run_id = ? ORDER BY position", [run_id]
        ),
    }


def latest_run(conn: sqlite3.Connection, article: str) -> int | None:
    """The id of the latest run of an article, given by document id, URL or final URL."""
    row = conn.execute(
        "SELECT max(r.id) FROM runs r JOIN documents d ON d.id = r.article_id "
        "WHERE d.id = ? OR d.url = ? OR d.final_url = ?",
        [article, article, article],
    ).fetchone()
    return row[0] if row else None


def counts(path: str | Path) -> dict[str, int]:
    """Rows per table: a quick look at a database (used by tests and `factcheck serve`)."""
    db = connect(path, migrate_schema=False)
    try:
        return {t: db[t].count for t in db.table_names() if not t.startswith("sentences_fts")}
    finally:
        db.close()
