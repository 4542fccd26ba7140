"""Attribution: speakers and cues in each language, and what a rewrite did to them."""

import pytest

import factcheck
from factcheck.analyse.attribution import different
from factcheck.annotate.statements import attributions, document_speakers
from factcheck.models import Sentence

from .conftest import SEED, check_texts


def sentence(text, language, sid="X1"):
    return Sentence(sid, text, 0, len(text), "body", 0, language)


def speakers(text, language):
    return [(a.speaker, a.vague, a.pronoun) for a in attributions(sentence(text, language))]


@pytest.mark.parametrize("text, language, expected", [
    ("According to South Korea’s Yonhap news agency, Kim said that “now no one can break” it.", "en",
     [("South Korea’s Yonhap news agency", False, False), ("Kim", False, False)]),
    ("Selon l’agence sud-coréenne Yonhap, le dirigeant a déclaré que « personne ne peut briser ».", "fr",
     [("l’agence sud-coréenne Yonhap", False, False), ("le dirigeant", False, False)]),
    ("Analysts say the tests aim to improve precision.", "en", [("Analysts", False, False)]),
    ("“We will stay,” said Dr Samuel Adeyemi, the trial’s principal investigator.", "en",
     [("Dr Samuel Adeyemi", False, False)]),
    ("Counting went smoothly, said electoral commission chair Amara Dube.", "en",
     [("electoral commission chair Amara Dube", False, False)]),
    ("« Nos équipes ont travaillé toute la nuit », a-t-il déclaré.", "fr", [("", False, True)]),
    ("Au moins neuf soldats y auraient trouvé la mort, selon les informations rendues publiques.", "fr",
     [("selon les informations rendues publiques", True, False)]),
    ("Selon des experts, les batteries ont aggravé l’incendie.", "fr", [("des experts", True, False)]),
    ("Selon une source proche de l'enquête, les voleurs connaissaient les lieux.", "fr",
     [("une source proche de l'enquête", True, False)]),
    ("Westmark werde unter eigener Marke geführt, kündigte Solheim an.", "de", [("Solheim", False, False)]),
    ("«No vamos a dejar a nadie atrás», aseguró Jorge Almeida.", "es", [("Jorge Almeida", False, False)]),
    ("Provincial governor Helen Okafor-Reyes declared a state of emergency.", "en", []),
    ("She said “we will not give up” and left.", "en", [("She", False, True)]),
])
def test_speakers(text, language, expected):
    assert speakers(text, language) == expected


def test_a_verb_inside_a_quote_is_not_a_cue():
    assert speakers("« Il a dit qu’il viendrait » : la phrase a circulé.", "fr") == []


def test_pronouns_take_the_last_named_speaker():
    s1 = sentence("Earlier this month, Kim acknowledged that troops were sent to Kursk.", "en", "S1")
    s2 = sentence("In a speech, he said at least nine soldiers were killed.", "en", "S2")
    resolved = document_speakers([s1, s2])["S2"]
    assert resolved.resolved and "kim" in resolved.names


def test_different_speakers():
    kim = attributions(sentence("Kim said the ties were strong.", "en"))[0]
    putin = attributions(sentence("Putin said the ties were strong.", "en"))[0]
    poutine = attributions(sentence("Poutine a déclaré que les liens étaient forts.", "fr"))[0]
    leader = attributions(sentence("Le dirigeant a déclaré que les liens étaient forts.", "fr"))[0]
    assert different(kim, putin)
    assert not different(putin, poutine)  # the same name across languages
    assert not different(kim, leader)  # a role against a name cannot be told apart


def by_rule(report, *rules):
    texts = {s.id: s.text for seg in (report.article, *report.sources) for s in seg.sentences}
    return [(f.rule, texts.get(f.article_sentence, "")) for f in report.findings if f.rule in rules]


def test_seed_attribution_changes(seed_report):
    found = by_rule(seed_report, "A100", "A101", "A102", "A103")
    # the nine deaths: Kim's own words become "selon les informations rendues publiques"
    assert any(rule == "A102" and "neuf soldats" in text for rule, text in found)
    # the arms-for-aid exchange: the analysts' assessment becomes the article's own voice
    assert any(rule == "A101" and text.startswith("Outre les déploiements") for rule, text in found)
    assert any(rule == "A101" and text.startswith("En contrepartie") for rule, text in found)


@pytest.mark.parametrize("quote", [
    "le partage du sang, de la vie et de la mort dans la même tranchée",
    "un précieux patrimoine commun",
    "année vraiment significative",
    "désormais personne ne peut briser",
])
def test_seed_faithful_quotes_are_not_flagged(seed_report, quote):
    flagged = by_rule(seed_report, "Q100", "Q101", "Q102", "A100")
    assert not any(quote in text for _, text in flagged)


def test_seed_hedges(seed_report):
    found = by_rule(seed_report, "H100", "H101")
    assert any(rule == "H101" and "auraient trouvé la mort" in text for rule, text in found)


def test_quote_given_to_another_speaker(tmp_path):
    src = tmp_path / "s.txt"
    art = tmp_path / "a.txt"
    src.write_text("Talks\n\n“We will not sign this agreement under pressure,” said Foreign Minister Anna Berg.\n\n"
                   "The talks resume on Monday in Geneva, officials said.\n", encoding="utf-8")
    art.write_text("Négociations\n\n« Nous ne signerons pas cet accord sous la pression », a déclaré le Premier ministre Karl Dahl.\n\n"
                   "Les pourparlers reprennent lundi à Genève, selon des responsables.\n", encoding="utf-8")
    report = factcheck.check(str(art), [str(src)])
    rules = {f.rule for f in report.findings}
    assert "A100" in rules
    assert "Q100" not in rules and "Q101" not in rules  # the words are faithful


def test_identical_text_gives_no_attribution_finding():
    report = factcheck.check(str(SEED / "source.html"), [str(SEED / "source.html")])
    assert not [f for f in report.findings if f.kind in ("attribution_change", "hedge_changed",
                                                         "quote_altered", "quote_unsourced")]


@pytest.mark.parametrize("text, language, expected", [
    ("“Nadie nos preguntó”, lamentó Beatriz Lozano, presidenta de la asociación vecinal.", "es",
     "Beatriz Lozano"),
    ("„So schnell ist das Wasser noch nie gestiegen“, sagte Bürgermeisterin Lena Hartmannsberger "
     "bei einem Besuch im Krisenstab.", "de", "Bürgermeisterin Lena Hartmannsberger"),
    ("Tom Birkett, a spokesman for the Merrow Valley Water Board, said the board had opened two "
     "relief channels.", "en", "Tom Birkett"),
])
def test_the_speaker_shown_is_the_name_without_its_appositive(text, language, expected):
    att = attributions(sentence(text, language))[0]
    assert att.speaker == expected


def test_an_outlet_passing_the_words_on_is_the_reporter():
    s = sentence("According to the Kestrian news agency KNI, Solvik told her cabinet that a meeting "
                 "was unlikely.", "en")
    main = document_speakers([s])["X1"]
    assert main.speaker == "Solvik"
    assert main.reporter == "the Kestrian news agency KNI"


def test_a_role_is_shown_with_the_name_of_the_last_speaker_in_that_role():
    s1 = sentence("Health Minister Otto Falkenrath said the vaccine would be free.", "en", "S1")
    s2 = sentence("The minister said pharmacies would start in October.", "en", "S2")
    second = document_speakers([s1, s2])["S2"]
    assert second.speaker == "Health Minister Otto Falkenrath"
    assert not second.names and not second.resolved  # still compared as a role


def test_a_pronoun_before_any_speaker_is_shown_with_the_subject_named_before():
    s1 = sentence("Her defeated rival Gordon Ashe conceded in a short speech.", "en", "S1")
    s2 = sentence("“The voters have spoken,” he said.", "en", "S2")
    second = document_speakers([s1, s2])["S2"]
    assert second.speaker == "Gordon Ashe"
    assert second.pronoun and not second.names  # still a pronoun for the comparisons


def test_a_body_speaking_of_itself_is_no_dropped_attribution():
    from factcheck.analyse.attribution import self_statement
    from factcheck.annotate.statements import describe

    company = describe("the company", "said", "en")
    source = "Corvane Microsystems will build a chip factory near Alder Cross, the company said."
    assert self_statement(company, source, "Corvane Microsystems plans a chip plant near Alder Cross.", "en")
    assert not self_statement(company, source, "A chip factory will be built near Alder Cross.", "en")
    assert not self_statement(describe("Analysts", "say", "en"), source, "Corvane Microsystems plans a plant.", "en")


def test_a_body_named_for_anonymous_sources_is_a_changed_attribution(tmp_path):
    import factcheck

    art = tmp_path / "a.txt"
    art.write_text(
        "Raid\n\nPolice said officers spent six hours searching the offices of the regional "
        "ministry in Valdemora on Tuesday.\n",
        encoding="utf-8",
    )
    src = tmp_path / "s.txt"
    src.write_text(
        "Raid\n\nOfficers spent six hours searching the offices of the regional ministry in "
        "Valdemora on Tuesday, according to sources close to the investigation.\n",
        encoding="utf-8",
    )
    report = factcheck.check(str(art), [str(src)])
    assert [f.rule for f in report.findings if f.kind == "attribution_change"] == ["A100"]


def test_a_role_before_its_name_after_an_inverted_verb_gives_the_name():
    text = "« Ils tètent bien », a déclaré la soigneuse en chef, Inès Morel."
    assert speakers(text, "fr")[0][0] == "Inès Morel"


@pytest.mark.parametrize("intro, later, language, name", [
    ("L'attaquante Carla Vostier a marqué deux buts samedi.",
     "« Je voulais rendre aux supporters ce qu'ils nous donnent », a confié l'attaquante.",
     "fr", "Carla Vostier"),
    ("La compañía Orbis presentó el lunes sus cuentas anuales.",
     "Según la compañía, no habrá despidos este año.", "es", "Orbis"),
    ("Ines Morel, head keeper at the park, watched the cubs all night.",
     "“They are feeding well,” the keeper said.", "en", "Ines Morel"),
])
def test_a_description_is_shown_with_the_name_it_introduced(intro, later, language, name):
    s1, s2 = sentence(intro, language, "S1"), sentence(later, language, "S2")
    second = document_speakers([s1, s2])["S2"]
    assert second.speaker == name
    assert second.resolved_from and second.resolved_from != name


def test_a_description_never_introduced_stays_as_written():
    s1 = sentence("La compañía Orbis presentó el lunes sus cuentas anuales.", "es", "S1")
    s2 = sentence("Según la ministra, no habrá despidos este año.", "es", "S2")
    assert document_speakers([s1, s2])["S2"].speaker == "la ministra"


def test_a_dropped_subject_takes_the_name_given_in_apposition_before():
    s1 = sentence("La responsable de la lucha contra los incendios, Ruth Halloran Estévez, hizo el "
                  "miércoles un balance sombrío.", "es", "S1")
    s2 = sentence("«Todavía no estamos ganando», declaró a la emisora Radio Valle.", "es", "S2")
    assert document_speakers([s1, s2])["S2"].speaker == "Ruth Halloran Estévez"


@pytest.mark.parametrize("text, language, verb", [
    ("He also warned the pilots that their pay would be frozen.", "en", "warned"),
    ("Il aurait aussi prévenu les pilotes que leurs salaires seraient gelés.", "fr", "prévenu"),
    ("También habría advertido a los pilotos de que sus salarios se congelarían.", "es", "advertido"),
])
def test_a_verb_of_telling_speaks_past_its_addressee(text, language, verb):
    assert [a.cue for a in attributions(sentence(text, language))] == [verb]


def test_an_act_with_an_object_is_no_speech():
    assert attributions(sentence("The governor declared a state of emergency on Friday.", "en")) == ()
    assert attributions(sentence("The board confirmed a plan that would cut 300 jobs.", "en")) == ()


def test_a_verb_of_announcing_speaks_with_an_object_too():
    """ "announced a plan": what is announced is the board's claim, as with "announced that"."""
    [a] = attributions(sentence("The board announced a plan that would cut 300 jobs.", "en"))
    assert a.speaker == "The board" and a.cue == "announced"


@pytest.mark.parametrize("text, speaker", [
    ("Bislang seien rund 400.000 Euro sichergestellt worden, so die Staatsanwältin Dana Fehrenbach.",
     "die Staatsanwältin Dana Fehrenbach"),
    ("«Man nimmt uns», so Präsident Reto Imfeld, «das Herz des Vereins.»", "Präsident Reto Imfeld"),
])
def test_a_german_so_incise_gives_the_source(text, speaker):
    assert speakers(text, "de")[0][0] == speaker


def test_so_as_a_conjunction_is_no_source():
    assert speakers("Es war so kalt, so dass niemand kam.", "de") == []


@pytest.mark.parametrize("text, speaker", [
    ("The chief executive of Brantwood Airlines, Felix Amundsen, reportedly told managers that "
     "pay would be frozen.", "Felix Amundsen"),
    ("A second analyst, who asked not to be named because of client relationships, said the "
     "forecast was too rosy.", "A second analyst"),
])
def test_an_adverb_or_a_relative_clause_before_the_verb_is_not_the_speaker(text, speaker):
    assert speakers(text, "en")[0][0] == speaker


def test_an_outlet_reporting_what_someone_said_is_the_reporter():
    s1 = sentence("Felix Amundsen spoke to staff on Monday.", "en", "S1")
    s2 = sentence("The Herald reported that he also warned pilots that their pay would be frozen.",
                  "en", "S2")
    main = document_speakers([s1, s2])["S2"]
    assert main.speaker == "Felix Amundsen" and main.reporter == "The Herald"


def test_an_outlet_reporting_a_fact_is_its_speaker():
    s = sentence("The Herald reported that pay would be frozen.", "en")
    assert document_speakers([s])["X1"].speaker == "The Herald"


SCHOOL_SOURCE = """Cantines gratuites à Valderonne

La maire de Valderonne, Claire Dorvanne, a annoncé mardi que la cantine deviendrait gratuite pour les 2 300 élèves des écoles primaires de la ville à partir de septembre.

L'opposition a jugé la mesure trop coûteuse pour les finances de la commune.
"""

SCHOOL_ARTICLE = """Cantines gratuites à Valderonne

À partir de septembre, la cantine sera gratuite pour les 2 300 élèves des écoles primaires de Valderonne. C'est ce qu'a annoncé mardi la maire, Claire Dorvanne.

La mesure est trop coûteuse pour les finances de la commune. Ainsi s'est exprimée l'opposition.
"""


def test_an_attribution_moved_to_the_next_sentence_is_kept(tmp_path):
    report = check_texts(
        tmp_path,
        SCHOOL_ARTICLE,
        SCHOOL_SOURCE,
    )
    kinds = [(f.rule, f.article_sentence) for f in report.findings]
    assert not [k for k in kinds if k[0] in ("A101", "C100", "H100")], kinds


@pytest.mark.parametrize("text, language, back", [
    ("Das sagte die Ministerin am Montag.", "de", True),
    ("Das Gesundheitsamt teilte am Montag mit.", "de", False),
    ("Ainsi s'est exprimée l'opposition.", "fr", True),
    ("Ainsi, le gouvernement a annoncé une hausse.", "fr", False),
    ("Así lo explicó el ministro.", "es", True),
    ("That is what the mayor said on Tuesday.", "en", True),
])
def test_a_sentence_that_only_attributes_the_one_before(text, language, back):
    from factcheck.annotate import annotate_sentence

    assert annotate_sentence(sentence(text, language)).refers_back is back


def test_a_place_name_translated_but_for_its_last_word_is_the_same_body():
    source = attributions(sentence(
        "The slide broke away at noon, according to the Upper Orsa mountain rescue service.", "en"))
    article = attributions(sentence(
        "Selon le service de secours en montagne de la Haute-Orsa, la coulée s’est détachée.", "fr"))
    assert not different(source[0], article[0])


def test_german_demnach_carries_the_source_of_the_sentence_before():
    text = ("Der Behördensprecher Jonas Keller sagte am Freitag, es seien Lösungsmittel "
            "ausgetreten. Die gemessenen Konzentrationen lagen demnach bis zum 40-Fachen über dem "
            "Grenzwert.")
    first, second = (sentence(t, "de", f"A{n}") for n, t in
                     enumerate(text.split(". ", 1), start=1))
    found = document_speakers([first, second])
    assert "Keller" in found["A2"].speaker


@pytest.mark.parametrize("text, language, speaker", [
    ("Skylane Air plans to cut 600 jobs by the end of the year, the Dunmore Herald reported.", "en",
     "the Dunmore Herald"),
    ("“What surprised us,” said Dr. Ana Whitcombe, the lead author.", "en", "Dr. Ana Whitcombe"),
    ("Pell's barrister, Helen Forsythe, had argued that her client was ill.", "en", "Helen Forsythe"),
    ("Der Verteidiger, Rechtsanwalt Dr. Jens Oberholz, kündigte an, in Revision zu gehen.", "de",
     "Rechtsanwalt Dr. Jens Oberholz"),
    ("Aus Branchenkreisen hieß es, auch ein Verkauf sei möglich.", "de", "Branchenkreise"),
])
def test_speaker_phrases_of_real_copy(text, language, speaker):
    assert [a.speaker for a in attributions(sentence(text, language))] == [speaker]


def test_an_act_ending_a_sentence_is_still_no_speech():
    assert attributions(sentence("The government declared a state of emergency.", "en")) == ()
    assert [a.cue for a in attributions(sentence("« Nous avons tenu », a-t-il déclaré.", "fr"))] == [
        "a-t-il"]


def test_a_title_before_a_name_describes_it():
    s1 = sentence("Beim SV Rotbach wächst der Druck auf Trainer Markus Feldhaus.", "de", "S1")
    s2 = sentence("„Wir waren nicht auf dem Platz“, räumte der Trainer ein.", "de", "S2")
    assert document_speakers([s1, s2])["S2"].speaker == "Markus Feldhaus"


def test_an_acronym_after_an_elided_article_is_a_name():
    from factcheck.annotate.statements import describe

    assert describe("l’ACN", "Selon", "fr").names == {"acn"}
    assert describe("le directeur d’Airvance", "a dit", "fr").names == {"airvance"}


def test_a_vague_claim_given_to_a_named_person_through_a_merge_is_found(tmp_path):
    report = check_texts(
        tmp_path,
        "Theft at the museum\n\nFour paintings were stolen overnight from the Valmont museum, "
        "police said.\n\nMuseum director Luc Ferrand said the CCTV system had been upgraded in "
        "2022.\n\nThe thieves knew the building perfectly, Ferrand said.\n",
        "Vol au musée\n\nQuatre tableaux ont été volés dans la nuit au musée Valmont, a indiqué la "
        "police.\n\nLe directeur du musée, Luc Ferrand, a indiqué que le système de "
        "vidéosurveillance avait été modernisé en 2022. Selon une source proche de l'enquête, les "
        "voleurs connaissaient parfaitement les lieux.\n",
    )
    texts = {s.id: s.text for s in report.article.sentences}
    found = [texts[f.article_sentence] for f in report.findings if f.kind == "attribution_change"]
    assert any("knew the building" in t for t in found), report.findings


def test_a_second_predicate_takes_the_subject_of_the_first():
    text = ("El alcalde de San Telmo, Ignacio Barral, exigió a Telesierra «explicaciones "
            "inmediatas» y reclamó que el contrato incluya nuevas obligaciones.")
    # both predicates ("exigió", "reclamó que") are the mayor's
    assert {a.speaker for a in attributions(sentence(text, "es"))} == {"Ignacio Barral"}


def test_an_attribution_in_the_sources_next_sentence_counts_for_the_one_before(tmp_path):
    report = check_texts(
        tmp_path,
        "Court\n\nThe former mayor has pleaded not guilty to 34 counts of fraud, according to "
        "several news reports.\n\nThe hearing lasted less than an hour.\n",
        "Court\n\nThe former mayor has pleaded not guilty to 34 counts of fraud. That's according "
        "to several news reports.\n\nThe hearing lasted less than an hour.\n",
    )
    assert not [f for f in report.findings if f.rule == "A103"], report.findings


def test_named_officials_for_the_sources_news_reports_is_a_changed_attribution(tmp_path):
    report = check_texts(
        tmp_path,
        "Court\n\nThe former mayor has pleaded not guilty to 34 counts of fraud. That's according "
        "to two law enforcement officials familiar with the matter.\n\nThe hearing lasted less "
        "than an hour.\n",
        "Court\n\nThe former mayor has pleaded not guilty to 34 counts of fraud. That's according "
        "to several news reports.\n\nThe hearing lasted less than an hour.\n",
    )
    assert [f for f in report.findings if f.kind == "attribution_change"], report.findings


def test_a_german_impersonal_cue_after_a_statement_carries_it_on(tmp_path):
    from .conftest import check_texts

    source = (
        "Tversk, 23. August. Ein Privatflugzeug ist in der Region Tversk abgestürzt.\n\n"
        "« Il y avait dix personnes à bord. Selon les premières informations, toutes les "
        "personnes à bord sont décédées », indique sur Telegram le ministère des Situations "
        "d’urgence.\n"
    )
    article = (
        "Tversk, 23. August. Ein Privatflugzeug ist in der Region Tversk abgestürzt.\n\n"
        "An Bord seien zehn Personen gewesen, hatte das Ministerium für Notfälle kurz zuvor auf "
        "Telegram mitgeteilt. „Nach ersten Informationen sind alle Personen an Bord gestorben“, "
        "hieß es weiter.\n"
    )
    report = check_texts(tmp_path, article, source)
    assert not [f for f in report.findings if f.rule in ("A102", "A103")], report.findings


def test_an_impersonal_cue_on_words_the_source_quotes_invents_no_attribution(tmp_path):
    from .conftest import check_texts

    source = (
        "Kharvik, Feb. 16. The prison service announced the death of the inmate on Friday.\n\n"
        "\"All necessary resuscitation measures were carried out, which did not give positive "
        "results. The causes of death are being established.\"\n"
    )
    article = (
        "Kharvik, 16. Februar. Die Strafvollzugsbehörde gab am Freitag den Tod des Häftlings "
        "bekannt.\n\n"
        "\"Es wurden alle notwendigen Wiederbelebungsmaßnahmen durchgeführt, die jedoch keine "
        "positiven Ergebnisse brachten. Die Todesursache wird ermittelt\", hieß es.\n"
    )
    report = check_texts(tmp_path, article, source)
    assert not [f for f in report.findings if f.rule == "A103"], report.findings


def test_an_impersonal_cue_that_names_the_statement_invents_no_attribution(tmp_path):
    from .conftest import check_texts

    source = (
        "Harwick, June 3. The singer Lewis Marr has died at 71, his family said in a statement.\n\n"
        "He died at home, surrounded by his family. He once sang for four hours on a frozen lake.\n"
    )
    article = (
        "Harwick, 3. Juni. Der Sänger Lewis Marr ist mit 71 Jahren gestorben.\n\n"
        "Er habe einst vier Stunden auf einem zugefrorenen See gesungen, hieß es in der "
        "Erklärung.\n"
    )
    report = check_texts(tmp_path, article, source)
    assert not [f for f in report.findings if f.rule == "A103"], report.findings
    vague = check_texts(tmp_path, article.replace(" in der Erklärung", ""), source)
    assert [f for f in vague.findings if f.rule == "A103"], vague.findings


@pytest.mark.parametrize(
    "article, source",
    [
        ("Beide Regierungen haben erklärt, der Vertrag werde bei den Vereinten Nationen "
         "registriert.",
         "Both governments have said the treaty will be registered with the United Nations."),
    ],
)
def test_a_group_named_by_a_quantifier_is_no_name(tmp_path, article, source):
    from .conftest import check_texts

    report = check_texts(tmp_path, "Sturm\n\n" + article + "\n", "Storm\n\n" + source + "\n")
    assert not [f for f in report.findings if f.rule == "A100"], report.findings


def test_a_quotation_going_on_from_the_sentence_that_names_its_speaker_is_no_fact(tmp_path):
    from .conftest import check_texts

    source = (
        "Resignation\n\nThe federation president Luis Marin resigned on Sunday.\n\n"
        "In a statement, Marin wrote: “I cannot go on with my work.”\n\n"
        "“My family has suffered enough, and so have the people I love,” Marin said.\n"
    )
    article = (
        "Resignation\n\nThe federation president Luis Marin resigned on Sunday.\n\n"
        "The 46-year-old wrote in a statement: “I cannot go on with my work.”\n\n"
        "“My family has suffered enough, and so have the people I love.”\n"
    )
    report = check_texts(tmp_path, article, source)
    assert not [f for f in report.findings if f.rule == "A101"], report.findings


def test_an_untagged_quote_after_a_sentence_naming_its_speaker_is_no_fact(tmp_path):
    from .conftest import check_texts

    source = (
        "Resignation\n\nThe federation president Luis Marin resigned on Sunday.\n\n"
        "Marin said he could no longer carry out his work.\n\n"
        "“My family has suffered enough, and so have the people I love,” Marin said.\n"
    )
    article = (
        "Resignation\n\nThe federation president Luis Marin resigned on Sunday.\n\n"
        "Marin said he could no longer do his job.\n\n"
        "“My family has suffered enough, and so have the people I love.”\n"
    )
    report = check_texts(tmp_path, article, source)
    assert not [f for f in report.findings if f.rule == "A101"], report.findings


def test_who_was_told_is_no_speaker():
    assert attributions(sentence("Passengers were told not to travel to the airport.", "en")) == ()
    [a] = attributions(sentence("The minister told reporters the plan was dead.", "en"))
    assert a.speaker == "The minister"


@pytest.mark.parametrize("language, text", [
    ("de", "Der Zollchef Ramón Ezquerra stellte die Ergebnisse vor. Nach seinen Worten nutzte das "
           "Netzwerk fünf Briefkastenfirmen."),
    ("en", "Customs chief Ramón Ezquerra presented the findings. According to him, the network "
           "used five shell companies."),
])
def test_according_to_a_pronoun_is_the_speaker_named_before(language, text):
    speaker = last_speaker(text, language)
    assert speaker is not None and "Ramón Ezquerra" in speaker.speaker


def last_speaker(text: str, language: str):
    """The speaker the annotation stage finds for the last sentence of a passage."""
    from factcheck.annotate import annotate
    from factcheck.evaluate_speakers import passage

    seg = passage(text, language, "x")
    return annotate(seg).sentences[seg.sentences[-1].id].speaker


@pytest.mark.parametrize("text, speaker", [
    # a day after a company noun is no company's name
    ("Der Hersteller Brenntaler ruft Tausende Kühlschränke zurück. Das teilte das Unternehmen "
     "am Dienstag mit.", "Brenntaler"),
    # "wie ..." opens the clause, and when it was said is not who said it
    ("Die Ermittler gehen von Brandstiftung aus, wie ein Polizeisprecher am Sonntag mitteilte.",
     "ein Polizeisprecher"),
    # an inverted pronoun followed by the rest of the sentence is the whole subject
    ("Bürgermeisterin Birgit Lammers verteidigte den Plan. Die Stadt stehe zu ihrem Theater, "
     "sagte sie, müsse aber sparen.", "Bürgermeisterin Birgit Lammers"),
])
def test_german_speakers_read_in_their_clause(text, speaker):
    found = last_speaker(text, "de")
    assert found is not None and found.speaker == speaker


@pytest.mark.parametrize("text, language, speaker", [
    ("The operator, Stratalink, said the mast met all national safety limits.", "en", "Stratalink"),
    ("L'exploitant, Ferries de l'Ouest, affirme que la ligne perdait de l'argent.", "fr",
     "Ferries de l'Ouest"),
    ("The company, however, said it would appeal.", "en", "The company"),
])
def test_a_body_named_in_apposition_to_its_description_is_shown_by_its_name(text, language, speaker):
    [a] = attributions(sentence(text, language))
    assert a.speaker == speaker


def test_an_object_pronoun_before_the_verb_is_no_speaker():
    [a] = attributions(sentence("Jacinto Correa, de 81 años, lo resumió así: «Nos han dejado "
                                "aislados».", "es"))
    assert a.speaker == "Jacinto Correa"


def test_a_coordinated_subject_with_an_adjective_before_its_name():
    found = last_speaker("La ministra Sandra Olmedo presentó el plan. El opositor Partido Cívico "
                         "celebró la medida, aunque consideró que llega tarde.", "es")
    assert found is not None and "Partido Cívico" in found.speaker


def test_a_verb_then_a_comma_and_a_conjunction_is_no_speech():
    assert attributions(sentence("Emergency personnel responded, but no one on board survived.",
                                 "en")) == ()
    [a] = attributions(sentence("“We will appeal,” the company responded.", "en"))
    assert a.speaker == "the company"


def test_an_officer_speaking_for_the_subject_the_article_keeps_is_no_dropped_attribution():
    from factcheck.analyse.attribution import self_statement
    from factcheck.annotate.statements import describe

    source = ("La cooperativa Olivares del Tormo prevé recoger este año unas 18.000 toneladas, "
              "según informó el martes su presidenta, Remedios Alcaraz.")
    kept = "Die Genossenschaft Olivares del Tormo rechnet mit einer kleineren Ernte."
    other = "Die Ernte in der Region fällt in diesem Jahr deutlich kleiner aus."
    speaker = describe("Remedios Alcaraz", "según", "es")
    assert self_statement(speaker, source, kept, "de")
    assert not self_statement(speaker, source, other, "de")
    # a named speaker who is no officer of the subject speaks of others
    plain = "La cooperativa prevé 18.000 toneladas, según la analista Remedios Alcaraz."
    assert not self_statement(speaker, plain, kept, "de")


def test_an_attribution_dropped_in_a_merged_clause_is_found(tmp_path):
    # one article sentence renders two source sentences, the first by a clause: the first one's
    # "according to" is dropped there too
    source = ("Lighthouse station to close\n\nThe Orlen Point lighthouse station will close in "
              "March, the coastal agency said on Monday. Keepers have lived there since 1871. "
              "The station holds the longest continuous record of wave heights in the region, "
              "according to the Maritime Survey Trust. Its logbooks have been cited in more than "
              "200 studies of coastal erosion. The agency said the building would be sold.\n")
    article = ("Lighthouse station to close\n\nThe Orlen Point lighthouse station will close in "
               "March, the coastal agency said on Monday. Keepers have lived there since 1871. "
               "The station holds the longest unbroken record of wave heights in the region, and "
               "its logbooks have been cited in more than 200 studies of coastal erosion. The "
               "agency said the building would be sold.\n")
    report = check_texts(tmp_path, article, source)
    dropped = [f for f in report.findings if f.rule == "A101"]
    assert [f.source_sentence for f in dropped] == ["S4"], report.findings


def test_a_claim_kept_at_a_distance_is_a_weaker_attribution_finding_and_no_added_hedge(tmp_path):
    source = ("Museum theft\n\nThieves stole eight pieces of jewellery from the Orlen museum on "
              "Sunday morning. They forced open a window with an angle grinder, the interior "
              "minister said. The museum stayed closed for the day.\n")
    article = ("Museum theft\n\nThieves stole eight pieces of jewellery from the Orlen museum on "
               "Sunday morning. They reportedly forced open a window with an angle grinder. The "
               "museum stayed closed for the day.\n")
    report = check_texts(tmp_path, article, source)
    dropped = [f for f in report.findings if f.rule == "A101"]
    assert [(f.article_sentence, f.grade) for f in dropped] == [("A3", "low")], report.findings
    assert "at a distance" in dropped[0].message
    assert not [f for f in report.findings if f.rule == "H101"], report.findings
    plain = check_texts(tmp_path, article.replace(" reportedly", ""), source)
    assert [(f.rule, f.grade) for f in plain.findings if f.rule == "A101"] == [("A101", "medium")]


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("Verbraucherverbände", "Consumer groups", True),
        ("l'Agence d'État de météorologie", "la Agencia Estatal de Meteorología", True),
        ("le maire", "the mayor", True),
        ("Anton Baer", "Petra Lindqvist", False),
        ("the union", "the company", False),
    ],
)
def test_speakers_named_in_words_of_the_same_meaning(a, b, same):
    from factcheck.analyse.attribution import alike

    assert alike(a, b) is same


def test_an_office_named_by_its_place_may_be_the_person_named():
    from factcheck.analyse.attribution import different
    from factcheck.annotate.statements import describe

    role = describe("le procureur de Lorvienne", "a déclaré", "fr")
    person = describe("Étienne Gaillard", "affirme", "fr")
    assert not different(role, person)
    minister = describe("Emergency Minister Varis Kholdan", "told", "en")
    chief = describe("el consejero delegado de Ulmeny Copper", "declaró", "es")
    assert different(chief, minister)


def test_a_statement_going_on_from_the_sentence_before_keeps_its_speaker(tmp_path):
    source = ("Plane found\n\nThe wreck of the plane was found on Tuesday evening, Interior "
              "Minister Ali Vardar said. It crashed two kilometres south of the village of "
              "Kesbel, Vardar said on social media. Rescue teams reached the site at night.\n")
    article = ("Plane found\n\nThe wreck of the plane was found on Tuesday evening, Interior "
               "Minister Ali Vardar said. It crashed two kilometres south of the village of "
               "Kesbel. Rescue teams reached the site at night.\n")
    report = check_texts(tmp_path, article, source)
    assert not [f for f in report.findings if f.rule == "A101"], report.findings
    # kept at a distance instead ("reportedly"), the claim no longer goes on from Vardar's
    hedged = article.replace("It crashed", "It reportedly crashed")
    report = check_texts(tmp_path, hedged, source)
    assert [f.article_sentence for f in report.findings if f.rule == "A101"] == ["A3"]


def test_a_role_that_stands_for_a_name_made_vague_is_a_vaguer_attribution(tmp_path):
    from .conftest import check_texts

    source = (
        "Kelmsdorf\n\nDer Fahrradhersteller Velotrax hat am Montag Insolvenz beantragt. Die Löhne "
        "sind nach Angaben des Unternehmens bis Ende Juli über das Insolvenzgeld gesichert.\n"
    )
    article = (
        "Kelmsdorf\n\nDer Fahrradhersteller Velotrax hat am Montag Insolvenz beantragt. Bis Ende "
        "Juli seien die Löhne über das Insolvenzgeld gesichert, hieß es.\n"
    )
    report = check_texts(tmp_path, article, source)
    assert [f.confidence for f in report.findings if f.rule == "A102"] == ["medium"]


def test_an_according_to_source_the_lexicon_does_not_know_dropped_is_a_dropped_attribution(tmp_path):
    from .conftest import check_texts

    source = (
        "Harzfeld\n\nDer Stadtrat hat den Bau des Rechenzentrums am Dienstag abgelehnt. Nach "
        "Angaben der Stadtwerke würde das Rechenzentrum bis zu 1,2 Millionen Kubikmeter Wasser "
        "im Jahr benötigen.\n"
    )
    article = (
        "Harzfeld\n\nDer Stadtrat hat den Bau des Rechenzentrums am Dienstag abgelehnt. Das "
        "Rechenzentrum würde bis zu 1,2 Millionen Kubikmeter Wasser im Jahr benötigen.\n"
    )
    report = check_texts(tmp_path, article, source)
    assert [f for f in report.findings if f.rule == "A101"], report.findings


def test_an_attribution_inside_a_relative_clause_speaks_for_that_clause_only(tmp_path):
    from .conftest import check_texts

    source = (
        "Harzfeld\n\nDie Brauerei Eckholt schließt im Herbst. Betroffen sind 86 Beschäftigte, "
        "denen nach Angaben des Betriebsrats bislang kein Sozialplan angeboten wurde.\n"
    )
    article = (
        "Harzfeld\n\nDie Brauerei Eckholt schließt im Herbst. Von der Schließung sind 86 "
        "Beschäftigte betroffen.\n"
    )
    report = check_texts(tmp_path, article, source)
    assert not [f for f in report.findings if f.rule == "A101"], report.findings


def test_a_sentence_that_opens_with_the_source_speaker_as_its_subject_keeps_it(tmp_path):
    from .conftest import check_texts

    source = (
        "Arbessières\n\nLa préfecture a ordonné jeudi l'évacuation du hameau. Selon les "
        "glaciologues, la poche contiendrait environ 180 000 mètres cubes d'eau.\n"
    )
    article = (
        "Arbessieres\n\nThe prefecture ordered the hamlet evacuated on Thursday. Glaciologists "
        "believe the pocket holds about 180,000 cubic metres of water.\n"
    )
    report = check_texts(tmp_path, article, source)
    assert not [f for f in report.findings if f.rule == "A101"], report.findings
    plain = article.replace("Glaciologists believe the pocket holds", "The pocket holds")
    report = check_texts(tmp_path, plain, source)
    assert [f for f in report.findings if f.rule == "A101"], report.findings


def test_a_subject_that_acts_does_not_keep_the_attribution(tmp_path):
    from .conftest import check_texts

    source = (
        "Ankara\n\nThe army chief's jet took off from Ankara on Tuesday evening. Turkey's air "
        "traffic controllers said they lost contact with the plane after takeoff.\n"
    )
    article = (
        "Ankara\n\nThe army chief's jet took off from Ankara on Tuesday evening. Air traffic "
        "controllers reportedly lost contact with the plane after takeoff.\n"
    )
    report = check_texts(tmp_path, article, source)
    assert [f for f in report.findings if f.rule == "A101"], report.findings
