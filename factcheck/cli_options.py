"""What the command modules share: the options of the commands that fetch pages, and the one
way to fail (one line on stderr, an exit code). ``factcheck.cli`` and
``factcheck.monitor.command`` both import this module and not each other, so the command line
has no import circle."""

from __future__ import annotations

from typing import Annotated

import typer

# Options shared by the commands that fetch pages.
TimeoutOpt = Annotated[float, typer.Option(help="Seconds to wait for a web page.", min=1)]
OfflineOpt = Annotated[
    bool, typer.Option("--offline", help="Use only the HTTP cache; make no request.")
]
RefreshOpt = Annotated[
    bool, typer.Option("--refresh", help="Fetch again, bypassing the HTTP cache (and update it).")
]
AllowPrivateOpt = Annotated[
    bool,
    typer.Option(
        "--allow-private",
        help="Allow loopback and private network addresses (also FACTCHECK_ALLOW_PRIVATE=1).",
    ),
]
NoArchiveOpt = Annotated[
    bool,
    typer.Option(
        "--no-archive", help="Do not look for web archive copies of sources that are gone."
    ),
]


def fail(message: str, code: int = 2) -> None:
    """Stop the command with one line on stderr and the exit code (2: bad usage or input)."""
    typer.echo(f"factcheck: error: {message}", err=True)
    raise typer.Exit(code)
