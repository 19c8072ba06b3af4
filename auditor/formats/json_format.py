"""The JSON report of CONTRACTS.md: stable order, no timestamps inside ``documents``."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from auditor import __version__
from auditor.models import AuditReport, DocumentReport, Finding, ParsedReference, SplitResult
from auditor.patterns import Aggregate, patterns

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
    totals = Totals()
    totals.count(findings, refs, citations or [])
    return totals.counts()


class Totals:
    """The counts of a summary, added one document (or one set of findings and references)
    at a time: a streamed run keeps these, not its documents."""

    def __init__(self) -> None:
        self.documents = self.with_errors = self.references = self.findings = 0
        self.citations = 0
        self.severities: Counter[str] = Counter()
        self.rules: Counter[str] = Counter()
        self.resolutions: Counter[str] = Counter()
        self.cited: Counter[str] = Counter()

    def count(self, findings: Iterable[Finding], refs: Iterable[ParsedReference],
              citations: Iterable[ParsedReference]) -> None:
        for f in findings:
            self.findings += 1
            self.severities[f.severity.value] += 1
            self.rules[f.rule] += 1
        for r in refs:
            self.references += 1
            self.resolutions[r.resolution.status] += 1
        for c in citations:
            self.citations += 1
            self.cited[c.resolution.status] += 1

    def add(self, doc: DocumentReport) -> None:
        self.documents += 1
        self.with_errors += doc.status == "error"
        self.count(doc.findings, doc.references, doc.citations)

    def counts(self) -> dict[str, Any]:
        """The counts as one document's ``summary`` has them."""
        return {
            "references": self.references,
            "findings": self.findings,
            "by_severity": {s: self.severities.get(s, 0) for s in ("error", "warning", "info")},
            "by_rule": dict(sorted(self.rules.items())),
            "by_resolution": dict(sorted(self.resolutions.items())),
            "citations": self.citations,
            "citations_by_resolution": dict(sorted(self.cited.items())),
        }

    def summary(self) -> dict[str, Any]:
        """The run's ``summary``: the counts, and how many documents and failed ones."""
        return {**self.counts(), "documents": self.documents,
                "documents_with_errors": self.with_errors}


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


def report_json(report: AuditReport) -> dict[str, Any]:
    totals = Totals()
    for doc in report.documents:
        totals.add(doc)
    out = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "refauditor", "version": __version__},
        "run": {"options": report.options, "resolvers": report.resolvers},
        "documents": [document_json(d) for d in report.documents],
        "summary": totals.summary(),
    }
    batch = patterns(report)
    if batch is not None:
        out["batch"] = batch  # several documents: what recurs across them
    return out


def chunks(report: AuditReport) -> Iterator[str]:
    """The JSON report in pieces, each document's part built as it is written: the same
    text as :func:`render`, in bounded memory for a batch."""
    return stream(report.options, report.resolvers, report.documents)


def _nested(value: Any, indent: str) -> str:
    """``value`` as :func:`render` prints it at one level of nesting: its lines after the
    first indented (JSON strings hold no raw line breaks, so lines are safe to indent)."""
    text = json.dumps(value, indent=2, ensure_ascii=False)
    return text.replace("\n", "\n" + indent)


def stream(options: dict[str, Any], resolvers: dict[str, Any],
           documents: Iterable[DocumentReport],
           seen: Callable[[DocumentReport], None] | None = None) -> Iterator[str]:
    """The JSON report of ``documents`` written as they come (an audit still running can
    be the iterable): each document's part is built, written and let go, and only the
    summary's counts and the batch aggregate's keys are kept. The text is the same as
    :func:`render` gives for the same documents. ``seen`` is told of each document."""
    head = json.dumps({"schema_version": SCHEMA_VERSION,
                       "tool": {"name": "refauditor", "version": __version__},
                       "run": {"options": options, "resolvers": resolvers}},
                      indent=2, ensure_ascii=False)
    yield head[: -len("\n}")] + ',\n  "documents": ['
    totals, aggregate = Totals(), Aggregate()
    for doc in documents:
        yield ("\n    " if not totals.documents else ",\n    ") + _nested(document_json(doc),
                                                                         "    ")
        totals.add(doc)
        aggregate.add(doc)
        if seen is not None:
            seen(doc)
    yield "\n  ]" if totals.documents else "]"
    yield ',\n  "summary": ' + _nested(totals.summary(), "  ")
    batch = aggregate.result()
    if batch is not None:
        yield ',\n  "batch": ' + _nested(batch, "  ")
    yield "\n}\n"


def render(report: AuditReport) -> str:
    return json.dumps(report_json(report), indent=2, ensure_ascii=False) + "\n"
