"""The configuration of ``factcheck scan`` and ``factcheck pin``: ``[tool.factcheck]`` in
``pyproject.toml``, or the top level of a ``factcheck.toml`` (which wins when a folder has both).

The file is looked for in the folder of the first path scanned and its parents, up to the root
of the git repository; its folder is the *root*: patterns, the pins folder, the ignore file and
the cache folder are relative to it. Without a file the root is the git repository's top folder,
else the current folder. Every key is optional::

    [tool.factcheck]
    select = ["C", "N", "S"]        # rule codes, code prefixes or names; default: every rule
    ignore = ["C201"]               # the longest matching selector wins; a tie: ignore wins
    severity = { C201 = "warning", H = "info" }   # by code or prefix
    min-confidence = "medium"       # drop findings below (low | medium | high)
    fail-on = "error"               # error | warning | info | never
    languages = ["en", "fr"]        # article languages allowed (F102 for others)
    include = ["*.md", "*.markdown", "*.html", "*.htm"]
    exclude = ["drafts/**"]
    max-sources = 3                 # sources checked per article
    timeout = 20                    # seconds, for a web page
    cache-dir = ".factcheck/cache"  # the HTTP cache (default: the user cache folder)
    pins-dir = ".factcheck/pins"
    ignore-file = ".factcheck-ignore.toml"
    pinned-only = false             # read pins only, never the network (P100 when missing)
    offline = false                 # pins, then the HTTP cache; no request
    jobs = 0                        # worker processes; 0: one per core

    [[tool.factcheck.overrides]]    # per-path settings, applied in order
    paths = ["opinion/**"]
    ignore = ["C100"]
    select = []
    severity = { C101 = "info" }
    min-confidence = "high"
    languages = ["en"]

Patterns are matched against the path relative to the root (``/`` separators): ``*`` matches
any characters including ``/``; a pattern without ``/`` matches the file name alone; a leading
``**/`` may match nothing. Command-line flags override the file (``--select`` replaces the
list, ``--ignore`` adds to it).
"""

from __future__ import annotations

import os
import subprocess
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .findings import CONFIDENCE_RANK, SEVERITY_RANK
from .rules import all_rules, supported_languages

CONFIG_FILES = ("factcheck.toml", "pyproject.toml")
DEFAULT_INCLUDE = ("*.md", "*.markdown", "*.html", "*.htm")
DEFAULT_PINS = ".factcheck/pins"
DEFAULT_IGNORE_FILE = ".factcheck-ignore.toml"
FAIL_ON = ("error", "warning", "info", "never")

KEYS = {
    "select",
    "ignore",
    "severity",
    "min-confidence",
    "fail-on",
    "languages",
    "include",
    "exclude",
    "max-sources",
    "timeout",
    "cache-dir",
    "pins-dir",
    "ignore-file",
    "pinned-only",
    "offline",
    "jobs",
    "overrides",
    "respect-gitignore",
}
OVERRIDE_KEYS = {"paths", "select", "ignore", "severity", "min-confidence", "languages"}


@dataclass(frozen=True)
class Override:
    paths: tuple[str, ...]
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    min_confidence: str | None = None
    languages: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Rules:
    """The rule settings in force for one file."""

    selectors: tuple[tuple[str, bool], ...]  # (selector, enabled), in order of precedence
    select_all: bool
    severity: tuple[tuple[str, str], ...]
    min_confidence: str
    languages: tuple[str, ...]

    def enabled(self, code: str) -> bool:
        best: tuple[int, bool] | None = None
        for selector, on in self.selectors:
            n = match_length(selector, code)
            if n is None:
                continue
            if best is None or n > best[0] or (n == best[0] and not on):
                best = (n, on)
        return self.select_all if best is None else best[1]

    def severity_of(self, code: str, default: str) -> str:
        best: tuple[int, str] | None = None
        for selector, level in self.severity:
            n = match_length(selector, code)
            if n is not None and (best is None or n >= best[0]):
                best = (n, level)
        return default if best is None else best[1]

    def confident(self, confidence: str) -> bool:
        return CONFIDENCE_RANK.get(confidence, 3) >= CONFIDENCE_RANK[self.min_confidence]

    def allows_language(self, language: str) -> bool:
        return not self.languages or language in self.languages


@dataclass(frozen=True)
class Config:
    root: Path  # absolute; patterns and folders are relative to it
    file: Path | None = None  # the configuration file read, if any
    select: tuple[str, ...] | None = None  # None: every rule
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    min_confidence: str = "low"
    fail_on: str = "error"
    languages: tuple[str, ...] = ()  # empty: every supported language
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    max_sources: int = 3
    timeout: float = 20.0
    cache_dir: Path | None = None
    pins_dir: Path | None = None  # None: root / .factcheck/pins
    ignore_file: Path | None = None  # None: root / .factcheck-ignore.toml
    pinned_only: bool = False
    offline: bool = False
    jobs: int = 0  # 0: os.cpu_count()
    overrides: tuple[Override, ...] = ()
    changed_since: str | None = None  # a git ref (command line only)
    respect_gitignore: bool = True  # skip git-ignored files and build outputs (--no-ignore)
    fetch: dict[str, Any] = field(default_factory=dict)  # extra factcheck.Options fields

    @property
    def pins_path(self) -> Path:
        return self.pins_dir or self.root / DEFAULT_PINS

    @property
    def ignore_path(self) -> Path:
        return self.ignore_file or self.root / DEFAULT_IGNORE_FILE

    def workers(self) -> int:
        return self.jobs if self.jobs > 0 else (os.cpu_count() or 1)

    def rules_for(self, rel_path: str) -> Rules:
        selectors: list[tuple[str, bool]] = [(s, True) for s in self.select or ()]
        selectors += [(s, False) for s in self.ignore]
        severity = list(self.severity)
        min_conf = self.min_confidence
        languages = self.languages
        for o in self.overrides:
            if not matches(rel_path, o.paths):
                continue
            selectors += [(s, True) for s in o.select] + [(s, False) for s in o.ignore]
            severity += list(o.severity)
            min_conf = o.min_confidence or min_conf
            languages = o.languages if o.languages is not None else languages
        return Rules(tuple(selectors), self.select is None, tuple(severity), min_conf, languages)

    def with_cli(self, **flags: Any) -> Config:
        """Command-line values over the file's: None leaves a setting alone; ``select``
        replaces the list, ``ignore`` and ``severity`` add to it."""
        changes: dict[str, Any] = {}
        for key, value in flags.items():
            if value is None:
                continue
            if key == "select":
                changes["select"] = tuple(check_selectors(value, "--select"))
            elif key == "ignore":
                changes["ignore"] = self.ignore + tuple(check_selectors(value, "--ignore"))
            elif key == "severity":
                changes["severity"] = self.severity + tuple(parse_severity_flags(value))
            elif key == "languages":
                changes["languages"] = tuple(check_languages(value, "--language"))
            elif key == "min_confidence":
                changes["min_confidence"] = check_choice(value, CONFIDENCE_RANK, "--min-confidence")
            elif key == "fail_on":
                changes["fail_on"] = check_choice(value, FAIL_ON, "--fail-on")
            elif key in ("cache_dir", "pins_dir", "ignore_file"):
                changes[key] = Path(value).expanduser().resolve()
            else:
                changes[key] = value
        return replace(self, **changes)


def rule_filter(
    select: Iterable[str] | None, ignore: Iterable[str] | None, min_confidence: str | None
) -> Rules | None:
    """The rule selection of ``check --select/--ignore/--min-confidence`` (None: keep every
    finding); the same selectors as the configuration of ``scan``. A ConfigError when a selector
    names no rule."""
    if select is None and not ignore and min_confidence is None:
        return None
    selectors = [(s, True) for s in check_selectors(select or [], "--select")]
    selectors += [(s, False) for s in check_selectors(ignore or [], "--ignore")]
    level = check_choice(min_confidence or "low", CONFIDENCE_RANK, "--min-confidence")
    return Rules(tuple(selectors), select is None, (), level, ())


# -- patterns and selectors ----------------------------------------------------------------------


def matches(rel_path: str, patterns: Iterable[str]) -> bool:
    name = rel_path.rsplit("/", 1)[-1]
    for pattern in patterns:
        pattern = pattern.strip().lstrip("/")
        if pattern.endswith("/"):
            pattern += "**"
        if "/" not in pattern:
            if fnmatchcase(name, pattern):
                return True
            continue
        if fnmatchcase(rel_path, pattern):
            return True
        while pattern.startswith("**/"):
            pattern = pattern[3:]
            if fnmatchcase(rel_path, pattern):
                return True
    return False


def match_length(selector: str, code: str) -> int | None:
    """How specific ``selector`` is for rule ``code`` (None: it does not match)."""
    if selector == "ALL":
        return 0
    rules = all_rules()
    if selector in rules:
        return len(selector) if selector == code else None
    for r in rules.values():
        if r.name == selector:
            return 4 if r.code == code else None
    return len(selector) if code.startswith(selector) else None


def check_selectors(values: Iterable[str], where: str) -> list[str]:
    out: list[str] = []
    rules = all_rules()
    names = {r.name: r.code for r in rules.values()}
    for raw in values:
        for part in str(raw).split(","):
            s = part.strip()
            if not s:
                continue
            if s.upper() == "ALL":
                out.append("ALL")
                continue
            if s.lower() in names:
                out.append(names[s.lower()])
                continue
            s = s.upper()
            if not any(code.startswith(s) for code in rules):
                raise ConfigError(
                    f"{where}: {part.strip()!r} is no rule code, prefix or name "
                    "(`factcheck rules` lists them)"
                )
            out.append(s)
    return out


def check_choice(value: Any, choices: Iterable[str], where: str) -> str:
    allowed = list(choices)
    if value not in allowed:
        raise ConfigError(f"{where}: {value!r} is not one of {', '.join(allowed)}")
    return str(value)


def check_languages(values: Iterable[str], where: str) -> list[str]:
    supported = supported_languages()
    out = []
    for raw in values:
        for part in str(raw).split(","):
            lang = part.strip().lower()
            if not lang:
                continue
            if lang not in supported:
                raise ConfigError(
                    f"{where}: language {lang!r} is not supported "
                    f"(supported: {', '.join(supported)})"
                )
            out.append(lang)
    return out


def check_severity_table(table: Any, where: str) -> list[tuple[str, str]]:
    if not isinstance(table, dict):
        raise ConfigError(f'{where}: expected a table such as {{ C201 = "warning" }}')
    out = []
    for key, level in table.items():
        (selector,) = check_selectors([key], where)
        out.append((selector, check_choice(level, SEVERITY_RANK, f"{where}.{key}")))
    return out


def parse_severity_flags(values: Iterable[str]) -> list[tuple[str, str]]:
    out = []
    for value in values:
        key, sep, level = str(value).partition("=")
        if not sep:
            raise ConfigError(f"--severity: expected CODE=LEVEL, got {value!r}")
        (selector,) = check_selectors([key], "--severity")
        out.append((selector, check_choice(level.strip(), SEVERITY_RANK, "--severity")))
    return out


# -- what belongs to the repository ---------------------------------------------------------------


def outside(path: str | Path, root: Path) -> bool:
    """Whether PATH's real path (symbolic links followed) is outside the folder ROOT. A file or
    folder of a content repository that is outside it, or a link that leads out of it, is never
    read: the repository may come from anyone (a pull request), the machine's files may not."""
    try:
        real = Path(path).resolve()
    except (OSError, RuntimeError):  # a loop of links
        return True
    root = root.resolve()
    return real != root and root not in real.parents


def refuse_outside(path: Path, root: Path, what: str, shown: str | None = None) -> None:
    """A ConfigError naming PATH (never what it leads to) when it is outside ROOT."""
    if path.exists() and outside(path, root):
        raise ConfigError(f"{what} {shown or path}: {leads_out(path, root)}; not read")


def leads_out(path: Path, root: Path) -> str:
    """'a symbolic link that leads outside the repository (ROOT)', or 'outside the ...'."""
    where = f"outside the repository ({root})"
    if Path(os.path.abspath(path)).is_relative_to(root.resolve()):
        return f"a symbolic link that leads {where}"
    return where


# -- reading the file ----------------------------------------------------------------------------


def git_toplevel(start: Path) -> Path | None:
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"],
            cwd=start,
            capture_output=True,
            text=True,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0 or not done.stdout.strip():
        return None
    return Path(done.stdout.strip()).resolve()


def start_folder(start: Path) -> Path:
    """The folder to look for the configuration from: START's, or the one holding it when it
    is a file or a symbolic link (a link is never followed out of the repository)."""
    start = start.absolute()
    lexical = start.is_dir() and not start.is_symlink()
    return (start if lexical else start.parent).resolve()


def find_config(start: Path) -> tuple[Path, dict] | None:
    """The nearest configuration file from ``start`` up to the git repository's top (or the
    filesystem root): (file, its factcheck table)."""
    folder = start_folder(start)
    top = git_toplevel(folder)
    for here in (folder, *folder.parents):
        for name in CONFIG_FILES:
            path = here / name
            if path.is_file():
                refuse_outside(path, top or here, "the configuration file")
                table = read_table(path)
                if table is not None:
                    return path, table
        if top is not None and here == top:
            break
    return None


def read_table(path: Path) -> dict | None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise ConfigError(f"cannot read {path}: {err.strerror}") from err
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise ConfigError(f"{path}: not valid TOML: {err}") from err
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("factcheck")
        if table is not None and not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.factcheck] must be a table")
        return table
    return data


def load(paths: Iterable[str | Path] = (), *, config_file: str | Path | None = None) -> Config:
    """The configuration for scanning ``paths``: ``config_file`` if given, else the nearest
    file (see the module docstring), else the defaults."""
    paths = [Path(p) for p in paths] or [Path.cwd()]
    if config_file is not None:
        given = Path(os.path.abspath(Path(config_file).expanduser()))
        if not given.is_file():
            raise ConfigError(f"no configuration file at {config_file}")
        refuse_outside(
            given,
            git_toplevel(given.parent) or given.parent.resolve(),
            "the configuration file",
            str(config_file),
        )
        path = given.resolve()
        table = read_table(path)
        if table is None:
            raise ConfigError(f"{config_file}: no [tool.factcheck] table")
        return from_table(table, path.parent, path)
    first = paths[0].absolute()  # type: ignore[union-attr]  # made Paths above
    while not first.exists() and first != first.parent:  # a file named but missing: its folder
        first = first.parent
    found = find_config(first)
    if found is None:
        root = git_toplevel(start_folder(first)) or Path.cwd().resolve()
        return Config(root=root)
    path, table = found
    return from_table(table, path.parent, path)


def from_table(table: dict, root: Path, file: Path | None = None) -> Config:
    where = str(file.name if file else "configuration")
    if file is not None and file.name == "pyproject.toml":
        where += " [tool.factcheck]"
    unknown = sorted(set(table) - KEYS)
    if unknown:
        raise ConfigError(f"{where}: unknown key {unknown[0]!r} (known: {', '.join(sorted(KEYS))})")

    def strings(key: str, value: Any) -> list[str]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where}: {key} must be a list of strings")
        return value

    def folder(key: str) -> Path | None:
        if key not in table:
            return None
        if not isinstance(table[key], str) or not table[key].strip():
            raise ConfigError(f"{where}: {key} must be a path")
        return (root / Path(table[key]).expanduser()).resolve()

    def integer(key: str, default: int, low: int) -> int:
        value = table.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool) or value < low:
            raise ConfigError(f"{where}: {key} must be an integer of at least {low}")
        return value

    def flag(key: str, default: bool = False) -> bool:
        value = table.get(key, default)
        if not isinstance(value, bool):
            raise ConfigError(f"{where}: {key} must be true or false")
        return value

    timeout = table.get("timeout", 20.0)
    if not isinstance(timeout, (int, float)) or isinstance(timeout, bool) or timeout < 1:
        raise ConfigError(f"{where}: timeout must be a number of seconds of at least 1")

    overrides = []
    raw_overrides = table.get("overrides", [])
    if not isinstance(raw_overrides, list):
        raise ConfigError(f"{where}: overrides must be an array of tables ([[...overrides]])")
    for n, o in enumerate(raw_overrides, 1):
        ow = f"{where} overrides #{n}"
        if not isinstance(o, dict):
            raise ConfigError(f"{ow}: must be a table")
        bad = sorted(set(o) - OVERRIDE_KEYS)
        if bad:
            raise ConfigError(
                f"{ow}: unknown key {bad[0]!r} (known: {', '.join(sorted(OVERRIDE_KEYS))})"
            )
        if "paths" not in o:
            raise ConfigError(f"{ow}: paths is required")
        overrides.append(
            Override(
                paths=tuple(strings("paths", o["paths"])),
                select=tuple(
                    check_selectors(strings("select", o.get("select", [])), f"{ow} select")
                ),
                ignore=tuple(
                    check_selectors(strings("ignore", o.get("ignore", [])), f"{ow} ignore")
                ),
                severity=tuple(check_severity_table(o.get("severity", {}), f"{ow} severity")),
                min_confidence=check_choice(
                    o["min-confidence"], CONFIDENCE_RANK, f"{ow} min-confidence"
                )
                if "min-confidence" in o
                else None,
                languages=tuple(
                    check_languages(strings("languages", o["languages"]), f"{ow} languages")
                )
                if "languages" in o
                else None,
            )
        )

    return Config(
        root=root.resolve(),
        file=file,
        select=tuple(check_selectors(strings("select", table["select"]), f"{where} select"))
        if "select" in table
        else None,
        ignore=tuple(
            check_selectors(strings("ignore", table.get("ignore", [])), f"{where} ignore")
        ),
        severity=tuple(check_severity_table(table.get("severity", {}), f"{where} severity")),
        min_confidence=check_choice(
            table.get("min-confidence", "low"), CONFIDENCE_RANK, f"{where} min-confidence"
        ),
        fail_on=check_choice(table.get("fail-on", "error"), FAIL_ON, f"{where} fail-on"),
        languages=tuple(
            check_languages(strings("languages", table.get("languages", [])), f"{where} languages")
        ),
        include=tuple(strings("include", table["include"]))
        if "include" in table
        else DEFAULT_INCLUDE,
        exclude=tuple(strings("exclude", table.get("exclude", []))),
        max_sources=integer("max-sources", 3, 1),
        timeout=float(timeout),
        cache_dir=folder("cache-dir"),
        pins_dir=folder("pins-dir"),
        ignore_file=folder("ignore-file"),
        pinned_only=flag("pinned-only"),
        offline=flag("offline"),
        jobs=integer("jobs", 0, 0),
        overrides=tuple(overrides),
        respect_gitignore=flag("respect-gitignore", True),
    )
