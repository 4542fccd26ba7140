"""What ``factcheck monitor`` reads: article addresses from lists, feeds and sitemaps.

An INPUT is a URL or a file. Its bytes decide what it is:

- a sitemap (``<urlset>`` or ``<sitemapindex>``, also gzipped), read with
  ultimate-sitemap-parser; the sitemaps an index names are fetched and read in turn (at most
  :data:`MAX_DEPTH` levels, :data:`MAX_SITEMAPS` in all);
- an RSS or Atom feed, read with feedparser: the link of each entry;
- otherwise, for a file or a text answer, a list: one address a line, blank lines and lines
  starting with ``#`` skipped, anything after `` #`` a comment.

Nothing here raises for bad input: each problem (an input that cannot be read, a feed that is
not one, an empty list, a line that is not an address) is one :class:`Problem`, and the rest
goes on.
"""

from __future__ import annotations

import gzip
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import FactcheckError
from ..fetch import is_url

MAX_DEPTH = 3
MAX_SITEMAPS = 200
MAX_BYTES = 50 * 1024 * 1024  # a sitemap may hold 50,000 addresses


@dataclass(frozen=True)
class Problem:
    input: str
    message: str
    line: int | None = None
    kind: str = "input"  # input | line | article

    def text(self) -> str:
        where = f"{self.input}:{self.line}" if self.line else self.input
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Entry:
    url: str
    input: str


@dataclass
class Inputs:
    entries: list[Entry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    readable: int = 0  # inputs that could be read (even when they listed nothing usable)
    kinds: dict[str, str] = field(default_factory=dict)  # input -> list | feed | sitemap

    @property
    def urls(self) -> list[str]:
        return [e.url for e in self.entries]


#: fetch(url) -> (body, content type) for an input address; raises FactcheckError
Fetch = Callable[[str], tuple[bytes, str]]


def valid_url(value: str) -> bool:
    if not is_url(value) or any(c.isspace() for c in value):
        return False
    try:
        return bool(urlsplit(value).hostname)
    except ValueError:
        return False


def kind_of(body: bytes) -> str:
    head = body[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if b"<urlset" in head or b"<sitemapindex" in head:
        return "sitemap"
    if head.startswith(b"<"):
        return "xml"  # a feed, or HTML, or some other markup
    return "text"


def read(specs: list[str], fetch: Fetch) -> Inputs:
    """Every INPUT, in order; the addresses they list, each once (the first input that lists
    an address names it)."""
    out = Inputs()
    seen: set[str] = set()
    for spec in specs:
        entries, problems, readable, kind = read_one(spec, fetch)
        out.problems += problems
        out.readable += readable
        if kind:
            out.kinds[spec] = kind
        for url in entries:
            if url not in seen:
                seen.add(url)
                out.entries.append(Entry(url, spec))
    return out


def read_one(spec: str, fetch: Fetch) -> tuple[list[str], list[Problem], int, str | None]:
    """(addresses, problems, 1 when the input could be read else 0, what it was)."""
    try:
        body, ctype = load(spec, fetch)
    except FactcheckError as err:
        return [], [Problem(spec, f"cannot read: {one_line(err)}")], 0, None
    if body[:2] == b"\x1f\x8b":
        try:
            body = gzip.decompress(body)[:MAX_BYTES]
        except (OSError, EOFError) as err:
            return [], [Problem(spec, f"not a feed or sitemap: broken gzip data ({err})")], 0, None
    kind = kind_of(body)
    if kind == "sitemap":
        urls, problems = sitemap_urls(spec, body, fetch)
        if not urls and not problems:
            problems = [Problem(spec, "the sitemap lists no address")]
        return urls, problems, 1, "sitemap"
    if kind == "xml" or "html" in ctype or "xml" in ctype:
        return feed_urls(spec, body)
    return list_urls(spec, body)


def load(spec: str, fetch: Fetch) -> tuple[bytes, str]:
    from ..errors import InputError

    if is_url(spec):
        return fetch(spec)
    path = Path(spec).expanduser()
    if not path.exists():
        raise InputError(f"{spec}: no such file")
    if path.is_dir():
        raise InputError(f"{spec}: is a directory")
    try:
        return path.read_bytes()[:MAX_BYTES], ""
    except OSError as err:
        raise InputError(f"{spec}: {err.strerror}") from err


def one_line(err: BaseException) -> str:
    text = str(err).splitlines()[0] if str(err) else type(err).__name__
    return text


def list_urls(spec: str, body: bytes) -> tuple[list[str], list[Problem], int, str | None]:
    if b"\x00" in body[:8192]:
        return (
            [],
            [Problem(spec, "not a list of addresses, a feed or a sitemap (binary data)")],
            0,
            None,
        )
    text = body.decode("utf-8", errors="replace")
    urls: list[str] = []
    problems: list[Problem] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split(" #", 1)[0].split("\t#", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        if valid_url(line):
            urls.append(line)
        else:
            shown = line if len(line) <= 80 else line[:77] + "..."
            problems.append(
                Problem(spec, f"not an http(s) address: {shown!r}", line=number, kind="line")
            )
    if not urls and not problems:
        problems.append(Problem(spec, "the list holds no address"))
    return urls, problems, 1, "list"


def feed_urls(spec: str, body: bytes) -> tuple[list[str], list[Problem], int, str | None]:
    import feedparser

    headers = {"content-location": spec} if is_url(spec) else {}
    parsed = feedparser.parse(body, response_headers=headers)
    if not parsed.get("version"):
        what = "an HTML page" if b"<html" in body[:4096].lower() else "no RSS or Atom"
        return [], [Problem(spec, f"not a feed or sitemap ({what})")], 0, None
    urls: list[str] = []
    missing = 0
    for entry in parsed.entries:
        link = entry.get("link") or next(
            (lk.get("href") for lk in entry.get("links", ()) if lk.get("href")), None
        )
        if link and valid_url(link.strip()):
            urls.append(link.strip())
        else:
            missing += 1
    problems: list[Problem] = []
    if missing:
        problems.append(
            Problem(
                spec, f"{missing} feed entr{'y' if missing == 1 else 'ies'} without an http(s) link"
            )
        )
    if not parsed.entries:
        problems.append(Problem(spec, "the feed has no entry"))
    return urls, problems, 1, "feed"


def sitemap_urls(spec: str, body: bytes, fetch: Fetch) -> tuple[list[str], list[Problem]]:
    from usp.objects.sitemap import InvalidSitemap
    from usp.tree import sitemap_from_str

    logging.getLogger("usp").setLevel(logging.CRITICAL)  # its warnings would flood the log
    urls: list[str] = []
    problems: list[Problem] = []
    visited: set[str] = {spec}

    def walk(content: bytes, where: str, depth: int) -> None:
        tree = sitemap_from_str(content.decode("utf-8", errors="replace"))
        if isinstance(tree, InvalidSitemap):
            problems.append(Problem(where, "not a sitemap that can be read"))
            return
        stack = [tree]
        while stack:
            node = stack.pop()
            urls.extend(p.url for p in node.pages if valid_url(p.url))
            for sub in node.sub_sitemaps:
                if not isinstance(sub, InvalidSitemap):
                    stack.append(sub)
                    continue
                child = sub.url
                if child in visited or not valid_url(child):
                    continue
                if depth >= MAX_DEPTH or len(visited) >= MAX_SITEMAPS:
                    problems.append(Problem(where, f"{child}: not read (too many nested sitemaps)"))
                    continue
                visited.add(child)
                try:
                    data, _ = fetch(child)
                except FactcheckError as err:
                    problems.append(Problem(child, f"cannot read: {one_line(err)}"))
                    continue
                if data[:2] == b"\x1f\x8b":
                    try:
                        data = gzip.decompress(data)[:MAX_BYTES]
                    except (OSError, EOFError):
                        problems.append(Problem(child, "broken gzip data"))
                        continue
                walk(data, child, depth + 1)

    walk(body, spec, 0)
    return list(dict.fromkeys(urls)), problems
