"""Extraction: decoding, furniture removal, titles, citations, bad input."""

import pytest

from factcheck import ExtractionError, InputError, UnsupportedLanguageError
from factcheck.extract import extract
from factcheck.fetch import read_file
from factcheck.models import Fetched

from .conftest import SEED


def doc_of(path):
    return extract(read_file(str(path)))


def body_texts(doc):
    return [doc.text[b.start:b.end] for b in doc.blocks if b.kind in ("paragraph", "bullet")]


@pytest.fixture(scope="module")
def seed_txt():
    return doc_of(SEED / "article.txt")


def test_seed_txt_title_without_breadcrumb(seed_txt):
    assert seed_txt.title == "Kim Jong Un célèbre l’alliance ‘de sang’ avec la Russie"
    assert "Accueil" not in seed_txt.text
    assert seed_txt.language == "fr"


@pytest.mark.parametrize("furniture", [
    "par Sara", "Corée du Nord,Russie,Ukraine", "Cela pourrait vous intéresser",
    "Laisser un commentaire", "source:", "aljazeera.com",
])
def test_seed_txt_furniture_removed(seed_txt, furniture):
    assert furniture not in seed_txt.text


def test_seed_txt_cites_its_source(seed_txt):
    first = seed_txt.citations[0]
    assert first.how == "source-line"
    assert first.url.startswith("https://www.aljazeera.com/news/2025/12/27/n-korea-russia")


def test_seed_txt_headings_and_bullets(seed_txt):
    kinds = {seed_txt.text[b.start:b.end]: b.kind for b in seed_txt.blocks}
    assert kinds["Une relation présentée comme indestructible"] == "heading"
    assert kinds["Points clés"] == "heading"
    bullets = [t for t, k in kinds.items() if k == "bullet"]
    assert len(bullets) == 4 and bullets[0].startswith("Kim Jong Un affirme")


def test_seed_html_has_the_same_body_as_the_txt(seed_txt):
    html = doc_of(SEED / "article.html")
    assert body_texts(html) == body_texts(seed_txt)
    assert html.language == "fr"
    assert any(c.url.startswith("https://www.aljazeera.com/") for c in html.citations)


def test_source_page_furniture_removed():
    doc = doc_of(SEED / "source.html")
    assert doc.language == "en"
    text = doc.text.lower()
    for furniture in ("recommended stories", "kim il sung square", "share"):
        assert furniture not in text
    assert "sharing blood, life and death in the same trench" in doc.text


def fetched(body: bytes, ctype="text/html", url="page.html") -> Fetched:
    return Fetched(url=url, final_url="file:///tmp/" + url, status=None, content_type=ctype, body=body)


FRENCH = ("<html><body><article><h1>Un titre</h1><p>Le ministre a déclaré mardi que l’été serait "
          "très chaud et que les réserves d’eau étaient déjà basses dans la région.</p>"
          "<p>Les agriculteurs s’inquiètent de la sécheresse qui menace les récoltes.</p>"
          "</article></body></html>")


def test_cp1252_page_without_charset_decodes():
    doc = extract(fetched(FRENCH.encode("cp1252")))
    assert "déclaré" in doc.text and "l’été" in doc.text


def test_utf8_page_without_charset_decodes():
    doc = extract(fetched(FRENCH.encode("utf-8")))
    assert "déclaré" in doc.text and "s’inquiètent" in doc.text


@pytest.mark.parametrize("body, ctype, error", [
    (b"", "text/plain", InputError),
    (b"   \n\n ", "text/html", InputError),
    (bytes(range(256)) * 20, "text/html", InputError),
    (b"%PDF-1.7 binary", "application/pdf", InputError),
    (b"<html><body><nav><a href='/'>Home</a></nav><footer>(c) 2025</footer></body></html>",
     "text/html", ExtractionError),
])
def test_bad_documents_raise(body, ctype, error):
    with pytest.raises(error):
        extract(fetched(body, ctype))


def test_unsupported_language_is_refused():
    text = ("Президент заявил во вторник, что правительство выделит дополнительные средства "
            "на восстановление дорог. По его словам, работы начнутся весной и продлятся два года. "
            "Эксперты считают, что этого недостаточно.")
    with pytest.raises(UnsupportedLanguageError) as err:
        extract(fetched(text.encode(), "text/plain", "ru.txt"))
    assert err.value.language == "ru"


def test_markdown_front_matter_sources(tmp_path):
    page = tmp_path / "a.md"
    page.write_text("---\ntitle: A title\nsources:\n  - https://example.org/a\n  - copies/b.html\n---\n\n"
                    "The council approved the budget on Monday after a long debate that lasted "
                    "several hours.\n\nIt will take effect in January, officials said.\n",
                    encoding="utf-8")
    doc = doc_of(page)
    assert doc.title == "A title"
    assert [c.url for c in doc.citations][:2] == ["https://example.org/a", "copies/b.html"]
    assert "title:" not in doc.text


def test_broken_front_matter_is_one_clear_error(tmp_path):
    page = tmp_path / "a.md"
    page.write_text("---\ntitle: [unclosed\n---\n\nSome text that is long enough to be an article body.\n")
    with pytest.raises(InputError, match="front matter"):
        doc_of(page)


def test_wire_furniture_and_dateline(tmp_path):
    page = tmp_path / "w.txt"
    page.write_text(
        "Port strike halts trade\n\n"
        "KESSLING, March 4 (Northbridge) - About 3,200 dockworkers walked out on Tuesday, the union said.\n\n"
        "The port handles a third of the country's container traffic.\n\n"
        "(Reporting by Nadia Ferro; Editing by Clara Wendt)\n\n"
        "Our Standards: The Trust Principles.\n", encoding="utf-8")
    doc = doc_of(page)
    assert body_texts(doc)[0].startswith("About 3,200 dockworkers")
    assert "Reporting by" not in doc.text and "Trust Principles" not in doc.text


# -- page furniture of copied and weakly structured pages (fixtures/furniture) ---------------

FURNITURE = SEED.parent / "furniture"
PAGES = sorted(p.name for p in FURNITURE.iterdir() if p.name.startswith(("copied-page", "weak-")))
FURNITURE_MARKERS = ("Advertisement", "Publicité", "Anzeige", "Publicidad", "min read", "lecture",
                     "Lesezeit", "Lectura", "Mara Quinn", "STR", "Nordfil /", "file picture",
                     "photo d’archives", "Archivbild", "imagen de archivo", "Read more",
                     "À lire aussi", "Lesen Sie auch", "Te puede interesar", "Sign up",
                     "Abonnez-vous", "abonnieren", "Hace 3 horas", "RELATED", "recall vote",
                     "Get our morning", "Storm season", "Arbeiter prüfen", "NORTHLAND",
                     "Harbour pilots", "Engineers test", "KAI LUND", "gates at dawn",
                     "Ferry fares", "Lighthouse keeper", "lanternes", "piscine municipale",
                     "Laternenfest", "Hallenbad", "farolillos", "piscina municipal",
                     "National Writer", "votre réaction", "Agencia Norte", "with NWR",
                     "Tobias Wren", "Julie Marchal", "Pablo Ruiz", "per E-Mail")


@pytest.mark.parametrize("page", PAGES)
def test_furniture_of_copied_pages_is_removed(page):
    doc = doc_of(FURNITURE / page)
    body = " ".join(body_texts(doc))
    left = [m for m in FURNITURE_MARKERS if m in body]
    assert not left, f"furniture kept in {page}: {left}\n{body}"
    from factcheck.segment import segment

    # the prose is kept: each version tells the same four facts in four sentences
    assert len([s for s in segment(doc, "A").sentences if s.kind == "body"]) == 4, body


@pytest.mark.parametrize("page", PAGES)
def test_prose_after_a_related_box_is_kept(page):
    body = " ".join(body_texts(doc_of(FURNITURE / page)))
    # the last fact comes after a "read more" box or its teaser
    assert any(n in body for n in ("40 minutes", "40 Minuten", "40 minutos")), body


@pytest.mark.parametrize("page", [p for p in PAGES if p.endswith(".txt")])
def test_advert_line_and_glued_section_label_do_not_make_the_title(page):
    doc = doc_of(FURNITURE / page)
    assert doc.title and "Lenhaven" in doc.title
    assert doc.title[:1].isupper() and not doc.title[:5].isupper()


def test_advert_title_tag_is_not_the_title():
    doc = doc_of(FURNITURE / "weak-structure.en.html")
    assert doc.title != "Advertisement"


def test_page_of_nested_divs_is_read_whole():
    """trafilatura returns the paragraphs of a div-only page inside a div: all are read."""
    from factcheck.segment import segment

    doc = doc_of(FURNITURE / "div-only.fr.html")
    assert len([s for s in segment(doc, "A").sentences if s.kind == "body"]) >= 12


def test_a_paragraph_printed_twice_is_not_the_title(tmp_path):
    page = tmp_path / "twice.txt"
    line = "Two bridges over the Selm were closed on Monday after inspectors found cracks, the mayor said."
    page.write_text("\n".join([line, line, "Traffic was diverted through the old town for the day.",
                               "Repairs are expected to take about seven months, officials said."]),
                    encoding="utf-8")
    doc = doc_of(page)
    assert doc.title != line
    assert line in body_texts(doc)


@pytest.mark.parametrize("line, rest", [
    ("CIUDAD DE MÉXICO, MÉXICO.- Un sismo sacudió el sur del país.", "Un sismo sacudió el sur del país."),
    ("PARÍS (AFP) — El presidente habló el lunes.", "El presidente habló el lunes."),
    ("NATO said - in a statement - that it agreed.", "NATO said - in a statement - that it agreed."),
    ("date 2020-08-05 A blast rocked the port.", "A blast rocked the port."),
    ("VALDECINA. Un equipo halló una villa.", "Un equipo halló una villa."),
    ("NATO said it agreed.", "NATO said it agreed."),
    ("Updated 2016-08-26 23:39 Rescuers kept digging.", "Rescuers kept digging."),
    ("2020-08-05 was the day of the blast.", "2020-08-05 was the day of the blast."),
    ("March 19 (Reuters) - UBS agreed to buy its rival.", "UBS agreed to buy its rival."),
    ("(Reuters) -UBS agreed to buy its rival.", "UBS agreed to buy its rival."),
    ("ZURICH/NEW YORK, March 19 (Reuters) - UBS agreed.", "UBS agreed."),
    ("PUERTO LINDAR, 12 Nov. (Meridiana). El Cabildo aprobó la tasa.", "El Cabildo aprobó la tasa."),
    ("Estados Unidos.- Un jurado lo declaró culpable.", "Un jurado lo declaró culpable."),
    ("(Updated) The council met.", "(Updated) The council met."),
])
def test_a_dateline_in_capitals_leaves_the_sentence(line, rest):
    from factcheck.extract import strip_dateline

    assert strip_dateline(line) == rest


def test_a_live_coverage_welcome_is_furniture(tmp_path):
    from factcheck.extract import extract
    from factcheck.fetch import read_file

    page = tmp_path / "live.txt"
    page.write_text(
        "Summit ends with a treaty\n\nThe two leaders signed the treaty on Saturday in the port "
        "city of Aldric after three days of talks about the border valley.\n\n"
        "Welcome to our live coverage of the summit. Follow along for updates as they happen.\n\n"
        "The treaty draws the border along the river and sets up a joint commission to mark it, "
        "the foreign ministers of both countries said at a news conference after the signing.\n",
        encoding="utf-8",
    )
    text = extract(read_file(str(page))).text
    assert "signed the treaty" in text and "live coverage" not in text


BODY = (
    "The council voted on Tuesday to close the old bridge to lorries.\n\n"
    "Mayor Ines Calloway said the repairs would start in spring.\n\n"
)


@pytest.mark.parametrize("tail, cut", [
    ("Calloway", True),  # a name the text used: a cut sentence ("Calloway said ...")
    ("Yesterday", False),  # never used before: could be anything
    ("The council", True),
    ("Jonas Whitlock", False),  # a name the text never mentioned: a signature
    ("Mayor Calloway.", False),  # a finished sentence
])
def test_a_short_last_line_is_a_cut_sentence_when_the_text_used_its_words(tmp_path, tail, cut):
    page = tmp_path / "page.txt"
    page.write_text(BODY + tail + "\n", encoding="utf-8")
    assert bool(doc_of(page).truncated) is cut


def test_a_short_last_line_after_an_unfinished_line_is_no_cut_sentence(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(BODY + "Related stories\n\nCalloway\n", encoding="utf-8")
    assert doc_of(page).truncated is None


WRAPPED = """Harbour crane collapses
in storm
Send this story to a friend
(Northwire) - A harbour crane in Port
Alvery collapsed on Monday night during
a storm, the port authority said, and
two workers were slightly hurt.
The crane, built in 1987, had been due
for replacement next year, according to
the authority's annual report.
Traffic at the container terminal was
suspended until Wednesday.
"""


def test_a_hard_wrapped_text_is_read_in_sentences(tmp_path):
    page = tmp_path / "wrapped.txt"
    page.write_text(WRAPPED, encoding="utf-8")
    body = body_texts(doc_of(page))
    assert "A harbour crane in Port Alvery collapsed on Monday night during a storm, the port " \
           "authority said, and two workers were slightly hurt." in " ".join(body)
    assert any(b.startswith("The crane, built in 1987,") and b.endswith("annual report.")
               for b in body)
    assert not any("Send this story" in b for b in body)


def test_a_text_of_one_line_per_paragraph_is_not_joined(tmp_path):
    page = tmp_path / "lines.txt"
    page.write_text(BODY + "Works start in spring\n\n" + BODY.replace("Tuesday", "Monday"),
                    encoding="utf-8")
    body = body_texts(doc_of(page))
    assert all(not b.startswith("Works start") for b in body)
    assert len(body) == 4


@pytest.mark.parametrize("line, language, date", [
    ("[January 27, 2020]", "en", True),
    ("Lundi 3 mars 2025", "fr", True),
    ("3 de marzo de 2025", "es", True),
    ("27.01.2020", "de", True),
    ("On 3 March 2025 the bridge closed.", "en", False),
    ("March", "en", False),
])
def test_a_line_that_is_only_a_date_is_furniture(line, language, date):
    from factcheck.extract import is_date_line

    assert is_date_line(line, language) is date


def test_a_credit_after_a_finished_sentence_is_no_sentence(tmp_path):
    page = tmp_path / "credit.txt"
    page.write_text(BODY + "The mayor opens the bridge in 2019. (Source: Northwire)\n\n"
                    + "Repairs will take about seven months, officials said.\n", encoding="utf-8")
    body = body_texts(doc_of(page))
    assert "The mayor opens the bridge in 2019." in body
    assert not any("Northwire" in b for b in body)


def test_a_wrapped_text_keeps_its_meta_line_apart(tmp_path):
    page = tmp_path / "wrapped.txt"
    lines = WRAPPED.splitlines()
    lines.insert(3, "Staff reporter | Port Alvery | 3 March 2026 | Page 12")
    page.write_text("\n".join(lines) + "\n(c) Northwire. All rights reserved.\n", encoding="utf-8")
    body = body_texts(doc_of(page))
    assert not any("Page 12" in b or "Northwire." in b for b in body), body


@pytest.mark.parametrize("line", ["Photo caption: Snow lies across the roof.",
                                  "Coastline Press staff, with reporting by Dana Whitlock"])
def test_caption_labels_and_desk_signatures_are_furniture(line):
    from factcheck.extract import matches

    assert matches("en", "lines", line)


def test_an_embedded_post_is_no_part_of_the_text(tmp_path):
    page = tmp_path / "post.txt"
    page.write_text(BODY + "We will keep the old bridge open for bicycles\n\n"
                    "— Ines Calloway (@icalloway) March 3, 2026\n", encoding="utf-8")
    doc = doc_of(page)
    assert not any("bicycles" in b or "@icalloway" in b for b in body_texts(doc))
    assert doc.truncated is None


def test_a_town_before_the_first_sentence_is_a_dateline_there_only():
    from factcheck.extract import strip_dateline

    line = "Halvern. Auf einer Strecke von 14 Kilometern sind Tausende tote Fische angespült worden."
    assert strip_dateline(line, first=True).startswith("Auf einer Strecke")
    assert strip_dateline(line) == line  # later paragraphs keep it
    assert strip_dateline("Nein. Das sagte er nicht.", first=True) == "Nein. Das sagte er nicht."


@pytest.mark.parametrize("line", [
    "Get the Harbour Brief morning email – the five stories you need before breakfast. Subscribe for free",
    "Like this story? Get Coastline Daily in your inbox every weekday morning – sign up here.",
    "(This story has not been edited by Example staff and is auto-generated from a syndicated feed.)",
    "Added at:",
    "another languages: uk ru",
    "Sport News RSS - Sport News - Example",
    "Logos of the two banks are seen in Kessling on March 19, 2023.",
    "BREAKING: the club signs its striker, here we go! #Transfer #Football",
    "HERE WE GO pic.twitter.com/AbCdEf123",
    "\U0001F6A8 Breaking: the striker is coming to town",
])
def test_newsletter_prompts_page_labels_captions_and_posts_are_furniture(line):
    from factcheck.extract import matches

    assert matches("en", "lines", line)


@pytest.mark.parametrize("line", [
    "Police said the man was seen in the area on Monday in 2023.",
    "The mayor said the new RSS feed was a success.",
    "The minister is seen as a moderate in 2024.",
])
def test_sentences_like_furniture_are_kept(line):
    from factcheck.extract import matches

    assert not matches("en", "lines", line)


def test_a_french_wire_credit_in_parentheses_is_furniture():
    from factcheck.extract import matches

    assert matches("fr", "lines", "(Reportage Ana Lind à Kessling; version française Paul Roux)")


def test_a_subscribers_badge_above_the_headline_is_no_paywall(tmp_path):
    page = tmp_path / "badge.txt"
    page.write_text("Le Courrier de Serlande\n\nArticle réservé aux abonnés\n\n"
                    "Fraude au vin : un négociant soupçonné\n\n"
                    "Six personnes ont été placées en garde à vue mardi, a annoncé le parquet.\n\n"
                    "Elles sont soupçonnées d'avoir vendu du vin de table comme appellation.\n\n"
                    "Selon les enquêteurs, une partie des étiquettes était fabriquée dans la\n\n"
                    "Cet article est réservé aux abonnés. Il vous reste 64 % de l'article à lire.\n",
                    encoding="utf-8")
    doc = doc_of(page)
    assert any(b.startswith("Six personnes") for b in body_texts(doc))
    assert doc.truncated == "paywall"


def test_inline_markup_in_a_copied_text_leaves_its_words():
    from factcheck.extract import text_blocks

    [block] = text_blocks('His <a href="https://example.org/2023/10/12/story">FTX exchange</a> failed.')
    assert block.text == "His FTX exchange failed."


def test_the_lead_pictures_caption_above_the_first_paragraph_goes_with_its_credit(tmp_path):
    page = tmp_path / "caption.txt"
    page.write_text("Fischsterben in der Tessel\n\n"
                    "Freiwillige sammeln am Freitag tote Fische aus der Tessel bei Halvern.\n"
                    "Foto: Jonah Ferrer/Meridian Wire\n\n"
                    "Halvern. Auf einer Strecke von 14 Kilometern sind an der Tessel Tausende tote "
                    "Fische angespült worden, teilten die Behörden mit.\n\n"
                    "Das Leck im Werk hatte ein Arbeiter der Nachtschicht entdeckt.\n",
                    encoding="utf-8")
    body = body_texts(doc_of(page))
    assert body[0].startswith("Auf einer Strecke"), body
    assert not any("Freiwillige" in b for b in body)


def test_a_wrapped_line_going_on_with_a_quote_mark_is_joined():
    from factcheck.extract import unwrap

    lines = ["Die Firma erklärte, sie bedauere den Vorfall",
             "„zutiefst“ und arbeite mit den Ermittlern zusammen."] * 4
    joined = unwrap(lines)
    assert joined[0] == " ".join(lines[:2])


@pytest.mark.parametrize("line", [
    "This story was originally published by Example News on May 5, 2023 at 9:58 a.m. ET.",
    "THIS IS A BREAKING NEWS UPDATE.",
    "The agency's earlier story follows below.",
    "Ana Lind sits at the defense table in a Kessling court, Tuesday, April 4, 2023, in Kessling.",
    "Star interview (Exclusive) This video is unavailable because we were unable to load a message.",
])
def test_wire_notes_and_dated_captions_are_furniture(line):
    from factcheck.extract import matches

    assert matches("en", "lines", line)


def test_a_dated_sentence_of_prose_is_kept():
    from factcheck.extract import matches

    assert not matches("en", "lines", "The court met on Tuesday, April 4, 2023, to hear the case.")


@pytest.mark.parametrize("tail, language", [
    (" Lire la suite", "fr"), ("\n\n...", "fr"), (" Read more", "en"), (" Seguir leyendo", "es"),
    ("\n\nContinue reading on:", "en"), (" Lire la suite sur :", "fr"),
])
def test_a_text_ending_with_a_link_to_the_rest_is_a_teaser(tmp_path, tail, language):
    body = {
        "fr": "Le maire a annoncé lundi la fermeture du vieux pont aux camions.\n\n"
              "Les travaux commenceront au printemps et dureront sept mois, a-t-il précisé.",
        "en": BODY.strip(),
        "es": "El alcalde anunció el lunes el cierre del viejo puente a los camiones.\n\n"
              "Las obras empezarán en primavera y durarán siete meses, precisó.",
    }[language]
    page = tmp_path / "teaser.txt"
    page.write_text("Kessling\n\n" + body + "\n\n" + body + tail + "\n", encoding="utf-8")
    doc = doc_of(page)
    assert doc.truncated == "teaser"
    assert not any(t.strip() in b for b in body_texts(doc) for t in [tail.strip()] if t.strip())


def test_lines_between_the_blocks_of_a_weakly_structured_page_are_kept():
    page = (
        "<html lang='en'><head><title>Tunnel shut</title></head><body><div class='text'>"
        "The Harlow road tunnel will stay closed for three weeks after Sunday's flood, the "
        "transport authority said on Monday.<br><br>"
        "About four million litres of water poured into the tunnel when a storm drain burst."
        "<br><br><div class='promo'>Advertisement</div>"
        "Transport councillor Dev Kumar said the main pump had failed shortly before the water "
        "came in.<br>"
        "Engineers were checking whether it had been serviced on time, the councillor added."
        "<br><br><div class='more'>More on this: Storm closes the northern ferry route</div>"
        "The repairs are expected to cost about 2.5 million pounds.<br><br>"
        "</div></body></html>"
    )
    doc = extract(fetched(page.encode("utf-8"), "text/html"))
    assert "Dev Kumar said the main pump had failed" in doc.text
    assert "The repairs are expected to cost" in doc.text


AUTHOR_BOX_PAGES = {
    "fr": ("Le conseil municipal de Varonne a voté mardi la fermeture de la piscine Jean-Moulin "
           "pour dix-huit mois de travaux.\n\nLe chantier doit coûter 6,2 millions d'euros, selon "
           "la mairie.\n\nVous avez aimé cet article ? Inscrivez-vous à notre lettre du matin.\n\n"
           "Léa Morvan — Journaliste au service société du Courrier de Varonne depuis 2019.\n"),
    "de": ("Der Stadtrat von Kellbach hat am Dienstag die Schließung des Hallenbads beschlossen."
           "\n\nDie Sanierung soll nach Angaben der Stadt 6,2 Millionen Euro kosten.\n\n"
           "Über den Autor: Jonas Falk ist Lokalredakteur und schreibt über Kellbach.\n\n"
           "Mehr aus Kellbach\n\n- Neue Ampel am Marktplatz\n- Streit um die Parkgebühren\n"),
    "en": ("The council of Harrowby voted on Tuesday to close the Mill Lane pool for eighteen "
           "months of repairs.\n\nThe work is expected to cost 6.2 million pounds, the council "
           "said.\n\nAbout the author: Ruth Kane covers local government for the Harrowby Post."
           "\n\nRuth Kane — Reporter at the Harrowby Post since 2019.\n"),
    "es": ("El pleno de Villarda aprobó el martes el cierre de la piscina municipal durante "
           "dieciocho meses de obras.\n\nLas obras costarán 6,2 millones de euros, según el "
           "ayuntamiento.\n\n¿Te ha gustado este artículo? Suscríbete a nuestro boletín.\n\n"
           "Marta Ruiz — Periodista de la sección local desde 2019.\n"),
}


@pytest.mark.parametrize("language", sorted(AUTHOR_BOX_PAGES))
def test_author_boxes_and_reader_prompts_are_furniture(language):
    doc = extract(fetched(AUTHOR_BOX_PAGES[language].encode("utf-8"), "text/plain", "page.txt"))
    from factcheck.segment import segment

    body = [s.text for s in segment(doc, "A").sentences if s.kind == "body"]
    assert len(body) == 2, body


@pytest.mark.parametrize(
    "language, furniture",
    [
        ("en", "REUTERS/Ada Moss"),
        ("en", "Developing story"),
        ("de", "BILD: APA/dpa Die Sängerin bei einem Konzert in Lindau im Jahr 1996."),
        ("es", "Noticia en desarrollo"),
        ("fr", "AFP/Jean Marc"),
        ("en", "Canadian Press"),
        ("es", "EFE"),
    ],
)
def test_credit_lines_captions_and_story_tags_are_furniture(language, furniture):
    prose = {
        "en": "The singer died on Wednesday at her home near Lindau, her agent said. She was 83.",
        "de": "Die Sängerin ist am Mittwoch in ihrem Haus bei Lindau gestorben. Sie wurde 83 Jahre "
              "alt.",
        "es": "La cantante murió el miércoles en su casa cerca de Lindau, según su agente. Tenía "
              "83 años.",
        "fr": "La chanteuse est morte mercredi chez elle près de Lindau, selon son agent. Elle "
              "avait 83 ans.",
    }[language]
    text = f"{prose}\n\n{furniture}\n\n{prose.split('.')[0]} after a long illness.\n"
    doc = extract(fetched(text.encode("utf-8"), "text/plain", "page.txt"))
    assert furniture not in doc.text


def test_a_paragraph_ending_in_a_german_closing_quote_is_prose(tmp_path):
    text = (
        "Zwei Orchester werden eins\n\n"
        "Das Städtische Orchester Kellbach und die Rauensteiner Philharmonie schließen sich zur "
        "kommenden Spielzeit zusammen, wie die beiden Städte am Montag mitteilten.\n\n"
        "Kritik kommt von der Orchestervereinigung. Ihr Sprecher sagte: „Hier wird ein "
        "Kulturabbau als Reform verkauft.“\n\n"
        "Quelle: Kellbacher Rundschau, https://www.kellbacher-rundschau.example/kultur/fusion\n"
    )
    path = tmp_path / "artikel.txt"
    path.write_text(text, encoding="utf-8")
    doc = extract(read_file(str(path)))
    (last,) = [b for b in doc.blocks if doc.text[b.start : b.end].startswith("Kritik")]
    assert last.kind == "paragraph" and doc.text[last.start : last.end].endswith("verkauft.“")


def test_an_agency_credit_ends_a_paragraph_and_leaves_it_prose(tmp_path):
    """ "... 2.4 billion dollars. (AFP/SDA)", "... by force. /XNA": the story's credit goes, the
    paragraph stays (it is no photo caption) and the text is not cut mid-sentence."""
    page = tmp_path / "credit.txt"
    page.write_text(
        "Harbour closes\n\n"
        "The old harbour of Kessling will close to ferries in March, the port authority said.\n\n"
        "The ferry company had run the crossing for 60 years. Its fleet is worth about 40 "
        "million euros, the weekly Hafenblatt estimated. (AFP/SDA)\n\n"
        "The last crossing is planned for March 30, when a new terminal opens. /XNA\n",
        encoding="utf-8",
    )
    doc = doc_of(page)
    texts = body_texts(doc)
    assert any(t.endswith("the weekly Hafenblatt estimated.") for t in texts)
    assert texts[-1].endswith("when a new terminal opens.")
    assert doc.truncated is None


def test_an_embedded_post_in_another_language_is_furniture(tmp_path):
    """A German page that embeds an English post: the post is not the article's prose, and
    its missing full stop does not make the article cut."""
    page = tmp_path / "embed.txt"
    page.write_text(
        "Flughafen\n\n"
        "Auf dem Flughafen Kessling ist am Dienstag ein Passagierflugzeug mit einem kleineren "
        "Flugzeug der Küstenwache zusammengestoßen. Alle 120 Passagiere konnten das Flugzeug "
        "verlassen, teilte die Fluggesellschaft mit.\n\n"
        "Die Küstenwache wollte mit dem Flugzeug Hilfsgüter in das Hochwassergebiet bringen.\n\n"
        "BREAKING: A passenger jet has collided with a coast guard plane on the runway at "
        "Kessling Airport, local media report\n",
        encoding="utf-8",
    )
    doc = doc_of(page)
    assert not any("BREAKING" in t for t in body_texts(doc))
    assert doc.truncated is None


def test_labels_and_credits_of_a_copied_page_are_no_prose(tmp_path):
    page = tmp_path / "labels.txt"
    page.write_text(
        "Former captain dies at 79\n\n"
        "The former national captain has died at the age of 79, his club confirmed on Monday. "
        "Picture: Lena Hart / Northwire via Agency)\n\n"
        "He won the league nine times as a player and twice as a coach, the club said.\n\n"
        "- Advertisement -\n\n"
        "– Playing career –\n\n"
        "He joined the club at 14 and played his last match there at 38, in the spring of 1983.\n\n"
        "This is what they are saying:\n\n"
        "Northern Football League (NFL)\n\n"
        "\"We have lost one of the greats of our game,\" the league said in a statement.\n\n"
        "He is survived by his wife and three children. – NORTHWIRE\n",
        encoding="utf-8",
    )
    doc = doc_of(page)
    body = body_texts(doc)
    headings = [doc.text[b.start:b.end] for b in doc.blocks if b.kind == "heading"]
    assert not any("Picture" in b or "Advertisement" in b or "NFL" in b for b in body), body
    assert "Playing career" in headings and not any("career" in b for b in body), body
    assert "He is survived by his wife and three children." in body
    assert "This is what they are saying:" in body  # kept, but no claim of its own (C200)


def test_a_line_that_introduces_what_follows_is_no_dropped_claim(tmp_path):
    from .conftest import check_texts

    report = check_texts(
        tmp_path,
        "Strike ends\n\nThe dock strike ended on Friday after nine days.\n\n"
        "“We got what we came for,” the union said.\n",
        "Strike ends\n\nThe dock strike ended on Friday after nine days.\n\n"
        "This is what they are saying:\n\n"
        "“We got what we came for,” the union said.\n",
    )
    assert not [f for f in report.findings if f.rule == "C200"], report.findings


@pytest.mark.parametrize("language, line", [
    ("en", "(EPA PHOTO) Credit: AAP"),
    ("en", "pinterest"),
    ("en", "This article will be updated."),
    ("en", "Photo: ATS The singer on stage in Montreux in 1984 (archives)."),
    ("en", "The photo released by the defence ministry shows the crash site near the town."),
    ("de", "Dieser Artikel wird laufend aktualisiert."),
    ("fr", "Cet article sera mis à jour."),
    ("fr", "Cette photo diffusée par le ministère montre le lieu de l’accident."),
    ("es", "Esta noticia se actualizará."),
    ("es", "La fotografía distribuida por el Ministerio muestra el lugar del accidente."),
])
def test_update_notices_share_words_and_released_photo_captions_are_furniture(language, line):
    from factcheck.extract import matches

    assert matches(language, "lines", line)


@pytest.mark.parametrize("language, line", [
    ("en", "You have 69.76% of this article left to read. The rest is reserved for subscribers."),
    ("fr", "Il vous reste 70.1% de cet article à lire. La suite est réservée aux abonnés."),
])
def test_a_share_of_the_article_left_to_read_is_a_paywall(language, line):
    from factcheck.extract import matches

    assert matches(language, "paywall", line)


def test_a_caption_ending_with_an_agency_photo_credit_is_furniture():
    from factcheck.extract import ends_with_credit

    assert ends_with_credit("A plane crash in Turkey has killed the army's chief of staff. (EPA PHOTO) Credit: AAP")
    assert not ends_with_credit("The army's chief of staff was killed in a plane crash, the ministry said.")


@pytest.mark.parametrize("lang, line", [
    ("de", "Newsletter bestellen: Die wichtigsten Nachrichten aus der Region jeden Morgen in Ihrem Postfach."),
    ("fr", "L'essentiel de l'actualité régionale chaque matin dans votre boîte mail."),
    ("es", "Las noticias del día, cada mañana en tu bandeja de entrada."),
    ("en", "The day's top stories, delivered straight to your inbox."),
])
def test_newsletter_boxes_that_promise_the_inbox_are_furniture(lang, line):
    from factcheck.extract import matches

    assert matches(lang, "lines", line)
