"""Tables for production teams: CSV (one row per reference) and XLSX (a sheet of references,
a sheet of findings, a summary), read by any spreadsheet.

A reference's row carries what a person sorts and filters on: its place, parsed fields,
identifiers, resolution (status, reason, source, the DOI it resolved to) and its findings
counted by severity with their codes. A cell that a spreadsheet would run as a formula
("=HYPERLINK(...)", "+1", "@SUM") is written as text, quoted: the text comes from documents
that strangers sent.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from typing import Any

from auditor.formats.json_format import summarize
from auditor.models import (
    AuditReport,
    DocumentReport,
    Finding,
    ParsedReference,
    first_author,
    issued_year,
)

REFERENCE_COLUMNS = (
    "document", "index", "label", "line", "first_author", "year", "title", "container",
    "volume", "issue", "pages", "doi", "pmid", "status", "reason", "source", "resolved_doi",
    "errors", "warnings", "infos", "checks", "raw",
)
FINDING_COLUMNS = ("document", "code", "rule", "severity", "confidence", "entries", "lines",
                   "message", "fix")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe(value: Any) -> Any:
    """A cell as text a spreadsheet will not evaluate; numbers stay numbers."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _doi(ref: ParsedReference) -> str:
    return next((i.value for i in ref.identifiers if i.type == "doi"), "")


def reference_rows(doc: DocumentReport) -> list[list[Any]]:
    by_ref: dict[str, list[Finding]] = {}
    for f in doc.findings:
        for ref_id in f.references:
            by_ref.setdefault(ref_id, []).append(f)
    rows = []
    for ref in doc.references:
        found = by_ref.get(ref.id, [])
        severities = Counter(f.severity.value for f in found)
        r = ref.resolution
        rows.append([
            doc.source, ref.ref.index, ref.ref.shown_label or "", ref.ref.start_line,
            first_author(ref.csl), issued_year(ref.csl) or "", ref.csl.get("title") or "",
            ref.csl.get("container-title") or "", ref.csl.get("volume") or "",
            ref.csl.get("issue") or "", ref.csl.get("page") or "", _doi(ref),
            next((i.value for i in ref.identifiers if i.type == "pmid"), ""),
            str(r.status), r.reason or "", r.source or "", r.doi or "",
            severities.get("error", 0), severities.get("warning", 0), severities.get("info", 0),
            " ".join(sorted({f.code for f in found})), ref.ref.raw,
        ])
    return rows


def finding_rows(doc: DocumentReport) -> list[list[Any]]:
    refs = {r.id: r for r in (*doc.references, *doc.citations)}
    rows = []
    for f in doc.findings:
        named = [refs[i] for i in f.references if i in refs]
        rows.append([doc.source, f.code, f.rule, f.severity.value, round(f.confidence, 3),
                     " ".join(str(r.ref.shown_label or r.ref.index) for r in named),
                     " ".join(str(r.ref.start_line) for r in named), f.message, f.fix or ""])
    return rows


def render_csv(report: AuditReport) -> str:
    """One row per reference of every document (a document that could not be read is one
    row with its error as the reason)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(REFERENCE_COLUMNS)
    for doc in report.documents:
        if doc.status == "error":
            row: list[Any] = [""] * len(REFERENCE_COLUMNS)
            row[0], row[REFERENCE_COLUMNS.index("status")] = doc.source, "error"
            row[REFERENCE_COLUMNS.index("reason")] = doc.error or ""
            writer.writerow([safe(v) for v in row])
            continue
        writer.writerows([safe(v) for v in row] for row in reference_rows(doc))
    return buffer.getvalue()


def render_xlsx(report: AuditReport) -> bytes:
    """A workbook: Summary, References (one row each), Findings (one row each)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    summary = book.active
    summary.title = "Summary"
    summary.append(["document", "status", "references", "errors", "warnings", "infos",
                    "split", "error message"])
    for doc in report.documents:
        s = summarize(list(doc.findings), list(doc.references), list(doc.citations))
        sev = s["by_severity"]
        summary.append([safe(doc.source), doc.status, s["references"], sev["error"],
                        sev["warning"], sev["info"], doc.split_mode or "",
                        safe(doc.error or "")])
    sheets = (("References", REFERENCE_COLUMNS, reference_rows),
              ("Findings", FINDING_COLUMNS, finding_rows))
    for title, columns, rows in sheets:
        sheet = book.create_sheet(title)
        sheet.append(list(columns))
        for doc in report.documents:
            if doc.status != "error":
                for row in rows(doc):
                    sheet.append([safe(v) for v in row])
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
    for sheet in book.worksheets:
        for cell in sheet[1]:
            cell.font = Font(bold=True)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
