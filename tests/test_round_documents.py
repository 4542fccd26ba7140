"""Documents that speak through their authors, hearsay conditionals, and figures that are
weak ground for a changed number (clock notation, time zones, lists, ranges, two days)."""

import pytest

from factcheck.annotate import annotate
from factcheck.annotate.quantities import extract
from factcheck.evaluate_speakers import passage


def speakers(text: str, language: str) -> list[tuple[str, str, str]]:
    notes = annotate(passage(text, language, "t"))
    return [(st.speaker or "", st.cue or "", st.reporter or "") for st in notes.statements]


def test_a_report_named_as_where_a_claim_comes_from_speaks_through_its_author():
    got = speakers(
        "Die Zahl der Feldhamster ist gesunken. Das geht aus einem am Montag veröffentlichten "
        "Bericht der Landesanstalt für Naturschutz hervor. Dem Bericht zufolge wurden nur noch "
        "212 Baue gezählt.",
        "de",
    )
    assert [s for s, _, _ in got] == ["Landesanstalt für Naturschutz"] * 2


def test_a_speaker_inside_a_report_is_passed_on_by_its_author():
    got = speakers(
        "Der Minister Florian Ebert gerät unter Druck. Einem Bericht des Magazins „Spiegelblick“ "
        "zufolge soll sein Ministerium einen Auftrag vergeben haben. Dem Bericht zufolge soll "
        "Ebert intern gesagt haben, man brauche „Leute, denen man vertrauen kann“.",
        "de",
    )
    assert "Spiegelblick" in got[0][0]
    assert got[-1][0].endswith("Ebert") and "Spiegelblick" in got[-1][2]


def test_a_hearsay_conditional_reports_speech_and_its_pronoun_takes_the_role_before():
    got = speakers(
        "Selon l'agence officielle KNA, le général Vadim Orlac a déclaré devant des officiers que "
        "les exercices montreraient la force du pays. Il aurait également proposé une médiation, "
        "toujours d'après l'agence.",
        "fr",
    )
    assert got[-1][0].endswith("Orlac")


def test_a_named_speaker_is_reported_by_the_paper_cited_after_him():
    got = speakers(
        "El seleccionador Rafael Oyarzun habría comunicado a la federación su intención de "
        "dimitir, según el diario Marcador.",
        "es",
    )
    assert got[0][0].endswith("Rafael Oyarzun") and "Marcador" in got[0][2]


def test_a_statement_of_the_subject_is_not_anonymous():
    got = speakers(
        "Die US-Notenbank plane, das Jahr mit einer zusätzlichen Senkung zu beenden, hieß es in "
        "einer Erklärung. "
        "Man habe keinen "
        "Kontakt zu den Gruppen, hieß es in einer Mitteilung.",
        "de",
    )
    assert got[0][0] == "Die US-Notenbank"
    assert got[1][0] != "Man"


@pytest.mark.parametrize(
    ("text", "language", "minutes"),
    [("at 12:20 am", "en", 20), ("a las 12:20 am", "es", 20), ("at 12:20 pm", "en", 740)],
)
def test_twelve_am_is_midnight(text, language, minutes):
    assert [q.value for q in extract(text, language) if q.kind == "time"] == [minutes]


@pytest.mark.parametrize("language", ["es", "fr", "de"])
def test_three_zeros_after_a_comma_group_thousands(language):
    assert [q.value for q in extract("150,000 euros", language)] == [150000]
    assert [q.value for q in extract("2,5 euros", language)] == [2.5]
