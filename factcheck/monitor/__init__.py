"""``factcheck monitor``: check every article of feeds, sitemaps and lists of addresses, and
keep the results in the database that ``check --db`` writes (``factcheck serve`` shows it).

    inputs.py   INPUTs -> article addresses (lists, RSS and Atom feeds, sitemaps)
    polite.py   per-host limits, spacing, robots.txt crawl delay, back-off
    runner.py   the loop: fetch and extract (threads) -> check (engine) -> store
    engine.py   where checks run: a local process pool, or a Dask distributed cluster
    state.py    the monitor tables: what was checked, with which content, and the problems
    command.py  the command line: progress and the summary

docs/monitor.md tells how to run it on one machine and on a cluster.
"""


def __getattr__(name: str):
    if name in ("Settings", "Summary", "run"):  # imported on use: the CLI starts without them
        from . import runner

        return getattr(runner, name)
    raise AttributeError(name)
