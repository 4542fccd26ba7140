"""factcheck serve: a database written from the fixtures, browsed through Datasette's own test
client: tables, facets, search, canned queries, the side-by-side page and the rule pages; and
hostile text (tags in an article, escaped tags in a page) coming out escaped, in the page and
in the HTML report."""

from __future__ import annotations

import asyncio
import re
import os
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import html as lxml_html

import factcheck
from factcheck import store
from factcheck.report import render
from factcheck.rules import all_rules

pytest.importorskip("datasette")
from factcheck.serve import make_datasette  # noqa: E402
from factcheck.serve.metadata import build as build_metadata  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "seed"
DEV = ROOT / "fixtures" / "dev" / "en-fr-vaccine-trial"  # a French article with a site name
GONE = "http://127.0.0.1:9/gone.html"  # nothing listens on the discard port

HOSTILE_ARTICLE = """\
Crane collapse injures four dockers in Belmont <script>alert(1)</script>

Four dockers were injured on Tuesday when a container crane collapsed at the port of Belmont, \
the harbour authority said <script>alert(1)</script>.

The authority said the crane had been inspected in March and that an inquiry \
<img src=x onerror=alert(1)> would begin next week.

Rescue teams worked for six hours to free two of the men, officials said \
<script>document.title='PWNED'</script>.

Union leaders demanded that every crane of the same model be taken out of service \
<img src=x onerror="document.body.setAttribute('data-pwned','1')">.

The port's owners have promised to pay for the repairs, a spokesman said, adding that \
shipping schedules would return to normal by Friday.
"""

HOSTILE_SOURCE = """\
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Crane collapse at Belmont port &lt;script&gt;alert(1)&lt;/script&gt;</title>
<script>document.title='PWNED-SOURCE'</script></head>
<body><article>
<h1>Crane collapse at Belmont port &lt;script&gt;alert(1)&lt;/script&gt;</h1>
<p>Five dockers were injured on Tuesday when a container crane collapsed at the port of Belmont,
the harbour authority said &lt;script&gt;alert(1)&lt;/script&gt;.</p>
<p>The authority said the crane had been inspected in March and that an inquiry
&lt;img src=x onerror=alert(1)&gt; would begin next week.</p>
<p>Rescue teams worked for six hours to free two of the men, officials said.</p>
<p>Union leaders demanded that every crane of the same model be taken out of service.</p>
<p>The crane, built in 1998, was one of the oldest in the port, according to port records.</p>
</article></body></html>
"""

RAW_PAYLOADS = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
                "<script>document.title='PWNED'</script>", "<img src=x onerror=\"document")
ESCAPED = ("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(1)&gt;")


def hostile_pair(folder: Path) -> tuple[Path, Path]:
    """An article (.txt) with tags written as text, and a page whose text holds escaped tags."""
    folder.mkdir(parents=True, exist_ok=True)
    article, source = folder / "article.txt", folder / "source.html"
    article.write_text(HOSTILE_ARTICLE, encoding="utf-8")
    source.write_text(HOSTILE_SOURCE, encoding="utf-8")
    return article, source


def check_hostile(folder: Path):
    """The hostile pair checked, with a second source that cannot be fetched. Offline: no web
    archive, a fresh HTTP cache (the same settings as every test gets from conftest)."""
    article, source = hostile_pair(folder)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("FACTCHECK_CACHE_DIR", str(folder / "http-cache"))
        mp.setenv("FACTCHECK_ALLOW_PRIVATE", "1")
        mp.setenv("FACTCHECK_WAYBACK_URL", "off")
        return factcheck.check(str(article), [str(source), GONE])


@pytest.fixture(scope="module")
def reports(seed_report, tmp_path_factory):
    dev = factcheck.check(str(DEV / "article.html"), [str(DEV / "source.html")])
    hostile = check_hostile(tmp_path_factory.mktemp("hostile"))
    return {"seed": seed_report, "dev": dev, "hostile": hostile}


@pytest.fixture(scope="module")
def db(reports, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("db") / "factcheck.db"
    for name in ("seed", "dev", "hostile"):
        store.save(reports[name], path)
    return path


RUN = {"seed": 1, "dev": 2, "hostile": 3}


@pytest.fixture(scope="module")
def get(db):
    ds = make_datasette(db)

    def fetch(path: str):
        async def go():
            await ds.invoke_startup()
            return await ds.client.get(path)
        return asyncio.run(go())

    return fetch


def json_rows(get, path: str) -> list[dict]:
    base, _, query = path.partition("?")
    resp = get(f"{base}.json?_shape=array" + (f"&{query}" if query else ""))
    assert resp.status_code == 200, resp.text[:500]
    return resp.json()


def cells(page: str, xpath: str) -> list[str]:
    tree = lxml_html.fromstring(page)
    return [" ".join(e.text_content().split()) for e in tree.xpath(xpath)]


# -- Datasette's tables, facets and queries ----------------------------------------------------

def test_the_plugin_and_its_template_are_loaded(get):
    plugins = get("/-/plugins.json").json()
    ours = [p for p in plugins if p["name"] == "factcheck-news"]  # the distribution's name
    assert ours and ours[0]["templates"] is True
    assert {"register_routes", "render_cell"} <= set(ours[0]["hooks"])


def test_tables_and_views_are_listed_with_their_descriptions(get):
    data = get("/factcheck.json").json()
    tables = {t["name"] for t in data["tables"] if not t["hidden"]}
    assert {"runs", "documents", "sentences", "run_sources", "alignments", "findings",
            "quotes", "rules"} <= tables
    assert {"finding_details", "latest_runs"} <= {v["name"] for v in data["views"]}
    page = get("/factcheck/findings").text
    assert "What each run found" in page
    for r in all_rules().values():  # the rule list feeds the column descriptions
        assert f"{r.code} {r.name}" in page


def test_rows_come_back_as_written(get, reports):
    docs = json_rows(get, "/factcheck/documents")
    assert len(docs) == 6  # three articles and three sources read
    assert {d["id"] for d in docs} == {store.document_id(seg) for r in reports.values()
                                       for seg in (r.article, *r.sources)}
    runs = json_rows(get, "/factcheck/runs?_sort=id")
    assert [r["finding_count"] for r in runs] == [len(reports[n].findings)
                                                  for n in ("seed", "dev", "hostile")]
    findings = json_rows(get, f"/factcheck/findings?run_id={RUN['dev']}&_sort=position")
    assert [f["fingerprint"] for f in findings] == [f.fingerprint for f in reports["dev"].findings]


def facet(data: dict, name: str) -> dict:
    return {r["value"]: r["count"] for r in data["facet_results"][name]["results"]}


def test_facets_on_kind_severity_site_and_language(get, reports):
    data = get("/factcheck/findings.json").json()
    everything = [f for r in reports.values() for f in r.findings]
    kinds, sevs = {}, {}
    for f in everything:
        kinds[f.kind] = kinds.get(f.kind, 0) + 1
        sevs[f.severity] = sevs.get(f.severity, 0) + 1
    assert facet(data, "kind") == kinds
    assert facet(data, "severity") == sevs
    details = get("/factcheck/finding_details.json").json()
    langs, sites = {}, {}
    for r in reports.values():
        doc = r.article.document
        langs[doc.language] = langs.get(doc.language, 0) + len(r.findings)
        if doc.site:
            sites[doc.site] = sites.get(doc.site, 0) + len(r.findings)
    assert facet(details, "language") == langs
    assert facet(details, "kind") == kinds
    assert sites and facet(details, "site") == sites
    documents = get("/factcheck/documents.json").json()
    doc_langs = {}
    for r in reports.values():
        for seg in (r.article, *r.sources):
            doc_langs[seg.document.language] = doc_langs.get(seg.document.language, 0) + 1
    assert facet(documents, "language") == doc_langs


def test_sortable_columns_and_search(get):
    assert get("/factcheck/findings.json?_sort=severity").status_code == 200
    page = get("/factcheck/findings").text
    assert "_sort=severity" in page and "_sort=confidence" in page
    assert "_sort=message" not in page and "_sort=evidence" not in page  # not offered
    found = json_rows(get, "/factcheck/sentences?_search=celebre")  # accents ignored
    assert found and all("célèbre" in r["text"].lower() for r in found)


def test_canned_query_worst_articles(get, reports, db):
    worst = json_rows(get, "/factcheck/worst_articles")
    assert len(worst) == 3
    key = [(r["errors"], r["warnings"], r["findings"]) for r in worst]
    assert key == sorted(key, reverse=True)
    top = max(reports, key=lambda n: (sum(f.severity == "error" for f in reports[n].findings),
                                      sum(f.severity == "warning" for f in reports[n].findings)))
    assert worst[0]["run_id"] == RUN[top]
    assert worst[0]["side_by_side"] == f"/-/factcheck/run/{RUN[top]}"


def test_canned_query_attribution_changes(get, reports):
    rows = json_rows(get, "/factcheck/attribution_changes")
    expected = sum(f.kind == "attribution_change" for r in reports.values() for f in r.findings)
    assert len(rows) == expected
    assert get("/factcheck/attribution_changes").status_code == 200


def test_canned_query_unfetched_sources(get):
    rows = json_rows(get, "/factcheck/unfetched_sources")
    assert [(r["source"], r["run_id"]) for r in rows] == [(GONE, RUN["hostile"])]
    assert rows[0]["reason"] and rows[0]["message"]


def test_canned_query_one_articles_findings(get, reports):
    dev = reports["dev"]
    for key in (dev.article.document.url, dev.article.document.final_url,
                store.document_id(dev.article)):
        rows = json_rows(get, f"/factcheck/article_findings?article={key}")
        assert [r["rule"] for r in rows] == [f.rule for f in dev.findings]
    n100 = next(f for f in dev.findings if f.rule == "N100")
    row = next(r for r in json_rows(get, f"/factcheck/article_findings?article={key}")
               if r["rule"] == "N100")
    assert row["article_text"][row["span_start"]:row["span_end"]] == dict(n100.evidence)["article"]
    assert json_rows(get, "/factcheck/article_findings?article=nope") == []


def test_cells_link_to_the_pages_and_mark_the_span(get, reports):
    page = get("/factcheck/finding_details?rule=N100&run_id=2").text
    changed = {dict(f.evidence)["article"] for f in reports["dev"].findings if f.rule == "N100"}
    assert changed and set(cells(page, "//mark[@class='fc-changed']")) == changed
    assert 'href="/-/factcheck/run/2">side by side</a>' in page
    rules = get("/factcheck/rules").text
    assert 'href="/-/factcheck/rule/C101">documentation</a>' in rules


# -- the side-by-side page ---------------------------------------------------------------------

def test_side_by_side_page_shows_both_texts_and_every_finding(get, reports):
    report = reports["dev"]
    resp = get(f"/-/factcheck/run/{RUN['dev']}")
    assert resp.status_code == 200
    page = resp.text
    tree = lxml_html.fromstring(page)
    art = cells(page, "//td[@class='fc-article']/p[@data-sentence]")
    assert [a.split(" ", 1)[1] for a in art] == [" ".join(s.text.split())
                                                 for s in report.article.sentences]
    src_ids = {p.get("data-sentence") for p in tree.xpath("//td[@class='fc-source']/p[@data-sentence]")}
    compared = {s.id for seg in report.sources for s in seg.sentences if s.checkable}
    assert src_ids == compared  # every compared source sentence is shown
    markers = tree.xpath("//li[contains(@class, 'fc-finding')]")
    assert sorted(m.get("id") for m in markers) == sorted(f"finding-{f.fingerprint}"
                                                          for f in report.findings)
    for f in report.findings:  # each finding sits in the row of its sentence
        (li,) = tree.xpath(f"//li[@id='finding-{f.fingerprint}']")
        row = li.getparent().getparent().getparent()
        if f.article_sentence:
            assert row.xpath(f".//p[@data-sentence='{f.article_sentence}']")
        (link,) = li.xpath(".//a[@class='fc-rule']")
        assert link.get("href") == f"/-/factcheck/rule/{f.rule}"
    additions = [f.article_sentence for f in report.findings if f.rule == "C100"]
    for sid in additions:
        assert tree.xpath(f"//tr[contains(@class,'fc-row-addition')]//p[@data-sentence='{sid}']")
    omissions = [f.source_sentence for f in report.findings if f.rule == "C200"]
    for sid in omissions:
        assert tree.xpath(f"//tr[contains(@class,'fc-row-omission')]//p[@data-sentence='{sid}']")


def test_side_by_side_page_highlights_changed_numbers_and_added_clauses(get, reports):
    page = get(f"/-/factcheck/run/{RUN['dev']}").text
    tree = lxml_html.fromstring(page)
    for f in reports["dev"].findings:
        ev = dict(f.evidence)
        if f.kind == "number_mismatch":
            row = tree.xpath(f"//p[@data-sentence='{f.article_sentence}']")[0].getparent().getparent()
            assert ev["article"] in cells(page, f"//p[@data-sentence='{f.article_sentence}']"
                                                "//mark[@class='fc-changed']")
            assert ev["source"] in [" ".join(m.text_content().split()) for m in row.xpath(
                f".//p[@data-sentence='{f.source_sentence}']//mark[@class='fc-changed']")]
        if f.rule == "C101":
            assert ev["added"] in cells(page, f"//p[@data-sentence='{f.article_sentence}']"
                                              "//ins[@class='fc-added']")


def test_article_route_and_index_lead_to_the_latest_run(get, reports):
    dev = reports["dev"]
    page = get(f"/-/factcheck/article/{store.document_id(dev.article)}")
    assert page.status_code == 200
    assert page.text == get(f"/-/factcheck/run/{RUN['dev']}").text
    index = get("/-/factcheck")
    assert index.status_code == 200
    assert 'href="/-/factcheck/run/2"' in index.text
    assert get("/-/factcheck/run/999").status_code == 404
    assert get("/-/factcheck/article/nope").status_code == 404


def test_rule_pages_render_the_docs(get):
    page = get("/-/factcheck/rule/C101")
    assert page.status_code == 200
    assert cells(page.text, "//div[@class='fc-rule-doc']/h1") == ["C101 unsupported-clause"]
    assert "## What it flags" not in page.text  # rendered, not raw
    assert get("/-/factcheck/rule/number-changed").status_code == 200
    assert get("/-/factcheck/rule/Z999").status_code == 404


# -- hostile text --------------------------------------------------------------------------------

def assert_escaped(page: str) -> None:
    for raw in RAW_PAYLOADS:
        assert raw not in page, raw
    for esc in ESCAPED:
        assert esc in page, esc


def test_hostile_text_is_escaped_in_the_page(get, reports):
    page = get(f"/-/factcheck/run/{RUN['hostile']}").text
    assert_escaped(page)
    tree = lxml_html.fromstring(page)
    assert not tree.xpath("//img[@src='x']")
    assert not [s for s in tree.xpath("//script") if "alert" in (s.text or "")]
    shown = " ".join(cells(page, "//p[@data-sentence]"))
    assert "<script>alert(1)</script>" in shown  # shown as text, in the article and the source
    assert "<img src=x onerror=alert(1)>" in shown
    assert "&lt;script&gt;" not in shown  # escaped once, not twice
    n100 = next(f for f in reports["hostile"].findings if f.rule == "N100")
    assert cells(page, f"//p[@data-sentence='{n100.article_sentence}']//mark") == ["Four"]


def test_hostile_text_is_escaped_in_the_tables(get):
    for path in ("/factcheck/sentences?_search=alert", "/factcheck/finding_details?run_id=3",
                 "/factcheck/documents"):
        page = get(path).text
        for raw in RAW_PAYLOADS:
            assert raw not in page, (path, raw)
        assert "&lt;script&gt;" in page or "&lt;img" in page, path


def test_hostile_text_is_escaped_in_the_html_report(reports, tmp_path):
    text = render(reports["hostile"], "html")
    assert_escaped(text)
    assert "<script" not in text.lower()  # no script at all, ours or theirs
    assert "Content-Security-Policy" in text
    tree = lxml_html.fromstring(text)
    assert not tree.xpath("//img | //script | //link | //*[@src] | //iframe")  # self-contained
    assert tree.xpath("//title")[0].text.startswith("factcheck: Crane collapse")


def test_html_report_is_self_contained_and_matches_the_cli(reports, tmp_path):
    article, source = hostile_pair(tmp_path / "pair")
    out = tmp_path / "report.html"
    from typer.testing import CliRunner

    from factcheck.cli import app

    result = CliRunner().invoke(app, ["check", str(article), "--source", str(source), "--source",
                                      GONE, "--format", "html", "--output", str(out),
                                      "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    expected = render(check_hostile(tmp_path / "pair"), "html")
    assert out.read_text(encoding="utf-8") == expected  # deterministic
    tree = lxml_html.fromstring(expected)
    rule_links = {a.get("href") for a in tree.xpath("//a[@class='fc-rule']")}
    assert rule_links and all(tree.xpath(f"//section[@id='{h[1:]}']") for h in rule_links)


# -- the command -------------------------------------------------------------------------------

def serve_cli(*args: str, block_datasette: bool = False) -> subprocess.CompletedProcess[str]:
    code = ("import sys\n"
            + ("sys.modules['datasette'] = None\n" if block_datasette else "")
            + "from factcheck.cli import main\n"
            + f"sys.argv = ['factcheck', 'serve', *{list(args)!r}]\nmain()\n")
    env = {k: v for k, v in os.environ.items() if k != "FACTCHECK_DEBUG"}
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


def test_serve_without_datasette_says_how_to_install_it(db):
    proc = serve_cli(str(db), block_datasette=True)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "pip install 'factcheck-news[serve]'" in lines[0]
    assert "Traceback" not in proc.stderr


def test_serve_without_a_database_fails_in_one_line(tmp_path):
    proc = serve_cli(str(tmp_path / "missing.db"))
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1 and "--db" in proc.stderr


def test_metadata_names_every_table_and_query():
    meta = build_metadata("runs2025")
    db = meta["databases"]["runs2025"]
    assert {"worst_articles", "attribution_changes", "unfetched_sources",
            "article_findings"} <= set(db["queries"])
    assert db["tables"]["findings"]["facets"][:2] == ["kind", "severity"]
    assert {"site", "language"} <= set(db["tables"]["finding_details"]["facets"])
    assert meta["plugins"]["factcheck"]["database"] == "runs2025"


def test_a_run_whose_source_could_not_be_read_paints_no_addition(tmp_path):
    """Nothing was compared: the side-by-side view says so instead of marking every article
    sentence as an addition."""
    report = factcheck.check(str(SEED / "article.txt"), [GONE])
    tree = lxml_html.fromstring(render(report, "html"))
    assert not tree.xpath("//tr[contains(@class, 'fc-row-addition')]")
    assert tree.xpath("//tr[contains(@class, 'fc-row-unchecked')]")


def test_similarity_is_never_shown_above_one(reports):
    for report in reports.values():
        text = render(report, "html")
        shown = [float(x) for x in re.findall(r'class="fc-how">[a-z]+ · ([0-9.]+)<', text)]
        assert shown and max(shown) <= 1.0


def test_the_index_page_keeps_headers_and_dates_whole(get):
    """/-/factcheck: the narrow columns size to their headers and the date reads to the minute
    on one line (a fixed layout had squeezed "language errors warnings" into each other and
    cut the date into three lines)."""
    page = get("/-/factcheck").text
    tree = lxml_html.fromstring(page)
    table = tree.xpath("//table[contains(@class, 'fc-index')]")[0]
    dates = [td.text_content() for td in table.xpath(".//tbody/tr/td[7]")]
    assert dates and all(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", d) for d in dates), dates
    style = " ".join(tree.xpath("//style/text()"))
    assert ".fc-index{table-layout:auto}" in style and "white-space:nowrap" in style


def test_rule_pages_keep_their_list_markers(get):
    """Datasette's stylesheet takes list markers away; the rule pages put them back."""
    tree = lxml_html.fromstring(get("/-/factcheck/rule/S105").text)
    assert tree.xpath("//div[@class='fc-rule-doc']//ul/li")
    style = " ".join(tree.xpath("//style/text()"))
    assert ".fc-rule-doc ul{list-style:disc" in style and ".fc-rule-doc ol{list-style:decimal" in style


def test_the_findings_table_opens_on_the_findings(get):
    """No screen of column descriptions above the rows (they are in docs/database.md); the page
    points to the view with the sentence text."""
    page = get("/factcheck/findings").text
    assert 'class="column-descriptions"' not in page
    assert "finding_details" in page
