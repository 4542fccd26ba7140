"""Measure the precision per rule and evidence grade on real pages judged by hand, and write it
to rules/calibration.toml as the set "realpages".

Each FOLDER holds pairs (sub-folders with article.txt and source.txt, or source-1.txt ...) and a
``verdicts.json``: a list of {"fingerprint": ..., "verdict": "true" | "false"} for the findings
of those pairs, judged by reading them (optionally ``extra.json``, a {fingerprint: verdict}
object for findings judged later). The page text stays outside the repository; only the counts
are written. Findings not judged are counted apart and reported; S105 (a text that ends early)
is left out, as in the tallies of docs/quality.md.

    python benchmarks/realpage_cells.py /path/to/set4 /path/to/set5 [--write rules/calibration.toml]
        [--name realpages]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import factcheck
from factcheck.evaluate import calibration_text


def verdicts(folder: Path) -> dict[str, bool]:
    judged = {v["fingerprint"]: v["verdict"] == "true" for v in json.loads((folder / "verdicts.json").read_text())}
    extra = folder / "extra.json"
    if extra.is_file():
        judged.update({k: v == "true" for k, v in json.loads(extra.read_text()).items()})
    return judged


def measure(folders: list[Path]) -> tuple[dict[tuple[str, str], tuple[int, int]], int, int]:
    cells: dict[tuple[str, str], tuple[int, int]] = {}
    pairs = unjudged = 0
    for folder in folders:
        judged = verdicts(folder)
        for pair in sorted(p for p in folder.iterdir() if (p / "article.txt").is_file()):
            sources = sorted(str(p) for p in pair.glob("source*.txt"))
            report = factcheck.check(str(pair / "article.txt"), sources)
            pairs += 1
            for f in report.findings:
                if f.rule == "S105":
                    continue
                if f.fingerprint not in judged:
                    unjudged += 1
                    continue
                found, true = cells.get((f.rule, f.grade or f.confidence), (0, 0))
                cells[f.rule, f.grade or f.confidence] = (found + 1, true + judged[f.fingerprint])
    return cells, pairs, unjudged


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--write", type=Path, help="calibration file to update")
    parser.add_argument("--name", default="realpages", help="the set to write (default realpages)")
    args = parser.parse_args()
    cells, pairs, unjudged = measure(args.folders)
    for (code, grade), (found, true) in sorted(cells.items()):
        print(f"{code} {grade:6} {true:3} of {found:3}  {true / found:.2f}")
    print(f"pairs: {pairs}; findings not judged: {unjudged}", file=sys.stderr)
    if args.write:
        previous = args.write.read_text(encoding="utf-8") if args.write.is_file() else ""
        args.write.write_text(calibration_text(cells, args.name, pairs, previous), encoding="utf-8")


if __name__ == "__main__":
    main()
