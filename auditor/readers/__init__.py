"""Readers turn an input (file, stdin) into a ``Document``; ``READERS`` maps kinds to them.

Detection order follows CONTRACTS.md: ``--from``, content signature, extension, text heuristics.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from auditor.errors import InputError
from auditor.models import Document
from auditor.readers import docx, html, jats, markdown, pdf, records, text

Reader = Callable[[str, str], Document]
BinaryReader = Callable[[bytes, str], Document]

READERS: dict[str, Reader] = {
    "text": text.read,
    "lines": text.read,
    "markdown": markdown.read,
    "html": html.read,
    **records.STRUCTURED,
    "jats": jats.read,
}
# Formats read from their bytes, not from decoded text.
BINARY_READERS: dict[str, BinaryReader] = {"docx": docx.read, "pdf": pdf.read}
# "doi": a DOI argument, read before any file by auditor.readers.deposited.
ALL_KINDS = (*READERS, *BINARY_READERS, "doi")
_EXTENSIONS = {
    ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".docx": "docx", ".pdf": "pdf",
    ".bib": "bibtex", ".ris": "ris", ".json": "csl-json", ".xml": "jats", ".nxml": "jats",
}
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
# What a folder argument picks up: the kinds a reader exists for.
DOCUMENT_SUFFIXES = frozenset(ext for ext, kind in _EXTENSIONS.items()
                              if kind in READERS or kind in BINARY_READERS)


def _signature(data: bytes) -> str | None:
    """Recognise a kind from the first bytes, whatever the file is called."""
    head = data[:4096].lstrip()
    if head.startswith(b"PK\x03\x04") and b"word/" in data[:65536]:
        return "docx"
    if head.startswith(b"%PDF"):
        return "pdf"
    lowered = head.lower()
    if b"<article" in lowered and (b"jats" in lowered or b"<front" in lowered or b"dtd" in lowered):
        return "jats"
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<body" in lowered:
        return "html"
    if head.startswith(b"@") and b"{" in head[:40]:
        return "bibtex"
    if head.startswith(b"TY  -"):
        return "ris"
    if head.startswith(b"[") and b'"type"' in head:
        return "csl-json"
    return None


def decode(data: bytes, source: str) -> str:
    """Decode UTF-8 (with or without BOM) or BOM-marked UTF-16; anything else is an input error."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:  # an odd length, a lone surrogate
            raise InputError(f"{source}: not valid UTF-16 text ({exc.reason} at offset "
                             f"{exc.start}); save it as UTF-8 and try again") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{source}: not UTF-8 text (invalid byte 0x{data[exc.start]:02x} at offset "
            f"{exc.start}); save it as UTF-8 and try again"
        ) from None


def detect(data: bytes, source: str, text_value: str | None) -> str:
    """Choose a reader kind for an input that came without ``--from``."""
    kind = _signature(data)
    if kind:
        return kind
    ext = Path(source).suffix.lower()
    if ext in _EXTENSIONS and _EXTENSIONS[ext] != "text":
        return _EXTENSIONS[ext]
    if text_value is not None and markdown.looks_like_markdown(text_value):
        return "markdown"
    return "text"


def _binary_extension(source: str) -> str | None:
    """A binary kind named by the file's extension alone (a .docx whose first bytes were
    not recognised is still refused by its reader, with the reason)."""
    kind = _EXTENSIONS.get(Path(source).suffix.lower())
    return kind if kind in BINARY_READERS else None


_CHUNK = 1 << 20


def read_capped(handle: BinaryIO, source: str, max_bytes: int) -> bytes:
    """Read at most ``max_bytes`` in chunks: the cap holds for what is read, so a device
    (``/dev/zero``), a FIFO or stdin, whose size no ``stat`` tells, cannot exhaust memory."""
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = handle.read(min(_CHUNK, max_bytes + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > max_bytes:
            raise InputError(f"{source}: over the {max_bytes:,}-byte limit")


def load(source: str, kind: str | None, stdin_bytes: bytes | None = None,
         max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read ``source`` (a path, or ``-`` with ``stdin_bytes``) into a Document."""
    if source == "-":
        data = stdin_bytes or b""
    else:
        path = Path(source)
        if not path.exists():
            raise InputError(f"{source}: no such file")
        if path.is_dir():
            raise InputError(f"{source}: is a directory, not a document")
        try:
            size = path.stat().st_size
            if size > max_bytes:
                raise InputError(f"{source}: {size:,} bytes is over the {max_bytes:,}-byte limit")
            with path.open("rb") as handle:
                data = read_capped(handle, source, max_bytes)
        except OSError as exc:
            raise InputError(f"{source}: cannot read ({exc.strerror})") from None
    if len(data) > max_bytes:
        raise InputError(f"{source}: over the {max_bytes:,}-byte limit")
    if kind == "doi":
        raise InputError(f"{source}: --from doi takes a DOI (10.xxxx/...), not a file")
    chosen = kind or _signature(data) or _binary_extension(source)
    if chosen in BINARY_READERS:
        return BINARY_READERS[chosen](data, source)
    value = decode(data, source)
    nul = value.find("\x00")
    if nul >= 0:  # no text document holds NUL: a binary file under a text name
        raise InputError(f"{source}: binary content (a NUL byte at character {nul:,}), not a "
                         "text document")
    if not value.strip():
        raise InputError(f"{source}: the input is empty")
    chosen = kind or detect(data, source, value)
    return READERS[chosen](value, source)


def expand_paths(paths: list[str], glob: str | None) -> list[str]:
    """Folders replaced by the documents under them (sorted, hidden files and our own
    report folders left out); files and '-' as given."""
    out: list[str] = []
    for given in paths:
        folder = Path(given)
        if given == "-" or not folder.is_dir():
            out.append(given)
            continue
        found = sorted(
            str(p) for p in folder.rglob(glob or "*")
            if p.is_file() and not p.is_symlink()
            and not any(part.startswith(".") for part in p.relative_to(folder).parts)
            and ".refauditor." not in p.name
            and (glob or p.suffix.lower() in DOCUMENT_SUFFIXES))
        if not found:
            raise InputError(f"{given}: no documents in this folder"
                             + (f" matching {glob!r}" if glob else ""))
        out.extend(found)
    return out
