"""JUnit XML for a scan, for CI systems that show test reports (GitLab, Jenkins, Azure).

One ``<testcase>`` per file: it fails (``<failure>``) when a finding reaches ``fail-on``, is
skipped (``<skipped>``) when the file was not checked, errors (``<error>``) on an internal error;
findings below ``fail-on`` are listed in ``<system-out>``. Written with ``xml.etree``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from ..findings import reaches

if TYPE_CHECKING:
    from ..scan import Item, ScanReport


def line(path: str, item: Item) -> str:
    fd = item.finding
    out = f"{path}:{item.region.line}:{item.region.column}: {fd.severity} {fd.rule} {fd.name}  {fd.message}"
    if item.article_text:
        out += f"\n    article  {item.article_text}"
    if item.source_text:
        out += f"\n    source   {item.source_text}"
    return out


def render(report: ScanReport, **_: object) -> str:
    suites = ET.Element("testsuites", name="factcheck")
    suite = ET.SubElement(suites, "testsuite", name="factcheck scan")
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for f in report.files:
        counts["tests"] += 1
        case = ET.SubElement(
            suite,
            "testcase",
            classname="factcheck.scan",
            name=f.path,
            file=f.path,
            time=f"{f.seconds:.3f}",
        )
        active = f.active
        failing = [i for i in active if reaches(i.finding, report.fail_on)]
        if f.status == "error":
            counts["errors"] += 1
            ET.SubElement(
                case, "error", message=f.error or "internal error", type="internal-error"
            ).text = f.error or ""
        elif failing:
            counts["failures"] += 1
            n = len(failing)
            failure = ET.SubElement(
                case,
                "failure",
                type=failing[0].finding.rule,
                message=f"{n} finding{'s' if n != 1 else ''} at or above {report.fail_on}",
            )
            failure.text = "\n".join(line(f.path, i) for i in failing)
        elif f.status in ("not-checked", "unreadable"):
            counts["skipped"] += 1
            reason = active[0].finding.message if active else f"not checked ({f.status})"
            ET.SubElement(case, "skipped", message=reason)
        rest = [i for i in active if i not in failing]
        if rest:
            ET.SubElement(case, "system-out").text = "\n".join(line(f.path, i) for i in rest)
    for key, value in counts.items():
        suite.set(key, str(value))
        suites.set(key, str(value))
    suite.set("time", f"{report.seconds:.3f}")
    suites.set("time", f"{report.seconds:.3f}")
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"
