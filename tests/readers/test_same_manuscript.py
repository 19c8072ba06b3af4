"""One manuscript delivered as text, Markdown, Word, PDF and JATS, its list as BibTeX and RIS:
the same records and the same findings, whatever the format."""

from __future__ import annotations

import textwrap
from pathlib import Path

import docx
import pytest

from auditor.models import DocumentReport
from auditor.pipeline import AuditOptions, run_audit
from auditor.resolvers.factory import ResolverConfig
from auditor.testing.pdf_maker import column_pages, make_pdf

TITLE = "Ketamine for treatment-resistant depression"
BODY = ("Ketamine acts within hours in patients with treatment-resistant depression [1]. Its "
        "mechanisms have been reviewed [2, 5]. Randomised trials confirm the effect [3]. Dosing "
        "varies between studies [4], and side effects are common [6].")
WORKS = [  # (printed entry, authors, title, journal, year, volume, issue, pages, doi, pmid)
    ("Berman RM, Cappiello A, Anand A, Oren DA, Heninger GR, Charney DS, et al. Antidepressant "
     "effects of ketamine in depressed patients. Biol Psychiatry. 2000;47(4):351-354.",
     ["Berman, R M", "Cappiello, A", "Anand, A"], "Antidepressant effects of ketamine in "
     "depressed patients", "Biol Psychiatry", 2000, "47", "4", "351-354", None, None),
    ("Zanos P, Gould TD. Mechanisms of ketamine action as an antidepressant. Mol Psychiatry. "
     "2018;23(4):801-811.", ["Zanos, P", "Gould, T D"], "Mechanisms of ketamine action as an "
     "antidepressant", "Mol Psychiatry", 2018, "23", "4", "801-811", None, None),
    ("Murrough JW, Iosifescu DV, Chang LC, et al. Antidepressant efficacy of ketamine in "
     "treatment-resistant major depression: a two-site randomized controlled trial. Am J "
     "Psychiatry. 2013;170(10):1134-1142.", ["Murrough, J W", "Iosifescu, D V"],
     "Antidepressant efficacy of ketamine in treatment-resistant major depression: a two-site "
     "randomized controlled trial", "Am J Psychiatry", 2013, "170", "10", "1134-1142", None,
     None),
    ("Andrade C. Ketamine for depression, 4: in what dose, at what rate, by what route, for "
     "how long, and at what frequency? J Clin Psychiatry. 2017;78(7):e852-e857. PMID: 2874909",
     ["Andrade, C"], "Ketamine for depression, 4: in what dose, at what rate, by what route, "
     "for how long, and at what frequency?", "J Clin Psychiatry", 2017, "78", "7",
     "e852-e857", None, "2874909"),
    ("Zanos P, Gould TD. Mechanisms of ketamine action as an antidepressant. Mol Psychiatry. "
     "2018;23(4):801-811.", ["Zanos, P", "Gould, T D"], "Mechanisms of ketamine action as an "
     "antidepressant", "Mol Psychiatry", 2018, "23", "4", "801-811", None, None),
    ("Short B, Fong J, Galvez V, Shelker W, Loo CK. Side-effects associated with ketamine use "
     "in depression: a systematic review. Lancet Psychiatry. 2018;5(1):65-78.",
     ["Short, B", "Fong, J"], "Side-effects associated with ketamine use in depression: a "
     "systematic review", "Lancet Psychiatry", 2018, "5", "1", "65-78", None, None),
]
ENTRIES = [w[0] for w in WORKS]


def _text(folder: Path) -> Path:
    lines = [TITLE, "", BODY, "", "References", ""]
    lines += [f"{n}. {e}" for n, e in enumerate(ENTRIES, start=1)]
    path = folder / "paper.txt"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def _markdown(folder: Path) -> Path:
    lines = [f"# {TITLE}", "", BODY, "", "## References", ""]
    lines += [f"{n}. {e}" for n, e in enumerate(ENTRIES, start=1)]
    path = folder / "paper.md"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def _word(folder: Path) -> Path:
    word = docx.Document()
    word.add_heading(TITLE, 0)
    word.add_paragraph(BODY)
    word.add_heading("References", 1)
    for entry in ENTRIES:
        word.add_paragraph(entry, style="List Number")
    path = folder / "paper.docx"
    word.save(str(path))
    return path


def _pdf(folder: Path) -> Path:
    lines = [TITLE, "", *textwrap.wrap(BODY, 90), "", "References"]
    for n, entry in enumerate(ENTRIES, start=1):
        lines += textwrap.wrap(f"{n}. {entry}", 90, subsequent_indent="    ",
                               break_on_hyphens=False, break_long_words=False)
    path = folder / "paper.pdf"
    path.write_bytes(make_pdf(column_pages(lines, head="Psychiatry Res 2024")))
    return path


def _jats(folder: Path) -> Path:
    cited = BODY
    for n in range(6, 0, -1):
        cited = cited.replace(f"{n}]", f'<xref ref-type="bibr" rid="r{n}">{n}</xref>]')
    refs = "".join(f'<ref id="r{n}"><label>{n}</label><mixed-citation>{e}</mixed-citation></ref>'
                   for n, e in enumerate(ENTRIES, start=1))
    path = folder / "paper.xml"
    path.write_text(f'<article dtd-version="1.2"><front><article-meta><title-group>'
                    f"<article-title>{TITLE}</article-title></title-group></article-meta>"
                    f"</front><body><p>{cited}</p></body><back><ref-list>{refs}</ref-list>"
                    "</back></article>", "utf-8")
    return path


def _bibtex(folder: Path) -> Path:
    out = []
    for n, (_, authors, title, journal, year, volume, issue, pages, _, pmid) in enumerate(WORKS):
        fields = {"author": " and ".join(authors), "title": f"{{{title}}}", "journal": journal,
                  "year": year, "volume": volume, "number": issue, "pages": pages}
        if pmid:
            fields["pmid"] = pmid
        body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items())
        out.append(f"@article{{w{n},\n{body}\n}}")
    path = folder / "list.bib"
    path.write_text("\n\n".join(out) + "\n", "utf-8")
    return path


def _ris(folder: Path) -> Path:
    out = []
    for _, authors, title, journal, year, volume, issue, pages, _, _ in WORKS:
        first, last = pages.split("-")
        tags = ["TY  - JOUR", *(f"AU  - {a}" for a in authors), f"TI  - {title}",
                f"JO  - {journal}", f"PY  - {year}", f"VL  - {volume}", f"IS  - {issue}",
                f"SP  - {first}", f"EP  - {last}", "ER  - "]
        out.append("\n".join(tags))
    path = folder / "list.ris"
    path.write_text("\n".join(out) + "\n", "utf-8")
    return path


MAKERS = {"text": _text, "markdown": _markdown, "docx": _word, "pdf": _pdf, "jats": _jats,
          "bibtex": _bibtex, "ris": _ris}


@pytest.fixture(scope="module")
def audited(tmp_path_factory: pytest.TempPathFactory) -> dict[str, DocumentReport]:
    folder = tmp_path_factory.mktemp("same")
    out = {}
    for kind, make in MAKERS.items():
        report = run_audit([str(make(folder))], AuditOptions(offline=True),
                           ResolverConfig(offline=True))
        out[kind] = report.documents[0]
    return out


def _findings(doc: DocumentReport, codes: tuple[str, ...] | None = None
              ) -> list[tuple[str, tuple[int, ...]]]:
    index = {r.id: r.ref.index for r in doc.references}
    return sorted((f.code, tuple(sorted(index[i] for i in f.references if i in index)))
                  for f in doc.findings if codes is None or f.code in codes)


def _squash(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


@pytest.mark.parametrize("kind", ["markdown", "docx", "pdf"])
def test_printed_formats_give_the_records_and_findings_of_the_text(
        audited: dict[str, DocumentReport], kind: str) -> None:
    text, other = audited["text"], audited[kind]
    assert other.status == "ok", other.error
    assert [_squash(r.ref.text) for r in other.references] == [_squash(e) for e in ENTRIES]
    assert [r.ref.label for r in other.references] == [r.ref.label for r in text.references]
    assert _findings(other) == _findings(text)
    assert {t for c in other.in_text for t in c.targets} == {r.id for r in other.references}


def test_the_text_finds_the_duplicate_the_truncated_pmid_and_every_citation(
        audited: dict[str, DocumentReport]) -> None:
    found = _findings(audited["text"])
    assert ("RA101", (2, 5)) in found and ("RA201", (4,)) in found
    assert not [code for code, _ in found if code in ("RA501", "RA502")]


@pytest.mark.parametrize("kind", ["jats", "bibtex", "ris"])
def test_fielded_formats_give_the_same_works_and_list_findings(
        audited: dict[str, DocumentReport], kind: str) -> None:
    doc = audited[kind]
    assert doc.status == "ok", doc.error
    titles = [_squash(str(r.csl.get("title", ""))) for r in doc.references]
    assert titles == [_squash(w[2]) for w in WORKS]
    years = [r.csl.get("issued", {}).get("date-parts", [[None]])[0][0] for r in doc.references]
    assert years == [w[4] for w in WORKS]
    codes = ("RA101", "RA201") if kind != "ris" else ("RA101",)  # RIS has no PMID tag
    assert _findings(doc, codes) == _findings(audited["text"], codes)
