"""Plain text: the lines as given, with their indentation; line endings normalised."""

from __future__ import annotations

from auditor.models import Document


def normalize_newlines(value: str) -> str:
    """Unify CRLF/CR endings, drop form feeds (PDF page breaks) and non-breaking spaces, so that
    line spans are stable."""
    return (value.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "")
            .replace("\u00a0", " "))


def read(value: str, source: str) -> Document:
    return Document(source=source, reader="text",
                    lines=tuple(normalize_newlines(value).split("\n")))
