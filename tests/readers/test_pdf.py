"""The PDF reader: reading order across two columns, indents kept, page furniture left out,
superscript citations bracketed, and a PDF without text refused in one line."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from auditor.errors import InputError
from auditor.pipeline import AuditOptions, audit_document
from auditor.readers import load
from auditor.resolvers.factory import ResolverConfig, build_resolver
from auditor.testing.pdf_maker import PAGE_HEIGHT, Placed, column_pages, make_pdf

FIXTURES = Path(__file__).resolve().parent.parent.parent / "fixtures"
BODY = ("Ketamine, an NMDA receptor antagonist, produces antidepressant effects within hours "
        "in patients whose depression did not respond to two or more adequate trials of "
        "other treatments, and its mechanisms have been reviewed from the synapse to the "
        "circuit. ") * 6


def _seed_entries() -> list[str]:
    lines = (FIXTURES / "seed001-references.txt").read_text("utf-8").splitlines()
    return [line for line in lines[1:] if line.strip()]


def _article(entries: list[str], columns: int) -> bytes:
    """An article as a journal prints it: body text, a "References" heading, then the list
    numbered and wrapped with a hanging indent, running heads and page numbers on every
    page."""
    width = 52 if columns == 2 else 95
    lines = [*textwrap.wrap(BODY, width), "", "References"]
    for number, entry in enumerate(entries, start=1):
        wrapped = textwrap.wrap(f"{number}. {entry}", width, subsequent_indent="    ",
                                break_on_hyphens=False)
        lines.extend(wrapped)
    return make_pdf(column_pages(lines, columns=columns, per_column=55,
                                 head="Ketamine review   Psychiatry Res 2024"))


@pytest.mark.parametrize("columns", [1, 2])
def test_a_printed_list_comes_out_whole_in_either_layout(tmp_path: Path, columns: int) -> None:
    entries = _seed_entries()
    path = tmp_path / "article.pdf"
    path.write_bytes(_article(entries, columns))
    doc = load(str(path), None)
    assert doc.reader == "pdf"
    assert not [line for line in doc.lines if "Psychiatry Res 2024" in line]  # running head
    resolver = build_resolver(ResolverConfig(offline=True))
    report = audit_document(doc, 1, AuditOptions(offline=True), resolver)
    assert [r.ref.label for r in report.references] == [f"{n}." for n in
                                                        range(1, len(entries) + 1)]
    printable = [e.encode("cp1252", "replace").decode("cp1252") for e in entries]
    got = [r.ref.raw for r in report.references]
    same = sum(" ".join(g.split()) == " ".join(p.split()) for g, p in zip(got, printable,
                                                                         strict=True))
    assert same >= len(entries) - 2  # a DOI or URL broken at a hyphen may join differently


def test_superscript_numbers_are_citations(tmp_path: Path) -> None:
    y = PAGE_HEIGHT - 100
    page = [Placed(50, y, "Ketamine acts within hours", 10), Placed(172, y + 4, "1,2", 6),
            Placed(181, y, "and lasts a week.", 10)]
    path = tmp_path / "cites.pdf"
    path.write_bytes(make_pdf([page]))
    assert load(str(path), None).lines[0] == "Ketamine acts within hours[1,2] and lasts a week."


@pytest.mark.parametrize("number", ["087003-4", "xii", "Page 3 of 10", "| 12", "(7)"])
def test_a_page_number_in_the_margin_is_left_out_on_a_single_page(tmp_path: Path,
                                                                  number: str) -> None:
    """A page number is read as the line facts read one (an article-numbered journal's
    "087003-4", a roman "xii") even where no page repeats it."""
    page = [Placed(50, PAGE_HEIGHT - 100, "Ketamine acts within hours.", 10),
            Placed(300, 30, number, 9)]
    path = tmp_path / "one-page.pdf"
    path.write_bytes(make_pdf([page]))
    assert load(str(path), None).lines == ("Ketamine acts within hours.",)


def test_a_pdf_without_text_is_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(make_pdf([]))
    with pytest.raises(InputError, match="no text layer"):
        load(str(path), None)


def test_a_damaged_pdf_is_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n this is not a pdf at all")
    with pytest.raises(InputError, match="cannot open the PDF"):
        load(str(path), None)


def _entry_lines(x: float, top: float, texts: list[tuple[int, str]]) -> list[Placed]:
    """Lines 14 points apart, each set in by its indent (points) from ``x``."""
    return [Placed(x + indent, top - 14 * n, text, 10) for n, (indent, text) in enumerate(texts)]


def test_a_last_page_that_holds_only_an_entrys_tail_keeps_its_indent(tmp_path: Path) -> None:
    """The last page of a hanging-indent list may hold nothing but the tail of its last
    entry; counted from that page's own leftmost line, the tail would read as flush and
    start an entry of its own (an ASA list's "Retrieved (https://doi.org/...)")."""
    top = PAGE_HEIGHT - 100
    first = _entry_lines(72, top, [(0, "Xie, Luke et al. 2010. “Quantitative Analysis of"),
                                   (18, "Aquaporin-2 Phosphorylation.” American Journal"),
                                   (0, "Zhang, Youwei. 2017. “A Facile Route to"),
                                   (18, "Crosslinked Nanoparticles.” Colloids and")])
    tail = _entry_lines(72, top, [(18, "Surfaces A 531:1–8. Retrieved"),
                                  (18, "(https://doi.org/10.1016/j.colsurfa.2017.07.062).")])
    path = tmp_path / "tail.pdf"
    path.write_bytes(make_pdf([first, tail]))
    lines = load(str(path), None).lines
    assert lines[-2:] == ("    Surfaces A 531:1–8. Retrieved",
                          "    (https://doi.org/10.1016/j.colsurfa.2017.07.062).")
    assert lines[0].startswith("Xie") and lines[1].startswith("    Aquaporin")


def test_pages_whose_margins_mirror_are_each_counted_from_their_own_edge(
        tmp_path: Path) -> None:
    """A book sets its even pages further right than its odd ones; a page whose side of
    the spread starts there elsewhere too is not read as set in."""
    top = PAGE_HEIGHT - 100
    pages = [_entry_lines(72 if n % 2 == 0 else 96, top,
                          [(0, f"Author{n}, A. 2010. Title of work {n}."),
                           (18, "Journal of Things 3:1–8.")]) for n in range(4)]
    path = tmp_path / "book.pdf"
    path.write_bytes(make_pdf(pages))
    lines = load(str(path), None).lines
    assert [line for line in lines if line.startswith("Author")] == [
        f"Author{n}, A. 2010. Title of work {n}." for n in range(4)]
