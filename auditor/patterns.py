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


def patterns(report: AuditReport) -> dict[str, Any] | None:
    """The cross-document aggregate of a run of several documents (None for one)."""
    docs = report.documents
    if len(docs) < MIN_DOCUMENTS:
        return None
    cited: dict[str, set[str]] = {}
    shown: dict[str, str] = {}
    traces: dict[tuple[str, str], set[str]] = {}
    checks: Counter[str] = Counter()
    checks_docs: dict[str, set[str]] = {}
    for doc in docs:
        by_id = {r.id: r for r in doc.references}
        for ref in doc.references:
            key = work_key(ref)
            if key:
                cited.setdefault(key, set()).add(doc.source)
                shown.setdefault(key, ref.ref.text[:200])
        for f in doc.findings:
            checks[f.code] += 1
            checks_docs.setdefault(f.code, set()).add(doc.source)
            if f.code not in TRACE_CHECKS:
                continue
            for ref_id in f.references:
                named = by_id.get(ref_id)
                key = work_key(named) if named is not None else None
                if named is not None and key:
                    traces.setdefault((f.code, key), set()).add(doc.source)
                    shown.setdefault(key, named.ref.text[:200])
    shared = sorted(((k, v) for k, v in cited.items() if len(v) >= MIN_DOCUMENTS),
                    key=lambda kv: (-len(kv[1]), kv[0]))[:TOP]
    recurring = sorted(((k, v) for k, v in traces.items() if len(v) >= MIN_DOCUMENTS),
                       key=lambda kv: (-len(kv[1]), kv[0]))[:TOP]
    return {
        "documents": [_document_counts(d) for d in docs],
        "unreadable_or_without_list": [
            {"source": d.source, "why": d.error or "no reference list"} for d in docs
            if d.status == "error" or not d.references],
        "top_checks": [{"code": code, "findings": n, "documents": len(checks_docs[code])}
                       for code, n in checks.most_common(TOP)],
        "works_cited_by_several": [{"work": k, "example": shown[k], "documents": sorted(v)}
                                   for k, v in shared],
        "recurring_problems": [{"check": code, "rule": TRACE_CHECKS[code], "work": k,
                                "example": shown[k], "documents": sorted(v)}
                               for (code, k), v in recurring],
    }
