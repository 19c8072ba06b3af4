"""Report formats; ``FORMATS`` maps a ``--format`` name to a renderer of the whole report."""

from __future__ import annotations

from collections.abc import Callable

from auditor.formats import docx_report, html, json_format, markdown, sarif, tables, text
from auditor.models import AuditReport

# A renderer gives text, or bytes for the binary formats (xlsx, docx).
Renderer = Callable[[AuditReport], str | bytes]

FORMATS: dict[str, Renderer] = {
    "text": text.render,
    "json": json_format.render,
    "markdown": markdown.render,
    "html": html.render,
    "csv": tables.render_csv,
    "xlsx": tables.render_xlsx,
    "docx": docx_report.render,
    "sarif": sarif.render,
}
BINARY_FORMATS = frozenset({"xlsx", "docx"})
EXTENSIONS = {"text": "txt", "json": "json", "markdown": "md", "html": "html", "csv": "csv",
              "xlsx": "xlsx", "docx": "docx", "sarif": "sarif"}
