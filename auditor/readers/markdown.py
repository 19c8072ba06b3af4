"""Markdown: strip emphasis and heading marks, keep links (text and target) for context."""

from __future__ import annotations

import re

from auditor.models import Document
from auditor.readers.text import normalize_newlines

_LINK = re.compile(r"(?<!!)\[(?P<text>[^\]\n]+)\]\((?P<href>[^)\s]+)(?:\s+\"[^\"]*\")?\)")
_EMPHASIS = re.compile(r"(\*\*|__)(?P<inner>.+?)\1")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+", re.MULTILINE)


def looks_like_markdown(value: str) -> bool:
    """A ``.txt`` holding Markdown links or headings is read as Markdown (CONTRACTS.md)."""
    return bool(_LINK.search(value)) or len(_HEADING.findall(value)) >= 2


def read(value: str, source: str) -> Document:
    lines = normalize_newlines(value).split("\n")
    links: list[tuple[str, str, int]] = []
    out: list[str] = []
    for number, line in enumerate(lines, start=1):
        for m in _LINK.finditer(line):
            links.append((m.group("text"), m.group("href"), number))
        line = _LINK.sub(lambda m: f"{m.group('text')} ({m.group('href')})", line)
        line = _EMPHASIS.sub(lambda m: m.group("inner"), line)
        line = _HEADING.sub("", line)
        out.append(line)
    return Document(source=source, reader="markdown", text="\n".join(out), links=tuple(links))
