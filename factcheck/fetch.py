"""Stage 1, fetch: a URL or a local file -> :class:`~factcheck.models.Fetched` (raw bytes).

Only I/O lives here. HTTP uses one ``requests`` session with connect/read timeouts, a body size
cap enforced while streaming, and an honest User-Agent.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import unquote, urlsplit

import requests

from . import __version__
from .errors import FetchError, InputError
from .models import Fetched

USER_AGENT = f"factcheck/{__version__} (+https://pypi.org/project/factcheck/)"
DEFAULT_TIMEOUT = (5.0, 20.0)  # connect, read (seconds)
DEFAULT_MAX_BYTES = 5 * 1024 * 1024

SUFFIX_TYPES = {
    ".html": "text/html",
    ".htm": "text/html",
    ".xhtml": "text/html",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".txt": "text/plain",
    ".text": "text/plain",
}


def is_url(target: str) -> bool:
    return urlsplit(target).scheme.lower() in ("http", "https")


def load(
    target: str,
    *,
    timeout: tuple[float, float] = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    session: requests.Session | None = None,
) -> Fetched:
    """Read a local file or fetch a URL. Raises InputError (files) or FetchError (URLs)."""
    if is_url(target):
        return fetch_url(target, timeout=timeout, max_bytes=max_bytes, session=session)
    return read_file(target, max_bytes=max_bytes)


def read_file(target: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Fetched:
    path = Path(unquote(urlsplit(target).path) if target.startswith("file://") else target)
    if not path.exists():
        raise InputError(f"{target}: no such file", target=target)
    if path.is_dir():
        raise InputError(f"{target}: is a directory, not an article file", target=target)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"{target}: file too large ({size} bytes; limit {max_bytes})",
                             target=target)
        body = path.read_bytes()
    except OSError as err:
        raise InputError(f"{target}: cannot read ({err.strerror})", target=target) from err
    content_type = SUFFIX_TYPES.get(path.suffix.lower()) or sniff_type(body)
    return Fetched(
        url=target,
        final_url=path.resolve().as_uri(),
        status=None,
        content_type=content_type,
        body=body,
    )


def sniff_type(body: bytes) -> str:
    head = body[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head:
        return "text/html"
    if head.startswith(b"%pdf"):
        return "application/pdf"
    return "text/plain"


def make_session() -> requests.Session:
    session = requests.Session()
    session.headers["User-Agent"] = USER_AGENT
    session.headers["Accept"] = "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5"
    session.max_redirects = 10
    return session


def fetch_url(
    url: str,
    *,
    timeout: tuple[float, float] = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    session: requests.Session | None = None,
) -> Fetched:
    session = session or make_session()
    try:
        with session.get(url, timeout=timeout, stream=True, allow_redirects=True) as resp:
            if resp.status_code >= 400:
                raise FetchError(f"{url}: HTTP {resp.status_code} {resp.reason or ''}".rstrip(),
                                 url=url, reason="http-status", status=resp.status_code)
            declared = resp.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(f"{url}: response too large ({declared} bytes)", url=url,
                                 reason="too-large", status=resp.status_code)
            chunks: list[bytes] = []
            total = 0
            for chunk in resp.iter_content(chunk_size=65536):
                total += len(chunk)
                if total > max_bytes:
                    raise FetchError(f"{url}: response larger than {max_bytes} bytes", url=url,
                                     reason="too-large", status=resp.status_code)
                chunks.append(chunk)
            ctype = resp.headers.get("Content-Type", "")
            media = ctype.split(";")[0].strip().lower() or sniff_type(b"".join(chunks[:1]))
            return Fetched(
                url=url,
                final_url=resp.url,
                status=resp.status_code,
                content_type=media,
                body=b"".join(chunks),
                fetched_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                charset=resp.encoding if "charset=" in ctype.lower() else None,
                how="http",
            )
    except requests.Timeout as err:
        raise FetchError(f"{url}: timed out", url=url, reason="timeout") from err
    except requests.TooManyRedirects as err:
        raise FetchError(f"{url}: too many redirects", url=url, reason="redirects") from err
    except requests.ConnectionError as err:
        raise FetchError(f"{url}: cannot connect ({short_reason(err)})", url=url,
                         reason="unreachable") from err
    except requests.RequestException as err:
        raise FetchError(f"{url}: {short_reason(err)}", url=url, reason="unreachable") from err


def short_reason(err: Exception) -> str:
    text = str(err)
    for marker in ("Name or service not known", "Connection refused", "No route to host",
                   "Temporary failure in name resolution", "timed out"):
        if marker in text:
            return marker.lower()
    return text.splitlines()[0][:120] if text else type(err).__name__
