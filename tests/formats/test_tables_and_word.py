"""CSV, XLSX and the Word report, each read back with the library a user's tools use."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import docx
import openpyxl
import pytest

from auditor.formats import docx_report, tables
from auditor.models import AuditReport
from auditor.pipeline import AuditOptions, audit_document, run_audit
from auditor.readers.text import read
from auditor.resolvers.factory import ResolverConfig, build_resolver
from tests.conftest import FIXTURES


@pytest.fixture(scope="module")
def report() -> AuditReport:
    config = ResolverConfig(offline=True, snapshot=str(FIXTURES / "sample-snapshot.jsonl"))
    return run_audit([str(FIXTURES / "sample-manuscript.md")], AuditOptions(offline=True), config)


def test_csv_has_one_row_per_reference_with_its_findings(report: AuditReport) -> None:
    rows = list(csv.DictReader(io.StringIO(tables.render_csv(report))))
    doc = report.documents[0]
    assert len(rows) == len(doc.references)
    assert list(rows[0]) == list(tables.REFERENCE_COLUMNS)
    flagged = {r.id for f in doc.findings for r in doc.references if r.id in f.references}
    assert sum(1 for row in rows if row["checks"]) == len(flagged)
    by_index = {row["index"]: row for row in rows}
    truncated = next(f for f in doc.findings if f.code == "RA201")
    index = next(str(r.ref.index) for r in doc.references if r.id == truncated.references[0])
    assert by_index[index]["errors"] == "1" and "RA201" in by_index[index]["checks"]


def test_xlsx_has_summary_references_and_findings(report: AuditReport) -> None:
    book = openpyxl.load_workbook(io.BytesIO(tables.render_xlsx(report)))
    assert book.sheetnames == ["Summary", "References", "Findings"]
    doc = report.documents[0]
    assert book["References"].max_row == len(doc.references) + 1
    assert book["Findings"].max_row == len(doc.findings) + 1
    codes = [c.value for c in book["Findings"]["B"][1:]]
    assert sorted(codes) == sorted(f.code for f in doc.findings)


def _one(text: str) -> AuditReport:
    doc = read(text, "hostile.txt")
    one = audit_document(doc, 1, AuditOptions(offline=True),
                         build_resolver(ResolverConfig(offline=True)))
    return AuditReport((one,), {}, {})


def test_cells_a_spreadsheet_would_evaluate_are_written_as_text() -> None:
    hostile = _one("References\n\n=HYPERLINK(\"http://x\",\"y\") Smith J. A paper. J Test. "
                   "2020;1:1-9.\n\n@SUM(1) Jones K. Another paper. J Test. 2021;2:3-4.\n")
    rows = list(csv.DictReader(io.StringIO(tables.render_csv(hostile))))
    assert all(row["raw"].startswith("'") for row in rows)
    book = openpyxl.load_workbook(io.BytesIO(tables.render_xlsx(hostile)))
    raws = [c.value for c in book["References"]["V"][1:]]
    assert raws and all(isinstance(v, str) and v.startswith("'") for v in raws)
    assert all(c.data_type == "s" for c in book["References"]["V"][1:])


def test_word_report_comments_each_problem_on_its_entry(report: AuditReport) -> None:
    word = docx.Document(io.BytesIO(docx_report.render(report)))
    doc = report.documents[0]
    comments = list(word.comments)
    anchored = sum(len(f.references) or 1 for f in doc.findings)
    assert len(comments) == anchored
    truncated = next(c for c in comments if "RA201" in c.text)
    assert "Fix:" in truncated.text
    entries = [p.text for p in word.paragraphs if p.text.startswith("#")]
    assert len(entries) == len(doc.references)


def test_a_word_input_gets_its_own_paragraphs_commented(tmp_path: Path) -> None:
    source = tmp_path / "paper.docx"
    word = docx.Document()
    word.add_paragraph("Ketamine acts within hours [1] and again [2].")
    word.add_heading("References", 1)
    entry = ("Zanos P, Gould TD. Mechanisms of ketamine action as an antidepressant. Mol "
             "Psychiatry. 2018;23(4):801-811.")
    for text in (entry, entry, "Berman RM, Cappiello A. Antidepressant effects of ketamine. "
                 "Biol Psychiatry. 2000;47(4):351-354. PMID: 123"):
        word.add_paragraph(text, style="List Number")
    word.save(str(source))
    report = run_audit([str(source)], AuditOptions(offline=True),
                       ResolverConfig(offline=True))
    doc = report.documents[0]
    assert {"RA101", "RA201"} <= {f.code for f in doc.findings}
    copy = docx.Document(io.BytesIO(docx_report.render(report)))
    assert [p.text for p in copy.paragraphs] == [p.text for p in word.paragraphs]
    commented = [p.text for p in copy.paragraphs
                 if p._p.xpath(".//w:commentRangeStart")]
    assert entry in commented and any(t.startswith("Berman") for t in commented)
    assert len(list(copy.comments)) == sum(len(f.references) or 1 for f in doc.findings)


def test_the_word_report_opens_in_libreoffice(report: AuditReport, tmp_path: Path) -> None:
    """Converted to PDF by LibreOffice (headless) and read back: Word files that other
    programs open, not only python-docx."""
    import os
    import shutil
    import subprocess

    from auditor.readers import pdf

    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but no LibreOffice: .ci/run installs libreoffice-writer-nogui")
        pytest.skip("no LibreOffice on this machine (apt-get install libreoffice-writer-nogui)")
    source = tmp_path / "report.docx"
    source.write_bytes(docx_report.render(report))
    subprocess.run([office, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   capture_output=True, timeout=180, check=False)
    converted = tmp_path / "report.pdf"
    assert converted.is_file()
    text = pdf.read(converted.read_bytes(), str(converted)).text
    assert "Reference audit" in text
    assert "Andrade" in text and "Kadriu" in text
