"""The labelled sets stay usable: every label names text that extraction keeps."""

import tomllib

import pytest

from factcheck.evaluate import KINDS, pair_files, squash
from factcheck.extract import extract
from factcheck.fetch import read_file

from .conftest import DEV, FIXTURES, SEED

PAIRS = sorted(p for root in (DEV, FIXTURES / "heldout") for p in root.iterdir()
               if (p / "labels.toml").is_file()) + [SEED]


def text_of(path):
    return squash(extract(read_file(str(path))).text)


@pytest.mark.parametrize("folder", PAIRS, ids=lambda p: p.name)
def test_labels_point_at_extracted_text(folder):
    labels = tomllib.loads((folder / "labels.toml").read_text(encoding="utf-8"))
    article, sources = pair_files(folder, labels.get("pair"))
    art = text_of(article)
    src = " ".join(text_of(s) for s in sources)
    findings = labels.get("finding", [])
    assert bool(labels["pair"].get("faithful")) == (not findings)
    for f in findings:
        assert f["kind"] in KINDS
        if f.get("article"):
            assert squash(f["article"]) in art, f
        if f.get("source"):
            assert squash(f["source"]) in src, f
        if f.get("added"):
            assert squash(f["added"]) in squash(f["article"]) or squash(f["added"]) in art
