"""The per-site canned queries and the sites page: inline SVG charts that need nothing from
the network (no script, no stylesheet or chart library from elsewhere)."""

from __future__ import annotations

import asyncio
import re
from dataclasses import replace

import pytest

from factcheck import store

pytest.importorskip("datasette")
from factcheck.serve import make_datasette  # noqa: E402
from factcheck.serve.charts import kinds_bars, over_time  # noqa: E402


def with_site(report, site: str):
    doc = replace(report.article.document, site=site,
                  final_url=f"https://{site}/{len(site)}", url=f"https://{site}/{len(site)}")
    return replace(report, article=replace(report.article, document=doc))


@pytest.fixture(scope="module")
def get(seed_report, tmp_path_factory):
    path = tmp_path_factory.mktemp("sites") / "sites.db"
    for site in ("news-a.example", "news-a.example", "news-b.example <b>"):
        store.save(with_site(seed_report, site), path, command="monitor")
    ds = make_datasette(path)

    def fetch(url: str):
        async def go():
            await ds.invoke_startup()
            return await ds.client.get(url)
        return asyncio.run(go())

    return fetch


def test_canned_queries_per_site(get, seed_report):
    rows = get("/sites/sites.json?_shape=array").json()
    assert {r["site"]: r["articles"] for r in rows} == {"news-a.example": 1,
                                                       "news-b.example <b>": 1}
    assert all(0 <= r["sentences_supported"] <= 1 for r in rows)
    kinds = get("/sites/site_findings_by_kind.json?_shape=array").json()
    assert {(r["site"], r["kind"]): r["findings"] for r in kinds} == {
        (site, kind): n for site in ("news-a.example", "news-b.example <b>")
        for kind, n in seed_report.counts().items()}
    days = get("/sites/site_over_time.json?_shape=array&site=news-a.example").json()
    assert [(r["site"], r["runs"], r["articles"]) for r in days] == [("news-a.example", 2, 1)]
    everything = get("/sites/site_over_time.json?_shape=array&site=").json()
    assert len({r["site"] for r in everything}) == 2


def test_sites_page_draws_inline_svg_and_loads_nothing_else(get):
    resp = get("/-/factcheck/sites")
    assert resp.status_code == 200
    page = resp.text
    charts = page.count('<svg xmlns="http://www.w3.org/2000/svg" class="fc-chart"')
    assert charts == 3  # findings per kind, then one per site
    assert "news-a.example" in page and "news-b.example &lt;b&gt;" in page
    assert "news-b.example <b>" not in page
    assert not re.search(r"<script[^>]+src=", page)  # Datasette's own inline script only
    external = re.findall(r'src="(https?://[^"]+)"', page) + re.findall(
        r'<link[^>]+href="(https?://[^"]+)"', page)  # resources; a plain link is no download
    assert external == [], external


def test_charts_escape_text_and_cope_with_one_day():
    svg = over_time([{"day": "2026-06-01", "articles": 3, "runs": 3, "support": 0.5,
                      "warnings": 1}], "<script>x</script>")
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    bars = kinds_bars([{"site": "a<", "kind": "addition", "findings": 2}], ["a<"])
    assert "a&lt;" in bars and "2 addition" in bars
