"""The speech cues of a language, from ``rules/lexicons/<lang>/attribution.toml``: speech
verbs, "according to"-type phrases, phrases after the source, vague attributions, pronouns,
roles.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache

from ..rules import lexicon, phrase_pattern


@dataclass(frozen=True)
class Cues:
    verbs: re.Pattern[str] | None  # always speech
    verbs_that: re.Pattern[str] | None  # speech when followed by that/que/a quote, or inverted
    according: re.Pattern[str] | None
    after_source: re.Pattern[str] | None
    vague: re.Pattern[str] | None
    vague_speakers: re.Pattern[str] | None
    vague_speaker_words: frozenset[str]  # the one-word ones, lower case ("kreise", "quellen")
    inverted: re.Pattern[str] | None
    pronouns: frozenset[str]
    impersonal: frozenset[str]
    auxiliaries: frozenset[str]
    leading: frozenset[str]
    not_name_after: frozenset[str]
    clitics: frozenset[str]  # object pronouns right before a verb (« lui a dit », « le dijo »)
    # a separable verb's particle after an inverted speaker ("fügte sie hinzu")
    particles: frozenset[str]
    relatives: frozenset[str]  # relative pronouns: a verb after one is not the main statement
    openers: frozenset[str]  # participles that open a clause before a dropped subject ("Asked")
    v2_openers: frozenset[str]  # German: first words after which the subject follows the verb
    v2_pronouns: frozenset[str]  # those of v2_openers that are also articles ("das")
    passive: frozenset[str]  # auxiliaries of the passive: "is confirmed" is no speech
    that_gap: frozenset[str]  # words that may open an adverbial between a verb and "that"
    outlets: frozenset[str]  # words that make an addressee an outlet ("News", "Radio", « presse »)
    outlet_lead: frozenset[str]  # words before an outlet's name ("the", « micro de »)
    quoting: frozenset[str]  # verbs of quoting ("quoted"): the quoted person follows
    as_saying: frozenset[str]  # what ends the quoted person ("as saying")
    adverb_endings: tuple[str, ...]  # an adverb ending the words before a verb ("officially")
    quote_verbs: frozenset[str]  # verbs whose complement may be a quote ("called it “…”")
    tell_verbs: frozenset[str]  # their addressee may precede "that" ("warned the pilots that")
    refers_back: re.Pattern[str] | None  # what opens a sentence that attributes the one before
    separable: dict[str, str]  # German: a speech verb and the particle that closes its clause
    roles: dict[str, re.Pattern[str]]
    np_links: frozenset[str]  # German: words inside a noun phrase after its noun ("des", "von")
    # (ending, role): a German compound that ends in a role word ("Feuerwehrsprecher")
    compound_roles: tuple[tuple[str, str], ...]
    # asides next to a speaker that are not part of it (« de son côté », "for her part")
    asides: re.Pattern[str] | None = None
    # verbs of announcing: speech with a noun phrase as object too (« a annoncé la fermeture »)
    announce: frozenset[str] = frozenset()
    # finite auxiliaries of a verb bracket: „Die Staatsanwältin hatte vier Jahre gefordert“
    bracket: frozenset[str] = frozenset()
    # verbs of demanding or welcoming: no speech of their own after a source that opens the
    # sentence („Akinola zufolge forderte die Gruppe ein Lösegeld“: Akinola's claim)
    demands: frozenset[str] = frozenset()
    # verbs of opinion with the word their frame needs later in the clause („hält ... für“)
    frames: Mapping[str, str] = field(default_factory=dict)
    # endings of a finite verb after an according-to word that make it "as X did", no source
    # of words („según aprobó el consejo“)
    act_endings: tuple[str, ...] = ()
    # according-to phrases of an outlet citing its source („wie die Zeitung unter Berufung auf
    # Insider berichtete“, "the agency reported, citing officials"): the source cited speaks,
    # the outlet is the reporter
    citing: frozenset[str] = frozenset()
    # whether a citing phrase may give a reason instead ("citing the risk of blackouts"): then
    # only a person, a body or a vague source cited is a source
    citing_reasons: bool = False
    # German: an according-to word before a compound that names the source in its first part
    # („nach Polizeiangaben“: according to the police)
    according_compound: re.Pattern[str] | None = None
    # a sentence opened by whose view it gives („Für Betriebsratschefin Monika Ehlers ist ...“,
    # « Pour l'analyste Irina Popescu, ... »): that person speaks
    opinion: re.Pattern[str] | None = None
    # what names a document as where the claim before comes from („Das geht aus einem Bericht
    # der Landesanstalt hervor“, "That is the finding of a report by ..."): each pattern has a
    # group ``cue`` and a group ``source``, the document phrase; its author speaks
    source_frames: tuple[re.Pattern[str], ...] = ()
    # „nach eigenen Angaben“, "by its own account": the subject of the sentence says it
    own_account: re.Pattern[str] | None = None
    # conditional auxiliaries of hearsay (« il aurait promis », „habría pedido“): a verb of
    # saying after one reports speech even without a "that"
    hearsay: frozenset[str] = frozenset()


def according_pattern(phrases: list[str], incises: list[str]) -> re.Pattern[str] | None:
    """The according-to phrases ("laut", "selon"), and the incises that work like them after a
    comma (German ", so die Staatsanwaltschaft": regular expressions)."""
    base = phrase_pattern(phrases)
    if not incises:
        return base
    alts = "|".join(incises)
    return re.compile(f"(?:{base.pattern})|(?:{alts})" if base else alts, re.I)


def compound_pattern(leads: list[str], endings: list[str]) -> re.Pattern[str] | None:
    """„nach Polizeiangaben“, „laut Behördenangaben“: the lead word, then a compound whose
    first part (group "source") names the source and whose last part is one of the endings."""
    if not leads or not endings:
        return None
    return re.compile(
        r"(?<![\w-])(?:" + "|".join(map(re.escape, leads)) + r")\s+"
        r"(?P<source>[A-ZÄÖÜ][\wäöüß]+?)(?:s|es)?(?:" + "|".join(map(re.escape, endings)) + r")\b",
        re.I,
    )


def inflected(
    verbs: list[str], number: list[list[str]], perfect: Mapping[str, list[str]]
) -> list[str]:
    """The speech verbs of a lexicon with the forms it does not list: the other number of the
    finite verb by its ending ("reconoció" -> "reconocieron", "warnte" -> "warnten"), and the
    other tenses of a perfect by its auxiliary ("a exigé" -> "avait exigé", "aurait exigé")."""
    out = list(verbs)
    for verb in verbs:
        first, _, rest = verb.partition(" ")
        # the first ending that fits, either way round: singular to plural or back
        other = next(
            (
                first[: len(first) - len(a)] + b
                for one, two in number
                for a, b in ((one, two), (two, one))
                if first.endswith(a) and len(first) > len(a) + 2
            ),
            None,
        )
        if other is not None:
            out.append(" ".join(filter(None, [other, rest])))
        out += [f"{aux} {rest}" for aux in perfect.get(first, []) if rest]
    return list(dict.fromkeys(out))


@cache
def speech_verbs(language: str, key: str) -> tuple[str, ...]:
    """The lexicon's speech verbs under ``key`` ("verbs", "verbs_that"), inflected."""
    data = lexicon(language).get("attribution", {})
    return tuple(
        inflected(data.get(key, []), data.get("number_forms", []), data.get("perfect_forms", {}))
    )


@cache
def cues(language: str) -> Cues:
    data = lexicon(language).get("attribution", {})
    according = data.get("according_to", [])
    roles = {role: phrase_pattern(words) for role, words in data.get("roles", {}).items()}
    inverted = data.get("inverted", [])

    def lowered(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in data.get(key, []))

    return Cues(
        verbs=phrase_pattern(
            [
                v
                for v in speech_verbs(language, "verbs") + tuple(data.get("demands", []))
                if v not in according
            ]
        ),
        verbs_that=phrase_pattern(speech_verbs(language, "verbs_that")),
        according=according_pattern(according, data.get("according_incise", [])),
        after_source=phrase_pattern(data.get("after_source", [])),
        vague=phrase_pattern(data.get("vague", [])),
        vague_speakers=phrase_pattern(data.get("vague_speakers", [])),
        vague_speaker_words=frozenset(
            w.lower() for w in data.get("vague_speakers", []) if " " not in w
        ),
        inverted=re.compile(r"(?<![\w-])(?:" + "|".join(inverted) + r")(?![\w-])", re.I)
        if inverted
        else None,
        pronouns=lowered("pronouns"),
        impersonal=lowered("impersonal"),
        auxiliaries=lowered("auxiliaries"),
        leading=lowered("leading"),
        not_name_after=lowered("not_name_after"),
        clitics=lowered("clitics"),
        particles=lowered("particles"),
        roles={k: v for k, v in roles.items() if v},
        v2_openers=lowered("v2_openers"),
        v2_pronouns=lowered("v2_pronouns"),
        passive=lowered("passive"),
        that_gap=lowered("that_gap"),
        outlets=lowered("outlets"),
        outlet_lead=lowered("outlet_lead"),
        quoting=lowered("quoting"),
        as_saying=lowered("as_saying"),
        adverb_endings=tuple(data.get("adverb_endings", [])),
        quote_verbs=lowered("quote_verbs"),
        tell_verbs=lowered("tell_verbs"),
        refers_back=phrase_pattern(data.get("refers_back", [])),
        separable={k.lower(): v.lower() for k, v in data.get("separable", {}).items()},
        relatives=lowered("relatives"),
        openers=lowered("openers"),
        np_links=lowered("noun_phrase_links"),
        compound_roles=tuple(
            (w.lower(), role)
            for role, words in data.get("roles", {}).items()
            for w in words
            if data.get("compound_roles") and " " not in w and len(w) >= 4
        ),
        asides=phrase_pattern(data.get("asides", [])),
        announce=lowered("announce"),
        bracket=lowered("bracket"),
        demands=lowered("demands"),
        frames={k.lower(): v.lower() for k, v in data.get("frames", {}).items()},
        act_endings=tuple(data.get("according_act_endings", [])),
        citing=lowered("citing"),
        citing_reasons=bool(data.get("citing_reasons")),
        according_compound=compound_pattern(
            data.get("compound_lead", []), data.get("compound_sources", [])
        ),
        opinion=re.compile(
            r"^\s*(?:" + "|".join(map(re.escape, data["opinion_openers"])) + r")\s+", re.I
        )
        if data.get("opinion_openers")
        else None,
        hearsay=lowered("hearsay_auxiliaries"),
        source_frames=tuple(re.compile(p, re.I) for p in data.get("source_frames", [])),
        own_account=phrase_pattern(data.get("own_account", [])),
    )


# a comma opens what was said, unless a conjunction opens another clause after it ("Emergency
# personnel responded, but no one survived")
THAT = re.compile(
    r"\s*(?:that\b|que\b|qu’|qu'|dass\b|de que\b|:|,(?!\s*(?:but|and|mais|et|pero|y|aber|und)\b)"
    r"|«|“|„|\")",
    re.I,
)


#: articles of the four languages (folded), shared by the speaker rules, the quote comparison
#: and the speaker measurement
ARTICLES = frozenset(
    "the a an le la les l un une des du el los las lo unos unas der die das den dem des ein "
    "eine einen einem einer".split()
)
