"""The monitor's loop: inputs -> fetch and extract (threads, polite) -> check (engine) -> store.

One process reads the inputs, fetches and extracts each article and its cited sources in a
pool of threads (every network request through one :class:`~.polite.HostLimiter`), decides
whether the article changed since its last stored check (:func:`.state.content_key`), ships the
changed ones to the engine, and writes each result into SQLite as it comes back, one
transaction per article. The main thread is the only one that touches the database.

At most ``window`` articles are between "being fetched" and "stored" at any time, so memory
stays flat however long the input is, and an interrupted run loses at most those.
"""

from __future__ import annotations

import os
import queue
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from .. import fetch as fetch_stage
from .. import store
from ..errors import ExtractionError, FactcheckError, FetchError, InputError
from . import engine as engines
from . import inputs as inputs_mod
from . import state
from .polite import DEFAULT_BACKOFF, DEFAULT_DELAY, DEFAULT_PER_HOST, HostLimiter, PoliteFetcher

if TYPE_CHECKING:
    from ..pipeline import Options

DEFAULT_FETCHERS = 8


@dataclass(frozen=True)
class Settings:
    db: str
    options: Options
    cluster: str | None = None
    jobs: int | None = None  # local workers (default: one per core)
    per_host: int = DEFAULT_PER_HOST
    delay: float = DEFAULT_DELAY
    fetchers: int = DEFAULT_FETCHERS  # fetching threads
    robots: bool = True  # honour robots.txt for the articles too
    window: int | None = None  # articles in progress at once (default from the engine)
    host_backoff: float = DEFAULT_BACKOFF  # first back-off of a failing host, doubling


@dataclass(frozen=True)
class Event:
    """What the progress display is told. ``kind``: ``start`` (total known), ``problem``
    (one line), ``article`` (one article done: ``status`` checked | skipped | failed)."""

    kind: str
    done: int = 0
    total: int = 0
    status: str = ""
    url: str = ""
    message: str = ""
    counts: dict = field(default_factory=dict)


@dataclass
class Summary:
    articles: int = 0
    checked: int = 0
    skipped: int = 0
    failed: int = 0
    problems: int = 0
    inputs_read: int = 0
    inputs: int = 0
    kinds: Counter = field(default_factory=Counter)  # findings per kind, of the checks stored
    site_warnings: Counter = field(default_factory=Counter)  # warnings and errors per site
    seconds: float = 0.0
    fetch_seconds: float = 0.0  # fetching and extracting, summed over articles (wall)
    fetch_cpu_seconds: float = 0.0  # the same, CPU time of the fetching threads
    check_seconds: float = 0.0  # checking in the workers, summed
    workers: dict = field(default_factory=dict)  # worker -> {"checks": n, "peak_rss_kib": k}
    hosts: dict = field(default_factory=dict)  # HostLimiter.totals()
    engine: str = ""
    interrupted: bool = False

    def counts(self) -> dict:
        return {
            "articles": self.articles,
            "checked": self.checked,
            "skipped": self.skipped,
            "failed": self.failed,
            "problems": self.problems,
        }

    @property
    def nothing_read(self) -> bool:
        """No input could be read, or none listed an address: the exit code 2 case."""
        return self.inputs_read == 0 or self.articles == 0


@dataclass(frozen=True)
class Prepared:
    """An article fetched and extracted: a job to check, or already stored (skip), or not
    readable (failed)."""

    entry: inputs_mod.Entry
    status: str  # job | failed
    job: engines.Job | None = None
    message: str = ""
    seconds: float = 0.0  # wall time in its thread (waiting for sites included)
    cpu_seconds: float = 0.0  # CPU time of its thread (extraction, parsing)


class Fetchers:
    """One PoliteFetcher per thread (sessions and caches are not shared between threads), all
    behind one limiter."""

    def __init__(self, options, limiter: HostLimiter) -> None:
        self.options = options
        self.limiter = limiter
        self.local = threading.local()
        self.all: list[PoliteFetcher] = []
        self.lock = threading.Lock()

    def get(self) -> PoliteFetcher:
        fetcher = getattr(self.local, "fetcher", None)
        if fetcher is None:
            fetcher = PoliteFetcher.from_options(self.options, self.limiter)
            self.local.fetcher = fetcher
            with self.lock:
                self.all.append(fetcher)
        return fetcher

    def close(self) -> None:
        with self.lock:
            for f in self.all:
                f.close()
            self.all.clear()


def interleave(entries: list[inputs_mod.Entry]) -> list[inputs_mod.Entry]:
    """The articles taken host by host in turn (each host's in their order), so that the
    fetching threads work on many sites at once instead of queueing at one site's limit."""
    from .polite import host_key

    by_host: dict[str, list[inputs_mod.Entry]] = {}
    for e in entries:
        by_host.setdefault(host_key(e.url), []).append(e)
    queues = [iter(q) for q in by_host.values()]
    out: list[inputs_mod.Entry] = []
    while queues:
        alive = []
        for q in queues:
            e = next(q, None)  # type: ignore[assignment]  # None checked below
            if e is not None:
                out.append(e)
                alive.append(q)
        queues = alive
    return out


def fetch_input(options, limiter: HostLimiter) -> Callable[[str], tuple[bytes, str]]:
    """How an input address is read: fresh (a feed changes more often than the cache's day),
    any content type, through the same limits."""
    fetcher = PoliteFetcher.from_options(
        options, limiter, refresh=not getattr(options, "offline", False)
    )

    def read(url: str) -> tuple[bytes, str]:
        resp = fetcher.request(url)
        if resp.status_code >= 400:
            raise FetchError(
                f"{url}: HTTP {resp.status_code} {resp.reason or ''}".rstrip(),
                url=url,
                reason="http-status",
                status=resp.status_code,
            )
        return resp.content or b"", fetch_stage.media_type(resp.headers.get("Content-Type"))

    read.close = fetcher.close  # type: ignore[attr-defined]
    return read


def prepare(entry: inputs_mod.Entry, settings: Settings, fetchers: Fetchers) -> Prepared:
    """Fetch and extract the article and the sources it cites (in this thread)."""
    from ..extract import extract
    from ..pipeline import chosen_citations, load_or_report

    started = time.perf_counter()
    cpu = time.thread_time()
    options = settings.options
    fetcher = fetchers.get()
    when = store.now()
    try:
        doc = extract(fetcher.article(entry.url, robots=settings.robots))
        targets = list(dict.fromkeys(chosen_citations(doc, options.max_sources)))
        copies = []
        for t in targets:
            sdoc, _, status = load_or_report(t, options, fetcher, True, doc.published)
            copies.append(
                engines.SourceCopy(
                    t, sdoc, status.reason if status else "", status.message if status else ""
                )
            )
    except (FetchError, InputError, ExtractionError, FactcheckError) as err:
        return Prepared(
            entry,
            "failed",
            message=inputs_mod.one_line(err),
            seconds=time.perf_counter() - started,
            cpu_seconds=time.thread_time() - cpu,
        )
    key = state.content_key(doc, [(c.target, c.document, c.reason) for c in copies])
    job = engines.Job(entry.url, entry.input, key, doc, tuple(copies), options, when)
    return Prepared(
        entry,
        "job",
        job=job,
        seconds=time.perf_counter() - started,
        cpu_seconds=time.thread_time() - cpu,
    )


def run(
    specs: list[str],
    settings: Settings,
    *,
    progress: Callable[[Event], None] | None = None,
    engine=None,
) -> Summary:
    """Monitor the INPUTs (``specs``) into the database ``settings.db``; see the module doc.
    ``engine``: one to use instead of making one from the settings (tests, benchmarks)."""
    started = time.perf_counter()
    say = progress or (lambda event: None)
    summary = Summary(inputs=len(specs))
    limiter = HostLimiter(
        per_host=settings.per_host, delay=settings.delay, backoff=settings.host_backoff
    )
    db = state.open_db(settings.db)
    own_engine = engine is None
    fetchers = Fetchers(settings.options, limiter)
    session = None
    status = "interrupted"
    try:
        read = fetch_input(settings.options, limiter)
        try:
            found = inputs_mod.read(specs, read)
        finally:
            read.close()  # type: ignore[attr-defined]  # a reader object with close()
        summary.inputs_read = found.readable
        summary.articles = len(found.entries)
        summary.engine = (
            engine.name if engine is not None else ("dask" if settings.cluster else "local")
        )
        workers = settings.jobs or os.cpu_count() or 1
        session = state.begin_session(
            db,
            specs,
            summary.engine,
            engine.capacity if engine is not None else 0 if settings.cluster else workers,
        )
        state.add_problems(db, session, found.problems)
        summary.problems += len(found.problems)
        for p in found.problems:
            say(Event("problem", message=p.text()))
        say(Event("start", total=len(found.entries)))
        if found.entries and engine is None and settings.cluster:
            engine = engines.make(settings.cluster, None)  # a cluster that is away: stop now
        if found.entries:
            box = [engine]

            def get_engine():
                # made on the first article to check: a run that skips everything starts none
                if box[0] is None:
                    box[0] = engines.make(settings.cluster, settings.jobs)
                return box[0]

            get_engine.current = lambda: box[0]  # type: ignore[attr-defined]

            try:
                _loop(
                    interleave(found.entries),
                    settings,
                    get_engine,
                    fetchers,
                    db,
                    session,
                    summary,
                    say,
                )
            finally:
                if own_engine:
                    engine = box[0]
        status = "done"
    except KeyboardInterrupt:
        summary.interrupted = True
        raise
    finally:
        fetchers.close()
        if own_engine and engine is not None:
            engine.close(cancel=status != "done")
        summary.seconds = round(time.perf_counter() - started, 3)
        summary.hosts = limiter.totals()
        if session is not None:
            try:
                state.end_session(db, session, status, summary.counts())
            except Exception:  # noqa: BLE001 - an interrupted write; the session stays open
                pass
        db.close()
    return summary


def _loop(
    entries,
    settings: Settings,
    get_engine,
    fetchers: Fetchers,
    db,
    session: int,
    summary: Summary,
    say: Callable[[Event], None],
) -> None:
    events: queue.Queue = queue.Queue()
    local = settings.jobs or os.cpu_count() or 1

    def window() -> int:
        """Articles between fetching and stored: enough to keep every worker and fetching
        thread busy (a cluster's size is known once it is connected)."""
        if settings.window:
            return settings.window
        current = get_engine.current()
        capacity = current.capacity if current is not None else local
        return max(2 * capacity + settings.fetchers, 8)

    total = len(entries)
    todo = iter(entries)
    in_progress = 0
    done = 0
    pool = ThreadPoolExecutor(
        max_workers=max(1, settings.fetchers), thread_name_prefix="factcheck-fetch"
    )

    def fetched(future, entry) -> None:
        try:
            events.put(("prepared", future.result()))
        except BaseException as err:  # noqa: BLE001 - a bug while fetching: the article fails
            events.put(
                (
                    "prepared",
                    Prepared(entry, "failed", message=f"{type(err).__name__}: {err}"[:200]),
                )
            )

    def feed() -> None:
        nonlocal in_progress
        while in_progress < window():
            entry = next(todo, None)
            if entry is None:
                return
            in_progress += 1
            future = pool.submit(prepare, entry, settings, fetchers)
            future.add_done_callback(lambda f, e=entry: fetched(f, e))  # type: ignore[misc]  # e: default binds the entry

    def checked(job, outcome) -> None:
        events.put(("checked", job, outcome))

    def submit(job) -> None:
        try:
            get_engine().submit(job, checked)
        except FactcheckError:
            raise  # the engine cannot be started at all (no Dask, no scheduler): stop
        except Exception as err:  # noqa: BLE001 - the cluster went away: this article fails
            checked(job, err)

    def finish(status: str, url: str, message: str = "") -> None:
        nonlocal in_progress, done
        in_progress -= 1
        done += 1
        setattr(summary, status, getattr(summary, status) + 1)
        say(
            Event(
                "article",
                done=done,
                total=total,
                status=status,
                url=url,
                message=message,
                counts=summary.counts(),
            )
        )

    try:
        feed()
        while done < total:
            item = events.get()
            if item[0] == "prepared":
                prep: Prepared = item[1]
                summary.fetch_seconds += prep.seconds
                summary.fetch_cpu_seconds += prep.cpu_seconds
                if prep.status == "failed":
                    state.save_failure(db, session, prep.entry.url, prep.entry.input, prep.message)
                    summary.problems += 1
                    finish("failed", prep.entry.url, prep.message)
                elif state.unchanged(db, prep.job.url, prep.job.key):  # type: ignore[union-attr]  # a job unless failed
                    state.save_seen(db, session, prep.job.url)  # type: ignore[union-attr]
                    finish("skipped", prep.job.url)  # type: ignore[union-attr]
                else:
                    submit(prep.job)
            else:
                _, job, outcome = item
                if isinstance(outcome, BaseException):
                    engine = get_engine()
                    if engine.retryable(outcome) and job.attempt < engines.MAX_ATTEMPTS:
                        submit(replace(job, attempt=job.attempt + 1))
                        continue
                    message = f"not checked: {type(outcome).__name__}: {outcome}"[:300]
                    state.save_failure(db, session, job.url, job.input, message)
                    summary.problems += 1
                    finish("failed", job.url, message)
                elif outcome.report is None:
                    message = f"internal error: {outcome.error}"
                    state.save_failure(db, session, job.url, job.input, message)
                    summary.problems += 1
                    finish("failed", job.url, message)
                else:
                    summary.check_seconds += outcome.seconds
                    w = summary.workers.setdefault(outcome.worker, {"checks": 0, "peak_rss_kib": 0})
                    w["checks"] += 1
                    w["peak_rss_kib"] = max(w["peak_rss_kib"], outcome.peak_rss_kib)
                    run_id = state.save_check(
                        db, session, job.url, job.input, job.key, outcome.report, job.started_at
                    )
                    if run_id is None:
                        finish("skipped", job.url)
                    else:
                        tally(summary, outcome.report)
                        finish("checked", job.url)
            feed()
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def tally(summary: Summary, report) -> None:
    from urllib.parse import urlsplit

    doc = report.article.document
    site = doc.site or urlsplit(doc.final_url or doc.url).netloc or doc.url
    for f in report.findings:
        summary.kinds[f.kind] += 1
        if f.severity in ("error", "warning"):
            summary.site_warnings[site] += 1
    summary.site_warnings.setdefault(site, 0)
