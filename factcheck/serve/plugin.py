"""The Datasette plugin: the side-by-side page of a run, the rule docs, a list of the latest
checks, and cell rendering for the factcheck tables.

Routes (under Datasette's base URL):

    /-/factcheck                     the latest check of every article, with links
    /-/factcheck/run/<run id>        the side-by-side page of one run
    /-/factcheck/article/<doc id>    the side-by-side page of an article's latest run
    /-/factcheck/rule/<code>         a rule's documentation
    /-/factcheck/sites               per site: findings per kind, checks over time (SVG charts)

The page is rendered by :mod:`factcheck.report.html`, the same code as ``--format html``.
Text from pages is escaped before any markup is added.
"""

from __future__ import annotations

from typing import Any

from datasette import hookimpl
from datasette.utils.asgi import NotFound, Response
from markupsafe import Markup

from .. import store
from ..errors import ConfigError
from ..report import html
from ..rules import rule as lookup_rule

TEMPLATE = "factcheck_page.html"


async def factcheck_database(datasette):
    """The database the pages read: the plugin setting ``database`` when given, else the first
    database that holds a ``runs`` table."""
    config = datasette.plugin_config("factcheck") or {}
    name = config.get("database")
    if name and name in datasette.databases:
        return datasette.get_database(name)
    for name, db in datasette.databases.items():
        if not name.startswith("_") and await db.table_exists("runs"):
            return db
    raise NotFound("no factcheck database is being served")


async def page(datasette, request, title: str, body: Markup, crumbs: list[tuple[str, str]]):
    nav = Markup(" / ").join(
        Markup('<a href="{}">{}</a>').format(href, label) for href, label in crumbs
    )
    text = await datasette.render_template(
        TEMPLATE,
        {"title": title, "body": body, "css": Markup(html.CSS), "crumbs_html": nav},
        request=request,
    )
    return Response.html(text)


def _crumbs(datasette, db=None) -> list[tuple[str, str]]:
    out = [(datasette.urls.instance(), "home")]
    if db is not None:
        out.append((datasette.urls.database(db.name), db.name))
    out.append((datasette.urls.path("/-/factcheck"), "side by side"))
    return out


def _rule_href(datasette):
    return lambda code: datasette.urls.path(f"/-/factcheck/rule/{code}")


async def _run_page(datasette, request, run_id: int):
    db = await factcheck_database(datasette)
    data = await db.execute_fn(lambda conn: store.load_run(conn, run_id))
    if data is None:
        return not_found(f"no run {run_id}")
    view = html.from_rows(data)
    title = f"{view.article.title or view.article.url} — run {run_id}"
    body = Markup("<h1>{}</h1>{}").format(title, html.fragment(view, _rule_href(datasette)))
    return await page(datasette, request, f"factcheck: {title}", body, _crumbs(datasette, db))


def not_found(message: str) -> Response:
    """A plain 404 page (raising NotFound makes the server log a whole traceback)."""
    return Response.text(message, status=404)


async def run_view(datasette, request):
    raw = request.url_vars["run_id"]
    if not raw.isdigit() or int(raw) >= 2**63:
        return not_found(f"no run {raw}")
    return await _run_page(datasette, request, int(raw))


async def article_view(datasette, request):
    db = await factcheck_database(datasette)
    article = request.url_vars["article_id"]
    run_id = await db.execute_fn(lambda conn: store.latest_run(conn, article))
    if run_id is None:
        return not_found(f"no run of article {article}")
    return await _run_page(datasette, request, run_id)


async def rule_view(datasette, request):
    try:
        rule = lookup_rule(request.url_vars["code"])
    except ConfigError:
        raise NotFound(f"no rule {request.url_vars['code']}") from None
    body = Markup(
        '<p class="fc-meta">{kind} · default severity {severity} · {status}</p>'
        '<div class="fc-rule-doc">{doc}</div>'
    ).format(
        kind=rule.kind,
        severity=rule.severity,
        status=rule.status,
        doc=html.rule_doc_html(rule.code),
    )
    return await page(
        datasette, request, f"factcheck: {rule.code} {rule.name}", body, _crumbs(datasette)
    )


async def index_view(datasette, request):
    db = await factcheck_database(datasette)
    result = await db.execute(
        "SELECT run_id, title, url, site, language, started_at, error_count, warning_count, "
        "info_count FROM latest_runs ORDER BY run_id DESC LIMIT 1000"
    )
    rows = Markup("").join(
        Markup(
            '<tr><td><a href="{href}">{title}</a></td><td>{site}</td><td>{language}</td>'
            "<td>{errors}</td><td>{warnings}</td><td>{infos}</td><td>{when}</td></tr>"
        ).format(
            href=datasette.urls.path(f"/-/factcheck/run/{r['run_id']}"),
            title=r["title"] or r["url"],
            site=r["site"] or "",
            language=r["language"] or "",
            errors=r["error_count"],
            warnings=r["warning_count"],
            infos=r["info_count"],
            when=(r["started_at"] or "")[:16].replace("T", " "),  # to the minute
        )
        for r in result.rows
    )
    body = Markup(
        "<h1>The latest check of every article</h1>"
        '<table class="fc-pairs fc-index"><thead><tr><th>article</th><th>site</th>'
        "<th>language</th><th>errors</th><th>warnings</th><th>infos</th>"
        "<th>checked</th></tr></thead><tbody>{}</tbody></table>"
    ).format(rows)
    return await page(datasette, request, "factcheck: side by side", body, _crumbs(datasette, db))


async def sites_view(datasette, request):
    """Per site: findings per kind, and checks over time (inline SVG, works offline)."""
    from . import charts

    db = await factcheck_database(datasette)
    days = await db.execute(charts.SITE_DAYS_SQL)
    kinds = await db.execute(charts.SITE_KINDS_SQL)
    body = Markup("<h1>Sites</h1>{}").format(
        charts.sites_fragment([dict(r) for r in days.rows], [dict(r) for r in kinds.rows])
    )
    return await page(datasette, request, "factcheck: sites", body, _crumbs(datasette, db))


@hookimpl
def register_routes(datasette):
    return [
        (r"^/-/factcheck/sites$", sites_view),
        (r"^/-/factcheck/?$", index_view),
        (r"^/-/factcheck/run/(?P<run_id>[^/]+)$", run_view),
        (r"^/-/factcheck/article/(?P<article_id>[^/]+)$", article_view),
        (r"^/-/factcheck/rule/(?P<code>[A-Za-z0-9-]+)$", rule_view),
    ]


def _get(row: Any, key: str) -> Any:
    try:
        return row[key]
    except (KeyError, IndexError, TypeError):
        return None


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    """Links to the side-by-side pages and rule docs, and the concerned part of an article
    sentence highlighted. Escapes the text first, then adds the markup."""
    if (
        column == "side_by_side"
        and isinstance(value, str)
        and value.startswith("/-/factcheck/run/")
        and value[len("/-/factcheck/run/") :].isdigit()
    ):
        return Markup('<a href="{}">side by side</a>').format(datasette.urls.path(value))
    if column == "article_text" and isinstance(value, str):
        start, end = _get(row, "span_start"), _get(row, "span_end")
        if isinstance(start, int) and isinstance(end, int):
            return html.marked(
                value, [html.Mark(start, end, "mark", "fc-changed", _get(row, "message") or "")]
            )
        return None
    if table == "rules" and column == "doc" and isinstance(value, str):
        code = _get(row, "code")
        if code:
            return Markup('<a href="{}">documentation</a>').format(
                datasette.urls.path(f"/-/factcheck/rule/{code}")
            )
    return None


@hookimpl
def menu_links(datasette, actor, request):
    return [{"href": datasette.urls.path("/-/factcheck"), "label": "factcheck: side by side"}]
