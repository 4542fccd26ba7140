"""``factcheck pin``: pin every web source the scanned articles cite (the pins themselves:
:mod:`factcheck.pin`). Kept apart from ``pin`` so that ``scan``, which reads pins, and this
command, which collects the articles as ``scan`` does, import each other in no circle.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from . import scan as scan_mod
from .errors import ExtractionError, FetchError, InputError
from .models import Fetched
from .pin import PinIndex, PinProblem


@dataclass(frozen=True)
class PinEvent:
    url: str
    action: str  # "pinned" | "kept" | "failed"
    article: str  # the first article that cites it (relative path)
    file: str | None = None
    message: str = ""


def pin(
    paths, config, *, refresh: bool = False, progress: Callable[[PinEvent], None] | None = None
) -> list[PinEvent]:
    """Pin every web source the articles under ``paths`` cite. Sources already pinned (with a
    file that still matches its hash) are kept unless ``refresh``. Returns one event per
    source; never prints (``progress`` is called with each event)."""
    from . import extract as extract_stage
    from . import fetch as fetch_stage

    files, base = scan_mod.collect(paths, config)
    index = PinIndex(config.pins_path, shown_from=base, root=base)
    seen: dict[str, PinEvent] = {}
    options = scan_mod.fetch_options(config, pinning=True)
    events: list[PinEvent] = []

    def capture(fetched: Fetched) -> Fetched:
        extract_stage.extract(fetched)  # only a page that holds an article is worth pinning
        return fetched

    with fetch_stage.Fetcher.from_options(options) as fetcher:
        for path in files:
            rel = scan_mod.relative(path, base)
            try:
                read = scan_mod.read_article(path, config, options, None, base)
            except scan_mod.Skip:
                continue
            for target in scan_mod.chosen_sources(read, config):
                url = target.value
                if not fetch_stage.is_url(url) or url in seen:
                    continue
                current = index.lookup(url)
                if current is not None and not refresh:
                    try:
                        index.read(url)
                        event = PinEvent(url, "kept", rel, current.file)
                    except PinProblem:
                        current = None
                if current is None or refresh:
                    try:
                        fetched = fetcher.source(
                            url,
                            capture,  # type: ignore[arg-type]
                            robots=True,
                            when=read.document.published,
                        )
                        new = index.add(fetched)  # type: ignore[arg-type]
                        event = PinEvent(url, "pinned", rel, new.file)
                    except (FetchError, ExtractionError, InputError) as err:
                        event = PinEvent(url, "failed", rel, None, str(err))
                seen[url] = event
                events.append(event)
                if progress is not None:
                    progress(event)
    if any(e.action == "pinned" for e in events):
        index.save()
    return events
