"""check --db prints (or writes) the report first and saves the run after: a database that
cannot be written costs the run, not the report. A failed save is one line and exit code 2.

The databases are real SQLite files: one made read-only (immutable for root, which ignores
permission bits; chmod 444 otherwise), one locked by another writer for longer than the busy
timeout."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck import store

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "seed"
CHECK = ["check", str(SEED / "article.txt"), "--source", str(SEED / "source.html"),
         "--fail-on", "never"]
# the real entry point, with a short busy timeout so that a lock held by the test outlasts it
ENTRY = ("import sys\nfrom factcheck import store\nstore.BUSY_TIMEOUT_MS = 300\n"
         "from factcheck.cli import main\nsys.argv = ['factcheck'] + sys.argv[1:]\nmain()\n")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "FACTCHECK_DEBUG"}
    return subprocess.run([sys.executable, "-c", ENTRY, *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=180)


def new_database(path: Path) -> Path:
    store.connect(path).close()
    return path


@pytest.fixture
def read_only_db(tmp_path):
    path = new_database(tmp_path / "runs.db")
    path.chmod(0o444)
    immutable = False
    if os.geteuid() == 0:
        done = subprocess.run(["chattr", "+i", str(path)], capture_output=True)
        if done.returncode != 0:
            pytest.skip("running as root without chattr +i: no file is read-only here")
        immutable = True
    try:
        yield path
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(path)], capture_output=True)
        path.chmod(0o644)


def test_a_read_only_database_keeps_the_report(read_only_db):
    proc = run(*CHECK, "--db", str(read_only_db))
    assert proc.returncode == 2, proc.stderr
    assert proc.stdout.startswith("article  ") and "verdict" in proc.stdout
    assert proc.stderr.splitlines() == [
        f"factcheck: error: the run was not saved: cannot write the database {read_only_db}: "
        "attempt to write a readonly database"]


def test_a_read_only_database_keeps_the_output_file(read_only_db, tmp_path):
    out = tmp_path / "report.json"
    proc = run(*CHECK, "--db", str(read_only_db), "--format", "json", "--output", str(out))
    assert proc.returncode == 2, proc.stderr
    assert out.read_text(encoding="utf-8").startswith("{")
    assert len(proc.stderr.splitlines()) == 1 and "was not saved" in proc.stderr


def test_a_database_locked_past_the_busy_timeout_keeps_the_report(tmp_path):
    path = new_database(tmp_path / "runs.db")
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another writer, holding its lock for the whole run
    try:
        proc = run(*CHECK, "--db", str(path), "--format", "json")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert proc.returncode == 2, proc.stderr
    assert proc.stdout.startswith("{") and '"findings"' in proc.stdout
    assert proc.stderr.splitlines() == [
        f"factcheck: error: the run was not saved: cannot write the database {path}: "
        "database is locked"]
    assert store.counts(path)["runs"] == 0


def test_save_raises_an_input_error_for_a_locked_database(tmp_path, seed_report, monkeypatch):
    from factcheck.errors import InputError

    monkeypatch.setattr(store, "BUSY_TIMEOUT_MS", 100)
    path = new_database(tmp_path / "runs.db")
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(InputError, match="database is locked"):
            store.save(seed_report, path)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert store.save(seed_report, path) == 1  # and once the lock is gone, it saves
