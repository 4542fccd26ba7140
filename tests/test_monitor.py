"""factcheck monitor, the quick parts: reading inputs (lists, feeds, sitemaps, bad input), the
per-host limiter, and the command line on bad input only (no check runs here; the end-to-end
runs are in test_monitor_e2e.py)."""

from __future__ import annotations

import gzip
import sqlite3
import threading
import time

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.errors import FetchError
from factcheck.monitor import command, inputs, polite, runner

runner_cli = CliRunner()

RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>a</title><link>https://news.example/a</link></item>
<item><title>b</title><link>https://news.example/b</link></item>
<item><title>no link</title></item>
</channel></rss>"""
ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>t</title><id>urn:x</id><updated>2026-01-01T00:00:00Z</updated>
<entry><title>c</title><id>urn:c</id><updated>2026-01-01T00:00:00Z</updated>
<link href="https://news.example/c"/></entry></feed>"""
URLSET = b"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://news.example/d</loc></url><url><loc>https://news.example/e</loc></url>
</urlset>"""


def no_fetch(url: str):
    raise FetchError(f"{url}: cannot connect (connection refused)", url=url,
                     reason="unreachable")


def test_a_list_skips_comments_and_reports_each_bad_line(tmp_path):
    f = tmp_path / "urls.txt"
    f.write_text("# articles\n\nhttps://news.example/a  # first\nnot a url\n"
                 "ftp://news.example/x\nhttps://news.example/a\nhttps://news.example/b\n",
                 encoding="utf-8")
    got = inputs.read([str(f)], no_fetch)
    assert got.urls == ["https://news.example/a", "https://news.example/b"]
    assert [(p.line, p.kind) for p in got.problems] == [(4, "line"), (5, "line")]
    assert "not an http(s) address: 'not a url'" in got.problems[0].text()
    assert got.readable == 1


def test_feeds_and_sitemaps_from_files(tmp_path):
    (tmp_path / "feed.rss").write_bytes(RSS)
    (tmp_path / "feed.atom").write_bytes(ATOM)
    (tmp_path / "sitemap.xml.gz").write_bytes(gzip.compress(URLSET))
    got = inputs.read([str(tmp_path / n) for n in ("feed.rss", "feed.atom", "sitemap.xml.gz")],
                      no_fetch)
    assert got.urls == [f"https://news.example/{x}" for x in "abcde"]
    assert got.kinds == {str(tmp_path / "feed.rss"): "feed", str(tmp_path / "feed.atom"): "feed",
                         str(tmp_path / "sitemap.xml.gz"): "sitemap"}
    assert [p.message for p in got.problems] == ["1 feed entry without an http(s) link"]


def test_a_sitemap_index_is_followed_through_the_fetcher(tmp_path):
    index = (b'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/'
             b'sitemap/0.9"><sitemap><loc>https://news.example/s1.xml</loc></sitemap>'
             b'<sitemap><loc>https://news.example/gone.xml</loc></sitemap></sitemapindex>')
    (tmp_path / "index.xml").write_bytes(index)

    def fetch(url):
        if url.endswith("s1.xml"):
            return URLSET, "application/xml"
        return no_fetch(url)

    got = inputs.read([str(tmp_path / "index.xml")], fetch)
    assert got.urls == ["https://news.example/d", "https://news.example/e"]
    assert [p.input for p in got.problems] == ["https://news.example/gone.xml"]


def test_bad_inputs_are_one_problem_each(tmp_path):
    (tmp_path / "empty.txt").write_text("# nothing yet\n", encoding="utf-8")
    (tmp_path / "page.html").write_text("<html><body><p>Hello</p></body></html>",
                                        encoding="utf-8")
    specs = [str(tmp_path / "empty.txt"), str(tmp_path / "page.html"),
             str(tmp_path / "missing.txt"), "https://feeds.example/rss"]
    got = inputs.read(specs, no_fetch)
    assert got.urls == []
    assert [p.input for p in got.problems] == specs
    messages = [p.message for p in got.problems]
    assert messages[0] == "the list holds no address"
    assert messages[1] == "not a feed or sitemap (an HTML page)"
    assert "no such file" in messages[2]
    assert messages[3].startswith("cannot read: ") and "connection refused" in messages[3]
    assert got.readable == 1  # only the empty list could be read


def test_bad_input_only_exits_2_with_one_line_each_and_rows(tmp_path, httpserver):
    httpserver.expect_request("/page").respond_with_data(
        "<html><body><p>not a feed</p></body></html>", content_type="text/html")
    empty = tmp_path / "empty.txt"
    empty.write_text("\n", encoding="utf-8")
    db = tmp_path / "m.db"
    result = runner_cli.invoke(app, ["monitor", httpserver.url_for("/page"), str(empty),
                                     "http://127.0.0.1:9/feed.xml", "--db", str(db),
                                     "--no-progress", "--delay", "0"])
    assert result.exit_code == 2, result.output
    lines = [ln for ln in result.stderr.splitlines() if ln.startswith("factcheck: monitor: ")]
    assert any("/page: not a feed or sitemap (an HTML page)" in ln for ln in lines)
    assert any("empty.txt: the list holds no address" in ln for ln in lines)
    assert any("127.0.0.1:9/feed.xml: cannot read" in ln for ln in lines)
    assert "0 articles: 0 checked, 0 skipped (unchanged), 0 failed; 3 problems" in result.stderr
    conn = sqlite3.connect(db)
    assert conn.execute("select count(*) from monitor_problems").fetchone()[0] == 3
    assert conn.execute("select status from monitor_sessions").fetchall() == [("done",)]


def test_the_command_line_defaults_are_the_library_defaults():
    assert command.DEFAULT_PER_HOST == polite.DEFAULT_PER_HOST
    assert command.DEFAULT_DELAY == polite.DEFAULT_DELAY
    assert command.DEFAULT_FETCHERS == runner.DEFAULT_FETCHERS


def test_cluster_without_dask_says_how_to_install(monkeypatch, tmp_path):
    import builtins

    real = builtins.__import__

    def no_dask(name, *args, **kwargs):
        if name == "distributed" or name.startswith("distributed."):
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_dask)
    result = runner_cli.invoke(app, ["monitor", "urls.txt", "--db", str(tmp_path / "m.db"),
                                     "--cluster", "tcp://127.0.0.1:8786"])
    assert result.exit_code == 2
    assert result.stderr.strip() == ("factcheck: error: --cluster needs Dask distributed: "
                                     "pip install 'factcheck-news[cluster]'")


# -- the limiter ---------------------------------------------------------------------------------

def test_at_most_per_host_requests_in_flight_and_spacing():
    limiter = polite.HostLimiter(per_host=2, delay=0.05)
    in_flight = {"a": 0, "max": 0}
    starts: list[float] = []
    lock = threading.Lock()

    def request():
        with limiter.slot("a.example"):
            with lock:
                in_flight["a"] += 1
                in_flight["max"] = max(in_flight["max"], in_flight["a"])
                starts.append(time.monotonic())
            time.sleep(0.03)
            with lock:
                in_flight["a"] -= 1

    threads = [threading.Thread(target=request) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert in_flight["max"] <= 2
    starts.sort()
    gaps = [b - a for a, b in zip(starts, starts[1:])]
    assert min(gaps) >= 0.045
    assert limiter.totals()["a.example"]["requests"] == 8


def test_crawl_delay_is_honoured():
    limiter = polite.HostLimiter(per_host=4, delay=0.0)
    limiter.set_crawl_delay("slow.example", 0.2)
    started = time.monotonic()
    for _ in range(3):
        with limiter.slot("slow.example"):
            pass
    assert time.monotonic() - started >= 0.39
    limiter.set_crawl_delay("huge.example", 10_000)
    assert limiter.state("huge.example").crawl_delay == polite.MAX_CRAWL_DELAY


def test_a_failing_host_is_backed_off_then_skipped():
    now = [100.0]
    limiter = polite.HostLimiter(per_host=2, delay=0.0, backoff=1.0, give_up=3,
                                 clock=lambda: now[0])
    for _ in range(3):
        with pytest.raises(ConnectionError):
            with limiter.slot("down.example"):
                raise ConnectionError("refused")  # not a requests error: counts as ok
        now[0] += 100
    assert limiter.state("down.example").failures == 0

    import requests

    for n in range(3):
        with pytest.raises(requests.ConnectionError):
            with limiter.slot("down.example"):
                raise requests.ConnectionError("refused")
        if n < 2:
            now[0] += 2 ** n  # wait out the back-off: 1 s, then 2 s
    # three failures in a row: refused at once while backed off (no retry storm)
    with pytest.raises(polite.HostBackedOff, match="backed off after 3 failures"):
        with limiter.slot("down.example"):
            pass
    assert limiter.state("down.example").requests == 6
    now[0] += 4  # the back-off passed: one probe goes out; a success resets the host
    with limiter.slot("down.example") as slot:
        slot.done(200)
    assert limiter.state("down.example").failures == 0


def test_429_with_retry_after_backs_off_that_long():
    now = [0.0]
    limiter = polite.HostLimiter(per_host=1, delay=0.0, clock=lambda: now[0])
    with limiter.slot("busy.example") as slot:
        slot.done(429, "30")
    assert limiter.state("busy.example").open_at == 30.0


def test_the_polite_fetcher_counts_network_requests_not_cache_hits(httpserver, tmp_path):
    httpserver.expect_request("/robots.txt").respond_with_data(
        "User-agent: *\nCrawl-delay: 0.3\n", content_type="text/plain")
    httpserver.expect_request("/a").respond_with_data("hello there", content_type="text/plain")
    limiter = polite.HostLimiter(delay=0.0)
    with polite.PoliteFetcher(limiter=limiter, cache_dir=tmp_path, backoff=0.0) as fetcher:
        fetcher.article(httpserver.url_for("/a"))
        fetcher.get(httpserver.url_for("/a"))  # from the cache
    host = polite.host_key(httpserver.url_for("/"))
    assert limiter.totals()[host]["requests"] == 2  # robots.txt and the page
    assert limiter.state(host).crawl_delay == 0.3


def test_articles_are_taken_host_by_host_in_turn():
    entries = [inputs.Entry(u, "x") for u in (
        "https://a.example/1", "https://a.example/2", "https://a.example/3",
        "https://b.example/1", "https://c.example/1", "https://c.example/2")]
    assert [e.url for e in runner.interleave(entries)] == [
        "https://a.example/1", "https://b.example/1", "https://c.example/1",
        "https://a.example/2", "https://c.example/2", "https://a.example/3"]


def test_a_cluster_that_cannot_be_reached_is_one_error():
    pytest.importorskip("distributed")
    from factcheck.errors import ConfigError
    from factcheck.monitor.engine import DaskEngine

    with pytest.raises(ConfigError, match=r"cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        DaskEngine("tcp://127.0.0.1:9", timeout=2)


def events(total: int = 4):
    from factcheck.monitor.runner import Event

    yield Event("problem", message="urls.txt:3: not an http(s) address: 'x'")
    yield Event("start", total=total)
    counts = {"checked": 0, "skipped": 0, "failed": 0}
    for n in range(1, total + 1):
        status = "failed" if n == 2 else "checked"
        counts = {**counts, status: counts[status] + 1}
        yield Event("article", done=n, total=total, status=status, url=f"https://a.example/{n}",
                    message="HTTP 404" if status == "failed" else "", counts=dict(counts))


def test_progress_lines_without_a_terminal(capsys, monkeypatch):
    monkeypatch.setenv("CI", "true")
    with command.Progress(None, every=2) as show:
        for e in events():
            show(e)
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "factcheck: monitor: urls.txt:3: not an http(s) address: 'x'",
        "factcheck: monitor: 4 articles to look at",
        "factcheck: monitor: https://a.example/2: HTTP 404",
        "factcheck: monitor: [2/4] 1 checked, 0 skipped, 1 failed",
        "factcheck: monitor: [4/4] 3 checked, 0 skipped, 1 failed",
    ]


def test_progress_bar_on_a_terminal(capsys):
    show = command.Progress(True)
    show.bar = True  # as on a terminal
    with show:
        for e in events():
            show(e)
        assert show.progress is not None
        task = show.progress.tasks[0]
        assert (task.completed, task.total) == (4, 4)
        assert task.description == "3 checked, 0 skipped, 1 failed"
    assert "https://a.example/2: HTTP 404" in capsys.readouterr().err


def test_the_summary_names_counts_kinds_and_the_sites_with_most_warnings():
    from collections import Counter

    s = runner.Summary(articles=5, checked=3, skipped=1, failed=1, problems=2, inputs_read=1,
                       inputs=2, kinds=Counter({"omission": 4, "addition": 1}),
                       site_warnings=Counter({"b.example": 2, "a.example": 5, "c.example": 0}),
                       seconds=3.25)
    assert command.render_summary(s) == (
        "factcheck: monitor: 5 articles: 3 checked, 1 skipped (unchanged), 1 failed; 2 problems "
        "(1 of 2 inputs read) in 3.2 s\n"
        "  findings: omission 4, addition 1\n"
        "  most warnings: a.example 5, b.example 2\n")


def test_a_host_that_is_down_is_not_hammered(tmp_path):
    """Twelve articles on a host where nothing listens: each fails in one line, and after five
    failures in a row the host gets no more requests (the back-off is short here)."""
    import factcheck

    urls = tmp_path / "urls.txt"
    urls.write_text("".join(f"http://127.0.0.1:9/story-{n}.html\n" for n in range(12)),
                    encoding="utf-8")
    settings = runner.Settings(db=str(tmp_path / "m.db"), options=factcheck.Options(
        allow_private=True, timeout=(1.0, 1.0), backoff=0.0), delay=0.0, fetchers=4,
        host_backoff=0.05)
    summary = runner.run([str(urls)], settings)
    assert (summary.articles, summary.failed, summary.checked) == (12, 12, 0)
    assert summary.hosts["127.0.0.1:9"]["requests"] <= polite.GIVE_UP + 4  # + in flight
    assert not summary.nothing_read  # the list was read: exit code 0, failures in the db
    conn = sqlite3.connect(tmp_path / "m.db")
    rows = conn.execute("select state, failures, message from monitor_articles").fetchall()
    assert len(rows) == 12 and {r[0] for r in rows} == {"failed"}
    assert any("backed off" in r[2] for r in rows)
    assert conn.execute("select count(*) from monitor_problems where kind = 'article'"
                        ).fetchone()[0] == 12
