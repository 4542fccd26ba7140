"""factcheck.store: reports in SQLite. Stable ids, history kept, one transaction per save,
schema versioned and migrated, and the CLI's --db option."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import signal
import sqlite3
import subprocess
import sys
from dataclasses import dataclass, fields, replace
from pathlib import Path
from types import SimpleNamespace

import pytest

from factcheck import store
from factcheck.errors import InputError
from factcheck.models import Finding

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "seed"


def rows(path: Path, sql: str, params: tuple = ()) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql, params).fetchall()


def dump(path: Path) -> list[str]:
    """Every statement that recreates the database: equal dumps, equal databases."""
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump()) + [f"user_version={conn.execute('PRAGMA user_version').fetchone()[0]}"]
    finally:
        conn.close()


def doc_id(seg) -> str:
    return hashlib.sha256(seg.document.final_url.encode("utf-8")).hexdigest()[:16]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "factcheck.db"


def test_save_writes_documents_sentences_run_alignments_and_findings(db_path, seed_report):
    report = seed_report
    run_id = store.save(report, db_path)
    assert run_id == 1
    counts = store.counts(db_path)
    assert counts["runs"] == 1
    assert counts["documents"] == 1 + len(report.sources)
    assert counts["sentences"] == len(report.article.sentences) + sum(
        len(s.sentences) for s in report.sources)
    assert counts["findings"] == len(report.findings) > 0
    assert counts["alignments"] >= len(report.alignments) > 0
    assert counts["run_sources"] == len(report.source_status)
    assert counts["rules"] >= 11
    assert counts["quotes"] == len(report.quotes) > 0
    assert counts["statements"] == len(report.statements) > 0
    assert rows(db_path, "PRAGMA user_version") == [(store.SCHEMA_VERSION,)]
    assert rows(db_path, "PRAGMA foreign_key_check") == []
    assert rows(db_path, "PRAGMA integrity_check") == [("ok",)]

    art = report.article.document
    (doc,) = rows(db_path, "SELECT url, final_url, title, language, retrieved, text FROM documents "
                           "WHERE id = ?", (doc_id(report.article),))
    assert doc == (art.url, art.final_url, art.title, "fr", "file", art.text)
    (run,) = rows(db_path, "SELECT article_id, finding_count, warning_count, source_coverage "
                           "FROM runs")
    assert run[0] == doc_id(report.article)
    assert run[1] == len(report.findings)
    assert run[2] == sum(f.severity == "warning" for f in report.findings)
    assert run[3] == round(report.stat("source_carried") / report.stat("source_sentences"), 3)

    texts = {s.id: s.text for seg in (report.article, *report.sources) for s in seg.sentences}
    stored = rows(db_path, """
        SELECT f.rule, f.severity, f.fingerprint, f.span_start, f.span_end, a.text, s.text,
               f.article_sentence, f.evidence
        FROM findings f LEFT JOIN sentences a ON a.id = f.article_sentence_id
        LEFT JOIN sentences s ON s.id = f.source_sentence_id ORDER BY f.position""")
    for f, (rule, sev, fp, start, end, a_text, s_text, label, evidence) in zip(report.findings, stored):
        assert (rule, sev, fp, label) == (f.rule, f.severity, f.fingerprint, f.article_sentence)
        assert (start, end) == (tuple(f.span) if f.span else (None, None))
        assert a_text == (texts[f.article_sentence] if f.article_sentence else None)
        assert s_text == (texts[f.source_sentence] if f.source_sentence else None)
        assert json.loads(evidence) == dict(f.evidence)


def test_ids_are_a_hash_of_the_url_and_the_position(db_path, seed_report):
    store.save(seed_report, db_path)
    art_id = doc_id(seed_report.article)
    for n, s in enumerate(seed_report.article.sentences, start=1):
        assert rows(db_path, "SELECT text, kind FROM sentences WHERE id = ?",
                    (f"{art_id}:{n}",)) == [(s.text, s.kind)]
    src = seed_report.sources[0]
    first = int(src.sentences[0].id[1:])
    (offset,) = rows(db_path, "SELECT first_sentence FROM run_sources")[0]
    assert offset == first
    s = src.sentences[2]
    assert rows(db_path, "SELECT text FROM sentences WHERE id = ?",
                (f"{doc_id(src)}:{int(s.id[1:]) - first + 1}",)) == [(s.text,)]


def test_checking_twice_updates_the_pages_and_keeps_both_runs(db_path, seed_report):
    assert store.save(seed_report, db_path) == 1
    ids_before = rows(db_path, "SELECT id, text FROM sentences ORDER BY id")
    assert store.save(seed_report, db_path) == 2
    counts = store.counts(db_path)
    assert counts["documents"] == 2
    assert rows(db_path, "SELECT id, text FROM sentences ORDER BY id") == ids_before
    assert rows(db_path, "SELECT count(*) FROM sentences WHERE document_id = ?",
                (doc_id(seed_report.article),)) == [(len(seed_report.article.sentences),)]
    assert counts["runs"] == 2
    assert counts["findings"] == 2 * len(seed_report.findings)
    per_run = rows(db_path, "SELECT run_id, group_concat(fingerprint) FROM "
                            "(SELECT * FROM findings ORDER BY position) GROUP BY run_id")
    assert per_run[0][1] == per_run[1][1]  # same findings, same fingerprints, in both runs
    assert rows(db_path, "PRAGMA foreign_key_check") == []


def test_a_page_that_became_shorter_is_updated_in_place(db_path, seed_report):
    store.save(seed_report, db_path)
    shorter = replace(seed_report, article=replace(seed_report.article,
                                                   sentences=seed_report.article.sentences[:8]))
    store.save(shorter, db_path)
    art_id = doc_id(seed_report.article)
    assert rows(db_path, "SELECT count(*) FROM sentences WHERE document_id = ?", (art_id,)) == [(8,)]
    # the first run's findings on the sentences that went keep their labels, lose the link
    lost = rows(db_path, "SELECT article_sentence, article_sentence_id FROM findings "
                         "WHERE run_id = 1 AND article_sentence = 'A10'")
    assert lost and all(sid is None for _, sid in lost)
    assert rows(db_path, "PRAGMA foreign_key_check") == []
    assert rows(db_path, "SELECT count(*) FROM sentences_fts") == rows(
        db_path, "SELECT count(*) FROM sentences")


def test_sentences_are_searchable_without_accents(db_path, seed_report):
    store.save(seed_report, db_path)
    found = rows(db_path, "SELECT s.id FROM sentences_fts JOIN sentences s "
                          "ON s.rowid = sentences_fts.rowid WHERE sentences_fts MATCH 'celebre'")
    expected = [s for s in seed_report.article.sentences if "célèbre" in s.text.lower()]
    assert expected and len(found) == len(expected)


def test_indexes_back_the_facets(db_path, seed_report):
    store.save(seed_report, db_path)
    indexed = {(table, col) for table in ("findings", "documents", "run_sources")
               for (_, name, *_rest) in rows(db_path, f"PRAGMA index_list({table})")
               for (_, _, col) in rows(db_path, f"PRAGMA index_info({name})")}
    for pair in [("findings", "kind"), ("findings", "severity"), ("findings", "rule"),
                 ("findings", "run_id"), ("findings", "fingerprint"), ("documents", "site"),
                 ("documents", "language"), ("run_sources", "ok")]:
        assert pair in indexed, pair


def test_a_failed_save_leaves_the_database_as_it_was(db_path, seed_report, monkeypatch):
    store.save(seed_report, db_path)
    before = dump(db_path)

    real = store._write_findings

    def findings_then_fail(*args, **kwargs):
        real(*args, **kwargs)  # documents, sentences, run, alignments and findings are written
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(store, "_write_findings", findings_then_fail)
    with pytest.raises(RuntimeError):
        store.save(seed_report, db_path)
    assert dump(db_path) == before

    fresh = db_path.with_name("fresh.db")
    with pytest.raises(RuntimeError):
        store.save(seed_report, fresh)
    assert rows(fresh, "SELECT name FROM sqlite_master") == []  # not even the schema
    assert rows(fresh, "PRAGMA user_version") == [(0,)]


KILLER = """
import os, pickle, signal, sys
from factcheck import store

report = pickle.loads(open(sys.argv[1], "rb").read())
real = store._write_alignments

def die(*args, **kwargs):
    real(*args, **kwargs)
    os.kill(os.getpid(), signal.SIGKILL)  # no rollback, no cleanup: a crash

store._write_alignments = die
store.save(report, sys.argv[2])
"""


def test_a_run_killed_halfway_leaves_the_database_as_it_was(db_path, seed_report, tmp_path):
    store.save(seed_report, db_path)
    before = dump(db_path)
    counts = store.counts(db_path)
    pickled = tmp_path / "report.pickle"
    pickled.write_bytes(pickle.dumps(seed_report))
    proc = subprocess.run([sys.executable, "-c", KILLER, str(pickled), str(db_path)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert db_path.with_name(db_path.name + "-journal").exists()  # the crash left a hot journal
    assert dump(db_path) == before  # the next reader rolls it back
    assert store.counts(db_path) == counts
    assert rows(db_path, "PRAGMA integrity_check") == [("ok",)]
    assert store.save(seed_report, db_path) == 2


# The shape version 1 had, written out by hand: a database from that version.
V1_SCHEMA = """
CREATE TABLE documents (id TEXT PRIMARY KEY, url TEXT NOT NULL, final_url TEXT NOT NULL,
    title TEXT, site TEXT, language TEXT, published TEXT, author TEXT, retrieved TEXT,
    retrieved_at TEXT, citations TEXT, text TEXT);
CREATE TABLE sentences (id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position INTEGER NOT NULL, kind TEXT NOT NULL, paragraph INTEGER, start INTEGER,
    "end" INTEGER, text TEXT NOT NULL, language TEXT);
CREATE TABLE runs (id INTEGER PRIMARY KEY, started_at TEXT, finished_at TEXT, command TEXT,
    tool_version TEXT, article_id TEXT NOT NULL REFERENCES documents(id), article_target TEXT,
    source_coverage REAL, article_support REAL, finding_count INTEGER, error_count INTEGER,
    warning_count INTEGER, info_count INTEGER);
CREATE TABLE run_sources (id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE, position INTEGER NOT NULL,
    target TEXT NOT NULL, source_id TEXT REFERENCES documents(id), ok INTEGER NOT NULL,
    reason TEXT, message TEXT, first_sentence INTEGER);
CREATE TABLE alignments (id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE, bead INTEGER NOT NULL,
    article_sentence_id TEXT REFERENCES sentences(id) ON DELETE SET NULL,
    source_sentence_id TEXT REFERENCES sentences(id) ON DELETE SET NULL, score REAL, method TEXT);
CREATE TABLE findings (id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE, position INTEGER NOT NULL,
    article_id TEXT REFERENCES documents(id), kind TEXT NOT NULL, rule TEXT NOT NULL, name TEXT,
    severity TEXT NOT NULL, confidence TEXT, message TEXT, article_sentence TEXT,
    source_sentence TEXT, source_sentences TEXT,
    article_sentence_id TEXT REFERENCES sentences(id) ON DELETE SET NULL,
    source_sentence_id TEXT REFERENCES sentences(id) ON DELETE SET NULL,
    span_start INTEGER, span_end INTEGER, evidence TEXT, fingerprint TEXT);
CREATE UNIQUE INDEX idx_sentences_document ON sentences(document_id, position);
CREATE INDEX idx_runs_article ON runs(article_id);
CREATE INDEX idx_run_sources_run ON run_sources(run_id);
CREATE INDEX idx_run_sources_source ON run_sources(source_id);
CREATE INDEX idx_alignments_run ON alignments(run_id);
CREATE INDEX idx_findings_run ON findings(run_id);
CREATE INDEX idx_findings_kind ON findings(kind);
CREATE INDEX idx_findings_severity ON findings(severity);
CREATE INDEX idx_findings_fingerprint ON findings(fingerprint);
INSERT INTO documents VALUES ('aaaaaaaaaaaaaaaa', 'old.txt', 'file:///old.txt', 'Old',
    NULL, 'fr', NULL, NULL, 'file', '2025-01-01T00:00:00Z', '[]', 'Une dépêche célèbre.');
INSERT INTO documents VALUES ('bbbbbbbbbbbbbbbb', 'src.txt', 'file:///src.txt', 'Src',
    NULL, 'en', NULL, NULL, 'file', '2025-01-01T00:00:00Z', '[]', 'A famous dispatch.');
INSERT INTO sentences VALUES ('aaaaaaaaaaaaaaaa:1', 'aaaaaaaaaaaaaaaa', 1, 'body', 0, 0, 20,
    'Une dépêche célèbre.', 'fr');
INSERT INTO sentences VALUES ('bbbbbbbbbbbbbbbb:1', 'bbbbbbbbbbbbbbbb', 1, 'body', 0, 0, 18,
    'A famous dispatch.', 'en');
INSERT INTO runs VALUES (1, '2025-01-01T00:00:00Z', '2025-01-01T00:00:01Z', 'check', '0.0.9',
    'aaaaaaaaaaaaaaaa', 'old.txt', 1.0, 1.0, 2, 1, 0, 1);
INSERT INTO run_sources VALUES (1, 1, 1, 'src.txt', 'bbbbbbbbbbbbbbbb', 1, NULL, NULL, 1);
INSERT INTO alignments VALUES (1, 1, 1, 'aaaaaaaaaaaaaaaa:1', 'bbbbbbbbbbbbbbbb:1', 0.9, 'embedding');
INSERT INTO findings VALUES (1, 1, 1, 'aaaaaaaaaaaaaaaa', 'number_mismatch', 'N100',
    'number-changed', 'error', 'high', 'changed', 'A1', 'S1', '["S1"]', 'aaaaaaaaaaaaaaaa:1',
    'bbbbbbbbbbbbbbbb:1', 4, 11, '{"article": "x", "source": "y"}', '0123456789abcdef');
INSERT INTO findings VALUES (2, 1, 2, 'aaaaaaaaaaaaaaaa', 'old_kind', 'X900', 'old-rule',
    'info', 'low', 'a rule that is gone', 'A1', NULL, '[]', 'aaaaaaaaaaaaaaaa:1', NULL,
    NULL, NULL, '{}', 'fedcba9876543210');
PRAGMA user_version = 1;
"""


def test_a_version_1_database_is_migrated(db_path, seed_report):
    conn = sqlite3.connect(db_path)
    conn.executescript(V1_SCHEMA)
    conn.close()
    old_findings = rows(db_path, "SELECT * FROM findings ORDER BY id")

    store.connect(db_path).close()

    assert rows(db_path, "PRAGMA user_version") == [(store.SCHEMA_VERSION,)]
    tables = {name for (name,) in rows(db_path, "SELECT name FROM sqlite_master WHERE type IN "
                                                "('table', 'view')")}
    assert {"rules", "quotes", "sentences_fts", "finding_details", "latest_runs"} <= tables
    migrated = rows(db_path, "SELECT * FROM findings ORDER BY id")
    assert [r[:len(old_findings[0])] for r in migrated] == old_findings  # nothing lost
    assert [r[len(old_findings[0]):] for r in migrated] == [(None,), (None,)]  # new: extra
    assert rows(db_path, "SELECT status FROM rules WHERE code = 'X900'") == [("retired",)]
    assert rows(db_path, "SELECT name FROM rules WHERE code = 'N100'") == [("number-changed",)]
    fks = rows(db_path, "PRAGMA foreign_key_list(findings)")
    assert any(fk[2] == "rules" and fk[3] == "rule" for fk in fks)
    assert rows(db_path, "SELECT s.id FROM sentences_fts JOIN sentences s ON "
                         "s.rowid = sentences_fts.rowid WHERE sentences_fts MATCH 'celebre'") == [
        ("aaaaaaaaaaaaaaaa:1",)]  # old sentences are indexed
    assert rows(db_path, "SELECT article_id, finding_count FROM latest_runs") == [
        ("aaaaaaaaaaaaaaaa", 2)]
    assert rows(db_path, "PRAGMA foreign_key_check") == []

    assert store.save(seed_report, db_path) == 2  # and it takes new runs
    assert rows(db_path, "SELECT count(*) FROM runs") == [(2,)]
    assert rows(db_path, "PRAGMA foreign_key_check") == []


def test_a_database_from_a_newer_version_or_another_program_is_refused(tmp_path, seed_report):
    newer = tmp_path / "newer.db"
    sqlite3.connect(newer).execute(f"PRAGMA user_version = {store.SCHEMA_VERSION + 1}")
    with pytest.raises(InputError, match="newer factcheck"):
        store.save(seed_report, newer)

    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
    before = dump(other)
    with pytest.raises(InputError, match="did not write"):
        store.save(seed_report, other)
    assert dump(other) == before

    text = tmp_path / "notes.db"
    text.write_text("not a database, just some words that fill the header and more " * 20)
    with pytest.raises(InputError, match="not a factcheck database"):
        store.save(seed_report, text)
    with pytest.raises(InputError, match="directory"):
        store.save(seed_report, tmp_path)


def test_quotes_are_stored_when_the_report_carries_them(db_path, seed_report):
    a2 = seed_report.article.sentences[1]
    start = a2.text.index("«")
    end = a2.text.index("»") + 1
    quote = SimpleNamespace(sentence=a2.id, start=start, end=end,
                            text=a2.text[start + 1:end - 1].strip(), speaker="Kim Jong Un",
                            verb="a affirmé")
    one_quote = replace(seed_report, quotes=(quote,))
    store.save(one_quote, db_path)
    store.save(one_quote, db_path)  # again: replaced, not doubled
    art_id = doc_id(seed_report.article)
    assert rows(db_path, "SELECT id, document_id, sentence_id, start, \"end\", text, speaker, verb "
                         "FROM quotes") == [
        (f"{art_id}:2:{start}", art_id, f"{art_id}:2", start, end, quote.text, "Kim Jong Un",
         "a affirmé")]
    store.save(replace(seed_report, quotes=()), db_path)  # a report without quotes leaves them alone
    assert rows(db_path, "SELECT count(*) FROM quotes") == [(1,)]
    store.save(seed_report, db_path)  # the pipeline's own quotes replace them
    assert rows(db_path, "SELECT count(*) FROM quotes") == [(len(seed_report.quotes),)]
    speakers = {r[0] for r in rows(db_path, "SELECT speaker FROM quotes")}
    assert "South Korea’s Yonhap news agency" in speakers or "Kim" in speakers


@dataclass(frozen=True)
class AttributedFinding(Finding):
    """A finding with a field this version of the store does not know."""

    speaker: str = ""


def test_fields_added_to_findings_are_kept(db_path, seed_report):
    first = seed_report.findings[0]
    extended = AttributedFinding(**{f.name: getattr(first, f.name) for f in fields(Finding)},
                                 speaker="the union")
    store.save(replace(seed_report, findings=(extended, *seed_report.findings[1:])), db_path)
    extras = rows(db_path, "SELECT extra FROM findings ORDER BY position")
    assert json.loads(extras[0][0]) == {"grade": first.grade, "speaker": "the union"}
    # the evidence grade behind a finding's measured confidence is such a field too
    assert all(set(json.loads(e)) == {"grade"} for (e,) in extras[1:])


def test_check_with_db_writes_the_run_and_still_prints_the_report(tmp_path):
    db = tmp_path / "runs.db"
    out = tmp_path / "report.html"
    env = {k: v for k, v in os.environ.items() if k != "FACTCHECK_DEBUG"}
    proc = subprocess.run(
        [sys.executable, "-m", "factcheck", "check", str(SEED / "article.txt"), "--source",
         str(SEED / "source.html"), "--db", str(db), "--format", "html", "--output", str(out),
         "--fail-on", "never"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    counts = store.counts(db)
    assert counts["runs"] == 1 and counts["documents"] == 2 and counts["findings"] > 0
    assert rows(db, "SELECT command, article_target FROM runs") == [
        ("check", str(SEED / "article.txt"))]


def test_statements_are_stored_with_their_speakers(db_path, seed_report):
    store.save(seed_report, db_path)
    stored = rows(db_path, "SELECT direct, quote, speaker, reporter, cue FROM statements")
    expected = {(int(s.direct), s.quote, s.speaker, s.reporter, s.cue) for s in seed_report.statements}
    assert set(stored) == expected
    # the Yonhap quote keeps its reporter apart from its speaker
    yonhap = [r for r in stored if r[3] and "Yonhap" in r[3]]
    assert yonhap and all("Kim" in r[2] for r in yonhap)
    assert rows(db_path, "PRAGMA foreign_key_check") == []
