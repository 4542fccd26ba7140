"""Rule definitions and per-language lexicons, loaded from the packaged ``rules/`` folder.

In a wheel the folder is installed as ``factcheck/_rules``; in a source checkout it is the
top-level ``rules/``. Everything here is data: adding a language means adding
``rules/lexicons/<lang>/`` with the same files, adding a rule means a ``[[rule]]`` entry in
``rules/rules.toml`` and a doc ``rules/docs/<code>.md``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import ConfigError

REQUIRED_LEXICONS = ("boilerplate", "numbers", "segment")
SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    kind: str
    severity: str
    status: str
    summary: str

    @property
    def doc(self) -> str:
        return rule_doc(self.code)


def rules_root() -> Path:
    packaged = resources.files("factcheck") / "_rules"
    if packaged.is_dir():
        return Path(str(packaged))
    here = Path(__file__).resolve().parent.parent / "rules"
    if here.is_dir():
        return here
    raise ConfigError("the rules folder is missing from this installation")


@cache
def all_rules() -> dict[str, Rule]:
    path = rules_root() / "rules.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise ConfigError(f"cannot read {path}: {err}") from err
    out: dict[str, Rule] = {}
    for entry in data.get("rule", []):
        rule = Rule(**{k: entry[k] for k in Rule.__dataclass_fields__})
        if rule.severity not in SEVERITIES:
            raise ConfigError(f"rule {rule.code}: unknown severity {rule.severity!r}")
        out[rule.code] = rule
    return out


def rule(code_or_name: str) -> Rule:
    """Look a rule up by code ("C100") or name ("unsupported-sentence")."""
    rules = all_rules()
    key = code_or_name.strip()
    if key.upper() in rules:
        return rules[key.upper()]
    for r in rules.values():
        if r.name == key.lower():
            return r
    raise ConfigError(f"no rule {code_or_name!r}; `factcheck rules` lists them")


def rule_doc(code: str) -> str:
    path = rules_root() / "docs" / f"{code}.md"
    try:
        return path.read_text(encoding="utf-8")
    except OSError as err:
        raise ConfigError(f"rule {code} has no doc at {path}") from err


def supported_languages() -> tuple[str, ...]:
    root = rules_root() / "lexicons"
    langs = [
        p.name
        for p in sorted(root.iterdir())
        if p.is_dir() and all((p / f"{name}.toml").is_file() for name in REQUIRED_LEXICONS)
    ]
    return tuple(langs)


@cache
def lexicon(language: str) -> dict[str, dict[str, Any]]:
    """All lexicon files of one language: ``{"numbers": {...}, "segment": {...}, ...}``."""
    folder = rules_root() / "lexicons" / language
    if not folder.is_dir():
        raise ConfigError(f"no lexicons for language {language!r}")
    out: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.glob("*.toml")):
        try:
            out[path.stem] = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as err:
            raise ConfigError(f"bad lexicon {path}: {err}") from err
    return out


@cache
def given_names() -> dict[str, str]:
    """Given name as written -> "f" or "m" (``rules/lexicons/given_names.toml``)."""
    path = rules_root() / "lexicons" / "given_names.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise ConfigError(f"bad lexicon {path}: {err}") from err
    return {n: g for key, g in (("female", "f"), ("male", "m")) for n in data.get(key, [])}


NAME_WORD = r"(?-i:[A-ZÀ-ÖØ-Þ][\w.'’-]*)"


@cache
def patterns(language: str, topic: str, key: str) -> tuple[re.Pattern[str], ...]:
    """Compiled case-insensitive regexes of one lexicon list (``{name}``: a capitalised word)."""
    raw = lexicon(language).get(topic, {}).get(key, [])
    try:
        return tuple(re.compile(p.replace("{name}", NAME_WORD), re.IGNORECASE) for p in raw)
    except re.error as err:
        raise ConfigError(f"bad pattern in lexicons/{language}/{topic}.toml {key}: {err}") from err


@cache
def calendar_words(language: str) -> frozenset[str]:
    """The names of the months and weekdays of a language, in lower case."""
    data = lexicon(language).get("numbers", {})
    return frozenset(w.lower() for w in data.get("months", []) + data.get("weekdays", []))


def phrase_pattern(phrases: list[str] | tuple[str, ...]) -> re.Pattern[str] | None:
    """One regex matching any of the phrases as whole words, longest first."""
    if not phrases:
        return None
    alts = sorted(
        {
            re.sub(r"['’]", "['’]", re.escape(p).replace(r"\ ", r"\s+"))  # s'est = s’est
            for p in phrases
        },
        key=len,
        reverse=True,
    )
    return re.compile(r"(?<!\w)(?:" + "|".join(alts) + r")(?!\w)", re.IGNORECASE)


CALIBRATION_MIN = 5  # judged findings a (rule, grade) cell needs before its precision is used
HIGH, MEDIUM = 0.95, 0.85  # the precision that "high" and "medium" confidence promise


TUNING_SET = "dev"  # the set the rules were written from; every other set was measured apart


@cache
def named_calibration_sets() -> tuple[tuple[str, dict[str, dict[str, tuple[int, int]]]], ...]:
    """The tables of ``rules/calibration.toml`` (written by ``factcheck eval FOLDER
    --calibrate``), one per calibration set, with its name: rule -> grade -> (found, true)."""
    path = rules_root() / "calibration.toml"
    if not path.is_file():
        return ()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"cannot read {path}: {err}") from err
    return tuple(
        (
            name,
            {
                code: {grade: (int(c["found"]), int(c["true"])) for grade, c in grades.items()}
                for code, grades in measured.get("rule", {}).items()
            },
        )
        for name, measured in data.get("set", {}).items()
    )


def calibration_sets() -> tuple[dict[str, dict[str, tuple[int, int]]], ...]:
    """The tables of the calibration sets, without their names."""
    return tuple(table for _, table in named_calibration_sets())


@cache
def calibration() -> dict[tuple[str, str], tuple[tuple[int, int], ...]]:
    """Measured precision per (rule, grade): (found, true) per cell, one per set that measured
    it (the development set, and sets written or judged apart from the rules), and one more:
    the sets measured apart pooled, when two or more of them measured the cell (three findings
    on real pages and three on pairs written apart are six findings of evidence, though each
    set alone has too few to count)."""
    return calibration_cells(named_calibration_sets())


def calibration_cells(
    named: tuple[tuple[str, dict[str, dict[str, tuple[int, int]]]], ...],
) -> dict[tuple[str, str], tuple[tuple[int, int], ...]]:
    """The cells of :func:`calibration` from named tables."""
    cells: dict[tuple[str, str], tuple[tuple[int, int], ...]] = {}
    apart: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for name, measured in named:
        for code, grades in measured.items():
            for grade, cell in grades.items():
                cells[code, grade] = (*cells.get((code, grade), ()), cell)
                if name != TUNING_SET:
                    apart.setdefault((code, grade), []).append(cell)
    for key, found in apart.items():
        if len(found) >= 2:
            cells[key] = (*cells[key], (sum(n for n, _ in found), sum(t for _, t in found)))
    return cells


def level(found: int, true: int) -> str:
    """What a measured precision promises: high at 0.95 or more, medium at 0.85, else low."""
    precision = true / found
    return "high" if precision >= HIGH else "medium" if precision >= MEDIUM else "low"


def calibrated(code: str, grade: str) -> str:
    """The confidence a finding of this rule and evidence grade deserves (see :func:`supported`)."""
    return supported(calibration().get((code, grade), ()), grade, rule_totals().get(code, ()))


@cache
def rule_totals() -> dict[str, tuple[tuple[int, int], ...]]:
    """Per rule, (found, true) over all its grades, one per calibration set."""
    out: dict[str, tuple[tuple[int, int], ...]] = {}
    for measured in calibration_sets():
        for code, grades in measured.items():
            found = sum(n for n, _ in grades.values())
            true = sum(t for _, t in grades.values())
            out[code] = (*out.get(code, ()), (found, true))
    return out


def supported(
    measured: tuple[tuple[int, int], ...],
    grade: str,
    rule_measured: tuple[tuple[int, int], ...] = (),
) -> str:
    """The lowest confidence that any set with enough findings of a cell measured for it (the
    sets measured apart from the rules also count pooled, as one more set: see
    :func:`calibration`); while no set measured
    enough of the cell, the lowest that the rule as a whole (all its grades) earned on a set
    with enough; the grade itself while neither was measured. The grade is a ceiling: a
    measurement may lower a finding's confidence, never raise it (a weak-evidence cell that
    scored well on the development set did not hold on the held-out set or on real pages), and
    every set must support what is promised."""
    levels = [level(n, t) for n, t in measured if n >= CALIBRATION_MIN]
    if not levels:
        levels = [level(n, t) for n, t in rule_measured if n >= CALIBRATION_MIN]
    return min([*levels, grade], key=LEVELS.index)


LEVELS = ("low", "medium", "high")
