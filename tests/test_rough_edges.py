"""Small failures with plain answers: every sort link a serve page offers works, a refused
address is one line on stderr (no library warning before it), a connection reset or a server
that hangs up is said in words, not Python reprs. (An empty ``http://`` source in front matter
is S104: tests/test_bad_urls.py.)"""

from __future__ import annotations

import asyncio
import os
import re
import socket
import struct
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from factcheck import FetchError, store
from factcheck.fetch import Fetcher
from factcheck.pipeline import Options

ROOT = Path(__file__).resolve().parent.parent
TABLES = ("runs", "documents", "sentences", "run_sources", "alignments", "findings", "quotes",
          "rules", "finding_details", "latest_runs")


@pytest.fixture(scope="module")
def served(seed_report, tmp_path_factory):
    pytest.importorskip("datasette")
    from factcheck.serve import make_datasette

    path = tmp_path_factory.mktemp("serve") / "factcheck.db"
    store.save(seed_report, path)
    ds = make_datasette(path)

    def get(url: str):
        async def go():
            await ds.invoke_startup()
            return await ds.client.get(url)
        return asyncio.run(go())

    return get


@pytest.mark.parametrize("table", TABLES)
def test_every_sort_link_a_table_page_offers_works(served, table):
    page = served(f"/factcheck/{table}")
    assert page.status_code == 200
    links = sorted(set(re.findall(r"[?&](_sort(?:_desc)?=\w+)", page.text)))
    assert links
    for link in links:
        resp = served(f"/factcheck/{table}?{link}")
        assert resp.status_code == 200, (table, link, resp.text[:300])


def test_findings_sorted_by_id(served):
    resp = served("/factcheck/findings.json?_sort=id&_shape=array")
    assert resp.status_code == 200
    ids = [row["id"] for row in resp.json()]
    assert ids == sorted(ids) and ids


def test_a_refused_address_is_one_line_on_stderr(tmp_path):
    """localhost resolves to a loopback address, which the address guard refuses after the
    DNS lookup (where the library logs a warning of its own)."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("FACTCHECK_DEBUG", "FACTCHECK_ALLOW_PRIVATE")}
    proc = subprocess.run([sys.executable, "-m", "factcheck", "check",
                           "http://localhost:9/article", "--timeout", "2"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    (line,) = proc.stderr.splitlines()
    assert re.fullmatch(r"factcheck: error: http://localhost:9/article: refused: "
                        r"(127\.0\.0\.1|::1) is a loopback address \(--allow-private "
                        r"allows it\)", line), line


def server(answer):
    """A real socket server on 127.0.0.1 calling ``answer(conn)`` for each connection."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(4)
    sock.settimeout(0.2)
    stop = threading.Event()

    def serve():
        while not stop.is_set():
            try:
                conn, _ = sock.accept()
            except socket.timeout:
                continue
            try:
                conn.recv(4096)
                answer(conn)
            except OSError:
                pass
            finally:
                conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    return sock, stop, thread


def reset(conn: socket.socket) -> None:
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


def reset_now(conn):
    reset(conn)


def hang_up(conn):
    pass  # closes without a byte


def reset_in_the_body(conn):
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5000\r\n\r\n"
                 + b"<p>" + b"x" * 100)
    reset(conn)


def short_body(conn):
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5000\r\n\r\n"
                 + b"<p>" + b"x" * 100)


@pytest.mark.parametrize("answer, words", [
    (reset_now, "cannot connect (connection reset by peer)"),
    (hang_up, "cannot connect (the server closed the connection without answering)"),
    (reset_in_the_body, "cannot connect (connection reset by peer)"),
    (short_body, "cannot connect (the server closed the connection before the whole answer "
                 "arrived)"),
])
def test_transport_failures_are_said_in_words(answer, words):
    sock, stop, thread = server(answer)
    url = f"http://127.0.0.1:{sock.getsockname()[1]}/a"
    try:
        options = Options(timeout=(2.0, 2.0), allow_private=True, cache=False, archive=False,
                          retries=0)
        with Fetcher.from_options(options) as fetcher, pytest.raises(FetchError) as err:
            fetcher.get(url)
    finally:
        stop.set()
        thread.join(timeout=5)
        sock.close()
    assert str(err.value) == f"{url}: {words}"
    assert not re.search(r"\w+(Error|Exception)\(|\('", str(err.value))
