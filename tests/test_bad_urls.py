"""Malformed addresses in page content never stop a check or a scan: a bad link is skipped, a
bad cited source is a finding, a bad ARTICLE or --source is one line and exit code 2.

The page with the bad links is fixtures/bad-input/malformed-links.html: a bad port
(``http://example.org:8o/story``), an unclosed IPv6 bracket (``http://[oops/story``, also as its
canonical address), an address in the text with a word for a port (``www.example.org:news``) and
a host label of 64 characters (which the HTTP cache's URL normaliser refuses)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck import check
from factcheck.discover import normalise, same_page_key
from factcheck.errors import InputError
from factcheck.fetch import Fetcher, url_problem
from factcheck.pipeline import Options

ROOT = Path(__file__).resolve().parent.parent
BAD = ROOT / "fixtures" / "bad-input"
LONG_LABEL = "http://" + "a" * 64 + ".example.org/story"
MALFORMED = ["http://example.org:8o/story", "http://[oops/story", "https://www.example.org:news",
             LONG_LABEL, "http://", "https://"]


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "FACTCHECK_DEBUG"}
    return subprocess.run([sys.executable, "-m", "factcheck", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=180)


@pytest.mark.parametrize("url", MALFORMED)
def test_malformed_addresses_are_named_not_raised(url):
    assert url_problem(url)
    assert normalise(url) == url  # kept as written, for the message that names it
    assert same_page_key(url) == url


@pytest.mark.parametrize("url", ["https://example.org/a", "http://127.0.0.1:8080/x?y=1",
                                 "http://[::1]:8001/", "https://münchen.example/straße",
                                 "https://example.org/a file.html", "https://example.org./x"])
def test_good_addresses_have_no_problem(url):
    assert url_problem(url) is None


@pytest.mark.parametrize("url", MALFORMED)
def test_the_fetcher_refuses_a_malformed_address_with_a_fetch_error(url):
    from factcheck.errors import FetchError

    with Fetcher.from_options(Options(cache=True, retries=0)) as fetcher, \
            pytest.raises(FetchError) as err:
        fetcher.get(url)
    assert err.value.reason == "bad-url"
    assert str(err.value).startswith(f"{url}: not a valid address (")


def test_bad_links_in_a_web_article_are_skipped(httpserver):
    """The page is served over HTTP, so its links are made absolute and the canonical address
    is read: every bad one is skipped and the good link is the source checked."""
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    source = f"http://127.0.0.1:{httpserver.port}/belmont-strike"  # another host than the page's
    page = (BAD / "malformed-links.html").read_text(encoding="utf-8")
    httpserver.expect_request("/news/strike").respond_with_data(
        page.replace("https://post.example/belmont-strike", source),
        content_type="text/html; charset=utf-8")
    httpserver.expect_request("/belmont-strike").respond_with_data(
        (BAD / "source.txt").read_bytes(), content_type="text/plain; charset=utf-8")
    report = check(httpserver.url_for("/news/strike"))
    assert [s.target for s in report.source_status] == [source]
    assert all(s.ok for s in report.source_status)
    assert "N100" in {f.rule for f in report.findings}


def test_bad_links_in_a_local_article_are_skipped_on_the_command_line():
    proc = run("check", str(BAD / "malformed-links.html"), "--source", str(BAD / "source.txt"),
               "--format", "json")
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr == ""


@pytest.mark.parametrize("url", ["http://example.org:8o/story", "http://[oops/story"])
def test_a_malformed_article_or_source_address_is_one_line_and_exit_2(url):
    proc = run("check", url)
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [f"factcheck: error: {url}: not a valid address ("
                                        + proc.stderr.split("(", 1)[1].strip()]
    assert proc.stdout == ""
    proc = run("check", str(BAD / "malformed-links.html"), "--source", url)
    assert proc.returncode == 2
    assert len(proc.stderr.splitlines()) == 1 and "not a valid address" in proc.stderr
    with pytest.raises(InputError, match="not a valid address"):
        check(str(BAD / "malformed-links.html"), [url])


def article_citing(*sources: str) -> str:
    listed = "".join(f'  - "{s}"\n' for s in sources)
    return ("---\ntitle: Belmont dockers strike\nsources:\n" + listed + "---\n\n"
            + (BAD / "bad-date.md").read_text(encoding="utf-8").split("---\n", 2)[2])


def test_bad_front_matter_sources_are_findings_in_check(tmp_path):
    article = tmp_path / "strike.md"
    article.write_text(article_citing("http://example.org:8o/story", "http://"), encoding="utf-8")
    report = check(str(article), options=Options(archive=False, retries=0))
    got = {f.message: f.rule for f in report.findings if f.kind == "source_error"}
    assert got == {"http://example.org:8o/story: not a valid address (bad port)": "S100",
                   "http://: not a valid address (no host)": "S100"}


def test_bad_front_matter_sources_are_s104_in_scan(tmp_path):
    """Each bad entry is its own S104 (an empty ``http://`` is not dropped), and the good one
    is checked."""
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "factcheck.toml").write_text("max-sources = 5\n", encoding="utf-8")
    (repo / "source.txt").write_bytes((BAD / "source.txt").read_bytes())
    (repo / "strike.md").write_text(article_citing(
        "http://[oops/story", "http://", "https://", LONG_LABEL, "source.txt"), encoding="utf-8")
    proc = run("scan", "--no-progress", "-j", "1", "--format", "json", str(repo))
    assert proc.returncode == 1, proc.stderr
    import json

    (strike,) = json.loads(proc.stdout)["files"]
    assert strike["status"] == "checked" and strike["sources"] == ["source.txt"]
    s104 = sorted(f["message"] for f in strike["findings"] if f["rule"] == "S104")
    assert s104 == sorted([
        "http://[oops/story: not a valid address (bad IPv6 address)",
        "http://: not a valid address (no host)",
        "https://: not a valid address (no host)",
        f"{LONG_LABEL}: not a valid address (bad host name)",
    ])
    assert "N100" in {f["rule"] for f in strike["findings"]}


@pytest.mark.parametrize("location", ["http://[oops/x", "http://example.org:8o/x", LONG_LABEL])
@pytest.mark.parametrize("cache", [True, False])
def test_a_redirect_to_a_malformed_address_is_a_fetch_error(location, cache):
    """A real socket server answers 302 with a Location that no parser accepts (pytest-httpserver
    cannot send one: its own URL code refuses it)."""
    import socket
    import threading

    from factcheck.errors import FetchError

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(4)
    stop = threading.Event()

    def serve():
        sock.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = sock.accept()
            except socket.timeout:
                continue
            conn.recv(4096)
            conn.sendall(f"HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\n"
                         "Connection: close\r\n\r\n".encode())
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{sock.getsockname()[1]}/moved"
    try:
        with Fetcher.from_options(Options(allow_private=True, cache=cache, retries=0)) as f, \
                pytest.raises(FetchError) as err:
            f.get(url)
    finally:
        stop.set()
        thread.join(timeout=5)
        sock.close()
    assert err.value.reason == "bad-url"
    assert str(err.value) == f"{url}: redirected to an address that is not valid"
