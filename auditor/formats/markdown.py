"""Markdown report, for pull requests and e-mail: one section per document with its summary,
a table of its entries (resolution and findings), its inline links, a findings table, then
each finding's fix."""

from __future__ import annotations

from auditor.formats.json_format import summarize
from auditor.models import AuditReport, DocumentReport, first_author, issued_year


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _document(doc: DocumentReport) -> list[str]:
    lines = [f"## {doc.source}", ""]
    if doc.status == "error":
        return [*lines, f"**Could not be read:** {doc.error}", ""]
    s = summarize(list(doc.findings), list(doc.references), list(doc.citations))
    sev = s["by_severity"]
    resolution = ", ".join(f"{k} {v}" for k, v in s["by_resolution"].items()) or "none"
    lines.append(f"{s['references']} references ({doc.split_mode}); {s['findings']} findings: "
                 f"{sev['error']} error, {sev['warning']} warning, {sev['info']} info. "
                 f"Resolution: {resolution}.")
    lines.append("")
    if doc.citations:
        lines += ["| Link | Line | DOI | Status |", "|---|---|---|---|"]
        for c in doc.citations:
            r = c.resolution
            status = r.status + (f" ({r.reason})" if r.reason else "")
            lines.append(f"| {c.ref.index} | {c.ref.start_line} | "
                         f"{_cell(str(r.doi or c.csl.get('DOI') or ''))} | {status} |")
        lines.append("")
    lines += _reference_table(doc)
    if not doc.findings:
        return [*lines, "No findings.", ""]
    index: dict[str, object] = {r.id: r.ref.index for r in doc.references}
    index.update({c.id: f"link {c.ref.index}" for c in doc.citations})
    lines += ["| Severity | Rule | Entries | Message |", "|---|---|---|---|"]
    for f in doc.findings:
        entries = ", ".join(str(index[r]) for r in f.references) or "—"
        lines.append(f"| {f.severity.value} | {f.code} {f.rule} | {entries} | {_cell(f.message)} |")
    lines.append("")
    fixes = [f for f in doc.findings if f.fix]
    if fixes:
        lines += ["### Suggested fixes", ""]
        for f in fixes:
            lines.append(f"- **{f.code} {f.rule}** — {_cell(f.message)}  \n"
                         f"  Fix: {_cell(f.fix or '')}")
        lines.append("")
    return lines


def _reference_table(doc: DocumentReport) -> list[str]:
    """One row per entry: where it is, who and when, how it resolved, what was found."""
    if not doc.references:
        return []
    found: dict[str, list[str]] = {}
    for f in doc.findings:
        for ref_id in f.references:
            found.setdefault(ref_id, []).append(f"{f.severity.value} {f.code}")
    rows = ["| Entry | Line | First author | Year | Resolution | DOI | Findings |",
            "|---|---|---|---|---|---|---|"]
    for ref in doc.references:
        r = ref.resolution
        who = first_author(ref.csl)
        status = str(r.status) + (f" ({r.reason})" if r.reason else "")
        rows.append(f"| {ref.ref.shown_label or ref.ref.index} | {ref.ref.start_line} | "
                    f"{_cell(who)} | {issued_year(ref.csl) or ''} | {_cell(status)} | "
                    f"{_cell(str(r.doi or ''))} | {', '.join(found.get(ref.id, [])) or '—'} |")
    return [*rows, ""]


def render(report: AuditReport) -> str:
    lines = ["# refauditor report", ""]
    for doc in report.documents:
        lines += _document(doc)
    return "\n".join(lines)
