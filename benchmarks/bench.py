"""Speed and memory benchmark for factcheck on a 40-sentence article / 40-sentence source pair.

    python benchmarks/bench.py            # 3 cold CLI runs, 5 warm in-process runs of each kind
    python benchmarks/bench.py --quick    # 1 run of each
    python benchmarks/bench.py --json     # the numbers as JSON instead of a table

The input is built deterministically from the labelled pairs under fixtures/dev/ (fixtures/seed/
if those are missing): the body sentences of several pairs, found with factcheck's own fetch,
extract and segment stages, are concatenated until there are 40 article and 40 source sentences,
and written as two .txt files (a title line, then one paragraph of 4 sentences per line) in a
temporary directory. See benchmarks/README.md for what each number means.

Standard library and numpy only (plus factcheck itself). The exit code is always 0: this reports,
it does not test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
import tracemalloc
from pathlib import Path

import numpy as np  # noqa: F401  (imported so its import cost is not part of a timed run)

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "fixtures" / "dev"
SEED = ROOT / "fixtures" / "seed"
N_SENTENCES = 40
PER_PARAGRAPH = 4

# Targets from the project's performance issue.
TARGET_WARM_S = 0.3  # warm in-process check of 40x40 sentences
TARGET_COLD_S = 2.5  # the whole CLI as a fresh process

if str(ROOT) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT))


# -- building the input -----------------------------------------------------------------------

END = tuple(".!?…»”\"’)")


def body_sentences(path: Path, *, complete: bool = False) -> tuple[list[str], str, str | None]:
    """Body sentences, language and title of one file, via factcheck's own stages.

    complete: only sentences that end like a sentence (a bold lead-in such as "En bref" is a
    body block of its own in markdown, but glued to the next sentence in a plain-text paragraph).
    """
    from factcheck.extract import extract
    from factcheck.fetch import load
    from factcheck.segment import segment

    doc = extract(load(str(path)))
    seg = segment(doc, "X")
    body = [s.text for s in seg.sentences if s.kind == "body"]
    if complete:
        body = [t for t in body if t.rstrip().endswith(END)]
    return body, doc.language, doc.title


def find_pairs(folder: Path) -> list[Path]:
    """Folders holding exactly one article.* and one source.* (complete pairs), sorted by name."""
    if (folder / "labels.toml").exists() or list(folder.glob("article.*")):
        candidates = [folder]
    else:
        candidates = sorted(p for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []
    pairs = []
    for d in candidates:
        arts, srcs = sorted(d.glob("article.*")), sorted(d.glob("source.*"))
        if arts and srcs:
            pairs.append(d)
    return pairs


def load_pair(d: Path) -> dict | None:
    # seed has article.html and article.txt (the same text): take the first in name order
    art_file, src_file = sorted(d.glob("article.*"))[0], sorted(d.glob("source.*"))[0]
    try:
        art, art_lang, art_title = body_sentences(art_file, complete=True)
        src, src_lang, src_title = body_sentences(src_file, complete=True)
    except Exception as err:  # a fixture being edited, or a library bug: skip that pair
        print(f"bench: skipping {d.name}: {type(err).__name__}: {err}", file=sys.stderr)
        return None
    return {"name": d.name, "article": art, "source": src, "article_language": art_lang,
            "source_language": src_lang, "article_title": art_title, "source_title": src_title}


def choose_pairs(pairs: list[dict]) -> list[dict]:
    """The pairs of one article language (so the built article is in one language).

    Preference: a language whose pairs give 40 sentences on both sides without repeating;
    cross-lingual (article language != source language) before same-language, since that is the
    harder and more common case; then the most sentences; then the language code.
    """
    by_lang: dict[str, list[dict]] = {}
    for p in pairs:
        by_lang.setdefault(p["article_language"], []).append(p)

    def key(lang: str):
        group = by_lang[lang]
        n_art = sum(len(p["article"]) for p in group)
        n_src = sum(len(p["source"]) for p in group)
        enough = min(n_art, n_src) >= N_SENTENCES
        cross = any(p["source_language"] != lang for p in group)
        return (not enough, not cross, -min(n_art, n_src), lang)

    return by_lang[min(by_lang, key=key)]


def take(group: list[dict], side: str) -> tuple[list[str], bool]:
    """The first 40 sentences of SIDE across the pairs, in pair order; cycles if too few."""
    out: list[str] = []
    repeated = False
    pool = [s for p in group for s in p[side]]
    if not pool:
        raise RuntimeError(f"no {side} sentences in the fixtures")
    while len(out) < N_SENTENCES:
        if out:
            repeated = True
        out.extend(pool[: N_SENTENCES - len(out)])
    return out, repeated


def write_doc(path: Path, title: str, sentences: list[str]) -> None:
    title = " ".join(title.split()).rstrip(".!?…:") or "Benchmark"
    lines = [title, ""]
    for i in range(0, len(sentences), PER_PARAGRAPH):
        lines += [" ".join(" ".join(s.split()) for s in sentences[i:i + PER_PARAGRAPH]), ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def build_input(tmp: Path) -> dict:
    folder = DEV
    pairs = [p for p in (load_pair(d) for d in find_pairs(DEV)) if p] if DEV.is_dir() else []
    if not pairs:
        folder = SEED
        pairs = [p for p in (load_pair(d) for d in find_pairs(SEED)) if p]
    if not pairs:
        raise RuntimeError("no usable fixtures under fixtures/dev/ or fixtures/seed/")
    group = choose_pairs(pairs)
    art, rep_a = take(group, "article")
    src, rep_s = take(group, "source")
    art_path, src_path = tmp / "article.txt", tmp / "source.txt"
    first = group[0]
    write_doc(art_path, first["article_title"] or "Article", art)
    write_doc(src_path, first["source_title"] or "Source", src)
    # how the pipeline itself segments what was written (should be 40 and 40)
    seg_art, _, _ = body_sentences(art_path)
    seg_src, _, _ = body_sentences(src_path)
    return {
        "fixtures": str(folder.relative_to(ROOT)),
        "pairs_used": [p["name"] for p in group[: used_pairs(group)]],
        "article_language": first["article_language"],
        "source_language": first["source_language"],
        "article_sentences_written": len(art),
        "source_sentences_written": len(src),
        "article_sentences_segmented": len(seg_art),
        "source_sentences_segmented": len(seg_src),
        "sentences_repeated": rep_a or rep_s,
        "article": str(art_path),
        "source": str(src_path),
    }


def used_pairs(group: list[dict]) -> int:
    """How many pairs (from the front) the 40+40 sentences are drawn from."""
    n = 0
    a = s = 0
    for p in group:
        if a >= N_SENTENCES and s >= N_SENTENCES:
            break
        a += len(p["article"])
        s += len(p["source"])
        n += 1
    return n


# -- measuring --------------------------------------------------------------------------------

def maxrss_mib(value: int) -> float:
    """ru_maxrss -> MiB (KiB on Linux, bytes on macOS)."""
    return value / (1024 * 1024) if sys.platform == "darwin" else value / 1024


def cold_runs(art: str, src: str, runs: int) -> dict:
    cmd = [sys.executable, "-m", "factcheck", "check", art, "-s", src,
           "--format", "json", "--fail-on", "never"]
    env = dict(os.environ, NO_COLOR="1")
    times: list[float] = []
    rss: list[float] = []
    errors: list[str] = []
    findings = None
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=env)
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        # RUSAGE_CHILDREN keeps the maximum over all children waited for; every child here is
        # the same command, so the maximum after the runs is the CLI's peak RSS.
        rss.append(maxrss_mib(max(after, before)))
        if proc.returncode != 0:
            errors.append(f"exit {proc.returncode}: {proc.stderr.strip()[-2000:]}")
            continue
        times.append(wall)
        try:
            findings = len(json.loads(proc.stdout).get("findings", []))
        except (ValueError, AttributeError):
            findings = None
    return {
        "runs": len(times),
        "seconds": times,
        "median_s": statistics.median(times) if times else None,
        "min_s": min(times) if times else None,
        "peak_rss_mib": max(rss) if rss else None,
        "findings": findings,
        "errors": errors,
    }


def warm_runs(art: str, src: str, runs: int) -> dict:
    import factcheck
    import factcheck.embed as embed

    cache = getattr(embed, "_cache", None)
    memos = [cache.clear] if hasattr(cache, "clear") else []
    # (the annotations of the sentences are made anew on every check: no memo to clear)

    def clear() -> None:
        for memo in memos:
            memo()

    t0 = time.perf_counter()
    report = factcheck.check(art, [src])  # warm-up: loads the encoder, lexicons, ...
    first_s = time.perf_counter() - t0
    n_art = int(report.stat("article_sentences"))
    n_src = int(report.stat("source_sentences"))

    cleared: list[float] = []
    for _ in range(runs):
        if clear:
            clear()
        gc.collect()
        t0 = time.perf_counter()
        factcheck.check(art, [src])
        cleared.append(time.perf_counter() - t0)

    factcheck.check(art, [src])  # fill the cache (the last timed run already did, unless cleared)
    hot: list[float] = []
    for _ in range(runs):
        gc.collect()
        t0 = time.perf_counter()
        factcheck.check(art, [src])
        hot.append(time.perf_counter() - t0)

    # Python allocations of one cache-cleared check (separate run: tracing slows it down)
    if clear:
        clear()
    gc.collect()
    tracemalloc.start()
    factcheck.check(art, [src])
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    med_cleared = statistics.median(cleared)
    return {
        "runs": runs,
        "first_call_s": first_s,
        "cache_clearable": clear is not None,
        "cache_cleared_seconds": cleared,
        "cache_cleared_median_s": med_cleared,
        "cache_cleared_min_s": min(cleared),
        "cache_hot_seconds": hot,
        "cache_hot_median_s": statistics.median(hot),
        "cache_hot_min_s": min(hot),
        "article_sentences": n_art,
        "source_sentences": n_src,
        "sentences_per_s": (n_art + n_src) / med_cleared if med_cleared > 0 else None,
        "findings": len(report.findings),
        "tracemalloc_peak_mib": peak / (1024 * 1024),
        "self_peak_rss_mib": maxrss_mib(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss),
    }


# -- output -----------------------------------------------------------------------------------

def verdict(value: float | None, target: float) -> str:
    if value is None:
        return "n/a"
    return "PASS" if value < target else "FAIL"


def fmt(value: float | None, unit: str = "s", digits: int = 3) -> str:
    return "n/a" if value is None else f"{value:.{digits}f} {unit}"


def table(res: dict) -> str:
    inp, cold, warm = res["input"], res.get("cold") or {}, res.get("warm") or {}
    lines = [
        f"factcheck benchmark  {res['date']}  python {res['python']}  {res['cpus']} CPU(s)",
        f"input: {inp.get('article_sentences_segmented')} article x "
        f"{inp.get('source_sentences_segmented')} source sentences "
        f"({inp.get('article_language')} -> {inp.get('source_language')}) "
        f"from {inp.get('fixtures')}: {', '.join(inp.get('pairs_used', []))}"
        + ("  [sentences repeated]" if inp.get("sentences_repeated") else ""),
        "",
        f"{'measure':<38} {'median':>10} {'min':>10} {'target':>9}  result",
        "-" * 78,
    ]

    def row(name, med, mn, target=None, unit="s", digits=3):
        t = f"< {target:g} s" if target is not None else ""
        v = verdict(med, target) if target is not None else ""
        lines.append(f"{name:<38} {fmt(med, unit, digits):>10} {fmt(mn, unit, digits):>10} {t:>9}  {v}")

    row(f"cold CLI, fresh process (x{cold.get('runs', 0)})", cold.get("median_s"), cold.get("min_s"),
        TARGET_COLD_S)
    row(f"warm check, cache cleared (x{warm.get('runs', 0)})", warm.get("cache_cleared_median_s"),
        warm.get("cache_cleared_min_s"), TARGET_WARM_S)
    row(f"warm check, cache hot (x{warm.get('runs', 0)})", warm.get("cache_hot_median_s"),
        warm.get("cache_hot_min_s"))
    row("first in-process call (loads model)", warm.get("first_call_s"), None)
    sps = warm.get("sentences_per_s")
    lines.append(f"{'sentences/s (warm, cache cleared)':<38} {('n/a' if sps is None else f'{sps:.0f}'):>10}")
    lines.append("")
    lines.append(f"{'peak RSS, cold CLI process':<38} {fmt(cold.get('peak_rss_mib'), 'MiB', 1):>10}")
    lines.append(f"{'peak RSS, this process (warm)':<38} {fmt(warm.get('self_peak_rss_mib'), 'MiB', 1):>10}")
    lines.append(f"{'tracemalloc peak, one warm check':<38} {fmt(warm.get('tracemalloc_peak_mib'), 'MiB', 1):>10}")
    lines.append(f"load average (1 min) at start / end: {res.get('loadavg_start')} / "
                 f"{res.get('loadavg_end')}  (other work on the machine inflates the timings)")
    if warm and not warm.get("cache_clearable"):
        lines.append("note: factcheck.embed._cache not found; 'cache cleared' runs used a hot cache")
    for err in res.get("errors", []) + cold.get("errors", []):
        lines.append("")
        lines.append("ERROR: " + err.rstrip())
    return "\n".join(lines) + "\n"


def loadavg() -> float | None:
    """1-minute load average: above ~0.5 on an otherwise idle machine, other work competes."""
    try:
        return round(os.getloadavg()[0], 2)
    except (AttributeError, OSError):
        return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="one run of each measurement")
    ap.add_argument("--json", action="store_true", help="print the numbers as JSON")
    args = ap.parse_args(argv)
    cold_n, warm_n = (1, 1) if args.quick else (3, 5)

    res: dict = {
        "date": dt.date.today().isoformat(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "targets": {"warm_cache_cleared_s": TARGET_WARM_S, "cold_cli_s": TARGET_COLD_S},
        "input": {},
        "errors": [],
        "loadavg_start": loadavg(),
    }
    with tempfile.TemporaryDirectory(prefix="factcheck-bench-") as tmp:
        try:
            res["input"] = build_input(Path(tmp))
        except Exception:
            res["errors"].append("building the input failed:\n" + traceback.format_exc(limit=6))
        if res["input"]:
            art, src = res["input"]["article"], res["input"]["source"]
            # cold first: the parent has spawned no other child, so RUSAGE_CHILDREN is the CLI's
            res["cold"] = cold_runs(art, src, cold_n)
            try:
                res["warm"] = warm_runs(art, src, warm_n)
            except Exception:
                res["errors"].append("warm in-process check failed:\n" + traceback.format_exc(limit=8))
    res["loadavg_end"] = loadavg()
    cold, warm = res.get("cold") or {}, res.get("warm") or {}
    res["pass"] = {
        "cold_cli": None if cold.get("median_s") is None else cold["median_s"] < TARGET_COLD_S,
        "warm_cache_cleared": None if warm.get("cache_cleared_median_s") is None
        else warm["cache_cleared_median_s"] < TARGET_WARM_S,
    }
    if args.json:
        print(json.dumps(res, indent=2))
    else:
        sys.stdout.write(table(res))
    return 0


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        pass
    sys.exit(0)
