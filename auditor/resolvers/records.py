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
    return page_start(work.get("page") or work.get("article-number"))


def page_start(pages: object) -> str | None:
    """The first page of a page range ("801-811" -> "801"), as the snapshot keys it."""
    if not pages:
        return None
    return re.split(r"[-–]", str(pages))[0].strip() or None


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


NOTICE_KINDS = {
    "retraction": "retracted", "partial_retraction": "retracted", "removal": "withdrawn",
    "withdrawal": "withdrawn", "expression_of_concern": "expression-of-concern",
    "correction": "corrected", "erratum": "corrected", "corrigendum": "corrected",
    "addendum": "corrected",
}
NOTICE_TITLE_WORDS = ("retraction", "retracted", "notice of retraction", "expression of concern",
                      "correction", "erratum", "corrigendum", "withdrawal", "withdrawn")
_NOTICE_TITLE = re.compile(rf"^\s*(?:{'|'.join(NOTICE_TITLE_WORDS)})\b", re.IGNORECASE)
PUBMED_NOTICES = {"retraction-in": "retraction", "erratum-in": "correction",
                  "expression-of-concern-in": "expression_of_concern"}


def notice_date(entry: dict[str, Any]) -> str | None:
    """ISO date (``2010-02-06``) of an ``update-to``/``updated-by`` entry's ``updated``."""
    parts = (entry.get("updated") or {}).get("date-parts") or [[]]
    return "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts[0])) or None


def is_notice(work: Work) -> bool:
    """A record that is itself a notice (its title says so) rather than a research work."""
    return bool(_NOTICE_TITLE.match(first(work.get("title")) or ""))


def notices(work: Work, pointing_here: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """Retractions, corrections, concerns and withdrawals that apply to ``work``.

    Read from the work's ``updated-by`` and from notices whose ``update-to`` names it (the
    ``pointing_here`` list), plus PubMed's publication types and notice links. A record that is
    itself a notice carries ``update-to`` about *another* work; such entries are not applied to
    it (reciprocal links in the registry point both ways).
    """
    doi = str(work.get("DOI") or "").lower()
    found: dict[tuple[str, str], dict[str, Any]] = {}

    def add(kind: str, notice_doi: str | None, date: str | None, source: str,
            label: str | None) -> None:
        verdict = NOTICE_KINDS.get(kind)
        if verdict is None:
            return
        key = (verdict, (notice_doi or "").lower())
        found.setdefault(key, {"kind": verdict, "type": kind, "doi": (notice_doi or "").lower()
                               or None, "date": date, "source": source, "label": label})

    for entry in work.get("updated-by") or []:
        add(entry.get("type", ""), entry.get("DOI"), notice_date(entry), "crossref updated-by",
            entry.get("label"))
    if not is_notice(work):
        for entry in work.get("update-to") or []:
            if str(entry.get("DOI") or "").lower() == doi:  # self-notice (partial retraction)
                add(entry.get("type", ""), entry.get("DOI"), notice_date(entry),
                    "crossref update-to", entry.get("label"))
    for entry in pointing_here or []:
        add(entry.get("type", ""), entry.get("DOI"), entry.get("date"), "crossref update-to",
            entry.get("label"))
    types = [t.lower() for t in work.get("pubmed-types") or []]
    if "retracted publication" in types:
        add("retraction", None, None, "pubmed publication type", "Retracted Publication")
    for relation, kind in PUBMED_NOTICES.items():
        for entry in (work.get("pubmed-notices") or {}).get(relation, []):
            add(kind, entry.get("doi"), None, "pubmed", entry.get("citation"))
    if (first(work.get("title")) or "").upper().startswith("RETRACTED"):
        add("retraction", None, None, "title", "RETRACTED in the title")
    # One verdict per kind: a notice with a DOI wins over the same kind without one.
    out: dict[str, dict[str, Any]] = {}
    for (kind, _), entry in sorted(found.items(), key=lambda kv: (kv[0][0], not kv[0][1])):
        out.setdefault(kind, entry)
    return list(out.values())


def preprint_of(work: Work) -> list[str]:
    """DOIs of the published versions of a preprint (``relation.is-preprint-of``)."""
    rel = (work.get("relation") or {}).get("is-preprint-of") or []
    return [str(r.get("id")).lower() for r in rel
            if r.get("id-type", "doi") == "doi" and r.get("id")]
