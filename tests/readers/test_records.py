"""Fielded inputs: records come in with their fields, and the checks read those fields."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from auditor.cli import app
from tests.conftest import FIXTURES, audit_json, findings_of

RECORDS = FIXTURES / "records"
runner = CliRunner()


def test_bibtex_records_keep_their_fields_and_are_checked() -> None:
    doc = audit_json(RECORDS / "sample.bib")
    assert doc["reader"] == "bibtex" and doc["split_mode"] == "records"
    authors = [r["csl"].get("author") for r in doc["references"]]
    assert authors[2] == [{"literal": "World Health Organization"}]  # braced: one author
    assert authors[3][1]["family"] == "Bolaños-Guzmán"  # LaTeX accents decoded
    assert doc["references"][0]["csl"]["page"] == "801-811"
    (dup,) = findings_of(doc, "RA101")
    assert dup["references"] == ["d1:r1", "d1:r2"]
    (pmid,) = findings_of(doc, "RA201")
    assert pmid["references"] == ["d1:r4"]
    # A rendering is no printed entry: no style, label or debris findings on it.
    assert not {f["code"] for f in doc["findings"]} & {"RA102", "RA104", "RA105"}


def test_ris_and_csl_json_records() -> None:
    for name, reader in (("sample.ris", "ris"), ("sample.json", "csl-json")):
        doc = audit_json(RECORDS / name)
        (ref,) = doc["references"]
        assert doc["reader"] == reader
        assert ref["csl"]["title"] == "Mechanisms of ketamine action as an antidepressant"
        assert ref["csl"]["container-title"] == "Molecular Psychiatry"
        assert [i["value"] for i in ref["identifiers"] if i["type"] == "doi"] == [
            "10.1038/mp.2017.255"]


def test_an_organisation_without_a_comma_is_one_author_and_a_place_is_kept(
        tmp_path: Path) -> None:
    """RIS gives a corporate author as "World Health Organization": read as a person it
    was "Organization WH". The city (RIS CY, BibTeX address) was left out of the record."""
    path = tmp_path / "two.ris"
    path.write_text("TY  - ELEC\nAU  - World Health Organization\nPY  - 2021\n"
                    "TI  - Depression\nUR  - https://www.who.int/x\nER  - \n\n"
                    "TY  - BOOK\nAU  - Boyd, Stephen\nPY  - 2004\nTI  - Convex Optimization\n"
                    "PB  - Cambridge University Press\nCY  - Cambridge\nER  - \n",
                    encoding="utf-8")
    doc = audit_json(path)
    assert doc["references"][0]["csl"]["author"] == [{"literal": "World Health Organization"}]
    assert doc["references"][1]["raw"] == ("Boyd S. Convex Optimization. Cambridge: Cambridge "
                                           "University Press; 2004.")


def test_findings_on_fielded_records_point_at_the_files_lines(tmp_path: Path) -> None:
    """A record's span was its line in the rendered list ("line 2" for an entry that starts
    on line 12 of the .bib file), which no editor can open."""
    entry = ("@article{{{key},\n  author = {{Berman, Robert M.}},\n  title = {{Antidepressant "
             "effects of ketamine}},\n  journal = {{Biol Psychiatry}},\n  year = {{2000}},\n"
             "  pages = {{351--354}}\n}}\n")
    bib = tmp_path / "two.bib"
    bib.write_text("% exported\n\n" + entry.format(key="a") + "\n" + entry.format(key="b"),
                   encoding="utf-8")
    doc = audit_json(bib)
    assert [r["span"] for r in doc["references"]] == [
        {"start_line": 3, "end_line": 9}, {"start_line": 11, "end_line": 17}]
    (dup,) = findings_of(doc, "RA101")
    assert dup["references"] == ["d1:r1", "d1:r2"]
    record = "TY  - JOUR\nAU  - Berman, Robert M.\nTI  - Antidepressant effects\nPY  - 2000\nER  - \n"
    ris = tmp_path / "two.ris"
    ris.write_text("\ufeff" + record + "\n\n" + record, encoding="utf-8")
    doc = audit_json(ris)
    assert [r["span"] for r in doc["references"]] == [
        {"start_line": 1, "end_line": 5}, {"start_line": 8, "end_line": 12}]
    item = {"type": "article-journal", "title": "Antidepressant effects",
            "author": [{"family": "Berman", "given": "Robert M."}]}
    csl = tmp_path / "two.json"
    csl.write_text(json.dumps([item, {**item, "title": "Another"}], indent=2), encoding="utf-8")
    doc = audit_json(csl)
    assert [r["span"] for r in doc["references"]] == [
        {"start_line": 2, "end_line": 11}, {"start_line": 12, "end_line": 21}]


def test_broken_fielded_files_are_one_line_and_exit_2(tmp_path: Path) -> None:
    bad_bib = tmp_path / "bad.bib"
    bad_bib.write_text("@article{x,\n title={Broken\n", "utf-8")
    bad_json = tmp_path / "bad.json"
    bad_json.write_text('{"a": 1}', "utf-8")
    for path in (bad_bib, bad_json):
        result = runner.invoke(app, ["audit", str(path), "--offline", "-o", "-"])
        assert result.exit_code == 2 and "Traceback" not in result.output


def test_jats_ref_list_and_xref_citations() -> None:
    doc = audit_json(RECORDS / "sample.xml")
    assert doc["reader"] == "jats" and len(doc["references"]) == 4
    berman, zanos, george, _ = doc["references"]
    assert berman["csl"]["author"][0] == {"family": "Berman", "given": "RM"}
    assert [i["value"] for i in berman["identifiers"] if i["type"] == "pmid"] == ["10686270"]
    assert zanos["csl"]["page"] == "801-811"  # a tagged mixed-citation gives fields
    assert george["csl"]["container-title"]  # an untagged one is parsed from its text
    assert "[1, 3]" in george["context"][0]
    (uncited,) = findings_of(doc, "RA501")
    assert uncited["references"] == ["d1:r4"]


def test_jats_entities_are_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET", "utf-8")
    xml = (f'<?xml version="1.0"?><!DOCTYPE article [<!ENTITY x SYSTEM "file://{secret}">]>'
           '<article><body><p>See [1].</p></body><back><ref-list><ref id="R1">'
           '<mixed-citation>Smith J. A paper about &x; things. J Test. 2020;1:1-9.'
           '</mixed-citation></ref></ref-list></back></article>')
    path = tmp_path / "a.xml"
    path.write_text(xml, "utf-8")
    result = runner.invoke(app, ["audit", str(path), "--offline", "--from", "jats", "-o", "-",
                                 "--format", "json"])
    assert "TOPSECRET" not in result.stdout
    no_refs = tmp_path / "b.xml"
    no_refs.write_text("<article><front/><body><p>x</p></body></article>", "utf-8")
    bad = runner.invoke(app, ["audit", str(no_refs), "--offline", "--from", "jats", "-o", "-"])
    assert bad.exit_code == 2 and "ref-list" in bad.output


def test_exports_round_trip_through_the_readers(tmp_path: Path) -> None:
    from auditor.formats.records import to_bibtex, to_csl_json
    from auditor.readers.records import read_bibtex, read_csl_json

    records = [{"type": "report", "title": "Depression & other disorders",
                "author": [{"literal": "World Health Organization"}],
                "issued": {"date-parts": [[2017]]}},
               {"type": "article-journal", "title": "Mechanisms of ketamine action",
                "author": [{"family": "Zanos", "given": "P"}], "container-title": "Mol Psych",
                "issued": {"date-parts": [[2018]]}, "page": "801-811"}]
    back = read_bibtex(to_bibtex(records), "x.bib").records
    assert back[0]["author"] == [{"literal": "World Health Organization"}]
    assert back[0]["title"] == "Depression & other disorders"
    assert back[1]["page"] == "801-811"
    items = read_csl_json(to_csl_json(records), "x.json").records
    assert all(item.get("id") for item in items)
