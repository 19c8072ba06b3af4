"""Crossref REST API (works, bibliographic search, registration agency) and DataCite fallback.

DOIs are URL-encoded whole (``10.1000/abc#x`` must not lose ``#x``); every answer is converted
to the Crossref work shape of :mod:`auditor.resolvers.records`.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from auditor.resolvers.http import HttpClient
from auditor.resolvers.records import Work, notice_date

CROSSREF = "https://api.crossref.org"
DATACITE = "https://api.datacite.org"
SEARCH_SELECT = ",".join([
    "DOI", "title", "subtitle", "author", "container-title", "short-container-title", "issued",
    "published", "published-print", "published-online", "volume", "issue", "page", "type",
    "article-number", "update-to", "relation", "score",
])


def encode_doi(doi: str) -> str:
    """Percent-encode every reserved character of a DOI for use as one path segment."""
    return quote(doi, safe="")


class CrossrefClient:
    """Thin async client: each method returns parsed data or None (404); failures raise."""

    def __init__(self, http: HttpClient, base: str = CROSSREF, datacite: str = DATACITE) -> None:
        self.http = http
        self.base = base.rstrip("/")
        self.datacite_base = datacite.rstrip("/")

    def _params(self, extra: dict[str, Any] | None = None) -> dict[str, Any]:
        params = dict(extra or {})
        if self.http.settings.mailto:
            params["mailto"] = self.http.settings.mailto
        return params

    def _headers(self) -> dict[str, str] | None:
        token = self.http.settings.crossref_plus_token
        return {"Crossref-Plus-API-Token": f"Bearer {token}"} if token else None

    async def work(self, doi: str) -> Work | None:
        status, body = await self.http.get_json(
            f"{self.base}/works/{encode_doi(doi)}", self._params(), self._headers())
        if status == 404 or not isinstance(body, dict):
            return None
        message = body.get("message")
        return message if isinstance(message, dict) else None

    async def agency(self, doi: str) -> str | None:
        """Registration agency id (``crossref``, ``datacite``...) or None for an unknown DOI."""
        status, body = await self.http.get_json(
            f"{self.base}/works/{encode_doi(doi)}/agency", self._params(), self._headers())
        if status == 404 or not isinstance(body, dict):
            return None
        agency = (body.get("message") or {}).get("agency") or {}
        return str(agency.get("id")) if agency.get("id") else None

    async def search(self, query: str, rows: int = 5) -> list[Work]:
        params = self._params({"query.bibliographic": query[:1000], "rows": rows,
                               "select": SEARCH_SELECT})
        status, body = await self.http.get_json(f"{self.base}/works", params, self._headers())
        if status == 404 or not isinstance(body, dict):
            return []
        items = (body.get("message") or {}).get("items") or []
        return [i for i in items if isinstance(i, dict)]

    async def notices_for(self, doi: str) -> list[dict[str, Any]]:
        """Notices registered as updates to ``doi`` (``filter=updates:{doi}``)."""
        params = self._params({"filter": f"updates:{doi}", "rows": 20,
                               "select": "DOI,type,title,update-to"})
        status, body = await self.http.get_json(f"{self.base}/works", params, self._headers())
        if status == 404 or not isinstance(body, dict):
            return []
        out = []
        for item in (body.get("message") or {}).get("items") or []:
            for entry in item.get("update-to") or []:
                if str(entry.get("DOI") or "").lower() == doi.lower():
                    out.append({"DOI": item.get("DOI"), "type": entry.get("type"),
                                "date": notice_date(entry), "label": entry.get("label")})
        return out

    async def journal_works(self, issn: str, filters: dict[str, str], limit: int,
                            rows: int = 200) -> list[Work]:
        """The works of one journal (``/journals/{issn}/works``) under ``filters``, paged
        with a cursor, at most ``limit``."""
        out: list[Work] = []
        cursor = "*"
        flt = ",".join(f"{k}:{v}" for k, v in filters.items() if v)
        while len(out) < limit:
            params = self._params({"rows": rows, "cursor": cursor,
                                   "select": "DOI,volume,issue,ISSN,page,title"})
            if flt:
                params["filter"] = flt
            status, body = await self.http.get_json(
                f"{self.base}/journals/{issn}/works", params, self._headers())
            if status == 404 or not isinstance(body, dict):
                return out
            message = body.get("message") or {}
            items = [i for i in message.get("items") or [] if isinstance(i, dict)]
            out.extend(items)
            cursor = str(message.get("next-cursor") or "")
            if not items or not cursor:
                break
        return out[:limit]

    async def datacite(self, doi: str) -> Work | None:
        status, body = await self.http.get_json(f"{self.datacite_base}/dois/{encode_doi(doi)}")
        if status == 404 or not isinstance(body, dict):
            return None
        return datacite_to_work(body)


def _datacite_person(creator: dict[str, Any]) -> dict[str, Any]:
    if creator.get("nameType") == "Organizational" or (
            not creator.get("familyName") and "," not in str(creator.get("name", ""))):
        if creator.get("familyName"):
            return {"family": creator["familyName"], "given": creator.get("givenName", "")}
        return {"name": creator.get("name", "")}
    if creator.get("familyName"):
        return {"family": creator["familyName"], "given": creator.get("givenName", "")}
    family, _, given = str(creator.get("name", "")).partition(",")
    return {"family": family.strip(), "given": given.strip()}


def datacite_to_work(body: dict[str, Any]) -> Work | None:
    """A DataCite ``/dois/{doi}`` answer in the Crossref work shape."""
    attrs = (body.get("data") or {}).get("attributes") or {}
    if not attrs.get("doi"):
        return None
    titles = [t.get("title") for t in attrs.get("titles") or [] if not t.get("titleType")]
    titles = titles or [t.get("title") for t in attrs.get("titles") or []]
    container = attrs.get("container") or {}
    general = str((attrs.get("types") or {}).get("resourceTypeGeneral", "")).lower()
    kind = {"journalarticle": "journal-article", "preprint": "posted-content",
            "text": "posted-content", "dataset": "dataset", "book": "book",
            "bookchapter": "book-chapter"}.get(general, "other")
    work: Work = {
        "DOI": attrs["doi"],
        "title": [t for t in titles if t][:1],
        "author": [_datacite_person(c) for c in attrs.get("creators") or []],
        "publisher": attrs.get("publisher"),
        "type": kind,
        "source": "DataCite",
    }
    if attrs.get("publicationYear"):
        work["issued"] = {"date-parts": [[int(attrs["publicationYear"])]]}
    if container.get("title"):
        work["container-title"] = [container["title"]]
    for src, dst in (("volume", "volume"), ("issue", "issue")):
        if container.get(src):
            work[dst] = str(container[src])
    if container.get("firstPage"):
        last = container.get("lastPage")
        work["page"] = f"{container['firstPage']}-{last}" if last else str(container["firstPage"])
    relations: dict[str, list[dict[str, Any]]] = {}
    for rel in attrs.get("relatedIdentifiers") or []:
        if (rel.get("relationType") == "IsPreviousVersionOf"
                and rel.get("relatedIdentifierType") == "DOI"):
            relations.setdefault("is-preprint-of", []).append(
                {"id-type": "doi", "id": rel.get("relatedIdentifier"), "asserted-by": "subject"})
    if relations:
        work["relation"] = relations
    return work
