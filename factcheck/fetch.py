"""Stage 1, fetch: a URL or a local file -> :class:`~factcheck.models.Fetched` (raw bytes).

Only I/O lives here. Every web request goes through one :class:`Fetcher`:

- one ``requests`` session with an honest User-Agent, (connect, read) timeouts and at most ten
  redirects;
- retries (urllib3 ``Retry``) on 429, 500, 502, 503 and 504 with exponential backoff, honouring
  ``Retry-After`` (waits capped at :data:`MAX_RETRY_AFTER` seconds); a refused connection is
  tried once more, a read timeout is not retried;
- a body size cap enforced while the body streams in, in the transport adapter, so it also
  holds for compressed bodies and before anything is cached;
- content types: HTML, XHTML, plain text, Markdown; a missing or generic type is sniffed; a PDF,
  an image or other binary data is "unsupported content";
- an SSRF guard (requests-hardened ``IPFilterAdapter``): every hop, redirects included, must
  resolve to a public address; loopback, private, link-local (cloud metadata) and other special
  ranges are refused unless ``allow_private`` (``--allow-private``, ``FACTCHECK_ALLOW_PRIVATE=1``);
- an HTTP cache on disk (requests-cache, SQLite, in ``FACTCHECK_CACHE_DIR`` or the user cache
  folder): answers are kept :data:`CACHE_EXPIRE`; ``offline`` answers from the cache only,
  ``refresh`` bypasses it;
- robots.txt (Protego), consulted for sources found inside an article;
- the Wayback Machine (``FACTCHECK_WAYBACK_URL``, default https://web.archive.org) for a source
  that is gone, failing or empty: the raw snapshot closest to the article's date is used.

Failures raise :class:`~factcheck.errors.FetchError` with a ``reason`` tag; :data:`RULES` maps
each tag to the rule a failing source is reported under.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import logging
import os
import re
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlencode, urlsplit

import requests
import urllib3
import urllib3.connection
from urllib3.exceptions import DecodeError, ProtocolError, ReadTimeoutError
from urllib3.util.retry import Retry

from .errors import ConfigError, ExtractionError, FetchError, InputError
from .models import Document, Fetched
from .version import REPOSITORY_URL, __version__

if TYPE_CHECKING:
    from protego import Protego

# The address guard logs each refusal as a warning; factcheck reports it in its own words, so
# the library's line must not reach stderr as well (a program's own logging still sees it).
logging.getLogger("requests_hardened").addHandler(logging.NullHandler())

USER_AGENT = f"factcheck/{__version__} (+{REPOSITORY_URL})"
ROBOTS_AGENT = "factcheck"  # the product token robots.txt rules are matched against
DEFAULT_TIMEOUT: tuple[float, float] = (5.0, 20.0)  # connect, read (seconds)
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
DEFAULT_MAX_REDIRECTS = 10
DEFAULT_RETRIES = 3
DEFAULT_BACKOFF = 0.5  # seconds; waits are 0, 2 x backoff, 4 x backoff, ...
MAX_RETRY_AFTER = 10.0  # the longest Retry-After wait honoured, in seconds
RETRY_STATUSES = (429, 500, 502, 503, 504)
CACHE_EXPIRE = dt.timedelta(days=1)
CACHE_FILE = "http-cache.sqlite"
CACHED_STATUSES = (200, 203, 300, 301, 308, 404, 410)
WAYBACK_URL = "https://web.archive.org"

ARTICLE_TYPES = frozenset(
    {"text/html", "application/xhtml+xml", "text/plain", "text/markdown", "text/x-markdown"}
)
SNIFFED_TYPES = frozenset({"", "application/octet-stream", "binary/octet-stream"})
#: feeds and sitemaps (read by factcheck monitor); never an article
FEED_TYPES = frozenset(
    {"application/xml", "application/rss+xml", "application/atom+xml", "application/rdf+xml"}
)

#: reason tag of a FetchError -> the rule a failing source is reported under (default S100)
RULES = {
    "blocked": "S101",
    "robots": "S101",
    "unsupported-content": "S102",
    "empty": "S102",
}
#: failures after which a source is looked up in the web archive (plus HTTP 404, 410, 5xx)
ARCHIVE_REASONS = frozenset({"timeout", "unreachable", "empty"})

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
    """Whether TARGET is an http(s) address (well formed or not: see :func:`url_problem`)."""
    scheme, colon, _ = target.strip().partition(":")
    return bool(colon) and scheme.lower() in ("http", "https")


HOST_LABEL_RE = re.compile(r"^(?!-)[A-Za-z0-9_-]{1,63}(?<!-)$")


def url_problem(url: str) -> str | None:
    """Why URL cannot be fetched as an http(s) address (no host, a bad port, an unclosed IPv6
    bracket, a host name no DNS could hold), or None when it is well formed."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
        host = parts.hostname
    except ValueError as err:
        text = str(err)
        if "Port" in text or "port" in text:
            return "bad port"
        if "IPv6" in text:
            return "bad IPv6 address"
        return "malformed address"
    if parts.scheme.lower() not in ("http", "https"):
        return "not an http or https address"
    if not host:
        return "no host"
    if port == 0:
        return "bad port"
    if "[" in parts.netloc:
        try:
            ipaddress.IPv6Address(host.split("%")[0])
        except ValueError:
            return "bad IPv6 address"
        return None
    if any(ch.isspace() or ord(ch) < 32 for ch in parts.netloc):
        return "spaces or control characters in the host name"
    try:
        ascii_host = host.encode("idna").decode("ascii") if not host.isascii() else host
    except UnicodeError:
        return "bad host name"
    labels = ascii_host.rstrip(".").split(".")
    if len(ascii_host) > 253 or not all(HOST_LABEL_RE.match(label) for label in labels):
        return "bad host name"
    return None


def bad_url(url: str, problem: str) -> FetchError:
    return FetchError(f"{url}: not a valid address ({problem})", url=url, reason="bad-url")


def env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


def default_cache_dir() -> Path:
    """``FACTCHECK_CACHE_DIR``, else the user cache folder (``~/.cache/factcheck`` on Linux)."""
    configured = os.environ.get("FACTCHECK_CACHE_DIR", "").strip()
    if configured:
        return Path(configured).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("factcheck", appauthor=False))


def wayback_base(configured: str | None = None) -> str | None:
    """The web archive to ask: the argument, else ``FACTCHECK_WAYBACK_URL``, else the Internet
    Archive. ``off`` (or an empty value) turns the archive fallback off."""
    value = (
        configured
        if configured is not None
        else os.environ.get("FACTCHECK_WAYBACK_URL", WAYBACK_URL)
    )
    value = value.strip()
    if value.lower() in ("", "off", "0", "no", "none"):
        return None
    return value.rstrip("/")


# -- files -----------------------------------------------------------------------------------


def load(
    target: str,
    *,
    timeout: tuple[float, float] = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    fetcher: Fetcher | None = None,
) -> Fetched:
    """Read a local file or fetch a URL. Raises InputError (files) or FetchError (URLs).

    Without a ``fetcher``, URLs go through a default one (cache, SSRF guard and retries as
    configured by the environment)."""
    if not is_url(target):
        return read_file(target, max_bytes=max_bytes)
    if fetcher is not None:
        return fetcher.get(target)
    with Fetcher(timeout=timeout, max_bytes=max_bytes) as own:
        return own.get(target)


def read_file(target: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Fetched:
    path = Path(unquote(urlsplit(target).path) if target.startswith("file://") else target)
    if not path.exists():
        raise InputError(f"{target}: no such file", target=target)
    if path.is_dir():
        raise InputError(f"{target}: is a directory, not an article file", target=target)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(
                f"{target}: file too large ({size} bytes; limit {max_bytes})", target=target
            )
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
    if b"\x00" in body[:8192] and not body.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "application/octet-stream"
    return "text/plain"


def media_type(header: str | None) -> str:
    return (header or "").split(";")[0].strip().lower()


# -- the transport: retries, size cap, SSRF guard -------------------------------------------


class BodyTooLarge(requests.RequestException):
    """The response body is over the size cap."""


class CappedRetry(Retry):
    """urllib3 Retry whose Retry-After waits are capped at :data:`MAX_RETRY_AFTER` seconds."""

    def parse_retry_after(self, retry_after: str) -> float:
        return min(super().parse_retry_after(retry_after), MAX_RETRY_AFTER)


def wants_body(status: int, media: str) -> bool:
    """Whether a response body is worth reading: not for errors, images, PDFs, videos..."""
    if status >= 400:
        return False
    return (
        media in ARTICLE_TYPES
        or media in SNIFFED_TYPES
        or media.startswith("text/")
        or media == "application/json"
        or media in FEED_TYPES
    )


# The deadline of the request this thread is sending (seconds) and when its answer was asked
# for: the transport adapter sets the first, the connection the second, read_body reads both.
_SENDING = threading.local()


class DeadlineConnection:
    """For a urllib3 connection: the status line and headers must arrive within the adapter's
    deadline too. A read timeout bounds each read, so a server that sends a byte a second would
    otherwise hold the request as long as it likes; at the deadline the socket is shut down and
    the wait ends in a read timeout."""

    def getresponse(self, *args, **kwargs):  # noqa: ANN002, ANN003 - urllib3's signature
        _SENDING.started = time.monotonic()
        limit = getattr(_SENDING, "deadline", None)
        sock = getattr(self, "sock", None)
        if limit is None or sock is None:
            return super().getresponse(*args, **kwargs)
        expired = threading.Event()

        def cut() -> None:
            expired.set()
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

        timer = threading.Timer(limit, cut)
        timer.daemon = True
        timer.start()
        try:
            response = super().getresponse(*args, **kwargs)
        except Exception as err:
            if expired.is_set():
                raise TimeoutError("the headers took too long") from err
            raise
        finally:
            timer.cancel()
        if expired.is_set():  # cut off halfway through the headers
            response.close()
            raise TimeoutError("the headers took too long")
        return response


class DeadlineHTTPConnection(DeadlineConnection, urllib3.connection.HTTPConnection):
    pass


class DeadlineHTTPSConnection(DeadlineConnection, urllib3.connection.HTTPSConnection):
    pass


class DeadlineHTTPConnectionPool(urllib3.HTTPConnectionPool):
    ConnectionCls = DeadlineHTTPConnection


class DeadlineHTTPSConnectionPool(urllib3.HTTPSConnectionPool):
    ConnectionCls = DeadlineHTTPSConnection


def read_body(response: requests.Response, max_bytes: int, deadline: float) -> None:
    """Read the body while it streams in, at most ``max_bytes`` (decoded), within ``deadline``
    seconds of asking for the answer (headers included); store it as the response's content.
    Raises BodyTooLarge or a requests error."""
    if not wants_body(response.status_code, media_type(response.headers.get("Content-Type"))):
        response._content = b""
        response.close()
        return
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise BodyTooLarge(f"response too large ({declared} bytes)")
    chunks: list[bytes] = []
    total = 0
    started = getattr(_SENDING, "started", None) or time.monotonic()
    try:
        while True:
            # read1 returns what has arrived, so a server that drips bytes meets the deadline
            chunk = response.raw.read1(65536, decode_content=True)
            if not chunk:
                break
            total += len(chunk)
            if total > max_bytes:
                raise BodyTooLarge(f"response larger than {max_bytes} bytes")
            chunks.append(chunk)
            if time.monotonic() - started > deadline:
                raise requests.ReadTimeout("the body took too long")
    except ReadTimeoutError as err:
        raise requests.ReadTimeout(str(err)) from err
    except ProtocolError as err:
        raise requests.ConnectionError(str(err)) from err
    except DecodeError as err:
        raise requests.exceptions.ContentDecodingError(str(err)) from err
    response._content = b"".join(chunks)
    response.raw.release_conn()


class CappedMixin:
    """For a transport adapter: every response body is read, capped, before it goes on (to the
    redirect logic, to the cache, to the caller)."""

    max_bytes = DEFAULT_MAX_BYTES
    body_deadline = 60.0  # seconds for the headers and the body of each answer

    def init_poolmanager(self, *args, **kwargs):  # noqa: ANN002, ANN003 - requests' signature
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {
            "http": DeadlineHTTPConnectionPool,
            "https": DeadlineHTTPSConnectionPool,
        }

    def send(self, request, stream=False, **kwargs):  # noqa: ANN001 - requests' signature
        _SENDING.deadline = self.body_deadline
        _SENDING.started = None
        try:
            response = super().send(request, stream=True, **kwargs)
            try:
                read_body(response, self.max_bytes, self.body_deadline)
            except BaseException:
                response.close()
                raise
        finally:
            _SENDING.deadline = None
        return response


def make_adapter(
    https: bool, *, guard: bool, allow_loopback: bool, retry: Retry, max_bytes: int, deadline: float
) -> requests.adapters.HTTPAdapter:
    if guard:
        from requests_hardened.ip_filter_adapter import IPFilterAdapter

        class Guarded(CappedMixin, IPFilterAdapter):
            pass

        adapter: requests.adapters.HTTPAdapter = Guarded(
            is_https_proto=https, allow_loopback=allow_loopback
        )
    else:

        class Plain(CappedMixin, requests.adapters.HTTPAdapter):  # type: ignore[misc]  # send(**kwargs)
            pass

        adapter = Plain()
    adapter.max_retries = retry
    adapter.max_bytes = max_bytes  # type: ignore[attr-defined]
    adapter.body_deadline = deadline  # type: ignore[attr-defined]
    return adapter


def describe_address(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str:
    if str(ip) in ("169.254.169.254", "fd00:ec2::254"):
        return "a cloud metadata address"
    if ip.is_loopback:
        return "a loopback address"
    if ip.is_link_local:
        return "a link-local address"
    if ip.is_multicast:
        return "a multicast address"
    if ip.is_private:
        return "a private address"
    return "not a public address"


# -- the fetcher -----------------------------------------------------------------------------


class Fetcher:
    """Fetches web pages for one check: one session, one cache, one robots.txt memory.

    ``allow_private``: None reads ``FACTCHECK_ALLOW_PRIVATE``; True turns the address guard
    off. ``allow_loopback``: allow loopback addresses only (a server on this machine), private
    ranges stay refused. ``cache_dir``: None reads ``FACTCHECK_CACHE_DIR`` (default: the user
    cache folder). ``wayback_url``: None reads ``FACTCHECK_WAYBACK_URL``; "off" disables it.
    """

    def __init__(
        self,
        *,
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_redirects: int = DEFAULT_MAX_REDIRECTS,
        retries: int = DEFAULT_RETRIES,
        backoff: float = DEFAULT_BACKOFF,
        allow_private: bool | None = None,
        allow_loopback: bool = False,
        cache: bool = True,
        cache_dir: str | Path | None = None,
        offline: bool = False,
        refresh: bool = False,
        archive: bool = True,
        wayback_url: str | None = None,
    ) -> None:
        if offline and refresh:
            raise ConfigError("--offline and --refresh cannot be used together")
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.retries = retries
        self.backoff = backoff
        self.allow_private = (
            env_flag("FACTCHECK_ALLOW_PRIVATE") if allow_private is None else allow_private
        )
        self.allow_loopback = allow_loopback or self.allow_private
        self.cache = cache
        self.cache_dir = Path(cache_dir).expanduser() if cache_dir else None
        self.offline = offline
        self.refresh = refresh
        self.wayback = wayback_base(wayback_url) if archive else None
        self._session: requests.Session | None = None
        self._robots: dict[str, Protego | None] = {}

    OPTION_NAMES = (
        "timeout",
        "max_bytes",
        "max_redirects",
        "retries",
        "backoff",
        "allow_private",
        "allow_loopback",
        "cache",
        "cache_dir",
        "offline",
        "refresh",
        "archive",
        "wayback_url",
    )

    @classmethod
    def option_values(cls, options: object) -> dict[str, object]:
        """The keyword arguments :class:`factcheck.Options` (or anything with the same
        attributes) gives a Fetcher."""
        return {n: getattr(options, n) for n in cls.OPTION_NAMES if hasattr(options, n)}

    @classmethod
    def from_options(cls, options: object) -> Fetcher:
        """Build from :class:`factcheck.Options` (or anything with the same attributes)."""
        return cls(**cls.option_values(options))  # type: ignore[arg-type]

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._session is not None:
            self._session.close()
            self._session = None

    # -- the session -----------------------------------------------------------------------

    @property
    def session(self) -> requests.Session:
        if self._session is None:
            self._session = self._make_session()
        return self._session

    def _make_session(self) -> requests.Session:
        session: requests.Session
        if self.cache:
            import sqlite3

            from requests_cache import CachedSession

            folder = self.cache_dir or default_cache_dir()
            try:
                folder.mkdir(parents=True, exist_ok=True)
                session = CachedSession(
                    str(folder / CACHE_FILE),
                    backend="sqlite",
                    expire_after=CACHE_EXPIRE,
                    allowable_codes=CACHED_STATUSES,
                    stale_if_error=True,
                    cache_control=False,
                )
                session.cache.responses.connection()  # type: ignore[attr-defined]  # SQLite backend; fail now, not halfway, when unusable
            except (OSError, sqlite3.Error) as err:
                raise ConfigError(
                    f"cannot use the cache folder {folder}: {getattr(err, 'strerror', None) or err}"
                ) from err
        else:
            session = requests.Session()
        session.headers["User-Agent"] = USER_AGENT
        session.headers["Accept"] = "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5"
        session.max_redirects = self.max_redirects
        retry = CappedRetry(
            total=self.retries,
            connect=min(1, self.retries),
            read=False,
            other=0,
            status=self.retries,
            backoff_factor=self.backoff,
            status_forcelist=RETRY_STATUSES,
            allowed_methods=frozenset({"GET", "HEAD"}),
            respect_retry_after_header=True,
            raise_on_status=False,
            raise_on_redirect=False,
        )
        for prefix, https in (("http://", False), ("https://", True)):
            session.mount(prefix, self._adapter(https, retry))
        return session

    def _adapter(self, https: bool, retry: Retry) -> requests.adapters.HTTPAdapter:
        return make_adapter(
            https,
            guard=not self.allow_private,
            allow_loopback=self.allow_loopback,
            retry=retry,
            max_bytes=self.max_bytes,
            deadline=max(3 * self.timeout[1], 5.0),
        )

    def guard_literal(self, url: str) -> None:
        """Refuse an address written as a forbidden IP before anything (the cache included) is
        consulted. Host names are checked by the adapter after DNS resolution, at every hop."""
        if self.allow_private:
            return
        host = urlsplit(url).hostname or ""
        try:
            ip = ipaddress.ip_address(host)
        except ValueError:
            return
        if ip.version == 6 and ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        if self.allow_loopback and ip.is_loopback:
            return
        from requests_hardened.ip_filter import _is_ip_in_extra_blocked_ranges

        if (
            ip.is_private
            or ip.is_multicast
            or ip.is_reserved
            or ip.is_unspecified
            or _is_ip_in_extra_blocked_ranges(ip)
        ):
            raise blocked(url, ip)

    def request(self, url: str) -> requests.Response:
        """GET ``url`` through the cache, the guard and the retries. Any status is returned;
        transport failures raise FetchError."""
        problem = url_problem(url)
        if problem:
            raise bad_url(url, problem)
        self.guard_literal(url)
        if self.offline and not self.cache:
            raise not_cached(url)
        extra: dict[str, Any] = {}
        if self.cache:
            extra = {"only_if_cached": self.offline, "force_refresh": self.refresh}
        from requests_hardened.ip_filter import InvalidIPAddress

        try:
            resp = self.session.get(url, timeout=self.timeout, allow_redirects=True, **extra)
        except InvalidIPAddress as err:
            raise blocked(url, err.args[0] if err.args else None) from err
        except BodyTooLarge as err:
            raise FetchError(f"{url}: {err}", url=url, reason="too-large") from err
        except requests.Timeout as err:
            raise FetchError(f"{url}: timed out", url=url, reason="timeout") from err
        except requests.TooManyRedirects as err:
            raise FetchError(f"{url}: too many redirects", url=url, reason="redirects") from err
        except requests.exceptions.InvalidSchema as err:
            raise FetchError(
                f"{url}: refused: redirected to an address that is not http or https",
                url=url,
                reason="blocked",
            ) from err
        except requests.ConnectionError as err:
            raise FetchError(
                f"{url}: cannot connect ({short_reason(err)})", url=url, reason="unreachable"
            ) from err
        except requests.exceptions.InvalidURL as err:  # URL itself was checked: a redirect's
            raise FetchError(
                f"{url}: redirected to an address that is not valid", url=url, reason="bad-url"
            ) from err
        except requests.RequestException as err:
            raise FetchError(f"{url}: {short_reason(err)}", url=url, reason="unreachable") from err
        except (UnicodeError, ValueError) as err:  # a redirect the cache's URL parser refuses
            raise FetchError(
                f"{url}: redirected to an address that is not valid", url=url, reason="bad-url"
            ) from err
        if self.offline and resp.status_code == 504 and resp.reason == "Not Cached":
            raise not_cached(url)
        return resp

    def get(self, url: str) -> Fetched:
        """A page: HTTP status below 400, HTML or text, not empty. Raises FetchError."""
        resp = self.request(url)
        if resp.status_code >= 400:
            raise FetchError(
                f"{url}: HTTP {resp.status_code} {resp.reason or ''}".rstrip(),
                url=url,
                reason="http-status",
                status=resp.status_code,
            )
        ctype = resp.headers.get("Content-Type", "")
        media = media_type(ctype)
        body = resp.content or b""
        if media in SNIFFED_TYPES:
            media = sniff_type(body)
        if media not in ARTICLE_TYPES and not media.startswith("text/"):
            what = "binary data" if media == "application/octet-stream" else media
            raise FetchError(
                f"{url}: unsupported content ({what})",
                url=url,
                reason="unsupported-content",
                status=resp.status_code,
            )
        if not body.strip():
            raise FetchError(
                f"{url}: empty page (HTTP {resp.status_code}, no text)",
                url=url,
                reason="empty",
                status=resp.status_code,
            )
        created = getattr(resp, "created_at", None)
        when = created if isinstance(created, dt.datetime) else dt.datetime.now(dt.UTC)
        if when.tzinfo is None:
            when = when.replace(tzinfo=dt.UTC)
        return Fetched(
            url=url,
            final_url=resp.url or url,
            status=resp.status_code,
            content_type=media,
            body=body,
            fetched_at=when.astimezone(dt.UTC).isoformat(timespec="seconds"),
            charset=resp.encoding if "charset=" in ctype.lower() else None,
            how="http",
        )

    # -- robots.txt ------------------------------------------------------------------------

    def robots_allowed(self, url: str) -> bool:
        """Whether the site's robots.txt lets ``factcheck`` fetch ``url``. No robots.txt, an
        HTTP 4xx, a server error or an unreachable robots.txt all allow (RFC 9309 asks to treat
        5xx as "disallow all" for crawlers; factcheck fetches single pages a person cites)."""
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}/robots.txt"
        if root not in self._robots:
            rules = None
            # one try, no retries: a missing or failing robots.txt allows anyway
            self.session.mount(
                root,
                self._adapter(
                    parts.scheme == "https",
                    Retry(total=0, connect=0, read=False, redirect=None, raise_on_status=False),
                ),
            )
            try:
                resp = self.request(root)
            except FetchError as err:
                if err.reason == "blocked":
                    raise
                resp = None
            if resp is not None and resp.status_code == 200 and resp.content:
                from protego import Protego

                rules = Protego.parse(resp.content.decode("utf-8", errors="replace"))
            self._robots[root] = rules
        rules = self._robots[root]
        return rules is None or rules.can_fetch(url, ROBOTS_AGENT)

    # -- the web archive -------------------------------------------------------------------

    def archive_copy(self, url: str, when: str | None = None) -> Fetched | None:
        """The Wayback Machine snapshot of ``url`` closest to ``when`` (a date, as pages state
        it), fetched raw; None when there is none (or the archive is off or cannot be asked)."""
        if not self.wayback:
            return None
        query = {"url": url}
        stamp = wayback_timestamp(when)
        if stamp:
            query["timestamp"] = stamp
        try:
            resp = self.request(f"{self.wayback}/wayback/available?{urlencode(query)}")
        except FetchError as err:
            # the archive itself cannot be asked: say so, rather than "no copy"
            raise FetchError(
                f"{url}: the web archive cannot be reached", url=url, reason=err.reason
            ) from err
        if resp.status_code != 200:
            return None
        try:
            closest = json.loads(resp.content or b"{}")["archived_snapshots"]["closest"]
        except (ValueError, KeyError, TypeError):
            return None
        if (
            not isinstance(closest, dict)
            or not closest.get("available")
            or str(closest.get("status", "200")) != "200"
        ):
            return None
        snapshot = str(closest.get("timestamp", ""))
        if not re.fullmatch(r"\d{8,14}", snapshot):
            return None
        fetched = self.get(f"{self.wayback}/web/{snapshot}id_/{url}")
        return replace(fetched, url=url, how="archive", archived_at=archive_date(snapshot))

    # -- a source, with robots.txt and the archive -----------------------------------------

    def source(
        self,
        url: str,
        read: Callable[[Fetched], Document],
        *,
        robots: bool = True,
        when: str | None = None,
    ) -> Document:
        """Fetch and read (``read``: usually :func:`factcheck.extract.extract`) a source page.
        When it is gone (HTTP 404, 410), failing (5xx), times out, is unreachable, empty, or
        holds no article text, its web archive copy is read instead. Raises FetchError,
        InputError or ExtractionError (the original failure when no archive copy helps)."""
        problem = url_problem(url)
        if problem:
            raise bad_url(url, problem)
        if robots and not self.robots_allowed(url):
            raise FetchError(
                f"{url}: refused: the site's robots.txt does not allow fetching it "
                "(--ignore-robots for a manual check)",
                url=url,
                reason="robots",
            )
        try:
            return read(self.get(url))
        except (FetchError, ExtractionError) as err:
            if not self.wayback or not worth_archive(err):
                raise
            first = err
        try:
            copy = self.archive_copy(url, when)
        except FetchError as err:
            if "cannot be reached" in str(err):
                raise with_note(first, "the web archive could not be reached") from err
            raise with_note(first, f"the archive copy could not be read ({err.reason})") from err
        if copy is None:
            raise with_note(first, "no copy in the web archive")
        try:
            return read(copy)
        except (InputError, ExtractionError) as err:
            raise with_note(first, "the archive copy holds no article text either") from err


def worth_archive(err: Exception) -> bool:
    if isinstance(err, ExtractionError):
        return True
    if not isinstance(err, FetchError):
        return False
    if err.reason == "http-status":
        return err.status in (404, 410) or (err.status or 0) >= 500
    return err.reason in ARCHIVE_REASONS


def with_note(err: FetchError | ExtractionError, note: str) -> FetchError | ExtractionError:
    message = f"{err}; {note}"
    if isinstance(err, FetchError):
        return FetchError(message, url=err.url, reason=err.reason, status=err.status)
    return ExtractionError(message, target=err.target)


def wayback_timestamp(when: str | None) -> str | None:
    """'2025-12-27T10:00:00Z' -> '20251227'; None when no date can be read."""
    if not when:
        return None
    m = re.search(r"(\d{4})-?(\d{2})-?(\d{2})", when)
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3])).strftime("%Y%m%d")
    except ValueError:
        return None


def archive_date(stamp: str) -> str:
    """'20251227103000' -> '2025-12-27T10:30:00Z' ('20251227' -> '2025-12-27')."""
    stamp = stamp.ljust(14, "0") if len(stamp) > 8 else stamp
    day = f"{stamp[:4]}-{stamp[4:6]}-{stamp[6:8]}"
    if len(stamp) == 8:
        return day
    return f"{day}T{stamp[8:10]}:{stamp[10:12]}:{stamp[12:14]}Z"


def blocked(url: str, ip: object) -> FetchError:
    try:
        addr = ipaddress.ip_address(str(ip))
        what = f"{addr} is {describe_address(addr)}"
    except ValueError:
        what = "the address is not public"
    return FetchError(
        f"{url}: refused: {what} (--allow-private allows it)", url=url, reason="blocked"
    )


def not_cached(url: str) -> FetchError:
    return FetchError(f"{url}: not in the cache (offline)", url=url, reason="not-cached")


def short_reason(err: BaseException) -> str:
    """The gist of a transport error, looking through its causes (DNS errors are raised by
    the address guard as 'Failed to resolve domain' from a socket.gaierror)."""
    chain: list[BaseException] = []
    cur: BaseException | None = err
    while cur is not None and cur not in chain and len(chain) < 6:
        chain.append(cur)
        cur = cur.__cause__ or cur.__context__
    for marker in (
        "Name or service not known",
        "nodename nor servname provided",
        "Temporary failure in name resolution",
        "Connection refused",
        "No route to host",
        "Network is unreachable",
        "timed out",
        "Failed to resolve domain",
    ):
        if any(marker in str(e) for e in chain):
            return (
                "name or service not known"
                if marker in ("nodename nor servname provided", "Failed to resolve domain")
                else marker.lower()
            )
    for marker, said in TRANSPORT_REASONS:
        if any(marker in str(e) or marker in repr(e) for e in chain):
            return said
    for e in chain:  # an OSError's own words ("Broken pipe"), not its repr
        if isinstance(e, OSError) and e.strerror:
            return e.strerror[:1].lower() + e.strerror[1:]
    text = str(err)
    if not text or text.startswith("(") or re.search(r"\w+(Error|Exception)\(", text):
        return "the connection failed"  # a library's repr of nested exceptions
    return text.splitlines()[0][:120]


#: words in a transport error (or its causes) -> what the message says
TRANSPORT_REASONS = (
    ("Connection reset by peer", "connection reset by peer"),
    ("ConnectionResetError", "connection reset by peer"),
    ("Broken pipe", "connection closed by the server (broken pipe)"),
    ("RemoteDisconnected", "the server closed the connection without answering"),
    ("Remote end closed connection", "the server closed the connection without answering"),
    ("IncompleteRead", "the server closed the connection before the whole answer arrived"),
    ("BadStatusLine", "the server's answer is not HTTP"),
    ("certificate verify failed", "certificate verify failed"),
)
