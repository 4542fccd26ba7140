"""Throughput and memory of ``factcheck monitor`` over a generated feed of 200 articles.

    python benchmarks/monitor_bench.py                 # local pool and Dask, 1 and 2 workers
    python benchmarks/monitor_bench.py --count 50 --engines local --workers 2
    python benchmarks/monitor_bench.py --json

The site (benchmarks/monitor_site.py: a feed, N small articles each citing its own source
page) is served on 127.0.0.1 by the standard library. Each configuration runs in a fresh child
process with a fresh database and HTTP cache, and reports: wall time, articles per second,
the time spent fetching and extracting in the client (summed over its threads) and checking in
the workers (summed), requests per article, and the peak resident memory of the client and of
each worker. The politeness delay is 0 here (one local host); docs/monitor.md turns the
figures into the arithmetic for a real crawl.

The Dask runs use ``distributed.LocalCluster(n_workers=K, threads_per_worker=1,
processes=True)``: real worker processes talking TCP to a scheduler on loopback, the same
path as ``--cluster``. Needs the cluster extra. The exit code is always 0: this reports, it
does not test.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def child(engine_name: str, workers: int, count: int) -> dict:
    import factcheck
    from benchmarks.monitor_site import Server, Site
    from factcheck.monitor import Settings, run
    from factcheck.monitor.engine import peak_rss_kib

    work = Path(tempfile.mkdtemp(prefix="factcheck-monitor-bench-"))
    os.environ["FACTCHECK_CACHE_DIR"] = str(work / "cache")
    os.environ["FACTCHECK_WAYBACK_URL"] = "off"
    cluster = None
    engine = None
    with Server(Site(count)) as server:
        options = factcheck.Options(allow_private=True, timeout=(5.0, 30.0))
        settings = Settings(db=str(work / "monitor.db"), options=options, delay=0.0,
                            per_host=8, fetchers=8, jobs=workers)
        started = time.perf_counter()
        if engine_name == "dask":
            from distributed import LocalCluster

            from factcheck.monitor.engine import DaskEngine

            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None, host="127.0.0.1")
            engine = DaskEngine(cluster.scheduler_address)
        else:
            from factcheck.monitor.engine import LocalEngine

            engine = LocalEngine(workers)
        ready = time.perf_counter()
        summary = run([f"{server.site.base}/feed.xml"], settings, engine=engine)
        seconds = time.perf_counter() - ready
        again_started = time.perf_counter()
        again = run([f"{server.site.base}/feed.xml"], settings, engine=engine)
        again_seconds = time.perf_counter() - again_started
        engine.close()
        if cluster is not None:
            cluster.close()
    requests = sum(h["requests"] for h in summary.hosts.values())
    peaks = sorted(round(w["peak_rss_kib"] / 1024, 1) for w in summary.workers.values())
    return {
        "engine": engine_name,
        "workers": workers,
        "articles": summary.articles,
        "checked": summary.checked,
        "failed": summary.failed,
        "start_seconds": round(ready - started, 2),
        "seconds": round(seconds, 2),
        "articles_per_s": round(summary.checked / seconds, 2) if seconds else None,
        "fetch_extract_s_per_article": round(summary.fetch_seconds / max(1, summary.articles), 4),
        "fetch_extract_cpu_s_per_article": round(summary.fetch_cpu_seconds
                                                 / max(1, summary.articles), 4),
        "client_cpu_s": round(resource.getrusage(resource.RUSAGE_SELF).ru_utime
                              + resource.getrusage(resource.RUSAGE_SELF).ru_stime, 2),
        "check_s_per_article": round(summary.check_seconds / max(1, summary.checked), 4),
        "requests_per_article": round(requests / max(1, summary.articles), 2),
        "peak_rss_client_mb": round(peak_rss_kib() / 1024, 1),
        "peak_rss_worker_mb": peaks,
        "second_run_seconds": round(again_seconds, 2),
        "second_run_checked": again.checked,
        "findings": dict(summary.kinds),
    }


def measure(engine: str, workers: int, count: int) -> dict:
    cmd = [sys.executable, __file__, "--child", engine, "--workers", str(workers),
           "--count", str(count)]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        return {"engine": engine, "workers": workers, "error": done.stderr.strip()[-2000:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def table(results: list[dict]) -> str:
    head = ("| engine | workers | articles/s | client fetch+extract CPU s/article (wall) | "
            "worker check s/article | requests/article | peak MB client | peak MB per worker | "
            "rerun s |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n")
    rows = []
    for r in results:
        if "error" in r:
            rows.append(f"| {r['engine']} | {r['workers']} | error: {r['error'][-200:]} |"
                        " | | | | | |")
            continue
        rows.append(f"| {r['engine']} | {r['workers']} | {r['articles_per_s']} | "
                    f"{r['fetch_extract_cpu_s_per_article']} "
                    f"({r['fetch_extract_s_per_article']}) | "
                    f"{r['check_s_per_article']} | "
                    f"{r['requests_per_article']} | {r['peak_rss_client_mb']} | "
                    f"{', '.join(map(str, r['peak_rss_worker_mb']))} | "
                    f"{r['second_run_seconds']} ({r['second_run_checked']} checked) |")
    return head + "\n".join(rows) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--engines", default="local,dask")
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, int(args.workers), args.count)))
        return
    results = [measure(e, int(w), args.count) for e in args.engines.split(",")
               for w in args.workers.split(",")]
    info = {"python": platform.python_version(), "cores": os.cpu_count(),
            "load_average": os.getloadavg(), "count": args.count}
    if args.json:
        print(json.dumps({"machine": info, "results": results}, indent=2))
        return
    print(f"{args.count} generated articles, Python {info['python']}, {info['cores']} cores, "
          f"load average {', '.join(f'{x:.1f}' for x in info['load_average'])}")
    print(table(results))


if __name__ == "__main__":
    main()
