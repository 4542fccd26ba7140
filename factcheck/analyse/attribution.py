"""Attribution: who a claim or a quote is attributed to, and how; and what a rewrite did to it.

Cues come from ``rules/lexicons/<lang>/attribution.toml``: speech and report verbs ("said",
"a déclaré", "afirmó", "sagte"), phrases followed by the source ("according to", "selon",
"según", "laut"), postpositions ("zufolge"), phrases that attribute to nobody ("it is said",
"selon des informations"). Quoted words are blanked first, so a verb inside a quote is never a
cue. The speaker is the noun phrase next to the cue: after an inverted verb
(", said Dr Adeyemi"), after "according to", or before the verb back to the clause boundary
("Analysts say"). A speaker is described by keys: the folded names it holds, and the roles
it names ("analysts", "spokesperson", "news agency"), which are shared across languages. A
pronoun ("he", "il") takes the speaker of the nearest earlier sentence that named one.

Per aligned pair (article sentence and the source sentences it renders):

* A100 attribution-changed: both name a speaker and the names (or, without names, the roles)
  do not meet: "Kim" -> "Putin", "Yonhap" -> "KCNA";
* A101 attribution-dropped: the source attributes the claim and the article states it as fact
  (another article sentence rendering the same source sentence may carry the attribution);
* A102 attribution-vaguer: a named source replaced by a vague one ("Kim said" ->
  "selon les informations rendues publiques", the fire chief -> "experts");
* A103 attribution-invented: the article attributes the claim to a vague speaker ("experts
  say", "selon des sources") where the source attributes it to nobody.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from rapidfuzz import fuzz

from ..findings import make
from ..models import Finding, Sentence
from ..rules import lexicon
from .speech import THAT, Cues, cues, mask_quotes  # noqa: F401 - kept importable from here

MAX_SPEAKER_WORDS = 10
MAX_PREPOSED_WORDS = 8
BOUNDARY = re.compile(r"[,;:()\[\]—–]|\s(?:that|que|qu’|dass|daß|because|car|porque|weil)\s", re.I)
END = re.compile(
    r"[.;!?()\[\]]|\s(?:that|que|qu’|dass|because|car|porque|weil)\s|,\s+(?:[a-zà-ÿ]+\s+){0,2}(?:that|que|dass)\s",
    re.I,
)
BOUNDARY_FORWARD = re.compile(r"[,;:.!?()\[\]—–]|\s(?:that|que|qu’|dass|daß)\s", re.I)
NAME = re.compile(r"(?<![\w’'-])[A-ZÀ-ÖØ-Þ][\w’'.-]*[\w]")
STOP_NAMES = {
    "the",
    "a",
    "an",
    "le",
    "la",
    "les",
    "l",
    "un",
    "une",
    "des",
    "el",
    "los",
    "las",
    "der",
    "die",
    "das",
    "den",
    "dem",
    "ein",
    "eine",
    "in",
    "on",
    "at",
    "this",
    "its",
    "his",
    "her",
    "their",
    "mr",
    "mrs",
    "ms",
    "dr",
    "m",
    "mme",
    "sr",
    "sra",
    "herr",
    "frau",
}


@dataclass(frozen=True)
class Attribution:
    speaker: str  # as written ("South Korea’s Yonhap news agency"); "" for an implicit speaker
    cue: str  # the verb or phrase ("according to", "a déclaré")
    names: frozenset[str]  # folded names in the speaker
    roles: frozenset[str]  # canonical roles ("analysts", "media", ...)
    vague: bool = False
    pronoun: bool = False
    resolved: bool = False  # the speaker of a pronoun, taken from an earlier sentence
    reporter: str = ""  # the outlet passing the words on ("According to KNI, Solvik told ...")
    according: bool = False  # introduced by an according-to phrase

    @property
    def named(self) -> bool:
        return not self.pronoun and not self.vague and bool(self.names or self.roles)

    @property
    def specific(self) -> bool:
        """Names a person, an organisation or an outlet (not just a group or a role)."""
        return self.named and bool(self.names)


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


def after_determiner(text: str, start: int, determiners: frozenset[str]) -> bool:
    """Whether the word at start follows a determiner that marks a common noun (German)."""
    before = text[:start].split()
    return bool(before) and before[-1].lower() in determiners


@cache
def calendar_words(language: str) -> frozenset[str]:
    data = lexicon(language).get("numbers", {})
    return frozenset(w.lower() for w in data.get("months", []) + data.get("weekdays", []))


def describe(speaker: str, cue: str, language: str, vague_cue: bool = False) -> Attribution:
    c = cues(language)
    clean = speaker.strip(" ,.;:«»“”\"'’")
    low = clean.lower().replace("'", "’")
    role_keys = frozenset(role for role, pattern in c.roles.items() if pattern.search(low))
    role_words = {m.group(0).lower() for pattern in c.roles.values() for m in pattern.finditer(low)}
    names = frozenset(
        fold(re.sub(r"[’']s$", "", m.group(0)))
        for m in NAME.finditer(clean)
        if fold(m.group(0)) not in STOP_NAMES
        and m.group(0).lower() not in role_words
        and len(m.group(0)) > 1
        and m.group(0).lower() not in calendar_words(language)
        and not after_determiner(clean, m.start(), c.not_name_after)
    )
    first, *rest = low.split() or [""]
    pronoun = (
        not clean
        or low in c.pronouns
        or (first in c.pronouns and not any(w[:1].isupper() for w in clean.split()[1:]))
    )  # "Elle a toutefois"
    generic = (
        c.vague_speakers is not None
        and not names
        and bool(
            c.vague_speakers.fullmatch(
                re.sub(r"^(?:des|de|les|the|some|certains|unos|algunos|die)\s+", "", low)
            )
            or c.vague_speakers.search(low)
            and not role_keys - {"experts", "observers"}
        )
    )
    vague = vague_cue or generic
    return Attribution(
        head(clean), cue, names, role_keys, vague=vague, pronoun=pronoun and not vague
    )


# words that open a phrase after the speaker's name: where, when, how or to whom they spoke
AFTER_NAME = {
    "at",
    "on",
    "in",
    "during",
    "after",
    "before",
    "with",
    "from",
    "to",
    "bei",
    "auf",
    "mit",
    "an",
    "am",
    "im",
    "vor",
    "nach",
    "gegenüber",
    "während",
    "à",
    "au",
    "aux",
    "dans",
    "avec",
    "lors",
    "devant",
    "sur",
    "pendant",
    "ante",
    "con",
    "durante",
    "tras",
    "desde",
    "en",
    "a",
    "al",
}


def is_name_word(word: str) -> bool:
    w = word.strip(",.;:")
    return w[:1].isupper() and fold(w) not in STOP_NAMES


def name_run(words: list[str]) -> bool:
    """Two capitalised words in a row (after any article): a person's name or a proper noun."""
    return any(is_name_word(a) and is_name_word(b) for a, b in zip(words, words[1:], strict=False))


def head(phrase: str) -> str:
    """The speaker phrase as a reader names the speaker: without an appositive that follows
    the name ("Beatriz Lozano, presidenta de la asociación vecinal") or a role phrase before
    it ("Le ministre karsène de l'Énergie, Piotr Valesco"), and without the words after a
    capitalised name ("Kapitänin Moira Dunlevy mit brüchiger Stimme", "Oberpflegerin Ines
    Morgenroth am Freitag"). Names and roles are read from the whole phrase; this is only
    what is shown."""
    parts = [p.strip() for p in phrase.split(",") if p.strip()]
    if len(parts) > 1:
        phrase = next((p for p in parts if name_run(p.split())), parts[0])
    words = phrase.split()
    for k in range(2, len(words)):
        if is_name_word(words[k - 1]) and is_name_word(words[k - 2]) and words[k] in AFTER_NAME:
            return " ".join(words[:k])
    return phrase


def attributions(sentence: Sentence) -> list[Attribution]:
    """Every attribution in a sentence, outside its quotes, in text order."""
    return list(_attributions(sentence.text, sentence.language))


@lru_cache(maxsize=20_000)
def _attributions(text_in: str, lang: str) -> tuple[Attribution, ...]:
    sentence = Sentence("", text_in, 0, len(text_in), "body", 0, lang)
    lang = sentence.language
    c = cues(lang)
    text = mask_quotes(sentence.text, lang)
    found: list[tuple[int, Attribution]] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in taken)

    def add(start: int, end: int, att: Attribution) -> None:
        taken.append((start, end))
        found.append((start, att))

    for pattern, kind in (
        (c.inverted, "inverted"),
        (c.vague, "vague"),
        (c.according, "according"),
        (c.after_source, "after"),
        (c.verbs, "verb"),
        (c.verbs_that, "verb_that"),
    ):
        if pattern is None:
            continue
        for m in pattern.finditer(text):
            if not free(*m.span()):
                continue
            if kind == "inverted":
                add(*m.span(), Attribution("", m.group(0), frozenset(), frozenset(), pronoun=True))
            elif kind == "vague":
                add(*m.span(), describe(m.group(0), m.group(0), lang, vague_cue=True))
            elif kind == "according":
                speaker = clip(text[m.end() :], forward=True)
                add(
                    m.start(),
                    m.end() + len(speaker),
                    replace(describe(speaker, m.group(0), lang), according=True),
                )
            elif kind == "after":
                add(*m.span(), describe(clip(text[: m.start()], forward=False), m.group(0), lang))
            else:
                att = verb_attribution(sentence.text, text, m, lang, needs_that=kind == "verb_that")
                if att is not None:
                    add(*m.span(), att)
    return tuple(a for _, a in sorted(found, key=lambda x: x[0]))


def verb_attribution(
    original: str, text: str, m: re.Match, lang: str, *, needs_that: bool
) -> Attribution | None:
    """The speaker of a speech verb: after it when inverted (", said X"), else before it."""
    c = cues(lang)
    before = original[: m.start()].rstrip()
    inverted = before.endswith((",", "»", "”", "“", '"', "’", "«")) or not before
    if needs_that and not inverted and not THAT.match(text, m.end()):
        return None  # "declared a state of emergency": an act, not speech
    speaker = clip(text[: m.start()], forward=False)
    words = speaker.split()
    while words and words[-1].lower() in c.auxiliaries:
        words.pop()  # "Kim Jong Un has told"
    while words and words[0].lower() in c.leading:
        words.pop(0)  # "but experts say"
    speaker = " ".join(words)
    long = len(speaker.split()) > MAX_PREPOSED_WORDS and not named_appositive(speaker)
    if long or any(p is not None and p.search(speaker) for p in (c.verbs, c.verbs_that)):
        speaker = ""  # no clean subject: an implicit speaker
    preposed = describe(speaker, m.group(0), lang)
    after = clip(text[m.end() :], forward=True, appositive=True) if inverted else ""
    post = describe(after, m.group(0), lang) if after else None
    usable = post is not None and bool(post.names or post.roles or after.lower() in c.pronouns)
    if before.endswith(","):
        # "Gary Stone, a union representative, said ...": an appositive subject before the verb;
        # "Counting went smoothly, said Amara Dube": a clause, and the speaker comes after
        if "," in speaker or not usable:
            return preposed
        return post
    if usable and inverted:
        return post  # "“...,” said Dr Adeyemi"
    return preposed


def named_appositive(speaker: str) -> bool:
    """ "Tom Birkett, a spokesman for the Merrow Valley Water Board": a short name, then its
    appositive (a subject longer than a bare phrase may be)."""
    first = speaker.split(",")[0].split()
    return "," in speaker and len(first) <= 4 and name_run(first)


def clip(text: str, *, forward: bool, appositive: bool = False) -> str:
    """The speaker phrase next to a cue: forward to the end of the clause (with an appositive
    after a comma when asked: ", said Laura Mendel, chief executive"), or back to its start."""
    if forward:
        m = (END if appositive else BOUNDARY_FORWARD).search(text)
        piece = text[: m.start()] if m else text
        words = piece.split()
    else:
        body = text.rstrip()
        appositive = body.endswith(",")  # "Le président du club, Rui Cardeal, a indiqué"
        body = body.rstrip(",").rstrip()
        cuts = list(BOUNDARY.finditer(body))
        piece = body[cuts[-1].end() :] if cuts else body
        if appositive and len(cuts) >= 1:
            start = cuts[-2].end() if len(cuts) >= 2 else 0
            if len(body[start:].split()) <= MAX_SPEAKER_WORDS and "," in body[start:]:
                piece = body[start:]
        words = piece.split()
    if len(words) > MAX_SPEAKER_WORDS and forward and "," in piece:
        words = piece.split(",")[0].split()  # keep the name, drop a long appositive
    if len(words) > MAX_SPEAKER_WORDS:
        return ""
    return " ".join(words)


def main_attribution(atts: list[Attribution]) -> Attribution | None:
    for i, a in enumerate(atts):
        if a.named or a.vague:
            if a.according and not a.vague:
                # "According to KNI, Solvik told her cabinet ...": Solvik speaks, KNI reports
                speaker = next(
                    (
                        b
                        for b in atts[i + 1 :]
                        if not b.according and b.speaker and (b.named or b.pronoun)
                    ),
                    None,
                )
                if speaker is not None:
                    return replace(speaker, reporter=a.speaker)
            return a
    return atts[0] if atts else None


SUBJECT_WORDS = 5


def last_name(text: str) -> str:
    """The name that is a sentence's subject: a run of two or more capitalised words among its
    first words ("Ihr unterlegener Konkurrent Gerhard Asche räumte ..."); "" when there is
    none."""
    words = text.split()
    runs: list[str] = []
    k = 1
    while k < min(len(words), SUBJECT_WORDS):
        if (
            is_name_word(words[k])
            and is_name_word(words[k - 1])
            and fold(words[k - 1]) not in STOP_NAMES
        ):
            j = k + 1
            while j < len(words) and is_name_word(words[j]):
                j += 1
            runs.append(" ".join(w.strip(",.;:!?") for w in words[k - 1 : j]))
            k = j
        k += 1
    return runs[-1] if runs else ""


def document_speakers(sentences: list[Sentence] | tuple[Sentence, ...]) -> dict[str, Attribution]:
    """The main attribution of each sentence that has one. A pronoun takes the speaker of the
    nearest earlier sentence that named a person or a body (``resolved`` is then True); a bare
    role is shown with the name of the last speaker who had that role."""
    out: dict[str, Attribution] = {}
    last: Attribution | None = None
    named: list[Attribution] = []  # the speakers named so far, latest last
    mentioned = ""  # the last name written before, spoken or not ("Hale denied the claims.")
    for s in sentences:
        main = main_attribution(attributions(s))
        before = mentioned
        mentioned = last_name(mask_quotes(s.text, s.language)) or mentioned
        if main is None:
            continue
        if (
            main.pronoun
            and last is None
            and before
            and main.speaker.lower() in cues(s.language).pronouns
        ):
            # no speaker named yet: shown with the last name written, still a pronoun
            main = replace(main, speaker=before)
        elif (
            main.pronoun
            and last is not None
            and main.speaker.lower() not in cues(s.language).impersonal
        ):
            main = replace(last, cue=main.cue, resolved=True, reporter=main.reporter)
        elif main.named and not main.names and main.roles:
            # a role ("Der Minister", "la portavoz") is shown as the last speaker named with that
            # role; it is still compared as a role (as a resolved speaker it hid a dropped
            # attribution on the development set)
            earlier = next((a for a in reversed(named) if main.roles <= a.roles), None)
            if earlier is not None:
                main = replace(main, speaker=earlier.speaker)
        elif main.specific:
            last = main
            named.append(main)
        out[s.id] = main
    return out


def names_meet(a: frozenset[str], b: frozenset[str]) -> bool:
    return any(x == y or (min(len(x), len(y)) > 3 and fuzz.ratio(x, y) >= 80) for x in a for y in b)


def different(a: Attribution, b: Attribution) -> bool:
    """Whether two named speakers are clearly different people or bodies."""
    if not (a.named and b.named):
        return False
    if a.names and b.names:
        return not names_meet(a.names, b.names)
    if not a.names and not b.names:
        return not a.roles & b.roles
    return False  # a role against a name: cannot tell ("le dirigeant" may be "Kim")


def findings(alignment) -> list[Finding]:
    art = list(alignment.article)
    src = list(alignment.source)
    a_speakers = document_speakers(art)
    s_speakers = document_speakers(src)
    index = {s.id: k for k, s in enumerate(art)}
    renderers: dict[str, list[str]] = {}
    for bead in alignment.beads:
        for sid in bead.source:
            renderers.setdefault(sid, []).extend(bead.article)
    out: list[Finding] = []
    for bead in alignment.beads:
        if not bead.article or not bead.source:
            continue
        sid_a = bead.article[0]
        a_att = a_speakers.get(sid_a)
        s_atts = [(sid, s_speakers[sid]) for sid in bead.source if sid in s_speakers]
        s_main = next(((sid, a) for sid, a in s_atts if a.named), None)
        if a_att is None:
            if (
                s_main is not None
                and not s_main[1].resolved
                and not carried_elsewhere(
                    art, index[sid_a], a_speakers, s_main[1], renderers.get(s_main[0], [])
                )
            ):
                sid, s_att = s_main
                out.append(
                    make(
                        "A101",
                        confidence="medium",
                        message=(
                            f"the source attributes this to {s_att.speaker} ({s_att.cue}); the "
                            "article states it as fact"
                        ),
                        article_sentence=sid_a,
                        source_sentence=sid,
                        evidence=(("source_speaker", s_att.speaker), ("article_speaker", "—")),
                    )
                )
            continue
        if a_att.pronoun:
            continue
        s_vague = next(((sid, a) for sid, a in s_atts if a.vague), None)
        if s_main is None and s_vague is not None and a_att.specific and not a_att.resolved:
            sid, s_att = s_vague
            out.append(
                make(
                    "A100",
                    confidence="medium",
                    message=(
                        f"attributed to {a_att.speaker}; the source has only “{s_att.speaker or s_att.cue}”"
                    ),
                    article_sentence=sid_a,
                    source_sentence=sid,
                    evidence=(
                        ("source_speaker", s_att.speaker or s_att.cue),
                        ("article_speaker", a_att.speaker),
                    ),
                )
            )
            continue
        if s_main is not None:
            sid, s_att = s_main
            a_named = [a for a in attributions(art[index[sid_a]]) if a.named]
            if a_att.vague and s_att.specific:
                out.append(
                    make(
                        "A102",
                        confidence="high",
                        message=(
                            f"the source names {s_att.speaker}; the article says only "
                            f"“{a_att.speaker or a_att.cue}”"
                        ),
                        article_sentence=sid_a,
                        source_sentence=sid,
                        evidence=(
                            ("source_speaker", s_att.speaker),
                            ("article_speaker", a_att.speaker or a_att.cue),
                        ),
                    )
                )
            elif (
                different(a_att, s_att)
                and not (a_att.resolved or s_att.resolved)
                and len(a_named) == 1
                and len([a for _, a in s_atts if a.named]) == 1
            ):
                out.append(
                    make(
                        "A100",
                        confidence="high",
                        message=f"attributed to {a_att.speaker}; the source attributes it to {s_att.speaker}",
                        article_sentence=sid_a,
                        source_sentence=sid,
                        evidence=(
                            ("source_speaker", s_att.speaker),
                            ("article_speaker", a_att.speaker),
                        ),
                    )
                )
        elif a_att.vague and not s_atts:
            out.append(
                make(
                    "A103",
                    confidence="medium",
                    message=(
                        f"attributed to “{a_att.speaker or a_att.cue}”; the source attributes it "
                        "to nobody"
                    ),
                    article_sentence=sid_a,
                    source_sentence=bead.source[0],
                    evidence=(
                        ("article_speaker", a_att.speaker or a_att.cue),
                        ("source_speaker", "—"),
                    ),
                )
            )
    return out


def carried_elsewhere(
    art: list[Sentence],
    i: int,
    speakers: dict[str, Attribution],
    source: Attribution,
    renderers: list[str],
) -> bool:
    """Whether the article keeps the source's attribution after all: the sentence names the
    speaker (as the subject of another verb: "the union TVE was sceptical"), or another article
    sentence that renders the same source sentence (the other half of a split) carries it."""
    own = describe(art[i].text, "", art[i].language)
    if names_meet(own.names, source.names) or own.roles & source.roles:
        return True
    by_id = {s.id: k for k, s in enumerate(art)}
    others = {by_id[r] for r in renderers if r in by_id and by_id[r] != i}
    for k in others:
        other = speakers.get(art[k].id)
        if other is not None and (
            names_meet(other.names, source.names) or other.roles & source.roles
        ):
            return True
    return False
