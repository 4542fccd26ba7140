"""Who speaks: a spokesperson for a person is not that person, a gloss in brackets belongs to the
subject, where and when before an inverted verb are no subject: patterns met on republished
pages and in rewrites, written here as invented text."""

import pytest

from factcheck.annotate.statements import speaks_for_person

from .conftest import check_texts
from .test_statements import last_statement


@pytest.mark.parametrize("language, phrase, proxy", [
    ("en", "A spokesman for the transport minister, Alan Creasey", True),
    ("en", "a spokesman for the water board", False),
    ("en", "Tom Birkett, a spokesman for the minister", False),
    ("es", "Un portavoz de la consejera de Medio Ambiente, Lucía Benjumea", True),
    ("de", "Ein Sprecher von Bürgermeisterin Ruiz", True),
    ("de", "Ein Sprecher des Ministeriums", False),
    ("fr", "la porte-parole du maire", True),
    ("fr", "le porte-parole de la préfecture", False),
])
def test_a_spokesperson_for_a_person_speaks_for_that_person(language, phrase, proxy):
    assert speaks_for_person(phrase, language) is proxy


SPOKESMAN_SOURCE = (
    "A freight train carrying chlorine derailed near Hollin on Tuesday night, and 400 residents "
    "were evacuated, the regional authorities said.\n\n"
    "A spokesman for the transport minister, Alan Creasey, said the minister would visit the "
    "site on Friday.\n")


def test_the_minister_for_his_spokesman_is_another_speaker(tmp_path):
    article = SPOKESMAN_SOURCE.replace(
        "A spokesman for the transport minister, Alan Creasey, said the minister",
        "Transport Minister Alan Creasey said he")
    report = check_texts(tmp_path, article, SPOKESMAN_SOURCE)
    [found] = [f for f in report.findings if f.rule == "A100"]
    assert "a spokesperson for Alan Creasey" in found.message


def test_the_spokesman_kept_is_no_change(tmp_path):
    report = check_texts(tmp_path, SPOKESMAN_SOURCE, SPOKESMAN_SOURCE)
    assert not [f for f in report.findings if f.rule.startswith("A")]


def test_a_body_for_its_spokesman_is_the_same_speaker(tmp_path):
    source = SPOKESMAN_SOURCE.replace("A spokesman for the transport minister, Alan Creasey,",
                                      "A spokesman for the Hollin Rail Company")
    article = source.replace("A spokesman for the Hollin Rail Company said the minister",
                             "The Hollin Rail Company said the minister")
    report = check_texts(tmp_path, article, source)
    assert not [f for f in report.findings if f.rule == "A100"]


def test_a_gloss_in_brackets_belongs_to_the_subject(tmp_path):
    text = ("Die neue Entsalzungsanlage von Puerto Salinar ist seit Montag in Betrieb.\n\n"
            "Wie die Inselregierung (Cabildo) mitteilte, dauerten die Bauarbeiten fast drei "
            "Jahre.\n")
    assert last_statement(tmp_path, "de", text).speaker == "die Inselregierung (Cabildo)"


def test_where_and_when_before_an_inverted_verb_are_no_subject(tmp_path):
    text = ("Un autocar con jubilados se salió de la carretera el viernes.\n\n"
            "Nueve personas murieron cuando el autocar cayó por un terraplén cerca de "
            "Valdecorza, en la provincia de Teruña, la noche del viernes, informó la Guardia "
            "Civil.\n")
    assert last_statement(tmp_path, "es", text).speaker == "la Guardia Civil"


@pytest.mark.parametrize("language, text, speaker", [
    ("de", "Der General Vadim Orlac besuchte am Montag die Truppen.\n\n"
           "Vor Offizieren soll der General zudem angekündigt haben, jede Provokation werde "
           "beantwortet.\n", "Vadim Orlac"),
    ("de", "Die Ministerin Annegret Vollrath-Keil besuchte am Morgen die gesperrte Brücke.\n\n"
           "Wie lange die Sperrung dauern werde, könne sie noch nicht sagen.\n",
     "Annegret Vollrath-Keil"),
    ("de", "Die Behörden sprachen am Abend von zwei Verletzten.\n\n"
           "Die unabhängige Zeitung Karsenski Vestnik berichtete dagegen, mehrere Soldaten "
           "seien verletzt worden.\n", "Karsenski Vestnik"),
    ("fr", "« Ce n'est pas une décision prise à la légère », assure la directrice, Laure Bailly.\n\n"
           "Les syndicats, emmenés par l'Union ouvrière du Causse (UOC), dénoncent une "
           "« trahison ».\n", "Les syndicats"),
    ("fr", "« Le président a pris sa décision », a déclaré la porte-parole, Mira Dobrev.\n\n"
           "Des diplomates occidentaux en poste à Starek, la capitale, y voient le signe d'une "
           "reprise en main.\n", "Des diplomates occidentaux en poste à Starek"),
])
def test_speakers_of_brackets_clitics_and_appositions(tmp_path, language, text, speaker):
    assert speaker in last_statement(tmp_path, language, text).speaker
