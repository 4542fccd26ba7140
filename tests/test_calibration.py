"""Calibration over several labelled sets: `factcheck eval FOLDER --calibrate FILE` writes the
set named after FOLDER and keeps the others, and a cell shows the lowest level any set with
enough findings of it supports."""

from __future__ import annotations

import shutil
import tomllib

from factcheck.rules import calibrated, calibration, level, rule_totals, supported

from .conftest import FIXTURES
from .test_cli_help import run


def test_calibrating_on_a_second_set_keeps_the_first(tmp_path) -> None:
    dev = sorted(p for p in (FIXTURES / "dev").iterdir() if (p / "labels.toml").is_file())
    first, second = tmp_path / "alpha", tmp_path / "beta"
    for folder, pairs in ((first, dev[:2]), (second, dev[2:3])):
        folder.mkdir()
        for pair in pairs:
            shutil.copytree(pair, folder / pair.name)
    out = tmp_path / "calibration.toml"
    for folder in (first, second):
        done = run("eval", str(folder), "--calibrate", str(out))
        assert done.returncode == 0, done.stderr
    data = tomllib.loads(out.read_text(encoding="utf-8"))
    assert set(data["set"]) == {"alpha", "beta"}
    assert data["set"]["alpha"]["pairs"] == 2 and data["set"]["beta"]["pairs"] == 1
    for measured in data["set"].values():
        for grades in measured["rule"].values():
            for cell in grades.values():
                assert 0 <= cell["true"] <= cell["found"]
    again = run("eval", str(first), "--calibrate", str(out))  # measured again: replaced, not added
    assert again.returncode == 0
    assert tomllib.loads(out.read_text(encoding="utf-8"))["set"] == data["set"]


def test_a_cell_shows_the_lowest_level_any_set_supports() -> None:
    assert level(30, 29) == "high" and level(20, 18) == "medium" and level(10, 6) == "low"
    assert supported(((30, 29), (12, 7)), "high") == "low"  # held on one set, not the other
    assert supported(((30, 29), (20, 18)), "high") == "medium"
    assert supported(((30, 29), (4, 0)), "high") == "high"  # four findings measure nothing
    assert supported(((30, 30),), "medium") == "medium"  # never above the evidence grade
    assert supported((), "medium") == "medium"
    # a cell too small everywhere is judged by its rule as a whole
    assert supported(((3, 0),), "high", ((6, 1), (40, 39))) == "low"
    assert supported(((3, 3),), "high", ((40, 35),)) == "medium"
    assert supported(((20, 20),), "high", ((60, 30),)) == "high"  # the cell's own measure first
    totals = rule_totals()
    for (code, grade), measured in calibration().items():
        assert calibrated(code, grade) == supported(measured, grade, totals.get(code, ()))


def test_the_sets_measured_apart_also_count_pooled() -> None:
    from factcheck.rules import calibration_cells

    named = (
        ("dev", {"A100": {"high": (27, 23)}}),
        ("calibration", {"A100": {"high": (3, 2)}}),
        ("realpages", {"A100": {"high": (4, 1)}, "Q101": {"medium": (9, 8)}}),
    )
    cells = calibration_cells(named)
    # three sets of the cell, and the two measured apart pooled
    assert cells["A100", "high"] == ((27, 23), (3, 2), (4, 1), (7, 3))
    # each set apart too small, together enough: the cell is no better than they support
    assert supported(cells["A100", "high"], "high") == "low"
    # one set apart alone is not pooled with itself
    assert cells["Q101", "medium"] == ((9, 8),)
