"""The ``factcheck monitor`` command: options, progress on stderr, the summary at the end.

Registered by factcheck/cli.py; kept apart so the command line module stays small. The options
it shares with ``check`` come from factcheck.cli_options (cli imports this module, never the
other way round).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..cli_options import (
    AllowPrivateOpt,
    NoArchiveOpt,
    OfflineOpt,
    RefreshOpt,
    TimeoutOpt,
    fail,
)

if TYPE_CHECKING:
    from rich.progress import Progress as RichProgress
    from rich.progress import TaskID

    from .runner import Event, Summary

# the defaults of polite.py and runner.py, repeated so that the command line starts without
# importing them (tests/test_monitor_inputs.py keeps them equal)
DEFAULT_PER_HOST = 2
DEFAULT_DELAY = 1.0
DEFAULT_FETCHERS = 8
DEFAULT_EVERY = 25


def monitor(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Article sources: a text file of URLs (one a line, # comments), an RSS or Atom feed "
            "or a sitemap (URL or file).",
            show_default=False,
        ),
    ],
    db: Annotated[
        Path,
        typer.Option(
            "--db",
            help="The SQLite database to store checks in (the one check --db writes; "
            "created if missing).",
            dir_okay=False,
            show_default=False,
        ),
    ],
    cluster: Annotated[
        str | None,
        typer.Option(
            "--cluster",
            help="Run the checks on this Dask distributed scheduler "
            "(tcp://host:8786); needs the cluster extra.",
            show_default=False,
        ),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            help="Local worker processes (default: one per core).",
            min=1,
            show_default=False,
        ),
    ] = None,
    per_host: Annotated[
        int, typer.Option(help="Requests in flight to one host at most.", min=1)
    ] = DEFAULT_PER_HOST,
    delay: Annotated[
        float,
        typer.Option(
            help="Seconds between two requests to one host (robots.txt Crawl-delay when larger).",
            min=0,
        ),
    ] = DEFAULT_DELAY,
    fetchers: Annotated[
        int, typer.Option(help="Fetching threads (articles fetched at once, across hosts).", min=1)
    ] = DEFAULT_FETCHERS,
    timeout: TimeoutOpt = 20.0,
    offline: OfflineOpt = False,
    refresh: RefreshOpt = False,
    allow_private: AllowPrivateOpt = False,
    ignore_robots: Annotated[
        bool,
        typer.Option(
            "--ignore-robots", help="Fetch articles and sources even where robots.txt disallows it."
        ),
    ] = False,
    no_archive: NoArchiveOpt = False,
    progress: Annotated[
        bool | None,
        typer.Option(
            "--progress/--no-progress",
            help="Show progress on stderr (default: a bar on a "
            "terminal, a line every --every articles otherwise).",
            show_default=False,
        ),
    ] = None,
    every: Annotated[
        int,
        typer.Option(help="Without a terminal: one progress line per this many articles.", min=1),
    ] = DEFAULT_EVERY,
) -> None:
    """Check every article that feeds, sitemaps or lists of URLs name, with its cited sources,
    and store each check in a database (as check --db does). Run it again to continue an
    interrupted run; unchanged articles are skipped."""
    from .. import pipeline
    from .runner import Settings, run

    if offline and refresh:
        fail("--offline and --refresh cannot be used together")
    if cluster:
        try:
            import distributed  # noqa: F401
        except ImportError:
            fail("--cluster needs Dask distributed: pip install 'factcheck-news[cluster]'")
    options = pipeline.Options(
        timeout=(min(5.0, timeout), timeout),
        offline=offline,
        refresh=refresh,
        allow_private=True if allow_private else None,
        respect_robots=not ignore_robots,
        archive=not no_archive,
    )
    settings = Settings(
        db=str(db),
        options=options,
        cluster=cluster,
        jobs=jobs,
        per_host=per_host,
        delay=delay,
        fetchers=fetchers,
        robots=not ignore_robots,
    )
    try:
        with Progress(progress, every) as show:
            summary = run(inputs, settings, progress=show)
    except KeyboardInterrupt:
        typer.echo(
            "factcheck: monitor: interrupted; every article stored so far is kept: run "
            "the same command again to continue",
            err=True,
        )
        raise typer.Exit(130) from None
    typer.echo(render_summary(summary), err=True, nl=False)
    if summary.nothing_read:
        raise typer.Exit(2)


class Progress:
    """A rich bar with counts and ETA on a terminal; without one (CI logs), a line every
    ``every`` articles and at the end; problems are one line each, always."""

    def __init__(self, enabled: bool | None, every: int = DEFAULT_EVERY) -> None:
        self.enabled = enabled is not False
        self.bar = self.enabled and sys.stderr.isatty() and not os.environ.get("CI")
        self.every = every
        self.progress: RichProgress | None = None
        self.task: TaskID | None = None

    def __enter__(self) -> Progress:
        return self

    def line(self, text: str) -> None:
        if self.progress is not None:
            self.progress.console.print(text, markup=False, highlight=False)
        else:
            typer.echo(text, err=True)

    def __call__(self, event: Event) -> None:
        if event.kind == "problem":
            self.line(f"factcheck: monitor: {event.message}")
            return
        if event.kind == "article" and event.status == "failed":
            self.line(f"factcheck: monitor: {event.url}: {event.message}")
        if not self.enabled:
            return
        if event.kind == "start":
            if self.bar and event.total:
                from rich.console import Console
                from rich.progress import (
                    BarColumn,
                    MofNCompleteColumn,
                    TextColumn,
                    TimeElapsedColumn,
                    TimeRemainingColumn,
                )
                from rich.progress import (
                    Progress as Bar,
                )

                self.progress = Bar(
                    TextColumn("monitoring"),
                    BarColumn(),
                    MofNCompleteColumn(),
                    TextColumn("{task.description}"),
                    TimeElapsedColumn(),
                    TextColumn("ETA"),
                    TimeRemainingColumn(),
                    console=Console(stderr=True),
                    transient=True,
                )
                self.progress.start()
                self.task = self.progress.add_task("", total=event.total)
            elif not self.bar:
                typer.echo(
                    f"factcheck: monitor: {event.total} article"
                    f"{'s' if event.total != 1 else ''} to look at",
                    err=True,
                )
            return
        if event.kind != "article":
            return
        c = event.counts
        counts = f"{c['checked']} checked, {c['skipped']} skipped, {c['failed']} failed"
        if self.progress is not None:
            self.progress.update(self.task, advance=1, description=counts)  # type: ignore[arg-type]  # set with the bar
        elif event.done % self.every == 0 or event.done == event.total:
            typer.echo(f"factcheck: monitor: [{event.done}/{event.total}] {counts}", err=True)

    def __exit__(self, *exc) -> None:
        if self.progress is not None:
            self.progress.stop()


def render_summary(s: Summary, top: int = 5) -> str:
    lines = [
        f"factcheck: monitor: {s.articles} article{'s' if s.articles != 1 else ''}: "
        f"{s.checked} checked, {s.skipped} skipped (unchanged), {s.failed} failed; "
        f"{s.problems} problem{'s' if s.problems != 1 else ''} "
        f"({s.inputs_read} of {s.inputs} input{'s' if s.inputs != 1 else ''} read) "
        f"in {s.seconds:.1f} s"
    ]
    if s.kinds:
        lines.append("  findings: " + ", ".join(f"{k} {n}" for k, n in s.kinds.most_common()))
    worst = [(site, n) for site, n in s.site_warnings.most_common(top) if n]
    if worst:
        lines.append("  most warnings: " + ", ".join(f"{site} {n}" for site, n in worst))
    return "\n".join(lines) + "\n"
