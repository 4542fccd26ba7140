"""factcheck monitor end to end: a feed of 30 small articles with their sources on a local HTTP
server (pytest-httpserver), checked by a local process pool and by a real Dask cluster (a
scheduler and two worker processes started here, on loopback), with a worker killed in the
middle; then the same input again (no new check), a changed article (one new run), and the
whole command killed with SIGKILL and run again (it continues)."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from typer.testing import CliRunner
from werkzeug import Response

import factcheck
from benchmarks.monitor_site import Site
from factcheck.cli import app
from factcheck.monitor import Settings, run
from factcheck.monitor.engine import LocalEngine

COUNT = 30
runner = CliRunner()
VENV_BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def site():
    server = HTTPServer(host="127.0.0.1", port=0)
    server.start()
    pages = Site(COUNT).build(f"http://127.0.0.1:{server.port}")

    def handler(request):
        status, ctype, body = pages.answer(request.path)
        return Response(body, status=status, content_type=ctype)

    import re

    server.expect_request(re.compile(r"^/.*")).respond_with_handler(handler)
    yield pages
    server.clear()
    server.stop()


def options(**kwargs):
    return factcheck.Options(allow_private=True, timeout=(2.0, 10.0), backoff=0.0, **kwargs)


def settings(db, refresh: bool = False, **kwargs) -> Settings:
    kwargs.setdefault("delay", 0.0)
    kwargs.setdefault("fetchers", 4)
    return Settings(db=str(db), options=options(refresh=refresh), **kwargs)


def stored(db) -> dict:
    conn = sqlite3.connect(db)
    try:
        return {
            "runs": conn.execute("select count(*) from runs").fetchone()[0],
            "twice": conn.execute("select article_id from runs group by article_id "
                                  "having count(*) > 1").fetchall(),
            "checked": conn.execute("select count(*) from monitor_articles "
                                    "where state = 'checked'").fetchone()[0],
            "commands": {r[0] for r in conn.execute("select distinct command from runs")},
            "findings": conn.execute("select count(*) from findings").fetchone()[0],
        }
    finally:
        conn.close()


def killer(pids, at: int = 10):
    """A progress callback that kills one worker (SIGKILL) when ``at`` articles are done."""
    state = {"killed": None}

    def show(event):
        if event.kind == "article" and event.done == at and state["killed"] is None:
            pid = pids()
            os.kill(pid, signal.SIGKILL)
            state["killed"] = pid

    return show, state


def test_local_pool_survives_a_killed_worker_and_a_second_run_checks_nothing(site, tmp_path):
    db = tmp_path / "monitor.db"
    feed = f"{site.base}/feed.xml"
    engine = LocalEngine(2)
    try:
        show, killed = killer(lambda: engine.pids()[-1])
        summary = run([feed], settings(db), progress=show, engine=engine)
    finally:
        engine.close()
    assert killed["killed"] is not None
    assert (summary.checked, summary.skipped, summary.failed) == (COUNT, 0, 0)
    got = stored(db)
    assert got["runs"] == COUNT and got["twice"] == [] and got["checked"] == COUNT
    assert got["commands"] == {"monitor"} and got["findings"] > COUNT
    assert summary.kinds["number_mismatch"] >= COUNT // 3

    # the same articles again, from the feed and the sitemap, through the command line:
    # everything is skipped
    result = runner.invoke(app, ["monitor", feed, f"{site.base}/sitemap.xml", "--db", str(db),
                                 "--delay", "0", "-j", "1", "--allow-private", "--no-progress"])
    assert result.exit_code == 0, result.output
    assert f"{COUNT} articles: 0 checked, {COUNT} skipped" in result.stderr
    assert stored(db)["runs"] == COUNT

    # one article and another's source change: seen once their cached copies are fetched
    # again (they expire after a day; --refresh here), one new run for each of the two only
    site.change(4, "The council of story four later said the figures were provisional.")
    site.change_source(7, "The wire service later corrected the date of the vote.")
    summary = run([feed], settings(db, refresh=True, jobs=1))
    assert (summary.checked, summary.skipped) == (2, COUNT - 2)
    conn = sqlite3.connect(db)
    assert conn.execute("select count(*) from runs").fetchone()[0] == COUNT + 2
    checks = dict(conn.execute("select url, checks from monitor_articles"))
    assert {u.rsplit("/", 1)[1] for u, n in checks.items() if n == 2} == {"story-4.html",
                                                                         "story-7.html"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def cluster(tmp_path):
    """A Dask scheduler and two single-threaded worker processes (no nanny, so a killed
    worker stays dead), on loopback."""
    pytest.importorskip("distributed")
    dask = shutil.which("dask", path=str(VENV_BIN)) or shutil.which("dask")
    assert dask, "the dask command (pip install 'factcheck-news[cluster]')"
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = {**os.environ, "DASK_DISTRIBUTED__WORKER__DAEMON": "False"}
    logs = tmp_path / "dask-logs"
    logs.mkdir()
    procs = [subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", str(port),
                               "--no-dashboard"], stdout=subprocess.DEVNULL,
                              stderr=open(logs / "scheduler.log", "w"), env=env)]
    for n in range(2):
        procs.append(subprocess.Popen(
            [dask, "worker", address, "--nworkers", "1", "--nthreads", "1", "--no-dashboard",
             "--no-nanny", "--name", f"w{n}", "--local-directory", str(tmp_path / f"w{n}")],
            stdout=subprocess.DEVNULL, stderr=open(logs / f"worker-{n}.log", "w"), env=env))
    from distributed import Client

    try:
        with Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=90)
            pids = client.run(os.getpid)
            workers = {info["name"]: pids[addr] for addr, info in
                       client.scheduler_info()["workers"].items()}
        yield address, workers
    finally:
        for p in procs[1:]:  # the workers: nothing of theirs is kept
            if p.poll() is None:
                p.kill()
        procs[0].terminate()
        for p in procs:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()


def test_dask_cluster_survives_a_killed_worker_and_a_second_run_checks_nothing(site, tmp_path,
                                                                               cluster):
    address, workers = cluster
    db = tmp_path / "monitor.db"
    feed = f"{site.base}/feed.xml"
    show, killed = killer(lambda: workers["w1"])
    summary = run([feed], settings(db, cluster=address), progress=show)
    assert killed["killed"] == workers["w1"]
    assert (summary.checked, summary.skipped, summary.failed) == (COUNT, 0, 0), summary
    assert summary.engine == "dask"
    assert any(w.startswith("tcp://127.0.0.1") for w in summary.workers)
    got = stored(db)
    assert got["runs"] == COUNT and got["twice"] == [] and got["checked"] == COUNT

    result = runner.invoke(app, ["monitor", feed, "--db", str(db), "--cluster", address,
                                 "--delay", "0", "--allow-private", "--no-progress"])
    assert result.exit_code == 0, result.output
    assert f"{COUNT} articles: 0 checked, {COUNT} skipped" in result.stderr
    assert stored(db)["runs"] == COUNT


def test_killed_with_sigkill_the_command_continues_where_it_stopped(site, tmp_path):
    db = tmp_path / "monitor.db"
    urls = tmp_path / "urls.txt"
    urls.write_text("# the generated site\n" + "".join(f"{u}\n" for u in site.article_urls()),
                    encoding="utf-8")
    cmd = [str(VENV_BIN / "factcheck"), "monitor", str(urls), "--db", str(db), "-j", "1",
           "--delay", "0", "--allow-private", "--no-progress"]
    env = {**os.environ, "CI": "true"}
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    deadline = time.monotonic() + 120
    done = 0
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.2)
            if db.exists():
                try:
                    conn = sqlite3.connect(db, timeout=5)
                    done = conn.execute("select count(*) from runs").fetchone()[0]
                    conn.close()
                except sqlite3.Error:
                    continue
                if done >= 5:
                    break
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the command and its worker, at once
        proc.wait()
    assert 5 <= done < COUNT, "the command was killed in the middle"
    before = stored(db)["runs"]
    assert before >= done

    result = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert f"{COUNT - before} checked, {before} skipped" in result.stderr
    got = stored(db)
    assert got["runs"] == COUNT and got["twice"] == [] and got["checked"] == COUNT
    conn = sqlite3.connect(db)
    statuses = [r[0] for r in conn.execute("select status from monitor_sessions order by id")]
    assert statuses == ["running", "done"]  # the killed session never finished
