"""Exceptions raised by the factcheck library.

The library never prints or exits; it raises one of these. The CLI turns each into one line on
stderr and an exit code (see ``docs/errors.md``)::

    FactcheckError                 base class; ``str(err)`` is the one-line message
    ├── InputError                 the ARTICLE (or an explicit --source file) cannot be read
    │   ├── UnsupportedLanguageError   text in a language without lexicons
    │   └── TooLargeError          texts too long to compare in bounded time and memory
    ├── FetchError                 a URL could not be fetched (carries ``url`` and ``reason``)
    ├── ExtractionError            a page was read but holds no article text
    └── ConfigError                bad options, rules or lexicons

A source that cannot be fetched or read does not raise out of :func:`factcheck.check`: it
becomes a finding in the report. Only a bad article (or bad usage) stops the check.
"""

from __future__ import annotations


class FactcheckError(Exception):
    """Base class. ``str(err)`` is a one-line, user-facing message."""

    exit_code = 2


class InputError(FactcheckError):
    """The input cannot be used: missing file, directory, binary, empty, no text."""

    def __init__(self, message: str, *, target: str | None = None) -> None:
        super().__init__(message)
        self.target = target


class UnsupportedLanguageError(InputError):
    """The text is in a language factcheck has no lexicons for."""

    def __init__(self, message: str, *, target: str | None = None, language: str | None = None):
        super().__init__(message, target=target)
        self.language = language


class TooLargeError(InputError):
    """The article and its sources hold more sentences than factcheck compares (the limits of
    ``factcheck.pipeline``, measured in docs/errors.md)."""

    def __init__(
        self, message: str, *, target: str | None = None, article: int = 0, source: int = 0
    ) -> None:
        super().__init__(message, target=target)
        self.article = article
        self.source = source


class FetchError(FactcheckError):
    """A URL could not be fetched. ``reason`` is a short machine-readable tag."""

    def __init__(self, message: str, *, url: str, reason: str, status: int | None = None):
        super().__init__(message)
        self.url = url
        self.reason = reason
        self.status = status


class ExtractionError(FactcheckError):
    """A document was read but no article text could be extracted from it."""

    def __init__(self, message: str, *, target: str | None = None) -> None:
        super().__init__(message)
        self.target = target


class ConfigError(FactcheckError):
    """Invalid options, rule definitions or lexicon files."""
