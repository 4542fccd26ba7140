"""factcheck: check a rewritten news article against the original it cites.

    >>> import factcheck
    >>> report = factcheck.check("article.html", sources=["source.html"])
    >>> [f.kind for f in report.findings]

The pipeline, one module per stage (see ``factcheck.pipeline``)::

    fetch -> extract -> segment -> annotate -> align -> analyse -> findings -> report / store
"""

from .errors import (  # noqa: E402
    ConfigError,
    ExtractionError,
    FactcheckError,
    FetchError,
    InputError,
    TooLargeError,
    UnsupportedLanguageError,
)
from .models import (  # noqa: E402
    Bead,
    Document,
    Fetched,
    Finding,
    Report,
    Segmented,
    Sentence,
)
from .pipeline import Options, check  # noqa: E402
from .version import REPOSITORY_URL, __version__

__all__ = [
    "__version__",
    "REPOSITORY_URL",
    "check",
    "Options",
    "Bead",
    "Document",
    "Fetched",
    "Finding",
    "Report",
    "Segmented",
    "Sentence",
    "FactcheckError",
    "InputError",
    "UnsupportedLanguageError",
    "TooLargeError",
    "FetchError",
    "ExtractionError",
    "ConfigError",
]
