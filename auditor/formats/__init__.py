"""Report formats; ``FORMATS`` maps a ``--format`` name to a renderer of the whole report."""

from __future__ import annotations

from collections.abc import Callable

from auditor.formats import html, json_format, markdown, text
from auditor.models import AuditReport

Renderer = Callable[[AuditReport], str]

FORMATS: dict[str, Renderer] = {
    "text": text.render,
    "json": json_format.render,
    "markdown": markdown.render,
    "html": html.render,
}
PLANNED = ("csv", "xlsx", "docx")
EXTENSIONS = {"text": "txt", "json": "json", "markdown": "md", "html": "html"}
