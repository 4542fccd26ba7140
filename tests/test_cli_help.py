"""Help and messages of the real entry point: help text shown as written, plain placeholders,
usage errors without the validation library's prefix, and one clear line for a folder given as
an article, a --db in a missing folder and eval outside a checkout."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import FIXTURES

COMMANDS = ["check", "sources", "serve", "rules", "rule", "eval", "scan", "pin", "monitor"]


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "250", "NO_COLOR": "1", "TERM": "dumb"}
    return subprocess.run([sys.executable, "-m", "factcheck", *args], capture_output=True,
                          text=True, timeout=120, cwd=cwd, env=env)


def test_scan_help_shows_the_configuration_table() -> None:
    done = run("scan", "--help")
    assert done.returncode == 0
    assert "pyproject.toml [tool.factcheck]" in done.stdout


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_uses_plain_placeholders(command) -> None:
    done = run(*([command] if command else []), "--help")
    assert done.returncode == 0, done.stderr
    for typed in ("<list[", "<bool>", "<int range>", "<float range>", "<str>", "<int>",
                  "<float>", "<file>", "<dir>", "{article}", "{ARTICLE}"):
        assert typed not in done.stdout, (command, typed)


def test_placeholders_name_what_to_give() -> None:
    text = run("scan", "--help").stdout
    for option, metavar in (("--jobs", "N"), ("--changed-since", "REF"), ("--select", "CODES"),
                            ("--report", "FORMAT:FILE"), ("--format", "text|json|sarif")):
        line = next(line for line in text.splitlines() if f" {option} " in line)
        assert metavar in line, line
    assert "Usage: factcheck scan [OPTIONS] [PATH]..." in text
    assert "Usage: factcheck check [OPTIONS] ARTICLE" in run("check", "--help").stdout


def test_a_bad_choice_has_no_validation_prefix() -> None:
    done = run("check", "article.txt", "--format", "xml")
    assert done.returncode == 2
    assert "Value error" not in done.stderr
    assert "'xml' is not one of 'text', 'json'" in " ".join(
        line.strip("│ ") for line in done.stderr.splitlines())
    missing = run("check")
    assert missing.returncode == 2 and "Missing argument 'ARTICLE'." in missing.stderr


def test_sources_of_a_folder_says_it_is_a_folder(tmp_path) -> None:
    done = run("sources", str(tmp_path))
    assert done.returncode == 2
    assert done.stderr == f"factcheck: error: {tmp_path}: is a directory, not an article file\n"


def test_db_in_a_missing_folder_is_one_line(tmp_path) -> None:
    db = tmp_path / "no" / "such" / "runs.db"
    done = run("check", str(FIXTURES / "seed" / "article.txt"), "--source",
               str(FIXTURES / "seed" / "source.html"), "--db", str(db))
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == f"factcheck: error: --db {db}: the folder {db.parent} does not exist\n"
    assert not db.parent.exists()


def test_eval_outside_a_checkout_says_what_to_pass(tmp_path) -> None:
    done = run("eval", cwd=tmp_path)
    assert done.returncode == 2
    (line,) = done.stderr.splitlines()
    assert line.startswith("factcheck: error: ") and "factcheck eval FOLDER" in line
    assert "fixtures/dev" in line
