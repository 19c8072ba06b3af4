"""HTML report: one self-contained page (inline CSS and script, no network) an editor can
open, filter, print or mail.

A summary with counts by severity, check and resolution status as small inline SVG charts,
then each document's entries as cards: the entry as printed, its parsed fields beside the
record it resolved to, its resolution with the reason, and its findings with their evidence
(a field-by-field comparison of cited and record values where the check made one) and the
corrected entry. Findings about the whole list come first; inline links last. Filters by
severity, check, resolution status and text; the filter state lives in the address
(``#severity=error&check=RA101``), so a filtered view can be sent as a link.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from auditor import __version__
from auditor.formats.json_format import summarize
from auditor.formats.text import consulted, entry_name
from auditor.models import AuditReport, DocumentReport, Finding, ParsedReference, issued_year
from auditor.patterns import patterns

SEVERITIES = ("error", "warning", "info")
COLOURS = {"error": "#b42318", "warning": "#b54708", "info": "#175cd3", "resolved": "#067647",
           "resolved-by-search": "#079455", "not_found": "#b42318", "retracted": "#912018",
           "unverified": "#98a2b3"}
EVIDENCE_CHARS = 4000  # of one finding's evidence, as shown under "evidence"
_SHOWN_FIELDS = ("author", "issued", "title", "container-title", "volume", "issue", "page",
                 "DOI", "PMID", "publisher", "URL")

_ENV = Environment(loader=PackageLoader("auditor.formats", "templates"),
                   autoescape=select_autoescape(["html", "j2"]), trim_blocks=True,
                   lstrip_blocks=True)


def bars(counts: dict[str, int], order: tuple[str, ...] = ()) -> Markup:
    """A horizontal bar chart as inline SVG: one bar per key, its count at the end."""
    keys = [k for k in order if counts.get(k)] + sorted(k for k in counts if k not in order)
    keys = [k for k in keys if counts.get(k)]
    if not keys:
        return Markup('<div class="muted">none</div>')
    most = max(counts[k] for k in keys)
    row, label_width, width = 20, 130, 320
    parts = [f'<svg class="bars" viewBox="0 0 {width} {row * len(keys)}" role="img" '
             f'aria-label="{escape(", ".join(f"{k} {counts[k]}" for k in keys))}">']
    for n, key in enumerate(keys):
        length = max(2.0, (width - label_width - 40) * counts[key] / most)
        y = n * row
        colour = COLOURS.get(key, "#475467")
        parts.append(f'<text x="0" y="{y + 14}">{escape(key[:20])}</text>'
                     f'<rect x="{label_width}" y="{y + 4}" width="{length:.1f}" height="12" '
                     f'rx="2" fill="{colour}"></rect>'
                     f'<text x="{label_width + length + 4:.1f}" y="{y + 14}">{counts[key]}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _value(csl: dict[str, Any], name: str) -> str:
    value = csl.get(name)
    if name == "issued":
        return str(issued_year(csl) or "")
    if name == "author" and isinstance(value, list):
        names = [str(a.get("family") or a.get("literal") or "") for a in value
                 if isinstance(a, dict)]
        return ", ".join(n for n in names[:6] if n) + (" …" if len(names) > 6 else "")
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return "" if value is None else str(value)


def _fields(ref: ParsedReference) -> list[tuple[str, str, str]]:
    record = ref.resolution.record or {}
    out = []
    for name in _SHOWN_FIELDS:
        cited, found = _value(ref.csl, name), _value(record, name)
        if cited or found:
            out.append(("year" if name == "issued" else name, cited, found))
    return out


def _comparison(f: Finding) -> list[dict[str, Any]]:
    """The field-by-field rows of a finding that compared cited and record values."""
    for value in f.evidence.values():
        if isinstance(value, list) and value and all(
                isinstance(v, dict) and "cited" in v and "record" in v for v in value):
            return [{"field": v.get("field", ""), "cited": _flat(v["cited"]),
                     "record": _flat(v["record"]), "verdict": v.get("verdict", "")}
                    for v in value]
    return []


def _flat(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def _finding(f: Finding) -> dict[str, Any]:
    evidence = json.dumps(f.evidence, indent=1, ensure_ascii=False, default=str)
    if len(evidence) > EVIDENCE_CHARS:
        evidence = evidence[:EVIDENCE_CHARS] + "\n…"
    return {"code": f.code, "rule": f.rule, "severity": f.severity.value, "message": f.message,
            "fix": f.fix, "comparison": _comparison(f), "evidence": evidence}


def _card(title: str, anchor: str, findings: list[Finding], ref: ParsedReference | None,
          where: str = "") -> dict[str, Any]:
    severities = sorted({f.severity.value for f in findings}, key=SEVERITIES.index)
    r = ref.resolution if ref is not None else None
    return {
        "title": title, "anchor": anchor, "where": where,
        "raw": ref.ref.raw if ref is not None else "",
        "status": r.status if r is not None else "",
        "reason": (r.reason or "") if r is not None else "",
        "source": (r.source or "") if r is not None else "",
        "fields": _fields(ref) if ref is not None else [],
        "findings": [_finding(f) for f in findings],
        "severities": severities, "worst": severities[0] if severities else "none",
        "checks": sorted({f.code for f in findings}),
    }


def _document(doc: DocumentReport, number: int) -> dict[str, Any]:
    by_ref: dict[str, list[Finding]] = {}
    whole: list[Finding] = []
    for f in doc.findings:
        if f.references:
            for ref_id in f.references:
                by_ref.setdefault(ref_id, []).append(f)
        else:
            whole.append(f)
    list_cards = [_card("The list as a whole", f"d{number}-list", whole, None)] if whole else []
    cards = [_card(entry_name(r), f"d{number}-{r.id}", by_ref.get(r.id, []), r)
             for r in doc.references]
    links = [_card(f"Link {c.ref.index}", f"d{number}-{c.id}", by_ref.get(c.id, []), c,
                   f"line {c.ref.start_line}") for c in doc.citations]
    return {"source": doc.source, "status": doc.status, "error": doc.error,
            "split_mode": doc.split_mode,
            "summary": summarize(list(doc.findings), list(doc.references), list(doc.citations)),
            "list_cards": list_cards, "cards": cards, "link_cards": links}


def render(report: AuditReport) -> str:
    findings = [f for d in report.documents for f in d.findings]
    summary = summarize(findings, [r for d in report.documents for r in d.references],
                        [c for d in report.documents for c in d.citations])
    statuses = Counter(str(r.resolution.status) for d in report.documents
                       for r in (*d.references, *d.citations))
    checks = sorted({(f.code, f.rule) for f in findings})
    first = consulted(report)
    nothing = first[0].split(":", 1)[1].strip() if first[0].startswith("nothing") else ""
    template = _ENV.get_template("report.html.j2")
    return template.render(
        batch=patterns(report),
        version=__version__, summary=summary, resolvers=report.resolvers,
        nothing_verified=nothing, checks=checks, statuses=sorted(statuses),
        charts={"severity": bars(summary["by_severity"], SEVERITIES),
                "resolution": bars(dict(statuses)),
                "rule": bars(dict(Counter(f.code for f in findings)))},
        documents=[_document(d, n) for n, d in enumerate(report.documents, start=1)],
    )
