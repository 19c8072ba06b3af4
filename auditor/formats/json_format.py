"""The JSON report of CONTRACTS.md: stable order, no timestamps inside ``documents``."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from typing import Any

from auditor import __version__
from auditor.models import AuditReport, DocumentReport, Finding, ParsedReference, SplitResult
from auditor.patterns import patterns

SCHEMA_VERSION = "1.0"


def reference_json(ref: ParsedReference) -> dict[str, Any]:
    csl = {k: v for k, v in ref.csl.items() if not k.startswith("_")}
    csl["id"] = ref.id
    if ref.csl.get("_et_al"):
        csl["note"] = "et al."
    return {
        "id": ref.id,
        "index": ref.ref.index,
        "label": ref.ref.shown_label,
        "part": ref.ref.part,
        "raw": ref.ref.raw,
        "span": {"start_line": ref.ref.start_line, "end_line": ref.ref.end_line},
        "context": list(ref.context),
        "style": ref.style,
        "csl": csl,
        "identifiers": [i.to_json() for i in ref.identifiers],
        "resolution": ref.resolution.to_json(),
    }


def summarize(findings: list[Finding], refs: list[ParsedReference],
              citations: list[ParsedReference] | None = None) -> dict[str, Any]:
    """Counts of one document or a run. Inline links are counted apart from list entries:
    ``by_resolution`` keeps meaning the list."""
    severities = Counter(f.severity.value for f in findings)
    cites = citations or []
    return {
        "references": len(refs),
        "findings": len(findings),
        "by_severity": {s: severities.get(s, 0) for s in ("error", "warning", "info")},
        "by_rule": dict(sorted(Counter(f.rule for f in findings).items())),
        "by_resolution": dict(sorted(Counter(r.resolution.status for r in refs).items())),
        "citations": len(cites),
        "citations_by_resolution": dict(sorted(Counter(c.resolution.status
                                                       for c in cites).items())),
    }


def split_json(split: SplitResult | None) -> dict[str, Any] | None:
    """Where the lists were, what was left out of the records, and how sure the finder was."""
    if split is None:
        return None
    return {
        "zones": [{"start_line": z.start_line, "end_line": z.end_line, "heading": z.heading,
                   "records": z.records} for z in split.zones],
        "dropped": [{"start_line": d.start_line, "end_line": d.end_line, "kind": d.kind,
                     "excerpt": d.excerpt} for d in split.dropped],
        "confidence": round(split.confidence, 3),
    }


def document_json(doc: DocumentReport) -> dict[str, Any]:
    refs = list(doc.references)
    findings = list(doc.findings)
    return {
        "source": doc.source,
        "reader": doc.reader,
        "split_mode": doc.split_mode,
        "split": split_json(doc.split),
        "status": doc.status,
        "error": doc.error,
        "references": [reference_json(r) for r in refs],
        "findings": [f.to_json() for f in findings],
        "citations": [reference_json(c) for c in doc.citations],
        "in_text_citations": [c.to_json() for c in doc.in_text],
        "summary": summarize(findings, refs, list(doc.citations)),
    }


class _Lazy(list):  # type: ignore[type-arg]
    """A list the encoder walks one item at a time, each built as it is reached: a batch's
    documents are never all in memory as JSON at once."""

    def __init__(self, size: int, build: Any) -> None:
        super().__init__()
        self.size, self.build = size, build

    def __iter__(self) -> Any:
        return (self.build(i) for i in range(self.size))

    def __len__(self) -> int:
        return self.size

    def __bool__(self) -> bool:
        return self.size > 0


def report_json(report: AuditReport, lazy: bool = False) -> dict[str, Any]:
    all_findings = [f for d in report.documents for f in d.findings]
    all_refs = [r for d in report.documents for r in d.references]
    all_cites = [c for d in report.documents for c in d.citations]
    summary = summarize(all_findings, all_refs, all_cites)
    summary["documents"] = len(report.documents)
    summary["documents_with_errors"] = sum(1 for d in report.documents if d.status == "error")
    out = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "refauditor", "version": __version__},
        "run": {"options": report.options, "resolvers": report.resolvers},
        "documents": (_Lazy(len(report.documents), lambda i: document_json(report.documents[i]))
                      if lazy else [document_json(d) for d in report.documents]),
        "summary": summary,
    }
    batch = patterns(report)
    if batch is not None:
        out["batch"] = batch  # several documents: what recurs across them
    return out


def chunks(report: AuditReport) -> Iterator[str]:
    """The JSON report in pieces, each document's part built as it is written: the same
    text as :func:`render`, in bounded memory for a batch."""
    encoder = json.JSONEncoder(indent=2, ensure_ascii=False)
    yield from encoder.iterencode(report_json(report, lazy=True))
    yield "\n"


def render(report: AuditReport) -> str:
    return json.dumps(report_json(report), indent=2, ensure_ascii=False) + "\n"
