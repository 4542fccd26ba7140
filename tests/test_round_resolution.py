"""Speakers resolved through clubs, papers and titles, works named in lists, a clause of a long
quote, two copies of one story: patterns met on republished pages, written here as invented
text."""

import pytest

from factcheck.analyse.attribution import abbreviated
from factcheck.annotate.quotes import scan
from factcheck.extract import is_label_and_date

from .conftest import check_texts
from .test_statements import last_statement


@pytest.mark.parametrize("language, text, speaker", [
    ("en", "Harlow Rovers sacked their manager on Sunday after a 5-1 defeat to Brinton Town.\n\n"
           "The assistant coach will take charge on Saturday, the club said.\n", "Harlow Rovers"),
    ("de", "Der FC Wendelsee hat seinen Trainer nach vier Monaten entlassen.\n\n"
           "Der Verein dankte ihm für seinen Einsatz.\n", "FC Wendelsee"),
    ("es", "El Deportivo Salinar quedó eliminado de la Copa ante el Real Aldeano.\n\n"
           "El club anunció que no habrá cambios en el banquillo.\n", "Deportivo Salinar"),
])
def test_the_club_is_the_first_club_the_text_names(tmp_path, language, text, speaker):
    s = last_statement(tmp_path, language, text)
    assert s.speaker == speaker and s.resolved_from


@pytest.mark.parametrize("language, text, speaker", [
    ("en", "Councillor Ada Brenn spent public money on a holiday, according to the Wexmoor "
           "Herald.\n\nThe newspaper said it had seen the receipts.\n", "the Wexmoor Herald"),
    ("de", "Der Konzern Almera will 800 Stellen streichen. Das berichtet die „Talheimer "
           "Abendpost“.\n\nDer Zeitung zufolge sind vor allem Verwaltungsstellen betroffen.\n",
     "die Talheimer Abendpost"),
])
def test_the_paper_is_the_outlet_named_before(tmp_path, language, text, speaker):
    s = last_statement(tmp_path, language, text)
    assert s.speaker == speaker and s.resolved_from


def test_a_role_is_the_person_a_title_in_capitals_introduced(tmp_path):
    text = ("Finance Minister Orla Penhallow presented a revised budget on Wednesday. "
            "Opposition leader Tam Greaves called it a disgrace.\n\n"
            "The minister rejected that charge.\n")
    s = last_statement(tmp_path, "en", text)
    assert s.speaker == "Orla Penhallow" and s.resolved_from == "The minister"


def test_a_description_stands_for_who_just_spoke_not_for_someone_in_another_role(tmp_path):
    spoke = ("“It took very little,” said Dr. Ines Varga, the entomologist who led the work. "
             "The researcher cautioned that the tests were run in cages.\n")
    assert last_statement(tmp_path, "en", spoke).speaker == "Dr. Ines Varga"
    other = ("Le biologiste Rémi Taillefer pointe deux insecticides. Le syndicat conteste ces "
             "conclusions. Son président, Hervé Lacombe, a jugé l'étude orientée.\n\n"
             "Le chercheur lui a répondu qu'il tenait les données à disposition.\n")
    assert last_statement(tmp_path, "fr", other).speaker != "Hervé Lacombe"


def test_a_german_subject_after_an_according_phrase_speaks_and_the_paper_reports(tmp_path):
    text = ("Der Trainer Jens Albers soll mit Rücktritt gedroht haben. Das berichtet das "
            "„Kellstädter Tageblatt“.\n\nDer Zeitung zufolge soll Albers nach dem Spiel gesagt "
            "haben, er werde nicht bleiben.\n")
    s = last_statement(tmp_path, "de", text)
    assert s.speaker.endswith("Albers") and s.reporter == "das Kellstädter Tageblatt"


def test_a_name_after_the_comma_that_a_verb_follows_opens_the_reported_clause(tmp_path):
    text = "Im Oktober erklärte sein Sohn Alvaro, Ramón Ibarra stehe kurz vor seinem Geburtstag.\n"
    assert last_statement(tmp_path, "de", text).speaker == "sein Sohn Alvaro"
    apposed = ("La peña rechaza el plan. «No sabemos quién está detrás», lamentó su portavoz, "
               "Elena Ruiz de Azúa.\n")
    assert last_statement(tmp_path, "es", apposed).speaker == "Elena Ruiz de Azúa"


@pytest.mark.parametrize("text, language, titles", [
    ("Er wurde mit Romanen wie «Die Stadt am Fluss» oder «Das Jahr der Ziege» bekannt.", "de",
     ["Die Stadt am Fluss", "Das Jahr der Ziege"]),
    ('She wrote novels including "The Quiet Harbour," "Salt and Iron" and "The Long Tide," '
     "all bestsellers.", "en", ["The Quiet Harbour", "Salt and Iron", "The Long Tide"]),
])
def test_works_named_in_a_list_are_titles_not_quotes(text, language, titles):
    found, named = scan(text, language)
    assert not found and [t.text for t in named] == titles


def test_a_quote_still_counts_after_a_list_of_works():
    text = 'She wrote novels such as "Salt and Iron". "I will not stop," she said.'
    assert [q.text for q in scan(text, "en")[0]] == ["I will not stop"]


def test_a_possessive_in_a_long_single_quoted_quote_does_not_close_it():
    text = ("The family said: 'Tonight, with heavy hearts, we must share the news of our father "
            "and brother Tomas Rhys' passing. He was loved.'")
    [q] = scan(text, "en")[0]
    assert q.text.endswith("He was loved")
    assert [q.text for q in scan("He called it 'the best of times' and left.", "en")[0]] == [
        "the best of times"
    ]


def test_a_translated_clause_of_a_long_quote_is_no_unsourced_quote(tmp_path):
    source = ('Author dies\n\nThe novelist Ramón Ibarra has died aged 88, his family said.\n\n'
              '"His death will sadden his friends and his readers around the world, but we hope '
              'that they will find comfort, as we do, in the fact that he lived a long and '
              'happy life," his children wrote.\n')
    article = ("Autor gestorben\n\nDer Schriftsteller Ramón Ibarra ist im Alter von 88 Jahren "
               "gestorben.\n\n„Wir hoffen jedoch, dass sie wie wir Trost darin finden, dass er ein "
               "langes und glückliches Leben hatte“, schrieben seine Kinder.\n")
    report = check_texts(tmp_path, article, source)
    assert not [f for f in report.findings if f.rule == "Q101"]


def test_an_abbreviation_names_the_same_body():
    assert abbreviated("l’Institut géologique américain (USGS)", "the US Geological Survey")
    assert not abbreviated("the UN", "Ursula Nolan")


@pytest.mark.parametrize("text, expected", [
    ("Lokales | 12.06.", True),
    ("Politik · 3. März 2025", True),
    ("Politik | Berlin", False),
    ("Er sagte | 12 Leute kamen", False),
])
def test_a_section_label_and_a_date_is_furniture(text, expected):
    assert is_label_and_date(text, "de") is expected


def test_an_attribution_to_the_parents_dropped_is_reported(tmp_path):
    source = ("Rückruf\n\nDer Hersteller Kallmo ruft eine Babyrassel zurück. Ein Kind aus Steyrdorf "
              "musste nach Angaben seiner Eltern kurz im Krankenhaus behandelt werden.\n")
    article = ("Retirada\n\nEl fabricante Kallmo retira un sonajero. Un niño de Steyrdorf tuvo que "
               "ser atendido brevemente en el hospital.\n")
    report = check_texts(tmp_path, article, source)
    assert [f for f in report.findings if f.rule == "A101"]


def test_a_copy_with_its_words_reordered_is_one_source(tmp_path):
    one = ("Drohnen\n\nDas Klinikum Harrlingen hat sein Drohnenprojekt ausgesetzt. Das Projekt "
           "kostet rund 600.000 Euro. Es sollte ursprünglich bis Ende 2026 laufen.\n")
    two = ("Drohnen\n\nDas Klinikum Harrlingen hat sein Drohnenprojekt vorerst ausgesetzt. Das "
           "teilte eine Sprecherin mit. Das Projekt kostet rund 600.000 Euro. Ursprünglich sollte "
           "es bis Ende 2026 laufen.\n")
    article = ("Drones\n\nHarrlingen hospital has suspended its drone project, a spokeswoman said. "
               "The project costs around 600,000 euros and was originally due to run until the "
               "end of 2026.\n")
    (tmp_path / "one.txt").write_text(one, encoding="utf-8")
    (tmp_path / "two.txt").write_text(two, encoding="utf-8")
    (tmp_path / "article.txt").write_text(article, encoding="utf-8")
    import factcheck

    report = factcheck.check(str(tmp_path / "article.txt"),
                             [str(tmp_path / "one.txt"), str(tmp_path / "two.txt")])
    dropped = [f for f in report.findings if f.rule in ("C200", "C201", "A101")]
    assert not dropped, [f.message for f in dropped]


def test_french_non_is_a_negation_kept_in_a_translated_quote(tmp_path):
    source = ('Lynch\n\nHis family quoted his motto, "Keep your eye on the donut and not on the '
              'hole," in a statement.\n')
    article = ('Lynch\n\nSa famille a cité sa devise, « Gardez l\'œil sur le beignet et non sur le '
               'trou », dans un communiqué.\n')
    report = check_texts(tmp_path, article, source)
    assert not [f for f in report.findings if f.rule == "Q100"]


def test_a_day_that_opens_a_sentence_before_a_verb_of_telling_is_when_it_was_said():
    from factcheck.analyse.numbers import reported_on
    from factcheck.annotate.quantities import extract

    told = "On Wednesday, the region's health minister confirmed the updated toll."
    [day] = [q for q in extract(told, "en") if q.kind == "weekday"]
    assert reported_on(day, told, "en")
    happened = "On Wednesday, a storm destroyed the harbour wall."
    [day] = [q for q in extract(happened, "en") if q.kind == "weekday"]
    assert not reported_on(day, happened, "en")


def test_a_quote_whose_words_stand_nearly_as_they_are_in_the_source_is_not_unsourced(tmp_path):
    source = ("Verdict\n\nThe court in Valmont found Henri Castel guilty on Thursday. The presiding "
              "judge told him: Mr. Castel, you are found guilty of aggravated fraud against the "
              "person of Marie Vasseur, and the court sentences you to twelve years.\n")
    article = ("Verdict\n\nHenri Castel was found guilty in Valmont on Thursday. “Mr. Castel, you "
               "have been found guilty of aggravated fraud against Marie Vasseur,” the presiding "
               "judge told him, sentencing him to twelve years.\n")
    report = check_texts(tmp_path, article, source)
    assert not [f for f in report.findings if f.rule == "Q101"]


def test_an_invented_quote_is_still_unsourced(tmp_path):
    source = ("Verdict\n\nThe court in Valmont found Henri Castel guilty of fraud on Thursday and "
              "sentenced him to twelve years in prison.\n")
    article = ("Verdict\n\nHenri Castel was found guilty of fraud in Valmont on Thursday and "
               "sentenced to twelve years. “Justice has finally been done for every family he "
               "ruined,” said a lawyer for the victims.\n")
    report = check_texts(tmp_path, article, source)
    assert [f for f in report.findings if f.rule == "Q101"]


@pytest.mark.parametrize("language, line", [
    ("en", "Post By Hanna Welling"),
    ("en", "Ada Brenn arrives at the film awards on Sunday in Wexmoor. Photo by Tom Hale/Invision/AP"),
    ("fr", "Photo de Michel Dubois / Variety / Agence via Getty Images."),
    ("es", "Foto de Ana Ruiz / Agencia / EFE"),
    ("de", "Foto von Anna Berg / Agentur / dpa"),
])
def test_bylines_and_credits_are_furniture(language, line):
    from factcheck.extract import matches

    assert matches(language, "lines", line) or matches(language, "byline", line)


def test_close_to_says_who_before_a_group_and_hedges_before_a_deal():
    from factcheck.annotate.hedges import WEAK, hedges

    assert [h.category for h in hedges("A source close to the group said so.", "en")] == [WEAK]
    assert [h.category for h in hedges("The union is close to a deal.", "en")] == ["closeness"]
