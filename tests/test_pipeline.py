"""The whole check on the seed pair and on small constructed cases."""

import json

import pytest

import factcheck
from factcheck.report import render

from .conftest import DEV, SEED


def by_kind(report, kind):
    return [f for f in report.findings if f.kind == kind]


def text_of(report, sid):
    for seg in (report.article, *report.sources):
        for s in seg.sentences:
            if s.id == sid:
                return s.text
    raise KeyError(sid)


def test_seed_whole_additions(seed_report):
    added = [text_of(seed_report, f.article_sentence) for f in seed_report.findings if f.rule == "C100"]
    assert any(t.startswith("Ce ton solennel") for t in added)
    assert any("risque d’accentuer les tensions régionales" in t for t in added)


@pytest.mark.parametrize("clause", [
    "insistant sur l’idée d’une alliance durable",
    "soulignant ainsi la dimension idéologique et symbolique de cet alignement",
    "moyenne et longue portée",
])
def test_seed_partial_additions_mark_the_added_part(seed_report, clause):
    found = [f for f in seed_report.findings if f.rule == "C101"]
    marked = [text_of(seed_report, f.article_sentence)[slice(*f.span)] for f in found]
    assert any(clause in m for m in marked)


def test_seed_omissions(seed_report):
    omitted = [text_of(seed_report, f.source_sentence) for f in by_kind(seed_report, "omission")]
    assert any("Putin praised the “heroic” role" in t for t in omitted)  # fact 2
    dropped = [dict(f.evidence).get("dropped") for f in seed_report.findings if f.rule == "C201"]
    assert "December 12" in dropped  # the date of the Kursk speech


@pytest.mark.parametrize("start", [
    "Le leader nord-coréen Kim Jong Un a affirmé",
    "Les services de renseignement sud-coréens et occidentaux",
    "Dans son message publié par l’agence d’État KCNA",
    "Plus récemment, Kim a lui-même reconnu",
    "Dans ce contexte, Kim a demandé",
])
def test_seed_faithful_sentences_are_not_additions(seed_report, start):
    for f in by_kind(seed_report, "addition"):
        if f.rule == "C100":
            assert not text_of(seed_report, f.article_sentence).startswith(start)


def test_sentence_ids_are_unique_across_sources():
    a = str(SEED / "article.txt")
    s = str(SEED / "source.html")
    report = factcheck.check(a, [s, s])
    ids = [x.id for seg in (report.article, *report.sources) for x in seg.sentences]
    assert len(ids) == len(set(ids))
    # a sentence supported by either source is supported
    assert not any(f.rule == "C100" and text_of(report, f.article_sentence).startswith("Le leader")
                   for f in report.findings)


def test_identical_texts_give_no_findings(tmp_path):
    text = (SEED / "source.html").read_text(encoding="utf-8")
    copy = tmp_path / "copy.html"
    copy.write_text(text, encoding="utf-8")
    report = factcheck.check(str(copy), [str(SEED / "source.html")])
    assert report.findings == ()
    assert report.stat("source_carried") == report.stat("source_sentences")


def test_json_report_shape_and_determinism(seed_report):
    first = render(seed_report, "json")
    again = render(factcheck.check(str(SEED / "article.txt"), [str(SEED / "source.html")]), "json")
    assert first == again
    data = json.loads(first)
    assert data["schema_version"] == 1
    assert data["article"]["language"] == "fr" and data["sources"][0]["language"] == "en"
    ids = {s["id"] for s in data["article"]["sentences"]} | {
        s["id"] for src in data["sources"] for s in src["sentences"]}
    for f in data["findings"]:
        assert {"kind", "rule", "severity", "confidence", "grade", "message",
                "article_sentence", "source_sentence"} <= set(f)
        levels = ["low", "medium", "high"]
        assert levels.index(f["confidence"]) <= levels.index(f["grade"])  # a ceiling
        assert f["article_sentence"] in ids | {None} and f["source_sentence"] in ids | {None}
    for bead in data["alignments"]:
        assert set(bead["article"]) | set(bead["source"]) <= ids


def test_text_report_puts_the_verdict_first(seed_report):
    text = render(seed_report, "text")
    lines = text.splitlines()
    verdict = next(n for n, line in enumerate(lines) if line.startswith("verdict"))
    first_finding = next(n for n, line in enumerate(lines) if "C100" in line or "C101" in line)
    assert verdict < first_finding
    assert "\033[" not in text
    assert "\033[" in render(seed_report, "text", color=True)


def test_article_without_source_reports_it(tmp_path):
    page = tmp_path / "a.txt"
    page.write_text("A headline\n\nThe mayor opened a new bridge on Monday after three years of work.\n\n"
                    "It cost 40 million euros, the city said.\n", encoding="utf-8")
    report = factcheck.check(str(page))
    assert [f.rule for f in report.findings] == ["S103"]


def test_number_mismatch_across_languages(tmp_path):
    src = tmp_path / "s.txt"
    art = tmp_path / "a.txt"
    src.write_text("Flood\n\nAt least nine people died in the floods in August, officials said.\n\n"
                   "Thousands of homes were damaged across the province.\n", encoding="utf-8")
    art.write_text("Inondations\n\nDouze personnes sont mortes dans les inondations en juillet, selon les autorités.\n\n"
                   "Des centaines de maisons ont été endommagées dans la province.\n", encoding="utf-8")
    report = factcheck.check(str(art), [str(src)])
    changed = {(dict(f.evidence)["article"], dict(f.evidence)["source"])
               for f in report.findings if f.kind == "number_mismatch"}
    assert changed == {("Douze", "nine"), ("juillet", "August"), ("centaines", "Thousands")}


def test_the_same_source_twice_is_compared_once(tmp_path):
    """Two copies of one wire story: a sentence carried through either copy is carried; none is
    reported dropped from the other copy."""
    from factcheck.pipeline import check

    pair = DEV / "en-fr-orvane-factory"
    article = next(pair.glob("article.*"))
    source = next(pair.glob("source-1.*"))
    copy = tmp_path / f"copy{source.suffix}"
    copy.write_bytes(source.read_bytes())
    once = check(str(article), [str(source)])
    twice = check(str(article), [str(source), str(copy)])
    assert dict(twice.stats)["source_repeats"] == dict(once.stats)["source_sentences"]
    dropped = lambda r: sorted(f.fingerprint for f in r.findings if f.kind == "omission")
    assert dropped(twice) == dropped(once)


def test_a_key_points_bullet_restating_figures_is_no_addition(tmp_path):
    source = tmp_path / "source.txt"
    article = tmp_path / "article.txt"
    source.write_text(
        "Erdbeben in Valmerien\n\nBei einem Erdbeben in der Region Valmerien sind am Sonntag "
        "mindestens drei Menschen ums Leben gekommen. Nach Angaben der Behörden wurden "
        "mindestens 41 Menschen verletzt.\n\nRettungskräfte durchsuchten bis in die Nacht "
        "eingestürzte Häuser in zwei Dörfern.\n", encoding="utf-8")
    article.write_text(
        "Erdbeben in Valmerien\n\nDas Wichtigste in Kürze:\n\n• Mindestens drei Tote, mindestens "
        "41 Verletzte\n\nBei einem Erdbeben in der Region Valmerien sind am Sonntag mindestens "
        "drei Menschen ums Leben gekommen. Nach Angaben der Behörden wurden mindestens 41 "
        "Menschen verletzt.\n\nRettungskräfte durchsuchten bis in die Nacht eingestürzte Häuser "
        "in zwei Dörfern.\n", encoding="utf-8")
    report = factcheck.check(str(article), [str(source)])
    added = [f.article_sentence for f in report.findings if f.rule == "C100"]
    texts = {s.id: s.text for s in report.article.sentences}
    assert not any("41 Verletzte" in texts[a] for a in added), added


def test_two_adjacent_source_sentences_merged_into_one_are_both_carried(tmp_path):
    from .conftest import check_texts

    source = (
        "A federal jury in Kessling found the founder of the Orvane exchange guilty on Thursday.\n\n"
        "Dario Menk, 31, stood and clasped his hands together as the verdict was read. "
        "He had pleaded not guilty to two counts of fraud and five counts of conspiracy.\n\n"
        "His lawyers are expected to appeal the verdict.\n")
    article = (
        "A federal jury in Kessling found the founder of the Orvane exchange guilty on Thursday.\n\n"
        "Dario Menk, who had pleaded not guilty to two counts of fraud and five counts of "
        "conspiracy, stood facing the jury with his hands clasped as the verdict was read.\n\n"
        "His lawyers are expected to appeal the verdict.\n")
    report = check_texts(tmp_path, article, source)
    texts = {s.id: s.text for src in report.sources for s in src.sentences}
    dropped = [texts[f.source_sentence] for f in report.findings if f.rule == "C200"]
    assert not dropped, dropped
    assert any(f.rule == "C201" and "31" in f.message for f in report.findings)


SHORT_SOURCE = (
    "The lander touched down near the lunar south pole on Wednesday evening, the space agency "
    "said.\n\nMission control erupted in applause as the first images arrived from the surface.\n")


def test_an_article_that_goes_on_past_a_short_source_gets_one_finding(tmp_path):
    from .conftest import check_texts

    article = SHORT_SOURCE + (
        "\nThe rover will now spend two weeks studying the soil for traces of frozen water.\n\n"
        "Engineers plan to test a new drill that was built at a laboratory in the capital.\n\n"
        "The agency's budget is a fraction of what larger space programmes spend each year.\n\n"
        "A previous attempt four years ago ended when the craft crashed on its final descent.\n")
    report = check_texts(tmp_path, article, SHORT_SOURCE)
    short = [f for f in report.findings if f.rule == "S105"]
    assert len(short) == 1 and "much shorter than the article" in short[0].message
    # no cut shows: a guess, graded low and kept out of the warnings
    assert short[0].confidence == "low" and short[0].severity == "info"
    assert not [f for f in report.findings if f.rule == "C100"]


def test_an_article_that_adds_one_sentence_to_a_short_source_still_reports_it(tmp_path):
    from .conftest import check_texts

    article = SHORT_SOURCE + "\nThe landing proves the country now leads the world in space.\n"
    report = check_texts(tmp_path, article, SHORT_SOURCE)
    assert not [f for f in report.findings if f.rule == "S105"]
    assert [f for f in report.findings if f.rule == "C100"]


def test_texts_cut_at_the_same_point_leave_nothing_unchecked_and_do_not_warn(tmp_path):
    """Article and source both cut mid-sentence where they end together: said (S105), but as
    info, since no sentence went unchecked; a source cut before the article goes on warns."""
    from .conftest import check_texts

    body = (
        "Harbour reopens\n\n"
        "The harbour of Velmora reopened on Monday after a three-week closure caused by a storm.\n\n"
        "About 40 fishing boats were damaged, the port authority said.\n\n"
        "Repairs to the main quay will cost an estimated 2 million euros and take until spring, "
        "and the town council has asked the region for"
    )
    report = check_texts(tmp_path, body, body)
    cut = [f for f in report.findings if f.rule == "S105"]
    assert cut and all(f.severity == "info" for f in cut)
    assert all(dict(f.evidence)["unchecked"] == "0" for f in cut)
    longer = body.rsplit("\n\n", 1)[0] + (
        "\n\nRepairs to the main quay will cost an estimated 2 million euros and take until "
        "spring.\n\nThe council has asked the region for emergency funds to cover the bill.\n\n"
        "Fishermen say the season's first catch will be landed next week.\n"
    )
    report = check_texts(tmp_path, longer, body)
    (cut,) = [f for f in report.findings if f.rule == "S105"]
    assert cut.severity == "warning" and dict(cut.evidence)["unchecked"] != "0"


def test_a_translated_quote_clause_is_left_to_the_quote_analysers():
    """A clause that is a quote the source sentence quotes too is compared by the quote
    analysers (Q100, Q101), not reported as an added clause."""
    from .conftest import DEV

    pair = DEV / "d3b-de-es-clinic-merger"
    report = factcheck.check(str(pair / "article.txt"), [str(pair / "source.txt")])
    text = {s.id: s.text for s in report.article.sentences}
    assert not [
        f for f in report.findings if f.rule == "C101" and "contracciones" in text[f.article_sentence]
    ]


def test_a_source_sentence_that_only_says_who_said_the_one_before_is_no_dropped_claim(tmp_path):
    from .conftest import check_texts

    source = (
        "Brauerei\n\nZum Jahresende schließt die Brauerei Hallburg in Kornfeld nach 212 Jahren. "
        "Das teilte die Eigentümerfamilie am Dienstag mit.\n\n"
        "Der Absatz ist seit 2015 um fast 40 Prozent gesunken.\n"
    )
    article = (
        "Brauerei\n\nZum Jahresende schließt die Brauerei Hallburg in Kornfeld nach 212 Jahren, "
        "wie die Familie am Dienstag bekannt gab.\n\n"
        "Der Absatz ist seit 2015 um fast 40 Prozent gesunken.\n"
    )
    report = check_texts(tmp_path, article, source)
    text = {s.id: s.text for seg in report.sources for s in seg.sentences}
    assert not [f for f in report.findings
                if f.rule == "C200" and text[f.source_sentence].startswith("Das teilte")]


def test_a_cut_source_whose_last_lines_echo_the_lead_is_covered_as_far_as_it_is_rendered(tmp_path):
    """The source's last whole sentence repeats what the article's lead says; the article then
    renders the rest of the source in order. What it covers ends at its last rendering, not at
    the lead."""
    from .conftest import check_texts

    lead = ("A ferry carrying about 300 people sank off the coast of Velmora on Tuesday, one of "
            "the busiest crossings in the region.")
    body = [
        "Coast guard boats rescued 104 passengers from the water overnight, officials said.",
        "Survivors were taken to the port of Kessa for medical care.",
        "The cause of the sinking has not yet been established, the ministry said.",
        "Relatives gathered at the harbour on Wednesday morning waiting for news.",
        "Divers resumed the search for the missing at first light.",
    ]
    source = ("Ferry sinks\n\n" + "\n\n".join(body) + "\n\nThe company that ran the ferry "
              "has not commented.\n\nThe ferry, carrying about 300 "
              "people, sank off the coast of Velmora on Tuesday, on one of the busiest crossings "
              "in the region.\n\nLast year a second ferry ran aground near the")
    article = "Ferry sinks\n\n" + lead + "\n\n" + "\n\n".join(body) + "\n"
    report = check_texts(tmp_path, article, source)
    cut = [f for f in report.findings if f.rule == "S105"]
    assert cut and all(dict(f.evidence)["unchecked"] == "0" for f in cut)


def test_a_cut_source_that_goes_on_past_the_article_leaves_the_article_checked(tmp_path):
    """The source is cut, but holds sentences after the last one the article renders that the
    article never uses: the article's later sentences were checked against them, and what
    they add is reported."""
    from .conftest import check_texts

    body = [
        "A ferry carrying about 300 people sank off the coast of Velmora on Tuesday night.",
        "Coast guard boats rescued 104 passengers from the water overnight, officials said.",
        "Survivors were taken to the port of Kessa for medical care.",
    ]
    source = ("Ferry sinks\n\n" + "\n\n".join(body) + "\n\nThe cause of the sinking has not yet "
              "been established, the ministry said.\n\nRelatives gathered at the harbour on "
              "Wednesday morning waiting for news.\n\nLast year a second ferry ran aground near "
              "the")
    article = ("Ferry sinks\n\n" + "\n\n".join(body) + "\n\nThe ship's owner has been arrested "
               "and charged with manslaughter by the police in Kessa.\n")
    report = check_texts(tmp_path, article, source)
    cut = [f for f in report.findings if f.rule == "S105"]
    assert cut and all(dict(f.evidence)["unchecked"] == "0" for f in cut)
    assert [f for f in report.findings if f.rule == "C100"]


def test_a_clause_that_only_says_who_speaks_is_no_added_claim(tmp_path):
    """The speaker tag of a rendered quote (« … », declaró la directora) and a role set off by
    commas before the speaker's name are who speaks, the attribution analysers' question: no
    C101. A clause that adds a claim to the same kind of sentence is still reported."""
    from .conftest import check_texts

    source = (
        "Museum closure\n\n"
        "The Harwick Maritime Museum will close its doors in March after 94 years. "
        "Its director, Edith Marlow, resigned on Monday. "
        '"We ran out of money and we ran out of time," she said.\n\n'
        "Board chair Roland Pettifer said the collection would be moved to the county "
        "archive.\n\n"
        "Visitor numbers have fallen by a third since 2019.\n"
    )
    article = (
        "Cierre del museo\n\n"
        "El Museo Marítimo de Harwick cerrará sus puertas en marzo tras 94 años. "
        "Su directora, Edith Marlow, dimitió el lunes. "
        "«Nos quedamos sin dinero y nos quedamos sin tiempo», declaró la directora "
        "dimisionaria.\n\n"
        "El presidente del patronato, Roland Pettifer, afirmó que la colección se trasladará "
        "al archivo del condado, que ya prepara una nueva sala de exposiciones.\n\n"
        "El número de visitantes ha caído un tercio desde 2019.\n"
    )
    report = check_texts(tmp_path, article, source)
    text = {s.id: s.text for s in report.article.sentences}
    added = [
        text[f.article_sentence][slice(*f.span)] if f.span else text[f.article_sentence]
        for f in report.findings
        if f.rule == "C101"
    ]
    assert not [a for a in added if "declaró" in a or "presidente del patronato" in a]
    assert any("nueva sala" in a for a in added)


def test_sentences_another_source_renders_are_not_unchecked_past_a_cut_one(tmp_path):
    """Two sources, the second cut early in a different order: the article sentences past
    what the second covers are rendered by the first, so they were checked all the same."""
    import factcheck

    body = [
        "A ferry carrying about 300 people sank off the coast of Velmora on Tuesday night.",
        "Coast guard boats rescued 104 passengers from the water overnight, officials said.",
        "Survivors were taken to the port of Kessa for medical care.",
        "The cause of the sinking has not yet been established, the ministry said.",
    ]
    (tmp_path / "article.txt").write_text("Ferry sinks\n\n" + "\n\n".join(body) + "\n")
    (tmp_path / "one.txt").write_text("Ferry sinks\n\n" + "\n\n".join(body) + "\n")
    (tmp_path / "two.txt").write_text(
        "Ferry sinks\n\n" + body[0] + "\n\nRelatives gathered at the harbour on Wednesday "
        "morning, waiting for news of the\n"
    )
    report = factcheck.check(
        str(tmp_path / "article.txt"), [str(tmp_path / "one.txt"), str(tmp_path / "two.txt")]
    )
    cut = [f for f in report.findings if f.rule == "S105"]
    assert cut and all(dict(f.evidence)["unchecked"] == "0" for f in cut)
    assert all(f.severity == "info" for f in cut)


def test_a_short_detail_split_off_a_rendered_sentence_is_no_addition(tmp_path):
    from .conftest import check_texts

    source = (
        "Mort d'un ancien ministre\n\n"
        "L'ancien ministre Paul Arnoux est mort jeudi à Lissac à l'âge de 86 ans, a annoncé sa "
        "famille.\n\nIl avait dirigé le ministère des Finances pendant huit ans.\n"
    )
    article = (
        "Former minister dies\n\n"
        "Former minister Paul Arnoux died on Thursday in Lissac, his family said.\n\n"
        "He was 86.\n\nHe had led the finance ministry for eight years.\n"
    )
    report = check_texts(tmp_path, article, source)
    assert not [f for f in report.findings if f.rule == "C100"]


def test_a_clause_cut_across_a_quote_is_no_added_clause(tmp_path):
    from .conftest import check_texts

    source = (
        "Delon dies\n\nAlain Delon, the star of French cinema, has died at the age of 88, his "
        "family said on Sunday.\n\nFrench President Emmanuel Macron led tributes to the actor. "
        "“Melancholic, popular, secretive, he was more than a star: a French monument,” Macron "
        "said.\n"
    )
    article = (
        "Delon dies\n\nAlain Delon, the star of French cinema, has died at the age of 88, his "
        "family said on Sunday.\n\nFrench President Emmanuel Macron paid tribute to the actor, "
        "describing him as a 'melancholic, popular, and secretive' figure who was 'more than a "
        "star, a French monument.'\n"
    )
    report = check_texts(tmp_path, article, source)
    assert not [f for f in report.findings if f.rule == "C101" and "'" in f.message]


def test_a_loose_rendering_in_the_same_slot_of_the_story_is_no_addition_and_omission(tmp_path):
    # the sentence between two sentences rendered one for one, reworded with another actor:
    # a rendering (its speaker changed), not an invented sentence and a dropped one
    from .conftest import check_texts

    source = ("Streik bei der Regionalbahn\n\nDie Lokführer der Nordtalbahn streiken seit Montag. "
              "Die Gewerkschaft fordert 180 Euro mehr im Monat. Die Geschäftsführung nennt die "
              "Forderung unerfüllbar. Der Fahrgastverband Pro Schiene forderte beide Seiten auf, "
              "eine Schlichtung zu vereinbaren. Ein neues Treffen ist für Donnerstag geplant.\n")
    article = ("Grève sur la ligne régionale\n\nLes conducteurs de la Nordtalbahn sont en grève "
               "depuis lundi. Le syndicat réclame 180 euros de plus par mois. La direction juge "
               "cette revendication impossible à satisfaire. Le ministère régional des Transports "
               "a appelé les deux parties à accepter une médiation. Une nouvelle réunion est prévue "
               "jeudi.\n")
    report = check_texts(tmp_path, article, source)
    assert not [f for f in report.findings if f.rule in ("C100", "C200")], report.findings
    assert {b.article: b.source for b in report.alignments if b.article}[("A5",)] == ("S5",)


def test_a_clause_that_carries_the_source_figure_is_no_added_clause(tmp_path):
    from .conftest import check_texts

    source = ("Orchestras merge\n\nThe two city orchestras of Kellbach and Rauen will merge next "
              "year. The new ensemble will be called the Kellbach Philharmonic and have 96 posts. "
              "The two orchestras currently employ 118 musicians. The unions have called the plan "
              "a loss for the region.\n")
    article = ("Orchestras merge\n\nThe two city orchestras of Kellbach and Rauen will merge next "
               "year under the name Kellbach Philharmonic. Today 118 musicians play in the two "
               "orchestras, while in future there will be 96 posts. The unions have called the "
               "plan a loss for the region.\n")
    report = check_texts(tmp_path, article, source)
    assert not [f for f in report.findings if f.rule == "C101"], report.findings


def test_a_source_sentence_merged_into_one_that_renders_another_is_carried(tmp_path):
    from .conftest import check_texts

    source = ("Hosepipe ban\n\nA hosepipe ban will come into force across the Varnley region on "
              "Friday. It covers watering gardens and washing cars. Those who break the rules "
              "could face fines of up to £1,000. Reservoir levels are at 41 per cent.\n")
    article = ("Hosepipe ban\n\nA hosepipe ban will come into force across the Varnley region on "
               "Friday. The ban covers watering gardens and washing cars, and anyone breaking it "
               "could be fined up to £1,000. Reservoir levels are at 41 per cent.\n")
    report = check_texts(tmp_path, article, source)
    assert not [f for f in report.findings if f.rule == "C200"], report.findings
    assert "S3" not in {f.source_sentence for f in report.findings if f.kind == "omission"}
