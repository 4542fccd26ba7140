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


@pytest.fixture
def header_dripping_server():
    """A real socket server that sends its status line, then one byte of header every 0.3 s
    (always under the read timeout) for up to 30 s."""
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
            started = time.monotonic()
            try:
                conn.sendall(b"HTTP/1.1 200 OK\r\n")
                while not stop.is_set() and time.monotonic() - started < 30:
                    conn.sendall(b"X")  # an endless header name
                    time.sleep(0.3)
                conn.sendall(b": 1\r\nContent-Type: text/html\r\nContent-Length: 7\r\n\r\n<p>x</p>")
            except OSError:
                pass
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}/page.html"
    stop.set()
    thread.join(timeout=5)
    server.close()


@pytest.mark.parametrize("cache", [False, True])
def test_dripping_headers_hit_the_total_deadline(header_dripping_server, cache, tmp_path):
    options = Options(timeout=(1.0, 1.0), allow_private=True, cache=cache,
                      cache_dir=str(tmp_path), archive=False, retries=0)
    started = time.monotonic()
    with Fetcher.from_options(options) as fetcher, pytest.raises(FetchError) as err:
        fetcher.get(header_dripping_server)
    assert err.value.reason == "timeout"
    assert str(err.value) == f"{header_dripping_server}: timed out"
    assert time.monotonic() - started < 10  # the deadline is 5 s here


def test_a_quick_answer_is_not_cut(tmp_path):
    """The watchdog of the headers is cancelled once they are in: a later answer on the same
    kept-alive connection is not cut off."""
    from pytest_httpserver import HTTPServer

    with HTTPServer() as server:
        server.expect_request("/a").respond_with_data("<p>" + "a" * 200 + "</p>",
                                                      content_type="text/html")
        options = Options(timeout=(1.0, 1.0), allow_private=True, cache=False, archive=False,
                          retries=0)
        with Fetcher.from_options(options) as fetcher:
            for _ in range(3):
                assert fetcher.get(server.url_for("/a")).status == 200
            time.sleep(5.5)  # past the 5 s deadline of the first answers
            assert fetcher.get(server.url_for("/a")).status == 200
