"""What ``factcheck monitor`` keeps in the database, beside the runs that ``check --db`` writes.

Three tables, created when missing (they add to schema version 2; nothing else changes):

    monitor_sessions   one row per ``factcheck monitor`` invocation: inputs, engine, counts
    monitor_articles   one row per article address: its state (checked or failed), the content
                       key of its last check, that run, and when it was seen and checked
    monitor_problems   one row per problem: an input that could not be read, a line that is
                       not an address, an article that could not be fetched or checked

The content key is a hash of the article's extracted text and of each source it was checked
against (its text, or why it could not be read). An article whose key equals the key of its
last stored check is skipped; when it differs, a new run is stored. A run and the article's
row are written in one transaction, so a run is never stored without its row or twice.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

import sqlite_utils

from .. import store
from ..models import Document, Report

TABLES = {
    "monitor_sessions": """
        CREATE TABLE IF NOT EXISTS monitor_sessions (
            id INTEGER PRIMARY KEY,
            started_at TEXT,
            finished_at TEXT,
            status TEXT,
            inputs TEXT,
            engine TEXT,
            workers INTEGER,
            articles INTEGER,
            checked INTEGER,
            skipped INTEGER,
            failed INTEGER,
            problems INTEGER,
            tool_version TEXT
        )""",
    "monitor_articles": """
        CREATE TABLE IF NOT EXISTS monitor_articles (
            url TEXT PRIMARY KEY,
            input TEXT,
            state TEXT NOT NULL,
            content_key TEXT,
            article_id TEXT REFERENCES documents(id) ON DELETE SET NULL,
            run_id INTEGER REFERENCES runs(id) ON DELETE SET NULL,
            checks INTEGER NOT NULL DEFAULT 0,
            failures INTEGER NOT NULL DEFAULT 0,
            message TEXT,
            first_seen TEXT,
            last_seen TEXT,
            checked_at TEXT,
            session_id INTEGER REFERENCES monitor_sessions(id)
        )""",
    "monitor_problems": """
        CREATE TABLE IF NOT EXISTS monitor_problems (
            id INTEGER PRIMARY KEY,
            session_id INTEGER REFERENCES monitor_sessions(id),
            at TEXT,
            input TEXT,
            line INTEGER,
            url TEXT,
            kind TEXT,
            message TEXT
        )""",
}
INDEXES = (
    "CREATE INDEX IF NOT EXISTS idx_monitor_articles_state ON monitor_articles(state)",
    "CREATE INDEX IF NOT EXISTS idx_monitor_articles_run ON monitor_articles(run_id)",
    "CREATE INDEX IF NOT EXISTS idx_monitor_problems_session ON monitor_problems(session_id)",
    "CREATE INDEX IF NOT EXISTS idx_runs_started ON runs(started_at)",
)


def open_db(path) -> sqlite_utils.Database:
    """The factcheck database at PATH (created and migrated like ``check --db``), with the
    monitor tables."""
    db = store.connect(path)
    try:
        db.execute("PRAGMA journal_mode = WAL")  # readers (factcheck serve) do not block writes
        with store.transaction(db):
            for sql in TABLES.values():
                db.execute(sql)
            for sql in INDEXES:
                db.execute(sql)
    except BaseException:
        db.close()
        raise
    return db


def content_key(doc: Document, sources: list[tuple[str, Document | None, str]]) -> str:
    """16 hex digits over the article text and each source: (target, document or None, the
    reason it could not be read)."""
    h = hashlib.sha256()
    h.update(doc.text.encode("utf-8"))
    for target, sdoc, reason in sources:
        h.update(b"\x00" + target.encode("utf-8") + b"\x00")
        h.update(sdoc.text.encode("utf-8") if sdoc is not None else f"!{reason}".encode())
    return h.hexdigest()[:16]


@dataclass(frozen=True)
class Known:
    state: str
    content_key: str | None
    run_id: int | None


def known(db: sqlite_utils.Database, url: str) -> Known | None:
    row = db.execute(
        "SELECT state, content_key, run_id FROM monitor_articles WHERE url = ?", [url]
    ).fetchone()
    return Known(*row) if row else None


def unchanged(db: sqlite_utils.Database, url: str, key: str) -> bool:
    """Whether the last stored check of URL had this content key (and its run is still
    there)."""
    k = known(db, url)
    if k is None or k.state != "checked" or k.content_key != key or k.run_id is None:
        return False
    return db.execute("SELECT 1 FROM runs WHERE id = ?", [k.run_id]).fetchone() is not None


def begin_session(db: sqlite_utils.Database, inputs: list[str], engine: str, workers: int) -> int:
    from ..version import __version__

    with store.transaction(db):
        cur = db.execute(
            "INSERT INTO monitor_sessions (started_at, status, inputs, engine, workers, "
            "articles, checked, skipped, failed, problems, tool_version) "
            "VALUES (?, 'running', ?, ?, ?, 0, 0, 0, 0, 0, ?)",
            [store.now(), json.dumps(inputs, ensure_ascii=False), engine, workers, __version__],
        )
        return cur.lastrowid  # type: ignore[return-value]  # set by the INSERT


def end_session(db: sqlite_utils.Database, session: int, status: str, counts: dict) -> None:
    with store.transaction(db):
        db.execute(
            "UPDATE monitor_sessions SET finished_at = ?, status = ?, articles = ?, checked = ?, "
            "skipped = ?, failed = ?, problems = ? WHERE id = ?",
            [
                store.now(),
                status,
                counts.get("articles", 0),
                counts.get("checked", 0),
                counts.get("skipped", 0),
                counts.get("failed", 0),
                counts.get("problems", 0),
                session,
            ],
        )


def add_problems(db: sqlite_utils.Database, session: int, problems) -> None:
    if not problems:
        return
    when = store.now()
    with store.transaction(db):
        db["monitor_problems"].insert_all(  # type: ignore[union-attr]  # a table
            [
                {
                    "session_id": session,
                    "at": when,
                    "input": p.input,
                    "line": p.line,
                    "url": getattr(p, "url", None),
                    "kind": p.kind,
                    "message": p.message,
                }
                for p in problems
            ]
        )


def _upsert_article(db, url: str, input_: str, session: int, when: str, **values) -> None:
    exists = db.execute("SELECT 1 FROM monitor_articles WHERE url = ?", [url]).fetchone()
    if exists:
        sets = ", ".join(f"{k} = ?" for k in values)
        db.execute(
            f"UPDATE monitor_articles SET {sets}, last_seen = ?, session_id = ? WHERE url = ?",
            [*values.values(), when, session, url],
        )
    else:
        row = {
            "url": url,
            "input": input_,
            "first_seen": when,
            "last_seen": when,
            "session_id": session,
            "checks": 0,
            "failures": 0,
            **values,
        }
        db["monitor_articles"].insert(row)


def save_check(
    db: sqlite_utils.Database,
    session: int,
    url: str,
    input_: str,
    key: str,
    report: Report,
    started_at: str,
) -> int | None:
    """Store REPORT as a new run and the article's row, in one transaction. None (nothing
    written) when a run with this content key is already stored for URL (by another process
    meanwhile, or an earlier try of the same work)."""
    with store.transaction(db):
        if unchanged(db, url, key):
            return None
        run_id = store.write(
            db, report, command="monitor", started_at=started_at, article_target=url
        )
        when = store.now()
        checks = (
            db.execute("SELECT checks FROM monitor_articles WHERE url = ?", [url]).fetchone() or [0]
        )[0]
        _upsert_article(
            db,
            url,
            input_,
            session,
            when,
            state="checked",
            content_key=key,
            article_id=store.document_id(report.article),
            run_id=run_id,
            checks=checks + 1,
            failures=0,
            message=None,
            checked_at=when,
        )
        return run_id


def save_seen(db: sqlite_utils.Database, session: int, url: str) -> None:
    """An article skipped because it did not change: only when it was last seen."""
    with store.transaction(db):
        db.execute(
            "UPDATE monitor_articles SET last_seen = ?, session_id = ? WHERE url = ?",
            [store.now(), session, url],
        )


def save_failure(
    db: sqlite_utils.Database,
    session: int,
    url: str,
    input_: str,
    message: str,
    kind: str = "article",
) -> None:
    """An article that could not be fetched or checked: its row says so (a checked article
    keeps its last run and key, so it is not checked again when it comes back unchanged), and
    one problem row."""
    when = store.now()
    with store.transaction(db):
        k = known(db, url)
        failures = (
            db.execute("SELECT failures FROM monitor_articles WHERE url = ?", [url]).fetchone()
            or [0]
        )[0]
        if k is not None and k.state == "checked":
            _upsert_article(db, url, input_, session, when, failures=failures + 1, message=message)
        else:
            _upsert_article(
                db,
                url,
                input_,
                session,
                when,
                state="failed",
                failures=failures + 1,
                message=message,
            )
        db["monitor_problems"].insert(  # type: ignore[union-attr]  # a table
            {
                "session_id": session,
                "at": when,
                "input": input_,
                "line": None,
                "url": url,
                "kind": kind,
                "message": message,
            }
        )
