"""Where the checks run: a local process pool, or an existing Dask distributed cluster.

The process that reads the inputs fetches every page (with the per-host limits of
:mod:`factcheck.monitor.polite`) and extracts it; what it ships to a worker is a :class:`Job`:
the article's document and its sources' documents (or why each could not be read). The worker
runs the CPU part, :func:`check_job` (segment, align with the sentence encoder, analyse) and
sends the :class:`~factcheck.models.Report` back; only the first process writes the database.

- :class:`LocalEngine`: ``concurrent.futures.ProcessPoolExecutor`` (spawned processes, one per
  core by default), each loading the encoder once in its initializer. A worker that dies breaks
  the pool: the pool is started again and the unfinished jobs are sent again (each at most
  :data:`MAX_ATTEMPTS` times).
- :class:`DaskEngine`: ``distributed.Client`` on a scheduler address; a worker plugin
  (:class:`EncoderPlugin`) loads the encoder once per worker. When a worker dies the scheduler
  runs its tasks on the others (and gives up on a task that killed three workers).

Both call ``done(job, outcome)`` from another thread when a job ends; the caller queues it.
"""

from __future__ import annotations

import os
import resource
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import ConfigError, ExtractionError, FetchError
from ..models import Document, Report

if TYPE_CHECKING:
    from ..pipeline import Options

MAX_ATTEMPTS = 3
INSTALL_HINT = "--cluster needs Dask distributed: pip install 'factcheck-news[cluster]'"


@dataclass(frozen=True)
class SourceCopy:
    """A source as the fetching process found it: its document, or why it could not be read
    (the reason tag and message of the error, so the worker reports the same finding)."""

    target: str
    document: Document | None
    reason: str = ""
    message: str = ""


@dataclass(frozen=True)
class Job:
    url: str
    input: str
    key: str
    document: Document
    sources: tuple[SourceCopy, ...]
    options: Options
    started_at: str
    attempt: int = 1


@dataclass(frozen=True)
class Outcome:
    report: Report | None
    error: str | None = None
    seconds: float = 0.0  # the check's own time, in the worker
    worker: str = ""
    peak_rss_kib: int = 0  # the worker process's peak resident memory so far


class Prepared:
    """Stands in for a Fetcher in the worker: answers ``source`` with what the fetching
    process read, or raises the error it met (so findings S100, S101, S102 come out the same)."""

    def __init__(self, sources: tuple[SourceCopy, ...]) -> None:
        self.by_target = {s.target: s for s in sources}

    def source(self, url, read, *, robots: bool = True, when: str | None = None) -> Document:
        copy = self.by_target.get(url)
        if copy is None:
            raise FetchError(f"{url}: not fetched", url=url, reason="unreachable")
        if copy.document is not None:
            return copy.document
        if copy.reason == "not-article":
            raise ExtractionError(copy.message, target=url)
        raise FetchError(copy.message, url=url, reason=copy.reason)

    def close(self) -> None:
        pass


def worker_name() -> str:
    try:
        from distributed import get_worker

        return get_worker().address
    except Exception:  # noqa: BLE001 - not in a Dask worker
        return f"pid {os.getpid()}"


def peak_rss_kib() -> int:
    """This process's peak resident memory: VmHWM on Linux (ru_maxrss would count the
    parent's memory at the fork before an exec), else ru_maxrss."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def check_job(job: Job) -> Outcome:
    """The CPU part of one article, in a worker. Never raises: a bug is an Outcome with an
    error, so that the cluster does not retry it elsewhere."""
    from ..pipeline import check

    started = time.perf_counter()
    try:
        report = check(
            job.url,
            None,
            options=job.options,
            fetcher=Prepared(job.sources),  # type: ignore[arg-type]  # stands in for a Fetcher
            document=job.document,
        )
        error = None
    except Exception as err:  # noqa: BLE001 - one article's bug must not stop the run
        report = None
        error = f"{type(err).__name__}: {(str(err).splitlines() or [''])[0][:200]}"
    return Outcome(
        report, error, round(time.perf_counter() - started, 4), worker_name(), peak_rss_kib()
    )


WARM_TEXT = (
    "The council approved the new budget of twelve million euros on Tuesday.\n\n"
    "The mayor said the vote was a fair compromise for every district.\n"
)


def warm() -> None:
    """Load what a check needs once: the rules, the encoder's weights, the lexicons (a tiny
    check of a text against itself does it all)."""
    from .. import embed
    from ..extract import extract
    from ..models import Fetched
    from ..pipeline import check
    from ..rules import all_rules

    all_rules()
    embed.model()
    doc = extract(
        Fetched("warm-up.txt", "file:///warm-up.txt", None, "text/plain", WARM_TEXT.encode())
    )
    source = "http://warm-up.invalid/source"
    check("warm-up.txt", [source], fetcher=Prepared((SourceCopy(source, doc),)), document=doc)  # type: ignore[arg-type]  # stands in for a Fetcher


def _init_local_worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl+C
    warm()


Done = Callable[[Job, "Outcome | BaseException"], None]


@dataclass
class LocalEngine:
    workers: int
    name: str = "local"
    _pool: ProcessPoolExecutor | None = None
    _generation: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self._start()

    def _start(self) -> None:
        import multiprocessing

        # one BLAS thread per worker, as Dask's nanny sets for its workers: the workers are the
        # parallelism, and numeric threads on top of them fight over the cores
        for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ.setdefault(name, "1")

        # spawned, not forked: the parent runs fetching threads and holds database connections
        self._pool = ProcessPoolExecutor(
            max_workers=self.workers,
            initializer=_init_local_worker,
            mp_context=multiprocessing.get_context("spawn"),
        )
        self._generation += 1

    @property
    def capacity(self) -> int:
        return self.workers

    def pids(self) -> list[int]:
        procs = getattr(self._pool, "_processes", None) or {}
        return [p.pid for p in procs.values() if p.pid]

    def submit(self, job: Job, done: Done) -> None:
        with self._lock:
            generation = self._generation
            try:
                future = self._pool.submit(check_job, job)  # type: ignore[union-attr]  # started
            except BrokenProcessPool:
                self._restart(generation)
                generation = self._generation
                future = self._pool.submit(check_job, job)  # type: ignore[union-attr]  # started

        def finished(f) -> None:
            try:
                done(job, f.result())
            except BrokenProcessPool as err:
                with self._lock:
                    self._restart(generation)
                done(job, err)
            except BaseException as err:  # noqa: BLE001 - handed to the caller
                done(job, err)

        future.add_done_callback(finished)

    def _restart(self, generation: int) -> None:
        """A worker died and took the pool with it: a new pool (once per broken pool)."""
        if generation != self._generation:
            return
        old = self._pool
        self._start()
        if old is not None:
            old.shutdown(wait=False, cancel_futures=True)

    @staticmethod
    def retryable(err: BaseException) -> bool:
        return isinstance(err, BrokenProcessPool)

    def close(self, cancel: bool = False) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=not cancel, cancel_futures=cancel)
            self._pool = None


try:  # the plugin base class, when Dask is installed
    from distributed.diagnostics.plugin import WorkerPlugin as _WorkerPlugin
except ImportError:  # pragma: no cover - without the cluster extra
    _WorkerPlugin = object  # type: ignore[assignment,misc]


class EncoderPlugin(_WorkerPlugin):
    """Loads the sentence encoder (and the rules) once per Dask worker, when it starts or
    when the plugin is registered."""

    name = "factcheck-encoder"

    def setup(self, worker) -> None:  # noqa: ANN001 - distributed's signature
        warm()


class DaskEngine:
    """Checks on an existing Dask distributed cluster (``tcp://scheduler:8786``)."""

    name = "dask"

    def __init__(self, address: str, *, timeout: float = 30.0) -> None:
        try:
            from distributed import Client
        except ImportError as err:
            raise ConfigError(INSTALL_HINT) from err
        try:
            self.client = Client(address, timeout=timeout, set_as_default=False)
        except (OSError, TimeoutError) as err:
            raise ConfigError(
                f"cannot reach the Dask scheduler at {address}: "
                f"{(str(err).splitlines() or [type(err).__name__])[0]}"
            ) from err
        self.address = address
        self._futures: dict[str, object] = {}
        self._lock = threading.Lock()
        self._count = 0
        self._capacity = 1
        self._asked = 0.0
        self.client.register_plugin(EncoderPlugin(), name=EncoderPlugin.name)

    @property
    def capacity(self) -> int:
        """Worker threads in the cluster (asked again every few seconds: workers come and
        go)."""
        now = time.monotonic()
        if now - self._asked > 5.0:
            try:
                self._capacity = max(1, sum(self.client.nthreads().values()))
            except Exception:  # noqa: BLE001 - the scheduler is away for a moment
                pass
            self._asked = now
        return self._capacity

    def submit(self, job: Job, done: Done) -> None:
        with self._lock:
            self._count += 1
            key = f"factcheck-{job.key}-{self._count}"
        future = self.client.submit(check_job, job, key=key, pure=False)
        with self._lock:
            self._futures[key] = future

        def finished(f) -> None:
            with self._lock:
                self._futures.pop(key, None)
            try:
                if f.status == "finished":
                    done(job, f.result())
                else:
                    done(job, f.exception() or RuntimeError(f"task {f.status}"))
            except BaseException as err:  # noqa: BLE001 - handed to the caller
                done(job, err)

        future.add_done_callback(finished)

    @staticmethod
    def retryable(err: BaseException) -> bool:
        return False  # the scheduler already moved the task off a dead worker

    def close(self, cancel: bool = False) -> None:
        with self._lock:
            futures = list(self._futures.values())
            self._futures.clear()
        if cancel and futures:
            try:
                self.client.cancel(futures)
            except Exception:  # noqa: BLE001 - the cluster may be gone already
                pass
        self.client.close()


def make(cluster: str | None, workers: int | None):
    if cluster:
        return DaskEngine(cluster)
    return LocalEngine(max(1, workers or os.cpu_count() or 1))
