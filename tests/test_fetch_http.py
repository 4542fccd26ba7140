"""The fetcher against a real local HTTP server (pytest-httpserver, real sockets): redirects,
the address guard, retries, timeouts, size cap, content types, robots.txt, the cache and the
web archive fallback. The web archive is a set of routes on the same local server
(FACTCHECK_WAYBACK_URL); no test reaches the internet (tests/conftest.py turns the archive off
by default)."""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

import factcheck
from factcheck.errors import FetchError
from factcheck.fetch import Fetcher
from factcheck.report import render

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "seed"
SEED_SOURCE_URL = ("https://www.aljazeera.com/news/2025/12/27/"
                   "n-korea-russia-bound-in-blood-of-war-kim-tells-putin-in-new-year-note")

ENGLISH_PAGE = (
    "<!DOCTYPE html><html lang=\"en\"><head><title>Council approves budget</title></head><body>"
    "<article><h1>Council approves budget</h1>"
    "<p>The city council approved a new budget of 12 million euros on Tuesday after a long "
    "debate about schools and roads in the northern districts.</p>"
    "<p>The vote was 31 to 12, and the mayor welcomed the result as a fair compromise for "
    "every neighbourhood of the city.</p>"
    "</article></body></html>")


def fetcher(**kwargs) -> Fetcher:
    """A fetcher for tests: no backoff, short timeouts."""
    kwargs.setdefault("backoff", 0.0)
    kwargs.setdefault("timeout", (2.0, 2.0))
    return Fetcher(**kwargs)


def options(**kwargs) -> factcheck.Options:
    kwargs.setdefault("backoff", 0.0)
    kwargs.setdefault("timeout", (2.0, 2.0))
    return factcheck.Options(**kwargs)


def seed_article_citing(*urls: str) -> str:
    html = (SEED / "article.html").read_text(encoding="utf-8")
    assert SEED_SOURCE_URL in html
    return html.replace(SEED_SOURCE_URL, " ".join(urls))


def paths(httpserver) -> list[str]:
    return [request.path for request, _ in httpserver.log]


def no_robots(httpserver) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)


def source_errors(report) -> list:
    return [f for f in report.findings if f.kind == "source_error"]


# -- redirects and the address guard ---------------------------------------------------------

def test_redirect_is_followed(httpserver) -> None:
    httpserver.expect_request("/old").respond_with_data(
        "", status=301, headers={"Location": httpserver.url_for("/new")})
    httpserver.expect_request("/new").respond_with_data(ENGLISH_PAGE, content_type="text/html")

    with fetcher() as f:
        page = f.get(httpserver.url_for("/old"))

    assert page.url == httpserver.url_for("/old")
    assert page.final_url == httpserver.url_for("/new")
    assert b"31 to 12" in page.body
    assert paths(httpserver) == ["/old", "/new"]


@pytest.mark.parametrize("target, kind", [
    ("http://10.0.0.1/internal", "a private address"),
    ("http://169.254.169.254/latest/meta-data/", "a cloud metadata address"),
    ("http://192.168.1.1/admin", "a private address"),
])
def test_redirect_to_a_private_address_is_refused(httpserver, target: str, kind: str) -> None:
    """Loopback allowed (the test server), private ranges not: the guard checks the address
    of every hop after DNS resolution, so the redirect target is refused before connecting."""
    httpserver.expect_request("/jump").respond_with_data("", status=302,
                                                         headers={"Location": target})
    with fetcher(allow_private=False, allow_loopback=True) as f, \
            pytest.raises(FetchError) as info:
        f.get(httpserver.url_for("/jump"))

    assert info.value.reason == "blocked"
    host = target.split("/")[2]
    assert str(info.value) == (f"{httpserver.url_for('/jump')}: refused: {host} is {kind} "
                               "(--allow-private allows it)")
    assert paths(httpserver) == ["/jump"]


def test_loopback_is_refused_by_default(httpserver) -> None:
    """The guard checks the address a name resolves to: 'localhost' is a loopback address, so
    no request reaches the server."""
    httpserver.expect_request("/page").respond_with_data(ENGLISH_PAGE, content_type="text/html")
    with fetcher(allow_private=False) as f, pytest.raises(FetchError) as info:
        f.get(httpserver.url_for("/page"))
    assert info.value.reason == "blocked"
    assert "is a loopback address" in str(info.value)
    assert httpserver.log == []


def test_redirect_to_another_scheme_is_refused(httpserver) -> None:
    httpserver.expect_request("/jump").respond_with_data(
        "", status=302, headers={"Location": "file:///etc/passwd"})
    with fetcher() as f, pytest.raises(FetchError) as info:
        f.get(httpserver.url_for("/jump"))
    assert info.value.reason == "blocked"
    assert "not http or https" in str(info.value)


def test_redirect_loop_stops(httpserver) -> None:
    httpserver.expect_request("/a").respond_with_data(
        "", status=302, headers={"Location": httpserver.url_for("/b")})
    httpserver.expect_request("/b").respond_with_data(
        "", status=302, headers={"Location": httpserver.url_for("/a")})

    with fetcher(max_redirects=5) as f, pytest.raises(FetchError) as info:
        f.get(httpserver.url_for("/a"))

    assert info.value.reason == "redirects"
    assert str(info.value) == f"{httpserver.url_for('/a')}: too many redirects"
    assert len(httpserver.log) == 6  # the first request and five redirects


def test_source_redirecting_to_a_private_address_is_s101(httpserver) -> None:
    httpserver.expect_request("/src").respond_with_data(
        "", status=302, headers={"Location": "http://10.0.0.1/src"})
    url = httpserver.url_for("/src")

    report = factcheck.check(str(SEED / "article.txt"), [url],
                             options=options(allow_private=False, allow_loopback=True))

    [finding] = source_errors(report)
    assert finding.rule == "S101" and finding.name == "source-blocked"
    assert dict(finding.evidence) == {"source": url, "reason": "blocked"}
    assert "10.0.0.1 is a private address" in finding.message
    assert report.article.sentences  # the article still gets its report
    assert [(s.target, s.ok, s.reason) for s in report.source_status] == [(url, False, "blocked")]


def run_cli(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if k != "FACTCHECK_DEBUG"}
    full.update(env)
    return subprocess.run([sys.executable, "-m", "factcheck", *args], cwd=ROOT, env=full,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


def test_blocked_article_url_is_exit_2_with_one_line() -> None:
    proc = run_cli("check", "http://10.0.0.1/article", FACTCHECK_ALLOW_PRIVATE="0")
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr == ("factcheck: error: http://10.0.0.1/article: refused: 10.0.0.1 is a "
                           "private address (--allow-private allows it)\n")


def test_cli_flags_allow_private_and_ignore_robots(httpserver) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow: /\n")
    httpserver.expect_request("/source").respond_with_data(
        (SEED / "source.html").read_bytes(), content_type="text/html")
    httpserver.expect_request("/article").respond_with_data(
        seed_article_citing(httpserver.url_for("/source")), content_type="text/html")
    article = httpserver.url_for("/article")

    refused = run_cli("check", article, FACTCHECK_ALLOW_PRIVATE="0")
    assert refused.returncode == 2
    assert refused.stderr.endswith("is a loopback address (--allow-private allows it)\n")
    assert httpserver.log == []

    robots = run_cli("check", article, "--allow-private", "--format", "json",
                     FACTCHECK_ALLOW_PRIVATE="0")
    assert [f["rule"] for f in json.loads(robots.stdout)["findings"]
            if f["kind"] == "source_error"] == ["S101"]

    allowed = run_cli("check", article, "--allow-private", "--ignore-robots", "--format", "json",
                      FACTCHECK_ALLOW_PRIVATE="0")
    data = json.loads(allowed.stdout)
    assert [s["ok"] for s in data["source_status"]] == [True]
    assert data["sources"][0]["retrieved"] == "http"


def test_cited_source_must_be_a_web_address(tmp_path: Path) -> None:
    """A path or a file:// address found inside an article is never read; a local file given
    with --source is."""
    secret = tmp_path / "secret.txt"
    secret.write_text("The secret plan was approved by the board on Monday after a long "
                      "meeting that lasted many hours.\n", encoding="utf-8")
    article = tmp_path / "article.md"
    article.write_text(
        f"---\nsources:\n  - {secret.as_uri()}\n  - secret.txt\n---\n\n"
        "# Council approves budget\n\n"
        "The city council approved a new budget of 12 million euros on Tuesday after a long "
        "debate about schools and roads.\n", encoding="utf-8")

    report = factcheck.check(str(article))

    assert [f.rule for f in source_errors(report)] == ["S101", "S101"]
    assert all("must be an http or https address" in f.message for f in source_errors(report))
    assert report.sources == ()
    given = factcheck.check(str(article), [str(secret)])
    assert [s.ok for s in given.source_status] == [True]


# -- retries, timeouts, size ------------------------------------------------------------------

def test_429_with_retry_after_is_retried_then_succeeds(httpserver) -> None:
    answers = iter([Response("slow down", status=429, headers={"Retry-After": "1"}),
                    Response(ENGLISH_PAGE, content_type="text/html")])
    httpserver.expect_request("/busy").respond_with_handler(lambda request: next(answers))

    with fetcher() as f:
        page = f.get(httpserver.url_for("/busy"))

    assert page.status == 200 and b"31 to 12" in page.body
    assert paths(httpserver) == ["/busy", "/busy"]


def test_server_error_is_retried_then_reported(httpserver) -> None:
    httpserver.expect_request("/down").respond_with_data("oops", status=503)

    with fetcher(retries=2) as f, pytest.raises(FetchError) as info:
        f.get(httpserver.url_for("/down"))

    assert info.value.reason == "http-status" and info.value.status == 503
    assert str(info.value) == f"{httpserver.url_for('/down')}: HTTP 503 SERVICE UNAVAILABLE"
    assert paths(httpserver) == ["/down"] * 3  # the first try and two retries


def test_404_is_not_retried(httpserver) -> None:
    httpserver.expect_request("/gone").respond_with_data("no", status=404)
    with fetcher() as f, pytest.raises(FetchError):
        f.get(httpserver.url_for("/gone"))
    assert paths(httpserver) == ["/gone"]


def test_slow_response_hits_the_read_timeout(httpserver) -> None:
    calls: list[str] = []

    def slow(request: Request) -> Response:
        calls.append(request.path)
        time.sleep(2)
        return Response(ENGLISH_PAGE, content_type="text/html")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    with fetcher(timeout=(1.0, 1.0)) as f, pytest.raises(FetchError) as info:
        f.get(httpserver.url_for("/slow"))
    assert info.value.reason == "timeout"
    assert str(info.value) == f"{httpserver.url_for('/slow')}: timed out"
    assert calls == ["/slow"]  # a read timeout is not retried


def test_compressed_body_over_the_cap_is_refused(httpserver) -> None:
    """The cap counts decoded bytes: a small gzip body that inflates past it is refused."""
    bomb = gzip.compress(b"<p>" + b"a" * 200_000 + b"</p>")
    assert len(bomb) < 1000
    httpserver.expect_request("/bomb").respond_with_data(
        bomb, content_type="text/html", headers={"Content-Encoding": "gzip"})
    with fetcher(max_bytes=10_000) as f, pytest.raises(FetchError) as info:
        f.get(httpserver.url_for("/bomb"))
    assert info.value.reason == "too-large"


def test_body_over_the_cap_as_a_source_is_s100(httpserver) -> None:
    httpserver.expect_request("/big").respond_with_data(b"<p>" + b"x" * 50_000 + b"</p>",
                                                        content_type="text/html")
    url = httpserver.url_for("/big")
    report = factcheck.check(str(SEED / "article.txt"), [url], options=options(max_bytes=10_000))
    [finding] = source_errors(report)
    assert finding.rule == "S100" and ("reason", "too-large") in finding.evidence


# -- content types and charsets ---------------------------------------------------------------

def test_pdf_is_unsupported_content(httpserver) -> None:
    httpserver.expect_request("/report.pdf").respond_with_data(
        b"%PDF-1.7\n" + bytes(range(256)) * 8, content_type="application/pdf")
    url = httpserver.url_for("/report.pdf")

    with fetcher() as f, pytest.raises(FetchError) as info:
        f.get(url)
    assert info.value.reason == "unsupported-content"
    assert str(info.value) == f"{url}: unsupported content (application/pdf)"

    report = factcheck.check(str(SEED / "article.txt"), [url], options=options())
    [finding] = source_errors(report)
    assert finding.rule == "S102"
    assert [(s.ok, s.reason) for s in report.source_status] == [(False, "unsupported-content")]


def test_pdf_served_without_a_type_is_sniffed(httpserver) -> None:
    httpserver.expect_request("/doc").respond_with_data(b"%PDF-1.4\n%binary\n" + b"x" * 100,
                                                        content_type="application/octet-stream")
    with fetcher() as f, pytest.raises(FetchError) as info:
        f.get(httpserver.url_for("/doc"))
    assert str(info.value).endswith("unsupported content (application/pdf)")


def test_binary_blob_is_unsupported_content(httpserver) -> None:
    blob = bytes((i * 37 + 11) % 256 for i in range(4096))
    assert b"\x00" in blob
    httpserver.expect_request("/blob").respond_with_data(blob,
                                                         content_type="application/octet-stream")
    with fetcher() as f, pytest.raises(FetchError) as info:
        f.get(httpserver.url_for("/blob"))
    assert info.value.reason == "unsupported-content"
    assert str(info.value).endswith("unsupported content (binary data)")


def test_article_that_is_an_image_is_exit_2(httpserver) -> None:
    httpserver.expect_request("/photo.jpg").respond_with_data(b"\xff\xd8\xff\xe0" + b"\x00" * 64,
                                                              content_type="image/jpeg")
    url = httpserver.url_for("/photo.jpg")
    proc = run_cli("check", url)
    assert proc.returncode == 2
    assert proc.stderr == f"factcheck: error: {url}: unsupported content (image/jpeg)\n"


def test_empty_200_source_is_s102(httpserver) -> None:
    httpserver.expect_request("/empty").respond_with_data(b"  \n", content_type="text/html")
    url = httpserver.url_for("/empty")
    report = factcheck.check(str(SEED / "article.txt"), [url], options=options())
    [finding] = source_errors(report)
    assert finding.rule == "S102"
    assert finding.message == f"{url}: empty page (HTTP 200, no text)"
    assert [(s.ok, s.reason) for s in report.source_status] == [(False, "empty")]


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8"])
def test_french_source_without_charset_is_decoded(httpserver, encoding: str) -> None:
    page = ("<!DOCTYPE html><html><head><title>Le conseil vote le budget</title></head><body>"
            "<article><h1>Le conseil vote le budget</h1>"
            "<p>Le conseil municipal a approuvé le budget de l’année prochaine après un débat "
            "très animé sur les écoles et les routes.</p>"
            "<p>Le maire a déclaré que c’était « une décision historique » pour la région et "
            "ses habitants, selon le communiqué publié mercredi.</p></article></body></html>")
    httpserver.expect_request("/fr").respond_with_data(page.encode(encoding),
                                                       content_type="text/html")
    url = httpserver.url_for("/fr")

    report = factcheck.check(str(SEED / "article.txt"), [url], options=options())

    [source] = report.sources
    assert source.document.language == "fr"
    text = source.document.text
    assert "approuvé le budget de l’année prochaine" in text
    assert "« une décision historique »" in text
    assert "\ufffd" not in text and "Ã" not in text


# -- robots.txt ------------------------------------------------------------------------------

def test_robots_txt_disallow_makes_a_cited_source_s101(httpserver) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data(
        "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    httpserver.expect_request("/private/story").respond_with_data(
        (SEED / "source.html").read_bytes(), content_type="text/html")
    source = httpserver.url_for("/private/story")
    httpserver.expect_request("/article").respond_with_data(
        seed_article_citing(source), content_type="text/html")

    report = factcheck.check(httpserver.url_for("/article"), options=options())

    [finding] = source_errors(report)
    assert finding.rule == "S101"
    assert dict(finding.evidence) == {"source": source, "reason": "robots"}
    assert "robots.txt does not allow" in finding.message
    assert "/private/story" not in paths(httpserver)
    assert report.article.sentences


def test_robots_txt_is_ignored_on_request_and_for_given_sources(httpserver) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data(
        "User-agent: factcheck\nDisallow: /\n", content_type="text/plain")
    httpserver.expect_request("/private/story").respond_with_data(
        (SEED / "source.html").read_bytes(), content_type="text/html")
    source = httpserver.url_for("/private/story")
    httpserver.expect_request("/article").respond_with_data(
        seed_article_citing(source), content_type="text/html")

    ignored = factcheck.check(httpserver.url_for("/article"),
                              options=options(respect_robots=False))
    given = factcheck.check(httpserver.url_for("/article"), [source], options=options())

    for report in (ignored, given):
        assert source_errors(report) == []
        assert [s.ok for s in report.source_status] == [True]
    assert "/robots.txt" not in paths(httpserver)


def test_robots_txt_server_error_allows(httpserver) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("broken", status=500)
    httpserver.expect_request("/story").respond_with_data(ENGLISH_PAGE, content_type="text/html")
    with fetcher() as f:
        assert f.robots_allowed(httpserver.url_for("/story"))
    assert paths(httpserver) == ["/robots.txt"]  # tried once, not retried


# -- the cache -------------------------------------------------------------------------------

def serve_seed_pair(httpserver) -> str:
    no_robots(httpserver)
    httpserver.expect_request("/source").respond_with_data(
        (SEED / "source.html").read_bytes(), content_type="text/html")
    httpserver.expect_request("/article").respond_with_data(
        seed_article_citing(httpserver.url_for("/source")), content_type="text/html")
    return httpserver.url_for("/article")


def test_second_run_is_answered_from_the_cache(httpserver) -> None:
    article = serve_seed_pair(httpserver)

    first = factcheck.check(article, options=options())
    requests_made = len(httpserver.log)
    assert sorted(set(paths(httpserver))) == ["/article", "/robots.txt", "/source"]
    second = factcheck.check(article, options=options())

    assert len(httpserver.log) == requests_made
    assert render(first, "json") == render(second, "json")


def test_offline_uses_the_cache_and_refresh_bypasses_it(httpserver) -> None:
    article = serve_seed_pair(httpserver)
    factcheck.check(article, options=options())
    requests_made = len(httpserver.log)

    offline = factcheck.check(article, options=options(offline=True))
    assert len(httpserver.log) == requests_made
    assert [s.ok for s in offline.source_status] == [True]

    factcheck.check(article, options=options(refresh=True))
    assert paths(httpserver)[requests_made:].count("/article") == 1
    assert paths(httpserver)[requests_made:].count("/source") == 1


def test_offline_source_not_in_the_cache_is_s100(httpserver) -> None:
    url = httpserver.url_for("/never")
    report = factcheck.check(str(SEED / "article.txt"), [url], options=options(offline=True))
    [finding] = source_errors(report)
    assert finding.rule == "S100"
    assert finding.message == f"{url}: not in the cache (offline)"
    assert ("reason", "not-cached") in finding.evidence
    assert httpserver.log == []


def test_offline_article_not_in_the_cache_is_exit_2(httpserver) -> None:
    url = httpserver.url_for("/never")
    proc = run_cli("check", url, "--offline")
    assert proc.returncode == 2
    assert proc.stderr == f"factcheck: error: {url}: not in the cache (offline)\n"
    assert httpserver.log == []


def test_cache_folder_that_cannot_be_used_is_exit_2(tmp_path: Path, httpserver) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    url = httpserver.url_for("/article")
    proc = run_cli("check", url, FACTCHECK_CACHE_DIR=str(blocker / "cache"))
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"factcheck: error: cannot use the cache folder {blocker}")
    assert proc.stderr.count("\n") == 1


# -- the web archive -------------------------------------------------------------------------

SNAPSHOT = "20251227093000"


def serve_archive(httpserver, monkeypatch, original: str, *, available: bool = True,
                  page: bytes | None = None) -> None:
    """The Wayback Machine's availability API and raw snapshots, on the local server."""
    monkeypatch.setenv("FACTCHECK_WAYBACK_URL", httpserver.url_for("/"))
    closest = {"available": True, "url": f"http://web.archive.org/web/{SNAPSHOT}/{original}",
               "timestamp": SNAPSHOT, "status": "200"}
    httpserver.expect_request("/wayback/available").respond_with_json(
        {"url": original, "archived_snapshots": {"closest": closest} if available else {}})
    httpserver.expect_request(re.compile(rf"^/web/{SNAPSHOT}id_/.+")).respond_with_data(
        page if page is not None else (SEED / "source.html").read_bytes(),
        content_type="text/html")


def archive_queries(httpserver) -> list[dict[str, str]]:
    return [dict(request.args) for request, _ in httpserver.log
            if request.path == "/wayback/available"]


def gone(httpserver, how: str) -> None:
    route = httpserver.expect_request("/gone")
    if how == "timeout":
        def slow(request: Request) -> Response:
            time.sleep(2)
            return Response("late", content_type="text/html")
        route.respond_with_handler(slow)
    elif how == "empty":
        route.respond_with_data(b"", content_type="text/html")
    elif how == "no-article":
        route.respond_with_data("<html><body><nav><a href='/'>Home</a></nav></body></html>",
                                content_type="text/html")
    else:
        route.respond_with_data("gone", status=int(how))


@pytest.fixture
def threaded_httpserver():
    """A local server that answers each request in its own thread.

    The shared server is single-threaded: a handler sleeping past the client's read timeout
    would hold the archive lookup that follows in its queue until it wakes, and that lookup
    could then time out too, depending on the machine's load.
    """
    server = HTTPServer(host="localhost", port=0, threaded=True)
    server.start()
    yield server
    server.clear()
    server.stop()


@pytest.mark.parametrize("how", ["404", "410", "503", "timeout", "empty", "no-article"])
def test_source_that_is_gone_is_read_from_the_archive(threaded_httpserver, monkeypatch,
                                                       how: str) -> None:
    httpserver = threaded_httpserver
    no_robots(httpserver)
    gone(httpserver, how)
    source = httpserver.url_for("/gone")
    serve_archive(httpserver, monkeypatch, source)
    httpserver.expect_request("/article").respond_with_data(
        seed_article_citing(source), content_type="text/html")

    report = factcheck.check(httpserver.url_for("/article"),
                             options=options(timeout=(1.0, 1.0), retries=1))

    assert source_errors(report) == []
    [seg] = report.sources
    assert seg.document.how == "archive"
    assert seg.document.archived_at == "2025-12-27T09:30:00Z"
    assert seg.document.url == source
    assert seg.document.final_url.endswith(f"/web/{SNAPSHOT}id_/{source}")
    # the snapshot closest to the article's date (article:published_time 2025-12-28)
    assert archive_queries(httpserver) == [{"url": source, "timestamp": "20251228"}]
    kinds = report.counts()
    assert kinds.get("addition", 0) > 0 and kinds.get("omission", 0) > 0, kinds

    data = json.loads(render(report, "json"))
    assert data["sources"][0]["retrieved"] == "archive"
    assert data["sources"][0]["archived_at"] == "2025-12-27T09:30:00Z"
    assert data["article"]["archived_at"] is None
    text = render(report, "text")
    assert f"source   {source}  (en, " in text
    assert "web archive copy of 2025-12-27)" in text


def test_source_404_without_archive_copy_is_s100(httpserver, monkeypatch) -> None:
    httpserver.expect_request("/gone").respond_with_data("gone", status=404)
    source = httpserver.url_for("/gone")
    serve_archive(httpserver, monkeypatch, source, available=False)

    report = factcheck.check(str(SEED / "article.txt"), [source], options=options())

    [finding] = source_errors(report)
    assert finding.rule == "S100"
    assert finding.message == f"{source}: HTTP 404 NOT FOUND; no copy in the web archive"
    assert dict(finding.evidence) == {"source": source, "reason": "http-status"}
    assert report.sources == ()
    # the article file has no date: the archive is asked for its latest copy
    assert archive_queries(httpserver) == [{"url": source}]
    assert not any(p.startswith("/web/") for p in paths(httpserver))


def test_archive_copy_without_article_text_keeps_the_original_error(httpserver,
                                                                    monkeypatch) -> None:
    httpserver.expect_request("/gone").respond_with_data("gone", status=410)
    source = httpserver.url_for("/gone")
    serve_archive(httpserver, monkeypatch, source, page=b"<html><body><p>Hi.</p></body></html>")

    report = factcheck.check(str(SEED / "article.txt"), [source], options=options())

    [finding] = source_errors(report)
    assert finding.rule == "S100"
    assert finding.message == (f"{source}: HTTP 410 GONE; the archive copy holds no article "
                               "text either")


def test_refused_source_is_not_looked_up_in_the_archive(httpserver, monkeypatch) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow: /\n")
    source = httpserver.url_for("/story")
    serve_archive(httpserver, monkeypatch, source)
    httpserver.expect_request("/article").respond_with_data(
        seed_article_citing(source), content_type="text/html")

    report = factcheck.check(httpserver.url_for("/article"), options=options())

    assert [f.rule for f in source_errors(report)] == ["S101"]
    assert archive_queries(httpserver) == []


def test_archive_off_reports_the_plain_error(httpserver) -> None:
    httpserver.expect_request("/gone").respond_with_data("gone", status=404)
    source = httpserver.url_for("/gone")
    report = factcheck.check(str(SEED / "article.txt"), [source], options=options())
    [finding] = source_errors(report)
    assert finding.message == f"{source}: HTTP 404 NOT FOUND"
    assert paths(httpserver) == ["/gone"]


# -- several sources -------------------------------------------------------------------------

SOURCE_A = (
    "<!DOCTYPE html><html lang=\"en\"><head><title>Port strike begins</title></head><body>"
    "<article><h1>Port strike begins</h1>"
    "<p>Dock workers at the port of Belmont walked out on Monday after talks on pay collapsed, "
    "the union said.</p>"
    "<p>The union is demanding a nine percent pay rise over two years for its members.</p>"
    "</article></body></html>")
SOURCE_B = (
    "<!DOCTYPE html><html lang=\"en\"><head><title>Ships wait off Belmont</title></head><body>"
    "<article><h1>Ships wait off Belmont</h1>"
    "<p>More than forty container ships were waiting at anchor outside the harbour on "
    "Wednesday, the port authority said.</p>"
    "<p>Supermarkets in the region warned that fresh produce could run short within a week.</p>"
    "</article></body></html>")


def test_article_citing_two_sources_is_checked_against_both(httpserver) -> None:
    no_robots(httpserver)
    httpserver.expect_request("/a").respond_with_data(SOURCE_A, content_type="text/html")
    httpserver.expect_request("/b").respond_with_data(SOURCE_B, content_type="text/html")
    a, b = httpserver.url_for("/a"), httpserver.url_for("/b").replace("localhost", "127.0.0.1")
    article = (
        "<!DOCTYPE html><html lang=\"en\"><head><title>Belmont port at a standstill</title>"
        "</head><body><article><h1>Belmont port at a standstill</h1>"
        "<p>Dock workers at the port of Belmont walked out on Monday after pay talks collapsed, "
        "the union said.</p>"
        "<p>More than forty container ships were waiting at anchor outside the harbour on "
        "Wednesday, the port authority said.</p>"
        f"<p>Sources: {a} and {b}</p></article></body></html>")
    httpserver.expect_request("/news").respond_with_data(article, content_type="text/html")

    report = factcheck.check(httpserver.url_for("/news"), options=options())

    assert [c.url for c in report.article.document.citations] == [a, b]
    assert [(s.target, s.ok) for s in report.source_status] == [(a, True), (b, True)]
    first, second = report.sources
    ids_a = {s.id for s in first.sentences}
    ids_b = {s.id for s in second.sentences}
    assert not ids_a & ids_b
    rendered = {s for bead in report.alignments if bead.article for s in bead.source}
    assert rendered & ids_a and rendered & ids_b  # each source supports an article sentence
    assert report.stat("article_supported") == report.stat("article_sentences") == 2


@pytest.mark.parametrize("answer", [
    {"archived_snapshots": {"closest": "not an object"}},
    {"archived_snapshots": {"closest": {"available": True, "timestamp": "../../etc"}}},
    {"archived_snapshots": {"closest": {"available": True, "timestamp": SNAPSHOT,
                                        "status": "404"}}},
    ["not", "an", "object"],
])
def test_unusable_archive_answer_is_no_copy(httpserver, monkeypatch, answer) -> None:
    monkeypatch.setenv("FACTCHECK_WAYBACK_URL", httpserver.url_for("/"))
    httpserver.expect_request("/gone").respond_with_data("gone", status=404)
    httpserver.expect_request("/wayback/available").respond_with_json(answer)
    source = httpserver.url_for("/gone")

    report = factcheck.check(str(SEED / "article.txt"), [source], options=options())

    [finding] = source_errors(report)
    assert finding.message.endswith("; no copy in the web archive")
    assert not any(p.startswith("/web/") for p in paths(httpserver))
