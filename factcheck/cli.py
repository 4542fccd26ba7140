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
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__
from .errors import FactcheckError

app = typer.Typer(
    name="factcheck",
    help="Check a rewritten news article against the original it cites, sentence by sentence, "
         "across languages.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Format(str, Enum):
    text = "text"
    json = "json"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


def fail(message: str, code: int = 2) -> None:
    typer.echo(f"factcheck: error: {message}", err=True)
    raise typer.Exit(code)


def use_color(flag: Optional[bool]) -> bool:
    if flag is not None:
        return flag
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"factcheck {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=version_callback, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """Check a rewritten news article against the original it cites.

    Exit codes: 0 clean, 1 findings at or above --fail-on, 2 bad usage or input, 3 internal error.
    """


@app.command()
def check(
    article: Annotated[str, typer.Argument(help="The article: a URL or a file (.html, .htm, .md, .txt).",
                                           show_default=False)],
    source: Annotated[Optional[list[str]], typer.Option(
        "--source", "-s", help="A source to check against (URL or file); repeat for several. "
                               "Default: the sources the article cites.", show_default=False)] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Report format.")] = Format.text,
    fail_on: Annotated[FailOn, typer.Option(help="Exit 1 when a finding reaches this severity.")] = FailOn.error,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report to a file.",
                                                   dir_okay=False, show_default=False)] = None,
    color: Annotated[Optional[bool], typer.Option("--color/--no-color",
                                                  help="Colour the text report (default: when a terminal).",
                                                  show_default=False)] = None,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for a web page.", min=1)] = 20.0,
) -> None:
    """Check ARTICLE against its source(s) and report additions, omissions and changed numbers."""
    from . import pipeline
    from .findings import reaches
    from .report import render

    options = pipeline.Options(timeout=(min(5.0, timeout), timeout))
    with spinner(f"checking {article}"):
        report = pipeline.check(article, source, options=options)
    text = render(report, fmt.value, color=use_color(color) and output is None,
                  width=terminal_width())
    emit(text, output)
    if any(reaches(f, fail_on.value) for f in report.findings):
        raise typer.Exit(1)


@app.command("rules")
def list_rules() -> None:
    """List every rule: code, name, kind, default severity and summary."""
    from .rules import all_rules

    for r in all_rules().values():
        typer.echo(f"{r.code}  {r.name:<22} {r.kind:<16} {r.severity:<8} {r.summary}")


@app.command("rule")
def show_rule(code: Annotated[str, typer.Argument(help="A rule code (C100) or name.")]) -> None:
    """Print the documentation of one rule."""
    from .rules import rule

    typer.echo(rule(code).doc.rstrip())


@app.command("eval")
def evaluate_cmd(
    folder: Annotated[Path, typer.Argument(help="Folder of labelled pairs.", exists=True, file_okay=False)]
    = Path("fixtures/dev"),
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List false positives and misses.")] = False,
) -> None:
    """Run the checker over a labelled development set; print precision, recall and F1 per kind."""
    from .evaluate import evaluate, table

    with spinner(f"evaluating {folder}"):
        ev = evaluate(folder)
    typer.echo(table(ev, verbose=verbose), nl=False)


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


def terminal_width() -> int:
    try:
        return min(os.get_terminal_size().columns, 120)
    except OSError:
        return 100


def emit(text: str, output: Optional[Path]) -> None:
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as err:
        fail(f"cannot write {output}: {err.strerror}")


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
        typer.echo(f"factcheck: internal error: {type(err).__name__}: {err} "
                   "(set FACTCHECK_DEBUG=1 for details)", err=True)
        sys.exit(3)
