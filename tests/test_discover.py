"""Source discovery: what an article cites, normalised, merged and ranked best first."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.discover import normalise
from factcheck.extract import extract
from factcheck.fetch import read_file
from factcheck.models import Fetched

ROOT = Path(__file__).resolve().parent.parent

BODY_EN = ("<p>The city council approved a new budget of 12 million euros on Tuesday after a "
           "long debate about schools and roads in the northern districts.</p>"
           "<p>The vote was 31 to 12, and the mayor welcomed the result as a fair compromise "
           "for every neighbourhood of the city.</p>")


def page(body: str, *, head: str = "", lang: str = "en", url: str = "https://news.example/a",
         ctype: str = "text/html") -> Fetched:
    html = (f"<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">"
            f"<title>Council approves budget</title>{head}</head><body><article>"
            f"<h1>Council approves budget</h1>{body}</article></body></html>")
    return Fetched(url=url, final_url=url, status=200, content_type=ctype,
                   body=html.encode("utf-8"), how="http")


def cited(doc) -> list[tuple[str, str]]:
    return [(c.url, c.how) for c in doc.citations]


@pytest.mark.parametrize("written, expected", [
    ("https://www.example.com/a?utm_source=x&id=3&fbclid=abc#top", "https://www.example.com/a?id=3"),
    ("https://example.com/a?gclid=1&utm_medium=social&utm_campaign=z", "https://example.com/a"),
    ("https://amp.theguardian.com/world/2025/story", "https://www.theguardian.com/world/2025/story"),
    ("https://m.lemonde.fr/international/article.html", "https://www.lemonde.fr/international/article.html"),
    ("https://en.m.wikipedia.org/wiki/Belmont", "https://en.wikipedia.org/wiki/Belmont"),
    ("https://www.bbc.com/news/amp/world-123", "https://www.bbc.com/news/world-123"),
    ("https://example.com/story/amp/", "https://example.com/story/"),
    ("https://example.com/story.amp.html?outputType=amp", "https://example.com/story.html"),
    ("https://example.com/story?amp=1&page=2", "https://example.com/story?page=2"),
    ("https://www-example-com.cdn.ampproject.org/c/s/www.example.com/story",
     "https://www.example.com/story"),
    ("https://www.google.com/amp/s/www.example.com/story/amp", "https://www.example.com/story"),
    ("www.example.org/story.", "https://www.example.org/story"),
    ("https://example.com/search?q=a%20b&output=json", "https://example.com/search?q=a%20b&output=json"),
    ("copies/b.html", "copies/b.html"),
])
def test_normalise(written: str, expected: str) -> None:
    assert normalise(written) == expected


@pytest.mark.parametrize("line", [
    "Source : https://wire.example/story",
    "Sources: https://wire.example/story",
    "source:https://wire.example/story",
    "(Source: https://wire.example/story)",
    "Source – https://wire.example/story",
    "Via: https://wire.example/story",
])
def test_source_line_forms(line: str) -> None:
    doc = extract(page(BODY_EN + f"<p>{line}</p>"))
    assert cited(doc)[0] == ("https://wire.example/story", "source-line")
    assert "wire.example" not in doc.text  # the line left the text


@pytest.mark.parametrize("lang, body, line", [
    ("fr", "<p>Le conseil municipal a approuvé le budget de l’année prochaine après un débat très "
           "animé sur les écoles et les routes du quartier nord.</p>",
     "Source : <a href=\"https://wire.example/story\">Agence Nord</a>"),
    ("es", "<p>El ayuntamiento aprobó el martes un nuevo presupuesto de doce millones de euros "
           "tras un largo debate sobre escuelas y carreteras.</p>",
     "Fuente: https://wire.example/story"),
    ("de", "<p>Der Stadtrat hat am Dienstag nach einer langen Debatte über Schulen und Straßen "
           "einen neuen Haushalt von zwölf Millionen Euro beschlossen.</p>",
     "Quelle: https://wire.example/story"),
])
def test_source_lines_in_other_languages(lang: str, body: str, line: str) -> None:
    doc = extract(page(body * 2 + f"<p>{line}</p>", lang=lang))
    assert doc.language == lang
    assert cited(doc)[0] == ("https://wire.example/story", "source-line")


def test_ranking_and_evidence() -> None:
    body = (
        "<p>The city council approved a new budget of 12 million euros on Tuesday, according "
        "to <a href=\"https://www.wire.example/budget-vote?utm_source=feed\">Wire News</a>, "
        "after a long debate about schools.</p>"
        "<p>Details of the plan are in <a href=\"https://docs.example/plan\">the plan</a> "
        "published by the city last week for residents.</p>"
        "<p>Share it on <a href=\"https://twitter.com/intent/tweet?url=x\">X</a> or visit "
        "<a href=\"https://portal.example/\">the portal</a> for other news of the region.</p>"
        "<p>Also read <a href=\"https://news.example/other-story\">our other story</a> about "
        "the council and its many committees and working groups.</p>"
        "<p>Photo by <a href=\"https://photos.example/img.jpg\">the agency</a> taken during "
        "the session of the council on Tuesday evening.</p>")
    doc = extract(page(body))

    assert cited(doc) == [
        ("https://www.wire.example/budget-vote", "credit"),
        ("https://docs.example/plan", "body-link"),
        ("https://photos.example/img.jpg", "body-link"),  # a file: -20
        ("https://portal.example/", "body-link"),  # a home page: -25
        ("https://twitter.com/intent/tweet?url=x", "body-link"),  # a share button: -30
    ]  # https://news.example/other-story is the article's own site: not a source
    first = doc.citations[0]
    assert first.outlet == "Wire News"
    assert "according to [Wire News]" in first.evidence
    assert first.written == "https://www.wire.example/budget-vote?utm_source=feed"
    assert doc.citations[1].outlet == "docs.example"  # generic link text: the host


def test_outlet_named_by_a_source_line_lifts_its_link() -> None:
    body = (BODY_EN.replace("</p>", " See <a href=\"https://blog.example/post\">a blog post</a>.</p>", 1)
            + "<p>The <a href=\"https://www.reuters.example/world/budget\">full report</a> has "
              "more figures on spending for the coming year in each district.</p>"
            + "<p>Source : Reuters</p>")
    doc = extract(page(body))
    assert [c.url for c in doc.citations][:2] == ["https://www.reuters.example/world/budget",
                                                  "https://blog.example/post"]
    assert "Source : Reuters" not in doc.text


def test_via_credit() -> None:
    body = BODY_EN + "<p>Reported first by the regional press (via <a href=\"https://paper.example/story\">The Paper</a>) this week.</p>"
    doc = extract(page(body))
    assert cited(doc)[0] == ("https://paper.example/story", "via")
    assert doc.citations[0].outlet == "The Paper"


def test_variants_of_one_page_are_merged() -> None:
    body = (BODY_EN
            + "<p>Read <a href=\"https://amp.wire.example/story/amp?utm_source=tw\">the wire "
              "story</a> for the figures given by the council on Tuesday.</p>"
            + "<p>Source : https://www.wire.example/story</p>")
    doc = extract(page(body))
    assert cited(doc) == [("https://www.wire.example/story", "source-line")]
    assert doc.citations[0].also == ("body-link",)


def test_canonical_marks_a_saved_page_s_own_site(tmp_path: Path) -> None:
    saved = tmp_path / "saved.html"
    saved.write_bytes(page(
        BODY_EN + "<p>More on <a href=\"/politics/other\">politics</a> and "
                  "<a href=\"https://agency.example/original\">the original dispatch</a> "
                  "from the agency on Tuesday night.</p>",
        head="<link rel=\"canonical\" href=\"https://site.example/news/budget\">").body)
    doc = extract(read_file(str(saved)))
    assert doc.canonical == "https://site.example/news/budget"
    assert cited(doc) == [("https://agency.example/original", "credit")]


def test_sources_command_text_and_json(tmp_path: Path) -> None:
    article = tmp_path / "a.html"
    article.write_bytes(page(
        BODY_EN + "<p>According to <a href=\"https://wire.example/x?fbclid=1\">Wire</a>, "
                  "the vote was close and the debate went on late into the night.</p>"
                  "<p>Source : https://agency.example/story</p>").body)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "factcheck", "sources", str(article), *args],
                              cwd=ROOT, capture_output=True, text=True, encoding="utf-8",
                              timeout=120)

    text = run()
    assert text.returncode == 0, text.stderr
    lines = text.stdout.splitlines()
    assert lines[0] == f"article    {article}"
    assert " 1  https://agency.example/story" in lines
    assert " 2  https://wire.example/x" in lines
    assert "    how       credit" in lines
    assert "    written   https://wire.example/x?fbclid=1" in lines

    data = json.loads(run("--format", "json").stdout)
    assert [(s["rank"], s["url"], s["how"], s["checked"]) for s in data["sources"]] == [
        (1, "https://agency.example/story", "source-line", True),
        (2, "https://wire.example/x", "credit", True)]
    assert data["sources"][1]["outlet"] == "Wire"
    assert data["sources"][1]["evidence"].startswith("According to [Wire]")

    missing = subprocess.run(
        [sys.executable, "-m", "factcheck", "sources", str(tmp_path / "nope.html")], cwd=ROOT,
        capture_output=True, text=True, timeout=120)
    assert missing.returncode == 2
    assert missing.stderr == f"factcheck: error: {tmp_path / 'nope.html'}: no such file\n"
