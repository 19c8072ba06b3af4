"""Per-reference outputs of ``refauditor parse``: CSL-JSON (lines or array), BibTeX, RIS, table."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from io import StringIO
from typing import Any

from rich.console import Console
from rich.table import Table

from auditor.models import CSL, issued_year
from auditor.parse.normalize import fold

_BIBTEX_TYPES = {"article-journal": "article", "book": "book", "chapter": "incollection",
                 "paper-conference": "inproceedings", "thesis": "phdthesis", "report": "techreport",
                 "webpage": "misc"}
_RIS_TYPES = {"article-journal": "JOUR", "book": "BOOK", "chapter": "CHAP",
              "paper-conference": "CPAPER", "thesis": "THES", "report": "RPRT", "webpage": "ELEC"}


def public(csl: CSL) -> CSL:
    """CSL without internal keys (``_et_al`` becomes a note)."""
    out = {k: v for k, v in csl.items() if not k.startswith("_")}
    if csl.get("_et_al"):
        out["note"] = "et al."
    return out


def _name(n: dict[str, Any]) -> str:
    if "literal" in n:
        return str(n["literal"])
    return ", ".join(x for x in (n.get("family"), n.get("given")) if x)


def _year(csl: CSL) -> str:
    return str(issued_year(csl) or "")


def _key(csl: CSL, index: int) -> str:
    authors = csl.get("author") or [{}]
    family = fold(authors[0].get("family") or authors[0].get("literal") or "ref").split()
    return f"{(family[0] if family else 'ref')}{_year(csl)}_{index}"


def _bibtex_escape(value: str) -> str:
    return re.sub(r"([&%$#_{}])", r"\\\1", value)


def _bibtex_names(people: Sequence[dict[str, Any]]) -> str:
    """Names for a BibTeX field, escaped; a corporate author double-braced so BibTeX keeps
    it one name ("{World Health Organization}", not a Mr Organization)."""
    return " and ".join(f"{{{_bibtex_escape(str(n['literal']))}}}" if "literal" in n
                        else _bibtex_escape(_name(n)) for n in people)


def to_bibtex(records: Sequence[CSL]) -> str:
    out = []
    for i, csl in enumerate(records, start=1):
        names = {"author": _bibtex_names(csl.get("author") or []),
                 "editor": _bibtex_names(csl.get("editor") or [])}
        fields = {
            "title": csl.get("title"),
            "journal" if csl.get("type") == "article-journal" else "booktitle":
                csl.get("container-title"),
            "year": _year(csl), "volume": csl.get("volume"), "number": csl.get("issue"),
            "pages": str(csl.get("page") or "").replace("-", "--") or None,
            "publisher": csl.get("publisher"), "address": csl.get("publisher-place"),
            "doi": csl.get("DOI"), "url": csl.get("URL"), "isbn": csl.get("ISBN"),
            "issn": csl.get("ISSN"), "pmid": csl.get("PMID"),
        }
        body = ",\n".join([*(f"  {k} = {{{v}}}" for k, v in names.items() if v),
                            *(f"  {k} = {{{_bibtex_escape(str(v))}}}"
                              for k, v in fields.items() if v)])
        kind = _BIBTEX_TYPES.get(str(csl.get("type")), "misc")
        out.append(f"@{kind}{{{_key(csl, i)},\n{body}\n}}\n")
    return "\n".join(out)


def to_ris(records: Sequence[CSL]) -> str:
    out = []
    for csl in records:
        lines = [f"TY  - {_RIS_TYPES.get(str(csl.get('type')), 'GEN')}"]
        lines += [f"AU  - {_name(n)}" for n in csl.get("author") or []]
        lines += [f"ED  - {_name(n)}" for n in csl.get("editor") or []]
        pages = str(csl.get("page") or "")
        start, _, end = pages.partition("-")
        for tag, value in (("TI", csl.get("title")), ("T2", csl.get("container-title")),
                           ("PY", _year(csl)), ("VL", csl.get("volume")), ("IS", csl.get("issue")),
                           ("SP", start), ("EP", end), ("PB", csl.get("publisher")),
                           ("CY", csl.get("publisher-place")), ("DO", csl.get("DOI")),
                           ("UR", csl.get("URL")), ("SN", csl.get("ISSN") or csl.get("ISBN"))):
            if value:
                lines.append(f"{tag}  - {value}")
        lines.append("ER  - ")
        out.append("\n".join(lines) + "\n")
    return "\n".join(out)


def _with_ids(records: Sequence[CSL]) -> list[CSL]:
    """CSL-JSON items need an ``id``: the same key the BibTeX export uses."""
    return [{"id": _key(r, i), **r} if "id" not in r else r
            for i, r in enumerate(records, start=1)]


def to_csl_jsonl(records: Sequence[CSL]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in _with_ids(records))


def to_csl_json(records: Sequence[CSL]) -> str:
    return json.dumps(_with_ids(records), ensure_ascii=False, indent=2) + "\n"


def to_table(records: Sequence[CSL]) -> str:
    table = Table("#", "type", "first author", "year", "title", "container", "vol", "page", "DOI",
                  box=None)
    for i, csl in enumerate(records, start=1):
        authors = csl.get("author") or [{}]
        table.add_row(str(i), str(csl.get("type", "")),
                      authors[0].get("family") or authors[0].get("literal") or "",
                      _year(csl), str(csl.get("title") or "")[:60],
                      str(csl.get("container-title") or "")[:30], str(csl.get("volume") or ""),
                      str(csl.get("page") or ""), str(csl.get("DOI") or ""))
    buffer = StringIO()
    Console(file=buffer, width=200, no_color=True, highlight=False).print(table)
    return buffer.getvalue()


PARSE_FORMATS: dict[str, Callable[[Sequence[CSL]], str]] = {
    "csl-jsonl": to_csl_jsonl, "csl-json": to_csl_json, "bibtex": to_bibtex, "ris": to_ris,
    "table": to_table,
}
