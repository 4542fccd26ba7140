"""Who passes what on, day ranges, quotes over several paragraphs and works' titles: patterns
met on republished pages, written here as invented text."""

import pytest

from factcheck.annotate.quantities import extract
from factcheck.annotate.quotes import quotes
from factcheck.models import Block, Document
from factcheck.segment import segment

from .conftest import check_texts
from .test_statements import last_statement


def dates(text, language):
    return sorted(q.value for q in extract(text, language) if q.kind == "date")


@pytest.mark.parametrize("text, language", [
    ("Das Festival findet vom 23. bis 25. September in Velmor statt.", "de"),
    ("Le festival se tiendra du 23 au 25 septembre à Velmor.", "fr"),
    ("El festival se celebrará del 23 al 25 de septiembre en Velmor.", "es"),
    ("The festival will be held from September 23 to 25 in Velmor.", "en"),
    ("The festival will be held on 23-25 September in Velmor.", "en"),
])
def test_both_days_of_a_range_are_dates_of_its_month(text, language):
    assert dates(text, language) == [923, 925]


def test_a_day_range_written_two_ways_is_no_changed_date(tmp_path):
    source = ("Festival\n\nEl festival de jazz de Velmor se celebrará del 23 al 25 de septiembre "
              "en el puerto, anunció el ayuntamiento.\n")
    article = ("Festival\n\nThe Velmor jazz festival will be held at the harbour from September "
               "23 to 25, the town council announced.\n")
    report = check_texts(tmp_path, article, source)
    assert not [f for f in report.findings if f.rule in ("N100", "N101")]


def test_a_changed_day_of_a_range_is_still_reported(tmp_path):
    source = ("Festival\n\nEl festival de jazz de Velmor se celebrará del 23 al 25 de septiembre "
              "en el puerto, anunció el ayuntamiento.\n")
    article = ("Festival\n\nThe Velmor jazz festival will be held at the harbour from September "
               "23 to 28, the town council announced.\n")
    report = check_texts(tmp_path, article, source)
    assert [f for f in report.findings if f.rule in ("N100", "N101")]


def test_german_reversed_guillemets_do_not_hold_the_next_sentence():
    text = ("»Wir lassen uns nicht drängen«, sagte er dem Sender Radio Tallin. Das Ministerium "
            "wies die Vorwürfe als »haltlos« zurück. Man habe nichts zu verbergen.")
    doc = Document(url="x", final_url="x", text=text, blocks=(Block("paragraph", 0, len(text)),),
                   language="de")
    assert len(segment(doc, "A").sentences) == 3


@pytest.mark.parametrize("text, titles", [
    ('Su obra cumbre, "Cien años de soledad" (1967), vendió millones de copias.',
     ["Cien años de soledad"]),
    ("Il a aussi écrit « La nuit des grues » (2004) et « Le fleuve lent » (2011).",
     ["La nuit des grues", "Le fleuve lent"]),
    ('Se le comparó con Cervantes ("Las andanzas de Pedro el bravo") y con otros.',
     ["Las andanzas de Pedro el bravo"]),
])
def test_a_works_title_is_no_quote(text, titles):
    assert not [q for q in quotes(text) if q.text in titles]


def test_a_quote_over_several_paragraphs_is_a_source_quote(tmp_path):
    source = (
        "Sculptor dies\n\n"
        "The sculptor Mara Vintila has died at the age of 81, her family said.\n\n"
        'In a statement, her sons Ion and Pavel said: "We are heartbroken that our mother '
        "left us this morning.\n\n"
        '"She was a great artist and a generous teacher whose work will outlive us all.\n\n'
        '"Her patience and her laughter touched everyone who met her."\n'
    )
    article = (
        "Muere la escultora\n\n"
        "La escultora Mara Vintila ha muerto a los 81 años, informó su familia.\n\n"
        '"Estamos desolados porque nuestra madre nos dejó esta mañana", afirmaron sus hijos, '
        'que la recuerdan como "una gran artista y una maestra generosa cuya obra nos '
        'sobrevivirá a todos".\n\n'
        'Sus hijos añadieron que "su paciencia y su risa conmovieron a todos los que la '
        'conocieron".\n'
    )
    report = check_texts(tmp_path, article, source)
    assert not [f for f in report.findings if f.rule == "Q101"]


@pytest.mark.parametrize("text, speaker, reporter", [
    ("Der Trainer Kai Roppen sprach von einem Neuanfang. Eine Krise gebe es nicht, sagte "
     "Roppen dem Sender Radio Tallbach.", "Roppen", "Radio Tallbach"),
    ("Die Regierung hat den Botschafter einbestellt. Das meldete die staatliche "
     "Nachrichtenagentur VTA am Montag. Der Agentur zufolge warf Außenministerin Lea Varnik dem "
     "Diplomaten Einmischung vor.", "Lea Varnik", "VTA"),
])
def test_the_outlet_a_statement_reaches_the_text_through(tmp_path, text, speaker, reporter):
    statement = last_statement(tmp_path, "de", text)
    assert speaker in statement.speaker
    assert reporter in (statement.reporter or "")


def test_a_konjunktiv_continuation_names_no_reporter(tmp_path):
    text = ("Laut der Zeitung Talboter Rundschau warnte Finanzminister Konrad Elm in der "
            "Kabinettssitzung vor einer Schieflage. Ohne Einschnitte bei den Investitionen sei "
            "der Haushalt nicht verfassungsgemäß.")
    statement = last_statement(tmp_path, "de", text)
    assert "Konrad Elm" in statement.speaker
    assert not statement.reporter


@pytest.mark.parametrize("language, text, speaker", [
    ("fr", "Le procès s'est achevé mardi. La procureure, Hélène Varsac, avait requis deux ans "
     "ferme.", "Hélène Varsac"),
    ("es", "El juicio contra el exalcalde de Valdoria terminó el martes en la Audiencia "
     "Provincial. La fiscal, Lucía Ormaza, había pedido ocho años.",
     "Lucía Ormaza"),
    ("fr", "D'après une étude de l'Observatoire régional de santé de Basse-Arlène publiée lundi, "
     "un élève sur quatre dort moins de sept heures.",
     "Observatoire régional de santé de Basse-Arlène"),
])
def test_speakers_of_demands_and_of_documents(tmp_path, language, text, speaker):
    assert speaker in last_statement(tmp_path, language, text).speaker


def test_a_short_sentence_merged_into_its_neighbour_keeps_its_dropped_attribution(tmp_path):
    source = ("Seilbahn\n\nDie Seilbahn am Kornberg blieb am Samstag zwei Stunden lang stehen, "
              "teilte der Betreiber mit.\n\nVerletzt wurde nach Angaben der Polizei niemand. "
              "Zwei ältere Fahrgäste wurden wegen Unterkühlung vorsorglich ins Krankenhaus "
              "gebracht.\n")
    article = ("Seilbahn\n\nDie Seilbahn am Kornberg blieb am Samstag zwei Stunden lang stehen, "
               "teilte der Betreiber mit.\n\nVerletzt wurde niemand, zwei ältere Fahrgäste "
               "kamen wegen Unterkühlung aber vorsorglich ins Krankenhaus.\n")
    report = check_texts(tmp_path, article, source)
    rules = {f.rule for f in report.findings}
    assert "C200" not in rules and "A101" in rules
