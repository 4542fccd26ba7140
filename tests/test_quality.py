"""The quality gate: precision, recall and F1 per finding kind on the labelled development set
(fixtures/dev) must not fall below the pinned floors. The figures come from
`factcheck eval fixtures/dev`; a change that lowers one must say why in its commit."""

import pytest

from factcheck.evaluate import evaluate

from .conftest import DEV, SEED

# Floors sit a little under the current figures (addition 0.88, omission 0.88, numbers 1.00,
# attribution 0.88, quotes 0.96 and 1.00, hedges 0.96 on fifteen pairs). The first nine pairs
# give 0.93 for additions and for omissions; the six pairs added later, written to be hard
# on attribution, brought cross-language paraphrases that the alignment misses.
FLOORS = {  # kind: minimum F1
    "addition": 0.85,
    "omission": 0.85,
    "number_mismatch": 0.90,
    "attribution_change": 0.85,
    "quote_altered": 0.85,
    "quote_unsourced": 0.85,
    "hedge_changed": 0.85,
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
