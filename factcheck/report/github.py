"""GitHub Actions workflow commands for a scan: one annotation per finding
(``::error file=F,line=L,col=C,title=CODE name::message``), at most :data:`PER_LEVEL` per level
(GitHub shows no more than ten errors and ten warnings of a step), and a Markdown summary for
the job page (:func:`summary`; the CLI appends it to ``$GITHUB_STEP_SUMMARY`` when that is set).

Values are escaped as the runner expects: ``%``, CR and LF in messages; also ``:`` and ``,`` in
properties.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..scan import ScanReport

PER_LEVEL = 10
COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
SUMMARY_ROWS = 200


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def render(report: ScanReport, *, per_level: int = PER_LEVEL, **_: object) -> str:
    shown = {"error": 0, "warning": 0, "info": 0}
    left = {"error": 0, "warning": 0, "info": 0}
    lines: list[str] = []
    items = sorted(
        report.items(),
        key=lambda fi: (
            -{"error": 3, "warning": 2, "info": 1}[fi[1].finding.severity],
            fi[0].path,
            fi[1].region.line,
            fi[1].region.column,
        ),
    )
    for f, item in items:
        fd = item.finding
        level = fd.severity
        if shown[level] >= per_level:
            left[level] += 1
            continue
        shown[level] += 1
        r = item.region
        props = [f"file={escape_property(f.path)}", f"line={r.line}", f"col={r.column}"]
        if r.end_line is not None and r.end_column is not None:
            props += [f"endLine={r.end_line}", f"endColumn={r.end_column}"]
        props.append(f"title={escape_property(f'{fd.rule} {fd.name}')}")
        message = fd.message
        if item.article_text:
            message += f"\nArticle: {item.article_text}"
        if item.source_text:
            message += f"\nSource: {item.source_text}"
        lines.append(f"::{COMMANDS[level]} {','.join(props)}::{escape_data(message)}")
    for f in report.errors():
        lines.append(
            f"::error file={escape_property(f.path)},title=internal error::"
            f"{escape_data(f.error or '')}"
        )
    more = sum(left.values())
    if more:
        lines.append(
            f"factcheck: {more} more finding{'s' if more != 1 else ''} not annotated "
            f"(at most {per_level} per level); the job summary lists them all"
        )
    from ..scan import summary_line

    lines.append(f"factcheck: {summary_line(report)}")
    return "\n".join(lines) + "\n"


def cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def summary(report: ScanReport, *, rows: int = SUMMARY_ROWS) -> str:
    """The job summary: counts, then a table of the findings (at most ``rows``)."""
    from ..scan import summary_line

    failing = len(report.failing())
    verdict = (
        f"**{failing} finding{'s' if failing != 1 else ''} at or above `{report.fail_on}`**"
        if failing
        else f"No finding at or above `{report.fail_on}`."
    )
    out = ["## factcheck scan", "", summary_line(report), "", verdict, ""]
    items = report.items()
    if items:
        out += ["| file | line | severity | rule | finding |", "| --- | --- | --- | --- | --- |"]
        for f, item in items[:rows]:
            fd = item.finding
            text = fd.message + (f" — “{item.article_text}”" if item.article_text else "")
            out.append(
                f"| `{cell(f.path)}` | {item.region.line} | {fd.severity} | "
                f"{fd.rule} {fd.name} | {cell(text)} |"
            )
        if len(items) > rows:
            out.append(f"\n… and {len(items) - rows} more (see the SARIF or JSON report).")
    for f in report.errors():
        out.append(f"\n- `{cell(f.path)}`: internal error: {cell(f.error or '')}")
    return "\n".join(out) + "\n"
