"""The documentation stays in step with the code: one doc per rule, every command in README."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.rules import all_rules, rules_root

ROOT = Path(__file__).resolve().parent.parent
SECTIONS = (
    "## What it flags",
    "## Why it matters",
    "## Example",
    "## What is not flagged",
    "## Severity and confidence",
)
runner = CliRunner()


def doc_path(code: str) -> Path:
    return rules_root() / "docs" / f"{code}.md"


def command_names() -> list[str]:
    names = []
    for command in app.registered_commands:
        name = command.name or command.callback.__name__.replace("_", "-")
        names.append(name)
    return names


@pytest.mark.parametrize("code", sorted(all_rules()))
def test_every_rule_has_a_doc_with_the_five_sections(code: str) -> None:
    rule = all_rules()[code]
    path = doc_path(code)
    assert path.is_file(), f"{code} has no doc at {path}"
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == f"# {rule.code} {rule.name}"
    headings = [line.rstrip() for line in lines if line.startswith("## ")]
    assert headings == list(SECTIONS), f"{code}: sections {headings}"
    bodies = re.split(r"^## .*$", text, flags=re.M)[1:]
    for heading, body in zip(SECTIONS, bodies):
        assert body.strip(), f"{code}: section {heading!r} is empty"


@pytest.mark.parametrize("code", sorted(all_rules()))
def test_severity_section_names_the_default_severity(code: str) -> None:
    rule = all_rules()[code]
    path = doc_path(code)
    assert path.is_file(), f"{code} has no doc at {path}"
    section = path.read_text(encoding="utf-8").split("## Severity and confidence", 1)[-1]
    assert f"Default severity: `{rule.severity}`" in section


def test_every_doc_belongs_to_a_rule() -> None:
    codes = set(all_rules())
    docs = {p.stem for p in (rules_root() / "docs").glob("*.md")}
    assert docs - codes == set(), f"docs without a rule: {sorted(docs - codes)}"


def test_every_command_appears_in_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    names = command_names()
    assert names
    missing = [n for n in names if not re.search(rf"factcheck {re.escape(n)}(?![\w-])", readme)]
    assert not missing, f"commands not in README.md: {missing}"


def test_rule_command_prints_the_doc() -> None:
    result = runner.invoke(app, ["rule", "C100"])
    assert result.exit_code == 0, result.output
    doc = doc_path("C100").read_text(encoding="utf-8").rstrip()
    assert result.output.rstrip() == doc
    assert result.output.startswith("# C100 unsupported-sentence")


def test_rule_command_accepts_a_name() -> None:
    result = runner.invoke(app, ["rule", "number-changed"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("# N100 number-changed")


def test_rules_command_lists_every_code() -> None:
    result = runner.invoke(app, ["rules"])
    assert result.exit_code == 0, result.output
    listed = {line.split()[0] for line in result.output.splitlines() if line.strip()}
    assert set(all_rules()) <= listed
    for rule in all_rules().values():
        assert re.search(rf"^{rule.code}\s+{re.escape(rule.name)}\s", result.output, re.M), rule.code
