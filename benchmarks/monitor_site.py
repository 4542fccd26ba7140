"""A generated news site for ``factcheck monitor``: a feed of N rewritten articles, each citing
its own source page, all small (five sentences or so). Used by tests/test_monitor*.py (served
with pytest-httpserver) and benchmarks/monitor_bench.py (served with the standard library).

Article i renders source i; one in three changes a number, one in five adds a sentence, one in
seven drops one, so checks have something to find. Names and figures depend on i, so articles
do not share sentences (the embedding memo does not answer for them).

Standard library only.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from email.utils import format_datetime
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

TOWNS = ["Arlen", "Brisford", "Calden", "Dunmore", "Elsworth", "Farrow", "Glenby", "Harwick",
         "Islay", "Jarrow", "Kelso", "Lanford", "Marden", "Norwick", "Oakham", "Penrith"]
PEOPLE = ["Maria Lopez", "John Hale", "Amira Said", "Peter Brandt", "Chen Wei", "Olga Petrova",
          "Samuel Okafor", "Lucia Romano", "David Kerr", "Fatima Noor", "Henrik Lund"]
TOPICS = [("bridge", "repair"), ("hospital", "expansion"), ("school", "renovation"),
          ("harbour", "dredging"), ("railway", "upgrade"), ("library", "rebuild"),
          ("stadium", "refit"), ("water plant", "overhaul")]


def texts(i: int) -> tuple[str, list[str], list[str]]:
    """(title, source sentences, article sentences) of story i."""
    town = TOWNS[i % len(TOWNS)]
    person = PEOPLE[(i * 7) % len(PEOPLE)]
    thing, work = TOPICS[(i * 3) % len(TOPICS)]
    cost = 10 + (i * 37) % 90
    jobs = 50 + (i * 13) % 400
    month = ["March", "April", "May", "June", "July", "August"][i % 6]
    weeks = 3 + i % 9
    title = f"{town} approves {thing} {work} number {i}"
    source = [
        f"The council of {town} approved a {cost} million euro {thing} {work} on Tuesday.",
        f"Mayor {person} said the work would start in {month} and last {weeks} weeks.",
        f"The project is expected to create {jobs} jobs in the region, officials said.",
        f"Opponents had argued that the {thing} of {town} needed a smaller plan.",
        f"A final vote on the budget of story {i} is planned for the autumn session.",
    ]
    article = [
        f"{town} has approved a {cost} million euro {thing} {work}, the council said on Tuesday.",
        f"According to mayor {person}, work will begin in {month} and take {weeks} weeks.",
        f"The plan should create {jobs} jobs in the region, according to officials.",
        f"Critics had said the {thing} of {town} needed a smaller plan.",
    ]
    if i % 3 == 0:
        article[2] = (f"The plan should create {jobs + 100} jobs in the region, according to "
                      "officials.")
    if i % 5 == 0:
        article.append(f"Residents of {town} celebrated the decision with a street party.")
    if i % 7 == 0:
        article.pop(3)
    return title, source, article


def html_page(title: str, sentences: list[str], *, source: str | None = None,
              date: str = "2026-06-01") -> str:
    paras = "".join(f"<p>{escape(s)}</p>" for s in sentences)
    credit = (f'<p>Source: <a href="{escape(source)}">Wire service</a></p>' if source else "")
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}'
            f'</title><meta property="article:published_time" content="{date}T08:00:00Z">'
            f'</head><body><article><h1>{escape(title)}</h1>{paras}{credit}</article>'
            f'</body></html>')


@dataclass
class Site:
    """Pages by path: (content type, body). ``base`` is set once the server's address is
    known (``http://127.0.0.1:PORT``)."""

    count: int
    base: str = ""
    pages: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    hits: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def build(self, base: str) -> Site:
        self.base = base.rstrip("/")
        self.pages.clear()
        for i in range(self.count):
            title, source, article = texts(i)
            src = f"{self.base}/wire/story-{i}.html"
            self.pages[f"/wire/story-{i}.html"] = ("text/html; charset=utf-8", html_page(
                f"Wire: {title}", source).encode())
            self.pages[f"/news/story-{i}.html"] = ("text/html; charset=utf-8", html_page(
                title, article, source=src).encode())
        self.pages["/feed.xml"] = ("application/rss+xml", self.feed().encode())
        self.pages["/sitemap.xml"] = ("application/xml", self.sitemap().encode())
        self.pages["/urls.txt"] = ("text/plain", "".join(
            f"{u}\n" for u in self.article_urls()).encode())
        self.pages["/robots.txt"] = ("text/plain", b"User-agent: *\nAllow: /\n")
        return self

    def article_urls(self) -> list[str]:
        return [f"{self.base}/news/story-{i}.html" for i in range(self.count)]

    def feed(self) -> str:
        start = datetime(2026, 6, 1, 8, tzinfo=timezone.utc)
        items = "".join(
            f"<item><title>{escape(texts(i)[0])}</title><link>{self.base}/news/story-{i}.html"
            f"</link><pubDate>{format_datetime(start + timedelta(minutes=i))}</pubDate></item>"
            for i in range(self.count))
        return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
                f"<title>Generated news</title><link>{self.base}/</link>"
                f"<description>test feed</description>{items}</channel></rss>")

    def sitemap(self) -> str:
        locs = "".join(f"<url><loc>{u}</loc></url>" for u in self.article_urls())
        return ('<?xml version="1.0" encoding="UTF-8"?>'
                f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>')

    def change_source(self, i: int, sentence: str) -> None:
        """Story i's source gets one more sentence (its article is due a new check)."""
        title, source, _ = texts(i)
        self.pages[f"/wire/story-{i}.html"] = ("text/html; charset=utf-8", html_page(
            f"Wire: {title}", source + [sentence]).encode())

    def change(self, i: int, sentence: str) -> None:
        """Story i's article gets one more sentence (a new check is due)."""
        title, _, article = texts(i)
        self.pages[f"/news/story-{i}.html"] = ("text/html; charset=utf-8", html_page(
            title, article + [sentence], source=f"{self.base}/wire/story-{i}.html").encode())

    def answer(self, path: str) -> tuple[int, str, bytes]:
        with self.lock:
            self.hits[path] = self.hits.get(path, 0) + 1
        if path in self.pages:
            ctype, body = self.pages[path]
            return 200, ctype, body
        return 404, "text/plain", b"not found"


class Server:
    """The site on a standard-library HTTP server in a thread, on 127.0.0.1."""

    def __init__(self, site: Site) -> None:
        owner = site

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - the standard library's name
                status, ctype, body = owner.answer(self.path.split("?", 1)[0])
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        site.build(f"http://127.0.0.1:{self.httpd.server_address[1]}")
        self.site = site
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> Server:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
