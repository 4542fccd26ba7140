"""``factcheck serve``: a factcheck database browsed with Datasette (the ``serve`` extra).

This package is a Datasette plugin, registered with the entry point
``[project.entry-points.datasette] factcheck = "factcheck.serve"``: its hooks live in
:mod:`factcheck.serve.plugin` and are re-exported here, its page template in ``templates/``
(Datasette finds the folder next to the plugin package). :mod:`factcheck.serve.metadata` holds
the titles, descriptions, facets and canned queries; :func:`make_datasette` puts it together.
"""

from __future__ import annotations

from pathlib import Path

from .metadata import SETTINGS
from .metadata import build as build_metadata
from .plugin import menu_links, register_routes, render_cell  # noqa: F401 - the plugin's hooks


def ensure_registered() -> None:
    """Register this package with Datasette when the entry point did not (a source tree run
    without installing it)."""
    import sys

    from datasette.plugins import pm

    module = sys.modules[__name__]
    if not pm.is_registered(module) and pm.get_plugin(__name__) is None:
        pm.register(module, name=__name__)


def make_datasette(path: str | Path, **options):
    """A Datasette instance on the factcheck database at PATH, with the project's metadata and
    settings (OPTIONS override them, for instance ``settings={...}``)."""
    from datasette.app import Datasette

    ensure_registered()
    path = Path(path)
    settings = {**SETTINGS, **options.pop("settings", {})}
    return Datasette([str(path)], metadata=build_metadata(path.stem), settings=settings, **options)


def serve(path: str | Path, *, host: str = "127.0.0.1", port: int = 8001) -> None:
    """Run Datasette on PATH until interrupted."""
    import uvicorn

    ds = make_datasette(path)
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning")
