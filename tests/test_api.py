"""The Python interface returns what the command line renders."""

from __future__ import annotations

import json

from auditor import Report, audit, audit_text, parse, render
from auditor.formats.json_format import report_json
from tests.conftest import FIXTURES

LIST = ("References\n\n1. Smith J. A paper on ketamine. J Test. 2020;1:1-9.\n"
        "2. Smith J. A paper on ketamine. J Test. 2020;1:1-9.\n")


def test_audit_a_file_as_the_command_line_does() -> None:
    report = audit(FIXTURES / "sample-manuscript.md", offline=True,
                   snapshot=str(FIXTURES / "sample-snapshot.jsonl"))
    assert isinstance(report, Report)
    doc = report.documents[0]
    assert len(doc.references) == 42
    assert "RA201" in {f.code for f in doc.findings}
    assert json.loads(str(render(report, "json"))) == json.loads(json.dumps(
        report_json(report)))


def test_audit_text_and_parse() -> None:
    report = audit_text(LIST, offline=True)
    assert [f.code for f in report.documents[0].findings] == ["RA101"]
    parsed = parse(LIST)
    assert [p.csl["author"][0]["family"] for p in parsed] == ["Smith", "Smith"]
    assert isinstance(render(report, "xlsx"), bytes)


def test_a_missing_file_is_a_document_in_error_not_an_exception() -> None:
    report = audit("no/such/file.txt", offline=True)
    assert report.documents[0].status == "error"
