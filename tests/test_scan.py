"""factcheck scan and pin: configuration, suppressions, pins, --changed-since (real git
repositories), locating sentences, bad input, the process pool and the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck import config as config_mod
from factcheck import scan as scan_mod
from factcheck.cli import app
from factcheck.errors import ConfigError
from factcheck.models import Fetched
from factcheck.pin import PinIndex, PinProblem, pin_name
from factcheck.report import github
from factcheck.suppress import load as load_suppressions

runner = CliRunner()

SOURCE = """Dock workers at the port of Belmont walked out on Monday after talks on pay collapsed, the union said.
About 3,200 workers joined the strike, which halted loading at all four terminals.
The port operator said it would meet union leaders again on Thursday.
"""
ARTICLE = """---
title: Belmont dockers strike
source: {source}
---

Dock workers at the port of Belmont walked out on Monday after pay talks collapsed, the union said.
About 4,000 workers joined the strike, which halted loading at all four terminals.
The port operator said it would meet union leaders again on Thursday.
"""
PLAIN = """---
title: About us
---

We rewrite and translate wire stories for readers in the region, and our editors check every
rewrite against its original before it is published.
"""


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """The real entry point (library errors become one line and exit code 2 in main())."""
    return subprocess.run([sys.executable, "-m", "factcheck", *args], capture_output=True,
                          text=True, timeout=120)


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def repo_config(root: Path, **changes) -> config_mod.Config:
    return replace(config_mod.load([root]), **{"jobs": 1, **changes})


def rules_of(result) -> list[str]:
    return [i.finding.rule for i in result.active]


def files_of(report) -> dict:
    return {f.path: f for f in report.files}


# -- configuration -------------------------------------------------------------------------------

def test_config_from_pyproject_and_factcheck_toml(tmp_path) -> None:
    write(tmp_path, {"pyproject.toml": '[project]\nname = "site"\n\n[tool.factcheck]\n'
                                       'ignore = ["C201"]\nfail-on = "warning"\n',
                     "content/a.md": "x"})
    cfg = config_mod.load([tmp_path / "content"])
    assert cfg.root == tmp_path.resolve() and cfg.file == tmp_path / "pyproject.toml"
    assert cfg.ignore == ("C201",) and cfg.fail_on == "warning"
    write(tmp_path, {"factcheck.toml": 'fail-on = "info"\n'})
    assert config_mod.load([tmp_path / "content"]).fail_on == "info"  # factcheck.toml wins


def test_config_errors_are_one_clear_line(tmp_path) -> None:
    for n, (text, words) in enumerate((
            ('selct = ["C"]\n', "unknown key 'selct'"),
            ('select = ["Z9"]\n', "'Z9' is no rule code"),
            ('fail-on = "sometimes"\n', "'sometimes' is not one of"),
            ('languages = ["it"]\n', "language 'it' is not supported"),
            ("[[overrides]]\nignore = [\"C100\"]\n", "paths is required"),
            ("select = [\n", "not valid TOML"))):
        write(tmp_path, {"factcheck.toml": text})
        with pytest.raises(ConfigError, match=words):
            config_mod.load([tmp_path])
        if n in (0, 5):
            done = run_cli("scan", "--no-progress", str(tmp_path))
            assert done.returncode == 2
            assert len(done.stderr.strip().splitlines()) == 1, done.stderr
            assert words in done.stderr


def test_selection_the_longest_selector_wins_and_overrides_apply(tmp_path) -> None:
    write(tmp_path, {"factcheck.toml": """
select = ["C", "N"]
ignore = ["C2"]
severity = { C = "error", C101 = "info" }
min-confidence = "medium"

[[overrides]]
paths = ["opinion/**"]
select = ["C201", "Q"]
ignore = ["C100"]
min-confidence = "high"
"""})
    cfg = config_mod.load([tmp_path])
    news = cfg.rules_for("news/a.md")
    assert news.enabled("C100") and news.enabled("N101") and not news.enabled("Q101")
    assert not news.enabled("C200") and not news.enabled("C201")
    assert news.severity_of("C100", "warning") == "error"
    assert news.severity_of("C101", "warning") == "info"
    assert news.confident("medium") and not news.confident("low")
    opinion = cfg.rules_for("opinion/2025/b.md")
    assert not opinion.enabled("C100") and opinion.enabled("C201") and opinion.enabled("Q101")
    assert not opinion.confident("medium")
    # command-line flags: --select replaces, --ignore adds
    cli = cfg.with_cli(select=["unsupported-sentence,N"], ignore=["N101"])
    r = cli.rules_for("news/a.md")
    assert r.enabled("C100") and not r.enabled("C101") and r.enabled("N100") and not r.enabled("N101")
    assert config_mod.matches("a.md", ["*.md"]) and config_mod.matches("x/y/a.md", ["**/*.md"])
    assert config_mod.matches("a.md", ["**/*.md"]) and not config_mod.matches("a.html", ["*.md"])


# -- locating a sentence in the file -------------------------------------------------------------

def test_locate_tolerates_markup_between_words() -> None:
    raw = ("<html><body>\n<p>Intro.</p>\n<p>About <b>3,200</b> workers &ndash; and\n"
           "their <a href=\"https://x.example/a\">union</a> &ndash; walked out.</p>\n")
    region = scan_mod.locate(raw, "About 3,200 workers – and their union – walked out.")
    assert (region.line, region.column, region.end_line) == (3, 4, 4)
    md = "---\ntitle: t\n---\n\nIt was said by [the _union_](https://u.example/x) on **Monday**.\n"
    region = scan_mod.locate(md, "It was said by the union on Monday.", md.index("\n\n"))
    assert (region.line, region.column) == (5, 1)
    assert scan_mod.locate(md, "Nothing like this is in the file.") is None


# -- scanning a small repository -----------------------------------------------------------------

@pytest.fixture
def small_repo(tmp_path) -> Path:
    return write(tmp_path / "site", {
        "factcheck.toml": 'pinned-only = true\n',
        "sources/belmont.txt": SOURCE,
        "news/strike.md": ARTICLE.format(source="../sources/belmont.txt"),
        "news/no-source.md": PLAIN,
        "news/outside.md": ARTICLE.format(source="../../../etc/hostname"),
        "news/ftp.md": ARTICLE.format(source="ftp://files.example/belmont.txt"),
        "news/unpinned.md": ARTICLE.format(source="https://news.example/belmont-strike"),
        "news/front.html": "---\nsource: ../sources/belmont.txt\n---\n<html><body><p>"
                           + ARTICLE.split("---\n\n", 1)[1].replace("\n", "</p>\n<p>") + "</p>",
        "news/toml.md": '+++\ntitle = "t"\nsources = ["../sources/belmont.txt"]\n+++\n\n'
                        + ARTICLE.split("---\n\n", 1)[1],
        "news/broken.md": '+++\ntitle = "t\n+++\n\nText.\n',
        "news/unclosed.md": "---\ntitle: t\n\nNever closed.\n",
        "news/latin1.md": ARTICLE.format(source="../sources/belmont.txt").encode("cp1252"),
        "sources/readme.txt": "not scanned: not an included suffix",
    })


def test_scan_of_a_small_repository(small_repo, capsys) -> None:
    events = []
    cfg = repo_config(small_repo, exclude=("sources/**",))
    report = scan_mod.scan([small_repo], cfg, progress=events.append)
    assert capsys.readouterr() == ("", "")  # the library never prints
    files = files_of(report)
    assert sorted(files) == sorted(f"news/{n}" for n in (
        "strike.md", "no-source.md", "outside.md", "ftp.md", "unpinned.md", "front.html",
        "toml.md", "broken.md", "unclosed.md", "latin1.md"))
    assert [e.done for e in events] == list(range(len(files) + 1)) and events[0].result is None
    strike = files["news/strike.md"]
    assert strike.status == "checked" and strike.sources == ("sources/belmont.txt",)
    (n100,) = [i for i in strike.active if i.finding.rule == "N100"]
    assert n100.region.line == 7 and n100.article_text.startswith("About 4,000 workers")
    assert rules_of(files["news/no-source.md"]) == ["F100"]
    outside = files["news/outside.md"].active[0].finding
    assert outside.rule == "S104" and "outside the repository" in outside.message
    assert "only http and https" in files["news/ftp.md"].active[0].finding.message
    assert rules_of(files["news/unpinned.md"]) == ["P100"]
    assert files["news/unpinned.md"].active[0].region.line == 3  # the front matter's source line
    for name in ("front.html", "toml.md", "latin1.md"):  # front matter in HTML, TOML, cp1252
        assert files[f"news/{name}"].status == "checked", name
        assert "N100" in rules_of(files[f"news/{name}"]), name
    broken = files["news/broken.md"].active[0].finding
    assert broken.rule == "F101" and broken.message.startswith("broken TOML front matter")
    unclosed = files["news/unclosed.md"].active[0].finding
    assert unclosed.rule == "F101" and "never closed" in unclosed.message
    assert report.exit_code() == 1


def test_process_pool_gives_the_same_results(small_repo) -> None:
    paths = [small_repo / "news" / n for n in ("strike.md", "no-source.md", "front.html")]
    one = scan_mod.scan(paths, repo_config(small_repo))
    two = scan_mod.scan(paths, repo_config(small_repo, jobs=2))
    assert two.jobs == 2
    strip = [replace(f, seconds=0.0) for f in one.files]
    assert strip == [replace(f, seconds=0.0) for f in two.files]


def test_a_file_that_breaks_the_checker_does_not_stop_the_scan(small_repo, monkeypatch) -> None:
    real = scan_mod.read_article

    def flaky(path, *args, **kwargs):
        if path.name == "strike.md":
            raise RuntimeError("boom")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(scan_mod, "read_article", flaky)
    paths = [small_repo / "news" / n for n in ("strike.md", "no-source.md")]
    report = scan_mod.scan(paths, repo_config(small_repo))
    files = files_of(report)
    assert files["news/strike.md"].status == "error"
    assert files["news/strike.md"].error == "RuntimeError: boom"
    assert files["news/no-source.md"].status == "not-checked"
    assert report.exit_code() == 3


def test_missing_path_is_a_finding_and_the_scan_goes_on(small_repo) -> None:
    result = runner.invoke(app, ["scan", "-j", "1", "--no-progress", "--format", "json",
                                 str(small_repo / "news" / "gone.md"),
                                 str(small_repo / "news" / "no-source.md")])
    assert result.exit_code == 1
    assert "gone.md: no such file or folder" in result.stderr
    files = {f["path"]: f for f in json.loads(result.stdout)["files"]}
    assert files["news/gone.md"]["findings"][0]["rule"] == "F101"
    assert files["news/no-source.md"]["findings"][0]["rule"] == "F100"


# -- suppressions --------------------------------------------------------------------------------

def test_suppressions_match_by_rule_fingerprint_and_path(small_repo) -> None:
    cfg = repo_config(small_repo)
    paths = [small_repo / "news" / "strike.md"]
    (n100,) = [i for i in scan_mod.scan(paths, cfg).files[0].items if i.finding.rule == "N100"]
    fp = n100.finding.fingerprint
    write(small_repo, {".factcheck-ignore.toml": f"""
[[ignore]]
rule = "N100"
fingerprint = "{fp}"
path = "news/strike.md"
reason = "The union's later figure; checked by phone."

[[ignore]]
rule = "C100"
fingerprint = "{fp}"
path = "news/strike.md"
reason = "Wrong rule: matches nothing."

[[ignore]]
rule = "N100"
fingerprint = "{fp}"
path = "news/not-scanned.md"
reason = "Another file, not part of this scan: not reported."
"""})
    report = scan_mod.scan(paths, cfg)
    files = files_of(report)
    strike = files["news/strike.md"]
    assert "N100" not in rules_of(strike)
    (supp,) = [i for i in strike.items if i.suppressed]
    assert supp.suppressed == "The union's later figure; checked by phone."
    (unused,) = files[".factcheck-ignore.toml"].active
    assert unused.finding.rule == "I100" and unused.region.line == 8
    assert report.suppressed() == 1
    # a partial scan does not report entries without a path; a full one does
    write(small_repo, {".factcheck-ignore.toml": f'[[ignore]]\nrule = "C100"\nfingerprint = '
                                                 f'"{fp}"\nreason = "stale"\n'})
    assert ".factcheck-ignore.toml" not in files_of(scan_mod.scan(paths, cfg))
    full = scan_mod.scan([small_repo / "news" / "no-source.md"], cfg)
    assert ".factcheck-ignore.toml" not in files_of(full)


def test_a_broken_ignore_file_is_one_clear_line(small_repo) -> None:
    write(small_repo, {".factcheck-ignore.toml": '[[ignore]]\nrule = "C100"\n'
                                                 'fingerprint = "0123456789abcdef"\n'})
    with pytest.raises(ConfigError, match=r"\.factcheck-ignore\.toml:1: every suppression needs a reason"):
        load_suppressions(small_repo / ".factcheck-ignore.toml")
    done = run_cli("scan", "--no-progress", str(small_repo / "news"))
    assert done.returncode == 2 and "needs a reason" in done.stderr


# -- --changed-since, with a real git repository -------------------------------------------------

def git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org",
                           "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args],
                          cwd=root, capture_output=True, text=True, check=True)
    return done.stdout


def test_changed_since_checks_only_changed_files(tmp_path) -> None:
    repo = write(tmp_path / "repo", {"sources/belmont.txt": SOURCE,
                                     "news/old.md": ARTICLE.format(source="../sources/belmont.txt"),
                                     "news/edited.md": PLAIN, "news/committed.md": PLAIN,
                                     "news/deleted.md": PLAIN, ".gitignore": "ignored.md\n"})
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "first")
    git(repo, "checkout", "-q", "-b", "feature")
    write(repo, {"news/committed.md": PLAIN + "\nA new paragraph about the editors and readers.\n"})
    (repo / "news/deleted.md").unlink()
    git(repo, "commit", "-q", "-am", "second")
    write(repo, {"news/edited.md": PLAIN + "\nEdited, not committed yet, by the desk today.\n",
                 "news/untracked.md": PLAIN, "ignored.md": PLAIN})
    assert scan_mod.changed_files("main", repo) >= {(repo / "news" / n).resolve() for n in (
        "committed.md", "edited.md", "untracked.md")}
    result = runner.invoke(app, ["scan", "-j", "1", "--no-progress", "--format", "json",
                                 "--changed-since", "main", str(repo)])
    assert result.exit_code == 0, result.output
    paths = [f["path"] for f in json.loads(result.stdout)["files"]]
    assert paths == ["news/committed.md", "news/edited.md", "news/untracked.md"]
    bad = run_cli("scan", "--no-progress", "--changed-since", "no-such-ref", str(repo))
    assert bad.returncode == 2
    assert bad.stderr.strip() == "factcheck: error: --changed-since: unknown git ref 'no-such-ref'"


# -- pins ----------------------------------------------------------------------------------------

def test_pin_index_round_trip_and_tampering(tmp_path) -> None:
    index = PinIndex(tmp_path / "pins")
    url = "https://news.example/a"
    index.add(Fetched(url, url, 200, "text/html", b"<p>hello</p>", fetched_at="2025-01-02T03:04:05+00:00", how="http"))
    index.save()
    again = PinIndex(tmp_path / "pins")
    pin = again.lookup(url)
    assert pin.file == pin_name(url, "text/html") and pin.retrieved.startswith("2025-01-02")
    assert again.read(url).body == b"<p>hello</p>"
    (tmp_path / "pins" / pin.file).write_bytes(b"<p>hello!</p>")
    with pytest.raises(PinProblem, match="no longer matches") as err:
        again.read(url)
    assert err.value.reason == "changed"
    (tmp_path / "pins" / pin.file).unlink()
    with pytest.raises(PinProblem, match="is gone"):
        again.read(url)


def test_pin_then_scan_offline(tmp_path, httpserver) -> None:
    """factcheck pin fetches the cited page once (a local server); scan --pinned-only then reads
    the pin, with the server gone."""
    httpserver.expect_request("/belmont").respond_with_data(
        "<html><body>" + "".join(f"<p>{s}</p>" for s in SOURCE.splitlines()) + "</body></html>",
        content_type="text/html; charset=utf-8")
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    url = httpserver.url_for("/belmont")
    repo = write(tmp_path / "repo", {"factcheck.toml": "",
                                     "news/strike.md": ARTICLE.format(source=url)})
    result = runner.invoke(app, ["pin", str(repo)])
    assert result.exit_code == 0, result.output
    assert f"pinned  {url}" in result.stdout
    index = (repo / ".factcheck" / "pins" / "pins.toml").read_text(encoding="utf-8")
    assert f'url = "{url}"' in index and 'content_type = "text/html"' in index
    again = runner.invoke(app, ["pin", str(repo)])
    assert f"kept    {url}" in again.stdout
    httpserver.stop()
    result = runner.invoke(app, ["scan", "-j", "1", "--no-progress", "--pinned-only",
                                 "--format", "json", str(repo)])
    data = json.loads(result.stdout)
    (strike,) = data["files"]
    assert strike["status"] == "checked" and strike["sources"] == [url]
    assert "N100" in {f["rule"] for f in strike["findings"]}


# -- report formats ------------------------------------------------------------------------------

def test_github_escaping() -> None:
    assert github.escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert github.escape_property("a:b,c%") == "a%3Ab%2Cc%25"


def test_ignore_format_lists_entries_to_paste(small_repo) -> None:
    result = runner.invoke(app, ["scan", "-j", "1", "--no-progress", "--format", "ignore",
                                 str(small_repo / "news" / "no-source.md")])
    assert result.exit_code == 0
    assert result.stdout.startswith('[[ignore]]\nrule = "F100"\nfingerprint = "')
    assert 'path = "news/no-source.md"' in result.stdout


def test_offline_without_pin_or_cache_is_p100(small_repo) -> None:
    cfg = replace(repo_config(small_repo), pinned_only=False, offline=True)
    report = scan_mod.scan([small_repo / "news" / "unpinned.md"], cfg)
    (item,) = report.files[0].active
    assert item.finding.rule == "P100" and "not in the HTTP cache" in item.finding.message
    assert dict(item.finding.evidence) == {"source": "https://news.example/belmont-strike"}


def test_inline_suppressions_in_the_article(tmp_path) -> None:
    """An HTML comment in the article suppresses a rule on the next line (or the whole file);
    one that matches nothing is reported as I100."""
    body = ARTICLE.format(source="../sources/belmont.txt")
    marked = body.replace(
        "About 4,000 workers",
        "<!-- factcheck: ignore N100 -- the union's own count -->\nAbout 4,000 workers",
    ) + "\n<!-- factcheck: ignore-file Q101 -- nothing quoted here -->\n"
    root = write(tmp_path / "site", {
        "factcheck.toml": 'pinned-only = true\n',
        "sources/belmont.txt": SOURCE,
        "news/plain.md": body,
        "news/marked.md": marked,
    })
    report = scan_mod.scan([root], repo_config(root, exclude=("sources/**",)))
    files = files_of(report)
    assert "N100" in rules_of(files["news/plain.md"])
    marked_result = files["news/marked.md"]
    assert "N100" not in rules_of(marked_result)
    (n100,) = [i for i in marked_result.items if i.finding.rule == "N100"]
    assert n100.suppressed == "the union's own count"
    unused = [i for i in marked_result.active if i.finding.rule == "I100"]
    assert len(unused) == 1 and "Q101" in unused[0].finding.message
    assert unused[0].region.line == marked.splitlines().index(
        "<!-- factcheck: ignore-file Q101 -- nothing quoted here -->") + 1


def test_inline_suppression_syntax() -> None:
    from factcheck.suppress import inline

    text = "Intro.\n<!-- factcheck: ignore C100, c201 -->\n\nThe sentence.\nMore <!-- factcheck: ignore N100 -- why -->\n"
    first, second = inline(text)
    assert first.codes == ("C100", "C201") and first.target == 4 and first.line == 2
    assert second.codes == ("N100",) and second.target == 5 and second.reason == "why"
