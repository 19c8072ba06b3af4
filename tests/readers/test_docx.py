"""The Word reader: what the page shows (numbers, headings, superscripts, notes), reference
managers' fields as records, and archives that would inflate without bound."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from auditor.errors import InputError
from auditor.models import Document, DocumentReport
from auditor.pipeline import AuditOptions, audit_document
from auditor.readers import load
from auditor.readers.docx import ArchiveLimits, check_archive
from auditor.resolvers.factory import ResolverConfig, build_resolver

REFS = [
    "Berman RM, Cappiello A, Anand A, et al. Antidepressant effects of ketamine in depressed "
    "patients. Biol Psychiatry. 2000;47(4):351-354.",
    "Zarate CA Jr, Singh JB, Carlson PJ, et al. A randomized trial of an N-methyl-D-aspartate "
    "antagonist in treatment-resistant major depression. Arch Gen Psychiatry. 2006;63(8):856-864.",
    "Murrough JW, Iosifescu DV, Chang LC, et al. Antidepressant efficacy of ketamine in "
    "treatment-resistant major depression: a two-site randomized controlled trial. Am J "
    "Psychiatry. 2013;170(10):1134-1142.",
]


def _audit(doc: Document) -> DocumentReport:
    resolver = build_resolver(ResolverConfig(offline=True))
    return audit_document(doc, 1, AuditOptions(offline=True), resolver)


def _superscript(paragraph: docx.text.paragraph.Paragraph, text: str) -> None:
    paragraph.add_run(text).font.superscript = True


def _numbered_paper(path: Path) -> Path:
    d = docx.Document()
    d.add_heading("Ketamine and depression", 0)
    p = d.add_paragraph("Ketamine acts within hours")
    _superscript(p, "1,2")
    p.add_run(" and the effect lasts a week")
    _superscript(p, "3")
    p.add_run(". The sample covered 3 cm")
    _superscript(p, "2")
    p.add_run(".")
    d.add_heading("References", 1)
    for ref in REFS:
        d.add_paragraph(ref, style="List Number")
    d.save(str(path))
    return path


def test_automatic_numbers_are_printed_and_superscripts_are_citations(tmp_path: Path) -> None:
    doc = load(str(_numbered_paper(tmp_path / "paper.docx")), None)
    assert doc.reader == "docx"
    assert "Ketamine acts within hours[1,2] and the effect lasts a week[3]." in doc.text
    assert "3 cm2." in doc.text  # an exponent after a unit stays an exponent
    assert [b.kind for b in doc.blocks][:3] == ["heading", "paragraph", "heading"]
    numbered = [line for line in doc.lines if line[:2] in ("1.", "2.", "3.")]
    assert [line[:10] for line in numbered] == ["1. Berman ", "2. Zarate ", "3. Murroug"]


def test_a_word_file_is_audited_like_its_printed_page(tmp_path: Path) -> None:
    doc = load(str(_numbered_paper(tmp_path / "paper.docx")), None)
    report = _audit(doc)
    assert [r.ref.label for r in report.references] == ["1.", "2.", "3."]
    assert {c.numbers for c in report.in_text} >= {(1, 2), (3,)}
    assert not [f for f in report.findings if f.code in ("RA501", "RA502")]


def _numbering_xml(text: str) -> bytes:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    return (f'<w:numbering xmlns:w="{w}"><w:abstractNum w:abstractNumId="7"><w:lvl w:ilvl="0">'
            f'<w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="{text}"/>'
            '</w:lvl></w:abstractNum><w:num w:numId="9"><w:abstractNumId w:val="7"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="4"/></w:lvlOverride></w:num>'
            '</w:numbering>').encode()


def _with_part(source: Path, target: Path, name: str, xml: bytes, rel_type: str,
               content_type: str) -> Path:
    """``source`` with a part of our own, related from the document: a numbering definition
    or footnotes, which python-docx does not write itself."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        present = f"word/{name}" in old.namelist()
        for item in old.infolist():
            data = old.read(item.filename)
            if present:
                pass
            elif item.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", (
                    f'<Relationship Id="rIdX" Type="{rel_type}" Target="{name}"/>'
                    "</Relationships>").encode())
            elif item.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", (
                    f'<Override PartName="/word/{name}" ContentType="{content_type}"/>'
                    "</Types>").encode())
            if item.filename != f"word/{name}":
                new.writestr(item, data)
        new.writestr(f"word/{name}", xml)
    return target


REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CT = "application/vnd.openxmlformats-officedocument.wordprocessingml."


def test_bracketed_numbers_from_a_list_that_starts_at_four(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_heading("References", 1)
    for ref in REFS:
        p = d.add_paragraph(ref)
        numpr = OxmlElement("w:numPr")
        for tag, value in (("w:ilvl", "0"), ("w:numId", "9")):
            child = OxmlElement(tag)
            child.set(qn("w:val"), value)
            numpr.append(child)
        p._p.get_or_add_pPr().append(numpr)
    d.save(str(tmp_path / "plain.docx"))
    path = _with_part(tmp_path / "plain.docx", tmp_path / "bracketed.docx", "numbering.xml",
                      _numbering_xml("[%1]"), REL + "numbering", CT + "numbering+xml")
    doc = load(str(path), None)
    assert [line[:4] for line in doc.lines if line.startswith("[")] == ["[4] ", "[5] ", "[6] "]


def _with_footnotes(folder: Path, texts: list[str], separators: tuple[str, ...]) -> Path:
    """``folder``'s plain.docx given footnotes: Word's separators (each opening tag given,
    holding "--"), then one note for each of ``texts``, its ids on from the separators' (a
    note's id is at least 1)."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    first = max(1, *(int(tag.split('w:id="')[1].split('"')[0]) + 1 for tag in separators))
    notes = (f'<w:footnotes xmlns:w="{w}">'
             + "".join(f"{tag}<w:p><w:r><w:t>--</w:t></w:r></w:p></w:footnote>"
                       for tag in separators)
             + "".join(f'<w:footnote w:id="{first + n}"><w:p><w:r><w:t>{text}</w:t></w:r>'
                       "</w:p></w:footnote>" for n, text in enumerate(texts))
             + "</w:footnotes>").encode()
    return _with_part(folder / "plain.docx", folder / "notes.docx", "footnotes.xml", notes,
                      REL + "footnotes", CT + "footnotes+xml")


def test_footnotes_follow_the_body_as_numbered_notes(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("Body text that cites a source in a note.")
    d.save(str(tmp_path / "plain.docx"))
    path = _with_footnotes(tmp_path, REFS, separators=('<w:footnote w:type="separator" '
                                                       'w:id="-1">',))
    doc = load(str(path), None)
    at = doc.lines.index("Notes")
    assert [line[:9] for line in doc.lines[at + 1:] if line] == [
        "1. Berman", "2. Zarate", "3. Murrou"]
    assert "--" not in doc.lines


def test_a_footnotes_call_cites_its_note_and_the_note_its_entry(tmp_path: Path) -> None:
    """Word prints a footnote's call from a reference mark that holds no text: the text cited
    nothing, so a notes-bibliography manuscript's in-text checks never ran. The call reads as
    its note's number; the notes name the bibliography's entries, one of them uncited."""
    d = docx.Document()
    body = d.add_paragraph("Ketamine acts within hours.")
    for n in (1, 2):
        run = OxmlElement("w:r")
        mark = OxmlElement("w:footnoteReference")
        mark.set(qn("w:id"), str(n + 1))  # Word's own ids: the separators take 0 and 1
        run.append(mark)
        body._p.append(run)
        if n == 1:
            body.add_run(" A trial agreed.")
    d.add_heading("Bibliography", 1)
    for entry in ("Berman, Robert M., and John H. Krystal. 2000. “Antidepressant Effects of "
                  "Ketamine in Depressed Patients.” Biological Psychiatry 47 (4): 351–54.",
                  "Murrough, James W. 2012. “Ketamine as a Novel Antidepressant.” Depression "
                  "and Anxiety 29 (2): 111–18.",
                  "Zarate, Carlos A., and Paul J. Carlson. 2006. “A Randomized Trial of an NMDA "
                  "Antagonist.” Archives of General Psychiatry 63 (8): 856–64."):
        d.add_paragraph(entry)
    d.save(str(tmp_path / "plain.docx"))
    path = _with_footnotes(tmp_path, ["Berman and Krystal, “Antidepressant Effects,” 352.",
                                      "Zarate and Carlson, “A Randomized Trial,” 856."],
                           separators=('<w:footnote w:type="separator" w:id="0">',
                                       '<w:footnote w:type="continuationSeparator" w:id="1">'))
    assert load(str(path), None).lines[0] == "Ketamine acts within hours.[1] A trial agreed.[2]"
    options = AuditOptions(offline=True)
    report = audit_document(load(str(path), None), 1, options,
                            build_resolver(ResolverConfig(offline=True)))
    uncited = [f.references for f in report.findings if f.code == "RA501"]
    assert uncited == [("d1:r2",)]  # Murrough: the notes follow the body, r4 and r5
    assert not [f for f in report.findings if f.code in ("RA101", "RA502")]


def _field(paragraph: docx.text.paragraph.Paragraph, code: str, shown: str) -> None:
    def run_with(child: OxmlElement) -> None:
        run = OxmlElement("w:r")
        run.append(child)
        paragraph._p.append(run)

    for kind, text in (("begin", None), (None, code), ("separate", None), (None, shown),
                       ("end", None)):
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run_with(char)
        else:
            node = OxmlElement("w:instrText" if text == code else "w:t")
            node.text = text
            run_with(node)


def test_zotero_fields_are_the_records_and_the_citations(tmp_path: Path) -> None:
    items = [{"id": 11, "type": "article-journal", "title": "Antidepressant effects of "
              "ketamine in depressed patients", "author": [{"family": "Berman", "given": "R M"}],
              "issued": {"date-parts": [[2000]]}, "container-title": "Biol Psychiatry",
              "DOI": "10.1016/S0006-3223(99)00230-9"},
             {"id": 12, "type": "article-journal", "title": "A randomized trial of an NMDA "
              "antagonist", "author": [{"family": "Zarate", "given": "C A"}],
              "issued": {"date-parts": [[2006]]}, "container-title": "Arch Gen Psychiatry"}]
    d = docx.Document()
    p = d.add_paragraph("Ketamine works ")
    _field(p, "ADDIN ZOTERO_ITEM CSL_CITATION " + json.dumps(
        {"citationItems": [{"id": 11, "itemData": items[0]}]}), "(Berman 2000)")
    p.add_run(" and again ")
    _field(p, "ADDIN ZOTERO_ITEM CSL_CITATION " + json.dumps(
        {"citationItems": [{"id": 11, "itemData": items[0]}, {"id": 12, "itemData": items[1]}]}),
        "(Berman 2000; Zarate 2006)")
    d.add_heading("References", 1)
    bib = d.add_paragraph()
    _field(bib, "ADDIN ZOTERO_BIBL {\"uncited\":[]} CSL_BIBLIOGRAPHY", "Berman RM. Printed.")
    d.save(str(tmp_path / "zotero.docx"))
    doc = load(str(tmp_path / "zotero.docx"), None)
    assert [r["title"][:14] for r in doc.records] == ["Antidepressant", "A randomized t"]
    assert "Berman RM. Printed." not in doc.lines  # the printed bibliography is not re-read
    assert sorted({index for index, _, _ in doc.cited}) == [0, 1]
    report = _audit(doc)
    assert report.split_mode == "records"
    assert len(report.references) == 2


def test_not_a_word_file_is_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 this is no archive word/")
    with pytest.raises(InputError, match="not a readable Word file"):
        load(str(path), None)


def test_an_archive_that_inflates_past_the_limit_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<" + b" " * (4 * 1024 * 1024))
    with pytest.raises(InputError, match="zip bomb"):
        check_archive(buffer.getvalue(), "bomb.docx")
    with pytest.raises(InputError, match="byte limit"):
        check_archive(buffer.getvalue(), "bomb.docx", ArchiveLimits(total_bytes=1024))


def test_endnote_fields_are_records_too(tmp_path: Path) -> None:
    cite = ("ADDIN EN.CITE <EndNote><Cite><Author>Zanos</Author><Year>2018</Year>"
            "<RecNum>7</RecNum><record><rec-number>7</rec-number><contributors><authors>"
            "<author>Zanos, P.</author><author>Gould, T. D.</author></authors></contributors>"
            "<titles><title>Mechanisms of ketamine action as an antidepressant</title>"
            "<secondary-title>Mol Psychiatry</secondary-title></titles><volume>23</volume>"
            "<number>4</number><pages>801-811</pages><dates><year>2018</year></dates>"
            "<electronic-resource-num>10.1038/mp.2017.255</electronic-resource-num>"
            "</record></Cite></EndNote>")
    d = docx.Document()
    p = d.add_paragraph("Ketamine works ")
    _field(p, cite, "(Zanos and Gould, 2018)")
    d.save(str(tmp_path / "endnote.docx"))
    doc = load(str(tmp_path / "endnote.docx"), None)
    (record,) = doc.records
    assert record["title"] == "Mechanisms of ketamine action as an antidepressant"
    assert record["author"][0] == {"family": "Zanos", "given": "P."}
    assert record["DOI"] == "10.1038/mp.2017.255"
    assert record["issued"] == {"date-parts": [[2018]]}
    assert [index for index, _, _ in doc.cited] == [0]
