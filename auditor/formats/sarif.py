"""SARIF 2.1.0, for code-review and CI systems that show static-analysis results.

Each finding is a result on its document (the artifact), at the lines of the entries it
names; the rules are the check catalogue, each with its summary and its full explanation.
Severities map to SARIF levels: error, warning, and info as ``note``.
"""

from __future__ import annotations

import json
from typing import Any

from auditor import __version__
from auditor.models import AuditReport, DocumentReport, Finding

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _rules() -> list[dict[str, Any]]:
    from auditor.checks import REGISTRY

    return [{"id": code, "name": check.name,
             "shortDescription": {"text": check.summary},
             "fullDescription": {"text": check.doc()},
             "defaultConfiguration": {"level": LEVELS[check.severity.value]}}
            for code, check in sorted(REGISTRY.items())]


def _result(doc: DocumentReport, f: Finding) -> dict[str, Any]:
    spans = {r.id: (r.ref.start_line, r.ref.end_line) for r in (*doc.references,
                                                                   *doc.citations)}
    named = [spans[i] for i in f.references if i in spans]
    if not named and isinstance(f.evidence.get("line"), int):
        named = [(f.evidence["line"], f.evidence["line"])]
    locations = [{"physicalLocation": {"artifactLocation": {"uri": doc.source},
                                       "region": {"startLine": max(1, start),
                                                  "endLine": max(1, end)}}}
                 for start, end in named] or [
        {"physicalLocation": {"artifactLocation": {"uri": doc.source}}}]
    result: dict[str, Any] = {"ruleId": f.code, "level": LEVELS[f.severity.value],
                              "message": {"text": f.message}, "locations": locations,
                              "properties": {"confidence": round(f.confidence, 3),
                                             "entries": list(f.references)}}
    if f.fix:
        result["properties"]["fix"] = f.fix
    return result


def render(report: AuditReport) -> str:
    results = [_result(doc, f) for doc in report.documents for f in doc.findings]
    notifications = [{"level": "error", "message": {"text": doc.error or "unreadable"},
                      "locations": [{"physicalLocation": {
                          "artifactLocation": {"uri": doc.source}}}]}
                     for doc in report.documents if doc.status == "error"]
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "refauditor", "version": __version__,
                            "rules": _rules()}},
        "artifacts": [{"location": {"uri": doc.source}} for doc in report.documents],
        "results": results,
        "invocations": [{"executionSuccessful": not notifications,
                         "toolExecutionNotifications": notifications}],
    }
    return json.dumps({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}, indent=2,
                      ensure_ascii=False) + "\n"
