"""Fielded inputs: CSL-JSON, BibTeX (bibtexparser 2), RIS (rispy).

Their records arrive with fields, which the checks read as they are (no string parsing); each
record is also rendered as a Vancouver line for display, and those lines are the document's
lines, so a finding still points at a line.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from typing import Any

from auditor.errors import InputError
from auditor.formats.render import render
from auditor.models import CSL, Document
from auditor.parse.names import is_corporate

# BibTeX and RIS types as CSL types.
BIBTEX_TYPES = {"article": "article-journal", "book": "book", "inbook": "chapter",
                "incollection": "chapter", "inproceedings": "paper-conference",
                "conference": "paper-conference", "phdthesis": "thesis",
                "mastersthesis": "thesis", "techreport": "report", "misc": "article",
                "online": "webpage", "unpublished": "manuscript"}
RIS_TYPES = {"JOUR": "article-journal", "JFULL": "article-journal", "BOOK": "book",
             "CHAP": "chapter", "CONF": "paper-conference", "CPAPER": "paper-conference",
             "THES": "thesis", "RPRT": "report", "ELEC": "webpage", "WEB": "webpage",
             "GEN": "article", "UNPB": "manuscript"}


def _person(name: str) -> dict[str, str]:
    """"Family, Given" or "Given Family" as CSL; a braced or single name is literal, and so
    is an organisation written without a comma ("World Health Organization", as RIS files
    give a corporate author): read as a person it became "Organization WH"."""
    name = re.sub(r"\s+", " ", name.strip())
    if name.startswith("{") and name.endswith("}"):
        return {"literal": name[1:-1].strip("{}")}  # {World Health Organization}
    name = name.replace("{", "").replace("}", "")
    if "," in name:
        family, given = (x.strip() for x in name.split(",", 1))
        return {"family": family, "given": given}
    parts = name.split(" ")
    if len(parts) == 1 or is_corporate(name):
        return {"literal": name}
    return {"family": parts[-1], "given": " ".join(parts[:-1])}


def _year(value: Any) -> dict[str, Any] | None:
    m = re.search(r"\b(1[5-9]\d\d|20\d\d)\b", str(value or ""))
    return {"date-parts": [[int(m.group(1))]]} if m else None


def _clean(csl: dict[str, Any]) -> CSL:
    return {k: v for k, v in csl.items() if v not in (None, "", [], {})}


# A record that came as text only (an untagged JATS citation, an unstructured deposit)
# carries it under this key, and the pipeline parses it like printed text.
TEXT_ONLY = "_text"


def display_line(record: CSL) -> str:
    """How a fielded record is shown, and where its findings point: its own text when it
    came as text, else its Vancouver rendering (its title when nothing renders)."""
    if TEXT_ONLY in record:
        return str(record[TEXT_ONLY])
    return render(record, "vancouver").replace("\n", " ") or str(
        record.get("title") or "(untitled)")


def _document(source: str, reader: str, records: list[CSL],
              spans: list[tuple[int, int]] | None = None) -> Document:
    """The records as a document; ``spans`` (each record's first and last line in its
    file) are kept only when there is one per record."""
    if not records:
        raise InputError(f"{source}: no records in this {reader} file")
    lines = tuple(display_line(r) for r in records)
    kept = tuple(spans) if spans and len(spans) == len(records) else ()
    return Document(source=source, reader=reader, lines=lines, records=tuple(records),
                    record_lines=kept)


def read_csl_json(value: str, source: str) -> Document:
    try:
        data = json.loads(value)
    except json.JSONDecodeError as exc:
        raise InputError(f"{source}: not JSON ({exc.msg} at line {exc.lineno})") from None
    items = data.get("items") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise InputError(f"{source}: CSL-JSON is a list of items (or {{\"items\": [...]}})")
    records = [csl_record(item) for item in items if isinstance(item, dict)]
    spans = _json_item_spans(value) if isinstance(data, list) and all(
        isinstance(item, dict) for item in items) else None
    return _document(source, "csl-json", records, spans)


def _json_item_spans(value: str) -> list[tuple[int, int]] | None:
    """Each item's first and last line in a CSL-JSON array (the file already read as valid
    JSON): the array is decoded again one item at a time, from where each item starts."""
    decoder = json.JSONDecoder()
    at = value.find("[") + 1
    spans: list[tuple[int, int]] = []
    line, counted = 1, 0  # the line of offset ``counted``
    while True:
        while at < len(value) and value[at] in " \t\r\n,":
            at += 1
        if at >= len(value) or value[at] == "]":
            return spans
        try:
            _, end = decoder.raw_decode(value, at)
        except json.JSONDecodeError:
            return None
        line += value.count("\n", counted, at)
        first = line
        line += value.count("\n", at, end)
        counted = end
        spans.append((first, line))
        at = end


def csl_record(item: dict[str, Any]) -> CSL:
    """One CSL-JSON item as a record: a title given as a list (as some exporters write it)
    is its first element, empty fields are gone."""
    csl = dict(item)
    for key in ("title", "container-title"):
        if isinstance(csl.get(key), list):
            csl[key] = csl[key][0] if csl[key] else ""
    return _clean(csl)


def _bibtex_entry(entry_type: str, raw_fields: dict[str, str]) -> CSL:
    # Braces protect case and names; outside the name lists they are not text.
    fields = {k: (v if k in ("author", "editor") else v.replace("{", "").replace("}", ""))
              for k, v in raw_fields.items()}
    authors = [_person(a) for a in re.split(r"\s+and\s+", fields.get("author", "")) if a.strip()]
    editors = [_person(a) for a in re.split(r"\s+and\s+", fields.get("editor", "")) if a.strip()]
    return _clean({
        "type": BIBTEX_TYPES.get(entry_type.lower(), "article"),
        "title": fields.get("title", "").strip("{} "),
        "author": authors, "editor": editors,
        "container-title": (fields.get("journal") or fields.get("booktitle")
                            or fields.get("journaltitle") or "").strip("{} "),
        "issued": _year(fields.get("year") or fields.get("date")),
        "volume": fields.get("volume"), "issue": fields.get("number") or fields.get("issue"),
        "page": re.sub(r"\s*[-–—]{1,2}\s*", "-", fields.get("pages", "")),
        "publisher": fields.get("publisher"), "publisher-place": fields.get("address"),
        "DOI": fields.get("doi"), "PMID": fields.get("pmid"), "URL": fields.get("url"),
        "ISBN": fields.get("isbn"),
    })


def read_bibtex(value: str, source: str) -> Document:
    from bibtexparser import middlewares
    from bibtexparser.entrypoint import parse_string

    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)  # broken blocks: counted below
    try:
        library = parse_string(
            value, append_middleware=[middlewares.LatexDecodingMiddleware(
                keep_braced_groups=True)])  # "{World Health Organization}" is one author
    except Exception as exc:  # the parser raises its own exception types on broken input
        raise InputError(f"{source}: not readable BibTeX ({type(exc).__name__})") from None
    records = [_bibtex_entry(e.entry_type, {k.lower(): str(f.value)
                                            for k, f in e.fields_dict.items()})
               for e in library.entries]
    if not records and library.failed_blocks:
        raise InputError(f"{source}: {len(library.failed_blocks)} BibTeX block(s) could not be "
                         "read and none could")
    spans = [(e.start_line + 1, e.start_line + 1 + e.raw.rstrip().count("\n"))
             for e in library.entries if e.start_line is not None and e.raw is not None]
    return _document(source, "bibtex", records, spans)


def _ris_entry(entry: dict[str, Any]) -> CSL:
    first = entry.get("start_page")
    last = entry.get("end_page")
    pages = f"{first}-{last}" if first and last else first
    authors = [_person(a) for a in (entry.get("authors") or entry.get("first_authors") or [])]
    return _clean({
        "type": RIS_TYPES.get(str(entry.get("type_of_reference", "")), "article"),
        "title": entry.get("primary_title") or entry.get("title") or "",
        "author": authors,
        "container-title": (entry.get("secondary_title") or entry.get("journal_name")
                            or entry.get("alternate_title3") or entry.get("alternate_title1")
                            or ""),
        "issued": _year(entry.get("year") or entry.get("publication_year")
                        or entry.get("date")),
        "volume": entry.get("volume"), "issue": entry.get("number") or entry.get("issue"),
        "page": pages, "publisher": entry.get("publisher"),
        "publisher-place": entry.get("place_published"), "DOI": entry.get("doi"),
        "URL": (entry.get("urls") or [None])[0],
    })


def read_ris(value: str, source: str) -> Document:
    import rispy

    try:
        entries = rispy.loads(value)
    except Exception as exc:  # rispy raises plain exceptions on broken tags
        raise InputError(f"{source}: not readable RIS ({type(exc).__name__})") from None
    return _document(source, "ris", [_ris_entry(e) for e in entries], _ris_spans(value))


_RIS_TAG_RE = re.compile(r"^[\s\ufeff]*(TY|ER)  -")


def _ris_spans(value: str) -> list[tuple[int, int]]:
    """Each record's first line ("TY  - ") and last ("ER  - "), as rispy reads them: a
    record runs from its type tag to its end tag."""
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    for number, line in enumerate(value.splitlines(), 1):
        m = _RIS_TAG_RE.match(line)
        if not m:
            continue
        if m.group(1) == "TY":
            opened = number
        elif opened is not None:
            spans.append((opened, number))
            opened = None
    return spans


STRUCTURED: dict[str, Callable[[str, str], Document]] = {
    "csl-json": read_csl_json, "bibtex": read_bibtex, "ris": read_ris}
