"""Front matter is read with limits: no YAML aliases (fixtures/bad-input/yaml-bomb.md is a 1 KB
"billion laughs" that used 5 GB), bounded size and depth, dates as text and a date that does
not exist refused (fixtures/bad-input/bad-date.md). Both fixtures are F101 in a scan and exit
code 2 with one line in check."""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from factcheck import frontmatter
from factcheck.errors import InputError
from factcheck.extract import split_front_matter

ROOT = Path(__file__).resolve().parent.parent
BAD = ROOT / "fixtures" / "bad-input"
MEMORY_CAP = 3 * 1024 ** 3  # the address space a CLI run may use here: a bomb fails, not the box


def capped() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def run(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "FACTCHECK_DEBUG"}
    return subprocess.run([sys.executable, "-m", "factcheck", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout, preexec_fn=capped)


def test_the_alias_bomb_is_refused_before_anything_expands():
    text = (BAD / "yaml-bomb.md").read_text(encoding="utf-8")
    assert len(text.encode()) < 1024
    started = time.monotonic()
    with pytest.raises(InputError, match=r"broken YAML front matter: found an alias \(\*a\)"):
        split_front_matter(text)
    assert time.monotonic() - started < 2


def test_a_date_that_does_not_exist_is_broken_front_matter():
    with pytest.raises(InputError, match="broken YAML front matter: 2025-02-30 is not a date "
                                         "that exists"):
        split_front_matter((BAD / "bad-date.md").read_text(encoding="utf-8"))


def test_dates_are_read_as_written():
    front, _ = split_front_matter("---\ndate: 2025-03-04\nupdated: 2025-03-04T10:00:00Z\n"
                                  "tags: &t [a, b]\n---\ntext\n")
    assert front == {"date": "2025-03-04", "updated": "2025-03-04T10:00:00Z", "tags": ["a", "b"]}


@pytest.mark.parametrize("raw, message", [
    ("---\na: " + "[" * 200 + "]" * 200 + "\n---\n", "nested more than 20 levels deep"),
    ("+++\na = " + "[" * 3000 + "]" * 3000 + "\n+++\n", "broken TOML front matter"),
    ("---\na: 1" + "0" * 5000 + "\n---\n", "broken YAML front matter: Exceeds the limit"),
    ("---\ntitle: " + "x" * (frontmatter.MAX_CHARS + 1) + "\n---\n", "front matter too large"),
])
def test_deep_huge_or_long_front_matter_is_refused(raw, message):
    with pytest.raises(InputError, match=message):
        split_front_matter(raw + "body\n")


@pytest.mark.parametrize("name, line", [("yaml-bomb.md", "found an alias (*a)"),
                                        ("bad-date.md", "2025-02-30 is not a date that exists")])
def test_check_stops_with_one_line_and_exit_2(name, line):
    started = time.monotonic()
    proc = run("check", str(BAD / name))
    assert time.monotonic() - started < 60
    assert proc.returncode == 2, proc.stderr[-500:]
    assert proc.stderr.splitlines() == [
        f"factcheck: error: {BAD / name}: broken YAML front matter: "
        + proc.stderr.split("front matter: ", 1)[1].strip()]
    assert line in proc.stderr
    assert proc.stdout == ""


def test_scan_reports_both_as_f101_at_their_line(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "factcheck.toml").write_text("", encoding="utf-8")
    for name in ("yaml-bomb.md", "bad-date.md", "source.txt"):
        shutil.copy(BAD / name, repo / name)
    proc = run("scan", "--no-progress", "-j", "1", "--format", "json", str(repo))
    assert proc.returncode == 1, proc.stderr[-500:]
    files = {f["path"]: f for f in json.loads(proc.stdout)["files"]}
    bomb, date = files["yaml-bomb.md"], files["bad-date.md"]
    assert bomb["status"] == date["status"] == "unreadable"
    (f,) = bomb["findings"]
    assert f["rule"] == "F101" and f["line"] == 4 and "found an alias (*a)" in f["message"]
    (f,) = date["findings"]
    assert f["rule"] == "F101" and f["line"] == 3 and "2025-02-30" in f["message"]
