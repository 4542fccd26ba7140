"""Texts above the size limits of factcheck.pipeline are refused before the alignment starts:
one line and exit code 2 in check, F100 in scan. The limits and the measurements behind them
are in docs/errors.md (benchmarks/size_bench.py)."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

import factcheck
from factcheck import pipeline
from factcheck.errors import InputError, TooLargeError

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "seed"
PLACES = ["Belmont", "Halden Creek", "Carrow Ridge", "Essendale", "Northbridge", "Kessling"]
GROUPS = ["dock workers", "nurses", "farmers", "teachers", "miners", "bus drivers"]


def text(n: int, seed: int) -> str:
    rng = random.Random(seed)
    sentences = [f"About {rng.randint(3, 9000)} {rng.choice(GROUPS)} in {rng.choice(PLACES)} "
                 f"walked out on day {i} after talks collapsed, the union said." for i in range(n)]
    paras = [" ".join(sentences[i:i + 4]) for i in range(0, n, 4)]
    return "\n\n".join(paras) + "\n"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "FACTCHECK_DEBUG"}
    return subprocess.run([sys.executable, "-m", "factcheck", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def test_the_limits_are_documented():
    errors = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    assert f"{pipeline.MAX_PAIRS:,}" in errors and f"{pipeline.MAX_SENTENCES:,}" in errors


def test_check_size_refuses_too_many_pairs_or_sentences():
    pipeline.check_size("a.txt", 500, 500)  # 250,000 pairs: the limit itself is accepted
    pipeline.check_size("a.txt", 5000, 50)
    with pytest.raises(TooLargeError, match=r"a\.txt: too large to check \(501 article "
                                            r"sentences x 500 source sentences = 250,500 pairs; "
                                            r"the limit is 250,000\)"):
        pipeline.check_size("a.txt", 501, 500)
    with pytest.raises(TooLargeError, match=r"the article may have at most 5,000 sentences"):
        pipeline.check_size("a.txt", 5001, 10)
    with pytest.raises(TooLargeError, match=r"the sources may have at most 5,000 sentences"):
        pipeline.check_size("a.txt", 10, 5001)
    assert issubclass(TooLargeError, InputError)


def test_the_library_refuses_before_aligning(monkeypatch):
    import factcheck.pipeline as p

    def no_alignment(*args, **kwargs):
        raise AssertionError("aligned texts above the limit")

    monkeypatch.setattr(p, "MAX_PAIRS", 20)
    monkeypatch.setattr(p, "align", no_alignment)
    with pytest.raises(TooLargeError) as err:
        factcheck.check(str(SEED / "article.txt"), [str(SEED / "source.html")])
    assert err.value.article * err.value.source > 20


@pytest.mark.parametrize("n_article, n_source", [(1100, 500), (5100, 40)])
def test_check_refuses_large_texts_in_one_line(tmp_path, n_article, n_source):
    article, source = tmp_path / "article.txt", tmp_path / "source.txt"
    article.write_text(text(n_article, 1), encoding="utf-8")
    source.write_text(text(n_source, 2), encoding="utf-8")
    started = time.monotonic()
    proc = run("check", str(article), "--source", str(source))
    assert proc.returncode == 2, proc.stderr[-400:]
    assert time.monotonic() - started < 60
    (line,) = proc.stderr.splitlines()
    assert line.startswith(f"factcheck: error: {article}: too large to check (")
    assert proc.stdout == ""


def test_scan_reports_large_texts_as_f100(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "factcheck.toml").write_text("", encoding="utf-8")
    (repo / "source.txt").write_text(text(600, 2), encoding="utf-8")
    (repo / "big.md").write_text("---\ntitle: Strikes\nsource: source.txt\n---\n\n"
                                 + text(1000, 1), encoding="utf-8")
    proc = run("scan", "--no-progress", "-j", "1", "--format", "json", str(repo))
    assert proc.returncode == 0, proc.stderr[-400:]
    (big,) = json.loads(proc.stdout)["files"]
    assert big["status"] == "not-checked"
    (f,) = big["findings"]
    assert f["rule"] == "F100" and f["evidence"]["reason"] == "too-large"
    assert f["message"].startswith("not checked: too large (1000 article sentences x 600 source")
