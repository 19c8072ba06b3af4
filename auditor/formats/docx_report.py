"""A Word file for authors: a Word comment on each entry with a problem, the corrected entry
in the comment.

An author fixes a reference list in Word, with the comments pane open; the comment names the
check, says what is wrong and how to fix it, so the file can be sent as it is. When the one
document audited was itself a Word file, the report is a copy of that file with the comments
on its own paragraphs (each entry found by its text); otherwise it is a new file listing
every entry in order, the ones with problems commented. Findings about the list as a whole
are comments on the first paragraph.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from auditor.formats.json_format import summarize
from auditor.formats.text import entry_name
from auditor.models import AuditReport, DocumentReport, Finding
from auditor.output import printable

if TYPE_CHECKING:
    from docx.document import Document as Word

AUTHOR = "refauditor"
INITIALS = "RA"


def _comment_text(f: Finding) -> str:
    text = f"{f.severity.value.upper()} {f.code} {f.rule}: {printable(f.message)}"
    return text + (f"\nFix: {printable(f.fix)}" if f.fix else "")


def _xml_safe(text: str) -> str:
    """Text Word's XML can hold: no control characters but tab and newline."""
    return "".join(ch for ch in text if ch in "\t\n" or ord(ch) >= 32)


def _document(word: Word, doc: DocumentReport) -> None:
    heading = word.add_heading(_xml_safe(f"Reference audit: {doc.source}"), 1)
    if doc.status == "error":
        word.add_paragraph(_xml_safe(f"Could not be read: {doc.error}"))
        return
    s = summarize(list(doc.findings), list(doc.references), list(doc.citations))
    sev = s["by_severity"]
    word.add_paragraph(
        f"{s['references']} references · {sev['error']} error · {sev['warning']} warning · "
        f"{sev['info']} info. Each problem is a comment on its entry.")
    by_ref: dict[str, list[Finding]] = {}
    for f in doc.findings:
        if not f.references:
            word.add_comment(heading.runs, _xml_safe(_comment_text(f)), AUTHOR, INITIALS)
        for ref_id in f.references:
            by_ref.setdefault(ref_id, []).append(f)
    for ref in (*doc.references, *doc.citations):
        paragraph = word.add_paragraph()
        label = paragraph.add_run(_xml_safe(entry_name(ref) if ref in doc.references
                                            else f"link {ref.ref.index}, line "
                                                 f"{ref.ref.start_line}") + "  ")
        label.bold = True
        body = paragraph.add_run(_xml_safe(printable(ref.ref.raw)))
        for f in by_ref.get(ref.id, []):
            word.add_comment([label, body], _xml_safe(_comment_text(f)), AUTHOR, INITIALS)


def _squashed(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


ANCHOR_CHARS = 50  # of an entry's text (letters and digits) that find its paragraph


def _annotated_copy(doc: DocumentReport) -> bytes | None:
    """The audited Word file with each finding as a comment on its entry's paragraph; None
    when the file cannot be read again or an entry with findings is not found in it."""
    import docx

    try:
        word = docx.Document(doc.source)
    except Exception:  # moved, changed or unreadable since the audit: fall back to a list
        return None
    paragraphs = [(p, _squashed(p.text)) for p in word.paragraphs if p.text.strip()]
    if not paragraphs:
        return None
    by_ref: dict[str, list[Finding]] = {}
    for f in doc.findings:
        for ref_id in f.references or ("",):
            by_ref.setdefault(ref_id, []).append(f)
    for ref in (*doc.references, *doc.citations):
        if ref.id not in by_ref:
            continue
        key = _squashed(ref.ref.text)[:ANCHOR_CHARS]
        found = next((p for p, text in paragraphs if key and key in text), None)
        if found is None or not found.runs:
            return None
        for f in by_ref[ref.id]:
            word.add_comment(found.runs, _xml_safe(_comment_text(f)), AUTHOR, INITIALS)
    first = next(p for p, _ in paragraphs if p.runs) if any(p.runs for p, _ in paragraphs) \
        else None
    for f in by_ref.get("", []):
        if first is not None:
            word.add_comment(first.runs, _xml_safe(_comment_text(f)), AUTHOR, INITIALS)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def render(report: AuditReport) -> bytes:
    import docx

    if len(report.documents) == 1 and report.documents[0].reader == "docx" and \
            report.documents[0].status == "ok":
        copy = _annotated_copy(report.documents[0])
        if copy is not None:
            return copy
    word = docx.Document()
    word.core_properties.title = "Reference audit"
    word.core_properties.author = AUTHOR
    for doc in report.documents:
        _document(word, doc)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()
