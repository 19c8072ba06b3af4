"""Word files through python-docx: the text as Word shows it, in typed blocks.

Word keeps what a reader sees apart from what the file's text holds, so the reader puts back
what the page shows:

- automatic list numbers ("1.", "[12]") are not in the text: they are counted from the
  numbering definitions and printed before the item, so the list's labels and its numbered
  citations meet as they do on the page;
- headings come from their styles (Title, Heading 1-9) or outline levels;
- superscript citation numbers ("depression¹²") become bracketed citations ("[12]") so the
  citation reader sees a citation, not a word ending in digits;
- footnotes and endnotes follow the body under a "Notes" heading, one item each;
- table rows are lines, their cells joined by a space;
- deleted text of tracked changes is not shown, inserted text is.

Reference managers (Zotero, Mendeley) leave each citation's CSL-JSON in its field code. When
the file has them, those items are the records, read as fielded as a CSL-JSON file would be,
the citations point at them, and the bibliography the manager printed is not read again.

The file is a zip archive: its members are counted and sized from the archive's directory
before anything is inflated, so an archive that would expand without bound is refused.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from auditor.citations import superscript_call
from auditor.errors import InputError
from auditor.models import CSL, Block, Document
from auditor.readers.records import csl_record, display_line

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
_ENDNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes"


@dataclass(frozen=True)
class ArchiveLimits:
    """What a Word file may hold before it is inflated: a real manuscript is a few MB of
    XML and images; a zip bomb is small outside and huge inside."""

    members: int = 5_000
    total_bytes: int = 512 * 1024 * 1024
    ratio: int = 200  # uncompressed / compressed for any member over 1 MB
    ratio_floor: int = 1024 * 1024


ARCHIVE_LIMITS = ArchiveLimits()
# Field-code prefixes whose JSON is a citation with its CSL items.
_CITATION_FIELDS = ("ADDIN ZOTERO_ITEM CSL_CITATION", "ADDIN CSL_CITATION", "ADDIN EN.CITE")
_BIBLIOGRAPHY_FIELDS = ("ADDIN ZOTERO_BIBL", "ADDIN MENDELEY BIBLIOGRAPHY", "ADDIN EN.REFLIST")
_HEADING_STYLE = re.compile(r"^(?:heading\s*(\d)|title)$", re.IGNORECASE)


def check_archive(data: bytes, source: str, limits: ArchiveLimits = ARCHIVE_LIMITS) -> None:
    """Refuse an archive that is not a zip, or that would inflate past ``limits``."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, NotImplementedError, EOFError) as exc:
        raise InputError(f"{source}: not a readable Word file ({exc})") from None
    members = archive.infolist()
    if len(members) > limits.members:
        raise InputError(f"{source}: a Word file of {len(members):,} parts is over the "
                         f"{limits.members:,}-part limit")
    total = sum(m.file_size for m in members)
    if total > limits.total_bytes:
        raise InputError(f"{source}: would inflate to {total:,} bytes, over the "
                         f"{limits.total_bytes:,}-byte limit")
    for member in members:
        if (member.file_size > limits.ratio_floor
                and member.file_size > limits.ratio * max(1, member.compress_size)):
            raise InputError(f"{source}: part {member.filename!r} inflates "
                             f"{member.file_size // max(1, member.compress_size):,} times; "
                             "refused as a zip bomb")


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                          huge_tree=False)


# -- numbering --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Level:
    start: int
    fmt: str
    text: str


def _roman(n: int) -> str:
    out = ""
    for value, digits in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"),
                          (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"),
                          (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + digits, n - value
    return out


def _letters(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str, "decimalZero": lambda n: f"{n:02d}", "lowerLetter": _letters,
    "upperLetter": lambda n: _letters(n).upper(), "lowerRoman": _roman,
    "upperRoman": lambda n: _roman(n).upper(),
}


def _val(element: etree._Element | None, tag: str) -> str | None:
    if element is None:
        return None
    found = element.find(W + tag)
    return None if found is None else found.get(W + "val")


class _Numbering:
    """Word's list instances: which levels a ``numId`` has, and their running counts."""

    def __init__(self, root: etree._Element | None) -> None:
        self.levels: dict[str, dict[int, _Level]] = {}
        self.counts: dict[str, dict[int, int]] = {}
        if root is None:
            return
        abstract: dict[str, dict[int, _Level]] = {}
        for node in root.iter(W + "abstractNum"):
            abstract[node.get(W + "abstractNumId", "")] = {
                int(lvl.get(W + "ilvl", "0")): _Level(
                    int(_val(lvl, "start") or "1") if (_val(lvl, "start") or "1").isdigit()
                    else 1, _val(lvl, "numFmt") or "decimal", _val(lvl, "lvlText") or "")
                for lvl in node.iter(W + "lvl")}
        for num in root.iter(W + "num"):
            levels = dict(abstract.get(_val(num, "abstractNumId") or "", {}))
            for override in num.iter(W + "lvlOverride"):
                level = int(override.get(W + "ilvl", "0"))
                start = _val(override, "startOverride")
                if level in levels and start and start.isdigit():
                    old = levels[level]
                    levels[level] = _Level(int(start), old.fmt, old.text)
            self.levels[num.get(W + "numId", "")] = levels

    def marker(self, num_id: str, level: int) -> str | None:
        """The printed marker of the next item at ``level`` of list ``num_id``: "1.",
        "[3]", "-" for a bullet, None when the paragraph is not numbered."""
        levels = self.levels.get(num_id)
        if not levels or level not in levels:
            return None
        counts = self.counts.setdefault(num_id, {})
        counts[level] = counts.get(level, levels[level].start - 1) + 1
        for deeper in [k for k in counts if k > level]:
            del counts[deeper]
        spec = levels[level]
        if spec.fmt == "bullet":
            return "-"
        if spec.fmt == "none":
            return None

        def one(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            fmt = levels[k].fmt if k in levels else "decimal"
            value = counts.get(k, levels[k].start if k in levels else 1)
            return _FORMATS.get(fmt, str)(value)

        return re.sub(r"%(\d)", one, spec.text) or None


# -- paragraphs -------------------------------------------------------------------------------


@dataclass
class _Styles:
    """What a paragraph style says: its heading level and its list numbering."""

    heading: dict[str, int] = field(default_factory=dict)
    numbering: dict[str, tuple[str, int]] = field(default_factory=dict)

    @classmethod
    def read(cls, root: etree._Element | None) -> _Styles:
        out = cls()
        if root is None:
            return out
        based: dict[str, str] = {}
        for style in root.iter(W + "style"):
            sid = style.get(W + "styleId", "")
            name = _val(style, "name") or sid
            parent = _val(style, "basedOn")
            if parent:
                based[sid] = parent
            matched = _HEADING_STYLE.match(name.strip())
            ppr = style.find(W + "pPr")
            outline = _val(ppr, "outlineLvl")
            if matched:
                out.heading[sid] = int(matched.group(1) or 1)
            elif outline and outline.isdigit() and int(outline) < 9:
                out.heading[sid] = int(outline) + 1
            numpr = ppr.find(W + "numPr") if ppr is not None else None
            if numpr is not None and _val(numpr, "numId"):
                out.numbering[sid] = (_val(numpr, "numId") or "", int(_val(numpr, "ilvl") or 0))
        for sid, parent in based.items():  # one step of inheritance covers Word's own styles
            if sid not in out.numbering and parent in out.numbering:
                out.numbering[sid] = out.numbering[parent]
        return out


@dataclass
class _Field:
    code: str = ""  # the field's instruction, gathered over its runs


@dataclass
class _Reader:
    styles: _Styles
    numbering: _Numbering
    lines: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    items: list[CSL] = field(default_factory=list)  # CSL items from citation fields
    keys: dict[str, int] = field(default_factory=dict)
    cited: list[tuple[int, int, str]] = field(default_factory=list)
    fields: list[_Field] = field(default_factory=list)
    in_bibliography: bool = False
    touched: bool = False  # the paragraph being read was part of a bibliography field
    bibliography_lines: set[int] = field(default_factory=set)
    # the number of each footnote and endnote ("footnote:2" -> 1), for the text's calls
    calls: dict[str, int] = field(default_factory=dict)

    # The walk ---------------------------------------------------------------------------------

    def body(self, root: etree._Element) -> None:
        for child in root:
            tag = child.tag
            if tag == W + "p":
                self.paragraph(child)
            elif tag == W + "tbl":
                for row in child.iter(W + "tr"):
                    cells = [" ".join(self.runs(p) for p in cell.iter(W + "p"))
                             for cell in row.iter(W + "tc")]
                    self.add("paragraph", [" ".join(c for c in cells if c.strip())])
            elif tag in (W + "sdt", W + "customXml", W + "sdtContent"):
                content = child.find(W + "sdtContent")
                self.body(content if content is not None else child)

    def paragraph(self, p: etree._Element) -> None:
        ppr = p.find(W + "pPr")
        style = _val(ppr, "pStyle") or ""
        text = self.runs(p)
        level = self.styles.heading.get(style, 0)
        outline = _val(ppr, "outlineLvl")
        if not level and outline and outline.isdigit() and int(outline) < 9:
            level = int(outline) + 1
        numpr = ppr.find(W + "numPr") if ppr is not None else None
        num = ((_val(numpr, "numId") or "", int(_val(numpr, "ilvl") or 0))
               if numpr is not None and _val(numpr, "numId")
               else self.styles.numbering.get(style))
        marker = self.numbering.marker(*num) if num and num[0] != "0" else None
        parts = text.split("\n")
        if level and text.strip():
            self.add("heading", parts, level=level)
        elif marker is not None:
            shown = parts if marker == "-" else [f"{marker} {parts[0]}", *parts[1:]]
            self.add("item", shown, marker=marker)
        else:
            self.add("paragraph", parts)

    def add(self, kind: str, parts: list[str], level: int = 0,
            marker: str | None = None) -> None:
        shown = [re.sub(r"[ \t\u00a0]+", " ", part).strip() for part in parts]
        shown = [s for s in shown if s]
        if not shown:
            return
        start = len(self.lines)
        if self.in_bibliography or self.touched:
            self.touched = False
            self.bibliography_lines.update(range(start, start + len(shown)))
        self.lines.extend(shown)
        self.blocks.append(Block(kind, start, len(self.lines), level, marker))
        self.lines.append("")  # blocks are set apart as on the page

    def runs(self, p: etree._Element) -> str:
        """The paragraph's shown text: runs in order, fields' results (not their codes),
        superscript citation numbers bracketed, tabs and breaks as spaces and lines."""
        out: list[str] = []
        for node in p.iter(W + "r", W + "fldSimple"):
            if node.tag == W + "fldSimple":  # a field in one element: its code, then its runs
                self.field_begin()
                self.fields[-1].code = node.get(W + "instr", "")
                self.field_end("".join(out))
                continue
            if self._deleted(node):
                continue
            out.append(self.run(node, "".join(out)))
        return "".join(out)

    @staticmethod
    def _deleted(run: etree._Element) -> bool:
        parent = run.getparent()
        return parent is not None and parent.tag in (W + "del", W + "moveFrom")

    def run(self, r: etree._Element, before: str) -> str:
        text: list[str] = []
        for node in r:
            tag = node.tag
            if tag == W + "t":
                text.append(node.text or "")
            elif tag == W + "tab":
                text.append("\t")
            elif tag in (W + "br", W + "cr"):
                text.append("\n")
            elif tag == W + "noBreakHyphen":
                text.append("-")
            elif tag in (W + "footnoteReference", W + "endnoteReference"):
                part = "footnote" if tag == W + "footnoteReference" else "endnote"
                number = self.calls.get(f"{part}:{node.get(W + 'id')}")
                if number is not None:  # Word prints the note's number, raised
                    text.append(f"[{number}]")
            elif tag == W + "instrText" and self.fields:
                self.fields[-1].code += node.text or ""
            elif tag == W + "fldChar":
                kind = node.get(W + "fldCharType")
                if kind == "begin":
                    self.field_begin()
                elif kind == "separate":
                    self.field_separate()
                elif kind == "end":
                    self.field_end(before + "".join(text))
        shown = "".join(text)
        call = superscript_call(before, shown) if self._superscript(r) else None
        return call or shown

    @staticmethod
    def _superscript(r: etree._Element) -> bool:
        rpr = r.find(W + "rPr")
        return _val(rpr, "vertAlign") == "superscript"

    # Fields: citations and bibliographies of reference managers -------------------------------

    def field_begin(self) -> None:
        self.fields.append(_Field())

    def field_separate(self) -> None:
        if not self.fields:
            return
        code = self.fields[-1].code.strip()
        if code.upper().startswith(_BIBLIOGRAPHY_FIELDS):
            self.in_bibliography = self.touched = True

    def field_end(self, shown: str) -> None:
        if not self.fields:
            return
        current = self.fields.pop()
        code = current.code.strip()
        if code.upper().startswith(_BIBLIOGRAPHY_FIELDS):
            self.in_bibliography = False
            self.touched = True
            return
        prefix = next((p for p in _CITATION_FIELDS if code.startswith(p)), None)
        if prefix is None:
            return
        payload = code[len(prefix):]
        items = _endnote_items(payload) if prefix == "ADDIN EN.CITE" else _citation_items(payload)
        for item in items:
            key = str(item.get("id") or item.get("DOI") or item.get("title") or len(self.keys))
            if key not in self.keys:
                self.keys[key] = len(self.items)
                self.items.append(csl_record(item))
            self.cited.append((self.keys[key], len(self.lines) + 1, shown[-40:].strip()))


def _endnote_text(node: etree._Element | None) -> str:
    return " ".join("".join(str(t) for t in node.itertext()).split()) if node is not None else ""


def _endnote_items(payload: str) -> Iterator[dict[str, Any]]:
    """EndNote's citation XML (``<EndNote><Cite><record>``) as CSL items."""
    text = payload.strip()
    if not text.startswith("<"):
        return  # EndNote keeps long citations base64-encoded in the field's data: not read
    try:
        root = etree.fromstring(text.encode("utf-8"), _PARSER)
    except etree.XMLSyntaxError:
        return
    for record in root.iter("record"):
        authors = [_endnote_text(a) for a in record.iterfind("contributors/authors/author")]
        item: dict[str, Any] = {
            "id": _endnote_text(record.find("rec-number")) or None,
            "type": "article-journal",
            "title": _endnote_text(record.find("titles/title")),
            "container-title": (_endnote_text(record.find("periodical/full-title"))
                                or _endnote_text(record.find("titles/secondary-title"))),
            "author": [_endnote_person(a) for a in authors if a],
            "volume": _endnote_text(record.find("volume")),
            "issue": _endnote_text(record.find("number")),
            "page": _endnote_text(record.find("pages")),
            "DOI": _endnote_text(record.find("electronic-resource-num")),
        }
        year = _endnote_text(record.find("dates/year"))
        if year[:4].isdigit():
            item["issued"] = {"date-parts": [[int(year[:4])]]}
        if item["title"] or item["author"]:
            yield {k: v for k, v in item.items() if v}


def _endnote_person(name: str) -> dict[str, str]:
    family, _, given = name.partition(",")
    return {"family": family.strip(), "given": given.strip()} if given else {"literal": name}


def _citation_items(payload: str) -> Iterator[dict[str, Any]]:
    """The CSL items of one citation field's JSON; nothing when it is not JSON."""
    try:
        data = json.loads(payload.strip())
    except (json.JSONDecodeError, RecursionError):
        return
    if not isinstance(data, dict):
        return
    for entry in data.get("citationItems") or []:
        if isinstance(entry, dict) and isinstance(entry.get("itemData"), dict):
            yield entry["itemData"]



def _xml(part: Any) -> etree._Element | None:
    """A part's XML: python-docx's own tree where it has one, else its bytes parsed with
    entities and the network off."""
    element = getattr(part, "element", None)
    if element is not None:
        return element  # type: ignore[no-any-return]
    try:
        return etree.fromstring(part.blob, _PARSER)
    except etree.XMLSyntaxError:
        return None


def _normal_notes(root: etree._Element, tag: str) -> list[etree._Element]:
    """The footnotes or endnotes a text calls, in order: not the separators Word keeps
    among them."""
    return [n for n in root.iter(W + tag)
            if n.get(W + "type") in (None, "normal") and n.get(W + "id", "0").isdigit()
            and int(n.get(W + "id", "0")) > 0]


def _notes(reader: _Reader, notes: list[etree._Element]) -> None:
    """Footnotes or endnotes (:func:`_normal_notes`) as numbered items under a "Notes"
    heading."""
    if not notes:
        return
    reader.add("heading", ["Notes"], level=1)
    for number, note in enumerate(notes, start=1):
        text = " ".join(reader.runs(p) for p in note.iter(W + "p"))
        reader.add("item", [f"{number}. {' '.join(text.split())}"], marker=f"{number}.")


def _part_element(document: Any, reltype: str) -> Any | None:
    try:
        return document.part.part_related_by(reltype)
    except KeyError:
        return None


def read(data: bytes, source: str) -> Document:
    """Read a .docx file (its bytes) into a Document."""
    check_archive(data, source)
    import docx  # python-docx loads lxml's oxml classes on import: only when a .docx comes

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on a damaged package
        raise InputError(f"{source}: not a readable Word file ({type(exc).__name__})") from None
    try:
        return _read_parts(document, source)
    except (zipfile.BadZipFile, NotImplementedError, zlib.error, EOFError) as exc:
        # A part read only now, from a damaged archive (a member's zip version it does not
        # support, a broken deflate stream).
        raise InputError(f"{source}: not a readable Word file ({type(exc).__name__})") from None


def _read_parts(document: Any, source: str) -> Document:
    try:
        numbering_root = document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        numbering_root = None
    try:
        styles_root = document.styles.element
    except (KeyError, NotImplementedError):
        styles_root = None
    reader = _Reader(_Styles.read(styles_root), _Numbering(numbering_root))
    parts: list[list[etree._Element]] = []
    for reltype, tag in ((_FOOTNOTES, "footnote"), (_ENDNOTES, "endnote")):
        part = _part_element(document, reltype)
        root = _xml(part) if part is not None else None
        if root is not None:
            parts.append(_normal_notes(root, tag))
            # a note's call in the text reads as the number its note is given below
            reader.calls.update({f"{tag}:{n.get(W + 'id')}": number
                                 for number, n in enumerate(parts[-1], start=1)})
    reader.body(document.element.body)
    for notes in parts:
        _notes(reader, notes)
    return _document(reader, source)


def _document(reader: _Reader, source: str) -> Document:
    lines, blocks = reader.lines, reader.blocks
    while lines and not lines[-1]:
        lines.pop()
    if not any(line.strip() for line in lines):
        raise InputError(f"{source}: the Word file has no text")
    if not reader.items:
        return Document(source=source, reader="docx", lines=tuple(lines), blocks=tuple(blocks))
    # Fielded: the manager's items are the records; its printed bibliography is not re-read.
    body = [line for n, line in enumerate(lines) if n not in reader.bibliography_lines]
    shift = _shifts(len(lines), reader.bibliography_lines)
    cited = tuple((index, line - shift[line - 1], text) for index, line, text in reader.cited
                  if line - 1 < len(shift))
    shown = [display_line(r) for r in reader.items]
    return Document(source=source, reader="docx", lines=(*body, *shown),
                    records=tuple(reader.items), record_start=len(body) + 1, cited=cited)


def _shifts(count: int, removed: set[int]) -> list[int]:
    """For each line, how many removed lines came before it."""
    out, seen = [], 0
    for n in range(count):
        out.append(seen)
        seen += n in removed
    return out
