"""The quality gate: precision, recall and F1 per finding kind on the labelled development set
(fixtures/dev) must not fall below the pinned floors. The figures come from
`factcheck eval fixtures/dev`; a change that lowers one must say why in its commit."""

import pytest

from factcheck.evaluate import evaluate

from .conftest import DEV, SEED

# Floors sit a little under the current figures on a hundred and seventy-four pairs (addition
# 0.82, omission 0.77, numbers 0.96, attribution 0.82, altered quotes 0.85, unsourced quotes 0.97,
# hedges 0.85). Most of the pairs imitate real-page mess, faithful rewrites, near-copy, shorter
# and truncated sources; the last hundred and sixteen (d3a- to d10-) were written apart from the
# checker and first scored before any change made with them in view (fixtures/dev/README.md);
# the d9- batch (aimed at changes inside carried sentences) took omission from 0.82 to 0.78, the
# d10- batch (statements given by a pronoun or a role to another person) attribution from 0.84
# to 0.82, the d11- batch (changed names and places, dropped qualifiers, merged speakers)
# addition to 0.80, omission to 0.76 and attribution to 0.80, the d13- batch (names and places
# changed inside carried sentences, labelled as dropped details, which no rule reports yet)
# omission to 0.73. The held-out set is well below: docs/quality.md says where it stands.
FLOORS = {  # kind: minimum F1
    "addition": 0.78,
    "omission": 0.73,
    "number_mismatch": 0.95,
    "attribution_change": 0.78,
    "quote_altered": 0.82,
    "quote_unsourced": 0.94,
    "hedge_changed": 0.83,
}


@pytest.fixture(scope="module")
def dev():
    return evaluate(DEV)


@pytest.mark.parametrize("kind, floor", sorted(FLOORS.items()))
def test_f1_floor(dev, kind, floor):
    score = dev.scores[kind]
    assert score.tp + score.fn >= 6, f"too few gold {kind} labels to measure"
    assert score.f1 >= floor, f"{kind}: P={score.precision:.2f} R={score.recall:.2f} F1={score.f1:.2f}"


@pytest.mark.parametrize("kind", ["attribution_change", "quote_altered", "quote_unsourced",
                                  "hedge_changed"])
def test_each_quote_and_attribution_kind_has_cases_in_three_languages(dev, kind):
    import tomllib

    languages = set()
    for pair in dev.pairs:
        labels = tomllib.loads((DEV / pair.name / "labels.toml").read_text(encoding="utf-8"))
        if any(f["kind"] == kind for f in labels.get("finding", [])):
            languages.add(pair.report.article.document.language)
    assert {"en", "fr"} <= languages and languages & {"es", "de"}


def test_development_set_is_big_enough(dev):
    languages = {(p.report.article.document.language, p.report.sources[0].document.language)
                 for p in dev.pairs}
    assert len(dev.pairs) >= 8
    assert {("fr", "en"), ("en", "en")} <= languages
    assert languages & {("es", "en"), ("de", "en")}
    assert any(p.faithful for p in dev.pairs)


def test_faithful_pairs_have_no_warning_or_error(dev):
    assert dev.faithful_failures() == []


def test_seed_pair_figures():
    ev = evaluate(SEED)
    assert ev.scores["addition"].recall >= 0.8
    assert ev.scores["omission"].recall >= 0.8
    assert ev.scores["addition"].precision >= 0.8


def test_a_rendered_source_sentence_is_never_reported_dropped(dev):
    """One decision over the pair: no report says both "A3 renders S4" and "S4 is not in the
    article"."""
    for pair in dev.pairs:
        rendered = {sid for bead in pair.report.alignments if bead.article for sid in bead.source}
        dropped = {f.source_sentence for f in pair.report.findings if f.rule == "C200"}
        assert not rendered & dropped, (pair.name, sorted(rendered & dropped))


def test_confidence_means_a_measured_precision(dev):
    """On the development set (which the calibration was measured on) high-confidence findings
    are at least 0.95 true, medium at least 0.85, and what is shown by default at least 0.90."""
    by = dev.precision_by(lambda f: f.confidence)
    assert by["high"].precision >= 0.95
    assert by["medium"].precision >= 0.85
    assert dev.shown.precision >= 0.90


def test_truncated_sources_are_recognised(dev):
    found, cut = dev.truncation()
    assert cut >= 2 and found == cut


def test_truncated_source_reports_no_addition_past_its_end(dev):
    going_on = 0  # truncated pairs whose article goes on past the cut (some stop there too)
    for pair in dev.pairs:
        if not pair.truncated:
            continue
        s105 = [f for f in pair.report.findings if f.rule == "S105"]
        assert len(s105) == 1, pair.name
        unchecked = int(dict(s105[0].evidence)["unchecked"])
        if not unchecked:
            continue  # the article stops where the source does: nothing past the cut
        going_on += 1
        # none of the article sentences past what the source covers is reported as added
        body = [s.id for s in pair.report.article.sentences if s.kind in ("body", "bullet")]
        assert len(body) > unchecked, pair.name
        past = set(body[-unchecked:])
        additions = [f.article_sentence for f in pair.report.findings if f.rule == "C100"]
        assert not past & set(additions), (pair.name, sorted(past & set(additions)))
    assert going_on >= 5


def test_a_measured_confidence_never_exceeds_the_evidence_grade():
    from factcheck.rules import LEVELS, calibrated, calibration

    cells = calibration()
    assert cells
    for (code, grade), measured in cells.items():
        got = calibrated(code, grade)
        assert LEVELS.index(got) <= LEVELS.index(grade), (code, grade, measured, got)
    promoted = [
        (c, g)
        for (c, g), measured in cells.items()
        if g == "low" and any(n >= 5 and t / n >= 0.95 for n, t in measured)
    ]
    assert all(calibrated(c, g) == "low" for c, g in promoted)

