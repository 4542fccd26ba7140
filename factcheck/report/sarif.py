"""SARIF 2.1.0 for a scan (:class:`factcheck.scan.ScanReport`): what GitHub code scanning and
other CI dashboards read.

One run; ``tool.driver.rules`` lists every rule of ``rules/rules.toml`` (id, name, short and
full description, help from the rule's doc, default level); each result points at the sentence
in the article file (repository-relative URI under ``%SRCROOT%``, 1-based line and column,
columns in Unicode code points), carries the finding's stable fingerprint in
``partialFingerprints`` and, when the ignore file suppresses it, a ``suppressions`` entry with
the reason. Files that hit an internal error are tool execution notifications. Each rule has a
``helpUri`` (its page under rules/docs/ in the repository); the run has ``automationDetails``
and no absolute local path.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING
from urllib.parse import quote

from ..rules import all_rules
from ..version import REPOSITORY_URL, __version__

if TYPE_CHECKING:
    from ..scan import FileResult, Item, ScanReport

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "factcheckFingerprint/v1"
BASE_ID = "%SRCROOT%"
AUTOMATION_ID = "factcheck/scan/"  # category "factcheck/scan", as GitHub code scanning reads it


def help_uri(code: str) -> str:
    """The rule's documentation page in the project repository."""
    return f"{REPOSITORY_URL}/blob/main/rules/docs/{code}.md"


def first_paragraph(doc: str, heading: str = "## What it flags") -> str:
    section = doc.split(heading, 1)[-1]
    section = re.split(r"^## ", section, maxsplit=1, flags=re.M)[0]
    paragraphs = [p.strip() for p in section.strip().split("\n\n") if p.strip()]
    return " ".join(paragraphs[0].split()) if paragraphs else ""


def rule_descriptors() -> list[dict]:
    out = []
    for r in sorted(all_rules().values(), key=lambda r: r.code):
        doc = r.doc
        out.append(
            {
                "id": r.code,
                "name": r.name,
                "shortDescription": {"text": r.summary},
                "fullDescription": {"text": first_paragraph(doc) or r.summary},
                "help": {"text": doc, "markdown": doc},
                "helpUri": help_uri(r.code),
                "defaultConfiguration": {"level": LEVELS[r.severity]},
                "properties": {"tags": [r.kind], "status": r.status},
            }
        )
    return out


def location(path: str, item: Item | None = None) -> dict:
    physical: dict = {"artifactLocation": {"uri": quote(path, safe="/"), "uriBaseId": BASE_ID}}
    if item is not None:
        r = item.region
        region = {"startLine": r.line, "startColumn": r.column}
        if r.end_line is not None and r.end_column is not None:
            region["endLine"] = r.end_line
            region["endColumn"] = r.end_column
        physical["region"] = region
    return {"physicalLocation": physical}


def result(f: FileResult, item: Item, index: dict[str, int]) -> dict:
    fd = item.finding
    text = fd.message
    if item.article_text:
        text += f"\nArticle: {item.article_text}"
    if item.source_text:
        text += f"\nSource: {item.source_text}"
    out: dict = {
        "ruleId": fd.rule,
        "ruleIndex": index[fd.rule],
        "level": LEVELS[fd.severity],
        "message": {"text": text},
        "locations": [location(f.path, item)],
        "partialFingerprints": {FINGERPRINT_KEY: fd.fingerprint},
        "properties": {"kind": fd.kind, "confidence": fd.confidence, "evidence": dict(fd.evidence)},
    }
    if item.suppressed is not None:
        out["suppressions"] = [
            {"kind": "external", "status": "accepted", "justification": item.suppressed}
        ]
    return out


def as_dict(report: ScanReport) -> dict:
    rules = rule_descriptors()
    index = {r["id"]: n for n, r in enumerate(rules)}
    results = [result(f, item, index) for f, item in report.items(suppressed=True)]
    notifications = [
        {
            "level": "error",
            "message": {"text": f"{f.path}: internal error: {f.error}"},
            "locations": [location(f.path)],
        }
        for f in report.errors()
    ]
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "factcheck",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": REPOSITORY_URL,
                        "rules": rules,
                    }
                },
                "automationDetails": {"id": AUTOMATION_ID},
                # no local path: the reports are shared, and the runner's checkout folder means
                # nothing elsewhere; result URIs are relative to the repository's top
                "originalUriBaseIds": {
                    BASE_ID: {"description": {"text": "The top folder of the scanned repository."}}
                },
                "columnKind": "unicodeCodePoints",
                "invocations": [
                    {
                        "executionSuccessful": not notifications,
                        "toolExecutionNotifications": notifications,
                    }
                ],
                "results": results,
            }
        ],
    }


def render(report: ScanReport, **_: object) -> str:
    return json.dumps(as_dict(report), ensure_ascii=False, indent=2) + "\n"
