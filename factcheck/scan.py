"""``factcheck scan``: check every article of a content repository, for CI.

:func:`scan` is the library's entry point; it never prints (pass ``progress``) and returns a
:class:`ScanReport`, which the formats of ``factcheck.report.SCAN_FORMATS`` render (text, JSON,
SARIF 2.1.0, GitHub workflow commands, JUnit XML). Per file:

1. read     the bytes; an empty file is not checked (F100), binary data or broken front matter
            is F101; YAML (``---``) or TOML (``+++``) front matter is read in Markdown and HTML
2. extract  the article (factcheck.extract); no article text: F100; a language the
            configuration does not allow, or factcheck does not support: F102
3. sources  the ``source``/``sources`` of the front matter if any, else the sources found in
            the body (best first), at most ``max-sources``. A web address is read from its pin
            when the repository has one (``factcheck pin``; a pin that changed is P101), else
            fetched (never with ``--pinned-only``/``--offline``: P100). Anything else is a path
            relative to the article, inside the repository (else S104). No source: F100
4. check    factcheck.pipeline.check against those sources
5. locate   each finding's sentence in the file (line and column, 1-based, markup between the
            words tolerated; line 1 when it cannot be found)
6. filter   the configuration's rule selection, severities and minimum confidence for the
            file's path, then the ignore file's suppressions (unused ones: I100)

Files are checked in parallel by a process pool (``jobs``; one worker per core by default),
each worker loading the sentence encoder once.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from . import fetch as fetch_stage
from . import gitignore
from .config import Config, Rules, git_toplevel, leads_out, matches, outside
from .errors import (
    ConfigError,
    ExtractionError,
    FetchError,
    InputError,
    TooLargeError,
    UnsupportedLanguageError,
)
from .findings import SEVERITY_RANK, fingerprint, make, reaches
from .models import Citation, Document, Fetched, Finding, Report
from .pin import PinIndex, PinProblem
from .version import __version__

TEXT_SUFFIXES = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".txt": "text",
    ".text": "text",
}
STATUSES = ("checked", "not-checked", "unreadable", "error")
IGNORE_FILE_STATUS = "ignore-file"  # the result that carries unused suppressions (I100)


# -- results -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Region:
    """Where a finding is, 1-based; columns count Unicode code points."""

    line: int = 1
    column: int = 1
    end_line: int | None = None
    end_column: int | None = None


@dataclass(frozen=True)
class Item:
    """One finding of one file, located, with the sentences it is about."""

    finding: Finding
    region: Region = Region()
    article_text: str | None = None
    source_text: str | None = None
    suppressed: str | None = None  # the reason, when an ignore entry matches


@dataclass(frozen=True)
class FileResult:
    path: str  # relative to ScanReport.base, "/" separators
    status: str  # checked | not-checked | unreadable | error | ignore-file
    items: tuple[Item, ...] = ()
    language: str | None = None
    sources: tuple[str, ...] = ()  # the sources compared: addresses, or paths relative to base
    stats: tuple[tuple[str, float], ...] = ()
    seconds: float = 0.0
    error: str | None = None  # status "error": an internal error, in one line

    @property
    def active(self) -> tuple[Item, ...]:
        return tuple(i for i in self.items if i.suppressed is None)


@dataclass(frozen=True)
class ScanProgress:
    done: int
    total: int
    result: FileResult | None  # None for the first call (done == 0)


@dataclass(frozen=True)
class ScanReport:
    base: str  # absolute folder the paths are relative to (the git repository's top, else root)
    root: str  # the configuration's root
    files: tuple[FileResult, ...]
    fail_on: str = "error"
    seconds: float = 0.0
    jobs: int = 1

    def items(self, *, suppressed: bool = False) -> list[tuple[FileResult, Item]]:
        return [(f, i) for f in self.files for i in f.items if suppressed or i.suppressed is None]

    def severities(self) -> dict[str, int]:
        out = {"error": 0, "warning": 0, "info": 0}
        for _, item in self.items():
            out[item.finding.severity] += 1
        return out

    def statuses(self) -> dict[str, int]:
        out = dict.fromkeys(STATUSES, 0)
        for f in self.files:
            if f.status in out:
                out[f.status] += 1
        return out

    def suppressed(self) -> int:
        return sum(1 for f in self.files for i in f.items if i.suppressed is not None)

    def failing(self) -> list[tuple[FileResult, Item]]:
        return [(f, i) for f, i in self.items() if reaches(i.finding, self.fail_on)]

    def errors(self) -> list[FileResult]:
        return [f for f in self.files if f.status == "error"]

    def exit_code(self) -> int:
        """0 clean, 1 a finding at or above fail-on, 3 a file hit an internal error."""
        if self.errors():
            return 3
        return 1 if self.failing() else 0


# -- collecting files ----------------------------------------------------------------------------


def relative(path: Path, base: Path) -> str:
    """PATH relative to BASE: its real path, else (a link that leads out) the path as named."""
    lexical = Path(os.path.abspath(path))
    for candidate in (path.resolve(), lexical):
        try:
            return candidate.relative_to(base).as_posix()
        except ValueError:
            continue
    return Path(os.path.relpath(lexical, base)).as_posix()


def report_base(config: Config) -> Path:
    return git_toplevel(config.root) or config.root


def collect(paths: Sequence[str | Path], config: Config) -> tuple[list[Path], Path]:
    """The files to scan under ``paths`` (folders are walked, hidden folders skipped, the
    include and exclude patterns applied; named files are taken unless excluded), sorted, and
    the folder report paths are relative to. A path that does not exist is kept: it becomes an
    F101 finding."""
    base = report_base(config)
    found: dict[Path, None] = {}
    skip = {config.pins_path.resolve()}
    ignorer = (
        gitignore.Ignorer(base, git_dir=git_common_dir(base)) if config.respect_gitignore else None
    )
    for raw in paths or [config.root]:
        path = Path(raw).expanduser()
        if path.exists() and outside(path, base):
            found[Path(os.path.abspath(path))] = None  # not read: F101
        elif path.is_dir():
            for folder, dirs, names in os.walk(path):
                here = Path(folder)
                kept = []
                for d in sorted(dirs):
                    if d.startswith(".") or (here / d).resolve() in skip:
                        continue
                    if ignorer is not None and ignorer.ignored(here.resolve() / d, is_dir=True):
                        continue
                    if (here / d).is_symlink():  # links to folders are not walked
                        if outside(here / d, base) and not matches(
                            relative(here / d, config.root), config.exclude
                        ):
                            found[Path(os.path.abspath(here / d))] = None  # F101
                        continue
                    kept.append(d)
                dirs[:] = kept
                for name in sorted(names):
                    file = here / name
                    file = Path(os.path.abspath(file)) if outside(file, base) else file.resolve()
                    rel = relative(file, config.root)
                    if ignorer is not None and ignorer.ignored(here.resolve() / name, is_dir=False):
                        continue
                    if matches(rel, config.include) and not matches(rel, config.exclude):
                        found[file] = None
        else:
            file = path.resolve()
            if not matches(relative(file, config.root), config.exclude):
                found[file] = None
    return sorted(found), base


def git_common_dir(base: Path) -> Path | None:
    """The repository's shared git folder (``.git``, also for a worktree), where
    ``info/exclude`` lives; None outside a git repository."""
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--path-format=absolute", "--git-common-dir"],
            cwd=base,
            capture_output=True,
            text=True,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0 or not done.stdout.strip():
        return None
    return Path(done.stdout.strip())


def not_inside(path: Path, base: Path, rel: str) -> Skip | None:
    """F101 for a file or folder whose real path is outside the repository: it is not read
    (its content would end up in the reports, the addresses it cites would be fetched)."""
    if not outside(path, base):
        return None
    kind = "folder" if path.is_dir() else "file"
    where = "outside the repository"
    if leads_out(path, base).startswith("a symbolic link"):
        where = f"a symbolic link to a {kind} {where}"
    return Skip("unreadable", file_item("F101", rel, f"not read: {where}", reason="outside"))


def changed_files(ref: str, start: Path, *, deleted: bool = False) -> set[Path]:
    """Files changed since ``ref``: ``git diff --name-only REF...HEAD`` (what the branch changed
    since it left REF), plus changes not committed yet (staged or not) and untracked files that
    are not ignored. Deleted files are left out, unless ``deleted``."""
    top = git_toplevel(start)
    if top is None:
        raise ConfigError("--changed-since needs a git repository (and git)")

    def git(*args: str) -> str:
        try:
            done = subprocess.run(
                ["git", *args], cwd=top, capture_output=True, text=True, timeout=120
            )
        except (OSError, subprocess.SubprocessError) as err:
            raise ConfigError(f"--changed-since: git failed: {err}") from err
        if done.returncode != 0:
            first = (done.stderr.strip().splitlines() or ["git failed"])[0]
            raise ConfigError(f"--changed-since: {first}")
        return done.stdout

    try:
        git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except ConfigError:
        raise ConfigError(f"--changed-since: unknown git ref {ref!r}") from None
    names: list[str] = []
    kinds = "--diff-filter=ACMRTD" if deleted else "--diff-filter=ACMRT"
    names += git("diff", "--name-only", "-z", kinds, f"{ref}...HEAD").split("\0")
    names += git("diff", "--name-only", "-z", kinds, "HEAD").split("\0")
    names += git("ls-files", "--others", "--exclude-standard", "-z").split("\0")
    return {p for n in names if n for p in (top / n, (top / n).resolve())}


def old_pins(ref: str, index: Path, top: Path) -> dict[str, tuple[str, str]] | None:
    """The pin index as it was where the branch left ``ref`` (url -> (file, sha256)); None
    when git cannot say (the index did not exist there: every pin is new)."""
    import tomllib

    try:
        rel = index.resolve().relative_to(top).as_posix()
        base = subprocess.run(
            ["git", "merge-base", ref, "HEAD"], cwd=top, capture_output=True, text=True, timeout=120
        )
        if base.returncode != 0:
            return None
        shown = subprocess.run(
            ["git", "show", f"{base.stdout.strip()}:{rel}"],
            cwd=top,
            capture_output=True,
            text=True,
            timeout=120,
        )
    except (OSError, ValueError, subprocess.SubprocessError):
        return None
    if shown.returncode != 0:
        return {}
    try:
        entries = tomllib.loads(shown.stdout).get("pin", [])
    except tomllib.TOMLDecodeError:
        return None
    return {
        str(e.get("url")): (str(e.get("file")), str(e.get("sha256")))
        for e in entries
        if isinstance(e, dict)
    }


def with_changed_sources(
    files: list[Path], changed: set[Path], config: Config, base: Path, ref: str
) -> list[Path]:
    """The files of ``files`` that changed, and those whose source changed (or was deleted): a
    source file (relative to the article) or a pinned copy (its file, or its entry in the pin
    index). The articles are read only when something other than an article changed."""
    todo = [f for f in files if f in changed]
    rest = [f for f in files if f not in changed]
    articles = set(files)
    if not rest:
        return todo
    changed = changed | changed_files(ref, config.root, deleted=True)
    if not any(c not in articles for c in changed):
        return todo
    pins = PinIndex(config.pins_path, shown_from=base, root=base)
    changed_urls: set[str] = set()
    if pins.index in changed or pins.index.resolve() in changed:
        before = old_pins(ref, pins.index, base)
        now = {url: (p.file, p.sha256) for url, p in pins.pins.items()}
        if before is None:
            changed_urls = set(now)
        else:
            changed_urls = {u for u in set(before) | set(now) if before.get(u) != now.get(u)}
    options = fetch_options(config)
    for path in rest:
        try:
            article = read_article(path, config, options, None, base)
        except Skip:
            continue
        for t in chosen_sources(article, config):
            value = t.value.strip()
            if fetch_stage.is_url(value):
                pin = pins.lookup(value)
                hit = value in changed_urls or (
                    pin is not None
                    and (pins.path(pin) in changed or pins.path(pin).resolve() in changed)
                )
            else:
                hit = (article.path.parent / value).resolve() in changed
            if hit:
                todo.append(path)
                break
    return sorted(todo)


# -- reading an article --------------------------------------------------------------------------


class Skip(Exception):
    """A file that is not checked, with the finding that says why."""

    def __init__(self, status: str, item: Item, language: str | None = None) -> None:
        super().__init__(item.finding.message)
        self.status = status
        self.item = item
        self.language = language


@dataclass(frozen=True)
class Article:
    path: Path
    rel: str
    raw: str  # the decoded file
    body_offset: int  # where the text after the front matter starts in ``raw``
    front: dict
    document: Document


@dataclass(frozen=True)
class Target:
    value: str  # a normalised address, or a path as written
    written: str  # as written in the file (to locate it)


def file_item(
    code: str, rel: str, message: str, region: Region = Region(), **evidence: str
) -> Item:
    ev = (("file", rel),) + tuple(sorted(evidence.items()))
    f = make(code, confidence="high", message=message, evidence=ev)
    return Item(replace(f, fingerprint=fingerprint(f, {})), region)


def source_item(code: str, message: str, region: Region, **evidence: str) -> Item:
    f = make(code, confidence="high", message=message, evidence=tuple(sorted(evidence.items())))
    return Item(replace(f, fingerprint=fingerprint(f, {})), region)


def strip_target(message: str, target: str) -> str:
    for prefix in (f"{target}: ", f"{Path(target).name}: "):
        if message.startswith(prefix):
            return message[len(prefix) :]
    return message


def front_matter_problem(err: InputError) -> tuple[str, int]:
    """A one-line message and the file line for broken front matter: where the YAML construct
    that failed starts (an unclosed quote), else where the parser stopped (the front matter
    starts on line 2 of the file)."""
    cause = err.__cause__
    mark = getattr(cause, "context_mark", None) or getattr(cause, "problem_mark", None)
    if mark is not None:
        words = [w for w in (getattr(cause, "context", None), getattr(cause, "problem", None)) if w]
        return "broken YAML front matter: " + ", ".join(words), int(mark.line) + 2
    m = re.search(r"at line (\d+)", str(cause or err))
    return str(err), (int(m.group(1)) + 1 if m else 1)


def read_article(
    path: Path, config: Config, options, rules: Rules | None = None, base: Path | None = None
) -> Article:
    """Read and extract one file. Raises :class:`Skip` when it cannot be checked."""
    from . import extract as ex

    base = base or report_base(config)
    rel = relative(path, base)
    refused = not_inside(path, base, rel)
    if refused is not None:
        raise refused
    try:
        fetched = fetch_stage.read_file(str(path), max_bytes=options.max_bytes)
    except InputError as err:
        reason = (
            "too-large"
            if "too large" in str(err)
            else ("missing" if "no such file" in str(err) else "unreadable")
        )
        raise Skip(
            "unreadable", file_item("F101", rel, strip_target(str(err), str(path)), reason=reason)
        ) from err
    if not fetched.body.strip():
        raise Skip("not-checked", file_item("F100", rel, "not checked: empty file", reason="empty"))
    kind = TEXT_SUFFIXES.get(path.suffix.lower(), "text")
    try:
        raw = ex.decode(fetched)
    except InputError as err:
        reason = "binary" if "binary" in str(err) else "unreadable"
        raise Skip(
            "unreadable", file_item("F101", rel, strip_target(str(err), str(path)), reason=reason)
        ) from err
    front: dict = {}
    offset = 0
    stripped = raw.lstrip("\ufeff")
    if kind in ("markdown", "html") and stripped.startswith(
        ("---\n", "---\r\n", "+++\n", "+++\r\n")
    ):
        try:
            front, rest = ex.split_front_matter(raw)
        except InputError as err:
            reason = (
                "broken-front-matter"
                if "broken" in str(err)
                else (
                    "front-matter-too-large" if "too large" in str(err) else "unclosed-front-matter"
                )
            )
            message, line = front_matter_problem(err)
            raise Skip(
                "unreadable", file_item("F101", rel, message, Region(line), reason=reason)
            ) from err
        offset = len(raw) - len(rest)
        if kind == "html":
            fetched = replace(fetched, body=rest.encode("utf-8"), charset="utf-8")
    try:
        doc = ex.extract(fetched)
    except UnsupportedLanguageError as err:
        raise Skip(
            "not-checked",
            file_item(
                "F102",
                rel,
                strip_target(str(err), str(path)),
                language=err.language or "?",
                reason="unsupported",
            ),
            err.language,
        ) from err
    except ExtractionError as err:
        raise Skip(
            "not-checked",
            file_item("F100", rel, "not checked: no article text found", reason="no-text"),
        ) from err
    except InputError as err:
        raise Skip(
            "unreadable",
            file_item("F101", rel, strip_target(str(err), str(path)), reason="unreadable"),
        ) from err
    if kind == "html" and front:
        doc = with_front_sources(doc, front)
    if rules is not None and not rules.allows_language(doc.language):
        allowed = ", ".join(rules.languages)
        raise Skip(
            "not-checked",
            file_item(
                "F102",
                rel,
                f"not checked: the article is in {doc.language}; allowed: {allowed}",
                language=doc.language,
                reason="not-allowed",
            ),
            doc.language,
        )
    return Article(path, rel, raw, offset, front, doc)


def with_front_sources(doc: Document, front: dict) -> Document:
    """An HTML file's front matter sources, first (extract reads front matter in Markdown)."""
    from .discover import normalise
    from .extract import front_matter_sources

    values = front_matter_sources(front)
    if not values:
        return doc
    cites = [Citation(normalise(v), "front-matter", "front matter", written=v) for v in values]
    known = {c.url for c in cites}
    return replace(
        doc, citations=tuple(cites) + tuple(c for c in doc.citations if c.url not in known)
    )


def chosen_sources(article: Article, config: Config) -> list[Target]:
    """The sources a scan checks: the front matter's if it names any, else those found in the
    body, best first; at most ``max-sources``. Links to the article's own site (the front
    matter's ``url``) are navigation."""
    from .discover import host_of

    cites = list(article.document.citations)
    declared = [c for c in cites if c.how == "front-matter" or "front-matter" in c.also]
    chosen = declared or cites
    own = host_of(str(article.front.get("url") or ""))
    if own:
        chosen = [
            c for c in chosen if c.how in ("front-matter", "source-line") or host_of(c.url) != own
        ]
    return [Target(c.url, c.written or c.url) for c in chosen[: config.max_sources]]


# -- locating sentences in the file --------------------------------------------------------------

WORD_RE = re.compile(r"[^\W_]+")
# between two words: a tag, the target of a Markdown link, an entity, or any other non-letter
GAP = r"(?:(?><[^>\n]*>|\]\([^)\n]*\)|&#?\w{1,10};|[\W_]))*?"


def line_col(text: str, pos: int) -> tuple[int, int]:
    line = text.count("\n", 0, pos) + 1
    start = text.rfind("\n", 0, pos) + 1
    return line, pos - start + 1


def locate(raw: str, sentence: str, start: int = 0) -> Region | None:
    """The region of ``sentence`` in the raw file: its words in order, anything that is not a
    letter or digit (markup included) between them. Tries the whole sentence, then its first
    and its last eight words. None when not found."""
    words = WORD_RE.findall(sentence)
    if not words:
        return None
    tries = [words]
    if len(words) > 8:
        tries += [words[:8], words[-8:]]
    for ws in tries:
        pattern = GAP.join(re.escape(w) for w in ws)
        m = re.compile(rf"(?<![^\W_]){pattern}(?![^\W_])", re.IGNORECASE).search(raw, start)
        if m is None and start:
            m = re.compile(pattern, re.IGNORECASE).search(raw)
        if m is not None:
            line, col = line_col(raw, m.start())
            end_line, end_col = line_col(raw, m.end())
            return Region(line, col, end_line, end_col)
    return None


def locate_written(raw: str, written: str) -> Region:
    pos = raw.find(written) if written else -1
    if pos < 0:
        return Region()
    line, col = line_col(raw, pos)
    end_line, end_col = line_col(raw, pos + len(written))
    return Region(line, col, end_line, end_col)


# -- checking one file ---------------------------------------------------------------------------


class ScanFetcher(fetch_stage.Fetcher):
    """A Fetcher that answers from the repository's pins first; sources it fetches are cited
    ones, so robots.txt is honoured."""

    pins: PinIndex | None = None

    def get(self, url: str) -> Fetched:
        if self.pins is not None and self.pins.lookup(url) is not None:
            try:
                return self.pins.read(url)
            except PinProblem as err:
                raise FetchError(str(err), url=url, reason="pin-" + err.reason) from err
        return super().get(url)

    def source(self, url, read, *, robots: bool = True, when: str | None = None):
        if self.pins is not None and self.pins.lookup(url) is not None:
            return read(self.get(url))
        return super().source(url, read, robots=True, when=when)


def fetch_options(config: Config, *, pinning: bool = False):
    from .pipeline import Options

    no_network = (config.offline or config.pinned_only) and not pinning
    values: dict[str, Any] = dict(
        timeout=(min(5.0, config.timeout), config.timeout),
        max_sources=config.max_sources,
        cache_dir=str(config.cache_dir) if config.cache_dir else None,
        offline=no_network,
        archive=not no_network,
    )
    values.update(config.fetch)
    return Options(**values)


class Context:
    """What checking a file needs, made once per process: options, the fetcher, the pins."""

    def __init__(self, config: Config, base: Path) -> None:
        self.config = config
        self.base = base
        self.options = fetch_options(config)
        self.pins = PinIndex(config.pins_path, shown_from=base, root=base)
        self.fetcher = ScanFetcher.from_options(self.options)
        self.fetcher.pins = self.pins  # type: ignore[attr-defined]  # a ScanFetcher

    def warm(self) -> None:
        from . import embed
        from .rules import all_rules

        all_rules()
        embed.model()

    def close(self) -> None:
        self.fetcher.close()

    def check(self, path: Path) -> FileResult:
        started = time.perf_counter()
        rel = relative(path, self.base)
        try:
            result = self._check(path, rel)
        except Exception as err:  # noqa: BLE001 - one file's bug must not stop the scan
            if os.environ.get("FACTCHECK_DEBUG"):
                raise
            first = (str(err).splitlines() or [""])[0][:200]
            result = FileResult(rel, "error", error=f"{type(err).__name__}: {first}")
        return replace(result, seconds=round(time.perf_counter() - started, 4))

    def _check(self, path: Path, rel: str) -> FileResult:
        config = self.config
        rules = config.rules_for(relative(path, config.root))
        try:
            article = read_article(path, config, self.options, rules, self.base)
        except Skip as skip:
            return FileResult(rel, skip.status, (skip.item,), language=skip.language)
        doc = article.document
        targets = chosen_sources(article, config)
        if not targets:
            item = file_item(
                "F100", rel, "not checked: the file cites no source", reason="no-source"
            )
            return FileResult(rel, "not-checked", (item,), language=doc.language)

        items: list[Item] = []
        usable: list[str] = []
        written: dict[str, str] = {}
        for t in targets:
            where = locate_written(article.raw, t.written)
            value = self.resolve(t, article, where, items)
            if value is not None and value not in written:
                usable.append(value)
                written[value] = t.written
        if not usable:
            return FileResult(rel, "not-checked", tuple(items), language=doc.language)

        report = None
        while usable:
            try:
                report = self.run(path, usable, doc)
                break
            except TooLargeError as err:  # above the size limits of factcheck.pipeline
                message = strip_target(str(err), str(path)).replace("to check ", "", 1)
                items.append(file_item("F100", rel, f"not checked: {message}", reason="too-large"))
                return FileResult(rel, "not-checked", tuple(items), language=doc.language)
            except InputError as err:  # a local source copy that cannot be read
                bad = err.target if err.target in usable else usable[0]
                usable.remove(bad)
                items.append(
                    source_item(
                        "S102",
                        f"{self.show(bad)}: {strip_target(str(err), bad)}",
                        locate_written(article.raw, written.get(bad, bad)),
                        source=self.show(bad),
                    )
                )
        if report is None:
            return FileResult(rel, "not-checked", tuple(items), language=doc.language)
        items += self.locate_findings(report, article, written)
        return FileResult(
            rel,
            "checked",
            tuple(items),
            language=doc.language,
            sources=tuple(self.show(u) for u in usable),
            stats=report.stats,
        )

    def show(self, target: str) -> str:
        return target if fetch_stage.is_url(target) else relative(Path(target), self.base)

    def run(self, path: Path, sources: list[str], doc: Document) -> Report:
        from .pipeline import check

        return check(str(path), sources, options=self.options, fetcher=self.fetcher, document=doc)

    def resolve(self, t: Target, article: Article, where: Region, items: list[Item]) -> str | None:
        """The address or file to check against, or None (and a finding in ``items``)."""
        value = t.value.strip()
        if fetch_stage.is_url(value):
            problem = fetch_stage.url_problem(value)
            if problem:
                items.append(
                    source_item(
                        "S104",
                        f"{value}: not a valid address ({problem})",
                        where,
                        source=value,
                        reason="bad-url",
                    )
                )
                return None
            pin = self.pins.lookup(value)
            if pin is not None:
                try:
                    self.pins.read(value)
                except PinProblem as err:
                    items.append(
                        source_item(
                            "P101", str(err), where, source=value, file=err.file, reason=err.reason
                        )
                    )
                    return None
                return value
            if self.config.pinned_only or (self.config.offline and not self.options.cache):
                items.append(
                    source_item(
                        "P100", f"{value}: no pinned copy (run factcheck pin)", where, source=value
                    )
                )
                return None
            return value
        scheme = value.partition(":")[0] if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", value) else ""
        if scheme and len(scheme) > 1:
            items.append(
                source_item(
                    "S104",
                    f"{value}: only http and https addresses can be fetched",
                    where,
                    source=value,
                    reason="scheme",
                )
            )
            return None
        file = (article.path.parent / value).resolve()
        root = self.config.root
        if file != root and root not in file.parents:
            items.append(
                source_item(
                    "S104",
                    f"{value}: outside the repository ({relative(root, self.base) or '.'})",
                    where,
                    source=value,
                    reason="outside",
                )
            )
            return None
        if file.is_file():
            return str(file)
        if "/" in value or Path(value).suffix.lower() in TEXT_SUFFIXES:
            items.append(
                source_item(
                    "S104",
                    f"{value}: no such file (relative to {relative(article.path.parent, self.base) or '.'})",
                    where,
                    source=value,
                    reason="no-such-file",
                )
            )
        else:
            items.append(
                source_item(
                    "S104",
                    f"{value!r} is neither an http(s) address nor a file next to the article",
                    where,
                    source=value,
                    reason="not-a-url",
                )
            )
        return None

    def locate_findings(
        self, report: Report, article: Article, written: dict[str, str]
    ) -> list[Item]:
        texts = {s.id: s.text for seg in (report.article, *report.sources) for s in seg.sentences}
        doc_of = {s.id: seg.document.url for seg in report.sources for s in seg.sentences}
        out: list[Item] = []
        for f in report.findings:
            evidence = dict(f.evidence)
            if f.rule == "S100" and evidence.get("reason") == "not-cached":
                src = evidence.get("source", "")
                f = make(
                    "P100",
                    confidence="high",
                    message=f"{src}: no pinned copy and not in the HTTP cache (run factcheck pin)",
                    evidence=(("source", src),),
                )
                f = replace(f, fingerprint=fingerprint(f, {}))
            region = None
            if f.article_sentence and f.article_sentence in texts:
                region = locate(article.raw, texts[f.article_sentence], article.body_offset)
            if region is None:
                target = doc_of.get(f.source_sentence or "") or evidence.get("source", "")
                region = locate_written(article.raw, written.get(target, target))
            src_text = texts.get(f.source_sentence or "") if f.source_sentence else None
            out.append(Item(f, region, texts.get(f.article_sentence or ""), src_text))
        return out


# -- the scan ------------------------------------------------------------------------------------


def apply_config(result: FileResult, config: Config, suppressions, base: Path) -> FileResult:
    """The configuration's rule selection, severities and minimum confidence for the file, then
    the suppressions of the ignore file."""
    rel = relative(base / result.path, config.root)  # patterns and suppressions: from the root
    rules = config.rules_for(rel)
    # only a file that was read and checked (never one refused, e.g. a link out of the repository)
    checked = suppressions is not None and result.status == "checked"
    written = inline_suppressions(base / result.path) if checked else []
    used: set[int] = set()
    kept: list[Item] = []
    for item in result.items:
        f = item.finding
        if not rules.enabled(f.rule) or not rules.confident(f.confidence):
            continue
        severity = rules.severity_of(f.rule, f.severity)
        if severity != f.severity:
            f = replace(f, severity=severity)
        match = suppressions.match(rel, f) if suppressions is not None else None
        reason = match.reason if match else None
        if reason is None:
            hit = next(
                (
                    n
                    for n, s in enumerate(written)
                    if f.rule in s.codes and (s.target is None or s.target == item.region.line)
                ),
                None,
            )
            if hit is not None:
                used.add(hit)
                reason = written[hit].reason
        kept.append(replace(item, finding=f, suppressed=reason))
    for n, s in enumerate(written):
        if n not in used and rules.enabled("I100"):
            codes = ",".join(s.codes)
            kept.append(
                file_item(
                    "I100",
                    rel,
                    f"inline suppression of {codes} matches no finding; remove it",
                    Region(s.line),
                    rule=codes,
                )
            )
    kept.sort(
        key=lambda i: (
            i.region.line,
            i.region.column,
            -SEVERITY_RANK[i.finding.severity],
            i.finding.rule,
            i.finding.fingerprint,
        )
    )
    return replace(result, items=tuple(kept))


def inline_suppressions(path: Path) -> list:
    """The suppressions an article writes in HTML comments (factcheck.suppress.inline)."""
    from .suppress import inline

    if path.suffix.lower() not in (".md", ".markdown", ".html", ".htm") or not path.is_file():
        return []
    try:
        return inline(path.read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return []


_WORKER: Context | None = None


def _init_worker(config: Config, base: Path) -> None:
    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl+C
    _WORKER = Context(config, base)
    _WORKER.warm()


def _check_in_worker(path: str) -> FileResult:
    assert _WORKER is not None
    return _WORKER.check(Path(path))


def scan(
    paths: Sequence[str | Path],
    config: Config,
    *,
    progress: Callable[[ScanProgress], None] | None = None,
) -> ScanReport:
    """Check every article under ``paths`` (files or folders) with ``config``. Never prints:
    ``progress`` is called once before the first file (``done`` 0) and once per file."""
    from . import suppress

    started = time.perf_counter()
    files, base = collect(paths, config)
    if config.changed_since:
        changed = changed_files(config.changed_since, config.root)
        files = with_changed_sources(files, changed, config, base, config.changed_since)
    suppressions = suppress.load(config.ignore_path, root=base)
    # a broken index, or a pins folder that leads out of the repository, stops the scan now
    PinIndex(config.pins_path, shown_from=base, root=base).pins  # noqa: B018 (the property loads and checks)
    jobs = max(1, min(config.workers(), len(files)))
    total = len(files)
    results: list[FileResult] = []
    # a cache folder that cannot be used is one clear error now, not one per file in the workers
    with fetch_stage.Fetcher.from_options(fetch_options(config)) as probe:
        probe.session  # noqa: B018 - opens the cache folder
    if progress is not None:
        progress(ScanProgress(0, total, None))

    def done(raw: FileResult) -> None:
        result = apply_config(raw, config, suppressions, base)
        results.append(result)
        if progress is not None:
            progress(ScanProgress(len(results), total, result))

    if jobs == 1:
        ctx = Context(config, base)
        try:
            for path in files:
                done(ctx.check(path))
        finally:
            ctx.close()
    else:
        pool = ProcessPoolExecutor(
            max_workers=jobs, initializer=_init_worker, initargs=(config, base)
        )
        try:
            pending = {pool.submit(_check_in_worker, str(p)): p for p in files}
            for future in as_completed(pending):
                path = pending.pop(future)
                try:
                    raw = future.result()
                except Exception as err:  # noqa: BLE001 - a worker that died
                    raw = FileResult(
                        relative(path, base), "error", error=f"{type(err).__name__}: {err}"[:200]
                    )
                done(raw)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        pool.shutdown()

    results.sort(key=lambda r: r.path)
    scanned = {relative(base / r.path, config.root) for r in results}
    complete = not config.changed_since and any(
        Path(p).resolve() == config.root or Path(p).resolve() in config.root.parents
        for p in (paths or [config.root])
    )
    unused = suppressions.unused(scanned, complete)
    if unused and suppressions.file is not None:
        rel = relative(suppressions.file, base)
        items = []
        for s in unused:
            where = f" in {s.path}" if s.path else ""
            items.append(
                file_item(
                    "I100",
                    rel,
                    f"suppression of {s.rule} {s.fingerprint}{where} matches no finding; remove it",
                    Region(s.line),
                    rule=s.rule,
                    fingerprint=s.fingerprint,
                )
            )
        ignore_result = apply_config(
            FileResult(rel, IGNORE_FILE_STATUS, tuple(items)), config, None, base
        )
        if ignore_result.items:
            results.append(ignore_result)
    return ScanReport(
        base=str(base),
        root=str(config.root),
        files=tuple(results),
        fail_on=config.fail_on,
        seconds=round(time.perf_counter() - started, 3),
        jobs=jobs,
    )


# -- the text and JSON formats -------------------------------------------------------------------

STYLE = {
    "error": "\033[1;31m",
    "warning": "\033[33m",
    "info": "\033[36m",
    "dim": "\033[2m",
    "bold": "\033[1m",
    "reset": "\033[0m",
}


def summary_line(report: ScanReport) -> str:
    st = report.statuses()
    sev = report.severities()
    n_files = len([f for f in report.files if f.status != IGNORE_FILE_STATUS])
    parts = [f"{st['checked']} checked"]
    if st["not-checked"]:
        parts.append(f"{st['not-checked']} not checked")
    if st["unreadable"]:
        parts.append(f"{st['unreadable']} unreadable")
    if st["error"]:
        parts.append(f"{st['error']} internal errors")
    total = sum(sev.values())
    found = (
        "no findings"
        if not total
        else f"{total} finding{'s' if total != 1 else ''} ("
        + ", ".join(f"{n} {k}{'s' if n != 1 and k != 'info' else ''}" for k, n in sev.items() if n)
        + ")"
    )
    line = f"{n_files} file{'s' if n_files != 1 else ''}: {', '.join(parts)}; {found}"
    if report.suppressed():
        line += f"; {report.suppressed()} suppressed"
    return line


def render_text(report: ScanReport, *, color: bool = False, width: int = 100, **_: object) -> str:
    import textwrap

    def paint(style: str, text: str) -> str:
        return f"{STYLE[style]}{text}{STYLE['reset']}" if color else text

    out: list[str] = []
    for f, item in report.items():
        fd = item.finding
        r = item.region
        out.append(
            f"{paint('bold', f'{f.path}:{r.line}:{r.column}')}: "
            f"{paint(fd.severity, fd.severity)} {fd.rule} {fd.name}  {fd.message}"
            + (f" (confidence {fd.confidence})" if fd.kind != "scan" else "")
        )
        for label, text in (("article", item.article_text), ("source", item.source_text)):
            if text:
                lines = textwrap.wrap(text, width=max(width - 13, 30)) or [""]
                out.append(paint("dim", f"    {label:<8} {lines[0]}"))
                out += [paint("dim", f"    {'':<8} {line}") for line in lines[1:]]
    for f in report.errors():
        out.append(f"{paint('bold', f.path)}: {paint('error', 'internal error')}  {f.error}")
    if out:
        out.append("")
    out.append(summary_line(report))
    failing = len(report.failing())
    if failing:
        out.append(f"{failing} finding{'s' if failing != 1 else ''} at or above {report.fail_on}")
    return "\n".join(out) + "\n"


def item_dict(item: Item) -> dict:
    from .report.json import finding

    d = finding(item.finding)
    r = item.region
    d.update(
        {
            "line": r.line,
            "column": r.column,
            "end_line": r.end_line,
            "end_column": r.end_column,
            "article_text": item.article_text,
            "source_text": item.source_text,
            "suppressed": {"reason": item.suppressed} if item.suppressed else None,
        }
    )
    return d


def as_dict(report: ScanReport) -> dict:
    return {
        "schema_version": 1,
        "kind": "scan",
        "tool": {"name": "factcheck", "version": __version__},
        "fail_on": report.fail_on,
        "summary": {
            "files": len([f for f in report.files if f.status != IGNORE_FILE_STATUS]),
            **report.statuses(),
            "severities": report.severities(),
            "suppressed": report.suppressed(),
            "failing": len(report.failing()),
            "exit_code": report.exit_code(),
        },
        "files": [
            {
                "path": f.path,
                "status": f.status,
                "language": f.language,
                "sources": list(f.sources),
                "stats": dict(f.stats),
                "error": f.error,
                "findings": [item_dict(i) for i in f.items],
            }
            for f in report.files
        ],
    }


def render_json(report: ScanReport, **_: object) -> str:
    import json

    return json.dumps(as_dict(report), ensure_ascii=False, indent=2) + "\n"


def statistics(report: ScanReport) -> list[dict]:
    """Findings per rule (suppressed ones left out), most frequent first."""
    counts: dict[tuple[str, str], int] = {}
    for _, item in report.items():
        key = (item.finding.rule, item.finding.name)
        counts[key] = counts.get(key, 0) + 1
    return [
        {"code": code, "name": name, "count": n}
        for (code, name), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def render_statistics(report: ScanReport, *, as_json: bool = False) -> str:
    rows = statistics(report)
    if as_json:
        import json

        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    width = max((len(str(r["count"])) for r in rows), default=1)
    lines = [f"{r['count']:>{width}}  {r['code']}  {r['name']}" for r in rows]
    total = sum(r["count"] for r in rows)
    lines.append(f"{total} finding{'s' if total != 1 else ''}")
    return "\n".join(lines) + "\n"


def render_ignore(report: ScanReport, **_: object) -> str:
    """``[[ignore]]`` entries for every active finding, to paste into the ignore file."""
    from .suppress import render_entries

    return render_entries([(f.path, i.finding) for f, i in report.items()])


__all__ = [
    "scan",
    "ScanReport",
    "FileResult",
    "Item",
    "Region",
    "ScanProgress",
    "collect",
    "changed_files",
    "locate",
    "render_text",
    "render_json",
    "as_dict",
]
