"""Figures given twice (a sum in another currency or time zone), times of day in words, a figure
paired with a figure before a vague quantity, a date of another event, some media that are not
the outlet named before, a story that ends at its credit, hedges spelled otherwise, a page
printed in a table frame: patterns met on republished pages, written here as invented text."""

import pytest

from factcheck.analyse.numbers import compare
from factcheck.annotate.hedges import hedges
from factcheck.annotate.quantities import extract

from .conftest import check_texts
from .test_statements import last_statement


@pytest.mark.parametrize("language, text", [
    ("en", "He must pay a total of €18,400 (NZ$34,120) in damages."),
    ("en", "He must pay a total of 18,400 euros (around $20,500) in damages."),
    ("fr", "L'incendie s'est déclaré vers trois heures du matin (02h00 GMT)."),
])
def test_a_sum_or_a_time_in_brackets_is_a_conversion(language, text):
    first, second = [q for q in extract(text, language) if q.kind in ("count", "time")]
    assert first.twin == second.start and second.twin == first.start


def test_a_conversion_is_not_compared_as_a_changed_figure(tmp_path):
    source = ("Calder Holt must pay the two claimants a total of 18,400 euros (around $20,500), "
              "the court in Marvell ruled on Tuesday.\n")
    article = ("Calder Holt must pay the two claimants a total of €18,400 (NZ$34,120), the court "
               "in Marvell ruled on Tuesday.\n")
    report = check_texts(tmp_path, article, source)
    assert not [f for f in report.findings if f.rule in ("N100", "N101")]


def test_a_figure_in_brackets_that_differs_is_still_compared(tmp_path):
    source = ("The court in Marvell ordered the builder Calder Holt to pay 18,400 euros "
              "(around $20,500) in damages to the two claimants on Tuesday.\n")
    article = ("The court in Marvell ordered the builder Calder Holt to pay 28,400 euros "
               "(around $31,700) in damages to the two claimants on Tuesday.\n")
    report = check_texts(tmp_path, article, source)
    assert [f for f in report.findings if f.rule == "N100"]


@pytest.mark.parametrize("language, text, minutes", [
    ("en", "The fire broke out at three a.m. on Sunday.", 180),
    ("fr", "Le feu a pris vers trois heures du matin.", 180),
    ("de", "Das Feuer brach gegen drei Uhr aus.", 180),
])
def test_a_time_of_day_in_words(language, text, minutes):
    times = [q for q in extract(text, language) if q.kind == "time"]
    assert [q.value for q in times] == [minutes]


def test_three_hours_is_a_duration_not_a_time():
    assert not [q for q in extract("La réunion a duré trois heures.", "fr") if q.kind == "time"]


def test_a_figure_pairs_with_the_same_figure_before_a_vague_quantity():
    article = extract("The crash killed 36 people and injured 85.", "en")
    source = extract("The crash killed at least 36 people and injured dozens.", "en")
    cmp = compare(article, source)
    assert not cmp.changed
    assert ("36", "36") in [(a.text, s.text) for a, s in cmp.matched]


def test_a_date_of_another_event_is_not_an_error(tmp_path):
    source = ("The Vantor-2 probe landed on the Moon on Wednesday, August 20, the space agency "
              "of Meridia said.\n\n"
              "It is the first landing near the lunar south pole.\n\n"
              "The probe was the slowest ever to reach the Moon, six weeks after its launch.\n")
    article = ("The Vantor-2 probe landed on the Moon on Wednesday, August 20, the Meridian space "
               "agency said.\n\n"
               "It is the first landing near the lunar south pole.\n\n"
               "A rocket carrying Vantor-2 had lifted off on July 9 from the island of Korsa.\n")
    report = check_texts(tmp_path, article, source)
    assert not [f for f in report.findings if f.rule == "N101" and f.severity == "error"]


@pytest.mark.parametrize("language, text", [
    ("fr", "Le feu a fait au moins 50 morts, a rapporté l'agence officielle NMA.\n\n"
           "L'incendie aurait été provoqué par des feux d'artifice, selon certains médias.\n"),
    ("es", "El fuego causó al menos 50 muertos, informó la agencia oficial NMA.\n\n"
           "El incendio se habría originado por bengalas, según algunos medios.\n"),
])
def test_some_media_are_not_the_outlet_named_before(tmp_path, language, text):
    s = last_statement(tmp_path, language, text)
    assert "NMA" not in s.speaker and not s.resolved_from


def test_a_story_that_ends_at_its_credit_is_not_cut(tmp_path):
    source = ("A fire at a nightclub in Velna killed 51 people on Sunday, the interior minister "
              "said.\n\nThe fire broke out during a concert attended by about 1,500 people.\n")
    article = ("A fire at a nightclub in Velna killed 51 people on Sunday, the interior minister "
               "said.\n\nThe fire broke out during a concert attended by about 1,500 people.\n\n"
               "(AFP)\n\nlink on the official site\n")
    report = check_texts(tmp_path, article, source)
    assert not [f for f in report.findings if f.rule == "S105"]


@pytest.mark.parametrize("language, text", [
    ("en", "If all goes to plan, the rover will explore the crater for two weeks."),
    ("fr", "Si tout se passe comme prévu, la sonde se posera mercredi."),
    ("de", "Wenn alles gut geht, soll die Sonde am Mittwoch landen."),
    ("es", "Si todo sale según lo previsto, la sonda aterrizará el miércoles."),
    ("de", "Der Vorstand wirft ihm einen angeblichen Mangel an Offenheit vor."),
    ("de", "Der mutmassliche Täter wurde am Montag gefasst."),
])
def test_hedges_of_plans_and_other_spellings(language, text):
    assert hedges(text, language)


def test_a_page_printed_in_a_table_frame_is_read_without_its_frame(tmp_path):
    story = ("A goods train and a passenger train collided head-on near the town of Velmos on "
             "Tuesday night, killing at least 30 people. | |\n"
             "| More than 80 others were injured, the fire service said. | |\n"
             "| The passenger train had been running on the wrong track for several minutes, "
             "according to the railway operator. | |\n")
    framed = "| " + story
    plain = story.replace(" | |\n| ", "\n\n").replace(" | |\n", "\n")
    report = check_texts(tmp_path, plain, framed)
    assert not [f for f in report.findings if f.rule in ("S102", "C100", "C200")]


@pytest.mark.parametrize("language, text, found", [
    ("de", "Sonst würden wir heute über eine ganz andere Nacht reden.", []),
    ("de", "Der Schaden liegt bei über eine Million Euro.", [1_000_000]),
    ("en", "More than one person was hurt.", [1]),
])
def test_over_before_an_article_is_a_preposition(language, text, found):
    assert [q.value for q in extract(text, language) if q.kind == "count"] == found


@pytest.mark.parametrize("text, hedged", [
    ("The board said it expected its initial findings to be published within six weeks.", True),
    ("It expects the line to reopen next week.", True),
    ("As expected, the board published its findings.", False),
])
def test_an_expectation_with_its_object_before_to_hedges(text, hedged):
    assert any(h.category != "weak" for h in hedges(text, "en")) is hedged


@pytest.mark.parametrize("language, text, minutes", [
    ("es", "El primer aviso llegó a las 18.40 desde la torre.", 1120),
    ("de", "Die Strecke blieb bis 18.40 gesperrt.", 1120),
    ("en", "She was woken by a loud rumble at around three in the morning.", 180),
])
def test_hours_and_minutes_after_a_clock_word_are_a_time(language, text, minutes):
    assert [q.value for q in extract(text, language) if q.kind == "time"] == [minutes]


def test_a_price_after_a_clock_word_stays_a_price():
    found = extract("Der Preis stieg um 18.40 Euro.", "de")
    assert [q.kind for q in found] == ["count"]


@pytest.mark.parametrize("language, text, dimension", [
    ("es", "La policía busca a un hombre de 71 años desaparecido.", "age"),
    ("es", "Juan Ortega, de 64 años, sigue ingresado.", "age"),
    ("fr", "Une peine de 10 ans a été requise.", "duration"),
    ("de", "Ein 81-jähriger Mann wird vermisst.", "age"),
    ("en", "The plant closed, 10 years after it opened.", "duration"),
])
def test_an_age_is_told_from_a_span_of_years(language, text, dimension):
    [q] = [q for q in extract(text, language) if q.kind == "count"]
    assert q.dimension == dimension


@pytest.mark.parametrize("language, text, value", [
    ("en", "Several thousand dead fish were found.", 1000),
    ("fr", "Plusieurs milliers de poissons morts ont été retrouvés.", 1000),
    ("de", "Mehrere Tausend Menschen demonstrierten.", 1000),
    ("es", "Varios cientos de vecinos protestaron.", 100),
])
def test_several_thousand_is_a_vague_quantity(language, text, value):
    assert [(q.kind, q.value) for q in extract(text, language)] == [("vague", value)]
