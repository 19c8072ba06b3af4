"""Terminal report rendered with rich: a summary line and one block per finding."""

from __future__ import annotations

from io import StringIO

from rich.console import Console
from rich.markup import escape

from auditor.formats.json_format import summarize
from auditor.models import AuditReport, DocumentReport
from auditor.output import printable

_COLOURS = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _document(console: Console, doc: DocumentReport) -> None:
    console.rule(f"[bold]{escape(printable(doc.source))}")
    if doc.status == "error":
        console.print(f"[bold red]error[/]: {escape(printable(doc.error or ''))}")
        return
    s = summarize(list(doc.findings), list(doc.references), list(doc.citations))
    sev = s["by_severity"]
    resolved = ", ".join(f"{k} {v}" for k, v in s["by_resolution"].items()) or "none"
    console.print(f"{s['references']} references ({doc.split_mode}) · "
                  f"[bold red]{sev['error']} error[/] · [yellow]{sev['warning']} warning[/] · "
                  f"[cyan]{sev['info']} info[/] · resolution: {resolved}"
                  + (f" · {s['citations']} inline links" if s["citations"] else ""))
    # Plain lines, written at once: a page with 20,000 links must not take seconds to print.
    links = []
    for cite in doc.citations:
        r = cite.resolution
        why = f" ({r.reason})" if r.reason else ""
        links.append(f"link {cite.ref.index}, line {cite.ref.start_line}: doi "
                     f"{printable(str(r.doi or cite.csl.get('DOI') or ''))} {r.status}{why}\n")
    console.file.write("".join(links))
    index: dict[str, object] = {r.id: r.ref.index for r in doc.references}
    index.update({c.id: f"link {c.ref.index}" for c in doc.citations})
    for f in doc.findings:
        entries = ", ".join(f"#{index[r]}" for r in f.references)
        where = f" [dim]{entries}[/]" if entries else ""
        colour = _COLOURS[f.severity.value]
        console.print(f"[{colour}]{f.severity.value:<7}[/] [bold]{f.code}[/] {f.rule}{where}: "
                      f"{escape(printable(f.message))}")
        if f.fix:
            console.print(f"         [green]fix:[/] {escape(printable(f.fix))}")


def render(report: AuditReport, *, color: bool = False, width: int = 100) -> str:
    buffer = StringIO()
    console = Console(file=buffer, force_terminal=color, width=width, highlight=False,
                      no_color=not color)
    for doc in report.documents:
        _document(console, doc)
    return buffer.getvalue()
