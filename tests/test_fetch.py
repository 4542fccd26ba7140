"""Fetching over real HTTP (pytest-httpserver on a local socket), in process."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from werkzeug import Request, Response

import factcheck
from factcheck.errors import FetchError
from factcheck.extract import extract
from factcheck.fetch import load

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "seed"
SEED_SOURCE_URL = ("https://www.aljazeera.com/news/2025/12/27/"
                   "n-korea-russia-bound-in-blood-of-war-kim-tells-putin-in-new-year-note")

FRENCH_PAGE = (
    "<!DOCTYPE html><html><head><title>Le conseil vote le budget</title></head><body><article>"
    "<h1>Le conseil vote le budget</h1>"
    "<p>Le conseil municipal a approuvé le budget de l’année prochaine après un débat très "
    "animé sur les écoles et les routes.</p>"
    "<p>Le maire a déclaré que c’était « une décision historique » pour la région et ses "
    "habitants, selon le communiqué publié mercredi.</p>"
    "</article></body></html>"
)


def other_host(url: str) -> str:
    """The same local server under another host name (127.0.0.1 instead of localhost)."""
    assert "//localhost:" in url, url
    return url.replace("//localhost:", "//127.0.0.1:", 1)


def seed_article_citing(source_url: str) -> str:
    html = (SEED / "article.html").read_text(encoding="utf-8")
    assert SEED_SOURCE_URL in html
    return html.replace(SEED_SOURCE_URL, source_url)


# -- end to end ------------------------------------------------------------------------------

@pytest.mark.parametrize("host", ["same-host", "other-host"])
def test_seed_end_to_end_discovers_source_from_source_line(httpserver, host: str) -> None:
    source_url = httpserver.url_for("/source")
    if host == "other-host":
        source_url = other_host(source_url)
    httpserver.expect_request("/article").respond_with_data(
        seed_article_citing(source_url), content_type="text/html; charset=utf-8")
    httpserver.expect_request("/source").respond_with_data(
        (SEED / "source.html").read_bytes(), content_type="text/html")

    report = factcheck.check(httpserver.url_for("/article"))

    citations = [c for c in report.article.document.citations if c.how == "source-line"]
    assert [c.url for c in citations] == [source_url]
    assert [(s.target, s.ok) for s in report.source_status] == [(source_url, True)]
    assert len(report.sources) == 1 and report.sources[0].sentences
    kinds = report.counts()
    assert kinds.get("addition", 0) > 0, kinds
    assert kinds.get("omission", 0) > 0, kinds
    assert "source_error" not in kinds, [f.message for f in report.findings]


# -- sources that fail become findings ---------------------------------------------------------

def test_source_404_is_s100_finding(httpserver) -> None:
    httpserver.expect_request("/gone").respond_with_data("not here", status=404)
    url = httpserver.url_for("/gone")

    report = factcheck.check(str(SEED / "article.txt"), [url])

    s100 = [f for f in report.findings if f.rule == "S100"]
    assert len(s100) == 1 and s100[0].kind == "source_error"
    assert ("reason", "http-status") in s100[0].evidence
    assert report.article.sentences
    assert report.sources == ()
    assert [(s.target, s.ok) for s in report.source_status] == [(url, False)]


def test_source_that_is_an_image_is_a_finding(httpserver) -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    httpserver.expect_request("/photo.png").respond_with_data(png, content_type="image/png")
    url = httpserver.url_for("/photo.png")

    report = factcheck.check(str(SEED / "article.txt"), [url])  # must not raise

    errors = [f for f in report.findings if f.kind == "source_error"]
    assert len(errors) == 1 and errors[0].rule in ("S100", "S102"), errors
    assert report.article.sentences
    assert [s.ok for s in report.source_status] == [False]


# -- fetch.load limits -----------------------------------------------------------------------

def test_body_over_size_cap_is_refused_with_declared_length(httpserver) -> None:
    httpserver.expect_request("/big").respond_with_data(b"<p>" + b"x" * 5000 + b"</p>",
                                                        content_type="text/html")
    options = factcheck.Options(max_bytes=1000)
    with pytest.raises(FetchError) as info:
        load(httpserver.url_for("/big"), timeout=options.timeout, max_bytes=options.max_bytes)
    assert info.value.reason == "too-large"


def test_body_over_size_cap_is_refused_while_streaming(httpserver) -> None:
    """No Content-Length (chunked): the cap is enforced while reading."""
    chunks = (b"x" * 600 for _ in range(10))
    httpserver.expect_request("/chunked").respond_with_response(
        Response(chunks, content_type="text/html"))
    options = factcheck.Options(max_bytes=1000)
    with pytest.raises(FetchError) as info:
        load(httpserver.url_for("/chunked"), timeout=options.timeout, max_bytes=options.max_bytes)
    assert info.value.reason == "too-large"


def test_slow_server_times_out(httpserver) -> None:
    def slow(request: Request) -> Response:
        time.sleep(2)
        return Response("<p>too late</p>", content_type="text/html")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    options = factcheck.Options(timeout=(1, 1))
    started = time.monotonic()
    with pytest.raises(FetchError) as info:
        load(httpserver.url_for("/slow"), timeout=options.timeout, max_bytes=options.max_bytes)
    assert info.value.reason == "timeout"
    assert time.monotonic() - started < 1.9


# -- decoding --------------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["cp1252", "utf-8"])
@pytest.mark.parametrize("content_type", ["text/html", "text/plain"])
def test_page_without_declared_charset_decodes(httpserver, encoding: str, content_type: str) -> None:
    body = FRENCH_PAGE if content_type == "text/html" else (
        "Le conseil municipal a approuvé le budget de l’année prochaine après un débat très "
        "animé sur les écoles et les routes.\n\n"
        "Le maire a déclaré que c’était « une décision historique » pour la région et ses "
        "habitants, selon le communiqué publié mercredi.\n")
    httpserver.expect_request("/fr").respond_with_data(body.encode(encoding),
                                                       content_type=content_type)

    fetched = load(httpserver.url_for("/fr"))
    assert fetched.charset is None  # nothing was declared
    doc = extract(fetched)

    assert doc.language == "fr"
    assert "approuvé le budget de l’année prochaine" in doc.text
    assert "c’était « une décision historique »" in doc.text
    assert "\ufffd" not in doc.text and "Ã" not in doc.text and "â€" not in doc.text


def test_empty_article_response_is_an_error(httpserver) -> None:
    httpserver.expect_request("/empty").respond_with_data(b"", content_type="text/html")
    with pytest.raises(FetchError) as info:
        factcheck.check(httpserver.url_for("/empty"))
    assert info.value.reason == "empty"
    assert str(info.value) == f"{httpserver.url_for('/empty')}: empty page (HTTP 200, no text)"


# -- links -----------------------------------------------------------------------------------

def test_relative_links_are_resolved_against_the_page_url(httpserver) -> None:
    elsewhere = other_host(httpserver.url_for("/minutes"))
    page = (
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<title>Council approves budget</title></head><body><article>"
        "<h1>Council approves budget</h1>"
        "<p>The city council approved a new budget of 12 million euros on Tuesday after a long "
        "debate about schools and roads in the northern districts.</p>"
        "<p>According to <a href=\"/source\">the original report</a>, the vote was 31 to 12 and "
        "the mayor welcomed the result warmly.</p>"
        f"<p>Read <a href=\"{elsewhere.split(':', 1)[1]}\">the minutes</a> for the details of "
        "the debate held in the chamber.</p>"
        "</article></body></html>")
    httpserver.expect_request("/news/budget").respond_with_data(page, content_type="text/html")

    doc = extract(load(httpserver.url_for("/news/budget")))

    link_urls = {link.url for link in doc.links}
    assert httpserver.url_for("/source") in link_urls  # href="/source" made absolute
    assert all(url.startswith("http://") for url in link_urls), link_urls
    cited = [c.url for c in doc.citations]
    assert elsewhere in cited  # scheme-relative href="//127.0.0.1:port/minutes"
    assert all(url.startswith(("http://", "https://")) for url in cited), cited
    # href="/source" resolves to the article's own host, which take_citations() leaves out of
    # the citations on purpose (navigation, related posts); so it is checked in doc.links above.
