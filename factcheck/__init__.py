"""factcheck: check a rewritten news article against the original it cites.

    >>> import factcheck
    >>> report = factcheck.check("article.html", sources=["source.html"])
    >>> [f.kind for f in report.findings]

The pipeline, one module per stage (see ``factcheck.pipeline``)::

    fetch -> extract -> segment -> align -> analyse -> findings -> report / store
"""

__version__ = "0.1.0"

#: The project's repository: the SARIF informationUri, the rules' help pages, the User-Agent.
REPOSITORY_URL = "https://github.com/factcheck-news/factcheck"

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

__all__ = [
    "__version__",
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
