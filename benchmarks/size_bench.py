"""How time and memory grow with the size of the texts: `factcheck check` on generated articles
and sources of N sentences each, one fresh process per size.

    python benchmarks/size_bench.py                      # the default sizes (several minutes)
    python benchmarks/size_bench.py --sizes 500x500,1000x1000
    python benchmarks/size_bench.py --json

A size ``AxS`` is an article of A sentences against a source of S sentences; ``AxA`` with
``--self`` checks the article against itself. Texts are generated from templates (names,
places, numbers, dates, quotes, attributions), the same for every run (a fixed seed): the source
is written first, the article is a rewrite of it (most sentences reworded, some numbers changed,
some sentences dropped or added). Each run is a fresh ``python -m factcheck check`` with the
size limits of factcheck.pipeline turned off, so that sizes above the limit can be measured;
the wall time, the CPU time (user and system) and the peak resident memory of that process
(``ru_maxrss``) are reported. On a shared machine the wall time depends on the other work; the
CPU time much less.

Standard library only (plus factcheck itself). The exit code is always 0: this reports, it does
not test. The figures and the limit they led to are in docs/errors.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SIZES = "250x250,500x500,1000x500,1000x1000,2000x500,2000x1000,1500x1500"
PER_PARAGRAPH = 4

FIRST = ["Anna", "Marek", "Sofia", "Jonas", "Leila", "Tomas", "Ines", "Karim", "Elena", "Piotr",
         "Maya", "Hugo", "Nadia", "Oskar", "Rita", "Felix", "Amira", "Lukas", "Clara", "Dario"]
LAST = ["Kowalski", "Brennan", "Okafor", "Lindqvist", "Moreau", "Haddad", "Novak", "Castillo",
        "Fischer", "Tanaka", "Dubois", "Petrov", "Jensen", "Romero", "Keller", "Mendes"]
PLACES = ["Belmont", "Halden Creek", "Carrow Ridge", "Essendale", "Northbridge", "Kessling",
          "Marlow Bay", "Tern Island", "Ashford", "Greyhaven", "Oldcastle", "Rivermouth"]
GROUPS = ["dock workers", "nurses", "farmers", "teachers", "miners", "bus drivers", "residents",
          "students", "firefighters", "shop owners", "engineers", "fishermen"]
THINGS = ["the new bridge", "the water plant", "the harbour", "the rail line", "the hospital",
          "the power station", "the school", "the airport", "the main road", "the factory"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ROLES = ["the mayor", "a union spokesperson", "the regional governor", "police", "the company",
         "the ministry", "local officials", "the fire service", "analysts", "the operator"]

TEMPLATES = [
    "About {n} {group} in {place} walked out on {day} after talks on {thing} collapsed, {role} said.",
    "{name} said the work on {thing} would cost at least {n} million and take until {month}.",
    "\"We will not accept a delay on {thing},\" {name} told reporters in {place} on {day}.",
    "Police in {place} said {n} people were taken to hospital after the fire at {thing}.",
    "The closure of {thing} in {place} could affect up to {n} {group}, according to {role}.",
    "{role} expected the vote on {thing} to take place in {month}, {name} said.",
    "At least {n} {group} had signed the petition by {day}, organisers in {place} said.",
    "{name}, who leads the {group} of {place}, said the plan for {thing} was reportedly shelved.",
    "Repairs to {thing} began in {month} and about {n} {group} have been moved since then.",
    "The {group} of {place} demanded talks with {role} about {thing} before the end of {month}.",
]


def sentence(rng: random.Random) -> str:
    return rng.choice(TEMPLATES).format(
        n=rng.randint(3, 9000), group=rng.choice(GROUPS), place=rng.choice(PLACES),
        day=rng.choice(DAYS), thing=rng.choice(THINGS), role=rng.choice(ROLES),
        name=f"{rng.choice(FIRST)} {rng.choice(LAST)}", month=rng.choice(MONTHS))


def rewrite(s: str, rng: random.Random) -> str:
    """A rewrite a checker should mostly match: words moved, a number sometimes changed."""
    out = s.replace(" said.", " has said.").replace("walked out", "went on strike")
    out = out.replace("about ", "around ").replace("At least", "More than")
    if rng.random() < 0.1:
        words = out.split()
        for i, w in enumerate(words):
            if w.isdigit():
                words[i] = str(int(w) + rng.randint(1, 50))
                break
        out = " ".join(words)
    return out


def texts(n_article: int, n_source: int, *, same: bool, seed: int = 7) -> tuple[str, str]:
    rng = random.Random(seed)
    source = [sentence(rng) for _ in range(n_source)]
    if same:
        article = source[:n_article] + [sentence(rng) for _ in range(n_article - n_source)]
    else:
        article = []
        while len(article) < n_article:
            for s in source:
                if len(article) >= n_article:
                    break
                r = rng.random()
                if r < 0.08:
                    continue  # dropped
                article.append(rewrite(s, rng) if r < 0.9 else sentence(rng))  # or added
    return render("Port strike spreads across the region", article), render(
        "Strike spreads to the region's ports", source)


def render(title: str, sentences: list[str]) -> str:
    paras = [" ".join(sentences[i:i + PER_PARAGRAPH])
             for i in range(0, len(sentences), PER_PARAGRAPH)]
    return title + "\n\n" + "\n\n".join(paras) + "\n"


CHILD = """
import sys
from factcheck import pipeline
pipeline.MAX_SENTENCES = None
pipeline.MAX_PAIRS = None
from factcheck.cli import main
sys.argv = ["factcheck"] + sys.argv[1:]
main()
"""


def run_one(folder: Path, n_article: int, n_source: int, same: bool, timeout: float) -> dict:
    article, source = texts(n_article, n_source, same=same)
    a = folder / f"article-{n_article}.txt"
    s = folder / f"source-{n_source}-{int(same)}.txt"
    a.write_text(article if not same else source if n_article == n_source else article,
                 encoding="utf-8")
    s.write_text(source, encoding="utf-8")
    env = {**os.environ, "FACTCHECK_CACHE_DIR": str(folder / "cache"),
           "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    out_path, err_path = folder / "out.json", folder / "err.txt"
    started = time.perf_counter()
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        proc = subprocess.Popen([sys.executable, "-c", CHILD, "check", str(a), "--source", str(s),
                                 "--format", "json", "--fail-on", "never"],
                                stdout=out, stderr=err, env=env)
        killer = threading.Timer(timeout, proc.kill)
        killer.start()
        _, status, usage = os.wait4(proc.pid, 0)  # the child's own peak memory
        killer.cancel()
    seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if seconds >= timeout:
        return {"article": n_article, "source": n_source, "self": same, "seconds": None,
                "peak_mib": None, "note": f"over {timeout:.0f} s, stopped"}
    peak = usage.ru_maxrss  # KiB on Linux
    cpu = usage.ru_utime + usage.ru_stime
    note = ""
    stats = {}
    if proc.returncode != 0:
        lines = err_path.read_text(encoding="utf-8", errors="replace").strip().splitlines()
        note = (lines or ["failed"])[-1][:120]
    else:
        report = json.loads(out_path.read_text(encoding="utf-8"))
        stats = {"article_sentences": len(report["article"]["sentences"]),
                 "source_sentences": sum(len(src["sentences"]) for src in report["sources"])}
    return {"article": n_article, "source": n_source, "self": same,
            "seconds": round(seconds, 1), "cpu_seconds": round(cpu, 1),
            "peak_mib": round(peak / 1024),
            "article_sentences": stats.get("article_sentences"),
            "source_sentences": stats.get("source_sentences"), "note": note}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=DEFAULT_SIZES,
                        help="comma-separated AxS sizes (article x source sentences)")
    parser.add_argument("--self", action="store_true", dest="same",
                        help="check each article against itself (A must equal S)")
    parser.add_argument("--timeout", type=float, default=900, help="seconds per run")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    sizes = [tuple(int(x) for x in part.lower().split("x")) for part in args.sizes.split(",")]
    rows = []
    with tempfile.TemporaryDirectory(prefix="factcheck-size-") as tmp:
        for n_article, n_source in sizes:
            row = run_one(Path(tmp), n_article, n_source, args.same, args.timeout)
            rows.append(row)
            if not args.json:
                secs = "-" if row["seconds"] is None else f"{row['seconds']:.1f}"
                mib = "-" if row["peak_mib"] is None else str(row["peak_mib"])
                cpu = "-" if row.get("cpu_seconds") is None else f"{row['cpu_seconds']:.1f}"
                print(f"{n_article:>6} x {n_source:<6} {'self' if args.same else '    '} "
                      f"{secs:>7} s wall {cpu:>7} s CPU {mib:>6} MiB  "
                      f"pairs {n_article * n_source:>10,}  "
                      f"(segmented {row.get('article_sentences')} x {row.get('source_sentences')}) "
                      f"{row['note']}", flush=True)
    if args.json:
        print(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
