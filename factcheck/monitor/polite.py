"""Politeness for many fetches: per-host limits shared by every fetching thread of a process.

:class:`HostLimiter` sits below the HTTP cache, in the transport adapter, so it only counts
requests that go to the network (a cached answer costs the site nothing):

- at most ``per_host`` requests in flight to one host (default 2);
- successive requests to a host start at least ``delay`` seconds apart, or the robots.txt
  ``Crawl-delay`` of the site when it asks for more (capped at :data:`MAX_CRAWL_DELAY`);
- a host that fails (cannot connect, times out, answers 429 or 5xx) is backed off: the next
  request waits ``backoff`` seconds, doubling with each failure in a row (``Retry-After`` when
  the site sends one), up to ``max_backoff``; after ``give_up`` failures in a row, requests to it
  fail at once until the back-off has passed, then one request probes it. A success resets it.

Retries of one request (factcheck.fetch: at most three, with backoff, on 429 and 5xx) happen
inside one slot, so they never multiply the number of requests in flight.

:class:`PoliteFetcher` is a :class:`~factcheck.fetch.Fetcher` whose adapters go through a
limiter and which records each site's crawl delay when it reads its robots.txt.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import requests

from ..errors import FetchError
from ..fetch import ROBOTS_AGENT, Fetcher

DEFAULT_PER_HOST = 2
DEFAULT_DELAY = 1.0  # seconds between two requests to one host
DEFAULT_BACKOFF = 2.0
MAX_BACKOFF = 300.0
GIVE_UP = 5  # failures in a row after which a host is skipped until its back-off passed
MAX_CRAWL_DELAY = 60.0


class HostBackedOff(requests.ConnectionError):
    """A request not sent: the host failed too often in a row and is backed off."""


@dataclass
class HostState:
    in_flight: int = 0
    next_start: float = 0.0  # monotonic time before which no request starts
    crawl_delay: float = 0.0
    failures: int = 0  # in a row
    open_at: float = 0.0  # backed off until then
    requests: int = 0
    failed: int = 0
    waited: float = 0.0  # seconds spent waiting for this host, in total


class Slot:
    """One request's place at a host; :meth:`done` reports how it went."""

    def __init__(self, limiter: HostLimiter, host: str) -> None:
        self.limiter = limiter
        self.host = host
        self.outcome: tuple[bool, float | None] | None = None

    def done(self, status: int, retry_after: str | None = None) -> None:
        failed = status == 429 or status >= 500
        wait = None
        if failed and retry_after and retry_after.strip().isdigit():
            wait = float(retry_after.strip())
        self.outcome = (not failed, wait)


class HostLimiter:
    """Per-host concurrency, spacing and back-off, shared by threads (see the module doc)."""

    def __init__(
        self,
        *,
        per_host: int = DEFAULT_PER_HOST,
        delay: float = DEFAULT_DELAY,
        backoff: float = DEFAULT_BACKOFF,
        max_backoff: float = MAX_BACKOFF,
        give_up: int = GIVE_UP,
        clock=time.monotonic,
    ) -> None:
        if per_host < 1:
            raise ValueError("per_host must be at least 1")
        self.per_host = per_host
        self.delay = max(0.0, delay)
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.give_up = give_up
        self.clock = clock
        self._cond = threading.Condition()
        self._hosts: dict[str, HostState] = {}

    def state(self, host: str) -> HostState:
        with self._cond:
            return self._hosts.setdefault(host, HostState())

    def set_crawl_delay(self, host: str, seconds: float | None) -> None:
        if not seconds or seconds <= 0:
            return
        with self._cond:
            self._hosts.setdefault(host, HostState()).crawl_delay = min(
                float(seconds), MAX_CRAWL_DELAY
            )

    def spacing(self, h: HostState) -> float:
        return max(self.delay, h.crawl_delay)

    def acquire(self, host: str) -> None:
        started = self.clock()
        with self._cond:
            h = self._hosts.setdefault(host, HostState())
            while True:
                now = self.clock()
                if h.failures >= self.give_up and now < h.open_at:
                    raise HostBackedOff(
                        f"{host} backed off after {h.failures} failures in a row "
                        f"(next try in {h.open_at - now:.0f} s)"
                    )
                if h.in_flight < self.per_host and now >= h.next_start and now >= h.open_at:
                    h.in_flight += 1
                    h.requests += 1
                    h.next_start = now + self.spacing(h)
                    h.waited += now - started
                    return
                if h.in_flight >= self.per_host:
                    self._cond.wait(timeout=1.0)
                else:
                    self._cond.wait(timeout=max(0.001, max(h.next_start, h.open_at) - now))

    def release(self, host: str, ok: bool, wait: float | None = None) -> None:
        with self._cond:
            h = self._hosts.setdefault(host, HostState())
            h.in_flight = max(0, h.in_flight - 1)
            if ok:
                h.failures = 0
            else:
                h.failures += 1
                h.failed += 1
                pause = wait if wait is not None else self.backoff * 2 ** (h.failures - 1)
                h.open_at = max(h.open_at, self.clock() + min(self.max_backoff, pause))
            self._cond.notify_all()

    @contextlib.contextmanager
    def slot(self, host: str) -> Iterator[Slot]:
        """Wait for a place at HOST; the request goes inside the ``with``. An exception inside
        counts as a failure of the host, unless the slot was marked done."""
        self.acquire(host)
        slot = Slot(self, host)
        try:
            yield slot
        except BaseException as err:
            # only the host's own failures count: not a refused address or a body too large
            failed = isinstance(err, (requests.ConnectionError, requests.Timeout))
            ok, wait = slot.outcome if slot.outcome is not None else (not failed, None)
            self.release(host, ok, wait)
            raise
        ok, wait = slot.outcome if slot.outcome is not None else (True, None)
        self.release(host, ok, wait)

    def totals(self) -> dict[str, dict[str, float]]:
        """Per host: requests sent, failed, and seconds spent waiting for politeness."""
        with self._cond:
            return {
                host: {"requests": h.requests, "failed": h.failed, "waited": round(h.waited, 3)}
                for host, h in self._hosts.items()
            }


def host_key(url: str) -> str:
    """What a limit applies to: the host and port of the address, lower case."""
    return urlsplit(url).netloc.lower()


class PoliteFetcher(Fetcher):
    """A Fetcher whose network requests go through a :class:`HostLimiter` (the cache does
    not), and which honours the robots.txt crawl delay of each site it reads."""

    def __init__(self, *, limiter: HostLimiter, **kwargs) -> None:
        super().__init__(**kwargs)
        self.limiter = limiter

    @classmethod
    def from_options(
        cls, options: object, limiter: HostLimiter | None = None, **overrides
    ) -> PoliteFetcher:
        values = cls.option_values(options)
        values.update(overrides)
        return cls(limiter=limiter or HostLimiter(), **values)

    def _adapter(self, https, retry):
        adapter = super()._adapter(https, retry)
        send = adapter.send
        limiter = self.limiter

        def polite_send(request, *args, **kwargs):
            with limiter.slot(host_key(request.url)) as slot:
                response = send(request, *args, **kwargs)
                slot.done(response.status_code, response.headers.get("Retry-After"))
                return response

        adapter.send = polite_send
        return adapter

    def robots_allowed(self, url: str) -> bool:
        allowed = super().robots_allowed(url)
        parts = urlsplit(url)
        rules = self._robots.get(f"{parts.scheme}://{parts.netloc}/robots.txt")
        if rules is not None:
            try:
                delay = rules.crawl_delay(ROBOTS_AGENT)
            except Exception:  # noqa: BLE001 - a broken value is no delay
                delay = None
            self.limiter.set_crawl_delay(host_key(url), delay)
        return allowed

    def article(self, url: str, *, robots: bool = True):
        """An article page found in a feed, a sitemap or a list: robots.txt is honoured (this
        is a crawler), then the page is fetched like any other."""
        if robots and not self.robots_allowed(url):
            raise FetchError(
                f"{url}: refused: the site's robots.txt does not allow fetching it "
                "(--ignore-robots to fetch it anyway)",
                url=url,
                reason="robots",
            )
        return self.get(url)
