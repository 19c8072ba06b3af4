"""JATS XML: the ``ref-list`` as fielded records, the body's ``xref ref-type="bibr"`` as citations.

Parsed by lxml with entities left unresolved and the network off (a hostile file cannot pull
in another file or a URL). ``element-citation`` and tagged ``mixed-citation`` give fields
(``person-group``, ``article-title``, ``source``, ``year``, ``volume``, ``issue``, ``fpage``,
``lpage``, ``pub-id``); an untagged ``mixed-citation`` is text to parse like any other entry.
"""

from __future__ import annotations

import re

from lxml import etree

from auditor.errors import InputError
from auditor.models import CSL, Document
from auditor.readers.records import TEXT_ONLY, display_line

_TYPES = {"journal": "article-journal", "book": "book", "chapter": "chapter",
          "confproc": "paper-conference", "conference": "paper-conference",
          "thesis": "thesis", "report": "report", "web": "webpage", "webpage": "webpage"}


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _text(element: etree._Element | None) -> str:
    if element is None:
        return ""
    return re.sub(r"\s+", " ", "".join(str(t) for t in element.itertext())).strip()


def _first(citation: etree._Element, name: str) -> etree._Element | None:
    for child in citation.iter():
        if _local(child.tag) == name:
            return child
    return None


def _people(citation: etree._Element) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    for group in citation.iter():
        if _local(group.tag) != "person-group" or group.get("person-group-type", "author") != \
                "author":
            continue
        for person in group:
            kind = _local(person.tag)
            if kind in ("name", "string-name"):
                family, given = _text(_first(person, "surname")), _text(_first(person,
                                                                               "given-names"))
                if family:
                    out.append({"family": family, "given": given})
                elif _text(person):
                    out.append({"literal": _text(person)})
            elif kind == "collab" and _text(person):
                out.append({"literal": _text(person)})
    return out


def _record(citation: etree._Element) -> CSL:
    year = re.search(r"\b(1[5-9]\d\d|20\d\d)\b", _text(_first(citation, "year")))
    first, last = _text(_first(citation, "fpage")), _text(_first(citation, "lpage"))
    ids = {p.get("pub-id-type", "").lower(): _text(p) for p in citation.iter()
           if _local(p.tag) == "pub-id"}
    csl: CSL = {
        "type": _TYPES.get(citation.get("publication-type", "journal"), "article-journal"),
        "title": _text(_first(citation, "article-title")) or _text(_first(citation,
                                                                          "chapter-title")),
        "author": _people(citation),
        "container-title": _text(_first(citation, "source")),
        "issued": {"date-parts": [[int(year.group(1))]]} if year else None,
        "volume": _text(_first(citation, "volume")), "issue": _text(_first(citation, "issue")),
        "page": f"{first}-{last}" if first and last else first,
        "DOI": ids.get("doi"), "PMID": ids.get("pmid"), "PMCID": ids.get("pmcid"),
    }
    return {k: v for k, v in csl.items() if v not in (None, "", [])}


def read(value: str, source: str) -> Document:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, recover=False)
    try:
        root = etree.fromstring(value.encode("utf-8"), parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{source}: not well-formed XML ({exc.msg})") from None
    body_lines: list[str] = []
    cited: list[tuple[str, int, str]] = []  # (rid, line, text)
    for body in (e for e in root.iter() if _local(e.tag) == "body"):
        for para in (p for p in body.iter() if _local(p.tag) in ("p", "title")):
            body_lines.append(_text(para))
            for xref in (x for x in para.iter() if _local(x.tag) == "xref"):
                if xref.get("ref-type") == "bibr":
                    for rid in (xref.get("rid") or "").split():
                        cited.append((rid, len(body_lines), _text(xref)))
    records: list[CSL] = []
    ids: list[str] = []
    for ref in (e for e in root.iter() if _local(e.tag) == "ref"):
        citation = next((c for c in ref.iter() if _local(c.tag) in (
            "element-citation", "mixed-citation", "citation", "nlm-citation")), None)
        if citation is None:
            continue
        record = _record(citation)
        if not (record.get("title") or record.get("author")):
            record = {TEXT_ONLY: _text(citation)}  # untagged: parsed like printed text
        records.append(record)
        ids.append(ref.get("id", ""))
    if not records:
        raise InputError(f"{source}: a JATS file without a ref-list")
    shown = [display_line(r) for r in records]
    start = len(body_lines) + 1
    position = {rid: i for i, rid in enumerate(ids) if rid}
    citations = tuple((position[rid], line, text) for rid, line, text in cited if rid in position)
    return Document(source=source, reader="jats", lines=(*body_lines, *shown),
                    records=tuple(records), record_start=start, cited=citations)
