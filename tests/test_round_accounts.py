"""Halves written out, figures within a stated bound, claims made "by its own account", a
possessive before a name, and a clause that renders a further source sentence: patterns met on
republished pages, written here as invented text."""

import pytest

from factcheck.annotate import annotate_sentence
from factcheck.annotate.quantities import extract
from factcheck.annotate.statements import main_attribution
from factcheck.models import Sentence

from .conftest import check_texts


def figures(text, language):
    return [(q.kind, q.value, q.text) for q in extract(text, language)]


@pytest.mark.parametrize("text, language, value, written", [
    ("two and a half million people", "en", 2_500_000, "two and a half million"),
    ("dos millones y medio de personas", "es", 2_500_000, "dos millones y medio"),
    ("zweieinhalb Millionen Menschen", "de", 2_500_000, "zweieinhalb Millionen"),
    ("anderthalb Jahre", "de", 1.5, "anderthalb"),
])
def test_a_half_written_out_is_part_of_the_figure(text, language, value, written):
    assert figures(text, language) == [("count", value, written)]


def test_a_half_after_the_unit_still_counts():
    # « deux kilomètres et demi »: two and a half kilometres, the unit between
    assert [q.value for q in extract("deux kilomètres et demi", "fr")] == [2.5]


def speaker(text, language):
    note = annotate_sentence(Sentence("X", text, 0, len(text), "body", 0, language))
    main = main_attribution(list(note.attributions))
    return main and (main.speaker, main.cue)


@pytest.mark.parametrize("text, language, expected", [
    ("Der Konzern hat nach eigenen Angaben 40.000 Räder verkauft.", "de",
     ("Der Konzern", "nach eigenen Angaben")),
    ("L'entreprise a vendu, selon ses propres chiffres, 40 000 vélos.", "fr",
     ("L'entreprise", "selon ses propres chiffres")),
    ("The company, by its own account, sold 40,000 bikes last year.", "en",
     ("The company", "by its own account")),
    ("La empresa vendió, según sus propios datos, 40.000 bicicletas.", "es",
     ("La empresa", "según sus propios datos")),
    ("Oliver Strand, by his own account, lost the seat by 40 votes.", "en",
     ("Oliver Strand", "by his own account")),
])
def test_a_claim_by_its_own_account_is_its_subjects(text, language, expected):
    assert speaker(text, language) == expected


def test_an_own_account_after_a_clause_without_a_subject_names_no_one():
    assert speaker("Sales fell sharply last year, by its own account.", "en") is None


def test_a_possessive_before_a_role_does_not_hide_the_name_after_it():
    text = "Dunford's MP, Oliver Strand, said the plan was reckless."
    assert speaker(text, "en") == ("Oliver Strand", "said")


def test_a_figure_within_the_bound_the_source_states_is_weak(tmp_path):
    source = ("Survey\n\nA survey by the Orvel institute found that more than 10% of households "
              "in Brask had no heating last winter. The institute questioned 2,000 families.\n")
    article = ("Survey\n\nUne enquête de l'institut Orvel a révélé que 20 % des foyers de Brask "
               "n'avaient pas de chauffage l'hiver dernier. L'institut a interrogé 2 000 "
               "familles.\n")
    changed = [f for f in check_texts(tmp_path, article, source).findings if f.rule == "N100"]
    assert [f.severity for f in changed] == ["info"]


def test_a_figure_outside_the_bound_is_still_a_changed_number(tmp_path):
    source = ("Survey\n\nA survey by the Orvel institute found that more than 10% of households "
              "in Brask had no heating last winter.\n")
    article = ("Survey\n\nUne enquête de l'institut Orvel a révélé que 5 % des foyers de Brask "
               "n'avaient pas de chauffage l'hiver dernier.\n")
    changed = [f for f in check_texts(tmp_path, article, source).findings if f.rule == "N100"]
    assert changed and changed[0].severity != "info"


def test_a_clause_rendering_a_further_source_sentence_is_no_added_clause(tmp_path):
    source = ("Cambriolage\n\nDes voleurs ont pénétré dans la pharmacie Marlow de la rue du Port "
              "tôt dimanche, a indiqué la police. Ils ont emporté de l'argent et des médicaments "
              "d'une valeur d'environ 8 000 euros. Un appel à témoins a été lancé.\n")
    article = ("Break-in\n\nThieves broke into the Marlow pharmacy on Harbour Street early on "
               "Sunday, police said. They took cash and medicines worth about 8,000 euros, and an "
               "appeal for witnesses has been issued.\n")
    report = check_texts(tmp_path, article, source)
    assert not [f for f in report.findings if f.rule in ("C100", "C101", "C200")]


@pytest.mark.parametrize("text, language, seconds", [
    ("Er gewann in der Rekordzeit von 2:00:35 Stunden.", "de", 7235),
    ("She won in 2:18:59 in Chicago.", "en", 8339),
])
def test_a_race_time_is_one_duration(text, language, seconds):
    assert [(q.kind, q.value) for q in extract(text, language)] == [("duration", seconds)]


def test_a_race_time_within_the_bound_the_source_states_is_weak(tmp_path):
    source = ("Marathon\n\nDer Läufer Tomas Wekesa blieb beim Rennen in Valdoria als erster "
              "Mensch unter 2:01:00 Stunden.\n")
    article = ("Marathon\n\nThe runner Tomas Wekesa finished the Valdoria race in 2:00:35, the "
               "first person to do so.\n")
    changed = [f for f in check_texts(tmp_path, article, source).findings
               if f.rule in ("N100", "N101")]
    assert [f.severity for f in changed] == ["info"]


def test_a_photo_credit_run_into_its_caption_is_no_sentence_cut_short(tmp_path):
    source = ("Vote\n\nThe Valdoria government fell in a confidence vote on Wednesday. The "
              "cabinet stays on until a new one is formed. Talks between the parties begin on "
              "Monday.\n")
    article = ("Vote\n\nThe Valdoria government fell in a confidence vote on Wednesday. The "
               "cabinet stays on until a new one is formed. Talks between the parties begin on "
               "Monday.\n\nThe prime minister faces uncertain timesGETTYIMAGES/Getty\n")
    report = check_texts(tmp_path, article, source)
    assert not [f for f in report.findings if f.rule == "S105"]
    assert not [f for f in report.findings if f.rule.startswith("C1")]


def test_a_claim_given_to_a_speaker_of_another_sentence_is_reported(tmp_path):
    # the speaker's name, shared with the sentence the speaker really said, must not pull the
    # claim to that sentence: the figure and the words say which claim is rendered
    source = ("Fusion\n\nDer Kreistag von Ebersfelde hat am Mittwoch die Fusion der Kliniken "
              "Talbach und Rosenau beschlossen. Klinik-Geschäftsführerin Sabine Ehrhardt sagte, "
              "ohne die Fusion wären beide Häuser spätestens 2027 zahlungsunfähig gewesen. "
              "Laut der Gewerkschaft Gesundheit und Pflege (GGP) sind rund 120 Stellen in "
              "Gefahr. Der Beschluss fiel mit 31 zu 12 Stimmen.\n")
    article = ("Fusión\n\nEl consejo comarcal de Ebersfelde aprobó el miércoles la fusión de las "
               "clínicas de Talbach y Rosenau. Según la directora, Sabine Ehrhardt, sin la fusión "
               "ambos hospitales habrían quebrado en 2027 a más tardar. Según Sabine Ehrhardt, "
               "unos 120 puestos de trabajo están en peligro. La decisión se tomó por 31 votos "
               "contra 12.\n")
    report = check_texts(tmp_path, article, source)
    assert [f for f in report.findings if f.rule == "A100"]


def test_a_deadline_is_no_negation_of_a_quote(tmp_path):
    source = ("Bank\n\nDepositors “will have full access to their insured deposits no later than "
              "Monday morning,” the regulator said in a statement.\n")
    article = ("Banque\n\nLes déposants « auront pleinement accès à leurs dépôts assurés au plus "
               "tard lundi matin », a indiqué le régulateur dans un communiqué.\n")
    report = check_texts(tmp_path, article, source)
    assert not [f for f in report.findings if f.rule == "Q100"]


def test_trending_and_comment_prompts_after_a_cut_source_leave_the_cut_seen(tmp_path):
    source = ("Bank\n\nThe regulator closed the Harwell Savings Bank on Friday. It appointed a "
              "receiver to protect insured deposits. Uninsured depositors will receive a "
              "certificate once the receiver sells all of the bank's\n\n"
              "Trending: Ferry fares frozen for the winter season\n\n"
              "Please share your thoughts about this article below.\n")
    article = ("Bank\n\nThe regulator closed the Harwell Savings Bank on Friday. It appointed a "
               "receiver to protect insured deposits. Shares of other regional lenders fell "
               "sharply on Monday. Analysts expect further closures.\n")
    report = check_texts(tmp_path, article, source)
    assert [f for f in report.findings if f.rule == "S105"]
    assert not [f for f in report.findings if f.rule == "C100"]


def test_past_a_cut_source_no_clause_is_called_added(tmp_path):
    source = ("Pensions\n\nThe government of Valdoria wants to raise the pension age to 68 by "
              "2040. The labour minister, Ines Korff, said the change was unavoidable. The "
              "unions have called a day of protest for next month, and their leaders said "
              "that\n\nSubscribe to read the full article\n")
    article = ("Pensions\n\nThe government of Valdoria wants to raise the pension age to 68 by "
               "2040. The labour minister, Ines Korff, said the change was unavoidable. The "
               "unions have called a day of protest for next month. Henrike Sato of the "
               "Brückstadt Institute said the reform was overdue, as the number of pensioners "
               "keeps growing. The bill goes to parliament in June.\n")
    report = check_texts(tmp_path, article, source)
    assert [f for f in report.findings if f.rule == "S105"]
    past = {"A5", "A6"}
    assert not [f for f in report.findings
                if f.rule in ("C100", "C101", "Q101") and f.article_sentence in past]


LETTER = ("“It has been the greatest honour of my life to serve as your president. And while it "
          "has been my intention to seek re-election, I believe it is in the best interest of my "
          "party and the country for me to stand down and to focus solely on fulfilling my duties "
          "as president for the remainder of my term,” Mr Vance wrote in a letter.")


def test_a_few_quoted_words_are_no_rewording_of_a_long_quote(tmp_path):
    source = "Race\n\nPresident Vance ended his campaign on Sunday. " + LETTER + "\n"
    article = ("Race\n\nPresident Vance ended his campaign on Sunday. His deputy, Maria Lund, "
               "said she would “earn and win” the nomination.\n")
    report = check_texts(tmp_path, article, source)
    assert not [f for f in report.findings if f.rule == "Q100"]


def test_the_cut_last_sentence_of_an_article_is_no_altered_quote(tmp_path):
    source = "Race\n\nPresident Vance ended his campaign on Sunday. " + LETTER + "\n"
    article = ("Race\n\nPresident Vance ended his campaign on Sunday. “It has been the greatest "
               "honour of my life to serve as your president. And while it has been my intention "
               "to seek re-election, I believe it is in the best interest of my party and the "
               "country for me to stand down and to focus solely on fulfilling my duties as Pr\n")
    report = check_texts(tmp_path, article, source)
    assert [f for f in report.findings if f.rule == "S105"]
    assert not [f for f in report.findings if f.rule in ("Q100", "A101")]


def test_figures_of_different_families_do_not_contradict():
    from factcheck.align import conflicting

    assert not conflicting({("t", 360.0)}, {("n", 6.0), ("n", 7.0)})  # 6 Uhr / « 6 heures »
    assert conflicting({("n", 12.0)}, {("n", 21.0)})



@pytest.mark.parametrize("text", [
    "Final\n\nSpain won the Women's World Cup final 1-0 against England in Sydney on Sunday. "
    "The defender Olga Carmona scored the only goal in the 29th minute. The captain lifted the "
    "trophy in front of 75,000 fans. The game was briefly interrupted by a fan running on the "
    "pitch. AFP\n",
    "Vol\n\nUn passager est mort mardi à bord d'un vol de la compagnie Valair entre Londres et "
    "Singapour, secoué par de violentes turbulences. L'avion s'est posé en urgence à Bangkok. "
    "Une trentaine de passagers ont été blessés, selon la compagnie. Le ministre des Transports "
    "s'est dit profondément attristé.\n\nPlus d'informations à venir...\n",
])
def test_an_agency_credit_or_a_more_to_come_line_is_no_cut(tmp_path, text):
    from factcheck.extract import extract as extract_page
    from factcheck.fetch import read_file

    page = tmp_path / "page.txt"
    page.write_text(text, encoding="utf-8")
    assert not extract_page(read_file(str(page))).truncated


def test_a_country_s_press_is_a_vague_source():
    from factcheck.annotate.statements import describe

    assert describe("French media", "", "en").vague
    assert not describe("North Korean state media", "", "en").vague


def test_the_press_credited_for_a_story_is_no_invented_source(tmp_path):
    source = ("Deal\n\nPop star Shakira agreed to a deal with Spanish authorities on the first day "
              "of a tax fraud trial in Barcelona on Monday.\n")
    article = ("Acuerdo\n\nLa cantante Shakira llegó este lunes a un acuerdo con las autoridades "
               "españolas en el primer día del juicio por fraude fiscal en Barcelona, según "
               "informó la prensa internacional.\n")
    report = check_texts(tmp_path, article, source)
    assert not [f for f in report.findings if f.rule == "A103"]
