"""Pinned sources: copies of the cited web pages kept in the repository, for offline CI.

``factcheck pin PATH ...`` fetches each web source the scanned articles cite (the same sources
``factcheck scan`` would check) and stores it under the pins folder (``.factcheck/pins/`` by
default, the ``pins-dir`` setting): one file per source, named by the first 16 hex digits of
the SHA-256 of its address, and an index ``pins.toml``::

    [[pin]]
    url = "https://www.northbridge.example/business/port-strike"
    file = "3f1c9a0b2d4e5f67.html"
    sha256 = "..."                      # of the file's bytes
    retrieved = "2025-03-05T09:12:44+00:00"
    content_type = "text/html"

Both are meant to be committed and reviewed. ``factcheck scan`` then reads a pinned copy instead
of fetching the page; a pin whose file is gone or whose hash no longer matches is P101, and with
``--pinned-only`` (or ``--offline``) a web source without a pin is P100.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .errors import ConfigError
from .models import Fetched

INDEX = "pins.toml"
HEADER = """\
# Pinned copies of the web sources cited by the articles of this repository, written by
# `factcheck pin`. `factcheck scan` reads these files instead of fetching the pages and checks
# each against its sha256. Review changes here like any other change.
"""
EXTENSIONS = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "text/plain": ".txt",
    "text/markdown": ".md",
    "text/x-markdown": ".md",
}
NAME_RE = re.compile(r"^[0-9a-f]{16}\.[a-z]{2,5}$")


@dataclass(frozen=True)
class Pin:
    url: str
    file: str
    sha256: str
    retrieved: str
    content_type: str
    final_url: str | None = None
    archived: str | None = None  # when the copy came from the web archive: the snapshot's date


class PinProblem(Exception):
    """A pin that cannot be used: ``reason`` is "changed" or "gone"."""

    def __init__(self, message: str, *, reason: str, file: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.file = file


def pin_name(url: str, content_type: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:16] + EXTENSIONS.get(
        content_type, ".txt"
    )


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class PinIndex:
    """The pins folder and its index. Reading never touches the network."""

    def __init__(
        self, folder: Path, *, shown_from: Path | None = None, root: Path | None = None
    ) -> None:
        self.folder = Path(folder)
        self.shown_from = shown_from  # messages show pin files relative to this folder
        self.root = root  # the repository: a pins folder or pin file outside it is not read
        self.index = self.folder / INDEX
        self._pins: dict[str, Pin] | None = None

    def check_inside(self) -> None:
        """A ConfigError when the pins folder or its index is outside the repository (a link
        that leads out): neither is read nor written."""
        if self.root is None:
            return
        from .config import refuse_outside

        for path, what in ((self.folder, "the pins folder"), (self.index, "the pin index")):
            refuse_outside(path, self.root, what, display(path, self.shown_from, resolve=False))

    @property
    def pins(self) -> dict[str, Pin]:
        if self._pins is None:
            self._pins = self._load()
        return self._pins

    def _load(self) -> dict[str, Pin]:
        self.check_inside()
        if not self.index.is_file():
            return {}
        try:
            data = tomllib.loads(self.index.read_text(encoding="utf-8"))
        except OSError as err:
            raise ConfigError(f"cannot read {self.index}: {err.strerror}") from err
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
            raise ConfigError(f"{self.index}: not valid TOML: {err}") from err
        out: dict[str, Pin] = {}
        entries = data.get("pin", [])
        if not isinstance(entries, list):
            raise ConfigError(f"{self.index}: entries are [[pin]] tables")
        for n, entry in enumerate(entries, 1):
            try:
                pin = Pin(
                    **{k: entry[k] for k in ("url", "file", "sha256", "retrieved", "content_type")},
                    final_url=entry.get("final_url"),
                    archived=entry.get("archived"),
                )
            except (KeyError, TypeError) as err:
                raise ConfigError(
                    f"{self.index}: pin #{n} lacks {err}; each needs url, file, "
                    "sha256, retrieved and content_type"
                ) from err
            if not NAME_RE.match(str(pin.file)):
                raise ConfigError(
                    f"{self.index}: pin #{n}: file {pin.file!r} is not a pin file "
                    "name (16 hex digits and an extension)"
                )
            out[pin.url] = pin
        return out

    def lookup(self, url: str) -> Pin | None:
        return self.pins.get(url)

    def path(self, pin: Pin) -> Path:
        return self.folder / pin.file

    def read(self, url: str) -> Fetched:
        """The pinned copy of ``url`` as fetched bytes. Raises KeyError (no pin) or PinProblem
        (file gone or changed)."""
        pin = self.pins[url]
        path = self.path(pin)
        shown = display(path, self.shown_from, resolve=False)
        if self.root is not None and (path.exists() or path.is_symlink()):
            from .config import leads_out, outside

            if outside(path, self.root):
                raise PinProblem(
                    f"{url}: the pinned copy {shown} is {leads_out(path, self.root)}; not read",
                    reason="outside",
                    file=pin.file,
                )
        try:
            body = path.read_bytes()
        except OSError as err:
            raise PinProblem(
                f"{url}: the pinned copy {shown} is gone (run factcheck pin)",
                reason="gone",
                file=pin.file,
            ) from err
        if sha256(body) != pin.sha256:
            raise PinProblem(
                f"{url}: the pinned copy {shown} no longer matches its hash in "
                f"{INDEX} (review the change, then run factcheck pin --refresh)",
                reason="changed",
                file=pin.file,
            )
        return Fetched(
            url=url,
            final_url=pin.final_url or url,
            status=200,
            content_type=pin.content_type,
            body=body,
            fetched_at=pin.retrieved,
            how="pin" if not pin.archived else "archive",
            archived_at=pin.archived,
        )

    def add(self, fetched: Fetched) -> Pin:
        """Store a fetched page (overwriting its earlier pin) and update the index in memory;
        :meth:`save` writes the index."""
        self.check_inside()
        self.folder.mkdir(parents=True, exist_ok=True)
        name = pin_name(fetched.url, fetched.content_type)
        old = self.pins.get(fetched.url)
        if old is not None and old.file != name:
            (self.folder / old.file).unlink(missing_ok=True)
        (self.folder / name).unlink(missing_ok=True)  # a link is replaced, never written through
        (self.folder / name).write_bytes(fetched.body)
        retrieved = fetched.fetched_at or dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        pin = Pin(
            url=fetched.url,
            file=name,
            sha256=sha256(fetched.body),
            retrieved=retrieved,
            content_type=fetched.content_type,
            final_url=fetched.final_url if fetched.final_url != fetched.url else None,
            archived=fetched.archived_at if fetched.how == "archive" else None,
        )
        self.pins[fetched.url] = pin
        return pin

    def save(self) -> None:
        import tomli_w

        self.folder.mkdir(parents=True, exist_ok=True)
        blocks = [HEADER]
        for url in sorted(self.pins):
            p = self.pins[url]
            entry = {
                "url": p.url,
                "file": p.file,
                "sha256": p.sha256,
                "retrieved": p.retrieved,
                "content_type": p.content_type,
            }
            if p.final_url:
                entry["final_url"] = p.final_url
            if p.archived:
                entry["archived"] = p.archived
            blocks.append("[[pin]]\n" + tomli_w.dumps(entry))
        self.check_inside()
        tmp = self.index.with_suffix(".toml.tmp")
        tmp.unlink(missing_ok=True)
        tmp.write_text("\n".join(blocks), encoding="utf-8")
        tmp.replace(self.index)


def display(path: Path, start: Path | None = None, *, resolve: bool = True) -> str:
    shown = path.resolve() if resolve else Path(os.path.abspath(path))
    try:
        return shown.relative_to((start or Path.cwd()).resolve()).as_posix()
    except ValueError:
        return str(path)
