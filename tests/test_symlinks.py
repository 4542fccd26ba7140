"""A content repository may come from anyone (a pull request): real symbolic links that lead out
of it are never followed. A content file or folder whose real path is outside the repository is
F101, named by the link, and neither its text nor anything about its target reaches a report;
the addresses it cites are not fetched. A configuration file, an ignore file, a pins folder, a
pin index or a pin file that leads out is refused (one line, exit 2; a pin file: P101) without
echoing anything it holds."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SECRET = "Kestrel-Tangerine-7731"  # text of the files outside the repository
SOURCE = """Dock workers at the port of Belmont walked out on Monday after talks on pay collapsed, the union said.
About 3,200 workers joined the strike, which halted loading at all four terminals.
The port operator said it would meet union leaders again on Thursday.
"""
BODY = """
Dock workers at the port of Belmont walked out on Monday after pay talks collapsed, the union said.
About 4,000 workers joined the strike, which halted loading at all four terminals.
The port operator said it would meet union leaders again on Thursday.
"""


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "FACTCHECK_DEBUG"}
    return subprocess.run([sys.executable, "-m", "factcheck", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=180)


def article(source: str, extra: str = "") -> str:
    return f"---\ntitle: Belmont dockers strike\nsource: {source}\n---\n{BODY}{extra}"


@pytest.fixture
def layout(tmp_path, httpserver):
    """repo/ (the repository, factcheck.toml at its top) and outside/ (files of the machine)."""
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    cited = httpserver.url_for("/cited-by-the-secret")
    outside = tmp_path / "outside"
    (outside / "folder").mkdir(parents=True)
    (outside / "secret.md").write_text(article(cited, f"{SECRET} said the port would close.\n"),
                                       encoding="utf-8")
    (outside / "folder" / "also-secret.md").write_text(article(cited, SECRET + ".\n"),
                                                       encoding="utf-8")
    repo = tmp_path / "repo"
    (repo / "news").mkdir(parents=True)
    (repo / "factcheck.toml").write_text("", encoding="utf-8")
    (repo / "news" / "source.txt").write_text(SOURCE, encoding="utf-8")
    (repo / "news" / "strike.md").write_text(article("source.txt"), encoding="utf-8")
    (repo / "news" / "leak.md").symlink_to(outside / "secret.md")
    (repo / "news" / "inside.md").symlink_to(repo / "news" / "strike.md")  # inside: strike.md
    (repo / "archive").symlink_to(outside / "folder", target_is_directory=True)
    return repo, outside, httpserver


def assert_nothing_leaks(text: str, outside: Path) -> None:
    assert SECRET not in text
    assert str(outside) not in text and "secret.md" not in text


def test_scan_does_not_read_links_that_lead_out(layout):
    repo, outside, server = layout
    reports = {fmt: run("scan", "--no-progress", "-j", "1", "--format", fmt, str(repo))
               for fmt in ("json", "sarif", "github", "text")}
    for fmt, proc in reports.items():
        assert proc.returncode == 1, (fmt, proc.stderr)
        assert_nothing_leaks(proc.stdout + proc.stderr, outside)
    files = {f["path"]: f for f in json.loads(reports["json"].stdout)["files"]}
    assert set(files) == {"news/strike.md", "news/leak.md", "archive"}
    for path, kind in (("news/leak.md", "file"), ("archive", "folder")):
        assert files[path]["status"] == "unreadable"
        (f,) = files[path]["findings"]
        assert f["rule"] == "F101" and f["evidence"] == {"file": path, "reason": "outside"}
        assert f["message"] == f"not read: a symbolic link to a {kind} outside the repository"
    assert files["news/strike.md"]["status"] == "checked"
    assert "news/leak.md" in reports["sarif"].stdout and "news/leak.md" in reports["github"].stdout
    assert len(server.log) == 0  # the address the outside file cites was not fetched


def test_a_link_named_on_the_command_line_is_not_read_either(layout):
    repo, outside, server = layout
    proc = run("scan", "--no-progress", "-j", "1", "--format", "json",
               str(repo / "news" / "leak.md"), str(repo / "archive"))
    assert proc.returncode == 1, proc.stderr
    assert_nothing_leaks(proc.stdout, outside)
    assert {f["path"]: f["status"] for f in json.loads(proc.stdout)["files"]} == {
        "news/leak.md": "unreadable", "archive": "unreadable"}
    assert len(server.log) == 0


def test_pin_does_not_fetch_what_a_link_cites(layout):
    repo, outside, server = layout
    proc = run("pin", str(repo))
    assert proc.returncode == 0, proc.stderr
    assert len(server.log) == 0


def write_outside(outside: Path, name: str, text: str) -> Path:
    path = outside / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_config_file_that_leads_out_is_refused(layout):
    repo, outside, _ = layout
    target = write_outside(outside, "config.toml", f'select = ["{SECRET}"]\n')
    (repo / "factcheck.toml").unlink()
    (repo / "factcheck.toml").symlink_to(target)
    for args in (["scan", "--no-progress", str(repo)], ["pin", str(repo)]):
        proc = run(*args)
        assert proc.returncode == 2
        assert proc.stderr.splitlines() == [
            f"factcheck: error: the configuration file {repo / 'factcheck.toml'}: a symbolic "
            f"link that leads outside the repository ({repo}); not read"]
        assert SECRET not in proc.stderr + proc.stdout
    (repo / "factcheck.toml").unlink()
    (repo / "site.toml").symlink_to(target)
    proc = run("scan", "--no-progress", "--config", "site.toml", ".", cwd=repo)
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [
        "factcheck: error: the configuration file site.toml: a symbolic link that leads "
        f"outside the repository ({repo}); not read"]


def test_an_ignore_file_that_leads_out_is_refused(layout):
    repo, outside, _ = layout
    target = write_outside(outside, "ignore.toml", f'[[ignore]]\nrule = "{SECRET}"\n')
    (repo / ".factcheck-ignore.toml").symlink_to(target)
    proc = run("scan", "--no-progress", "-j", "1", str(repo))
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [
        f"factcheck: error: the ignore file {repo / '.factcheck-ignore.toml'}: a symbolic "
        f"link that leads outside the repository ({repo}); not read"]
    assert SECRET not in proc.stderr + proc.stdout


def pinned_copy(folder: Path, url: str, body: str) -> str:
    name = "0123456789abcdef.txt"
    (folder / "pins.toml").write_text(
        f'[[pin]]\nurl = "{url}"\nfile = "{name}"\n'
        f'sha256 = "{hashlib.sha256(body.encode()).hexdigest()}"\n'
        'retrieved = "2025-03-05T09:12:44+00:00"\ncontent_type = "text/plain"\n',
        encoding="utf-8")
    return name


def test_a_pins_folder_that_leads_out_is_refused(layout):
    repo, outside, _ = layout
    url = "https://news.example/belmont-strike"
    pins = outside / "pins"
    pins.mkdir()
    body = SOURCE + f"{SECRET} said the port would close.\n"
    (pins / pinned_copy(pins, url, body)).write_text(body, encoding="utf-8")
    (repo / "news" / "web.md").write_text(article(url), encoding="utf-8")
    (repo / ".factcheck").mkdir()
    (repo / ".factcheck" / "pins").symlink_to(pins, target_is_directory=True)
    for args in (["scan", "--no-progress", "-j", "1", "--pinned-only", "--format", "json",
                  str(repo)], ["pin", str(repo)]):
        proc = run(*args)
        assert proc.returncode == 2, proc.stderr
        assert proc.stderr.splitlines() == [
            "factcheck: error: the pins folder .factcheck/pins: a symbolic link that leads "
            f"outside the repository ({repo}); not read"]
        assert SECRET not in proc.stdout + proc.stderr
    assert sorted(p.name for p in pins.iterdir()) == ["0123456789abcdef.txt", "pins.toml"]


def test_a_pin_file_that_leads_out_is_p101(layout):
    repo, outside, _ = layout
    url = "https://news.example/belmont-strike"
    pins = repo / ".factcheck" / "pins"
    pins.mkdir(parents=True)
    body = SOURCE + f"{SECRET} said the port would close.\n"
    name = pinned_copy(pins, url, body)
    (pins / name).symlink_to(write_outside(outside, "copy.txt", body))
    (repo / "news" / "web.md").write_text(article(url), encoding="utf-8")
    proc = run("scan", "--no-progress", "-j", "1", "--pinned-only", "--format", "json",
               str(repo / "news" / "web.md"))
    assert SECRET not in proc.stdout + proc.stderr
    (web,) = json.loads(proc.stdout)["files"]
    (f,) = web["findings"]
    assert f["rule"] == "P101" and f["evidence"]["reason"] == "outside"
    assert f["message"] == (f"{url}: the pinned copy .factcheck/pins/{name} is a symbolic link "
                            f"that leads outside the repository ({repo}); not read")
