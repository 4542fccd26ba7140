"""The command line: a thin typer wrapper over the library.

Each command calls one library function and turns the library's exceptions into one line on
stderr and an exit code:

    0  no finding at or above --fail-on
    1  at least one finding at or above --fail-on
    2  bad usage or bad input (missing/unreadable article, unsupported language, bad options)
    3  an internal error (a bug): one line; FACTCHECK_DEBUG=1 shows the traceback
"""

from __future__ import annotations

import os
import sys
from datetime import UTC
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
import typer.core

from .cli_options import (
    AllowPrivateOpt,
    NoArchiveOpt,
    OfflineOpt,
    RefreshOpt,
    TimeoutOpt,
    fail,
)
from .errors import FactcheckError
from .version import __version__

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

#: the placeholder shown in help for each option or argument value (by parameter name); a
#: choice shows its values (text|json), a flag nothing, anything else its name in capitals
METAVARS = {
    "article": "ARTICLE",
    "source": "SOURCE",
    "paths": "PATH",
    "path": "PATH",
    "code": "CODE",
    "folder": "FOLDER",
    "inputs": "INPUT",
    "output": "FILE",
    "timeout": "SECONDS",
    "db": "PATH",
    "select": "CODES",
    "ignore": "CODES",
    "port": "N",
    "host": "ADDRESS",
    "also": "FORMAT:FILE",
    "config_file": "FILE",
    "severity": "CODE=LEVEL",
    "language": "LANG",
    "changed_since": "REF",
    "jobs": "N",
    "pins_dir": "DIR",
    "ignore_file": "FILE",
    "cache_dir": "DIR",
    "calibrate": "FILE",
    "cluster": "ADDRESS",
    "per_host": "N",
    "delay": "SECONDS",
    "fetchers": "N",
    "every": "N",
}
VALIDATION_PREFIX = "Value error, "  # what the validation library puts before a ValueError


def plain_help(command) -> None:
    """Help as written: plain placeholders (FILE, N, text|json) instead of typer's type names
    (<list[str]>, <int range>, <bool>), and no rich markup in help texts, so that
    ``[tool.factcheck]`` is shown and not taken for a style."""
    from rich.markup import escape

    if getattr(command, "_factcheck_plain", False):
        return
    command._factcheck_plain = True
    help_option = command.get_help_option

    def plain_help_option(ctx):
        option = help_option(ctx)
        if option is not None and option.metavar is None:
            option.metavar = ""  # a flag: nothing to give
        return option

    command.get_help_option = plain_help_option
    if command.help:
        command.help = escape(command.help)
    for param in command.params:
        if getattr(param, "help", None):
            param.help = escape(param.help)
        if param.param_type_name == "argument":
            # the name is the placeholder: no type column, ARTICLE rather than {article}
            param.display_type_rich = lambda ctx=None: None
            param._usage_display_name = lambda p=param: (
                (p.metavar if p.required else f"[{p.metavar}]") + ("..." if p.nargs != 1 else "")
            )
        if param.metavar is not None:
            continue
        if getattr(param, "is_flag", False):
            param.metavar = ""
            continue
        shown = ""
        try:
            shown = (param.display_type(None) or "").strip("<>")
        except Exception:  # noqa: BLE001 - a type typer cannot name: the fallback below
            pass
        if "|" in shown and not shown.startswith("list["):
            param.metavar = shown
        else:
            param.metavar = METAVARS.get(param.name or "", (param.name or "value").upper())


class Group(typer.core.TyperGroup):
    """The command group: plain help (:func:`plain_help`), and usage errors without the
    validation library's prefix."""

    def get_command(self, ctx, cmd_name):
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            plain_help(command)
        return command

    def format_help(self, ctx, formatter) -> None:
        plain_help(self)
        super().format_help(ctx, formatter)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except typer.BadParameter as err:
            err.message = str(err.message).replace(VALIDATION_PREFIX, "")
            raise


app = typer.Typer(
    cls=Group,
    name="factcheck",
    help="Check a rewritten news article against the original it cites, sentence by sentence, "
    "across languages.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class ListFormat(str, Enum):
    text = "text"
    json = "json"


class Format(str, Enum):
    text = "text"
    json = "json"
    html = "html"
    concise = "concise"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


class Confidence(str, Enum):
    low = "low"
    medium = "medium"
    high = "high"


def use_color(flag: bool | None) -> bool:
    if flag is not None:
        return flag
    return (
        sys.stdout.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"
    )


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"factcheck {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=version_callback, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Check a rewritten news article against the original it cites.

    Exit codes: 0 clean, 1 findings at or above --fail-on, 2 bad usage or input, 3 internal error.
    """


@app.command()
def check(
    article: Annotated[
        str,
        typer.Argument(
            help="The article: a URL or a file (.html, .htm, .md, .txt); - reads it from "
            "standard input.",
            show_default=False,
        ),
    ],
    source: Annotated[
        list[str] | None,
        typer.Option(
            "--source",
            "-s",
            help="A source to check against (URL or file); repeat for several. "
            "Default: the sources the article cites.",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Report format.")] = Format.text,
    fail_on: Annotated[
        FailOn, typer.Option(help="Exit 1 when a finding reaches this severity.")
    ] = FailOn.error,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write the report to a file.", dir_okay=False, show_default=False
        ),
    ] = None,
    color: Annotated[
        bool | None,
        typer.Option(
            "--color/--no-color",
            help="Colour the text report (default: when a terminal).",
            show_default=False,
        ),
    ] = None,
    timeout: TimeoutOpt = 20.0,
    offline: OfflineOpt = False,
    refresh: RefreshOpt = False,
    allow_private: AllowPrivateOpt = False,
    ignore_robots: Annotated[
        bool,
        typer.Option(
            "--ignore-robots",
            help="Fetch cited sources even where robots.txt disallows it (for a manual check).",
        ),
    ] = False,
    no_archive: NoArchiveOpt = False,
    db: Annotated[
        Path | None,
        typer.Option(
            "--db",
            help="Also write the run into this SQLite database (created if missing); "
            "browse it with factcheck serve.",
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    select: Annotated[
        list[str] | None,
        typer.Option(
            help="Rules to report: codes, prefixes or names, comma-separated (default: every "
            "rule).",
            show_default=False,
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option(
            help="Rules not to report: codes, prefixes or names, comma-separated.",
            show_default=False,
        ),
    ] = None,
    min_confidence: Annotated[
        Confidence | None,
        typer.Option(help="Drop findings below this confidence.", show_default=False),
    ] = None,
    stdin_filename: Annotated[
        str | None,
        typer.Option(
            "--stdin-filename",
            metavar="NAME",
            help="With ARTICLE -: the name to report it under; its suffix (.md, .html, .txt) "
            "says how to read it.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Check ARTICLE against its source(s): additions, omissions, changed numbers and dates,
    altered or unsourced quotes, attribution and hedge changes."""
    from dataclasses import replace

    from . import pipeline
    from .config import rule_filter
    from .findings import reaches
    from .report import render

    chosen = rule_filter(select, ignore, min_confidence.value if min_confidence else None)
    if db is not None and not db.exists() and not db.parent.is_dir():
        fail(f"--db {db}: the folder {db.parent} does not exist")  # before minutes of work
    options = fetch_options(
        pipeline,
        timeout,
        offline=offline,
        refresh=refresh,
        allow_private=allow_private,
        respect_robots=not ignore_robots,
        archive=not no_archive,
    )
    started = now_utc()
    document = None
    if article == "-":
        article, document = stdin_document(stdin_filename, options.max_bytes)
    elif stdin_filename is not None:
        fail("--stdin-filename goes with ARTICLE - (the article read from standard input)")
    with spinner(f"checking {article}"):
        report = pipeline.check(article, source, options=options, document=document)
    if chosen is not None:
        report = replace(
            report,
            findings=tuple(
                f
                for f in report.findings
                if chosen.enabled(f.rule) and chosen.confident(f.confidence)
            ),
        )
    extra = {}
    if fmt == Format.concise:
        extra["target"] = article
        if Path(article).is_file():
            from .extract import decode
            from .fetch import read_file

            extra["raw"] = decode(read_file(article))
    text = render(
        report,
        fmt.value,
        color=use_color(color) and output is None,
        width=terminal_width(),
        **extra,
    )
    emit(text, output)  # the report first: a database that cannot be written must not lose it
    if db is not None:
        from . import store

        try:
            store.save(report, db, command="check", started_at=started, article_target=article)
        except FactcheckError as err:
            fail(f"the run was not saved: {err}")
    if any(reaches(f, fail_on.value) for f in report.findings):
        raise typer.Exit(1)


@app.command()
def serve(
    path: Annotated[
        Path, typer.Argument(help="A database written with --db.", dir_okay=False)
    ] = Path("factcheck.db"),
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8001,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
) -> None:
    """Browse a database written with --db in Datasette: tables, facets, queries, and the
    side-by-side page of each check (at /-/factcheck)."""
    try:
        import datasette  # noqa: F401
    except ImportError:
        fail("factcheck serve needs Datasette: pip install 'factcheck-news[serve]'")
    if not path.is_file():
        fail(f"no database at {path}; write one with: factcheck check ARTICLE --db {path}")
    from . import store
    from .serve import serve as run_server

    store.connect(path).close()  # migrates a database written by an older version
    import socket

    try:
        with socket.create_server((host, port)):
            pass
    except OSError as err:
        fail(f"cannot listen on {host}:{port}: {err.strerror}")
    typer.echo(
        f"factcheck: serving {path} at http://{host}:{port}/-/factcheck (Ctrl+C stops)", err=True
    )
    run_server(path, host=host, port=port)


def fetch_options(
    pipeline,
    timeout: float,
    *,
    offline: bool = False,
    refresh: bool = False,
    allow_private: bool = False,
    **more: bool,
):
    """Options from the fetching flags shared by check and sources."""
    if offline and refresh:
        fail("--offline and --refresh cannot be used together")
    return pipeline.Options(
        timeout=(min(5.0, timeout), timeout),
        offline=offline,
        refresh=refresh,
        allow_private=True if allow_private else None,
        **more,
    )


@app.command()
def sources(
    article: Annotated[
        str,
        typer.Argument(
            help="The article: a URL or a file (.html, .htm, .md, .txt); - reads it from "
            "standard input.",
            show_default=False,
        ),
    ],
    fmt: Annotated[
        ListFormat, typer.Option("--format", "-f", help="Listing format.")
    ] = ListFormat.text,
    timeout: TimeoutOpt = 20.0,
    offline: OfflineOpt = False,
    refresh: RefreshOpt = False,
    allow_private: AllowPrivateOpt = False,
) -> None:
    """List the sources ARTICLE cites, best first: rank, address, how each was found and the
    words that show it. The first three are the ones check uses."""
    import json

    from . import discover, fetch, pipeline

    if fmt == Format.html:
        fail("factcheck sources prints text or json")
    options = fetch_options(
        pipeline, timeout, offline=offline, refresh=refresh, allow_private=allow_private
    )
    with spinner(f"reading {article}"), fetch.Fetcher.from_options(options) as fetcher:
        doc = pipeline.load_document(article, options, fetcher)
    if fmt == Format.json:
        typer.echo(
            json.dumps(discover.listing(doc, options.max_sources), ensure_ascii=False, indent=2)
        )
    else:
        typer.echo(discover.render_text(doc, options.max_sources), nl=False)


class ScanFormat(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"
    junit = "junit"
    ignore = "ignore"


@app.command()
def scan(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files and folders to scan (default: the configuration's root, else the current "
            "folder).",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        ScanFormat, typer.Option("--format", "-f", help="Report format.")
    ] = ScanFormat.text,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write the report to a file.", dir_okay=False, show_default=False
        ),
    ] = None,
    also: Annotated[
        list[str] | None,
        typer.Option(
            "--report",
            help="Also write the report as FORMAT to FILE (FORMAT:FILE, e.g. "
            "sarif:factcheck.sarif); repeat for several.",
            show_default=False,
        ),
    ] = None,
    config_file: Annotated[
        Path | None,
        typer.Option(
            "--config",
            help="The configuration file (default: factcheck.toml or pyproject.toml "
            "[tool.factcheck], looked for from the first path up).",
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    select: Annotated[
        list[str] | None,
        typer.Option(
            help="Rules to report: codes, prefixes or names, comma-separated (replaces the "
            "configuration's list).",
            show_default=False,
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option(
            help="Rules not to report (added to the configuration's list).", show_default=False
        ),
    ] = None,
    severity: Annotated[
        list[str] | None,
        typer.Option(
            help="Override a rule's severity: CODE=LEVEL (C201=warning); repeatable.",
            show_default=False,
        ),
    ] = None,
    min_confidence: Annotated[
        Confidence | None,
        typer.Option(help="Drop findings below this confidence.", show_default=False),
    ] = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            help="Exit 1 when a finding reaches this severity (default: error).", show_default=False
        ),
    ] = None,
    language: Annotated[
        list[str] | None,
        typer.Option(
            "--language",
            help="An article language to allow (others: F102); repeatable.",
            show_default=False,
        ),
    ] = None,
    changed_since: Annotated[
        str | None,
        typer.Option(
            help="Only files changed since this git ref (REF...HEAD, plus uncommitted and untracked "
            "files).",
            show_default=False,
        ),
    ] = None,
    no_ignore: Annotated[
        bool,
        typer.Option(
            "--no-ignore",
            help="Also scan files git ignores (.gitignore, .git/info/exclude) and "
            "build output folders (node_modules, public, _site, ...).",
        ),
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            help="Worker processes (default: one per core).",
            min=1,
            show_default=False,
        ),
    ] = None,
    offline: Annotated[
        bool | None,
        typer.Option(
            "--offline", help="No request: pinned copies, then the HTTP cache.", show_default=False
        ),
    ] = None,
    pinned_only: Annotated[
        bool | None,
        typer.Option(
            "--pinned-only",
            help="Read web sources from their pins only (P100 when missing).",
            show_default=False,
        ),
    ] = None,
    pins_dir: Annotated[
        Path | None,
        typer.Option(
            help="The pins folder (default: .factcheck/pins under the root).",
            file_okay=False,
            show_default=False,
        ),
    ] = None,
    ignore_file: Annotated[
        Path | None,
        typer.Option(
            help="The suppressions file (default: .factcheck-ignore.toml under the root).",
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    cache_dir: Annotated[
        Path | None,
        typer.Option(help="The HTTP cache folder.", file_okay=False, show_default=False),
    ] = None,
    timeout: Annotated[
        float | None,
        typer.Option(help="Seconds to wait for a web page.", min=1, show_default=False),
    ] = None,
    color: Annotated[
        bool | None,
        typer.Option(
            "--color/--no-color",
            help="Colour the text report (default: when a terminal).",
            show_default=False,
        ),
    ] = None,
    progress: Annotated[
        bool | None,
        typer.Option(
            "--progress/--no-progress",
            help="Show progress on stderr (default: a bar on a "
            "terminal, one line per file in CI logs).",
            show_default=False,
        ),
    ] = None,
    statistics: Annotated[
        bool,
        typer.Option(
            "--statistics",
            help="Print the number of findings per rule instead of the findings "
            "(text, or json with --format json).",
        ),
    ] = False,
) -> None:
    """Check every article of a content repository (Markdown and HTML files with their cited
    sources), for CI: text, JSON, SARIF, GitHub annotations or JUnit XML."""
    from . import config as config_mod
    from . import scan as scan_mod
    from .report import SCAN_FORMATS, render_scan

    if statistics and fmt not in (ScanFormat.text, ScanFormat.json):
        fail("--statistics prints text or json")
    extra: list[tuple[str, Path]] = []
    for spec in also or []:
        name, sep, target = spec.partition(":")
        if not sep or name not in SCAN_FORMATS or not target:
            fail(
                f"--report: expected FORMAT:FILE with FORMAT one of "
                f"{', '.join(SCAN_FORMATS)}, got {spec!r}"
            )
        extra.append((name, Path(target)))
    cfg = config_mod.load(paths or [], config_file=config_file)
    cfg = cfg.with_cli(
        select=select,
        ignore=ignore,
        severity=severity,
        languages=language,
        min_confidence=min_confidence.value if min_confidence else None,
        fail_on=fail_on.value if fail_on else None,
        changed_since=changed_since,
        jobs=jobs,
        offline=offline,
        pinned_only=pinned_only,
        pins_dir=pins_dir,
        ignore_file=ignore_file,
        cache_dir=cache_dir,
        timeout=timeout,
        respect_gitignore=False if no_ignore else None,
    )
    for p in paths or []:
        if not Path(p).exists():
            typer.echo(f"factcheck: {p}: no such file or folder", err=True)
    with ScanProgressDisplay(progress) as show:
        report = scan_mod.scan(paths or [], cfg, progress=show)
    for f in report.errors():
        typer.echo(f"factcheck: internal error on {f.path}: {f.error}", err=True)
    if statistics:
        text = scan_mod.render_statistics(report, as_json=fmt == ScanFormat.json)
    else:
        text = render_scan(
            report, fmt.value, color=use_color(color) and output is None, width=terminal_width()
        )
    emit(text, output)
    for name, out_path in extra:
        try:
            out_path.write_text(render_scan(report, name), encoding="utf-8")
        except OSError as err:
            fail(f"cannot write {out_path}: {err.strerror}")
    if "github" in {fmt.value, *(n for n, _ in extra)} and os.environ.get("GITHUB_STEP_SUMMARY"):
        from .report.github import summary

        try:
            with open(os.environ["GITHUB_STEP_SUMMARY"], "a", encoding="utf-8") as out:
                out.write(summary(report))
        except OSError as err:
            typer.echo(f"factcheck: cannot write the step summary: {err.strerror}", err=True)
    raise typer.Exit(report.exit_code())


class ScanProgressDisplay:
    """Progress of a scan on stderr: a rich progress bar on a terminal, one plain line per file
    in CI logs (stderr not a terminal, or CI set), nothing with --no-progress."""

    def __init__(self, enabled: bool | None) -> None:
        self.enabled = enabled is not False
        self.bar = sys.stderr.isatty() and not os.environ.get("CI") and enabled is not False
        self.progress: Progress | None = None
        self.task: TaskID | None = None

    def __enter__(self):
        return self

    def __call__(self, event) -> None:
        if not self.enabled:
            return
        if self.bar:
            if self.progress is None:
                from rich.console import Console
                from rich.progress import (
                    BarColumn,
                    MofNCompleteColumn,
                    Progress,
                    TextColumn,
                    TimeElapsedColumn,
                )

                self.progress = Progress(
                    TextColumn("scanning"),
                    BarColumn(),
                    MofNCompleteColumn(),
                    TimeElapsedColumn(),
                    TextColumn("{task.description}"),
                    console=Console(stderr=True),
                    transient=True,
                )
                self.progress.start()
                self.task = self.progress.add_task("", total=event.total)
            if event.result is not None:
                self.progress.update(self.task, advance=1, description=event.result.path)  # type: ignore[arg-type]  # set with the bar
            return
        if event.result is None:
            return
        r = event.result
        counts = {"error": 0, "warning": 0, "info": 0}
        for item in r.active:
            counts[item.finding.severity] += 1
        found = (
            ", ".join(
                f"{n} {k}{'s' if n != 1 and k != 'info' else ''}" for k, n in counts.items() if n
            )
            or "no findings"
        )
        typer.echo(
            f"factcheck: [{event.done}/{event.total}] {r.path}: {r.status}, {found}", err=True
        )

    def __exit__(self, *exc) -> None:
        if self.progress is not None:
            self.progress.stop()


@app.command()
def pin(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files and folders whose cited web sources to pin (default: the configuration's "
            "root, else the current folder).",
            show_default=False,
        ),
    ] = None,
    config_file: Annotated[
        Path | None,
        typer.Option(
            "--config", help="The configuration file.", dir_okay=False, show_default=False
        ),
    ] = None,
    pins_dir: Annotated[
        Path | None,
        typer.Option(
            help="The pins folder (default: .factcheck/pins under the root).",
            file_okay=False,
            show_default=False,
        ),
    ] = None,
    refresh: Annotated[
        bool, typer.Option("--refresh", help="Fetch every source again, also those already pinned.")
    ] = False,
    timeout: Annotated[
        float | None,
        typer.Option(help="Seconds to wait for a web page.", min=1, show_default=False),
    ] = None,
    allow_private: AllowPrivateOpt = False,
) -> None:
    """Fetch the web sources the articles cite and store them in the repository (a file per
    source and an index, pins.toml), so that scan can run offline with --pinned-only."""
    from . import config as config_mod
    from . import pin as pin_mod
    from . import pinning

    cfg = config_mod.load(paths or [], config_file=config_file).with_cli(
        pins_dir=pins_dir, timeout=timeout
    )
    if allow_private:
        cfg = cfg.with_cli(fetch={**cfg.fetch, "allow_private": True})

    def show(event) -> None:
        if event.action == "failed":
            typer.echo(f"failed  {event.url}  ({event.article}): {event.message}")
        else:
            typer.echo(f"{event.action:<7} {event.url}  -> {event.file}")

    events = pinning.pin(paths or [], cfg, refresh=refresh, progress=show)
    counts = {a: sum(1 for e in events if e.action == a) for a in ("pinned", "kept", "failed")}
    typer.echo(
        f"{counts['pinned']} pinned, {counts['kept']} kept, {counts['failed']} failed "
        f"({pin_mod.display(cfg.pins_path / pin_mod.INDEX)})",
        err=True,
    )
    if counts["failed"]:
        raise typer.Exit(1)


@app.command("rules")
def list_rules(
    fmt: Annotated[
        ListFormat, typer.Option("--format", "-f", help="Listing format.")
    ] = ListFormat.text,
) -> None:
    """List every rule: code, name, kind, default severity and summary."""
    from .rules import all_rules

    if fmt == ListFormat.json:
        import json

        from .report.sarif import help_uri

        typer.echo(
            json.dumps(
                [
                    {
                        "code": r.code,
                        "name": r.name,
                        "kind": r.kind,
                        "severity": r.severity,
                        "status": r.status,
                        "summary": r.summary,
                        "url": help_uri(r.code),
                    }
                    for r in all_rules().values()
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    for r in all_rules().values():
        typer.echo(f"{r.code}  {r.name:<22} {r.kind:<16} {r.severity:<8} {r.summary}")


@app.command("rule")
def show_rule(code: Annotated[str, typer.Argument(help="A rule code (C100) or name.")]) -> None:
    """Print the documentation of one rule."""
    from .rules import rule

    typer.echo(rule(code).doc.rstrip())


@app.command("eval")
def evaluate_cmd(
    folder: Annotated[
        Path | None,
        typer.Argument(
            help="Folder of labelled pairs (default: fixtures/dev of a checkout of the repository).",
            exists=True,
            file_okay=False,
            show_default=False,
        ),
    ] = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="List false positives and misses.")
    ] = False,
    calibrate: Annotated[
        Path | None,
        typer.Option(
            "--calibrate",
            metavar="FILE",
            help="Also write the measured precision per rule and evidence grade to FILE, as "
            "the set named after FOLDER (other sets in FILE are kept; rules/calibration.toml "
            "sets the confidence findings show).",
        ),
    ] = None,
    speakers: Annotated[
        bool,
        typer.Option(
            "--speakers",
            help="Measure speaker attribution on a labelled speaker set instead "
            "(FOLDER defaults to fixtures/speakers).",
        ),
    ] = False,
) -> None:
    """Run the checker over a labelled set; print precision, recall and F1 per kind, and the
    precision per confidence level, per rule and of what is shown by default."""
    if speakers:
        from .evaluate_speakers import evaluate_speakers
        from .evaluate_speakers import table as speaker_table

        root = folder or Path("fixtures/speakers")
        if not root.is_dir():
            fail(
                "no speaker set here (fixtures/speakers is in a checkout of the repository): "
                "pass its folder: factcheck eval --speakers FOLDER"
            )
        typer.echo(speaker_table(evaluate_speakers(root), verbose=verbose), nl=False)
        return
    from .evaluate import calibration_toml, evaluate, table

    if folder is None:
        folder = Path("fixtures/dev")
        if not folder.is_dir():
            fail(
                "no labelled set here (fixtures/dev is in a checkout of the repository): run "
                "factcheck eval from a checkout, or pass the folder of labelled pairs: "
                "factcheck eval FOLDER"
            )
    with spinner(f"evaluating {folder}"):
        ev = evaluate(folder)
    typer.echo(table(ev, verbose=verbose), nl=False)
    if calibrate is not None:
        previous = calibrate.read_text(encoding="utf-8") if calibrate.is_file() else ""
        calibrate.write_text(
            calibration_toml(ev, folder.resolve().name, previous), encoding="utf-8"
        )


def stdin_document(name: str | None, max_bytes: int):
    """The article read from standard input, extracted as a file called NAME would be."""
    from .extract import extract
    from .fetch import SUFFIX_TYPES, sniff_type
    from .models import Fetched

    label = name or "-"
    body = sys.stdin.buffer.read(max_bytes + 1)
    if len(body) > max_bytes:
        fail(f"{label}: standard input larger than {max_bytes} bytes")
    kind = SUFFIX_TYPES.get(Path(label).suffix.lower()) or sniff_type(body)
    fetched = Fetched(url=label, final_url=label, status=None, content_type=kind, body=body)
    return label, extract(fetched)


class spinner:
    """A status line on stderr while work runs, only when stderr is a terminal."""

    def __init__(self, message: str) -> None:
        self.message = message
        self.status = None

    def __enter__(self):
        if sys.stderr.isatty():
            from rich.console import Console

            self.status = Console(stderr=True).status(self.message)
            self.status.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        if self.status is not None:
            self.status.__exit__(*exc)


def now_utc() -> str:
    from datetime import datetime

    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def terminal_width() -> int:
    try:
        return min(os.get_terminal_size().columns, 120)
    except OSError:
        return 100


def emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as err:
        fail(f"cannot write {output}: {err.strerror}")


from .monitor.command import monitor as _monitor  # noqa: E402 - defined apart, registered here

app.command("monitor")(_monitor)


def main() -> None:
    """Entry point. Usage errors are click's (exit 2); library errors become one line and exit
    code 2; anything else is an internal error: one line and exit code 3."""
    try:
        app(prog_name="factcheck")
    except FactcheckError as err:
        typer.echo(f"factcheck: error: {err}", err=True)
        sys.exit(err.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as err:  # noqa: BLE001 - the last line of defence against tracebacks
        if os.environ.get("FACTCHECK_DEBUG"):
            raise
        typer.echo(
            f"factcheck: internal error: {type(err).__name__}: {err} "
            "(set FACTCHECK_DEBUG=1 for details)",
            err=True,
        )
        sys.exit(3)
