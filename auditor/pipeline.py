"""``run_audit``: the only orchestrator (read → split → parse → resolve → check)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from auditor import readers
from auditor.checks import CheckContext, resolve_selection, run_checks
from auditor.errors import InputError
from auditor.models import (
    AuditReport,
    Document,
    DocumentReport,
    Finding,
    ParsedReference,
    Reference,
    Resolution,
    SplitResult,
)
from auditor.parse import parse_fields
from auditor.resolvers.factory import BatchResolver, ResolverConfig, build_resolver, describe
from auditor.split import split, split_lines

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class AuditOptions:
    """What a run was asked to do; echoed in the report's ``run.options``."""

    from_kind: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    offline: bool = False
    max_bytes: int = readers.DEFAULT_MAX_BYTES
    extra: dict[str, object] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        return {"from": self.from_kind, "select": list(self.select), "ignore": list(self.ignore),
                "offline": self.offline, **self.extra}


def split_document(doc: Document, from_kind: str | None) -> SplitResult:
    return split_lines(doc.text) if from_kind == "lines" else split(doc.text)


def parse_references(refs: Sequence[Reference], doc_number: int) -> list[ParsedReference]:
    """Parse fields and identifiers of each record; resolution is filled in afterwards."""
    out = []
    for ref in refs:
        fields = parse_fields(ref.text)
        out.append(ParsedReference(ref=ref, id=f"d{doc_number}:r{ref.index}", csl=fields.csl,
                                   identifiers=fields.identifiers, style=fields.style,
                                   resolution=Resolution("unverified", "offline")))
    return out


def audit_document(doc: Document, doc_number: int, options: AuditOptions,
                   resolver: BatchResolver, progress: Progress | None = None) -> DocumentReport:
    result = split_document(doc, options.from_kind)
    parsed = parse_references(result.references, doc_number)
    resolved = resolver(parsed) if parsed else []
    if progress:
        progress(len(parsed), len(parsed))
    ctx = CheckContext(document=doc, split=result, references=tuple(resolved))
    findings = run_checks(ctx, resolve_selection(options.select, options.ignore))
    return DocumentReport(doc.source, doc.reader, result.mode, "ok", None, tuple(resolved),
                          tuple(_sorted(findings)))


def _sorted(findings: list[Finding]) -> list[Finding]:
    """Stable order: by first reference position, then code (document-level findings first)."""
    def key(f: Finding) -> tuple[int, str]:
        first = f.references[0] if f.references else "d0:r0"
        return int(first.split(":r")[1]), f.code
    return sorted(findings, key=key)


def run_audit(sources: Sequence[str], options: AuditOptions,
              resolver_config: ResolverConfig | None = None, stdin_bytes: bytes | None = None,
              progress: Progress | None = None) -> AuditReport:
    """Audit every source; an unreadable one becomes a document with ``status: error``."""
    config = resolver_config or ResolverConfig(offline=options.offline)
    resolver = build_resolver(config)
    reports = []
    for number, source in enumerate(sources, start=1):
        try:
            doc = readers.load(source, options.from_kind, stdin_bytes, options.max_bytes)
        except InputError as exc:
            reports.append(DocumentReport(source, None, None, "error", str(exc), (), ()))
            continue
        reports.append(audit_document(doc, number, options, resolver, progress))
    return AuditReport(tuple(reports), options.to_json(), describe(config))
