"""SARIF: every finding a result at its entries' lines, the catalogue as rules."""

from __future__ import annotations

import json

from auditor.checks import REGISTRY
from auditor.formats import sarif
from auditor.pipeline import AuditOptions, run_audit
from auditor.resolvers.factory import ResolverConfig
from tests.conftest import FIXTURES


def test_each_finding_is_a_result_on_its_entries() -> None:
    report = run_audit([str(FIXTURES / "sample-manuscript.md"), "missing.txt"],
                       AuditOptions(offline=True), ResolverConfig(offline=True))
    log = json.loads(sarif.render(report))
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    rules = {r["id"] for r in run["tool"]["driver"]["rules"]}
    assert rules == set(REGISTRY)
    doc = report.documents[0]
    assert len(run["results"]) == len(doc.findings)
    assert all(r["ruleId"] in rules and r["level"] in ("error", "warning", "note")
               for r in run["results"])
    truncated = next(r for r in run["results"] if r["ruleId"] == "RA201")
    entry = next(x for x in doc.references if x.id in next(
        f for f in doc.findings if f.code == "RA201").references)
    region = truncated["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == entry.ref.start_line
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert [n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for n in notes] \
        == ["missing.txt"]
