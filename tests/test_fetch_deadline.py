"""A server that drips its body byte by byte must not hold a check forever."""

import socket
import threading
import time

import pytest

from factcheck import FetchError
from factcheck.fetch import Fetcher
from factcheck.pipeline import Options


@pytest.fixture
def dripping_server():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(4)
    server.settimeout(0.2)
    stop = threading.Event()

    def serve():
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except socket.timeout:
                continue
            conn.recv(4096)
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n")
            try:
                while not stop.is_set():
                    conn.sendall(b"<p>")
                    time.sleep(0.3)  # always under the read timeout
            except OSError:
                pass
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}/page.html"
    stop.set()
    thread.join(timeout=5)
    server.close()


def test_a_dripping_body_hits_the_total_deadline(dripping_server):
    options = Options(timeout=(1.0, 1.0), allow_private=True, cache=False, archive=False, retries=0)
    started = time.monotonic()
    with Fetcher.from_options(options) as fetcher, pytest.raises(FetchError) as err:
        fetcher.get(dripping_server)
    assert err.value.reason == "timeout"
    assert time.monotonic() - started < 15  # the deadline is 5 s here, not the server's pace
