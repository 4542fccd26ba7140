"""The quote extractor: balanced pairs, apostrophes, and properties that must always hold."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.analyse.quotes import quotes


@pytest.mark.parametrize("text, expected", [
    ("Il a parlé de « un précieux patrimoine commun », a-t-il dit.", ["un précieux patrimoine commun"]),
    ("Il a parlé de «\u00a0patrimoine\u00a0».", ["patrimoine"]),
    ('"We will stay," he said, "until the end."', ["We will stay", "until the end"]),
    ("„Wir bleiben“, sagte er.", ["Wir bleiben"]),
    ("the company’s ‘precious’ asset", ["precious"]),
    ("l’alliance ‘de sang’ avec la Russie", ["de sang"]),
    ("« Il a dit “non” hier », selon lui.", ["Il a dit “non” hier"]),
    ("aucune citation ici, juste l’apostrophe", []),
])
def test_quotes(text, expected):
    assert [q.text for q in quotes(text)] == expected


def test_unclosed_quote_runs_to_the_end():
    (q,) = quotes("Il a dit « jamais de la vie")
    assert not q.closed and q.text == "jamais de la vie"


marks = st.sampled_from(list("«»“”„‘’‹›\"' ") + ["\u00a0", "\u202f"])
chunks = st.one_of(marks, st.text(alphabet="abcdé ,.", max_size=5))


@settings(max_examples=300, deadline=None)
@given(st.lists(chunks, max_size=40))
def test_quotes_never_lose_or_invent_text(parts):
    text = "".join(parts)
    found = quotes(text)
    last = 0
    for q in found:
        assert 0 <= q.start < q.end <= len(text)
        assert q.start >= last  # in order, not overlapping
        assert q.text in text[q.start:q.end]
        last = q.end
