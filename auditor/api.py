"""The Python interface: audit files or text, parse references, render a report.

    from auditor import audit, audit_text, parse, render

    report = audit("paper.docx", offline=True)
    for doc in report.documents:
        for finding in doc.findings:
            print(finding.code, finding.message)
    html = render(report, "html")

The objects are the ones the command line renders (:class:`auditor.models.AuditReport` and
what it holds), so a script sees exactly what the JSON report says.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from auditor.models import AuditReport, ParsedReference

Report = AuditReport


def audit(*sources: str | os.PathLike[str], offline: bool = False,
          snapshot: str | None = None, cache: str | None = None, mailto: str | None = None,
          from_kind: str | None = None, select: Sequence[str] = (),
          ignore: Sequence[str] = (), max_seconds: float = 300.0) -> Report:
    """Audit files, folders' documents or DOIs, as ``refauditor audit`` does; a source that
    cannot be read is a document with ``status == "error"``, never an exception."""
    from auditor.pipeline import AuditOptions, run_audit
    from auditor.readers import expand_paths
    from auditor.resolvers.factory import ResolverConfig

    paths = expand_paths([os.fspath(s) for s in sources], None)
    options = AuditOptions(from_kind=from_kind, select=tuple(select), ignore=tuple(ignore),
                           offline=offline, max_seconds=max_seconds)
    config = ResolverConfig(offline=offline, snapshot=snapshot, cache=cache, mailto=mailto)
    return run_audit(paths, options, config)


def audit_text(text: str, *, kind: str = "text", source: str = "<text>",
               offline: bool = False, snapshot: str | None = None) -> Report:
    """Audit a document given as a string (``kind``: text, markdown, html, bibtex, ris,
    csl-json, jats or lines)."""
    from auditor.pipeline import AuditOptions, run_audit
    from auditor.resolvers.factory import ResolverConfig

    options = AuditOptions(from_kind=kind, offline=offline)
    config = ResolverConfig(offline=offline, snapshot=snapshot)
    return run_audit(["-"], options, config, stdin_bytes=text.encode("utf-8"))


def parse(text: str, kind: str | None = None) -> list[ParsedReference]:
    """The references found in ``text`` (a whole document or a list), split and parsed into
    CSL fields, without resolving or checking them."""
    from auditor.pipeline import parse_references, split_document
    from auditor.readers import READERS
    from auditor.readers.text import read

    reader = READERS.get(kind or "text", read)
    doc = reader(text, "<text>")
    result = split_document(doc, kind)
    return list(parse_references(result.references, 1, records=doc.records, links=doc.links))


def render(report: Report, fmt: str = "json") -> str | bytes:
    """``report`` in one of the report formats (text, json, markdown, html, csv, xlsx,
    docx); bytes for the binary ones."""
    from auditor.formats import FORMATS

    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    return FORMATS[fmt](report)
