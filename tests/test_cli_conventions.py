"""Linter conventions: scan --statistics, check --format concise, rules --format json, and
--select/--ignore/--min-confidence on check (real files)."""

from __future__ import annotations

import json
import re
from collections import Counter

from typer.testing import CliRunner

from factcheck import REPOSITORY_URL
from factcheck.cli import app
from factcheck.rules import all_rules

from .conftest import FIXTURES
from .test_scan import run_cli, small_repo  # noqa: F401 - the fixture

runner = CliRunner()
SEED = [str(FIXTURES / "seed" / "article.txt"), "--source", str(FIXTURES / "seed" / "source.html")]


def check(*flags: str):
    result = runner.invoke(app, ["check", *SEED, *flags])
    assert result.exit_code in (0, 1), result.output
    return result


def test_scan_statistics_counts_findings_per_rule(small_repo) -> None:  # noqa: F811
    full = runner.invoke(app, ["scan", "-j", "1", "--no-progress", "--format", "json",
                               str(small_repo)])
    expected = Counter(f["rule"] for file in json.loads(full.stdout)["files"]
                       for f in file["findings"] if not f.get("suppressed"))
    result = runner.invoke(app, ["scan", "-j", "1", "--no-progress", "--statistics",
                                 str(small_repo)])
    assert result.exit_code == full.exit_code
    lines = result.stdout.splitlines()
    assert lines[-1] == f"{sum(expected.values())} findings"
    rows = [re.fullmatch(r"\s*(\d+)  ([A-Z]\d{3})  ([a-z-]+)", line) for line in lines[:-1]]
    assert all(rows) and {m[2]: int(m[1]) for m in rows} == dict(expected)
    counts = [int(m[1]) for m in rows]
    assert counts == sorted(counts, reverse=True)
    as_json = runner.invoke(app, ["scan", "-j", "1", "--no-progress", "--statistics", "--format",
                                  "json", str(small_repo)])
    data = json.loads(as_json.stdout)
    assert {d["code"]: d["count"] for d in data} == dict(expected)
    assert data[0]["name"] == all_rules()[data[0]["code"]].name
    bad = runner.invoke(app, ["scan", "--no-progress", "--statistics", "--format", "sarif",
                              str(small_repo)])
    assert bad.exit_code == 2


def test_check_concise_is_one_line_per_finding_with_its_position() -> None:
    full = json.loads(check("--format", "json").stdout)
    result = check("--format", "concise")
    lines = result.stdout.splitlines()
    assert len(lines) == len(full["findings"]) > 3
    raw = (FIXTURES / "seed" / "article.txt").read_text(encoding="utf-8").splitlines()
    for line, finding in zip(lines, full["findings"]):
        m = re.fullmatch(r"(.+):(\d+):(\d+): (error|warning|info) ([A-Z]\d{3}) ([a-z-]+)  (.+)",
                         line)
        assert m, line
        assert m[1] == SEED[0] and m[5] == finding["rule"] and m[4] == finding["severity"]
        assert 1 <= int(m[2]) <= len(raw)
    sentences = {s["id"]: s["text"] for s in full["article"]["sentences"]}
    first = next(f for f in full["findings"] if f["rule"] == "C100")
    m = re.match(r".+?:(\d+):(\d+):", lines[full["findings"].index(first)])
    at = raw[int(m[1]) - 1][int(m[2]) - 1:]
    assert at.startswith(sentences[first["article_sentence"]].split()[0])


def test_check_select_ignore_and_min_confidence() -> None:
    every = json.loads(check("--format", "json").stdout)["findings"]
    assert {f["rule"][0] for f in every} >= {"C", "A"}
    only_a = json.loads(check("--format", "json", "--select", "A").stdout)["findings"]
    assert only_a and only_a == [f for f in every if f["rule"].startswith("A")]
    no_c = json.loads(check("--format", "json", "--ignore", "C,attribution-vaguer").stdout)
    assert no_c["findings"] == [f for f in every if f["rule"][0] != "C" and f["rule"] != "A102"]
    high = json.loads(check("--format", "json", "--min-confidence", "high").stdout)["findings"]
    assert high == [f for f in every if f["confidence"] == "high"] and len(high) < len(every)
    bad = run_cli("check", *SEED, "--select", "X9")
    assert bad.returncode == 2 and bad.stderr.startswith("factcheck: error: --select: 'X9'")


def test_rules_as_json() -> None:
    result = runner.invoke(app, ["rules", "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [d["code"] for d in data] == list(all_rules())
    c100 = next(d for d in data if d["code"] == "C100")
    assert c100["name"] == "unsupported-sentence" and c100["kind"] == "addition"
    assert c100["url"] == f"{REPOSITORY_URL}/blob/main/rules/docs/C100.md"
    assert set(c100) == {"code", "name", "kind", "severity", "status", "summary", "url"}
