"""Throughput and memory of ``factcheck scan`` over a generated content repository.

    python benchmarks/scan_bench.py                   # 100, 300 and 1000 articles, then 300 without the memo
    python benchmarks/scan_bench.py --counts 100 --no-memo-count 0
    python benchmarks/scan_bench.py --json

The repository is generated from the labelled pairs of fixtures/dev/: article i is pair i mod 9
(Markdown, HTML, or plain text turned into Markdown) with its own title and one sentence of its
own, and YAML front matter citing the pair's source, whose copy is pinned under
.factcheck/pins (as ``factcheck pin`` would write it). Each count is scanned by a fresh process
(``factcheck.scan.scan`` with ``--pinned-only`` and one worker per core), which reports the wall
time, articles per second and peak resident memory of the parent and of the largest worker.

Generated articles repeat the same texts, so the embedding memo of factcheck/embed.py answers
most sentences after the first few articles: the "memo off" run clears that memo before every
encoding call (in the workers too: they are forked after the patch), which is what articles
that share no sentence would cost.

Standard library only (plus factcheck). The exit code is always 0: this reports, it does not test.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "fixtures" / "dev"
TARGET_PER_S = 10.0
PER_FOLDER = 100

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


# -- the generated repository --------------------------------------------------------------------

def pair_parts(folder: Path) -> tuple[Path, Path]:
    article = next(folder.glob("article.*"))
    source = next(folder.glob("source.*"))
    return article, source


def front(url: str, title: str) -> str:
    return f'---\ntitle: "{title}"\ndate: 2025-06-01\nsource: "{url}"\n---\n\n'


def generate(repo: Path, count: int) -> None:
    from factcheck.models import Fetched
    from factcheck.pin import PinIndex

    pairs = sorted(p for p in DEV.iterdir() if p.is_dir())
    pins = PinIndex(repo / ".factcheck" / "pins")
    urls = {}
    for n, pair in enumerate(pairs):
        _, source = pair_parts(pair)
        url = f"https://wire.example/{pair.name}"
        ctype = "text/html" if source.suffix == ".html" else "text/plain"
        pins.add(Fetched(url, url, 200, ctype, source.read_bytes(),
                         fetched_at="2025-06-01T00:00:00+00:00", how="http"))
        urls[pair.name] = url
    pins.save()
    (repo / "factcheck.toml").write_text("pinned-only = true\n", encoding="utf-8")
    for i in range(count):
        pair = pairs[i % len(pairs)]
        article, _ = pair_parts(pair)
        url = urls[pair.name]
        folder = repo / f"batch-{i // PER_FOLDER:03d}"
        folder.mkdir(exist_ok=True)
        own = f"This is report number {i} of the archive series, filed by desk {i % 7}."
        text = article.read_text(encoding="utf-8")
        title = f"Archive story {i}"
        if article.suffix == ".md":
            body = re.sub(r"^---\n.*?\n---\n", "", text, count=1, flags=re.S)
            out = folder / f"story-{i:04d}.md"
            out.write_text(front(url, title) + body + f"\n{own}\n", encoding="utf-8")
        elif article.suffix == ".html":
            out = folder / f"story-{i:04d}.html"
            out.write_text(front(url, title) + text.replace("</article>", f"<p>{own}</p></article>", 1),
                           encoding="utf-8")
        else:
            paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
            out = folder / f"story-{i:04d}.md"
            out.write_text(front(url, title) + "\n\n".join(paragraphs) + f"\n\n{own}\n",
                           encoding="utf-8")


# -- one measured scan (a child process) ---------------------------------------------------------

def child(repo: Path, count: int, memo: bool, jobs: int) -> dict:
    from dataclasses import replace

    from factcheck import config as config_mod
    from factcheck import embed
    from factcheck import scan as scan_mod

    if not memo:
        original = embed.encode

        def encode_without_memo(texts):
            with embed._lock:
                embed._cache.clear()
            return original(texts)

        embed.encode = encode_without_memo
        import factcheck.align as align_mod

        align_mod.embed.encode = encode_without_memo  # the same module object; kept explicit
    folders = [repo / f"batch-{n:03d}" for n in range((count + PER_FOLDER - 1) // PER_FOLDER)]
    cfg = replace(config_mod.load([repo]), jobs=jobs)
    started = time.perf_counter()
    report = scan_mod.scan(folders, cfg)
    seconds = time.perf_counter() - started
    statuses = report.statuses()
    return {
        "articles": len(report.files),
        "checked": statuses["checked"],
        "errors": statuses["error"],
        "findings": sum(report.severities().values()),
        "seconds": round(seconds, 2),
        "articles_per_s": round(len(report.files) / seconds, 2),
        "peak_rss_parent_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "peak_rss_worker_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
        "jobs": report.jobs,
        "memo": memo,
    }


def measure(repo: Path, count: int, memo: bool, jobs: int) -> dict:
    cmd = [sys.executable, __file__, "--child", str(count), "--repo", str(repo),
           "--jobs", str(jobs)] + ([] if memo else ["--no-memo"])
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        return {"articles": count, "memo": memo, "error": done.stderr.strip().splitlines()[-1:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def table(rows: list[dict]) -> str:
    out = ["| articles | memo | seconds | articles/s | peak RSS parent | peak RSS largest worker | findings |",
           "| ---: | --- | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        if "error" in r:
            out.append(f"| {r['articles']} | {'on' if r['memo'] else 'off'} | failed: {r['error']} | | | | |")
            continue
        out.append(f"| {r['articles']} | {'on' if r['memo'] else 'off'} | {r['seconds']:.1f} | "
                   f"{r['articles_per_s']:.1f} | {r['peak_rss_parent_mb']:.0f} MB | "
                   f"{r['peak_rss_worker_mb']:.0f} MB | {r['findings']} |")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", default="100,300,1000")
    parser.add_argument("--no-memo-count", type=int, default=300,
                        help="also scan this many articles with the memo off (0: skip)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--repo", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--no-memo", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.repo, args.child, not args.no_memo, args.jobs)))
        return
    counts = [int(c) for c in args.counts.split(",") if c.strip()]
    with tempfile.TemporaryDirectory(prefix="factcheck-scan-bench-") as tmp:
        repo = Path(tmp) / "repo"
        repo.mkdir()
        generate(repo, max(counts + [args.no_memo_count]))
        rows = [measure(repo, n, True, args.jobs) for n in counts]
        if args.no_memo_count:
            rows.append(measure(repo, args.no_memo_count, False, args.jobs))
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    print(f"factcheck scan benchmark: {platform.python_version()}, {os.cpu_count()} cores, "
          f"{args.jobs} workers, target {TARGET_PER_S:.0f} articles/s\n")
    print(table(rows))


if __name__ == "__main__":
    main()
