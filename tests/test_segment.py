"""Segmentation: abbreviations, quotes kept whole, offsets, no text lost."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.models import Block, Document
from factcheck.segment import clauses, segment, split_spans


def doc(text, language="fr", kind="paragraph"):
    return Document(url="x", final_url="x", text=text, blocks=(Block(kind, 0, len(text)),),
                    language=language)


def sentences(text, language="fr"):
    return [s.text for s in segment(doc(text, language), "A").sentences]


def test_french_abbreviation_does_not_split():
    assert sentences("M. Martin a parlé hier. Mme Dupont a répondu.") == [
        "M. Martin a parlé hier.", "Mme Dupont a répondu."]


def test_english_abbreviations():
    assert sentences("Dr. Smith met U.S. officials on Monday. They agreed.", "en") == [
        "Dr. Smith met U.S. officials on Monday.", "They agreed."]


@pytest.mark.parametrize("text, language", [
    ("Il a dit « Nous resterons. Jusqu’au bout. » Puis il est parti.", "fr"),
    ("Il a dit «\u00a0Nous resterons. Jusqu’au bout.\u00a0» Puis il est parti.", "fr"),
    ("Il a dit «\u202fNous resterons. Jusqu’au bout.\u202f» Puis il est parti.", "fr"),
    ('He said "We will stay. Until the end." Then he left.', "en"),
    ("Er sagte: „Wir bleiben. Bis zum Ende.“ Dann ging er.", "de"),
])
def test_quotes_are_kept_whole(text, language):
    out = sentences(text, language)
    assert len(out) == 2
    assert out[1].startswith(("Puis", "Then", "Dann"))


@pytest.mark.parametrize("text, language", [
    ("Ils n’ont pas été consultés. «Ils sont venus nous informer, a dit Paul Roy. Il ira au "
     "tribunal.", "fr"),
    ('They were not consulted. "They came to inform us, said Paul Roy. He will sue.', "en"),
])
def test_an_opening_mark_left_before_a_boundary_opens_the_next_sentence(text, language):
    # the mark opens an unclosed quote in the next sentence; it does not hold the first one open
    out = sentences(text, language)
    assert out[0].endswith(("consultés.", "consulted."))
    assert out[1].startswith(("«", '"'))


def test_offsets_point_into_the_document():
    text = "Première phrase ici. Deuxième phrase, plus longue, là. Troisième !"
    seg = segment(doc(text), "S", 5)
    assert [s.id for s in seg.sentences] == ["S5", "S6", "S7"]
    for s in seg.sentences:
        assert text[s.start:s.end] == s.text


def test_headings_and_bullets_are_single_units():
    text = "Points clés. Encore"
    seg = segment(doc(text, kind="bullet"), "A")
    assert [s.text for s in seg.sentences] == [text]
    assert seg.sentences[0].kind == "bullet"


def test_clauses_split_at_commas_and_markers_not_inside_quotes():
    from factcheck.models import Sentence
    text = ("Il a décrit la relation comme « un patrimoine, à préserver pour demain », "
            "insistant sur l’idée d’une alliance durable.")
    s = Sentence("A1", text, 0, len(text), "body", 0, "fr")
    pieces = [text[a:b] for a, b in clauses(s)]
    assert "insistant sur l’idée d’une alliance durable" in pieces
    assert not any(p.startswith("à préserver") for p in pieces)


words = st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")),
                min_size=0, max_size=12)


@settings(max_examples=150, deadline=None)
@given(st.lists(words, min_size=1, max_size=30), st.sampled_from(["fr", "en", "de", "es"]))
def test_segmenting_loses_no_characters(parts, language):
    text = " ".join(parts).strip()
    spans = split_spans(text, language)
    covered = "".join(text[a:b] for a, b in spans)
    assert "".join(covered.split()) == "".join(text.split())
    for (a, b), (c, _) in zip(spans, spans[1:]):
        assert a < b <= c and not text[b:c].strip()


def test_a_german_ordinal_day_before_a_month_ends_no_sentence():
    from factcheck.segment import split_spans

    text = ("Die Regierungschefs unterzeichneten am Samstag, dem 27. September, den Vertrag. "
            "Danach gab es ein Essen.")
    assert [text[a:b] for a, b in split_spans(text, "de")] == [
        "Die Regierungschefs unterzeichneten am Samstag, dem 27. September, den Vertrag.",
        "Danach gab es ein Essen."]


def test_a_german_ordinal_does_not_end_a_sentence():
    from factcheck.segment import split_spans

    text = "Kellbach steht mit 14 Punkten auf dem 16. Tabellenplatz. Der Trainer muss gehen."
    assert [text[a:b] for a, b in split_spans(text, "de")] == [
        "Kellbach steht mit 14 Punkten auf dem 16. Tabellenplatz.",
        "Der Trainer muss gehen.",
    ]


def test_an_abbreviation_that_may_end_a_sentence():
    from factcheck.segment import split_spans

    text = "The museum closed at 9.30 a.m. The thieves fled on scooters. The U.S. Army sent help."
    assert [text[a:b] for a, b in split_spans(text, "en")] == [
        "The museum closed at 9.30 a.m.",
        "The thieves fled on scooters.",
        "The U.S. Army sent help.",
    ]
    text = 'James Earl "Jimmy" Carter Jr. nació en Plains en 1924. Fue presidente.'
    assert len(split_spans(text, "es")) == 2
