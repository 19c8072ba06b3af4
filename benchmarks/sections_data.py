"""Labelled documents for the finder and the segmenter, read from ../shared/data.

Three sources, each with a fixed held-out part that only ``split_eval`` reads:

- ``segmenting/grobid``: real reference sections as extracted from PDFs, one ``<bibl>`` per
  reference and ``<lb/>`` where the PDF line broke; text outside ``<bibl>`` is furniture.
  One file in five (by a hash of its name) is held out.
- ``finding/anystyle``: whole dissertations, one labelled line per row. The three files whose
  names hash lowest are held out.
- generated documents (:mod:`benchmarks.layouts`), built from reference strings of the parsing
  and styles data and prose of the finding data, each drawn from the train or the held-out
  side of its own source.

A :class:`Sample` is a ``Document`` as a reader returns it, with a finder label for each line
(``ref``, ``text``, ``title``, ``meta``; blank lines ``""``), a segmenter label for each line of
a reference zone (``B`` starts a record, ``I`` continues one, ``O`` is furniture to drop), and
the gold records, compared by :func:`norm` (no whitespace, no hyphens: where a record starts
and ends is scored, not how its line breaks were joined).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from auditor.models import Document

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
SEGMENTING = DATA / "segmenting" / "grobid"
FINDING = DATA / "finding" / "anystyle"
GROBID_HELD_OUT_BUCKETS = 5
ANYSTYLE_HELD_OUT = 3
_NORM_RE = re.compile(r"[\s\-‐‑–]+")


def norm(text: str) -> str:
    return _NORM_RE.sub("", text)


@dataclass
class Sample:
    name: str
    kind: str  # the source or layout it belongs to
    doc: Document
    finder: list[str] | None  # one label per line of doc.lines
    seg: list[str] | None  # one label per line: B / I / O inside zones, "" elsewhere
    records: list[str]  # gold records in order
    cuts: list[list[int]] = field(default_factory=list)  # per record-start line: cut offsets

    def zone_lines(self) -> list[int]:
        return [i for i, label in enumerate(self.seg or []) if label]


def _hash(name: str) -> int:
    return hashlib.sha1(name.encode("utf-8")).digest()[0]


def grobid_held_out(name: str) -> bool:
    return _hash(name) % GROBID_HELD_OUT_BUCKETS == 0


def anystyle_held_out(names: list[str]) -> set[str]:
    ranked = sorted(names, key=lambda n: (hashlib.sha1(n.encode()).hexdigest(), n))
    return set(ranked[:ANYSTYLE_HELD_OUT])


# --- GROBID reference segments -------------------------------------------------------------

def _pieces(path: Path) -> tuple[list[tuple[str, int]], bool]:
    """The text of a section as (piece, owner) with owner -1 outside any bibl, and "\\n" pieces
    for line breaks; whether the file marks line breaks with <lb/>."""
    raw = path.read_bytes()
    has_lb = b"<lb/>" in raw
    root = etree.fromstring(raw, etree.XMLParser(recover=True, resolve_entities=False,
                                                 no_network=True))
    section = root.find(".//listBibl")
    out: list[tuple[str, int]] = []
    counter = [0]

    def text(value: str | None, owner: int) -> None:
        if not value:
            return
        if has_lb:  # XML indentation is not the PDF's: one space for any run
            out.append((re.sub(r"\s+", " ", value), owner))
        else:
            for n, part in enumerate(value.split("\n")):
                if n:
                    out.append(("\n", -1))
                out.append((part, owner))

    def walk(element: etree._Element, owner: int) -> None:
        text(element.text, owner)
        for child in element:
            if child.tag == "lb":
                out.append(("\n", owner))
            elif child.tag == "bibl":
                counter[0] += 1
                walk(child, counter[0])
            else:
                walk(child, owner)
            text(child.tail, owner)

    if section is not None:
        walk(section, -1)
    return out, has_lb


def grobid_sample(path: Path) -> Sample:
    pieces, _ = _pieces(path)
    # Lines as lists of (piece, owner); blank lines dropped (the files' own indentation).
    rows: list[list[tuple[str, int]]] = [[]]
    for piece, owner in pieces:
        if piece == "\n":
            rows.append([])
        else:
            rows[-1].append((piece, owner))
    lines: list[str] = []
    seg: list[str] = []
    finder: list[str] = []
    cuts: list[list[int]] = []
    records: dict[int, str] = {}
    seen: set[int] = set()
    for row in rows:
        line = "".join(p for p, _ in row)
        stripped = line.strip()
        if not stripped:
            continue
        lead = len(line) - len(line.lstrip())
        owners: list[tuple[int, int]] = []  # (offset in stripped line, owner) of each piece
        pos = 0
        for piece, owner in row:
            if piece.strip():
                start = pos + len(piece) - len(piece.lstrip()) - lead
                owners.append((max(0, start), owner))
            records[owner] = records.get(owner, "") + piece
            pos += len(piece)
        for owner in {o for _, o in row}:
            records[owner] = records.get(owner, "") + " "  # the line break
        first_owner = owners[0][1] if owners else -1
        starts: list[tuple[int, int]] = []
        for offset, owner in owners:
            if owner >= 0 and owner not in seen:
                seen.add(owner)
                starts.append((offset, owner))
        line_cuts = [offset for offset, owner in starts if offset > 0]
        if starts and (starts[0][0] == 0 or first_owner == -1):
            label = "B"
        elif first_owner >= 0:
            label = "I"
        else:
            label = "O"
        if label == "B" and first_owner == -1 and starts[0][0] > 0:
            line_cuts = [offset for offset, _ in starts]  # heading glued before the record
        lines.append(stripped)
        seg.append(label)
        cuts.append(line_cuts)
        finder.append("ref" if label != "O" else "meta")
    for i, (line, label) in enumerate(zip(lines, seg, strict=True)):
        if label == "O" and _looks_like_heading(line):
            finder[i] = "title"
    gold = [re.sub(r"\s+", " ", records[k]).strip() for k in sorted(records) if k >= 0]
    doc = Document(source=path.name, reader="text", lines=tuple(lines))
    return Sample(path.name, "grobid", doc, finder, seg, [g for g in gold if g], cuts)


def _looks_like_heading(line: str) -> bool:
    from auditor.sections.features import REFERENCE_HEADINGS

    return line.lower().rstrip(":").strip() in REFERENCE_HEADINGS


def grobid_samples(held_out: bool) -> list[Sample]:
    paths = sorted(p for p in SEGMENTING.glob("*.xml"))
    return [grobid_sample(p) for p in paths if grobid_held_out(p.name) == held_out]


# --- AnyStyle finder documents -------------------------------------------------------------

def anystyle_sample(path: Path) -> Sample:
    lines: list[str] = []
    labels: list[str] = []
    current = "text"
    for row in path.read_text(encoding="utf-8").split("\n"):
        if not row:
            continue
        label, _, text = row.partition("|")
        label = label.strip()
        if label:
            current = label
        text = text[1:] if text.startswith(" ") else text
        lines.append(text.rstrip())
        labels.append("" if current == "blank" or not text.strip() else current)
    doc = Document(source=path.name, reader="text", lines=tuple(lines))
    return Sample(path.stem, "anystyle", doc, labels, None, [])


def anystyle_samples(held_out: bool) -> list[Sample]:
    paths = sorted(FINDING.glob("*.ttx"))
    chosen = anystyle_held_out([p.name for p in paths])
    return [anystyle_sample(p) for p in paths if (p.name in chosen) == held_out]


def available() -> bool:
    return SEGMENTING.is_dir() and FINDING.is_dir()
