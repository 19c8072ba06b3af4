"""Crossref-format work records: the one shape every source is converted to.

Crossref's ``/works/{doi}`` ``message`` is the record format of the snapshot, the cache and the
live clients; PubMed summaries and DataCite records are converted into it, so matching and the
checks read one shape.
"""

from __future__ import annotations

import re
from typing import Any

from auditor.models import CSL
from auditor.parse.normalize import fold

Work = dict[str, Any]

_TYPES = {
    "journal-article": "article-journal", "book-chapter": "chapter", "book": "book",
    "proceedings-article": "paper-conference", "posted-content": "article", "report": "report",
    "dissertation": "thesis", "dataset": "dataset", "reference-entry": "entry",
    "monograph": "book", "edited-book": "book", "component": "article",
}


def first(value: Any) -> str | None:
    """Crossref wraps titles in lists; take the first non-empty string."""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
    return value.strip() if isinstance(value, str) and value.strip() else None


def year_of(work: Work) -> int | None:
    """Publication year: issued, else print, else online (Crossref's own precedence)."""
    for key in ("issued", "published", "published-print", "published-online", "created"):
        parts = (work.get(key) or {}).get("date-parts") or [[None]]
        if parts and parts[0] and parts[0][0]:
            return int(parts[0][0])
    return None


def first_page(work: Work) -> str | None:
    page = work.get("page") or work.get("article-number")
    if not page:
        return None
    return re.split(r"[-–]", str(page))[0].strip() or None


def family_names(work: Work) -> list[str]:
    out = []
    for person in work.get("author") or []:
        name = person.get("family") or person.get("name") or person.get("literal")
        if name:
            out.append(str(name))
    return out


def to_csl(work: Work) -> CSL:
    """The record as CSL-JSON (what reports show and checks compare against)."""
    csl: CSL = {"type": _TYPES.get(work.get("type", ""), "article")}
    if work.get("DOI"):
        csl["DOI"] = str(work["DOI"]).lower()
    for key in ("title", "container-title", "publisher"):
        value = first(work.get(key))
        if value:
            csl[key] = value
    short = first(work.get("short-container-title"))
    if short:
        csl["container-title-short"] = short
    authors = []
    for person in work.get("author") or []:
        if person.get("family"):
            name = {"family": person["family"]}
            if person.get("given"):
                name["given"] = person["given"]
            authors.append(name)
        elif person.get("name"):
            authors.append({"literal": person["name"]})
    if authors:
        csl["author"] = authors
    year = year_of(work)
    if year:
        csl["issued"] = {"date-parts": [[year]]}
    for key in ("volume", "issue", "page"):
        if work.get(key):
            csl[key] = str(work[key])
    if work.get("article-number") and "page" not in csl:
        csl["page"] = str(work["article-number"])
    for key in ("PMID", "PMCID"):
        if work.get(key):
            csl[key] = str(work[key])
    return csl


def search_text(work: Work) -> dict[str, str]:
    """The folded fields the snapshot indexes for bibliographic search."""
    return {
        "title": fold(" ".join(filter(None, [first(work.get("title")),
                                             first(work.get("subtitle"))]))),
        "authors": fold(" ".join(family_names(work))),
        "container": fold(" ".join(filter(None, [first(work.get("container-title")),
                                                 first(work.get("short-container-title"))]))),
    }
