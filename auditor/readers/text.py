"""Plain text: the text as given, with line endings normalised."""

from __future__ import annotations

from auditor.models import Document


def normalize_newlines(value: str) -> str:
    """Unify CRLF/CR endings and non-breaking spaces so that line spans are stable."""
    return value.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")


def read(value: str, source: str) -> Document:
    return Document(source=source, reader="text", text=normalize_newlines(value))
