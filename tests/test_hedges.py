"""Hedges in each language, and changes in certainty between aligned sentences."""

import pytest

import factcheck
from factcheck.annotate.hedges import hedges

from .conftest import check_texts


@pytest.mark.parametrize("text, language, expected", [
    ("The plan could eliminate up to 900 jobs.", "en", {"possibility"}),
    ("The blaze is believed to have started shortly after 2 a.m.", "en", {"likelihood"}),
    ("Rovers are reportedly close to selling Pratt.", "en", {"reported", "closeness"}),
    ("Pyongyang aurait fourni des munitions.", "fr", {"conditional"}),
    ("Le dirigeant a annoncé que le gouvernement débloquerait 15 millions.", "fr", set()),
    ("Baltora soll 3,4 Milliarden Euro Umsatz erzielt haben.", "de", {"reported"}),
    ("El acusado presuntamente desvió fondos.", "es", {"reported"}),
    ("Las reservas podrían agotarse en agosto.", "es", {"possibility"}),
    ("In May, quotas were cut.", "en", set()),
    ("« Cela pourrait changer tout », a-t-il dit.", "fr", set()),  # inside a quote
    ("The company said it was not only cheaper but faster.", "en", set()),
])
def test_hedge_categories(text, language, expected):
    assert {h.category for h in hedges(text, language)} == expected


def test_dropped_and_added_hedges_and_qualifiers(tmp_path):
    src = tmp_path / "s.txt"
    art = tmp_path / "a.txt"
    src.write_text("Port\n\nThe automation plan could eliminate 900 jobs over five years, the union said.\n\n"
                   "At least 40 vessels were waiting at anchor on Tuesday.\n\n"
                   "The port handled 12 million containers last year.\n", encoding="utf-8")
    art.write_text("Port\n\nThe automation plan will eliminate 900 jobs over five years, the union said.\n\n"
                   "40 vessels were waiting at anchor on Tuesday.\n\n"
                   "The port reportedly handled 12 million containers last year.\n", encoding="utf-8")
    report = factcheck.check(str(art), [str(src)])
    got = {(f.rule, dict(f.evidence)["direction"]) for f in report.findings if f.kind == "hedge_changed"}
    assert got == {("H100", "stronger"), ("H101", "weaker")}
    assert len([f for f in report.findings if f.rule == "H100"]) == 2


def test_a_capitalised_noun_is_no_conditional():
    from factcheck.annotate.hedges import hedges

    assert not hedges("La Secretaría de Salud informó de dos heridos.", "es")


@pytest.mark.parametrize(
    "text, lang, strong",
    [
        ("Der Manager soll die Zahlen gekannt haben.", "de", ["soll"]),  # reported
        ("Das Geschäft soll im Herbst abgeschlossen werden.", "de", ["soll"]),  # expected
        ("Das Parlament soll im Herbst über den Entwurf beraten.", "de", []),  # a plan: weak
        ("El incendio pudo haber sido provocado.", "es", ["pudo"]),
        ("Los vecinos pudieron regresar a sus casas el sábado.", "es", []),  # past ability
        ("Der Umsatz soll im Jahr 2025 rund 3,4 Milliarden Euro erreicht haben.", "de", ["soll"]),
    ],
)
def test_hedges_that_hedge_in_one_construction(text, lang, strong):
    from factcheck.annotate.hedges import WEAK

    found = hedges(text, lang)
    assert [h.text for h in found if h.category != WEAK] == strong


def test_a_qualifier_with_an_article_before_its_number():
    from factcheck.annotate.quantities import extract

    (q,) = [q for q in extract("reduce las emisiones en torno a un 30 %", "es") if q.kind == "percent"]
    assert q.qualifier == "approx"


@pytest.mark.parametrize(
    "text, lang, found",
    [
        ("La explosión en la refinería dejó tres heridos.", "es", []),  # a noun after "en la"
        ("Una refinería cerraría en marzo.", "es", ["cerraría"]),
        ("Il a peint un portrait du président.", "fr", []),  # "un portrait" is a noun
        ("Il le ferait volontiers.", "fr", ["ferait"]),  # "le" is an object pronoun here
    ],
)
def test_a_conditional_ending_after_a_determiner_is_a_noun(text, lang, found):
    assert [h.text for h in hedges(text, lang) if h.category == "conditional"] == found


@pytest.mark.parametrize("text, language, qualifier", [
    ("El servicio geológico ha rebajado la intensidad hasta 7,5.", "es", None),
    ("Las pérdidas podrían alcanzar hasta 7,5 millones.", "es", "max"),
    ("Bei dem Unglück starben über 100 Menschen.", "de", "gt"),
    ("Die Parteien verfügen über 416 Mandate.", "de", None),
    ("Die Parteien verfügen im Parlament zusammen über 416 Mandate.", "de", None),
    ("Les cabines s’arrêtent par un vent supérieur à 80 km/h.", "fr", "gt"),
    ("Se suspende con rachas superiores a 80 km/h.", "es", "gt"),
    ("Damage is put in excess of 40 million pounds.", "en", "gt"),
])
def test_qualifier_read_in_its_construction(text, language, qualifier):
    from factcheck.annotate.quantities import extract as extract_quantities

    (q,) = [q for q in extract_quantities(text, language) if q.kind != "vague"]
    assert q.qualifier == qualifier


@pytest.mark.parametrize("text, language", [
    ("La maire a annoncé mardi que la cantine deviendrait gratuite.", "fr"),
    ("El alcalde anunció el lunes que el comedor sería gratuito.", "es"),
    ("La poursuite a quant à elle plaidé que la peine tiendrait compte des allégations.", "fr"),
])
def test_a_conditional_in_reported_speech_is_its_tense_not_a_hedge(text, language):
    from factcheck.annotate.hedges import hedges

    assert [h for h in hedges(text, language) if h.category == "conditional"] == []


def test_a_qualifier_replaced_by_an_unknown_word_is_graded_low(tmp_path):
    report = check_texts(
        tmp_path,
        "Storm\n\nThe tempest left astir 50 villages without force, officials said.\n\n"
                   "2,300 homes were damaged, the service said.\n",
        "Storm\n\nThe storm left about 50 villages without power, officials said.\n\n"
                   "At least 2,300 homes were damaged, the service said.\n",
    )
    dropped = {dict(f.evidence)["source"]: f for f in report.findings if f.rule == "H100"}
    assert dropped["about 50"].grade == "low" and "astir" in dropped["about 50"].message
    assert dropped["At least 2,300"].grade == "high"


def test_an_estimate_moved_from_the_number_to_the_sentence_is_kept(tmp_path):
    report = check_texts(
        tmp_path,
        "Aprobada una mina de litio\n\nEl gobierno de Corvalia aprobó el lunes una mina "
                   "de litio. Se estima que Corvalia posee el 8 % de las reservas mundiales "
                   "conocidas de litio. La mina abrirá en 2028, según el ministerio.\n",
        "Lithium mine approved\n\nThe government of Corvalia approved a lithium mine on "
                   "Monday. Corvalia holds an estimated 8% of the world's known lithium reserves. "
                   "The mine will open in 2028, the ministry said.\n",
    )
    assert not [f for f in report.findings if f.kind == "hedge_changed"], report.findings


@pytest.mark.parametrize("text, language", [
    ("The survey said it would decide by Friday whether the evacuation order could be lifted.", "en"),
    ("L’institut décidera d’ici jeudi si l’ordre d’évacuation pourrait être levé.", "fr"),
    ("Das Amt will bis Freitag entscheiden, ob die Anordnung aufgehoben werden könnte.", "de"),
])
def test_a_modal_in_an_indirect_question_is_no_hedge(text, language):
    assert all(h.category == "weak" for h in hedges(text, language)), hedges(text, language)


def test_a_modal_after_a_conditional_clause_still_hedges():
    assert [h.category for h in hedges("If the dam fails, the flood could reach the town.", "en")] == [
        "possibility"]


def test_a_qualifier_pairs_with_the_number_of_the_same_unit(tmp_path):
    report = check_texts(
        tmp_path,
        "Wolves\n\nTwo wolves escaped from the Hallstein wildlife park on Sunday night, the park "
        "said.\n\nThe two wolves were sedated in woodland about two kilometres from the park.\n",
        "Wölfe\n\nZwei Wölfe sind in der Nacht zum Montag aus dem Wildpark Hallstein entkommen, "
        "teilte der Park mit.\n\nDie beiden Wölfe wurden in einem Waldstück etwa zwei Kilometer "
        "vom Park entfernt ruhiggestellt.\n",
    )
    assert not [f for f in report.findings if f.rule.startswith("H")], report.findings


def test_a_hedged_clause_left_out_is_no_hedge_dropped(tmp_path):
    report = check_texts(
        tmp_path,
        "Health\n\nThe agency said on Friday that the outbreak was no longer a global emergency.\n\n"
        "Its director thanked health workers in a short statement.\n",
        "Health\n\nThe agency said on Friday that the outbreak was no longer a global emergency, "
        "although new variants could still emerge in the coming months.\n\n"
        "Its director thanked health workers in a short statement.\n",
    )
    assert not [f for f in report.findings if f.rule == "H100"], report.findings


def test_a_hedge_dropped_from_a_rendered_clause_is_still_found(tmp_path):
    report = check_texts(
        tmp_path,
        "Dam\n\nThe council said the dam will burst through its wall of rock and ice.\n\n"
        "Its director thanked rescue workers in a short statement.\n",
        "Dam\n\nThe council said the dam could burst through its wall of rock and ice.\n\n"
        "Its director thanked rescue workers in a short statement.\n",
    )
    assert [f for f in report.findings if f.rule == "H100"], report.findings


@pytest.mark.parametrize(
    "text, language, hedged",
    [
        ("Those who could not get in followed the service on screens.", "en", False),
        ("The talks could collapse next week.", "en", True),
        ("Die Pumpe sei kurz vor der Überflutung ausgefallen.", "de", False),
        ("Die Firma steht kurz vor der Insolvenz.", "de", True),
    ],
)
def test_words_that_hedge_only_in_their_construction(text, language, hedged):
    from factcheck.annotate.hedges import WEAK, hedges

    assert any(h.category != WEAK for h in hedges(text, language)) is hedged


def test_a_comparison_with_a_year_is_no_qualifier_added(tmp_path):
    from .conftest import check_texts

    source = (
        "Brauerei\n\nDie Brauerei in Kornfeld schließt zum Jahresende.\n\n"
        "Der Absatz der Brauerei sei seit 2015 um fast 40 Prozent zurückgegangen, sagte der "
        "Inhaber.\n"
    )
    article = (
        "Brauerei\n\nDie Brauerei in Kornfeld schließt zum Jahresende.\n\n"
        "Nach Angaben des Inhabers verkauft die Brauerei heute fast 40 Prozent weniger als 2015.\n"
    )
    report = check_texts(tmp_path, article, source)
    assert not [f for f in report.findings if f.rule == "H101" and "2015" in f.message]


def test_rondar_is_an_approximation():
    from factcheck.annotate.quantities import extract

    [q] = extract("El valor de la droga ronda los 70 millones de euros.", "es")
    assert q.qualifier == "approx"


def test_a_rounded_figure_and_its_conversion_are_no_hedge_added(tmp_path):
    report = check_texts(
        tmp_path,
        "Sismo en Taiwán\n\nEl temblor se registró a unos 18 kilómetros (11 millas) al sur de la "
        "ciudad, con una profundidad de unos 35 kilómetros (21 millas).\n",
        "Quake in Taiwan\n\nThe quake hit 18 kilometers (11 miles) south of the city at a depth "
        "of 34.8 kilometers (21 miles).\n",
    )
    added = [f for f in report.findings if f.rule == "H101"]
    # "about 18 km" for "18 km" is reported once, for the measure, and at low confidence;
    # "about 35 km" for 34.8 km only says the figure is rounded
    assert [dict(f.evidence)["article"] for f in added] == ["unos 18"], added
    assert added[0].confidence == "low"


def test_a_hedge_inside_an_added_clause_is_the_addition(tmp_path):
    report = check_texts(
        tmp_path,
        "Stadium roof\n\nPart of the stadium roof collapsed on Sunday night during a storm.\n\n"
        "The club will play its next two home games at a neighbouring ground, a move expected to "
        "cost it hundreds of thousands of pounds in lost ticket sales.\n",
        "Stadium roof\n\nPart of the stadium roof collapsed on Sunday night during a storm.\n\n"
        "The club will play its next two home games at a neighbouring ground.\n",
    )
    rules = {f.rule for f in report.findings if f.article_sentence == "A3"}
    assert "C101" in rules and "H101" not in rules, report.findings


@pytest.mark.parametrize("text, hedged", [
    ("The blasts could be heard across the whole city.", False),
    ("Residents could see the smoke from miles away.", False),
    ("The plant could close next year.", True),
])
def test_could_of_perception_is_no_hedge(text, hedged):
    assert any(h.category == "possibility" for h in hedges(text, "en")) == hedged


def test_a_question_is_no_claim_made_certain(tmp_path):
    report = check_texts(
        tmp_path,
        "Explosion im Hafen\n\nDie Explosion zerstörte am Dienstag große Teile des Hafens. "
        "War Ammoniumnitrat der Auslöser? Die Behörden ermitteln.\n",
        "Explosion im Hafen\n\nDie Explosion zerstörte am Dienstag große Teile des Hafens. "
        "Auslöser könnte eine große Ladung Ammoniumnitrat gewesen sein. Die Behörden ermitteln.\n",
    )
    assert not [f for f in report.findings if f.rule == "H100"], report.findings


def test_a_source_that_leaves_the_claim_open_does_not_state_it_plainly(tmp_path):
    from .conftest import check_texts

    # "a possible carcinogen" -> « susceptible de »: the source was not plain
    source = (
        "Recall\n\nHollenby Pharma is recalling 400,000 packs of Veltrazin after tests found "
        "traces of a possible carcinogen in several batches, the company said.\n"
    )
    article = (
        "Rappel\n\nHollenby Pharma rappelle 400 000 boîtes de Veltrazin susceptibles de contenir "
        "des traces d'une substance cancérigène dans plusieurs lots, a indiqué l'entreprise.\n"
    )
    report = check_texts(tmp_path, article, source)
    assert not [f for f in report.findings if f.rule == "H101"]
    # "soll sich ... befassen" (a plan) rendered as « devrait »: no hedge added
    source = (
        "Stadtrat\n\nDie Fernwärme in Lissau wird teurer, die Preise steigen im Januar um ein "
        "Drittel.\n\nDer Stadtrat von Lissau soll sich am 12. Dezember mit dem Thema befassen.\n"
    )
    article = (
        "Conseil\n\nLe chauffage urbain de Lissau va coûter plus cher, les prix augmentent d'un "
        "tiers en janvier.\n\nLe conseil municipal de Lissau devrait se pencher sur le sujet le "
        "12 décembre.\n"
    )
    report = check_texts(tmp_path, article, source)
    assert not [f for f in report.findings if f.rule == "H101"]


def test_a_tentative_word_is_no_hedge_of_its_own():
    from factcheck.annotate.hedges import WEAK, hedges

    found = hedges("Tests found traces of a possible carcinogen.", "en")
    assert found and all(h.category == WEAK for h in found)


def test_a_hedge_quoted_in_the_source_and_reported_in_the_article_is_kept(tmp_path):
    from .conftest import check_texts

    source = ("Pier\n\nThe Kelmouth pier closed on Monday. “We cannot ask people to walk on "
              "something our engineers say could fail,” the council leader, Ann Rowe, said.\n")
    article = ("Pier\n\nThe Kelmouth pier closed on Monday. The council leader, Ann Rowe, said "
               "the council could not ask people to walk on a structure that its engineers said "
               "could fail.\n")
    report = check_texts(tmp_path, article, source)
    assert not [f for f in report.findings if f.rule in ("H100", "H101")]


def test_an_estimate_moved_onto_the_figure_is_kept(tmp_path):
    from .conftest import check_texts

    source = ("Pier\n\nAbout 90 metres of the 410-metre structure will be removed, at an "
              "estimated cost of £2.3 million.\n")
    article = ("Pier\n\nAround 90 metres will go from the 410m pier, a job the council puts at "
               "an estimated £2.3m.\n")
    report = check_texts(tmp_path, article, source)
    assert not [f for f in report.findings if f.rule in ("H100", "H101")]
