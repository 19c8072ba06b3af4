"""Resolution of references: snapshot → response cache → live Crossref / NCBI.

Every path ends in one of the four verdicts. What could not be asked or did not answer is
``unverified`` with its reason; ``not_found`` needs a source that answered (a registry 404, an
authoritative snapshot without the identifier, or a complete reference with no acceptable
candidate in an answered live search).
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from auditor.errors import ResolverError
from auditor.match import FIT_DOUBT, Candidate, best_match, query_words, score_candidate
from auditor.models import (
    CSL,
    Fit,
    IdentifierOutcome,
    Notice,
    ParsedReference,
    Resolution,
    ResolutionEvidence,
    SearchMatch,
    Status,
)
from auditor.parse import completeness
from auditor.resolvers.cache import MISSING, ResponseCache
from auditor.resolvers.crossref import CrossrefClient
from auditor.resolvers.ncbi import NcbiClient
from auditor.resolvers.records import Work, notices, page_start, preprint_of, to_csl
from auditor.resolvers.snapshot import SEARCH_TERMS, Snapshot

SEARCH_CANDIDATES = 5  # the right record is in the top five for 99% of references
QUICK_SEARCH_TERMS = 4
SEARCHABLE_TYPES = {"article-journal", "paper-conference", "chapter", "book", "article",
                    "report", "thesis"}


@dataclass(frozen=True)
class Lookup:
    """Outcome of one identifier lookup."""

    status: str  # found | absent | unverified
    work: Any = None  # a work record; an agency id or a candidate list for those lookups
    source: str | None = None
    reason: str | None = None


@dataclass
class Sources:
    """Which sources were consulted for one reference, and how they answered."""

    state: dict[str, str] = field(default_factory=dict)

    def mark(self, name: str, how: str) -> None:
        order = {"not-asked": 0, "unreachable": 1, "answered": 2}
        if order.get(how, 0) >= order.get(self.state.get(name, "not-asked"), 0):
            self.state[name] = how


def locator(csl: CSL) -> tuple[str, str] | None:
    """(volume, first page) as the snapshot keys them, when the reference prints both."""
    volume = str(csl.get("volume") or "").strip()
    page = page_start(csl.get("page"))
    return (volume, page) if volume and page else None


class ResolutionService:
    def __init__(self, snapshot: Snapshot | None = None, cache: ResponseCache | None = None,
                 crossref: CrossrefClient | None = None, ncbi: NcbiClient | None = None,
                 offline: bool = False) -> None:
        self.snapshot = snapshot
        self.cache = cache
        self.crossref = None if offline else crossref
        self.ncbi = None if offline else ncbi
        self.offline = offline or (crossref is None and ncbi is None)

    # -- identifier lookups --------------------------------------------------------------
    def _missing_reason(self) -> str:
        return "not-in-snapshot" if self.snapshot is not None else "offline"

    async def _cached(self, key: str, fetch: Any, source: str, sources: Sources) -> Lookup:
        """Cache, then the live call; failures become ``unverified`` with the error's reason."""
        if self.cache is not None:
            hit = self.cache.get(key)
            if hit is not MISSING:
                sources.mark(source, "answered")
                return Lookup("found", hit, f"cache:{source}") if hit else Lookup(
                    "absent", None, f"cache:{source}")
        try:
            value = await fetch()
        except ResolverError as exc:
            reason = str(exc) or "server-error"
            sources.mark(source, "unreachable")
            return Lookup("unverified", reason=reason, source=source)
        sources.mark(source, "answered")
        if self.cache is not None:
            self.cache.put(key, value)
        return Lookup("found", value, source) if value else Lookup("absent", None, source)

    async def lookup_doi(self, doi: str, sources: Sources) -> Lookup:
        if self.snapshot is not None:
            work = self.snapshot.work(doi)
            sources.mark("snapshot", "answered")
            if work is not None:
                return Lookup("found", work, "snapshot")
            if self.snapshot.covers("doi", doi):
                return Lookup("absent", None, "snapshot")
        if self.crossref is None:
            return Lookup("unverified", reason=self._missing_reason())
        crossref = self.crossref
        found = await self._cached(f"crossref:work:{doi}", lambda: crossref.work(doi),
                                   "crossref", sources)
        if found.status != "absent":
            return found
        agency = await self._cached(f"crossref:agency:{doi}", lambda: crossref.agency(doi),
                                    "crossref", sources)
        if agency.status == "found" and agency.work not in (None, "crossref"):
            return await self._cached(f"datacite:work:{doi}", lambda: crossref.datacite(doi),
                                      "datacite", sources)
        return found

    async def lookup_pmid(self, pmid: str, sources: Sources) -> Lookup:
        if self.snapshot is not None:
            doi = self.snapshot.doi_for("pmid", pmid)
            sources.mark("snapshot", "answered")
            if doi:
                work = self.snapshot.work(doi) or {"DOI": doi}
                return Lookup("found", {**work, "PMID": pmid}, "snapshot")
            if self.snapshot.covers("pmid", pmid):
                return Lookup("absent", None, "snapshot")
        if self.ncbi is None:
            return Lookup("unverified", reason=self._missing_reason())
        ncbi = self.ncbi

        async def fetch() -> Work | None:
            return (await ncbi.summaries([pmid])).get(pmid)

        return await self._cached(f"pubmed:summary:{pmid}", fetch, "pubmed", sources)

    async def prefetch_pmids(self, pmids: Sequence[str]) -> None:
        """One batched esummary for every PMID not already known (fills the cache)."""
        if self.ncbi is None or self.cache is None:
            return
        todo = sorted({p for p in pmids if self.cache.get(f"pubmed:summary:{p}") is MISSING
                       and not (self.snapshot and self.snapshot.doi_for("pmid", p))})
        if not todo:
            return
        try:
            found = await self.ncbi.summaries(todo)
        except ResolverError:
            return  # each reference will retry (and report) on its own
        for pmid in todo:
            self.cache.put(f"pubmed:summary:{pmid}", found.get(pmid))

    async def notices_pointing_at(self, doi: str, sources: Sources) -> list[dict[str, Any]]:
        """Notices whose ``update-to`` names ``doi``: from the snapshot, then live Crossref."""
        found: list[dict[str, Any]] = []
        if self.snapshot is not None:
            found.extend(self.snapshot.notices_for(doi))
        if self.crossref is not None:
            crossref = self.crossref
            live = await self._cached(f"crossref:updates:{doi}",
                                      lambda: crossref.notices_for(doi), "crossref", sources)
            if live.status == "found":
                found.extend(live.work or [])
        return found

    async def enrich(self, work: Work, raw: str, sources: Sources,
                     fit: Candidate | None = None) -> dict[str, Any]:
        """What the verdict checks need beyond the record: notices, fit to the text (reused
        from the search that found the record, if one did), and preprint relations (as
        fields of :class:`ResolutionEvidence`)."""
        doi = str(work.get("DOI") or "").lower()
        pointing = await self.notices_pointing_at(doi, sources) if doi else []
        fit = fit or score_candidate(raw, work)
        return {"notices": tuple(Notice(**n) for n in notices(work, pointing)),
                "fit": Fit(fit.score, dict(fit.evidence)),
                "preprint_of": tuple(preprint_of(work))}

    async def search(self, raw: str, sources: Sources,
                     fields: CSL | None = None) -> tuple[Candidate | None, Lookup]:
        """Bibliographic search: snapshot first, then Crossref; validated by :mod:`match`.
        A reference is first looked up in the snapshot by exact keys of its parsed
        ``fields`` (volume and first page, then the title's opening words), which stay as
        quick among millions of works; the full-text search runs only when they settle
        nothing."""
        words = query_words(raw)
        if self.snapshot is not None:
            sources.mark("snapshot", "answered")
            for keyed in self._keyed(fields or {}):
                match = best_match(raw, keyed())
                if match is not None:
                    return match, Lookup("found", match.work, "snapshot")
            # Four rare words find and validate most references; ranking is what a search
            # costs, so the wider eight-word search runs only when that found nothing. In the
            # event loop, not a worker thread: threads measured slower (GIL hand-offs).
            for terms in QUICK_SEARCH_TERMS, SEARCH_TERMS:
                match = best_match(raw, self.snapshot.search(
                    words, limit=SEARCH_CANDIDATES, terms=terms))
                if match is not None:
                    return match, Lookup("found", match.work, "snapshot")
        if self.crossref is None:
            return None, Lookup("unverified", reason=self._missing_reason())
        crossref = self.crossref
        result = await self._cached(f"crossref:search:{' '.join(words)[:500]}",
                                    lambda: crossref.search(raw), "crossref", sources)
        if result.status == "unverified":
            return None, result
        match = best_match(raw, list(result.work or []))
        if match is None:
            return None, Lookup("absent", None, "crossref")
        return match, Lookup("found", match.work, "crossref")

    # -- one reference ---------------------------------------------------------------------
    def _keyed(self, fields: CSL) -> list[Callable[[], list[Work]]]:
        """The snapshot's exact-key lookups a reference's fields allow, in order."""
        snapshot = self.snapshot
        assert snapshot is not None
        out: list[Callable[[], list[Work]]] = []
        place = locator(fields)
        if place is not None:
            out.append(lambda: snapshot.by_locator(*place))
        title = str(fields.get("title") or "")
        if title:
            out.append(lambda: snapshot.by_title(title))
        return out

    async def resolve(self, ref: ParsedReference) -> Resolution:
        sources = Sources({"snapshot": "not-asked", "crossref": "not-asked",
                           "pubmed": "not-asked"} if self.snapshot else
                          {"crossref": "not-asked", "pubmed": "not-asked"})
        doi, pmid = ref.valid_id("doi"), ref.valid_id("pmid")
        by_doi = await self.lookup_doi(doi, sources) if doi else None
        by_pmid = await self.lookup_pmid(pmid, sources) if pmid else None
        evidence = ResolutionEvidence(
            doi=_id_status(by_doi) if doi and by_doi else None,
            pmid=_id_status(by_pmid) if pmid and by_pmid else None)
        found = [x for x in (by_doi, by_pmid) if x and x.status == "found"]
        if by_doi and by_pmid and len(found) == 2:
            pmid_doi = str((by_pmid.work or {}).get("DOI") or "").lower()
            if pmid_doi and doi and pmid_doi != doi:
                fits = {"doi": score_candidate(ref.ref.text, by_doi.work or {}).score,
                        "pmid": score_candidate(ref.ref.text, by_pmid.work or {}).score}
                return Resolution(
                    status=Status.CONFLICT, reason="doi-and-pmid-differ", doi=doi, pmid=pmid,
                    source=by_doi.source, record=to_csl(by_doi.work or {}),
                    sources=sources.state, evidence=dataclasses.replace(
                        evidence, pmid_record_doi=pmid_doi,
                        pmid_record=to_csl(by_pmid.work or {}), fit_to_text=fits))
        if found:
            best = found[0]
            work = dict(best.work or {})
            if by_pmid and by_pmid.status == "found":
                work.setdefault("PMID", pmid)
                for key in ("pubmed-types", "pubmed-notices"):
                    if (by_pmid.work or {}).get(key):
                        work.setdefault(key, by_pmid.work[key])
            evidence = dataclasses.replace(evidence,
                                           **await self.enrich(work, ref.ref.text, sources))
            if evidence.fit is not None and evidence.fit.score < FIT_DOUBT:
                # The identifier names a work the text does not describe: look for the one
                # it does, so a wrong-identifier finding can offer the right identifier.
                match, _ = await self.search(ref.ref.text, sources, ref.csl)
                if match is not None and str(match.work.get("DOI", "")).lower() != str(
                        work.get("DOI", "")).lower():
                    evidence = dataclasses.replace(evidence, match=_match(match))
            record_doi = str(work.get("DOI") or doi or "").lower() or None
            return Resolution(status=Status.RESOLVED, doi=record_doi,
                              pmid=work.get("PMID") or pmid, source=best.source, score=1.0,
                              record=to_csl(work), sources=sources.state, evidence=evidence)
        absent = [x for x in (by_doi, by_pmid) if x and x.status == "absent"]
        match, searched = (None, None)
        if ref.csl.get("type") in SEARCHABLE_TYPES and (absent or not (doi or pmid)):
            match, searched = await self.search(ref.ref.text, sources, ref.csl)
            if match is not None:
                evidence = dataclasses.replace(evidence, match=_match(match))
        if absent:
            first = absent[0]
            return Resolution(status=Status.NOT_FOUND,
                              reason=f"{'doi' if first is by_doi else 'pmid'}-not-registered",
                              doi=doi, pmid=pmid, source=first.source, sources=sources.state,
                              evidence=evidence)
        if match is not None and searched is not None:
            work = match.work
            evidence = dataclasses.replace(
                evidence, **await self.enrich(work, ref.ref.text, sources, match))
            return Resolution(status=Status.RESOLVED,
                              doi=str(work.get("DOI", "")).lower() or None,
                              pmid=work.get("PMID"), source=searched.source, score=match.score,
                              record=to_csl(work), sources=sources.state, evidence=evidence)
        if searched is not None and searched.status == "absent" and completeness(
                ref.csl) != "partial":
            return Resolution(status=Status.NOT_FOUND, reason="no-acceptable-candidate",
                              source=searched.source, sources=sources.state, evidence=evidence)
        unverified = [x for x in (by_doi, by_pmid, searched) if x and x.status == "unverified"]
        if unverified:
            reason = unverified[0].reason
        elif searched is not None:
            reason = "incomplete-reference"
        elif self.offline and self.snapshot is None:
            reason = "offline"
        else:
            reason = "not-applicable" if not (doi or pmid) else self._missing_reason()
        return Resolution(status=Status.UNVERIFIED, reason=reason, doi=doi, pmid=pmid,
                          sources=sources.state, evidence=evidence)

    async def resolve_all(self, refs: Sequence[ParsedReference],
                          progress: Callable[[int, int], None] | None = None,
                          ) -> list[ParsedReference]:
        pmids = [p for r in refs if (p := r.valid_id("pmid"))]
        await self.prefetch_pmids(pmids)
        done = 0

        async def one(ref: ParsedReference) -> Resolution:
            nonlocal done
            result = await self.resolve(ref)
            done += 1
            if progress:
                progress(done, len(refs))
            return result

        results = await asyncio.gather(*(one(r) for r in refs))
        return [dataclasses.replace(r, resolution=res)
                for r, res in zip(refs, results, strict=True)]


def _match(match: Candidate) -> SearchMatch:
    return SearchMatch(str(match.work.get("DOI", "")).lower(), match.score,
                       dict(match.evidence), to_csl(match.work))


def _id_status(lookup: Lookup) -> IdentifierOutcome:
    status = {"found": Status.RESOLVED, "absent": Status.NOT_FOUND}.get(lookup.status,
                                                                       Status.UNVERIFIED)
    return IdentifierOutcome(status, lookup.source, lookup.reason)


