"""End to end: `factcheck scan` over a copy of fixtures/content-repo, offline from its pins, with
every output format; the SARIF validated against the official 2.1.0 schema; the GitHub Action
and the pre-commit hook validated against their schemas."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.rules import all_rules

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "fixtures" / "content-repo"
SCHEMAS = Path(__file__).resolve().parent / "schemas"
A = "articles/2025/"

# what the scan must find in each file: (status, rules that must be there)
EXPECTED = {
    A + "carrow-ridge-mine-collapse.md": ("checked", {"N100", "Q101", "C100"}),
    A + "kessling-port-strike.html": ("checked", {"N100", "N101"}),
    A + "incendie-halden-creek.md": ("checked", {"N100"}),
    A + "transfert-meneses.md": ("checked", {"N100", "N101"}),
    A + "lakemont-election.html": ("checked", set()),
    A + "crues-marrowdale.html": ("checked", set()),
    A + "sequia-valdemora.html": ("not-checked", {"F102"}),
    A + "vaccin-lyme.html": ("not-checked", {"P101"}),
    A + "crane-contract.md": ("not-checked", {"P100"}),
    A + "grain-exports.md": ("not-checked", {"S104"}),
    "pages/about.md": ("not-checked", set()),  # F100, ignored for pages/ by factcheck.toml
    "drafts/broken-front-matter.md": ("unreadable", {"F101"}),
    "drafts/harbour-photo.md": ("unreadable", {"F101"}),
    "drafts/empty.md": ("not-checked", {"F100"}),
}
FAITHFUL = (A + "lakemont-election.html", A + "crues-marrowdale.html")
runner = CliRunner()


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    """One CLI scan of a copy of the content repository writing every format."""
    repo = tmp_path_factory.mktemp("scan") / "content-repo"
    shutil.copytree(CONTENT, repo)
    out = repo.parent
    summary = out / "step-summary.md"
    old = os.getcwd()
    os.chdir(repo)
    env = {"GITHUB_STEP_SUMMARY": str(summary), "FACTCHECK_ALLOW_PRIVATE": None}
    try:
        result = runner.invoke(app, [
            "scan", "-j", "1", "--format", "json", "--output", str(out / "scan.json"),
            "--report", f"sarif:{out / 'scan.sarif'}", "--report", f"junit:{out / 'scan.xml'}",
            "--report", f"github:{out / 'annotations.txt'}", "--report", f"text:{out / 'scan.txt'}",
        ], env=env)
    finally:
        os.chdir(old)
    return {
        "repo": repo,
        "result": result,
        "json": json.loads((out / "scan.json").read_text(encoding="utf-8")),
        "sarif": json.loads((out / "scan.sarif").read_text(encoding="utf-8")),
        "junit": ET.fromstring((out / "scan.xml").read_text(encoding="utf-8")),
        "github": (out / "annotations.txt").read_text(encoding="utf-8"),
        "text": (out / "scan.txt").read_text(encoding="utf-8"),
        "summary": summary.read_text(encoding="utf-8") if summary.exists() else "",
    }


def by_path(data: dict) -> dict[str, dict]:
    return {f["path"]: f for f in data["files"]}


def test_exit_code_is_1_and_progress_lines_go_to_stderr(outputs) -> None:
    result = outputs["result"]
    assert result.exit_code == 1, result.output
    # not a terminal: one plain progress line per file
    lines = [line for line in result.stderr.splitlines() if re.match(r"factcheck: \[\d+/14\]", line)]
    assert len(lines) == 14


def test_every_file_has_its_status_and_findings(outputs) -> None:
    files = by_path(outputs["json"])
    assert set(files) == set(EXPECTED) | {".factcheck-ignore.toml"}
    for path, (status, rules) in EXPECTED.items():
        found = {f["rule"] for f in files[path]["findings"] if not f["suppressed"]}
        assert files[path]["status"] == status, path
        assert rules <= found, (path, found)
        if status != "checked":
            assert found == rules, (path, found)
    for path in FAITHFUL:
        assert not [f for f in files[path]["findings"] if f["severity"] != "info"], path
    # sources read from the pins (an address) and from a copy kept in the repository (a path)
    assert files[A + "carrow-ridge-mine-collapse.md"]["sources"] == [
        "https://www.essendalepost.example/national/2025/06/11/carrow-ridge-miners-rescued"]
    assert files[A + "transfert-meneses.md"]["sources"] == [
        "sources/sportsdesk-meneses-transfer.txt"]


def test_bad_files_each_get_one_clear_finding(outputs) -> None:
    files = by_path(outputs["json"])

    def only(path: str) -> dict:
        (finding,) = files[path]["findings"]
        return finding

    broken = only("drafts/broken-front-matter.md")
    assert broken["message"].startswith("broken YAML front matter: while scanning a quoted scalar")
    assert broken["line"] == 2  # the title whose quote is never closed
    assert only("drafts/harbour-photo.md")["message"] == "binary data, not a text or HTML article"
    assert only("drafts/empty.md")["message"] == "not checked: empty file"
    not_url = only(A + "grain-exports.md")
    assert "'Northbridge wire, April 1' is neither an http(s) address" in not_url["message"]
    assert not_url["line"] == 4  # the front matter line that names it
    assert only(A + "crane-contract.md")["message"].endswith("no pinned copy (run factcheck pin)")
    outdated = only(A + "vaccin-lyme.html")
    assert "no longer matches its hash in pins.toml" in outdated["message"]
    assert dict(outdated["evidence"])["reason"] == "changed"
    lang = only(A + "sequia-valdemora.html")
    assert lang["message"] == "not checked: the article is in es; allowed: en, fr"


def test_suppressions_used_and_stale(outputs) -> None:
    files = by_path(outputs["json"])
    fire = files[A + "incendie-halden-creek.md"]["findings"]
    (quote,) = [f for f in fire if f["rule"] == "Q101"]
    assert quote["suppressed"] == {"reason": "Gary Stone spoke to our reporter: the quote is from "
                                             "that interview, not from the cited report."}
    (stale,) = files[".factcheck-ignore.toml"]["findings"]
    assert stale["rule"] == "I100" and stale["line"] == 11
    assert "0d1e2f3a4b5c6d7e" in stale["message"]
    assert outputs["json"]["summary"]["suppressed"] == 1


def test_severity_override_from_the_configuration(outputs) -> None:
    dropped = [f for f in by_path(outputs["json"])[A + "kessling-port-strike.html"]["findings"]
               if f["rule"] == "C201"]
    assert dropped and all(f["severity"] == "info" for f in dropped)


def test_sarif_is_valid_and_points_at_the_sentences(outputs) -> None:
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    sarif = outputs["sarif"]
    jsonschema.Draft4Validator(schema).validate(sarif)
    (run,) = sarif["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(all_rules())
    n100 = next(r for r in rules if r["id"] == "N100")
    assert n100["name"] == "number-changed"
    assert n100["help"]["markdown"] == all_rules()["N100"].doc
    assert n100["shortDescription"]["text"] == all_rules()["N100"].summary
    assert n100["fullDescription"]["text"].startswith("A number")
    repo = outputs["repo"]
    checked = 0
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        assert re.fullmatch(r"[0-9a-f]{16}", res["partialFingerprints"]["factcheckFingerprint/v1"])
        loc = res["locations"][0]["physicalLocation"]
        uri = loc["artifactLocation"]["uri"]
        assert not uri.startswith(("/", "file:")) and (repo / uri).is_file(), uri
        region = loc["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        article = res["message"]["text"].partition("\nArticle: ")[2].split("\nSource: ")[0]
        if article:
            lines = (repo / uri).read_text(encoding="utf-8").splitlines()
            at = lines[region["startLine"] - 1][region["startColumn"] - 1:]
            first = re.findall(r"[^\W_]+", article)[0]
            assert re.match(rf"[\W_]*{re.escape(first)}", at, re.I), (uri, at[:40], article)
            checked += 1
    assert checked >= 30
    suppressed = [r for r in run["results"] if r.get("suppressions")]
    assert len(suppressed) == 1 and suppressed[0]["suppressions"][0]["kind"] == "external"
    assert run["invocations"][0]["executionSuccessful"] is True


def test_sarif_links_rule_docs_and_holds_no_local_path(outputs) -> None:
    from factcheck import REPOSITORY_URL

    (run,) = outputs["sarif"]["runs"]
    for r in run["tool"]["driver"]["rules"]:
        assert r["helpUri"] == f"{REPOSITORY_URL}/blob/main/rules/docs/{r['id']}.md"
        assert (ROOT / "rules" / "docs" / f"{r['id']}.md").is_file()
    assert run["tool"]["driver"]["informationUri"] == REPOSITORY_URL
    assert run["automationDetails"]["id"] == "factcheck/scan/"
    assert "uri" not in run["originalUriBaseIds"]["%SRCROOT%"]
    text = json.dumps(outputs["sarif"])
    assert str(outputs["repo"]) not in text and not re.search(r"\"file://", text)


def test_markup_between_words_is_tolerated_in_regions(outputs) -> None:
    """The port-strike article is HTML: its sentences are found inside tags and entities."""
    results = [r for r in outputs["sarif"]["runs"][0]["results"]
               if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith(
                   "kessling-port-strike.html") and "\nArticle: " in r["message"]["text"]]
    assert results and all(r["locations"][0]["physicalLocation"]["region"]["startLine"] > 1
                           for r in results)


def test_github_annotations_and_step_summary(outputs) -> None:
    lines = outputs["github"].splitlines()
    annotations = [line for line in lines if line.startswith("::")]
    for level in ("error", "warning", "notice"):
        assert 0 < len([a for a in annotations if a.startswith(f"::{level} ")]) <= 10
    first = annotations[0]
    assert re.match(r"::error file=articles/2025/[\w.-]+,line=\d+,col=\d+,endLine=\d+,"
                    r"endColumn=\d+,title=[A-Z]\d{3} [\w-]+::", first)
    assert all("\n" not in a for a in annotations) and "%0AArticle: " in outputs["github"]
    assert any("more findings not annotated" in line for line in lines)
    assert outputs["summary"].startswith("## factcheck scan")
    assert "| file | line | severity | rule | finding |" in outputs["summary"]


def test_junit_report(outputs) -> None:
    suite = outputs["junit"].find("testsuite")
    cases = {c.get("name"): c for c in suite.iter("testcase")}
    assert set(cases) == set(EXPECTED) | {".factcheck-ignore.toml"}
    assert cases[A + "kessling-port-strike.html"].find("failure") is not None
    assert cases[A + "lakemont-election.html"].find("failure") is None
    assert cases["drafts/empty.md"].find("skipped") is not None
    assert cases["drafts/harbour-photo.md"].find("failure") is not None  # F101 is an error
    assert int(suite.get("tests")) == len(cases)
    assert int(suite.get("failures")) == sum(c.find("failure") is not None for c in cases.values())
    root = outputs["junit"]
    assert root.tag == "testsuites" and float(root.get("time")) == float(suite.get("time")) > 0


def test_text_report_ends_with_the_summary(outputs) -> None:
    text = outputs["text"]
    assert "drafts/broken-front-matter.md:2:1: error F101 unreadable-file" in text
    assert re.search(r"^14 files: 6 checked, 6 not checked, 2 unreadable; \d+ findings .*; "
                     r"1 suppressed$", text, re.M)


def test_selecting_rules_on_the_command_line(tmp_path) -> None:
    """--select replaces the configuration's selection; --fail-on never exits 0."""
    repo = tmp_path / "repo"
    shutil.copytree(CONTENT, repo)
    files = [str(repo / "drafts"), str(repo / A / "grain-exports.md")]
    result = runner.invoke(app, ["scan", "-j", "1", "--no-progress", "--select", "F1",
                                 "--format", "json", *files])
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert {f["rule"] for file in data["files"] for f in file["findings"]} == {"F100", "F101"}
    result = runner.invoke(app, ["scan", "-j", "1", "--no-progress", "--fail-on", "never", *files])
    assert result.exit_code == 0, result.output


# -- the GitHub Action and the pre-commit hook ---------------------------------------------------

def test_action_is_valid_and_passes_inputs_through_env() -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    schema = json.loads((SCHEMAS / "github-action.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(action)
    assert set(action["inputs"]) == {"paths", "args", "python-version"}
    assert action["runs"]["using"] == "composite"
    runs = [s for s in action["runs"]["steps"] if "run" in s]
    assert runs
    for step in runs:
        assert step["shell"] == "bash", step
        assert "${{" not in step["run"], step["name"]
    scan_step = next(s for s in runs if "factcheck scan" in s["run"])
    assert "--format github" in scan_step["run"] and "sarif:" in scan_step["run"]


def test_action_scan_step_runs_in_bash(tmp_path) -> None:
    """The scan step's script, with a stand-in factcheck: arguments split as given, outputs set,
    the exit code passed on."""
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    step = next(s for s in action["runs"]["steps"] if s.get("id") == "scan")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    stub = bin_dir / "factcheck"
    stub.write_text('#!/usr/bin/env bash\nprintf "%s\\n" "$@" > "$ARGS_LOG"\nexit 1\n')
    stub.chmod(stub.stat().st_mode | stat.S_IEXEC)
    outputs = tmp_path / "outputs"
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "ARGS_LOG": str(tmp_path / "args"),
           "GITHUB_OUTPUT": str(outputs), "SCAN_PATHS": "articles pages", "SCAN_ARGS":
           "--pinned-only --fail-on warning", "SARIF_FILE": str(tmp_path / "f.sarif")}
    done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
                          env=env, capture_output=True, text=True)
    assert done.returncode == 1, done.stderr
    assert (tmp_path / "args").read_text().split("\n")[:-1] == [
        "scan", "--format", "github", "--report", f"sarif:{tmp_path / 'f.sarif'}",
        "--pinned-only", "--fail-on", "warning", "--", "articles", "pages"]
    assert f"sarif-file={tmp_path / 'f.sarif'}" in outputs.read_text()
    assert "exit-code=1" in outputs.read_text()


def test_pre_commit_hook_is_valid() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    schema = json.loads((SCHEMAS / "pre-commit-hooks.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(hooks)
    (hook,) = hooks
    assert hook["entry"] == "factcheck scan" and hook["language"] == "python"
    assert hook["require_serial"] is True
    # pre-commit's `types` needs every tag (markdown AND html): `types_or` is "either"
    assert hook["types_or"] == ["markdown", "html"] and "types" not in hook


def test_the_schemas_catch_mistakes() -> None:
    """The validations above can fail: a bad SARIF result, a hook without entry, an action
    without runs are refused."""
    sarif_schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    bad = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}},
                                         "results": [{"message": {"text": "m"}, "level": "fatal"}]}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(sarif_schema).validate(bad)
    hook_schema = json.loads((SCHEMAS / "pre-commit-hooks.schema.json").read_text(encoding="utf-8"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([{"id": "x", "name": "x", "language": "python"}], hook_schema)
    action_schema = json.loads((SCHEMAS / "github-action.json").read_text(encoding="utf-8"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"name": "x", "description": "y"}, action_schema)
