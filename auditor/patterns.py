"""What a batch shows that no single document does.

An integrity team auditing an issue or a back catalogue looks for the same trace in several
manuscripts: a reference that does not exist, a retracted work, a DOI pointing at another
work, cited by more than one article, is how a paper mill's template shows. The aggregate of
a run of several documents therefore gives, besides the counts per article and the most
frequent problems, the works cited by several articles and the problem references that recur,
each with the articles that carry it.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from auditor.models import AuditReport, DocumentReport, ParsedReference, first_author, issued_year

# The checks whose references are the trace worth following across manuscripts.
TRACE_CHECKS = {"RA402": "wrong-identifier", "RA404": "not-found", "RA405": "retracted",
                "RA408": "withdrawn"}
MIN_DOCUMENTS = 2  # a work or problem named by at least this many documents is reported
TOP = 20  # entries kept in each list of the aggregate
_WORDS = re.compile(r"[^\W\d_]+")


def work_key(ref: ParsedReference) -> str | None:
    """What makes two documents' references one work: the DOI they resolve to or cite, else
    first author, year and the title's first words."""
    doi = ref.resolution.doi or next((i.value for i in ref.identifiers
                                      if i.type == "doi" and i.valid), None)
    if doi:
        return f"doi:{doi.lower()}"
    family = first_author(ref.csl).lower()
    title = _WORDS.findall(str(ref.csl.get("title") or "").lower())[:6]
    year = issued_year(ref.csl)
    if not (family and year and len(title) >= 3):
        return None
    return f"{family}:{year}:{' '.join(title)}"


def _document_counts(doc: DocumentReport) -> dict[str, Any]:
    severities = Counter(f.severity.value for f in doc.findings)
    return {"source": doc.source, "status": doc.status, "references": len(doc.references),
            "error": severities.get("error", 0), "warning": severities.get("warning", 0),
            "info": severities.get("info", 0)}


class Aggregate:
    """The cross-document aggregate, built one document at a time: what it keeps of a
    document is its counts and the keys of its works, never the document, so a batch of
    any size is aggregated in the memory its distinct works take."""

    def __init__(self) -> None:
        self.documents: list[dict[str, Any]] = []
        self.without_list: list[dict[str, Any]] = []
        self.cited: dict[str, set[str]] = {}
        self.shown: dict[str, str] = {}
        self.traces: dict[tuple[str, str], set[str]] = {}
        self.checks: Counter[str] = Counter()
        self.checks_docs: dict[str, set[str]] = {}

    def add(self, doc: DocumentReport) -> None:
        self.documents.append(_document_counts(doc))
        if doc.status == "error" or not doc.references:
            self.without_list.append({"source": doc.source,
                                      "why": doc.error or "no reference list"})
        by_id = {r.id: r for r in doc.references}
        for ref in doc.references:
            key = work_key(ref)
            if key:
                self.cited.setdefault(key, set()).add(doc.source)
                self.shown.setdefault(key, ref.ref.text[:200])
        for f in doc.findings:
            self.checks[f.code] += 1
            self.checks_docs.setdefault(f.code, set()).add(doc.source)
            if f.code not in TRACE_CHECKS:
                continue
            for ref_id in f.references:
                named = by_id.get(ref_id)
                key = work_key(named) if named is not None else None
                if named is not None and key:
                    self.traces.setdefault((f.code, key), set()).add(doc.source)
                    self.shown.setdefault(key, named.ref.text[:200])

    def result(self) -> dict[str, Any] | None:
        """The aggregate (None for a run of fewer than two documents)."""
        if len(self.documents) < MIN_DOCUMENTS:
            return None
        shared = sorted(((k, v) for k, v in self.cited.items() if len(v) >= MIN_DOCUMENTS),
                        key=lambda kv: (-len(kv[1]), kv[0]))[:TOP]
        recurring = sorted(((k, v) for k, v in self.traces.items()
                            if len(v) >= MIN_DOCUMENTS),
                           key=lambda kv: (-len(kv[1]), kv[0]))[:TOP]
        shown = self.shown
        return {
            "documents": self.documents,
            "unreadable_or_without_list": self.without_list,
            "top_checks": [{"code": code, "findings": n,
                            "documents": len(self.checks_docs[code])}
                           for code, n in self.checks.most_common(TOP)],
            "works_cited_by_several": [{"work": k, "example": shown[k],
                                        "documents": sorted(v)} for k, v in shared],
            "recurring_problems": [{"check": code, "rule": TRACE_CHECKS[code], "work": k,
                                    "example": shown[k], "documents": sorted(v)}
                                   for (code, k), v in recurring],
        }


def patterns(report: AuditReport) -> dict[str, Any] | None:
    """The cross-document aggregate of a run of several documents (None for one)."""
    aggregate = Aggregate()
    for doc in report.documents:
        aggregate.add(doc)
    return aggregate.result()
