"""What Datasette shows about a factcheck database: titles, table and column descriptions (the
rule list feeds the ones about rules and kinds), facets, sort orders, label columns, full-text
search, canned queries, and the settings ``factcheck serve`` starts with.

Pure data: nothing here imports Datasette.
"""

from __future__ import annotations

from typing import Any

from ..rules import all_rules

SETTINGS: dict[str, Any] = {
    "default_page_size": 50,
    "max_returned_rows": 2000,
    "sql_time_limit_ms": 3000,
    "facet_time_limit_ms": 1000,
    "default_facet_size": 20,
    "suggest_facets": False,  # the useful facets are configured below
    "truncate_cells_html": 300,  # whole documents are long; sentences are shorter than this
}

RUN_PAGE = "/-/factcheck/run/"


def _rules_text() -> str:
    return "; ".join(f"{r.code} {r.name}" for r in all_rules().values())


def queries() -> dict[str, dict[str, str]]:
    return {
        "worst_articles": {
            "title": "Worst articles",
            "description": "The latest check of every article, most errors first, then most "
            "warnings, then most findings.",
            "sql": """select title, url, site, language, error_count as errors,
       warning_count as warnings, info_count as infos, finding_count as findings,
       source_coverage, article_support, started_at as checked_at, run_id, side_by_side
from latest_runs
order by error_count desc, warning_count desc, finding_count desc, started_at desc
limit 200""",
        },
        "attribution_changes": {
            "title": "Every attribution change",
            "description": "Findings of kind attribution_change, in every run, newest first: "
            "a statement credited to someone else, or a claim turned into a fact.",
            "sql": """select run_id, article_title, site, language, rule, severity, confidence,
       message, article_text, span_start, span_end, source_text, started_at, side_by_side
from finding_details
where kind = 'attribution_change'
order by run_id desc, finding_id""",
        },
        "unfetched_sources": {
            "title": "Sources that could not be fetched",
            "description": "Every source a run tried and could not read, with the reason "
            "(unreachable, timeout, http-status, redirects, too-large, "
            "not-article, blocked) and the article that cited it.",
            "sql": """select rs.target as source, rs.reason, rs.message, d.title as article,
       d.url as article_url, r.id as run_id, r.started_at,
       '/-/factcheck/run/' || r.id as side_by_side
from run_sources rs
join runs r on r.id = rs.run_id
join documents d on d.id = r.article_id
where rs.ok = 0
order by r.id desc, rs.position""",
        },
        "article_findings": {
            "title": "One article's findings",
            "description": "The findings of the latest check of one article. article: its "
            "document id, its URL or its final URL (as in the documents table).",
            "sql": """select finding_id, kind, rule, name, severity, confidence, message,
       article_sentence, article_text, span_start, span_end, source_sentence, source_text,
       run_id, side_by_side
from finding_details
where run_id = (
  select max(r.id) from runs r join documents d on d.id = r.article_id
  where d.id = :article or d.url = :article or d.final_url = :article
)
order by finding_id""",
        },
    }


def site_queries() -> dict[str, dict[str, str]]:
    """Per site (documents.site of the article): for factcheck monitor's databases, useful
    for any. Charts of the same figures: /-/factcheck/sites."""
    return {
        "sites": {
            "title": "Sites",
            "description": "Per site, over the latest check of each article: articles "
            "checked, the mean share of article sentences supported, errors, "
            "warnings and findings, and the last check.",
            "sql": """select site, count(*) as articles,
       round(avg(article_support), 3) as sentences_supported,
       sum(error_count) as errors, sum(warning_count) as warnings,
       sum(finding_count) as findings, max(started_at) as last_checked
from latest_runs
group by site
order by articles desc, site""",
        },
        "site_findings_by_kind": {
            "title": "Findings per kind and site",
            "description": "Per site and finding kind, over the latest check of each article: "
            "findings, and the articles with at least one.",
            "sql": """select l.site, f.kind, count(*) as findings,
       count(distinct l.article_id) as articles
from latest_runs l join findings f on f.run_id = l.run_id
group by l.site, f.kind
order by l.site, findings desc""",
        },
        "site_over_time": {
            "title": "Sites over time",
            "description": "Per site and day (UTC) of the checks: articles checked, runs, the "
            "mean share of article sentences supported, errors and warnings. "
            "site: one site, or empty for all.",
            "sql": """select d.site, substr(r.started_at, 1, 10) as day,
       count(distinct r.article_id) as articles, count(*) as runs,
       round(avg(r.article_support), 3) as sentences_supported,
       sum(r.error_count) as errors, sum(r.warning_count) as warnings
from runs r join documents d on d.id = r.article_id
where :site = '' or d.site = :site
group by d.site, day
order by d.site, day""",
        },
    }


def tables() -> dict[str, dict[str, Any]]:
    rules = _rules_text()
    return {
        "runs": {
            "description": "One row per check, in the order they ran. A run never replaces "
            "another: checking an article again adds a run. The side-by-side "
            f"page of a run is at {RUN_PAGE}<id>.",
            "label_column": "article_target",
            "sort_desc": "id",
            "sortable_columns": [
                "id",
                "started_at",
                "finding_count",
                "error_count",
                "warning_count",
                "info_count",
                "source_coverage",
                "article_support",
            ],
            "facets": ["command", "tool_version"],
            "columns": {
                "id": "Run number.",
                "started_at": "When the check started (UTC, ISO 8601).",
                "finished_at": "When the report was written (UTC).",
                "command": "The command that wrote the run (check, scan).",
                "tool_version": "The factcheck version that ran.",
                "article_id": "The article checked (documents.id).",
                "article_target": "The article as given: a URL or a file path.",
                "source_coverage": "Carried source sentences / compared source sentences.",
                "article_support": "Supported article sentences / compared article sentences.",
                "finding_count": "Number of findings.",
                "error_count": "Findings of severity error.",
                "warning_count": "Findings of severity warning.",
                "info_count": "Findings of severity info.",
            },
        },
        "documents": {
            "description": "Articles and sources, one row per page (id: hash of its final URL). "
            "Checking a page again updates its row.",
            "label_column": "title",
            "facets": ["site", "language", "retrieved"],
            "sortable_columns": ["title", "site", "language", "published", "retrieved_at"],
            "columns": {
                "id": "16 hex digits of the SHA-256 of final_url.",
                "url": "The address or file path as given or cited.",
                "final_url": "The address after redirects; file:// and the absolute path for a file.",
                "title": "The headline.",
                "site": "Site name from page metadata, else the host.",
                "language": "ISO 639-1 code of the detected language.",
                "published": "Publication date as the page states it (not normalised).",
                "author": "Author from page metadata.",
                "retrieved": "How it was read: http, file, or archive (a web archive snapshot).",
                "retrieved_at": "When it was last read (UTC).",
                "archived_at": "When the archive snapshot was taken, for retrieved = archive.",
                "canonical": "The canonical address the page declares.",
                "citations": "JSON list of the sources the page cites (url, how).",
                "text": "The extracted text (blocks joined by a blank line).",
            },
        },
        "sentences": {
            "description": "Every sentence, heading and list item of every document, searchable "
            "(accents ignored). id: <document id>:<position>.",
            "label_column": "text",
            "fts_table": "sentences_fts",
            "facets": ["kind", "language"],
            "sortable_columns": ["document_id", "position", "kind"],
            "columns": {
                "id": "<document id>:<position>.",
                "document_id": "The document (documents.id).",
                "position": "1 for the first sentence of the document.",
                "kind": "title, heading, body or bullet; only body and bullet are compared.",
                "paragraph": "Index of the block the sentence belongs to.",
                "start": "Offset of the sentence in documents.text.",
                "end": "Offset after the sentence in documents.text.",
                "text": "The sentence.",
                "language": "Language of its document.",
            },
        },
        "run_sources": {
            "description": "The sources each run tried, in order: the article-to-source links.",
            "facets": ["ok", "reason"],
            "sortable_columns": ["run_id", "position"],
            "columns": {
                "run_id": "The run (runs.id).",
                "position": "1 for the first source tried.",
                "target": "The source as given or cited.",
                "source_id": "The source document when it was read (documents.id).",
                "ok": "1 when the source was fetched and read.",
                "reason": "Why not: unreachable, timeout, http-status, redirects, too-large, "
                "not-article, blocked.",
                "message": "The one-line error.",
                "first_sentence": "Number of its first sentence in the run's report (S13 -> 13).",
            },
        },
        "alignments": {
            "description": "Which article sentence renders which source sentence, per run; a "
            "bead with several sentences takes several rows. No source sentence: "
            "an addition; no article sentence: an omission.",
            "facets": ["method"],
            "sortable_columns": ["run_id", "bead", "score"],
            "columns": {
                "run_id": "The run (runs.id).",
                "bead": "Bead number in the run, in report order.",
                "article_sentence_id": "The article sentence (sentences.id), empty for an omission.",
                "source_sentence_id": "The source sentence (sentences.id), empty for an addition.",
                "score": "The similarity that decided the bead (best score for an empty side).",
                "method": "embedding, fuzzy, merge, split, clause, mutual or none.",
            },
        },
        "findings": {
            "description": "What each run found, one row per finding, sentences by id. To read "
            "the findings with their sentences, open the finding_details view; the side-by-side "
            "page of a run is at /-/factcheck, each rule's documentation at "
            "/-/factcheck/rule/<code>, the columns in the project's docs/database.md. "
            f"Rules: {rules}.",
            "facets": ["kind", "severity", "rule", "confidence"],
            "sort_desc": "run_id",
            "sortable_columns": ["run_id", "position", "kind", "rule", "severity", "confidence"],
        },
        "quotes": {
            "description": "Direct quotes in the documents and who they are credited to.",
            "facets": ["speaker", "verb"],
            "columns": {
                "id": "<sentence id>:<start>.",
                "document_id": "The document (documents.id).",
                "sentence_id": "The sentence holding the quote (sentences.id).",
                "start": "Offset of the opening mark in the sentence.",
                "end": "Offset after the closing mark.",
                "text": "The words inside the marks.",
                "speaker": "Who the quote is credited to, as written.",
                "verb": "The reporting verb (said, a déclaré, ...).",
            },
        },
        "rules": {
            "description": "Every rule: code, name, kind, default severity, status, summary and "
            "documentation.",
            "label_column": "name",
            "facets": ["kind", "severity", "status"],
            "columns": {
                "code": "A purpose letter and three digits; never changes meaning.",
                "name": "The rule name.",
                "kind": "The finding kind it reports.",
                "severity": "Its default severity.",
                "status": "stable or preview.",
                "summary": "One line.",
                "doc": "The documentation (Markdown).",
            },
        },
        "finding_details": {
            "description": "Every finding with its sentence texts and the article's site and "
            "language.",
            "facets": ["kind", "severity", "site", "language"],
            "sort_desc": "finding_id",
            "sortable_columns": [
                "finding_id",
                "run_id",
                "kind",
                "rule",
                "severity",
                "site",
                "language",
                "started_at",
            ],
            "columns": {
                "article_text": "The article sentence; the part concerned is highlighted.",
                "source_text": "The main source sentence.",
                "side_by_side": "The run's side-by-side page.",
            },
        },
        "latest_runs": {
            "description": "The latest check of every article.",
            "facets": ["site", "language"],
            "sort_desc": "run_id",
            "sortable_columns": [
                "run_id",
                "started_at",
                "finding_count",
                "error_count",
                "warning_count",
                "info_count",
                "source_coverage",
                "article_support",
                "site",
                "language",
            ],
            "columns": {"side_by_side": "The run's side-by-side page."},
        },
    }


#: the tables whose primary key is "id" (Datasette offers a sort link on it in every table page)
ID_TABLES = ("runs", "documents", "sentences", "run_sources", "alignments", "findings", "quotes")


def with_primary_keys(found: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """A table page links its primary key column's header to ``?_sort=id``; Datasette answers
    that with an error unless the column is in ``sortable_columns``."""
    for name in ID_TABLES:
        table = found.get(name, {})
        if "sortable_columns" in table and "id" not in table["sortable_columns"]:
            table["sortable_columns"] = ["id", *table["sortable_columns"]]
    return found


def monitor_tables() -> dict[str, dict[str, Any]]:
    """The tables factcheck monitor adds (docs/monitor.md)."""
    return {
        "monitor_articles": {
            "description": "factcheck monitor: one row per article address, with the state of "
            "its last attempt, the content key and run of its last stored check.",
            "facets": ["state", "input"],
            "sortable_columns": ["last_seen", "checked_at", "checks", "failures"],
            "columns": {
                "url": "The article's address, as the input listed it.",
                "input": "The feed, sitemap or list that named it first.",
                "state": "checked, or failed (never checked successfully).",
                "content_key": "Hash of the article text and its sources' texts at the last "
                "stored check; a run is stored again only when it changes.",
                "run_id": "The last stored check (runs.id).",
                "checks": "Runs stored for this address.",
                "failures": "Failed attempts (fetching or checking), in total.",
                "message": "The last failure, in one line.",
            },
        },
        "monitor_problems": {
            "description": "factcheck monitor: one row per problem: an input that could not be "
            "read, a line that is not an address, an article not checked.",
            "facets": ["kind", "input"],
            "sort_desc": "id",
        },
        "monitor_sessions": {
            "description": "factcheck monitor: one row per invocation, with its counts; "
            "status running for one that was interrupted.",
            "sort_desc": "id",
            "facets": ["status", "engine"],
        },
    }


def build(database: str) -> dict[str, Any]:
    """Datasette metadata for a factcheck database served under the name DATABASE (the file
    name without .db)."""
    return {
        "title": "factcheck",
        "description": "Rewritten news articles checked against the originals they cite: "
        "additions, omissions, changed numbers and dates.",
        "databases": {
            database: {
                "description": "Runs of factcheck check, their documents, sentences, "
                "alignments and findings. Side-by-side pages: /-/factcheck.",
                "tables": with_primary_keys({**tables(), **monitor_tables()}),
                "queries": {**queries(), **site_queries()},
            },
        },
        "plugins": {"factcheck": {"database": database}},
    }
