"""The command line, run as a real subprocess from the repository root.

Exit codes (factcheck/cli.py): 0 clean, 1 findings at or above --fail-on, 2 bad usage or input,
3 internal error. Bad input must give one line on stderr and never a traceback.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "fixtures/seed/article.txt"
SOURCE = "fixtures/seed/source.html"
CLOSED_PORT = "http://127.0.0.1:9"  # the discard port: nothing listens there
ANSI = "\x1b["
SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1}


def run(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("FACTCHECK_DEBUG", "NO_COLOR")}
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run([sys.executable, "-m", "factcheck", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=timeout)


def assert_no_traceback(proc: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stdout, proc.stdout


# -- bad input -------------------------------------------------------------------------------

def missing_file(tmp: Path) -> list[str]:
    return ["check", str(tmp / "nope.txt")]


def directory(tmp: Path) -> list[str]:
    (tmp / "folder").mkdir()
    return ["check", str(tmp / "folder")]


def empty_file(tmp: Path) -> list[str]:
    path = tmp / "empty.txt"
    path.write_bytes(b"")
    return ["check", str(path)]


def binary_file(tmp: Path) -> list[str]:
    data = bytearray(random.Random(7).randbytes(4096))
    data[10:20] = bytes(10)  # make sure there are NULs near the start
    path = tmp / "x.html"
    path.write_bytes(bytes(data))
    return ["check", str(path)]


def html_without_article(tmp: Path) -> list[str]:
    path = tmp / "nav.html"
    path.write_text(
        "<!DOCTYPE html><html lang=\"en\"><head><title>Home</title></head><body>"
        "<nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/news/\">News</a></li>"
        "<li><a href=\"/sport/\">Sport</a></li><li><a href=\"/contact/\">Contact</a></li></ul></nav>"
        "<footer><p>© 2025 Example News. All rights reserved.</p></footer></body></html>",
        encoding="utf-8")
    return ["check", str(path), "-s", SOURCE]


def unreachable_article(tmp: Path) -> list[str]:
    return ["check", f"{CLOSED_PORT}/", "-s", SOURCE]


def russian_article(tmp: Path) -> list[str]:
    path = tmp / "ru.txt"
    path.write_text(
        "Городской совет Москвы в среду утвердил новый бюджет на следующий год.\n\n"
        "По словам мэра, расходы на образование вырастут на двенадцать процентов.\n\n"
        "Оппозиция раскритиковала решение и потребовала провести публичные слушания.\n\n"
        "Голосование продолжалось более четырёх часов и завершилось поздно вечером.\n\n"
        "Новый бюджет вступит в силу в январе после подписания главой города.\n",
        encoding="utf-8")
    return ["check", str(path), "-s", SOURCE]


def italian_article(tmp: Path) -> list[str]:
    path = tmp / "it.txt"
    path.write_text(
        "Il consiglio comunale di Milano ha approvato mercoledì il nuovo bilancio per il "
        "prossimo anno.\n\n"
        "Secondo il sindaco, la spesa per l'istruzione aumenterà del dodici per cento.\n\n"
        "L'opposizione ha criticato la decisione e ha chiesto un'audizione pubblica.\n\n"
        "La votazione è durata più di quattro ore e si è conclusa a tarda sera.\n",
        encoding="utf-8")
    return ["check", str(path), "-s", SOURCE]


BAD_INPUT: dict[str, Callable[[Path], list[str]]] = {
    "missing-file": missing_file,
    "directory": directory,
    "empty-file": empty_file,
    "binary-file": binary_file,
    "html-without-article": html_without_article,
    "unreachable-article": unreachable_article,
    "unsupported-language-ru": russian_article,
    "unsupported-language-it": italian_article,
}


@pytest.mark.parametrize("case", list(BAD_INPUT))
def test_bad_input_is_one_line_and_exit_2(case: str, tmp_path: Path) -> None:
    proc = run(*BAD_INPUT[case](tmp_path))
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    assert_no_traceback(proc)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("factcheck: error:"), lines[0]
    assert proc.stdout == ""


def test_unknown_option_is_a_usage_error() -> None:
    proc = run("check", ARTICLE, "--no-such-option")
    assert_no_traceback(proc)
    assert proc.returncode == 2, (proc.returncode, proc.stderr)


# -- the seed pair, JSON -----------------------------------------------------------------------

SEED_JSON = ("check", ARTICLE, "-s", SOURCE, "--format", "json")


@pytest.fixture(scope="module")
def seed_runs() -> tuple[subprocess.CompletedProcess[str], subprocess.CompletedProcess[str]]:
    """The seed checked twice with the default --fail-on (error)."""
    return run(*SEED_JSON), run(*SEED_JSON)


@pytest.fixture(scope="module")
def seed_json(seed_runs) -> dict:
    proc = seed_runs[0]
    assert_no_traceback(proc)
    return json.loads(proc.stdout)


def test_seed_exit_code_follows_default_fail_on(seed_runs, seed_json: dict) -> None:
    has_error = any(f["severity"] == "error" for f in seed_json["findings"])
    assert seed_runs[0].returncode == (1 if has_error else 0), seed_runs[0].stderr


def test_seed_json_schema(seed_json: dict) -> None:
    report = seed_json
    assert report["schema_version"] == 1
    assert report["findings"], "the seed pair has findings"
    assert report["article"]["sentences"]
    assert len(report["sources"]) == 1 and report["sources"][0]["sentences"]
    ids = [s["id"] for doc in (report["article"], *report["sources"]) for s in doc["sentences"]]
    assert len(ids) == len(set(ids)), "sentence ids repeat across article and sources"
    article_ids = {s["id"] for s in report["article"]["sentences"]}
    source_ids = {s["id"] for doc in report["sources"] for s in doc["sentences"]}
    for f in report["findings"]:
        assert f["severity"] in SEVERITY_RANK
        if f["article_sentence"] is not None:
            assert f["article_sentence"] in article_ids, f
        if f["source_sentence"] is not None:
            assert f["source_sentence"] in source_ids, f
        for sid in f["source_sentences"]:
            assert sid in source_ids, f


def test_json_report_is_deterministic(seed_runs) -> None:
    first, second = seed_runs
    assert first.stdout, first.stderr
    assert first.stdout == second.stdout


def test_fail_on_never_and_output_file(tmp_path: Path, seed_runs) -> None:
    """--fail-on never exits 0 although the seed has findings; --output keeps stdout empty."""
    out = tmp_path / "report.json"
    proc = run(*SEED_JSON, "--fail-on", "never", "--output", str(out))
    assert_no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    assert out.read_text(encoding="utf-8") == seed_runs[0].stdout


def test_fail_on_info_and_piped_text_has_no_colour(seed_json: dict) -> None:
    """--fail-on info exits 1 (the seed has findings); text piped to a file has no ANSI codes."""
    assert seed_json["findings"]
    proc = run("check", ARTICLE, "-s", SOURCE, "--fail-on", "info")
    assert_no_traceback(proc)
    assert proc.returncode == 1, proc.stderr
    assert "article" in proc.stdout
    assert ANSI not in proc.stdout


def test_color_flag_forces_ansi(seed_json: dict) -> None:
    proc = run("check", ARTICLE, "-s", SOURCE, "--color", "--fail-on", "never")
    assert_no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    assert ANSI in proc.stdout


def test_unreachable_source_becomes_s100_finding() -> None:
    proc = run("check", ARTICLE, "-s", f"{CLOSED_PORT}/x", "--format", "json")
    assert_no_traceback(proc)
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout)
    s100 = [f for f in report["findings"] if f["rule"] == "S100"]
    assert s100 and s100[0]["severity"] == "error"
    assert report["article"]["sentences"]
    assert [s["ok"] for s in report["source_status"]] == [False]


# -- informational commands -------------------------------------------------------------------

def test_version() -> None:
    proc = run("--version")
    assert proc.returncode == 0, proc.stderr
    from factcheck import __version__

    assert proc.stdout.strip() == f"factcheck {__version__}"


def test_rules_lists_c100() -> None:
    proc = run("rules")
    assert proc.returncode == 0, proc.stderr
    codes = [line.split()[0] for line in proc.stdout.splitlines() if line.strip()]
    assert "C100" in codes and "S100" in codes


def test_rule_prints_its_doc() -> None:
    doc = ROOT / "rules" / "docs" / "C100.md"
    if not doc.is_file():
        pytest.skip("rules/docs/C100.md is missing")
    proc = run("rule", "C100")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == doc.read_text(encoding="utf-8").strip()


@pytest.mark.parametrize("args", [["--help"], ["check", "--help"]], ids=["app", "check"])
def test_help(args: list[str]) -> None:
    proc = run(*args)
    assert proc.returncode == 0, proc.stderr
    assert_no_traceback(proc)
    assert "Usage" in proc.stdout
    if args[0] == "check":
        assert "--fail-on" in proc.stdout



def run_stdin(data: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("FACTCHECK_DEBUG", "NO_COLOR")}
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run([sys.executable, "-m", "factcheck", *args], cwd=ROOT, env=env,
                          input=data, capture_output=True, text=True, encoding="utf-8",
                          timeout=120)


def test_check_reads_the_article_from_standard_input():
    text = (ROOT / ARTICLE).read_text(encoding="utf-8")
    piped = run_stdin(text, "check", "-", "--stdin-filename", "seed.txt", "-s", SOURCE,
                      "--format", "json", "--fail-on", "never")
    assert piped.returncode == 0, piped.stderr
    direct = run("check", ARTICLE, "-s", SOURCE, "--format", "json", "--fail-on", "never")
    assert [f["fingerprint"] for f in json.loads(piped.stdout)["findings"]] == [
        f["fingerprint"] for f in json.loads(direct.stdout)["findings"]]
    assert json.loads(piped.stdout)["article"]["url"] == "seed.txt"


def test_empty_standard_input_is_one_line_and_exit_2():
    proc = run_stdin("", "check", "-", "-s", SOURCE)
    assert proc.returncode == 2 and "empty" in proc.stderr
    assert_no_traceback(proc)


def test_stdin_filename_needs_the_dash():
    proc = run("check", ARTICLE, "--stdin-filename", "x.md")
    assert proc.returncode == 2 and "--stdin-filename" in proc.stderr
