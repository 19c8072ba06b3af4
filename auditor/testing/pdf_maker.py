"""Small PDFs for tests and benchmarks: text lines placed on pages in a standard font.

A PDF reader is only as good as the layouts it was tried on, and real PDFs cannot ship here;
this writes the few objects a page of text needs (catalog, pages, Helvetica, one content
stream per page) so a test can lay out one or two columns, running heads and page numbers
exactly where it wants them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

PAGE_WIDTH, PAGE_HEIGHT = 612.0, 792.0


@dataclass(frozen=True)
class Placed:
    """One line of text with the position of its baseline's left end, in points."""

    x: float
    y: float
    text: str
    size: float = 10.0


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _stream(lines: Sequence[Placed]) -> bytes:
    parts = []
    for line in lines:
        encoded = _escape(line.text.encode("cp1252", "replace").decode("latin-1"))
        parts.append(f"BT /F1 {line.size:g} Tf {line.x:.2f} {line.y:.2f} Td ({encoded}) Tj ET")
    return "\n".join(parts).encode("latin-1")


def make_pdf(pages: Sequence[Sequence[Placed]]) -> bytes:
    """A PDF whose pages hold ``pages``' lines; an empty page list gives one blank page."""
    pages = pages or [[]]
    objects: list[bytes] = []
    kids = " ".join(f"{4 + 2 * n} 0 R" for n in range(len(pages)))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
                   b"/Encoding /WinAnsiEncoding >>")
    for n, lines in enumerate(pages):
        content = _stream(lines)
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH:g} "
                       f"{PAGE_HEIGHT:g}] /Resources << /Font << /F1 3 0 R >> >> "
                       f"/Contents {5 + 2 * n} 0 R >>".encode())
        objects.append(f"<< /Length {len(content)} >>\nstream\n".encode() + content
                       + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n"
            "%%EOF\n").encode()
    return bytes(out)


def column_pages(lines: Sequence[str], columns: int = 1, per_column: int = 50,
                 head: str = "", first_page: int = 1, size: float = 9.0) -> list[list[Placed]]:
    """``lines`` laid out top to bottom in ``columns`` columns per page, with a running head
    at the top and the page number at the bottom of every page."""
    pages: list[list[Placed]] = []
    width = (PAGE_WIDTH - 100) / columns
    at = 0
    while at < len(lines) or not pages:
        page: list[Placed] = []
        number = first_page + len(pages)
        if head:
            page.append(Placed(50, PAGE_HEIGHT - 40, head, size))
        for column in range(columns):
            for row in range(per_column):
                if at >= len(lines):
                    break
                page.append(Placed(50 + column * width, PAGE_HEIGHT - 70 - row * (size + 3),
                                   lines[at], size))
                at += 1
        page.append(Placed(PAGE_WIDTH / 2, 30, str(number), size))
        pages.append(page)
    return pages
