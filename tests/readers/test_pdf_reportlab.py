"""The PDF reader on a file another producer laid out: reportlab's platypus sets a two-column
article (justified body text, a hanging-indent reference list, running heads and page numbers
drawn on every page), as journals' typesetting does."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.pipeline import AuditOptions, audit_document
from auditor.readers import load
from auditor.resolvers.factory import ResolverConfig, build_resolver

reportlab = pytest.importorskip("reportlab")

FIXTURES = Path(__file__).resolve().parent.parent.parent / "fixtures"
BODY = ("Ketamine, an NMDA receptor antagonist, produces antidepressant effects within hours "
        "in patients whose depression did not respond to adequate trials of other treatments "
        "[1, 2]. Its mechanisms have been reviewed from the synapse to the circuit [3]. ")


def _entries() -> list[str]:
    lines = (FIXTURES / "seed001-references.txt").read_text("utf-8").splitlines()
    entries = [line for line in lines[1:] if line.strip() and not line.startswith("79.")]
    # Helvetica's encoding holds Latin-1: keep the entries it can print as they are.
    return [e for e in entries if all(ord(ch) < 256 for ch in e)][:30]


def _article(path: Path, entries: list[str]) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph
    from reportlab.platypus.flowables import Spacer

    width, height = A4
    gap, margin = 18, 50
    column = (width - 2 * margin - gap) / 2

    def furniture(canvas: object, doc: object) -> None:
        canvas.saveState()  # type: ignore[attr-defined]
        canvas.setFont("Helvetica", 8)  # type: ignore[attr-defined]
        canvas.drawString(margin, height - 30, "Psychiatry Res 2024; 12: 1-9")  # type: ignore[attr-defined]
        canvas.drawCentredString(width / 2, 25, str(doc.page))  # type: ignore[attr-defined]
        canvas.restoreState()  # type: ignore[attr-defined]

    frames = [Frame(margin + n * (column + gap), margin, column, height - 2 * margin,
                    showBoundary=0) for n in range(2)]
    doc = BaseDocTemplate(str(path), pagesize=A4,
                          pageTemplates=[PageTemplate(frames=frames, onPage=furniture)])
    body = ParagraphStyle("body", fontName="Helvetica", fontSize=9, leading=11,
                          alignment=4)  # justified
    heading = ParagraphStyle("heading", fontName="Helvetica-Bold", fontSize=11, leading=14)
    ref = ParagraphStyle("ref", fontName="Helvetica", fontSize=8, leading=10, leftIndent=12,
                         firstLineIndent=-12)
    story = [Paragraph("Ketamine for treatment-resistant depression", heading)]
    story += [Paragraph(BODY * 3, body) for _ in range(12)]
    story += [Spacer(1, 8), Paragraph("References", heading)]
    story += [Paragraph(f"{n}. {e}".replace("&", "&amp;").replace("<", "&lt;"), ref)
              for n, e in enumerate(entries, start=1)]
    doc.build(story)


def test_a_typeset_two_column_article_gives_its_list(tmp_path: Path) -> None:
    entries = _entries()
    path = tmp_path / "article.pdf"
    _article(path, entries)
    doc = load(str(path), None)
    assert not [line for line in doc.lines if "Psychiatry Res 2024; 12" in line]
    report = audit_document(doc, 1, AuditOptions(offline=True),
                            build_resolver(ResolverConfig(offline=True)))
    labels = [r.ref.label for r in report.references]
    assert labels == [f"{n}." for n in range(1, len(entries) + 1)]
    same = sum(" ".join(r.ref.raw.split()).replace("- ", "-") == " ".join(e.split())
               for r, e in zip(report.references, entries, strict=True))
    assert same >= len(entries) - 3  # a URL or DOI broken at a hyphen may join differently
    assert {t for c in report.in_text for t in c.targets} >= {
        r.id for r in report.references[:3]}


APA = [  # (entry as printed, the part set in italics)
    ("Berman, R. M., Cappiello, A., Anand, A., Oren, D. A., Heninger, G. R., Charney, D. S., "
     "& Krystal, J. H. (2000). Antidepressant effects of ketamine in depressed patients. "
     "Biological Psychiatry, 47(4), 351-354.", "Biological Psychiatry, 47"),
    ("Daly, E. J., Singh, J. B., Fedgchin, M., Cooper, K., Lim, P., Shelton, R. C., Thase, "
     "M. E., Winokur, A., & Drevets, W. C. (2018). Efficacy and safety of intranasal "
     "esketamine adjunctive to oral antidepressant therapy in treatment-resistant "
     "depression: A randomized clinical trial. JAMA Psychiatry, 75(2), 139-148.",
     "JAMA Psychiatry, 75"),
    ("Krystal, J. H., Abdallah, C. G., Sanacora, G., Charney, D. S., & Duman, R. S. (2019). "
     "Ketamine: A paradigm shift for depression research and treatment. Neuron, 101(5), "
     "774-778.", "Neuron, 101"),
    ("Short, B., Fong, J., Galvez, V., Shelker, W., & Loo, C. K. (2018). Side-effects "
     "associated with ketamine use in depression: A systematic review. The Lancet "
     "Psychiatry, 5(1), 65-78.", "The Lancet Psychiatry, 5"),
    ("Zanos, P., & Gould, T. D. (2018). Mechanisms of ketamine action as an antidepressant. "
     "Molecular Psychiatry, 23(4), 801-811.", "Molecular Psychiatry, 23"),
]


def test_italic_journal_names_keep_the_issue_and_pages_beside_them(tmp_path: Path) -> None:
    """An italic run's box leans into the next run, and its "(" reaches higher than the
    line's other glyphs: "47(4)" was read "47(7(4)", and "(2)," became a line of its own
    above the line it ends."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    path = tmp_path / "apa.pdf"
    style = ParagraphStyle("ref", fontName="Helvetica", fontSize=11, leading=14,
                           leftIndent=36, firstLineIndent=-36)
    story = [Paragraph("References", style)] + [
        Paragraph(entry.replace("&", "&amp;").replace(italic, f"<i>{italic}</i>"), style)
        for entry, italic in APA]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    report = audit_document(load(str(path), None), 1, AuditOptions(offline=True),
                            build_resolver(ResolverConfig(offline=True)))
    assert [" ".join(r.ref.raw.split()) for r in report.references] == [e for e, _ in APA]
