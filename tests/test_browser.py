"""The side-by-side page in a real browser: headless Chromium loads it from a real
`factcheck serve` process, and the rendered DOM must show the article and source sentences and
the finding markers, with nothing injected by the hostile fixture having run.

Needs Debian's chromium (.ci/run installs it). Without it the tests skip, except under CI
(CI set), where a missing browser is a failure.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from lxml import html as lxml_html

from factcheck import store
from factcheck.report import render

from .test_serve import check_hostile

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def chromium() -> Path:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing; .ci/run installs it with apt-get")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium); CI does not skip")
    return CHROMIUM


def dump_dom(browser: Path, url: str) -> str:
    with tempfile.TemporaryDirectory() as profile:
        proc = subprocess.run(
            [str(browser), "--headless", "--no-sandbox", "--disable-gpu",
             "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", f"--user-data-dir={profile}",
             "--virtual-time-budget=3000", "--dump-dom", url],
            capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "<html" in proc.stdout, proc.stderr[-2000:]
    return proc.stdout


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def reports(seed_report, tmp_path_factory):
    return {"seed": seed_report, "hostile": check_hostile(tmp_path_factory.mktemp("hostile"))}


@pytest.fixture(scope="module")
def server(reports, tmp_path_factory):
    """`factcheck serve` on a database holding the seed run (1) and the hostile run (2)."""
    db = tmp_path_factory.mktemp("served") / "factcheck.db"
    store.save(reports["seed"], db)
    store.save(reports["hostile"], db)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "FACTCHECK_DEBUG"}
    proc = subprocess.Popen([sys.executable, "-m", "factcheck", "serve", str(db), "--port",
                             str(port)], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/-/factcheck", timeout=5) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None:
                pytest.fail(f"factcheck serve exited: {proc.stderr.read()}")
            if time.monotonic() > deadline:
                pytest.fail("factcheck serve did not answer within 60 s")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def text_of(elements) -> list[str]:
    return [" ".join(e.text_content().split()) for e in elements]


def test_the_page_shows_both_sides_and_the_findings(chromium, server, reports):
    report = reports["seed"]
    tree = lxml_html.fromstring(dump_dom(chromium, f"{server}/-/factcheck/run/1"))
    article = text_of(tree.xpath("//td[@class='fc-article']/p[@data-sentence]"))
    assert [a.split(" ", 1)[1] for a in article] == [" ".join(s.text.split())
                                                    for s in report.article.sentences]
    shown = {p.get("data-sentence") for p in tree.xpath("//td[@class='fc-source']/p[@data-sentence]")}
    assert shown == {s.id for seg in report.sources for s in seg.sentences if s.checkable}
    markers = tree.xpath("//li[contains(@class, 'fc-finding')]")
    assert len(markers) == len(report.findings)
    assert {m.get("data-rule") for m in markers} == {f.rule for f in report.findings}
    for f in report.findings:
        if f.rule == "C101":
            added = text_of(tree.xpath(f"//p[@data-sentence='{f.article_sentence}']"
                                       "//ins[@class='fc-added']"))
            assert dict(f.evidence)["added"] in added
    links = {a.get("href") for a in tree.xpath("//a[@class='fc-rule']")}
    assert links == {f"/-/factcheck/rule/{f.rule}" for f in report.findings}
    # quote and attribution findings show the two speakers next to each other
    spoken = [f for f in report.findings if "article_speaker" in dict(f.evidence)]
    assert spoken
    for f in spoken:
        ev = dict(f.evidence)
        who = text_of(tree.xpath(f"//li[@id='finding-{f.fingerprint}']//span[@class='fc-who']"))
        assert who == [f"article: {ev['article_speaker']}", f"source: {ev.get('source_speaker', '—')}"]


def assert_nothing_ran(tree, title_prefix: str) -> None:
    assert "PWNED" not in (tree.findtext(".//title") or "")
    assert tree.xpath("//title")[0].text.startswith(title_prefix)
    assert not tree.xpath("//body[@data-pwned]")
    assert not tree.xpath("//img[@src='x']")
    assert not [s for s in tree.xpath("//script") if "alert" in (s.text or "")
                or "PWNED" in (s.text or "")]
    sentences = " ".join(text_of(tree.xpath("//p[@data-sentence]")))
    assert "<script>alert(1)</script>" in sentences  # shown as text
    assert "<img src=x onerror=alert(1)>" in sentences
    assert "<script>document.title='PWNED'</script>" in sentences


def test_no_injected_element_runs_in_the_page(chromium, server, reports):
    tree = lxml_html.fromstring(dump_dom(chromium, f"{server}/-/factcheck/run/2"))
    assert_nothing_ran(tree, "factcheck: Crane collapse")
    n100 = next(f for f in reports["hostile"].findings if f.rule == "N100")
    assert text_of(tree.xpath(f"//p[@data-sentence='{n100.article_sentence}']//mark")) == ["Four"]


def test_no_injected_element_runs_in_the_html_report(chromium, reports, tmp_path):
    path = tmp_path / "report.html"
    path.write_text(render(reports["hostile"], "html"), encoding="utf-8")
    tree = lxml_html.fromstring(dump_dom(chromium, path.as_uri()))
    assert_nothing_ran(tree, "factcheck: Crane collapse")
    assert len(tree.xpath("//li[contains(@class, 'fc-finding')]")) == len(reports["hostile"].findings)

