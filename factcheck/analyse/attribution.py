"""Attribution: what a rewrite did to who a claim or a quote is attributed to.

Who speaks in each sentence is an annotation (:mod:`factcheck.annotate.statements`: the cue,
the speaker described by folded names and canonical roles, a pronoun resolved to the speaker
named before, the reporter kept apart).

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
from functools import cache

from rapidfuzz import fuzz

from .. import embed
from ..annotate.statements import (
    PERSON_ROLES,
    Attribution,
    cue_end,
    describe,
    document_words,
    fold,
    last_name,
    speech_words,
)
from ..findings import make
from ..models import Finding, Sentence
from ..rules import lexicon


def names_meet(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two sets of folded names share one: equal, nearly equal, or ending in the same
    word ("haute-orsa" and "upper orsa": a place name translated but for its last word)."""
    return any(
        x == y
        or (min(len(x), len(y)) > 3 and fuzz.ratio(x, y) >= 80)
        or (len(last_word(x)) > 3 and last_word(x) == last_word(y))
        for x in a
        for y in b
    )


def last_word(name: str) -> str:
    return re.split(r"[\s-]+", name.strip())[-1]


SAME_MEANING = 0.65  # cosine of two speakers' words that says they name the same body or role


def alike(a: str, b: str) -> bool:
    """Two speakers named in words of the same meaning, as a translation names a body or a
    role („Verbraucherverbände“ for "consumer groups", « l'Agence d'État de météorologie »
    for « la Agencia Estatal de Meteorología », "the mayor" for « le maire »); two people's
    names never are (their cosine stays under 0.45)."""
    if not a or not b:
        return False
    va, vb = embed.encode([a, b])
    return float(va @ vb) >= SAME_MEANING


COMPLEMENT = re.compile(r"\b(?:of|de|du|des|d’|d'|del|von|vom|der|des)\s+", re.I)


def role_of_place(a: Attribution) -> bool:
    """A person in an office whose only names are those of the place or body the office
    belongs to (« le procureur de Lorvienne », "the mayor of Halvern"): no name of the person."""
    if not a.roles & PERSON_ROLES or "," in a.speaker:
        return False  # "the chief executive of Ulmeny Copper, Oren Valescu": a name apposed
    m = COMPLEMENT.search(a.speaker)
    if m is None:
        return False
    head = fold(a.speaker[: m.start()])
    return not any(name in head.split() for name in a.names)


ACRONYM = re.compile(r"\b[A-Z]{3,6}\b")


def initials(speaker: str) -> str:
    """The initials of a name's capitalised words, an abbreviation in it whole ("US Geological
    Survey" -> "USGS")."""
    return "".join(
        w if w.isupper() else w[0] for w in re.findall(r"[^\W\d_][\w-]*", speaker) if w[0].isupper()
    )


def abbreviated(a: str, b: str) -> bool:
    """Whether one speaker gives the other's abbreviation (« l'Institut géologique américain
    (USGS) » and "the US Geological Survey")."""
    return any(m.group(0) == initials(y) for x, y in ((a, b), (b, a)) for m in ACRONYM.finditer(x))


def as_said(a: Attribution) -> str:
    """A speaker as a report names it: a spokesperson for a person says so."""
    return f"a spokesperson for {a.speaker}" if a.proxy else a.speaker


def proxied(a: Attribution, b: Attribution) -> bool:
    """Whether one side gives a person's words and the other gives them to that person's
    spokesperson ("Transport Minister Alan Creasey announced" against "a spokesman for the
    transport minister, Alan Creasey, said"): the same name, another speaker."""
    if a.proxy == b.proxy or not names_meet(a.names, b.names):
        return False
    person = b if a.proxy else a
    return "spokesperson" not in person.roles


def different(a: Attribution, b: Attribution) -> bool:
    """Whether two named speakers are clearly different people or bodies."""
    if not (a.named and b.named) or abbreviated(a.speaker, b.speaker):
        return False
    if a.names and b.names:
        if role_of_place(a) or role_of_place(b):
            # « le procureur de Lorvienne » may be Étienne Gaillard; not the minister Kholdan
            people = PERSON_ROLES
            return bool(a.roles & people and b.roles & people) and not a.roles & b.roles
        return not names_meet(a.names, b.names)
    if not a.names and not b.names:
        # two roles: only people in different offices ("the minister" -> "the spokesperson");
        # bodies are named too differently across languages to tell apart (« l'autorité de
        # contrôle » may be "the authority", an "Arzneimittelbehörde" "the medicines agency")
        people = PERSON_ROLES
        return bool(a.roles & people and b.roles & people) and not a.roles & b.roles
    # a role against a name: cannot tell ("le dirigeant" may be "Kim"), unless the role is a
    # document ("the minutes", « le rapport »): no person; or a person in an office against a
    # named body ("the Atacu leaders" -> "the environmental group Salar Vivo")
    role, named = (a, b) if not a.names else (b, a)
    if role.roles == {"document"}:
        return True
    return bool(
        role.roles & PERSON_ROLES
        and named.roles
        and not named.roles & PERSON_ROLES
        and not role.roles & named.roles
    )


def speakers_of(sentences: list[Sentence], notes) -> dict[str, Attribution]:
    """The speaker of each sentence that has one; a sentence that only says who said the one
    before (« C'est ce qu'a annoncé la maire. », "That's according to several news reports.")
    gives its speaker to that one too."""
    out = {s.id: notes[s.id].speaker for s in sentences if notes[s.id].speaker is not None}
    for before, s in zip(sentences, sentences[1:], strict=False):
        speaker = out.get(s.id)
        if notes[s.id].refers_back and speaker is not None and next_to(before.id, s.id):
            out.setdefault(before.id, speaker)
    return out


SENTENCE_ID = re.compile(r"(\D*)(\d+)")  # "S20": its text's letter, its number


def next_to(a: str, b: str) -> bool:
    """Whether sentence b comes right after sentence a in one text ("S19", "S20"): a source
    sentence left out as a repeat of another copy's leaves two sentences of different texts
    next to each other in the list."""
    ma, mb = SENTENCE_ID.fullmatch(a), SENTENCE_ID.fullmatch(b)
    if ma is None or mb is None:
        return False
    return ma[1] == mb[1] and int(mb[2]) == int(ma[2]) + 1


def findings(alignment) -> list[Finding]:
    art = list(alignment.article)
    src = list(alignment.source)
    notes = alignment.notes
    a_speakers = speakers_of(art, notes)
    s_speakers = speakers_of(src, notes)
    index = {s.id: k for k, s in enumerate(art)}
    s_lang = {s.id: s.language for s in src}
    renderers: dict[str, list[str]] = {}
    for bead in alignment.beads:
        for sid in bead.source:
            renderers.setdefault(sid, []).extend(bead.article)
    # source sentences an article sentence carries beside its bead (a clause of it renders
    # them: "The station holds the record, and its data has been used ..." for two sentences)
    carried_too: dict[str, list[str]] = {}
    in_bead = {(a, sid) for bead in alignment.beads for a in bead.article for sid in bead.source}
    for sid, carriers in alignment.carriers.items():
        for a in carriers:
            if (a, sid) not in in_bead:
                carried_too.setdefault(a, []).append(sid)
    out: list[Finding] = []
    for bead in alignment.beads:
        if not bead.article or not bead.source:
            continue
        # the speaker of the bead: its first sentence's, else another's (the second half of a
        # split sentence may carry the attribution)
        sid_a = next((a for a in bead.article if a in a_speakers), bead.article[0])
        a_att = a_speakers.get(sid_a)
        sources = list(bead.source)
        if a_att is None:
            # a claim the article states as fact: the attribution of a source sentence that a
            # clause of it carries is dropped too
            sources += [
                sid for a in bead.article for sid in carried_too.get(a, ()) if sid not in sources
            ]
        s_atts = [(sid, s_speakers[sid]) for sid in sources if sid in s_speakers]
        s_main = next(((sid, a) for sid, a in s_atts if a.named), None)
        if a_att is None:
            # "reportedly", « aurait », „soll“: the claim kept at a distance, no source named
            distance = distanced(notes[sid_a])
            # an anonymous source given with "according to" is an attribution too
            kept = s_main or next(
                ((sid, a) for sid, a in s_atts if a.vague and a.according and a.roles), None
            )
            if (
                kept is not None
                and not kept[1].resolved
                and not self_statement(
                    kept[1], notes[kept[0]].masked, notes[sid_a].masked, art[index[sid_a]].language
                )
                and not carried_elsewhere(
                    art,
                    index[sid_a],
                    a_speakers,
                    kept[1],
                    renderers.get(kept[0], []),
                    goes_on=not distance,
                )
                and not quote_goes_on(art, index[sid_a], a_speakers, notes)
                and not subject_names(notes[sid_a].masked, kept[1], art[index[sid_a]].language)
                and not kept[1].scoped
            ):
                sid, s_att = kept
                out.append(
                    make(
                        "A101",
                        confidence="low" if distance else "medium",
                        message=(
                            f"the source attributes this to {s_att.speaker} ({s_att.cue}); the "
                            + (
                                f"article keeps it at a distance (“{distance[0]}”) without "
                                "saying who says it"
                                if distance
                                else "article states it as fact"
                            )
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
        if (
            s_main is None
            and s_vague is not None
            and (a_att.specific or (a_att.named and not a_att.vague))  # "Police said" for "sources"
            and not a_att.resolved
            and not a_att.roles & s_vague[1].roles  # "a person familiar" on both sides
            # „…, heißt es in dem Prüfbericht“: the words of a document the story cites
            and not in_document(notes[s_vague[0]].masked, s_vague[1].cue, s_lang[s_vague[0]])
        ):
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
        swapped = merged_swap(alignment, sid_a, a_att, s_atts)
        if swapped is not None:
            s_main = swapped
        if s_main is not None:
            sid, s_att = s_main
            a_named = [a for a in notes[sid_a].attributions if a.named]
            if a_att.vague and (
                s_att.specific
                # „nach Angaben des Unternehmens“ after „Velotrax“: a role that stands for a name
                or bool(s_att.resolved_from and describe(s_att.speaker, "", s_lang[sid]).names)
            ):
                out.append(
                    make(
                        "A102",
                        confidence="high" if s_att.specific else "medium",
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
                (
                    (different(a_att, s_att) and not alike(a_att.speaker, s_att.speaker))
                    or proxied(a_att, s_att)
                )
                and not (a_att.resolved or s_att.resolved)
                and len(a_named) == 1
                and (len([a for _, a in s_atts if a.named]) == 1 or swapped is not None)
            ):
                out.append(
                    make(
                        "A100",
                        confidence="high",
                        message=(
                            f"attributed to {as_said(a_att)}; the source attributes it to "
                            f"{as_said(s_att)}"
                        ),
                        article_sentence=sid_a,
                        source_sentence=sid,
                        evidence=(
                            ("source_speaker", s_att.speaker),
                            ("article_speaker", a_att.speaker),
                        ),
                    )
                )
        elif (
            a_att.vague
            # "según informó la prensa internacional": the press that passed the story on is
            # credited, no authority invented
            and not a_att.outlet
            and not s_atts
            # words the source quotes are someone's: "..., hieß es" adds no authority to them
            and not any(notes[sid].quoted_share >= QUOTED for sid in bead.source)
            # „…, hieß es in der Erklärung“: the statement the story cites speaks, not nobody
            and not in_document(notes[sid_a].masked, a_att.cue, art[index[sid_a]].language)
        ):
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


def merged_swap(alignment, sid_a: str, a_att: Attribution, s_atts) -> tuple | None:
    """In a bead that renders two source sentences with two named speakers, the sentence it
    renders most closely, when the article gives its words to the other speaker (« Selon
    Bernard Chaulet, la fréquentation a chuté de 40 % » for "Selon le directeur, Pascal
    Guérin, la fréquentation a chuté de 40 %" followed by a quote of Chaulet's): (source id,
    its attribution), else None."""
    named = [(sid, a) for sid, a in s_atts if a.named]
    if len(named) < 2 or not a_att.named or a_att.resolved:
        return None
    # the claim itself decides, not who makes it: the sentences compared without their
    # speakers' names (which would pull the article's sentence to its speaker's)
    text = {s.id: s.text for s in (*alignment.article, *alignment.source)}
    vectors = embed.encode(
        [text[sid_a].replace(a_att.speaker, "")]
        + [text[sid].replace(a.speaker, "") for sid, a in named]
    )
    sims = vectors[1:] @ vectors[0]
    best = named[int(sims.argmax())]
    others = [a for sid, a in named if sid != best[0]]
    if not best[1].resolved and any(
        not different(a_att, o) or alike(a_att.speaker, o.speaker) for o in others
    ):
        return best
    return None


QUOTED = 0.5  # share of a sentence in quote marks that makes it a quotation
DOCUMENT_AFTER_CUE = 6  # words after an impersonal cue within which a document names its source


def in_document(masked: str, cue: str, language: str) -> bool:
    """Whether an impersonal cue says where the words stand („hieß es in der Erklärung“, "it
    said in a statement", « indique-t-on dans un communiqué »): a document the story cites."""
    end = cue_end(masked, cue)
    if end < 0:
        return False
    nouns = document_words(language)[0]
    after = [fold(w.strip(",.;:!?»“”„")) for w in masked[end:].split()[:DOCUMENT_AFTER_CUE]]
    if language == "de":  # „im Prüfbericht“, „in der Pressemitteilung“: a compound's last noun
        return any(w.endswith(n) for w in after for n in nouns if len(n) > 4)
    return any(w in nouns for w in after)


def quote_goes_on(art, i: int, a_speakers, notes) -> bool:
    """Whether article sentence i is a quotation that goes on from the sentence before, which
    says who speaks ("The 46-year-old wrote: “…” / “…”"), or whose speaker the next sentence
    names (« C'est en ces termes que ... »): its words are given as someone's, not stated as
    fact."""
    if notes[art[i].id].quoted_share < QUOTED:
        return False
    before = i > 0 and art[i - 1].id in a_speakers
    # « … » / « C'est en ces termes que le chef de l'opposition a accusé la maire »
    after = i + 1 < len(art) and notes[art[i + 1].id].refers_back and art[i + 1].id in a_speakers
    return before or after


# bodies that speak of themselves ("the company said", "the ministry said")
SELF_ROLES = frozenset({"company", "officials", "union", "police"})


# a possessive and one or two words before a name: an officer of the sentence's subject ("its
# chief executive, Ana Ruiz", « sa directrice, Laure Bailly », "su presidenta, Remedios Alcaraz")
POSSESSED = r"\b(?:its|their|son|sa|ses|leur|leurs|su|sus|sein|seine|seinen|ihr|ihre|ihren)\s+(?:[^\W\d_]+\s+){0,2}?[^\W\d_]+,?\s+"


def speaks_for_subject(name: str, source: str) -> bool:
    """The speaker is named as an officer of the sentence's subject ("… its chief executive,
    Ana Ruiz, said"): the subject speaks through them."""
    shown = name.split(",")[-1].strip()
    return bool(shown) and re.search(POSSESSED + re.escape(shown), source, re.I) is not None


OPENING_WORDS = 8  # where a sentence's subject is written


def opening_names(text: str) -> set[str]:
    """The capitalised words among a sentence's first words, after its first, folded."""
    words = [w.strip(',.;:()«»“”"') for w in text.split()[1:OPENING_WORDS]]
    return {fold(w) for w in words if len(w) >= 4 and w[:1].isupper()}


def self_statement(speaker: Attribution, source: str, article: str, language: str) -> bool:
    """ "Corvane will build a plant, the company said" rendered as "Corvane plans a plant": a
    body that speaks of itself (a role-only speaker, the sentence's subject a name that the
    article sentence keeps as its subject) — stating its own plan as its own is no dropped
    attribution."""
    if speaker.names and speaks_for_subject(speaker.speaker, source):
        # « según informó su presidenta, Remedios Alcaraz »: the subject's own officer, and the
        # article keeps that subject
        return bool(opening_names(source) & opening_names(article))
    if speaker.names or not speaker.roles or not speaker.roles <= SELF_ROLES:
        return False  # analysts, experts, media speak of others
    subject = last_name(source)
    return bool(subject) and names_meet(
        describe(subject, "", language).names, describe(last_name(article), "", language).names
    )


COGNATE = 75  # similarity of two words that are one word in two languages ("police", "policía")
COGNATE_LENGTH = 5  # letters a word needs to be compared so
SUBJECT_PREFIX = 3  # opening words of a sentence that may name its speaker as its subject


def subject_names(article: str, speaker: Attribution, language: str) -> bool:
    """Whether the article sentence opens with the source's speaker as its subject, by a verb
    the lexicon does not count as speech ("Glaciologists believe the pocket holds ..." for
    « Selon les glaciologues, la poche contiendrait ... »): the attribution is kept."""
    words = article.split()[: SUBJECT_PREFIX + 1]
    if not words or not words[0][:1].isupper():
        return False
    thinking = opinion_verbs(language)
    # the subject, then a verb of thinking or speech ("Glaciologists believe", "Police
    # estimate", "The opposition is demanding", „Die ASU hat gewarnt“): not "Air traffic
    # controllers reportedly lost contact", where the subject acts
    at = next((k for k, w in enumerate(words) if k and thinks(w, thinking)), None)
    if at is None:
        return False
    subject = words[:at]
    heads = [fold(w) for w in speaker.speaker.split() if len(w) >= COGNATE_LENGTH]
    if any(
        fuzz.ratio(fold(w.strip(",;:")), h) >= COGNATE
        for w in subject
        if len(w) >= COGNATE_LENGTH
        for h in heads
    ):
        return True  # "Glaciologists" for « les glaciologues », "Polizei" for "police"
    return alike(" ".join(subject), speaker.speaker)


@cache
def opinion_verbs(language: str) -> frozenset[str]:
    """Verbs of thinking or speech that make a sentence's subject the holder of its claim,
    folded: the lexicon's ``opinion_verbs``, its one-word speech verbs and its demands."""
    data = lexicon(language).get("attribution", {})
    words = data.get("opinion_verbs", []) + data.get("demands", [])
    return frozenset(fold(w) for w in words) | speech_words(language)


def thinks(word: str, verbs: frozenset[str]) -> bool:
    """A verb of the set, also as an English "-ing" form ("demanding" for "demanded")."""
    w = fold(word.strip(",;:"))
    if w in verbs:
        return True
    stem = w[:-3] if w.endswith("ing") and len(w) > 6 else ""
    return bool(stem) and any(stem + end in verbs for end in ("s", "ed", "es", "d"))


def distanced(note) -> list[str]:
    """The words that keep a sentence's claim at a distance ("reportedly", « aurait », „soll“)."""
    return [h.text for h in note.hedges if h.category in ("reported", "conditional")]


def carried_elsewhere(
    art: list[Sentence],
    i: int,
    speakers: dict[str, Attribution],
    source: Attribution,
    renderers: list[str],
    goes_on: bool = True,
) -> bool:
    """Whether the article keeps the source's attribution after all: the sentence names the
    speaker (as the subject of another verb: "the union TVE was sceptical"), or another article
    sentence that renders the same source sentence (the other half of a split) carries it."""
    own = describe(art[i].text, "", art[i].language)
    if names_meet(own.names, source.names) or own.roles & source.roles:
        return True
    by_id = {s.id: k for k, s in enumerate(art)}
    others = {by_id[r] for r in renderers if r in by_id and by_id[r] != i}
    # the statement goes on from the sentence before, told by the same named speaker
    # ("..., announced the interior minister Ali Yerlikaya. The plane crashed two kilometres
    # south of ...": the source gives that detail to Yerlikaya too)
    if goes_on and i > 0 and (before := speakers.get(art[i - 1].id)) is not None and before.names:
        if names_meet(before.names, source.names):
            return True
    for k in others:
        other = speakers.get(art[k].id)
        if other is not None and (
            names_meet(other.names, source.names) or other.roles & source.roles
        ):
            return True
    return False
