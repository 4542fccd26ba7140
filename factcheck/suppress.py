"""Suppressions a reviewer commits: the ignore file (``.factcheck-ignore.toml`` by default).

Each entry names a rule and the fingerprint of one finding (``Finding.fingerprint``: a hash of
the rule, the sentences concerned and the evidence, without positions, so it survives edits
elsewhere in the file), a reason, and optionally the file it applies to::

    [[ignore]]
    rule = "C100"
    fingerprint = "5d0c1f9e2a7b3c48"
    path = "articles/strike.md"      # relative to the root (the configuration's folder); optional
    reason = "Background from our own archive, checked by the desk."

A suppressed finding stays in the reports (SARIF marks it suppressed, with the reason) but
never fails the scan. An entry that matches nothing is reported as I100.

An article can also carry its own suppressions, as HTML comments (in Markdown and HTML alike)::

    <!-- factcheck: ignore C100 -- background from our own archive -->
    The paragraph the comment stands above, or the line it ends.

    <!-- factcheck: ignore-file C201 -- dates are given in the table below -->

``ignore`` applies to the findings located on the next non-blank line (or on the comment's own
line when text stands before it), ``ignore-file`` to the whole file; several codes are
separated by commas. An inline suppression that matches nothing is reported as I100 too.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigError
from .models import Finding
from .rules import all_rules

FINGERPRINT_RE = re.compile(r"^[0-9a-f]{16}$")
KEYS = {"rule", "fingerprint", "path", "reason"}


@dataclass(frozen=True)
class Suppression:
    rule: str
    fingerprint: str
    reason: str
    path: str | None = None
    line: int = 1  # of the entry in the ignore file


@dataclass
class Suppressions:
    file: Path | None
    entries: tuple[Suppression, ...] = ()
    used: set[int] = field(default_factory=set)

    def match(self, rel_path: str, finding: Finding) -> Suppression | None:
        for n, s in enumerate(self.entries):
            if (
                s.rule == finding.rule
                and s.fingerprint == finding.fingerprint
                and (s.path is None or s.path == rel_path)
            ):
                self.used.add(n)
                return s
        return None

    def unused(self, scanned: set[str], complete: bool) -> list[Suppression]:
        """Entries that matched nothing: those for a scanned file, and those without a file
        when the scan covered the whole repository."""
        return [
            s
            for n, s in enumerate(self.entries)
            if n not in self.used
            and ((s.path is not None and s.path in scanned) or (s.path is None and complete))
        ]


INLINE_RE = re.compile(
    r"<!--\s*factcheck:\s*(ignore|ignore-file)\s+([A-Za-z]\d{3}(?:\s*,\s*[A-Za-z]\d{3})*)"
    r"\s*(?:--(?!>)\s*((?:(?!-->).)*?))?\s*-->",
    re.DOTALL,
)


@dataclass(frozen=True)
class Inline:
    """A suppression written in the article: the codes, the line of the comment, the line it
    applies to (None: the whole file) and the reason."""

    codes: tuple[str, ...]
    line: int
    target: int | None
    reason: str


def inline(text: str) -> list[Inline]:
    """The inline suppressions of an article's raw text."""
    lines = text.splitlines()
    out: list[Inline] = []
    for m in INLINE_RE.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        end_line = text.count("\n", 0, m.end()) + 1
        codes = tuple(c.strip().upper() for c in m.group(2).split(","))
        reason = " ".join((m.group(3) or "").split()) or "suppressed in the article"
        target: int | None = None
        if m.group(1) == "ignore":
            before = text[text.rfind("\n", 0, m.start()) + 1 : m.start()]
            if before.strip():
                target = line  # at the end of a line of text: that line
            else:
                target = next(
                    (n for n in range(end_line + 1, len(lines) + 1) if lines[n - 1].strip()),
                    end_line,
                )
        out.append(Inline(codes, line, target, reason))
    return out


def load(path: Path, *, root: Path | None = None) -> Suppressions:
    """Read the ignore file; a missing file is no suppression. A broken one is a ConfigError,
    and so is one whose real path is outside ROOT (the repository), which is not read."""
    if not path.is_file():
        return Suppressions(None)
    if root is not None:
        from .config import refuse_outside

        refuse_outside(path, root, "the ignore file")
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except OSError as err:
        raise ConfigError(f"cannot read {path}: {err.strerror}") from err
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise ConfigError(f"{path}: not valid TOML: {err}") from err
    unknown = sorted(set(data) - {"ignore"})
    if unknown:
        raise ConfigError(f"{path}: unknown key {unknown[0]!r}; entries are [[ignore]] tables")
    raw = data.get("ignore", [])
    if not isinstance(raw, list):
        raise ConfigError(f"{path}: entries are [[ignore]] tables")
    rules = all_rules()
    lines = entry_lines(text)
    out: list[Suppression] = []
    for n, entry in enumerate(raw):
        line = lines[n] if n < len(lines) else 1
        where = f"{path.name}:{line}"
        if not isinstance(entry, dict):
            raise ConfigError(f"{where}: an [[ignore]] entry must be a table")
        bad = sorted(set(entry) - KEYS)
        if bad:
            raise ConfigError(f"{where}: unknown key {bad[0]!r} (known: {', '.join(sorted(KEYS))})")
        rule = str(entry.get("rule", "")).strip().upper()
        if rule not in rules:
            raise ConfigError(f"{where}: rule {entry.get('rule')!r} is no rule code")
        fp = str(entry.get("fingerprint", "")).strip().lower()
        if not FINGERPRINT_RE.match(fp):
            raise ConfigError(
                f"{where}: fingerprint must be the 16 hex digits of a finding's "
                "fingerprint (see the JSON or SARIF report)"
            )
        reason = entry.get("reason")
        if not isinstance(reason, str) or not reason.strip():
            raise ConfigError(f"{where}: every suppression needs a reason")
        p = entry.get("path")
        if p is not None and (not isinstance(p, str) or not p.strip()):
            raise ConfigError(f"{where}: path must be a file path relative to the root")
        out.append(
            Suppression(rule, fp, reason.strip(), p.strip().removeprefix("./") if p else None, line)
        )
    return Suppressions(path, tuple(out))


def entry_lines(text: str) -> list[int]:
    """The 1-based line of each ``[[ignore]]`` header, in order."""
    return [
        n
        for n, line in enumerate(text.splitlines(), 1)
        if re.match(r"^\s*\[\[\s*ignore\s*\]\]", line)
    ]


def render_entries(items: list[tuple[str, Finding]]) -> str:
    """``[[ignore]]`` entries for (path, finding) pairs, reasons to be filled in: what a
    reviewer pastes into the ignore file."""
    import tomli_w

    blocks = []
    for path, f in items:
        blocks.append(
            "[[ignore]]\n"
            + tomli_w.dumps(
                {
                    "rule": f.rule,
                    "fingerprint": f.fingerprint,
                    "path": path,
                    "reason": "TODO: why this finding is acceptable",
                }
            )
        )
    return "\n".join(blocks)
