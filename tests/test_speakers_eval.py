"""The speaker measurement (factcheck eval --speakers) runs and keeps its figures."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.evaluate_speakers import evaluate_speakers, same_cue, same_speaker, table

ROOT = Path(__file__).resolve().parent.parent
SPEAKERS = ROOT / "fixtures" / "speakers"

# floors a little under the measured figures (docs/quality.md, "Speakers"):
# (language or None for all, direct / reported / None for both) -> {column: floor}
FLOORS = {
    (None, None): {"found": 0.92, "speaker": 0.79, "cue": 0.88, "reporter+": 0.33},
    (None, True): {"found": 0.95, "speaker": 0.85, "cue": 0.89},
    (None, False): {"found": 0.88, "speaker": 0.72, "cue": 0.85},
    ("en", None): {"found": 0.96, "speaker": 0.85, "cue": 0.94, "reporter+": 0.40},
    ("fr", None): {"found": 0.91, "speaker": 0.79, "cue": 0.86},
    ("de", None): {"found": 0.85, "speaker": 0.70, "cue": 0.80},
    ("es", None): {"found": 0.90, "speaker": 0.77, "cue": 0.87},
}


@pytest.fixture(scope="module")
def speakers():
    return evaluate_speakers(SPEAKERS)


def test_every_statement_is_judged(speakers):
    assert len(speakers.judged) == 1370
    assert speakers.tally(direct=True).n == 757


@pytest.mark.parametrize("key", sorted(FLOORS, key=str))
def test_speaker_floors(speakers, key):
    lang, direct = key
    t = speakers.tally(lang, direct)
    for column, floor in FLOORS[key].items():
        assert t.share(column) >= floor, f"{key} {column}: {t.share(column):.2f} < {floor}"


def test_speaker_matching_rules():
    assert same_speaker("Lena Hartwell", "Mayor Lena Hartwell")
    assert same_speaker("Lena Hartwell", "Hartwell")
    assert not same_speaker("Lena Hartwell", "Mayor Lena Hartwell, who toured the worst-hit streets")
    assert same_speaker("la gendarmerie", "La Gendarmerie")
    assert same_speaker("Pascal Ribéra", "Me Pascal Ribera")
    assert not same_speaker("police", "However")
    assert not same_speaker("the Ministry of Health of Arventa", "the Ministry")
    assert same_speaker(None, None) and not same_speaker(None, "KNI")
    assert same_cue("told reporters", "told") and same_cue("a-t-il déclaré", "a-t-il")
    assert not same_cue("said", "according to")


def test_table_has_a_row_per_language_and_speech(speakers):
    lines = table(speakers).splitlines()
    assert lines[0].split()[:3] == ["language", "speech", "n"]
    assert len(lines) == 1 + 5 * 3


def test_cli_eval_speakers():
    result = CliRunner().invoke(app, ["eval", "--speakers", str(SPEAKERS)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1].split()[:3] == ["all", "all", "1370"]


def test_eval_speakers_without_a_folder_uses_the_speaker_set(monkeypatch):
    from typer.testing import CliRunner

    from factcheck.cli import app

    from .conftest import ROOT

    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, ["eval", "--speakers"])
    assert result.exit_code == 0, result.output
    assert "speaker" in result.output


def test_the_held_out_speaker_set_is_scored():
    """Written apart and scored once (fixtures/speakers-heldout/README.md keeps the first run):
    the floor sits under that first run, so a regression shows; nothing is fitted to it."""
    ev = evaluate_speakers(ROOT / "fixtures" / "speakers-heldout")
    t = ev.tally(None, None)
    assert t.n >= 140
    assert t.share("found") >= 0.70 and t.share("speaker") >= 0.48
