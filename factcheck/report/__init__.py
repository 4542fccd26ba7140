"""Stage 7, report: a :class:`~factcheck.models.Report` -> text for people, JSON for programs,
or HTML (the side-by-side view as one self-contained file).

Each format is a module with ``render(report, **options) -> str`` registered in ``FORMATS``;
the CLI looks formats up here, the same way a new reporter would be added.
"""

from __future__ import annotations

from collections.abc import Callable

from ..models import Report
from . import concise as concise_format
from . import html as html_format
from . import json as json_format
from . import text as text_format

FORMATS: dict[str, Callable[..., str]] = {
    "text": text_format.render,
    "json": json_format.render,
    "html": html_format.render,
    "concise": concise_format.render,
}


def render(report: Report, fmt: str = "text", **options) -> str:
    return FORMATS[fmt](report, **options)


from .. import scan as _scan  # noqa: E402
from . import github as github_format  # noqa: E402
from . import junit as junit_format  # noqa: E402
from . import sarif as sarif_format  # noqa: E402

#: formats of a scan (``factcheck scan``): ``render(scan_report, **options) -> str``, where the
#: report is a :class:`factcheck.scan.ScanReport` (a list of per-file results)
SCAN_FORMATS: dict[str, Callable[..., str]] = {
    "text": _scan.render_text,
    "json": _scan.render_json,
    "sarif": sarif_format.render,
    "github": github_format.render,
    "junit": junit_format.render,
    "ignore": _scan.render_ignore,
}


def render_scan(report, fmt: str = "text", **options) -> str:
    return SCAN_FORMATS[fmt](report, **options)
