"""NCBI E-utilities: ``esummary`` (batched PMID → summary), ``esearch`` (DOI → PMID), and
``efetch`` MEDLINE records (publication types and notices: retraction, erratum, concern).

Answers are converted to the Crossref work shape, with ``PMID``, ``PMCID`` and the PubMed
publication types kept (``pubmed-types``) so retraction checks can read them.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from auditor import identifiers
from auditor.parse.names import family_first
from auditor.parse.normalize import year_of as year_in
from auditor.resolvers.http import HttpClient
from auditor.resolvers.records import Work

EUTILS = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils"
BATCH = 200
NOTICE_FIELDS = {
    "RIN": "retraction-in", "ROF": "retraction-of", "EIN": "erratum-in", "EFR": "erratum-for",
    "ECI": "expression-of-concern-in", "ECF": "expression-of-concern-for",
    "CIN": "comment-in", "CON": "comment-on", "UIN": "update-in", "UOF": "update-of",
    "RPI": "republished-in", "RPF": "republished-from",
}


def _item(doc: ET.Element, name: str) -> str:
    node = doc.find(f"Item[@Name='{name}']")
    return (node.text or "").strip() if node is not None else ""


def _list(doc: ET.Element, name: str) -> list[str]:
    node = doc.find(f"Item[@Name='{name}']")
    return [(c.text or "").strip() for c in node] if node is not None else []


def _vancouver_author(name: str) -> dict[str, Any]:
    """PubMed's ``Hambrick GW Jr`` form; collective names stay whole."""
    parsed = family_first(name)
    return parsed if parsed.get("given") else {"name": name}


def parse_esummary(xml_text: str) -> dict[str, Work]:
    """``eSummaryResult`` v1 XML → PMID → work. Unknown PMIDs come back as ``<ERROR>`` and are
    simply absent from the result."""
    root = ET.fromstring(xml_text)
    out: dict[str, Work] = {}
    for doc in root.iter("DocSum"):
        pmid = (doc.findtext("Id") or "").strip()
        if not pmid:
            continue
        ids = {}
        node = doc.find("Item[@Name='ArticleIds']")
        for child in node if node is not None else []:
            ids[child.get("Name", "")] = (child.text or "").strip()
        year = year_in(_item(doc, "PubDate")) or year_in(_item(doc, "EPubDate"))
        work: Work = {
            "DOI": ids.get("doi", "").lower() or None,
            "PMID": pmid,
            "title": [_item(doc, "Title").rstrip(".")],
            "container-title": [_item(doc, "FullJournalName") or _item(doc, "Source")],
            "short-container-title": [_item(doc, "Source")],
            "author": [_vancouver_author(a) for a in _list(doc, "AuthorList")],
            "volume": _item(doc, "Volume") or None,
            "issue": _item(doc, "Issue") or None,
            "page": _item(doc, "Pages") or None,
            "type": "journal-article",
            "pubmed-types": _list(doc, "PubTypeList"),
            "source": "PubMed",
        }
        pmc = ids.get("pmc") or ids.get("pmcid")
        if pmc:
            work["PMCID"] = pmc if pmc.upper().startswith("PMC") else f"PMC{pmc}"
        if year:
            work["issued"] = {"date-parts": [[year]]}
        out[pmid] = {k: v for k, v in work.items() if v not in (None, "", [])}
    return out


def parse_esearch(xml_text: str) -> list[str]:
    root = ET.fromstring(xml_text)
    return [(i.text or "").strip() for i in root.iter("Id") if (i.text or "").strip()]


def parse_medline(text: str) -> Work:
    """One MEDLINE-format record (efetch ``rettype=medline``) → work with notices."""
    fields: list[tuple[str, str]] = []
    for line in text.splitlines():
        m = re.match(r"^([A-Z]{2,4})\s*- (.*)$", line)
        if m:
            fields.append((m.group(1), m.group(2).strip()))
        elif line.startswith("      ") and fields:
            key, value = fields[-1]
            fields[-1] = (key, f"{value} {line.strip()}")

    def values(key: str) -> list[str]:
        return [v for k, v in fields if k == key]

    def one(key: str) -> str | None:
        found = values(key)
        return found[0] if found else None

    doi = next((v.split()[0].lower() for v in values("AID") + values("LID")
                if v.endswith("[doi]")), None)
    work: Work = {
        "PMID": one("PMID"), "DOI": doi, "title": [(one("TI") or "").rstrip(".")],
        "container-title": [one("JT") or one("TA") or ""], "short-container-title": [one("TA")],
        "author": [_vancouver_author(a) for a in values("AU")], "volume": one("VI"),
        "issue": one("IP"), "page": one("PG"), "type": "journal-article",
        "pubmed-types": values("PT"), "source": "PubMed",
    }
    year = year_in(one("DP") or "")
    if year:
        work["issued"] = {"date-parts": [[year]]}
    pmc = one("PMC")
    if pmc:
        work["PMCID"] = pmc
    notices: dict[str, list[dict[str, Any]]] = {}
    for key, relation in NOTICE_FIELDS.items():
        for value in values(key):
            pmid = re.search(r"PMID:\s*(\d+)", value)
            notices.setdefault(relation, []).append({
                "citation": value, "pmid": pmid.group(1) if pmid else None,
                "doi": identifiers.normalize_doi(value),
            })
    if notices:
        work["pubmed-notices"] = notices
    return {k: v for k, v in work.items() if v not in (None, "", [], [""])}


class NcbiClient:
    """E-utilities with NCBI's pacing (3 req/s, 10 with an API key) set on the HTTP client."""

    def __init__(self, http: HttpClient, base: str = EUTILS, api_key: str | None = None,
                 tool: str = "refauditor") -> None:
        self.http = http
        self.base = base.rstrip("/")
        self.api_key = api_key
        self.tool = tool

    def _params(self, extra: dict[str, Any]) -> dict[str, Any]:
        params = {"tool": self.tool, **extra}
        if self.http.settings.mailto:
            params["email"] = self.http.settings.mailto
        if self.api_key:
            params["api_key"] = self.api_key
        return params

    async def summaries(self, pmids: list[str]) -> dict[str, Work]:
        out: dict[str, Work] = {}
        for start in range(0, len(pmids), BATCH):
            chunk = pmids[start : start + BATCH]
            _, text = await self.http.get_text(
                f"{self.base}/esummary.fcgi", self._params({"db": "pubmed", "id": ",".join(chunk)}))
            out.update(parse_esummary(text))
        return out

    async def pmid_for_doi(self, doi: str) -> str | None:
        _, text = await self.http.get_text(
            f"{self.base}/esearch.fcgi", self._params({"db": "pubmed", "term": f"{doi}[doi]"}))
        ids = parse_esearch(text)
        return ids[0] if len(ids) == 1 else None

    async def medline(self, pmid: str) -> Work | None:
        status, text = await self.http.get_text(
            f"{self.base}/efetch.fcgi",
            self._params({"db": "pubmed", "id": pmid, "rettype": "medline", "retmode": "text"}))
        if status == 404 or "PMID-" not in text:
            return None
        return parse_medline(text)


def ncbi_rate(api_key: str | None) -> float:
    """NCBI's documented request rate per second."""
    return 10.0 if api_key else 3.0
