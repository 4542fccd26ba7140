"""Speaker measurement on the labelled speaker set (``fixtures/speakers/<lang>.toml``).

Each passage is turned into a document the way the pipeline sees a plain-text page (one block
per paragraph, the language given by the file), segmented, and annotated as the pipeline annotates
it (:func:`factcheck.annotate.annotate`: its quotes and the resolved speaker of each sentence).
For each labelled statement (format: fixtures/speakers/README.md) the prediction is the
attribution on its sentence: for a direct statement, the speaker of the first extracted quote
inside the labelled sentence, else (and for reported speech) the main attribution of the first
segmented sentence that overlaps it. Scores, as shares of all labelled statements:

* found: the statement has a predicted attribution;
* speaker: the prediction names the labelled speaker. Both are normalised (case, accents, a
  leading article or title); a person's last name, or a group's whole name, must be contained
  in the prediction, and the prediction may be at most three words longer than the label;
* reporter: the predicted reporter is the labelled one (same rule), or both are absent;
  ``reporter+`` is the share right among statements that have a labelled reporter;
* cue: the predicted cue and the labelled one contain each other (``told`` for ``told
  reporters``).

Split by language and by direct/reported speech.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .annotate.cues import ARTICLES
from .errors import ConfigError
from .models import Block, Document, Segmented
from .segment import segment

LANGUAGES = ("en", "fr", "de", "es")
TITLES = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "mayor",
    "president",
    "minister",
    "judge",
    "prof",
    "professor",
    "m",
    "mme",
    "me",
    "maitre",
    "maire",
    "ministre",
    "presidente",
    "herr",
    "frau",
    "sr",
    "sra",
    "senor",
    "senora",
    "don",
    "dona",
    "alcalde",
    "alcaldesa",
    "burgermeister",
    "burgermeisterin",
}
PARTICLES = {"de", "del", "van", "von", "der", "da", "di", "du", "la", "le", "y"}


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()


def norm_words(text: str) -> list[str]:
    """Folded words, without a leading article or title ("the", "l'", "Mayor")."""
    words = re.findall(r"[\w-]+", fold(text).replace("'", " ' "))
    words = [w for w in words if w != "'"]
    while words and (words[0] in ARTICLES or words[0] in TITLES) and len(words) > 1:
        words = words[1:]
    return words


def is_person(label: str) -> bool:
    """A person's name: two to four capitalised words (particles allowed), no article."""
    words = label.replace("’", "'").split()
    if not 2 <= len(words) <= 4 or fold(words[0]) in ARTICLES:
        return False
    return all(w[:1].isupper() or w in PARTICLES for w in words) and words[-1][:1].isupper()


def contains(hay: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return n > 0 and any(hay[i : i + n] == needle for i in range(len(hay) - n + 1))


def same_speaker(label: str | None, predicted: str | None) -> bool:
    """Whether a predicted speaker (or reporter) names the labelled one."""
    if not label:
        return not predicted
    if not predicted:
        return False
    want = norm_words(label)
    got = norm_words(predicted)
    if len(got) > len(want) + 3:
        return False
    key = want[-1:] if is_person(label) else want
    return contains(got, key)


def same_cue(label: str, predicted: str | None) -> bool:
    if not predicted:
        return False
    a, b = norm_words_plain(label), norm_words_plain(predicted)
    return contains(a, b) or contains(b, a)


def norm_words_plain(text: str) -> list[str]:
    return re.findall(r"[\w-]+", fold(text).replace("'", " "))


def passage(body: str, language: str, name: str) -> Segmented:
    """A passage as a document: one paragraph block per run of text between blank lines."""
    blocks = []
    for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", body):
        text = m.group(0)
        lead = len(text) - len(text.lstrip())
        end = m.start() + len(text.rstrip())
        if end > m.start() + lead:
            blocks.append(Block("paragraph", m.start() + lead, end))
    doc = Document(url=name, final_url=name, text=body, blocks=tuple(blocks), language=language)
    return segment(doc, "S")


@dataclass
class Judged:
    text: str  # passage id
    language: str
    direct: bool
    label: dict
    speaker: str | None = None
    reporter: str | None = None
    cue: str | None = None
    found: bool = False
    speaker_ok: bool = False
    reporter_ok: bool = False
    cue_ok: bool = False


@dataclass
class Tally:
    n: int = 0
    found: int = 0
    speaker: int = 0
    reporter: int = 0
    with_reporter: int = 0
    reporter_labelled_ok: int = 0
    cue: int = 0

    def add(self, j: Judged) -> None:
        self.n += 1
        self.found += j.found
        self.speaker += j.speaker_ok
        self.reporter += j.reporter_ok
        self.cue += j.cue_ok
        if j.label.get("reporter"):
            self.with_reporter += 1
            self.reporter_labelled_ok += j.reporter_ok

    def share(self, what: str) -> float:
        if what == "reporter+":
            return self.reporter_labelled_ok / self.with_reporter if self.with_reporter else 1.0
        return getattr(self, what) / self.n if self.n else 1.0


@dataclass
class SpeakerEvaluation:
    judged: list[Judged] = field(default_factory=list)

    def tally(self, language: str | None = None, direct: bool | None = None) -> Tally:
        t = Tally()
        for j in self.judged:
            if (language is None or j.language == language) and (
                direct is None or j.direct == direct
            ):
                t.add(j)
        return t


def judge_text(text: dict, language: str) -> list[Judged]:
    from .annotate import annotate

    body = text["body"]
    seg = passage(body, language, text["id"])
    sentences = [s for s in seg.sentences if s.kind in ("body", "bullet")]
    notes = annotate(seg)
    speakers = {sid: n.speaker for sid, n in notes.sentences.items() if n.speaker is not None}
    found_quotes = notes.quotes
    out = []
    for label in text.get("statement", []):
        start = body.find(label["sentence"])
        if start < 0:
            raise ConfigError(f"{text['id']}: sentence not in body: {label['sentence'][:60]}")
        end = start + len(label["sentence"])
        direct = bool(label.get("direct"))
        att = None
        if direct:
            att = next(
                (
                    q.speaker
                    for q in found_quotes
                    if start <= q.start < end and q.speaker is not None
                ),
                None,
            )
        if att is None:
            att = next(
                (
                    speakers[s.id]
                    for s in sentences
                    if s.start < end and s.end > start and s.id in speakers
                ),
                None,
            )
        j = Judged(text["id"], language, direct, label)
        if att is not None:
            j.found = True
            j.speaker = att.speaker or None
            j.reporter = getattr(att, "reporter", None) or None
            j.cue = att.cue or None
        j.speaker_ok = j.found and same_speaker(label["speaker"], j.speaker)
        j.reporter_ok = j.found and same_speaker(label.get("reporter"), j.reporter)
        j.cue_ok = j.found and same_cue(label["cue"], j.cue)
        out.append(j)
    return out


def evaluate_speakers(root: Path | str = Path("fixtures/speakers")) -> SpeakerEvaluation:
    root = Path(root)
    files = [root / f"{lang}.toml" for lang in LANGUAGES if (root / f"{lang}.toml").is_file()]
    if not files:
        raise ConfigError(f"{root}: no labelled speaker files (<lang>.toml)")
    ev = SpeakerEvaluation()
    for path in files:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for text in data.get("text", []):
            ev.judged += judge_text(text, path.stem)
    return ev


COLUMNS = ("found", "speaker", "reporter", "reporter+", "cue")


def table(ev: SpeakerEvaluation, verbose: bool = False) -> str:
    lines = [f"{'language':<9} {'speech':<9} {'n':>4} " + " ".join(f"{c:>9}" for c in COLUMNS)]
    languages = [lang for lang in LANGUAGES if any(j.language == lang for j in ev.judged)]
    for lang in [*languages, None]:
        for direct, name in ((True, "direct"), (False, "reported"), (None, "all")):
            t = ev.tally(lang, direct)
            lines.append(
                f"{lang or 'all':<9} {name:<9} {t.n:>4} "
                + " ".join(f"{t.share(c):>9.2f}" for c in COLUMNS)
            )
    if verbose:
        for j in ev.judged:
            if j.speaker_ok and j.reporter_ok and j.cue_ok:
                continue
            wrong = [
                w
                for w, ok in (
                    ("speaker", j.speaker_ok),
                    ("reporter", j.reporter_ok),
                    ("cue", j.cue_ok),
                )
                if not ok
            ]
            lines.append(
                f"  {j.text} {'/'.join(wrong)}: want {j.label['speaker']!r}"
                f" [{j.label.get('reporter') or '-'}] {j.label['cue']!r};"
                f" got {j.speaker!r} [{j.reporter or '-'}] {j.cue!r}"
                f" | {j.label['sentence'][:70]}"
            )
    return "\n".join(lines) + "\n"
