"""Quality measurement on a labelled development set (``fixtures/dev``).

Each pair folder holds ``article.*``, ``source.*`` (or ``source-N.*``) and ``labels.toml``
(format: fixtures/dev/README.md). A predicted finding matches a gold label of the same kind
when its article sentence contains the label's ``article`` substring (for omissions: its source
sentence contains the ``source`` substring; a label with both needs both). Each gold label
matches at most one prediction. Precision, recall and F1 are micro-averaged per kind over all
pairs; faithful pairs must have no finding of warning or error severity.

Every judged finding (true: it matched a gold label; false: it matched none) is also kept with
its rule, severity and confidence, so precision is reported per confidence level, per rule and
for what a user sees by default (warning and error). A second finding on an already labelled
sentence is not judged at all. A pair whose ``[pair] truncated = true`` must raise S105
(source-truncated).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigError
from .models import Finding, Report
from .pipeline import Options, check

KINDS = (
    "addition",
    "omission",
    "number_mismatch",
    "attribution_change",
    "quote_altered",
    "quote_unsourced",
    "hedge_changed",
)
SUFFIXES = (".html", ".htm", ".md", ".txt")
CONFIDENCE_ORDER = {"high": 0, "medium": 1, "low": 2}


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class PairResult:
    name: str
    faithful: bool
    report: Report
    false_positives: list[tuple[Finding, str]] = field(default_factory=list)
    missed: list[dict] = field(default_factory=list)
    scores: dict[str, Score] = field(default_factory=dict)
    judged: list[tuple[Finding, bool]] = field(default_factory=list)  # (finding, true?)
    truncated: bool = False  # the labels say a source is cut short

    @property
    def truncation_found(self) -> bool:
        return any(f.rule == "S105" for f in self.report.findings)


SHOWN = ("warning", "error")  # what a user sees by default


@dataclass
class Evaluation:
    pairs: list[PairResult]
    scores: dict[str, Score]

    def precision_by(self, key) -> dict[str, Score]:
        """Precision of the judged findings grouped by ``key(finding)`` (fn stays 0)."""
        out: dict[str, Score] = {}
        for pair in self.pairs:
            for f, true in pair.judged:
                s = out.setdefault(key(f), Score())
                if true:
                    s.tp += 1
                else:
                    s.fp += 1
        return dict(sorted(out.items()))

    @property
    def shown(self) -> Score:
        """Findings at warning or error severity: how many were true."""
        return self.precision_by(lambda f: "shown" if f.severity in SHOWN else "hidden").get(
            "shown", Score()
        )

    @property
    def macro_f1(self) -> float:
        measured = [s.f1 for s in self.scores.values() if s.tp + s.fn]
        return sum(measured) / len(measured) if measured else 0.0

    def truncation(self) -> tuple[int, int]:
        """(truncated pairs whose S105 was raised, truncated pairs)."""
        cut = [p for p in self.pairs if p.truncated]
        return sum(p.truncation_found for p in cut), len(cut)

    def faithful_failures(self) -> list[tuple[str, Finding]]:
        return [
            (p.name, f)
            for p in self.pairs
            if p.faithful
            for f in p.report.findings
            if f.severity in ("warning", "error")
        ]


def pair_files(folder: Path, pair: dict | None = None) -> tuple[Path, list[Path]]:
    """The article and source files of a pair: named in labels.toml ``[pair] article`` and
    ``sources``, or found by name (article.*, source.* / source-N.*)."""
    pair = pair or {}
    files = sorted(folder.iterdir())
    articles = (
        [folder / pair["article"]]
        if pair.get("article")
        else [p for p in files if p.stem == "article" and p.suffix in SUFFIXES]
    )
    sources = (
        [folder / s for s in pair["sources"]]
        if pair.get("sources")
        else [
            p
            for p in files
            if (p.stem == "source" or p.stem.startswith("source-")) and p.suffix in SUFFIXES
        ]
    )
    if len(articles) != 1 or not sources:
        raise ConfigError(f"{folder}: needs one article.* and at least one source.*")
    return articles[0], sources


def sentence_text(report: Report, sid: str | None) -> str:
    if not sid:
        return ""
    for seg in (report.article, *report.sources):
        for s in seg.sentences:
            if s.id == sid:
                return s.text
    return ""


def squash(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def matches(finding: Finding, gold: dict, report: Report) -> bool:
    if finding.kind != gold["kind"]:
        return False
    ok = True
    if gold.get("article"):
        ok &= squash(gold["article"]) in squash(sentence_text(report, finding.article_sentence))
    if gold.get("source"):
        texts = [
            sentence_text(report, sid)
            for sid in (finding.source_sentence, *finding.source_sentences)
        ]
        in_source = any(squash(gold["source"]) in squash(t) for t in texts if t)
        if gold["kind"] == "omission" or not gold.get("article"):
            ok &= in_source
    return bool(ok)


def implied(gold: list[dict]) -> list[dict]:
    """Labels with the kinds they imply: an invented quote (``quote_unsourced`` with no
    ``source``: nothing in the source says it) is a sentence invented whole, so also an
    ``addition``, unless the labels already give one for that sentence."""
    added = {squash(g["article"]) for g in gold if g["kind"] == "addition" and g.get("article")}
    extra = [
        {"kind": "addition", "article": g["article"], "note": "implied: an invented quote"}
        for g in gold
        if g["kind"] == "quote_unsourced"
        and g.get("article")
        and not g.get("source")
        and squash(g["article"]) not in added
    ]
    return gold + extra


def evaluate_pair(folder: Path, options: Options | None = None) -> PairResult:
    labels = tomllib.loads((folder / "labels.toml").read_text(encoding="utf-8"))
    article, sources = pair_files(folder, labels.get("pair"))
    report = check(str(article), [str(s) for s in sources], options=options)
    gold = implied([g for g in labels.get("finding", []) if g.get("kind") in KINDS])
    pair = labels.get("pair", {})
    result = PairResult(
        folder.name,
        bool(pair.get("faithful")),
        report,
        scores={k: Score() for k in KINDS},
        truncated=bool(pair.get("truncated")),
    )
    used: set[int] = set()
    for f in report.findings:
        if f.kind not in KINDS:
            continue
        hit = next((n for n, g in enumerate(gold) if n not in used and matches(f, g, report)), None)
        if hit is None:
            # a second finding on an already labelled sentence is not counted against precision
            if any(matches(f, g, report) for g in gold):
                continue
            result.scores[f.kind].fp += 1
            result.judged.append((f, False))
            result.false_positives.append(
                (
                    f,
                    sentence_text(report, f.article_sentence)
                    or sentence_text(report, f.source_sentence),
                )
            )
        else:
            used.add(hit)
            result.scores[f.kind].tp += 1
            result.judged.append((f, True))
    for n, g in enumerate(gold):
        if n not in used:
            result.scores[g["kind"]].fn += 1
            result.missed.append(g)
    return result


def evaluate(
    root: Path, options: Options | None = None, kinds: tuple[str, ...] = KINDS
) -> Evaluation:
    if (root / "labels.toml").is_file():
        folders = [root]  # one pair
    else:
        folders = sorted(p for p in root.iterdir() if (p / "labels.toml").is_file())
    if not folders:
        raise ConfigError(f"{root}: no labelled pairs (folders with labels.toml)")
    pairs = [evaluate_pair(folder, options) for folder in folders]
    totals = {k: Score() for k in kinds}
    for pair in pairs:
        for k in kinds:
            s = pair.scores[k]
            totals[k].tp += s.tp
            totals[k].fp += s.fp
            totals[k].fn += s.fn
    return Evaluation(pairs, totals)


def table(ev: Evaluation, verbose: bool = False) -> str:
    lines = [
        f"{'kind':<20} {'gold':>5} {'found':>6} {'tp':>4} {'precision':>10} {'recall':>7} {'F1':>6}"
    ]
    for kind, s in ev.scores.items():
        lines.append(
            f"{kind:<20} {s.tp + s.fn:>5} {s.tp + s.fp:>6} {s.tp:>4} "
            f"{s.precision:>10.2f} {s.recall:>7.2f} {s.f1:>6.2f}"
        )
    lines.append(f"macro-F1 {ev.macro_f1:.2f}")
    lines.append("")
    lines.append(f"{'precision by':<20} {'found':>6} {'true':>5} {'precision':>10}")
    shown = ev.shown
    rows = [("shown (warn+error)", shown)]
    rows += [
        (f"confidence {c}", s)
        for c, s in sorted(
            ev.precision_by(lambda f: f.confidence).items(),
            key=lambda kv: CONFIDENCE_ORDER.get(kv[0], 9),
        )
    ]
    rows += [(f"severity {c}", s) for c, s in ev.precision_by(lambda f: f.severity).items()]
    rows += [
        (f"rule {c}", s) for c, s in ev.precision_by(lambda f: f"{f.rule} {f.severity[:4]}").items()
    ]
    for name, s in rows:
        lines.append(f"{name:<20} {s.tp + s.fp:>6} {s.tp:>5} {s.precision:>10.2f}")
    bad = ev.faithful_failures()
    faithful = sum(p.faithful for p in ev.pairs)
    found, cut = ev.truncation()
    lines.append(
        f"pairs: {len(ev.pairs)}; faithful pairs with warnings or errors: "
        f"{len({name for name, _ in bad})} of {faithful}; truncated sources recognised: "
        f"{found} of {cut}"
    )
    if verbose:
        for pair in ev.pairs:
            for f, text in pair.false_positives:
                lines.append(
                    f"  FP {pair.name} {f.kind} {f.rule} {f.article_sentence or f.source_sentence}: {text[:110]}"
                )
            for g in pair.missed:
                what = g.get("article") or g.get("source")
                lines.append(f"  FN {pair.name} {g['kind']}: {what[:110]}")  # type: ignore[index]  # a gap has one
            if pair.faithful:
                for f in pair.report.findings:
                    if f.severity in ("warning", "error"):
                        lines.append(
                            f"  FAITHFUL {pair.name} {f.rule} {f.article_sentence or f.source_sentence}"
                        )
    return "\n".join(lines) + "\n"


def calibration_toml(ev: Evaluation, name: str, previous: str = "") -> str:
    """``rules/calibration.toml`` with the measured precision per rule and evidence grade of
    this evaluation as the set ``name``, the other sets of ``previous`` (the file's text) kept."""
    cells = ev.precision_by(lambda f: f"{f.rule}\x1f{f.grade or f.confidence}")
    measured: dict[tuple[str, str], tuple[int, int]] = {}
    for key, score in cells.items():
        code, grade = key.split("\x1f")
        measured[code, grade] = (score.tp + score.fp, score.tp)
    return calibration_text(measured, name, len(ev.pairs), previous)


def calibration_text(
    measured: dict[tuple[str, str], tuple[int, int]], name: str, pairs: int, previous: str = ""
) -> str:
    """``rules/calibration.toml``: the cells (rule, grade) -> (found, true) as the set
    ``name`` of ``pairs`` pairs, the other sets of ``previous`` kept."""
    try:
        sets = tomllib.loads(previous).get("set", {}) if previous else {}
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"cannot read the calibration file: {err}") from err
    rules: dict[str, dict[str, dict[str, int]]] = {}
    for (code, grade), (found, true) in measured.items():
        rules.setdefault(code, {})[grade] = {"found": found, "true": true}
    sets[name] = {"pairs": pairs, "rule": rules}
    lines = [
        "# Measured precision per rule and evidence grade, one table per labelled set, written by",
        "# `factcheck eval FOLDER --calibrate rules/calibration.toml` (the set is named after",
        "# FOLDER; the real-page set by benchmarks/realpage_cells.py from findings judged by",
        "# hand). A finding's confidence is the lowest that any set promises for its cell: high",
        "# >= 0.95 true, medium >= 0.85, else low; a set with fewer than 5 judged findings of a",
        "# cell does not count for it, and the evidence grade is a ceiling.",
    ]
    for set_name in sorted(sets):
        measured_set = sets[set_name]
        lines += ["", f"[set.{set_name}]", f"pairs = {int(measured_set.get('pairs', 0))}"]
        by_rule = measured_set.get("rule", {})
        for code in sorted(by_rule):
            for grade in sorted(by_rule[code], key=lambda g: CONFIDENCE_ORDER.get(g, 9)):
                c = by_rule[code][grade]
                found, true = int(c["found"]), int(c["true"])
                lines.append(
                    f"rule.{code}.{grade} = {{ found = {found}, true = {true} }}  "
                    f"# {true / found if found else 1:.2f}"
                )
    return "\n".join(lines) + "\n"
