"""factcheck scan leaves git-ignored files and build outputs alone (real git repositories and
real files), unless --no-ignore."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from factcheck import scan as scan_mod
from factcheck.cli import app

from .test_scan import PLAIN, git, repo_config, write

runner = CliRunner()


def listed(repo: Path, **changes) -> list[str]:
    files, base = scan_mod.collect([repo], repo_config(repo, **changes))
    return [scan_mod.relative(f, base) for f in files]


def test_gitignore_exclude_and_build_outputs_are_not_scanned(tmp_path) -> None:
    repo = write(tmp_path / "repo", {
        "news/a.md": PLAIN,
        "news/draft.md": PLAIN,
        "news/keep.md": PLAIN,
        "node_modules/pkg/README.md": PLAIN,
        "public/news/a/index.html": "<p>generated</p>",
        "_site/a.html": "<p>generated</p>",
        "generated/out.md": PLAIN,
        "local/notes.md": PLAIN,
        "docs/public/page.md": PLAIN,  # not the site's output folder: kept
        ".gitignore": "generated/\n",
        "news/.gitignore": "*.md\n!a.md\n!keep.md\n",
    })
    git(repo, "init", "-q")
    (repo / ".git" / "info").mkdir(exist_ok=True)
    (repo / ".git" / "info" / "exclude").write_text("local/\n", encoding="utf-8")
    assert listed(repo) == ["docs/public/page.md", "news/a.md", "news/keep.md"]
    everything = listed(repo, respect_gitignore=False)
    assert {"node_modules/pkg/README.md", "public/news/a/index.html", "_site/a.html",
            "generated/out.md", "local/notes.md", "news/draft.md"} <= set(everything)


def test_no_ignore_on_the_command_line_and_in_the_configuration(tmp_path) -> None:
    repo = write(tmp_path / "repo", {"news/a.md": PLAIN, "node_modules/x/README.md": PLAIN,
                                     "factcheck.toml": "jobs = 1\n"})
    git(repo, "init", "-q")

    def paths(*flags: str) -> list[str]:
        result = runner.invoke(app, ["scan", "--no-progress", "--format", "json", *flags,
                                     str(repo)])
        assert result.exit_code == 0, result.output
        return [f["path"] for f in json.loads(result.stdout)["files"]]

    assert paths() == ["news/a.md"]
    assert paths("--no-ignore") == ["news/a.md", "node_modules/x/README.md"]
    (repo / "factcheck.toml").write_text("jobs = 1\nrespect-gitignore = false\n", encoding="utf-8")
    assert paths() == ["news/a.md", "node_modules/x/README.md"]
