"""Terminal report: what was consulted, a summary, every inline link, one line per finding.

On a terminal it is coloured and fits the terminal's width (rich); in a pipe or a file it is
plain text with no line wrapped, so each finding is one line that ``grep`` finds whole. An
entry is named as the list prints it (label or position), with its first author, year and line.
"""

from __future__ import annotations

from collections import Counter
from io import StringIO

from rich.console import Console
from rich.markup import escape

from auditor.formats.json_format import summarize
from auditor.models import (
    AuditReport,
    DocumentReport,
    Finding,
    ParsedReference,
    first_author,
    issued_year,
)
from auditor.output import printable

_COLOURS = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def entry_name(ref: ParsedReference) -> str:
    """"#6 Sial 2020, line 38": the label (or position), first author, year and line."""
    who = first_author(ref.csl)
    year = issued_year(ref.csl)
    label = ref.ref.shown_label or str(ref.ref.index)
    bits = " ".join(str(x) for x in (who, year) if x)
    return f"#{label}{' ' + bits if bits else ''}, line {ref.ref.start_line}"


def consulted(report: AuditReport) -> list[str]:
    """What the run consulted and how it answered; first, when nothing could be verified."""
    refs = [r for d in report.documents for r in (*d.references, *d.citations)]
    states: dict[str, Counter[str]] = {}
    for ref in refs:
        for source, state in ref.resolution.sources.items():
            states.setdefault(source, Counter())[state] += 1
    lines = []
    if refs and all(r.resolution.status == "unverified" for r in refs):
        reasons = Counter(r.resolution.reason or "unknown" for r in refs)
        lines.append("nothing was verified: " + ", ".join(
            f"{reason} ({n})" for reason, n in reasons.most_common()))
    parts = []
    for source, setting in report.resolvers.items():
        seen = states.get(source, Counter())
        answer = ", ".join(f"{s} {n}" for s, n in seen.most_common() if s != "not-asked")
        parts.append(f"{source}: {setting}" + (f" ({answer})" if answer else ""))
    lines.append("consulted: " + "; ".join(parts))
    return lines


def _finding_line(f: Finding, names: dict[str, str]) -> tuple[str, str]:
    """The finding after its severity ("RA101 duplicate-reference #6 ...: message") and its
    fix ("" when it has none)."""
    entries = "; ".join(names.get(r, r) for r in f.references)
    where = f" {entries}" if entries else ""
    return f"{f.code} {f.rule}{where}: {printable(f.message)}", printable(f.fix) if f.fix else ""


def _names(doc: DocumentReport) -> dict[str, str]:
    names = {r.id: entry_name(r) for r in doc.references}
    names.update({c.id: f"link {c.ref.index}, line {c.ref.start_line}" for c in doc.citations})
    return names


def _summary(doc: DocumentReport) -> str:
    s = summarize(list(doc.findings), list(doc.references), list(doc.citations))
    sev = s["by_severity"]
    resolved = ", ".join(f"{k} {v}" for k, v in s["by_resolution"].items()) or "none"
    return (f"{s['references']} references ({doc.split_mode}) · {sev['error']} error · "
            f"{sev['warning']} warning · {sev['info']} info · resolution: {resolved}"
            + (f" · {s['citations']} inline links" if s["citations"] else ""))


def _references(doc: DocumentReport) -> str:
    """Every reference with its resolution, its source and the reason (--show-references)."""
    out = []
    for ref in doc.references:
        r = ref.resolution
        found = f" doi {r.doi}" if r.doi else ""
        via = f" via {r.source}" if r.source else ""
        why = f" ({r.reason})" if r.reason else ""
        out.append(f"{entry_name(ref)}: {r.status}{why}{via}{found}\n")
    return printable("".join(out))


def _links(doc: DocumentReport) -> str:
    out = []
    for cite in doc.citations:
        r = cite.resolution
        why = f" ({r.reason})" if r.reason else ""
        out.append(f"link {cite.ref.index}, line {cite.ref.start_line}: doi "
                   f"{printable(str(r.doi or cite.csl.get('DOI') or ''))} {r.status}{why}\n")
    return "".join(out)


def batch_lines(report: AuditReport) -> list[str]:
    """What recurs across the documents of a batch, a few lines."""
    from auditor.patterns import patterns

    batch = patterns(report)
    if batch is None:
        return []
    out = [f"== batch of {len(report.documents)} documents =="]
    for doc in batch["unreadable_or_without_list"]:
        out.append(f"no list   {doc['source']}: {doc['why']}")
    top = ", ".join(f"{c['code']} {c['findings']} in {c['documents']} docs"
                    for c in batch["top_checks"][:8])
    if top:
        out.append(f"most frequent: {top}")
    for item in batch["recurring_problems"]:
        out.append(f"recurring {item['check']} {item['rule']} in {len(item['documents'])} "
                   f"documents: {item['example'][:100]} ({', '.join(item['documents'][:5])})")
    for item in batch["works_cited_by_several"][:10]:
        out.append(f"cited by {len(item['documents'])} documents: {item['example'][:100]}")
    return [printable(line) for line in out]


def _plain(report: AuditReport) -> str:
    out = [line + "\n" for line in consulted(report)]
    for doc in report.documents:
        out.append(f"== {printable(doc.source)} ==\n")
        if doc.status == "error":
            out.append(f"error: {printable(doc.error or '')}\n")
            continue
        out.append(_summary(doc) + "\n")
        if report.options.get("show_references"):
            out.append(_references(doc))
        out.append(_links(doc))
        names = _names(doc)
        for f in doc.findings:
            line, fix = _finding_line(f, names)
            out.append(f"{f.severity.value:<7} {line}\n")
            if fix:
                out.append(f"         fix: {fix}\n")
    out.extend(line + "\n" for line in batch_lines(report))
    return "".join(out)


# Lines fitted to the terminal one by one up to this many; a longer listing is written at
# once (20,000 links must not take seconds), unwrapped.
FITTED_LINES = 2_000


def _fitted(console: Console, text: str) -> None:
    lines = text.splitlines()
    if len(lines) > FITTED_LINES:
        console.file.write(text)
        return
    for line in lines:
        console.print(escape(line), overflow="fold")


def _rich(report: AuditReport, width: int) -> str:
    buffer = StringIO()
    console = Console(file=buffer, force_terminal=True, width=width, highlight=False)
    for line in consulted(report):
        console.print(escape(line), style="bold" if line.startswith("nothing") else "dim")
    for doc in report.documents:
        console.rule(f"[bold]{escape(printable(doc.source))}")
        if doc.status == "error":
            console.print(f"[bold red]error[/]: {escape(printable(doc.error or ''))}")
            continue
        console.print(escape(_summary(doc)))
        if report.options.get("show_references"):
            _fitted(console, _references(doc))
        _fitted(console, _links(doc))
        names = _names(doc)
        for f in doc.findings:
            line, fix = _finding_line(f, names)
            colour = _COLOURS[f.severity.value]
            console.print(f"[{colour}]{f.severity.value:<7}[/] {escape(line)}")
            if fix:
                console.print(f"         [green]fix:[/] {escape(fix)}")
    for line in batch_lines(report):
        console.print(escape(line), style="bold" if line.startswith("==") else None)
    return buffer.getvalue()


def render(report: AuditReport, *, color: bool = False, width: int | None = None) -> str:
    """Plain, unwrapped text; coloured and fitted to ``width`` when ``color`` (a terminal)."""
    return _rich(report, width or 100) if color else _plain(report)
