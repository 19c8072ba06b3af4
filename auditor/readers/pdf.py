"""PDF through pypdfium2: the text layer as lines in reading order, the way text copied from
the PDF would read if the copy were careful.

pdfium gives the page's text as rectangles, each a run of characters on one line. Runs on one
baseline are joined into lines; a page whose lines sit in two columns is read left column
first; a line's distance from its column's left edge becomes leading spaces, so hanging
indents and right-aligned labels look to the finder and segmenter as they do in text copied
from a PDF (the layout they were trained on). Running heads and page numbers (lines in the top
or bottom margin that repeat across pages, or are only a number) are left out; a superscript
citation number is bracketed ("[12]"). A PDF without a text layer (scanned pages) is an input
error: there is nothing to audit until it has been through OCR.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from dataclasses import dataclass
from statistics import median

from auditor.citations import CITED_NUMBERS
from auditor.errors import InputError
from auditor.lexicon import is_page_number
from auditor.models import Document


@dataclass(frozen=True)
class PdfLayout:
    """The geometry the reader decides with, in points or as shares of the page."""

    max_pages: int = 2_000
    margin_band: float = 0.07  # top and bottom share of the page where furniture sits
    repeats: int = 2  # pages a margin line must repeat on to be a running head
    same_line: float = 0.5  # vertical overlap (share of the smaller height) of one line
    word_gap: float = 1.2  # a horizontal gap over this many line heights splits runs
    column_lines: int = 5  # lines each side of the middle for a page to have two columns
    gutter: float = 0.03  # share of the width a column line may cross the middle by
    paragraph_gap: float = 1.8  # a gap over this many line pitches is a blank line
    char_width: float = 0.5  # one character's width as a share of the line height
    max_indent: int = 16  # leading spaces at most
    edge_slack: float = 1.0  # points: two columns' left edges this close are one edge
    superscript: float = 0.8  # a run this much smaller than its line, raised, is superscript
    # Characters two overlapping runs may both give: pdfium reads a run's text from its
    # rectangle, and a slanted italic run's rectangle reaches into the next run ("47" and
    # "(4)" read as "47(" and "7(4)").
    shared_chars: int = 3


LAYOUT = PdfLayout()
# What may frame a page number in a margin: "| 12", "(12)", "12 ·".
_FRAME = re.compile(r"^[\W_]+|[\W_]+$")
_CITATION_DIGITS = re.compile(CITED_NUMBERS)
# What fonts draw as one glyph and a reader means as letters; pdfium's hyphen at a line
# break (U+0002) is a hyphen; line breaks inside a run are spaces.
_GLYPHS = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi",
                         "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st", "\x02": "-",
                         "\r": " ", "\n": " "})


@dataclass
class _Run:
    left: float
    bottom: float
    right: float
    top: float
    text: str

    @property
    def height(self) -> float:
        return max(0.1, self.top - self.bottom)


@dataclass
class _Line:
    runs: list[_Run]

    @property
    def left(self) -> float:
        return self.runs[0].left

    @property
    def right(self) -> float:
        return max(r.right for r in self.runs)

    @property
    def top(self) -> float:
        return max(r.top for r in self.runs)

    @property
    def bottom(self) -> float:
        return min(r.bottom for r in self.runs)

    @property
    def height(self) -> float:
        return max(r.height for r in self.runs)

    def text(self, layout: PdfLayout) -> str:
        out = ""
        tallest = self.height
        base = min(r.bottom for r in self.runs if r.height >= tallest * layout.superscript)
        previous_right = self.runs[0].left
        spaced = False  # whether the run before ended in a space (its box holds it)
        previous = ""
        for run in self.runs:
            piece = run.text.strip()
            if run.left < previous_right and previous:
                piece = piece[_shared(previous, piece, layout.shared_chars):]
            previous = piece or previous
            raised = (run.height < tallest * layout.superscript
                      and run.bottom > base + 0.2 * tallest)
            gap = run.left - previous_right
            previous_right = run.right
            if raised and out and _CITATION_DIGITS.fullmatch(piece):
                out += f"[{piece}]"
                continue
            space = spaced or run.text[:1].isspace() or gap > 0.15 * tallest
            out += (" " if out and space else "") + piece
            spaced = run.text[-1:].isspace()
        return out


def _shared(before: str, after: str, most: int) -> int:
    """How many characters ``after`` opens with that ``before`` ends with: the text two
    overlapping runs both read ("7(" in "47(" and "7(4)"), at most ``most``."""
    return next((k for k in range(min(most, len(before), len(after)), 0, -1)
                 if before.endswith(after[:k])), 0)


def _lines(runs: list[_Run], layout: PdfLayout) -> list[_Line]:
    """Runs joined into lines: same baseline, close enough not to be the next column. Runs
    are taken from the top down, so a run whose glyphs reach higher than the rest of its
    line ("(2)," after an italic "JAMA Psychiatry, 75") starts a line of its own before the
    others arrive; a second pass joins such lines to the line they continue."""
    lines: list[_Line] = []
    for run in sorted(runs, key=lambda r: (-r.top, r.left)):
        _join(lines, _Line([run]), layout)
    joined: list[_Line] = []
    for line in lines:
        line.runs.sort(key=lambda r: r.left)
        _join(joined, line, layout)
    for line in joined:
        line.runs.sort(key=lambda r: r.left)
    return joined


def _join(lines: list[_Line], new: _Line, layout: PdfLayout) -> None:
    """``new`` joined to one of the last lines it shares a baseline with and sits next to,
    or added as a line of its own."""
    for line in reversed(lines[-8:]):
        overlap = min(line.top, new.top) - max(line.bottom, new.bottom)
        gap = max(new.left - line.right, line.left - new.right)  # either side of it
        if (overlap > layout.same_line * min(line.height, new.height)
                and -1 < gap < layout.word_gap * max(line.height, new.height)):
            line.runs.extend(new.runs)
            return
    lines.append(new)


Column = tuple[str, list[_Line]]  # which column of its page ("page", "left", ...), its lines


def _reading_order(lines: list[_Line], width: float, layout: PdfLayout) -> list[Column]:
    """The page's lines as columns in reading order: one column, or the full-width lines
    above, the left column, the right column, the full-width lines below."""
    middle = width / 2
    slack = layout.gutter * width
    left = [ln for ln in lines if ln.right <= middle + slack]
    right = [ln for ln in lines if ln.left >= middle - slack]
    if len(left) < layout.column_lines or len(right) < layout.column_lines:
        return [("page", sorted(lines, key=lambda ln: -ln.top))]
    columns_top = max(ln.top for ln in left + right)
    full = [ln for ln in lines if ln not in left and ln not in right]
    above = [ln for ln in full if ln.bottom >= columns_top - 1]
    below = [ln for ln in full if ln not in above]
    return [(kind, sorted(part, key=lambda ln: -ln.top))
            for kind, part in (("above", above), ("left", left), ("right", right),
                               ("below", below)) if part]


def _edges(pages: list[list[Column]], layout: PdfLayout) -> list[list[float]]:
    """Each column's left edge, the line its indents are counted from. A column's own
    leftmost line, unless every line of it is set in from where the same column starts on
    other pages (on the same side of the spread where there are others: margins may
    mirror): the last page of a list that holds only the tail of its last entry
    ("Retrieved (https://doi.org/...)" under a hanging indent) keeps its indent, where
    counting from its own leftmost line would set the tail flush and start an entry."""
    own = [[min(ln.left for ln in lines) for _, lines in columns] for columns in pages]
    starts: dict[tuple[str, int], list[float]] = {}
    for n, columns in enumerate(pages):
        for (kind, _), edge in zip(columns, own[n], strict=True):
            starts.setdefault((kind, n % 2), []).append(edge)
    for found in starts.values():
        found.sort()
    out: list[list[float]] = []
    for n, columns in enumerate(pages):
        edges: list[float] = []
        for (kind, lines), edge in zip(columns, own[n], strict=True):
            side = starts[(kind, n % 2)]
            usual = side if len(side) > 1 else starts.get((kind, 1 - n % 2), [])
            # the nearest start on another page that this column is set in from
            at = bisect.bisect_left(usual, edge - layout.edge_slack) - 1
            reach = layout.max_indent * _unit(lines, layout)
            edges.append(usual[at] if at >= 0 and usual[at] >= edge - reach else edge)
        out.append(edges)
    return out


def _unit(lines: list[_Line], layout: PdfLayout) -> float:
    """One character's width from the column's usual line height: a line of digits alone
    ("139-148.") is shorter than its neighbours but set at the same indent."""
    return layout.char_width * median(ln.height for ln in lines)


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", text.casefold()).strip()


def _furniture(pages: list[tuple[float, list[_Line]]], layout: PdfLayout) -> set[int]:
    """ids of the margin lines that are page numbers or repeat as running heads."""
    marginal: list[tuple[_Line, str, str]] = []  # a line, its text and that text's shape
    for height, lines in pages:
        band = layout.margin_band * height
        for line in lines:
            if line.bottom >= height - band or line.top <= band:
                text = line.text(layout)
                marginal.append((line, text, _shape(text)))
    seen = Counter(shape for _, _, shape in marginal)
    return {id(line) for line, text, shape in marginal
            if is_page_number(_FRAME.sub("", text)) or seen[shape] >= layout.repeats}


def _render(columns: list[Column], edges: list[float], layout: PdfLayout) -> list[str]:
    """The columns' lines as text (furniture already left out, no column empty)."""
    out: list[str] = []
    for (_, kept), edge in zip(columns, edges, strict=True):
        unit = _unit(kept, layout)
        pitches = [a.bottom - b.bottom for a, b in itertools.pairwise(kept)
                   if a.bottom > b.bottom]
        pitch = median(pitches) if pitches else 0.0
        previous: _Line | None = None
        for line in kept:
            if previous is not None and pitch and (
                    previous.bottom - line.bottom > layout.paragraph_gap * pitch):
                out.append("")
            indent = round((line.left - edge) / unit)
            out.append(" " * min(layout.max_indent, max(0, indent)) + line.text(layout))
            previous = line
    return out


def read(data: bytes, source: str, layout: PdfLayout = LAYOUT) -> Document:
    """Read a PDF (its bytes) into a Document of its text lines."""
    import pypdfium2 as pdfium  # only when a PDF comes: it loads a native library

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise InputError(f"{source}: cannot open the PDF ({exc}; encrypted or damaged?)"
                         ) from None
    try:
        if len(pdf) > layout.max_pages:
            raise InputError(f"{source}: {len(pdf):,} pages is over the "
                             f"{layout.max_pages:,}-page limit")
        pages = []
        damaged = 0
        for n in range(len(pdf)):
            try:
                pages.append(_page(pdf, n, layout))
            except pdfium.PdfiumError:  # a damaged page is skipped, the others are read
                damaged += 1
    finally:
        pdf.close()
    if not any(lines for _, _, lines in pages):
        if damaged:
            raise InputError(f"{source}: cannot read the PDF ({damaged} damaged page(s) and "
                             "no text on the others)")
        raise InputError(f"{source}: the PDF has no text layer (scanned pages?); run it "
                         "through OCR first")
    dropped = _furniture([(h, lines) for h, _, lines in pages], layout)
    # each page's columns without their furniture, and without a column left empty
    ordered = [[(kind, kept) for kind, lines in _reading_order(lines, width, layout)
                if (kept := [ln for ln in lines if id(ln) not in dropped])]
               for _, width, lines in pages]
    out: list[str] = []
    for columns, edges in zip(ordered, _edges(ordered, layout), strict=True):
        out.extend(_render(columns, edges, layout))
    while out and not out[-1].strip():
        out.pop()
    return Document(source=source, reader="pdf", lines=tuple(out))


def _page(pdf: object, number: int, layout: PdfLayout) -> tuple[float, float, list[_Line]]:
    page = pdf[number]  # type: ignore[index]
    try:
        width, height = page.get_size()
        text = page.get_textpage()
        try:
            runs = []
            for index in range(text.count_rects()):
                left, bottom, right, top = text.get_rect(index)
                value = text.get_text_bounded(left, bottom, right, top)
                value = value.translate(_GLYPHS)
                if value.strip():
                    runs.append(_Run(left, bottom, right, top, value))
        finally:
            text.close()
    finally:
        page.close()
    return float(height), float(width), _lines(runs, layout)
