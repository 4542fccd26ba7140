"""scan --changed-since re-checks an article whose source file or pinned copy changed (real git
repositories)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.models import Fetched
from factcheck.pin import PinIndex

from .test_scan import ARTICLE, PLAIN, SOURCE, git, write

runner = CliRunner()
URL = "https://www.belmont-news.example/strike"


def changed_since(repo: Path, ref: str = "main") -> list[str]:
    result = runner.invoke(app, ["scan", "-j", "1", "--no-progress", "--pinned-only", "--format",
                                 "json", "--changed-since", ref, str(repo)])
    assert result.exit_code in (0, 1), result.output
    return [f["path"] for f in json.loads(result.stdout)["files"]]


def pin(repo: Path, body: str) -> None:
    index = PinIndex(repo / ".factcheck" / "pins")
    index.add(Fetched(URL, URL, 200, "text/plain", body.encode("utf-8"),
                      fetched_at="2025-06-11T09:00:00+00:00", how="http"))
    index.save()


def make_repo(root: Path) -> Path:
    repo = write(root / "repo", {
        "sources/belmont.txt": SOURCE,
        "news/by-file.md": ARTICLE.format(source="../sources/belmont.txt"),
        "news/by-pin.md": ARTICLE.format(source=URL),
        "news/other.md": PLAIN,
    })
    pin(repo, SOURCE)
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "first")
    git(repo, "checkout", "-q", "-b", "feature")
    return repo


def test_an_article_whose_source_file_changed_is_checked_again(tmp_path) -> None:
    repo = make_repo(tmp_path)
    assert changed_since(repo) == []
    write(repo, {"sources/belmont.txt": SOURCE + "Loading resumed on Friday, the operator said.\n"})
    assert changed_since(repo) == ["news/by-file.md"]  # not committed yet
    git(repo, "commit", "-q", "-am", "source")
    assert changed_since(repo) == ["news/by-file.md"]
    (repo / "sources" / "belmont.txt").unlink()  # a source deleted: the article now says so
    assert changed_since(repo) == ["news/by-file.md"]


def test_an_article_whose_pin_changed_is_checked_again(tmp_path) -> None:
    repo = make_repo(tmp_path)
    pin(repo, SOURCE + "Loading resumed on Friday, the operator said.\n")  # factcheck pin --refresh
    git(repo, "commit", "-q", "-am", "refresh the pin")
    assert changed_since(repo) == ["news/by-pin.md"]


def test_an_article_changed_with_its_source_is_listed_once(tmp_path) -> None:
    repo = make_repo(tmp_path)
    write(repo, {"sources/belmont.txt": SOURCE + "Loading resumed on Friday.\n",
                 "news/by-file.md": ARTICLE.format(source="../sources/belmont.txt") + "\nMore.\n"})
    assert changed_since(repo) == ["news/by-file.md"]
