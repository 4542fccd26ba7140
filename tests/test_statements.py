"""The annotation stage: statements (quotes and reported speech) with speaker, reporter, cue
and resolution, in the library report and in the JSON report."""

from __future__ import annotations

import json

import pytest

import factcheck
from factcheck.annotate import annotate
from factcheck.extract import extract
from factcheck.fetch import read_file
from factcheck.report import json as json_report
from factcheck.segment import segment

ARTICLE = """Harbour strike ends

The dock workers of Port Alvery returned to work on Tuesday after a nine-day strike.

“We have won what we came for,” said Mara Lindqvist, the union's secretary. She added that the new contract “protects every shift worker”.

According to the Alvery Courier, the port authority said the losses came to 4 million euros.

The harbour master told reporters that traffic would be back to normal by Friday.
"""

SOURCE = """Harbour strike ends

The dock workers of Port Alvery went back to work on Tuesday after striking for nine days.

“We have won what we came for,” said Mara Lindqvist, secretary of the union.
"""


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def last_statements(tmp_path, language: str, text: str, name: str = ""):
    """The statements of the last sentence of a text written as a .txt file."""
    seg = segment(extract(read_file(write(tmp_path, f"{name or language}.txt", text))), "A")
    return [s for s in annotate(seg).statements if s.sentence == seg.sentences[-1].id]


def last_statement(tmp_path, language: str, text: str):
    """The one statement of the last sentence of a text written as a .txt file."""
    [statement] = last_statements(tmp_path, language, text)
    return statement


def test_statements_of_a_document(tmp_path):
    seg = segment(extract(read_file(write(tmp_path, "a.txt", ARTICLE))), "A")
    notes = annotate(seg)
    by_kind = [(s.direct, s.speaker, s.cue) for s in notes.statements]
    assert (True, "Mara Lindqvist", "said") in by_kind
    quotes = [s for s in notes.statements if s.direct]
    assert [q.quote for q in quotes] == ["We have won what we came for", "protects every shift worker"]
    # the second quote's speaker comes from the pronoun of its sentence
    second = quotes[1]
    assert second.speaker == "Mara Lindqvist" and second.resolved_from == "She"
    text = next(s.text for s in seg.sentences if s.id == second.sentence)
    assert text[second.start : second.end] == "“protects every shift worker”"
    # reported speech: one statement per sentence, the outlet kept as the reporter
    reported = [s for s in notes.statements if not s.direct]
    assert any(
        s.speaker and "port authority" in s.speaker and s.reporter == "the Alvery Courier"
        for s in reported
    ), reported
    assert any(s.speaker and "harbour master" in s.speaker.lower() for s in reported), reported
    assert all(s.quote is None for s in reported)


def test_statements_in_the_json_report(tmp_path):
    report = factcheck.check(
        write(tmp_path, "a.txt", ARTICLE), [write(tmp_path, "s.txt", SOURCE)]
    )
    data = json.loads(json_report.render(report))
    statements = data["statements"]
    keys = {
        "sentence", "start", "end", "direct", "quote", "speaker", "reporter", "cue",
        "resolved_from", "closed",
    }
    assert statements and all(set(s) == keys for s in statements)
    # the article's and the source's statements, each pointing at its own sentences
    assert {s["sentence"][0] for s in statements} == {"A", "S"}
    quotes = data["quotes"]
    assert all({"reporter", "resolved_from", "closed"} <= set(q) for q in quotes)
    resolved = [q for q in quotes if q["resolved_from"]]
    assert resolved and resolved[0]["speaker"] == "Mara Lindqvist"


def test_an_unclosed_quote_is_a_statement_marked_open(tmp_path):
    text = (
        "Title\n\nThe mayor spoke on Monday about the new bridge over the river.\n\n"
        "“We will build it by spring, said the mayor, Ana Ruiz.\n"
    )
    seg = segment(extract(read_file(write(tmp_path, "u.txt", text))), "A")
    quotes = [s for s in annotate(seg).statements if s.direct]
    assert quotes and quotes[0].closed is False


def test_speakers_a_reader_would_name(tmp_path):
    from factcheck.annotate.statements import attributions
    from factcheck.models import Sentence

    def speaker(text, lang):
        s = Sentence("X", text, 0, len(text), "body", 0, lang)
        return [a.speaker for a in attributions(s)]

    # a role and a name in apposition: the name, after a long tail too
    assert speaker(
        "« Personne ne devrait payer », a déclaré la ministre, Odile Ferrand, lors d'une "
        "conférence de presse à Lissac.",
        "fr",
    ) == ["Odile Ferrand"]
    assert speaker("L'avocat de Gilles Moutarde, Me Pascal Ribéra, a annoncé que son client "
                   "ferait appel.", "fr") == ["Me Pascal Ribéra"]
    # an object pronoun before the verb is not the speaker; the speaker follows
    assert speaker("«Usted robó a personas», le dijo la jueza Herminia Ocaña al acusado.", "es") == [
        "la jueza Herminia Ocaña"
    ]
    # a separable particle closes the inverted verb
    assert speaker("Die Halle bleibe geöffnet, „so lange es nötig ist“, fügte sie hinzu.", "de") == [
        "sie"
    ]


def test_a_pronoun_takes_the_person_written_since_the_last_speaker(tmp_path):
    text = (
        "Title\n\n“No final decision has been taken,” a Delmont spokesperson said in an email.\n\n"
        "The bakery employs 310 people. Union organiser Priya Nandakumar called the plan a "
        "betrayal of the town.\n\n“People here found out from a newspaper,” she said.\n"
    )
    seg = segment(extract(read_file(write(tmp_path, "p.txt", text))), "A")
    last = [s for s in annotate(seg).statements if s.direct][-1]
    assert last.speaker == "Priya Nandakumar" and last.resolved_from == "she"


def test_german_noun_phrases_and_compound_roles():
    from factcheck.annotate.statements import attributions, describe
    from factcheck.models import Sentence

    text = "Der Anteil stagniert laut Branchendaten seit einem Jahrzehnt bei rund 17 Prozent."
    (att,) = attributions(Sentence("X", text, 0, len(text), "body", 0, "de"))
    assert att.speaker == "Branchendaten" and att.roles == {"document"} and not att.names
    brenner = describe("Feuerwehrsprecher Lukas Brenner", "sagte", "de")
    assert brenner.roles == {"spokesperson"} and brenner.names == {"lukas", "brenner"}


def test_documents_and_anonymous_sources_in_attribution_findings():
    from factcheck.analyse.attribution import different
    from factcheck.annotate.statements import describe

    # a document is no person: its figure given to a named person is a changed attribution
    assert different(describe("the minutes", "according to", "en"), describe("Marsh", "said", "en"))
    # a role against a name still cannot be told apart
    assert not different(describe("the minister", "said", "en"), describe("Kim", "said", "en"))
    # an anonymous source is vague
    assert describe("a person familiar with the talks", "according to", "en").vague


@pytest.mark.parametrize(
    "text, lang, speaker",
    [
        # an attribution set inside the quote marks
        ("« Nous avons été surpris, explique la biologiste Amandine Quéré, qui a mené l'étude. »",
         "fr", "la biologiste Amandine Quéré"),
        # the addressee after an inverted verb is not part of the speaker
        ("„Diese Stadt hat gewählt“, rief Kowalczyk ihren jubelnden Anhängern zu.", "de", "Kowalczyk"),
        ("L'État apportera 950 millions d'euros, a indiqué aux journalistes le ministre de "
         "l'Économie, Jonas Brede.", "fr", "Jonas Brede"),
        # a relative clause's verb is not the sentence's statement
        ("A second analyst, who asked not to be named, said the forecast was too rosy.", "en",
         "A second analyst"),
        # an aside next to the speaker is not part of it
        ("« Notre priorité, ce sont les deux blessés », a déclaré de son côté Declan Hurst.",
         "fr", "Declan Hurst"),
        ("« Nous verrons », a quant à lui répondu Paul Ribes.", "fr", "Paul Ribes"),
        ("«Es tarde», afirmó por su parte Ana Ruiz.", "es", "Ana Ruiz"),
        ('"It is far too late," said Ana Ruiz for her part.', "en", "Ana Ruiz"),
        ("„Das kommt zu spät“, sagte ihrerseits Bürgermeisterin Anna Roth.", "de",
         "Bürgermeisterin Anna Roth"),
        # a long subject: the person and where the person works, or a role and a body's name
        ('Henrike Sato of the Brückstadt Institute for Economic Research said the reform was '
         '"overdue".', "en", "Henrike Sato"),
        ("El sindicato que representa a la plantilla, el Sindicato de Trabajadores de Museos, "
         "afirmó que recurrirá.", "es", "el Sindicato de Trabajadores de Museos"),
        # the subject of a first clause joined to the speech verb by a conjunction
        ("Die oppositionelle Bürgerpartei begrüßte den Plan, kritisierte aber, er komme zu "
         "spät.", "de", "Die oppositionelle Bürgerpartei"),
        ("El Partido Verde celebró el plan, pero criticó que llegara tarde.", "es",
         "El Partido Verde"),
        # a German genitive source named as a reader names it
        ("Nach Angaben des Landkreistags fehlen derzeit rund 2000 Plätze.", "de",
         "der Landkreistag"),
        ("Nach Angaben des Innenministeriums wurde niemand verletzt.", "de",
         "das Innenministerium"),
        # a verb of announcing speaks with a noun phrase as its object too
        ("La préfecture a annoncé l'ouverture de trois centres de vaccination.", "fr",
         "La préfecture"),
        ("El ayuntamiento anunció el cierre de la piscina municipal.", "es", "El ayuntamiento"),
        # a role in an inverted tag inside the quote, with the name apposed to it
        ("« Ce n'est pas une décision prise à la légère, assure sa directrice, Laure Bailly. "
         "Nous avons tout essayé. »", "fr", "Laure Bailly"),
        # a tag between dashes inside the quote is read like one between commas
        ("«Llevamos cuatro años con los salarios congelados —explicó su portavoz, Lorena "
         "Camps—. No vamos a ceder.»", "es", "Lorena Camps"),
        # a German verb bracket: the subject before the auxiliary, the cue closing the clause
        ("Die Staatsanwältin Dilara Aksoy hatte vier Jahre Haft gefordert.", "de",
         "Die Staatsanwältin Dilara Aksoy"),
        # an opinion verb with the word its frame needs
        ("Die Gewerkschaft IG Werkstoff hält die Pläne für „ein Armutszeugnis“.", "de",
         "Die Gewerkschaft IG Werkstoff"),
        # a demand after a source that opens the sentence is that source's claim
        ("Der Datenschutzbeauftragten Ruth Akinola zufolge forderte die Gruppe ein Lösegeld.",
         "de", "Der Datenschutzbeauftragten Ruth Akinola"),
        # a participle and its agent between commas describe the subject before them
        ("Leur association, présidée par Nadia Ferhat, réclame un fonds d'indemnisation.",
         "fr", "Leur association"),
        ("The union, led by Mara Quist, demanded a pay rise.", "en", "The union"),
        # the outlet told is no speaker; the name before a long role speaks
        ('"I can confirm that he passed away," Anna Mrazova, spokeswoman for the library in '
         'his native city of Brno, told AFP news agency.', "en", "Anna Mrazova"),
        # what follows a verb after a relative clause is what was said
        ("The Moravian Library in the Czech city of Brno, which houses his personal "
         "collection, said he died in his Paris apartment.", "en", "The Moravian Library"),
    ],
)
def test_speaker_phrases(text, lang, speaker):
    from factcheck.annotate import annotate_sentence
    from factcheck.annotate.statements import main_attribution
    from factcheck.models import Sentence

    note = annotate_sentence(Sentence("X", text, 0, len(text), "body", 0, lang))
    main = main_attribution(list(note.attributions))
    assert main is not None and main.speaker == speaker, note.attributions


def test_a_clause_opened_by_a_participle_leaves_the_subject_to_the_verb():
    from factcheck.annotate.statements import attributions, main_attribution
    from factcheck.models import Sentence

    text = "Asked whether homes would have to be evacuated, she replied that it was too early."
    main = main_attribution(list(attributions(Sentence("X", text, 0, len(text), "body", 0, "en"))))
    assert main is not None and main.cue == "replied" and main.speaker == "she"


@pytest.mark.parametrize(
    "text, speaker, cue",
    [
        # the subject after the verb when something else opens the sentence
        ("Das berichteten die Staatsmedien am Samstag.", "die Staatsmedien", "berichteten"),
        ("In den sozialen Medien schrieb die Bürgermeisterin Philippa Rand, sie freue sich.",
         "die Bürgermeisterin Philippa Rand", "schrieb"),
        # a separable speech verb closed by its particle
        ("Hahl wies die Vorwürfe zurück.", "Hahl", "wies"),
        # an article is no opener: the subject comes first
        ("Das Gesundheitsamt teilte mit, die Bäder blieben offen.", "Das Gesundheitsamt", "teilte"),
        # "nach Angaben" and the noun phrase after it, however long the sentence
        ("Nach Angaben der Polizei wurden zwei ältere Menschen mit Unterkühlungen ins "
         "Krankenhaus gebracht.", "die Polizei", "Nach Angaben"),
    ],
)
def test_german_word_order(text, speaker, cue):
    from factcheck.annotate.statements import attributions, main_attribution
    from factcheck.models import Sentence

    main = main_attribution(list(attributions(Sentence("X", text, 0, len(text), "body", 0, "de"))))
    assert main is not None and (main.speaker, main.cue) == (speaker, cue), main


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        ("If the result is confirmed, she faces a ban of four years.", "en", None),
        ("Las asociaciones sostienen desde hace tiempo que la conexión frena la inversión.", "es",
         ("Las asociaciones", "sostienen")),
        ("Quatre tableaux ont été volés au musée, a annoncé mercredi la préfecture.", "fr",
         ("la préfecture", "a annoncé")),
    ],
)
def test_report_verbs_and_their_speakers(text, lang, expected):
    from factcheck.annotate.statements import attributions, main_attribution
    from factcheck.models import Sentence

    main = main_attribution(list(attributions(Sentence("X", text, 0, len(text), "body", 0, lang))))
    assert (None if main is None else (main.speaker, main.cue)) == expected


def test_a_person_in_an_office_is_not_a_named_body():
    from factcheck.analyse.attribution import different
    from factcheck.annotate.statements import describe

    leaders = describe("Los líderes atacu", "advirtieron", "es")
    group = describe("The environmental group Salar Vivo", "warned", "en")
    assert different(leaders, group)
    # a body against another body, or a person against a person named: cannot tell
    assert not different(describe("Police", "said", "en"), describe("Chief Inspector Nadia Ruiz", "said", "en"))


@pytest.mark.parametrize(
    "text, lang, speaker, reporter",
    [
        ("Carraway told the Westmark Review that she would not accept the prize back.", "en",
         "Carraway", "Westmark Review"),
        ("“We are not winning this yet,” Halloran-Stone told Channel 6 News.", "en",
         "Halloran-Stone", "Channel 6 News"),
        ("The state news agency DNA quoted Oskarov as saying the drills would go on.", "en",
         "Oskarov", "DNA"),
        ("Carrasco dijo a la emisora Radio Westmaria que no aceptará el premio.", "es",
         "Carrasco", "emisora Radio Westmaria"),
        # an addressee that is no outlet is no reporter
        ("Marsh told reporters that the vote had been close.", "en", "Marsh", ""),
    ],
)
def test_the_outlet_the_words_were_given_to_is_the_reporter(text, lang, speaker, reporter):
    from factcheck.annotate.statements import attributions, main_attribution
    from factcheck.models import Sentence

    main = main_attribution(list(attributions(Sentence("X", text, 0, len(text), "body", 0, lang))))
    assert main is not None and (main.speaker, main.reporter) == (speaker, reporter), main


@pytest.mark.parametrize(
    "text, speaker",
    [
        # a straight apostrophe matches the lexicon's curly one
        ("« Vous la voudriez devant votre fenêtre ? » s'est interrogé Samuel Adjéi.", "Samuel Adjéi"),
        # a noun phrase after the verb that follows a quote, without its relative clause
        ("« La direction prépare ça depuis l'été », affirme un délégué syndical qui a requis "
         "l'anonymat.", "un délégué syndical"),
        ("« Je voulais rendre aux supporters ce qu'ils nous donnent », a confié l'attaquante "
         "après la rencontre.", "l'attaquante"),
        # a quote right after a report verb makes it speech
        ("Le syndicat majoritaire se dit « prudemment favorable ».", "Le syndicat majoritaire"),
    ],
)
def test_french_speakers(text, speaker):
    from factcheck.annotate.statements import attributions, main_attribution
    from factcheck.models import Sentence

    main = main_attribution(list(attributions(Sentence("X", text, 0, len(text), "body", 0, "fr"))))
    assert main is not None and main.speaker == speaker, main


def test_a_name_written_once_in_full_is_known_by_its_last_word(tmp_path):
    text = (
        "Title\n\nThe report said councillors Martin Hale and Gwen Saddler had taken holidays "
        "paid for by a builder.\n\nHale denied any wrongdoing.\n\n"
        "“I have never taken a single penny,” he said.\n"
    )
    seg = segment(extract(read_file(write(tmp_path, "h.txt", text))), "A")
    last = [s for s in annotate(seg).statements if s.direct][-1]
    assert last.speaker == "Martin Hale" and last.resolved_from == "he"


@pytest.mark.parametrize(
    "text, speaker, cue",
    [
        ("In April, North Korea officially confirmed that it had deployed troops.", "North Korea", "confirmed"),
        ("The family said that the boy was safe.", "The family", "said"),
        ("In his message, Kim called bilateral relations “a precious common asset”.", "Kim", "called"),
    ],
)
def test_english_speakers(text, speaker, cue):
    from factcheck.annotate.statements import attributions, main_attribution
    from factcheck.models import Sentence

    main = main_attribution(list(attributions(Sentence("X", text, 0, len(text), "body", 0, "en"))))
    assert main is not None and (main.speaker, main.cue) == (speaker, cue), main


@pytest.mark.parametrize(
    ("text", "speaker", "written"),
    [
        (
            "Title\n\nThe Board of Water Safety of Kelmar closed the reservoir on Friday. "
            "The board said the tests would take a week.\n",
            "the Board of Water Safety of Kelmar",
            "The board",
        ),
        (
            "Titre\n\nLe ministère des Transports de la Verlanie a suspendu les vols. "
            "Le ministère a précisé que la mesure durerait deux jours.\n",
            "le ministère des Transports de la Verlanie",
            "Le ministère",
        ),
        (
            "Titel\n\nDas Landwirtschaftsministerium von Orlanien hat den Export gestoppt. "
            "Das Ministerium teilte mit, die Sperre gelte vorerst bis Mai.\n",
            "das Landwirtschaftsministerium von Orlanien",
            "Das Ministerium",
        ),
        (
            "Título\n\nLa Fundación Andina para los Glaciares publicó su informe anual. "
            "La fundación agregó que el hielo retrocede cada año.\n",
            "la Fundación Andina para los Glaciares",
            "La fundación",
        ),
    ],
)
def test_a_body_described_again_is_the_body_named_before(tmp_path, text, speaker, written):
    """ "The board" after "The Board of Water Safety of Kelmar ...": the reader names that body;
    a person's role ("the minister") or a document ("the report") is not resolved this way."""
    seg = segment(extract(read_file(write(tmp_path, "b.txt", text))), "A")
    (statement,) = annotate(seg).statements
    assert statement.speaker == speaker and statement.resolved_from == written


def test_a_bare_description_of_a_person_or_a_document_is_no_body():
    from factcheck.annotate.statements import bare_description, body_name

    assert bare_description("the minister", "en") == ""
    assert bare_description("El informe", "es") == ""
    assert bare_description("His ministry", "en") == "ministry"
    assert body_name("ministry", "the ministry said nothing new", "en") == ""  # no name given
    assert body_name("agence", "Selon l’agence, la ville a fermé", "fr") == ""


def test_the_german_reported_mood_carries_a_statement_on(tmp_path):
    """„Es seien bereits ... bestellt worden.“ right after „..., sagte Falk.“ is Falk's reported
    speech (cue „seien“); after a sentence that states a fact, or with a verb of saying whose
    speaker is not found, it is nobody's."""
    text = (
        "Titel\n\nGesundheitsminister Otto Falk sagte am Montag, die Impfung werde kostenlos. "
        "Es seien bereits zwei Millionen Dosen bestellt worden.\n\n"
        "Die Klinik liegt am Stadtrand. Dort sei es ruhig.\n"
    )
    seg = segment(extract(read_file(write(tmp_path, "k.txt", text))), "A")
    statements = annotate(seg).statements
    assert [(s.speaker, s.cue) for s in statements] == [
        ("Gesundheitsminister Otto Falk", "sagte"),
        ("Gesundheitsminister Otto Falk", "seien"),
    ]


DESCRIBED = {
    "en": (
        "Orvale lost 3-0 in Kessby on Sunday. Goalkeeper Tilda Framm was furious after the game. "
        "The keeper said the second goal should never have stood.",
        "Tilda Framm",
    ),
    "fr": (
        "La nageuse Anouk Sarrail a battu samedi le record national du 200 mètres. "
        "« Je n'y croyais plus », a confié la championne après la course.",
        "Anouk Sarrail",
    ),
    "es": (
        "La alcaldesa Rosa Imbert presentó el lunes el presupuesto municipal. "
        "La regidora advirtió que no habrá nuevas inversiones hasta 2027.",
        "Rosa Imbert",
    ),
}


@pytest.mark.parametrize("language", sorted(DESCRIBED))
def test_a_description_of_one_person_stands_for_the_person_just_named(tmp_path, language):
    text, person = DESCRIBED[language]
    seg = segment(extract(read_file(write(tmp_path, f"{language}.txt", text))), "A")
    notes = annotate(seg)
    [last] = [s for s in notes.statements if s.sentence == seg.sentences[-1].id]
    assert last.speaker.endswith(person)  # "Goalkeeper Tilda Framm" as written
    assert last.resolved_from is not None and person not in last.resolved_from


@pytest.mark.parametrize(
    "text",
    [
        # a body, not the person named before
        "Mayor Ilse Varga opened the bridge on Monday. The club said it would pay for the lights.",
        # a possessive brings in someone new
        "The Orvale Trust bought the mill. Its director said the roof would be repaired first.",
        # a new, unnamed speaker
        "Mayor Ilse Varga opened the bridge on Monday. A resident said it was too narrow.",
    ],
)
def test_bodies_and_new_speakers_are_not_taken_for_the_person_named_before(tmp_path, text):
    notes = annotate(segment(extract(read_file(write(tmp_path, "a.txt", text))), "A"))
    assert notes.statements
    assert not any(s.speaker in ("Ilse Varga", "The Orvale Trust") and s.resolved_from
                   for s in notes.statements)


@pytest.mark.parametrize(
    "language, text, speaker, reporter",
    [
        ("fr", "Les cheminots de Valbrune ont voté la grève jeudi soir. "
         "Selon sa porte-parole, Maëlle Ricou, la grève sera reconduite lundi.",
         "Maëlle Ricou", None),
        ("es", "El incendio del hospital de Arbeca quedó controlado por la noche. "
         "Según el director del hospital, Tomás Leal, no hay más heridos.", "Tomás Leal", None),
        ("de", "Die Verhandlungen in Korbach dauerten bis in die Nacht. "
         "Laut der Agentur Nordpress sagte Henning Wald, der Vertrag sei unterschriftsreif.",
         "Henning Wald", "die Agentur Nordpress"),
    ],
)
def test_the_name_after_a_description_or_a_source_is_the_speaker(
    tmp_path, language, text, speaker, reporter
):
    statement = last_statement(tmp_path, language, text)
    assert statement.speaker == speaker
    assert statement.reporter == reporter


def test_a_pronoun_after_a_postposed_source_speaks_in_german(tmp_path):
    text = (
        "Die Reederin Jana Kolbe hat den Verkauf der Flotte angekündigt. "
        "Dem Bericht zufolge warnte sie die Kapitäne zudem, die Löhne würden sinken."
    )
    seg = segment(extract(read_file(write(tmp_path, "de.txt", text))), "A")
    notes = annotate(seg)
    [last] = [s for s in notes.statements if s.sentence == seg.sentences[-1].id]
    assert "Jana Kolbe" in last.speaker and last.resolved_from == "sie"
    assert last.reporter == "Dem Bericht"


@pytest.mark.parametrize(
    "text, speaker",
    [
        # the when and where of the speaking are not the speaker
        ("El alcalde Tomás Rey visitó la obra. «No habrá retrasos», aseguró Rey el martes en "
         "el pleno.", "Tomás Rey"),
        # a relative clause with a number in it, then the verb
        ("Orvane, which employs about 2,300 people in Kessby, said the plant would stay open.",
         "Orvane"),
        # a relative clause, then the outlet that was told
        ("Ida Moor, who chairs the tenants' group Housing Now, told the weekly Civic Ledger that "
         "rents had doubled.", "Ida Moor"),
    ],
)
def test_the_speaker_phrase_holds_only_the_speaker(tmp_path, text, speaker):
    language = "es" if "alcalde" in text else "en"
    statement = last_statement(tmp_path, language, "Opening line of the story for the page.\n\n" + text)
    assert statement.speaker == speaker


@pytest.mark.parametrize(
    "language, text, speaker",
    [
        ("fr", "La présidente de la Fédération des éleveurs du Morvan, Sylvie Kerbrat, a jugé "
               "l'aide insuffisante.", "Sylvie Kerbrat"),
        ("es", "El portavoz del principal partido de la oposición, Álvaro Setién, calificó el plan "
               "de insuficiente.", "Álvaro Setién"),
        ("de", "Der Geschäftsführer der Großküche, Jens Pohl, sagte der Zeitung, man bedauere den "
               "Vorfall.", "Jens Pohl"),
        ("de", "Die Schauspielerin Lea Bertram, seit zwölf Jahren im Ensemble, sagte, viele "
               "Kollegen seien verunsichert.", "Die Schauspielerin Lea Bertram"),
    ],
)
def test_a_role_with_its_name_in_apposition_before_the_verb(tmp_path, language, text, speaker):
    text = "Kellbach, 3. März. Erster Satz des Berichts.\n\n" + text
    assert last_statement(tmp_path, language, text).speaker == speaker


@pytest.mark.parametrize(
    "language, text, speaker",
    [
        ("en", "Elliott Brayne missed a penalty in the last minute. “We only have ourselves to "
               "blame,” the 31-year-old said.", "Elliott Brayne"),
        ("de", "Emre Yıldız bereitete zwei Tore vor. Der Sieg sei für die Fans, sagte der "
               "29-Jährige.", "Emre Yıldız"),
        ("en", "Torvane Motors will close a plant. The company declined to confirm the figure but "
               "said in a statement that talks were going on.", "Torvane Motors"),
    ],
)
def test_age_descriptions_and_a_subject_before_but(tmp_path, language, text, speaker):
    assert last_statement(tmp_path, language, text).speaker == speaker


def test_a_german_as_clause_names_who_passes_the_words_on(tmp_path):
    text = ("Kestrel Bay, 4. Mai. Das Werk bleibt offen.\n\n"
            "Wie Harland Photonics mitteilte, hat der Konzern 45 Millionen Pfund erhalten.")
    assert last_statement(tmp_path, "de", text).speaker == "Harland Photonics"


def test_a_german_role_introduced_with_its_name_resolves_later_and_before_an_auxiliary(tmp_path):
    text = ("Der Verkehrsminister von Norland, Reinhold Gassner, hat am Dienstag ein "
            "Sanierungsprogramm angekündigt. Der Minister sagte in Kellbrück, die Lage sei ernst.")
    seg = segment(extract(read_file(write(tmp_path, "de.txt", text))), "A")
    speakers = [s.speaker for s in annotate(seg).statements]
    assert speakers == ["Reinhold Gassner", "Reinhold Gassner"]


def test_a_synonym_of_the_role_a_person_was_introduced_with_is_that_person(tmp_path):
    text = ("El entrenador del Montiel, Sergio Lafuente, restó importancia a las molestias. "
            "Según el técnico, Montiel jugará el sábado sin problemas.")
    assert last_statement(tmp_path, "es", text).speaker == "Sergio Lafuente"


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("El incendio sigue activo. Según fuentes de la investigación, el fuego se originó junto "
         "a una carretera.", "fuentes de la investigación"),
        ("Vuelamar ganó 212 millones de euros. Los beneficios crecieron un 18 %, informó este "
         "jueves la compañía.", "la compañía"),
    ],
)
def test_vague_sources_as_named_and_a_speaker_after_this_weekday(tmp_path, text, speaker):
    assert last_statement(tmp_path, "es", text).speaker == speaker


@pytest.mark.parametrize(
    "language, text",
    [
        ("en", "Councillor Martin Hale took a trip paid by a builder. Hale denied any wrongdoing."),
        ("es", "El concejal Martín Hales viajó a cargo de una constructora. Hales negó cualquier "
               "irregularidad."),
        ("fr", "Le syndicat agricole de la Brie a réagi mardi soir à la publication de l'étude. "
               "Le syndicat conteste ces conclusions."),
    ],
)
def test_a_denial_is_a_statement(tmp_path, language, text):
    assert last_statement(tmp_path, language, text).cue


@pytest.mark.parametrize(
    "language, text, speaker",
    [
        ("en", "Torvane Motors is preparing to cut 1,200 jobs, people familiar with the plans "
               "said. The company said in a statement that it was reviewing capacity.",
         "Torvane Motors"),
        ("es", "Las acciones del fabricante de automóviles Orbis cayeron un 9 %. Según la "
               "compañía, no habrá despidos este año.", "Orbis"),
        ("de", "Der Maschinenbauer Hellwig & Söhne will 900 Stellen streichen. Das Unternehmen "
               "teilte später mit, der Betriebsrat werde informiert.", "Hellwig & Söhne"),
        ("fr", "Le fabricant de pneumatiques Valcorne va supprimer 640 postes. La direction a "
               "confirmé « un projet de réorganisation ».", "La direction de Valcorne"),
    ],
)
def test_the_company_stands_for_the_company_last_named(tmp_path, language, text, speaker):
    statement = last_statement(tmp_path, language, text)
    assert statement.speaker == speaker
    assert statement.resolved_from


def test_the_company_is_not_a_person_named_before(tmp_path):
    text = ("Chief executive Dana Vidal said sales had slowed. The company said in a statement "
            "that no jobs would go.")
    assert last_statement(tmp_path, "en", text).speaker == "The company"


@pytest.mark.parametrize(
    "language, text, speaker, reporter",
    [
        ("fr", "Le budget sera voté en mars. Selon l'Agence de presse du Centre (APC), Bertrand "
               "Lemoyne aurait promis aux maires une enveloppe de 40 millions d'euros.",
         "Bertrand Lemoyne", "l'Agence de presse du Centre"),
        ("es", "Un incendio destruyó una casa. Según informó la agencia Iberpress, los bomberos "
               "señalaron que el fuego se originó en la cocina.", "los bomberos",
         "Iberpress"),
    ],
)
def test_who_speaks_in_what_an_outlet_passes_on(tmp_path, language, text, speaker, reporter):
    statement = last_statement(tmp_path, language, text)
    assert (statement.speaker, statement.reporter) == (speaker, reporter)


def test_an_outlet_reports_at_the_end_of_a_sentence_with_a_day(tmp_path):
    text = ("Skylane Air is in trouble. The airline plans to cut 600 jobs by the end of the "
            "year, the Dunmore Herald reported on Tuesday.")
    statement = last_statement(tmp_path, "en", text)
    assert (statement.speaker, statement.cue) == ("the Dunmore Herald", "reported")


@pytest.mark.parametrize(
    "language, text, speaker, cue",
    [
        ("en", "The ferry to the island will stop running in May, the operator said on Monday. "
               "Islander Hamish Corrie, 81, put it more bluntly: “They’ve cut us off.”",
         "Hamish Corrie", "put it more bluntly"),
        ("de", "Der Verein hat am Samstag vor eigenem Publikum gegen den Tabellenletzten mit "
               "null zu drei verloren. Torhüter Jonas Weil legte nach: „Manche von uns sollten "
               "sich mal fragen, warum sie hier sind.“", "Jonas Weil", "legte nach"),
        ("en", "Flu cases in the region rose again last week, the health authority said on "
               "Friday. The authority’s medical director, Dr Samuel Okonjo, was blunt: “If you "
               "are ill, stay at home.”", "Samuel Okonjo", "was blunt"),
    ],
)
def test_a_colon_after_a_named_subject_opens_their_quote(tmp_path, language, text, speaker, cue):
    statement = last_statement(tmp_path, language, text)
    assert speaker in statement.speaker and statement.cue == cue


def test_a_colon_after_a_thing_opens_no_ones_quote(tmp_path):
    text = ("The inquiry into the collapse of the bridge ended on Monday after two years. The "
            "report lists three causes: “neglect”, “greed” and “luck”.")
    seg = segment(extract(read_file(write(tmp_path, "en.txt", text))), "A")
    assert not [s for s in annotate(seg).statements if s.cue]


@pytest.mark.parametrize(
    "language, text, speaker, cue",
    [
        ("en", "Torvane Motors will cut 1,200 jobs at its plant in Kelderby, people familiar with "
               "the plans said. Local MP Ronan Fitch urged the company to come clean.",
         "Ronan Fitch", "urged"),
        ("es", "Cuatro pacientes murieron en la unidad de cuidados intensivos del hospital. El "
               "sindicato de enfermería SIEN exigió una investigación independiente.",
         "SIEN", "exigió"),
    ],
)
def test_a_demand_or_a_rejection_is_a_statement(tmp_path, language, text, speaker, cue):
    statement = last_statement(tmp_path, language, text)
    assert speaker in statement.speaker and statement.cue == cue


def test_the_newspaper_that_publishes_the_text_is_no_reporter(tmp_path):
    text = ("Cuatro pacientes murieron en la unidad de cuidados intensivos del hospital. "
            "Fuentes del propio hospital aseguraron a este diario que el personal avisó.")
    statement = last_statement(tmp_path, "es", text)
    assert statement.speaker == "Fuentes del propio hospital" and not statement.reporter


def test_he_is_not_a_group_of_two_hundred(tmp_path):
    text = ("More than 200 scientists have urged the minister to halt drilling in the basin. "
            "Among the signatories is hydrologist Prof. Kwame Asante of Lindmoor University. "
            "“I have spent thirty years measuring that water,” he lamented.")
    assert "Kwame Asante" in last_statement(tmp_path, "en", text).speaker


def test_with_witnesses_saying_attributes_and_a_statement_saying_does_not(tmp_path):
    text = ("Tens of thousands of people had come to the old town for the festival on Saturday. "
            "Panic broke out as the crowd swelled, with some witnesses saying it became hard "
            "to breathe.")
    assert last_statement(tmp_path, "en", text).speaker == "some witnesses"
    text = ("The two parties met again in the capital on Monday for a last round of talks. The "
            "ministry issued a statement saying the talks had failed.")
    seg = segment(extract(read_file(write(tmp_path, "en2.txt", text))), "A")
    assert not [s for s in annotate(seg).statements if s.cue == "saying"]


def test_a_document_speaks_for_its_author(tmp_path):
    text = ("Levels of nitrate in the River Tarrend have doubled in ten years, according to a "
            "report published on Tuesday by the Northfield Environment Agency. The report said "
            "run-off from poultry farms was the main cause.")
    seg = segment(extract(read_file(write(tmp_path, "en.txt", text))), "A")
    speakers = [s.speaker for s in annotate(seg).statements if s.cue]
    assert speakers == ["the Northfield Environment Agency"] * 2


def test_the_statement_goes_on_speaking_for_who_issued_it(tmp_path):
    text = ("Two snow leopard cubs were born at the reserve in March, the Global Cat Trust said in "
            "a statement. The statement added that the cubs would join a breeding programme.")
    assert last_statement(tmp_path, "en", text).speaker == "the Global Cat Trust"


def test_where_a_statement_was_made_is_no_document_speaking(tmp_path):
    text = ("Valesia rechazó el viernes las acusaciones del presidente de Karsenia sobre su "
            "frontera. «Rechazamos estas acusaciones», señaló en un comunicado su Ministerio de "
            "Exteriores.")
    assert "Ministerio de Exteriores" in last_statement(tmp_path, "es", text).speaker


@pytest.mark.parametrize(
    "language, text, ministry",
    [
        ("en", "In an open letter to Culture Minister Jonas Brede, the novelist protested against "
               "the cuts. His ministry said later that no library would close.",
         "the Culture Ministry"),
        ("fr", "La ministre de l'Éducation, Claire Montagnac, a présenté lundi un plan de "
               "recrutement. Le ministère a précisé que les contrats seraient signés en juin.",
         "le ministère de l'Éducation"),
        ("es", "En una carta abierta dirigida al ministro de Cultura, Jonás Bredero, la escritora "
               "protesta. Su ministerio precisó más tarde que ninguna biblioteca cerrará.",
         "el Ministerio de Cultura"),
        ("de", "In einem offenen Brief an Verkehrsministerin Jutta Pohlmann fordern die "
               "Bürgermeister eine Bahnstrecke. Das Ministerium teilte mit, eine Studie sei "
               "in Auftrag gegeben.", "das Verkehrsministerium"),
    ],
)
def test_the_ministry_is_the_ministry_of_the_minister_named(tmp_path, language, text, ministry):
    statement = last_statement(tmp_path, language, text)
    assert statement.speaker == ministry and statement.resolved_from


@pytest.mark.parametrize(
    "language, text, speaker",
    [
        ("es", "El Gobierno aprobó el lunes la nueva ley de alquileres turísticos. La asociación "
               "de puertos deportivos Amarres del Sur considera que la norma llega tarde.",
         "Amarres del Sur"),
        ("fr", "Le ministère a confirmé la fermeture du site la semaine prochaine. Selon un "
               "diplomate occidental en poste à Kirsk, ce limogeage fait suite à une dispute.",
         "un diplomate occidental en poste à Kirsk"),
    ],
)
def test_a_body_introduced_by_its_kind_is_shown_by_its_name(tmp_path, language, text, speaker):
    assert last_statement(tmp_path, language, text).speaker == speaker


@pytest.mark.parametrize(
    "language, text, speaker, cue",
    [
        ("fr", "Le chef du gouvernement n'a pas assisté au conseil des ministres de mercredi. "
               "« Il est agacé par certains ministres qui parlent trop », glisse un conseiller.",
         "un conseiller", "glisse"),
        ("es", "El exalcalde Andrés Pineda fue condenado el martes a seis años de prisión. «Nunca "
               "me he llevado un euro», repitió Pineda ante el tribunal.", "Andrés Pineda",
         "repitió"),
        ("de", "Das Landgericht hat den Unternehmer zu vier Jahren Haft verurteilt. „Sie haben "
               "die Notlage anderer ausgenutzt“, hielt die Richterin dem Angeklagten vor.",
         "die Richterin", "hielt"),
    ],
)
def test_a_verb_and_its_subject_after_an_opening_quote_name_its_speaker(
    tmp_path, language, text, speaker, cue
):
    statement = last_statement(tmp_path, language, text)
    assert (statement.speaker, statement.cue) == (speaker, cue)


def test_she_is_the_woman_named_not_the_man_who_spoke_last(tmp_path):
    text = ("Finance Minister Harriet Colebrook unveiled a revised budget on Wednesday. Opposition "
            "leader Desmond Achebe-Ward called the plan “a slow-motion cancellation”. “Nobody is "
            "cancelling anything,” she told lawmakers.")
    assert last_statement(tmp_path, "en", text).speaker == "Harriet Colebrook"


def test_a_pronoun_after_a_role_resolved_stands_for_that_person(tmp_path):
    text = ("Prosecutor Ayesha Brannigan told the jury that the coach had lied. “You will explain "
            "where every penny went,” Judge Philippa Marr told the defendant. The prosecutor said "
            "outside court that families were still owed money. “Some took out loans,” she said.")
    assert "Ayesha Brannigan" in last_statement(tmp_path, "en", text).speaker


@pytest.mark.parametrize(
    "language, text, name, gender",
    [
        ("fr", "La présidente de la cour, Anne-Laure Pichon, a lu le verdict.", "anne-laure pichon", "f"),
        ("de", "Verkehrsministerin Jutta Pohlmann schweigt.", "jutta pohlmann", "f"),
        ("es", "El juez Tomás Ribas no respondió.", "tomas ribas", "m"),
        ("en", "Opposition leader Desmond Achebe-Ward spoke first.", "desmond achebe-ward", "m"),
    ],
)
def test_the_gender_a_text_gives_a_name(language, text, name, gender):
    from factcheck.annotate.statements import genders_in

    assert genders_in(text, language).get(name) == gender


def test_how_a_statement_was_made_is_not_its_speaker(tmp_path):
    text = ("The pesticide tervanol was banned in two countries last year after a study. "
            "Agrelon, which makes tervanol, said in an emailed statement that the product "
            "was safe.")
    assert last_statement(tmp_path, "en", text).speaker == "Agrelon"


def test_an_inverted_speaker_takes_the_name_apposed_after_it(tmp_path):
    text = ("Le Stade de Roncelles s'est qualifié dimanche pour la finale de la coupe régionale. "
            "« Ce groupe ne lâche jamais rien », a savouré l'entraîneuse roncelloise, Julie "
            "Ferrandi.")
    assert "Julie Ferrandi" in last_statement(tmp_path, "fr", text).speaker


def test_she_is_the_woman_a_sentence_without_a_statement_named(tmp_path):
    text = ("Le Stade de Roncelles s'est qualifié dimanche pour la finale, a annoncé le club. "
            "Auteure du but décisif, l'attaquante Inès Moukoko a dédié la victoire à sa mère. "
            "« Elle était dans les tribunes », a-t-elle raconté.")
    assert last_statement(tmp_path, "fr", text).speaker == "Inès Moukoko"


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("Der Verkehrsminister hat ein Sanierungsprogramm für Brücken vorgestellt. Betriebsratschef "
         "Uwe Stamm warf der Geschäftsführung vor, jahrelang zu wenig investiert zu haben.",
         "Uwe Stamm"),
    ],
)
def test_a_german_accusation_closed_by_its_particle_is_a_statement(tmp_path, text, speaker):
    assert speaker in last_statement(tmp_path, "de", text).speaker


def test_a_thrown_stone_is_no_statement_and_a_noun_is_no_konjunktiv(tmp_path):
    text = ("Die Demonstranten zogen am Samstag durch die Innenstadt von Kellbach. Ein Mann warf "
            "einen Stein auf ein Polizeiauto. Die Pläne der Stadt stoßen auf Kritik.")
    seg = segment(extract(read_file(write(tmp_path, "de.txt", text))), "A")
    assert not [s for s in annotate(seg).statements if s.cue]


def test_a_report_verb_after_a_quote_and_its_subject_or_before_a_long_that(tmp_path):
    text = ("The council voted to raise the local tax by four per cent on Tuesday evening. “Then "
            "buy a new calculator,” one man shouted from the back of the hall.")
    assert last_statement(tmp_path, "en", text).speaker == "one man"
    text = ("Scientists urged the minister to halt drilling in the basin. Doyle insisted in a reply "
            "on Friday that every licence had been checked.")
    assert last_statement(tmp_path, "en", text).speaker == "Doyle"


def test_a_description_stands_for_the_name_it_introduced_with_a_complement(tmp_path):
    # « La rectrice de l'académie de X, Nathalie Lemaire » introduces "la rectrice"
    statement = last_statement(
        tmp_path,
        "fr",
        "Écoles\n\nLa rectrice de l'académie de Brévanne, Nathalie Lemaire, a annoncé lundi la "
        "suppression de 85 postes.\n\nLa rectrice a promis qu'aucune école rurale ne fermerait.\n",
    )
    assert (statement.speaker, statement.resolved_from) == ("Nathalie Lemaire", "La rectrice")


def test_the_opposition_is_a_body_not_the_last_person_named(tmp_path):
    statement = last_statement(
        tmp_path,
        "de",
        "Haushalt\n\nFinanzminister Konrad Elsbach sagte, der Haushalt sei solide.\n\nOhne "
        "Einschnitte bei den Investitionen sei der Haushalt nicht zu halten.\n\nDie Opposition "
        "hält den Bericht für einen Beleg, dass die Regierung die Lage beschönigt habe.\n",
    )
    assert statement.speaker == "Die Opposition"


def test_segun_with_a_verb_of_deciding_is_no_attribution():
    from factcheck.annotate.statements import attributions
    from factcheck.models import Sentence

    text = "La tarifa subirá un 14 %, según aprobó el lunes su consejo de administración."
    assert not attributions(Sentence("X", text, 0, len(text), "body", 0, "es"))
    text = "La tarifa subirá un 14 %, según informó la empresa."
    assert attributions(Sentence("X", text, 0, len(text), "body", 0, "es"))


def test_a_speech_verb_in_capitals_inside_a_sentence_is_part_of_a_name():
    from factcheck.annotate.statements import attributions
    from factcheck.models import Sentence

    text = 'He worked with René Clément ("Plein Soleil", titled "Purple Noon" in the United States).'
    assert not attributions(Sentence("X", text, 0, len(text), "body", 0, "en"))


@pytest.mark.parametrize(
    "lang, text, speaker, reporter",
    [
        ("en", "The plant will close in May, the Harbour Courier reported on Friday, citing two "
               "people familiar with the plans.", "two people familiar with the plans",
         "the Harbour Courier"),
        ("de", "Das Werk soll schließen, wie die Nachrichtenagentur NPA am Mittwoch unter Berufung "
               "auf Insider berichtete.", "Insider", "die Nachrichtenagentur NPA"),
        ("de", "Das Werk soll schließen, wie die „Nordwest-Zeitung“ unter Berufung auf "
               "Betriebsratskreise berichtet.", "Betriebsratskreise", "die Nordwest-Zeitung"),
        ("fr", "L’usine fermera en mai, a rapporté le quotidien « Le Courrier », citant des "
               "proches du dossier.", "des proches du dossier", "Courrier"),
    ],
)
def test_an_outlet_citing_its_source_is_the_reporter(tmp_path, lang, text, speaker, reporter):
    statement = last_statement(tmp_path, lang, "Werk\n\n" + text + "\n")
    assert (statement.speaker, statement.reporter) == (speaker, reporter)


def test_an_outlet_citing_a_document_or_a_reason_speaks_itself(tmp_path):
    text = ("Delmont Foods will close its bakery, the Harbour Courier reported on Friday, citing "
            "internal documents.")
    assert last_statement(tmp_path, "en", "Bakery\n\n" + text + "\n").speaker == "the Harbour Courier"
    text = ("The government will delay the closure of two coal plants, the Ministry of Energy said "
            "on Thursday, citing the risk of winter blackouts.")
    assert last_statement(tmp_path, "en", "Coal\n\n" + text + "\n").speaker == "the Ministry of Energy"


@pytest.mark.parametrize(
    "lang, text, speaker",
    [
        ("de", "Nach Polizeiangaben wurde der Fahrer schwer verletzt.", "Polizei"),
        ("de", "Laut Behördenangaben starben drei Menschen.", "Behörden"),
        ("fr", "En 2019, indique le média, le projet a été abandonné.", "le média"),
        ("en", "Rachida Okafor had first reported on the radio that a robbery had occurred.",
         "Rachida Okafor"),
    ],
)
def test_speakers_in_compounds_inverted_incises_and_after_adverbs(tmp_path, lang, text, speaker):
    lead = {
        "de": "Auf der Landstraße bei Talheim ist am Montag ein Lastwagen umgekippt.",
        "fr": "Le projet de téléphérique de la vallée devait relier trois villages.",
        "en": "The museum in the old harbour district was closed for the whole morning.",
    }[lang]
    body = "Titel\n\n" + lead + " " + text + "\n"
    assert last_statement(tmp_path, lang, body).speaker == speaker


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("Als mögliche Ursache nannte die Guardia Civil, dass ein Reifen geplatzt sei.",
         "die Guardia Civil"),
        ("Als Grund gab der Sprecher an, dass die Strecke gesperrt sei.", "der Sprecher"),
    ],
)
def test_german_verb_second_after_als(tmp_path, text, speaker):
    body = "Unfall\n\nAuf der Landstraße bei Talheim ist am Montag ein Lastwagen umgekippt. " + text + "\n"
    assert last_statement(tmp_path, "de", body).speaker == speaker


def test_a_name_before_a_long_role_speaks_and_a_clause_after_the_verb_is_not_its_subject(tmp_path):
    text = ("“We count around 40 dead and 115 injured,” Frederic Gisler, police commander in the "
            "Wallis canton in southwestern Switzerland, told reporters, as the president called "
            "the fire a tragedy.")
    body = "Fire\n\nA fire broke out in a bar in the mountain resort overnight. " + text + "\n"
    assert last_statement(tmp_path, "en", body).speaker == "Frederic Gisler"


@pytest.mark.parametrize(
    "lead, text, speaker, reporter",
    [
        ("Le Premier ministre, Laurent Bréval, envisagerait de remanier son gouvernement.",
         "D'après l'hebdomadaire Le Regard, le chef du gouvernement aurait confié à ses proches "
         "qu'il voulait changer d'équipe.", "Laurent Bréval", "l'hebdomadaire Le Regard"),
        ("Le président de la Vestrie, Emil Corvatz, a limogé vendredi son chef d'état-major.",
         "Selon l'agence officielle Vestpress, le chef de l'État a reproché au général sa "
         "gestion des inondations.", "Emil Corvatz", "l'agence officielle Vestpress"),
        ("Le président de la région, Frédéric Aubanel, aurait envisagé de démissionner, selon "
         "Le Courrier des Vallées.",
         "D'après le quotidien, il aurait confié à ses collaborateurs être épuisé.",
         "Frédéric Aubanel", "Le Courrier des Vallées"),  # « le quotidien »: the paper named before
    ],
)
def test_what_an_outlet_passes_on_is_said_by_the_person_it_names(
    tmp_path, lead, text, speaker, reporter
):
    body = "Titre\n\n" + lead + " " + text + "\n"
    st = last_statement(tmp_path, "fr", body)
    assert (st.speaker, st.reporter) == (speaker, reporter)


def test_a_closing_inverted_attribution_to_an_outlet_speaks_for_the_clause_before(tmp_path):
    body = ("Titre\n\nLa capitale était calme samedi. Le président de la Borévie, Stanislas "
            "Orbelian, a limogé samedi son chef d'état-major, ont rapporté les médias d'État.\n")
    assert last_statement(tmp_path, "fr", body).speaker == "les médias d'État"
    body = ("Title\n\nThe capital was calm on Saturday. Tom Birkett, a spokesman for the water "
            "board, said the board had opened two relief channels upstream.\n")
    assert last_statement(tmp_path, "en", body).speaker == "Tom Birkett"


@pytest.mark.parametrize(
    "lang, text, speaker",
    [
        ("es", "Fuentes municipales reconocieron que el consistorio ya estudia ampliarlo.",
         "fuentes municipales"),
        ("fr", "Son homologue, Mikko Jaskari, avait exigé la veille l'arrêt des travaux.",
         "Mikko Jaskari"),
        ("fr", "Les syndicats ont promis de revenir lundi.", "Les syndicats"),
    ],
)
def test_speech_verbs_in_the_number_and_tense_the_lexicon_does_not_list(
    tmp_path, lang, text, speaker
):
    lead = {
        "es": "El pleno del ayuntamiento se reunió el martes por la tarde durante tres horas.",
        "fr": "La séance du conseil municipal a duré trois heures mardi soir à la mairie.",
    }[lang]
    st = last_statement(tmp_path, lang, "Titre\n\n" + lead + " " + text + "\n")
    assert st.speaker.casefold() == speaker.casefold()


@pytest.mark.parametrize(
    "lang, text, speaker",
    [
        ("de", "Für Betriebsratschefin Monika Ehlers ist die Insolvenz ein „Schock für die ganze "
         "Belegschaft“.", "Betriebsratschefin Monika Ehlers"),
        ("fr", "Pour l'analyste Irina Popescu, de l'Institut d'études régionales, la situation "
         "est « explosive ».", "l'analyste Irina Popescu"),
        ("de", "Als Gründe für die Schieflage nannte Geschäftsführer Jörg Ballhaus die schwache "
         "Nachfrage nach E-Bikes und volle Lager.", "Geschäftsführer Jörg Ballhaus"),
    ],
)
def test_whose_view_a_sentence_opens_with_and_a_german_subject_after_its_verb(
    tmp_path, lang, text, speaker
):
    lead = {
        "de": "Bis Ende Juli seien die Löhne über das Insolvenzgeld gesichert, hieß es gestern.",
        "fr": "La tension monte depuis trois semaines entre les deux pays voisins du fleuve.",
    }[lang]
    st = last_statement(tmp_path, lang, "Titel\n\n" + lead + " " + text + "\n")
    assert st.speaker == speaker


def test_an_opening_for_without_a_person_is_no_one_s_view(tmp_path):
    body = ("Title\n\nTalks between the two neighbours resumed on Monday in the capital. For the "
            "first time, the two delegations met without mediators in the room.\n")
    assert not last_statements(tmp_path, "en", body)


@pytest.mark.parametrize(
    "lang, text, speaker",
    [
        ("fr", "Selon M. Yerlikaya, l'avion transportait cinq personnes.", "M. Yerlikaya"),
        ("fr", "Elle a rappelé que les pertes dépassaient, selon ses calculs, le milliard.",
         "Sylvie Kerbrat"),
    ],
)
def test_a_title_s_full_stop_and_a_possessive_source(tmp_path, lang, text, speaker):
    lead = ("La présidente de la fédération, Sylvie Kerbrat, a jugé l'enveloppe « très "
            "insuffisante » mardi.")
    st = last_statement(tmp_path, lang, "Titre\n\n" + lead + " " + text + "\n")
    assert st.speaker == speaker


@pytest.mark.parametrize(
    "body, act, speech",
    [
        # a noun after an elided article is no speech verb; « l'a annoncé » is one
        ("Titre\n\nLe chef d'état-major a péri dans un accident d'avion mardi soir. Peu après "
         "l’annonce, le gouvernement a décrété trois jours de deuil national.\n",
         "Peu après l’annonce, le gouvernement a décrété", "Le ministre l'a annoncé:"),
        # an answer made with an act is no speech; one made by a statement is
        ("Titre\n\nPyongyang aurait fourni des munitions à la Russie cet automne. Moscou aurait "
         "répondu par un soutien financier et logistique.\n",
         "par un soutien financier et logistique", "par un communiqué laconique"),
    ],
)
def test_words_that_look_like_speech_verbs_but_are_a_noun_or_an_act(tmp_path, body, act, speech):
    assert not last_statements(tmp_path, "fr", body)
    assert last_statements(tmp_path, "fr", body.replace(act, speech), name="fr2")


def test_an_outlet_citing_a_publicist_passes_on_the_publicist_s_words(tmp_path):
    text = ("Robert Vale died on Tuesday at the age of 89, the Harbour Times reported, citing his "
            "publicist.")
    st = last_statement(tmp_path, "en", "Obituary\n\nThe actor was known for westerns. " + text + "\n")
    assert (st.speaker, st.reporter) == ("his publicist", "the Harbour Times")


def test_a_name_ending_in_an_article_like_word_still_speaks(tmp_path):
    text = "Le leader nord-coréen Kim Jong Un a affirmé que les liens s'étaient renforcés."
    st = last_statement(tmp_path, "fr", "Titre\n\nLa Corée du Nord a célébré le Nouvel An. " + text + "\n")
    assert st.speaker == "Le leader nord-coréen Kim Jong Un"


@pytest.mark.parametrize(
    "lang, text, speaker",
    [
        ("de", "Der Bauernverband Unterbrand weist eine Mitschuld der Landwirte zurück.",
         "Der Bauernverband Unterbrand"),
        ("de", "Der Verein dankte dem Trainer für seinen „großen Einsatz“.", "Der Verein"),
        ("es", "El alcalde de Casarejos, Pedro Salcedo, se quejó de que los medios tardaron.",
         "Pedro Salcedo"),
        ("en", "The city council does not rule out further fare reviews next year.",
         "The city council"),
    ],
)
def test_speech_verbs_with_a_particle_or_an_object(tmp_path, lang, text, speaker):
    lead = {
        "de": "Das Dorf liegt seit Jahrhunderten im Tal unterhalb der alten Burg am Fluss.",
        "es": "El incendio forestal obligó a desalojar dos aldeas de la comarca el sábado.",
        "en": "Fares on the metro rose by eight per cent in January after a long review.",
    }[lang]
    st = last_statement(tmp_path, lang, "Title\n\n" + lead + " " + text + "\n")
    assert st.speaker == speaker


@pytest.mark.parametrize("description, noun", [
    ("la coureuse de 24 ans", "coureuse"),
    ("l'entraîneuse de Roncelles", "entraineuse"),
    ("la Morvelloise", "morvelloise"),
    ("L'élu", "elu"),
    ("la Direction", ""),
])
def test_french_descriptions_of_one_person(description, noun):
    from factcheck.annotate.statements import person_description

    assert person_description(description, "fr") == noun


def test_a_body_is_not_the_person_of_that_body_who_spoke_before(tmp_path):
    text = ("Title\n\nA former treasurer of Ashgrove District Council was jailed on Wednesday. "
            "The council's chief executive, Rosalind Achebe, said the authority had tightened its "
            "controls. According to the council, about £95,000 has been recovered so far.\n")
    assert last_statement(tmp_path, "en", text).speaker == "Ashgrove District Council"
