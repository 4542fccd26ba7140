"""The concise format of ``factcheck check``: one line per finding, as linters print them.

    article.md:12:1: warning C100 unsupported-sentence  no source sentence supports this ...

The position (1-based line and column, in code points) is found in the article file's own text
when the article is a local file (``raw``), the way ``factcheck scan`` locates findings; a
finding that concerns no article sentence (an omission, a source error) is at line 1. For an
article on the web the line is the address followed by the sentence id (``A3``).
"""

from __future__ import annotations

from ..models import Report


def render(
    report: Report, *, target: str | None = None, raw: str | None = None, **_: object
) -> str:
    from ..scan import locate

    where = target or report.article.document.url
    texts = {s.id: s.text for s in report.article.sentences}
    lines = []
    for f in report.findings:
        sentence = texts.get(f.article_sentence or "")
        if raw is not None:
            region = locate(raw, sentence) if sentence else None
            pos = f"{where}:{region.line}:{region.column}" if region else f"{where}:1:1"
        else:
            pos = f"{where}:{f.article_sentence}" if sentence else where
        message = " ".join(f.message.split())
        lines.append(f"{pos}: {f.severity} {f.rule} {f.name}  {message}")
    return "".join(line + "\n" for line in lines)
